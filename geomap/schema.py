"""The events GeoDataFrame: a fixed, documented column schema in EPSG:4326.

=================  ========  =====================================================
column             type      meaning
=================  ========  =====================================================
event_id           str       stable id: hash of source, sentence offsets and type
event_date         str|None  ISO date ``YYYY-MM-DD``; null when the text gives none
time_precision     int|None  1 exact day, 2 week/approximate, 3 month or vaguer
event_type         str       ACLED event type (6 types)
sub_event_type     str       ACLED sub-event type (25 sub-types)
plover_code        str       PLOVER event class
status             str       reported | planned | denied
actor1             str|None  canonical name of the actor who acts
actor2             str|None  canonical name of the actor acted on
actors             list      every participating actor, canonical names
place_name         str|None  gazetteer name of the event's place
mention            str|None  the place as written in the text
geonameid          int|None  GeoNames id (negative: derived admin/country points, coordinates)
country_code       str|None  ISO 3166-1 alpha-2
admin1             str|None  first-order region name
latitude           float     WGS84 latitude (also the geometry), -90..90
longitude          float     WGS84 longitude, -180..180
geo_precision      int|None  1 the town itself, 2 near a town / in a region, 3 admin1 or country
location_reason    str|None  in-sentence place | near-X | region of X | country fallback | ...
language           str       ar | en
source             str       the input the event came from (file, URL, id)
sources            list      every source reporting the event (after dedup)
title              str       the article title
sentence           str       the sentence the event came from
trigger            str       the words that triggered the event
doc_id             str       id of the input document
fatalities         int|None  people killed, as the report states; null when it does not say
geometry           Point     (lon, lat); empty when no place was found
=================  ========  =====================================================

Coordinates are checked in one place, :func:`conform`, which every path goes through
(extraction, imports, files read back): a latitude outside -90..90, a longitude outside
-180..180, a NaN or infinite value, or only one of the two, is not a place. The event is
kept without a location (latitude, longitude and geometry null, as for an event whose
place was not found) and a warning says how many were nulled.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from .lazy import lazy_module
from .records import Event

log = logging.getLogger(__name__)

# imported on first use: event_row and the column lists need none of them (fast start-up)
gpd = lazy_module("geopandas", globals(), "gpd")
np = lazy_module("numpy", globals(), "np")
pd = lazy_module("pandas", globals(), "pd")
shapely = lazy_module("shapely", globals(), "shapely")

CRS = "EPSG:4326"

COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "plover_code",
    "status",
    "actor1",
    "actor2",
    "actors",
    "place_name",
    "mention",
    "geonameid",
    "country_code",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "location_reason",
    "language",
    "source",
    "sources",
    "title",
    "sentence",
    "trigger",
    "doc_id",
    "fatalities",
)

#: Columns holding lists of strings.
LIST_COLUMNS: tuple[str, ...] = ("actors", "sources")
#: Nullable integer columns.
INT_COLUMNS: tuple[str, ...] = ("time_precision", "geonameid", "geo_precision", "fatalities")
FLOAT_COLUMNS: tuple[str, ...] = ("latitude", "longitude")
#: Text columns: Python ``str`` or ``None``, dtype ``object``.
TEXT_COLUMNS: tuple[str, ...] = tuple(
    c for c in COLUMNS if c not in (*LIST_COLUMNS, *INT_COLUMNS, *FLOAT_COLUMNS)
)


def event_row(event: Event) -> dict:
    """Flatten an :class:`Event` into one row of the schema (without geometry)."""
    p = event.place
    return {
        "event_id": event.event_id,
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "plover_code": event.plover_code,
        "status": event.status,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "actors": list(event.actors),
        "place_name": p.name if p else None,
        "mention": event.mention,
        "geonameid": p.geonameid if p else None,
        "country_code": (p.country_code or None) if p else None,
        "admin1": (p.admin1_name or None) if p else None,
        "latitude": p.lat if p else None,
        "longitude": p.lon if p else None,
        "geo_precision": event.geo_precision,
        "location_reason": event.location_reason,
        "language": event.language,
        "source": event.source,
        "sources": list(event.sources or (event.source,)),
        "title": event.title,
        "sentence": event.sentence,
        "trigger": event.trigger,
        "doc_id": event.doc_id,
        # the events stage may not count the dead (yet): null, never 0
        "fatalities": getattr(event, "fatalities", None),
    }


def conform(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """Return ``frame`` with exactly the schema's columns, dtypes, geometry and CRS.

    Missing columns are added as nulls, extra columns are kept after the schema's, list
    columns hold Python lists, and geometry is rebuilt from latitude/longitude when absent.
    Coordinates off the globe are nulled (see the module docstring).
    """
    df = pd.DataFrame(frame).copy()
    if "geometry" in df.columns:
        geom = gpd.GeoSeries(df.pop("geometry"), crs=CRS)
    else:
        geom = None
    for col in COLUMNS:
        if col not in df.columns:
            df[col] = None
    for col in INT_COLUMNS:
        df[col] = _ints(df[col])
    for col in FLOAT_COLUMNS:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    for col in LIST_COLUMNS:
        df[col] = [_as_list(v) for v in df[col]]
    for col in TEXT_COLUMNS:
        # one dtype whatever the values (pandas infers ``str`` for a column without nulls,
        # ``object`` for one with them): a frame read back has the dtypes it was written with
        values = df[col].astype(object)
        df[col] = values.where(values.notna(), None)
    if geom is None or len(geom) != len(df):
        from shapely.geometry import Point

        geom = gpd.GeoSeries(
            [
                Point(lon, lat) if pd.notna(lat) and pd.notna(lon) else None
                for lat, lon in zip(df["latitude"], df["longitude"], strict=True)
            ],
            crs=CRS,
            index=df.index,
        )
    geom = _drop_bad_coordinates(df, geom)
    extra = [c for c in df.columns if c not in COLUMNS]
    out = gpd.GeoDataFrame(df[list(COLUMNS) + extra], geometry=geom.values, crs=CRS)
    return out


def _drop_bad_coordinates(df: pd.DataFrame, geom: gpd.GeoSeries) -> gpd.GeoSeries:
    """Null (in ``df``, in place, and in the returned geometry) every location that is not
    a point on the globe: out of range, NaN, infinite, or half given."""
    lat, lon = df["latitude"].to_numpy(), df["longitude"].to_numpy()
    points = np.asarray(geom.values, dtype=object)
    gx, gy = shapely.get_x(points), shapely.get_y(points)
    has_geom = ~shapely.is_missing(points) & ~shapely.is_empty(points)
    with np.errstate(invalid="ignore"):
        good_columns = (np.abs(lat) <= 90) & (np.abs(lon) <= 180)  # False for NaN and inf
        # a Point off the globe is bad; other geometry types are left to the writer
        bad_geom = (
            has_geom
            & (shapely.get_type_id(points) == 0)
            & ~((np.abs(gy) <= 90) & (np.abs(gx) <= 180))
        )
    given = ~(np.isnan(lat) & np.isnan(lon))  # one of the two, or a non-finite one, is given
    bad = (given & ~good_columns) | bad_geom
    if not bad.any():
        return geom
    first = int(np.flatnonzero(bad)[0])
    log.warning(
        "%d event(s) with coordinates off the globe (latitude -90..90, longitude -180..180, "
        "finite; the first: latitude %s, longitude %s, event %s) are kept without a location",
        int(bad.sum()),
        lat[first] if not bad_geom[first] else gy[first],
        lon[first] if not bad_geom[first] else gx[first],
        df["event_id"].iloc[first],
    )
    df.loc[bad, ["latitude", "longitude"]] = np.nan
    points = points.copy()
    points[bad] = None
    return gpd.GeoSeries(points, crs=CRS, index=df.index)


#: Integers beyond this are no count nor id (a float can no longer hold every integer).
_MAX_INT = 2**53


def _ints(values) -> pd.arrays.IntegerArray:
    """Nullable integers; what is not a whole number within +-2**53 (text, 2.5, 1e20,
    NaN, infinity) is null rather than an overflow error."""
    numbers = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype("float64")
    whole = numbers.notna() & (numbers.abs() <= _MAX_INT) & (numbers % 1 == 0)
    return pd.array(numbers.where(whole).to_numpy(), dtype="Int64")


def events_to_frame(events: Iterable[Event]) -> gpd.GeoDataFrame:
    """Build the events GeoDataFrame (EPSG:4326) from :class:`Event` records."""
    rows = [event_row(e) for e in events]
    return conform(pd.DataFrame(rows, columns=list(COLUMNS)))


def empty_frame() -> gpd.GeoDataFrame:
    return conform(pd.DataFrame(columns=list(COLUMNS)))


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, float) and pd.isna(value):
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            import json

            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, list):
                return [str(v) for v in parsed]
        return [v.strip() for v in text.split(";") if v.strip()] if text else []
    try:
        return [str(v) for v in value]
    except TypeError:
        return [str(value)]
