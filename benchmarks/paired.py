"""Paired A/B timing of two source trees of geomap on the conflict-news corpus, run in
lockstep: docs per CPU-second of each, and their ratio.

On a machine that other jobs share, two runs a minute apart see different loads, and a
speed change of a few percent is lost in the noise between them. Here each tree gets a
worker process (loaded and warmed once); they take the same chunk of documents one after
the other, in ABBA order, chunk after chunk, so that both see the load of the same
moment. Each worker times its own CPU (``time.process_time``). The ratio of the sums is
the figure; the spread of the ratios of successive passes says how far to trust it.

Run from the tree to test, against a worktree of the base (for example
``git worktree add --detach /tmp/base main``)::

    python benchmarks/paired.py /tmp/base [--half tune|check] [--passes 3] [--chunk 40]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _worker(half: str) -> int:
    """Load and warm up, then time the chunks asked for on stdin ("lo hi" per line)."""
    sys.path.insert(0, str(HERE))
    import corpus

    from geomap import pipeline
    from geomap.events import book_for
    from geomap.gazetteer import default

    docs = corpus.conflict(half, None)
    gaz, book = default(), book_for(())
    for doc in docs:
        pipeline.events_from_document(doc, book=book, gazetteer=gaz)
    print(len(docs), flush=True)
    for line in sys.stdin:
        lo, hi = map(int, line.split())
        t = time.process_time()
        for doc in docs[lo:hi]:
            pipeline.events_from_document(doc, book=book, gazetteer=gaz)
        print(time.process_time() - t, flush=True)
    return 0


def _start(tree: Path, half: str) -> subprocess.Popen:
    # (this script as the worker of both: geomap comes from ``tree``, the corpus reader
    # from here, so that both read the same documents)
    env = dict(os.environ, PYTHONPATH=str(tree))
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--worker", "--half", half],
        cwd=tree, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )


def _ask(p: subprocess.Popen, lo: int, hi: int) -> float:
    p.stdin.write(f"{lo} {hi}\n")
    p.stdin.flush()
    return float(p.stdout.readline())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", nargs="?", type=Path, help="the base tree (a worktree of main)")
    ap.add_argument("--half", default="tune", choices=["tune", "check"])
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--chunk", type=int, default=40, help="documents per turn")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return _worker(args.half)
    if args.base is None or not (args.base / "geomap").is_dir():
        ap.error(f"expected the base tree (a directory holding geomap/), got {args.base}")
    sys.path.insert(0, str(HERE))
    import corpus

    if not corpus.EVAL.is_dir():
        print(f"skipped: {corpus.EVAL} is absent")
        return 0
    workers = [_start(args.base.resolve(), args.half), _start(HERE.parent, args.half)]
    sizes = {int(p.stdout.readline()) for p in workers}
    if len(sizes) != 1:
        raise SystemExit(f"the trees read different corpora: {sorted(sizes)} documents")
    n = sizes.pop()
    spent = [0.0, 0.0]
    per_pass = []
    turn = 0
    for _ in range(args.passes):
        this = [0.0, 0.0]
        for lo in range(0, n, args.chunk):
            hi = min(n, lo + args.chunk)
            for w in ((0, 1) if turn % 2 == 0 else (1, 0)):
                this[w] += _ask(workers[w], lo, hi)
            turn += 1
        spent = [spent[0] + this[0], spent[1] + this[1]]
        per_pass.append(this[0] / this[1])
    for p in workers:
        p.stdin.close()
        p.wait()
    docs = n * args.passes
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"conflict {args.half}, {n} documents x {args.passes} passes (load {load}): "
          f"base {docs / spent[0]:.1f}, this tree {docs / spent[1]:.1f} docs per CPU-second; "
          f"this/base {spent[0] / spent[1]:.3f} (passes: "
          f"{', '.join(f'{r:.3f}' for r in per_pass)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
