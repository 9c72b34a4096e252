"""Resolve mentions to gazetteer places, using the whole document as context.

Each candidate gets a score:

* a prior from its kind and size -- countries over continents over first-order regions over
  towns, towns by log population;
* the cue before it -- "مدينة"/"city of" favours towns, "محافظة"/"province"/"ريف"/
  "countryside" favours regions;
* document focus -- the countries the document names, and the countries of its unambiguous
  places, weighted by how often they occur;
* proximity -- candidates near the document's other unambiguous places.

The best candidate wins; when even the best has a weak score (a hamlet with no support from
the context), the mention resolves to ``None`` rather than to a wrong place.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from ..gazetteer.base import Gazetteer
from ..records import Mention, Place, Resolved

MIN_SCORE = 1.55
_PRIOR = {"PCLI": 3.0, "PCLD": 2.8, "PCLF": 2.8, "PCLS": 2.8, "PCLIX": 2.8, "CONT": 2.6, "ADM1": 1.9,
          # finer units (from imported GeoNames dumps) rank below towns of the same name
          "ADM3": 1.1, "ADM4": 1.0, "ADM5": 1.0, "ADMD": 1.0}
# Real GeoNames codes (imported dumps): capitals and seats get a small edge over towns of
# the same size; the embedded index calls every town PPL, so its scores do not change.
_SEAT_BONUS = {"PPLC": 0.3, "PPLA": 0.2, "PPLG": 0.2, "PPLA2": 0.1}
# Water, terrain, spots and areas rarely are where news happens: below a hamlet's 1.0.
_CLASS_PRIOR = {"H": 0.8, "T": 0.8, "S": 0.7, "L": 0.9, "R": 0.6, "U": 0.5, "V": 0.6}


def prior(p: Place) -> float:
    if p.feature_code in _PRIOR:
        return _PRIOR[p.feature_code]
    if p.feature_code == "ADM2":
        return 1.3 + 0.05 * math.log10(p.population + 1)
    if p.feature_class in _CLASS_PRIOR:
        return _CLASS_PRIOR[p.feature_class]
    return 1.0 + math.log10(p.population + 1) / 6.0 + _SEAT_BONUS.get(p.feature_code, 0.0)


def cue_bonus(cue: str | None, p: Place) -> float:
    if not cue:
        return 0.0
    kinds = cue.split("+")
    bonus = 0.0
    if "city" in kinds:
        bonus += 1.0 if p.feature_class == "P" else -0.8
    if "province" in kinds:
        bonus += 1.5 if p.feature_code in ("ADM1", "ADM2") else -0.3
    if "countryside" in kinds:
        bonus += 1.2 if p.feature_code in ("ADM1", "ADM2") else 0.0
    return bonus


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(36.2, 37.16, 36.37, 37.52))
    37
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def resolve(mentions: Sequence[Mention], gazetteer: Gazetteer) -> list[Resolved]:
    """Resolve every mention in the context of the others (one document)."""
    cands = [gazetteer.candidates_for(m) for m in mentions]

    # document focus: countries named outright count double; unambiguous places count once
    focus: Counter[str] = Counter()
    anchors: list[tuple[int, Place]] = []
    for idx, cs in enumerate(cands):
        if not cs:
            continue
        countries = [c for c in cs if c.is_country]
        if countries:
            focus[countries[0].country_code] += 2
            continue
        ccs = {c.country_code for c in cs}
        if len(ccs) == 1:
            focus[next(iter(ccs))] += 1
        top = max(cs, key=prior)
        if len(cs) == 1 or all(prior(top) - prior(c) > 0.5 for c in cs if c is not top):
            anchors.append((idx, top))
    total = sum(focus.values()) or 1

    out: list[Resolved] = []
    for idx, (m, cs) in enumerate(zip(mentions, cands, strict=True)):
        if not cs:
            out.append(Resolved(m, None, 0.0, 0))
            continue
        best, best_score = None, -math.inf
        for c in cs:
            s = prior(c) + cue_bonus(m.cue, c)
            if c.country_code:
                s += 1.2 * focus.get(c.country_code, 0) / total
            if not c.is_country and c.feature_code != "CONT":
                near = [
                    haversine_km(c.lat, c.lon, a.lat, a.lon)
                    for j, a in anchors
                    if j != idx and not a.is_country
                ]
                if near:
                    d = min(near)
                    s += 0.8 if d < 100 else 0.4 if d < 300 else -0.6 if d > 2000 else 0.0
            if s > best_score:
                best, best_score = c, s
        if best_score < MIN_SCORE:
            out.append(Resolved(m, None, best_score, len(cs)))
        else:
            out.append(Resolved(m, best, best_score, len(cs)))
    return out
