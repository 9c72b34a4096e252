"""Speed and memory of the gazetteer: the embedded index and an imported 1M-row GeoNames file.

For each index, in a fresh Python process (the cold start a user sees):

* cold start -- wall time from the interpreter's first line to the answer of the first
  lookup (importing geomap, loading the key table, opening SQLite, one query), and the
  same seen from outside (the whole ``python -c`` run, interpreter start-up included);
* lookup latency in µs -- ``has_key`` (what recognition calls for every token) the first
  time a string is asked (one SQLite read of the key table) and again (the per-process
  memo), ``candidates`` for a known key the first time (SQLite fetch) and again (cached),
  and a miss;
* peak RSS of the process after those lookups.

It also generates a synthetic GeoNames dump (``--rows`` rows, default 1,000,000, in the
exact 19-column format, zipped like ``allCountries.zip``; names in Latin script with Arabic
and English alternates, so 1M rows give more than 1M names), and times its import (in
its own process, with its peak RSS) on top of the embedded index. Figures go to stdout and
to ``benchmarks/results/gazetteer.md``; the imported index is compared with the embedded one
measured in the same run (ratios)::

    python benchmarks/bench_gazetteer.py [--rows 1000000] [--repeat 3] [--keep DIR]
        [--out benchmarks/results/gazetteer.md]

Set ``GEOMAP_CACHE_DIR`` to use a cache of your own (the embedded index is built there if
missing; the active-index choice there is not changed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "gazetteer.md"

# Runs in a fresh interpreter: time to the first answer, then latencies, then peak RSS.
PROBE = r"""
import time
T0 = time.perf_counter()
import json, random, resource, sys
from geomap.gazetteer import embedded, open_index
imported_s = time.perf_counter() - T0
path = sys.argv[1]
g = embedded() if path == "embedded" else open_index(path)
first = g.lookup(sys.argv[2])
cold = time.perf_counter() - T0
cold_cpu = time.process_time()  # CPU since the process began: less sensitive to a busy machine
assert first, "the probe name must be known"
keys = list(g.keys())
rng = random.Random(7)
sample = rng.sample(keys, min(20000, len(keys)))
misses = ["zz" + k for k in sample[:5000]]
fresh = rng.sample(keys, min(20000, len(keys)))  # not asked yet (mostly): first-time answers

def per_call(fn, items):
    t = time.perf_counter()
    for x in items:
        fn(x)
    return (time.perf_counter() - t) / len(items) * 1e6

out = {
    "cold_s": cold,
    "cold_cpu_s": cold_cpu,
    "import_geomap_s": imported_s,
    "keys": len(keys),
    "has_key_first_us": per_call(g.has_key, fresh),
    "has_key_us": per_call(g.has_key, fresh),
    "candidates_first_us": per_call(g.candidates, sample[:5000]),
    "candidates_cached_us": per_call(g.candidates, sample[:5000]),
    "miss_us": per_call(g.candidates, misses),
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}
print(json.dumps(out))
"""

IMPORT = r"""
import json, resource, sys, time
from geomap.gazetteer import embedded, import_geonames
base = embedded().path
t = time.perf_counter()
res = import_geonames([sys.argv[1]], sys.argv[2], base=base)
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"import_s": time.perf_counter() - t, "rows": res.rows, "places": res.places,
                  "names": res.names, "rss_mb": rss_mb}))
"""

_LATIN = (
    "ba ta ja ha kha da ra za sa sha sa la ma na wa ya qa fa ka ga "
    "bi ti ji hi di ri zi si shi li mi ni "
    "wi yi qi fi ki bu tu ju hu du ru zu su shu lu mu nu yu qu fu ku"
).split()
_HEADS = "Tall Ayn Kafr Dayr Khirbat Umm Bir Ras Jisr Bayt Abu Bani Mazraat Qasr Hamam".split()
_ARABIC = (
    "با تا جا حا خا دا را زا سا شا صا لا ما نا وا يا قا فا كا غا "
    "بي تي جي دي ري سي لي مي ني في"
).split()
_AR_HEADS = "تل عين كفر دير خربة أم بئر رأس جسر بيت".split()


def _word(rng: random.Random, syl: list[str], n: int) -> str:
    return "".join(rng.choice(syl) for _ in range(n))


def generate(path: Path, rows: int, seed: int = 1) -> dict:
    """A zipped GeoNames table of ``rows`` synthetic places (19 columns, like allCountries)."""
    rng = random.Random(seed)
    classes = (
        [("P", "PPL")] * 80
        + [("P", "PPLX")] * 5
        + [("H", "STM")] * 5
        + [("T", "HLL")] * 5
        + [("S", "FRM")] * 3
        + [("A", "ADM3")] * 2
    )
    n_alt = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("ZZ.txt", "w") as raw:
            buf = []
            for i in range(rows):
                w = _word(rng, _LATIN, rng.randint(2, 4)).capitalize()
                name = f"{rng.choice(_HEADS)} {w}" if rng.random() < 0.4 else w
                alts = []
                if rng.random() < 0.6:
                    ar = _word(rng, _ARABIC, rng.randint(2, 3))
                    alts.append(f"{rng.choice(_AR_HEADS)} {ar}" if rng.random() < 0.4 else ar)
                if rng.random() < 0.3:
                    alts.append(name.replace("a", "e", 1))
                n_alt += len(alts)
                fclass, fcode = rng.choice(classes)
                pop = int(rng.lognormvariate(6, 2)) if fclass == "P" and rng.random() < 0.3 else 0
                lat, lon = rng.uniform(29.0, 42.0), rng.uniform(35.0, 48.0)
                buf.append(
                    "\t".join(
                        [
                            str(20_000_000 + i),
                            name,
                            name,
                            ",".join(alts),
                            f"{lat:.5f}",
                            f"{lon:.5f}",
                            fclass,
                            fcode,
                            "ZZ",
                            "",
                            f"{rng.randint(1, 14):02d}",
                            "",
                            "",
                            "",
                            str(pop),
                            "",
                            "400",
                            "Asia/Damascus",
                            "2024-01-01",
                        ]
                    )
                )
                if len(buf) == 50_000:
                    raw.write(("\n".join(buf) + "\n").encode("utf-8"))
                    buf.clear()
            raw.write(("\n".join(buf) + "\n").encode("utf-8") if buf else b"")
    return {"rows": rows, "alternate_names": n_alt}


def run(code: str, *args: str) -> tuple[dict, float]:
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"benchmark subprocess failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall


def probe(index: str, name: str, repeat: int) -> dict:
    runs = [run(PROBE, index, name) for _ in range(repeat)]
    out = {k: statistics.median(r[0][k] for r in runs) for k in runs[0][0]}
    out["wall_s"] = statistics.median(r[1] for r in runs)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument(
        "--repeat", type=int, default=3, help="fresh processes per cold-start figure (median)"
    )
    ap.add_argument("--keep", type=Path, help="keep the generated dump and index in this directory")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    from geomap.gazetteer import embedded

    embedded()  # build once, outside the measurements
    work = args.keep or Path(tempfile.mkdtemp(prefix="geomap-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    dump, index = work / "ZZ.zip", work / "imported.sqlite"

    t = time.perf_counter()
    gen = generate(dump, args.rows)
    gen_s = time.perf_counter() - t
    print(
        f"generated {args.rows} rows ({gen['alternate_names']} alternate names) in {gen_s:.1f}s "
        f"-> {dump} ({dump.stat().st_size / 1e6:.0f} MB zipped)",
        flush=True,
    )

    imp, _ = run(IMPORT, str(dump), str(index))
    print(
        f"import: {imp['import_s']:.1f}s, {imp['rows']} rows -> {imp['places']} places, "
        f"{imp['names']} names, "
        f"peak RSS {imp['rss_mb']:.0f} MB",
        flush=True,
    )

    emb = probe("embedded", "Aleppo", args.repeat)
    big = probe(str(index), "Aleppo", args.repeat)
    for label, r in (("embedded", emb), ("imported", big)):
        print(f"{label}: {json.dumps({k: round(v, 3) for k, v in r.items()})}", flush=True)

    cmd = "python benchmarks/bench_gazetteer.py" + (
        f" --rows {args.rows}" if args.rows != 1_000_000 else ""
    )
    write_report(args.out, cmd, gen, imp, emb, big, index)
    if not args.keep:
        for p in work.iterdir():
            p.unlink()
        work.rmdir()
    print(f"-> {args.out}")
    return 0


def write_report(
    out: Path, cmd: str, gen: dict, imp: dict, emb: dict, big: dict, index: Path
) -> None:
    def row(label: str, key: str, fmt: str, target: str = "") -> str:
        ratio = big[key] / emb[key] if emb[key] else float("nan")
        return f"| {label} | {emb[key]:{fmt}} | {big[key]:{fmt}} | {ratio:.2f}x | {target} |"

    cpu = platform.processor() or platform.machine()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        "# Gazetteer speed and memory",
        "",
        f"Command: `{cmd}` (run from the repository root; `GEOMAP_CACHE_DIR` set to a private "
        "cache).",
        f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; load average at the end {load} (other jobs shared the "
        "machine: wall times are inflated accordingly, CPU times less so). Figures are medians "
        "of fresh processes with a warm OS file cache.",
        "",
        "## Cold start, lookups, memory",
        "",
        "| figure | embedded | imported (1M synthetic rows + embedded) | imported / embedded | "
        "target |",
        "|---|---|---|---|---|",
        row("keys in the key table", "keys", ",.0f"),
        row(
            "cold start: process start to first answer (s)", "cold_s", ".2f", "<= 0.5 s (embedded)"
        ),
        row("... of which importing geomap.gazetteer (s)", "import_geomap_s", ".2f"),
        row("cold start, CPU time of the process to the first answer (s)", "cold_cpu_s", ".2f"),
        row("cold start seen from outside, `python -c` wall (s)", "wall_s", ".2f"),
        row(
            "`has_key` (recognition probe), first time (SQLite), µs",
            "has_key_first_us",
            ".2f",
            "µs",
        ),
        row("`has_key` (recognition probe), again (memo), µs", "has_key_us", ".2f", "µs"),
        row("`candidates`, first time (SQLite), µs", "candidates_first_us", ".1f", "µs"),
        row("`candidates`, cached, µs", "candidates_cached_us", ".2f", "µs"),
        row("`candidates` miss, µs", "miss_us", ".2f", "µs"),
        row("peak RSS after the lookups (MB)", "rss_mb", ",.0f", "<= 600 MB (embedded)"),
        "",
        "## Import",
        "",
        f"Synthetic GeoNames table: {gen['rows']:,} rows in the 19-column dump format, zipped, "
        f"{gen['alternate_names']:,} alternate names in the alternatenames column (Arabic and "
        "Latin), 80% PPL, the rest PPLX/STM/HLL/FRM/ADM3; imported on top of the embedded index "
        "(which is copied into the new index first).",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| import time, {imp['rows']:,} rows (s) | {imp['import_s']:.1f} | < 120 s |",
        f"| places in the new index | {imp['places']:,} | |",
        f"| names in the new index | {imp['names']:,} | 1M+ |",
        f"| peak RSS of the import (MB) | {imp['rss_mb']:,.0f} | bounded |",
        "",
        "The import streams rows into SQLite in batches of 20,000 (SQLite page cache capped at "
        "256 MB); the rest of its peak memory is the key table built at the end (one dict entry "
        "per distinct name key), written into the index as its `keys` table. A reader opens the "
        "file and reads nothing more at start-up: `has_key` reads the row of a string the first "
        "time it is asked (one SQLite B-tree probe, skipped for most strings that are neither "
        "key nor prefix: a Bloom filter stored in the index rules them out) and answers from a "
        "per-process memo after that, so the cold start and memory no longer grow with the number "
        "of keys; "
        "`candidates` reads SQLite once per place and caches the record.",
        "",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join(lines), "utf-8")
    os.replace(tmp, out)


if __name__ == "__main__":
    sys.exit(main())
