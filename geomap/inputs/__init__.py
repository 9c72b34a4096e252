"""Read articles from files, directories and stdin into :class:`~geomap.records.Document`.

:func:`iter_documents` is total: every input becomes a :class:`Document` or a
:class:`~geomap.records.Skipped` that says why not -- empty, binary, undecodable, too large,
unparseable, a missing optional dependency, an unreadable directory, a directory link
already followed. Nothing raises for one bad input and nothing is dropped silently, except
what is not an input: hidden files inside directories, sidecar metadata files (read with
their text file) and blank lines between records. A path that does not exist is not a bad
input but a mistyped argument: :class:`~geomap.errors.InputError`, before anything is read.

Formats, chosen by extension (unknown extensions are sniffed, and read as text):

=============================  =================================================================
``.txt .text .md .markdown``   one document; YAML front matter and a ``<stem>.json|yaml|yml``
                               sidecar give title, date, language, source, url, id
``.jsonl .ndjson``             one document per line (a JSON object)
``.json``                      one object, or an array of objects (one document each)
``.csv .tsv``                  one document per row, columns chosen by the ``*_column`` options
``.html .htm .xhtml``          the page's main text (``trafilatura``, extra ``html``)
``.rss .atom .xml``            one document per entry (``feedparser``, extra ``feeds``)
``-``                          stdin: JSON Lines when the first line is a JSON object and most
                               lines start with ``{`` (bad lines reported), else one text
=============================  =================================================================
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import DependencyError, DocumentError, InputError
from ..records import Document, Skipped
from .decode import arabic_share, decode_bytes, detect_language, normalise_language
from .meta import SIDECAR_SUFFIXES, parse_date
from .readers import (
    Options,
    Record,
    json_line_rows,
    read_csv,
    read_feed,
    read_html,
    read_json,
    read_jsonl,
    read_text,
    text_documents,
    too_large,
)
from .walk import walk

__all__ = [
    "Document",
    "InputStream",
    "Skipped",
    "arabic_share",
    "clean_text",
    "decode_bytes",
    "detect_language",
    "input_stream",
    "iter_documents",
    "looks_like_path",
    "normalise_language",
    "parse_date",
    "plan_inputs",
    "read_documents",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: Files that may carry a sidecar (and so own a ``<stem>.json|yaml|yml`` next to them).
SIDECAR_OWNERS = TEXT_SUFFIXES | HTML_SUFFIXES

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def _read_tsv(path: Path, opts: Options) -> Iterator[Record]:
    return read_csv(path, opts, delimiter="\t")


def _read_orphan_yaml(path: Path, opts: Options) -> Iterator[Record]:
    raise DocumentError(
        str(path),
        "a YAML file with no text file of the same name (sidecars describe a .txt/.md/.html "
        "file; articles in YAML are not read)",
    )
    yield  # pragma: no cover -- makes this a generator like the other readers


READERS: dict[str, Callable[[Path, Options], Iterator[Record]]] = {
    **{s: read_text for s in TEXT_SUFFIXES},
    **{s: read_html for s in HTML_SUFFIXES},
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".tsv": _read_tsv,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".yaml": _read_orphan_yaml,
    ".yml": _read_orphan_yaml,
}


#: File extensions geomap reads or writes: a string ending in one names a file (see
#: :func:`looks_like_path`).
PATH_SUFFIXES = frozenset(
    {*READERS, ".geojson", ".gpkg", ".parquet", ".geoparquet", ".zip", ".gz", ".rdf"}
)
#: Longest string :func:`looks_like_path` considers (file systems allow 4,096 bytes).
MAX_PATH_CHARS = 4096


def looks_like_path(text: str) -> bool:
    """Whether a string given as an input names a file rather than holding article text.

    The rule, in order:

    1. ``"-"`` (stdin) is a path; a string with a line break, or longer than 4,096
       characters, is text.
    2. A string that names an existing file or directory is a path.
    3. A string ending in a path separator (``seeds/``) is a path.
    4. A string without white space that contains a path separator (``data/a``,
       ``~/news``) is a path: article text has spaces between its words.
    5. A string ending in an extension geomap reads or writes (``.txt``, ``.jsonl``,
       ``.csv``, ``.html``, ``.geojson``, ``.gpkg`` ...; see :data:`PATH_SUFFIXES`) is a
       path, spaces or not (``my notes.txt``).

    Anything else is text. A path that does not exist is then an error, never read as an
    article (see :func:`plan_inputs`); text that happens to look like a path is given as a
    :class:`~geomap.records.Document`, or through ``-`` (stdin) on the command line.

    Examples
    --------
    >>> [looks_like_path(s) for s in ("-", "seed/", "runs/today", "news.jsonl", "a b.txt")]
    [True, True, True, True, True]
    >>> [looks_like_path(s) for s in ("Shelling hit Idlib.", "Idlib", "clashes 2024/05/01")]
    [False, False, False]
    """
    if text == STDIN:
        return True
    if not text or "\n" in text or "\r" in text or len(text) > MAX_PATH_CHARS:
        return False
    try:
        if os.path.lexists(text):
            return True
    except (OSError, ValueError):  # a NUL in the string, a name too long: not a file name
        return False
    separators = tuple(s for s in (os.sep, os.altsep) if s)
    if text.endswith(separators):
        return True
    if not any(ch.isspace() for ch in text) and any(s in text for s in separators):
        return True
    return Path(text.rstrip()).suffix.lower() in PATH_SUFFIXES


#: One planned input: a file to read, stdin, a document given as such, or a report line.
Entry = Path | str | Document | Skipped


def plan_inputs(inputs: Iterable[str | Path | Document], *, texts: bool = False) -> list[Entry]:
    """Resolve the inputs of a run into the list of things to read, in order.

    Directories are walked now (see :func:`~geomap.inputs.walk.walk`), so that the number
    of inputs is known before reading starts. Strings are paths; with ``texts=True`` a
    string that does not :func:`look like a path <looks_like_path>` is article text and
    becomes a :class:`Document` (``doc_id`` and ``source`` ``text-N``, N its position).

    Raises
    ------
    InputError
        An input names a file or directory that does not exist (all such are named).
    """
    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    entries: list[Entry] = []
    missing: list[str] = []
    for i, item in enumerate(inputs):
        given = _given_entry(i, item, texts)
        if given is not None:
            entries.append(given)
            continue
        path = Path(item)
        try:
            is_dir, exists = path.is_dir(), os.path.lexists(path)
        except (OSError, ValueError) as err:  # a NUL in the name, a name too long, ...
            missing.append(f"{str(item)!r} ({err})")
            continue
        if is_dir:
            entries.extend(walk(path, _is_sidecar))
        elif not exists:
            missing.append(repr(str(item)))
        elif not _is_sidecar(path):  # a sidecar is read with the text file it describes
            entries.append(path)
    if missing:
        raise InputError(
            f"no such file or directory: {', '.join(missing[:10])}"
            + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            + "; check the path (article text goes through - (stdin), or a Document in Python)"
        )
    return entries


def _given_entry(i: int, item: object, texts: bool) -> Entry | None:
    """The entry of an input that is not a path (``None`` for a path): a Document, stdin,
    a URL (reported), article text, or something of the wrong type (reported)."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        if item == STDIN:
            return STDIN
        if item.startswith(("http://", "https://")):
            return Skipped(
                item,
                "URLs are not fetched (geomap works offline); save the page and pass the file",
            )
        if texts and not looks_like_path(item):
            return Document(doc_id=f"text-{i}", text=item, source=f"text-{i}")
        return None
    if isinstance(item, os.PathLike):
        return None
    return Skipped(
        repr(item)[:80], f"expected text, a path or a Document, got {type(item).__name__}"
    )


class InputStream:
    """The records of planned inputs, read one input at a time.

    ``total`` is the number of inputs (files, stdin, documents, report lines) known before
    reading; with ``track`` each record read also appends the index of its input to
    ``positions``, so that a consumer can tell how many inputs are done when the record's
    outcome arrives (a progress bar, :func:`geomap.pipeline.run`).
    """

    def __init__(self, entries: list[Entry], opts: Options, *, track: bool = False):
        self.entries = entries
        self.opts = opts
        self.total = len(entries)
        self.positions: deque[int] | None = deque() if track else None

    def __iter__(self) -> Iterator[Document | Skipped]:
        for index, entry in enumerate(self.entries):
            for record in _read_entry(entry, self.opts):
                if self.positions is not None:
                    self.positions.append(index)
                yield clean_record(record)


def input_stream(
    inputs: Iterable[str | Path | Document], *, texts: bool = False, track: bool = False, **options
) -> InputStream:
    """:func:`plan_inputs` then an :class:`InputStream` over them (``options`` as for
    :func:`iter_documents`)."""
    return InputStream(plan_inputs(inputs, texts=texts), Options(**options), track=track)


def iter_documents(
    paths: Iterable[str | Path],
    *,
    text_column: str = "text",
    date_column: str = "date",
    source_column: str | None = None,
    id_column: str | None = None,
    title_column: str = "title",
    language: str | None = None,
    max_bytes: int = 20_000_000,
    date_order: str = "auto",
) -> Iterator[Document | Skipped]:
    """Yield a :class:`Document` or a :class:`Skipped` for every input found under ``paths``.

    Parameters
    ----------
    paths
        Files, directories (read to any depth in sorted order, hidden files skipped,
        links to directories followed once; see :mod:`geomap.inputs.walk`) and ``"-"``
        for stdin. Every string is a path here.
    text_column, date_column, source_column, id_column, title_column
        Field names used for JSON/JSON Lines objects and CSV rows. Without ``source_column``
        a row's source is ``path:line``; without ``id_column`` its id is a hash.
    language
        Force every document's language; otherwise the sidecar/front matter/row says, or
        it is detected from the script (:func:`detect_language`).
    date_order
        How numeric dates such as ``4/5/17`` are read: ``"auto"`` (only when the day is
        over 12), ``"day-first"`` or ``"month-first"`` (see
        :data:`~geomap.inputs.meta.DATE_ORDERS`). A date that cannot be read is reported
        as a warning and the document is kept undated.
    max_bytes
        Largest file read (for JSON Lines and CSV: largest line/field); larger ones are
        skipped with a reason, known from the file's size before it is read.

    Yields
    ------
    Document or Skipped
        ``doc_id`` is the given id or a sha1 of location and text (16 hex digits);
        ``source`` is the given source, else ``path``, ``path:line`` (rows), ``path#n``
        (JSON array items, feed entries without a link) or the entry's URL. Lone
        surrogates (from a ``\\ud800`` escape in JSON) are replaced by U+FFFD, so that
        every record can be written as UTF-8.

    Raises
    ------
    InputError
        At once (before anything is read) when a path does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Shelling hit Idlib.", encoding="utf-8")
    >>> [type(r).__name__ for r in iter_documents([d])]
    ['Document']
    """
    return iter(
        input_stream(
            paths,
            text_column=text_column,
            date_column=date_column,
            source_column=source_column,
            id_column=id_column,
            title_column=title_column,
            language=language,
            max_bytes=max_bytes,
            date_order=date_order,
        )
    )


def read_documents(paths: Iterable[str | Path], **options) -> tuple[list[Document], list[Skipped]]:
    """:func:`iter_documents`, split into the documents and the skipped inputs."""
    docs: list[Document] = []
    skipped: list[Skipped] = []
    for record in iter_documents(paths, **options):
        (docs if isinstance(record, Document) else skipped).append(record)
    return docs, skipped


def _read_entry(entry: Entry, opts: Options) -> Iterator[Record]:
    if isinstance(entry, (Document, Skipped)):
        yield entry
    elif isinstance(entry, str):  # STDIN
        yield from _guard(lambda: _read_stdin(opts), STDIN_SOURCE)
    else:
        yield from _read_path(entry, opts)


_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD (they cannot be written as UTF-8).

    JSON allows ``"\\ud800"`` and file names may carry undecodable bytes as surrogate
    escapes; one such character must not make a whole batch unwritable.

    Examples
    --------
    >>> clean_text("Idlib \\ud800 today") == "Idlib \\ufffd today"
    True
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return text


def clean_record(record: Record) -> Record:
    """A record whose strings can all be written as UTF-8 (see :func:`clean_text`)."""
    if isinstance(record, Skipped):
        source, reason = clean_text(record.source), clean_text(record.reason)
        if (source, reason) == (record.source, record.reason):
            return record
        return Skipped(source, reason)
    changes = {}
    for name in ("doc_id", "text", "source", "title", "url", "language"):
        value = getattr(record, name)
        if isinstance(value, str) and (cleaned := clean_text(value)) is not value:
            changes[name] = cleaned
    return dataclasses.replace(record, **changes) if changes else record


def _is_sidecar(path: Path) -> bool:
    if path.suffix.lower() not in SIDECAR_SUFFIXES:
        return False
    return any(path.with_suffix(s).is_file() for s in SIDECAR_OWNERS) or any(
        path.with_suffix(s.upper()).is_file() for s in SIDECAR_OWNERS
    )


def _read_path(path: Path, opts: Options) -> Iterator[Record]:
    location = str(path)
    if not path.is_file():
        yield Skipped(location, "not a regular file (a broken link, device, socket or pipe?)")
        return
    reader = READERS.get(path.suffix.lower()) or _sniff_reader(path)
    yield from _guard(lambda: reader(path, opts), location)


def _sniff_reader(path: Path) -> Callable[[Path, Options], Iterator[Record]]:
    """Reader for an unknown extension: HTML and feeds by their first tag, else text."""
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return read_text  # the reader reports the error itself
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return read_html
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")) or (
        start.startswith(b"<?xml") and any(tag in start for tag in (b"<rss", b"<feed", b"<rdf"))
    ):
        return read_feed
    return read_text


def _guard(make: Callable[[], Iterator[Record]], location: str) -> Iterator[Record]:
    """Run a reader; whatever goes wrong becomes a :class:`Skipped` for that input."""
    try:
        yield from make()
    except DocumentError as err:
        yield Skipped(err.source, err.reason)
    except DependencyError as err:
        yield Skipped(location, str(err))
    except OSError as err:
        yield Skipped(location, f"cannot read: {err.strerror or err}")
    except Exception as err:  # noqa: BLE001 -- one input must never end the batch
        yield Skipped(
            location,
            f"internal error while reading ({type(err).__name__}: {err}); please report it",
        )


def _read_stdin(opts: Options) -> Iterator[Record]:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data = buffer.read(opts.max_bytes + 1)
    else:  # a text-only stream (tests, embedding)
        data = sys.stdin.read(opts.max_bytes + 1).encode("utf-8", "surrogatepass")
    if len(data) > opts.max_bytes:
        raise DocumentError(STDIN_SOURCE, too_large(len(data), opts.max_bytes))
    text = decode_bytes(data, STDIN_SOURCE)
    lines = text.splitlines()
    if _is_json_lines(lines):
        yield from json_line_rows(enumerate(lines, 1), STDIN_SOURCE, opts)
    else:
        yield text_documents(text, STDIN_SOURCE, opts)


def _is_json_lines(lines: list[str]) -> bool:
    """Whether stdin holds JSON Lines: its first non-blank line is a JSON object and more
    than half of its non-blank lines start with ``{``.

    Then every line is a record and a bad one is reported on its own (``<stdin>:N``),
    never turning the whole input into one article of raw JSON; prose that merely starts
    with a JSON line stays text.
    """
    import json

    filled = [line.strip() for line in lines if line.strip()]
    if not filled:
        return False
    try:
        first = json.loads(filled[0])
    except (ValueError, RecursionError):
        return False
    if not isinstance(first, dict):
        return False
    return 2 * sum(line.startswith("{") for line in filled) > len(filled)
