"""End-to-end throughput as users get it: conflict news through the CLI and in-process,
1 and 2 processes, start-up apart, geotext on the same texts, peak memory, a profile.

Run (from the repository root; needs ../shared/eval, skips cleanly without it)::

    python benchmarks/bench_throughput.py                        # print the report
    python benchmarks/bench_throughput.py --write benchmarks/results/throughput.md
    python benchmarks/bench_throughput.py --runs 2 --limit 200   # a quick look

What is measured (corpora in ``benchmarks/corpus.py``):

* **Profile first**: ``cProfile`` of one warm in-process pass over the conflict corpus; its
  top entries go into the report, so that the next optimisation starts from facts.
* **Per corpus, one process, in-process** (``pipeline.run``): documents/s (best and slowest
  of ``--runs`` warm passes), per CPU-second, the share of documents with at least one
  event trigger (documents without one stop after one lexicon scan, so this share decides
  what a figure means), and geotext (``GeoText(text)``, name lookup only) on the same
  texts in the same run. The conflict corpus -- HRDsAttack articles, UCDP GED headlines and
  event_location sentences -- is where every document takes the full path; its two halves
  (``tune`` and ``check``) tell whether a figure holds on text it was not tuned on.
* **Through the CLI**, as a user runs it (``geomap extract FILE.jsonl -o OUT.geojson``, a
  fresh process per run): start-up (one short article) and the conflict corpus with
  ``--jobs 1`` and ``--jobs 2`` alternating, best and slowest of ``--runs``; documents/s
  after start-up = documents / (run time - start-up time); the peak memory of the largest
  process of each run (workers included) and how many cores the run kept busy.
* **In-process, 1 vs 2 processes** (``run(jobs=2)``), alternating, with the cores busy.

Wall-clock figures on a shared machine: the load average is printed beside them, and the
slowest run beside the best. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from geomap.records import Document

ROOT = Path(__file__).resolve().parents[1]
#: One short article, for start-up (written for this benchmark, not from a corpus).
SHORT = "Government forces shelled Idlib on Monday, killing three civilians.\n"


def _mb(docs: Sequence[Document]) -> float:
    return sum(len(d.text.encode("utf-8")) for d in docs) / 1e6


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _cpu_of(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (this process and finished children) of ``fn()``."""
    def cpu() -> float:
        me, kids = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    c0, wall = cpu(), _timed(fn)
    return wall, cpu() - c0


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def with_trigger(docs: Sequence[Document]) -> float:
    """Share of documents with at least one event trigger word."""
    from geomap.events.lexicons import triggers
    from geomap.text import normalize, tokenize

    n = 0
    for d in docs:
        norm = normalize(d.text)
        n += bool(triggers(d.language or "en").find(norm, tokenize(norm.text)))
    return n / max(1, len(docs))


# -- profile --------------------------------------------------------------------------------
def profile(docs: list[Document], top: int = 25) -> list[str]:
    """Top entries (own time) of a cProfile of one warm pass, as Markdown table rows."""
    from geomap.pipeline import run

    run(docs)  # warm: knowledge loaded, gazetteer memos filled
    prof = cProfile.Profile()
    prof.enable()
    run(docs)
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    entries = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)  # type: ignore[attr-defined]
    for (path, line, name), (_, calls, own, cum, _) in entries[:top]:
        where = f"{Path(path).name}:{line} {name}" if path != "~" else name
        rows.append(f"| `{where}` | {calls:,} | {own:.2f} | {own / total:.0%} | {cum:.2f} |")
    return [
        "cProfile of one warm in-process pass (`pipeline.run`, one process) over the "
        f"{len(docs):,} "
        f"documents of the conflict corpus (tune half): {total:.1f} s under the profiler "
        "(which slows Python code several times; the shares are what counts).",
        "",
        "| function | calls | own s | own share | with callees s |",
        "|---|---:|---:|---:|---:|",
        *rows,
    ]


# -- in-process -----------------------------------------------------------------------------
def per_corpus(name: str, docs: list[Document], runs: int) -> tuple[str, float]:
    from geotext import GeoText

    from geomap.pipeline import run

    mb, n = _mb(docs), len(docs)
    cold = _timed(lambda: run(docs))
    walls, cpus, bases = [], [], []
    GeoText("warm up the baseline's tables in Paris")
    for _ in range(runs):  # alternate with geotext, so that a slow spell hits both
        wall, cpu = _cpu_of(lambda: run(docs))
        walls.append(wall)
        cpus.append(cpu)
        bases.append(_timed(lambda: [GeoText(d.text) for d in docs]))
    best, slow, base = min(walls), max(walls), min(bases)
    row = (
        f"| {name} | {n:,} | {mb / n * 1000:.1f} KB | {with_trigger(docs):.0%} | {n / best:,.0f} "
        f"| {n / slow:,.0f} | {n / min(cpus):,.0f} | {mb * 1000 / min(cpus):,.0f} "
        f"| {n / cold:,.0f} | {n / base:,.0f} | {base / best:.2f} | {_load()} |"
    )
    return row, min(cpus)


def scaling(docs: list[Document], runs: int) -> list[str]:
    from geomap.pipeline import run

    n = len(docs)
    run(docs[:100])  # knowledge and gazetteer loaded before timing (forked workers share them)
    got: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in (1, 2):
            got[jobs].append(_cpu_of(lambda jobs=jobs: run(docs, jobs=jobs)))
    rows = []
    for jobs in (1, 2):
        best, cpu = min(got[jobs])
        slow = max(got[jobs])[0]
        rows.append(
            f"| `run(jobs={jobs})` | {n / best:,.0f} | {n / slow:,.0f} | {cpu / best:.2f} "
            f"| {min(got[1])[0] / best:.2f} | {_load()} |"
        )
    return rows


def unseen(conflict: dict[str, list[Document]], cpus: list[float]) -> list[str]:
    """The unseen check: the check half (never profiled nor tuned on) against the tune half,
    per CPU-second, by documents and by kilobytes (the halves' documents differ in size)."""
    if len(cpus) != 2 or not all(conflict.values()):
        return []
    (tune, check), (t_cpu, c_cpu) = (conflict["tune"], conflict["check"]), cpus
    docs = (len(check) / c_cpu) / (len(tune) / t_cpu)
    kb = (_mb(check) / c_cpu) / (_mb(tune) / t_cpu)
    return [
        "",
        f"Unseen check (conflict news, check half / tune half, per CPU-second): documents "
        f"×{docs:.2f}, kilobytes ×{kb:.2f}. The optimisations were profiled on the tune half "
        f"only; the halves' documents differ in size ({_mb(check) / len(check) * 1000:.1f} "
        f"against {_mb(tune) / len(tune) * 1000:.1f} KB), so the rate per kilobyte is the "
        "like-for-like figure.",
    ]


# -- through the CLI ------------------------------------------------------------------------
#: Starts each CLI run and reports its figures. A process forked from this one (hundreds
#: of MB by then) would count our memory in its peak: Linux keeps the peak across exec. So
#: the runs are started by this small process, itself started before anything was loaded.
LAUNCHER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    args = json.loads(line)
    with open(os.devnull, "wb") as null, open(args["err"], "wb") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(args["argv"], cwd=args["cwd"], stdout=null, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
    print(json.dumps({"wall": time.perf_counter() - t, "code": os.waitstatus_to_exitcode(status),
                      "cpu": usage.ru_utime + usage.ru_stime, "peak": usage.ru_maxrss / 1024}),
          flush=True)
"""
_LAUNCHER: list[subprocess.Popen] = []


def start_launcher() -> None:
    _LAUNCHER.append(
        subprocess.Popen(
            [sys.executable, "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
    )


def _cli(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB, the largest process: workers included)
    of one ``geomap`` run in a fresh process."""
    launcher = _LAUNCHER[0]
    with tempfile.NamedTemporaryFile(suffix=".err") as err:
        request = {
            "argv": [sys.executable, "-m", "geomap", *args],
            "cwd": str(cwd),
            "err": err.name,
        }
        launcher.stdin.write(json.dumps(request) + "\n")
        launcher.stdin.flush()
        got = json.loads(launcher.stdout.readline())
        if got["code"] != 0:
            raise SystemExit(f"geomap {' '.join(args)} failed:\n{Path(err.name).read_text()}")
    return got["wall"], got["cpu"], got["peak"]


def cli(name: str, docs: list[Document], runs: int, work: Path) -> list[str]:
    src = corpus.write_jsonl(docs, work / f"{name}.jsonl")
    short = work / "short.txt"
    short.write_text(SHORT, encoding="utf-8")
    out = work / "out.geojson"
    n = len(docs)
    _cli(["extract", str(short), "-o", str(out), "-q"], work)  # warm the OS file cache
    starts, got = [], {1: [], 2: []}
    for _ in range(runs):  # alternate: start-up, one process, two
        starts.append(_cli(["extract", str(short), "-o", str(out), "-q"], work))
        for jobs in (1, 2):
            got[jobs].append(
                _cli(["extract", str(src), "-o", str(out), "-q", "--jobs", str(jobs)], work)
            )
    start = min(s[0] for s in starts)
    start_cpu = min(s[1] for s in starts)
    rows = [
        f"| start-up (one short article) | {start:.2f} s (slowest {max(s[0] for s in starts):.2f} "
        "s) "
        f"| | {start_cpu:.2f} s CPU | | {max(s[2] for s in starts):,.0f} | "
        f"{_load()} |"
    ]
    for jobs in (1, 2):
        walls = sorted(g[0] for g in got[jobs])
        best, slow = walls[0], walls[-1]
        cpu = min(g[1] for g in got[jobs])
        rows.append(
            f"| `--jobs {jobs}`, {n:,} documents | {n / max(best - start, 1e-9):,.0f} docs/s "
            "after start-up "
            f"(slowest {n / max(slow - start, 1e-9):,.0f}); {best:.2f} s whole run | "
            f"{cpu / best:.2f} | {cpu:.2f} s CPU | {n / max(cpu - start_cpu, 1e-9):,.0f} "
            f"| {max(g[2] for g in got[jobs]):,.0f} | {_load()} |"
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", type=Path, help="Also write the report (Markdown) here.")
    ap.add_argument(
        "--limit", type=int, default=None, help="At most this many documents per source."
    )
    ap.add_argument(
        "--runs", type=int, default=5, help="Timed runs of each figure (best and slowest shown)."
    )
    ap.add_argument("--no-cli", action="store_true", help="Skip the command-line runs.")
    args = ap.parse_args(argv)
    if not args.no_cli:
        start_launcher()  # while this process is still small
    if not corpus.EVAL.is_dir():
        print(f"skipped: {corpus.EVAL} is absent (the development texts live there)")
        return 0
    load0 = _load()
    conflict = {half: corpus.conflict(half, args.limit) for half in ("tune", "check")}
    sets = {
        "conflict news (tune): HRDsAttack train + UCDP 2016-17 + event_location": conflict["tune"],
        "conflict news (check): HRDsAttack dev + UCDP 2018-19 + event_location": conflict["check"],
        "English news: LGL": corpus.lgl(args.limit),
        "English news: GeoWebNews": corpus.geowebnews(args.limit),
        "Arabic tweets: IDRISI-D": corpus.idrisi(args.limit),
        "Arabic Wikipedia: AQMAR, ~2 KB pseudo-articles": corpus.aqmar_paragraphs(limit=args.limit),
    }
    sets = {k: v for k, v in sets.items() if v}
    cmd = (
        "python benchmarks/bench_throughput.py"
        + "".join(
            f" {flag} {value}"
            for flag, value in (("--limit", args.limit), ("--runs", args.runs))
            if value
        )
        + (" --no-cli" if args.no_cli else "")
    )
    lines = [
        "# Throughput",
        "",
        f"Command: `{cmd} --write benchmarks/results/throughput.md` (`GEOMAP_CACHE_DIR` set).",
        "",
        (
            f"Machine: {os.cpu_count()} cores ({platform.machine()}), Python "
            f"{platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average (1/5/15 min) "
            "before "
            f"the run {load0}. Other jobs share this machine: wall-clock figures are lower bounds, "
            "the slowest run shows the spread, CPU figures are steadier."
        ),
        "",
        "## Profile",
        "",
    ]
    print("profiling ...", file=sys.stderr, flush=True)
    lines += profile(conflict["tune"])
    lines += [
        "",
        "## One process, in-process, per corpus",
        "",
        (
            "`pipeline.run` on the documents: recognise, resolve, events, dedup; warm (best and "
            "slowest of the timed passes after a first, cold one). *with a trigger*: share of "
            "documents with at least one event trigger word (the others stop after one lexicon "
            "scan). geotext = `GeoText(text)` on the same texts, name lookup only."
        ),
        "",
        (
            "| corpus | docs | mean size | with a trigger | geomap docs/s (best) | (slowest) "
            "| docs per CPU-second | KB per CPU-second | cold | geotext docs/s "
            "| geotext time / geomap time | load |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    cpu_of: dict[str, float] = {}
    for name, docs in sets.items():
        print(f"timing {name} ...", file=sys.stderr, flush=True)
        row, cpu_of[name] = per_corpus(name, docs, args.runs)
        lines.append(row)
    lines += unseen(conflict, [cpu_of[k] for k in sets if k.startswith("conflict news")])
    if not args.no_cli:
        with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
            for half in ("tune", "check"):
                print(f"timing the CLI on conflict news ({half}) ...", file=sys.stderr, flush=True)
                lines += [
                    "",
                    f"## Through the CLI: conflict news ({half}), {len(conflict[half]):,} "
                    "documents "
                    f"({_mb(conflict[half]) / len(conflict[half]) * 1000:.1f} KB on average)",
                    "",
                    (
                        "`geomap extract FILE.jsonl -o OUT.geojson -q [--jobs N]`, a fresh "
                        "process per run, "
                        "start-up, `--jobs 1` and `--jobs 2` alternating. *cores busy* = CPU "
                        "seconds of "
                        "the run (parent and workers) per wall second. *peak MB*: the largest "
                        "single "
                        "process of the run. *docs per CPU-second after start-up*: documents "
                        "/ (CPU of the run - CPU of the start-up run), all processes: what "
                        "the run would give on idle cores, steadier than wall time when other "
                        "jobs share the machine."
                    ),
                    "",
                    "| how | throughput | cores busy | CPU | docs per CPU-second after "
                    "start-up | peak MB | load |",
                    "|---|---|---:|---:|---:|---:|---|",
                    *cli(half, conflict[half], args.runs, Path(tmp)),
                ]
    print("timing 1 vs 2 processes in-process ...", file=sys.stderr, flush=True)
    lines += [
        "",
        f"## In-process, 1 vs 2 processes: conflict news (tune), {len(conflict['tune']):,} "
        "documents",
        "",
        (
            "Same events, same order, in every row (tests/test_scale.py checks the bytes). The "
            "pool "
            "is forked from a process that has loaded the knowledge and the gazetteer."
        ),
        "",
        "| how | docs/s (best) | (slowest) | cores busy | speed-up | load |",
        "|---|---:|---:|---:|---:|---|",
        *scaling(conflict["tune"], args.runs),
    ]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines += [
        "",
        f"Peak memory of this benchmark process: {own:,.0f} MB. Load average after the run: "
        f"{_load()}.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        from geomap.atomic import write_text_atomic

        write_text_atomic(args.write, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
