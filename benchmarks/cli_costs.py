"""Where a ``geomap extract`` run's CPU goes beyond the warm per-document work: start-up,
loading the knowledge, the first (cold) pass against a second (warm) one, the memos the
cold pass fills, the cross-document dedup and the GeoJSON writing (no profiler).

In-process figures are taken on a warm process (``paired.py``, ``stage_times.py --warm``);
a CLI run is one cold pass in a fresh process. The gap between the two is mostly the
first pass filling the memos (gazetteer keys read from SQLite, skeletons, the lexicons'
per-word answers): this script says how large each part is, in CPU seconds
(``time.process_time``, which other jobs on the machine do not inflate), so that work on
the CLI figure starts from facts.

Run (from the repository root, in a fresh process; needs ../shared/eval)::

    python benchmarks/cli_costs.py [--half tune|check] [--limit N]

Memo misses are timed by wrapping the memo classes' ``__missing__``: a memo whose answer
asks another memo (``foldable`` asks the gazetteer's key table) holds the other's time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

T0 = time.process_time()
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _timed_misses(cpu: Counter, calls: Counter) -> None:
    """Time every memo miss, by the memo's kind (see the module doc)."""
    import importlib

    normalize = importlib.import_module("geomap.text.normalize")
    from geomap.gazetteer.base import LazySet

    def wrap(cls: type, name_of) -> None:
        orig = cls.__missing__

        def missing(self, k):
            t = time.process_time()
            try:
                return orig(self, k)
            finally:
                name = name_of(self)
                cpu[name] += time.process_time() - t
                calls[name] += 1

        cls.__missing__ = missing

    wrap(normalize.Memo, lambda m: getattr(m.compute, "__qualname__", "memo"))
    wrap(normalize._Folds, lambda m: "fold")
    wrap(LazySet, lambda m: "gazetteer " + getattr(m.answer, "__qualname__", "set"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", default="tune", choices=["tune", "check"])
    ap.add_argument("--limit", type=int, default=None, help="At most this many per source.")
    args = ap.parse_args(argv)

    import geomap.cli  # noqa: F401  (what the command imports before any work)

    t_import = time.process_time() - T0
    import corpus

    if not corpus.EVAL.is_dir():
        print(f"skipped: {corpus.EVAL} is absent")
        return 0
    docs = corpus.conflict(args.half, args.limit)

    from geomap.events import dedup
    from geomap.events.document import prepare
    from geomap.export import events_geojson_text
    from geomap.pipeline import _context, _serial, _spec

    cpu, calls = Counter(), Counter()
    _timed_misses(cpu, calls)
    t = time.process_time()
    spec = _spec(None, ())
    book, _gaz = _context(spec)
    prepare(book)
    t_context = time.process_time() - t

    def one_pass() -> tuple[float, list]:
        t = time.process_time()
        events = [e for out in _serial(iter(docs), spec) for e in out[0]]
        return time.process_time() - t, events

    cold, events = one_pass()
    cold_misses = dict(cpu)
    cold_calls = dict(calls)
    cpu.clear()
    warm, _ = one_pass()
    t = time.process_time()
    kept = dedup(events)
    t_dedup = time.process_time() - t
    t = time.process_time()
    events_geojson_text(kept)
    t_write = time.process_time() - t

    n = len(docs)
    rows = [
        ("import geomap.cli", t_import),
        ("actors, gazetteer, lexicons loaded (before the first document)", t_context),
        (f"first pass, cold ({n / cold:.0f} docs/s)", cold),
        (f"second pass, warm ({n / warm:.0f} docs/s)", warm),
        ("  cold - warm", cold - warm),
        (f"dedup of {len(events):,} events", t_dedup),
        (f"GeoJSON text of {len(kept):,} events", t_write),
    ]
    print(f"# CPU of a CLI run's parts: conflict news ({args.half}), {n:,} documents\n")
    print("| part | CPU s |\n|---|---:|")
    for label, s in rows:
        print(f"| {label} | {s:.2f} |")
    print("\nMemo misses of the cold pass (inclusive: a memo asking another holds its time):\n")
    print("| memo | misses | CPU s |\n|---|---:|---:|")
    for name, s in sorted(cold_misses.items(), key=lambda kv: -kv[1])[:12]:
        print(f"| `{name}` | {cold_calls[name]:,} | {s:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
