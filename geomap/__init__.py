"""geomap: Arabic and English news about wars -> a map of conflict events.

Public API::

    import geomap
    gdf = geomap.extract_events(["seeds/"])          # GeoDataFrame, EPSG:4326
    russia = geomap.filter_events(gdf, actor="روسيا")  # alias-, case- and language-insensitive
    m = geomap.render_map(gdf)                        # folium.Map, one layer per actor
"""

from __future__ import annotations

from ._version import __version__
from .errors import GeomapError

__all__ = ["GeomapError", "__version__", "extract_events", "filter_events", "render_map"]


def extract_events(inputs, **kwargs):
    """See :func:`geomap.pipeline.extract_events`."""
    from .pipeline import extract_events as _extract

    return _extract(inputs, **kwargs)


def filter_events(gdf, actor=None, **kwargs):
    """See :func:`geomap.filtering.filter_events`."""
    from .filtering import filter_events as _filter

    return _filter(gdf, actor, **kwargs)


def render_map(gdf, **kwargs):
    """See :func:`geomap.render.render_map`."""
    from .render import render_map as _render

    return _render(gdf, **kwargs)
