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

import re
from collections.abc import Sequence

from ..gazetteer.base import Gazetteer
from ..geodesy import haversine_km
from ..records import Mention, Resolved
from ..text.spelling import latin_rules, looks_arabic, similar, skeleton, vowelled
from ..text.view import TextView
from .cues import common_words, cue_after, cue_before, place_words, populations

# a Latin word, apostrophes inside it kept ("Ma'arrat", "Nu`man")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’‘`ʿʾ][^\W\d_]+)*")
_MAX_WORDS = 5
_POSSESSIVE = re.compile(r"['’]s$")


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
    sk = skeleton(surface)
    if sk is None or not gazetteer.has_key(sk):
        return None
    if not in_countries and not looks_arabic(surface, place_words("name_heads", "en")):
        return None  # "State", "Senior": English words that share an Arab name's consonants
    rules = latin_rules()
    least = rules.min_similarity if " " in sk else rules.min_similarity_one_word
    names = [n for n in gazetteer.names_for_key(sk) if vowelled(n)]
    if max((similar(surface, n) for n in names), default=0.0) < least:
        return None
    if " " not in sk and not any(
        p.population >= populations()["hamlet"] or p.feature_class == "A"
        or p.country_code in in_countries
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
        span = m.span()
        if _POSSESSIVE.search(w):
            w = w[:-2]  # "Tunisia's"
            span = (span[0], span[1] - 2)
        # an acronym ("GBI", "US") is no name in another spelling, nor an article
        namey = (w[0].isupper() and not w.isupper()) or (
            w.lower() in articles and not w.isupper())
        joined = bool(run) and text[run[-1][1] : m.start()] in (" ", "-")
        if namey and joined:
            run.append(span)
            continue
        if run:
            runs.append(run)
        run = [span] if namey else []
    if run:
        runs.append(run)
    return runs


def _longest_folded(
    text: str,
    run: list[tuple[int, int]],
    i: int,
    out: list[Mention],
    stop: frozenset[str],
    gazetteer: Gazetteer,
    least: int = 0,
    context: frozenset[str] = frozenset(),
) -> tuple[int, int, str, int] | None:
    """The longest name from word ``i`` of a run that the gazetteer knows in another
    spelling (a place of ``least`` people or more; for one word, in one of the ``context``
    countries when there are any): ``(start, end, skeleton key, end word)``; ``None``
    when there is none, or when the longest candidate is known under its own spelling."""
    for j in range(min(len(run), i + _MAX_WORDS), i, -1):
        start, end = run[i][0], run[j - 1][1]
        last = text[run[j - 1][0] : end]
        if not (text[start].isupper() and last[0].isupper()) or (
            j - i > 1 and last.lower() in latin_rules().articles
        ):
            continue  # "Rashid Al": an article opens the next name
        if any((m.start, m.end) == (start, end) for m in out):
            return None  # known under its own spelling
        if j - i > 1 and any((m.start, m.end) == (run[i + 1][0], end) for m in out):
            continue  # "An Alexandria": a known name after a word, not another spelling
        surface = text[start:end]
        if j - i == 1 and (surface.lower() in stop or _sentence_start(text, start)):
            continue
        # after "in"/"near", a one-word name may be a small place in the text's countries
        # ("advanced on Shaddadi in Hasakah": Ash Shaddadah has no population in GeoNames)
        small = context if j - i == 1 and _after_locative(text, start) else frozenset()
        sk = folded_key(surface, gazetteer, small)
        if sk is not None and _fits(gazetteer.candidates(sk), least, context, j - i > 1):
            return start, end, sk, j
    return None


_PREVIOUS = re.compile(r"([^\W\d_]+)\s+$")


def _after_locative(text: str, start: int) -> bool:
    """Is the word before ``start`` a locative or a direction ("in", "near", "on", "of")?"""
    got = _PREVIOUS.search(text, max(0, start - 12), start)
    return got is not None and got.group(1) in place_words("locatives", "en")


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
    for m in found:
        # only names the gazetteer itself knows: no geocoder is asked for context
        cands = gazetteer.candidates(m.key) if gazetteer.has_key(m.key) else []
        if cands:
            cc = max(cands, key=lambda p: p.population).country_code
            if cc in regions:
                out.add(cc)
    return frozenset(out)


def _hyphened_article(text: str, run: list[tuple[int, int]]) -> bool:
    """Does a run of words hold an Arabic article hyphened to the next word, after a first
    word ("Maarat al-Numan", "Jisr ash-Shughur")?"""
    articles = latin_rules().articles
    return any(
        text[s:e].lower() in articles and text[e : e + 1] == "-"
        for s, e in run[1:-1]
    )


def folded_mentions(
    view: TextView,
    gazetteer: Gazetteer,
    found: list[Mention],
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """``found`` plus the capitalised names known only in another spelling, longest first;
    a longer name replaces the known names inside it. Only in a text that names a place in
    an Arab country (``arabic_regions`` of ``data/name_spellings.yaml``)."""
    text, lang = view.text, view.language
    rules = latin_rules()
    # in a text about no Arab country, only a city ("Hodeidah"): "An Alexandria" in a text
    # about Virginia is Virginia's
    context = _arab_context(found, gazetteer, rules.arabic_regions)
    least = 0 if context else populations()["foreign_town"]
    stop = common_words("en")
    out = list(found)
    for run in _runs(text, rules.articles):
        # a name with an Arabic article hyphened inside ("Maarat al-Numan") is Arabic
        # whatever else the text names: any Arab country's place will do, of any size
        # (GeoNames gives Ma'arrat an Nu'man no population)
        arabic_name = _hyphened_article(text, run)
        at_least = 0 if arabic_name else least
        where = context | rules.arabic_regions if arabic_name else context
        i = 0
        while i < len(run):
            got = _longest_folded(text, run, i, out, stop, gazetteer, at_least, where)
            if got is None:
                i += 1
                continue
            start, end, sk, j = got
            inside = [m for m in out if start <= m.start and m.end <= end]
            if any(s < end and start < e for s, e in exclude) or any(
                m.start < end and start < m.end for m in out if m not in inside
            ):
                i += 1
                continue
            ti, tj = view.tok_index(start), view.tok_index(end - 1) + 1
            cue = cue_before(view.tokens, ti, lang) or cue_after(view.tokens, tj, lang)
            out = [m for m in out if m not in inside]
            out.append(Mention(start, end, text[start:end], sk, lang, cue))
            i = j
    return sorted(out, key=lambda m: m.start)


#: how alike an unknown name after a town cue and a gazetteer key must be (rapidfuzz's
#: normalised Indel similarity, as difflib's ratio: 2 * matches / total length)
FUZZY_CUTOFF = 0.85
#: ... and how near one of the document's places (km) its place must lie
FUZZY_KM = 150.0
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
    if len(name_key) < 4 or not countries or getattr(gazetteer, "open_world", False):
        return []  # with a geocoder behind the gazetteer, the geocoder is the last resort
    buckets = _buckets(gazetteer)
    pool = [
        k
        for n in (len(name_key) - 1, len(name_key), len(name_key) + 1)
        for k in buckets.get((name_key[0], n), ())
    ]
    from rapidfuzz import fuzz, process  # here: start-up imports only what every run needs

    # rapidfuzz (C): difflib's get_close_matches over a few thousand keys took ~70 ms a
    # name, most of a conflict article's time (villages after a cue are common there)
    got = process.extract(
        name_key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF * 100, limit=5
    )
    for k, _score, _index in got:
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
