"""Select events by actor (alias- and case-insensitive), type, date, country, box, status.

Actors match through the actor book and the coders' naming conventions
(:mod:`geomap.events.coders`): ``actor="Islamic State"`` (or ``"داعش"``) finds UCDP's
``"IS"`` and ACLED's ``"Islamic State (Iraq)"``; ``actor="Russia"`` finds ACLED's
``"Military Forces of Russia (2000-)"``. When nothing matches, :func:`explain_empty` says
what would have.

Errors name the parameters of :func:`filter_events` (``since``, ``bbox``); the command line
adds its own option names.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Iterable, Sequence

import geopandas as gpd
import pandas as pd

from .countries import country_code, country_forms
from .errors import InputError
from .events.actors import ActorBook, default_book
from .events.coders import coder_actor
from .knowledge import cached_yaml
from .schema import conform
from .text.normalize import key


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _canonical(name: str, book: ActorBook) -> str | None:
    """The geomap actor a name (ours, an alias, or a coder's) refers to."""
    actor = book.canonical(name) or coder_actor(name, book)
    return actor.name if actor is not None else None


def actor_names(
    requested: Iterable[str], *, book: ActorBook | None = None, include_children: bool = False
) -> set[str]:
    """Canonical names for what a user typed ("روسيا", "Russian Armed Forces" -> "Russia")."""
    book = book or default_book()
    out: set[str] = set()
    for name in requested:
        canon = _canonical(name, book) or name
        out.add(canon)
        if include_children:
            out |= book.children(canon)
    return out


def _actor_mask(gdf: gpd.GeoDataFrame, requested: list[str], book: ActorBook,
                include_children: bool) -> pd.Series:
    """Events naming a requested actor: as written, or any name meaning the same actor."""
    wanted = actor_names(requested, book=book, include_children=include_children)
    written = {key(n) for n in requested} | {key(n) for n in wanted}
    resolve = functools.lru_cache(maxsize=None)(lambda n: _canonical(n, book))

    def hit(names) -> bool:
        return any(key(n) in written or resolve(n) in wanted for n in names)

    return gdf["actors"].map(hit)


# --- event types ---------------------------------------------------------------------------


@functools.cache
def known_event_types() -> tuple[str, ...]:
    """ACLED's event and sub-event types (data/event_types.yaml)."""
    types = (cached_yaml("event_types.yaml") or {}).get("types") or {}
    out = []
    for etype, subs in types.items():
        out.append(str(etype))
        out += [str(s) for s in (subs or {})]
    return tuple(out)


def _type_key(name: str) -> str:
    """"Battle" and "battles", "Protest" and "Protests" are one type."""
    return key(name).removesuffix("s")


def _type_mask(gdf: gpd.GeoDataFrame, requested: list[str]) -> pd.Series:
    present = {str(v) for col in ("event_type", "sub_event_type") for v in gdf[col].dropna()}
    vocabulary = {_type_key(t) for t in (*known_event_types(), *present)}
    for name in requested:
        if _type_key(name) not in vocabulary:
            choices = sorted(set(known_event_types()) | present)
            close = difflib.get_close_matches(name, choices, n=3, cutoff=0.5)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise InputError(
                f"event_type: unknown event type {name!r}{hint} (ACLED types: "
                f"{', '.join(sorted(set(known_event_types()) & set(_top_types())))})"
            )
    wanted = {_type_key(t) for t in requested}
    return gdf["event_type"].map(lambda v: _type_key(str(v)) in wanted) | gdf["sub_event_type"].map(
        lambda v: _type_key(str(v)) in wanted
    )


def _top_types() -> list[str]:
    return [str(t) for t in ((cached_yaml("event_types.yaml") or {}).get("types") or {})]


# --- dates, countries, box -----------------------------------------------------------------


def _parse_date(value: str | dt.date | None, option: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{option}: expected a date as YYYY-MM-DD, got {value!r}") from None


def _country_codes(requested: list[str]) -> set[str]:
    out = set()
    for text in requested:
        code = country_code(text)
        if code is None:
            raise InputError(
                f"country: unknown country {text!r}; give an ISO code or a name, e.g. "
                f"{', '.join(country_forms('SY'))}"
            )
        out.add(code)
    return out


def _box(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    if len(bbox) != 4:
        raise InputError(
            f"bbox: expected 4 numbers min_lon,min_lat,max_lon,max_lat; got {list(bbox)}"
        )
    try:
        x0, y0, x1, y1 = (float(v) for v in bbox)
    except (TypeError, ValueError):
        raise InputError(f"bbox: expected numbers, got {list(bbox)}") from None
    if not (-180 <= x0 <= 180 and -180 <= x1 <= 180 and -90 <= y0 <= 90 and -90 <= y1 <= 90):
        raise InputError(
            f"bbox: longitudes must lie in -180..180 and latitudes in -90..90, got {list(bbox)}"
        )
    if x0 > x1 or y0 > y1:
        raise InputError(
            f"bbox: min_lon,min_lat must come before max_lon,max_lat; got {list(bbox)} "
            f"(did you mean {min(x0, x1)},{min(y0, y1)},{max(x0, x1)},{max(y0, y1)}?)"
        )
    return x0, y0, x1, y1


def filter_events(
    gdf: gpd.GeoDataFrame,
    actor: str | Iterable[str] | None = None,
    *,
    event_type: str | Iterable[str] | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    country: str | Iterable[str] | None = None,
    bbox: Sequence[float] | None = None,
    status: str | Iterable[str] | None = None,
    include_children: bool = False,
    book: ActorBook | None = None,
) -> gpd.GeoDataFrame:
    """Events matching every given criterion (each list criterion matches any of its values).

    ``actor`` matches an event's ``actors`` list by canonical name, any alias or a coder's
    name for the same actor, any case or language; ``event_type`` matches the type or the
    sub-event type (singular or plural); ``country`` takes ISO alpha-2/alpha-3 codes or
    names in English or Arabic; ``bbox`` is ``(min_lon, min_lat, max_lon, max_lat)``.

    Raises
    ------
    InputError
        A malformed or reversed date range or box, an unknown country or event type.
    """
    gdf = conform(gdf)
    book = book or default_book()
    lo, hi = _parse_date(since, "since"), _parse_date(until, "until")
    if lo and hi and lo > hi:
        raise InputError(f"since: {lo} is after until {hi}; nothing can match")
    box = _box(bbox) if bbox is not None else None
    countries = _country_codes(_as_list(country))
    mask = pd.Series(True, index=gdf.index)
    actors = _as_list(actor)
    if actors:
        mask &= _actor_mask(gdf, actors, book, include_children)
    types = _as_list(event_type)
    if types:
        mask &= _type_mask(gdf, types)
    if lo or hi:
        dates = pd.to_datetime(gdf["event_date"], errors="coerce").dt.date
        if lo:
            mask &= dates.map(lambda d: d is not None and not pd.isna(d) and d >= lo)
        if hi:
            mask &= dates.map(lambda d: d is not None and not pd.isna(d) and d <= hi)
    if countries:
        mask &= gdf["country_code"].map(lambda c: isinstance(c, str) and c.upper() in countries)
    if box is not None:
        x0, y0, x1, y1 = box
        mask &= gdf["longitude"].between(x0, x1) & gdf["latitude"].between(y0, y1)
    statuses = set(_as_list(status))
    if statuses:
        mask &= gdf["status"].isin(statuses)
    return gdf[mask.fillna(False).astype(bool)].reset_index(drop=True)


def explain_empty(
    gdf: gpd.GeoDataFrame,
    actor: str | Iterable[str] | None = None,
    *,
    event_type: str | Iterable[str] | None = None,
    country: str | Iterable[str] | None = None,
    bbox: Sequence[float] | None = None,
    book: ActorBook | None = None,
) -> list[str]:
    """Lines saying what the events hold near what was asked for (used when a filter keeps
    nothing): the closest actor names and event types, the countries present and the forms
    a country may be given in."""
    gdf = conform(gdf)
    if gdf.empty:
        return ["the input holds no events at all"]
    book = book or default_book()
    lines = []
    names = sorted({n for names in gdf["actors"] for n in names})
    for name in _as_list(actor):
        close = difflib.get_close_matches(name, names, n=5, cutoff=0.4)
        canon = _canonical(name, book)
        if canon and canon != name:
            close = [*close, *[n for n in names if _canonical(n, book) == canon and n not in close]]
        shown = close or names[:8]
        lines.append(
            f"actor {name!r}"
            + (f" (= {canon})" if canon and canon != name else "")
            + f": closest actors in the events: {', '.join(shown) if shown else '(none)'}"
        )
    types = sorted({str(v) for v in gdf["event_type"].dropna() if str(v)})
    subs = sorted({str(v) for v in gdf["sub_event_type"].dropna() if str(v)})
    for name in _as_list(event_type):
        close = difflib.get_close_matches(name, types + subs, n=5, cutoff=0.4)
        lines.append(
            f"event type {name!r}: the events have {', '.join(close or types) or '(none)'}"
        )
    if _as_list(country):
        present = sorted({c for c in gdf["country_code"].dropna() if c})
        lines.append(
            f"countries in the events: {', '.join(present) or '(none)'}; a country may be given "
            f"as {', '.join(country_forms('SY'))}"
        )
    if bbox is not None:
        located = gdf.dropna(subset=["latitude", "longitude"])
        if len(located):
            lon, lat = located["longitude"], located["latitude"]
            lines.append(
                f"the located events lie within {lon.min():g},{lat.min():g},"
                f"{lon.max():g},{lat.max():g} (west,south,east,north)"
            )
        else:
            lines.append("no event has a location")
    dates = pd.to_datetime(gdf["event_date"], errors="coerce").dropna()
    if len(dates):
        lines.append(f"event dates run from {dates.min().date()} to {dates.max().date()}")
    return lines
