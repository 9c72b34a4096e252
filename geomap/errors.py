"""One exception root for geomap.

::

    GeomapError
    ├── InputError (ValueError)          bad user input: a file, an option, a record
    │   └── DocumentError                one document cannot be read; batches record it and go on
    ├── DataError (ValueError)           a knowledge file in data/ is malformed
    ├── GazetteerError (OSError)         the gazetteer index cannot be built, read or imported
    ├── GeocoderError (OSError)          an online geocoder failed (offline, refused, rate limited)
    │   └── GeocoderUnavailable
    ├── ExportError (OSError)            an output cannot be written
    └── DependencyError (ImportError)    an optional dependency is missing; says what to install

Foreign errors are translated where they are caught, with ``raise ... from err``.
"""

from __future__ import annotations


class GeomapError(Exception):
    """Root of every error geomap raises on purpose."""


class InputError(GeomapError, ValueError):
    """User input is not what was expected."""


class DocumentError(InputError):
    """One input document cannot be used; the batch records it as skipped and goes on."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class DataError(GeomapError, ValueError):
    """A knowledge file (YAML/CSV in data/) is malformed."""


class GazetteerError(GeomapError, OSError):
    """The gazetteer index cannot be built, opened or imported."""


class GeocoderError(GeomapError, OSError):
    """An online geocoder failed."""


class GeocoderUnavailable(GeocoderError):
    """An online geocoder cannot be reached (offline, DNS, refused)."""


class ExportError(GeomapError, OSError):
    """An output file cannot be written."""


class DependencyError(GeomapError, ImportError):
    """An optional dependency is missing."""

    def __init__(self, package: str, extra: str | None = None, purpose: str = ""):
        cmd = f"pip install 'geomap[{extra}]'" if extra else f"pip install {package}"
        what = f" for {purpose}" if purpose else ""
        super().__init__(f"{package} is needed{what}; install it with: {cmd}")
        self.package = package
