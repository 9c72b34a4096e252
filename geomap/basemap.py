"""The offline basemap's names and first-level borders, cut to the area of one map.

The map page draws, with no network, the Natural Earth country outlines it always carried
plus what this module gives it for the area around its events:

* place labels from the embedded gazetteer (GeoNames): countries, national capitals,
  first-level units (named at their points) and populated places, most important first,
  each with its Arabic name when the gazetteer has one; the page decides how many to show
  at each zoom;
* first-level borders: Natural Earth 1:10m admin-1 lines (public domain), vendored in
  ``render_assets/admin1-lines-10m.json`` by ``scripts/vendor_render_assets.py``.

Both are cut to the events' box (padded), so a map of Syria does not carry the world.

Examples
--------
>>> box = [[35.5, 36.5], [36.5, 38.5]]
>>> lines = border_lines(box)
>>> len(lines) > 0 and all(len(line) % 2 == 0 for line in lines)
True
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from functools import cache
from pathlib import Path

from .errors import GeomapError

log = logging.getLogger(__name__)

#: Most labels carried by one page (countries, capitals and first-level units come first).
MAX_LABELS = 2500
#: Labels kinds, drawn differently by the page.
KIND_PLACE, KIND_CAPITAL, KIND_ADMIN1, KIND_COUNTRY = 0, 1, 2, 3
_KIND_OF_CODE = {"PPL": KIND_PLACE, "PPLC": KIND_CAPITAL, "ADM1": KIND_ADMIN1, "PCLI": KIND_COUNTRY}
#: A name in Arabic script only (letters, harakat, spaces, hyphen, apostrophe).
_ARABIC = re.compile("[\u0600-\u06ff][\u0600-\u06ff '\u2019-]*")
_HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640]")
#: Persian, Urdu and Uyghur letters: a name using them is another language's spelling.
_NOT_ARABIC_LANGUAGE = re.compile("[\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c7\u06d0\u06d5]")
_ASSET = Path(__file__).parent / "render_assets" / "admin1-lines-10m.json"


def padded(bounds, pad_share: float = 0.25, pad_min: float = 1.0) -> tuple[float, ...]:
    """``(south, west, north, east)`` grown by a share of the box, at least ``pad_min`` deg.

    >>> padded([[35, 36], [36, 38]])
    (34.0, 35.0, 37.0, 39.0)
    """
    (south, west), (north, east) = bounds
    dy = max(pad_min, (north - south) * pad_share)
    dx = max(pad_min, (east - west) * pad_share)
    return (
        max(-85.0, south - dy),
        max(-180.0, west - dx),
        min(85.0, north + dy),
        min(180.0, east + dx),
    )


def place_labels(bounds, index_path: str | Path | None = None, limit: int = MAX_LABELS) -> dict:
    """Columnar labels (``name``, ``ar``, ``lat``, ``lon``, ``kind``, ``pop``) near ``bounds``.

    Parameters
    ----------
    bounds : [[south, west], [north, east]]
        The events' box; labels are taken from a padded box around it.
    index_path : path, optional
        The gazetteer index (SQLite); default: the embedded gazetteer, built on first use.
    limit : int
        Most labels returned; the order is countries, capitals, first-level units, then
        populated places by population, so the cut drops the smallest villages.

    Returns
    -------
    dict
        Empty columns when the gazetteer cannot be opened (the map is still drawn; the
        reason is logged).
    """
    out: dict[str, list] = {"name": [], "ar": [], "lat": [], "lon": [], "kind": [], "pop": []}
    try:
        db = _open_index(index_path)
    except (GeomapError, OSError, sqlite3.Error) as err:
        log.warning("no place labels on the map: %s", err)
        return out
    south, west, north, east = padded(bounds)
    try:
        rows = db.execute(
            "SELECT geonameid, name, lat, lon, feature_code, population FROM places "
            "WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
            "AND feature_code IN ('PPL', 'PPLC', 'ADM1', 'PCLI') "
            "ORDER BY CASE feature_code WHEN 'PCLI' THEN 0 WHEN 'PPLC' THEN 1 "
            "WHEN 'ADM1' THEN 2 ELSE 3 END, population DESC, geonameid LIMIT ?",
            (south, north, west, east, int(limit)),
        ).fetchall()
        arabic = _arabic_names(db, [r[0] for r in rows])
    except sqlite3.Error as err:
        log.warning("no place labels on the map: %s", err)
        return out
    finally:
        db.close()
    for gid, name, lat, lon, code, pop in rows:
        out["name"].append(name)
        out["ar"].append(arabic.get(gid, ""))
        out["lat"].append(round(float(lat), 4))
        out["lon"].append(round(float(lon), 4))
        out["kind"].append(_KIND_OF_CODE[code])
        out["pop"].append(int(pop or 0))
    return out


def _open_index(index_path) -> sqlite3.Connection:
    from .gazetteer.embedded import build_embedded, default_index_path

    path = Path(index_path) if index_path else default_index_path()
    if not path.is_file():
        log.warning("building the embedded gazetteer for the map's place labels at %s", path)
        build_embedded(path)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _arabic_names(db: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    """The plainest Arabic spelling of each place: no harakat/tatweel, then the shortest
    (GeoNames lists "مدينة حلب" and "حلب" for Aleppo; the map wants "حلب")."""
    best: dict[int, tuple] = {}
    # One scan of the names table (it is keyed by name, not by place).
    rows = db.execute(
        "SELECT geonameid, name FROM names WHERE geonameid IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),),
    )
    for gid, name in rows:
        if not name or not _ARABIC.fullmatch(name):
            continue
        rank = (
            bool(_NOT_ARABIC_LANGUAGE.search(name)),
            bool(_HARAKAT.search(name)),
            len(name),
            name,
        )
        if gid not in best or rank < best[gid]:
            best[gid] = rank
    return {gid: rank[-1] for gid, rank in best.items()}


@cache
def _all_lines() -> tuple[tuple[tuple[int, ...], tuple[int, int, int, int]], ...]:
    """Every vendored line with its box in hundredths of a degree (read once)."""
    lines = json.loads(_ASSET.read_text(encoding="utf-8"))["lines"]
    out = []
    for flat in lines:
        x = y = 0
        xs, ys = [], []
        for k in range(0, len(flat), 2):
            x += flat[k]
            y += flat[k + 1]
            xs.append(x)
            ys.append(y)
        out.append((tuple(flat), (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def border_lines(bounds) -> list[list[int]]:
    """The first-level border lines (delta-encoded hundredths, lon/lat) near ``bounds``."""
    south, west, north, east = (round(v * 100) for v in padded(bounds))
    return [
        list(flat)
        for flat, (x0, y0, x1, y1) in _all_lines()
        if x1 >= west and x0 <= east and y1 >= south and y0 <= north
    ]
