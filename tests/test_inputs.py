"""Reading every input kind into Documents (or Skipped records that say why)."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest

from geomap.inputs import (
    decode_bytes,
    detect_language,
    iter_documents,
    normalise_language,
    parse_date,
    read_documents,
)
from geomap.errors import InputError
from geomap.records import Document, Skipped

ARABIC = "قصفت طائرات حربية مدينة حلب صباح اليوم وقتل خمسة مدنيين."
ENGLISH = "Warplanes struck the city of Aleppo this morning, killing five civilians."


def read(*paths, **options):
    return list(iter_documents(list(paths), **options))


def only_document(records) -> Document:
    assert len(records) == 1, records
    assert isinstance(records[0], Document), records[0]
    return records[0]


def only_skipped(records) -> Skipped:
    assert len(records) == 1, records
    assert isinstance(records[0], Skipped), records[0]
    return records[0]


# --- plain text and encodings --------------------------------------------------------------


def test_plain_text_document(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    doc = only_document(read(path))
    assert doc.text == ENGLISH
    assert doc.source == str(path)
    assert doc.language == "en"
    assert doc.date is None and doc.title == ""
    assert len(doc.doc_id) == 16 and int(doc.doc_id, 16) >= 0


def test_doc_id_is_stable_and_depends_on_content(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    first = only_document(read(path)).doc_id
    assert only_document(read(path)).doc_id == first
    path.write_text(ENGLISH + " More.", encoding="utf-8")
    assert only_document(read(path)).doc_id != first


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32", "cp1256"],
)
def test_arabic_in_every_supported_encoding(tmp_path, encoding):
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + ARABIC.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + ARABIC.encode("utf-16-be")
    else:
        data = ARABIC.encode(encoding)
    path = tmp_path / "ar.txt"
    path.write_bytes(data)
    doc = only_document(read(path))
    assert doc.text == ARABIC  # BOM dropped, letters intact
    assert doc.language == "ar"


def test_latin1_text_is_undecodable_not_misread(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_bytes("Un café très fort à Alep, déjà détruit, près du marché.".encode("latin-1"))
    skipped = only_skipped(read(path))
    assert skipped.source == str(path)
    assert skipped.reason.startswith("undecodable")


def test_decode_bytes_examples():
    assert decode_bytes("حلب".encode("cp1256")) == "حلب"
    assert decode_bytes(b"\xef\xbb\xbfhi") == "hi"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ARABIC, "ar"),
        (ENGLISH, "en"),
        ("", "en"),
        ("12345", "en"),
        ("Aleppo حلب Idlib إدلب Hama", "ar"),
        ("In Aleppo, Syria (حلب) many died today", "en"),
    ],
)
def test_detect_language_by_script(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ar", "ar"),
        ("AR-sy", "ar"),
        ("Arabic", "ar"),
        ("en_US", "en"),
        ("fr", "fr"),
        ("", None),
        (None, None),
        (3, None),
    ],
)
def test_normalise_language(value, expected):
    assert normalise_language(value) == expected


def test_language_option_wins(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert only_document(read(path, language="ar")).language == "ar"


# --- sidecars and front matter -------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_sidecar_metadata(tmp_path, suffix):
    text = tmp_path / "story.txt"
    text.write_text(ARABIC, encoding="utf-8")
    meta = {
        "title": "Strike",
        "date": "2017-03-07",
        "language": "en",
        "source": "Agency",
        "url": "https://example.org/1",
        "id": "story-1",
    }
    sidecar = tmp_path / f"story{suffix}"
    if suffix == ".json":
        sidecar.write_text(json.dumps(meta), encoding="utf-8")
    else:
        sidecar.write_text("".join(f"{k}: {v}\n" for k, v in meta.items()), encoding="utf-8")
    # Read through the directory: the sidecar is metadata, not a document of its own.
    doc = only_document(read(tmp_path))
    assert (doc.title, doc.date, doc.language) == ("Strike", dt.date(2017, 3, 7), "en")
    assert (doc.source, doc.url, doc.doc_id) == ("Agency", "https://example.org/1", "story-1")
    # Given explicitly next to its text file, it is still not a document of its own.
    assert [type(r) for r in read(text, sidecar)] == [Document]


def test_broken_sidecar_is_a_clear_skip(tmp_path):
    (tmp_path / "story.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "story.json").write_text("{not json", encoding="utf-8")
    skipped = only_skipped(read(tmp_path))
    assert "sidecar story.json" in skipped.reason


def test_sidecar_that_is_not_a_mapping(tmp_path):
    (tmp_path / "story.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "story.yaml").write_text("- a\n- b\n", encoding="utf-8")
    assert "mapping" in only_skipped(read(tmp_path)).reason


def test_front_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        f"---\ntitle: Aleppo strike\ndate: 2016-04-28\nlanguage: ar\n---\n{ARABIC}",
        encoding="utf-8",
    )
    doc = only_document(read(path))
    assert doc.text == ARABIC
    assert (doc.title, doc.date, doc.language) == ("Aleppo strike", dt.date(2016, 4, 28), "ar")


def test_sidecar_overrides_front_matter(tmp_path):
    (tmp_path / "a.txt").write_text(f"---\ntitle: Old\ndate: 2016-01-01\n---\n{ENGLISH}")
    (tmp_path / "a.yaml").write_text("title: New\n")
    doc = only_document(read(tmp_path / "a.txt"))
    assert (doc.title, doc.date) == ("New", dt.date(2016, 1, 1))


def test_markdown_rule_is_not_front_matter(tmp_path):
    body = f"---\n{ENGLISH}\n---\nMore text."
    (tmp_path / "a.md").write_text(body, encoding="utf-8")
    assert only_document(read(tmp_path / "a.md")).text == body


def test_orphan_yaml_is_skipped(tmp_path):
    (tmp_path / "notes.yaml").write_text("title: x\n")
    assert "YAML" in only_skipped(read(tmp_path)).reason


# --- JSON Lines, JSON, CSV -----------------------------------------------------------------

ROWS = [
    {
        "body": ENGLISH,
        "published": "2016-02-03",
        "outlet": "Reuters",
        "uid": "r1",
        "headline": "Strike",
    },
    {"body": ARABIC, "published": "not a date", "outlet": "", "uid": "", "headline": ""},
]
COLUMNS = {
    "text_column": "body",
    "date_column": "published",
    "source_column": "outlet",
    "id_column": "uid",
    "title_column": "headline",
}


def check_rows(records, path, first_line, second_line):
    assert [type(r) for r in records] == [Document, Document]
    a, b = records
    assert (a.text, a.date, a.source, a.doc_id, a.title) == (
        ENGLISH,
        dt.date(2016, 2, 3),
        "Reuters",
        "r1",
        "Strike",
    )
    # Empty columns fall back: source is path:line, id is a hash, unparseable date is None.
    assert b.source == f"{path}:{second_line}"
    assert b.date is None and b.title == "" and b.language == "ar"
    assert len(b.doc_id) == 16


def test_jsonl_with_configured_columns(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n")
    check_rows(read(path, **COLUMNS), path, 1, 2)


def test_csv_with_configured_columns(tmp_path):
    import csv

    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    check_rows(read(path, **COLUMNS), path, 2, 3)


def test_csv_row_spanning_lines_reports_its_first_line(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('text,date\n"line one\nline two",2016-01-01\n"next",x\n', encoding="utf-8")
    records = read(path)
    assert [r.source for r in records] == [f"{path}:2", f"{path}:4"]
    assert records[0].text == "line one\nline two"


def test_tsv(tmp_path):
    path = tmp_path / "rows.tsv"
    path.write_text(f"text\ttitle\n{ENGLISH}\tT\n", encoding="utf-8")
    assert only_document(read(path)).title == "T"


def test_csv_in_cp1256(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(f"text,title\n{ARABIC},حلب\n".encode("cp1256"))
    doc = only_document(read(path))
    assert (doc.text, doc.title) == (ARABIC, "حلب")


def test_csv_without_the_text_column_names_the_columns(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("body,date\nx,y\n", encoding="utf-8")
    reason = only_skipped(read(path)).reason
    assert "'text'" in reason and "'body'" in reason and "text_column" in reason


def test_json_object_and_array(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": ENGLISH, "date": "2016-01-05"}))
    assert only_document(read(one)).date == dt.date(2016, 1, 5)
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": ENGLISH}, 5, {"text": ARABIC}]))
    records = read(many)
    assert [type(r) for r in records] == [Document, Skipped, Document]
    assert records[1].source == f"{many}#2"


# --- HTML and feeds ------------------------------------------------------------------------

HTML = f"""<!DOCTYPE html><html><head><title>Strike on Aleppo | News</title>
<meta property="og:title" content="Strike on Aleppo">
<meta property="article:published_time" content="2016-03-04T10:00:00+03:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strike on Aleppo</h1><p>{ENGLISH}</p><p>{ENGLISH.replace("five", "six")}</p>
<p>Rescue workers searched the rubble for survivors late into the night.</p></article>
<footer>Copyright 2016</footer></body></html>"""


def test_html_main_text_title_and_date(tmp_path):
    pytest.importorskip("trafilatura")
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    doc = only_document(read(path))
    assert ENGLISH in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text
    assert doc.title == "Strike on Aleppo"
    assert doc.date == dt.date(2016, 3, 4)


def test_large_html_page_is_read_in_one_pass(tmp_path, monkeypatch):
    from geomap.inputs import readers

    pytest.importorskip("lxml")
    # the same page, read as a page over the trafilatura size limit
    monkeypatch.setattr(readers, "HTML_TRAFILATURA_MAX_BYTES", 100)
    path = tmp_path / "page.html"
    path.write_text(HTML.replace("<html>", "<html lang='en'>"), encoding="utf-8")
    doc = only_document(read(path))
    assert ENGLISH in doc.text and "Rescue workers searched" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text
    assert (doc.title, doc.date, doc.language) == ("Strike on Aleppo", dt.date(2016, 3, 4), "en")
    assert "\n\n" in doc.text  # paragraphs stay apart
    (tmp_path / "empty.html").write_text("<html><body><nav>Menu</nav></body></html>" + " " * 200)
    assert "no main text" in only_skipped(read(tmp_path / "empty.html")).reason


def test_html_without_main_text_is_skipped(tmp_path):
    pytest.importorskip("trafilatura")
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title><script>var x = 1;</script></head><body></body></html>"
    )
    assert "no main text" in only_skipped(read(path)).reason


def test_missing_optional_dependency_is_a_skip_with_install_hint(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails
    monkeypatch.setitem(sys.modules, "feedparser", None)
    (tmp_path / "page.html").write_text(HTML)
    (tmp_path / "feed.rss").write_text(RSS)
    (tmp_path / "plain.txt").write_text(ENGLISH)
    records = read(tmp_path)
    assert [type(r) for r in records] == [Skipped, Skipped, Document]
    assert "pip install 'geomap[feeds]'" in records[0].reason
    assert "pip install 'geomap[html]'" in records[1].reason


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed</title><link>https://example.org</link>
<item><title>Strike on Aleppo</title><link>https://example.org/a</link>
<description>&lt;p&gt;{ENGLISH} &lt;b&gt;Activists&lt;/b&gt; said.&lt;/p&gt;</description>
<pubDate>Fri, 01 Jan 2016 23:30:00 +0300</pubDate></item>
<item><title>{ARABIC[:20]}</title><description>{ARABIC}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title><id>urn:x</id>
<updated>2016-01-02T00:00:00Z</updated>
<entry><title>Clashes</title><id>urn:1</id><link href="https://example.org/b"/>
<published>2016-01-02T08:00:00Z</published><updated>2016-01-03T08:00:00Z</updated>
<content type="html">&lt;p&gt;{ENGLISH}&lt;/p&gt;</content></entry></feed>"""


def test_rss_entries(tmp_path):
    pytest.importorskip("feedparser")
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = read(path)
    assert first.title == "Strike on Aleppo"
    assert first.text.startswith("Strike on Aleppo\n\n" + ENGLISH)
    assert "<b>" not in first.text and "Activists said." in first.text
    # The date as written in the feed's own time zone, not shifted to UTC.
    assert first.date == dt.date(2016, 1, 1)
    assert first.url == first.source == "https://example.org/a"
    assert second.source == f"{path}#2" and second.language == "ar" and second.date is None


def test_atom_entry(tmp_path):
    pytest.importorskip("feedparser")
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    doc = only_document(read(path))
    assert doc.date == dt.date(2016, 1, 2)  # published, not updated
    assert doc.url == "https://example.org/b"
    assert ENGLISH in doc.text and "<p>" not in doc.text


def test_unknown_extension_is_sniffed(tmp_path):
    pytest.importorskip("feedparser")
    (tmp_path / "feed.download").write_text(RSS, encoding="utf-8")
    (tmp_path / "article").write_text(ENGLISH, encoding="utf-8")
    records = read(tmp_path)
    assert [r.source for r in records] == [
        str(tmp_path / "article"),
        "https://example.org/a",
        f"{tmp_path / 'feed.download'}#2",
    ]


# --- directories, stdin, paths -------------------------------------------------------------


def test_directory_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    for rel in ["b/z.txt", "b/a.txt", "a.txt", "c/d/e.txt", ".git/x.txt", "b/.hidden.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{ENGLISH} {rel}", encoding="utf-8")
    sources = [r.source for r in read(tmp_path)]
    expected = ["a.txt", "b/a.txt", "b/z.txt", "c/d/e.txt"]
    assert sources == [str(tmp_path / rel) for rel in expected]
    assert [r.source for r in read(tmp_path)] == sources  # deterministic


def test_url_is_skipped_and_a_missing_path_is_an_error(tmp_path):
    (record,) = read("https://example.org/article")
    assert isinstance(record, Skipped) and "offline" in record.reason
    with pytest.raises(InputError, match="no such file or directory: .*nope.txt"):
        read(tmp_path / "nope.txt", tmp_path)
    # the error comes before anything is read, even when the missing path comes last
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    with pytest.raises(InputError, match="nope.txt"):
        iter_documents([tmp_path / "a.txt", tmp_path / "nope.txt"])


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch):
    _stdin(monkeypatch, ARABIC.encode("utf-8"))
    doc = only_document(read("-"))
    assert (doc.text, doc.source, doc.language) == (ARABIC, "<stdin>", "ar")


def test_stdin_jsonl(monkeypatch):
    lines = [json.dumps({"text": ENGLISH}), "", json.dumps({"text": ARABIC, "id": "x"})]
    _stdin(monkeypatch, "\n".join(lines).encode())
    records = read("-", id_column="id")
    assert [r.source for r in records] == ["<stdin>:1", "<stdin>:3"]
    assert records[1].doc_id == "x"


def test_stdin_with_a_json_looking_line_among_text_is_text(monkeypatch):
    data = json.dumps({"text": ENGLISH}) + "\nand then some prose.\n"
    _stdin(monkeypatch, data.encode())
    assert only_document(read("-")).text == data


def test_stdin_text_only_stream(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(ENGLISH))
    assert only_document(read("-")).text == ENGLISH


def test_read_documents_splits(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.txt").write_text("")
    docs, skipped = read_documents([tmp_path])
    assert len(docs) == 1 and len(skipped) == 1


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-01-31", dt.date(2016, 1, 31)),
        ("2016-01-31T23:30:00+03:00", dt.date(2016, 1, 31)),
        ("2016/1/31", dt.date(2016, 1, 31)),
        ("20160131", dt.date(2016, 1, 31)),
        ("31/01/2016", dt.date(2016, 1, 31)),
        ("01/31/2016", dt.date(2016, 1, 31)),
        ("03/04/2016", None),  # day/month order unknown: never guessed
        ("05.05.2016", dt.date(2016, 5, 5)),
        ("Sun, 31 Jan 2016 23:30:00 +0300", dt.date(2016, 1, 31)),
        ("31 January 2016", dt.date(2016, 1, 31)),
        ("January 31, 2016", dt.date(2016, 1, 31)),
        ("31 يناير 2016", dt.date(2016, 1, 31)),
        ("January 2016", None),  # no day
        ("2016-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20160131, None),
        (dt.datetime(2016, 1, 31, 5), dt.date(2016, 1, 31)),
        (dt.date(2016, 1, 31), dt.date(2016, 1, 31)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected
