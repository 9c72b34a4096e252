"""The hand-set place scorer (``GEOMAP_RESOLVER=rules``, the default)."""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..gazetteer.base import Gazetteer
from ..knowledge import data_dir, word_list
from ..gazetteer.regions import SOURCE as PHYSICAL
from ..records import Mention, Place, Resolved
from ..text.normalize import is_arabic
from .context import (
    _KM_PER_DEG,
    RIVAL_CITY_POPULATION,
    _contains,
    _containers,
    abbreviation,
    document_focus,
    own_name,
    own_or_curated,
    paired_readings,
    with_dateline_cue,
)
from .units import with_named_units

# --------------------------------------------------------------------------- hand-set scores
# The scorer geomap used before the learned one, kept as the default until the learned
# one beats it on every corpus half (see README "Measuring accuracy").

MIN_SCORE = 1.3
_PRIOR = {"PCLI": 3.0, "PCLD": 2.8, "PCLF": 2.8, "PCLS": 2.8, "PCLIX": 2.8, "CONT": 2.6,
          "ADM1": 1.9,
          # finer units (from imported GeoNames dumps) rank below towns of the same name
          "ADM3": 1.1, "ADM4": 1.0, "ADM5": 1.0, "ADMD": 1.0}
# Real GeoNames codes (imported dumps): capitals and seats get a small edge over towns of
# the same size; the embedded index calls every town PPL, so its scores do not change.
_SEAT_BONUS = {"PPLC": 0.3, "PPLA": 0.2, "PPLG": 0.2, "PPLA2": 0.1}
# Water, terrain, spots and areas rarely are where news happens: below a hamlet's 1.0.
_CLASS_PRIOR = {"H": 0.8, "T": 0.8, "S": 0.7, "L": 0.9, "R": 0.6, "U": 0.5, "V": 0.6}


def prior(p: Place) -> float:
    """The hand-set scorer's prior of a candidate on its own: countries over continents over
    first-order regions over towns, towns by log population."""
    if p.feature_code in _PRIOR:
        return _PRIOR[p.feature_code]
    if p.feature_code == "ADM2":
        return 1.3 + 0.05 * math.log10(p.population + 1)
    if p.source == PHYSICAL:  # a listed sea, river or region: major, unlike a dump's creeks
        return _PRIOR["ADM1"]
    if p.feature_class in _CLASS_PRIOR:
        return _CLASS_PRIOR[p.feature_class]
    return 1.0 + math.log10(p.population + 1) / 6.0 + _SEAT_BONUS.get(p.feature_code, 0.0)


#: the population from which a town gains as a sports team's city (the "opponent" cue)
OPPONENT_CITY = 300_000


@functools.cache
def _opponent_words() -> re.Pattern[str]:
    """The words that make the name after them a team's (``opponents`` of
    ``data/place_cues.yaml``), as a pattern that ends where the name starts."""
    words = sorted(word_list("place_cues.yaml", "opponents", "en"), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")\s+$",
                      re.IGNORECASE)


def _with_opponent_cue(mentions: list[Mention], text: str | None) -> list[Mention]:
    """The mentions right after a word of ``opponents`` ("scored 25 points against
    Louisville") with the cue ``opponent``, unless they have a cue of their own."""
    if not text:
        return mentions
    pattern = _opponent_words()
    return [replace(m, cue="opponent") if not m.cue and pattern.search(
        text, max(0, m.start - 16), m.start) else m for m in mentions]


#: what a country loses when its name is a noun's attributive ("a Lebanon woman")
TOWN_NOUN_COUNTRY = 2.5


#: what a first-order unit of a country the document does not speak of loses when its
#: name is a noun's attributive and a town bears it too ("Berea police"): "Punjab police",
#: "Victoria Police" keep their unit when the document names its country, or no town
#: of its size shares the name
TOWN_NOUN_UNIT_ABROAD = 1.0
#: ... and only against a town at least a tenth its size: "a Texas man" is the state's,
#: not a Mexican village's
TOWN_NOUN_UNIT_SHARE = 10


@functools.cache
def _town_nouns() -> re.Pattern[str]:
    """``town_nouns`` of ``data/place_cues.yaml`` as a pattern that starts where a name
    ends."""
    words = sorted(word_list("place_cues.yaml", "town_nouns", "en"), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"[ \t]+(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


@functools.cache
def _demonym_countries() -> frozenset[str]:
    """The countries English names by a demonym of their own (``data/demonyms.csv``)."""
    import csv

    path = data_dir() / "demonyms.csv"
    if not path.is_file():
        return frozenset()
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return frozenset(r["country_code"] for r in rows if (r.get("demonyms") or "").strip())


def _with_town_noun_cue(mentions: list[Mention], text: str | None,
                        cands: Sequence[Sequence[Place]]) -> list[Mention]:
    """The mentions right before a word of ``town_nouns`` ("a Lebanon woman", "Palestine
    police") with the cue ``town_noun``, when they name a country and a town (else the
    country stays: "a Syria man"), unless they have a cue of their own or are written as
    an abbreviation ("U.S. man"); and, as a document means one place by one name, the
    other mentions of that name without a cue of their own ("Gary Wilson of Palestine")."""
    if not text:
        return mentions
    pattern = _town_nouns()
    keys = {m.key for m, cs in zip(mentions, cands, strict=True)
            if not m.cue and not abbreviation(m.surface) and pattern.match(text, m.end)
            and any(c.is_country or c.feature_code == "ADM1" for c in cs)
            and any(c.feature_class == "P" and own_name(c.name, m.key) for c in cs)}
    if not keys:
        return mentions
    return [replace(m, cue="town_noun") if m.key in keys and not m.cue
            and not abbreviation(m.surface) else m for m in mentions]


def cue_bonus(cue: str | None, p: Place) -> float:
    if not cue:
        return 0.0
    kinds = cue.split("+")
    bonus = 0.0
    if "opponent" in kinds and p.feature_class == "P" and p.population >= OPPONENT_CITY:
        bonus += 1.0
    if "city" in kinds:
        bonus += 1.0 if p.feature_class == "P" else -0.8
    if "province" in kinds:
        bonus += 1.5 if p.feature_code in ("ADM1", "ADM2") else -0.3
    if "countryside" in kinds:
        bonus += 1.2 if p.feature_code in ("ADM1", "ADM2") else 0.0
    if "town_noun" in kinds and p.is_country and p.country_code in _demonym_countries():
        bonus -= TOWN_NOUN_COUNTRY
    if "capital" in kinds and p.feature_code == "PPLC":
        bonus += 1.5  # "العاصمة عمان", the capital Amman: not Oman
    return bonus




# The most coherence can add (0.8 * 1.0 + 0.2), with room for rounding.
_MAX_SUPPORT = 1.0 + 1e-9


#: what a place loses that only lists the name among its alternates, in a country the
#: document does not speak of, when a namesake in a country it does bears the name as its
#: own: "Ras al-Ayn" in a text about Syria is Ra's al 'Ayn (population unknown to GeoNames),
#: not Rosh Ha'Ayin in Israel, which lists the Arab village it replaced among its names
ALTERNATE_ABROAD = 0.4
#: ... and the same when the document's country evidence (this much of it at least) lies
#: elsewhere, whoever bears the name, for a name in Latin script (:func:`latin_named`):
#: "Boni" in a report from Mali is not Bonn, which lists it
FOCUS_ELSEWHERE = 2.0


def latin_named(m: Mention) -> bool:
    """Is ``m`` written in the script of GeoNames' own names? Only then does a place that
    lists the name among its alternates, rather than bearing it, say anything: every
    Arabic name is an alternate there."""
    return bool(m.surface) and not is_arabic(m.surface[:1])


#: what a town whose whole name is an abbreviation's letters loses ("EU": Eu, France)
ABBREVIATION_TOWN = 1.0

#: what a town loses that bears the own name of a listed world region of no country ("the
#: Middle East", "the Levant": not the hamlets in Maryland and Kentucky), unless the text
#: places it ("Middle East, Md.") or calls it a town
WORLD_REGION_NAMESAKE = 2.0


def _world_region_named(key: str, cs: Sequence[Place]) -> bool:
    """Is ``key`` the own name of a candidate that is a listed world region, sea or ocean
    of no country (``data/physical_places.csv``)?"""
    return any(p.source == PHYSICAL and not p.country_code and own_name(p.name, key)
               for p in cs)


_RuleAnchor = tuple[float, float, str, str, float, float, bool]
_score = operator.itemgetter(0)


def _coherence(c: Place, others: list[_RuleAnchor], n_others: int, top: float = math.inf,
               siblings: bool = False) -> float:
    """Support from the document's other places (``(lat, lon, admin1, country_code,
    near support, region support, first-order unit)``): near them, or in their region, or
    (a first-order unit) beside another first-order unit of its country ("Kansas,
    Missouri and Oregon": states, not towns of those names; only with ``siblings``); a
    penalty when the
    other places (``n_others`` mentions of them) are all far away.

    Distances are equirectangular: within a few per cent of the great circle below
    2,000 km, which is all the thresholds here need, at a fraction of the cost (written out
    inline, as this is the innermost loop of resolution). ``top`` is the most any of the
    ``others`` can give: once it is reached and one of them is near, the rest cannot
    change the result."""
    support = 0.0
    far = True
    clat, clon, cadm, ccc = c.lat, c.lon, c.admin1, c.country_code
    # a first-order region is coherent with the places inside it, however far its
    # reference point lies from them (California's from Los Angeles)
    region = c.feature_code == "ADM1"
    cos, radians, hypot = math.cos, math.radians, math.hypot
    for alat, alon, aadm, acc, near, mid, unit in others:
        in_region = aadm and aadm == cadm
        if siblings and unit and acc == ccc:
            support = max(support, near)
        if abs(alat - clat) > 18.0 and not in_region:
            continue  # > 2,000 km apart in latitude alone
        dl = (alon - clon + 180.0) % 360.0 - 180.0
        d = _KM_PER_DEG * hypot(alat - clat, dl * cos(radians((clat + alat) / 2)))
        if d < 100 or (in_region and acc == ccc and (d < 400 or region)):
            support = max(support, near)
        elif d < 300 or (unit and in_region and acc == ccc):
            # a town anywhere in a first-order unit the document names
            support = max(support, mid)
        if d < 2000:
            far = False
            if support >= top:
                break
    return support - (0.6 if far and n_others >= 2 else 0.0)



def _base_score(m: Mention, focus: Mapping[str, float], total: float,
                regions: list[Place] | None, cs: Sequence[Place], c: Place) -> float:
    """The first pass's score of candidate ``c`` of mention ``m``: prior, cue, own name,
    document focus (``total``: the sum of the focus) and containment (``regions``: the
    readings of the mention's container, if any)."""
    s = prior(c) + cue_bonus(m.cue, c)
    if own_or_curated(c, m.key, cs):
        # named so (or, among namesakes of its kind, so by an analyst), not merely
        # listing the name among its alternates
        s += 0.4
        if c.feature_class == "P" and m.surface and abbreviation(m.surface):
            s -= ABBREVIATION_TOWN  # "EU" is the union, not Eu in Normandy
    elif c.country_code and not c.is_country and not focus.get(c.country_code, 0) and (any(
            focus.get(p.country_code, 0) > 0 and own_or_curated(p, m.key, cs) for p in cs)
            or (total >= FOCUS_ELSEWHERE and latin_named(m))):
        s -= ALTERNATE_ABROAD
    if c.country_code:
        s += 1.2 * focus.get(c.country_code, 0) / total
        if m.cue and c.feature_code == "ADM1" and "town_noun" in m.cue.split("+") \
                and not focus.get(c.country_code, 0) and any(
                    p.feature_class == "P" and p.population * TOWN_NOUN_UNIT_SHARE
                    >= c.population and own_name(p.name, m.key) for p in cs):
            s -= TOWN_NOUN_UNIT_ABROAD  # "Berea police": a town's, not Lesotho's district
    if c.feature_class == "P" and not regions and not (m.cue and "city" in m.cue.split("+")) \
            and _world_region_named(m.key, cs):
        s -= WORLD_REGION_NAMESAKE  # "the Middle East": not Middle East, Maryland
    if regions:
        s += 2.0 if any(_contains(r, c) for r in regions) else -0.5
    return s


_Ranked = list[tuple[float, int, Place]]  # (score, position in the candidates, place)


def _first_pass(
    mentions: Sequence[Mention],
    cands: Sequence[Sequence[Place]],
    focus: Mapping[str, float],
    total: float,
    containers: Mapping[int, list[Place]],
) -> tuple[list[tuple[Place | None, float, float]], list[_Ranked]]:
    """Pass 1: each mention on its own (with focus and containment). Per mention, its best
    candidate, that one's score and its margin over the runner-up; and its candidates
    scored, best first.

    A repeated name with the same cue and no container scores its candidates the same
    way: they are scored once."""
    first: list[tuple[Place | None, float, float]] = []  # best, score, margin
    ranked: list[_Ranked] = []
    by_name: dict[tuple, tuple[_Ranked, tuple]] = {}
    for idx, cs in enumerate(cands):
        if not cs:
            ranked.append([])
            first.append((None, 0.0, 0.0))
            continue
        m = mentions[idx]
        name = (m.key, m.cue, tuple(c.geonameid for c in cs))
        got = by_name.get(name) if idx not in containers else None
        if got is None:
            base = functools.partial(_base_score, m, focus, total, containers.get(idx), cs)
            # sorted() is stable, also in reverse: equal scores keep the candidates' order
            scored = sorted(zip(map(base, cs), itertools.count(), cs),
                            key=_score, reverse=True)
            margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 2.0
            got = (scored, (scored[0][2], scored[0][0], margin))
            if idx not in containers:
                by_name[name] = got
        ranked.append(got[0])
        first.append(got[1])
    return first, ranked


#: the support a pair of readings gives (:func:`.context.paired_readings`), as an
#: anchor's near support would (see _best_coherent)
PAIR_BONUS = 0.5


def _rule_anchors(
    mentions: Sequence[Mention], first: Sequence[tuple[Place | None, float, float]]
) -> tuple[list[tuple], Counter[str]]:
    """The other mentions' first choices that pass 2 weighs a candidate against: one anchor
    per place and name, the most confident, as ``(name, lat, lon, admin1, country_code,
    near support, region support)`` with both support levels computed once; and how many
    mentions of each name gave one."""
    anchor_w: dict[tuple[str, int], tuple[Place, float]] = {}
    mentions_of: Counter[str] = Counter()
    for j, (p, _, margin) in enumerate(first):
        if p is not None and not p.is_country and p.feature_code != "CONT":
            k = (mentions[j].key, p.geonameid)
            mentions_of[mentions[j].key] += 1
            w = min(1.0, margin)
            if k not in anchor_w or anchor_w[k][1] < w:
                anchor_w[k] = (p, w)
    anchors = [(k, p.lat, p.lon, p.admin1, p.country_code, 0.8 * w + 0.2, 0.4 * w,
                p.feature_code == "ADM1")
               for (k, _), (p, w) in anchor_w.items()]
    return anchors, mentions_of


def _sibling_unit(c: Place, ranked: _Ranked) -> bool:
    """May other first-order units of its country support first-order unit ``c``? Not
    when a city of its country bears the name too: a list of states is states, but
    "Washington", "New York" and "الرياض" beside states are still mostly the cities."""
    return c.feature_code == "ADM1" and not any(
        p.feature_class == "P" and p.population >= RIVAL_CITY_POPULATION
        and p.country_code == c.country_code for _, _, p in ranked)


#: what parts the names of a list ("Utah, Washington and Wisconsin")
_LIST_GAP = re.compile(r"\s*(?:,|, and|, or|and|or)\s*", re.IGNORECASE)
#: the fewest names a list needs, and how many of the others must be first-order units of
#: one country, for its last ambiguous name to be such a unit too
_UNIT_LIST_NAMES = 3
_UNIT_LIST_UNITS = 2


def _unit_lists(mentions: Sequence[Mention], first: Sequence[tuple[Place | None, float, float]],
                text: str | None) -> dict[int, str]:
    """The mentions in a list of names ("Texas, Utah, Washington and Wisconsin") whose
    other names the first pass read as first-order units of one country, with that
    country: a list names things of one kind, so its "Washington" is the state and its
    "New York" the state, though beside states elsewhere in a text both are mostly the
    cities (see :func:`_sibling_unit`)."""
    if not text:
        return {}
    out: dict[int, str] = {}
    n = 0
    while n < len(mentions):
        end = n
        while end + 1 < len(mentions) and mentions[end + 1].start >= mentions[end].end and \
                _LIST_GAP.fullmatch(text[mentions[end].end:mentions[end + 1].start]):
            end += 1
        if end + 1 - n >= _UNIT_LIST_NAMES:
            units = Counter(p.country_code for p, _, _ in first[n:end + 1]
                            if p is not None and p.feature_code == "ADM1")
            for i in range(n, end + 1):
                p = first[i][0]
                own = p is not None and p.feature_code == "ADM1"
                cc = next((cc for cc, k in units.most_common()
                           if k - (own and p.country_code == cc) >= _UNIT_LIST_UNITS), None)
                if cc:
                    out[i] = cc
        n = end + 1
    return out


def _listed_unit(c: Place, ranked: _Ranked, listed: str | None, key: str) -> bool:
    """Is ``c`` a first-order unit of the country whose units the mention's list names
    (:func:`_unit_lists`), and no unit around a sizeable town of its name (a unit so
    named after its city, "Puducherry", is located by that city as well as by itself)?"""
    return c.feature_code == "ADM1" and c.country_code == listed and not any(
        p.feature_class == "P" and p.population >= RIVAL_CITY_POPULATION
        and p.country_code == c.country_code and p.admin1 == c.admin1
        and own_name(p.name, key) for _, _, p in ranked)


def _best_coherent(
    m: Mention,
    ranked: _Ranked,
    first_score: float,
    others: list[_RuleAnchor],
    top: float,
    n_others: int,
    focus: Mapping[str, float],
    coherence: dict[tuple, float],
    paired: set[tuple[str, int]] = frozenset(),
    listed: str | None = None,
) -> tuple[Place | None, float]:
    """Pass 2 for one mention: its best candidate (and score) once coherence with the
    ``others`` (giving at most ``top``) is added. ``coherence`` memoises (name, candidate)
    -> coherence across the document. ``listed``: the country whose first-order units
    the mention's list names (:func:`_unit_lists`)."""
    best, best_score, best_pos = None, -math.inf, -1
    # coherence adds at most +1.0 and takes at most 0.6, so a candidate more than 1.6
    # below the first pass's best can never win: skip its distances. Candidates come
    # best first, so once one cannot reach the best so far, none after it can.
    floor = first_score - 1.6
    country_name = any(p.is_country for _, _, p in ranked)
    for s, pos, c in ranked:
        if s < floor or s + _MAX_SUPPORT < best_score:
            break
        coh = 0.0
        if others and not c.is_country and c.feature_code != "CONT":
            ck = (m.key, c.geonameid, listed)
            coh = coherence.get(ck)
            if coh is None:
                # no "far from the others" penalty in a country the document is
                # about: news of several countries names places far apart
                n_far = 0 if focus.get(c.country_code, 0) >= 1 else n_others
                if n_far == 1 and latin_named(m) \
                        and not own_or_curated(c, m.key, [p for _, _, p in ranked]):
                    # a place that only lists the name among its alternates, far from the
                    # one other place named, is a worse bet than none ("Boni" in a report
                    # from Mali: Bonn lists it)
                    n_far = 2
                near = others
                if country_name:
                    # "Mexico" is not Mexico City because "MEXICO CITY" is named too: a
                    # country's name takes no support from the town itself
                    near = [a for a in others if (a[0], a[1]) != (c.lat, c.lon)]
                sibling = _sibling_unit(c, ranked) or _listed_unit(c, ranked, listed, m.key)
                coh = coherence[ck] = _coherence(c, near, n_far, top, sibling)
        # a namesake of another name nearby supports the candidate as an anchor would
        if coh < 1.0 and (m.key, c.geonameid) in paired:
            coh += PAIR_BONUS * (1.0 - max(coh, 0.0))
        s += coh
        # the highest score wins; on a tie, the candidate listed first (as before)
        if s > best_score or (s == best_score and pos < best_pos):
            best, best_score, best_pos = c, s, pos
    return best, best_score


def resolve_by_rules(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    text: str | None = None,
    evidence: Mapping[str, float] | None = None,
) -> list[Resolved]:
    """:func:`resolve` by the hand-set scores (``GEOMAP_RESOLVER=rules``, the default)."""
    cands = [with_named_units(m, gazetteer.candidates_for(m), gazetteer) for m in mentions]
    focus = document_focus(cands, evidence)
    total = sum(focus.values()) or 1
    containers = _containers(mentions, cands, text)
    # a dateline's place is a town ("NEW YORK (AP) -"): scored with the town cue
    cued = _with_town_noun_cue(
        _with_opponent_cue(with_dateline_cue(mentions, text, cands), text), text, cands)
    first, ranked = _first_pass(cued, cands, focus, total, containers)

    # pass 2: coherence with the other mentions' first choices
    anchors, mentions_of = _rule_anchors(mentions, first)
    n_anchor_mentions = sum(mentions_of.values())
    coherence: dict[tuple, float] = {}  # (name, candidate, listed) -> coherence
    listed = _unit_lists(mentions, first, text)
    paired = paired_readings(mentions, cands)
    # name -> the anchors of the other names, and the most support one of them gives
    others_of: dict[str, tuple[list[_RuleAnchor], float]] = {}
    out: list[Resolved] = []
    for idx, (m, cs) in enumerate(zip(mentions, cands, strict=True)):
        if not cs:
            out.append(Resolved(m, None, 0.0, 0))
            continue
        got = others_of.get(m.key)
        if got is None:
            others = [a[1:] for a in anchors if a[0] != m.key]
            got = others_of[m.key] = (others, max((a[4] for a in others), default=0.0))
        others, top = got
        n_others = n_anchor_mentions - mentions_of.get(m.key, 0)
        best, best_score = _best_coherent(m, ranked[idx], first[idx][1], others, top,
                                          n_others, focus, coherence, paired,
                                          listed.get(idx))
        if best_score < MIN_SCORE:
            out.append(Resolved(m, None, best_score, len(cs)))
        else:
            out.append(Resolved(m, best, best_score, len(cs)))
    return out
