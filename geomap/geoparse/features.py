"""The features the learned resolver scores a candidate by (see :mod:`.resolve` for what
they mean): :data:`FIRST_FEATURES` of a candidate on its own and in the document's focus
and containment, and :data:`SECOND_FEATURES` against the other mentions' first choices."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..records import Mention, Place
from ..text.normalize import is_arabic
from .context import _KM_PER_DEG, RIVAL_CITY_POPULATION, _contains, _name_key, own_name

_SEATS = frozenset({"PPLA", "PPLG", "PPLA2"})
_FINER_ADMIN = frozenset({"ADM3", "ADM4", "ADM5", "ADMD"})
_LOG_HALF_EARTH = math.log1p(20039.0)

#: Features of a candidate on its own and in the document's focus and containment.
FIRST_FEATURES = (
    "candidate",  # 1 for every candidate: the bias against "no place"
    "country", "continent", "admin1", "admin2", "admin_finer", "populated",
    # population enters only relative to the name's other candidates (rank, gap to the
    # largest): raw population splits corpora apart (US local news names towns of a few
    # thousand people; world news, cities), relative size does not
    "population_rank",  # how many of the name's candidates are more populous, / 10 (<= 1)
    "capital", "seat", "water_terrain", "spot_area",
    "own_name",  # named so, not merely listing the name among its alternates
    "arabic_variant",  # an Arabic name found after stripping its clitics
    "derived_key",  # a Latin span found by another key: a name inside it, the place an
                    # adjective is formed from, the skeleton of another spelling
    "arabic",  # the mention is in Arabic script
    "log_candidates",  # log(1 + number of candidates) / log(100)
    "most_populous",  # the largest of the name's towns
    "population_gap",  # (log10 pop - log10 of the largest town's pop) / 6, <= 0, towns only
    "cue_city_town", "cue_city_other", "cue_region_unit", "cue_region_other",
    "cue_countryside_unit", "cue_direction", "cue_near",
    "cue_capital",  # "العاصمة X" (the capital X), for a national capital
    "focus",  # share of the document's country evidence in the candidate's country
    "focus_top",  # the candidate's country is the document's main one
    "contained",  # "X, Y" / "X in Y": a reading of Y holds the candidate
    "not_contained",  # ... and none does
    "rival_country",  # a country whose name is also a big city or a region elsewhere
    # interactions a linear score cannot form by itself
    "small_town",  # a town of fewer than 5,000 people
    "small_town_own_name",  # ... named so ("Us", France for "US")
    "town_beside_country",  # a town when the name is also a country's ("Mexico")
    "town_beside_admin1",  # a town when the name is also a first-order unit's ("Washington")
    "admin1_beside_capital",  # a first-order unit when the name is also a capital's
    "unit_alias",  # a country or unit that lists the name only among its alternates
    "focus_town",  # focus share, for a town
    "capital_in_focus",  # a national capital in a country the document is about
)
#: Features of a candidate against the other mentions' first-pass choices (anchors).
SECOND_FEATURES = (
    "near_support",  # confidence of the surest anchor within 100 km (or its region nearby)
    "mid_support",  # ... within 300 km
    "same_admin1",  # ... in the same first-order region
    "same_country",  # ... in the same country
    "holds_anchor",  # a country or first-order region holding an anchor
    "log_nearest",  # log(1 + km to the nearest anchor) / log(20039)
    "nearest_rank",  # how many of the mention's rescored candidates lie nearer an anchor,
                     # / 10 (<= 1; 1 without anchors): distance relative to the rivals
    "far",  # every anchor over 2,000 km away (two or more mentions, country not in focus)
    "no_anchor",  # the document gives no anchor at all
    # share of the anchors in the candidate's first-order region: how much of the document
    # lies where the candidate does (a local paper's towns share a state); unlike
    # same_admin1 it counts the anchors, not the surest one's confidence
    "region_share",
    # the candidate's near_support less the most any of the mention's other rescored
    # candidates has: support relative to the rivals, as population_gap is size relative
    # to them. Absolute support means different things in world news (anchors far apart,
    # the big namesake right) and in a local paper (its towns' namesakes close together);
    # which candidate the support singles out means the same in both (train_resolver.py
    # --cross: LGL held out 0.830 -> 0.846, GeoWebNews 0.865 -> 0.862, GeoVirus 0.849 ->
    # 0.846; see README)
    "support_lead",
)
_N1 = len(FIRST_FEATURES)


def _log_pop(p: Place) -> float:
    return math.log10(p.population + 1) / 6.0


def first_features(
    m: Mention,
    c: Place,
    cs: Sequence[Place],
    focus: Mapping[str, float],
    total: float,
    regions: Sequence[Place] | None,
    top_cc: str | None,
) -> tuple[float, ...]:
    """The :data:`FIRST_FEATURES` of candidate ``c`` of mention ``m`` (``cs``: all of the
    mention's candidates; ``regions``: the readings of its container, if any)."""
    code, cls = c.feature_code, c.feature_class
    country = c.is_country
    town = cls == "P"
    kinds = (m.cue or "").split("+") if m.cue else ()
    unit = code in ("ADM1", "ADM2")
    top_pop = max((_log_pop(p) for p in cs if p.feature_class == "P"), default=0.0)
    rival = country and any(
        p.country_code != c.country_code and not p.is_country
        and (p.feature_code == "ADM1" or p.population >= RIVAL_CITY_POPULATION) for p in cs)
    contained = bool(regions) and any(_contains(r, c) for r in regions)
    own = own_name(c.name, m.key)
    derived = bool(m.surface) and m.key != _name_key(m.surface)
    arabic = bool(m.surface) and is_arabic(m.surface[:1])
    small = town and c.population < 5000
    has_country = any(p.is_country for p in cs)
    has_admin1 = any(p.feature_code == "ADM1" for p in cs)
    has_capital = any(p.feature_code == "PPLC" for p in cs)
    share = focus.get(c.country_code, 0.0) / total if c.country_code else 0.0
    return (
        1.0,
        float(country), float(code == "CONT"), float(code == "ADM1"), float(code == "ADM2"),
        float(code in _FINER_ADMIN), float(town),
        min(sum(1 for p in cs if p.population > c.population), 10) / 10.0,
        float(code == "PPLC"), float(code in _SEATS),
        float(cls in ("H", "T")), float(cls in ("S", "L", "R", "U", "V") and code != "CONT"),
        float(own),
        float(derived and arabic),
        float(derived and not arabic),
        float(arabic),
        math.log1p(len(cs)) / math.log(100.0),
        float(town and _log_pop(c) >= top_pop),
        _log_pop(c) - top_pop if town else 0.0,
        float("city" in kinds and town), float("city" in kinds and not town),
        float("province" in kinds and unit), float("province" in kinds and not unit),
        float("countryside" in kinds and unit), float("direction" in kinds),
        float("near" in kinds),
        float("capital" in kinds and code == "PPLC"),
        share,
        float(bool(top_cc) and c.country_code == top_cc),
        float(contained), float(bool(regions) and not contained),
        float(rival),
        float(small), float(small and own),
        float(town and has_country), float(town and has_admin1),
        float(code == "ADM1" and has_capital),
        float(cls == "A" and not own),
        share if town else 0.0,
        float(code == "PPLC" and share > 0.0),
    )


# An anchor: (lat, lon, admin1, country_code, confidence) of another mention's first choice.
_Anchor = tuple[float, float, str, str, float]


def second_features(c: Place, anchors: Sequence[_Anchor], n_others: int,
                    in_focus: bool) -> tuple[float, ...]:
    """The :data:`SECOND_FEATURES` of candidate ``c`` against the other mentions' anchors.

    Distances are equirectangular: within a few per cent of the great circle below
    2,000 km, which is all the thresholds here need, at a fraction of the cost."""
    if not anchors:
        return (0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0)
    near = mid = same_adm = same_cc = holds = 0.0
    n_region = 0
    nearest = math.inf
    clat, clon, cadm, ccc = c.lat, c.lon, c.admin1, c.country_code
    region = c.feature_code == "ADM1"
    country = c.is_country
    cos, radians, hypot = math.cos, math.radians, math.hypot
    for alat, alon, aadm, acc, conf in anchors:
        same_country = bool(acc) and acc == ccc
        in_region = same_country and bool(aadm) and aadm == cadm
        dl = (alon - clon + 180.0) % 360.0 - 180.0
        d = _KM_PER_DEG * hypot(alat - clat, dl * cos(radians((clat + alat) / 2)))
        nearest = min(nearest, d)
        # a first-order region is coherent with the places inside it, however far its
        # reference point lies from them (California's from Los Angeles)
        if d < 100 or (in_region and (d < 400 or region)):
            near = max(near, conf)
        elif d < 300:
            mid = max(mid, conf)
        if in_region:
            same_adm = max(same_adm, conf)
            n_region += 1
        if same_country:
            same_cc = max(same_cc, conf)
            if country or (region and in_region):
                holds = max(holds, conf)
    far = nearest > 2000 and n_others >= 2 and not in_focus
    return (near, mid, same_adm, same_cc, holds,
            math.log1p(min(nearest, 20039.0)) / _LOG_HALF_EARTH, 0.0, float(far), 0.0,
            n_region / len(anchors), 0.0)


#: where :func:`second_features` puts ``log_nearest``, ``nearest_rank``, ``no_anchor``,
#: ``near_support`` and ``support_lead``
_NEAREST = SECOND_FEATURES.index("log_nearest")
_NEAREST_RANK = SECOND_FEATURES.index("nearest_rank")
_NO_ANCHOR = SECOND_FEATURES.index("no_anchor")
_NEAR = SECOND_FEATURES.index("near_support")
_LEAD = SECOND_FEATURES.index("support_lead")


def with_nearest_rank(rows: Sequence[tuple[float, ...]]) -> list[tuple[float, ...]]:
    """The :func:`second_features` of one mention's candidates with ``nearest_rank`` set
    (how many of them lie nearer an anchor than each, / 10; 1.0 when there is no anchor)
    and ``support_lead`` (each one's ``near_support`` less the most the others have)."""
    dists = [r[_NEAREST] for r in rows]
    near = [r[_NEAR] for r in rows]
    out = []
    for i, (r, d) in enumerate(zip(rows, dists, strict=True)):
        if r[_NO_ANCHOR] == 1.0:  # no anchor at all
            out.append(r)
            continue
        rank = min(sum(1 for e in dists if e < d), 10) / 10.0
        rivals = max((v for j, v in enumerate(near) if j != i), default=0.0)
        out.append(r[:_NEAREST_RANK] + (rank,) + r[_NEAREST_RANK + 1:_LEAD]
                   + (near[i] - rivals,) + r[_LEAD + 1:])
    return out
