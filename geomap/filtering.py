"""Select events by actor (alias- and case-insensitive), type, date, country, box, status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import geopandas as gpd
import pandas as pd

from .errors import InputError
from .events.actors import ActorBook, default_book
from .schema import conform
from .text.normalize import key


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def actor_names(
    requested: Iterable[str], *, book: ActorBook | None = None, include_children: bool = False
) -> set[str]:
    """Canonical names for what a user typed ("روسيا", "Russian Armed Forces" -> "Russia")."""
    book = book or default_book()
    out: set[str] = set()
    for name in requested:
        actor = book.canonical(name)
        canon = actor.name if actor else name
        out.add(canon)
        if include_children:
            out |= book.children(canon)
    return out


def _parse_date(value: str | dt.date | None, option: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{option} expects a date as YYYY-MM-DD, got {value!r}") from None


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

    ``actor`` matches an event's ``actors`` list by canonical name or any alias, any case or
    language; ``event_type`` matches the type or the sub-event type; ``bbox`` is
    ``(min_lon, min_lat, max_lon, max_lat)``.
    """
    gdf = conform(gdf)
    mask = pd.Series(True, index=gdf.index)
    actors = _as_list(actor)
    if actors:
        wanted = {key(n) for n in actor_names(actors, book=book, include_children=include_children)}
        mask &= gdf["actors"].map(lambda names: any(key(n) in wanted for n in names))
    types = {key(t) for t in _as_list(event_type)}
    if types:
        mask &= gdf["event_type"].map(lambda v: key(str(v)) in types) | gdf["sub_event_type"].map(
            lambda v: key(str(v)) in types
        )
    lo, hi = _parse_date(since, "--since"), _parse_date(until, "--until")
    if lo or hi:
        dates = pd.to_datetime(gdf["event_date"], errors="coerce").dt.date
        if lo:
            mask &= dates.map(lambda d: d is not None and not pd.isna(d) and d >= lo)
        if hi:
            mask &= dates.map(lambda d: d is not None and not pd.isna(d) and d <= hi)
    countries = {c.upper() for c in _as_list(country)}
    if countries:
        mask &= gdf["country_code"].map(lambda c: isinstance(c, str) and c.upper() in countries)
    if bbox is not None:
        if len(bbox) != 4:
            raise InputError(f"bbox expects 4 numbers min_lon,min_lat,max_lon,max_lat; got {list(bbox)}")
        x0, y0, x1, y1 = map(float, bbox)
        mask &= gdf["longitude"].between(x0, x1) & gdf["latitude"].between(y0, y1)
    statuses = set(_as_list(status))
    if statuses:
        mask &= gdf["status"].isin(statuses)
    return gdf[mask.fillna(False).astype(bool)].reset_index(drop=True)
