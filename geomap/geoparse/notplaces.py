"""Words that look like place names and are not places (``data/not_places.yaml``).

A gazetteer of every hamlet on earth names most capitalised words somewhere. Recognition
drops a Latin-script mention that is

* a fragment of a hyphenated name: the article of "Ar-Raqqa" or "Al-Bab" alone; the word
  after a stance prefix ("pro-Hadi", "anti-Assad"), unless a country; the word after an
  Arabic article ("al-Numan") when none of its places is in an Arab country (Numan,
  Nigeria, is no "al-Numan");
* part of a currency, a unit or a weapon ("Molotov cocktail", "Kalashnikov rifle"), unless
  it is a country ("US dollars" names the country as a modifier);
* an organisation named like a hamlet (Taliban, Islah, Hezbollah), unless a town cue
  stands before it;
* a common word of another language (Colonia, Sul), unless a town cue stands before it.
"""

from __future__ import annotations

import functools
import re

from ..gazetteer.base import Gazetteer
from ..knowledge import cached_yaml
from ..records import Mention
from ..text.normalize import fold
from ..text.spelling import latin_rules
from .cues import place_words

_WORD_BEFORE = re.compile(r"([^\W\d_]+)-$")
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")


@functools.cache
def _lists() -> dict[str, frozenset[str]]:
    data = cached_yaml("not_places.yaml") or {}
    out = {
        k: frozenset(fold(str(w)) for w in data.get(k) or ())
        for k in ("stance_prefixes", "followers", "organisations", "foreign_words")
    }
    return out


@functools.cache
def capital_words(lang: str) -> frozenset[str]:
    """Words for "the capital" in ``lang`` (``capital_words`` in ``data/not_places.yaml``),
    as lookup keys."""
    from ..text.normalize import key

    data = (cached_yaml("not_places.yaml") or {}).get("capital_words") or {}
    return frozenset(key(str(w)) for w in data.get(lang) or ())


def _known(m: Mention, gazetteer: Gazetteer) -> list:
    """The gazetteer's own places for a mention (a geocoder behind it is not asked)."""
    return gazetteer.candidates(m.key) if gazetteer.has_key(m.key) else []


def _town_cue(m: Mention) -> bool:
    return bool(m.cue) and "city" in m.cue.split("+")


def not_a_place(text: str, m: Mention, gazetteer: Gazetteer) -> bool:
    """Is the Latin-script mention ``m`` of ``text`` a word that is no place here?"""
    surface = m.surface
    if not surface[:1].isascii() or not surface[:1].isalpha():
        return False
    lists = _lists()
    k = fold(surface)
    articles = place_words("arabic_articles", "en")
    if " " not in k and k in articles and text[m.end : m.end + 1] == "-":
        return True  # "Ar" of "Ar-Raqqa"
    before = _WORD_BEFORE.search(text, max(0, m.start - 12), m.start)
    if before is not None and before.end() == m.start:
        word = fold(before.group(1))
        cands = _known(m, gazetteer)
        if word in lists["stance_prefixes"] and not any(p.is_country for p in cands):
            return True  # "pro-Hadi"
        if word in latin_rules().articles and " " not in k and not any(
            p.country_code in latin_rules().arabic_regions for p in cands
        ):
            return True  # "al-Numan": no Arab place of that name
    after = _WORD_AFTER.match(text, m.end)
    if after is not None and fold(after.group(1)) in lists["followers"]:
        # "Molotov cocktail", "Kalashnikov rifle"; a country stays ("US dollars": geoparsing
        # corpora count the country as a place named as a modifier)
        return not any(p.is_country for p in _known(m, gazetteer))
    if (k in lists["organisations"] or k in lists["foreign_words"]) and not _town_cue(m):
        return True
    return False


_PREV_WORD = re.compile(r"([^\W\d_]+)\s+$")
_HYPHENATED = re.compile(r"([^\W\d_]+)-([^\W\d_]+)")


def _whole_name(text: str, m: Mention) -> Mention | None:
    """The hyphenated Arabic name ("Al-Zara") an article fragment or the word after an
    article belongs to, as a mention of a place the gazetteer does not know (its key is
    the folded name): the event is there, though only a known place nearby can map it."""
    starts = [m.start]
    before = _WORD_BEFORE.search(text, max(0, m.start - 12), m.start)
    if before is not None and before.end() == m.start:
        starts.append(before.start())
    for start in starts:
        got = _HYPHENATED.match(text, start)
        if got is None or not (got.start() <= m.start and m.end <= got.end()):
            continue
        # the article must open the name: "Al-Zara", not "pro-Hadi"
        if fold(got.group(1)) not in latin_rules().articles or not got.group(2)[0].isupper():
            return None
        prev = _PREV_WORD.search(text, max(0, got.start() - 30), got.start())
        if got.group(1)[0].islower() and prev is not None and prev.group(1)[0].isupper():
            return None  # "Abd al-Rahman": a person's name goes on across the article
        surface = got.group()
        return Mention(got.start(), got.end(), surface, fold(surface), m.language, m.cue)
    return None


def drop_not_places(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """``mentions`` without the words that are no places (see the module's docstring). A
    hyphenated Arabic name whose parts were such words ("Al" and "Zara", Zadar in Croatia,
    of "Al-Zara") comes back whole, as an unknown place."""
    out: list[Mention] = []
    for n, m in enumerate(mentions):
        if not not_a_place(text, m, gazetteer):
            out.append(m)
            continue
        whole = _whole_name(text, m)
        if whole is None or gazetteer.has_key(whole.key):
            continue
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        if (
            whole.end > m.end
            and nxt is not None
            and nxt.end <= whole.end
            and not not_a_place(text, nxt, gazetteer)
        ):
            continue  # "Ar" of "Ar-Raqqa": the name after it is the place
        if out and (out[-1].start, out[-1].end) == (whole.start, whole.end):
            continue  # "Al" and "Zara" of "Al-Zara": one name
        out.append(whole)
    return out
