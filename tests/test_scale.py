"""Batches: every input accounted for, the same bytes whatever the scheduler, re-runs and
appends that change nothing, and the exit code and summary line a script can rely on."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.inputs import iter_documents
from geomap.pipeline import run
from geomap.records import Document, Skipped
from geomap.report import read_skipped
from geomap.schema import event_row

from .conftest import ENGLISH_ARTICLE, HOSTILE_TEXT, SEED_TEXT
from .test_hostile import build_corpus
from .test_inputs import ARABIC, HTML, RSS

SUMMARY = re.compile(r"^(\d+) documents, (\d+) events, (\d+) skipped\b", re.MULTILINE)


def _articles(root: Path) -> Path:
    """A small batch of articles of every input kind, a few of them bad."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_TEXT, root / "seed.txt")
    (root / "seed.json").write_text(json.dumps({"date": "2017-03-07", "language": "ar"}), "utf-8")
    (root / "idlib.txt").write_text(ENGLISH_ARTICLE, "utf-8")
    (root / "front.md").write_text(
        f"---\ntitle: Front\ndate: 2018-02-06\n---\n{ENGLISH_ARTICLE}\n", "utf-8"
    )
    (root / "hostile.txt").write_text(HOSTILE_TEXT, "utf-8")
    rows = [
        {"text": ENGLISH_ARTICLE.replace("12", str(n)), "date": f"2018-02-0{n}"}
        for n in range(1, 8)
    ]
    rows.append({"text": ARABIC, "date": "2016-05-01"})
    (root / "rows.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + "{broken\n", "utf-8"
    )
    (root / "table.csv").write_text(
        f'text,date\n"{ENGLISH_ARTICLE}",2018-02-06\n"{ARABIC}",2016-05-02\n', "utf-8"
    )
    (root / "array.json").write_text(
        json.dumps([{"text": ARABIC}, {"text": ENGLISH_ARTICLE}]), "utf-8"
    )
    (root / "page.html").write_text(HTML, "utf-8")
    (root / "feed.rss").write_text(RSS, "utf-8")
    (root / "empty.txt").write_text("", "utf-8")
    return root


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return _articles(tmp_path_factory.mktemp("batch") / "in")


def _extract(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["extract", *args])
    return res.exit_code, res.output


def test_every_document_is_in_the_output_or_the_report(tmp_path):
    """A directory mixing every input kind and the hostile corpus runs to the end."""
    root = _articles(tmp_path / "in")
    build_corpus(_mkdir(root / "hostile"))
    records = list(iter_documents([root]))
    docs = [r for r in records if isinstance(r, Document)]
    skipped = [r for r in records if isinstance(r, Skipped)]
    out, report = tmp_path / "events.geojson", tmp_path / "skipped.jsonl"

    code, output = _extract(str(root), "-o", str(out), "--report", str(report))

    assert code == 0, output
    n_docs, n_events, n_skipped = map(int, SUMMARY.search(output).groups())
    assert (n_docs, n_skipped) == (len(docs), len(skipped))
    assert n_docs + n_skipped == len(records)
    reported = read_skipped(report)
    assert sorted(s.source for s in reported) == sorted(s.source for s in skipped)
    assert all(s.reason.strip() for s in reported)
    features = json.loads(out.read_text("utf-8"))["features"]
    assert len(features) == n_events > 0
    assert {f["properties"]["doc_id"] for f in features} <= {d.doc_id for d in docs}


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def test_rerun_gives_the_same_bytes(batch, tmp_path):
    for suffix in (".geojson", ".csv"):
        first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        assert _extract(str(batch), "-o", str(first))[0] == 0
        assert _extract(str(batch), "-o", str(second))[0] == 0
        assert first.read_bytes() == second.read_bytes()


def test_jobs_and_dask_give_the_same_bytes_as_one_core(batch, tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask extra not installed")
    serial, pooled, dasked = (tmp_path / f"{n}.geojson" for n in ("serial", "pooled", "dask"))
    assert _extract(str(batch), "-o", str(serial))[0] == 0
    assert _extract(str(batch), "-o", str(pooled), "--jobs", "2")[0] == 0
    # An in-process cluster of two workers keeps the test fast; the same code path as a
    # remote scheduler (--scheduler-address).
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        code, output = _extract(
            str(batch),
            "-o",
            str(dasked),
            "--scheduler",
            "dask",
            "--scheduler-address",
            cluster.scheduler_address,
        )
    assert code == 0, output
    assert serial.read_bytes() == pooled.read_bytes() == dasked.read_bytes()
    assert json.loads(serial.read_text("utf-8"))["features"]


def test_small_chunks_keep_input_order(batch):
    """Many chunks in flight come back in input order, read failures in their place."""
    want = run([batch])
    got = run([batch], jobs=2, chunk=1)
    assert [event_row(e) for e in got.events] == [event_row(e) for e in want.events]
    assert got.skipped == want.skipped and got.documents == want.documents


def test_append_to_a_geopackage_store_skips_what_is_there(batch, tmp_path):
    store = tmp_path / "store.gpkg"
    code, first = _extract(str(batch), "-o", str(store), "--append")
    assert code == 0, first
    n_events = int(SUMMARY.search(first).group(2))
    assert f"{n_events} new" in first
    code, again = _extract(str(batch), "-o", str(store), "--append")
    assert code == 0 and "; 0 new" in again
    more = _mkdir(tmp_path / "more")
    (more / "extra.txt").write_text(
        "Rebels attacked army positions in Deir ez-Zor on Monday.", "utf-8"
    )
    (more / "extra.json").write_text(json.dumps({"date": "2019-01-08"}), "utf-8")
    code, added = _extract(str(more), "-o", str(store), "--append")
    assert code == 0 and re.search(r"; [1-9]\d* new", added), added


def test_append_needs_a_geopackage(batch, tmp_path):
    code, output = _extract(str(batch), "-o", str(tmp_path / "x.geojson"), "--append")
    assert code == 1 and "GeoPackage" in output


def test_some_skipped_is_success_with_the_count(tmp_path, caplog):
    root = _mkdir(tmp_path / "in")
    (root / "a.txt").write_text(ENGLISH_ARTICLE, "utf-8")
    (root / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, output = _extract(str(root), "-o", str(tmp_path / "o.geojson"))
    assert code == 0
    assert SUMMARY.search(output).group(1, 3) == ("1", "1")
    assert "b.txt" in caplog.text and "binary" in caplog.text  # no --report: the skip is logged


def test_nothing_readable_is_an_error(tmp_path):
    root = _mkdir(tmp_path / "in")
    (root / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    out, report = tmp_path / "o.geojson", tmp_path / "r.jsonl"
    code, output = _extract(str(root), "-o", str(out), "--report", str(report))
    assert code == 1
    assert "no document could be read" in output and "Traceback" not in output
    assert not out.exists() and len(read_skipped(report)) == 1


def test_quiet_prints_nothing_on_success(batch, tmp_path):
    code, output = _extract(str(batch), "-o", str(tmp_path / "o.geojson"), "--quiet")
    assert code == 0 and output == ""


def test_a_bug_on_one_document_skips_it_not_the_batch(monkeypatch):
    from geomap import pipeline

    real = pipeline.events_from_document

    def flaky(doc, **kw):
        if "boom" in doc.text:
            raise ZeroDivisionError("boom")
        return real(doc, **kw)

    monkeypatch.setattr(pipeline, "events_from_document", flaky)
    date = dt.date(2018, 2, 6)
    docs = [Document("a", ENGLISH_ARTICLE, "a", date=date), Document("b", "boom", "b", date=date)]
    result = run(docs)
    assert result.documents == 1 and result.events
    (skip,) = result.skipped
    assert skip.source == "b" and "ZeroDivisionError" in skip.reason


def test_unknown_scheduler_address_is_a_clear_error(batch, tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="dask extra not installed")
    monkeypatch.setattr("geomap.pipeline.DASK_CONNECT_TIMEOUT", "1s")
    code, output = _extract(
        str(batch), "-o", str(tmp_path / "o.geojson"), "--scheduler-address", "tcp://127.0.0.1:9"
    )
    assert code == 1 and "Dask scheduler" in output and "Traceback" not in output


def test_a_batch_collects_garbage_less_often_and_gives_the_setting_back(monkeypatch):
    import gc

    from geomap import pipeline

    seen = []
    real = pipeline.events_from_document

    def spy(doc, **kw):
        seen.append(gc.get_threshold()[0])
        return real(doc, **kw)

    monkeypatch.setattr(pipeline, "events_from_document", spy)
    before = gc.get_threshold()
    try:
        gc.set_threshold(500, before[1], before[2])
        res = run([ENGLISH_ARTICLE, "Rebels shelled the town of Homs on Monday."])
        assert res.documents == 2 and seen == [pipeline.GC_YOUNG] * 2
        assert gc.get_threshold() == (500, before[1], before[2])
        gc.set_threshold(0, before[1], before[2])  # off stays off
        seen.clear()
        run([ENGLISH_ARTICLE])
        assert seen == [0] and gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)


def test_records_cross_process_boundaries_whole():
    """Every record sent to or from a worker (documents, events with their place, skips)
    comes back from pickling equal, field by field, still frozen."""
    import pickle
    from dataclasses import FrozenInstanceError, fields

    from geomap.records import Actor, ActorMention, Event, Mention, Place, Resolved

    place = Place(163843, "Idlib", 35.93, 36.63, "SY", "13", "Idlib", "P", "PPLA", 165000)
    mention = Mention(10, 15, "Idlib", "idlib", "en", "city")
    event = Event("e1", "Battles", "Armed clash", "FIGHT", "reported", "Syria", None,
                  ("Syria",), "Clashes in Idlib.", "clashes", "en", "a.txt", "d1",
                  event_date=dt.date(2018, 2, 6), place=place, mention="Idlib",
                  geo_precision=1, sources=("a.txt",), start=3, end=9, fatalities=4)
    actor = Actor("Syria", "state", "SY", None, ("regime forces",))
    records = [
        Document("d1", "Clashes in Idlib.", "a.txt", "T", dt.date(2018, 2, 6), "en", "u"),
        place, mention, Resolved(mention, place, 0.8, 3), actor,
        ActorMention(actor, 0, 6, "regime"), event, Skipped("bad.txt", "not UTF-8"),
    ]
    for rec in records:
        back = pickle.loads(pickle.dumps(rec, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == rec and type(back) is type(rec)
        assert [getattr(back, f.name) for f in fields(rec)] == [
            getattr(rec, f.name) for f in fields(rec)]
        with pytest.raises(FrozenInstanceError):
            back.__setattr__(fields(rec)[0].name, None)
