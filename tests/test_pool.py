"""The local worker pool with real processes: a worker that dies, a document that fails on
memory, a parent that is killed. Faults are made by the document itself (a worker killing
itself with SIGKILL is what the system's out-of-memory killer does to it)."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from geomap import pipeline
from geomap.errors import DependencyError, GeomapError
from geomap.pool import WorkerPool
from geomap.records import Document

from .conftest import ENGLISH_ARTICLE

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the faults are planted by patching functions that forked workers inherit",
)

KILL = "KILL THIS WORKER"
EAT = "EAT ALL MEMORY"


def _docs(n: int, bad: dict[int, str] | None = None) -> list[Document]:
    bad = bad or {}
    return [
        Document(doc_id=f"d{i}", text=bad.get(i, ENGLISH_ARTICLE), source=f"doc-{i}", language="en")
        for i in range(n)
    ]


# -- the pool itself ------------------------------------------------------------------------
def _square_or_die(items: list, arg) -> tuple[list, bool]:
    out = []
    for x in items:
        if x == arg:
            os.kill(os.getpid(), signal.SIGKILL)
        out.append(x * x)
    return out, False


def test_results_come_back_in_order_and_a_killer_item_is_lost_alone():
    pool = WorkerPool(2, _square_or_die, 13, "fork")
    tasks = [list(range(i, i + 5)) for i in range(0, 40, 5)]
    got = [
        r for done in pool.map(tasks, lambda item, why: ("lost", item, why), window=3) for r in done
    ]
    assert got[:13] == [x * x for x in range(13)] and got[14:] == [x * x for x in range(14, 40)]
    assert got[13][:2] == ("lost", 13) and "SIGKILL" in got[13][2]
    assert pool.workers == []


def _sized(items: list, arg) -> tuple[list, bool]:
    return [(x, len(items)) for x in items], False


def test_the_last_tasks_go_out_in_shrinking_pieces_and_come_back_in_order():
    """Once every task is read, the queued ones are sent in pieces (no worker is left
    alone with whole tasks at the end), and every item still comes back in its place."""
    pool = WorkerPool(2, _sized, None, "fork")
    tasks = [list(range(i, i + 10)) for i in range(0, 120, 10)]
    got = [r for done in pool.map(tasks, lambda item, why: None, window=6) for r in done]
    assert [x for x, _ in got] == list(range(120))
    sizes = [n for _, n in got]
    assert max(sizes[-10:]) < 10 and sizes[-1] <= 2, sizes
    assert pool.workers == []


def _fail(items: list, arg) -> tuple[list, bool]:
    raise GeomapError("the index is damaged")


def test_a_fault_of_the_run_stops_the_pool_and_reaches_the_caller():
    pool = WorkerPool(2, _fail, None, "fork")
    with pytest.raises(GeomapError, match="damaged"):
        list(pool.map([[1], [2]], lambda item, why: None, window=2))
    assert pool.workers == []


# -- through the pipeline -------------------------------------------------------------------
@pytest.fixture
def faulty(monkeypatch, tmp_path):
    """Documents containing KILL kill their worker; EAT hoards memory, then fails on it.
    Every call is logged as "doc_id pid" (the workers are other processes)."""
    log = tmp_path / "calls.log"
    real = pipeline.events_from_document
    hoard = []

    def events(doc, **kwargs):
        with log.open("a") as fh:
            fh.write(f"{doc.doc_id} {os.getpid()} {len(hoard)}\n")
        if KILL in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if EAT in doc.text:
            hoard.append(bytearray(50_000_000))  # what a runaway document would hold
            raise MemoryError
        return real(doc, **kwargs)

    monkeypatch.setattr(pipeline, "events_from_document", events)
    return log


def _calls(log: Path) -> list[tuple[str, int, int]]:
    return [
        (d, int(p), int(h)) for d, p, h in (line.split() for line in log.read_text().splitlines())
    ]


def test_a_killed_worker_costs_only_its_document(faulty, gazetteer):
    docs = _docs(40, {17: ENGLISH_ARTICLE + " " + KILL})
    one = pipeline.run([d for d in docs if d.doc_id != "d17"], gazetteer=gazetteer, chunk=8)
    two = pipeline.run(docs, gazetteer=gazetteer, jobs=2, chunk=8)
    assert [s.source for s in two.skipped] == ["doc-17"]
    assert "killed by SIGKILL" in two.skipped[0].reason
    assert two.documents == 39 and two.events == one.events


def test_a_document_that_fails_on_memory_takes_its_worker_with_it(faulty, gazetteer):
    docs = _docs(24, {5: EAT})
    res = pipeline.run(docs, gazetteer=gazetteer, jobs=2, chunk=4)
    assert [s.source for s in res.skipped] == ["doc-5"] and "MemoryError" in res.skipped[0].reason
    assert res.documents == 23
    calls = _calls(faulty)
    eater = next(pid for d, pid, _ in calls if d == "d5")
    assert not [d for d, pid, _ in calls[calls.index(("d5", eater, 0)) + 1 :] if pid == eater], (
        "the worker that failed on memory went on with other documents"
    )
    assert all(hoarded == 0 for d, _, hoarded in calls), (
        "memory held by the failed document was inherited"
    )


def test_on_one_process_a_memory_failure_frees_what_it_can(faulty, gazetteer, monkeypatch):
    from geomap import pool

    released = []
    monkeypatch.setattr(pool, "release_memory", lambda: released.append(True))
    res = pipeline.run(_docs(4, {1: EAT}), gazetteer=gazetteer)
    assert [s.source for s in res.skipped] == ["doc-1"] and res.documents == 3
    assert released == [True]


def test_dask_missing_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # "import distributed" fails
    with pytest.raises(DependencyError) as err:
        pipeline.run(_docs(1), scheduler="dask")
    assert str(err.value) == (
        "dask (with distributed) is needed for --scheduler dask; "
        "install it with: pip install 'geomap[dask]'"
    )


# -- through the command line, in a real process --------------------------------------------
#: Runs the real CLI with a planted fault: documents with KILL kill their worker, every
#: document takes SLOW seconds (so that a test can kill the parent mid-run).
RUNNER = textwrap.dedent("""
    import os, signal, sys, time
    from geomap import pipeline
    real = pipeline.events_from_document
    slow = float(os.environ.get("SLOW", "0"))
    def events(doc, **kwargs):
        if "KILL THIS WORKER" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(slow)
        return real(doc, **kwargs)
    pipeline.events_from_document = events
    from geomap.cli import main
    main(sys.argv[1:])
""")


def _inputs(tmp_path: Path, n: int, bad: dict[int, str] | None = None) -> Path:
    path = tmp_path / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for d in _docs(n, bad):
            fh.write(json.dumps({"text": d.text, "id": d.doc_id}) + "\n")
    return path


def _cli(tmp_path: Path, *args: str, slow: float = 0.0) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, *args],
        cwd=tmp_path,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SLOW": str(slow)},
    )


def test_cli_batch_survives_a_killed_worker_and_reports_the_document(tmp_path):
    src = _inputs(tmp_path, 30, {11: ENGLISH_ARTICLE + " " + KILL})
    out, report = tmp_path / "events.geojson", tmp_path / "skipped.jsonl"
    proc = _cli(
        tmp_path, "extract", str(src), "-o", str(out), "--report", str(report), "--jobs", "2"
    )
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    assert "29 documents" in err and "1 skipped" in err
    skipped = [json.loads(line) for line in report.read_text("utf-8").splitlines()]
    assert len(skipped) == 1 and skipped[0]["source"].endswith(":12")  # line 12 of the JSONL
    assert "killed by SIGKILL" in skipped[0]["reason"]
    assert json.loads(out.read_text("utf-8"))["features"]


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_killing_the_parent_kills_its_workers(tmp_path):
    src = _inputs(tmp_path, 200)
    proc = _cli(
        tmp_path, "extract", str(src), "-o", str(tmp_path / "x.geojson"), "--jobs", "2", slow=0.2
    )
    try:
        deadline = time.monotonic() + 120
        while len(workers := _children(proc.pid)) < 2:
            assert proc.poll() is None and time.monotonic() < deadline, "the workers never started"
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived their parent"
    finally:
        for w in _children(proc.pid):
            os.kill(w, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
