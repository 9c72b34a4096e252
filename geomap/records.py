"""Typed records passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses; nothing downstream reaches back
into a stage's internals. Coordinates are always named ``lat``/``lon`` here; the GeoJSON
and shapely boundary is ``(lon, lat)`` and folium's is ``[lat, lon]`` -- each boundary
converts explicitly.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field, fields
from typing import Literal

def _pickled_by_fields(cls):
    """Pickle a frozen, slotted record as the tuple of its fields, read in one C call.

    The records cross process boundaries by the thousand (documents out to ``--jobs``
    workers and Dask, events back), and the pickling that ``dataclass(slots=True)`` adds
    calls ``dataclasses.fields()`` for every object, both ways: on 800 conflict articles
    it took 0.36 s of CPU in pickling documents and events, this 0.15 s. Same fields,
    same values, same order.
    """
    names = tuple(f.name for f in fields(cls))
    setters = tuple(getattr(cls, n).__set__ for n in names)  # the slots' own descriptors
    read = operator.attrgetter(*names)

    def __getstate__(self):
        return read(self)

    def __setstate__(self, state):
        for put, value in zip(setters, state, strict=True):
            put(self, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls


#: Event status: what the text says about whether the event happened.
Status = Literal["reported", "planned", "denied"]


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """One input article.

    ``date`` is the publication date when known, else ``None`` (never a guess).
    """

    doc_id: str
    text: str
    source: str = ""
    title: str = ""
    date: dt.date | None = None
    language: str | None = None
    url: str = ""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry.

    ``feature_class`` follows GeoNames: ``P`` populated place, ``A`` administrative
    unit (``feature_code`` ``ADM1``/``ADM2``/``PCLI`` for countries), ``L`` area/continent,
    ``H`` water, ``T`` terrain, ``S`` spot.
    """

    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str = ""
    admin1: str = ""
    admin1_name: str = ""
    feature_class: str = "P"
    feature_code: str = "PPL"
    population: int = 0
    source: str = "geonames"

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the original text that names a place (or might).

    ``start``/``end`` index the original text (Python ``str`` offsets), so that
    ``text[start:end] == surface``.
    """

    start: int
    end: int
    surface: str
    key: str
    language: str
    # "city", "province", "countryside", "near", ... when a cue word precedes
    cue: str | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention and the place it was resolved to (``None``: no good candidate)."""

    mention: Mention
    place: Place | None
    score: float = 0.0
    candidates: int = 0


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor from ``data/actors.yaml`` (or a user's file)."""

    name: str
    type: str = "other"
    country: str = ""  # ISO 3166-1 alpha-2 where the actor belongs to a country
    parent: str | None = None
    aliases: tuple[str, ...] = ()


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ActorMention:
    actor: Actor
    start: int
    end: int
    surface: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """One event record (one row of the events GeoDataFrame)."""

    event_id: str
    event_type: str
    sub_event_type: str
    plover_code: str
    status: Status
    actor1: str | None
    actor2: str | None
    actors: tuple[str, ...]
    sentence: str
    trigger: str
    language: str
    source: str
    doc_id: str
    title: str = ""
    event_date: dt.date | None = None
    time_precision: int | None = None
    place: Place | None = None
    mention: str | None = None
    geo_precision: int | None = None
    location_reason: str | None = None
    sources: tuple[str, ...] = field(default=())
    start: int = 0
    end: int = 0
    fatalities: int | None = None  # people killed as the text states (a range: its lower end)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be turned into a :class:`Document`, and why.

    ``source`` names the input as precisely as possible (``path``, ``path:line`` for a row,
    ``path#n`` for the n-th item of a JSON array or feed); ``reason`` says what was wrong
    and, where it helps, what to do about it.
    """

    source: str
    reason: str
