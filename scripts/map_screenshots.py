"""Screenshot map pages at country and town zoom, desktop and phone width, network cut.

    geomap map seeds/ -o /tmp/seed.html --title "Seed article"
    geomap import ucdp ../shared/eval/events/ucdp_ged_syria_2016_2019.csv -o /tmp/ucdp.geojson
    geomap map /tmp/ucdp.geojson -o /tmp/ucdp.html --title "UCDP GED: Syria 2016-2019"
    python scripts/map_screenshots.py seed /tmp/seed.html 36.37,37.52 ucdp /tmp/ucdp.html 36.2,37.15

writes ``maps/NAME-{country,town}-{desktop,phone}.png`` (palette PNGs, to stay small). The
town view is opened through the URL fragment (``#v=lat,lon,zoom``), as a shared link would.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"desktop": (1280, 800), "phone": (390, 780)}
TOWN_ZOOM = 11


def shoot(page, url: str, png: Path) -> None:
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_function("window.geomapStats && window.geomapStats.ready", timeout=120000)
    page.wait_for_function("window.geomapStats.tilesFailed", timeout=20000)
    page.wait_for_timeout(400)
    page.screenshot(path=str(png))
    try:  # a palette PNG is a third of the size; Pillow is optional
        from PIL import Image

        Image.open(png).convert("RGB").quantize(colors=256).save(png, optimize=True)
    except ImportError:
        pass
    print(f"wrote {png.relative_to(ROOT)} ({png.stat().st_size // 1024} KB)")


def main(argv: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    if len(argv) % 3:
        raise SystemExit(
            "usage: map_screenshots.py NAME MAP.html LAT,LON [NAME MAP.html LAT,LON ...]"
        )
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for k in range(0, len(argv), 3):
            name, html, town = argv[k], Path(argv[k + 1]).resolve(), argv[k + 2]
            for size, (w, h) in SIZES.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
                )
                shoot(page, html.as_uri(), ROOT / "maps" / f"{name}-country-{size}.png")
                url = f"{html.as_uri()}#v={town},{TOWN_ZOOM}"
                shoot(page, url, ROOT / "maps" / f"{name}-town-{size}.png")
                page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
