"""Gazetteers and geocoders: backends behind one signature, found by name.

Backends (``get_gazetteer(name)``): ``embedded`` (built from PyPI packages), ``index`` (an
index written by ``geomap gazetteer import``; the active one by default), ``overrides`` (a
user's places and aliases on top of another gazetteer), ``geopy`` (an online geocoder).

The GeoNames importer, the overrides and the online geocoders are imported when first
named (``from geomap.gazetteer import OverrideGazetteer`` works as before): a run that
only reads the embedded index does not pay for them at start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

from .active import active_index, default, open_index, set_active
from .base import Gazetteer, backends, get_gazetteer, register
from .embedded import build_embedded, default_index_path, embedded
from .store import IndexGazetteer

#: name -> submodule defining it, imported on first use
_LAZY = {
    "download": "geonames",
    "import_geonames": "geonames",
    "FallbackGazetteer": "online",
    "GeopyGeocoder": "online",
    "OverrideGazetteer": "overrides",
    "load_overrides": "overrides",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "FallbackGazetteer",
    "Gazetteer",
    "GeopyGeocoder",
    "IndexGazetteer",
    "OverrideGazetteer",
    "active_index",
    "backends",
    "build_embedded",
    "default",
    "default_index_path",
    "download",
    "embedded",
    "get_gazetteer",
    "import_geonames",
    "load_overrides",
    "open_index",
    "register",
    "set_active",
]
