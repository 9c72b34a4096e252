"""Render events as a layered folium map: one overlay per actor, styled by event type.

Every text that comes from an article is HTML-escaped before it reaches the page; source
links are drawn only for http(s) URLs.
"""

from __future__ import annotations

import html
from pathlib import Path

import folium
import geopandas as gpd

from .atomic import write_text_atomic
from .schema import conform

ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0) | '
    "Tiles: &copy; OpenStreetMap contributors"
)
TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
}
UNATTRIBUTED = "Unattributed"


def _e(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def _popup(row) -> str:
    rtl = ' dir="rtl"' if row.get("language") == "ar" else ""
    links = []
    for src in row.get("sources") or [row.get("source")]:
        s = str(src or "")
        if s.lower().startswith(("http://", "https://")):
            links.append(f'<a href="{_e(s)}" target="_blank" rel="noopener noreferrer">{_e(s)}</a>')
        elif s:
            links.append(_e(s))
    actors = " → ".join(_e(a) for a in (row.get("actor1"), row.get("actor2")) if a) or "—"
    return (
        f"<b>{_e(row.get('event_type'))}</b>: {_e(row.get('sub_event_type'))}<br>"
        f"<b>Actors</b>: {actors}<br>"
        f"<b>Date</b>: {_e(row.get('event_date'))} (precision {_e(row.get('time_precision'))})<br>"
        f"<b>Place</b>: {_e(row.get('place_name'))} ({_e(row.get('mention'))}), "
        f"precision {_e(row.get('geo_precision'))}<br>"
        f"<b>Status</b>: {_e(row.get('status'))}<br>"
        f"<p{rtl}>{_e(row.get('sentence'))}</p>"
        f"<b>Sources</b>: {'<br>'.join(links)}"
    )


def _legend() -> str:
    items = "".join(
        f'<div><span style="display:inline-block;width:10px;height:10px;border-radius:5px;'
        f'background:{c};margin-right:4px"></span>{_e(t)}</div>'
        for t, c in TYPE_COLOURS.items()
    )
    return (
        '<div id="geomap-legend" style="position:fixed;bottom:24px;left:12px;z-index:9999;'
        'background:white;padding:6px 8px;border:1px solid #999;font:12px sans-serif">'
        f"<b>Event type</b>{items}<b>Precision</b><div>● 1 town</div><div>○ 2–3 near / region</div></div>"
    )


def render_map(
    gdf: gpd.GeoDataFrame,
    *,
    title: str | None = None,
    statuses: tuple[str, ...] = ("reported",),
    tiles: str = "OpenStreetMap",
) -> folium.Map:
    """A folium map of the events: one overlay per actor, markers coloured by event type.

    Events without a place, or whose status is not in ``statuses``, are not drawn.
    """
    gdf = conform(gdf)
    shown = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty & gdf["status"].isin(statuses)]
    m = folium.Map(location=[34.8, 38.9], zoom_start=5, tiles=None, control_scale=True)
    folium.TileLayer(tiles, attr=ATTRIBUTION, name="Base map", control=False).add_to(m)
    layers: dict[str, folium.FeatureGroup] = {}
    for _, row in shown.iterrows():
        r = row.to_dict()
        colour = TYPE_COLOURS.get(r["event_type"], "#555555")
        precise = r.get("geo_precision") == 1
        for actor in r["actors"] or [UNATTRIBUTED]:
            layer = layers.get(actor)
            if layer is None:
                layer = layers[actor] = folium.FeatureGroup(name=_e(actor))
            folium.CircleMarker(
                location=[r["latitude"], r["longitude"]],  # folium wants [lat, lon]
                radius=7 if precise else 10,
                color=colour,
                weight=2 if precise else 1,
                dash_array=None if precise else "4 3",
                fill=True,
                fill_opacity=0.8 if precise else 0.25,
                popup=folium.Popup(_popup(r), max_width=420),
                tooltip=_e(f"{r['sub_event_type']} – {r['place_name']}"),
            ).add_to(layer)
    for name in sorted(layers):
        layers[name].add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if len(shown):
        (x0, y0, x1, y1) = shown.total_bounds
        m.fit_bounds([[y0, x0], [y1, x1]], max_zoom=9)
    if title:
        m.get_root().html.add_child(folium.Element(f"<h3 style='position:fixed;top:4px;left:60px;z-index:9999'>{_e(title)}</h3>"))
    m.get_root().html.add_child(folium.Element(_legend()))
    return m


def save_map(m: folium.Map, path: str | Path) -> Path:
    """Write the map's HTML atomically (temp file in the same directory, then rename)."""
    return write_text_atomic(path, m.get_root().render())
