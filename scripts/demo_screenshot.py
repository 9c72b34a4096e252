"""Render the demo map (a few events around Aleppo) and screenshot it in headless chromium.

    python scripts/demo_screenshot.py   # writes maps/demo_screenshot.png

The network is blocked, as on an offline machine: what shows is the Natural Earth basemap,
the markers, the controls and an open Arabic popup.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from geomap.render import render_map, save_map

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# the tests' fixtures, importable once tests/ is on the path
from render_fixtures import arabic_row, demo_frame  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    tmp = tempfile.TemporaryDirectory(prefix="geomap_demo_")
    html = save_map(
        render_map(demo_frame(), title="Demo: northern Syria"), Path(tmp.name) / "demo.html"
    )
    png = ROOT / "maps" / "demo_screenshot.png"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        page.goto(html.as_uri())
        page.wait_for_function("window.geomapStats && window.geomapStats.ready")
        ar = arabic_row()
        x, y = page.evaluate(
            "([lat, lon]) => { const m = window.geomapMaps[0];"
            " const p = m.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
            [ar["latitude"], ar["longitude"]],
        )
        page.mouse.click(x, y)
        page.locator(".geomap-popup").wait_for()
        page.wait_for_timeout(500)  # popup fade-in and auto-pan
        page.screenshot(path=str(png))
        browser.close()
    tmp.cleanup()
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
