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


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that refuses a key given twice in one mapping: plain YAML keeps the
    last one and silently drops the first (an analyst adding ``PS: [Palestine]`` beside an
    existing ``PS:`` entry would lose that entry's names).

    libyaml's parser when PyYAML has it (8x faster on the knowledge files, which every
    run reads: a tenth of a second of start-up), with the same safe constructor.
    """

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            k = self.construct_object(key_node, deep=deep)
            try:
                first = seen.setdefault(k, key_node.start_mark.line + 1)
            except TypeError:  # an unhashable key: let the base class report it
                continue
            if first != key_node.start_mark.line + 1:
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"the key {k!r} is given twice (lines {first} and "
                    f"{key_node.start_mark.line + 1}); merge the two entries into one",
                    key_node.start_mark,
                )
        return super().construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _UniqueKeyLoader.construct_mapping
)


def load_yaml(name_or_path: str | Path) -> Any:
    """Load a YAML knowledge file by name (``"actors.yaml"``) or path, with a clear error
    (also when a mapping gives one key twice)."""
    path = Path(name_or_path)
    if not path.is_absolute() and not path.exists():
        path = data_dir() / path
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
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
