"""The whole job: documents in, an events GeoDataFrame out.

``extract_events`` accepts article texts, file or directory paths, or
:class:`~geomap.records.Document` records, and never stops on one bad document: documents
that cannot be read are returned in ``skipped`` by :func:`run` (and reported by the CLI).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from .errors import GeomapError
from .events import book_for, dedup, events_from_document
from .gazetteer import Gazetteer, default
from .inputs import iter_documents
from .records import Document, Event, Skipped
from .schema import events_to_frame

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    events: list[Event] = field(default_factory=list)
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def frame(self) -> gpd.GeoDataFrame:
        return events_to_frame(self.events)


def _as_documents(inputs: Iterable[str | Path | Document], **read_options) -> Iterator[Document | Skipped]:
    paths: list[str | Path] = []
    for i, item in enumerate(inputs):
        if isinstance(item, Document):
            yield item
        elif isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
            paths.append(item)
        elif isinstance(item, str):
            yield Document(doc_id=f"text-{i}", text=item, source=f"text-{i}")
        else:
            yield Skipped(repr(item)[:80], f"expected text, a path or a Document, got {type(item).__name__}")
    if paths:
        yield from iter_documents(paths, **read_options)


def _looks_like_path(s: str) -> bool:
    if s == "-":
        return True
    if "\n" in s or len(s) > 4096:
        return False
    try:
        return Path(s).exists()
    except (OSError, ValueError):
        return False


def run(
    inputs: Iterable[str | Path | Document],
    *,
    actors_files: Iterable[str | Path] = (),
    gazetteer: Gazetteer | None = None,
    deduplicate: bool = True,
    progress: bool = False,
    **read_options,
) -> RunResult:
    """Extract events from every input; unreadable documents end in ``skipped``."""
    book = book_for(actors_files)
    gaz = gazetteer or default()
    result = RunResult()
    docs = _as_documents(inputs, **read_options)
    if progress:
        from tqdm import tqdm

        docs = tqdm(docs, unit="doc", desc="geomap")
    for doc in docs:
        if isinstance(doc, Skipped):
            result.skipped.append(doc)
            continue
        result.documents += 1
        try:
            result.events.extend(events_from_document(doc, book=book, gazetteer=gaz))
        except GeomapError as err:  # one bad document never stops the batch
            log.warning("skipped %s: %s", doc.source or doc.doc_id, err)
            result.skipped.append(Skipped(doc.source or doc.doc_id, f"extraction failed: {err}"))
    if deduplicate:
        result.events = dedup(result.events)
    return result


def extract_events(
    inputs: str | Path | Document | Iterable[str | Path | Document],
    *,
    actors_files: Iterable[str | Path] = (),
    gazetteer: Gazetteer | None = None,
    deduplicate: bool = True,
) -> gpd.GeoDataFrame:
    """Events from article texts, paths or :class:`Document` records, as a GeoDataFrame.

    >>> gdf = extract_events("Syrian army air strikes near Idlib killed 12 civilians.")  # doctest: +SKIP
    >>> gdf.loc[0, ["event_type", "actor1", "place_name"]].tolist()  # doctest: +SKIP
    ['Explosions/Remote violence', 'Syria', 'Idlib']
    """
    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    res = run(inputs, actors_files=actors_files, gazetteer=gazetteer, deduplicate=deduplicate)
    for s in res.skipped:
        log.warning("skipped %s: %s", s.source, s.reason)
    return res.frame()
