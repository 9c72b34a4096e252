"""Merge reports of the same event into one record that lists every source.

Two events are the same when they have the same sub-event type and status, their actors
overlap (or one names none), their places agree, and their dates are within ``days``.
Places agree when both are within ``km`` of each other; within one document a coarse place
(a country or region, precision 3) or no place agrees with any place, because an article
tells one event in several sentences, often naming its place once; and so does, within
about two sentences, a date the sentence does not write (the report's own day). Across documents, as
coders would merge reports, both places must be precise (a town, precision 1-2, never a
country or a fallback) and in one country, and both events dated. The merged event keeps
the most precise place and date, the lower of two stated death tolls (ACLED's most
conservative report), and the union of actors and sources.

The result does not depend on the order of the input: events are merged in one canonical
order (:func:`merge_order`: by document, then position in the text, then id), and the
merged events are returned in the order in which their first report appeared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..geodesy import haversine_km
from ..records import Event
from .location import COUNTRY_FALLBACK, SCENE_REASON

#: Across documents only places this precise (ACLED geo_precision 1 town, 2 near a town)
#: can make two reports one event; a region or a country is too coarse to say so.
CROSS_DOC_PRECISION = 2
#: The time precision of an event whose sentence writes no date: the report's own day
#: (:func:`~geomap.events.dates.event_date`)
UNWRITTEN_DATE = 2
#: How far apart (characters) an undated retelling may stand from the dated report of the
#: same event: about two sentences of news
RETOLD_CHARS = 300


def _places_agree(a: Event, b: Event, km: float) -> bool:
    if a.place is None or b.place is None:
        return a.doc_id == b.doc_id
    if a.doc_id != b.doc_id and not _precise_same_country(a, b):
        return False
    if haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= km:
        return True
    if a.doc_id == b.doc_id:
        return (
            (a.geo_precision or 3) >= 3
            or (b.geo_precision or 3) >= 3
            or (a.location_reason == COUNTRY_FALLBACK or b.location_reason == COUNTRY_FALLBACK)
        )
    return False


def _precise_same_country(a: Event, b: Event) -> bool:
    """Can two documents' events be one by their places: both precise (not a country, not
    a fallback, geo_precision at most :data:`CROSS_DOC_PRECISION`) and in one country."""
    for e in (a, b):
        if e.place.is_country or e.location_reason == COUNTRY_FALLBACK \
                or (e.geo_precision or 3) > CROSS_DOC_PRECISION:
            return False
    return a.place.country_code == b.place.country_code


def _dates_agree(a: Event, b: Event, days: int) -> bool:
    if a.event_date is None or b.event_date is None:
        return a.doc_id == b.doc_id  # two undated reports are never known to be one event
    if a.doc_id == b.doc_id and UNWRITTEN_DATE in (a.time_precision, b.time_precision) \
            and abs(a.start - b.start) <= RETOLD_CHARS:
        # a sentence that writes no date of its own right after the event's ("... on
        # Thursday, killing six. No one claimed the blast") takes the report's day, but
        # tells the same event: it agrees with the date before it
        return True
    return abs((a.event_date - b.event_date).days) <= days


def same_event(a: Event, b: Event, *, km: float = 10.0, days: int = 1) -> bool:
    if a.sub_event_type != b.sub_event_type or a.status != b.status:
        return False
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return False
    return _places_agree(a, b, km) and _dates_agree(a, b, days)


def _rank(e: Event, actors: int | None = None) -> tuple:
    """Which of two merged reports is the base (the smaller rank); ``actors`` overrides
    the number of actors (a merged event's, counted apart)."""
    return (
        e.place is None,
        e.location_reason == COUNTRY_FALLBACK,
        # a place the sentence names is better evidence than the scene it inherits
        e.location_reason == SCENE_REASON,
        e.geo_precision or 9,
        e.time_precision or 9,
        -(len(e.actors) if actors is None else actors),
    )


def merged_roles(base: Event, other: Event) -> tuple[str | None, str | None]:
    """actor1 and actor2 of two reports of one event merged into ``base``: the base's, each
    filled from the other where the base has none (never the same actor in both roles)."""
    actor1 = base.actor1 or other.actor1
    return actor1, base.actor2 or (other.actor2 if other.actor2 != actor1 else None)


def _merged_head(base: Event, other: Event, a: Event, b: Event) -> Event:
    """The merge of ``a`` and ``b`` (``base`` the better ranked of the two) in every field
    but actors and sources: the most precise date (of two as precise, the earlier: a
    report a day later follows the event up), the base's actors in their roles."""
    date, tprec = base.event_date, base.time_precision
    if other.time_precision is not None and (
        tprec is None
        or other.time_precision < tprec
        or (other.time_precision == tprec and other.event_date is not None
            and date is not None and other.event_date < date)
    ):
        date, tprec = other.event_date, other.time_precision
    actor1, actor2 = merged_roles(base, other)
    # a toll stated by either report; when both state one, the lower, as ACLED takes the
    # most conservative of conflicting reports
    tolls = [n for n in (base.fatalities, other.fatalities) if n is not None]
    return replace(
        base,
        event_id=min(a.event_id, b.event_id) if a.doc_id != b.doc_id else base.event_id,
        actor1=actor1,
        actor2=actor2,
        event_date=date,
        time_precision=tprec,
        fatalities=min(tolls) if tolls else None,
    )


def merge(a: Event, b: Event) -> Event:
    base, other = (a, b) if _rank(a) <= _rank(b) else (b, a)
    return replace(
        _merged_head(base, other, a, b),
        actors=tuple(dict.fromkeys(base.actors + other.actors)),
        sources=tuple(dict.fromkeys(base.sources + other.sources)),
    )


class _Group:
    """The kept events of one (sub-event type, status), indexed by document and by a grid of
    cells about ``km`` wide and the event date, so that a new event meets only the kept
    events it can agree with (same document, or a place within ``km`` and a date within
    ``days``: across documents both events must be placed and dated) instead of all of them.

    The index may hold stale entries (a merge can move an event, change its date or its
    document); :func:`same_event` decides on the event as it is now, so a stale entry costs
    one test.
    """

    def __init__(self, km: float, days: int):
        # 1° of latitude is at least 110.5 km: points within km are at most one cell apart
        self.step = max(km, 1e-3) / 110.5
        self.km = km
        self.days = days
        self.all: list[int] = []
        self.by_doc: dict[str, list[int]] = {}
        # cell -> day (ordinal) -> kept events placed in that cell on that day
        self.cells: dict[tuple[int, int], dict[int, list[int]]] = {}

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.step), math.floor(lon / self.step)

    def add(self, i: int, e: Event) -> None:
        if i not in self.by_doc.setdefault(e.doc_id, []):
            self.by_doc[e.doc_id].append(i)
        if e.place is not None and e.event_date is not None:
            days = self.cells.setdefault(self._cell(e.place.lat, e.place.lon), {})
            day = days.setdefault(e.event_date.toordinal(), [])
            if i not in day:
                day.append(i)

    def candidates(self, e: Event) -> list[int]:
        """Indices (ascending) of every kept event that ``same_event`` could accept."""
        found = set(self.by_doc.get(e.doc_id, ()))
        if e.place is not None and e.event_date is not None:
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
            cells, day = self.cells, e.event_date.toordinal()
            for r in (row - 1, row, row + 1):
                for c in range(col - reach, col + reach + 1):
                    got = cells.get((r, c))
                    if got:
                        self._dated_near(got, day, found)
        return sorted(found)

    def _dated_near(self, by_day: dict[int, list[int]], day: int, found: set[int]) -> None:
        """Add to ``found`` the events of one cell dated within ``days`` of ``day``."""
        near = self.days
        if len(by_day) <= 2 * near + 1:
            for d, kept in by_day.items():
                if abs(d - day) <= near:
                    found.update(kept)
        else:
            for d in range(day - near, day + near + 1):
                kept = by_day.get(d)
                if kept:
                    found.update(kept)


def merge_order(events: Sequence[Event]) -> list[int]:
    """Indices of ``events`` in the order :func:`dedup` merges them, whatever their order.

    By event date (undated last), then document id, then position in the text (``start``,
    ``end``), then event id; events equal on all of these (rare: copies differing
    elsewhere) by their full ``repr``, so the order is total and the merges cannot depend
    on how the input was ordered. Date first: a chain of reports a day apart each anchors
    on its earliest report, not on whichever document id (a hash of its source) sorts first.
    """

    def cheap(i: int) -> tuple:
        e = events[i]
        day = e.event_date.toordinal() if e.event_date is not None else 1 << 30
        return (day, e.doc_id, e.start, e.end, e.event_id)

    order = sorted(range(len(events)), key=cheap)
    out: list[int] = []
    run: list[int] = []
    for i in order:
        if run and cheap(run[0]) != cheap(i):
            out.extend(sorted(run, key=lambda j: repr(events[j])) if len(run) > 1 else run)
            run = []
        run.append(i)
    out.extend(sorted(run, key=lambda j: repr(events[j])) if len(run) > 1 else run)
    return out


class _Keyed:
    """An ordered set that can also put items first, as ``dict.fromkeys(front + self)``
    does, in time proportional to the items added rather than to the set's size.

    Each item holds a sort key; appended items take keys above every key so far, items
    put first take keys below (an item already there moves to the front).
    """

    __slots__ = ("high", "keys", "low")

    def __init__(self, items: Iterable[str]):
        self.keys: dict[str, int] = {}
        self.low = 0
        self.high = 0
        self.append(items)

    def append(self, items: Iterable[str]) -> None:
        keys = self.keys
        for item in items:
            if item not in keys:
                keys[item] = self.high
                self.high += 1

    def prepend(self, items: Iterable[str]) -> None:
        first = list(dict.fromkeys(items))
        self.low -= len(first)
        for offset, item in enumerate(first):
            self.keys[item] = self.low + offset

    def __len__(self) -> int:
        return len(self.keys)

    def __bool__(self) -> bool:
        return bool(self.keys)

    def __contains__(self, item: str) -> bool:
        return item in self.keys

    def as_tuple(self) -> tuple[str, ...]:
        return tuple(sorted(self.keys, key=self.keys.__getitem__))


class _Cluster:
    """The reports merged so far: the merged event (``head``; its actors and sources are
    kept apart, growing in place, instead of being copied on every merge) and the
    position of the first report in the input."""

    __slots__ = ("actors", "first", "head", "sources")

    def __init__(self, e: Event, position: int):
        self.head = e
        self.actors = _Keyed(e.actors)
        self.sources = _Keyed(e.sources)
        self.first = position

    def accepts(self, e: Event, km: float, days: int) -> bool:
        """:func:`same_event` of the merged event and ``e``."""
        head = self.head
        if head.sub_event_type != e.sub_event_type or head.status != e.status:
            return False
        if self.actors and e.actors and not any(a in self.actors for a in e.actors):
            return False
        # the dates first: the cheaper test, and the one that fails more often among the
        # reports of one place
        return _dates_agree(head, e, days) and _places_agree(head, e, km)

    def absorb(self, e: Event, position: int) -> None:
        """:func:`merge` of the merged event and ``e``, without copying actors or sources."""
        k = self.head
        if _rank(k, len(self.actors)) <= _rank(e):
            base, other = k, e
            self.actors.append(e.actors)
            self.sources.append(e.sources)
        else:
            base, other = e, k
            self.actors.prepend(e.actors)
            self.sources.prepend(e.sources)
        self.head = _merged_head(base, other, k, e)
        self.first = min(self.first, position)

    def event(self) -> Event:
        head = self.head
        actors, sources = self.actors.as_tuple(), self.sources.as_tuple()
        if actors == head.actors and sources == head.sources:
            return head  # a report merged with none (most): no copy of it
        return replace(head, actors=actors, sources=sources)


def dedup(events: Iterable[Event], *, km: float = 10.0, days: int = 1) -> list[Event]:
    """Merge events that report the same thing; the result does not depend on input order.

    The events are taken in :func:`merge_order`; each is merged into the first kept event
    it is the same as (:func:`same_event`, :func:`merge`), exactly as comparing it with
    every kept event would. The comparisons are limited to kept events of the same
    sub-event type and status, and among those to the same document or a nearby place
    (see :class:`_Group`), and a merge adds to the kept actors and sources in place, so
    that a batch of any size -- 100,000 reports of one event -- costs about linear time.
    The merged events come in the order of their first report in ``events``.
    """
    events = list(events)
    clusters: list[_Cluster] = []
    groups: dict[tuple[str, str], _Group] = {}
    for position in merge_order(events):
        e = events[position]
        group = groups.get((e.sub_event_type, e.status))
        if group is None:
            group = groups[(e.sub_event_type, e.status)] = _Group(km, days)
        for i in group.candidates(e):
            cluster = clusters[i]
            if cluster.accepts(e, km, days):
                cluster.absorb(e, position)
                group.add(i, cluster.head)
                break
        else:
            group.all.append(len(clusters))
            group.add(len(clusters), e)
            clusters.append(_Cluster(e, position))
    clusters.sort(key=lambda c: c.first)
    return [c.event() for c in clusters]
