"""The one module that reads knowledge files (``data/*.yaml``, ``data/*.csv``).

Analysts edit these files; geomap re-reads them on the next run. Installed wheels carry a
copy under ``geomap/_data``; a source checkout reads the repository's ``data/`` directly.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

_PKG = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Directory holding geomap's knowledge files."""
    for candidate in (_PKG / "_data", _PKG.parent / "data"):
        if (candidate / "actors.yaml").is_file():
            return candidate
    raise DataError(
        f"geomap's data directory was not found (looked in {_PKG / '_data'} and "
        f"{_PKG.parent / 'data'}); reinstall geomap"
    )


def load_yaml(name_or_path: str | Path) -> Any:
    """Load a YAML knowledge file by name (``"actors.yaml"``) or path, with a clear error."""
    path = Path(name_or_path)
    if not path.is_absolute() and not path.exists():
        path = data_dir() / path
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as err:
        raise DataError(f"knowledge file {path} does not exist") from err
    except yaml.YAMLError as err:
        raise DataError(f"knowledge file {path} is not valid YAML: {err}") from err


def load_csv(name_or_path: str | Path) -> list[dict[str, str]]:
    path = Path(name_or_path)
    if not path.is_absolute() and not path.exists():
        path = data_dir() / path
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except FileNotFoundError as err:
        raise DataError(f"knowledge file {path} does not exist") from err


@functools.cache
def cached_yaml(name: str) -> Any:
    """:func:`load_yaml` for the packaged files, read once per process."""
    return load_yaml(name)
