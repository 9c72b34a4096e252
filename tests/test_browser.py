"""The map in a real browser: headless Debian chromium driven by playwright, network blocked.

One browser and one page per module: each test starts from the map file freshly loaded
(``reset``), which costs a page load instead of a browser start-up.

Skipped with a reason when playwright or chromium is missing (``.ci/run`` installs chromium
with apt when it can; never ``playwright install``, which downloads a browser build).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil

import pandas as pd
import pytest

from geomap.render import render_map, save_map
from geomap.schema import conform

from .render_fixtures import (
    HOSTILE_TEXT,
    arabic_row,
    english_row,
    hostile_row,
    small_frame,
)

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
)
CHROMIUM = os.environ.get("GEOMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip(
        "chromium is not installed (apt-get install chromium); browser tests skipped",
        allow_module_level=True,
    )

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: Tile requests are aborted by the test; the browser logs each as a failed resource.
BLOCKED = "Failed to load resource"
FORMULA = '=HYPERLINK("https://evil.example/","click")'


def browser_frame() -> pd.DataFrame:
    """small_frame plus: two events at one spot, an approximate date, a denied event,
    a country-level event, a formula-looking actor, and fatalities."""
    base = small_frame()
    extra = conform(
        pd.DataFrame(
            [
                english_row(
                    event_id="same-spot",
                    event_date="2016-08-14",
                    sentence="A second clash in Manbij two days later.",
                    actor1=FORMULA,
                    actors=[FORMULA],
                    actor2=None,
                ),
                english_row(
                    event_id="approx",
                    event_date="2017-01-15",
                    time_precision=3,
                    latitude=35.1318,
                    longitude=36.7578,
                    place_name="Hama",
                    mention="Hama",
                    event_type="Protests",
                    sub_event_type="Peaceful protest",
                    actor1="Protesters (Syria)",
                    actors=["Protesters (Syria)"],
                    actor2=None,
                    sentence="Protests took place in Hama some time in January.",
                ),
                english_row(
                    event_id="country",
                    event_date="2017-05-01",
                    latitude=35.0,
                    longitude=38.0,
                    geo_precision=3,
                    place_name="Syria",
                    mention="Syria",
                    sentence="Fighting went on across Syria.",
                ),
                english_row(event_id="denied", status="denied", latitude=36.1, longitude=38.2),
            ]
        )
    )
    frame = conform(pd.concat([base, extra], ignore_index=True))
    frame["fatalities"] = [3, None, 0, None, None, None, 12, None, None, None]
    return frame


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """One page on one map file, reloaded between tests, with its console errors collected."""

    def __init__(self, browser, path, width=1200, height=800):
        self.path = path
        self.errors: list[str] = []
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(m.text) if m.type == "error" and BLOCKED not in m.text else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        # No network: everything that is not the file itself is refused.
        self.page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        self.reset()

    def reset(self, fragment: str = ""):
        """Load the map afresh (a blank page first, so a fragment-only change reloads too)."""
        self.page.goto("about:blank")
        self.errors.clear()
        self.page.goto(self.path.as_uri() + fragment)
        self.page.wait_for_function("window.geomapStats && window.geomapStats.ready", timeout=30000)

    def stats(self) -> dict:
        return self.page.evaluate("window.geomapStats")

    def overlay(self, text: str):
        self.expand_layers()
        label = self.page.locator(".leaflet-control-layers-overlays label").filter(has_text=text)
        assert label.count() == 1, text
        return label.locator("input")

    def expand_layers(self):
        """Open the (folded) layer control as a person does: hover it, then wait a moment
        (Leaflet ignores a click in the same tick as the hover that unfolded it)."""
        if self.page.locator(".leaflet-control-layers-expanded").count() == 0:
            self.page.evaluate("() => { geomapApi.control.expand(); }")
            self.page.locator(".leaflet-control-layers-list").hover(position={"x": 5, "y": 5})
            self.page.wait_for_timeout(50)

    def count_of(self, text: str) -> int:
        label = self.page.locator(".leaflet-control-layers-overlays label").filter(has_text=text)
        return int(label.locator(".geomap-n").inner_text())

    def click_event(self, lat: float, lon: float):
        """Click the map where an event is drawn; return its popup."""
        self.page.evaluate("() => { window.geomapMaps[0].closePopup(); }")
        self.page.locator(".leaflet-popup").wait_for(state="detached", timeout=5000)
        # As a person would: bring the event to the middle, then click it.
        self.page.evaluate(
            "([lat, lon]) => { window.geomapMaps[0].panTo([lat, lon], {animate: false}); }",
            [lat, lon],
        )
        self.page.wait_for_timeout(100)
        pt = self.page.evaluate(
            "([lat, lon]) => { const m = window.geomapMaps[0];"
            " const p = m.latLngToContainerPoint([lat, lon]);"
            " const r = m.getContainer().getBoundingClientRect();"
            " return [p.x + r.left, p.y + r.top]; }",
            [lat, lon],
        )
        self.page.mouse.click(*pt)
        popup = self.page.locator(".leaflet-popup-content .geomap-popup").first
        popup.wait_for(timeout=15000)  # generous: CI machines may be busy
        return popup

    def search(self, text: str):
        """Type into the search box and wait until the (debounced) filter has run."""
        self.page.locator(".geomap-search").fill(text)
        self.page.wait_for_function("q => geomapApi.state.q === q", arg=text)

    def pwned(self):
        return self.page.evaluate("typeof window.__pwned")


@pytest.fixture(scope="module")
def map_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "small.html"
    return save_map(render_map(browser_frame(), title=HOSTILE_TEXT), path)


@pytest.fixture(scope="module")
def shared(browser, map_file):
    p = Page(browser, map_file)
    yield p
    p.context.close()


@pytest.fixture()
def small(shared):
    shared.reset()
    yield shared
    assert shared.pwned() == "undefined"


def reported_located(frame) -> int:
    return int((frame.geometry.notna() & (frame["status"] == "reported")).sum())


# --- drawing, layers, counts -------------------------------------------------------------


def test_draws_every_reported_located_event_and_says_what_is_left_out(small):
    frame = browser_frame()
    stats = small.stats()
    located = int(frame.geometry.notna().sum())
    assert stats["drawable"] == located  # planned and denied travel as their own layers
    assert stats["drawn"] == stats["visible"] == reported_located(frame)
    summary = small.page.locator(".geomap-summary").inner_text()
    assert summary.startswith(f"{reported_located(frame)} of {len(frame)} events on the map")
    assert "1 without a place" in summary
    assert "1 planned (layer off)" in summary and "1 denied (layer off)" in summary
    assert small.page.locator(".geomap-legend").count() == 1
    assert "GeoNames" in small.page.locator(".leaflet-control-attribution").inner_text()
    assert small.errors == []


def test_planned_and_denied_are_layers_off_by_default(small):
    before = small.stats()["drawn"]
    assert small.count_of("Planned events") == 1
    small.overlay("Planned events").check()
    assert small.stats()["drawn"] == before + 1
    small.overlay("Denied events").check()
    assert small.stats()["drawn"] == before + 2
    assert "planned (layer off)" not in small.page.locator(".geomap-summary").inner_text()


def test_layer_control_toggles_an_actors_markers(small):
    before = small.stats()["drawn"]
    box = small.overlay("Actor: Turkish Armed Forces")
    box.uncheck()
    # The Arabic event has that actor only: it goes; events of other actors stay.
    assert small.stats()["drawn"] == before - 1
    box.check()
    assert small.stats()["drawn"] == before
    small.overlay("Unattributed").uncheck()
    assert small.stats()["drawn"] == before - 1
    assert small.errors == []


def test_type_overlay_and_markers_overlay(small):
    before = small.stats()["drawn"]
    battles = small.count_of("Type: Battles")
    small.overlay("Type: Battles").uncheck()
    assert small.stats()["drawn"] == before - battles
    small.overlay("Markers").uncheck()
    assert small.stats()["drawn"] == 0
    small.overlay("Markers").check()
    assert small.stats()["drawn"] == before - battles


def test_counts_in_control_legend_and_list_follow_the_time_filter(small):
    page = small.page
    battles = small.count_of("Type: Battles")
    legend = page.locator(".geomap-legend div").filter(has_text="Battles").first.inner_text()
    assert f"({battles})" in legend
    assert page.locator(".geomap-list-count").inner_text().startswith(str(small.stats()["visible"]))
    # Only 2017 onwards: the 2016 Manbij battles drop out of every count.
    page.evaluate("() => geomapApi.setRange(17167, 99999)")  # 2017-01-01
    after = small.count_of("Type: Battles")
    assert after < battles
    legend = page.locator(".geomap-legend div").filter(has_text="Battles").first.inner_text()
    assert f"({after})" in legend
    visible = small.stats()["visible"]
    assert page.locator(".geomap-list-count").inner_text().startswith(str(visible))
    assert small.stats()["listed"] == visible
    assert small.errors == []


def test_time_slider_changes_what_is_shown(small):
    page = small.page
    before = small.stats()["drawn"]
    page.evaluate(
        "() => { const s = document.querySelector('.geomap-from');"
        " s.value = s.max; s.dispatchEvent(new Event('input')); }"
    )
    latest = small.stats()["drawn"]
    assert 0 < latest < before
    page.locator(".geomap-undated").uncheck()
    assert small.stats()["drawn"] == latest - 1  # the undated "noactor" event
    page.locator(".geomap-time-all").click()
    page.locator(".geomap-undated").check()
    assert small.stats()["drawn"] == before
    assert small.errors == []


def test_timeline_brush_sets_the_time_filter(small):
    page = small.page
    before = small.stats()["visible"]
    start = page.evaluate("geomapApi.state.from")
    box = page.locator(".geomap-timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    # Drag over the right half of the timeline (2017 and later).
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=4)
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=2)
    page.mouse.up()
    state = page.evaluate("geomapApi.state")
    assert state["from"] > start
    visible = small.stats()["visible"]
    assert 0 < visible < before
    label = page.locator(".geomap-time-label").inner_text()
    assert "per week" in label or "per month" in label or "per day" in label
    # The tooltip names the types as text, the hostile one included.
    tips = []
    for k in range(int(box["width"]) - 1, 0, -4):  # every few pixels, from the right
        page.mouse.move(box["x"] + k, y)
        tips.append(page.locator(".geomap-tip").inner_text())
    assert any(HOSTILE_TEXT[:30] in t for t in tips), tips[-3:]
    assert page.locator(".geomap-time img, .geomap-time script, .geomap-time svg").count() == 0
    page.locator(".geomap-time-all").click()
    assert small.stats()["visible"] == before


def test_cluster_and_heatmap_layers(small):
    visible = small.stats()["visible"]
    small.overlay("Clusters").check()
    small.overlay("Heatmap").check()
    stats = small.stats()
    assert stats["clustered"] == visible and stats["heatPoints"] == visible
    battles = small.count_of("Type: Battles")
    small.overlay("Type: Battles").uncheck()
    stats = small.stats()
    assert stats["clustered"] == visible - battles and stats["heatPoints"] == visible - battles
    assert small.errors == []


def test_no_tiles_then_clusters_then_a_type_does_not_freeze(small):
    """#18: "No tiles", tick "Clusters", untick a Type or Actor layer froze the tab."""
    page = small.page
    small.expand_layers()
    page.locator(".leaflet-control-layers-base label").filter(has_text="Offline map").locator(
        "input"
    ).check()
    small.overlay("Clusters").check()
    small.overlay("Type: Battles").uncheck()
    small.overlay("Actor: Turkish Armed Forces").uncheck()
    # A frozen tab never answers this evaluate (playwright times out).
    stats = page.evaluate("window.geomapStats")
    assert stats["clustered"] == stats["visible"]
    assert page.evaluate("window.geomapMaps[0].getMaxZoom()") <= 18
    assert small.errors == []


def test_seed_map_from_the_cli_survives_no_tiles_clusters_and_a_layer_off(browser, tmp_path):
    """#18 as reported: the seed map made by `geomap map`, "No tiles", "Clusters", a layer off."""
    from click.testing import CliRunner

    from geomap.cli import main

    from .conftest import SEEDS

    out = tmp_path / "seed.html"
    res = CliRunner().invoke(main, ["map", str(SEEDS), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    seed = Page(browser, out)
    try:
        page = seed.page
        seed.expand_layers()
        base = page.locator(".leaflet-control-layers-base label").filter(has_text="Offline map")
        base.locator("input").check()
        seed.overlay("Clusters").check()
        seed.overlay("Type: Battles").uncheck()
        seed.overlay("Actor: Turkey").uncheck()
        stats = page.evaluate("window.geomapStats")  # a frozen tab never answers
        assert 0 < stats["clustered"] == stats["visible"] < stats["drawable"]
        assert seed.errors == []
    finally:
        seed.context.close()


# --- basemap ------------------------------------------------------------------------------


def test_offline_basemap_with_labels_borders_and_a_fallback_notice(small):
    page = small.page
    assert page.locator(".leaflet-geomapBasemap-pane canvas").count() == 1
    # The blocked tiles fail: the page switches to the offline map and says so once.
    page.wait_for_function("window.geomapStats.tilesFailed", timeout=10000)
    assert page.locator(".geomap-notice").count() == 1
    assert "offline" in page.locator(".geomap-notice").inner_text()
    offline = page.locator(".leaflet-control-layers-base label").filter(has_text="Offline map")
    assert offline.locator("input").is_checked()
    stats = small.stats()
    assert stats["labelsDrawn"] > 5
    assert "Aleppo" in stats["labelSample"]
    # The page's language switch: Arabic names.
    page.locator(".geomap-lang button[data-lang=ar]").click()
    assert "\u062d\u0644\u0628" in small.stats()["labelSample"]  # حلب
    # Zooming in shows more places.
    page.evaluate("() => { window.geomapMaps[0].setView([36.2, 37.15], 10, {animate: false}); }")
    assert page.evaluate("window.geomapStats.labelsDrawn") > 0
    assert page.locator(".leaflet-control-attribution").inner_text().count("Natural Earth") == 1


def test_first_level_borders_are_embedded(map_file):
    from .test_render import payload

    data = payload(map_file.read_text(encoding="utf-8"))
    assert len(data["borders"]) > 5
    assert "Aleppo" in data["labels"]["name"]


# --- popups -------------------------------------------------------------------------------


def test_hostile_popup_is_text_and_links_only_http(small):
    row = hostile_row()
    popup = small.click_event(row["latitude"], row["longitude"])
    text = popup.inner_text()
    assert HOSTILE_TEXT.split("\u2028")[0] in popup.evaluate("e => e.textContent")
    assert "Type" in text and "Precision" in text
    assert popup.locator("img, svg, script, iframe").count() == 0
    hrefs = popup.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs == ["https://example.org/%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E"]
    assert "javascript:window.__pwned=1" in text
    assert small.errors == []


def test_arabic_popup_is_right_to_left_and_english_links(small):
    ar = arabic_row()
    popup = small.click_event(ar["latitude"], ar["longitude"])
    sentence = popup.locator(".geomap-sentence")
    assert sentence.get_attribute("dir") == "rtl"
    assert sentence.inner_text() == ar["sentence"]
    assert "Turkish Armed Forces" in popup.inner_text()


def test_several_events_at_one_spot_share_one_popup(small):
    en = english_row()
    small.click_event(en["latitude"], en["longitude"])
    box = small.page.locator(".leaflet-popup-content .geomap-multi")
    assert box.count() == 1
    assert box.locator(".geomap-title").first.inner_text() == "2 events at this spot"
    assert box.locator("details").count() == 2
    text = box.inner_text()
    assert "Syrian Democratic Forces \u2192 Islamic State" in text
    links = box.locator("a").evaluate_all("as => as.map(a => [a.href, a.rel])")
    assert [en["sources"][0], "noopener noreferrer nofollow"] in links


def test_precision_is_shown_honestly(small):
    popup = small.click_event(35.1318, 36.7578)  # "approx": January 2017, month precision
    assert "about January 2017" in popup.inner_text()
    popup = small.click_event(35.0, 38.0)  # placed at country level
    text = popup.inner_text()
    assert "region or country level" in text and "not at this point" in text
    rows = small.page.locator(".geomap-row[data-i]").all_inner_texts()
    assert any("~2017-01" in r for r in rows)


# --- the list -----------------------------------------------------------------------------


def test_list_is_in_sync_with_the_map_both_ways(small):
    page = small.page
    stats = small.stats()
    assert stats["listed"] == stats["visible"]
    rows = page.locator(".geomap-row[data-i]")
    assert rows.count() == stats["visible"]
    # Sorted by date, newest first; a click on the header reverses it.
    dates = [r.split("\n")[0] for r in rows.all_inner_texts()]
    assert dates[0] >= dates[1]
    page.locator(".geomap-row-head button[data-sort=date]").click()
    first = page.locator(".geomap-row[data-i]").first.inner_text().split("\n")[0]
    assert first == "undated" or first <= dates[0]
    # List -> map: a row flies to its event and opens its popup.
    ar_row = page.locator(".geomap-row[data-i]").filter(has_text="Al-Bab")
    ar_row.first.click()
    popup = page.locator(".leaflet-popup-content .geomap-popup")
    popup.wait_for(timeout=5000)
    assert "Turkish Armed Forces" in popup.inner_text()
    assert page.evaluate("window.geomapMaps[0].getZoom()") >= 10
    # Map -> list: clicking an event marks its row.
    raqqa = small.click_event(35.95, 39.01)
    assert "Raqqa" in raqqa.inner_text()
    selected = page.locator(".geomap-row.geomap-selected")
    assert selected.count() == 1 and "Raqqa" in selected.inner_text()
    # Restrict to the view: zoomed on Raqqa only Raqqa's event is listed.
    page.locator(".geomap-restrict").check()
    page.evaluate("() => { window.geomapMaps[0].setView([35.95, 39.01], 12, {animate: false}); }")
    assert small.stats()["listed"] == 1
    page.locator(".geomap-restrict").uncheck()
    assert small.stats()["listed"] == small.stats()["visible"]


def test_search_over_actors_places_and_text_filters_everything(small):
    page = small.page
    before = small.stats()["visible"]
    small.search("islamic state")  # an actor
    stats = small.stats()
    assert stats["listed"] == stats["visible"] == stats["drawn"]
    assert 1 <= stats["visible"] < before
    small.search("مدينة الباب")  # Arabic text in the sentence
    assert small.stats()["visible"] == 1
    small.search("raqqa")  # a place name
    assert small.stats()["visible"] == 1
    # Hostile search text is a plain substring: it finds the hostile event, runs nothing.
    small.search('<img src=x onerror="window.__pwned=1">')
    assert small.stats()["visible"] == 1
    panel = page.locator(".geomap-panel")
    assert panel.locator("img, script, svg, iframe").count() == 0
    assert HOSTILE_TEXT.split("\u2028")[0][:40] in panel.inner_text()
    assert small.errors == []


def test_empty_selection_says_so(small):
    page = small.page
    small.search("no event says this")
    assert small.stats()["visible"] == 0
    assert page.locator(".geomap-empty").is_visible()
    assert "No events match" in page.locator(".geomap-empty").inner_text()
    assert page.locator(".geomap-list-empty").is_visible()
    page.locator(".geomap-empty button").click()
    assert small.stats()["visible"] > 0
    assert not page.locator(".geomap-empty").is_visible()


# --- share and take away --------------------------------------------------------------------


def test_filters_and_view_live_in_the_url_fragment(small):
    page = small.page
    small.overlay("Type: Battles").uncheck()
    small.overlay("Planned events").check()
    small.search("manbij")
    page.evaluate("() => { window.geomapMaps[0].setView([36.4, 37.8], 9, {animate: false}); }")
    page.wait_for_function("location.hash.includes('q=manbij') && location.hash.includes(',9')")
    fragment = page.evaluate("location.hash")
    expected = small.stats()["visible"]
    small.reset(fragment)
    assert small.stats()["visible"] == expected
    assert page.evaluate("window.geomapMaps[0].getZoom()") == 9
    assert page.locator(".geomap-search").input_value() == "manbij"
    assert not small.overlay("Type: Battles").is_checked()
    assert small.overlay("Planned events").is_checked()
    # A hostile fragment is data, not code.
    small.reset("#q=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E&t=abc&v=1,2,x")
    assert small.pwned() == "undefined"
    assert small.errors == []


def _download(page, button: str) -> str:
    with page.expect_download() as info:
        page.locator(button).click()
    return open(info.value.path(), encoding="utf-8").read()


def test_download_shown_events_as_geojson_and_csv(small):
    page = small.page
    visible = small.stats()["visible"]
    geo = json.loads(_download(page, ".geomap-dl-geojson"))
    assert len(geo["features"]) == visible
    props = {f["properties"]["event_id"]: f["properties"] for f in geo["features"]}
    assert props[HOSTILE_TEXT]["sentence"] == HOSTILE_TEXT
    assert props["en-1"]["fatalities"] == 3
    text = _download(page, ".geomap-dl-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == visible
    by_id = {r["event_id"]: r for r in rows}
    # Formula cells escaped as the exporter does; hostile text stays text.
    assert by_id["same-spot"]["actor1"] == "'" + FORMULA
    assert by_id[HOSTILE_TEXT]["sentence"] == HOSTILE_TEXT
    # After a filter, only the shown events go.
    small.overlay("Type: Battles").uncheck()
    rows = list(csv.DictReader(io.StringIO(_download(page, ".geomap-dl-csv"))))
    assert len(rows) == small.stats()["visible"] < visible
    assert small.errors == []


# --- small screens ------------------------------------------------------------------------


def test_usable_on_a_390px_phone(browser, map_file):
    phone = Page(browser, map_file, width=390, height=800)
    try:
        page = phone.page
        # The layer control is folded, the list is a closed drawer.
        assert page.locator(".leaflet-control-layers-expanded").count() == 0
        assert not page.locator(".geomap-panel").is_visible()
        toggle = page.locator(".geomap-drawer-toggle")
        assert toggle.is_visible()
        assert toggle.inner_text() == f"List ({phone.stats()['visible']})"
        toggle.click()
        page.wait_for_timeout(300)
        assert page.locator(".geomap-panel").is_visible()
        box = page.locator(".geomap-panel").bounding_box()
        assert box["width"] <= 390
        # A row closes the drawer and opens the event's popup on the map.
        page.locator(".geomap-row[data-i]").filter(has_text="Raqqa").first.click()
        popup = page.locator(".leaflet-popup-content .geomap-popup")
        popup.wait_for(timeout=5000)
        assert popup.bounding_box()["width"] <= 390
        # Nothing is wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert phone.errors == []
    finally:
        phone.context.close()


def test_zoom_and_pan_redraw_the_markers(small):
    page = small.page
    total = small.stats()["drawn"]
    ar = arabic_row()
    page.evaluate(
        "([lat, lon]) => { window.geomapMaps[0].setView([lat, lon], 14, {animate: false}); }",
        [ar["latitude"], ar["longitude"]],
    )
    page.wait_for_function(f"window.geomapStats.drawn < {total}")
    assert small.stats()["drawn"] == 1
    page.evaluate("() => { const m = window.geomapMaps[0]; m.setZoom(5, {animate: false}); }")
    page.wait_for_function(f"window.geomapStats.drawn === {total}")
    popup = small.click_event(ar["latitude"], ar["longitude"])
    assert "Turkish Armed Forces" in popup.inner_text()
    assert small.errors == []
