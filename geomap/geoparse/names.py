"""Place names the gazetteer half knows, in English text: repair after recognition.

Recognition matches the gazetteer's names; English news also writes places it knows only
a part of ("Deir ez-Zor" where only "Zor" is known, "Tal Abyad"), places it does not know
at all ("the Nwonko village", "near Batrah"), and known names inside a person's name
("George W. Bush"). :func:`repair_places` drops the known names that are words of a
person's name and returns apart the longer names that are places; :func:`unknown_places`
finds the capitalised names the words around them make places. Both come back as
``Resolved`` with ``place=None`` when the gazetteer cannot place them: the event happened
there, though only a known place nearby can put it on the map.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..knowledge import cached_yaml, word_list
from ..records import Mention, Resolved
from ..text.languages import language
from ..text.normalize import fold, key
from ..text.spelling import latin_rules
from ..text.view import TextView
from .cues import (
    calendar_words,
    cue_at,
    cue_before,
    one_word_place_words,
    place_types,
    place_words,
    place_words_any,
)
from .notplaces import given_names, in_group_name


def _no_place_word(r: Resolved, lang: str) -> bool:
    """An English name the gazetteer knows that is seldom the place in news: a month or a
    weekday ("on Jan. 15"), or a short acronym that is no country ("SANA said", "SLA
    militia", "ETA suspects") unless it opens the text, where datelines stand ("GAZA --")."""
    surface = r.mention.surface
    if fold(surface) in calendar_words(lang):
        return True
    return (
        len(surface) <= 4
        and surface.replace(".", "").isupper()
        and " " not in surface
        and not r.place.is_country
        and r.mention.start > 0
    )


_NAME_GAP = re.compile(r" |\. |-|['’‘ʼ]")


class _Neighbours:
    """The words around a document's known places: which are words of a name."""

    def __init__(self, d: TextView, places: list[Resolved], actor_spans: Sequence[tuple[int, int]]):
        self.d = d
        lang = d.language
        self.nouns = place_words("place_nouns", lang)
        self.connectors = place_words("name_connectors", lang)
        self.calendar = calendar_words(lang)
        self.articles = place_words("arabic_articles", lang)
        self.heads = place_words("name_heads", lang)
        self.openers = place_words("name_openers", lang) | place_words_any("locatives")
        taken = set()
        for r in places:
            taken.update(range(d.tok_index(r.mention.start), d.tok_index(r.mention.end - 1) + 1))
        for start, end in actor_spans:
            taken.update(range(d.tok_index(start), d.tok_index(end - 1) + 1))
        self.taken = taken

    def name_word(self, i: int) -> bool:
        """Is token ``i`` a capitalised word of a name: no place, no actor, no word of a
        place's own name, not a sentence's first word?"""
        d = self.d
        text, toks = d.text, d.tokens
        if i < 0 or i >= len(toks) or i in self.taken:
            return False
        w = toks[i].text
        s = d.token_starts[i]
        if not text[s].isupper() or w in self.nouns or w in self.connectors or w in self.calendar:
            return False
        k = s - 1  # the last character before the word that is not a space
        while k >= 0 and text[k].isspace():
            k -= 1
        return k >= 0 and text[k] not in ".!?:\"“«('"

    def joined(self, i: int, j: int) -> bool:
        return _joined(self.d, i, j)

    def hyphen_after(self, i: int) -> bool:
        """Is token ``i`` followed by a hyphen ("ez-Zor")?"""
        d = self.d
        return d.text[d.norm.offsets[d.tokens[i].end - 1] + 1 : d.token_starts[i + 1]] == "-"

    def article(self, i: int) -> bool:
        """An Arabic article glued to the next word: "Deir ez-Zor", "Tal al-Madafa"."""
        toks = self.d.tokens
        return (
            i + 1 < len(toks)
            and toks[i].text in self.articles
            and self.hyphen_after(i)
            and self.name_word(i + 1)
        )

    def in_persons_name(self, r: Resolved, a: int, b: int) -> bool:
        """Is the place at tokens ``a..b`` a word of a longer name that is a person's?
        A name the gazetteer only knows a part of is a place after "in", "of" or "the"
        ("in Neve Shalom", "the Ho Chi Minh Trail", "villages of Hawar Kalas"), a
        person's elsewhere ("Eugene Hasenfus", "Muhammad Ahmad")."""
        toks = self.d.tokens
        first = a
        while first > 0 and self.joined(first - 1, first) and self.name_word(first - 1):
            first -= 1
        if first < a and r.mention.cue:
            cue = cue_at(toks, a, self.d.language)
            if cue is not None and cue[1] >= a - first:
                first = a  # "Reef Dimashq": a capitalised cue of the place, no name's word
        opener = first > 0 and toks[first - 1].text in self.openers
        left = first < a and not opener and toks[b].text not in self.nouns
        right = (
            not r.mention.cue
            and not opener
            and b + 1 < len(toks)
            and self.joined(b, b + 1)
            and self.name_word(b + 1)
        )
        return left or right

    def extent(self, a: int, b: int) -> tuple[int, int]:
        """The first and last token of the longer Arabic name the place at tokens ``a..b``
        heads or ends ("the hilltop of Tal Al-Madafa", "at Abu Raweel", "in Deir ez-Zor",
        "Tal Abyad" where only "Abyad" is known)."""
        text, toks, starts = self.d.text, self.d.tokens, self.d.token_starts
        heads = self.heads
        last = b
        if toks[b].text in heads or self.article(b + 1):
            while (
                last + 1 < len(toks)
                and self.joined(last, last + 1)
                and (self.name_word(last + 1) or self.article(last + 1))
            ):
                last += 1 + (not self.name_word(last + 1))
        lead = a
        while (
            lead > 0
            and self.joined(lead - 1, lead)
            and (
                # an article alone is no word of a longer name: "Al-Raqqah" is Raqqah
                (toks[lead - 1].text in heads and text[starts[lead - 1]].isupper()
                 and not (toks[lead - 1].text in self.articles and self.hyphen_after(lead - 1)))
                or (
                    lead > 1
                    and toks[lead - 1].text in self.articles
                    and self.hyphen_after(lead - 1)
                    and self.joined(lead - 2, lead - 1)
                    and toks[lead - 2].text in heads
                )
            )
        ):
            lead -= 1 if toks[lead - 1].text in heads else 2
        return lead, last


def _not_in_names(
    d: TextView, places: list[Resolved], actor_spans: Sequence[tuple[int, int]]
) -> tuple[list[Resolved], list[Resolved]]:
    """Drop the English places that are a word of a longer capitalised name which is not a
    place's: "Muhammad Ahmad", "George W. Bush", "Lee Westwood" name people. A capitalised
    neighbour counts as a name word when it is no place, no actor, no word of a place's own
    name ("Sadr City", ``place_nouns`` in data/event_cues.yaml) and does not start a
    sentence (where every word is capitalised). Returns the places kept and, apart, the
    longer names that are places though the gazetteer knows only a part of them
    (``place=None``)."""
    text, toks, starts = d.text, d.tokens, d.token_starts
    types = place_types(d.language)
    around = _Neighbours(d, places, actor_spans)
    out: list[Resolved] = []
    longer: list[Resolved] = []
    for r in places:
        a, b = d.tok_index(r.mention.start), d.tok_index(r.mention.end - 1)
        if around.in_persons_name(r, a, b):
            continue
        # the place is the head word of a longer Arabic name: the event is at that name,
        # which the gazetteer does not know; it is kept as an unknown place, not put at
        # the known part
        lead, last = around.extent(a, b)
        if last == b and lead == a:
            out.append(r)
            continue
        kind = type_at(d, last + 1, types) if last + 1 < len(toks) else 0
        if kind and text[starts[last + 1]].isupper():
            last += kind  # "Bustan Al-Basha District"
        start, end = d.norm.span(toks[lead].start, toks[last].end)
        surface = text[start:end]
        cue = r.mention.cue or ("city" if kind else None)
        longer.append(Resolved(Mention(start, end, surface, fold(surface), d.language, cue), None))
    return out, longer


def type_at(d: TextView, i: int, types: frozenset[tuple[str, ...]]) -> int:
    """How many tokens from ``i`` on spell a kind of place ("village", "refugee camp");
    0 if none."""
    toks = d.tokens
    if i >= len(toks) or toks[i].text not in _first_words(types):
        return 0  # most words open no kind of place: no tuples built for them
    for n in (3, 2, 1):
        if tuple(t.text for t in toks[i : i + n]) in types and i + n <= len(toks):
            return n
    return 0


@functools.lru_cache(maxsize=16)
def _first_words(types: frozenset[tuple[str, ...]]) -> frozenset[str]:
    """The words the kinds of place in ``types`` begin with."""
    return frozenset(t[0] for t in types if t)


def unknown_places(
    d: TextView,
    places: list[Resolved],
    lo: int = 0,
    hi: int | None = None,
    *,
    long_names: Sequence[Resolved] = (),
    named: Callable[[], set[int]] = set,
) -> list[Resolved]:
    """Capitalised English names the gazetteer does not know, where the words around them
    say they are places: "the Nwonko village", "Handarat Refugee Camp", "near Batrah",
    "the village of Aabed". They come back with ``place=None``: the event happened there,
    though only a known place nearby can put it on the map. Only tokens ``lo:hi`` are
    looked at (a sentence with an event). ``long_names`` are those :func:`repair_places`
    found; ``named()`` gives the tokens inside actors' names (asked only when needed)."""
    if not language(d.language).names_capitalised:
        return []
    toks = d.tokens
    n = len(toks)
    hi = n if hi is None else min(hi, n)
    # longer names of which the gazetteer knows a part (found by _not_in_names)
    found = [r for r in long_names if lo <= d.tok_index(r.mention.start) < hi]
    # most words are in lower case: the capitalised ones are found once per document
    upper = d.upper_initials
    capitals = upper[bisect.bisect_left(upper, lo) : bisect.bisect_left(upper, hi)]
    if not capitals:
        return found
    types = place_types(d.language)
    # the tokens of places and actors' names: only those of tokens lo:hi matter (cap()
    # asks only about capitals, all in lo:hi), so a place outside them -- most of the
    # document's, asked sentence by sentence -- is passed over by its characters, without
    # looking its tokens up (tok_index(start) < hi and tok_index(end - 1) >= lo)
    starts = d.token_starts
    c_lo = starts[lo] if lo > 0 else -1
    c_hi = starts[hi] if hi < n else len(d.text) + 1
    taken: set[int] = set()
    for r in places + found:
        m = r.mention
        if m.start < c_hi and m.end - 1 >= c_lo:
            taken.update(range(d.tok_index(m.start), d.tok_index(m.end - 1) + 1))
    in_actors = named()
    calendar, connectors, titles, group_words = _run_words(d.language)
    # the capitals that may be words of a name (no place's, no actor's, no month's), as a
    # set whose membership test is the runs' test (a C call, no Python frame per word)
    cap = {
        i for i in capitals
        if i not in taken and i not in in_actors and toks[i].text not in calendar
    }.__contains__

    out: list[Resolved] = list(found)
    determiners = _determiners(d.language)
    for a, b in _capital_runs(d, capitals, cap, connectors, lo):
        words = [t.text for t in toks[a:b]]
        if (a > 0 and toks[a - 1].text in titles) or not titles.isdisjoint(words) or (
            group_words.issuperset(words)
        ):
            continue  # "President Laurent Gbagbo", "the Kurdish town"
        if b - a == 1 and fold(words[0]) in determiners:
            continue  # "This road", "Another village" opening a sentence: no name
        cue = cue_at(toks, b, d.language) if b in taken else None
        if cue is not None and cue[1] >= b - a:
            continue  # "Reef Dimashq": a capitalised cue of the known place after it
        got = _named_place(d, a, b, types)
        if got is not None:
            out.append(got)
    return out


@functools.cache
def _determiners(lang: str) -> frozenset[str]:
    """Articles, demonstratives and possessives (``determiners`` in
    data/location_phrases.yaml), folded: capitalised only when they open a sentence."""
    return frozenset(fold(w) for w in word_list("location_phrases.yaml", "determiners", lang))


@functools.cache
def _run_words(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The word lists :func:`unknown_places` reads for ``lang``: calendar words, name
    connectors, titles, and group adjectives with the connectors."""
    connectors = place_words("name_connectors", lang)
    return (
        calendar_words(lang),
        connectors,
        one_word_place_words("titles", lang),
        one_word_place_words("group_adjectives", lang) | connectors,
    )


def _capital_runs(
    d: TextView,
    capitals: list[int],
    cap: Callable[[int], bool],
    connectors: frozenset[str],
    lo: int,
) -> list[tuple[int, int]]:
    """The runs of up to five capitalised words of one name (connectors inside, not at the
    start): ``(first token, end token)``."""
    toks, n = d.tokens, len(d.tokens)
    runs = []
    nxt = lo
    for i in capitals:
        if i < nxt:
            continue  # inside the previous run
        if not cap(i) or toks[i].text in connectors:
            continue
        j = i + 1
        while (
            j < n
            and j - i < 5
            and _joined(d, j - 1, j)
            and (
                cap(j)
                or (
                    toks[j].text in connectors and j + 1 < n and _joined(d, j, j + 1) and cap(j + 1)
                )
            )
        ):
            j += 1
        runs.append((i, j))
        nxt = j
    return runs


def _named_place(d: TextView, a: int, b: int, types: frozenset[tuple[str, ...]]) -> Resolved | None:
    """The capitalised name at tokens ``a:b`` as an unknown place, when a kind of place
    ends or follows it ("Handarat Refugee Camp", "the Nwonko village") or a locative or a
    cue stands before it ("near Batrah", "the village of Aabed"); else ``None``.

    A pure function of the document's view and the tokens: the answers for the last view
    are kept (the geoparser asks about the whole document, the events stage again sentence
    by sentence)."""
    table = _named_tables[0] if _named_tables else None
    if table is None or table[0] is not d or table[1] is not types:
        table = (d, types, {})
        _named_tables[:] = [table]
    answers = table[2]
    got = answers.get((a, b), _UNASKED)
    if got is _UNASKED:
        got = answers[(a, b)] = _named_place_at(d, a, b, types)
    return got  # type: ignore[return-value]


_UNASKED = object()
#: (view, kinds of place, answers by tokens) of the last document asked about
_named_tables: list[tuple[TextView, frozenset, dict]] = []


def _named_place_at(
    d: TextView, a: int, b: int, types: frozenset[tuple[str, ...]]
) -> Resolved | None:
    text, toks, starts, n = d.text, d.tokens, d.token_starts, len(d.tokens)
    ends_type = 0  # the longest kind of place the name ends with
    for k in (3, 2, 1):
        if b - k > a and type_at(d, b - k, types) == k:
            ends_type = k
            break
    followed = type_at(d, b, types) if b < n else 0
    prev = toks[a - 1].text if a > 0 else ""
    if prev in language(d.language).cue_articles and a > 1:
        prev = toks[a - 2].text
    cue = cue_before(toks, a, d.language)
    if cue is None and a > 1 and toks[a - 1].text == "the":
        cue = cue_before(toks, a - 1, d.language)  # "near the X"
    locative = prev in place_words_any("locatives") or bool(cue)
    if not (ends_type or followed or locative):
        return None
    if not (ends_type or followed) and all(
        text[starts[k] : starts[k] + len(toks[k].text)].isupper() for k in range(a, b)
    ):
        # "in ISIS": an acronym after "in" is an organisation more often than a place
        return None
    start, end = d.norm.span(toks[a].start, toks[b - 1].end)
    surface = text[start:end]
    kind = cue or ("city" if ends_type or followed else None)
    return Resolved(Mention(start, end, surface, fold(surface), d.language, kind), None)


def _joined(d: TextView, i: int, j: int) -> bool:
    """Are tokens ``i`` and ``j = i + 1`` words of one name (a space, a hyphen, an apostrophe
    or "W. " between them)?"""
    # a pure function of the view and the tokens, asked for the same pairs by the whole
    # document's search and again sentence by sentence: the last view's answers are kept
    if j != i + 1:
        return _gap_joins(d, i, j)
    table = _join_tables[0] if _join_tables else None
    if table is None or table[0] is not d:
        table = (d, {})
        _join_tables[:] = [table]
    got = table[1].get(i)
    if got is None:
        got = table[1][i] = _gap_joins(d, i, j)
    return got


def _gap_joins(d: TextView, i: int, j: int) -> bool:
    gap = d.text[d.norm.offsets[d.tokens[i].end - 1] + 1 : d.token_starts[j]]
    return bool(_NAME_GAP.fullmatch(gap)) and (gap != ". " or len(d.tokens[i].text) == 1)


#: (view, answers by first token) of the last document :func:`_joined` was asked about
_join_tables: list[tuple[TextView, dict[int, bool]]] = []


def repair_places(
    view: TextView, places: list[Resolved], actor_spans: Sequence[tuple[int, int]]
) -> tuple[list[Resolved], list[Resolved]]:
    """English place-name repair of a document's resolved places.

    Drops the places that are seldom places in news (a month, a weekday, an acronym) and
    those that are a word of a longer capitalised name which is not a place's (actors'
    names, ``actor_spans``, count as names). Returns the places kept and, apart, the
    longer names that are places though the gazetteer knows only a part of them
    (``place=None``). Other languages come back as they are.
    """
    if not language(view.language).names_capitalised or not places:
        return places, []
    return _not_in_names(
        view, [r for r in places if not _no_place_word(r, view.language)], actor_spans
    )


def typed_unknown_places(
    view: TextView, resolved: list[Resolved], exclude: Sequence[tuple[int, int]] = ()
) -> list[Resolved]:
    """``resolved`` plus the capitalised English names the gazetteer does not know that a
    kind of place ends or follows ("Handarat Refugee Camp", "the Nwonko village") or a
    town cue stands before ("the village of Aabed"), as mentions of unknown places
    (``place=None``); see :func:`unknown_places`. A name right next to a known place is
    left out: it is a word of that place's name ("Paddock Hill Bend"). Spans of
    ``exclude`` (actors' names) give none."""
    if not language(view.language).names_capitalised:
        return resolved
    toks = view.tokens
    blocked: set[int] = set()
    for start, end in exclude:
        blocked.update(range(view.tok_index(start), view.tok_index(end - 1) + 1))
    spans = [(r.mention.start, r.mention.end) for r in resolved]
    extra = [
        r
        for r in map(_typed, unknown_places(view, resolved, named=lambda: blocked),
                     itertools.repeat(view))
        if (r.mention.cue or "").endswith("city")
        and not any(_next_to(view.text, r.mention, s, e) for s, e in spans)
        and not in_group_name(view.text, r.mention)  # "Islamic State West Africa Province"
    ]
    if not extra or not toks:
        return resolved
    return sorted(resolved + extra, key=lambda r: r.mention.start)


def _typed(r: Resolved, view: TextView) -> Resolved:
    """The unknown place ``r`` with ``"+city"`` added to a cue of another kind when a kind
    of place ends or follows its name ("near the Turkish border", cue ``near``: a typed
    name as much as "the Turkish border")."""
    cue = r.mention.cue
    if not cue or "city" in cue.split("+"):
        return r
    types = place_types(view.language)
    a, b = view.tok_index(r.mention.start), view.tok_index(r.mention.end - 1) + 1
    n = len(view.tokens)
    ends = any(b - k > a and type_at(view, b - k, types) == k for k in (3, 2, 1))
    if not (ends or (b < n and type_at(view, b, types))):
        return r
    return Resolved(dataclasses.replace(r.mention, cue=f"{cue}+city"), r.place, r.score,
                    r.candidates)


def _next_to(text: str, m: Mention, start: int, end: int) -> bool:
    """Do the mention and the span ``start:end`` overlap or touch across one space?"""
    return (
        (m.start <= end and start <= m.end)
        or text[m.end : start] == " "
        or text[end : m.start] == " "
    )


#: a capitalised name of up to three words (a hyphen or an apostrophe may join its parts)
_NAME = r"[A-Z][\w'’]*(?:(?:\s?-\s?|\s)[A-Z][\w'’]*){0,2}"
#: what joins two names of a list ("A, B", "A and B", "A, B, and C", "A or B")
_GAP = r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)"
_NEXT_IN_LIST = re.compile(rf"({_GAP})({_NAME})\b")
_PREV_IN_LIST = re.compile(rf"\b({_NAME})({_GAP})$")
_LOCATIVE_BEFORE = re.compile(r"\b(\w+)\s+$")
#: the end of a list's gap right before a name
_GAP_BEHIND = re.compile(r"(?:,|\band|\bor)\s*$")
#: a place right after a name in a list: the name is a person's, the place where he is
_PERSON_AT = re.compile(r"\s+(?:in|at|from|of)\s+[A-Z]")


def listed_unknown_places(
    view: TextView,
    resolved: list[Resolved],
    known: Callable[[str], bool],
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Resolved]:
    """``resolved`` plus the capitalised English names the gazetteer does not know that
    stand in a list of places after a locative with a known town ("the attacks in
    Qamenas, Sarmin and Talamenes", Sarmin known), as mentions of unknown places
    (``place=None``). ``known`` says whether the gazetteer has a key: a known name left
    out by recognition (a person's, an organisation's) stays out.

    A list whose only known name opens it before a comma is no list of places: a fronted
    place sets the scene ("In Baghdad, Abadi and Maliki met").
    """
    if not language(view.language).names_capitalised or not resolved:
        return resolved
    text, lang = view.text, view.language
    towns = [r for r in resolved if r.place is not None and not r.place.is_country
             and r.place.feature_code not in ("CONT", "RGN")]
    if not towns:
        return resolved
    taken = [(r.mention.start, r.mention.end) for r in resolved] + list(exclude)
    added: list[Resolved] = []
    for town in towns:
        for (s, e), is_known in _list_of_places(text, town.mention, taken):
            surface = text[s:e]
            if is_known or any(a < e and s < b for a, b in taken) or not _may_name(
                surface, lang, known
            ) or _PERSON_AT.match(text, e):
                continue  # "Terry Collins in Oakland": a person where he is
            taken.append((s, e))
            added.append(Resolved(Mention(s, e, surface, fold(surface), lang, "city"), None))
    if not added:
        return resolved
    return sorted(resolved + added, key=lambda r: r.mention.start)


def _list_of_places(
    text: str, m: Mention, taken: Sequence[tuple[int, int]]
) -> list[tuple[tuple[int, int], bool]]:
    """The names of the list of places after a locative the known name ``m`` is in, each
    with whether it is a mention already (``taken``); none when ``m`` is in no such list
    or only opens it before a comma ("In Baghdad, Abadi and Maliki met")."""
    a, b = m.start, m.end
    if not (_NEXT_IN_LIST.match(text, b) or _GAP_BEHIND.search(text, max(0, a - 6), a)):
        return []  # in no list (most names): no search back over the words before it
    items = _list_around(text, a, b)
    if len(items) < 2:
        return []
    first_s, _, first_gap = items[0]
    before = _LOCATIVE_BEFORE.search(text, max(0, first_s - 20), first_s)
    if before is None or before.group(1).lower() not in place_words_any("locatives"):
        return []
    known_at = [any(s == x and e == y for x, y in taken) for s, e, _ in items]
    if known_at[0] and "," in first_gap and sum(known_at) == 1:
        return []
    return [((s, e), k) for (s, e, _), k in zip(items, known_at, strict=True)]


#: How far a list of names is followed each way from a name in it: news lists a handful of
#: places; a hostile text of thousands would otherwise be read again at every name
LIST_NAMES = 32


def _list_around(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The names of the list the name at ``start:end`` is in, each with the gap after
    it ("" for the last), in text order."""
    back: list[tuple[int, int, str]] = []
    s = start
    while len(back) < LIST_NAMES:
        got = _PREV_IN_LIST.search(text, max(0, s - 60), s)
        if got is None:
            break
        back.append((got.start(1), got.end(1), got.group(2)))
        s = got.start(1)
    out = list(reversed(back))
    e = end
    gap = ""
    items = [(start, end)]
    while len(items) <= LIST_NAMES:
        got = _NEXT_IN_LIST.match(text, e)
        if got is None:
            break
        items.append((got.start(2), got.end(2)))
        e = got.end(2)
    gaps = [text[items[n][1]:items[n + 1][0]] for n in range(len(items) - 1)] + [gap]
    out += [(a, b, g) for (a, b), g in zip(items, gaps, strict=True)]
    return out


def _may_name(surface: str, lang: str, known: Callable[[str], bool]) -> bool:
    """May the capitalised words be the name of a place the gazetteer does not know: no
    acronym, no title, weekday, month or group's adjective among them, no known key, no
    given name first?"""
    parts = [w for w in re.split(r"[\s-]+", surface) if w]
    if any(len(w) > 1 and w.isupper() for w in parts) or known(key(surface)):
        return False  # "EW Nutrition"
    words = [fold(w) for w in parts]
    if words[0] in given_names():
        return False  # "Terry Collins"
    calendar, _, titles, group_words = _run_words(lang)
    return not any(w in calendar or w in titles or w in group_words for w in words)


@functools.cache
def _direction_before() -> re.Pattern[str]:
    """A capitalised name, a comma and a direction taken from a place, right before the
    place: "Rufaila, also south of ", "Zumar, 60 km northwest of the " (the directions
    are the ``direction`` cues ending in "of" of ``data/place_cues.yaml``)."""
    table = ((cached_yaml("place_cues.yaml") or {}).get("before") or {}).get("en") or {}
    words = sorted((str(w)[:-3] for w in table.get("direction") or () if str(w).endswith(" of")),
                   key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    dirs = "|".join(r"[\s-]?".join(map(re.escape, re.split(r"[\s-]", w))) for w in words)
    distance = r"(?:[\d.,]+\s*(?:-\s*)?(?:km|kilometers?|kilometres?|miles?|mi)\s+)"
    return re.compile(
        rf"\b({_NAME})\s*,\s*(?:(?:also|just|about|some|around|nearly|roughly)\s+)*"
        rf"{distance}?(?i:{dirs})\s+of\s+(?:the\s+)?$"
    )


@functools.cache
def _lone_heads() -> frozenset[str]:
    """``lone_heads`` of ``data/not_places.yaml``, folded."""
    words = (cached_yaml("not_places.yaml") or {}).get("lone_heads") or ()
    return frozenset(fold(str(w)) for w in words)


#: the rest of a name after its head: a capitalised word, an Arabic article hyphened before
#: it or not ("Wadi Barada", "Tal al-Abyad", "Deir Hafer")
_HEAD_REST = re.compile(r"[ -](?:(?i:al|el|an|ar|as|ash|at|ad|az|ez|ed|er|es|et)\s?-\s?|"
                        r"(?i:al|el) )?['’‘`]?[A-Z][\w'’‘]*")


def headed_unknown_places(view: TextView, resolved: list[Resolved]) -> list[Resolved]:
    """``resolved`` with a word that opens Arabic place names found as a place on its own
    outside the Arab countries ("Wadi", a town in India; ``lone_heads`` of
    ``data/not_places.yaml``) taken together
    with the capitalised word after it as one unknown place (``place=None``): "Wadi
    Barada" is a valley near Damascus, neither Wadi in India nor Barda in Azerbaijan. A
    place found inside the longer name goes; the head's cue stays (a town's when none)."""
    if not language(view.language).names_capitalised or not resolved:
        return resolved
    text, heads = view.text, _lone_heads()
    merged: list[tuple[int, int, Resolved]] = []
    for r in resolved:
        m = r.mention
        if r.place is None or not m.surface[:1].isupper() or fold(m.surface) not in heads:
            continue
        if r.place.country_code in latin_rules().arabic_regions:
            continue  # "Tal" as At Tall, Syria: a point near enough for the events stage
        rest = _HEAD_REST.match(text, m.end)
        if rest is not None:
            merged.append((m.start, rest.end(), r))
    if not merged:
        return resolved
    out = [r for r in resolved
           if not any(s <= r.mention.start and r.mention.end <= e for s, e, _ in merged)]
    for s, e, r in merged:
        surface = text[s:e]
        # cued as a town, as the other unknown names are (the event may be there)
        out.append(Resolved(Mention(s, e, surface, fold(surface), r.mention.language,
                                    r.mention.cue or "city"), None))
    return sorted(out, key=lambda r: r.mention.start)


def directed_unknown_places(
    view: TextView,
    resolved: list[Resolved],
    known: Callable[[str], bool],
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Resolved]:
    """``resolved`` plus the capitalised English names the gazetteer does not know that
    are placed by a direction from a known place ("three children from Rufaila, also
    south of Mosul", "Zumar, 60 km northwest of Mosul"), as mentions of unknown places
    (``place=None``); see :func:`listed_unknown_places` for ``known``."""
    if not language(view.language).names_capitalised or not resolved:
        return resolved
    text, lang = view.text, view.language

    def found() -> Iterator[tuple[int, int]]:
        for r in resolved:
            if r.place is None:
                continue
            # the direction ends in "of", and "the" may follow it: a place after neither
            # (most) is passed over without the search, which tries every position of
            # the window
            lo, start = max(0, r.mention.start - 80), r.mention.start
            before = text[lo:start]
            bare = before.rstrip()
            if len(bare) == len(before) or not bare.endswith(("of", "the")):
                continue
            got = _direction_before().search(text, lo, start)
            if got is not None:
                yield got.start(1), got.end(1)

    return _with_unknown(resolved, text, lang, found(), exclude,
                         lambda surface: _may_name(surface, lang, known))


def _with_unknown(
    resolved: list[Resolved],
    text: str,
    lang: str,
    spans: Iterable[tuple[int, int]],
    exclude: Sequence[tuple[int, int]],
    keep: Callable[[str], bool],
) -> list[Resolved]:
    """``resolved`` plus, as mentions of unknown places (``place=None``, cued as towns),
    the ``spans`` that overlap no mention, no excluded span and no span taken before them,
    and whose text ``keep`` accepts; in text order."""
    taken = [(r.mention.start, r.mention.end) for r in resolved] + list(exclude)
    added: list[Resolved] = []
    for s, e in spans:
        surface = text[s:e]
        if any(a < e and s < b for a, b in taken) or not keep(surface):
            continue
        taken.append((s, e))
        added.append(Resolved(Mention(s, e, surface, fold(surface), lang, "city"), None))
    if not added:
        return resolved
    return sorted(resolved + added, key=lambda r: r.mention.start)


@functools.cache
def _kinds_then_list(lang: str) -> re.Pattern[str]:
    """Kinds of place in the plural ("towns", "villages", "cities"; from ``place_types``
    of ``data/place_names.yaml``) and where they are (capitalised words after "in"/"of"),
    at the end of the text searched (before a word that opens their examples)."""
    plurals = set()
    for kind in place_types(lang):
        if len(kind) != 1 or kind[0].endswith("s"):
            continue
        w = kind[0]
        plurals.add(w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "s")
    if not plurals:
        return re.compile(r"(?!)")
    alts = "|".join(sorted(map(re.escape, plurals), key=len, reverse=True))
    where = (r"(?:\s+(?:in|of|near|around|across)\s+(?:the\s+)?"
             r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?")
    return re.compile(rf"\b(?i:{alts}){where}$")


#: a word that opens examples, before a capitalised word; the kinds of place before it are
#: looked for only where one stands (few places in a text), not across the whole text
_EXAMPLES = re.compile(r"\s*,?\s+(?:including|such\s+as|like|namely|notably)\s+(?=[A-Z])")
#: what every match of :data:`_EXAMPLES` holds, without its leading spaces (a search for it
#: is tried only where the text has one of its words: a quick screen)
_EXAMPLE_WORDS = re.compile(r"(?:including|such\s+as|like|namely|notably)\s+[A-Z]")


def exemplified_unknown_places(
    view: TextView,
    resolved: list[Resolved],
    known: Callable[[str], bool],
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Resolved]:
    """``resolved`` plus the capitalised English names the gazetteer does not know in a
    list that gives examples of a kind of place ("towns in northern Iraq including
    Rabiyah and Zumar", "villages such as Kafr Zumbul"), as mentions of unknown places
    (``place=None``); see :func:`listed_unknown_places` for ``known``."""
    # (no list of examples in most texts: the slower search of each is skipped)
    if not language(view.language).names_capitalised or _EXAMPLE_WORDS.search(view.text) is None:
        return resolved
    text, lang = view.text, view.language
    taken = [(r.mention.start, r.mention.end) for r in resolved] + list(exclude)
    added: list[Resolved] = []
    kinds = _kinds_then_list(lang)
    for cue in _EXAMPLES.finditer(text):
        if kinds.search(text, max(0, cue.start() - 80), cue.start()) is None:
            continue
        first = _FIRST_NAME.match(text, cue.end())
        if first is None:
            continue
        items = [(first.start(), first.end())]
        while True:
            got = _NEXT_IN_LIST.match(text, items[-1][1])
            if got is None:
                break
            items.append((got.start(2), got.end(2)))
        for s, e in items:
            surface = text[s:e]
            if any(a < e and s < b for a, b in taken) or not _may_name(surface, lang, known):
                continue
            taken.append((s, e))
            added.append(Resolved(Mention(s, e, surface, fold(surface), lang, "city"), None))
    if not added:
        return resolved
    return sorted(resolved + added, key=lambda r: r.mention.start)


_FIRST_NAME = re.compile(rf"{_NAME}\b")


#: the rest of a capitalised name after a mention, a comma or "also", and words that give
#: another name of the place: "Qayyarah Airfield West, also called “Q-West”", ", known as"
#: (not a verb: "Reporters Without Borders called Tamalt's death a blow")
_ALIAS_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'’-]*){0,3}(?:\s*,\s*(?:also\s+)?|\s+also\s+)"
    r"(?:called|known\s+as|dubbed|nicknamed)"
    rf"\s+(?:the\s+)?[“\"'‘]?\s*({_NAME})(?=\s*[”\"'’]|\b)"
)


def aliased_unknown_places(
    view: TextView,
    resolved: list[Resolved],
    known: Callable[[str], bool],
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Resolved]:
    """``resolved`` plus the other names a text gives a place it names ("Qayyarah
    Airfield West, also called “Q-West”", "Camp Zumbul, known as the Zumbul base") that
    the gazetteer does not know, as mentions of unknown places (``place=None``: the
    other name may name a part of the place); see :func:`listed_unknown_places` for
    ``known``. No acronym: "Support Education Excellence in Kentucky, known as SEEK"
    names a programme."""
    if not language(view.language).names_capitalised or not resolved:
        return resolved
    text = view.text
    if "called" not in text and "known as" not in text and "dubbed" not in text \
            and "nicknamed" not in text:
        return resolved
    lang = view.language
    calendar, _, titles, _ = _run_words(lang)

    def keep(surface: str) -> bool:
        words = [fold(w) for w in re.split(r"[\s-]+", surface) if w]
        # "..., known as SEEK": an acronym names a programme more often
        return not (known(key(surface)) or any(w in calendar or w in titles for w in words)
                    or any(len(w) > 1 and w.isupper() for w in re.split(r"[\s-]+", surface)))

    aliases = (_ALIAS_AFTER.match(text, r.mention.end) for r in resolved)
    return _with_unknown(resolved, text, lang,
                         ((got.start(1), got.end(1)) for got in aliases if got is not None),
                         exclude, keep)


#: how far (km) the place a street is named after may lie from the text's town and still be
#: taken for the street's own town ("Kirkuk Street" in a text about Kirkuk)
STREET_TOWN_KM = 50.0


@functools.cache
def _street_after(lang: str) -> re.Pattern[str] | None:
    """Up to two capitalised words and a word of ``street_words`` (data/place_names.yaml)
    right after a name: the rest of a street's name ("Dorn Street" after "Van")."""
    words = word_list("place_names.yaml", "street_words", lang)
    latin = sorted((w for w in words if w[:1].isascii() and w[:1].isupper()), key=len,
                   reverse=True)
    if not latin:
        return None
    alts = "|".join(re.escape(w) for w in latin)
    return re.compile(rf"(?:[ ][A-Z][\w'’]*){{0,2}}[ ](?:{alts})(?![\w-])")


def named_streets(view: TextView, resolved: list[Resolved]) -> list[Resolved]:
    """``resolved`` with the known names that open a street's name ("Van" and "Dorn" of
    "Van Dorn Street", "Haifa Street", "Pennsylvania Avenue") made one mention of the
    street: it lies in the town the text is about (the centre of its other places below
    country level, :func:`~.spans.context_place`), not in the town or the country it is
    named after, unless that one lies near the centre; with no centre, an unknown place
    (``place=None``). The street's cue is ``near``: the map can only put it at its town."""
    pattern = _street_after(view.language)
    if pattern is None or not resolved:
        return resolved
    text = view.text
    streets: list[tuple[int, int]] = []  # (index of the opening mention, end of the street)
    n = 0
    while n < len(resolved):
        m = resolved[n].mention
        got = (
            pattern.match(text, m.end)
            if m.surface[:1].isascii() and m.surface[:1].isupper() else None
        )
        if got is None:
            n += 1
            continue
        streets.append((n, got.end()))
        n += 1
        while n < len(resolved) and resolved[n].mention.start < got.end():
            n += 1  # "Dorn" of "Van Dorn Street": inside the street
    if not streets:
        return resolved
    from ..geodesy import haversine_km
    from .spans import context_place

    inside = {
        k for n, end in streets for k in range(n, len(resolved))
        if resolved[n].mention.start <= resolved[k].mention.start < end
    }
    centre = context_place([r for k, r in enumerate(resolved) if k not in inside])
    out = [r for k, r in enumerate(resolved) if k not in inside]
    for n, end in streets:
        r = resolved[n]
        m = r.mention
        surface = text[m.start : end]
        street = Mention(m.start, end, surface, fold(surface), m.language,
                         f"near+{m.cue}" if m.cue else "near")
        p = r.place
        if p is not None and centre is not None and (
            haversine_km(p.lat, p.lon, centre.lat, centre.lon) < STREET_TOWN_KM
        ):
            out.append(Resolved(street, p, r.score, r.candidates))
        else:
            out.append(Resolved(street, centre, 0.0, 0))
    return sorted(out, key=lambda r: r.mention.start)


#: how far from the place a text is about a town may lie that a feature is named after
#: and still be where the feature is ("Lake Tharthar" by Tharthar): beyond it the feature
#: is a namesake's ("Lake Robinson" by Greenville, South Carolina, not Robinson, Texas)
FEATURE_TOWN_KM = 161.0


def _words_pattern(kind: str, lang: str) -> str | None:
    """The capitalised words of list ``kind`` of data/place_names.yaml as alternatives of
    a pattern, longest first; ``None`` when there are none."""
    words = sorted((w for w in word_list("place_names.yaml", kind, lang)
                    if w[:1].isascii() and w[:1].isupper()), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) or None


@functools.cache
def _feature_words(lang: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """``feature_heads`` as a pattern that ends right before a name ("Lake "), and
    ``feature_tails`` as one that starts right after it (" Lake")."""
    heads, tails = _words_pattern("feature_heads", lang), _words_pattern("feature_tails", lang)
    return (
        re.compile(rf"(?<![\w.-])(?:{heads})[ ]$") if heads else None,
        re.compile(rf"[ ](?:{tails})(?![\w-])") if tails else None,
    )


def named_features(view: TextView, resolved: list[Resolved]) -> list[Resolved]:
    """``resolved`` with the known names that a feature word opens or ends ("Lake Robinson",
    "Fort Benning", "Kish River"; ``feature_heads``, ``feature_tails`` of
    data/place_names.yaml) made one mention of the feature, when the name was read as a
    town or a unit: the feature lies in the place the text is about (the centre of its other
    places below country level, :func:`~.spans.context_place`), not at a namesake town far
    away, unless that town lies within :data:`FEATURE_TOWN_KM` of the centre, or in the
    first-level unit that is the centre; with no centre, an unknown place
    (``place=None``). Its cue is ``near``: the map can only put it
    by its town. A name read as a water body or a listed feature stays as it is ("the
    Euphrates River")."""
    heads, tails = _feature_words(view.language)
    if (heads is None and tails is None) or not resolved:
        return resolved
    text = view.text
    spans: dict[int, tuple[int, int]] = {}  # index of the mention -> the feature's span
    for n, r in enumerate(resolved):
        m, p = r.mention, r.place
        if p is None or p.is_country or p.feature_class not in ("P", "A") or \
                not (m.surface[:1].isascii() and m.surface[:1].isupper()):
            continue
        head = heads.search(text, max(0, m.start - 8), m.start) if heads else None
        tail = tails.match(text, m.end) if tails else None
        if head is not None or tail is not None:
            spans[n] = (head.start() if head else m.start, tail.end() if tail else m.end)
    if not spans:
        return resolved
    from ..geodesy import haversine_km
    from .spans import context_place

    centre = context_place([r for k, r in enumerate(resolved) if k not in spans])
    out = [r for k, r in enumerate(resolved) if k not in spans]
    for n, (start, end) in spans.items():
        r = resolved[n]
        m, p = r.mention, r.place
        surface = text[start:end]
        feature = Mention(start, end, surface, fold(surface), m.language,
                          f"near+{m.cue}" if m.cue else "near")
        if centre is not None and (
            haversine_km(p.lat, p.lon, centre.lat, centre.lon) < FEATURE_TOWN_KM
            # a first-level unit the text is about holds its towns, however far from its
            # point ("the Sacramento River" in a text about California)
            or (centre.feature_code == "ADM1" and (p.country_code, p.admin1)
                == (centre.country_code, centre.admin1))
        ):
            out.append(Resolved(feature, p, r.score, r.candidates))
        else:
            out.append(Resolved(feature, centre, 0.0, 0))
    return sorted(out, key=lambda r: r.mention.start)
