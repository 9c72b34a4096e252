"""Gazetteers and geocoders: backends behind one signature, found by name.

Backends (``get_gazetteer(name)``): ``embedded`` (built from PyPI packages), ``index`` (an
index written by ``geomap gazetteer import``; the active one by default), ``overrides`` (a
user's places and aliases on top of another gazetteer), ``geopy`` (an online geocoder).
"""

from .active import active_index, default, open_index, set_active
from .base import Gazetteer, backends, get_gazetteer, register
from .embedded import build_embedded, default_index_path, embedded
from .geonames import download, import_geonames
from .online import FallbackGazetteer, GeopyGeocoder
from .overrides import OverrideGazetteer, load_overrides
from .store import IndexGazetteer

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
