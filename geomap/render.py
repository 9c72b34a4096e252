"""Render the events GeoDataFrame as a layered, offline-capable folium map.

The map is a :class:`folium.Map` whose events are embedded **once** as columnar JSON and drawn
client-side by a small vendored script (``render_assets/geomap-map.js``) as canvas circle
markers; folium only provides the page, the map object and the tile layer. This keeps a
100,000-event map a file that a browser opens in seconds, where one folium object per marker
would take minutes and hundreds of megabytes.

Everything the page needs to draw markers is inlined: Leaflet, leaflet.markercluster,
leaflet.heat and a Natural Earth country basemap (``render_assets/``, vendored from npm by
``scripts/vendor_render_assets.py``). Only the OpenStreetMap tiles come from the network; without
it the country outlines remain.

Article text is hostile: data reaches the page only as JSON inside a
``<script type="application/json">`` element, with ``<``, ``>``, ``&`` and U+2028/U+2029
escaped so it cannot close the element, and the browser code builds popups with DOM text
nodes. Links are made only for ``http(s)`` sources.

Examples
--------
>>> import pandas as pd
>>> from geomap.schema import conform
>>> gdf = conform(pd.DataFrame([{"event_type": "Battles", "latitude": 36.2,
...                               "longitude": 37.16, "status": "reported"}]))
>>> m = render_map(gdf, title="Aleppo")
>>> "geomapDraw" in m.get_root().render()
True
"""

from __future__ import annotations

import html
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import pandas as pd

from .atomic import write_text_atomic
from .errors import InputError
from .schema import CRS, conform

ASSETS = "render_assets"

#: ACLED's six event types get fixed colours, so maps compare at a glance; others cycle.
TYPE_COLORS: dict[str, str] = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#1f77b4",
    "Riots": "#e377c2",
    "Strategic developments": "#2ca02c",
}
OTHER_COLORS: tuple[str, ...] = (
    "#8c564b",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#393b79",
    "#637939",
    "#843c39",
    "#7b4173",
)

PRECISION_LABELS: dict[int, str] = {
    1: "1 \u2013 the place itself",
    2: "2 \u2013 near a place / in its area",
    3: "3 \u2013 region or country (approximate)",
}

#: Statuses that get their own layer (off unless asked for with ``statuses``).
STATUS_LAYERS: tuple[str, ...] = ("reported", "planned", "denied")

#: Past this many actors the layer control groups them by actor type (when types are given).
MAX_FLAT_ACTORS = 15
UNATTRIBUTED = "Unattributed"

ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> '
    '(<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)'
    ' | Outlines: <a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)
#: Credited even when the tiles are not OpenStreetMap's: place data is partly derived from it.
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)

# Default view when no event has a place: the region geomap is about.
DEFAULT_CENTER = (34.8, 38.9)
DEFAULT_ZOOM = 5
DEFAULT_BOX = [[32.3, 35.7], [37.3, 42.4]]


def render_map(
    gdf: pd.DataFrame,
    *,
    title: str | None = None,
    statuses: Iterable[str] = ("reported",),
    tiles: str | None = "OpenStreetMap",
    actor_types: Mapping[str, str] | None = None,
    labels: bool = True,
):
    """Draw events on a folium map with layers per actor and event type.

    Parameters
    ----------
    gdf : GeoDataFrame or DataFrame
        Events in the schema of :mod:`geomap.schema` (passed through :func:`conform`).
        Events with no geometry are not drawn; a missing ``status`` reads as ``reported``.
    title : str, optional
        Shown on the map and as the page title (escaped).
    statuses : iterable of str
        Event statuses to draw (``reported``, ``planned``, ``denied``); others are left out.
    tiles : str or None
        Folium tile name or URL template for the online basemap; ``None`` for none. The
        offline Natural Earth outlines are always drawn underneath.
    actor_types : mapping of str to str, optional
        Actor name -> actor type. With more than 15 actors, overlays are one per actor type
        instead of one per actor (actors without a type go to "Other actors").
    labels : bool
        Put place names (from the embedded gazetteer) and first-level borders (Natural
        Earth) around the events on the offline basemap (:mod:`geomap.basemap`).

    Returns
    -------
    folium.Map
        Save it with :func:`save_map`.

    Raises
    ------
    InputError
        ``gdf`` is not a DataFrame, or ``statuses`` is not a collection of strings.
    """
    import folium

    if not isinstance(gdf, pd.DataFrame):
        raise InputError(
            f"render_map expects an events GeoDataFrame (geomap.schema), got "
            f"{type(gdf).__name__}; build one with geomap.schema.conform() or extract_events()"
        )
    if isinstance(statuses, str):
        statuses = (statuses,)
    statuses = tuple(statuses)
    if not all(isinstance(s, str) for s in statuses):
        raise InputError(
            f"statuses must be strings such as 'reported', 'planned', 'denied'; got {statuses!r}"
        )
    frame = _to_wgs84(gdf)
    data = build_payload(frame, title=title, statuses=statuses, actor_types=actor_types)
    if labels:
        from .basemap import border_lines, place_labels

        box = data["bounds"] or DEFAULT_BOX
        data["labels"] = place_labels(box)
        data["borders"] = border_lines(box)

    if data["bounds"]:
        (south, west), (north, east) = data["bounds"]
        center = ((south + north) / 2, (west + east) / 2)
    else:
        center = DEFAULT_CENTER
    m = folium.Map(
        location=center,
        zoom_start=DEFAULT_ZOOM,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        zoom_snap=0.25,  # fractional zoom lets fitBounds use the space the controls leave
    )
    # No CDN: Leaflet and plugins are inlined by EventsLayer; folium's defaults (Leaflet from
    # a CDN, jQuery, Bootstrap, awesome-markers) are not used by anything on this map.
    m.default_js = []
    m.default_css = []
    if title:
        m.get_root().title = html.escape(title)
    tile_layer = None
    if tiles:
        tile_layer = folium.TileLayer(tiles, name=str(tiles), control=False)
        tile_layer.add_to(m)
    EventsLayer(data, tile_layer).add_to(m)
    m.geomap_summary = summary(data)
    return m


def summary(data: dict) -> str:
    """One line on what the map shows and what it leaves out, and why.

    >>> summary({"lat": [1, 2], "status": [0, 1], "strings": ["reported", "planned"],
    ...          "statuses": ["reported"], "left": {"noPlace": 3, "otherStatus": 0}})
    '1 on the map; left out: 3 without a place, 1 planned (a layer, off)'
    """
    strings = data["strings"]
    status_counts = Counter(strings[k] if k >= 0 else "reported" for k in data["status"])
    on = set(data["statuses"])
    shown = sum(c for s, c in status_counts.items() if s in on)
    left = []
    if data["left"]["noPlace"]:
        left.append(f"{data['left']['noPlace']} without a place")
    for s, c in sorted(status_counts.items()):
        if s not in on:
            left.append(f"{c} {s} (a layer, off)")
    if data["left"]["otherStatus"]:
        left.append(f"{data['left']['otherStatus']} with another status")
    return f"{shown} on the map" + ("; left out: " + ", ".join(left) if left else "")


def save_map(m, path: str | os.PathLike) -> Path:
    """Write the map's HTML to ``path`` atomically and return the path.

    A temporary file beside ``path`` is renamed over it, so a reader never sees half a map
    and a failed write leaves any previous file intact.
    """
    return write_text_atomic(path, m.get_root().render())


# --- payload ----------------------------------------------------------------------------


def build_payload(
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    statuses: Iterable[str] = ("reported",),
    actor_types: Mapping[str, str] | None = None,
) -> dict:
    """Turn conformed events into the columnar dict the browser code draws.

    Strings are interned in one table (``strings``) and referenced by index (-1 for none),
    because sentences, sources and titles repeat across events of one article.
    """
    status = frame["status"].where(frame["status"].notna(), "reported")
    geom = frame.geometry
    has_geom = geom.notna() & ~geom.is_empty
    # Planned and denied events travel too, as their own layers (on when asked for).
    carried = list(dict.fromkeys([*STATUS_LAYERS, *statuses]))
    keep = has_geom & status.isin(carried)
    ev = frame.loc[keep]
    pts = ev.geometry
    non_point = pts.geom_type != "Point"
    if non_point.any():  # the schema says Point; be lenient with other shapes
        pts = pts.where(~non_point, pts.representative_point())
    lat = [round(float(v), 5) for v in pts.y]
    lon = [round(float(v), 5) for v in pts.x]

    strings: list[str] = []
    index: dict[str, int] = {}

    def sid(value) -> int:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return -1
        text = str(value)
        if text == "":
            return -1
        k = index.get(text)
        if k is None:
            k = index[text] = len(strings)
            strings.append(text)
        return k

    # Event types, by count; fixed colours for ACLED's, a cycle for the rest.
    etype = ev["event_type"].where(ev["event_type"].notna(), "Unknown").astype(str)
    type_counts = Counter(etype)
    type_names = sorted(type_counts, key=lambda t: (-type_counts[t], t))
    others = iter(OTHER_COLORS * (1 + len(type_names) // len(OTHER_COLORS)))
    types = [
        {"name": t, "count": type_counts[t], "color": TYPE_COLORS.get(t) or next(others)}
        for t in type_names
    ]
    type_index = {t: k for k, t in enumerate(type_names)}

    actor_lists = [list(dict.fromkeys(a)) for a in ev["actors"]]
    groups, group_of_actor, unattributed = _actor_groups(actor_lists, actor_types)
    event_groups = [
        sorted({group_of_actor[a] for a in acts}) if acts else [unattributed]
        for acts in actor_lists
    ]

    dates = pd.to_datetime(ev["event_date"], errors="coerce", format="ISO8601")
    epoch = pd.Timestamp("1970-01-01")
    day = [None if pd.isna(d) else int((d - epoch).days) for d in dates]
    dated = [d for d in day if d is not None]

    prec = [
        int(p) if pd.notna(p) and int(p) in PRECISION_LABELS else 3 for p in ev["geo_precision"]
    ]
    tprec = [int(p) if pd.notna(p) and int(p) in (1, 2, 3) else 0 for p in ev["time_precision"]]
    fatal = (
        [None if pd.isna(v) else int(v) for v in pd.to_numeric(ev["fatalities"], errors="coerce")]
        if "fatalities" in ev.columns
        else None
    )

    data = {
        "version": 1,
        "total": len(frame),
        "lat": lat,
        "lon": lon,
        "type": [type_index[t] for t in etype],
        "sub": [sid(v) for v in ev["sub_event_type"]],
        "a1": [sid(v) for v in ev["actor1"]],
        "a2": [sid(v) for v in ev["actor2"]],
        "actors": [[sid(a) for a in acts] for acts in actor_lists],
        "group": event_groups,
        "day": day,
        "date": [sid(v) for v in ev["event_date"]],
        "prec": prec,
        "tprec": tprec,
        "fatal": fatal,
        "eid": [sid(v) for v in ev["event_id"]],
        "adm": [sid(v) for v in ev["admin1"]],
        "cc": [sid(v) for v in ev["country_code"]],
        "status": [sid(v) for v in status.loc[keep]],
        "place": [sid(v) for v in ev["place_name"]],
        "mention": [sid(v) for v in ev["mention"]],
        "sentence": [sid(v) for v in ev["sentence"]],
        "lang": [1 if v == "ar" else 0 for v in ev["language"]],
        "titles": [sid(v) for v in ev["title"]],
        "sources": [
            [sid(s) for s in (srcs or ([src] if isinstance(src, str) and src else []))]
            for srcs, src in zip(ev["sources"], ev["source"], strict=True)
        ],
        "types": types,
        "groups": groups,
        "dayMin": min(dated) if dated else None,
        "dayMax": max(dated) if dated else None,
        "undated": len(day) - len(dated),
        "bounds": [[min(lat), min(lon)], [max(lat), max(lon)]] if lat else None,
        "precision": [{"level": k, "label": v} for k, v in PRECISION_LABELS.items()],
        "mapTitle": title or None,
        "statuses": list(statuses),
        "left": _left_out(frame, has_geom, status, carried),
        "strings": strings,
    }
    return data


def _left_out(frame, has_geom, status, carried) -> dict:
    """How many events are not on the map and why (the page's summary says so)."""
    return {
        "noPlace": int((~has_geom).sum()),
        "otherStatus": int((has_geom & ~status.isin(carried)).sum()),
    }


def _actor_groups(
    actor_lists: list[list[str]], actor_types: Mapping[str, str] | None
) -> tuple[list[dict], dict[str, int], int]:
    """Overlay groups: one per actor (sorted by event count), or per actor type past 15 actors.

    Returns the groups (``label``, ``count`` of events, ``actors``), the group index of each
    actor, and the index of the "Unattributed" group (always last).
    """
    counts = Counter(a for acts in actor_lists for a in acts)
    actors = sorted(counts, key=lambda a: (-counts[a], a))
    groups: list[dict] = []
    group_of: dict[str, int] = {}
    if len(actors) > MAX_FLAT_ACTORS and actor_types:

        def type_of(actor: str) -> str:
            return str(actor_types.get(actor) or "Other actors")

        members: dict[str, list[str]] = {}
        for a in actors:
            members.setdefault(type_of(a), []).append(a)
        events_per = Counter(t for acts in actor_lists for t in {type_of(a) for a in acts})
        for t in sorted(members, key=lambda t: (-events_per[t], t)):
            k = len(groups)
            groups.append(
                {"label": f"Actors: {t}", "name": t, "count": events_per[t], "actors": members[t]}
            )
            for a in members[t]:
                group_of[a] = k
    else:
        for a in actors:
            group_of[a] = len(groups)
            groups.append({"label": f"Actor: {a}", "name": a, "count": counts[a], "actors": [a]})
    unattributed = len(groups)
    groups.append(
        {
            "label": UNATTRIBUTED,
            "name": UNATTRIBUTED,
            "count": sum(1 for acts in actor_lists if not acts),
            "actors": [],
        }
    )
    return groups, group_of, unattributed


def _to_wgs84(gdf: pd.DataFrame):
    crs = getattr(gdf, "crs", None) if "geometry" in gdf.columns else None
    if crs is not None and not crs.equals(CRS):
        gdf = gdf.to_crs(CRS)
    return conform(gdf)


def script_json(value) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes so no ``</script>`` or ``<!--`` can
    appear; U+2028/U+2029 are escaped because older JS parsers treat them as line ends.

    >>> script_json({"s": "</script><b>&"})
    '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --- the folium element -----------------------------------------------------------------


@cache
def _asset(name: str) -> str:
    text = (Path(__file__).parent / ASSETS / name).read_text(encoding="utf-8")
    # Inlined into <script>/<style>: a closing tag inside would end the element early.
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


@cache
def _events_layer_class():
    """Build the MacroElement subclass lazily so importing geomap.render needs no folium."""
    from branca.element import MacroElement
    from jinja2 import Template

    class _EventsLayer(MacroElement):
        _template = Template(
            """
{% macro header(this, kwargs) %}
<style>{{ this.asset("leaflet.css") }}</style>
<style>{{ this.asset("leaflet.markercluster.css") }}</style>
<style>{{ this.asset("geomap-map.css") }}</style>
<script>{{ this.asset("leaflet.js") }}</script>
<script>{{ this.asset("leaflet.markercluster.js") }}</script>
<script>{{ this.asset("leaflet-heat.js") }}</script>
<script>{{ this.asset("geomap-map.js") }}</script>
{% endmacro %}
{% macro html(this, kwargs) %}
<script type="application/json" id="{{ this.get_name() }}_data">{{ this.data_json }}</script>
<script type="application/json" id="{{ this.get_name() }}_basemap">{{ this.asset("countries-110m.geojson") }}</script>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = geomapDraw(
    {{ this._parent.get_name() }},
    {{ this.tiles_name }},
    JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent),
    JSON.parse(document.getElementById("{{ this.get_name() }}_basemap").textContent)
);
{% endmacro %}
"""
        )

        def __init__(self, data: dict, tile_layer=None):
            super().__init__()
            self._name = "GeomapEvents"
            attribution = ATTRIBUTION
            if (
                tile_layer is None
                or "openstreetmap" not in str(tile_layer.options.get("attribution", "")).lower()
            ):
                attribution += " | " + OSM_ATTRIBUTION
            self.data_json = script_json(dict(data, attribution=attribution))
            self.tiles_name = tile_layer.get_name() if tile_layer is not None else "null"

        @staticmethod
        def asset(name: str) -> str:
            return _asset(name)

    return _EventsLayer


def EventsLayer(data: dict, tile_layer=None):
    """The folium element that embeds ``data`` and draws it (see :func:`build_payload`)."""
    return _events_layer_class()(data, tile_layer)
