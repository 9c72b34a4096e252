"""Input mistakes fail loudly and odd inputs end in the output or the report (#16, #18).

Driven through the real command (``geomap.cli:main`` with click's runner, or ``python -m
geomap`` in a subprocess where the process itself matters), files in tmp_path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import geomap
from geomap.cli import main
from geomap.errors import InputError
from geomap.inputs import looks_like_path
from geomap.pipeline import run
from geomap.records import Document

from .conftest import ENGLISH_ARTICLE

ARTICLE = "Syrian army shelling hit Saraqeb in Idlib province on Monday, killing 3 civilians."


def _cli(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def _report(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))["features"]


# --- a path that does not exist is an error ---------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "nonexistent_dir/", "-o", "x.geojson"],
        ["map", "nonexistent.geojson", "-o", "m.html"],
        ["extract", "Shelling hit Idlib", "-o", "x.geojson"],  # on the command line, all are paths
    ],
)
def test_cli_missing_path_is_an_error_and_writes_nothing(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    res = _cli(*args)
    assert res.exit_code == 1
    assert "no such file or directory" in res.output and args[1] in res.output
    assert "Traceback" not in res.output
    assert list(tmp_path.iterdir()) == []


def test_cli_one_missing_path_among_good_ones_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = _cli("extract", tmp_path / "a.txt", tmp_path / "typo.txt", "-o", tmp_path / "x.geojson")
    assert res.exit_code == 1 and "typo.txt" in res.output
    assert not (tmp_path / "x.geojson").exists()


def test_api_missing_path_is_an_error_and_text_is_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="seed/"):
        geomap.extract_events(["seed/"])
    gdf = geomap.extract_events([ENGLISH_ARTICLE])
    assert len(gdf) > 0 and set(gdf["doc_id"]) == {"text-0"}
    # text that looks like a path goes in as a Document
    doc = Document(doc_id="d", text="reports.txt")
    assert geomap.extract_events([doc]).empty


@pytest.mark.parametrize(
    ("text", "is_path"),
    [
        ("-", True),
        ("seed/", True),
        ("runs/today", True),
        ("~/news", True),
        ("news.jsonl", True),
        ("my notes.TXT", True),
        ("events.geojson", True),
        ("Shelling hit Idlib.", False),
        ("Idlib", False),
        ("Clashes on 2024/05/01 in Idlib", False),
        ("one line\nand another.txt", False),
        ("", False),
    ],
)
def test_looks_like_path_rule(text, is_path):
    assert looks_like_path(text) is is_path


def test_looks_like_path_existing_file_without_extension(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Idlib").write_text(ARTICLE, encoding="utf-8")
    assert looks_like_path("Idlib")


# --- directory walking -------------------------------------------------------------------------


def _deep_tree(root: Path, depth: int) -> Path:
    """``root/d/d/.../d/a.txt``, made relative to an open directory (no long paths, no
    recursion in the test itself)."""
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            child = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        out = os.open("a.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, ARTICLE.encode())
        os.close(out)
    finally:
        os.close(fd)
    return root


@pytest.fixture
def deep_root():
    """A scratch directory outside pytest's tmp_path, removed with ``rm -rf``: pytest's
    own clean-up of old tmp directories (shutil.rmtree) recurses, and would fail on a
    tree 1,000 levels deep -- in every later pytest run on the machine."""
    scratch = Path(tempfile.mkdtemp(prefix="geomap-deep-"))
    try:
        yield scratch / "deep"
    finally:
        subprocess.run(["rm", "-rf", str(scratch)], check=False)


def test_cli_reads_a_tree_1000_levels_deep(deep_root, tmp_path):
    root = _deep_tree(deep_root, 1000)
    out, report = tmp_path / "deep.geojson", tmp_path / "report.jsonl"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "geomap",
            "extract",
            str(root),
            "-o",
            str(out),
            "--report",
            str(report),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "1 documents" in proc.stderr
    feats = _features(out)
    assert feats and all(f["properties"]["source"].endswith("/d/a.txt") for f in feats)
    assert _report(report) == []


def test_cli_symlinked_directory_is_read_and_loops_are_reported(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text(ARTICLE, encoding="utf-8")
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(ENGLISH_ARTICLE, encoding="utf-8")
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)  # a loop
    out, report = tmp_path / "x.geojson", tmp_path / "r.jsonl"
    res = _cli("extract", root, "-o", out, "--report", report)
    assert res.exit_code == 0, res.output
    sources = {f["properties"]["source"] for f in _features(out)}
    assert sources == {str(root / "linked" / "b.txt"), str(root / "sub" / "a.txt")}
    (skipped,) = _report(report)
    assert skipped["source"] == str(root / "sub" / "up")
    assert "already" in skipped["reason"] and str(root) in skipped["reason"]
    assert "2 documents" in res.output and "1 skipped" in res.output


def test_cli_unreadable_directory_is_reported(tmp_path, monkeypatch):
    root = tmp_path / "root"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    # Tests may run as root, whom chmod does not stop: refuse the listing itself.
    real_scandir = os.scandir

    def scandir(path="."):
        if isinstance(path, (str, os.PathLike)) and Path(path) == root / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out, report = tmp_path / "x.geojson", tmp_path / "r.jsonl"
    res = _cli("extract", root, "-o", out, "--report", report)
    assert res.exit_code == 0, res.output
    assert _report(report) == [
        {"source": str(root / "locked"), "reason": "cannot read directory: Permission denied"}
    ]


def test_cli_unreadable_file_is_reported(tmp_path, monkeypatch):
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "b.txt").write_text(ARTICLE, encoding="utf-8")
    real_open = Path.open

    def fake_open(self, *args, **kwargs):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", fake_open)
    report = tmp_path / "r.jsonl"
    res = _cli("extract", root, "-o", tmp_path / "x.geojson", "--report", report)
    assert res.exit_code == 0, res.output
    assert _report(report) == [
        {"source": str(root / "b.txt"), "reason": "cannot read: Permission denied"}
    ]


# --- --max-bytes before reading ------------------------------------------------------------------


def test_cli_max_bytes_is_checked_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # a sparse 64 GB file: reading it would take minutes
        fh.truncate(64 << 30)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    report = tmp_path / "r.jsonl"
    res = _cli(
        "extract", tmp_path, "-o", tmp_path / "x.geojson", "--report", report, "--max-bytes", 1000
    )
    assert res.exit_code == 0, res.output
    (skipped,) = _report(report)
    assert skipped["source"] == str(big)
    assert skipped["reason"].startswith("too large: 68,719,476,736 bytes, the limit is 1,000")


# --- JSON Lines: a bad field or line costs that record only ---------------------------------------


def test_cli_lone_surrogate_in_jsonl_does_not_kill_the_batch(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"text": "Syrian army shelling hit Saraqeb \\ud800 on Monday, killing 3 civilians.",'
        ' "title": "bad \\udfff title"}\n' + json.dumps({"text": ENGLISH_ARTICLE}) + "\n",
        encoding="utf-8",
    )
    out, report = tmp_path / "x.geojson", tmp_path / "r.jsonl"
    res = _cli("extract", src, "-o", out, "--report", report)
    assert res.exit_code == 0, res.output
    assert "2 documents" in res.output
    feats = _features(out)
    first = [f for f in feats if f["properties"]["source"] == f"{src}:1"]
    assert first and "\ufffd" in first[0]["properties"]["sentence"]
    assert first[0]["properties"]["title"] == "bad \ufffd title"
    assert any(f["properties"]["source"] == f"{src}:2" for f in feats)
    assert _report(report) == []


def test_cli_stdin_jsonl_with_one_bad_line_reports_that_line(tmp_path):
    lines = [
        json.dumps({"text": ARTICLE}),
        '{"text": broken',
        json.dumps({"text": ENGLISH_ARTICLE}),
    ]
    out, report = tmp_path / "x.geojson", tmp_path / "r.jsonl"
    res = _cli("extract", "-", "-o", out, "--report", report, input="\n".join(lines) + "\n")
    assert res.exit_code == 0, res.output
    assert "2 documents" in res.output and "1 skipped" in res.output
    (skipped,) = _report(report)
    assert skipped["source"] == "<stdin>:2" and "invalid JSON" in skipped["reason"]
    sources = {f["properties"]["source"] for f in _features(out)}
    assert sources == {"<stdin>:1", "<stdin>:3"}
    assert not any("{" in f["properties"]["sentence"] for f in _features(out))


# --- progress ---------------------------------------------------------------------------------


def test_progress_bar_has_a_total(tmp_path, capsys):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    run([tmp_path], progress=True)
    err = capsys.readouterr().err
    assert "3/3" in err and "input" in err


# --- bounded work on any input (#16, #18) ------------------------------------------------------


def _limited_run(args, limit_bytes: int = 3 << 30, timeout: float = 600):
    """``python -m geomap ARGS`` with its address space capped (the bombs of #18 took
    10-12 GB; geomap itself needs a few hundred MB)."""
    import resource

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    return subprocess.run(
        [sys.executable, "-m", "geomap", *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=cap,
    )


@pytest.mark.parametrize(
    "text",
    [
        # one 240 KB Arabic token: a clitic prefix repeated in front of a place name
        "قصفت الطائرات " + "وبال" * 30_000 + "حلب" + " اليوم.",
        # 1M diacritics interleaved with letters (4 MB)
        "قصفت الطائرات " + "حَ" * 1_000_000 + " اليوم وقتل خمسة مدنيين في حلب.",
    ],
    ids=["clitic-token", "diacritics"],
)
def test_cli_token_bombs_run_in_bounded_memory(tmp_path, text):
    src = tmp_path / "bomb.txt"
    src.write_text(text, encoding="utf-8")
    out, report = tmp_path / "x.geojson", tmp_path / "r.jsonl"
    proc = _limited_run(["extract", src, "-o", out, "--report", report])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "1 documents" in proc.stderr and "Traceback" not in proc.stderr
    assert _report(report) == []


def test_overlong_word_is_not_a_token():
    from geomap.text.normalize import MAX_TOKEN_CHARS, tokenize

    words = ["حلب", "و" * (MAX_TOKEN_CHARS + 1), "ادلب", "x" * MAX_TOKEN_CHARS]
    assert [t.text for t in tokenize(" ".join(words))] == ["حلب", "ادلب", "x" * MAX_TOKEN_CHARS]


def test_long_document_is_read_in_windows_with_whole_text_offsets():
    from geomap.events import events_from_document
    from geomap.text.windows import WINDOW_CHARS, windows

    paragraph = (
        "Syrian army air strikes hit Saraqeb in Idlib province on Monday, killing 12 civilians."
    )
    text = "\n\n".join([paragraph] * (3 * WINDOW_CHARS // len(paragraph)))
    cuts = list(windows(text))
    assert len(cuts) >= 3 and cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(b - a <= WINDOW_CHARS and a < b for a, b in cuts)
    assert all(cuts[i][1] == cuts[i + 1][0] for i in range(len(cuts) - 1))  # no gap, no overlap
    assert all(text[b - 2 : b] == "\n\n" for _, b in cuts[:-1])  # cut at paragraph breaks
    doc = Document(doc_id="long", text=text, source="long", language="en")
    events = events_from_document(doc)
    one = events_from_document(
        Document(doc_id="long", text=paragraph, source="long", language="en")
    )
    assert len(events) == len(one) * text.count("Syrian")  # every paragraph, once
    assert len({e.event_id for e in events}) == len(events)
    spans = {paragraph[e.start : e.end] for e in one}
    assert {text[e.start : e.end] for e in events} == spans  # offsets index the whole text


def test_cli_events_do_not_depend_on_input_order(tmp_path):
    # One strike reported on three days in a row: day 1 matches day 2 and day 2 matches
    # day 3 (dates within a day), day 1 does not match day 3. Merging in input order gave
    # {1, 2} {3} one way and {1} {2, 3} the other.
    text = "Syrian army air strikes hit Saraqeb in Idlib province, killing 12 civilians."
    for day in (6, 7, 8):
        row = {"text": text, "date": f"2017-03-0{day}"}
        (tmp_path / f"{day}.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    runs = []
    for order in ([6, 7, 8], [8, 7, 6]):
        out = tmp_path / f"{order[0]}.geojson"
        paths = [tmp_path / f"{day}.jsonl" for day in order]
        res = _cli("extract", *paths, "-o", out)
        assert res.exit_code == 0, res.output
        runs.append(sorted(sorted(f["properties"]["sources"]) for f in _features(out)))
    assert runs[0] == runs[1]
    assert len(runs[0]) == 2  # one pair merged, one event apart
