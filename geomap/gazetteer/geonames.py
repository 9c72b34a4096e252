"""Import GeoNames dump files into a gazetteer index, and download them.

Files are read as GeoNames publishes them (https://download.geonames.org/export/dump/),
zipped or not:

* geoname tables -- ``allCountries.zip``, per-country ``SY.zip``, ``cities500.zip`` ...:
  19 tab-separated columns (geonameid, name, asciiname, alternatenames, latitude,
  longitude, feature class, feature code, country code, cc2, admin1..admin4 codes,
  population, elevation, dem, timezone, modification date);
* ``alternateNamesV2.zip`` (or per-country ``alternatenames/SY.zip``): 10 columns
  (alternateNameId, geonameid, isolanguage, name, isPreferredName, isShortName,
  isColloquial, isHistoric, from, to); the older 8-column ``alternateNames`` too;
* ``admin1CodesASCII.txt`` and ``admin2Codes.txt``: code, name, ascii name, geonameid;
* ``countryInfo.txt``: ``#`` comment lines, then 19 columns with the geonameid in the 17th.

Rows are streamed into SQLite in batches (memory stays bounded whatever the file size);
the key table is built from SQLite at the end (:meth:`IndexWriter.commit`). The new index
starts from a copy of a base index (by default the active one, so imports accumulate on
top of the embedded index); imported rows replace base rows with the same geonameid,
since they carry GeoNames' real coordinates and feature codes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GazetteerError, InputError
from ..resources import cache_dir
from ..resources import package_version as _version
from ..text.normalize import key
from .embedded import INDEX_FORMAT, usable_name
from .store import IndexWriter

log = logging.getLogger(__name__)

#: GeoNames feature classes imported by default: populated places, administrative units,
#: areas, water, terrain, spots (not roads, undersea or vegetation).
DEFAULT_CLASSES = "PALHTS"
#: Languages whose alternate names are imported ("" is GeoNames' "no language").
DEFAULT_LANGUAGES = ("", "ar", "en")
#: Where ``download`` fetches from.
GEONAMES_URL = "https://download.geonames.org/export/dump/"

_BATCH = 20_000
_SKIP_MEMBERS = re.compile(r"(^|/)(readme|iso-languagecodes)[^/]*$", re.IGNORECASE)
_DUMP_NAME = re.compile(r"^(?:[A-Z]{2}|allCountries|cities(?:500|1000|5000|15000)|no-country)$")

GEONAME, ALTNAME, ADMIN, COUNTRY = "geoname", "alternate names", "admin codes", "country info"


def keep_feature(fclass: str, fcode: str, classes: str = DEFAULT_CLASSES) -> bool:
    """Is a GeoNames feature worth indexing?

    Historical and abandoned places (``PPLH``, ``PPLQ``, ``ADM1H``, ``PCLH`` ...) and, among
    administrative features, anything but countries and ADM1-5/ADMD are left out.

    >>> keep_feature("P", "PPLA2"), keep_feature("P", "PPLH"), keep_feature("A", "ADM3")
    (True, False, True)
    """
    if not fclass or fclass not in classes:
        return False
    if fcode in ("PPLQ", "PPLCH") or (
        fcode.endswith("H") and fcode.startswith(("PPL", "ADM", "PCL"))
    ):
        return False
    if fclass == "A":
        return fcode.startswith(("ADM", "PCL"))
    return True


@dataclass
class ImportResult:
    """What an import wrote."""

    path: Path
    places: int = 0
    names: int = 0
    rows: int = 0
    skipped_rows: int = 0
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0


# -- reading dump files ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Source:
    """One readable table: a plain file or a member of a zip file."""

    path: Path
    member: str | None
    size: int

    @property
    def label(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    @property
    def filename(self) -> str:
        return Path(self.member).name if self.member else self.path.name

    def open(self) -> io.BufferedIOBase:
        if self.member is None:
            return open(self.path, "rb", buffering=1 << 20)
        zf = zipfile.ZipFile(self.path)
        return io.BufferedReader(zf.open(self.member), 1 << 20)


def _sources(path: Path) -> list[_Source]:
    if not path.is_file():
        raise InputError(f"{path}: no such file; expected a GeoNames dump file (.zip or .txt)")
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as zf:
                members = [
                    i
                    for i in zf.infolist()
                    if not i.is_dir()
                    and i.filename.endswith(".txt")
                    and not _SKIP_MEMBERS.search(i.filename)
                ]
        except (zipfile.BadZipFile, OSError) as err:
            raise InputError(f"{path}: cannot read this zip file ({err})") from err
        if not members:
            raise InputError(
                f"{path}: the zip file holds no .txt table; expected a GeoNames dump zip"
            )
        return [_Source(path, m.filename, m.file_size) for m in members]
    return [_Source(path, None, path.stat().st_size)]


def _lines(src: _Source, progress: Callable[[int], None]) -> Iterator[list[str]]:
    """Tab-split rows of a table (comment lines skipped), reporting bytes read."""
    done = 0
    try:
        with src.open() as fh:
            for raw in fh:
                done += len(raw)
                if done >= 1 << 20:
                    progress(done)
                    done = 0
                if raw.startswith(b"#") or not raw.strip():
                    continue
                yield raw.decode("utf-8", "replace").rstrip("\r\n").split("\t")
    except (OSError, zipfile.BadZipFile, EOFError) as err:
        raise GazetteerError(f"cannot read {src.label}: {err}") from err
    progress(done)


def sniff(src: _Source) -> str:
    """What kind of GeoNames table ``src`` is, from its name and its first row."""
    name = src.filename.lower()
    if name.startswith("countryinfo"):
        return COUNTRY
    if name.startswith(("admin1codes", "admin2codes", "admin5codes")):
        return ADMIN
    first = next(_lines(src, lambda n: None), None)
    if first is None:
        return GEONAME  # empty: nothing to do, whatever it is
    if len(first) == 19 and first[0].isdecimal():
        return GEONAME
    if len(first) in (8, 10) and first[0].isdecimal() and first[1].isdecimal():
        return ALTNAME
    if len(first) == 4 and "." in first[0] and first[3].isdecimal():
        return ADMIN
    raise InputError(
        f"{src.label} is not a GeoNames dump table: its first row has {len(first)} tab-separated "
        "columns; expected 19 (allCountries, XX.zip, citiesN), 10 (alternateNamesV2), "
        "4 (admin1CodesASCII/admin2Codes) or countryInfo.txt"
    )


@functools.lru_cache(maxsize=262_144)
def _key(name: str) -> str:
    return key(name) if usable_name(name) else ""


# -- the import -------------------------------------------------------------------------------
def default_import_path(paths: Sequence[Path], base: Path | None) -> Path:
    h = hashlib.sha1(f"{_version()}|{INDEX_FORMAT}|{base}".encode())
    for p in sorted(str(Path(p).resolve()) for p in paths):
        st = os.stat(p)
        h.update(f"|{p}|{st.st_size}|{st.st_mtime_ns}".encode())
    return cache_dir() / f"imported-{h.hexdigest()[:12]}.sqlite"


def import_geonames(
    paths: Sequence[str | Path],
    index: str | Path | None = None,
    *,
    base: str | Path | None | bool = True,
    classes: str = DEFAULT_CLASSES,
    languages: Iterable[str] = DEFAULT_LANGUAGES,
    progress: bool = False,
) -> ImportResult:
    """Import GeoNames dump files (and overrides ``.csv``/``.yaml``) into a new index.

    Parameters
    ----------
    paths : dump files as published (zipped or not), in any order.
    index : where to write the index (default ``<cache>/imported-<hash>.sqlite``).
    base : index whose rows the new one starts from: ``True`` the active index (the
        embedded one unless an import was made active), a path, or ``False``/``None``
        for none.
    classes : GeoNames feature classes to keep (``"PALHTS"``).
    languages : ISO languages of alternate names to keep (``""`` is "no language").
    progress : show a progress bar (bytes read) on stderr.

    Returns
    -------
    ImportResult with the path written (moved in place atomically on success).
    """
    t0 = time.perf_counter()
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError(
            "no file to import; expected GeoNames dump files such as SY.zip, "
            "allCountries.zip, alternateNamesV2.zip, admin1CodesASCII.txt"
        )
    base_path = _base_path(base)
    out = Path(index) if index else default_import_path(paths, base_path)
    if base_path is not None and out.resolve() == base_path.resolve():
        raise InputError(f"--index {out} is the base index itself; write the import elsewhere")

    overrides = [p for p in paths if p.suffix.lower() in (".csv", ".yaml", ".yml")]
    tables = _dump_tables(paths, overrides)

    writer = IndexWriter(out)
    result = ImportResult(out, files=[str(p) for p in paths])
    try:
        db = writer.db
        # names arrive in random key order: a larger page cache keeps the B-tree inserts
        # from going to disk (bounded: 256 MB)
        db.execute(f"PRAGMA cache_size = -{256 * 1024}")
        db.execute("PRAGMA temp_store = MEMORY")
        db.execute("CREATE TEMP TABLE admin_names (code TEXT PRIMARY KEY, name TEXT)")
        db.execute(
            "CREATE TEMP TABLE country_pop (geonameid INTEGER PRIMARY KEY, population INTEGER)"
        )
        if base_path is not None:
            _copy_base(db, base_path)
        _import_tables(writer, tables, classes, frozenset(languages), result, progress)
        for p in overrides:
            _import_overrides(writer, p)
        _finish(db)
        result.places = db.execute("SELECT count(*) FROM places").fetchone()[0]
        result.names = db.execute("SELECT count(*) FROM names").fetchone()[0]
        writer.set_meta(
            version=_version(),
            format=str(INDEX_FORMAT),
            built=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            base=str(base_path) if base_path else "",
            imported=" ".join(str(p.resolve()) for p in paths),
            sources=f"GeoNames dump files ({', '.join(p.name for p in paths)}) on top of "
            f"{base_path.name if base_path else 'nothing'}; GeoNames data CC BY 4.0",
        )
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    from .active import forget

    forget(out)
    result.seconds = time.perf_counter() - t0
    log.info(
        "imported %d places, %d names into %s in %.1fs",
        result.places,
        result.names,
        out,
        result.seconds,
    )
    return result


def _dump_tables(paths: Sequence[Path], overrides: Sequence[Path]) -> list[tuple[str, _Source]]:
    """The GeoNames tables in ``paths`` (all but the ``overrides``), each with its kind, in
    the order they are imported in."""
    tables: list[tuple[str, _Source]] = []
    for p in paths:
        if p in overrides:
            continue
        for src in _sources(p):
            tables.append((sniff(src), src))
    # admin codes and country info first: they only fill temporary tables and names
    order = {COUNTRY: 0, ADMIN: 1, GEONAME: 2, ALTNAME: 3}
    tables.sort(key=lambda t: order[t[0]])
    return tables


def _import_tables(
    writer: IndexWriter,
    tables: Sequence[tuple[str, _Source]],
    classes: str,
    langs: frozenset[str],
    result: ImportResult,
    progress: bool,
) -> None:
    """Import every table by its kind (a progress bar of bytes read when ``progress``)."""
    bar = _progress_bar(sum(s.size for _, s in tables), progress)
    try:
        for kind, src in tables:
            log.info("importing %s (%s)", src.label, kind)
            rows = _lines(src, bar.update)
            if kind == GEONAME:
                _import_geonames(writer, rows, classes, result, src.label)
            elif kind == ALTNAME:
                _import_altnames(writer, rows, langs, result)
            elif kind == ADMIN:
                _import_admin(writer, rows, result)
            else:
                _import_country(writer, rows, result)
    finally:
        bar.close()


def _base_path(base: str | Path | None | bool) -> Path | None:
    if base is False or base is None:
        return None
    if base is True:
        from .active import active_index
        from .embedded import embedded

        active = active_index()
        return active if active is not None else embedded().path
    return Path(base)


def _copy_base(db: sqlite3.Connection, base: Path) -> None:
    if not base.is_file():
        raise GazetteerError(
            f"base index {base} does not exist; import on top of the embedded one with "
            "--base embedded, or make it the default again: geomap gazetteer use embedded"
        )
    try:
        db.execute("ATTACH DATABASE ? AS base", (str(base),))
        db.execute("INSERT INTO places SELECT * FROM base.places")
        db.execute(
            "INSERT OR IGNORE INTO names (key, geonameid, name) "
            "SELECT key, geonameid, name FROM base.names"
        )
        db.execute(
            "INSERT OR IGNORE INTO temp.admin_names SELECT country_code || '.' || admin1, "
            "admin1_name FROM base.places WHERE admin1 != '' AND admin1_name != ''"
        )
        db.commit()
        db.execute("DETACH DATABASE base")
    except sqlite3.Error as err:
        raise GazetteerError(
            f"cannot read the base index {base} ({err}); rebuild it with: "
            "geomap gazetteer build --force"
        ) from err


def _import_geonames(
    w: IndexWriter, rows: Iterator[list[str]], classes: str, result: ImportResult, label: str
) -> None:
    places: list[tuple] = []  # Place fields in order: records cost more than the rows
    names: list[tuple[str, int, str]] = []
    bad = 0
    for n, r in enumerate(rows, start=1):
        if len(r) != 19:
            bad += 1
            if bad <= 3:
                log.warning(
                    "%s row %d: expected 19 tab-separated columns, got %d; skipped",
                    label,
                    n,
                    len(r),
                )
            continue
        fclass, fcode = r[6], r[7]
        if not keep_feature(fclass, fcode, classes):
            continue
        try:
            gid, lat, lon = int(r[0]), float(r[4]), float(r[5])
            pop = int(r[14]) if r[14] else 0
        except ValueError:
            bad += 1
            continue
        places.append((gid, r[1], lat, lon, r[8], r[10], "", fclass, fcode, pop, "geonames-dump"))
        seen = set()
        for nm in (r[1], r[2], *(r[3].split(",") if r[3] else ())):
            k = _key(nm)
            if k and k not in seen:
                seen.add(k)
                names.append((k, gid, nm))
        if len(places) >= _BATCH:
            _flush(w, places, names, result)
    _flush(w, places, names, result)
    result.skipped_rows += bad
    if bad and not result.rows:
        raise GazetteerError(
            f"{label}: no usable GeoNames row ({bad} malformed); expected 19 "
            "tab-separated columns per line"
        )


def _flush(w: IndexWriter, places: list[tuple], names: list, result: ImportResult) -> None:
    if places:
        w.add_place_rows(places)
        result.rows += len(places)
    if names:
        w.add_names(names)
    places.clear()
    names.clear()


def _import_altnames(
    w: IndexWriter, rows: Iterator[list[str]], langs: frozenset[str], result: ImportResult
) -> None:
    batch: list[tuple[str, int, str]] = []
    for r in rows:
        if len(r) < 8 or r[2] not in langs or r[7] == "1":  # r[7]: isHistoric
            continue
        k = _key(r[3])
        if not k:
            continue
        try:
            batch.append((k, int(r[1]), r[3]))
        except ValueError:
            result.skipped_rows += 1
            continue
        if len(batch) >= _BATCH:
            w.add_names(batch)
            batch.clear()
    w.add_names(batch)


def _import_admin(w: IndexWriter, rows: Iterator[list[str]], result: ImportResult) -> None:
    admin, names = [], []
    for r in rows:
        if len(r) < 4 or not r[3].isdecimal():
            result.skipped_rows += 1
            continue
        admin.append((r[0], r[1]))
        gid = int(r[3])
        names.extend((_key(n), gid, n) for n in (r[1], r[2]))
    w.db.executemany("INSERT OR REPLACE INTO temp.admin_names (code, name) VALUES (?, ?)", admin)
    w.add_names(names)


def _import_country(w: IndexWriter, rows: Iterator[list[str]], result: ImportResult) -> None:
    pops, names = [], []
    for r in rows:
        if len(r) < 17 or not r[16].isdecimal():
            result.skipped_rows += 1
            continue
        gid = int(r[16])
        names.append((_key(r[4]), gid, r[4]))
        if r[7].isdecimal():
            pops.append((gid, int(r[7])))
    w.db.executemany("INSERT OR REPLACE INTO temp.country_pop VALUES (?, ?)", pops)
    w.add_names(names)


def _import_overrides(w: IndexWriter, path: Path) -> None:
    from .overrides import load_overrides, override_names

    rows = load_overrides(path)
    w.add_places(o.place for o in rows if o.place is not None)
    w.add_names(override_names(rows))


def _finish(db: sqlite3.Connection) -> None:
    """Fill what single rows could not know: admin1 names and country populations."""
    # admin1 names: admin1CodesASCII, else the index's own ADM1 features, else the base's
    db.execute(
        "INSERT OR IGNORE INTO temp.admin_names SELECT country_code || '.' || admin1, name "
        "FROM places WHERE feature_code = 'ADM1' AND admin1 != ''"
    )
    db.execute(
        "UPDATE places SET admin1_name = (SELECT name FROM temp.admin_names a "
        "WHERE a.code = places.country_code || '.' || places.admin1) "
        "WHERE source = 'geonames-dump' AND admin1 != '' "
        "AND (admin1_name IS NULL OR admin1_name = '') "
        "AND EXISTS (SELECT 1 FROM temp.admin_names a "
        "WHERE a.code = places.country_code || '.' || places.admin1)"
    )
    db.execute(
        "UPDATE places SET population = (SELECT population FROM temp.country_pop c "
        "WHERE c.geonameid = places.geonameid) "
        "WHERE population = 0 AND geonameid IN (SELECT geonameid FROM temp.country_pop)"
    )
    db.commit()


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, show: bool):
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="B", unit_scale=True, desc="import", leave=False)


# -- download ----------------------------------------------------------------------------------
#: Files every download fetches besides the per-country tables.
SHARED_FILES = ("countryInfo.txt", "admin1CodesASCII.txt", "admin2Codes.txt")

Opener = Callable[[str], "io.BufferedIOBase"]


def _urlopen(url: str, timeout: float = 60.0):
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": "geomap (gazetteer download)"})
    return urllib.request.urlopen(req, timeout=timeout)  # the base URL is ours or the user's mirror


def download_urls(
    names: Sequence[str], base_url: str = GEONAMES_URL, alternate_names: bool = True
) -> list[tuple[str, str]]:
    """``(url, file name)`` pairs to fetch for country codes or dump names.

    >>> [f for _, f in download_urls(["sy"])][:2]
    ['countryInfo.txt', 'admin1CodesASCII.txt']
    """
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    out = [(base_url + f, f) for f in SHARED_FILES]
    for raw in names:
        name = raw.strip()
        name = name.upper() if len(name) == 2 else name
        if not _DUMP_NAME.match(name):
            raise InputError(
                f"cannot download {raw!r}: expected ISO country codes (SY IQ TR) or one of "
                "allCountries, cities500, cities1000, cities5000, cities15000"
            )
        out.append((f"{base_url}{name}.zip", f"{name}.zip"))
        if alternate_names and len(name) == 2:
            out.append((f"{base_url}alternatenames/{name}.zip", f"alternatenames-{name}.zip"))
    return out


def download(
    names: Sequence[str],
    dest: str | Path | None = None,
    *,
    base_url: str | None = None,
    alternate_names: bool = True,
    opener: Opener | None = None,
    progress: bool = False,
) -> list[Path]:
    """Fetch GeoNames dump files for countries (``["SY", "IQ"]``) into ``dest``.

    Files are written atomically; a failed download leaves nothing behind. Offline, or when
    GeoNames cannot be reached, raises :class:`~geomap.errors.GazetteerError` saying how to
    import files fetched by other means. ``opener`` (``url -> binary file``) is the seam
    tests use instead of the network.
    """
    import urllib.error  # here: the network is rarely needed

    base_url = base_url or os.environ.get("GEOMAP_GEONAMES_URL") or GEONAMES_URL
    urls = download_urls(names, base_url, alternate_names)  # refuses bad names before any I/O
    dest = Path(dest) if dest else cache_dir() / "geonames"
    dest.mkdir(parents=True, exist_ok=True)
    opener = opener or _urlopen
    got = []
    for url, fname in urls:
        target = dest / fname
        fd, tmp = tempfile.mkstemp(prefix=f".{fname}.", suffix=".part", dir=dest)
        try:
            with os.fdopen(fd, "wb") as out:
                try:
                    resp = opener(url)
                except urllib.error.HTTPError as err:
                    raise GazetteerError(
                        f"GeoNames answered {err.code} {err.reason} for {url}; "
                        "check the country code"
                    ) from err
                except (urllib.error.URLError, OSError) as err:
                    reason = getattr(err, "reason", err)
                    raise GazetteerError(
                        f"cannot download {url} ({reason}); are you online? Fetch the files by "
                        f"hand from {GEONAMES_URL} and run: geomap gazetteer import FILE..."
                    ) from err
                with resp:
                    total = int(getattr(resp, "headers", {}).get("Content-Length") or 0) or None
                    bar = _download_bar(fname, total, progress)
                    try:
                        while chunk := resp.read(1 << 20):
                            out.write(chunk)
                            bar.update(len(chunk))
                    except OSError as err:
                        raise GazetteerError(
                            f"download of {url} broke off ({err}); try again"
                        ) from err
                    finally:
                        bar.close()
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
        got.append(target)
    return got


def _download_bar(name: str, total: int | None, show: bool):
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="B", unit_scale=True, desc=name, leave=False)
