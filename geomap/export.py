"""Write and read the events GeoDataFrame: GeoJSON, GeoPackage, GeoParquet and CSV.

Every writer is atomic (:func:`geomap.atomic.atomic_path`): a failed write leaves no partial
file and the previous file untouched. :func:`read_events` returns frames passed through
:func:`geomap.schema.conform`, so ``read_events(write_events(frame, p))`` equals the frame.

Formats
-------
``.geojson`` / ``.json``
    RFC 7946: WGS84 ``[lon, lat]`` coordinates, no ``crs`` member, one Feature per event
    with ``id`` = ``event_id``, ``"geometry": null`` for events without a place, list
    columns as JSON arrays. Written with :mod:`json` in schema column order, one feature
    per line, so the same frame always gives the same bytes.
``.gpkg``
    GeoPackage layer ``events`` (pyogrio); list columns as JSON text. GDAL stamps the
    file with the time of writing; geomap sets that stamp to ``SOURCE_DATE_EPOCH`` when
    it is set, else to the latest event date (else 1970-01-01), so that the same events
    always give the same bytes.
``.parquet``
    GeoParquet (``GeoDataFrame.to_parquet``); list columns as Arrow lists.
``.csv``
    ACLED's column names first (:data:`CSV_COLUMNS`), then geomap's other columns; list
    columns as JSON arrays. CSV cannot tell an empty string from a missing value: on
    reading, empty cells are ``None`` in nullable columns and ``""`` in text columns.
    Article text is hostile: a text cell that starts with ``= + - @``, a tab or a carriage
    return would run as a formula in a spreadsheet, so it is written with a leading ``'``
    (OWASP's advice), as is a cell that starts with ``'`` itself; :func:`read_events`
    removes that one quote again.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import json
import math
import os
import shutil
from pathlib import Path
from typing import TextIO

from .atomic import atomic_path, locked
from .errors import ExportError, InputError

# the format table lives in geomap.formats (light, read by the command line's help);
# re-exported here for callers of the export API
from .formats import (  # noqa: F401
    FORMATS,
    Format,
    appendable,
    events_format,
    format_for,
    format_help,
    suffixes,
)
from .lazy import lazy_module
from .schema import COLUMNS, CRS, INT_COLUMNS, LIST_COLUMNS, conform, event_row

# imported on first use: writing GeoJSON from events needs none of them (fast start-up)
gpd = lazy_module("geopandas", globals(), "gpd")
np = lazy_module("numpy", globals(), "np")
pd = lazy_module("pandas", globals(), "pd")

#: Layer name used in GeoPackages.
LAYER = "events"

#: Schema column -> ACLED column, where ACLED has another name.
ACLED_NAMES: dict[str, str] = {
    "event_id": "event_id_cnty",
    "place_name": "location",
    "sentence": "notes",
}
#: ACLED column name -> geomap column name (reading CSV).
_FROM_ACLED: dict[str, str] = {v: k for k, v in ACLED_NAMES.items()}
#: The CSV's leading columns, ACLED's names in ACLED's order. ``year`` and ``country`` are
#: derived (from ``event_date`` and ``country_code``) and dropped again on reading.
CSV_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
#: Text columns that may be null; other text columns are ``""`` when empty.
NULLABLE_TEXT: tuple[str, ...] = (
    "event_date",
    "actor1",
    "actor2",
    "place_name",
    "mention",
    "country_code",
    "admin1",
    "location_reason",
)


# --- public API ----------------------------------------------------------------------------


def write_events(gdf: gpd.GeoDataFrame, path: str | Path, *, driver: str | None = None) -> Path:
    """Write the events frame to ``path`` in the format its extension (or ``driver``) names.

    Parameters
    ----------
    gdf
        Events frame (any CRS; it is conformed to the schema in EPSG:4326 first), or
        :class:`~geomap.records.Event` records (GeoJSON is then written without pandas).
    path
        Output file; parent directories are created.
    driver
        A format name (``"geojson"``, ``"gpkg"``, ``"parquet"``, ``"csv"``) or alias,
        overriding the extension.

    Returns
    -------
    Path
        The written path.

    Raises
    ------
    ExportError
        Unknown extension or driver, or the file cannot be written.
    """
    path = Path(path)
    fmt = format_for(path, driver, writing=True)
    if fmt.name == "geojson" and not hasattr(gdf, "columns"):  # Event records: no frame needed
        with atomic_path(path) as tmp:
            tmp.write_text(events_geojson_text(gdf), encoding="utf-8", newline="\n")
        return path
    if fmt.name == "csv" and not hasattr(gdf, "columns"):
        with atomic_path(path) as tmp:
            tmp.write_text(events_csv_text(gdf), encoding="utf-8", newline="")
        return path
    frame = _prepare(gdf if hasattr(gdf, "columns") else _events_frame(gdf))
    with atomic_path(path) as tmp:
        try:
            fmt.function("writer")(frame, tmp)
        except ExportError:
            raise
        except Exception as err:  # pyogrio/pyarrow raise their own types
            raise ExportError(
                f"cannot write {path} as {fmt.name}: {type(err).__name__}: {err}"
            ) from err
    return path


def write_stream(gdf: gpd.GeoDataFrame, fh: TextIO, driver: str = "geojson") -> None:
    """Write the events frame to an open text file (stdout) as GeoJSON or CSV.

    Raises
    ------
    ExportError
        ``driver`` names a binary format (GeoPackage, GeoParquet), which needs a file.
    """
    fmt = format_for(Path("-"), driver, writing=True)
    if fmt.streamer is None:
        text = [f.name for f in FORMATS.values() if f.streamer is not None]
        raise ExportError(f"driver: {fmt.name} is a binary format and needs a file; "
                          f"a stream can take {', '.join(text)}")
    if fmt.name == "geojson" and not hasattr(gdf, "columns"):  # Event records: no frame needed
        fh.write(events_geojson_text(gdf))
        return
    if fmt.name == "csv" and not hasattr(gdf, "columns"):
        fh.write(events_csv_text(gdf))
        return
    fmt.function("streamer")(_prepare(gdf if hasattr(gdf, "columns") else _events_frame(gdf)), fh)


def read_events(path: str | Path, *, driver: str | None = None) -> gpd.GeoDataFrame:
    """Read an events file written by :func:`write_events` (or a compatible one).

    Raises
    ------
    InputError
        Unknown extension, missing file, or a file that is not an events table.
    """
    path = Path(path)
    fmt = format_for(path, driver, writing=False)
    if not path.is_file():
        raise InputError(f"cannot read events from {path}: no such file")
    try:
        return fmt.function("reader")(path)
    except InputError:
        raise
    except Exception as err:
        raise InputError(
            f"cannot read events from {path} as {fmt.name}: {type(err).__name__}: {err}"
        ) from err


def append_events(gdf: gpd.GeoDataFrame, path: str | Path, *, driver: str | None = None) -> int:
    """Append events to a store in a format that can take it; return how many were added.

    Raises
    ------
    ExportError
        The format cannot be appended to (the message names those that can), or the
        store cannot be written.
    """
    path = Path(path)
    fmt = format_for(path, driver, writing=True)
    if not fmt.can_append:
        can = ", ".join(f.label for f in appendable())
        raise ExportError(f"cannot append to {path}: {fmt.title} files cannot be appended to; "
                          f"formats that can: {can}")
    return fmt.function("appender")(gdf, path)


def append_gpkg(gdf: gpd.GeoDataFrame, path: str | Path, *, layer: str = LAYER) -> int:
    """Append events to a GeoPackage store; return how many rows were added.

    Deduplication key: ``event_id`` (a hash of source, sentence offsets and event type, so
    re-running the same inputs yields the same ids). Events already in the store are not
    added again, and of several incoming events with one id only the first is kept.
    Appends are serialised by a lock beside the store (two processes appending at once
    each see the other's events), and each is copied, appended to and swapped in
    atomically: a failed append leaves the store as it was. Creates the store when it
    does not exist.
    """
    path = Path(path)
    frame = _prepare(gdf)
    frame = frame[~frame["event_id"].duplicated(keep="first")]
    with locked(path):
        if not path.exists():
            with atomic_path(path) as tmp:
                _write_gpkg(frame, tmp, layer=layer)
            return len(frame)
        return _append_gpkg_locked(frame, path, layer)


def _append_gpkg_locked(frame: gpd.GeoDataFrame, path: Path, layer: str) -> int:
    pyogrio = _pyogrio()
    try:
        info = pyogrio.read_info(path, layer=layer)
        stored = pyogrio.read_dataframe(
            path, layer=layer, columns=["event_id", "event_date"], read_geometry=False
        )
    except Exception as err:
        raise ExportError(
            f"cannot append to {path}: it is not a GeoPackage with an {layer!r} layer of "
            f"events ({type(err).__name__}: {err})"
        ) from err
    missing = [c for c in frame.columns if c != "geometry" and c not in set(info["fields"])]
    if missing:
        raise ExportError(
            f"cannot append to {path}: the store has no column(s) {', '.join(missing)}; "
            "write a new store or drop those columns"
        )
    new = frame[~frame["event_id"].isin(set(stored["event_id"].dropna()))]
    if new.empty:
        return 0
    types = dict(zip(info["fields"], info.get("ogr_types") or (), strict=False))
    text_dates = types.get("event_date", "OFTDate") != "OFTDate"
    with atomic_path(path) as tmp:
        shutil.copy2(path, tmp)
        try:
            dates = [_iso_day(d) for d in stored["event_date"]]
            with _gdal_date(_stamp([*dates, *new["event_date"]])):
                pyogrio.write_dataframe(
                    _gpkg_frame(new, dates_as_text=text_dates), tmp, layer=layer, driver="GPKG",
                    append=True, use_arrow=True,
                )
        except Exception as err:
            raise ExportError(f"cannot append to {path}: {type(err).__name__}: {err}") from err
    return len(new)


def output_format(path: str | Path, driver: str | None = None) -> str:
    """The name of the format :func:`write_events` would use for ``path``;
    :class:`ExportError` if none. Lets a command check ``-o`` before doing slow work."""
    return format_for(Path(path), driver, writing=True).name


# --- helpers -------------------------------------------------------------------------------


def _prepare(gdf: pd.DataFrame) -> gpd.GeoDataFrame:
    """Conform to the schema, in EPSG:4326 (RFC 7946 allows nothing else)."""
    try:
        crs = gdf.crs if isinstance(gdf, gpd.GeoDataFrame) else None
    except AttributeError:  # a GeoDataFrame without an active geometry column
        crs = None
    if crs is not None and not crs.equals(CRS):
        gdf = gdf.to_crs(CRS)
    return conform(gdf)


def _py(value):
    """A JSON-ready Python value: NA/NaN/inf -> None, numpy scalars -> Python, lists kept."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_py(v) for v in value]
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_, int, np.integer, float, np.floating)):
        return _py_number(value)
    return _py_other(value)


def _py_number(value):
    """:func:`_py` of a bool or number (numpy's too): non-finite floats -> None."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    return float(value) if math.isfinite(value) else None


def _py_other(value):
    """:func:`_py` of anything but None, a sequence, a string or a number."""
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _rows(frame: gpd.GeoDataFrame) -> list[dict]:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    data = {c: frame[c].tolist() for c in columns}
    return [{c: _py(data[c][i]) for c in columns} for i in range(len(frame))]


def _geometries(frame: gpd.GeoDataFrame) -> list:
    return [None if g is None or g.is_empty else g for g in frame.geometry]


def _from_rows(rows: list[dict], geometry: list | None = None) -> gpd.GeoDataFrame:
    """Rebuild a frame from plain rows, the same way :func:`events_to_frame` builds one,
    so dtype inference matches whatever the file format did to them."""
    df = pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(COLUMNS))
    if geometry is not None:
        df["geometry"] = gpd.GeoSeries(geometry, crs=CRS, index=df.index) if rows else []
    if "event_date" in df.columns:
        df["event_date"] = [_iso_day(v) for v in df["event_date"]]
    return conform(df)


def _iso_day(value) -> str | None:
    """An event date as the schema holds it (``"2016-04-28"``), whatever a format's reader
    returned: a date, a timestamp, a string, or a null."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, pd.Timestamp, np.datetime64)):
        try:
            return pd.Timestamp(value).date().isoformat()
        except (ValueError, OverflowError):
            return None
    return str(value) or None


def _date_array(values) -> pd.arrays.ArrowExtensionArray:
    """Event dates as an Arrow ``date32`` array, which GeoPackage (``OFTDate``) and
    GeoParquet store as dates; a text that is no ISO date becomes null."""
    import pyarrow as pa

    days = []
    for v in values:
        try:
            days.append(dt.date.fromisoformat(v[:10]) if isinstance(v, str) and v else None)
        except ValueError:
            days.append(None)
    return pd.array(days, dtype=pd.ArrowDtype(pa.date32()))


# GeoJSON ---------------------------------------------------------------------------------


def _geojson_geometry(geom) -> dict | None:
    if geom is None:
        return None
    if geom.geom_type == "Point":
        return {"type": "Point", "coordinates": [float(geom.x), float(geom.y)]}
    from shapely.geometry import mapping

    return json.loads(json.dumps(mapping(geom)))


def _feature_collection(features) -> str:
    """``(properties, geometry dict)`` pairs as the FeatureCollection text, one per line."""
    lines = [
        json.dumps({"type": "Feature", "id": row.get("event_id"), "geometry": geometry,
                    "properties": row}, ensure_ascii=False, allow_nan=False)
        for row, geometry in features
    ]
    body = ",\n".join(lines)
    return '{"type": "FeatureCollection", "features": [\n' + body + ("\n" if lines else "") + "]}\n"


def geojson_text(gdf: gpd.GeoDataFrame) -> str:
    """The RFC 7946 FeatureCollection text :func:`write_events` writes for ``.geojson``."""
    frame = _prepare(gdf)
    return _feature_collection(
        (row, _geojson_geometry(geom))
        for row, geom in zip(_rows(frame), _geometries(frame), strict=True)
    )


def events_geojson_text(events) -> str:
    """:func:`geojson_text` of ``events_to_frame(events)``, byte for byte, without building
    the frame: ``event_row`` already holds plain JSON values (what the frame's cells turn
    back into), and the geometry is the place's point. Events that the frame would change
    (coordinates off the globe, integers out of range) take the frame's way."""
    events = list(events)
    rows = [event_row(e) for e in events]
    if not all(map(_plain, rows)):
        return geojson_text(_events_frame(events))
    return _feature_collection(
        (row, None if row["latitude"] is None else
         {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]})
        for row in rows
    )


def _plain(row: dict) -> bool:
    """Does the frame keep this row's values as they are? A point on the globe or none at
    all, whole numbers within +-2**53 (see :func:`geomap.schema.conform`)."""
    lat, lon = row["latitude"], row["longitude"]
    if not (lat is None and lon is None) and not (
        isinstance(lat, float | int) and isinstance(lon, float | int)
        and not isinstance(lat, bool) and not isinstance(lon, bool)
        and abs(lat) <= 90 and abs(lon) <= 180  # False for NaN
    ):
        return False
    return all(
        row[c] is None or (type(row[c]) is int and abs(row[c]) <= 2**53) for c in INT_COLUMNS
    )


def _events_frame(events) -> gpd.GeoDataFrame:
    from .schema import events_to_frame

    return events_to_frame(events)


def _shape(geometry: dict):
    from shapely.geometry import shape

    return shape(geometry)


def _write_geojson(frame: gpd.GeoDataFrame, tmp: Path) -> None:
    tmp.write_text(geojson_text(frame), encoding="utf-8", newline="\n")


def _stream_geojson(frame: gpd.GeoDataFrame, fh: TextIO) -> None:
    fh.write(geojson_text(frame))


def _is_feature_collection(path: Path) -> bool:
    """A ``.json`` file holding a GeoJSON FeatureCollection (not an article or JSONL)."""
    with path.open("rb") as fh:
        head = fh.read(65536).decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    return head.startswith("{") and '"FeatureCollection"' in head


def _read_geojson(path: Path) -> gpd.GeoDataFrame:
    with path.open(encoding="utf-8-sig") as fh:
        data = json.load(fh)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError(f"cannot read events from {path}: expected a GeoJSON FeatureCollection")
    rows, geoms = [], []
    for feature in data.get("features") or []:
        props = dict(feature.get("properties") or {})
        if "event_id" not in props and feature.get("id") is not None:
            props["event_id"] = str(feature["id"])
        rows.append(props)
        geom = feature.get("geometry")
        geoms.append(_shape(geom) if geom else None)
    return _from_rows(rows, geoms)


# GeoPackage ------------------------------------------------------------------------------


@functools.cache
def _pyogrio():
    import pyogrio

    return pyogrio


def _gpkg_frame(frame: gpd.GeoDataFrame, *, dates_as_text: bool = False) -> gpd.GeoDataFrame:
    """Plain object columns with None for missing values; lists as JSON text."""
    rows = _rows(frame)
    for row in rows:
        for col, value in row.items():
            if isinstance(value, list):
                row[col] = json.dumps(value, ensure_ascii=False)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    df = pd.DataFrame(rows, columns=columns, dtype=object)
    for col in INT_COLUMNS:
        if col in df.columns:
            df[col] = pd.array(pd.to_numeric(df[col]), dtype="Int64")
    for col in ("latitude", "longitude"):
        df[col] = pd.to_numeric(df[col]).astype("float64")
    if not dates_as_text:  # a store written before dates were dates keeps its text column
        df["event_date"] = _date_array(df["event_date"])
    return gpd.GeoDataFrame(df, geometry=_geometries(frame), crs=CRS)


#: GeoPackage version written: GDAL 3.7+ writes 1.4 by default, which GDAL 3.6 (Debian 12,
#: QGIS LTR on it) opens with a warning; 1.2 holds everything geomap writes and opens
#: cleanly in every GDAL since 2.2.
GPKG_VERSION = "1.2"


def _write_gpkg(frame: gpd.GeoDataFrame, tmp: Path, layer: str = LAYER) -> None:
    with _gdal_date(_stamp(frame.get("event_date", ()))):
        _pyogrio().write_dataframe(
            _gpkg_frame(frame), tmp, layer=layer, driver="GPKG", geometry_type="Point",
            use_arrow=True, dataset_options={"VERSION": GPKG_VERSION},
        )


def _stamp(event_dates) -> str:
    """The GeoPackage's ``last_change``: SOURCE_DATE_EPOCH (the reproducible-builds
    convention), else the latest event date, so re-runs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdecimal():
        when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    else:
        dates = [d for d in event_dates if isinstance(d, str) and d]
        day = max(dates, default="1970-01-01")
        try:
            when = dt.datetime.fromisoformat(day[:10]).replace(tzinfo=dt.timezone.utc)
        except ValueError:
            when = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


@contextlib.contextmanager
def _gdal_date(stamp: str):
    """GDAL's ``OGR_CURRENT_DATE`` for the duration of one write (it is process-wide)."""
    pyogrio = _pyogrio()
    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def _read_gpkg(path: Path) -> gpd.GeoDataFrame:
    pyogrio = _pyogrio()
    layers = [name for name, _ in pyogrio.list_layers(path)]
    if LAYER in layers:
        layer = LAYER
    elif len(layers) == 1:
        layer = layers[0]
    else:
        raise InputError(
            f"cannot read events from {path}: no {LAYER!r} layer (layers: {', '.join(layers)})"
        )
    gdf = pyogrio.read_dataframe(path, layer=layer)
    if "event_date" in gdf.columns:
        gdf["event_date"] = pd.Series([_iso_day(v) for v in gdf["event_date"]], index=gdf.index,
                                      dtype=object)
    return _from_rows(_rows(gdf), _geometries(gdf))


# GeoParquet ------------------------------------------------------------------------------


def _write_parquet(frame: gpd.GeoDataFrame, tmp: Path) -> None:
    out = frame.copy()
    out["event_date"] = _date_array(out["event_date"])
    out.to_parquet(tmp, index=False)


def _read_parquet(path: Path) -> gpd.GeoDataFrame:
    gdf = gpd.read_parquet(path)
    if gdf.crs is not None and not gdf.crs.equals(CRS):
        gdf = gdf.to_crs(CRS)
    return _from_rows(_rows(gdf), _geometries(gdf))


# CSV -------------------------------------------------------------------------------------


@functools.cache
def _territories() -> dict[str, str]:
    from babel import Locale

    return dict(Locale("en").territories)


def country_name(code: str | None) -> str:
    """English country name for an ISO 3166-1 alpha-2 code (CLDR), ``""`` when unknown."""
    return _territories().get(code.upper(), "") if code else ""


def csv_header(frame: gpd.GeoDataFrame) -> list[str]:
    """CSV column names: :data:`CSV_COLUMNS`, then the schema's others, then extras."""
    mapped = set(ACLED_NAMES) | set(CSV_COLUMNS)
    rest = [c for c in frame.columns if c != frame.geometry.name and c not in mapped]
    return [*CSV_COLUMNS, *rest]


#: First characters that make a spreadsheet read a cell as a formula (and ``'``, the escape).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _unescape(value: str) -> str:
    """A cell or header name as it was before :func:`_csv_cell` escaped it."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def _stream_csv(frame: gpd.GeoDataFrame, fh: TextIO) -> None:
    _csv_rows(csv_header(frame), _rows(frame), fh)


def events_csv_text(events) -> str:
    """:func:`write_events`' CSV of ``events_to_frame(events)``, byte for byte, without
    building the frame (no pandas at start-up), as :func:`events_geojson_text` does for
    GeoJSON; events that the frame would change take the frame's way."""
    import io

    events = list(events)
    rows = [event_row(e) for e in events]
    fh = io.StringIO(newline="")
    if not all(map(_plain, rows)):
        _stream_csv(_prepare(_events_frame(events)), fh)
    else:
        mapped = set(ACLED_NAMES) | set(CSV_COLUMNS)
        _csv_rows([*CSV_COLUMNS, *(c for c in COLUMNS if c not in mapped)], rows, fh)
    return fh.getvalue()


def _csv_rows(header: list[str], rows: list[dict], fh: TextIO) -> None:
    back = _FROM_ACLED
    writer = csv.writer(fh)
    # extra columns are named by whoever made the frame (an imported file): escaped too
    writer.writerow([_csv_cell(name) for name in header])
    for row in rows:
        date = row.get("event_date") or ""
        row["year"] = date[:4] if len(date) >= 4 and date[:4].isdecimal() else None
        row["country"] = country_name(row.get("country_code")) or None
        writer.writerow([_csv_cell(row.get(back.get(name, name))) for name in header])


def _write_csv(frame: gpd.GeoDataFrame, tmp: Path) -> None:
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        _stream_csv(frame, fh)


def _read_csv(path: Path) -> gpd.GeoDataFrame:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        fields = [_unescape(name) for name in next(reader, [])]
        raw = [dict(zip(fields, cells, strict=False)) for cells in reader]
    if "event_id_cnty" not in fields and "event_id" not in fields:
        raise InputError(
            f"cannot read events from {path}: no event_id_cnty column "
            f"(columns: {', '.join(fields[:12])})"
        )
    rows = [_csv_row(r) for r in raw]
    return _from_rows(rows, None)


_NOT_NULL_TEXT = (
    frozenset(COLUMNS)
    - set(NULLABLE_TEXT)
    - set(INT_COLUMNS)
    - {
        "latitude",
        "longitude",
        *LIST_COLUMNS,
    }
)


def _csv_row(raw: dict) -> dict:
    row: dict = {}
    for name, value in raw.items():
        if name is None:  # extra cells without a header
            continue
        col = _FROM_ACLED.get(name, name)
        if col == "year":
            continue
        if col == "country":
            continue
        if value is None or value == "":
            row[col] = "" if col in _NOT_NULL_TEXT else None
        else:
            row[col] = _unescape(value)  # written escaped by _csv_cell
    if not row.get("country_code") and raw.get("country"):
        row["country_code"] = _code_for_name(raw["country"])
    return row


def _has_event_ids(path: Path) -> bool:
    """A ``.csv`` file of events (ACLED's ``event_id_cnty`` or geomap's ``event_id``
    column), not a CSV of articles."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        header = next(csv.reader([fh.readline()]), [])
    return bool({"event_id_cnty", "event_id"} & {_unescape(h.strip()) for h in header})


def _code_for_name(name: str) -> str | None:
    wanted = name.strip().casefold()
    for code, label in _territories().items():
        if label.casefold() == wanted and code.isalpha():
            return code
    return None
