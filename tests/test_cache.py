"""The gazetteer's cache directory: what geomap reads from it, and how it meets faults.

Every fault is driven through the real ``geomap`` command in a fresh process, with
``GEOMAP_CACHE_DIR`` pointing at a directory of the test's own. The embedded index is not
rebuilt per test (half a minute): the test's cache links to the one the suite uses, and
a test that must damage it works on a copy.
"""

from __future__ import annotations

import json
import os
import pickle
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


def geomap_cli(*args: str, cache: Path | str, cwd: Path, user: int | None = None,
               timeout: float = 240) -> subprocess.CompletedProcess:
    env = {**os.environ, "GEOMAP_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args], check=False, cwd=cwd, env=env, capture_output=True, text=True,
        timeout=timeout, user=user,
    )


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
    res = geomap_cli("extract", str(_article(tmp_path)), "-o", str(out), "-q", cache=cache, cwd=tmp_path)
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


def test_answers_survive_emptying_the_memos(tmp_path, monkeypatch):
    from geomap.gazetteer import store

    monkeypatch.setattr(store, "MEMO_LIMIT", 2)  # empty them all the time
    g = IndexGazetteer(_tiny_index(tmp_path / "tiny.sqlite"))
    for _ in range(3):
        for k, want in (("zarqa", True), ("x", False), ("y", False), ("zarqa governorate", True)):
            assert g.has_key(k) is want
            assert g.ids(k) == ((ZARQA.geonameid,) if want else ())
        assert "zarqa" in g.prefixes() and "y" not in g.prefixes()
