"""Document context both place scorers read: which countries a document is about
(:func:`document_focus`) and which mention a following one contains ("X, Y", "X in Y":
:func:`_containers`)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ..records import Mention, Place
from ..text.normalize import key

#: a city this big in another country makes a country's name ambiguous (عمان: Oman, Amman)
RIVAL_CITY_POPULATION = 100_000
_CONTAINER_GAP = re.compile(r"^\s*(?:,|،|\(|in|في|بمحافظة|محافظة|province of)\s*$", re.IGNORECASE)
_KM_PER_DEG = 111.195

_name_key = functools.lru_cache(maxsize=65536)(key)


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
        if regions:
            out[i] = regions
    return out


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
            # or a region elsewhere ("Georgia") says nothing about the focus by itself
            cc = countries[0].country_code
            if not any(c.country_code != cc and not c.is_country and (
                    c.feature_code == "ADM1" or c.population >= RIVAL_CITY_POPULATION) for c in cs):
                focus[cc] += 2
            continue
        ccs = {c.country_code for c in cs}
        if len(ccs) == 1:
            focus[next(iter(ccs))] += 1
    return focus
