"""The one table of events file formats: suffix -> format, its writer, reader, description,
and whether it can be appended to or streamed to stdout.

Export (:mod:`geomap.export`), every reader of events files (``map``, ``filter``,
``export``) and the command line's help and checks read this table; adding a format is one
:func:`register_format` call (and its functions in :mod:`geomap.export`). The table is
light: functions are named, and imported only when a file is written or read, so that
``geomap --help`` does not load geopandas.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import ExportError, InputError


@dataclass(frozen=True)
class Format:
    """One events file format.

    ``writer(frame, path)`` writes a conformed frame to a fresh path; ``reader(path)``
    returns a conformed frame; ``appender(frame, path)`` (formats that can take one) adds
    new events to a store and returns how many; ``streamer(frame, fh)`` (text formats)
    writes to an open text file, which is how ``-o -`` reaches stdout; ``sniffer(path)``
    tells an events file from article input sharing its suffix (``.json``, ``.csv``).
    Each is the name of a function in ``module``.
    """

    name: str
    title: str
    suffixes: tuple[str, ...]
    description: str
    writer: str
    reader: str
    appender: str | None = None
    streamer: str | None = None
    sniffer: str | None = None
    aliases: tuple[str, ...] = ()
    module: str = "geomap.export"

    @property
    def can_append(self) -> bool:
        return self.appender is not None

    @property
    def can_stream(self) -> bool:
        return self.streamer is not None

    @property
    def label(self) -> str:
        """``"GeoPackage (.gpkg)"``, for messages."""
        return f"{self.title} ({'/'.join(self.suffixes)})"

    def function(self, role: str) -> Callable:
        """The function playing ``role`` (``"writer"``, ``"reader"``, ...)."""
        name = getattr(self, role)
        if name is None:
            raise ExportError(f"the {self.name} format has no {role}")
        return getattr(importlib.import_module(self.module), name)


#: Format name -> :class:`Format`.
FORMATS: dict[str, Format] = {}


def register_format(fmt: Format) -> Format:
    """Add a format to the table (a suffix or name already taken is a :class:`ValueError`)."""
    taken = {s for f in FORMATS.values() for s in f.suffixes} | {
        a for f in FORMATS.values() for a in (f.name, *f.aliases)
    }
    clash = (set(fmt.suffixes) | {fmt.name, *fmt.aliases}) & taken
    if clash:
        raise ValueError(f"format {fmt.name!r}: {sorted(clash)} already taken")
    FORMATS[fmt.name] = fmt
    return fmt


def suffixes() -> tuple[str, ...]:
    """Every file suffix an events file may have (``.geojson``, ``.json``, ...)."""
    return tuple(s for f in FORMATS.values() for s in f.suffixes)


def appendable() -> tuple[Format, ...]:
    """The formats :func:`geomap.export.append_events` can add to."""
    return tuple(f for f in FORMATS.values() if f.can_append)


def format_help() -> str:
    """One line per format, for command help and error messages."""
    return "; ".join(f"{'/'.join(f.suffixes)} {f.description}" for f in FORMATS.values())


def format_for(path: str | Path, driver: str | None = None, *, writing: bool = True) -> Format:
    """The format of ``path`` (by its suffix) or of ``driver`` (a format name or alias).

    Raises
    ------
    ExportError, InputError
        (for writing, for reading) no format has that suffix or name.

    Examples
    --------
    >>> format_for("store.gpkg").can_append, format_for("x.json").name
    (True, 'geojson')
    """
    error = ExportError if writing else InputError
    path = Path(path)
    if driver is not None:
        wanted = driver.lower()
        for f in FORMATS.values():
            if wanted == f.name or wanted in f.aliases:
                return f
        names = sorted(a for f in FORMATS.values() for a in (f.name, *f.aliases))
        raise error(f"driver: unknown format {driver!r} for {path}; use one of {', '.join(names)}")
    suffix = path.suffix.lower()
    for f in FORMATS.values():
        if suffix in f.suffixes:
            return f
    raise error(
        f"cannot {'write' if writing else 'read'} {path}: unknown extension "
        f"{path.suffix or '(none)'!r}; use one of {', '.join(suffixes())}"
    )


def events_format(path: str | Path) -> Format | None:
    """The format of an existing events file, ``None`` for anything else (article input).

    A ``.json`` file is an events file when it holds a GeoJSON FeatureCollection, a ``.csv``
    file when it has an ``event_id_cnty`` (or ``event_id``) column.
    """
    path = Path(path)
    if not path.is_file():
        return None
    try:
        fmt = format_for(path, writing=False)
    except InputError:
        return None
    if fmt.sniffer is None:
        return fmt
    try:
        return fmt if fmt.function("sniffer")(path) else None
    except OSError:
        return None


register_format(
    Format(
        "geojson",
        "GeoJSON",
        (".geojson", ".json"),
        "GeoJSON (RFC 7946)",
        "_write_geojson",
        "_read_geojson",
        streamer="_stream_geojson",
        sniffer="_is_feature_collection",
    )
)
register_format(
    Format(
        "gpkg",
        "GeoPackage",
        (".gpkg",),
        "GeoPackage (layer events; a store --append adds to)",
        "_write_gpkg",
        "_read_gpkg",
        appender="append_gpkg",
        aliases=("geopackage",),
    )
)
register_format(
    Format(
        "parquet",
        "GeoParquet",
        (".parquet",),
        "GeoParquet",
        "_write_parquet",
        "_read_parquet",
        aliases=("geoparquet",),
    )
)
register_format(
    Format(
        "csv",
        "CSV",
        (".csv",),
        "CSV with ACLED's column names",
        "_write_csv",
        "_read_csv",
        streamer="_stream_csv",
        sniffer="_has_event_ids",
    )
)
