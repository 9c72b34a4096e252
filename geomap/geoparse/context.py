"""Document context both place scorers read: which countries a document is about
(:func:`document_focus`), which mention a following one contains ("X, Y", "X in Y":
:func:`_containers`) and which readings of two names lie together
(:func:`paired_readings`)."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..knowledge import cached_yaml
from ..records import Mention, Place
from ..text.normalize import joined_key, key

#: a city this big in another country makes a country's name ambiguous (عمان: Oman, Amman)
RIVAL_CITY_POPULATION = 100_000
# "X in Y" also with a direction between: "Ras al-Ayn in northeastern Syria"
_CONTAINER_GAP = re.compile(
    r"^\s*(?:,|،|\(|in(?:\s+(?:the\s+)?(?:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?"
    r"|(?:east|west)(?:ern)?|central))?|في|بمحافظة|محافظة|province of)\s*$", re.IGNORECASE)
_KM_PER_DEG = 111.195

_name_key = functools.lru_cache(maxsize=65536)(key)


@functools.lru_cache(maxsize=65536)
def _own_keys(name: str) -> tuple[str, ...]:
    joined = joined_key(name)
    return (key(name), joined) if joined else (key(name),)


def own_name(name: str, mention_key: str) -> bool:
    """Is ``mention_key`` the key of a place's own ``name``, read with its inner
    apostrophes as breaks or dropped ("Ra's al 'Ayn" is named "Ras al-Ayn")?"""
    return mention_key in _own_keys(name)


@functools.cache
def _curated() -> tuple[dict[int, frozenset[str]], dict[str, frozenset[str]]]:
    """The keys of ``data/place_aliases.yaml``'s names, by GeoNames id and by country
    (ISO 3166 alpha-2 code). Subdivision codes ("SY-DY") are left out: their aliases are
    spellings of a unit that shares its name with its main town ("Deir ez-Zor"), which
    the town keeps."""
    by_id: dict[int, set[str]] = {}
    by_country: dict[str, set[str]] = {}
    for ref, names in ((cached_yaml("place_aliases.yaml") or {}).get("aliases") or {}).items():
        ref = str(ref)
        keys = {key(str(n)) for n in names or ()}
        if ref.lstrip("-").isdecimal():
            by_id.setdefault(int(ref), set()).update(keys)
        elif len(ref) == 2 and ref.isalpha():
            by_country.setdefault(ref.upper(), set()).update(keys)
    return ({k: frozenset(v) for k, v in by_id.items()},
            {k: frozenset(v) for k, v in by_country.items()})


def _kind(p: Place) -> str:
    return "country" if p.is_country else p.feature_class


def own_or_curated(c: Place, mention_key: str, cs: Sequence[Place]) -> bool:
    """Is ``mention_key`` the place's own name (:func:`own_name`), or a name an analyst gave
    it in ``data/place_aliases.yaml`` (by id, or a country's by its code) while another
    candidate of its kind (``cs``: all the name's candidates) bears the name too?

    Between namesakes of one kind, the one an analyst filed the name under is meant:
    "Congo" is the Democratic Republic in wire style, though the other republic's primary
    name is "Congo". Against a place of another kind the curated name decides nothing
    ("Palestine", a town in Texas, against the State of Palestine)."""
    if own_name(c.name, mention_key):
        return True
    by_id, by_country = _curated()
    curated = mention_key in by_id.get(c.geonameid, ()) or (
        c.is_country and mention_key in by_country.get(c.country_code, ()))
    return curated and any(p.geonameid != c.geonameid and _kind(p) == _kind(c) for p in cs)


def abbreviation(surface: str) -> bool:
    """Is ``surface`` written as an abbreviation: two or three capitals, dots allowed
    ("EU", "U.S.", "NSW")? Such a span names what it abbreviates, not a town that bears
    those letters as its whole name (Eu in Normandy, Us in the Vexin).

    >>> abbreviation("EU"), abbreviation("U.S."), abbreviation("Eu"), abbreviation("ROME")
    (True, True, False, False)
    """
    letters = surface.replace(".", "")
    return 2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper()


#: what follows a dateline's town: its region or country, then the agency or a dash
#: ("BEIRUT (AP) -", "DURBAN, South Africa (CNN) -", "WASHINGTON—", "NEW DELHI:")
_DATELINE_TAIL = re.compile(
    r"^(?:,\s*[A-Z][\w.' ]{1,30}?)?\s*(?:\([A-Za-z. ]{2,20}\)|[-\u2013\u2014:])")


def with_dateline_cue(mentions: Sequence[Mention], text: str | None,
                      cands: Sequence[Sequence[Place]]) -> list[Mention]:
    """``mentions`` with the town cue ("city") on a dateline's place: a name in capitals
    that opens the text or a line, before an agency or a dash ("NEW YORK (AP) -"). News
    agencies date a report from a town, so "NEW YORK" there is the city, not the state.
    A country's name is left alone ("SYRIA -" heads a list of a country's news)."""
    out = list(mentions)
    for n in dateline_places(mentions, text, cands):
        out[n] = replace(out[n], cue="city")
    return out


def dateline_places(mentions: Sequence[Mention], text: str | None,
                    cands: Sequence[Sequence[Place]]) -> list[int]:
    """The indices of the mentions that are a dateline's town (see
    :func:`with_dateline_cue`), without a cue of their own."""
    out: list[int] = []
    if not text:
        return out
    for n, m in enumerate(mentions):
        if m.cue or not m.surface.isupper() or sum(ch.isalpha() for ch in m.surface) < 3:
            continue
        if any(c.is_country for c in cands[n]):
            continue
        if text[text.rfind("\n", 0, m.start) + 1 : m.start].strip():
            continue  # not at the start of the text or of a line
        if _DATELINE_TAIL.match(text[m.end : m.end + 48]):
            out.append(n)
    return out


def _contains(outer: Place, inner: Place) -> bool:
    if outer.is_country:
        return inner.country_code == outer.country_code and inner.geonameid != outer.geonameid
    if outer.feature_code == "ADM1":
        return (
            inner.country_code == outer.country_code
            and inner.admin1 == outer.admin1
            and inner.geonameid != outer.geonameid
        )
    return False


def _containers(
    mentions: Sequence[Mention], cands: list[list[Place]], text: str | None
) -> dict[int, list[Place]]:
    """For "X, Y" and "X in Y": mention index of X -> the regions/countries Y may be."""
    out: dict[int, list[Place]] = {}
    if text is None:
        return out
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if b.start < a.end or b.start - a.end > 20:
            continue
        if not _CONTAINER_GAP.match(text[a.end : b.start]):
            continue
        regions = [c for c in cands[i + 1] if c.is_country or c.feature_code == "ADM1"]
        if regions and not _sibling_units(mentions, cands, text, i, regions):
            out[i] = regions
    _opened(mentions, cands, text, out)
    return out


#: where a sentence ends (for the country a sentence opens on, the town of a quarter)
SENTENCE_END = re.compile(r"[.!?؟\n]")


def _opened(mentions: Sequence[Mention], cands: list[list[Place]], text: str,
            out: dict[int, list[Place]]) -> None:
    """Add to ``out`` the country a sentence opens on ("In Tunisia, police dispersed
    protesters in Kasserine", "وفي تونس، ... في مدينة القصرين": the ``openers`` of
    data/place_cues.yaml) as the container of the sentence's later places that have none
    and may lie in it."""
    for i, m in enumerate(mentions):
        countries = [c for c in cands[i] if c.is_country]
        if not countries or not text[m.end : m.end + 2].lstrip().startswith((",", "،")):
            continue
        cut = max((k.end() for k in SENTENCE_END.finditer(text, max(0, m.start - 40), m.start)),
                  default=0 if m.start <= 40 else -1)
        if cut < 0 or " ".join(text[cut : m.start].split()).casefold() not in _openers():
            continue
        ends = SENTENCE_END.search(text, m.end)
        stop = ends.start() if ends else len(text)
        for j in range(i + 1, len(mentions)):
            if mentions[j].start >= stop:
                break
            if j not in out and any(_contains(r, c) for r in countries for c in cands[j]):
                out[j] = countries


@functools.cache
def _openers() -> frozenset[str]:
    data = (cached_yaml("place_cues.yaml") or {}).get("openers") or {}
    return frozenset(w.casefold() for words in data.values() for w in words or ())


#: what separates the names of a list: "A, B and C", "A, B, or C", "أ و ب"
_LIST_GAP = re.compile(r"^\s*(?:,|،|and|or|, and|, or|و)\s*$", re.IGNORECASE)


def _sibling_units(mentions: Sequence[Mention], cands: list[list[Place]], text: str, i: int,
                   regions: Sequence[Place]) -> bool:
    """Is "X, Y" (mentions ``i`` and ``i + 1``) two units of one list, not a place and its
    unit? So when X may itself be a first-order unit or a country where Y is one, and a
    third name joins the list ("Illinois, Missouri and Ohio": not a Riverside, Missouri
    that lists "Illinois" among its names); "New York, N.Y." (one unit twice) and a pair
    alone ("Washington, D.C.") stay a place and its unit."""
    units = {c.geonameid: c.country_code for c in cands[i]
             if c.is_country or c.feature_code == "ADM1"}
    if not units or text[mentions[i].end : mentions[i + 1].start].strip() not in (",", "،"):
        return False
    if not any(r.country_code in units.values() and r.geonameid not in units for r in regions):
        return False

    def joined(j: int) -> bool:
        a, b = mentions[j], mentions[j + 1]
        return b.start >= a.end and bool(_LIST_GAP.match(text[a.end : b.start]))

    return (i > 0 and joined(i - 1)) or (i + 2 < len(mentions) and joined(i + 1))


def container_gap(between: str) -> bool:
    """Does the text between two mentions make the second hold the first ("X, Y", "X in
    Y", "X (Y)")?"""
    return bool(_CONTAINER_GAP.match(between))


def document_focus(
    cands: Sequence[Sequence[Place]], evidence: Mapping[str, float] | None
) -> Counter[str]:
    """Country evidence of a document: demonyms (``evidence``), countries named outright
    (twice), and the country of every name whose candidates all lie in one."""
    focus: Counter[str] = Counter()
    for cc, w in (evidence or {}).items():
        focus[cc] += w
    for cs in cands:
        if not cs:
            continue
        countries = [c for c in cs if c.is_country]
        if countries:
            # "عمان" is Oman, or Amman in Jordan: a country name that is also a big city
            # or a region elsewhere ("Georgia"), or the name of two countries ("Congo"),
            # says nothing about the focus by itself
            cc = countries[0].country_code
            if not any(c.country_code != cc and (
                    c.is_country or c.feature_code == "ADM1"
                    or c.population >= RIVAL_CITY_POPULATION) for c in cs):
                focus[cc] += 2
            continue
        ccs = {c.country_code for c in cs}
        if len(ccs) == 1:
            focus[next(iter(ccs))] += 1
    return focus


#: Two names with readings this close together point at those readings (pass 2).
PAIR_KM = 40.0
#: ... unless a name has this many candidates or more: a name found everywhere lies near
#: everything.
PAIR_MAX_CANDIDATES = 40
#: ... or the reading is a namesake this many times smaller than the largest of its kind
#: (a hamlet called Boston is no reading to pair).
PAIR_DWARF = 500
_CELL = 0.5  # degrees: the grid that finds candidates near one another


def _pair_entries(m: Mention, cs: Sequence[Place]) -> list[Place]:
    """The candidates of ``m`` that may pair: towns and second-order units named so,
    of a name with fewer than PAIR_MAX_CANDIDATES candidates and none of them a country
    or a first-order unit ("Georgia", "Washington"), and not dwarfed by a namesake of
    their kind (a hamlet called Boston is no reading to pair)."""
    if not cs or any(c.is_country or c.feature_code == "ADM1" for c in cs):
        return []
    return _town_entries(m, cs)


def _town_entries(m: Mention, cs: Sequence[Place]) -> list[Place]:
    """The towns and second-order units of ``m`` named so, of a name with fewer than
    PAIR_MAX_CANDIDATES candidates, and not dwarfed by a namesake of their kind."""
    if len(cs) >= PAIR_MAX_CANDIDATES:
        return []
    own = [c for c in cs if (c.feature_class == "P" or c.feature_code == "ADM2")
           and own_name(c.name, m.key)]
    top: dict[str, int] = {}
    for c in own:
        top[c.feature_class] = max(top.get(c.feature_class, 0), c.population)
    return [c for c in own if (c.population + 1) * PAIR_DWARF >= top[c.feature_class] + 1]


def _unit_entries(m: Mention, cs: Sequence[Place]) -> list[Place]:
    """The first-order units ``m`` may name for a pair with a town inside them: units
    named so, unless a sizeable town of the unit's country bears the name too ("New
    York", "Washington" beside a town of their state are still mostly the cities)."""
    if not cs or len(cs) >= PAIR_MAX_CANDIDATES:
        return []
    return [c for c in cs if c.feature_code == "ADM1" and own_name(c.name, m.key)
            and not _city_first(c, cs)]


def _city_first(u: Place, cs: Sequence[Place]) -> bool:
    """Is country or unit ``u`` named after a sizeable town of its country among ``cs``
    (the governorate of Alexandria)? Then the name is mostly the town's; a name that is
    mostly a unit's or a country's ("Ontario", "Georgia") offers no town to pair."""
    return any(c.feature_class == "P" and c.population >= RIVAL_CITY_POPULATION
               and c.country_code == u.country_code for c in cs)


def _unit_pairs(
    mentions: Sequence[Mention],
    cands: Sequence[Sequence[Place]],
    out: set[tuple[str, int]],
) -> None:
    """Add to ``out`` the pairs of a first-order unit one name reads as and a town or
    county inside it that another name reads as (:func:`_town_entries`, of a name that
    is no unit's or country's first): "Alexandria"
    and "Virginia" in one local story, each with readings elsewhere (Alexandria in Egypt,
    a Virginia in Ireland), point at Alexandria, Virginia and the state -- however far
    the state's point lies from its town, and however far the document's other
    (perhaps false) places lie from both."""
    units: list[tuple[str, Place]] = []
    towns: list[tuple[str, Place]] = []
    seen: set[str] = set()
    for m, cs in zip(mentions, cands, strict=True):
        if m.key not in seen and cs:
            seen.add(m.key)
            units.extend((m.key, u) for u in _unit_entries(m, cs))
            if all(_city_first(u, cs) for u in cs if u.is_country or u.feature_code == "ADM1"):
                towns.extend((m.key, c) for c in _town_entries(m, cs))
    if not units:
        return
    # a name with two readings in one unit (two Hintons in England): the unit cannot
    # say which
    per_unit = Counter((k, c.country_code, c.admin1) for k, c in towns)
    for k, c in towns:
        if not c.admin1 or per_unit[(k, c.country_code, c.admin1)] > 1:
            continue
        for k2, u in units:
            if k2 != k and c.country_code == u.country_code and c.admin1 == u.admin1:
                out.add((k, c.geonameid))
                out.add((k2, u.geonameid))


def paired_readings(
    mentions: Sequence[Mention], cands: Sequence[Sequence[Place]]
) -> set[tuple[str, int]]:
    """``(name, geonameid)`` of every candidate that lies within PAIR_KM of a candidate
    of another name (both as :func:`_pair_entries` allows): two names that are each
    ambiguous but have one reading each near the other point at those readings
    (a town and a county of a local paper, each with bigger namesakes in other states:
    the town that is the county's seat). Found on a grid of _CELL degrees (beyond 60
    degrees of latitude a pair a cell apart in longitude may be missed).

    A pair is the coherence of two readings neither of which the first pass chose: the
    anchors of pass 2 cannot see it when both names' first choices are their more
    populous namesakes elsewhere."""
    grid: dict[tuple[int, int], list[tuple[str, Place]]] = {}
    seen: set[str] = set()
    for m, cs in zip(mentions, cands, strict=True):
        if m.key in seen:
            continue
        seen.add(m.key)
        for c in _pair_entries(m, cs):
            cell = (math.floor(c.lat / _CELL), math.floor(c.lon / _CELL))
            grid.setdefault(cell, []).append((m.key, c))
    out: set[tuple[str, int]] = set()
    _unit_pairs(mentions, cands, out)
    for (ci, cj), entries in grid.items():
        near = [e for di in (-1, 0, 1) for dj in (-1, 0, 1)
                for e in grid.get((ci + di, cj + dj), ())]
        for k, c in entries:
            for k2, d in near:
                if k2 == k or d.geonameid == c.geonameid:
                    continue
                dl = (d.lon - c.lon + 180.0) % 360.0 - 180.0
                km = _KM_PER_DEG * math.hypot(d.lat - c.lat,
                                              dl * math.cos(math.radians(d.lat)))
                if km < PAIR_KM:
                    out.add((k, c.geonameid))
                    break
    return out
