"""The on-disk gazetteer index: one SQLite file.

Layout::

    places(geonameid PK, name, lat, lon, country_code, admin1, admin1_name,
           feature_class, feature_code, population, source)
    names(key, geonameid, name)          -- key = geomap.text.key(name); every spelling
                                            of a place with that key ("الزرقاء", "زرقاء")
    keys(key PK, ids, prefix)            -- the key table: per lookup key the ids of the
                                            places bearing it (space-separated, ascending;
                                            NULL for a key that is only a prefix), and
                                            whether it is a proper token prefix of a
                                            multi-word key ("new", "new york" for
                                            "new york city")
    key_shapes(first, size, keys)        -- the keys (those with ids) grouped by first
                                            character and length, newline-separated in
                                            key order: the pools near spellings are
                                            looked for in, read per group, not built from
                                            700k keys in every process
    filter(name PK, hashes, bits)        -- a Bloom filter of the key table's strings
                                            (keys and prefixes): most strings a text asks
                                            about are in neither, and the filter says so
                                            without a B-tree search
    meta(k PK, v)                        -- version, sources, counts, the index format

Recognition asks for every token whether it is a key or a prefix. Those answers are read
from the ``keys`` table the first time a string is asked about and kept in per-process
memos (dicts, so a repeated question costs one C-level dict lookup): start-up opens the
file and reads nothing else, and the file is plain data -- unlike the pickled key table
of earlier versions, reading it cannot run code (SQLite is built to read untrusted
database files; ``trusted_schema`` is off, so a planted trigger or view cannot call
functions with side effects either). A pickle left beside an index is never read.

A document's strings are read together: recognition announces them
(:meth:`IndexGazetteer.prefetch`) and the first one not answered yet reads them all in one
``SELECT ... WHERE key IN (...)``, not one query each; once the memos hold them, as for
most documents of a long batch, the announcement is never read.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from hashlib import blake2b
from pathlib import Path

from ..errors import GazetteerError
from ..records import Place
from ..text.normalize import joined_key
from .base import Gazetteer, LazySet

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


def _with_joined_keys(rows: Iterable[tuple[str, int, str]]) -> Iterator[tuple[str, int, str]]:
    for row in rows:
        yield row
        joined = joined_key(row[2]) if row[2] else ""
        if joined and joined != row[0]:
            yield joined, row[1], row[2]


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
        """Add ``(key, geonameid, name)`` rows; empty keys are ignored. A name with an
        apostrophe inside a word ("Ra's al 'Ayn") is also indexed under its joined key
        ("ras al ayn", :func:`~geomap.text.normalize.joined_key`), the form news writes."""
        self.db.executemany(
            "INSERT OR IGNORE INTO names (key, geonameid, name) VALUES (?,?,?)",
            _with_joined_keys(r for r in rows if r[0]),
        )

    def name_rows(self, lo: str, hi: str) -> list[tuple[str, int, str]]:
        """The ``(key, geonameid, name)`` rows added so far whose key lies in ``[lo, hi)``
        (a build step that derives names from names: other spellings of Arabic keys)."""
        return self.db.execute(
            "SELECT key, geonameid, name FROM names WHERE key >= ? AND key < ?", (lo, hi)
        ).fetchall()

    def set_meta(self, **meta: str) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta (k, v) VALUES (?,?)", meta.items())

    def commit(self) -> None:
        """Finish: drop names of unknown places, write the key table, move the file in place."""
        db = self.db
        db.execute("DELETE FROM names WHERE geonameid NOT IN (SELECT geonameid FROM places)")
        db.commit()
        write_key_table(db)
        db.execute("ANALYZE")
        db.commit()
        db.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.db.close()
        finally:
            self.tmp.unlink(missing_ok=True)


KEYS_SCHEMA = """
CREATE TABLE keys (
    key TEXT PRIMARY KEY,
    ids TEXT,
    prefix INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
"""


def write_key_table(db: sqlite3.Connection) -> int:
    """(Re)write the ``keys`` table from the ``names`` table; return the number of keys.

    The ids of a key are ascending, as the lookups have always returned them.
    """
    keys: dict[str, list[int]] = {}
    for k, gid in db.execute("SELECT DISTINCT key, geonameid FROM names ORDER BY key, geonameid"):
        got = keys.get(k)
        if got is None:
            keys[k] = [gid]
        else:
            got.append(gid)
    prefixes = token_prefixes(keys)
    db.commit()
    db.execute("BEGIN IMMEDIATE")  # one transaction: a reader sees the old table or the new
    db.execute("DROP TABLE IF EXISTS keys")
    db.execute(KEYS_SCHEMA)
    # every string in key order (the B-tree is filled by appending, not by random inserts),
    # streamed: a list of all the rows would double the peak memory of a big import
    strings = sorted(keys) + sorted(k for k in prefixes if k not in keys)
    strings.sort()
    rows = ((k, " ".join(map(str, keys[k])) if k in keys else None, int(k in prefixes))
            for k in strings)
    db.executemany("INSERT INTO keys (key, ids, prefix) VALUES (?,?,?)", rows)
    write_shapes(db, keys)
    db.execute("DROP TABLE IF EXISTS filter")
    db.execute("CREATE TABLE filter (name TEXT PRIMARY KEY, hashes INTEGER NOT NULL, "
               "bits BLOB NOT NULL)")
    bits = BloomFilter.build(strings)
    db.execute("INSERT INTO filter VALUES ('keys', ?, ?)", (BloomFilter.HASHES, bits))
    db.execute("INSERT OR REPLACE INTO meta (k, v) VALUES ('keys', ?)", (str(len(keys)),))
    db.commit()
    return len(keys)


SHAPES_SCHEMA = """
CREATE TABLE key_shapes (
    first TEXT NOT NULL,
    size INTEGER NOT NULL,
    keys TEXT NOT NULL,
    PRIMARY KEY (first, size)
) WITHOUT ROWID;
"""


def write_shapes(db: sqlite3.Connection, keys: Iterable[str]) -> None:
    """(Re)write the ``key_shapes`` table: ``keys`` grouped by first character and length,
    each group in key order (as ``keys()`` lists them), joined by newlines (a key is words
    joined by single spaces: it never holds a newline)."""
    groups: dict[tuple[str, int], list[str]] = {}
    for k in sorted(keys):
        if k:
            groups.setdefault((k[0], len(k)), []).append(k)
    db.execute("DROP TABLE IF EXISTS key_shapes")
    db.execute(SHAPES_SCHEMA)
    db.executemany(
        "INSERT INTO key_shapes (first, size, keys) VALUES (?,?,?)",
        ((first, size, "\n".join(ks)) for (first, size), ks in sorted(groups.items())),
    )


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


def legacy_keys_path(index: Path) -> Path:
    """Where versions before index format 8 pickled the key table. Never read: a pickle
    can run code when loaded, and anyone who can write to the cache directory could plant
    one. An index that still needs it gets its ``keys`` table from its own names."""
    return Path(str(index) + ".keys.pickle")


#: Answers kept per process before the memos are emptied (so a huge batch of ever new
#: words cannot grow them without bound); emptying changes no answer, only its cost.
MEMO_LIMIT = 1 << 18
#: Strings looked up per query by :meth:`KeyTable.prefetch` (SQLite before 3.32 allows
#: 999 parameters to a statement).
PREFETCH_BATCH = 500
#: Announcements :meth:`KeyTable.defer` keeps unread (a document makes two or three).
PENDING = 4


class BloomFilter:
    """Which strings are certainly not in the key table, without reading it.

    A string's ``HASHES`` bit positions come from its BLAKE2b digest (not Python's
    ``hash()``, which differs between processes); 16 bits per string leave about one
    false "maybe" in 400 (then the table is read as before). A filter never says "no"
    to a string that is there, so answers stay exactly the table's.
    """

    HASHES = 4
    BITS_PER_KEY = 16

    def __init__(self, bits: bytes, hashes: int = HASHES):
        self.bits = bits
        self.mask = len(bits) * 8 - 1  # the size is a power of two
        self.hashes = hashes

    @staticmethod
    def _positions(s: str, hashes: int, mask: int) -> Iterator[int]:
        digest = blake2b(s.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        h1, h2 = int.from_bytes(digest[:8], "little"), int.from_bytes(digest[8:], "little") | 1
        return ((h1 + i * h2) & mask for i in range(hashes))

    @classmethod
    def build(cls, strings: Sequence[str]) -> bytes:
        size = 8
        while size < len(strings) * cls.BITS_PER_KEY:
            size *= 2
        bits = bytearray(size // 8)
        for s in strings:
            for pos in cls._positions(s, cls.HASHES, size - 1):
                bits[pos >> 3] |= 1 << (pos & 7)
        return bytes(bits)

    def maybe(self, s: str) -> bool:
        # _positions written out: asked for every new word of every text, where a
        # generator per string costs as much as the hash
        digest = blake2b(s.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        h1, h2 = int.from_bytes(digest[:8], "little"), int.from_bytes(digest[8:], "little") | 1
        bits, mask = self.bits, self.mask
        for i in range(self.hashes):
            pos = (h1 + i * h2) & mask
            if not bits[pos >> 3] >> (pos & 7) & 1:
                return False
        return True


class KeyTable:
    """The ``keys`` table of an open index, answered through memos (see the module doc)."""

    def __init__(self, db: Callable[[], sqlite3.Connection],
                 damaged: Callable[[Exception], Exception]):
        self._db = db
        self._damaged = damaged
        self.is_key = LazySet(self._answer_key)
        self.is_prefix = LazySet(self._answer_prefix)
        self._ids: dict[str, tuple[int, ...]] = {}
        self._filter: BloomFilter | None | bool = False  # False: not read yet
        # strings announced by defer(), read together at the first string not answered yet
        # (the last few announcements: an older one is dropped unread)
        self._pending: deque[Iterable[str]] = deque(maxlen=PENDING)

    def _answer_key(self, k: str) -> bool:
        ids, prefix = self._read(k)
        dict.__setitem__(self.is_prefix, k, prefix)  # one read answers both questions
        return ids

    def _answer_prefix(self, k: str) -> bool:
        ids, prefix = self._read(k)
        dict.__setitem__(self.is_key, k, ids)
        return prefix

    def _read(self, k: str) -> tuple[bool, bool]:
        """One string's row: is it a key (its ids are kept), is it a prefix."""
        if len(self.is_key) >= MEMO_LIMIT or len(self.is_prefix) >= MEMO_LIMIT:
            self.is_key.clear()
            self.is_prefix.clear()
            self._ids.clear()
        if self._pending:
            while self._pending:  # (popped first: a lookup made while reading one is plain)
                self.prefetch(self._pending.popleft())
            answer = self.is_key.get(k), self.is_prefix.get(k)
            if answer[0] is not None and answer[1] is not None:
                return answer  # read with the announced strings
        if self._filter is False:
            self._filter = self._read_filter()
        if self._filter is not None and not self._filter.maybe(k):
            return False, False
        try:
            row = self._db().execute("SELECT ids, prefix FROM keys WHERE key = ?", (k,)).fetchone()
            ids, prefix = row if row else (None, 0)
            if ids:
                self._ids[k] = tuple(int(i) for i in ids.split())
        except (sqlite3.Error, ValueError, TypeError, AttributeError) as err:
            # a damaged page, or a row that is not what geomap writes
            raise self._damaged(err) from err
        return bool(ids), bool(prefix)

    def prefetch(self, strings: Iterable[str]) -> None:
        """Answer, for every string of ``strings`` not asked about yet, both questions at
        once (is it a key, is it a prefix), with one query per :data:`PREFETCH_BATCH`
        strings instead of one per string. The answers are those :meth:`_read` gives:
        later lookups find them in the memos."""
        known, prefixes = self.is_key, self.is_prefix
        has, put = dict.__contains__, dict.__setitem__
        # (the strings already answered, most of them once warm, are passed over in C)
        todo = list(dict.fromkeys(itertools.filterfalse(known.keys().__contains__, strings)))
        if not todo:
            return
        if len(known) + len(todo) >= MEMO_LIMIT or len(prefixes) + len(todo) >= MEMO_LIMIT:
            return  # near the bound: left to _read, which empties the memos first
        # (the Bloom filter is not asked: in a query of many strings, SQLite looks one up
        # in less time than the filter's hash takes in Python)
        rows = self._rows(todo)
        for s in todo:
            ids, prefix = rows.get(s, (None, 0))
            put(known, s, bool(ids))
            if not has(prefixes, s):
                put(prefixes, s, bool(prefix))

    def defer(self, strings: Iterable[str]) -> None:
        """Announce strings about to be asked about (an iterable, a generator even, taken
        only when needed): they are read together, with :meth:`prefetch`, when a string not
        answered yet is first asked about. Once the memos hold a document's words, as they
        do for most documents of a long batch, announcing them costs nothing more."""
        self._pending.append(strings)

    def _rows(self, strings: Sequence[str]) -> dict[str, tuple[str | None, int]]:
        """The rows of those ``strings`` that are in the table (their ids are kept)."""
        rows: dict[str, tuple[str | None, int]] = {}
        try:
            for n in range(0, len(strings), PREFETCH_BATCH):
                part = strings[n : n + PREFETCH_BATCH]
                marks = ",".join("?" * len(part))
                for k, ids, prefix in self._db().execute(
                    f"SELECT key, ids, prefix FROM keys WHERE key IN ({marks})", part
                ):
                    rows[k] = (ids, prefix)
            for k, (ids, _prefix) in rows.items():
                if ids:
                    self._ids[k] = tuple(int(i) for i in ids.split())
        except (sqlite3.Error, ValueError, TypeError, AttributeError) as err:
            # a damaged page, or a row that is not what geomap writes
            raise self._damaged(err) from err
        return rows

    def _read_filter(self) -> BloomFilter | None:
        """The index's filter; ``None`` for an index written before there was one."""
        try:
            row = self._db().execute(
                "SELECT hashes, bits FROM filter WHERE name = 'keys'").fetchone()
        except sqlite3.OperationalError:  # no such table
            return None
        except sqlite3.Error as err:
            raise self._damaged(err) from err
        hashes, bits = row if row else (0, b"")
        if not isinstance(bits, bytes) or not bits or len(bits) & (len(bits) - 1) \
                or not isinstance(hashes, int) or not 1 <= hashes <= 16:
            return None  # not what geomap writes: read the table for every string
        return BloomFilter(bits, hashes)

    def ids(self, k: str) -> tuple[int, ...]:
        # a key's ids are read with its answer (and the memos are emptied together)
        return self._ids.get(k, ()) if self.is_key[k] else ()


def _verify(db: sqlite3.Connection, path: Path) -> None:
    """Is this SQLite file a geomap index? Cheap: the schema and one row, not every page."""
    tables = {
        name: {c[1] for c in db.execute(f"PRAGMA table_info({name})")}
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if name in ("places", "names", "keys", "meta")
    }
    wanted = {"places": {"geonameid", "name", "lat", "lon"}, "names": {"key", "geonameid", "name"},
              "keys": {"key", "ids", "prefix"}, "meta": {"k", "v"}}
    for name, cols in wanted.items():
        if name not in tables:
            raise _NoKeyTable(path) if name == "keys" and len(tables) == 3 else GazetteerError(
                f"{path} is not a geomap gazetteer index (it has no {name!r} table)")
        if not cols <= tables[name]:
            raise GazetteerError(
                f"{path} is not a geomap gazetteer index (its {name!r} table lacks "
                f"{', '.join(sorted(cols - tables[name]))})")
    db.execute("SELECT ids, prefix FROM keys LIMIT 1").fetchall()


class _NoKeyTable(GazetteerError):
    """An index of an older geomap: its key table was a pickle beside it."""

    def __init__(self, path: Path):
        super().__init__(
            f"gazetteer index {path} was written by an older geomap (its key table was a pickle, "
            "which geomap no longer reads); import it again, or rebuild the embedded index with: "
            "geomap gazetteer build --force"
        )
        self.path = path


def add_key_table(path: Path) -> None:
    """Give an index of an older geomap its ``keys`` table, derived from its own names
    (the pickle beside it is not read, and removed)."""
    try:
        db = sqlite3.connect(path)
        try:
            write_key_table(db)
        finally:
            db.close()
    except sqlite3.Error as err:
        raise GazetteerError(
            f"gazetteer index {path} needs a key table and cannot be given one ({err}); import it "
            "again, or go back to the embedded index with: geomap gazetteer use embedded"
        ) from err
    legacy_keys_path(path).unlink(missing_ok=True)


def _connect_ro(path: Path) -> sqlite3.Connection:
    # immutable is not set: another process may rebuild the file (it is replaced, not
    # written in place, so a reader never sees half an index)
    db = sqlite3.connect(f"file:{_uri_path(path)}?mode=ro", uri=True, check_same_thread=False)
    db.execute("PRAGMA trusted_schema = OFF")
    return db


def _uri_path(path: Path) -> str:
    """``path`` for an SQLite URI: ``?`` and ``#`` in a directory name would end the path."""
    from urllib.parse import quote

    return quote(str(path), safe="/")


def index_problem(path: Path) -> str | None:
    """What is wrong with the index at ``path`` (every page read), or ``None`` when it is
    sound; for ``geomap gazetteer build``, which rebuilds a damaged index."""
    try:
        g = IndexGazetteer(path, upgrade=False)
    except GazetteerError as err:
        return str(err)
    try:
        return g.check()
    finally:
        g.close()


class IndexGazetteer(Gazetteer):
    """A gazetteer read from an index file written by :class:`IndexWriter`."""

    name = "index"

    def __init__(self, path: Path, *, upgrade: bool = True):
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerError(
                f"no gazetteer index at {self.path}; build it with: geomap gazetteer build"
            )
        try:
            self._db = self._connect()
            try:
                _verify(self._db, self.path)
            except _NoKeyTable:
                if not upgrade:
                    raise
                self._db.close()
                add_key_table(self.path)
                self._db = self._connect()
                _verify(self._db, self.path)
        except sqlite3.Error as err:
            raise GazetteerError(
                f"gazetteer index {self.path} cannot be read ({err}); rebuild it with: "
                "geomap gazetteer build --force"
            ) from err
        self._has_shapes = bool(self._query(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'key_shapes'"))
        self._shapes: dict[tuple[str, int], tuple[str, ...]] = {}
        self._places: dict[int, Place] = {}
        self._candidates: dict[str, tuple[Place, ...]] = {}
        self._table = KeyTable(lambda: self.db, self._damaged)
        # Recognition asks has_key() for every token: the memo's own C method, without a
        # Python call in between, is measurably faster.
        self.has_key = self._table.is_key.__getitem__  # type: ignore[method-assign]

    def _connect(self) -> sqlite3.Connection:
        self._pid = os.getpid()
        return _connect_ro(self.path)

    @property
    def db(self) -> sqlite3.Connection:
        """The SQLite connection, reopened in a forked child (a connection must not be
        used across a fork; the memos and the place cache are shared as they are)."""
        if self._pid != os.getpid():
            self._db = self._connect()
        return self._db

    # -- the contract -------------------------------------------------------------
    def candidates(self, key: str) -> list[Place]:
        # a key's places are asked for again and again (every mention of a name, every
        # document naming it): kept per key, a fresh list each time (callers may change it)
        got = self._candidates.get(key)
        if got is None:
            ids = self.ids(key)
            if not ids:
                return []
            if len(self._candidates) >= MEMO_LIMIT:
                self._candidates.clear()
            got = self._candidates[key] = tuple(self._fetch(ids))
        return list(got)

    def place(self, geonameid: int) -> Place | None:
        got = self._fetch((geonameid,))
        return got[0] if got else None

    def has_key(self, key: str) -> bool:
        return self._table.is_key[key]

    def ids(self, key: str) -> tuple[int, ...]:
        return self._table.ids(key)

    def prefixes(self) -> LazySet:
        """The proper token prefixes of multi-word keys, read on demand."""
        return self._table.is_prefix

    def prefetch(self, keys: Iterable[str], *, places: bool = False) -> None:
        """Read the answers of ``has_key`` and ``prefixes()`` for ``keys`` (a document's
        words) in one query rather than one per word, when the first of them not answered
        yet is asked about (see :meth:`KeyTable.defer`; ``keys`` may be a generator); with
        ``places``, at once, and the places of those that are keys too (for
        ``candidates``)."""
        if not places:
            self._table.defer(keys)
            return
        keys = list(keys)
        self._table.prefetch(keys)
        known = self._candidates
        self._fetch([i for k in keys if k not in known for i in self.ids(k)])

    def names_for_key(self, key: str) -> list[str]:
        return [n for (n,) in self._query("SELECT name FROM names WHERE key = ?", (key,)) if n]

    def keys_by_shape(self, first: str, length: int) -> tuple[str, ...]:
        """One group of the ``key_shapes`` table (an index written before there was one:
        grouped from ``keys()`` once, as by every backend)."""
        if not self._has_shapes:
            return super().keys_by_shape(first, length)
        # kept: each group is in three pools (names one letter shorter, as long, longer)
        got = self._shapes.get((first, length))
        if got is None:
            rows = self._query("SELECT keys FROM key_shapes WHERE first = ? AND size = ?",
                               (first, length))
            got = self._shapes[(first, length)] = tuple(rows[0][0].split("\n")) if rows else ()
        return got

    def keys(self) -> Iterator[str]:
        """Every lookup key, in sorted order."""
        rows = self._query("SELECT key FROM keys WHERE ids IS NOT NULL ORDER BY key")
        return (k for (k,) in rows)

    def info(self) -> dict:
        meta = dict(self._query("SELECT k, v FROM meta"))
        (n_places,) = self._query("SELECT count(*) FROM places")[0]
        (n_names,) = self._query("SELECT count(*) FROM names")[0]
        if "keys" not in meta:
            meta["keys"] = self._query("SELECT count(*) FROM keys WHERE ids IS NOT NULL")[0][0]
        return {
            "backend": self.name,
            "path": str(self.path),
            "places": n_places,
            "names": n_names,
            **meta,
            "keys": int(meta["keys"]),
        }

    def check(self) -> str | None:
        """Read every page (SQLite's ``quick_check``); ``None`` when the index is sound,
        else what is wrong. Slow on a big index: for ``geomap gazetteer build``, not start-up."""
        try:
            rows = self.db.execute("PRAGMA quick_check").fetchall()
        except sqlite3.Error as err:
            return str(err)
        problems = [r[0] for r in rows if r[0] != "ok"]
        return "; ".join(problems[:3]) or None

    def close(self) -> None:
        self._db.close()

    # -- internals -----------------------------------------------------------------
    def _query(self, sql: str, args: tuple = ()) -> list:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as err:
            raise self._damaged(err) from err

    def _damaged(self, err: Exception) -> GazetteerError:
        return GazetteerError(
            f"gazetteer index {self.path} is damaged ({err}); rebuild it with: "
            "geomap gazetteer build --force"
        )

    def _fetch(self, ids: Iterable[int]) -> list[Place]:
        cache = self._places
        missing = list(dict.fromkeys(i for i in ids if i not in cache))
        for n in range(0, len(missing), PREFETCH_BATCH):
            part = missing[n : n + PREFETCH_BATCH]
            q = ",".join("?" * len(part))
            for row in self._query(f"SELECT {_PLACE_COLS} FROM places WHERE geonameid IN ({q})",
                                   tuple(part)):
                cache[row[0]] = Place(*row)
        return [cache[i] for i in ids if i in cache]
