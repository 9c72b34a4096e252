"""Deduplication on large batches: the indexed merge against the full scan it replaces.

The events of the development texts (``../shared/eval``) are extracted once without
deduplication, then copied ``--copies`` times as if more articles had reported them (other
document ids, half of the places moved by up to ~11 km). Both merges run on the same events
in this process; the output must be identical, and the figures are CPU seconds and the
ratio::

    python benchmarks/bench_dedup.py [--copies 1 7 15] [--write benchmarks/results/dedup.md]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

from geomap.events import dedup  # noqa: E402
from geomap.events.dedup import merge, same_event  # noqa: E402
from geomap.pipeline import run  # noqa: E402


def full_scan(events, km: float = 10.0, days: int = 1):
    """The reference: compare each event with every kept event of its type and status."""
    kept, groups = [], {}
    for e in events:
        group = groups.setdefault((e.sub_event_type, e.status), [])
        for i in group:
            if same_event(kept[i], e, km=km, days=days):
                kept[i] = merge(kept[i], e)
                break
        else:
            group.append(len(kept))
            kept.append(e)
    return kept


def copies(events, n: int, seed: int = 1):
    rnd = random.Random(seed)
    out = list(events)
    for k in range(1, n):
        for e in events:
            place = e.place
            if place is not None and rnd.random() < 0.5:
                place = dataclasses.replace(
                    place, lat=place.lat + rnd.uniform(-0.1, 0.1), lon=place.lon + rnd.uniform(-0.1, 0.1)
                )
            doc = f"{e.doc_id}#{k}"
            out.append(dataclasses.replace(e, doc_id=doc, event_id=f"{e.event_id}#{k}", place=place,
                                           sources=(doc,)))
    return out


def cpu(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 7, 15])
    ap.add_argument("--write", type=Path, help="Also write the table (Markdown) here.")
    args = ap.parse_args()
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
        lines.append(f"| {len(batch):,} | {len(fast):,} | {t_slow:.2f} s | {t_fast:.2f} s | "
                     f"{t_slow / max(t_fast, 1e-9):.1f} |")
        print(lines[-1], flush=True)
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
