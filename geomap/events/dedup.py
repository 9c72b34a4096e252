"""Merge reports of the same event into one record that lists every source.

Two events are the same when they have the same sub-event type and status, their actors
overlap (or one names none), their places agree, and their dates are within ``days``.
Places agree when both are within ``km`` of each other; within one document a coarse place
(a country or region, precision 3) or no place agrees with any place, because an article
tells one event in several sentences, often naming its place once. Across documents, as
coders would merge reports, both places must be precise (a town, precision 1-2, never a
country or a fallback) and in one country, and both events dated. The merged event keeps
the most precise place and date, and the union of actors and sources.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from ..geodesy import haversine_km
from ..records import Event

#: Across documents only places this precise (ACLED geo_precision 1 town, 2 near a town)
#: can make two reports one event; a region or a country is too coarse to say so.
CROSS_DOC_PRECISION = 2


def _places_agree(a: Event, b: Event, km: float) -> bool:
    if a.place is None or b.place is None:
        return a.doc_id == b.doc_id
    if a.doc_id != b.doc_id and not _precise_same_country(a, b):
        return False
    if haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= km:
        return True
    if a.doc_id == b.doc_id:
        return (a.geo_precision or 3) >= 3 or (b.geo_precision or 3) >= 3 or (
            a.location_reason == "country fallback" or b.location_reason == "country fallback"
        )
    return False


def _precise_same_country(a: Event, b: Event) -> bool:
    """Can two documents' events be one by their places: both precise (not a country, not
    a fallback, geo_precision at most :data:`CROSS_DOC_PRECISION`) and in one country."""
    for e in (a, b):
        if e.place.is_country or e.location_reason == "country fallback" \
                or (e.geo_precision or 3) > CROSS_DOC_PRECISION:
            return False
    return a.place.country_code == b.place.country_code


def _dates_agree(a: Event, b: Event, days: int) -> bool:
    if a.event_date is None or b.event_date is None:
        return a.doc_id == b.doc_id  # two undated reports are never known to be one event
    return abs((a.event_date - b.event_date).days) <= days


def same_event(a: Event, b: Event, *, km: float = 10.0, days: int = 1) -> bool:
    if a.sub_event_type != b.sub_event_type or a.status != b.status:
        return False
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return False
    return _places_agree(a, b, km) and _dates_agree(a, b, days)


def _rank(e: Event) -> tuple:
    return (
        e.place is None,
        e.location_reason == "country fallback",
        e.geo_precision or 9,
        e.time_precision or 9,
        -len(e.actors),
    )


def merge(a: Event, b: Event) -> Event:
    base, other = (a, b) if _rank(a) <= _rank(b) else (b, a)
    actors = tuple(dict.fromkeys(base.actors + other.actors))
    sources = tuple(dict.fromkeys(base.sources + other.sources))
    date, tprec = base.event_date, base.time_precision
    if other.time_precision is not None and (tprec is None or other.time_precision < tprec):
        date, tprec = other.event_date, other.time_precision
    actor1 = base.actor1 or other.actor1
    actor2 = base.actor2 or (other.actor2 if other.actor2 != actor1 else None)
    return replace(
        base,
        event_id=min(a.event_id, b.event_id) if a.doc_id != b.doc_id else base.event_id,
        actors=actors,
        actor1=actor1,
        actor2=actor2,
        sources=sources,
        event_date=date,
        time_precision=tprec,
    )


class _Group:
    """The kept events of one (sub-event type, status), indexed by document and by a grid of
    cells about ``km`` wide, so that a new event meets only the kept events it can agree
    with (same document, or a place within ``km``) instead of all of them.

    The index may hold stale entries (a merge can move an event or change its document);
    :func:`same_event` decides on the event as it is now, so a stale entry costs one test.
    """

    def __init__(self, km: float):
        # 1° of latitude is at least 110.5 km: points within km are at most one cell apart
        self.step = max(km, 1e-3) / 110.5
        self.km = km
        self.all: list[int] = []
        self.by_doc: dict[str, list[int]] = {}
        self.cells: dict[tuple[int, int], list[int]] = {}

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.step), math.floor(lon / self.step)

    def add(self, i: int, e: Event) -> None:
        if i not in self.by_doc.setdefault(e.doc_id, []):
            self.by_doc[e.doc_id].append(i)
        if e.place is not None:
            cell = self.cells.setdefault(self._cell(e.place.lat, e.place.lon), [])
            if i not in cell:
                cell.append(i)

    def candidates(self, e: Event) -> list[int]:
        """Indices (ascending) of every kept event that ``same_event`` could accept."""
        found = set(self.by_doc.get(e.doc_id, ()))
        if e.place is not None:
            lat, lon = e.place.lat, e.place.lon
            row, col = self._cell(lat, lon)
            # how many cells of longitude ``km`` spans at the nearest latitude to a pole
            # among the rows searched (haversine: d >= 2R asin(cos φ sin(Δλ/2)))
            polar = min(90.0, abs(lat) + 2 * self.step)
            cos = math.cos(math.radians(polar))
            ratio = math.sin(self.km / (2 * 6371.0088)) / cos if cos > 1e-9 else 2.0
            if ratio >= 1.0:
                return self.all  # near a pole: every kept event of the group
            span = math.degrees(2 * math.asin(ratio))
            reach = math.floor(span / self.step) + 1
            if (col - reach) * self.step < -180.0 or (col + reach + 1) * self.step > 180.0:
                return self.all  # the search would cross the antimeridian
            cells = self.cells
            for r in (row - 1, row, row + 1):
                for c in range(col - reach, col + reach + 1):
                    got = cells.get((r, c))
                    if got:
                        found.update(got)
        return sorted(found)


def dedup(events: Iterable[Event], *, km: float = 10.0, days: int = 1) -> list[Event]:
    """Merge events that report the same thing; order follows first appearance.

    Each event is merged into the first kept event it is the same as, in the order of
    appearance, exactly as comparing it with every kept event would; the comparisons are
    limited to kept events of the same sub-event type and status, and among those to the
    same document or a nearby place (see :class:`_Group`), so large batches stay fast.
    """
    kept: list[Event] = []
    groups: dict[tuple[str, str], _Group] = {}
    for e in events:
        group = groups.get((e.sub_event_type, e.status))
        if group is None:
            group = groups[(e.sub_event_type, e.status)] = _Group(km)
        for i in group.candidates(e):
            k = kept[i]
            if same_event(k, e, km=km, days=days):
                kept[i] = merge(k, e)
                group.add(i, kept[i])
                break
        else:
            group.all.append(len(kept))
            group.add(len(kept), e)
            kept.append(e)
    return kept
