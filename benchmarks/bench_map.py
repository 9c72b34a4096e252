"""Benchmark the map page: file size, Python render time, time to first drawn markers, time
from opening the page until a click on an event opens its popup, and time for a filter change
to redraw map + event list + timeline.

Synthetic events (deterministic random points in Syria/Iraq) at 1k, 10k and 100k (add 1000000
with ``--sizes``; it takes minutes on a 2-core machine, so it is not in the default run), rendered
by :func:`geomap.render.render_map`, opened in headless Debian chromium (playwright, network
blocked). Targets at 100k (issue #15): first popup <= 2 s, filter change <= 200 ms,
file <= 25 MB. The baseline, at 1k
only, is folium's naive approach: one ``folium.CircleMarker`` with a ``folium.Popup`` per
event in one FeatureGroup per event type, with Leaflet inlined too so it can draw offline.

    python benchmarks/bench_map.py            # prints a table, writes benchmarks/results/map.md
    python benchmarks/bench_map.py --sizes 1000 10000 --no-browser
    python benchmarks/bench_map.py --sizes 1000 10000 100000 1000000   # with 1M
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from geomap.render import TYPE_COLORS, _asset, render_map, save_map
from geomap.schema import conform

RESULTS = Path(__file__).resolve().parent / "results" / "map.md"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TIMEOUT_MS = 120_000
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

ACTORS = [f"Armed group {i:02d}" for i in range(24)] + [
    "Syrian Arab Army",
    "Islamic State",
    "Syrian Democratic Forces",
    "Civilians",
    "Turkish Armed Forces",
    "Iraqi Security Forces",
]
TYPES = list(TYPE_COLORS)


def synthetic_events(n: int, seed: int = 20240601) -> pd.DataFrame:
    """``n`` events with points in Syria/Iraq, dates over ten years, mixed languages."""
    rng = np.random.default_rng(seed)
    lat = rng.uniform(32.0, 37.3, n)
    lon = rng.uniform(35.7, 48.5, n)
    day0 = np.datetime64("2014-01-01")
    dates = (day0 + rng.integers(0, 3650, n).astype("timedelta64[D]")).astype(str)
    types = rng.integers(0, len(TYPES), n)
    a1 = rng.integers(0, len(ACTORS), n)
    a2 = rng.integers(-8, len(ACTORS), n)  # negative: no second actor
    prec = rng.integers(1, 4, n)
    arabic = rng.random(n) < 0.5
    rows = []
    for i in range(n):
        actors = [ACTORS[a1[i]]] + ([ACTORS[a2[i]]] if a2[i] >= 0 and a2[i] != a1[i] else [])
        if i % 50 == 0:
            actors = []
        sentence = (
            f"اشتباكات بين {actors[0] if actors else 'مجهولين'} قرب القرية رقم {i} في الريف."
            if arabic[i]
            else f"Clashes involving {actors[0] if actors else 'unknown gunmen'} near village {i}."
        )
        rows.append(
            {
                "event_id": f"e{i}",
                "event_date": dates[i],
                "event_type": TYPES[types[i]],
                "sub_event_type": "Armed clash",
                "status": "reported",
                "actor1": actors[0] if actors else None,
                "actor2": actors[1] if len(actors) > 1 else None,
                "actors": actors,
                "place_name": f"Village {i}",
                "latitude": float(lat[i]),
                "longitude": float(lon[i]),
                "geo_precision": int(prec[i]),
                "language": "ar" if arabic[i] else "en",
                "source": f"https://example.org/a/{i // 20}",
                "sources": [f"https://example.org/a/{i // 20}"],
                "title": f"Article {i // 20}",
                "sentence": sentence,
            }
        )
    return conform(pd.DataFrame(rows))


def _script_at(ref: str) -> str:
    """geomap-map.js as of a git commit, escaped as the page inlines it."""
    import subprocess

    text = subprocess.run(
        ["git", "show", f"{ref}:geomap/render_assets/geomap-map.js"],
        cwd=Path(__file__).resolve().parents[1],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def _with_script(page: Path, script: str, out: Path) -> Path:
    """A copy of ``page`` drawn by another geomap-map.js (same data, same everything else)."""
    text = page.read_text(encoding="utf-8")
    new_js = _asset("geomap-map.js")
    if new_js not in text:
        raise RuntimeError("the page does not inline geomap-map.js verbatim")
    out.write_text(text.replace(new_js, script), encoding="utf-8")
    return out


def naive_folium(gdf, path: Path) -> None:
    """The baseline: per-marker folium objects (with Leaflet inlined so it draws offline)."""
    import folium
    from branca.element import Element

    m = folium.Map(location=[34.8, 42.0], zoom_start=6, tiles=None)
    m.default_js = []
    m.default_css = []
    # folium's Popup builds its content with jQuery's $(html)[0]; a two-line stand-in keeps
    # the baseline offline without adding jQuery's load time to it.
    shim = (
        "window.$ = function (s) { var t = document.createElement('template');"
        " t.innerHTML = s.trim(); return [t.content.firstChild]; };"
    )
    m.get_root().header.add_child(
        Element(
            f"<style>{_asset('leaflet.css')}</style><script>{_asset('leaflet.js')}</script>"
            f"<script>{shim}</script>"
        ),
        name="inline_leaflet",
    )
    groups = {t: folium.FeatureGroup(name=t).add_to(m) for t in TYPES}
    for row in gdf.itertuples():
        text = f"<b>{html.escape(row.event_type)}</b><br>{html.escape(row.sentence)}"
        folium.CircleMarker(
            [row.latitude, row.longitude],
            radius=5,
            color=TYPE_COLORS[row.event_type],
            fill=True,
            popup=folium.Popup(text, max_width=300),
        ).add_to(groups[row.event_type])
    folium.LayerControl().add_to(m)
    m.save(str(path))


def browser_times(paths: dict[str, tuple[Path, str, int]]) -> dict[str, dict]:
    """Open each file with the network cut; per key: wall seconds until the markers are drawn,
    the in-page ms, and for geomap maps the seconds from opening until a click on an event
    opens its popup, and the ms a filter change takes to redraw map + list + timeline."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for key, (path, kind, n) in paths.items():
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.route(
                "**/*",
                lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
            )
            t0 = time.perf_counter()
            page.goto(path.as_uri(), wait_until="commit", timeout=TIMEOUT_MS)
            row: dict = {}
            if kind in ("geomap", "before"):
                page.wait_for_function(
                    "window.geomapStats && window.geomapStats.ready", timeout=TIMEOUT_MS
                )
                row["ms"] = page.evaluate("window.geomapStats.readyMs")
                drawn = page.evaluate("window.geomapStats.visible")
                row["wall"] = time.perf_counter() - t0
                if kind == "before":
                    drawn = page.evaluate("window.geomapStats.drawn")
                    out[key] = row
                    page.close()
                    if drawn != n:
                        raise RuntimeError(f"{key}: {drawn} events shown, expected {n}")
                    continue
                # A click where an event is drawn (the map's centre event), as a person would.
                x, y = page.evaluate(FIND_EVENT)
                page.mouse.click(x, y)
                page.locator(".leaflet-popup-content .geomap-popup").first.wait_for(
                    timeout=TIMEOUT_MS
                )
                row["popup"] = time.perf_counter() - t0
                row["filter"] = page.evaluate(FILTER_CHANGE)
            else:  # naive folium draws SVG paths: wait until all are in the DOM, then paint
                page.wait_for_function(
                    f"document.querySelectorAll('path.leaflet-interactive').length >= {n}",
                    timeout=TIMEOUT_MS,
                    polling="raf",
                )
                row["ms"] = page.evaluate(
                    "new Promise(r => requestAnimationFrame(() => "
                    "requestAnimationFrame(() => r(performance.now()))))"
                )
                drawn = page.evaluate(
                    "document.querySelectorAll('path.leaflet-interactive').length"
                )
                row["wall"] = time.perf_counter() - t0
            if drawn != n:
                raise RuntimeError(f"{key}: {drawn} events shown, expected {n}")
            out[key] = row
            page.close()
        browser.close()
    return out


#: Screen point of a drawn event near the map's centre (page coordinates).
FIND_EVENT = """() => {
  const m = window.geomapMaps[0], c = m.getSize().divideBy(2);
  const r = m.getContainer().getBoundingClientRect(), p = geomapApi.nearestDrawn(c.x, c.y);
  return [p[0] + r.left, p[1] + r.top];
}"""

#: Median ms of 5 filter changes (a type off, then on again), each until painted.
FILTER_CHANGE = """async () => {
  const api = window.geomapApi, times = [];
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let k = 0; k < 6; k++) {
    const t0 = performance.now();
    api.state.typeOn[0] = k % 2 === 1;
    api.refresh();
    await frame();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[3];
}"""


def _report(rows: dict[str, dict]) -> tuple[str, list[str]]:
    """The results table and the ratio lines."""
    base = rows["naive folium 1,000"]
    lines = [
        (
            "| map | events | Python render (s) | file (MB) | browser: open to drawn (s) |"
            " first drawn, in-page (ms) | open to first popup (s) | filter change (ms) |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, r in rows.items():
        wall = f"{r['wall']:.2f}" if "wall" in r else "-"
        ms = f"{r['ms']:.0f}" if "ms" in r else "-"
        popup = f"{r['popup']:.2f}" if "popup" in r else "-"
        filt = f"{r['filter']:.0f}" if "filter" in r else "-"
        lines.append(
            f"| {key} | {r['n']:,} | {r['py']:.2f} | {r['mb']:.2f} | {wall} | {ms} | {popup} |"
            f" {filt} |"
        )
    ours = rows.get("geomap 1,000")
    ratio = []
    if ours:
        parts = [
            f"Python render {base['py'] / ours['py']:.2f}",
            f"file size {base['mb'] / ours['mb']:.2f}",
        ]
        if "ms" in ours and "ms" in base:
            parts.append(f"in-page time to first drawn markers {base['ms'] / ours['ms']:.2f}")
        ratio.append(
            "Ratios naive folium / geomap at 1,000 events (above 1: geomap is faster or "
            "smaller): " + ", ".join(parts) + "."
        )
    big = [r for k, r in rows.items() if k.startswith("geomap ")]
    if len(big) >= 2:
        a, b = big[0], big[-1]
        per_event = (b["mb"] - a["mb"]) * 1e6 / (b["n"] - a["n"])
        fixed = a["mb"] - a["n"] * per_event / 1e6
        ratio.append(
            f"geomap file size is about {fixed:.2f} MB fixed (inlined Leaflet, plugins, "
            f"Natural Earth basemap) plus {per_event:.0f} bytes per event; the naive file is "
            f"{base['mb'] * 1e6 / base['n']:.0f} bytes per event."
        )
    return "\n".join(lines), ratio


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--no-browser", action="store_true", help="skip the chromium timings")
    ap.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    ap.add_argument(
        "--before",
        metavar="GIT_REF",
        help="also time the same pages drawn by geomap-map.js as of GIT_REF (a baseline run "
        "side by side: same data, the older script; it has no list, timeline or popup API)",
    )
    args = ap.parse_args(argv)
    old_js = _script_at(args.before) if args.before else None
    browser = not args.no_browser and os.path.exists(CHROMIUM)

    rows: dict[str, dict] = {}
    files: dict[str, tuple[Path, str, int]] = {}
    with tempfile.TemporaryDirectory(prefix="bench_map_") as tmp:
        tmpdir = Path(tmp)
        for n in args.sizes:
            gdf = synthetic_events(n)
            path = tmpdir / f"geomap_{n}.html"
            t0 = time.perf_counter()
            save_map(render_map(gdf, title=f"{n} synthetic events"), path)
            rows[f"geomap {n:,}"] = {
                "n": n,
                "py": time.perf_counter() - t0,
                "mb": path.stat().st_size / 1e6,
            }
            files[f"geomap {n:,}"] = (path, "geomap", n)
            if old_js is not None:
                key = f"before ({args.before}) {n:,}"
                files[key] = (_with_script(path, old_js, tmpdir / f"before_{n}.html"), "before", n)
                rows[key] = dict(rows[f"geomap {n:,}"], mb=files[key][0].stat().st_size / 1e6)
        base_n = 1000
        gdf = synthetic_events(base_n)
        path = tmpdir / "naive_1000.html"
        t0 = time.perf_counter()
        naive_folium(gdf, path)
        rows["naive folium 1,000"] = {
            "n": base_n,
            "py": time.perf_counter() - t0,
            "mb": path.stat().st_size / 1e6,
        }
        files["naive folium 1,000"] = (path, "naive", base_n)
        if browser:
            for key, got in browser_times(files).items():
                rows[key].update(got)

    table, ratio = _report(rows)
    print(table)
    print("\n".join(ratio))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        cmd = "python benchmarks/bench_map.py" + (" " + " ".join(argv) if argv else "")
        if argv is None and len(sys.argv) > 1:
            cmd = "python benchmarks/bench_map.py " + " ".join(sys.argv[1:])
        RESULTS.write_text(
            "# Map rendering benchmark\n\n"
            f"Made by `{cmd}` on a 2-core machine (headless Debian chromium via playwright, "
            "network blocked; times include parsing the embedded JSON and drawing on canvas).\n\n"
            f"{table}\n\n" + "\n".join(ratio) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
