"""Merge reports of the same event into one record that lists every source.

Two events are the same when they have the same sub-event type and status, their actors
overlap (or one names none), their places agree, and their dates are within ``days``.
Places agree when both are within ``km`` of each other; within one document a coarse place
(a country or region, precision 3) or no place agrees with any place, because an article
tells one event in several sentences, often naming its place once. The merged event keeps
the most precise place and date, and the union of actors and sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..geodesy import haversine_km
from ..records import Event


def _places_agree(a: Event, b: Event, km: float) -> bool:
    if a.place is None or b.place is None:
        return a.doc_id == b.doc_id
    if haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= km:
        return True
    if a.doc_id == b.doc_id:
        return (a.geo_precision or 3) >= 3 or (b.geo_precision or 3) >= 3 or (
            a.location_reason == "country fallback" or b.location_reason == "country fallback"
        )
    return False


def _dates_agree(a: Event, b: Event, days: int) -> bool:
    if a.event_date is None or b.event_date is None:
        return True
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


def dedup(events: Iterable[Event], *, km: float = 10.0, days: int = 1) -> list[Event]:
    """Merge events that report the same thing; order follows first appearance."""
    kept: list[Event] = []
    # Only events of the same sub-event type and status can be the same (and a merge keeps
    # both), so each event is compared with its own group alone, in the order of ``kept``:
    # the first match is the one a scan of every kept event would find.
    groups: dict[tuple[str, str], list[int]] = {}
    for e in events:
        group = groups.setdefault((e.sub_event_type, e.status), [])
        for i in group:
            k = kept[i]
            if same_event(k, e, km=km, days=days):
                kept[i] = merge(k, e)
                break
        else:
            group.append(len(kept))
            kept.append(e)
    return kept
