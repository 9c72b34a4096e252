"""Typed records passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses; nothing downstream reaches back
into a stage's internals. Coordinates are always named ``lat``/``lon`` here; the GeoJSON
and shapely boundary is ``(lon, lat)`` and folium's is ``[lat, lon]`` -- each boundary
converts explicitly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

#: Event status: what the text says about whether the event happened.
Status = Literal["reported", "planned", "denied"]


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


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention and the place it was resolved to (``None``: no good candidate)."""

    mention: Mention
    place: Place | None
    score: float = 0.0
    candidates: int = 0


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor from ``data/actors.yaml`` (or a user's file)."""

    name: str
    type: str = "other"
    country: str = ""  # ISO 3166-1 alpha-2 where the actor belongs to a country
    parent: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor: Actor
    start: int
    end: int
    surface: str


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


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be turned into a :class:`Document`, and why.

    ``source`` names the input as precisely as possible (``path``, ``path:line`` for a row,
    ``path#n`` for the n-th item of a JSON array or feed); ``reason`` says what was wrong
    and, where it helps, what to do about it.
    """

    source: str
    reason: str
