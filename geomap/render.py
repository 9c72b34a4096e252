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

Article text, data files and options are hostile. geomap writes the page itself (see
``_assemble``), not through branca, which compiles element output as template source again;
nothing on the page is ever compiled as a template. Data enters the page only through
:func:`embed`: JSON inside ``<script type="application/json">`` elements (and the title as
HTML text), with ``{ } < > & ' "`` and U+2028/U+2029 written as escapes the page decodes back,
so neither a template engine nor the HTML parser can react to it. The browser code builds
popups with DOM text nodes and makes links only for ``http(s)`` sources. Element ids are
fixed: the same events give a byte-identical file.

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

import json
import os
import re
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


def render_map(
    gdf: pd.DataFrame,
    *,
    title: str | None = None,
    statuses: Iterable[str] = ("reported",),
    tiles: str | None = "OpenStreetMap",
    actor_types: Mapping[str, str] | None = None,
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

    if data["bounds"]:
        (south, west), (north, east) = data["bounds"]
        center = ((south + north) / 2, (west + east) / 2)
    else:
        center = DEFAULT_CENTER
    Page, _ = _page_classes()
    m = folium.Map(
        location=center,
        zoom_start=DEFAULT_ZOOM,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        zoom_snap=0.25,  # fractional zoom lets fitBounds use the space the controls leave
    )
    m._id = MAP_ID  # fixed ids: the same events give the same file
    # The page is assembled by geomap (see _assemble): Leaflet and its plugins are inlined
    # from render_assets/, nothing comes from a CDN, and no data is ever template source.
    m.add_to(Page(title=title or None))
    tile_layer = folium.TileLayer(tiles, name=str(tiles), control=False) if tiles else None
    EventsLayer(data, tile_layer).add_to(m)
    return m


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
    keep = has_geom & status.isin(list(statuses))
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
        "strings": strings,
    }
    return data


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


# --- how data enters the page -----------------------------------------------------------

#: What a template engine (Jinja's ``{{``, ``{%``, ``{#``) or an HTML parser (tags, character
#: references, attribute quotes) reacts to, and the two line separators that end a line for
#: older JavaScript parsers. :func:`embed` never lets one of them through as itself.
INERT_CHARS = "{}<>&'\"\u2028\u2029"
# JSON: \uXXXX escapes, which JSON.parse turns back into the character. Outside strings JSON
# has no < > & ' or line separator, so those are replaced in the whole text; { } and " are
# also JSON's own syntax, so they are replaced inside string tokens only (json.dumps has
# written each '"' of a string as \"). Lone surrogates, which UTF-8 cannot encode, become
# escapes too: JSON.parse gives back the same UTF-16 unit.
_JSON_ANYWHERE = tuple((c, f"\\u{ord(c):04x}") for c in "<>&'\u2028\u2029")
_JSON_SURROGATE = re.compile("[\ud800-\udfff]")
#: Splits JSON text into (other, string token, other, ...): outside strings, JSON has no quote.
_JSON_STRINGS = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")')
# HTML text: character references, which the parser turns back into the character. A lone
# surrogate has no character reference (parsers read one as U+FFFD): it becomes that.
_HTML_ESCAPES = {ord(c): f"&#x{ord(c):x};" for c in INERT_CHARS}
_HTML_ESCAPES.update({ord("<"): "&lt;", ord(">"): "&gt;", ord("&"): "&amp;", ord('"'): "&quot;"})
_HTML_ESCAPES.update(dict.fromkeys(range(0xD800, 0xE000), "&#xfffd;"))


class Embedded(str):
    """Page text made by :func:`embed`: final, inert, never compiled or escaped again."""

    __slots__ = ()


def embed(value, *, html_text: bool = False) -> Embedded:
    """The one way data from articles, data files and options is written into the map page.

    Every character in :data:`INERT_CHARS` (``{ } < > & ' "``, U+2028, U+2029) comes out as an
    escape the page decodes back to the same character, so neither a template engine nor an
    HTML parser can see a tag, a comment, an attribute end or a template delimiter in it.

    Parameters
    ----------
    value : JSON-serialisable value, or str with ``html_text=True``
        The data.
    html_text : bool
        False (default): JSON for the content of a ``<script type="application/json">``
        element, read with ``JSON.parse`` (escapes are ``\\uXXXX``). True: text for an HTML
        element such as ``<title>`` (escapes are character references ``&#x..;``).

    Returns
    -------
    Embedded
        Final page text.

    Examples
    --------
    >>> embed({"s": "{{ 7*7 }}</script>"})
    '{"s":"\\\\u007b\\\\u007b 7*7 \\\\u007d\\\\u007d\\\\u003c/script\\\\u003e"}'
    >>> embed('"A" & {B}', html_text=True)
    '&quot;A&quot; &amp; &#x7b;B&#x7d;'
    >>> import json
    >>> json.loads(embed(["it's <b>\\u2028"])) == ["it's <b>\\u2028"]
    True
    """
    if html_text:
        if not isinstance(value, str):
            raise InputError(f"embed(html_text=True) takes a str, got {type(value).__name__}")
        return Embedded(value.translate(_HTML_ESCAPES))
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _JSON_ANYWHERE:
        if char in text:
            text = text.replace(char, escape)
    if _JSON_SURROGATE.search(text):
        text = _JSON_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    parts = _JSON_STRINGS.split(text)
    for k in range(1, len(parts), 2):  # the string tokens
        token = parts[k]
        if "{" in token or "}" in token or '\\"' in token:
            # Inside one string token every '"' is an escaped one, so \" finds only those.
            inner = token[1:-1].replace('\\"', "\\u0022")
            parts[k] = '"' + inner.replace("{", "\\u007b").replace("}", "\\u007d") + '"'
    return Embedded("".join(parts))


#: Kept for callers of the previous name; the same function.
script_json = embed


# --- the page ---------------------------------------------------------------------------
#
# branca renders each element's macros and then compiles their *output* again as the source of
# a new jinja2 Template (``Element(output)`` in MacroElement.render). Any data in that output
# is template source: ``{{ ... }}`` in an article ran as Python. So geomap does not let branca
# assemble its page. Page.render below writes the page itself, by concatenation: fixed
# markup, vendored assets, folium's Map macros rendered once from folium's own template with
# the Map as a *variable* (its attributes are numbers and ids geomap sets), and data only as
# embed() output. Nothing on the page is ever compiled as a template.

#: Element ids on the page are fixed, so the same events give a byte-identical file.
MAP_ID = "geomap"
_ID = re.compile(r"[A-Za-z0-9_]+")
_STYLES = ("leaflet.css", "leaflet.markercluster.css", "geomap-map.css")
_SCRIPTS = ("leaflet.js", "leaflet.markercluster.js", "leaflet-heat.js", "geomap-map.js")


@cache
def _asset(name: str) -> str:
    text = (Path(__file__).parent / ASSETS / name).read_text(encoding="utf-8")
    # Inlined into <script>/<style>: a closing tag inside would end the element early.
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


@cache
def _page_classes():
    """Build the branca subclasses lazily so importing geomap.render needs no folium."""
    import folium
    from branca.element import Element, Figure
    from folium.utilities import camelize

    class Page(Figure):
        """The root of a geomap map: ``render()`` returns the page, assembled by geomap."""

        def __init__(self, title: str | None = None):
            super().__init__()
            self._name = "Page"
            self._id = MAP_ID
            self.map_title = title

        def render(self, **kwargs) -> str:
            return _assemble(self, folium.Map, EventsLayer)

    class EventsLayer(Element):
        """The events, the offline basemap and the tile layer of one map (see build_payload)."""

        def __init__(self, data: dict, tile_layer=None):
            super().__init__()
            self._name = "GeomapEvents"
            self._id = MAP_ID
            attribution = ATTRIBUTION
            self.tiles = None
            if tile_layer is not None:
                # folium resolves a provider name to a URL template and options; the layer
                # itself is made in the page from these, as data.
                self.tiles = {
                    "url": str(tile_layer.tiles),
                    "name": str(tile_layer.tile_name),
                    "options": {camelize(k): v for k, v in tile_layer.options.items()},
                }
            tile_credit = str((self.tiles or {}).get("options", {}).get("attribution", ""))
            if "openstreetmap" not in tile_credit.lower():
                attribution += " | " + OSM_ATTRIBUTION
            self.data = dict(data, attribution=attribution)

        def render(self, **kwargs) -> str:
            raise InputError(
                "a geomap EventsLayer is drawn only on the page of render_map(); "
                "save that map with save_map()"
            )

        def parts(self, map_name: str) -> tuple[list[str], list[str]]:
            """(body, script) page text: the data elements and the call that draws them."""
            name = self.get_name()
            basemap = _asset("countries-110m.geojson")
            body = [
                f'<script type="application/json" id="{name}_data">{embed(self.data)}</script>',
                f'<script type="application/json" id="{name}_tiles">{embed(self.tiles)}</script>',
                f'<script type="application/json" id="{name}_basemap">{basemap}</script>',
            ]
            script = [
                (
                    f"var {name} = (function (map) {{\n"
                    "  function read(id) {\n"
                    "    return JSON.parse(document.getElementById(id).textContent);\n"
                    "  }\n"
                    f'  var tiles = read("{name}_tiles");\n'
                    "  var layer = tiles ? L.tileLayer(tiles.url, tiles.options) : null;\n"
                    "  if (layer) layer.addTo(map);\n"
                    f'  var data = read("{name}_data"), basemap = read("{name}_basemap");\n'
                    "  return geomapDraw(map, layer, data, basemap);\n"
                    f"}})({map_name});"
                )
            ]
            return body, script

    return Page, EventsLayer


def _assemble(page, map_class, layer_class) -> str:
    """The page's HTML: fixed markup, assets, folium's Map macros, and data via embed()."""
    from .errors import ExportError

    children = list(page._children.values())
    if len(children) != 1 or not isinstance(children[0], map_class):
        raise ExportError("a geomap page holds exactly one folium.Map (made by render_map)")
    m = children[0]
    layers = list(m._children.values())
    for layer in layers:
        if not isinstance(layer, layer_class):
            # branca would compile this element's output as a template: refuse, don't guess.
            raise ExportError(
                f"render_map's page draws only geomap's events layer, not {type(layer).__name__}; "
                "put data on the map through build_payload()"
            )
    for element in (m, *layers):
        if not _ID.fullmatch(element.get_name()):
            raise ExportError(f"element id {element.get_name()!r} is not a plain identifier")
    # folium's own template, rendered once with the Map as a variable; the output is final.
    macros = m._template.module
    head = ['<meta charset="utf-8">']
    if page.map_title:
        head.append(f"<title>{embed(page.map_title, html_text=True)}</title>")
    head.append(str(macros.header(m, {})).strip())
    head += [f"<style>{_asset(name)}</style>" for name in _STYLES]
    head += [f"<script>{_asset(name)}</script>" for name in _SCRIPTS]
    body = [str(macros.html(m, {})).strip()]
    script = [str(macros.script(m, {})).strip()]
    for layer in layers:
        more_body, more_script = layer.parts(m.get_name())
        body += more_body
        script += more_script
    return "\n".join(
        [
            "<!DOCTYPE html>",
            "<html>",
            "<head>",
            *head,
            "</head>",
            "<body>",
            *body,
            "<script>",
            *script,
            "</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def EventsLayer(data: dict, tile_layer=None):
    """The element that embeds ``data`` and draws it (see :func:`build_payload`)."""
    return _page_classes()[1](data, tile_layer)
