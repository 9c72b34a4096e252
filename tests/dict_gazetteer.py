"""A gazetteer over a dict of keys to places, for resolution tests on invented places."""

from __future__ import annotations

from geomap.gazetteer.base import Gazetteer


class DictGazetteer(Gazetteer):
    """``known``: folded key -> candidate places; no place is looked up by id."""

    def __init__(self, known):
        self.known = known

    def candidates(self, key):
        return list(self.known.get(key, []))

    def place(self, geonameid):
        return None
