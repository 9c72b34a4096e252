"""One reader per input format; each yields :class:`Document` or :class:`Skipped` records.

Readers raise :class:`~geomap.errors.DocumentError` for a whole input that cannot be used;
the caller turns it into a :class:`Skipped`. Row-based formats (JSON Lines, CSV, JSON
arrays, feeds) yield one record per row, so one bad row never costs the others.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from ..errors import DependencyError, DocumentError
from ..records import Document, Skipped
from .decode import (
    CP1256_ARABIC_SHARE,
    arabic_share,
    check_text,
    decode_bytes,
    detect_language,
    normalise_language,
    sniff_bom,
)
from .meta import Meta, find_sidecar, parse_date, read_date, read_sidecar, split_front_matter

Record = Document | Skipped


@dataclass(frozen=True, slots=True)
class Options:
    """How rows are mapped to documents, and the size limit."""

    text_column: str = "text"
    date_column: str = "date"
    source_column: str | None = None
    id_column: str | None = None
    title_column: str = "title"
    language: str | None = None
    max_bytes: int = 20_000_000
    date_order: str = "auto"  # numeric dates: see geomap.inputs.meta.DATE_ORDERS


# --- building documents ------------------------------------------------------------------


def doc_id_for(location: str, text: str) -> str:
    """Stable short id: sha1 of the input's location (``path``, ``path:line``) and its text."""
    digest = hashlib.sha1(f"{location}\x00{text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def make_document(text: str, location: str, meta: Meta, opts: Options) -> Document:
    """The :class:`Document` for ``text`` read at ``location`` with its metadata."""
    return Document(
        doc_id=meta.id or doc_id_for(location, text),
        text=text,
        source=meta.source or location,
        title=meta.title,
        date=meta.date,
        language=normalise_language(opts.language) or meta.language or detect_language(text),
        url=meta.url,
    )


def row_document(row: dict, location: str, opts: Options) -> Record:
    """Map one JSON object / CSV row to a document using the configured columns."""
    text = row.get(opts.text_column)
    if text is None:
        fields = ", ".join(repr(str(k)) for k in list(row)[:12]) or "none"
        return Skipped(
            location,
            f"no {opts.text_column!r} field (fields: {fields}); "
            "name the text field with text_column / --text-column",
        )
    if not isinstance(text, str):
        return Skipped(
            location, f"{opts.text_column!r} is a {type(text).__name__}, expected a string"
        )
    try:
        check_text(text, location)
    except DocumentError as err:
        return Skipped(location, err.reason)

    def field(name: str | None) -> str:
        if not name:
            return ""
        value = row.get(name)
        if value is None or isinstance(value, (dict, list)):
            return ""
        return str(value).strip()

    meta = Meta(
        title=field(opts.title_column),
        date=read_date(row.get(opts.date_column), location, opts.date_order)
        if opts.date_column
        else None,
        language=normalise_language(row.get("language")),
        source=field(opts.source_column),
        url=field("url"),
        id=field(opts.id_column),
    )
    return make_document(text, location, meta, opts)


# --- whole-file helpers ------------------------------------------------------------------


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing (as a :class:`DocumentError`) anything over ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(str(path), too_large(size, max_bytes))
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew while we looked
        raise DocumentError(str(path), too_large(len(data), max_bytes))
    return data


def too_large(size: int, max_bytes: int) -> str:
    return (
        f"too large: {size:,} bytes, the limit is {max_bytes:,}; split the input "
        "or raise max_bytes / --max-bytes"
    )


def with_sidecar(path: Path, meta: Meta, order: str = "auto") -> Meta:
    """``meta`` overridden by the sidecar of ``path``; a broken sidecar skips the document."""
    sidecar = find_sidecar(path)
    if sidecar is None:
        return meta
    try:
        return meta.merged(read_sidecar(sidecar, order))
    except DocumentError as err:
        raise DocumentError(str(path), err.reason) from None


# --- plain text ----------------------------------------------------------------------------


def text_documents(text: str, location: str, opts: Options, path: Path | None = None) -> Record:
    """A text document: optional YAML front matter, then the body; a sidecar wins."""
    front, body = split_front_matter(text, opts.date_order, location)
    meta = front or Meta()
    if path is not None:
        meta = with_sidecar(path, meta, opts.date_order)
    check_text(body, location)
    return make_document(body, location, meta, opts)


def read_text(path: Path, opts: Options) -> Iterator[Record]:
    location = str(path)
    text = decode_bytes(read_limited(path, opts.max_bytes), location)
    yield text_documents(text, location, opts, path)


# --- JSON Lines ----------------------------------------------------------------------------


def json_line_rows(lines: Iterable[tuple[int, str | Skipped]], location: str, opts: Options):
    """One record per non-blank line; blank lines are not inputs and yield nothing."""
    for lineno, line in lines:
        where = f"{location}:{lineno}"
        if isinstance(line, Skipped):
            yield line
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Skipped(where, f"invalid JSON: {err.msg} at column {err.colno}")
            continue
        except (ValueError, RecursionError) as err:
            yield Skipped(where, f"invalid JSON: {type(err).__name__}: {str(err)[:200]}")
            continue
        if not isinstance(obj, dict):
            yield Skipped(where, f"expected a JSON object, got {_json_type(obj)}")
            continue
        yield row_document(obj, where, opts)


def _json_type(obj: object) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(obj), "a number"
    )


def _binary_lines(fh: BinaryIO, max_bytes: int, location: str):
    """Numbered lines of a UTF-8 file; lines over ``max_bytes`` are drained, not held."""
    lineno = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw)
            while chunk := fh.readline(1 << 20):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield lineno, Skipped(f"{location}:{lineno}", too_large(size, max_bytes))
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield (
                lineno,
                Skipped(
                    f"{location}:{lineno}",
                    f"undecodable: byte {err.start} of this line is not UTF-8 "
                    "(JSON Lines must be UTF-8)",
                ),
            )


def read_jsonl(path: Path, opts: Options) -> Iterator[Record]:
    location = str(path)
    with path.open("rb") as fh:
        head = fh.read(4)
        codec, _ = sniff_bom(head)
        if codec not in (None, "utf-8"):
            # UTF-16/32 lines cannot be split on b"\n"; such files are rare and read whole.
            text = decode_bytes(read_limited(path, opts.max_bytes), location)
            lines = enumerate(text.splitlines(), 1)
            yield from json_line_rows(lines, location, opts)
            return
        if head and b"\x00" in head:
            raise DocumentError(location, "binary: contains NUL bytes (not JSON Lines)")
        fh.seek(0)
        count = 0
        for record in json_line_rows(_binary_lines(fh, opts.max_bytes, location), location, opts):
            count += 1
            yield record
    if count == 0:
        raise DocumentError(location, "empty: no JSON lines")


# --- JSON ----------------------------------------------------------------------------------


def read_json(path: Path, opts: Options) -> Iterator[Record]:
    location = str(path)
    text = decode_bytes(read_limited(path, opts.max_bytes), location)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        raise DocumentError(
            location, f"invalid JSON: {err.msg} at line {err.lineno} column {err.colno}"
        ) from None
    except (ValueError, RecursionError) as err:
        raise DocumentError(location, f"invalid JSON: {type(err).__name__}") from None
    if isinstance(obj, dict):
        yield row_document(obj, location, opts)
    elif isinstance(obj, list):
        if not obj:
            raise DocumentError(location, "empty: the JSON array has no items")
        for i, item in enumerate(obj, 1):
            where = f"{location}#{i}"
            if isinstance(item, dict):
                yield row_document(item, where, opts)
            else:
                yield Skipped(where, f"expected a JSON object, got {_json_type(item)}")
    else:
        raise DocumentError(
            location, f"expected a JSON object or an array of objects, got {_json_type(obj)}"
        )


# --- CSV -----------------------------------------------------------------------------------


def _sniff_codec(head: bytes, location: str) -> tuple[str, int]:
    """Encoding of a CSV file from its first bytes: BOM, else UTF-8, else Arabic cp1256."""
    codec, skip = sniff_bom(head)
    if codec:
        return codec, skip
    if b"\x00" in head:
        raise DocumentError(location, "binary: contains NUL bytes (not a CSV file)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8", 0
    except UnicodeDecodeError:
        pass
    if arabic_share(head.decode("cp1256")) > CP1256_ARABIC_SHARE:
        return "cp1256", 0
    return "utf-8", 0  # rows with bad bytes are skipped one by one below


def read_csv(path: Path, opts: Options, delimiter: str = ",") -> Iterator[Record]:
    location = str(path)
    # The limit is process-wide; only ever raise it, so other readers are not narrowed.
    if csv.field_size_limit() < opts.max_bytes:
        csv.field_size_limit(opts.max_bytes)
    with path.open("rb") as fh:
        codec, skip = _sniff_codec(fh.read(1 << 16), location)
        fh.seek(skip)
        stream = io.TextIOWrapper(fh, encoding=codec, errors="surrogateescape", newline="")
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        header = _csv_header(reader, location, codec, opts)
        count = 0
        while True:
            start = reader.line_num + 1
            where = f"{location}:{start}"
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                count += 1
                yield Skipped(where, f"malformed CSV record: {err}")
                continue
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line is not a record
            count += 1
            if len(row) != len(header):
                yield Skipped(
                    where,
                    f"expected {len(header)} fields as in the header, got {len(row)} "
                    "(an unquoted delimiter or line break?)",
                )
                continue
            if _has_surrogates(row):
                yield Skipped(where, f"undecodable: this row is not valid {codec}")
                continue
            yield row_document(dict(zip(header, row, strict=True)), where, opts)
    if count == 0:
        raise DocumentError(location, "empty: a header but no rows")


def _csv_header(reader: Iterator[list[str]], location: str, codec: str,
                opts: Options) -> list[str]:
    """The CSV's header row, stripped; an error when it is missing, malformed, undecodable
    or lacks the text column."""
    try:
        header = next(reader)
    except StopIteration:
        raise DocumentError(location, "empty: no header row") from None
    except csv.Error as err:
        raise DocumentError(location, f"malformed CSV header: {err}") from None
    header = [h.strip() for h in header]
    if _has_surrogates(header):
        raise DocumentError(location, f"undecodable: the header is not valid {codec}")
    if opts.text_column not in header:
        shown = ", ".join(repr(h) for h in header[:12])
        raise DocumentError(
            location,
            f"no {opts.text_column!r} column (columns: {shown}); "
            "name the text column with text_column / --text-column",
        )
    return header


def _has_surrogates(values: Iterable[str]) -> bool:
    return any(any("\udc80" <= ch <= "\udcff" for ch in v) for v in values)


# --- HTML ----------------------------------------------------------------------------------


def _trafilatura():
    try:
        import trafilatura
    except ImportError as err:
        raise DependencyError("trafilatura", "html", "reading HTML pages") from err
    return trafilatura


#: Pages larger than this are read by :func:`large_html_text` (linear time) instead of
#: trafilatura, whose cost per megabyte grows with the page (about 2.5 s for 1 MB, 55 s for
#: 10 MB): archive pages, live blogs and comment threads, not single articles.
HTML_TRAFILATURA_MAX_BYTES = 1_000_000


def read_html(path: Path, opts: Options) -> Iterator[Record]:
    location = str(path)
    data = read_limited(path, opts.max_bytes)
    codec, _ = sniff_bom(data)
    if codec is None and b"\x00" in data:
        raise DocumentError(location, "binary: contains NUL bytes (not an HTML page)")
    if not data.strip():
        raise DocumentError(location, "empty: no text")
    if len(data) > HTML_TRAFILATURA_MAX_BYTES:
        text, meta = large_html_text(data, location)
    else:
        text, meta = _trafilatura_text(data, location)
    if not text.strip():
        raise DocumentError(
            location, "no main text found in the HTML page (only navigation or boilerplate?)"
        )
    meta = with_sidecar(path, meta, opts.date_order)
    check_text(text, location)
    yield make_document(text, location, meta, opts)


def _trafilatura_text(data: bytes, location: str) -> tuple[str, Meta]:
    trafilatura = _trafilatura()
    try:
        # extensive_search off: take dates stated in the markup, never ones guessed from
        # the URL or the body text.
        result = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # noqa: BLE001 -- lxml/trafilatura fail in many ways on junk
        raise DocumentError(location, f"unparseable HTML: {type(err).__name__}: {err}") from None
    meta = Meta(
        title=(getattr(result, "title", None) or "").strip(),
        date=parse_date(getattr(result, "date", None)),
        language=normalise_language(getattr(result, "language", None)),
        url=(getattr(result, "url", None) or "").strip(),
    )
    return getattr(result, "text", None) or "", meta


#: Elements that are never an article's text.
_HTML_DROP = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas",
    "nav", "header", "footer", "aside", "form", "button", "select", "menu",
)  # fmt: skip
#: Elements after which the text breaks into a new paragraph.
_HTML_BLOCKS = (
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "main", "figcaption", "br",
)  # fmt: skip
#: <meta> names/properties holding the publication date, in order of preference.
_HTML_DATE_META = (
    "article:published_time", "datepublished", "date", "pubdate", "publishdate",
    "dc.date.issued", "dc.date", "og:published_time", "sailthru.date",
)  # fmt: skip


def large_html_text(data: bytes, location: str) -> tuple[str, Meta]:
    """The text of a large HTML page in one pass: every element's text except navigation,
    headers, footers, asides, forms and scripts, a paragraph break after each block.

    Linear in the page's size (lxml parses in C; one walk drops, one joins), where
    trafilatura's boilerplate scoring is not. Title from ``og:title`` or ``<title>``, date
    from the usual ``<meta>`` tags (``article:published_time`` ...), language from
    ``<html lang>``, URL from the canonical link.

    Examples
    --------
    >>> page = b"<html lang='en'><title>T</title><nav>Menu</nav><p>Shelling hit Idlib.</p></html>"
    >>> text, meta = large_html_text(page, "page.html")
    >>> text, meta.title, meta.language
    ('Shelling hit Idlib.', 'T', 'en')
    """
    try:
        from lxml import etree
        from lxml import html as lxml_html
    except ImportError as err:
        raise DependencyError("lxml", "html", "reading HTML pages") from err
    try:
        # huge_tree: a text node over 10 MB is legal here; the size is bounded by max_bytes
        parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True)
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.LxmlError, ValueError) as err:
        raise DocumentError(location, f"unparseable HTML: {type(err).__name__}: {err}") from None
    meta = _large_html_meta(root)
    for element in list(root.iter(*_HTML_DROP)):
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail: text after the element is not inside it
    for element in root.iter(*_HTML_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    lines = (" ".join(line.split()) for line in text.splitlines())
    paragraphs: list[str] = []
    for line in lines:
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs), meta


def _large_html_meta(root) -> Meta:
    named: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "")
        content = element.get("content")
        if key and content and key.lower() not in named:
            named[key.lower()] = content.strip()
    title = named.get("og:title", "")
    if not title:
        found = root.find(".//title")
        title = " ".join((found.text_content() if found is not None else "").split())
    date = None
    for key in _HTML_DATE_META:
        if key in named and (date := parse_date(named[key])) is not None:
            break
    url = named.get("og:url", "")
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            url = link.get("href").strip()
            break
    return Meta(
        title=title[:500],
        date=date,
        language=normalise_language(root.get("lang")),
        url=url,
    )


# --- RSS/Atom ------------------------------------------------------------------------------


def _feedparser():
    try:
        import feedparser
    except ImportError as err:
        raise DependencyError("feedparser", "feeds", "reading RSS/Atom feeds") from err
    return feedparser


def read_feed(path: Path, opts: Options) -> Iterator[Record]:
    location = str(path)
    data = read_limited(path, opts.max_bytes)
    if not data.strip():
        raise DocumentError(location, "empty: no text")
    feedparser = _feedparser()
    try:
        feed = feedparser.parse(data)
    except Exception as err:  # noqa: BLE001 -- feedparser is lenient but not total
        raise DocumentError(location, f"unparseable feed: {type(err).__name__}: {err}") from None
    entries = feed.get("entries") or []
    if not entries:
        if feed.get("bozo"):
            problem = feed.get("bozo_exception")
            raise DocumentError(location, f"unparseable feed: {str(problem)[:200]}")
        if not feed.get("version"):
            raise DocumentError(location, "not an RSS or Atom feed (no channel or feed element)")
        raise DocumentError(location, "empty: the feed has no entries")
    feed_language = normalise_language(feed.get("feed", {}).get("language"))
    damaged = (
        f"; the feed is malformed: {str(feed.get('bozo_exception'))[:120]}"
        if feed.get("bozo")
        else ""
    )
    for i, entry in enumerate(entries, 1):
        record = _entry_document(entry, f"{location}#{i}", feed_language, opts)
        if isinstance(record, Skipped) and damaged:
            record = Skipped(record.source, record.reason + damaged)
        yield record


def _entry_document(entry, where: str, feed_language: str | None, opts: Options) -> Record:
    title = html_to_text(entry.get("title") or "").strip()
    content = entry.get("content") or []
    body = content[0].get("value", "") if content else entry.get("summary") or ""
    body = html_to_text(body).strip()
    text = "\n\n".join(part for part in (title, body) if part)
    link = (entry.get("link") or "").strip()
    try:
        check_text(text, where)
    except DocumentError as err:
        return Skipped(link or where, f"{err.reason} (feed entry has no title or content)")
    date = parse_date(entry.get("published") or entry.get("updated"))
    if date is None:
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            date = _safe_struct_date(parsed)
    meta = Meta(title=title, date=date, language=feed_language, url=link)
    return make_document(text, link or where, meta, opts)


def _safe_struct_date(parsed):
    import datetime as dt

    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except (ValueError, AttributeError):
        return None


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset({"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    _SKIP = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed summary), entities decoded.

    Examples
    --------
    >>> html_to_text("<p>Shelling in <b>Idlib</b> &amp; Hama</p>")
    '\\nShelling in Idlib & Hama\\n'
    """
    if "<" not in fragment and "&" not in fragment:
        return fragment
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)
