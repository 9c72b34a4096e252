"""Literal and associative uses of English place names.

A place name may name the place itself ("fighting in Syria", "the road to Mosul") or
something associated with it: the state as an actor ("The UK has flown 870 missions",
"announced by Russia and Turkey"), its forces or offices ("U.S. forces", "Baghdad
Operational Command"), its people ("the people of Mosul"), an organisation it is part of
the name of ("Damascus University"). Gritta et al. (2019, "A Pragmatic Guide to
Geoparsing Evaluation") call the second kind *associative* (metonymic) toponyms.

Corpora disagree on them: the LGL schema and GeoWebNews count them as toponyms, entity
recognition schemas such as re3d tag them ``Organisation`` and only the literal uses
``Location``. :func:`literal_only` keeps the literal uses of a geoparse (the
``geomap-literal`` evaluation system), :func:`associative` says which are not. The
words that decide are knowledge, in ``data/not_places.yaml`` (``associative``).
Those schemas also mark common-noun phrases that name a place ("the city", "the front
line"); :func:`location_phrases` finds them (``data/location_phrases.yaml``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..knowledge import cached_yaml, word_list
from ..records import Mention, Resolved
from ..text.normalize import fold, is_arabic
from .arabic import arabic_sense
from .cues import place_words

_WORDS = (r"(?:\s*-\s*|\s+)([A-Za-z][\w'’]*)(?:\s+([A-Za-z][\w'’]*))?"
          r"(?:\s+([A-Za-z][\w'’]*))?(?:\s+([A-Za-z][\w'’]*))?")
_NEXT_WORDS = re.compile(_WORDS)
#: after an abbreviation ("U.S. forces") the full stop is the abbreviation's, not a sentence's
_NEXT_AFTER_DOT = re.compile(r"\." + _WORDS)
_POSSESSIVE = re.compile(r"\.?\s*['’]\s*s\s+(\w+)")
_WORDS_BEFORE = re.compile(r"([A-Za-z][\w'’]*)\s+(?:the\s+)?$")
_TWO_BEFORE = re.compile(r"([A-Za-z][\w'’]*)\s+([A-Za-z][\w'’]*)\s+(?:the\s+)?$")
_HEAD_OF = re.compile(r"([A-Za-z][\w'’]*)\s+(?:of|for)\s+(?:the\s+)?$")
_CLAUSE_START = re.compile(r"(?:^|[.!?:;,\"“(]\s*|\b(?:that|as|while|because|and|but)\s+)"
                           r"(?:the\s+)?$", re.IGNORECASE)


@functools.cache
def _lists() -> dict[str, frozenset[str]]:
    data = (cached_yaml("not_places.yaml") or {}).get("associative") or {}
    return {k: frozenset(fold(str(w)) for w in v or ()) for k, v in data.items()}


def _country(r: Resolved) -> bool:
    p = r.place
    return p is not None and (p.is_country or p.feature_code in ("CONT", "RGN"))


def associative(text: str, r: Resolved) -> bool:
    """Does the English mention ``r`` of ``text`` name something associated with the
    place rather than the place itself?

    >>> from geomap.geoparse import geoparse
    >>> text = "The UK has sent aid to Syria."
    >>> [associative(text, r) for r in geoparse(text)]
    [True, False]
    """
    return sense(text, r) is not None


def sense(text: str, r: Resolved) -> str | None:
    """What the English mention ``r`` of ``text`` names when not the place itself:

    * ``"union"``: a union of states named like a region ("the EU", "NATO");
    * ``"name"``: a word of an organisation's name ("Baghdad Operational Command",
      "Damascus University");
    * ``"modifier"``: the modifier of a state's body or a group ("U.S. forces",
      "US-led", "UK Government");
    * ``"people"``: the head of a phrase with "of" ("the people of Mosul", "President of
      Syria");
    * ``"state"``: a country as an actor ("the UK's commitment", "The UK has flown",
      "announced by Russia");

    ``None`` when it names the place.

    >>> from geomap.geoparse import geoparse
    >>> text = "Damascus University said US forces struck Raqqa."
    >>> [sense(text, r) for r in geoparse(text)]
    ['name', 'modifier', None]
    """
    m = r.mention
    if is_arabic(m.surface):
        return arabic_sense(text, r)
    if not m.surface[:1].isascii():
        return None
    lists = _lists()
    if fold(m.surface) in lists["organisations"]:
        return "union"  # "the EU", "NATO"
    nxt = (_NEXT_AFTER_DOT if "." in m.surface else _NEXT_WORDS).match(text, m.end)
    if nxt is None:
        nxt = _NEXT_WORDS.match(text, m.end)
    if nxt is not None:
        after = _organisation_after(nxt, lists)
        if after is not None:
            return after  # "U.S. forces", "US-led", "Baghdad Operational Command"
    head = _HEAD_OF.search(text, max(0, m.start - 40), m.start)
    if head is not None and fold(head.group(1)) in lists["of_heads"]:
        return "people"  # "the people of Mosul", "President of Syria"
    return "state" if _country(r) and _state(text, m, nxt, lists) else None


def _state(
    text: str, m: Mention, nxt: re.Match[str] | None, lists: dict[str, frozenset[str]]
) -> bool:
    """Does the country's name ``m`` stand for the state acting: a possessive of a thing
    of the state ("the UK's commitment"; not "Syria's north", "Iraq's Anbar province"),
    the subject of a verb ("The UK has flown", "as Iraq continues"), an agent or a
    partner ("announced by Russia", "our ally Turkey", "support for Iraq")?"""
    poss = _POSSESSIVE.match(text, m.end)
    if poss is not None:
        word = poss.group(1)
        return not (
            word[:1].isupper()
            or fold(word) in lists["literal_after_possessive"]
            or fold(word) in place_words("place_nouns", "en")
        )
    if nxt is not None and fold(nxt.group(1)) in lists["subject_verbs"] and _CLAUSE_START.search(
        text, max(0, m.start - 40), m.start
    ):
        return True
    before = _WORDS_BEFORE.search(text, max(0, m.start - 40), m.start)
    if before is not None and fold(before.group(1)) in lists["agent_before"]:
        return True
    two = _TWO_BEFORE.search(text, max(0, m.start - 50), m.start)
    phrase = f"{fold(two.group(1))} {fold(two.group(2))}" if two is not None else ""
    return phrase in lists["agent_phrases"]


def _organisation_after(nxt: re.Match[str], lists: dict[str, frozenset[str]]) -> str | None:
    """Do the words after a name make it a word of an organisation's name (capitalised
    words ending in an organisation's head: "Operational Command", "Recovery Trust Fund":
    ``"name"``) or a modifier of a state's body (an organisation word right after it:
    "forces", "-led": ``"modifier"``)?"""
    words = [w for w in nxt.groups() if w]
    for w in words:
        if not w[:1].isupper():
            break
        if fold(w) in lists["organisation_heads"]:
            return "name"
    return "modifier" if fold(words[0]) in lists["organisation_words"] else None


#: what separates the names of a list: "A, B and C", "A and the B", "روسيا وتركيا"
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?")
#: the same in Arabic, whose "and" is glued to the next name ("روسيا وتركيا")
_LIST_GAP_AR = re.compile(r"\s*[,،]?\s*")


def _same_list(text: str, a: Resolved, b: Resolved) -> bool:
    """Are ``a`` and ``b`` (``b`` after ``a``) two countries next to each other in a list?"""
    if not (_country(a) and _country(b)):
        return False
    if b.mention.surface[:1] == "و" and is_arabic(b.mention.surface):
        return bool(_LIST_GAP_AR.fullmatch(text, a.mention.end, b.mention.start))
    return bool(_LIST_GAP.fullmatch(text, a.mention.end, b.mention.start))


def literal_only(text: str, resolved: Sequence[Resolved]) -> list[Resolved]:
    """The mentions of ``resolved`` (a geoparse of ``text``) that name the place itself.
    The countries of one list share a sense: "announced by Russia and Turkey", "between
    the UK and Uzbekistan" name two states."""
    flags = [associative(text, r) for r in resolved]
    pairs = [n for n in range(1, len(resolved)) if _same_list(text, resolved[n - 1], resolved[n])]
    for n in pairs:  # forwards, then backwards: every member of the list
        flags[n] = flags[n] or flags[n - 1]
    for n in reversed(pairs):
        flags[n - 1] = flags[n - 1] or flags[n]
    return [r for r, f in zip(resolved, flags, strict=True) if not f]


@functools.cache
def _phrase_pattern(lang: str) -> re.Pattern[str] | None:
    def words(key: str) -> str:
        found = sorted(word_list("location_phrases.yaml", key, lang), key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in found)

    dets, stops, heads = words("determiners"), words("not_modifiers"), words("heads")
    if not (dets and heads):
        return None
    modifier = rf"(?:(?!(?:{stops})\s)[a-z][a-z-]*\s+)" if stops else r"(?:[a-z][a-z-]*\s+)"
    return re.compile(
        rf"\b(?i:{dets})\s+{modifier}{{0,2}}(?:{heads})\b(?!\s+of\s+(?:the\s+)?[A-Z])"
    )


def location_phrases(text: str, language: str = "en") -> list[Mention]:
    """The common-noun phrases of ``text`` that name a place without a proper name ("the
    city", "this village", "a fighting position"), as entity schemas of conflict
    reporting mark them (re3d's ``Location``). No map can place them: only the literal
    evaluation system adds them. A kind of place before "of" and a name ("the city of
    Mosul") is left to the name; heads are lower case ("The City" may be a name).

    >>> [m.surface for m in location_phrases("Shells hit the old city and a field hospital.")]
    ['the old city', 'a field hospital']
    >>> location_phrases("They entered the city of Mosul.")
    []
    """
    pattern = _phrase_pattern(language)
    if pattern is None:
        return []
    return [
        Mention(m.start(), m.end(), m.group(), fold(m.group()), language)
        for m in pattern.finditer(text)
    ]


def literal_with_phrases(
    text: str, resolved: Sequence[Resolved], language: str | None = None
) -> list[Resolved]:
    """:func:`literal_only`, with the :func:`location_phrases` of ``text`` that overlap
    no mention kept (unresolved: ``place`` is ``None``), in text order."""
    kept = literal_only(text, resolved)
    spans = [(r.mention.start, r.mention.end) for r in resolved]
    lang = language or (kept[0].mention.language if kept else "en")
    added = [
        Resolved(m, None)
        for m in location_phrases(text, lang)
        if not any(s < m.end and m.start < e for s, e in spans)
    ]
    return sorted([*kept, *added], key=lambda r: r.mention.start)
