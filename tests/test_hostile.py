"""Hostile inputs: every one ends as a Document or a Skipped with a reason; none is lost,
none raises. Counts: one record per file, one per non-blank line (JSON Lines) or per
record (CSV)."""

from __future__ import annotations

import json
import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import DocumentError, InputError
from geomap.inputs import decode_bytes, iter_documents, parse_date
from geomap.records import Document, Skipped

ARABIC = "قصفت طائرات حربية مدينة حلب صباح اليوم وقتل خمسة مدنيين."
ENGLISH = "Warplanes struck the city of Aleppo this morning, killing five civilians."
BIG = 50 * 1024 * 1024


def build_corpus(root: Path) -> dict[str, tuple[int, int]]:
    """Write the hostile corpus; return name -> (expected records, expected documents)."""
    rng = random.Random(7)
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\r\n  ",
        "binary.bin": bytes(rng.randrange(256) for _ in range(4096)),
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "controls.txt": bytes(range(1, 9)) * 50 + b"text",
        "latin1.txt": "Un café très fort à Alep, déjà détruit, près du marché.".encode("latin-1"),
        "mixed.txt": ARABIC.encode("utf-8") + " café ".encode("cp1252") + ARABIC.encode(),
        "utf16-no-bom.txt": ENGLISH.encode("utf-16-le"),
        "bidi.txt": f"\u202e{ARABIC}\u202c \u2067{ENGLISH}\u2069 \u200f\u200e\u061c".encode(),
        "bad-bom.txt": b"\xff\xfe" + b"\x00\xd8",  # UTF-16 LE BOM, then a lone surrogate
        "ok.txt": ARABIC.encode("utf-8"),
        "broken.html": b"<html><body><p>unclosed <b>" + b"\x00\xff" * 10,
        "empty.html": b"",
        "truncated.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>',
        "not-a-feed.xml": b"<?xml version='1.0'?><root><a>1</a></root>",
        "garbage.xml": b"<<<>>>&&&;;;" * 20,
        "empty-feed.rss": b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
        "broken-doc.json": b'{"text": "unterminated',
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "scalar.json": b"42",
        "orphan.yaml": b"title: x\n",
        "bad-sidecar.txt": ENGLISH.encode(),
        "bad-sidecar.yaml": b"title: [unclosed\n",
    }
    # Every file is one skip, except two good ones; the sidecar is read with its text file.
    expected = {name: (1, 0) for name in files if name != "bad-sidecar.yaml"}
    expected["ok.txt"] = (1, 1)
    expected["bidi.txt"] = (1, 1)  # bidi controls are text, kept for the normaliser

    jsonl_lines = [
        json.dumps({"text": ENGLISH}),
        "{broken",
        "[1, 2]",
        '"just a string"',
        json.dumps({"text": 5}),
        json.dumps({"text": ""}),
        json.dumps({"body": ENGLISH}),
        "[" * 50_000 + "]" * 50_000,
        json.dumps({"text": ARABIC, "date": "31/31/2016"}),
    ]
    jsonl = ("\n".join(jsonl_lines) + "\n\n").encode() + b'{"text": "\xff\xfe bad utf-8"}\n'
    files["rows.jsonl"] = jsonl
    expected["rows.jsonl"] = (len(jsonl_lines) + 1, 2)

    csv_text = (
        "text,date\n"
        f'"{ENGLISH}",2016-01-01\n'  # ok (line 2)
        "only-one-field\n"  # too few fields
        "a,b,c\n"  # too many fields
        'x,"a"b\n'  # bad quoting
        ",2016-01-01\n"  # empty text
        f'"{ARABIC}",2016-01-02\n'  # ok
        '"unterminated,2016\n'  # runs to the end of the file
        "more,lines\n"
    )
    files["rows.csv"] = csv_text.encode()
    expected["rows.csv"] = (7, 2)
    files["header-only.csv"] = b"text,date\n"
    expected["header-only.csv"] = (1, 0)
    files["no-text-column.csv"] = b"body\nx\n"
    expected["no-text-column.csv"] = (1, 0)
    files["badbytes.csv"] = b"text\nfine row here\n\xff\xfe\xfa broken\n"
    expected["badbytes.csv"] = (2, 1)

    for name, data in files.items():
        (root / name).write_bytes(data)
    # Huge inputs, written in chunks to keep memory flat.
    with (root / "huge.txt").open("wb") as fh:
        for _ in range(BIG // (1 << 20)):
            fh.write(b"a" * (1 << 20))
    expected["huge.txt"] = (1, 0)
    with (root / "huge.jsonl").open("wb") as fh:
        fh.write(json.dumps({"text": ENGLISH}).encode() + b"\n")
        fh.write(b'{"text": "')
        for _ in range(BIG // (1 << 20)):
            fh.write(b"a" * (1 << 20))
        fh.write(b'"}\n')
        fh.write(json.dumps({"text": ARABIC}).encode() + b"\n")
    expected["huge.jsonl"] = (3, 2)
    return expected


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    expected = build_corpus(root)
    records = list(iter_documents([root]))
    return root, expected, records


def _file_of(record, root: Path) -> str:
    source = record.source
    for sep in (":", "#"):
        head = source.rsplit(sep, 1)[0]
        if Path(head).parent == root and Path(head).name in os.listdir(root):
            source = head
    return Path(source).name


def test_every_input_accounted_for(hostile):
    root, expected, records = hostile
    assert all(isinstance(r, (Document, Skipped)) for r in records)
    per_file: dict[str, list] = {}
    for record in records:
        per_file.setdefault(_file_of(record, root), []).append(record)
    counts = {
        name: (len(rs), sum(isinstance(r, Document) for r in rs)) for name, rs in per_file.items()
    }
    assert counts == expected


def test_every_skip_has_a_reason(hostile):
    _, _, records = hostile
    for record in records:
        if isinstance(record, Skipped):
            assert record.source and len(record.reason) > 5


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("empty.txt", "empty"),
        ("whitespace.txt", "empty"),
        ("binary.bin", "binary"),
        ("binary.txt", "binary"),
        ("controls.txt", "binary"),
        ("latin1.txt", "undecodable"),
        ("mixed.txt", "undecodable"),
        ("bad-bom.txt", "undecodable"),
        ("huge.txt", "too large"),
        ("broken-doc.json", "invalid JSON"),
        ("deep.json", "invalid JSON"),
        ("garbage.xml", "feed"),
        ("not-a-feed.xml", "not an RSS or Atom feed"),
        ("empty-feed.rss", "no entries"),
        ("bad-sidecar.txt", "sidecar"),
    ],
)
def test_reasons(hostile, name, word):
    root, _, records = hostile
    (record,) = [r for r in records if _file_of(r, root) == name]
    assert isinstance(record, Skipped)
    assert word in record.reason


def test_huge_jsonl_line_skipped_neighbours_read(hostile):
    root, _, records = hostile
    rows = [r for r in records if _file_of(r, root) == "huge.jsonl"]
    assert [type(r) for r in rows] == [Document, Skipped, Document]
    assert rows[1].source.endswith("huge.jsonl:2") and "too large" in rows[1].reason


def test_bidi_text_is_kept_verbatim(hostile):
    root, _, records = hostile
    (doc,) = [r for r in records if _file_of(r, root) == "bidi.txt"]
    assert "\u202e" in doc.text and ARABIC in doc.text


def test_fifo_is_skipped_not_read(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(tmp_path / "pipe.txt")
    (record,) = iter_documents([tmp_path])
    assert isinstance(record, Skipped) and "not a regular file" in record.reason


def test_path_with_nul_is_an_input_error():
    with pytest.raises(InputError, match="bad"):
        iter_documents(["bad\x00name.txt"])


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_decode_bytes_is_total(data):
    try:
        text = decode_bytes(data)
    except DocumentError as err:
        assert err.reason
    else:
        assert isinstance(text, str) and text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_decode_round_trips_real_text(text):
    data = text.encode("utf-8")
    try:
        assert decode_bytes(data) == text
    except DocumentError as err:  # only empty or control-heavy text may be refused
        assert err.reason.startswith(("empty", "binary"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=1024),
    st.sampled_from([".txt", ".md", ".json", ".jsonl", ".csv", ".tsv", ".html", ".xml", ""]),
)
def test_any_file_gives_records_never_an_exception(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        records = list(iter_documents([path]))
    assert records, "every input must leave a trace"
    assert all(isinstance(r, (Document, Skipped)) for r in records)
    if suffix not in {".jsonl", ".csv", ".tsv", ".json", ".xml"}:
        assert len(records) == 1


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.none(), st.integers(), st.dates()))
def test_parse_date_is_total(value):
    result = parse_date(value)
    assert result is None or hasattr(result, "isoformat")
