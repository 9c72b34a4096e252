"""The map in a real browser: headless Debian chromium driven by playwright, network blocked.

Skipped with a reason when playwright or chromium is missing (``.ci/run`` installs chromium
with apt when it can; never ``playwright install``, which downloads a browser build).
"""

from __future__ import annotations

import os
import shutil

import pytest
from .render_fixtures import HOSTILE_TEXT, arabic_row, english_row, hostile_row, small_frame

from geomap.render import render_map, save_map

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


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page on one map file, with its console errors collected."""

    def __init__(self, browser, path):
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
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
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.geomapStats && window.geomapStats.ready", timeout=30000)

    def stats(self) -> dict:
        return self.page.evaluate("window.geomapStats")

    def overlay(self, text: str):
        label = self.page.locator(".leaflet-control-layers-overlays label").filter(has_text=text)
        assert label.count() == 1, text
        return label.locator("input")

    def click_event(self, lat: float, lon: float):
        """Click the map where an event is drawn; return its popup."""
        # An open popup may cover the next marker: close it first.
        self.page.evaluate("() => { window.geomapMaps[0].closePopup(); }")
        self.page.locator(".leaflet-popup").wait_for(state="detached", timeout=5000)
        # As a person would: bring the event to the middle (a popup's auto-pan or a control
        # may have put it out of reach), then click it.
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
        popup = self.page.locator(".leaflet-popup-content .geomap-popup")
        popup.wait_for(timeout=5000)
        return popup

    def pwned(self):
        return self.page.evaluate("typeof window.__pwned")


@pytest.fixture()
def small(browser, tmp_path):
    path = save_map(render_map(small_frame(), title=HOSTILE_TEXT), tmp_path / "small.html")
    p = Page(browser, path)
    yield p
    p.page.close()


def drawable(frame) -> int:
    return int((frame.geometry.notna() & (frame["status"] == "reported")).sum())


def test_draws_every_located_event_without_errors(small):
    stats = small.stats()
    assert stats["drawable"] == drawable(small_frame())
    assert stats["drawn"] == stats["drawable"]
    assert small.page.locator(".leaflet-overlay-pane canvas").count() >= 1
    assert small.page.locator(".geomap-legend").count() == 1
    assert "GeoNames" in small.page.locator(".leaflet-control-attribution").inner_text()
    assert small.errors == []
    assert small.pwned() == "undefined"


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
    small.overlay("Type: Battles").uncheck()
    assert small.stats()["drawn"] == before - 1
    small.overlay("Markers").uncheck()
    assert small.stats()["drawn"] == 0
    small.overlay("Markers").check()
    assert small.stats()["drawn"] == before - 1


def test_time_slider_changes_what_is_shown(small):
    page = small.page
    before = small.stats()["drawn"]
    # Move "from" to the latest date: only the latest event (and undated ones) remain.
    page.evaluate(
        "() => { const s = document.querySelector('.geomap-from');"
        " s.value = s.max; s.dispatchEvent(new Event('input')); }"
    )
    latest = small.stats()["drawn"]
    assert 0 < latest < before
    page.locator(".geomap-undated").uncheck()
    assert small.stats()["drawn"] == latest - 1  # the undated "noactor" event
    page.evaluate(
        "() => { const s = document.querySelector('.geomap-from');"
        " s.value = s.min; s.dispatchEvent(new Event('input')); }"
    )
    page.locator(".geomap-undated").check()
    assert small.stats()["drawn"] == before
    assert small.errors == []


def test_cluster_and_heatmap_layers(small):
    visible = small.stats()["visible"]
    small.overlay("Clusters").check()
    small.overlay("Heatmap").check()
    stats = small.stats()
    assert stats["clustered"] == visible and stats["heatPoints"] == visible
    small.overlay("Type: Battles").uncheck()
    stats = small.stats()
    assert stats["clustered"] == visible - 1 and stats["heatPoints"] == visible - 1
    assert small.errors == []


def test_hostile_popup_is_text_and_links_only_http(small):
    row = hostile_row()
    popup = small.click_event(row["latitude"], row["longitude"])
    text = popup.inner_text()
    assert HOSTILE_TEXT.split("\u2028")[0] in popup.evaluate("e => e.textContent")
    assert "Type" in text and "Precision" in text
    assert popup.locator("img, svg, script, iframe").count() == 0
    hrefs = popup.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs == ["https://example.org/%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E"]
    # Non-http sources are shown as text, not links.
    assert "javascript:window.__pwned=1" in text
    assert small.pwned() == "undefined"
    assert small.errors == []


def test_arabic_popup_is_right_to_left_and_english_links(small):
    ar = arabic_row()
    popup = small.click_event(ar["latitude"], ar["longitude"])
    sentence = popup.locator(".geomap-sentence")
    assert sentence.get_attribute("dir") == "rtl"
    assert sentence.inner_text() == ar["sentence"]
    assert "Turkish Armed Forces" in popup.inner_text()
    en = english_row()
    popup = small.click_event(en["latitude"], en["longitude"])
    assert popup.locator(".geomap-sentence").get_attribute("dir") == "ltr"
    assert "Syrian Democratic Forces \u2192 Islamic State" in popup.inner_text()
    links = popup.locator("a").evaluate_all("as => as.map(a => [a.href, a.rel])")
    assert links == [[en["sources"][0], "noopener noreferrer nofollow"]]
    assert "wire-123.txt" in popup.inner_text()


def test_offline_basemap_is_drawn(small):
    # The Natural Earth outlines live in their own pane, under the (blocked) tiles.
    assert small.page.locator(".leaflet-geomapBasemap-pane canvas").count() == 1
    assert (
        small.page.locator(".leaflet-control-attribution").inner_text().count("Natural Earth") == 1
    )


def test_zoom_and_pan_redraw_the_markers(small):
    page = small.page
    total = small.stats()["drawn"]
    ar = arabic_row()
    page.evaluate(
        "([lat, lon]) => { window.geomapMaps[0].setView([lat, lon], 14, {animate: false}); }",
        [ar["latitude"], ar["longitude"]],
    )
    page.wait_for_function(f"window.geomapStats.drawn < {total}")
    # At zoom 14 around al-Bab only al-Bab is within the painted area.
    assert small.stats()["drawn"] == 1
    page.evaluate("() => { const m = window.geomapMaps[0]; m.setZoom(5, {animate: false}); }")
    page.wait_for_function(f"window.geomapStats.drawn === {total}")
    popup = small.click_event(ar["latitude"], ar["longitude"])
    assert "Turkish Armed Forces" in popup.inner_text()
    assert small.errors == []
