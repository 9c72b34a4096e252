"""The on-disk gazetteer index: one SQLite file plus a pickled key table.

Layout::

    places(geonameid PK, name, lat, lon, country_code, admin1, admin1_name,
           feature_class, feature_code, population, source)
    names(key, geonameid, name)          -- key = geomap.text.key(name); every spelling
                                            of a place with that key ("الزرقاء", "زرقاء")
    meta(k PK, v)                        -- version, sources, counts

The key table (``<index>.keys.pickle``) maps every lookup key to the ids of the places
bearing it (a bare int for the nine keys in ten that name one place: a tuple per key would
be most of the objects to unpickle at start-up); recognition scans text against it in memory, and places are fetched from
SQLite only for keys that were found (and cached).
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import GazetteerError
from ..records import Place
from .base import Gazetteer

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    admin1_name TEXT,
    feature_class TEXT,
    feature_code TEXT,
    population INTEGER,
    source TEXT
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    name TEXT,
    PRIMARY KEY (key, geonameid, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
"""

_PLACE_COLS = (
    "geonameid, name, lat, lon, country_code, admin1, admin1_name, feature_class, "
    "feature_code, population, source"
)


class IndexWriter:
    """Write a gazetteer index to a temporary file and move it in place on close."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)

    def add_places(self, places: Iterable[Place]) -> None:
        self.add_place_rows(
            (
                p.geonameid, p.name, p.lat, p.lon, p.country_code, p.admin1,
                p.admin1_name, p.feature_class, p.feature_code, p.population, p.source,
            )
            for p in places
        )

    def add_place_rows(self, rows: Iterable[tuple]) -> None:
        """Add places as tuples in :class:`Place` field order (bulk imports skip the records)."""
        self.db.executemany(
            f"INSERT OR REPLACE INTO places ({_PLACE_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows
        )

    def add_names(self, rows: Iterable[tuple[str, int, str]]) -> None:
        """Add ``(key, geonameid, name)`` rows; empty keys are ignored."""
        self.db.executemany(
            "INSERT OR IGNORE INTO names (key, geonameid, name) VALUES (?,?,?)",
            (r for r in rows if r[0]),
        )

    def set_meta(self, **meta: str) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta (k, v) VALUES (?,?)", meta.items())

    def commit(self) -> None:
        """Finish: drop names of unknown places, write the key table, move files in place."""
        db = self.db
        db.execute("DELETE FROM names WHERE geonameid NOT IN (SELECT geonameid FROM places)")
        db.commit()
        keys: dict[str, int | tuple[int, ...]] = {}
        rows = db.execute("SELECT DISTINCT key, geonameid FROM names ORDER BY key, geonameid")
        for k, gid in rows:
            prev = keys.get(k)
            if prev is None:
                keys[k] = gid
            else:
                keys[k] = (prev, gid) if isinstance(prev, int) else prev + (gid,)
        db.execute("ANALYZE")
        db.commit()
        db.close()
        keys_tmp = self.tmp.with_suffix(".keys.tmp")
        with open(keys_tmp, "wb") as fh:
            pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
            # no memo: the table has no shared or recursive objects, and the memo would cost
            # ~100 MB per million keys here and slow both dump and load
            pickler.fast = True
            pickler.dump((keys, token_prefixes(keys)))
        os.replace(keys_tmp, keys_path(self.path))
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.db.close()
        finally:
            self.tmp.unlink(missing_ok=True)


def token_prefixes(keys: Iterable[str]) -> frozenset[str]:
    """Every proper token prefix of the multi-word keys (``"new york city"`` gives
    ``"new"`` and ``"new york"``), so a scan knows when to try one more token."""
    pre = set()
    for k in keys:
        if " " in k:
            parts = k.split(" ")
            for i in range(1, len(parts)):
                pre.add(" ".join(parts[:i]))
    return frozenset(pre)


def keys_path(index: Path) -> Path:
    return Path(str(index) + ".keys.pickle")


class IndexGazetteer(Gazetteer):
    """A gazetteer read from an index file written by :class:`IndexWriter`."""

    name = "index"

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.is_file() or not keys_path(self.path).is_file():
            raise GazetteerError(
                f"no gazetteer index at {self.path}; build it with: geomap gazetteer build"
            )
        try:
            with open(keys_path(self.path), "rb") as fh:
                self._keys, self._prefixes = pickle.load(fh)
            self._db = self._connect()
        except (OSError, pickle.UnpicklingError, EOFError, sqlite3.Error) as err:
            raise GazetteerError(
                f"gazetteer index {self.path} cannot be read ({err}); rebuild it with: "
                "geomap gazetteer build --force"
            ) from err
        self._places: dict[int, Place] = {}
        # Recognition asks has_key() for every token: the dict's own method, without a
        # Python call in between, is measurably faster.
        self.has_key = self._keys.__contains__  # type: ignore[method-assign]

    def _connect(self) -> sqlite3.Connection:
        self._pid = os.getpid()
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    @property
    def db(self) -> sqlite3.Connection:
        """The SQLite connection, reopened in a forked child (a connection must not be
        used across a fork; the key table and the place cache are shared as they are)."""
        if self._pid != os.getpid():
            self._db = self._connect()
        return self._db

    # -- the contract -------------------------------------------------------------
    def candidates(self, key: str) -> list[Place]:
        ids = self.ids(key)
        if not ids:
            return []
        return self._fetch(ids)

    def place(self, geonameid: int) -> Place | None:
        got = self._fetch((geonameid,))
        return got[0] if got else None

    def has_key(self, key: str) -> bool:
        return key in self._keys

    def ids(self, key: str) -> tuple[int, ...]:
        got = self._keys.get(key, ())
        return (got,) if isinstance(got, int) else got

    def prefixes(self) -> frozenset[str]:
        return self._prefixes

    def names_for_key(self, key: str) -> list[str]:
        return [n for (n,) in self.db.execute("SELECT name FROM names WHERE key = ?", (key,)) if n]

    def keys(self) -> Iterator[str]:
        return iter(self._keys)

    def info(self) -> dict:
        db = self.db
        meta = dict(db.execute("SELECT k, v FROM meta"))
        (n_places,) = db.execute("SELECT count(*) FROM places").fetchone()
        (n_names,) = db.execute("SELECT count(*) FROM names").fetchone()
        return {
            "backend": self.name,
            "path": str(self.path),
            "places": n_places,
            "names": n_names,
            "keys": len(self._keys),
            **meta,
        }

    def close(self) -> None:
        self._db.close()

    # -- internals -----------------------------------------------------------------
    def _fetch(self, ids: Iterable[int]) -> list[Place]:
        cache = self._places
        missing = [i for i in ids if i not in cache]
        if missing:
            q = ",".join("?" * len(missing))
            for row in self.db.execute(
                f"SELECT {_PLACE_COLS} FROM places WHERE geonameid IN ({q})", missing
            ):
                cache[row[0]] = Place(*row)
        return [cache[i] for i in ids if i in cache]
