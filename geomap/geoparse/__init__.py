"""Geoparse stage: recognise place mentions, then resolve them against a gazetteer."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ..gazetteer import Gazetteer, default
from ..geodesy import haversine_km
from ..records import Mention, Place, Resolved
from ..text.lang import detect_language
from ..text.normalize import arabic_variants, fold, is_arabic, key, normalize, tokenize
from ..text.view import TextView
from ..text.spelling import latin_rules
from .arabic import (
    context_skeleton_keys,
    given_key,
    hashtag_countries,
    regions_of_demonyms,
    rival_city_in_focus,
    streets_in_town,
)
from .capital import cued_heads_abroad, cued_in_focus, quarters_in_focus, resolve_capital
from .context import _contains, _containers, container_gap, dateline_places
from .coordinates import with_coordinates
from .currencies import currency_evidence
from .cues import common_words, cue_after, cue_before, place_words
from .demonyms import adjective_use, demonyms
from .names import (
    aliased_unknown_places,
    directed_unknown_places,
    exemplified_unknown_places,
    headed_unknown_places,
    listed_unknown_places,
    named_features,
    named_streets,
    typed_unknown_places,
)
from .notplaces import given_names
from .recognize import recognise
from .resolve import resolve, resolver_name
from .spans import adjective_key, context_place, inner_key, main_country
from .variants import folded_key, fuzzy_cued

__all__ = [
    "name_candidates",
    "candidates",
    "geoparse",
    "haversine_km",
    "recognise",
    "resolve",
    "resolve_spans",
    "span_candidates",
    "span_key",
]


def span_key(surface: str, gaz: Gazetteer) -> str:
    """The lookup key of a span, with Arabic clitics stripped when the whole form is unknown."""
    k = key(surface)
    if not gaz.has_key(k):
        parts = k.split(" ")
        if parts and is_arabic(parts[0]):
            for v in arabic_variants(parts[0]):
                cand = " ".join([v, *parts[1:]])
                if gaz.has_key(cand):
                    return cand
    return k


def name_candidates(
    phrase: str, language: str | None = None, *, gazetteer: Gazetteer | None = None
):
    """The gazetteer's places of the phrase's own name (Arabic clitics stripped when the
    whole form is unknown): what resolution chooses among for a recognised mention."""
    gaz = gazetteer or default()
    return list(gaz.candidates(span_key(phrase, gaz)))


def candidates(phrase: str, language: str | None = None, *, gazetteer: Gazetteer | None = None):
    """Every gazetteer place :func:`resolve_spans` can give ``phrase`` on its own (the
    ceiling of resolution before the document's context is used).

    That is the places of its name (Arabic clitics stripped), or, for a name the gazetteer
    does not know, those of the longest place name inside it ("Colorado State University")
    or of the country or region it is an adjective of ("Sicilian"); plus the country a
    demonym stands for ("Syrians").
    """
    gaz = gazetteer or default()
    lang = language or detect_language(phrase)
    return _own_candidates(phrase, gaz, common_words(lang))[0]


def _own_candidates(
    surface: str, gaz: Gazetteer, common: frozenset[str]
) -> tuple[list[Place], str]:
    """A span's candidates without context, and how its key was found (see _lookup_key)."""
    dem = demonym_place(surface, gaz)
    k, how = _lookup_key(surface, gaz, common, dem)
    out = list(gaz.candidates(k))
    if dem is not None and all(p.geonameid != dem.geonameid for p in out):
        out.append(dem)
    return out, how


def _lookup_key(
    surface: str, gaz: Gazetteer, common: frozenset[str], demonym: Place | None
) -> tuple[str, str]:
    """The key a given span is looked up by, and how it was found: its own
    (:func:`span_key`, ``"own"``), or, when the gazetteer does not know it and it is no
    demonym, its spelling-free skeleton (``"folded"``, :mod:`geomap.text.spelling`), that
    of the longest place name inside (``"inner"``) or of the place it is an
    adjective of (``"adjective"``)."""
    k = span_key(surface, gaz)
    if demonym is not None or gaz.has_key(k):
        return k, "own"
    if is_arabic(surface.lstrip("#_«\"'( ")):
        # a hashtag, a glued name, clitics inside, a cue word around it, or a name known
        # only in Latin script ("#حفر_الباطن", "حفرالباطن", "مدينة الخفجي")
        got = given_key(surface, gaz, common)
        return got if got is not None else (k, "own")
    folded = folded_key(surface, gaz)
    if folded is not None:
        return folded, "folded"  # "Hodeidah": known as "Al Hudaydah"
    inner = inner_key(surface, gaz, common, given_names())
    if inner:
        return inner, "inner"
    adjective = adjective_key(surface, gaz)
    if adjective:
        return adjective, "adjective"
    return k, "own"


def _weak(p: Place) -> bool:
    """A town too small to be what a demonym-looking span names."""
    return p.feature_class == "P" and p.population < 50_000


#: How a span's key found only a guess at its place: a name inside it, or an Arabic name
#: known only in Latin script by its consonants (a likeness, not the name).
_GUESSED = frozenset({"inner", "arabic"})
#: A town this far from the document's centre, found by a name inside a span or small (fewer
#: people than _SMALL_TOWN), is taken for a namesake.
_FAR_KM = 500.0
_SMALL_TOWN = 20_000
#: ... unless a city of this size bears the same name.
_CITY = 300_000
#: How many mentions a dateline's town counts as when finding the document's centre.
DATELINE_WEIGHT = 3


def demonym_place(surface: str, gaz: Gazetteer) -> Place | None:
    """The place a span that is wholly a demonym stands for ("Syrians" -> Syria)."""
    geonameid = _demonym_id(surface, demonyms().version)
    return gaz.place(geonameid) if geonameid is not None else None


def opening_demonym_place(surface: str, gaz: Gazetteer) -> Place | None:
    """The place a demonym that opens a span's name stands for, when a capitalised word
    follows it ("European Parliament" -> Europe, "Russian Academy of Arts" -> Russia): the
    name of a body of that country or continent, for a span the gazetteer does not know.
    Not before a kind of place ("the French Quarter" of New Orleans, "Chinese Street" of a
    town: ``place_types`` and ``street_words`` of data/place_names.yaml)."""
    geonameid = _opening_demonym_id(surface, demonyms().version)
    return gaz.place(geonameid) if geonameid is not None else None


@functools.lru_cache(maxsize=1 << 14)
def _opening_demonym_id(surface: str, version: int) -> int | None:
    norm = normalize(surface)
    found = demonyms().find(norm, tokenize(norm.text))
    if not found or found[0].start != 0 or is_arabic(surface):
        return None
    rest = surface[found[0].end :]
    if not rest[:1].isspace() or not rest.lstrip()[:1].isupper():
        return None
    word = fold(rest.split()[0])
    if any(word in place_words(kind, "en") for kind in ("place_types", "street_words")):
        return None
    return found[0].value[1]


@functools.lru_cache(maxsize=1 << 14)
def _demonym_id(surface: str, version: int) -> int | None:
    """The GeoNames id of the country ``surface``, wholly a demonym, stands for; remembered
    per surface (and per ``version`` of the demonyms' lexicon): every mention asks."""
    norm = normalize(surface)
    found = demonyms().find(norm, tokenize(norm.text))
    if found and found[0].start == 0 and found[0].end == len(surface):
        return found[0].value[1]
    return None


def span_candidates(
    text: str,
    spans: Sequence[tuple[int, int]],
    language: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[list[Place]]:
    """Every place :func:`resolve_spans` can give each span of ``text``, in span order.

    A span's own :func:`candidates`; and, for a span with none, one looked up by a name
    inside it or one that may be a small town (all of which may be moved to the document's
    centre), the places below country level that the document's other spans may name, or
    its countries when they name nothing smaller (the centre is one of them).
    """
    gaz = gazetteer or default()
    lang = language or detect_language(text)
    common = common_words(lang)
    own, fallback = [], []
    for s, e in spans:
        cs, how = _own_candidates(text[s:e], gaz, common)
        own.append(cs)
        fallback.append(not cs or how in _GUESSED or any(
            p.feature_class == "P" and p.population < _SMALL_TOWN for p in cs))
    context: dict[int, Place] = {}
    countries: dict[int, Place] = {}
    for cs in own:
        for p in cs:
            if p.is_country:
                countries.setdefault(p.geonameid, p)
            elif p.feature_code != "CONT":
                context.setdefault(p.geonameid, p)
    context = context or countries
    out = []
    for cs, fb in zip(own, fallback, strict=True):
        if fb:
            ids = {p.geonameid for p in cs}
            cs = cs + [p for g, p in context.items() if g not in ids]
        out.append(cs)
    return out


def geoparse(
    text: str | TextView,
    language: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    evidence: Mapping[str, float] | None = None,
    demonyms: bool = False,
) -> list[Resolved]:
    """Recognise and resolve the places in ``text`` (a string, or the document's
    :class:`~geomap.text.view.TextView`, so that the text is prepared once for all stages).

    Returns one :class:`~geomap.records.Resolved` per mention, in text order; its
    ``place`` is ``None`` when no candidate fits. ``evidence`` is ``country_evidence(text)``
    when the caller already has it (the events stage finds demonyms in its own pass).
    With ``demonyms``, a capitalised Latin-script demonym outside every other mention
    ("Russian troops", "Palestinians") is a mention of its country too, as toponym corpora
    of the LGL schema count it (LGL, GeoWebNews); off by default: for the events stage a
    demonym is evidence of a country, not where anything happened.
    """
    gaz = gazetteer or default()
    view = TextView.of(text, language)
    if evidence is None:
        evidence = country_evidence(view)
    evidence = _with_currencies(_with_hashtags(evidence, view.text, gaz), view.text)
    # the countries its demonyms and actors name ("Syrian troops", "regime forces"): a name
    # known in another spelling may be a place there though the text names no other
    actors_of = frozenset(cc for cc, w in evidence.items() if w > 0)
    found = recognise(view, gaz, exclude=exclude, countries=actors_of)
    # "Somali troops": a demonym before a noun is evidence of its country (counted in
    # ``evidence``), never the place of its name (Somali, a region of Ethiopia)
    found = [m for m in found if not (adjective_use(view.text, m.start, m.end, m.cue)
                                      and demonym_place(m.surface, gaz) is not None)]
    # "the Kharkiv and Sumy regions", "the provinces of Idlib and Hama": every name of a
    # list of units is one (in running text a town or countryside cue may hold its own
    # name only: "the countryside of Hama and Idlib" is Hama's countryside and Idlib)
    resolved = resolve(_list_cues(found, view.text, only="province"), gaz, text=view.text,
                       evidence=evidence)
    # a bare "العاصمة" (the capital) is the capital of the country in focus; an unknown
    # name after a town cue, the most alike name near the document's places
    out = fuzzy_cued(resolve_capital(resolved, gaz, evidence), gaz)
    # "the town of Bulo Marer": a known first word of a longer cued name, found only abroad,
    # is no place
    out = cued_heads_abroad(view.text, out, evidence)
    # "عمان" (Oman, or Amman) in a text about Jordan and another country: Amman
    out = rival_city_in_focus(out, gaz, evidence)
    # ... else, in Arabic, the country the text is about
    out = cued_in_focus(out, gaz, evidence)
    # "حي X" (the X quarter) found only as a namesake town abroad: a quarter of the text's town
    out = quarters_in_focus(view.text, out, gaz, evidence)
    # "شارع كورنيش النيل" (the Nile Corniche street): in the text's town, not at the Nile
    out = streets_in_town(view, out)
    # "Van Dorn Street", "Haifa Street": known names that open a street's name are the street,
    # in the text's town
    out = named_streets(view, out)
    # "Lake Robinson", "Fort Benning": a feature named after a town, by the text's places
    out = named_features(view, out)
    # "Wadi Barada": a word that opens Arabic place names is no place alone
    out = headed_unknown_places(view, out)
    # "Handarat Refugee Camp", "the village of Aabed": English names the gazetteer lacks
    # that a kind of place makes places (place=None)
    out = typed_unknown_places(view, out, exclude)
    # "in Qamenas, Sarmin and Talamenes": the unknown names of a list of places
    out = listed_unknown_places(view, out, gaz.has_key, exclude)
    # "Rufaila, south of Mosul": an unknown name placed by a direction from a known place
    out = directed_unknown_places(view, out, gaz.has_key, exclude)
    # "towns including Rabiyah and Zumar": the unknown names given as a kind of place's examples
    out = exemplified_unknown_places(view, out, gaz.has_key, exclude)
    # "Qayyarah Airfield West, also called Q-West": another name the text gives a place
    out = aliased_unknown_places(view, out, gaz.has_key, exclude)
    # "33°30′21″N 36°16′11″E": a position written outright is its own place
    out = with_coordinates(view.text, out, view.language)
    # "في الشمال السوري" (in the Syrian north): a part of Syria
    out = regions_of_demonyms(view, out, gaz)
    return _with_demonyms(view, out, gaz, exclude) if demonyms else out


def _with_demonyms(
    view: TextView, found: list[Resolved], gaz: Gazetteer, exclude: Sequence[tuple[int, int]]
) -> list[Resolved]:
    """``found`` plus the capitalised Latin-script demonyms outside its mentions and
    ``exclude``, each resolved to its country (see :func:`geoparse`)."""
    taken = [(r.mention.start, r.mention.end) for r in found] + list(exclude)
    out = list(found)
    for d in demonyms().find(view.norm, view.tokens):
        s, e = view.norm.span(d.start, d.end)
        surface = view.text[s:e]
        if not surface[:1].isupper() or is_arabic(surface) or any(
            a < e and s < b for a, b in taken
        ):
            continue
        place = gaz.place(d.value[1])
        if place is None:
            continue
        out.append(Resolved(Mention(s, e, surface, key(surface), view.language, "demonym"),
                            place, 0.0, 1))
    return sorted(out, key=lambda r: r.mention.start)


def country_evidence(text: str | TextView) -> Counter[str]:
    """Countries the text's demonyms point to ("Syrian", "التركي"), counted."""
    if isinstance(text, TextView):
        norm, toks = text.norm, text.tokens
    else:
        norm = normalize(text)
        toks = tokenize(norm.text)
    return Counter(m.value[0] for m in demonyms().find(norm, toks) if m.value[0])


def _with_hashtags(evidence: Mapping[str, float], text: str, gaz: Gazetteer
                   ) -> Mapping[str, float]:
    """``evidence`` plus the countries the text's compound Arabic hashtags name
    (:func:`~.arabic.hashtag_countries`)."""
    tags = hashtag_countries(text, gaz)
    if not tags:
        return evidence
    out = Counter(evidence)
    out.update(tags)
    return out


def _with_currencies(evidence: Mapping[str, float], text: str) -> Mapping[str, float]:
    """``evidence`` plus the countries whose own currency the text writes a sum in
    (:func:`~.currencies.currency_evidence`: "$10.3 million" in a story that names no
    state or country speaks of a US town)."""
    money = currency_evidence(text)
    if not money:
        return evidence
    out = Counter(evidence)
    out.update(money)
    return out


#: "X at Y" also names the town of a campus or a hall ("the State University at Fresno");
#: so does "X in the (northern) city of Y"
_AT_GAP = re.compile(r"^\s*(?:at|(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:city|town|village)"
                     r"\s+of)\s*$", re.IGNORECASE)
#: what may close a quoted name before the words that place it
_CLOSING_QUOTES = "\"'\u201d\u2019\u00bb"
#: "Y's X": the town that owns a building ("Brooklyn's Barclays Center")
_POSSESSIVE_GAP = re.compile(r"^['’]s\s+$")


def _in_named_town(out: list[Resolved], hows: Sequence[str], text: str) -> set[int]:
    """A span known only by a name inside it, or not at all (a building, a street), right
    before the town it is in ("Loyola University in Los Angeles", "Crossroads
    Correctional Center in Shelby", "Kansas State University at Salina", "the University
    of Kansas, Lawrence" when Lawrence lies in the Kansas it found), or right after the
    town that owns it ("Lawrence's Qwxyz Arena"), lies in that town; so does one before a
    country or a first-order unit that does not hold the place its inner name found ("the
    Embassy of Chile in Peru"): ``out`` is changed in place (score 0 and no candidates
    mark the guess); the indices so placed are returned."""
    placed: set[int] = set()
    for n, r in enumerate(out):
        if not (hows[n] in _GUESSED or r.place is None):
            continue
        a = r.mention
        if n + 1 < len(out):
            nxt = out[n + 1]
            b, town = nxt.mention, nxt.place
            # a name in quotes: 'the "Kanaz Youth Camp" in the coastal town of Mombasa'
            between = text[a.end : b.start].lstrip(_CLOSING_QUOTES)
            # a comma may only be a list ("Columbus, Pleasant Township, Madison Township")
            # unless the unit the span found holds the town after it
            listed = "," in between or "،" in between
            # the place after it must be named outright, not guessed in turn
            if (town is not None and hows[n + 1] not in _GUESSED and nxt.candidates
                    and a.end <= b.start and b.start - a.end <= 40
                    and (town.feature_class == "P" or (
                        (town.is_country or town.feature_code == "ADM1")
                        and r.place is not None and not _holds(town, r.place)))
                    and (container_gap(between) and (not listed or _holds(r.place, town))
                         or (_AT_GAP.match(between) and not _street(a.surface)))):
                out[n] = Resolved(a, town, 0.0, 0)
                placed.add(n)
                continue
        if n > 0:
            prev = out[n - 1]
            town = prev.place
            if (town is not None and town.feature_class == "P" and hows[n - 1] not in _GUESSED
                    and prev.candidates and prev.mention.end <= a.start
                    and _POSSESSIVE_GAP.match(text[prev.mention.end : a.start])):
                out[n] = Resolved(a, town, 0.0, 0)
                placed.add(n)
    return placed


def _street(surface: str) -> bool:
    """Does ``surface`` end in a word for a street ("Royal Street")? "X Street at Y" is a
    corner, not a street in a town."""
    words = surface.split()
    return bool(words) and fold(words[-1]) in place_words("street_words", "en")


def _holds(unit: Place | None, town: Place) -> bool:
    """Is ``unit`` a country or a first-order unit that holds ``town``?"""
    if unit is None or unit.country_code != town.country_code:
        return False
    return unit.is_country or (unit.feature_code == "ADM1" and unit.admin1 == town.admin1)


#: what separates the names of a list: "A, B and C", "A, B, or C", "أ و ب"
_LIST_GAP = re.compile(r"^\s*(?:,|،|and|or|, and|, or|و)\s*$", re.IGNORECASE)


def _list_cues(mentions: list[Mention], text: str, only: str | None = None) -> list[Mention]:
    """Give every name of a list the cue of its first name (a cue before it: "the
    provinces of Nyanza, Rift Valley and Western") or of its last (a cue after it: "Butler,
    Clark and Warren counties"), unless it has its own; with ``only``, that cue alone."""
    out = list(mentions)
    n = 0
    while n < len(out):
        end = n
        while end + 1 < len(out) and out[end + 1].start >= out[end].end and _LIST_GAP.match(
                text[out[end].end : out[end + 1].start]):
            end += 1
        if end > n:
            cue = out[end].cue if out[end].cue and not out[n].cue else out[n].cue
            if cue and only in (None, cue):
                for i in range(n, end + 1):
                    if not out[i].cue:
                        out[i] = dataclasses.replace(out[i], cue=cue)
        n = end + 1
    return out


def _resolve_undecided(
    mentions: list[Mention],
    demonym: Sequence[Place | None],
    decided: Sequence[bool],
    hows: Sequence[str],
    gaz: Gazetteer,
    text: str,
    evidence: Mapping[str, float],
) -> list[Resolved]:
    """Resolve the spans not decided as demonyms together (a decided one stands for its
    country; so does an undecided demonym that found no place or a weak one)."""
    # every span is a place: the learned model never answers "no place" for one with
    # candidates (its best one then has a negative score, the margin over "no place") ...
    rest = iter(resolve([m for m, d in zip(mentions, decided, strict=True) if not d], gaz,
                        text=text, evidence=evidence, places_only=True))
    learned = resolver_name() == "learned"
    out = []
    for m, dem, d, how in zip(mentions, demonym, decided, hows, strict=True):
        if d:
            out.append(Resolved(m, dem, 1.0, len(gaz.candidates_for(m)) or 1))
            continue
        r = next(rest)
        # ... but a span known only by a name inside it ("Douglas" in "Marjory Stoneman
        # Douglas High School") is not that place when "no place" beats it: it falls back
        # like a span without candidates
        if learned and how in _GUESSED and r.place is not None and r.score < 0:
            r = Resolved(r.mention, None, r.score, r.candidates)
        if dem is not None and (r.place is None or _weak(r.place)):
            r = Resolved(r.mention, dem, 1.0, r.candidates or 1)
        out.append(r)
    return out


def resolve_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    language: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[Resolved]:
    """Resolve given spans of ``text`` (gold mentions) in the document's context.

    Every span is a place by the caller's word, so besides its own name (Arabic clitics
    stripped when the whole form is unknown) resolution uses, in turn: the country a
    demonym stands for ("Syrians"); a place name inside the span ("Colorado State
    University"); the country or region an adjective is formed from ("Sicilian"); and,
    for a span the gazetteer knows nothing of or one that found only a namesake town far
    away, the place at the centre of the document's places (score 0, no candidates).

    The spans may come in any order (a corpus lists its toponyms as its annotators did):
    they are read in text order, as "X, Y", "X in Y" and lists need, and the results
    come back in the order given.
    """
    order = sorted(range(len(spans)), key=lambda n: (spans[n][0], spans[n][1]))
    if order != list(range(len(spans))):
        got = resolve_spans(text, [spans[n] for n in order], language, gazetteer=gazetteer)
        out: list[Resolved | None] = [None] * len(spans)
        for r, n in zip(got, order, strict=True):
            out[n] = r
        return out  # type: ignore[return-value]
    gaz = gazetteer or default()
    view = TextView.of(text, language)
    text, lang, toks = view.text, view.language, view.tokens
    starts = view.token_starts
    common = common_words(lang)
    demonym = [demonym_place(text[s:e], gaz) for s, e in spans]
    mentions, hows = [], []
    for n, ((s, e), dem) in enumerate(zip(spans, demonym, strict=True)):
        surface = text[s:e]
        k, how = _lookup_key(surface, gaz, common, dem)
        if how == "own" and dem is None and not gaz.has_key(k):
            # nothing else known of it: "European Commission" stands for Europe
            demonym[n] = opening_demonym_place(surface, gaz)
        hows.append(how)
        i = bisect.bisect_left(starts, s)
        j = bisect.bisect_left(starts, e)
        cue = cue_before(toks, i, lang) or cue_after(toks, j, lang) if toks else None
        mentions.append(Mention(s, e, surface, k, lang, cue))
    mentions = _list_cues(mentions, text)
    evidence = _with_currencies(_with_hashtags(country_evidence(view), text, gaz), text)
    # "تاجوراء" known in Arabic only in Djibouti: in a text about Libya, its Latin namesake
    mentions = context_skeleton_keys(
        mentions, gaz, frozenset(cc for cc, w in evidence.items() if w > 0),
        latin_rules().arabic_regions)
    # a gold span that is a demonym ("Syrians", "Canadian", "English") stands for its
    # country, unless it names a real region or a sizeable town: when it cannot, it is
    # decided now, so that its hamlets (English, Indiana) never steer the other mentions
    decided = [
        dem is not None and not any(not _weak(p) for p in gaz.candidates_for(m))
        for m, dem in zip(mentions, demonym, strict=True)
    ]
    out = _resolve_undecided(mentions, demonym, decided, hows, gaz, text, evidence)
    # a demonym used as an adjective ("Somali troops") is its country's people, not the
    # place of its name (Somali, a region of Ethiopia)
    out = [Resolved(r.mention, dem, 1.0, r.candidates or 1)
           if dem is not None and r.place != dem and adjective_use(text, m.start, m.end, m.cue)
           else r for r, m, dem in zip(out, mentions, demonym, strict=True)]
    out = rival_city_in_focus(out, gaz, evidence)
    placed = _in_named_town(out, hows, text)
    # the place the document is about: the centre of the places named outright (an inner
    # name "Rue" in "Rue Casa Calvo" may be a namesake anywhere)
    # nor a region an adjective is formed from ("Central American migrants"); a dateline's
    # town ("CAIRO - "), where the report was filed, counts as DATELINE_WEIGHT mentions
    # (a story filed from Nairobi about a London club's fans there is about Nairobi)
    cands = [gaz.candidates_for(m) for m in mentions]
    dateline = set(dateline_places(mentions, text, cands))
    named = [(r, DATELINE_WEIGHT if n in dateline else 1)
             for n, (r, how) in enumerate(zip(out, hows, strict=True))
             if how not in _GUESSED and how != "adjective"]
    centre = context_place([r for r, _ in named], [w for _, w in named])
    # ... or, in a document that names only countries, the one it names most
    centre = centre or context_place(out) or main_country(out)
    if centre is None:
        return out
    learned = resolver_name() == "learned"
    # "Wintersville, Ohio": a town its neighbouring mention holds is no namesake
    held = _containers(mentions, cands, text)
    for n, (r, how) in enumerate(zip(out, hows, strict=True)):
        p = r.place
        # the town a span was placed in by the name after it is no namesake either
        if n in placed or (
                p is not None and n in held and any(_contains(c, p) for c in held[n])):
            continue
        # a span the gazetteer knows nothing of (a street, a building) lies there; so does
        # one that found only a town far away (in another country, when the centre is a
        # country), by a name inside it or as a small town (Atlantic, Iowa for the ocean;
        # Heathrow, Florida in a London story) -- unless a city bears the span's own name
        # too (London, Kentucky -> London). Score 0 and no candidates mark the guess.
        # the learned resolver's "no place" for a span (a place by the caller's word)
        # falls back like a span without candidates
        if (p is None and (not r.candidates or learned)) or (
            p is not None and p.feature_class == "P"
            and (how in _GUESSED or p.population < _SMALL_TOWN)
            and (p.country_code != centre.country_code if centre.is_country
                 else haversine_km(p.lat, p.lon, centre.lat, centre.lon) > _FAR_KM)
        ):
            cities = [c for c in gaz.candidates_for(r.mention)
                      if c.feature_class == "P" and c.population >= _CITY]
            if how not in _GUESSED and p is not None and cities:
                out[n] = Resolved(r.mention, max(cities, key=lambda c: c.population), r.score,
                                  r.candidates)
            else:
                out[n] = Resolved(r.mention, centre, 0.0, 0)
    return out

