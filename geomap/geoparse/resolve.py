"""Resolve mentions to gazetteer places, using the whole document as context.

Each candidate gets a score:

* a prior from its kind and size -- countries over continents over first-order regions over
  towns, towns by log population;
* the cue before it -- "مدينة"/"city of" favours towns, "محافظة"/"province"/"ريف"/
  "countryside" favours regions;
* document focus -- the countries the document names (unless the name is also a big city or
  a region elsewhere: "عمان", Oman or Amman), the countries its demonyms point to
  ("Syrian", "التركي"), and the countries of its unambiguous places;
* containment -- "Richmond, Va.", "Manbij, Aleppo province", "X in Syria": the place after
  the comma or "in" holds the one before it;
* coherence -- a second pass rewards candidates in the same first-order region as, or close
  to, the places the first pass chose for the document's other mentions, and penalises
  one far from all of them unless its country is in the document's focus.

The best candidate wins; when even the best has a weak score (a hamlet with no support from
the context), the mention resolves to ``None`` rather than to a wrong place.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ..gazetteer.base import Gazetteer
from ..records import Mention, Place, Resolved
from ..text.normalize import key

MIN_SCORE = 1.3
#: a city this big in another country makes a country's name ambiguous (عمان: Oman, Amman)
RIVAL_CITY_POPULATION = 100_000
_PRIOR = {"PCLI": 3.0, "PCLD": 2.8, "PCLF": 2.8, "PCLS": 2.8, "PCLIX": 2.8, "CONT": 2.6, "ADM1": 1.9,
          # finer units (from imported GeoNames dumps) rank below towns of the same name
          "ADM3": 1.1, "ADM4": 1.0, "ADM5": 1.0, "ADMD": 1.0}
# Real GeoNames codes (imported dumps): capitals and seats get a small edge over towns of
# the same size; the embedded index calls every town PPL, so its scores do not change.
_SEAT_BONUS = {"PPLC": 0.3, "PPLA": 0.2, "PPLG": 0.2, "PPLA2": 0.1}
# Water, terrain, spots and areas rarely are where news happens: below a hamlet's 1.0.
_CLASS_PRIOR = {"H": 0.8, "T": 0.8, "S": 0.7, "L": 0.9, "R": 0.6, "U": 0.5, "V": 0.6}
_CONTAINER_GAP = re.compile(r"^\s*(?:,|،|\(|in|في|بمحافظة|محافظة|province of)\s*$", re.IGNORECASE)


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


_name_key = functools.lru_cache(maxsize=65536)(key)
_KM_PER_DEG = 111.195


# The most coherence can add (0.8 * 1.0 + 0.2), with room for rounding.
_MAX_SUPPORT = 1.0 + 1e-9


_Anchor = tuple[float, float, str, str, float, float]
_score = operator.itemgetter(0)


def _coherence(c: Place, others: list[_Anchor], n_others: int, top: float = math.inf) -> float:
    """Support from the document's other places (``(lat, lon, admin1, country_code,
    near support, region support)``): near them, or in their region; a penalty when the
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
    for alat, alon, aadm, acc, near, mid in others:
        in_region = aadm and aadm == cadm
        if abs(alat - clat) > 18.0 and not in_region:
            continue  # > 2,000 km apart in latitude alone
        dl = (alon - clon + 180.0) % 360.0 - 180.0
        d = _KM_PER_DEG * hypot(alat - clat, dl * cos(radians((clat + alat) / 2)))
        if d < 100 or (in_region and acc == ccc and (d < 400 or region)):
            support = max(support, near)
        elif d < 300:
            support = max(support, mid)
        if d < 2000:
            far = False
            if support >= top:
                break
    return support - (0.6 if far and n_others >= 2 else 0.0)


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


def _containers(mentions: Sequence[Mention], cands: list[list[Place]], text: str | None) -> dict[int, list[Place]]:
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
        if regions:
            out[i] = regions
    return out


def resolve(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    text: str | None = None,
    evidence: Mapping[str, float] | None = None,
) -> list[Resolved]:
    """Resolve every mention in the context of the others (one document).

    ``evidence`` adds country focus from outside the mentions (demonyms: ``{"SY": 2}``).
    """
    cands = [gazetteer.candidates_for(m) for m in mentions]

    # document focus: countries named outright count double; unambiguous places count once
    focus: Counter[str] = Counter()
    for cc, w in (evidence or {}).items():
        focus[cc] += w
    for cs in cands:
        if not cs:
            continue
        countries = [c for c in cs if c.is_country]
        if countries:
            # "عمان" is Oman, or Amman in Jordan: a country name that is also a big city
            # or a region elsewhere ("Georgia") says nothing about the focus by itself
            cc = countries[0].country_code
            if not any(c.country_code != cc and not c.is_country and (
                    c.feature_code == "ADM1" or c.population >= RIVAL_CITY_POPULATION) for c in cs):
                focus[cc] += 2
            continue
        ccs = {c.country_code for c in cs}
        if len(ccs) == 1:
            focus[next(iter(ccs))] += 1
    total = sum(focus.values()) or 1
    containers = _containers(mentions, cands, text)

    def base(idx: int, c: Place) -> float:
        m = mentions[idx]
        s = prior(c) + cue_bonus(m.cue, c)
        if _name_key(c.name) == m.key:
            s += 0.4  # named so, not merely listing the name among its alternates
        if c.country_code:
            s += 1.2 * focus.get(c.country_code, 0) / total
        regions = containers.get(idx)
        if regions:
            s += 2.0 if any(_contains(r, c) for r in regions) else -0.5
        return s

    # pass 1: each mention on its own (with focus and containment). A repeated name with
    # the same cue and no container scores its candidates the same way: score them once.
    first: list[tuple[Place | None, float, float]] = []  # best, score, margin
    # per mention: (score, position in its candidates, place), best first
    ranked: list[list[tuple[float, int, Place]]] = []
    by_name: dict[tuple, tuple[list[tuple[float, int, Place]], tuple]] = {}
    for idx, cs in enumerate(cands):
        if not cs:
            ranked.append([])
            first.append((None, 0.0, 0.0))
            continue
        m = mentions[idx]
        name = (m.key, m.cue, tuple(c.geonameid for c in cs))
        got = by_name.get(name) if idx not in containers else None
        if got is None:
            # sorted() is stable, also in reverse: equal scores keep the candidates' order
            scored = sorted(zip(map(functools.partial(base, idx), cs), itertools.count(), cs),
                            key=_score, reverse=True)
            margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 2.0
            got = (scored, (scored[0][2], scored[0][0], margin))
            if idx not in containers:
                by_name[name] = got
        ranked.append(got[0])
        first.append(got[1])

    # pass 2: coherence with the other mentions' first choices (one anchor per place and
    # name, the most confident)
    anchor_w: dict[tuple[str, int], tuple[Place, float]] = {}
    mentions_of: Counter[str] = Counter()
    for j, (p, _, margin) in enumerate(first):
        if p is not None and not p.is_country and p.feature_code != "CONT":
            k = (mentions[j].key, p.geonameid)
            mentions_of[mentions[j].key] += 1
            w = min(1.0, margin)
            if k not in anchor_w or anchor_w[k][1] < w:
                anchor_w[k] = (p, w)
    # the anchors as plain tuples, with their two support levels computed once
    anchors = [(k, p.lat, p.lon, p.admin1, p.country_code, 0.8 * w + 0.2, 0.4 * w)
               for (k, _), (p, w) in anchor_w.items()]
    n_anchor_mentions = sum(mentions_of.values())
    coherence: dict[tuple[str, int], float] = {}  # (name, candidate) -> coherence
    # name -> the anchors of the other names, and the most support one of them gives
    others_of: dict[str, tuple[list[_Anchor], float]] = {}
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
        best, best_score, best_pos = None, -math.inf, -1
        # coherence adds at most +1.0 and takes at most 0.6, so a candidate more than 1.6
        # below the first pass's best can never win: skip its distances. Candidates come
        # best first, so once one cannot reach the best so far, none after it can.
        floor = first[idx][1] - 1.6
        for s, pos, c in ranked[idx]:
            if s < floor or s + _MAX_SUPPORT < best_score:
                break
            if others and not c.is_country and c.feature_code != "CONT":
                ck = (m.key, c.geonameid)
                coh = coherence.get(ck)
                if coh is None:
                    # no "far from the others" penalty in a country the document is
                    # about: news of several countries names places far apart
                    n_far = 0 if focus.get(c.country_code, 0) >= 1 else n_others
                    coh = coherence[ck] = _coherence(c, others, n_far, top)
                s += coh
            # the highest score wins; on a tie, the candidate listed first (as before)
            if s > best_score or (s == best_score and pos < best_pos):
                best, best_score, best_pos = c, s, pos
        if best_score < MIN_SCORE:
            out.append(Resolved(m, None, best_score, len(cs)))
        else:
            out.append(Resolved(m, best, best_score, len(cs)))
    return out
