"""Names the gazetteer knows under another spelling (see :mod:`geomap.text.spelling`).

English news writes "Maarat al-Numan", "Jisr al-Shughur", "Hodeidah" where GeoNames has
"Ma`arrat an Nu`man", "Jisr ash Shughur", "Al Hudaydah". When a capitalised name's own
spelling is unknown, it is looked up by its :func:`~geomap.text.spelling.skeleton`; the
match stands when the two spellings also look alike, and a one-word match only for a
place of some size (a hamlet across the world must not win on a likeness of consonants).
A name found so replaces the shorter known names inside it ("Numan", Nigeria, in
"Maarat al-Numan").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from ..gazetteer.base import Gazetteer
from ..records import Mention, Resolved
from ..text.spelling import latin_rules, similar, skeleton, vowelled
from ..text.view import TextView
from .cues import common_words, cue_after, cue_before, populations

# a Latin word, apostrophes inside it kept ("Ma'arrat", "Nu`man")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’‘`ʿʾ][^\W\d_]+)*")
_MAX_WORDS = 5


def _sentence_start(text: str, start: int) -> bool:
    """Does a word at ``start`` open a sentence (where every word is capitalised)?"""
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k < 0 or text[k] in ".!?:\"“«("


def folded_key(surface: str, gazetteer: Gazetteer) -> str | None:
    """The skeleton key under which the gazetteer knows ``surface`` in another spelling,
    or ``None`` (unknown, or the spellings too unlike, or a one-word name of no town of
    size)."""
    sk = skeleton(surface)
    if sk is None or not gazetteer.has_key(sk):
        return None
    rules = latin_rules()
    least = rules.min_similarity if " " in sk else rules.min_similarity_one_word
    names = [n for n in gazetteer.names_for_key(sk) if vowelled(n)]
    if max((similar(surface, n) for n in names), default=0.0) < least:
        return None
    if " " not in sk and not any(
        p.population >= populations()["hamlet"] or p.feature_class == "A"
        for p in gazetteer.candidates(sk)
    ):
        return None
    return sk


def _runs(text: str, articles: frozenset[str]) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words (articles between them: "Jisr ash-Shughur") joined by a
    space or a hyphen: lists of word spans."""
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        w = m.group()
        namey = w[0].isupper() or w.lower() in articles
        joined = bool(run) and text[run[-1][1] : m.start()] in (" ", "-")
        if namey and joined:
            run.append(m.span())
            continue
        if run:
            runs.append(run)
        run = [m.span()] if namey else []
    if run:
        runs.append(run)
    return runs


def folded_mentions(
    view: TextView,
    gazetteer: Gazetteer,
    found: list[Mention],
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """``found`` plus the capitalised names known only in another spelling, longest first;
    a longer name replaces the known names inside it."""
    text, lang = view.text, view.language
    rules = latin_rules()
    stop = common_words("en")
    out = list(found)
    for run in _runs(text, rules.articles):
        i = 0
        while i < len(run):
            got = None
            for j in range(min(len(run), i + _MAX_WORDS), i, -1):
                start, end = run[i][0], run[j - 1][1]
                if not (text[start].isupper() and text[run[j - 1][0]].isupper()):
                    continue
                if any((m.start, m.end) == (start, end) for m in out):
                    break  # known under its own spelling
                surface = text[start:end]
                if j - i == 1 and (surface.lower() in stop or _sentence_start(text, start)):
                    continue
                sk = folded_key(surface, gazetteer)
                if sk is not None:
                    got = (start, end, surface, sk, j)
                    break
            if got is None:
                i += 1
                continue
            start, end, surface, sk, j = got
            inside = [m for m in out if start <= m.start and m.end <= end]
            if any(s < end and start < e for s, e in exclude) or any(
                m.start < end and start < m.end for m in out if m not in inside
            ):
                i += 1
                continue
            ti, tj = view.tok_index(start), view.tok_index(end - 1) + 1
            cue = cue_before(view.tokens, ti, lang) or cue_after(view.tokens, tj, lang)
            out = [m for m in out if m not in inside]
            out.append(Mention(start, end, surface, sk, lang, cue))
            i = j
    return sorted(out, key=lambda m: m.start)


#: how alike an unknown name after a town cue and a gazetteer key must be (difflib ratio)
FUZZY_CUTOFF = 0.85
_BUCKETS: dict[int, dict[tuple[str, int], list[str]]] = {}


def _buckets(gazetteer: Gazetteer) -> dict[tuple[str, int], list[str]]:
    """The gazetteer's keys by first letter and length (built once per gazetteer, on the
    first fuzzy lookup: a second or so for the embedded index)."""
    got = _BUCKETS.get(id(gazetteer))
    if got is None:
        got = {}
        keys = getattr(gazetteer, "keys", None)
        for k in keys() if keys is not None else ():
            if k and k[0] != "~":
                got.setdefault((k[0], len(k)), []).append(k)
        _BUCKETS.clear()  # one gazetteer at a time: the table is large
        _BUCKETS[id(gazetteer)] = got
    return got


def fuzzy_places(name_key: str, gazetteer: Gazetteer, countries: frozenset[str]) -> list:
    """The places in ``countries`` of the gazetteer key most like ``name_key`` (a name
    after a town cue that the gazetteer does not know: "قرية X", "the village of X"), or
    ``[]`` when no key is alike enough (:data:`FUZZY_CUTOFF`)."""
    if len(name_key) < 4 or not countries:
        return []
    buckets = _buckets(gazetteer)
    pool = [
        k
        for n in (len(name_key) - 1, len(name_key), len(name_key) + 1)
        for k in buckets.get((name_key[0], n), ())
    ]
    for k in difflib.get_close_matches(name_key, pool, n=5, cutoff=FUZZY_CUTOFF):
        places = [p for p in gazetteer.candidates(k) if p.country_code in countries]
        if places:
            return places
    return []


def fuzzy_cued(
    resolved: list[Resolved],
    gazetteer: Gazetteer,
    known: Sequence[Resolved] | None = None,
) -> list[Resolved]:
    """A last resort for the names after a town cue that the gazetteer does not know: the
    most populous place of the most alike key, in a country of the document's places
    (``known``, by default the resolved ones), marked approximate (the cue becomes
    ``near+...``: ACLED's precision 2)."""
    if not any(_unknown_cued(r) for r in resolved):
        return resolved
    countries = frozenset(
        r.place.country_code
        for r in (resolved if known is None else known)
        if r.place is not None and r.place.country_code
    )
    out = []
    for r in resolved:
        if _unknown_cued(r):
            places = fuzzy_places(r.mention.key, gazetteer, countries)
            if places:
                m = r.mention
                best = max(places, key=lambda p: p.population)
                m = Mention(m.start, m.end, m.surface, m.key, m.language, f"near+{m.cue}")
                r = Resolved(m, best, 0.0, len(places))
        out.append(r)
    return out


def _unknown_cued(r: Resolved) -> bool:
    cue = r.mention.cue
    return r.place is None and not r.candidates and bool(cue) and "city" in cue.split("+")
