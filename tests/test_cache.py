"""The gazetteer's cache directory: what geomap reads from it, and how it meets faults.

Every fault is driven through the real ``geomap`` command in a fresh process, with
``GEOMAP_CACHE_DIR`` pointing at a directory of the test's own. The embedded index is not
rebuilt per test (half a minute): the test's cache links to the one the suite uses, and
a test that must damage it works on a copy.
"""

from __future__ import annotations

import importlib
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.gazetteer.embedded import default_index_path, embedded
from geomap.gazetteer.store import IndexGazetteer, IndexWriter, legacy_keys_path
from geomap.records import Place
from geomap.text import key

ARTICLE = "Government forces shelled Idlib on Monday, killing three civilians.\n"
ZARQA = Place(250258, "Zarqa", 32.07, 36.09, "JO", "", "", "P", "PPL", 1000)


class _Canary:
    """Unpickling this creates the canary file (``open(path, "w")``): proof that a pickle
    from the cache directory was loaded."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def _plant(path: Path, canary: Path) -> None:
    path.write_bytes(pickle.dumps(_Canary(canary)))


@pytest.fixture(scope="module")
def index_file() -> Path:
    """The embedded index the suite uses (built once if absent)."""
    return embedded().path


@pytest.fixture
def cache(tmp_path, index_file) -> Path:
    """A cache directory of the test's own whose embedded index is the suite's (linked)."""
    d = tmp_path / "cache"
    d.mkdir()
    (d / default_index_path().name).symlink_to(index_file)
    return d


def geomap_cli(*args: str, cache: Path | str, cwd: Path) -> subprocess.CompletedProcess:
    """The real ``geomap`` command in a fresh process, with this cache directory."""
    env = {**os.environ, "GEOMAP_CACHE_DIR": str(cache)}
    argv = [sys.executable, "-m", "geomap", *args]
    return subprocess.run(argv, check=False, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=240)


def _extract_cli(tmp_path: Path, cache: Path) -> subprocess.CompletedProcess:
    """``geomap extract`` of the test article, in a fresh process, with this cache."""
    return geomap_cli("extract", str(_article(tmp_path)), "-o", str(tmp_path / "x.geojson"),
                      cache=cache, cwd=tmp_path)


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _no_traceback(res: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in res.stderr, res.stderr


# -- step 1: the key table is data, never a pickle ------------------------------------------
def test_a_planted_pickle_beside_the_embedded_index_is_never_loaded(tmp_path, cache):
    canary = tmp_path / "pwned"
    index = cache / default_index_path().name
    _plant(legacy_keys_path(index), canary)
    out = tmp_path / "events.geojson"
    res = geomap_cli(
        "extract", str(_article(tmp_path)), "-o", str(out), "-q", cache=cache, cwd=tmp_path
    )
    assert res.returncode == 0, res.stderr
    assert json.loads(out.read_text("utf-8"))["features"], "the article has an event at Idlib"
    res = geomap_cli("gazetteer", "lookup", "Idlib", cache=cache, cwd=tmp_path)
    assert res.returncode == 0 and "Idlib" in res.stdout, res.stderr
    assert not canary.exists(), "a pickle from the cache directory was loaded"


def _tiny_index(path: Path) -> Path:
    w = IndexWriter(path)
    w.add_places([ZARQA])
    w.add_names([(key(n), ZARQA.geonameid, n) for n in ("Zarqa", "الزرقاء", "Zarqa Governorate")])
    w.commit()
    return path


def test_an_index_from_an_older_geomap_gets_its_keys_from_its_names_not_its_pickle(tmp_path, cache):
    canary = tmp_path / "pwned"
    index = _tiny_index(tmp_path / "old.sqlite")
    with sqlite3.connect(index) as db:  # what versions before format 8 wrote: no keys table
        db.execute("DROP TABLE keys")
    _plant(legacy_keys_path(index), canary)
    (cache / "active.json").write_text(json.dumps({"index": str(index)}), encoding="utf-8")
    res = geomap_cli("gazetteer", "lookup", "الزرقاء", "--json", cache=cache, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["geonameid"] == ZARQA.geonameid
    assert not canary.exists(), "the old index's pickle was loaded"
    assert not legacy_keys_path(index).exists(), "the stale pickle is removed once replaced"


def test_the_key_table_answers_keys_prefixes_and_ids(tmp_path):
    g = IndexGazetteer(_tiny_index(tmp_path / "tiny.sqlite"))
    assert g.has_key("zarqa") and g.has_key(key("الزرقاء")) and not g.has_key("zarq")
    assert "zarqa" in g.prefixes() and "zarqa governorate" not in g.prefixes()
    assert g.has_key("zarqa governorate") and not g.has_key("governorate")
    assert g.ids("zarqa") == (ZARQA.geonameid,) and g.ids("nowhere") == ()
    assert list(g.keys()) == sorted({"zarqa", key("الزرقاء"), "zarqa governorate"})
    assert g.info()["keys"] == 3


def test_the_stored_key_groups_are_those_every_backend_makes_from_its_keys(tmp_path):
    from geomap.gazetteer.base import Gazetteer
    from geomap.gazetteer.overrides import Override, OverrideGazetteer

    path = _tiny_index(tmp_path / "tiny.sqlite")
    g = IndexGazetteer(path)
    assert g.keys_by_shape("z", 5) == ("zarqa",)
    assert g.keys_by_shape("z", 17) == ("zarqa governorate",)
    assert g.keys_by_shape("z", 6) == () and g.keys_by_shape("q", 5) == ()
    groups = {(k[0], len(k)) for k in g.keys()}
    want = {s: Gazetteer.keys_by_shape(g, *s) for s in groups}  # grouped from keys()
    assert want and all(g.keys_by_shape(*s) == ks for s, ks in want.items())
    # an index written before the groups were stored groups its keys itself
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE key_shapes")
    old = IndexGazetteer(path)
    assert all(old.keys_by_shape(*s) == ks for s, ks in want.items())
    # the overrides' own keys come first, as in keys()
    fresh = IndexGazetteer(_tiny_index(tmp_path / "new.sqlite"))
    over = OverrideGazetteer(fresh, overrides=[Override(-7, ("Zarqo",), None)])
    assert over.keys_by_shape("z", 5) == ("zarqo", "zarqa")
    assert over.keys_by_shape("z", 5) == Gazetteer.keys_by_shape(over, "z", 5)


def test_answers_survive_emptying_the_memos(tmp_path, monkeypatch):
    from geomap.gazetteer import store

    monkeypatch.setattr(store, "MEMO_LIMIT", 2)  # empty them all the time
    g = IndexGazetteer(_tiny_index(tmp_path / "tiny.sqlite"))
    for _ in range(3):
        for k, want in (("zarqa", True), ("x", False), ("y", False), ("zarqa governorate", True)):
            assert g.has_key(k) is want
            assert g.ids(k) == ((ZARQA.geonameid,) if want else ())
        assert "zarqa" in g.prefixes() and "y" not in g.prefixes()


# -- #18: cache faults are detected, rebuilt or explained, never a traceback ----------------
IDLIB = Place(169389, "Idlib", 35.93, 36.63, "SY", "09", "Idlib", "P", "PPLA", 128840)


def _tiny_build(w: IndexWriter) -> None:
    """Stands in for the half-minute embedded build: two towns."""
    w.add_places([IDLIB, ZARQA])
    w.add_names([(key(n), IDLIB.geonameid, n) for n in ("Idlib", "إدلب", "Idleb")])
    w.add_names([(key(n), ZARQA.geonameid, n) for n in ("Zarqa", "الزرقاء")])


@pytest.fixture
def tiny_cache(tmp_path, monkeypatch):
    """A cache directory of the test's own whose embedded index is built by _tiny_build,
    with every per-process cache of open indexes emptied (in this process: CliRunner)."""
    from geomap import pipeline
    from geomap.gazetteer import active

    emb = importlib.import_module("geomap.gazetteer.embedded")

    d = tmp_path / "cache"
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(d))
    monkeypatch.setattr(emb, "_build", _tiny_build)
    monkeypatch.setattr(emb, "_OPEN", {})
    monkeypatch.setattr(active, "_OPEN", {})
    monkeypatch.setattr(active, "_DEFAULT", {})
    monkeypatch.setattr(pipeline, "_CONTEXT", {})
    return d


def _invoke(*args: str):
    from click.testing import CliRunner

    from geomap.cli import main

    return CliRunner().invoke(main, list(args))


def _clean_failure(res, *phrases: str) -> None:
    """Exit 1 with a one-line error naming the problem, no traceback."""
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    for phrase in phrases:
        assert phrase in res.output, res.output


def _extract_ok(tmp_path: Path) -> str:
    out = tmp_path / "events.geojson"
    res = _invoke(
        "extract",
        str(_article(tmp_path)),
        "-o",
        str(out),
        "--report",
        str(tmp_path / "skipped.jsonl"),
    )
    assert res.exit_code == 0, res.output
    feats = json.loads(out.read_text("utf-8"))["features"]
    assert [f["properties"]["geonameid"] for f in feats] == [IDLIB.geonameid]
    assert (tmp_path / "skipped.jsonl").read_text("utf-8") == ""
    return res.output


def _page_of(index: Path, table: str) -> int:
    with sqlite3.connect(index) as db:
        return db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[
            0
        ]


def _garble(index: Path, page: int | None = None) -> None:
    """Overwrite one page of the file (``None``: the header) with bytes SQLite cannot use."""
    with sqlite3.connect(index) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
    with open(index, "r+b") as fh:
        fh.seek(0 if page is None else (page - 1) * size)
        fh.write(b"\xa5" * (100 if page is None else size))


def test_a_garbled_embedded_index_is_built_again(tmp_path, tiny_cache):
    _extract_ok(tmp_path)
    index = default_index_path()
    _garble(index)
    emb = importlib.import_module("geomap.gazetteer.embedded")

    emb._OPEN.clear()
    from geomap import pipeline
    from geomap.gazetteer import active

    active._DEFAULT.clear()
    pipeline._CONTEXT.clear()
    _extract_ok(tmp_path)
    assert IndexGazetteer(index).has_key("idlib"), "the index was rebuilt in place"


@pytest.mark.parametrize("table", ["keys", "places"])
def test_a_damaged_page_is_rebuilt_or_stops_the_batch_with_the_remedy(tmp_path, tiny_cache, table):
    """Opening reads the key table's first page: damage there is found at once and the
    embedded index rebuilt. Damage deeper in shows only when a document needs that page:
    the batch stops with the remedy (no document is to blame), and ``gazetteer build``,
    which reads every page, repairs it."""
    from geomap.gazetteer.store import index_problem

    _extract_ok(tmp_path)
    index = default_index_path()
    _garble(index, _page_of(index, table))
    assert index_problem(index) is not None
    _reset_open_indexes()
    if table == "keys":
        _extract_ok(tmp_path)
    else:
        out = tmp_path / "again.geojson"
        res = _invoke("extract", str(_article(tmp_path)), "-o", str(out))
        _clean_failure(res, "damaged", "geomap gazetteer build")
        assert "internal error" not in res.output and not out.exists()
        assert "skipped" not in res.output, "the document is not blamed for the index"
        res = _invoke("gazetteer", "build")
        assert res.exit_code == 0, res.output
        assert "damaged" in res.output
    assert index_problem(index) is None
    _reset_open_indexes()
    _extract_ok(tmp_path)


def _reset_open_indexes() -> None:
    from geomap import pipeline
    from geomap.gazetteer import active

    emb = importlib.import_module("geomap.gazetteer.embedded")

    for cache in (emb._OPEN, active._OPEN, active._DEFAULT, pipeline._CONTEXT):
        for g in list(cache.values()):
            close = getattr(g, "close", None) or getattr(
                g[1] if isinstance(g, tuple) else None, "close", None
            )
            if close:
                close()
        cache.clear()


def test_a_key_table_of_the_wrong_shape_is_rebuilt_for_the_embedded_index(tmp_path, tiny_cache):
    _extract_ok(tmp_path)
    index = default_index_path()
    with sqlite3.connect(index) as db:
        db.execute("DROP TABLE keys")
        db.execute("CREATE TABLE keys (key TEXT, value BLOB)")
    _reset_open_indexes()
    _extract_ok(tmp_path)


def test_a_key_table_row_of_the_wrong_type_is_explained(tmp_path, tiny_cache):
    index = _tiny_index(tmp_path / "imported.sqlite")
    with sqlite3.connect(index) as db:
        db.execute("UPDATE keys SET ids = 'not a number' WHERE key = 'zarqa'")
    res = _invoke("gazetteer", "use", str(index))
    assert res.exit_code == 0, res.output
    res = _invoke("gazetteer", "lookup", "Zarqa")
    _clean_failure(res, str(index), "damaged")


def test_an_imported_index_that_is_not_an_index_is_explained(tmp_path, tiny_cache):
    fake = tmp_path / "fake.sqlite"
    with sqlite3.connect(fake) as db:
        db.execute("CREATE TABLE places (x)")
    res = _invoke("gazetteer", "use", str(fake))
    _clean_failure(res, "not a geomap gazetteer index")
    # made active behind geomap's back: every command says so
    tiny_cache.mkdir(parents=True, exist_ok=True)
    (tiny_cache / "active.json").write_text(json.dumps({"index": str(fake)}), encoding="utf-8")
    res = _invoke("extract", str(_article(tmp_path)), "-o", str(tmp_path / "x.geojson"))
    _clean_failure(res, "not a geomap gazetteer index")


@pytest.mark.parametrize(
    "body", ["{not json", "[]", '{"index": 5}', '{"index": ""}', '{"other": 1}', "\udcff", None]
)
def test_a_malformed_active_json_is_explained_and_use_embedded_repairs_it(tmp_path, cache, body):
    active = cache / "active.json"
    if body is None:
        active.mkdir()  # a directory where the file should be
    elif body == "\udcff":
        active.write_bytes(b"\xff\xfe{")
    else:
        active.write_text(body, encoding="utf-8")
    res = _extract_cli(tmp_path, cache)
    assert res.returncode == 1, res.stderr
    _no_traceback(res)
    assert "active.json" in res.stderr and "geomap gazetteer use embedded" in res.stderr, res.stderr
    if body is None:
        active.rmdir()  # "use embedded" cannot remove a directory for the user
    res = geomap_cli("gazetteer", "use", "embedded", cache=cache, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = _extract_cli(tmp_path, cache)
    assert res.returncode == 0, res.stderr


def test_use_embedded_explains_an_active_json_it_cannot_remove(tmp_path, cache):
    (cache / "active.json").mkdir()
    res = geomap_cli("gazetteer", "use", "embedded", cache=cache, cwd=tmp_path)
    assert res.returncode == 1
    _no_traceback(res)
    assert "active.json" in res.stderr


def test_a_cache_path_that_is_a_file_is_explained(tmp_path):
    not_a_dir = tmp_path / "cache"
    not_a_dir.write_text("I am a file", encoding="utf-8")
    res = _extract_cli(tmp_path, not_a_dir)
    assert res.returncode == 1
    _no_traceback(res)
    assert "is a file, not a directory" in res.stderr and "GEOMAP_CACHE_DIR" in res.stderr, (
        res.stderr
    )
    res = geomap_cli("gazetteer", "info", cache=not_a_dir, cwd=tmp_path)
    assert res.returncode == 1 and "is a file, not a directory" in res.stderr, res.stderr


def _read_only(path: Path) -> bool:
    """Make directory ``path`` read-only for this process; False when that cannot be done.
    Root writes through permission bits, so for root the directory is made immutable."""
    if os.geteuid() != 0:
        path.chmod(0o555)
        return True
    got = (
        subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if shutil.which("chattr")
        else None
    )
    return bool(got) and got.returncode == 0


def _writable_again(path: Path) -> None:
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
    path.chmod(0o755)


def test_a_cold_read_only_cache_dir_is_explained(tmp_path):
    ro = tmp_path / "ro-cache"
    ro.mkdir()
    if not _read_only(ro):
        pytest.skip("cannot make a directory read-only here (root without chattr +i)")
    try:
        assert not os.access(ro, os.W_OK) or os.geteuid() == 0
        res = _extract_cli(tmp_path, ro)
        assert res.returncode == 1
        _no_traceback(res)
        assert "not writable" in res.stderr and "GEOMAP_CACHE_DIR" in res.stderr, res.stderr
        assert list(ro.iterdir()) == []
    finally:
        _writable_again(ro)


# -- the Bloom filter in front of the key table ---------------------------------------------
def test_the_filter_never_hides_a_key_or_a_prefix(tmp_path):
    from geomap.gazetteer.store import BloomFilter

    index = _tiny_index(tmp_path / "tiny.sqlite")
    with sqlite3.connect(index) as db:
        strings = [k for (k,) in db.execute("SELECT key FROM keys")]
        hashes, bits = db.execute("SELECT hashes, bits FROM filter WHERE name = 'keys'").fetchone()
    bloom = BloomFilter(bits, hashes)
    assert strings and all(bloom.maybe(s) for s in strings)
    assert sum(bloom.maybe(f"not a place {i}") for i in range(2000)) < 40  # about 1 in 400


def test_strings_the_filter_rules_out_cost_no_query(tmp_path):
    g = IndexGazetteer(_tiny_index(tmp_path / "tiny.sqlite"))
    g.has_key("zarqa")  # reads the filter
    queries = []
    g._db.set_trace_callback(queries.append)
    assert not g.has_key("certainly not a place name") and "certainly" not in g.prefixes()
    assert g.has_key("zarqa governorate") and g.ids("zarqa governorate") == (ZARQA.geonameid,)
    assert len(queries) == 1, queries  # only the string that is there was looked up


def test_a_prefetched_document_gives_the_same_answers_in_one_query(tmp_path):
    index = _tiny_index(tmp_path / "tiny.sqlite")
    words = ["zarqa", "zarq", "zarqa governorate", key("الزرقاء"), "governorate", "zarqa"]
    plain = IndexGazetteer(index)
    want = [(plain.has_key(w), w in plain.prefixes(), plain.ids(w)) for w in words]
    g = IndexGazetteer(index)
    g.has_key("x")  # reads the filter
    queries = []
    g._db.set_trace_callback(queries.append)
    g.prefetch(words, places=True)
    assert len(queries) == 2, queries  # the keys in one query, their places in another
    queries.clear()
    assert [(g.has_key(w), w in g.prefixes(), g.ids(w)) for w in words] == want
    assert g.candidates("zarqa") == plain.candidates("zarqa") == [ZARQA]
    assert queries == []  # every answer came from the prefetch
    # the memos at their bound are left to empty themselves, answers unchanged
    from geomap.gazetteer import store

    small = IndexGazetteer(index)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(store, "MEMO_LIMIT", 2)
        small.prefetch(words)
        assert [(small.has_key(w), w in small.prefixes(), small.ids(w)) for w in words] == want


def test_recognition_reads_a_documents_words_in_one_query(tmp_path):
    from geomap.geoparse import recognise

    text = ("Shelling hit Zarqa and the Zarqa Governorate on Monday; Amman, Irbid, Mafraq, "
            "Jerash and Ajloun reported nothing.")
    g = IndexGazetteer(_tiny_index(tmp_path / "tiny.sqlite"))
    g._table._filter = None  # every word reaches the table
    queries = []
    g._db.set_trace_callback(queries.append)
    found = recognise(text, g, "en")
    assert [m.key for m in found] == ["zarqa", "zarqa governorate"]
    keys = [q for q in queries if "FROM keys" in q]
    # the words; the pairs a longer name may begin; the words' other spellings (skeletons)
    assert 1 <= len(keys) <= 3 and not any("key = " in q for q in keys), keys


@pytest.mark.parametrize(
    "damage",
    ["DROP TABLE filter", "UPDATE filter SET hashes = 1000", "UPDATE filter SET bits = x'00ff00'"],
)
def test_an_index_without_a_usable_filter_answers_the_same(tmp_path, damage):
    index = _tiny_index(tmp_path / "tiny.sqlite")
    with sqlite3.connect(index) as db:
        db.execute(damage)
    g = IndexGazetteer(index)
    assert g.has_key("zarqa") and g.has_key("zarqa governorate") and not g.has_key("zarq")
    assert "zarqa" in g.prefixes() and "governorate" not in g.prefixes()
