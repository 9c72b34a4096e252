"""The whole job: documents in, an events GeoDataFrame out.

``extract_events`` accepts article texts, file or directory paths, or
:class:`~geomap.records.Document` records, and never stops on one bad document: documents
that cannot be read or processed are returned in ``skipped`` by :func:`run` (and reported
by the CLI).

:func:`run` works on one core (``jobs=1``), on a pool of local processes (``jobs=N``), or
on a Dask cluster (``scheduler="dask"``). Documents are read in this process and sent out
in chunks; results come back in input order, so every way gives the same events, and the
cross-document deduplication runs here, after gathering, as on one core.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DependencyError, GazetteerError, GeomapError, InputError
from .events import book_for, dedup, events_from_document
from .events.actors import ActorBook
from .events.document import prepare
from .gazetteer import Gazetteer, IndexGazetteer, default
from .inputs import InputStream, input_stream
from .records import Document, Event, Skipped
from .schema import events_to_frame

if TYPE_CHECKING:  # geopandas is imported only when a frame is built (start-up)
    import geopandas as gpd

log = logging.getLogger(__name__)

#: Documents per task sent to a worker process or Dask partition: big enough that the
#: transfer and scheduling cost little next to the work, small enough to balance.
CHUNK = 16
#: Tasks read ahead per local worker (bounds the documents and results held at once).
WINDOW = 8
#: Set by :func:`_process` when a document failed on memory (read and reset by the caller).
_MEMORY_FAILED = False
#: Documents gathered before a Dask block is computed (bounds the memory held at once).
DASK_BLOCK = 4096

#: Allocations between two collections of the garbage collector's youngest generation while
#: a batch runs (CPython's default is 700). A document makes hundreds of thousands of small
#: objects that die young, by reference counting: at 700 the collector ran some 700 times
#: in a pass over 800 conflict articles (5 of them full collections, over the gazetteer's
#: memos and the lexicons), 5% of the CPU time; at this figure, about 10 times, 0.8%.
GC_YOUNG = 10_000

SCHEDULERS = ("local", "dask")
#: How long to wait for a Dask scheduler given by address.
DASK_CONNECT_TIMEOUT = "20s"


@dataclass
class RunResult:
    """What a run gave.

    ``documents`` counts the documents whose events are in ``events`` (processed, with or
    without events); ``skipped`` holds every input that could not be read or processed,
    with the reason. Every input is in exactly one of the two.
    """

    events: list[Event] = field(default_factory=list)
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def frame(self) -> gpd.GeoDataFrame:
        return events_to_frame(self.events)


#: One input's outcome: a read failure, or the document's events / its processing failure.
Outcome = Skipped | tuple[list[Event], Skipped | None]


# -- one document, anywhere -----------------------------------------------------------------
def _process(doc: Document, book: ActorBook, gaz: Gazetteer) -> tuple[list[Event], Skipped | None]:
    """The events of one document, or why it failed; never raises (one bad document must
    not stop the batch, on one core or on a cluster)."""
    try:
        return events_from_document(doc, book=book, gazetteer=gaz), None
    except GazetteerError:
        raise  # the index is damaged: no document is to blame, and every one would fail
    except GeomapError as err:
        reason = f"extraction failed: {err}"
    except (RecursionError, MemoryError) as err:
        reason = f"extraction failed: document too complex ({type(err).__name__})"
        if isinstance(err, MemoryError):
            global _MEMORY_FAILED
            _MEMORY_FAILED = True
    except Exception as err:  # a bug on one document: report it, go on with the others
        log.debug("extraction failed on %s", doc.source or doc.doc_id, exc_info=True)
        reason = f"extraction failed (internal error, please report): {type(err).__name__}: {err}"
    return [], Skipped(doc.source or doc.doc_id, reason)


@dataclass(frozen=True)
class _Spec:
    """What a worker needs to rebuild the run's knowledge: picklable and small."""

    gazetteer: str | Gazetteer | None  # None: the default; a path: an index file
    actors_files: tuple[str, ...] = ()


_CONTEXT: dict[_Spec, tuple[ActorBook, Gazetteer]] = {}


def _context(spec: _Spec) -> tuple[ActorBook, Gazetteer]:
    """The actor book and gazetteer of a spec, built once per process."""
    got = _CONTEXT.get(spec)
    if got is None:
        if spec.gazetteer is None:
            gaz = default()
        elif isinstance(spec.gazetteer, str):
            from .gazetteer.embedded import embedded

            gaz = embedded(spec.gazetteer, build=False)
        else:
            gaz = spec.gazetteer
        got = (book_for(spec.actors_files), gaz)
        _CONTEXT[spec] = got
    return got


def _spec(gazetteer: Gazetteer | None, actors_files: Iterable[str | Path]) -> _Spec:
    from .gazetteer.embedded import default_index_path

    gaz: str | Gazetteer | None = gazetteer
    if isinstance(gazetteer, IndexGazetteer):  # workers reopen it by path, cheaply
        gaz = None if gazetteer.path == default_index_path() else str(gazetteer.path)
    return _Spec(gaz, tuple(str(f) for f in actors_files or ()))


def process_chunk(
    docs: Sequence[Document], spec: _Spec
) -> list[tuple[list[Event], Skipped | None]]:
    """Process documents in a worker (process pool or Dask); results in input order."""
    book, gaz = _context(spec)
    return [_process(d, book, gaz) for d in docs]


# -- executors ------------------------------------------------------------------------------
def _serial(items: Iterator[Document | Skipped], spec: _Spec) -> Iterator[Outcome]:
    global _MEMORY_FAILED
    book, gaz = _context(spec)
    for item in items:
        yield item if isinstance(item, Skipped) else _process(item, book, gaz)
        if _MEMORY_FAILED:  # what the failed document held must not starve the next one
            from .pool import release_memory

            _MEMORY_FAILED = False
            release_memory()


def _chunks(items: Iterator[Document | Skipped], size: int) -> Iterator[list[Document | Skipped]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _with_docs_processed(
    chunk: list[Document | Skipped], done: list[tuple[list[Event], Skipped | None]]
) -> Iterator[Outcome]:
    """Put the documents' results back among the read failures, in input order."""
    results = iter(done)
    for item in chunk:
        yield item if isinstance(item, Skipped) else next(results)


def _pool(
    items: Iterator[Document | Skipped], spec: _Spec, jobs: int, chunk: int
) -> Iterator[Outcome]:
    """A pool of ``jobs`` local processes (:class:`geomap.pool.WorkerPool`): a worker that dies
    costs the batch only the document it died on, which is reported."""
    import multiprocessing

    from .pool import WorkerPool

    # fork shares the loaded gazetteer and lexicons with the workers at no cost (the
    # gazetteer reopens its SQLite connection in the child); elsewhere, spawn.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        # load once here, before forking: the actors, the gazetteer, the lexicons (else
        # every worker builds its own copy on its first document)
        book, _ = _context(spec)
        prepare(book)
        # The garbage collector of a forked worker would walk (and so write to, and copy)
        # every object it inherited; frozen, the gazetteer and lexicons stay shared pages
        # (no collection first: on a heap this size it costs more than the freeze saves).
        gc.freeze()
    blocks: deque[list[Document | Skipped]] = deque()

    def tasks() -> Iterator[list[Document]]:
        for block in _chunks(items, chunk):
            blocks.append(block)
            yield [d for d in block if isinstance(d, Document)]

    def lost(doc: Document, why: str) -> tuple[list[Event], Skipped]:
        return [], Skipped(doc.source or doc.doc_id, f"extraction failed: {why}")

    try:
        pool = WorkerPool(jobs, _pool_chunk, spec, method)
        for done in pool.map(tasks(), lost, window=WINDOW * jobs):
            yield from _with_docs_processed(blocks.popleft(), done)
    finally:
        if method == "fork":
            gc.unfreeze()


def _pool_chunk(docs: Sequence[Document], spec: _Spec) -> tuple[list, bool]:
    """A pool worker's task: the documents' results, and whether the worker should be
    replaced by a fresh process. After a MemoryError it stops at once (the pool gives the
    documents left to another worker): what the failed document held must not starve the
    next one, and its heap goes back to the system when the process ends."""
    global _MEMORY_FAILED
    book, gaz = _context(spec)
    results = []
    for doc in docs:
        results.append(_process(doc, book, gaz))
        if _MEMORY_FAILED:
            _MEMORY_FAILED = False
            return results, True
    return results, False


def _dask_client(address: str | None, jobs: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise DependencyError(
            "dask (with distributed)", extra="dask", purpose="--scheduler dask"
        ) from err
    if address:
        try:
            return Client(address, timeout=DASK_CONNECT_TIMEOUT), None
        except (OSError, TimeoutError, ValueError) as err:
            raise InputError(
                f"cannot reach the Dask scheduler at {address!r} ({err}); expected a running "
                "scheduler such as tcp://host:8786, or leave out --scheduler-address for a "
                "local cluster"
            ) from err
    try:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    except Exception as err:  # distributed raises RuntimeError and friends
        raise GeomapError(
            f"cannot start a local Dask cluster of {jobs} workers ({type(err).__name__}: {err}); "
            "run without --scheduler dask, or give --scheduler-address"
        ) from err
    return Client(cluster), cluster


def _dask(items: Iterator[Document | Skipped], spec: _Spec, jobs: int, address: str | None,
          chunk: int) -> Iterator[Outcome]:
    """Dask: documents as a dask.bag of chunk-sized partitions, a block at a time."""
    client, cluster = _dask_client(address, jobs)
    try:
        import dask.bag as db

        for block in _chunks(items, DASK_BLOCK):
            docs = [d for d in block if isinstance(d, Document)]
            done = []
            if docs:
                bag = db.from_sequence(docs, partition_size=chunk)
                done = bag.map_partitions(process_chunk, spec).compute(scheduler=client)
            yield from _with_docs_processed(block, done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(
    inputs: Iterable[str | Path | Document],
    *,
    actors_files: Iterable[str | Path] = (),
    gazetteer: Gazetteer | None = None,
    deduplicate: bool = True,
    progress: bool = False,
    jobs: int = 1,
    scheduler: str = "local",
    scheduler_address: str | None = None,
    chunk: int = CHUNK,
    texts: bool = True,
    **read_options,
) -> RunResult:
    """Extract events from every input; what cannot be read or processed ends in ``skipped``.

    Parameters
    ----------
    inputs : article texts, paths (files, directories, ``-`` for stdin) or Documents.
        A string is a path when it looks like one (:func:`geomap.inputs.looks_like_path`),
        else article text; a path that does not exist raises :class:`InputError` before
        any work.
    texts : ``False``: every string is a path (the command line, where text comes
        through ``-``).
    jobs : worker processes (``local``) or Dask workers of a local cluster; 1 runs here.
    scheduler : ``"local"`` or ``"dask"`` (dask.bag over documents; a local cluster of
        ``jobs`` processes, or the scheduler at ``scheduler_address``).
    progress : show a tqdm progress bar on stderr.

    The events are the same, in the same order, whichever the scheduler and ``jobs``.
    """
    if scheduler not in SCHEDULERS:
        raise InputError(
            f"unknown scheduler {scheduler!r}; expected one of: {', '.join(SCHEDULERS)}"
        )
    if jobs < 1:
        raise InputError(f"jobs must be at least 1, got {jobs}")
    spec = _spec(gazetteer, actors_files)
    # strings that do not look like paths are article texts (geomap.inputs.looks_like_path);
    # a missing path raises InputError here, before any work
    stream = input_stream(inputs, texts=texts, track=progress, **read_options)
    items = iter(stream)
    outcomes: Iterator[Outcome]
    if scheduler == "dask" or scheduler_address:
        outcomes = _dask(items, spec, jobs, scheduler_address, chunk)
    elif jobs > 1:
        outcomes = _pool(items, spec, jobs, chunk)
    else:
        outcomes = _serial(items, spec)
    if progress:
        outcomes = _progress(outcomes, stream)
    result = RunResult()
    events = _tally(outcomes, result)
    with _few_collections():  # (forked workers inherit the setting)
        # dedup takes the events as they come, in input order: under --jobs it runs here
        # while the workers go on, instead of alone after the last of them (same merges)
        result.events = dedup(events) if deduplicate else list(events)
    return result


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """The garbage collector's youngest generation collected every :data:`GC_YOUNG`
    allocations, not every 700, for the time of a batch, and the caller's setting back
    after (a caller's higher threshold, or 0 for off, is left as it is)."""
    old = gc.get_threshold()
    if 0 < old[0] < GC_YOUNG:
        gc.set_threshold(GC_YOUNG, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _tally(outcomes: Iterable[Outcome], result: RunResult) -> Iterator[Event]:
    """The events of the outcomes, in order; documents and skips counted into ``result``."""
    for out in outcomes:
        if isinstance(out, Skipped):
            result.skipped.append(out)
            continue
        events, failed = out
        if failed is not None:
            result.skipped.append(failed)
        else:
            result.documents += 1
            yield from events


def _progress(outcomes: Iterator[Outcome], stream: InputStream) -> Iterator[Outcome]:
    """A tqdm bar over the inputs (files, stdin, documents), with a total and so an ETA.

    Outcomes come back one per record read, in reading order, so the input index the
    stream recorded for each record says how many inputs are done when its outcome arrives
    (with worker processes, reading runs ahead of the outcomes).
    """
    from tqdm import tqdm

    with tqdm(total=stream.total, unit="input", desc="geomap", mininterval=0.5) as bar:
        for n, out in enumerate(outcomes, 1):
            done = stream.positions.popleft()  # the inputs before this record's are done
            if done > bar.n:
                bar.update(done - bar.n)
            bar.set_postfix_str(f"{n} docs", refresh=False)
            yield out
        bar.update(bar.total - bar.n)


def extract_events(
    inputs: str | Path | Document | Iterable[str | Path | Document],
    *,
    actors_files: Iterable[str | Path] = (),
    gazetteer: Gazetteer | None = None,
    deduplicate: bool = True,
) -> gpd.GeoDataFrame:
    """Events from article texts, paths or :class:`Document` records, as a GeoDataFrame.

    >>> text = "Syrian army air strikes near Idlib killed 12 civilians."
    >>> gdf = extract_events(text)  # doctest: +SKIP
    >>> gdf.loc[0, ["event_type", "actor1", "place_name"]].tolist()  # doctest: +SKIP
    ['Explosions/Remote violence', 'Syria', 'Idlib']
    """
    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    res = run(inputs, actors_files=actors_files, gazetteer=gazetteer, deduplicate=deduplicate)
    for s in res.skipped:
        log.warning("skipped %s: %s", s.source, s.reason)
    return res.frame()
