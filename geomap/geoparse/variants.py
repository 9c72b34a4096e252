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

import bisect
import dataclasses
import functools
import itertools
import operator
import re
from collections.abc import Sequence

from ..gazetteer.base import Gazetteer, memo_of
from ..geodesy import haversine_km
from ..knowledge import cached_yaml
from ..records import Mention, Resolved
from ..text.normalize import Memo, arabic_variants, is_arabic, key
from ..text.spelling import (
    SKELETON_MARK,
    alike_any,
    arabic_alike,
    arabic_rules,
    arabic_skeletons,
    latin_rules,
    looks_arabic,
    shape,
    skeleton,
    vowelled,
)
from ..text.view import TextView
from .arabic import has_article
from .context import RIVAL_CITY_POPULATION
from .found import Found, Spans
from .cues import (
    common_words,
    cue_after,
    cue_at,
    cue_before,
    cue_candidates,
    cues,
    place_words,
    populations,
)

# a Latin word, apostrophes inside it kept ("Ma'arrat", "Nu`man")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’‘`ʿʾ][^\W\d_]+)*")
_MAX_WORDS = 5
_POSSESSIVE = re.compile(r"['’]s$")
#: Answers kept per memo of this module before it is emptied (see :class:`Memo`).
MEMO_LIMIT = 1 << 16


def _sentence_start(text: str, start: int) -> bool:
    """Does a word at ``start`` open a sentence (where every word is capitalised)?"""
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k < 0 or text[k] in ".!?:\"“«("


def folded_key(
    surface: str, gazetteer: Gazetteer, in_countries: frozenset[str] = frozenset()
) -> str | None:
    """The skeleton key under which the gazetteer knows ``surface`` in another spelling,
    or ``None`` (unknown, or the spellings too unlike, or a one-word name of no town of
    size; of any size in ``in_countries``)."""
    # a pure function of the name, the countries and the gazetteer, asked for the same
    # capitalised words ("State", "Ghouta") in document after document: remembered per
    # gazetteer
    memo = memo_of(gazetteer, "folded_key", MEMO_LIMIT)
    key = (surface, in_countries)
    got = memo.get(key, memo)
    if got is memo:
        got = memo[key] = _folded_key(surface, gazetteer, in_countries)
    return got  # type: ignore[return-value]


def foldable_memo(gazetteer: Gazetteer) -> Memo:
    """surface -> is its skeleton a key of the gazetteer (the first test of
    :func:`_folded_key`, which most capitalised words fail whatever the countries), kept
    with the gazetteer as :func:`~geomap.gazetteer.base.memo_of` keeps its memos."""
    memos = getattr(gazetteer, "__dict__", None)
    got = memos.get("_memo_foldable") if memos is not None else None
    if got is None:
        def foldable(surface: str) -> bool:
            sk = skeleton(surface)
            return sk is not None and gazetteer.has_key(sk)

        got = Memo(foldable, limit=MEMO_LIMIT)
        if memos is not None:
            memos["_memo_foldable"] = got
    return got


def _announce_skeletons(
    text: str, runs: list[list[tuple[int, int]]], foldable: Memo, gazetteer: Gazetteer
) -> None:
    """Tell the gazetteer the skeletons :func:`foldable_memo` is about to look up (those of
    the runs' capitalised words it has not been asked about), so that a gazetteer reading
    its keys from storage reads them in one query, not one per word: a generator, run
    only if a skeleton is not known yet."""
    prefetch = getattr(gazetteer, "prefetch", None)
    if prefetch is not None:
        prefetch(
            sk
            for run in runs
            for s, e in run
            if text[s].isupper() and text[s:e] not in foldable
            and (sk := skeleton(text[s:e])) is not None
        )


def _folded_key(surface: str, gazetteer: Gazetteer, in_countries: frozenset[str]) -> str | None:
    sk = skeleton(surface)
    if sk is None or not gazetteer.has_key(sk):
        return None
    if not in_countries and not looks_arabic(surface, place_words("name_heads", "en")):
        return None  # "State", "Senior": English words that share an Arab name's consonants
    rules = latin_rules()
    least = rules.min_similarity if " " in sk else rules.min_similarity_one_word
    names = [n for n in gazetteer.names_for_key(sk) if vowelled(n)]
    # where the text's countries are asked (after "in", a town cue, a verb of war), a
    # spelling that differs only in its vowels will do ("took Menbej": Manbij)
    if not (alike_any(surface, names, least)
            or (in_countries and _same_shape(surface, names))):
        return None
    if " " not in sk and not any(
        p.population >= populations()["hamlet"] or p.feature_class == "A"
        or p.country_code in in_countries
        for p in gazetteer.candidates(sk)
    ):
        return None
    return sk


def _same_shape(surface: str, names: list[str]) -> bool:
    """Does one of ``names`` differ from ``surface`` only in how it writes the vowels
    ("Menbej", "Manbij": :func:`~geomap.text.spelling.shape`)?"""
    mine = shape(surface)
    return any(shape(n) == mine for n in names)


def _runs(text: str, articles: frozenset[str]) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words (articles between them: "Jisr ash-Shughur") joined by a
    space or a hyphen: lists of word spans."""
    # re.split with a group alternates gaps and words (as the tokeniser does); the words
    # that may be in a run are found with a per-word memo mapped over them in C, so the
    # loop below sees only those (a tenth of a text's words), not every word
    parts = _WORD_SPLIT.split(text)
    words = parts[1::2]
    kinds = list(map(_word_kind(articles).__getitem__, words))
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []
    last = -2  # the index of the previous word in a run
    offsets = list(itertools.accumulate(map(len, parts), initial=0))
    for k in itertools.compress(range(len(words)), kinds):
        pos = offsets[2 * k + 1]
        w = words[k]
        kind = kinds[k]
        # a possessive ("Tunisia's") is cut off: the next word is never joined to it
        span = (pos, pos + len(w) - 2) if kind == _POSSESSIVE_NAME else (pos, pos + len(w))
        if run and last == k - 1 and kinds[last] != _POSSESSIVE_NAME and parts[2 * k] in (" ", "-"):
            run.append(span)
        else:
            if run:
                runs.append(run)
            run = [span]
        last = k
    if run:
        runs.append(run)
    return runs


_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_NAME, _POSSESSIVE_NAME = 1, 2
_KINDS: dict[frozenset[str], Memo] = {}


def _word_kind(articles: frozenset[str]) -> Memo:
    """word -> 0 when it cannot be in a run, else :data:`_NAME` or :data:`_POSSESSIVE_NAME`
    (a name with "'s" cut off), per set of articles, remembered per word."""
    got = _KINDS.get(articles)
    if got is None:
        def kind(w: str) -> int:
            possessive = _POSSESSIVE.search(w) is not None
            if possessive:
                w = w[:-2]  # "Tunisia's"
            # an acronym ("GBI", "US") is no name in another spelling, nor an article
            namey = (w[0].isupper() and not w.isupper()) or (
                w.lower() in articles and not w.isupper())
            return (_POSSESSIVE_NAME if possessive else _NAME) if namey else 0

        got = _KINDS[articles] = Memo(kind, limit=MEMO_LIMIT)
    return got


def _longest_folded(
    text: str,
    run: list[tuple[int, int]],
    i: int,
    spans: set[tuple[int, int]],
    stop: frozenset[str],
    gazetteer: Gazetteer,
    least: int = 0,
    context: frozenset[str] = frozenset(),
    cued: frozenset[int] = frozenset(),
    memo: dict | None = None,
    foldable: Memo | None = None,
) -> tuple[int, int, str, int] | None:
    """The longest name from word ``i`` of a run that the gazetteer knows in another
    spelling (a place of ``least`` people or more; for one word, in one of the ``context``
    countries when there are any): ``(start, end, skeleton key, end word)``; ``None``
    when there is none, or when the longest candidate is known under its own spelling
    (``spans``: those of the names found so far). ``memo`` is :func:`folded_key`'s and
    ``foldable`` :func:`foldable_memo` (the caller fetches them once per document)."""
    memo = memo_of(gazetteer, "folded_key", MEMO_LIMIT) if memo is None else memo
    foldable = foldable_memo(gazetteer) if foldable is None else foldable
    articles = latin_rules().articles
    if not text[run[i][0]].isupper():
        return None  # every name from word i starts with it ("al-Numan" opens none)
    for j in range(min(len(run), i + _MAX_WORDS), i, -1):
        start, end = run[i][0], run[j - 1][1]
        last_start = run[j - 1][0]
        if not text[last_start].isupper() or (
            j - i > 1 and text[last_start:end].lower() in articles
        ):
            continue  # "Rashid Al": an article opens the next name
        if (start, end) in spans:
            return None  # known under its own spelling
        if j - i > 1 and (run[i + 1][0], end) in spans and not _article_hyphened(text, run[i + 1]):
            # "An Alexandria": a known name after a word, not another spelling; but a word
            # before a known name that opens with a hyphened article is one Arabic name
            # with it ("Ras Al-Ain", not Al Ain in the Emirates after "Ras")
            continue
        surface = text[start:end]
        # most capitalised words have no skeleton the gazetteer knows: that is settled
        # (remembered per surface) before the tests of where the word stands
        if not foldable[surface] or (
            j - i == 1 and (surface.lower() in stop or _sentence_start(text, start))
        ):
            continue
        # after "in"/"near" or a town cue ("the town of"; ``cued``: the offsets of words
        # right after one), a one-word name may be a small place in the text's countries
        # ("advanced on Shaddadi in Hasakah": Ash Shaddadah has no population in GeoNames)
        # (a name of several words after a town cue, too: "the town of Bulo Burde", a
        # Somali name that looks no Arabic one, is Bulo Berde in a text about Somalia)
        # and so may a name of two capitalised words joined by a hyphen ("Der-Ezor"; not
        # an article and a word, "Al-Bashir", that any Arabic name may be), a
        # spelling English words hardly share, one word after a verb of war or of
        # movement ("shelled Qunaitra", "advanced on Menbej": ``skeleton_after`` of
        # data/name_spellings.yaml), and one word listed after a name found ("Der-Ezor
        # and Qunaitra")
        small = (
            context
            if start in cued
            or (j - i > 1 and _after_locative(text, start))
            or (j - i == 1 and (_after_locative(text, start) or _after_verb(text, start)
                                or _listed_after(text, start, spans)))
            or (j - i == 2 and text[run[i][1] : run[i + 1][0]] == "-"
                and not _article_hyphened(text, run[i]))
            else frozenset()
        )
        # folded_key(), its memo looked up here: most words are asked about in every
        # document (the cost of a call per word was most of this loop's)
        mkey = (surface, small)
        sk = memo.get(mkey, memo)
        if sk is memo:
            sk = memo[mkey] = _folded_key(surface, gazetteer, small)
        if sk is not None and _fits(gazetteer.candidates(sk), least, context, j - i > 1):
            return start, end, sk, j
        # a first-level unit under the English conventional name of a country's province
        # ("Lower Shabelle", GeoNames' Shabeellaha Hoose, known as "Lower Shabeelle"): a
        # name of several words whose skeleton is such a unit's is that unit in any text;
        # one word before a unit noun ("Galgadud region"), in a text about its country
        sk = _unit_name(text, (start, end), j - i > 1, gazetteer, memo, context)
        if sk is not None:
            return start, end, sk, j
    return None


def _unit_name(
    text: str, span: tuple[int, int], several: bool, gazetteer: Gazetteer, memo: dict,
    context: frozenset[str],
) -> str | None:
    """:func:`_unit_key` of the name at ``span``: of several words besides an article (its
    skeleton holds two words, "Lower Shabelle"; not "Al-Jazeera", one word and an article)
    where a place is meant (after "in" or a verb of war, before a unit noun) or in a text
    about the unit's country ("the Senior State homes" is no Sennar State); or of one word
    a unit noun follows when the unit lies in one of the ``context`` countries ("Galgadud
    region" in a text about Somalia; not "Waste District", Wasit's skeleton, in a county's
    news). Its answers kept in ``memo``."""
    start, end = span
    noun = _unit_after(text, end, "en")
    if not several and not (context and noun):
        return None
    surface = text[start:end]
    ukey = (surface, _UNIT)
    sk = memo.get(ukey, memo)
    if sk is memo:
        sk = memo[ukey] = _unit_key(surface, gazetteer)
    if sk is None:
        return None
    units = [p for p in gazetteer.candidates(sk) if p.feature_code == "ADM1"]
    if any(p.country_code in context for p in units) and (noun or " " in sk):
        return sk
    placed = noun or _after_locative(text, start) or _after_verb(text, start)
    return sk if " " in sk and placed else None


#: the memo key :func:`_unit_key`'s answers are kept under (beside ``_folded_key``'s)
_UNIT = "first-level unit"
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _unit_after(text: str, end: int, lang: str) -> bool:
    """Is the word after ``end`` a noun of a province ("region", "province"; the cues
    after a name of ``data/place_cues.yaml``)?"""
    got = _NEXT_WORD.match(text, end)
    return got is not None and cues().after.get(lang, {}).get(
        (got.group(1).lower(),)) == "province"


def _unit_key(surface: str, gazetteer: Gazetteer) -> str | None:
    """The skeleton key of ``surface`` when the gazetteer knows under it a first-level
    unit whose name is spelled alike (``min_similarity`` of data/name_spellings.yaml)."""
    sk = skeleton(surface)
    if sk is None or not gazetteer.has_key(sk):
        return None
    if not any(p.feature_code == "ADM1" for p in gazetteer.candidates(sk)):
        return None
    names = [n for n in gazetteer.names_for_key(sk) if vowelled(n)]
    return sk if alike_any(surface, names, latin_rules().min_similarity) else None


_PREVIOUS = re.compile(r"([^\W\d_]+)\s+$")


def _after_locative(text: str, start: int) -> bool:
    """Is the word before ``start`` a locative or a direction ("in", "near", "on", "of")?"""
    got = _PREVIOUS.search(text, max(0, start - 12), start)
    return got is not None and got.group(1) in place_words("locatives", "en")


@functools.cache
def _skeleton_after() -> frozenset[str]:
    """``skeleton_after`` of ``data/name_spellings.yaml``, folded."""
    words = (cached_yaml("name_spellings.yaml") or {}).get("skeleton_after") or ()
    return frozenset(str(w).lower() for w in words)


def _after_verb(text: str, start: int) -> bool:
    """Is the word before ``start`` one of ``skeleton_after`` ("shelled", "on")?"""
    got = _PREVIOUS.search(text, max(0, start - 14), start)
    return got is not None and got.group(1).lower() in _skeleton_after()


_LIST_JOIN = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")


def _listed_after(text: str, start: int, spans: set[tuple[int, int]]) -> bool:
    """Is the word at ``start`` the next of a list after a name found ("Der-Ezor and
    Qunaitra", "Aleppo, Menbej")?"""
    got = _LIST_JOIN.search(text, max(0, start - 7), start)
    if got is None:
        return False
    ends = getattr(spans, "ends", None)  # (a SpanSet knows its ends)
    return got.start() in ends if ends is not None else any(e == got.start() for _, e in spans)


def _fits(places: list, least: int, countries: frozenset[str], several: bool) -> bool:
    """Is one of ``places`` of ``least`` people or more and (when ``countries`` are given)
    in one of them, or, for a name of ``several`` words, a town (not a hamlet)? "Qahira"
    in a Baghdad story is no spelling of Cairo (Al Qahirah), nor "Tal Shaeer" near Manbij
    one of Tal Shahar in Israel."""
    town = populations()["hamlet"]
    return any(
        p.population >= least
        and (not countries or p.country_code in countries or (several and p.population >= town))
        for p in places
    )


def _arab_context(
    found: list[Mention], gazetteer: Gazetteer, regions: frozenset[str]
) -> frozenset[str]:
    """The Arab countries the text names places in (where the most populous place of one
    of its names lies)."""
    out = set()
    # the country of a name's most populous place is a pure function of the name and the
    # gazetteer: remembered (the same names come back in document after document)
    memo = memo_of(gazetteer, "top_country", MEMO_LIMIT)
    new = [m.key for m in found if m.key not in memo]
    prefetch = getattr(gazetteer, "prefetch", None)
    if new and prefetch is not None:  # their places, read in one query, not one per name
        prefetch(new, places=True)
    for m in found:
        cc = memo.get(m.key, memo)
        if cc is memo:
            # only names the gazetteer itself knows: no geocoder is asked for context
            cands = gazetteer.candidates(m.key) if gazetteer.has_key(m.key) else []
            cc = memo[m.key] = max(cands, key=lambda p: p.population).country_code \
                if cands else None
        if cc is not None and cc in regions:
            out.add(cc)
    return frozenset(out)


def _article_hyphened(text: str, word: tuple[int, int]) -> bool:
    """Is the word an Arabic article hyphened to the next word ("Al-" of "Al-Ain")?"""
    s, e = word
    return text[e : e + 1] == "-" and text[s:e].lower() in latin_rules().articles


def _hyphened_article(text: str, run: list[tuple[int, int]]) -> bool:
    """Does a run of words hold an Arabic article hyphened to the next word, after a first
    word ("Maarat al-Numan", "Jisr ash-Shughur")?"""
    return any(_article_hyphened(text, w) for w in run[1:-1])


def folded_mentions(
    view: TextView,
    gazetteer: Gazetteer,
    found: list[Mention],
    exclude: Sequence[tuple[int, int]] = (),
    countries: frozenset[str] = frozenset(),
) -> list[Mention]:
    """``found`` plus the capitalised names known only in another spelling, longest first;
    a longer name replaces the known names inside it. Only in a text that names a place in
    an Arab country (``arabic_regions`` of ``data/name_spellings.yaml``), or is about one
    by its actors (``countries``: "regime forces shell Shekh Meskin")."""
    text, lang = view.text, view.language
    rules = latin_rules()
    # in a text about no Arab country, only a city ("Hodeidah"): "An Alexandria" in a text
    # about Virginia is Virginia's
    context = _arab_context(found, gazetteer, rules.arabic_regions) | (
        countries & rules.arabic_regions)
    least = 0 if context else populations()["foreign_town"]
    stop = common_words("en")
    out = Found(found)
    spans = out.spans
    barred = Spans(exclude)
    runs = _runs(text, rules.articles)
    cued = frozenset(_town_cued_starts(view, runs)) if context else frozenset()
    memo = memo_of(gazetteer, "folded_key", MEMO_LIMIT)
    foldable = foldable_memo(gazetteer)
    _announce_skeletons(text, runs, foldable, gazetteer)
    for run in runs:
        if len(run) == 1:
            # a lone word (most runs): _longest_folded's own first tests, without a call
            s, e = run[0]
            if not text[s].isupper() or (s, e) in spans or not foldable[text[s:e]]:
                continue
        # a name with an Arabic article hyphened inside ("Maarat al-Numan") is Arabic
        # whatever else the text names: any Arab country's place will do, of any size
        # (GeoNames gives Ma'arrat an Nu'man no population)
        arabic_name = _hyphened_article(text, run)
        at_least = 0 if arabic_name else least
        where = context | rules.arabic_regions if arabic_name else context
        i = 0
        while i < len(run):
            got = _longest_folded(
                text, run, i, spans, stop, gazetteer, at_least, where, cued, memo, foldable
            )
            if got is None:
                i += 1
                continue
            start, end, sk, j = got
            near = out.overlapping(start, end)
            inside = [m for m in near if start <= m.start and m.end <= end]
            if barred.overlaps(start, end) or len(inside) < len(near):
                i += 1
                continue
            ti, tj = view.tok_index(start), view.tok_index(end - 1) + 1
            cue = cue_before(view.tokens, ti, lang) or cue_after(view.tokens, tj, lang)
            out.replace(inside, Mention(start, end, text[start:end], sk, lang, cue))
            i = j
    found_all = sorted(out.mentions(), key=lambda m: m.start)
    if not context:
        return found_all
    actors = countries & rules.arabic_regions
    return _rekeyed_abroad(found_all, gazetteer, context, lambda k: _arab_context(
        [m for m in found_all if m.key != k], gazetteer, rules.arabic_regions) | actors)


def _rekeyed_abroad(
    found: list[Mention], gazetteer: Gazetteer, context: frozenset[str],
    context_without=None,
) -> list[Mention]:
    """``found`` with a name known in its own spelling only as a small place outside the
    Arab countries the text is about (``context``), after a cue that says a place is meant,
    looked up by its skeleton too, when that finds a place there whose names look like it
    (:data:`~geomap.text.spelling` similarity): "Shabwa province" in a report from Yemen
    is Shabwah, not Sha Bwa in Myanmar (the Latin counterpart of
    :func:`~geomap.geoparse.arabic.context_skeleton_keys`). A name known as a country, a
    first-level unit, a city or a place in ``context`` keeps its own key; after a unit noun,
    ``context`` is that of the text's other names (``context_without(key)``): "Hiran
    region" in a report from Mogadishu is Hiiraan, though Hīrān, a hamlet of Iraq, put Iraq
    in it."""
    out = []
    for m in found:
        if m.cue is None:
            out.append(m)  # no cue says a place is meant: "Sam", "Sharon" are people
            continue
        own = gazetteer.candidates(m.key) if gazetteer.has_key(m.key) else []
        if not own or any(
            p.is_country or p.feature_code == "ADM1" or p.population >= RIVAL_CITY_POPULATION
            for p in own
        ):
            out.append(m)
            continue
        unit = "province" in m.cue.split("+")
        here = context if context_without is None or not unit else context_without(m.key)
        if not here or any(p.country_code in here for p in own):
            out.append(m)
            continue
        sk = folded_key(m.surface, gazetteer, here)
        if sk is not None and sk != m.key and any(
            p.country_code in here for p in gazetteer.candidates(sk)
        ) and alike_any(m.surface, gazetteer.names_for_key(sk), latin_rules().min_similarity):
            m = dataclasses.replace(m, key=sk)
        out.append(m)
    return out



def _town_cued_starts(view: TextView, runs: list[list[tuple[int, int]]]):
    """The offsets of the runs' words that come right after a town cue ("the town of X")."""
    toks, lang = view.tokens, view.language
    may = cue_candidates(toks, lang)
    if may is None:
        for run in runs:
            for start, _ in run:
                cue = cue_before(toks, view.tok_index(start), lang)
                if cue and "city" in cue.split("+"):
                    yield start
        return
    # only the few tokens a cue may stand before are asked about (not every run word):
    # a word is cued when its token (the one at or last before it, as tok_index finds
    # it) is one of them, that is when it starts between that token and the next; and of
    # those tokens only the ones a run word starts at (most follow "of", "in", "the" and
    # a word in lower case: no cue is worked out for them)
    starts = [start for run in runs for start, _ in run]  # ascending, as the runs are
    firsts = view.token_starts
    for j in sorted(may):
        if j >= len(toks):
            continue
        lo = bisect.bisect_left(starts, firsts[j]) if j > 0 else 0
        hi = bisect.bisect_left(starts, firsts[j + 1]) if j + 1 < len(firsts) else len(starts)
        if lo == hi:
            continue
        cue = cue_before(toks, j, lang)
        if cue and "city" in cue.split("+"):
            yield from starts[lo:hi]


#: how alike an unknown name after a town cue and a gazetteer key must be (rapidfuzz's
#: normalised Indel similarity, as difflib's ratio: 2 * matches / total length)
FUZZY_CUTOFF = 0.85
#: ... and how near one of the document's places (km) its place must lie
FUZZY_KM = 150.0


def _pool(gazetteer: Gazetteer, first: str, size: int) -> tuple[str, ...]:
    """The keys a name of ``size`` characters beginning with ``first`` is compared with:
    those of the same first letter and a length differing by one at most (the gazetteer's
    :meth:`~geomap.gazetteer.base.Gazetteer.keys_by_shape`, joined once per gazetteer,
    first letter and length, not at every lookup)."""
    pools = memo_of(gazetteer, "fuzzy_pools", MEMO_LIMIT)
    got = pools.get((first, size))
    if got is None:
        shape = gazetteer.keys_by_shape
        got = pools[(first, size)] = (
            shape(first, size - 1) + shape(first, size) + shape(first, size + 1)
        )
    return got


def _most_alike(name_key: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The (at most five) gazetteer keys most like ``name_key`` and alike enough, the most
    alike first."""
    pool = _pool(gazetteer, name_key[0], len(name_key))
    from rapidfuzz import fuzz, process  # here: start-up imports only what every run needs

    # rapidfuzz (C): difflib's get_close_matches over a few thousand keys took ~70 ms a
    # name, most of a conflict article's time (villages after a cue are common there)
    got = process.extract(
        name_key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF * 100, limit=5
    )
    return tuple(k for k, _score, _index in got)


def fuzzy_places(name_key: str, gazetteer: Gazetteer, countries: frozenset[str]) -> list:
    """The places in ``countries`` of the gazetteer key most like ``name_key`` (a name
    after a town cue that the gazetteer does not know: "قرية X", "the village of X"), or
    ``[]`` when no key is alike enough (:data:`FUZZY_CUTOFF`)."""
    if len(name_key) < 4 or not countries or getattr(gazetteer, "open_world", False):
        return []  # with a geocoder behind the gazetteer, the geocoder is the last resort
    # the most alike keys are a pure function of the name and the gazetteer: remembered
    memo = memo_of(gazetteer, "fuzzy", MEMO_LIMIT)
    got = memo.get(name_key)
    if got is None:
        got = memo[name_key] = _most_alike(name_key, gazetteer)
    for k in got:
        if k == name_key:
            continue  # its own key: looked up already
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
    most populous place of the most alike key, within :data:`FUZZY_KM` of one of the
    document's places below country level (``known``, by default the resolved ones),
    marked approximate (the cue becomes ``near+...``: ACLED's precision 2)."""
    if not any(_unknown_cued(r) for r in resolved):
        return resolved
    anchors = [r.place for r in (resolved if known is None else known)
               if r.place is not None and r.place.country_code and not r.place.is_country]
    countries = frozenset(p.country_code for p in anchors)
    out = []
    for r in resolved:
        if _unknown_cued(r):
            # near one of the document's places: "Ford" near Moore's Ford in Georgia is
            # not Fords, New Jersey
            places = [p for p in fuzzy_places(r.mention.key, gazetteer, countries)
                      if any(haversine_km(p.lat, p.lon, a.lat, a.lon) <= FUZZY_KM
                             for a in anchors)]
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


#: kinds of cue before an unknown Arabic word that make it a place name ("مدينة X",
#: "ريف X", "منطقة X"): then a place of any size in an Arab country will do
_ARABIC_TOWN_CUES = frozenset({"city", "countryside", "province"})
#: the kinds a chain of cues before such a word may hold ("قرب مدينة X"; not "مختار قرية X")
_HEADLESS = _ARABIC_TOWN_CUES | {"near", "direction", "district", "capital"}


def arabic_key(name_key: str, gazetteer: Gazetteer) -> str | None:
    """The skeleton key under which the gazetteer knows an Arabic key in Latin script only,
    for a place in an Arab country, or ``None``; remembered per gazetteer (a pure
    function of the key: the same unknown words come back in document after document)."""
    memo = memo_of(gazetteer, "arabic_key", MEMO_LIMIT)
    got = memo.get(name_key, memo)
    if got is memo:
        got = memo[name_key] = _arabic_key(name_key, gazetteer)
    return got  # type: ignore[return-value]


def _arabic_key(name_key: str, gazetteer: Gazetteer) -> str | None:
    if gazetteer.has_key(name_key) or getattr(gazetteer, "open_world", False):
        return None  # known in Arabic (or a geocoder behind): never overridden
    regions = latin_rules().arabic_regions
    for sk in arabic_skeletons(name_key):
        if gazetteer.has_key(sk) and any(
            p.country_code in regions for p in gazetteer.candidates(sk)
        ):
            return sk
    return None


def _arabic_word_key(
    tok: str, gazetteer: Gazetteer, stop: frozenset[str], cued: bool
) -> str | None:
    """The skeleton key of an Arabic token, its clitics and article removed as for every
    lookup (only the article right after a cue: "أحياء ومدن", quarters and towns, is no
    name), or ``None`` (a common word, a name known in Arabic, or no Latin name)."""
    if tok in stop:
        return None
    forms = [key(v) for v in arabic_variants(tok)]
    stop = stop | arabic_rules()["not_names"] if stop else arabic_rules()["not_names"]
    if any(f in stop or gazetteer.has_key(f) for f in forms):
        return None
    for f in forms[:1] if cued else forms:
        if len(f) >= 3:
            sk = arabic_key(f, gazetteer)
            if sk is not None:
                return sk
    return None


def arabic_mentions(
    view: TextView,
    gazetteer: Gazetteer,
    found: list[Mention],
    exclude: Sequence[tuple[int, int]] = (),
    countries: frozenset[str] = frozenset(),
) -> list[Mention]:
    """``found`` plus the Arabic words the gazetteer knows only in Latin script ("البوكمال",
    Albu Kamal): an unknown Arabic word (or a two-word name opened by a name head, "عين
    X") whose letter-by-letter skeleton (:func:`~geomap.text.spelling.arabic_skeletons`)
    is the key of a place in an Arab country, accepted after a town cue in the construct
    state ("مدينة البوكمال"), or after a preposition ("في البوكمال") in a text that names
    a place in that country. A name after a town cue that the gazetteer does not know
    ("قرية X", found unknown by recognition) gets the skeleton key when there is one."""
    text, toks, lang = view.text, view.tokens, view.language
    regions = latin_rules().arabic_regions
    has_key = gazetteer.has_key
    # what recognition found by name covers its tokens; names after a cue that the
    # gazetteer does not know may be completed here
    known = Spans((m.start, m.end) for m in found if has_key(m.key))
    unknown = {(m.start, m.end) for m in found if not has_key(m.key)}
    barred = Spans(exclude)
    context: frozenset[str] | None = None
    out = Found(found)
    # most words have no Latin namesake: one memo lookup per word, mapped in C, leaves
    # only the few that have one (or open a two-word name) for the loop below
    table = _word_table(gazetteer, lang)
    entries = list(map(table.__getitem__, map(_token_text, toks)))
    upto = 0
    for i in [i for i, e in enumerate(entries) if e is not None]:
        if i < upto:
            continue
        got = _arabic_name_at(view, i, entries[i], gazetteer, known, barred)
        if got is None:
            continue
        sk, n, start, end = got
        cue = cue_before(toks, i, lang)
        if context is None:
            # the countries of its names, and of its actors, demonyms and hashtags
            context = _arab_context(found, gazetteer, regions) | (countries & regions)
        if not (
            _town_cued(view, i, cue, sk, gazetteer, context)
            or _uncued_town(view, i, sk, gazetteer, context)
        ) or (n == 1 and _short(sk) and not _alike_word(toks[i].text, sk, gazetteer)):
            continue
        near = out.overlapping(start, end)
        inside = [m for m in near if start <= m.start and m.end <= end]
        if len(inside) < len(near) or any((m.start, m.end) not in unknown for m in inside):
            continue
        out.replace(inside, Mention(start, end, text[start:end], sk, lang, cue))
        upto = i + n
    return sorted(out.mentions(), key=lambda m: m.start)


#: the most letters of a skeleton that unrelated names share often enough to be checked
#: against the word's own vowels (:func:`_alike_word`)
SHORT_SKELETON = 3


def _short(sk: str) -> bool:
    return len(sk.replace(" ", "")) - len(SKELETON_MARK) <= SHORT_SKELETON


def _alike_word(tok: str, sk: str, gazetteer: Gazetteer) -> bool:
    """Does the Arabic word ``tok``, written in Latin letters, look like a Latin name of
    its skeleton ``sk`` (:func:`~geomap.text.spelling.arabic_alike`), where it writes a long
    vowel inside to compare? A short skeleton is shared by unrelated names: "بلدة الخيام"
    (Khiam) has Khama's, a spelling of Hama."""
    forms = arabic_variants(tok)
    if not any(c in "اوي" for v in forms for c in v[1:-1]):
        return True  # no long vowel written inside it ("دمر", Dummar): nothing to compare
    names = gazetteer.names_for_key(sk)
    return any(arabic_alike(key(v), names) for v in forms)


def _uncued_town(
    view: TextView, i: int, sk: str, gazetteer: Gazetteer, context: frozenset[str]
) -> bool:
    """May the unknown Arabic word at token ``i`` (skeleton ``sk``) be a place without a
    town cue? Only right after a place preposition written apart (``uncued_prepositions``:
    "في X"; not the clitic ب, mostly "with", nor "من", mostly "of"), with a skeleton of
    ``uncued_min_letters`` or more (short skeletons are shared by many common words:
    "القرن", the century, and Al Qurnah) and for a town (not a hamlet) in a country the
    text names places in."""
    toks = view.tokens
    rules = arabic_rules()
    if i == 0 or toks[i - 1].text not in rules["uncued_prepositions"]:
        return False
    if len(sk.replace(" ", "")) - len(SKELETON_MARK) < rules["uncued_min_letters"]:
        return False
    town = populations()["hamlet"]
    return any(
        p.country_code in context and (p.population >= town or p.feature_class == "A")
        for p in gazetteer.candidates(sk)
    )


def _town_cued(
    view: TextView,
    i: int,
    cue: str | None,
    sk: str,
    gazetteer: Gazetteer,
    context: frozenset[str],
) -> bool:
    """Is token ``i`` right after a town cue in the construct state ("مدينة X", not
    "المدينة X"), for a place in a country the text names places in, or in a text that
    names no Arab country (not after "منطقة")?"""
    kinds = cue.split("+") if cue else []
    # "مختار قرية X" (the village's headman): an office, as in recognition
    if not kinds or kinds[-1] not in _ARABIC_TOWN_CUES or i == 0 or not _HEADLESS.issuperset(
        kinds
    ):
        return False
    toks = view.tokens
    if (
        view.norm.text[toks[i - 1].end : toks[i].start].strip()
        or has_article(toks[i - 1].text)
        or key(toks[i - 1].text) in arabic_rules()["not_town_cues"]
    ):
        return False
    # in a text about other Arab countries, a cued word whose Latin namesake lies elsewhere
    # is likelier another word ("مدينة جابر الأحمد", Jaber Al-Ahmad City, Kuwait, is not
    # Yabrud); after "منطقة" (mostly "area": "منطقة الحرم", the area of the shrine) the
    # text must name the place's country
    if not context and kinds[-1] != "province":
        return True
    return any(p.country_code in context for p in gazetteer.candidates(sk))


_token_text = operator.itemgetter(0)  # Token.text, by position (cheaper)
#: per word: None (nothing to look up), else (skeleton key of any of its forms, of the form
#: with only the article removed, whether it opens two-word names)
_WordEntry = tuple[str | None, str | None, bool] | None


def _word_table(gazetteer: Gazetteer, lang: str) -> Memo:
    """word -> :data:`_WordEntry`, remembered per gazetteer and language."""
    memos = memo_of(gazetteer, "arabic_words", 8)
    got = memos.get(lang)
    if got is None:
        stop = common_words(lang)
        heads = place_words("name_heads", lang)

        def entry(tok: str) -> _WordEntry:
            if not is_arabic(tok):
                return None
            head = key(tok) in heads
            every = _arabic_word_key(tok, gazetteer, stop, False)
            if every is None and not head:
                return None
            first = _arabic_word_key(tok, gazetteer, stop, True) if every else None
            return every, first, head

        got = memos[lang] = Memo(entry, limit=MEMO_LIMIT)
    return got


def _arabic_name_at(
    view: TextView,
    i: int,
    entry: tuple[str | None, str | None, bool],
    gazetteer: Gazetteer,
    known: Spans,
    exclude: Spans,
) -> tuple[str, int, int, int] | None:
    """The skeleton key of the unknown Arabic name at token ``i`` (a name head and the
    next word, "عين X", before the word alone; ``entry``: the word's
    :func:`_word_table` entry), its length in tokens and its span in the text; ``None``
    when there is none or it overlaps a known name or an excluded span."""
    toks, norm, lang = view.tokens, view.norm, view.language
    if cue_at(toks, i + 1, lang) is not None:
        return None  # "في مدينتي جدة", "في شرق المملكة": a cue word names no place
    start, end = norm.span(toks[i].start, toks[i].end)
    if known.overlaps(start, end):
        return None
    every, first, head = entry
    sk, n = None, 1
    if head and i + 1 < len(toks) and is_arabic(toks[i + 1].text):
        phrase = key(f"{toks[i].text} {toks[i + 1].text}")
        if not gazetteer.has_key(phrase) and phrase not in common_words(lang):
            sk, n = arabic_key(phrase, gazetteer), 2
    if sk is None:
        # right after a cue, only the word with its article: "أحياء ومدن" (quarters and
        # towns) is no name
        sk, n = (first if cue_at(toks, i, lang) is not None else every), 1
    if sk is None:
        return None
    end = norm.span(toks[i + n - 1].start, toks[i + n - 1].end)[1]
    if known.overlaps(start, end) or exclude.overlaps(start, end):
        return None
    return sk, n, start, end
