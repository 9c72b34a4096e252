"""Read articles from files, directories and stdin into :class:`~geomap.records.Document`.

:func:`iter_documents` is total: every input becomes a :class:`Document` or a
:class:`~geomap.records.Skipped` that says why not -- empty, binary, undecodable, too large,
unparseable, a missing optional dependency. Nothing raises for one bad input and nothing is
dropped silently, except what is not an input: hidden files inside directories, sidecar
metadata files (read with their text file) and blank lines between records.

Formats, chosen by extension (unknown extensions are sniffed, and read as text):

=============================  =================================================================
``.txt .text .md .markdown``   one document; YAML front matter and a ``<stem>.json|yaml|yml``
                               sidecar give title, date, language, source, url, id
``.jsonl .ndjson``             one document per line (a JSON object)
``.json``                      one object, or an array of objects (one document each)
``.csv .tsv``                  one document per row, columns chosen by the ``*_column`` options
``.html .htm .xhtml``          the page's main text (``trafilatura``, extra ``html``)
``.rss .atom .xml``            one document per entry (``feedparser``, extra ``feeds``)
``-``                          stdin: JSON Lines if every line is a JSON object, else text
=============================  =================================================================
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import DependencyError, DocumentError
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

__all__ = [
    "Document",
    "Skipped",
    "arabic_share",
    "decode_bytes",
    "detect_language",
    "iter_documents",
    "normalise_language",
    "parse_date",
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
) -> Iterator[Document | Skipped]:
    """Yield a :class:`Document` or a :class:`Skipped` for every input found under ``paths``.

    Parameters
    ----------
    paths
        Files, directories (read recursively in sorted order, hidden files skipped) and
        ``"-"`` for stdin.
    text_column, date_column, source_column, id_column, title_column
        Field names used for JSON/JSON Lines objects and CSV rows. Without ``source_column``
        a row's source is ``path:line``; without ``id_column`` its id is a hash.
    language
        Force every document's language; otherwise the sidecar/front matter/row says, or
        it is detected from the script (:func:`detect_language`).
    max_bytes
        Largest file read (for JSON Lines and CSV: largest line/field); larger ones are
        skipped with a reason.

    Yields
    ------
    Document or Skipped
        ``doc_id`` is the given id or a sha1 of location and text (16 hex digits);
        ``source`` is the given source, else ``path``, ``path:line`` (rows), ``path#n``
        (JSON array items, feed entries without a link) or the entry's URL.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Shelling hit Idlib.", encoding="utf-8")
    >>> [type(r).__name__ for r in iter_documents([d])]
    ['Document']
    """
    opts = Options(
        text_column=text_column,
        date_column=date_column,
        source_column=source_column,
        id_column=id_column,
        title_column=title_column,
        language=language,
        max_bytes=max_bytes,
    )
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for item in paths:
        if isinstance(item, str) and item == STDIN:
            yield from _guard(lambda: _read_stdin(opts), STDIN_SOURCE)
            continue
        if isinstance(item, str) and item.startswith(("http://", "https://")):
            yield Skipped(
                item, "URLs are not fetched (geomap works offline); save the page and pass the file"
            )
            continue
        path = Path(item)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except (OSError, ValueError) as err:  # a NUL in the name, a name too long, ...
            yield Skipped(str(item), f"cannot use this path: {err}")
            continue
        if is_dir:
            for found in _walk(path):
                yield from _read_path(found, opts)
        elif exists:
            if _is_sidecar(path):
                continue  # read with the text file it describes
            yield from _read_path(path, opts)
        else:
            yield Skipped(str(path), "no such file or directory")


def read_documents(paths: Iterable[str | Path], **options) -> tuple[list[Document], list[Skipped]]:
    """:func:`iter_documents`, split into the documents and the skipped inputs."""
    docs: list[Document] = []
    skipped: list[Skipped] = []
    for record in iter_documents(paths, **options):
        (docs if isinstance(record, Document) else skipped).append(record)
    return docs, skipped


def _walk(root: Path) -> list[Path]:
    """Regular and special files under ``root``, sorted, hidden ones and sidecars left out."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if not _is_sidecar(path):
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


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
        data = sys.stdin.read().encode("utf-8", "surrogatepass")
    if len(data) > opts.max_bytes:
        raise DocumentError(STDIN_SOURCE, too_large(len(data), opts.max_bytes))
    text = decode_bytes(data, STDIN_SOURCE)
    lines = text.splitlines()
    if _all_json_objects(lines):
        yield from json_line_rows(enumerate(lines, 1), STDIN_SOURCE, opts)
    else:
        yield text_documents(text, STDIN_SOURCE, opts)


def _all_json_objects(lines: list[str]) -> bool:
    import json

    seen = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("{"):
            return False
        try:
            if not isinstance(json.loads(stripped), dict):
                return False
        except (ValueError, RecursionError):
            return False
        seen = True
    return seen
