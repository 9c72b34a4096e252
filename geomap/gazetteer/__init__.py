"""Gazetteers and geocoders: backends behind one signature, found by name."""

from .base import Gazetteer, backends, get_gazetteer, register
from .embedded import build_embedded, default_index_path, embedded
from .store import IndexGazetteer

__all__ = [
    "Gazetteer",
    "IndexGazetteer",
    "backends",
    "build_embedded",
    "default",
    "default_index_path",
    "embedded",
    "get_gazetteer",
    "register",
]


def default() -> Gazetteer:
    """The process-wide default gazetteer (the embedded index)."""
    return embedded()
