"""Reading large HTML pages: seconds per MB, the one-pass reader against trafilatura.

Pages of 1, 3 and 10 MB (a live-blog shape: thousands of paragraphs of English and Arabic
news sentences, a nav bar and a footer) are generated under a temporary directory and
read with :func:`geomap.inputs.readers.read_html`, once as geomap reads them (pages over
``HTML_TRAFILATURA_MAX_BYTES`` in one pass) and once with trafilatura forced (the
baseline; ``--no-baseline`` skips it, it takes about a minute at 10 MB)::

    python benchmarks/bench_html.py [--mb 1 3 10] [--no-baseline]

Prints seconds, seconds per MB and the peak RSS of this process; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from geomap.inputs import readers

SENTENCES = (
    "Syrian army shelling hit Saraqeb in Idlib province on Monday, killing 3 civilians.",
    "Turkish troops deployed to Manbij while Russian forces withdrew from Tal Rifaat.",
    "Islamic State fighters attacked Kurdish YPG positions in Hasakah on Sunday.",
    "قصفت طائرات حربية مدينة حلب صباح اليوم وقتل خمسة مدنيين.",
)


def page(mb: float, seed: int = 1) -> bytes:
    rnd = random.Random(seed)
    head = (
        "<!doctype html><html><head><title>Live updates</title>"
        "<meta name='date' content='2017-03-07'></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Live updates</h1>"
    )
    parts = [head]
    size = 0
    while size < mb * 1e6:
        p = "<p>" + " ".join(rnd.choice(SENTENCES) for _ in range(5)) + "</p>\n"
        parts.append(p)
        size += len(p.encode())
    parts.append("</article><footer>(c) news</footer></body></html>")
    return "".join(parts).encode()


def read(path: Path, limit: int) -> tuple[float, int]:
    saved = readers.HTML_TRAFILATURA_MAX_BYTES
    readers.HTML_TRAFILATURA_MAX_BYTES = limit
    try:
        start = time.perf_counter()
        (doc,) = readers.read_html(path, readers.Options())
        return time.perf_counter() - start, len(doc.text)
    finally:
        readers.HTML_TRAFILATURA_MAX_BYTES = saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[1, 3, 10])
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    print("| page MB | geomap s | s/MB | trafilatura s | s/MB | ratio | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.mb:
            path = Path(tmp) / f"page{mb}.html"
            path.write_bytes(page(mb))
            size = path.stat().st_size / 1e6
            ours, _ = read(path, readers.HTML_TRAFILATURA_MAX_BYTES)
            base = "-"
            per_base = ratio = "-"
            if not args.no_baseline:
                seconds, _ = read(path, 1 << 62)
                base, per_base = f"{seconds:.1f}", f"{seconds / size:.2f}"
                ratio = f"{seconds / ours:.0f}x"
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"| {size:.1f} | {ours:.2f} | {ours / size:.2f} | {base} | {per_base} | "
                f"{ratio} | {peak:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
