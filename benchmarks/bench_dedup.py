"""Deduplication on large batches: the indexed merge against the full scan it replaces.

The events of the development texts (``../shared/eval``) are extracted once without
deduplication, then copied ``--copies`` times as if more articles had reported them (other
document ids, half of the places moved by up to ~11 km). Both merges run on the same events
in this process; the output must be identical, and the figures are CPU seconds and the
ratio. The same batch reversed must give the same events::

    python benchmarks/bench_dedup.py [--copies 1 7 15] [--write benchmarks/results/dedup.md]

``--same N [N ...]`` instead times N reports of one event (other documents and sources,
places within ~2 km): CPU seconds and the peak of memory allocated during the merge
(tracemalloc), no corpus needed::

    python benchmarks/bench_dedup.py --same 20000 100000
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

from geomap.events import dedup  # noqa: E402
from geomap.events.dedup import merge, merge_order, same_event  # noqa: E402
from geomap.pipeline import run  # noqa: E402
from geomap.records import Event, Place  # noqa: E402


def full_scan(events, km: float = 10.0, days: int = 1):
    """The reference: in the canonical merge order, compare each event with every kept
    event of its type and status; list the merged events by their first report."""
    kept, first, groups = [], [], {}
    for position in merge_order(events):
        e = events[position]
        group = groups.setdefault((e.sub_event_type, e.status), [])
        for i in group:
            if same_event(kept[i], e, km=km, days=days):
                kept[i] = merge(kept[i], e)
                first[i] = min(first[i], position)
                break
        else:
            group.append(len(kept))
            kept.append(e)
            first.append(position)
    return [k for _, k in sorted(zip(first, kept, strict=True), key=lambda pair: pair[0])]


def same_event_reports(n: int, seed: int = 1) -> list[Event]:
    """``n`` reports of one air strike by ``n`` documents, places jittered by ~2 km."""
    rnd = random.Random(seed)
    place = Place(1, "Saraqeb", 35.86, 36.8, "SY", "", "Idlib")
    return [
        Event(
            event_id=f"e{i}",
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            plover_code="ATTACK",
            status="reported",
            actor1="Russia",
            actor2=None,
            actors=("Russia",),
            sentence="s",
            trigger="t",
            language="en",
            source=f"src{i}",
            doc_id=f"d{i}",
            event_date=dt.date(2017, 3, 7),
            time_precision=1,
            geo_precision=1,
            sources=(f"src{i}",),
            place=dataclasses.replace(
                place,
                lat=place.lat + rnd.uniform(-0.02, 0.02),
                lon=place.lon + rnd.uniform(-0.02, 0.02),
            ),
        )
        for i in range(n)
    ]


def same(ns: list[int]) -> None:
    print("| reports of one event | events out | CPU seconds | peak MB (tracemalloc) |")
    print("|---:|---:|---:|---:|")
    for n in ns:
        events = same_event_reports(n)
        out, seconds = cpu(dedup, events)
        tracemalloc.start()  # a second run, traced (tracing slows it down)
        dedup(events)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"| {n:,} | {len(out):,} | {seconds:.2f} | {peak:.0f} |", flush=True)


def copies(events, n: int, seed: int = 1):
    rnd = random.Random(seed)
    out = list(events)
    for k in range(1, n):
        for e in events:
            place = e.place
            if place is not None and rnd.random() < 0.5:
                place = dataclasses.replace(
                    place,
                    lat=place.lat + rnd.uniform(-0.1, 0.1),
                    lon=place.lon + rnd.uniform(-0.1, 0.1),
                )
            doc = f"{e.doc_id}#{k}"
            out.append(
                dataclasses.replace(
                    e, doc_id=doc, event_id=f"{e.event_id}#{k}", place=place, sources=(doc,)
                )
            )
    return out


def cpu(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 7, 15])
    ap.add_argument("--write", type=Path, help="Also write the table (Markdown) here.")
    ap.add_argument("--same", type=int, nargs="+", help="Time N reports of one event instead.")
    args = ap.parse_args()
    if args.same:
        same(args.same)
        return
    docs = corpus.lgl() + corpus.geowebnews() + corpus.idrisi() + corpus.aqmar_paragraphs()
    if not docs:
        sys.exit(f"no development texts at {corpus.EVAL}")
    events = run(docs, deduplicate=False).events
    lines = [
        "# Deduplication of large batches",
        "",
        "Command: `python benchmarks/bench_dedup.py`",
        "",
        f"Events of the {len(docs):,} development texts, copied as if more articles reported "
        "them. CPU seconds in one process; both give the same events.",
        "",
        "| events in | events out | full scan | indexed | full scan / indexed |",
        "|---:|---:|---:|---:|---:|",
    ]
    for n in args.copies:
        batch = copies(events, n)
        slow, t_slow = cpu(full_scan, batch)
        fast, t_fast = cpu(dedup, batch)
        if slow != fast:
            sys.exit(f"the indexed merge differs from the full scan at {n} copies")
        if Counter(dedup(batch[::-1])) != Counter(fast):
            sys.exit(f"reversing the input changes the events at {n} copies")
        lines.append(
            f"| {len(batch):,} | {len(fast):,} | {t_slow:.2f} s | {t_fast:.2f} s | "
            f"{t_slow / max(t_fast, 1e-9):.1f} |"
        )
        print(lines[-1], flush=True)
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
