"""The map HTML, tested by what it contains (layers, features, legend, links, escaping)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.errors import ExportError, InputError
from geomap.render import build_payload, render_map, save_map, script_json, summary
from geomap.schema import conform, empty_frame

from .render_fixtures import HOSTILE_TEXT, arabic_row, english_row, small_frame


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = attrs
            self.scripts.append((attrs, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def page(gdf, tmp_path, **kwargs) -> str:
    path = save_map(render_map(gdf, **kwargs), tmp_path / "map.html")
    return path.read_text(encoding="utf-8")


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def payload(html: str) -> dict:
    """The events payload, read the way the browser reads it (JSON script element)."""
    blocks = [
        text
        for attrs, text in parse(html).scripts
        if attrs.get("type") == "application/json" and attrs.get("id", "").endswith("_data")
    ]
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture(scope="module")
def small_html(tmp_path_factory):
    return page(small_frame(), tmp_path_factory.mktemp("map"), title="Small <map>")


def test_one_overlay_per_actor_plus_unattributed(small_html):
    data = payload(small_html)
    labels = [g["label"] for g in data["groups"]]
    actors = {a for acts in small_frame()["actors"] for a in acts}
    # "planned" and "nogeo" rows are not drawn, but they only carry actors also on drawn rows.
    assert sorted(labels[:-1]) == sorted(f"Actor: {a}" for a in actors)
    assert labels[-1] == "Unattributed"
    assert data["groups"][-1]["count"] == 1


def test_every_event_is_in_the_layer_of_each_of_its_actors(small_html):
    data = payload(small_html)
    names = [g["name"] for g in data["groups"]]
    strings = data["strings"]
    for acts, groups in zip(data["actors"], data["group"], strict=True):
        expected = sorted(names.index(strings[a]) for a in acts) or [len(names) - 1]
        assert sorted(groups) == expected


def test_payload_carries_planned_and_denied_as_layers_and_counts_what_is_left_out(
    small_html, tmp_path
):
    frame = small_frame()
    located = frame.geometry.notna()
    data = payload(small_html)
    assert data["total"] == len(frame)
    # Planned (and denied) events travel, as layers that are off unless asked for.
    assert len(data["lat"]) == len(data["lon"]) == len(data["type"]) == int(located.sum())
    assert data["statuses"] == ["reported"]
    assert data["left"] == {"noPlace": 1, "otherStatus": 0}
    wider = payload(page(frame, tmp_path, statuses=("reported", "planned")))
    assert wider["statuses"] == ["reported", "planned"]
    odd = frame.copy()
    odd.loc[0, "status"] = "rumoured"
    data = payload(page(odd, tmp_path))
    assert data["left"] == {"noPlace": 1, "otherStatus": 1}
    assert len(data["lat"]) == int(located.sum()) - 1


def test_summary_says_how_many_are_left_out_and_why():
    data = build_payload(small_frame())
    assert summary(data) == ("4 on the map; left out: 1 without a place, 1 planned (a layer, off)")


def test_payload_carries_time_precision_fatalities_and_ids():
    frame = small_frame()
    frame["fatalities"] = [2, None, None, None, None, 0]
    data = build_payload(frame)
    strings = data["strings"]
    ids = [strings[k] for k in data["eid"]]
    assert ids[:2] == ["en-1", "ar-1"]
    assert data["tprec"][:2] == [1, 1]
    assert data["fatal"][0] == 2 and data["fatal"][1] is None
    assert "fatal" in data and build_payload(small_frame())["fatal"] is None


def test_offline_basemap_labels_and_borders_near_the_events(small_html):
    data = payload(small_html)
    labels = data["labels"]
    assert len(labels["name"]) == len(labels["ar"]) == len(labels["lat"]) == len(labels["kind"])
    # Countries and capitals come first; Aleppo is named in both scripts.
    assert labels["kind"][0] == 3
    k = labels["name"].index("Aleppo")
    assert labels["ar"][k] == "\u062d\u0644\u0628"
    (south, _west), (north, _east) = data["bounds"]
    assert all(south - 3 < lat < north + 3 for lat in labels["lat"])
    assert data["borders"] and all(len(line) % 2 == 0 for line in data["borders"])


def test_map_without_labels(tmp_path):
    data = payload(page(small_frame(), tmp_path, labels=False))
    assert "labels" not in data and "borders" not in data


def test_missing_status_reads_as_reported(tmp_path):
    gdf = conform(pd.DataFrame([english_row(status=None)]))
    assert len(payload(page(gdf, tmp_path))["lat"]) == 1


def test_legend_types_and_precision(small_html):
    data = payload(small_html)
    assert [p["level"] for p in data["precision"]] == [1, 2, 3]
    types = {t["name"]: t for t in data["types"]}
    assert set(types) == set(small_frame().loc[[0, 1, 2, 5], "event_type"])
    assert all(re.fullmatch(r"#[0-9a-f]{6}", t["color"]) for t in types.values())
    assert len({t["color"] for t in types.values()}) == len(types)
    # The legend is drawn by the inlined script, which must be there.
    assert "Location precision" in small_html and "geomap-legend" in small_html


def test_precision_and_language_are_carried(small_html):
    data = payload(small_html)
    strings = data["strings"]
    by_id = {strings[s]: k for k, s in enumerate(data["sentence"])}
    ar = by_id[arabic_row()["sentence"]]
    en = by_id[english_row()["sentence"]]
    assert (data["lang"][ar], data["prec"][ar]) == (1, 2)
    assert (data["lang"][en], data["prec"][en]) == (0, 1)


def test_bounds_fit_the_drawn_events(small_html):
    data = payload(small_html)
    (s, w), (n, e) = data["bounds"]
    assert (s, n) == (min(data["lat"]), max(data["lat"]))
    assert (w, e) == (min(data["lon"]), max(data["lon"]))


def test_no_external_script_or_stylesheet_is_needed(small_html):
    tags = parse(small_html)
    for tag, attrs in tags.tags:
        if tag == "script":
            assert "src" not in attrs, attrs
        if tag == "link":
            assert not re.match(r"(https?:)?//", attrs.get("href", "")), attrs
    assert "L.map(" in small_html  # folium's map, drawn by the inlined Leaflet
    assert "Leaflet 1.9.4" in small_html
    for name in ("cdn.jsdelivr", "code.jquery", "bootstrap", "awesome-markers"):
        assert name not in small_html


def test_attribution_credits_geonames_natural_earth_and_osm(small_html):
    attribution = payload(small_html)["attribution"]
    assert "GeoNames" in attribution and "CC BY 4.0" in attribution
    assert "Natural Earth" in attribution
    assert "OpenStreetMap" in small_html


def test_attribution_keeps_osm_credit_without_tiles(tmp_path):
    html = page(small_frame(), tmp_path, tiles=None)
    assert "OpenStreetMap" in payload(html)["attribution"]
    assert "tile.openstreetmap" not in html


def test_hostile_text_adds_no_element_and_survives_intact(small_html):
    tags = parse(small_html)
    assert not [t for t, _ in tags.tags if t in {"img", "svg", "iframe", "object"}]
    for _tag, attrs in tags.tags:
        assert not any("pwned" in (v or "") for v in attrs.values())
    # The only place the payload text may appear is inside the JSON data element.
    for attrs, text in tags.scripts:
        if "pwned" in text:
            assert attrs.get("type") == "application/json"
    for bad in ("</script><script>window", "<img src=x", "<svg onload"):
        assert bad not in small_html
    data = payload(small_html)
    assert HOSTILE_TEXT in data["strings"]  # lossless: escaped, not mangled
    assert "javascript:window.__pwned=1" in data["strings"]


def test_title_is_escaped_in_the_page_title(small_html):
    assert "<title>Small &lt;map&gt;</title>" in small_html
    assert payload(small_html)["mapTitle"] == "Small <map>"


@given(st.text())
def test_script_json_is_inert_in_html_and_lossless(text):
    out = script_json({"s": text, "l": [text]})
    for ch in "<>&\u2028\u2029":
        assert ch not in out
    assert json.loads(out) == {"s": text, "l": [text]}


def test_many_actors_are_grouped_by_type_when_types_are_given(tmp_path):
    rows = [
        english_row(event_id=str(i), actor1=f"Group {i}", actor2=None, actors=[f"Group {i}"])
        for i in range(20)
    ]
    rows.append(english_row(event_id="x", actors=["Group 1", "Group 2"]))
    gdf = conform(pd.DataFrame(rows))
    types = {f"Group {i}": ("Rebels" if i % 2 else "State forces") for i in range(19)}
    data = payload(page(gdf, tmp_path, actor_types=types))
    labels = {g["label"]: g for g in data["groups"]}
    assert set(labels) == {
        "Actors: Rebels",
        "Actors: State forces",
        "Actors: Other actors",
        "Unattributed",
    }
    assert labels["Actors: Other actors"]["actors"] == ["Group 19"]
    # Rebels are the odd groups 1..17, state forces the even 0..18; the extra event with
    # one of each counts once in both.
    assert labels["Actors: Rebels"]["count"] == 9 + 1
    assert labels["Actors: State forces"]["count"] == 10 + 1

    flat = payload(page(gdf, tmp_path))
    assert len(flat["groups"]) == 21
    counts = [g["count"] for g in flat["groups"][:-1]]
    assert counts == sorted(counts, reverse=True)


def test_reprojects_other_crs(tmp_path):
    gdf = small_frame().to_crs("EPSG:3857")
    data = build_payload(conform(gdf.to_crs("EPSG:4326")))
    via_render = payload(page(gdf, tmp_path))
    assert via_render["lat"] == pytest.approx(data["lat"], abs=1e-4)


def test_empty_frame_renders(tmp_path):
    data = payload(page(empty_frame(), tmp_path))
    assert data["lat"] == [] and data["bounds"] is None and data["dayMin"] is None


def test_bad_input_is_a_clear_error():
    with pytest.raises(InputError, match="GeoDataFrame"):
        render_map([{"latitude": 1}])
    with pytest.raises(InputError, match="statuses"):
        render_map(small_frame(), statuses=[1])


def test_save_map_is_atomic_and_overwrites(tmp_path):
    target = tmp_path / "out" / "m.html"
    save_map(render_map(small_frame()), target)
    first = target.read_text(encoding="utf-8")
    save_map(render_map(conform(pd.DataFrame([english_row()]))), target)
    assert target.read_text(encoding="utf-8") != first
    assert [p.name for p in target.parent.iterdir()] == ["m.html"]


def test_save_map_failure_is_export_error_and_leaves_old_file(tmp_path, monkeypatch):
    target = tmp_path / "m.html"
    target.write_text("old", encoding="utf-8")
    m = render_map(small_frame())

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("geomap.render.os.replace", boom)
    with pytest.raises(ExportError, match="disk full"):
        save_map(m, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["m.html"]


def test_accepts_plain_dataframe_and_geodataframe():
    frame = pd.DataFrame([english_row()])
    assert len(build_payload(conform(frame))["lat"]) == 1
    gdf = gpd.GeoDataFrame(conform(frame))
    assert render_map(gdf) is not None
