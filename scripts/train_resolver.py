"""Train the place resolver's scorer and write ``data/resolver_model.json``.

The resolver (:mod:`geomap.geoparse.resolve`) describes every candidate place of a
mention by features and scores it with a linear model in two passes, beside a "no place"
option.  This script fits both passes on the gold spans of the development corpora with
coordinates (LGL, GeoWebNews, GeoVirus and IDRISI's Arabic tweets, read from ``--eval``;
never copied into the repository):

1. every document's gold spans go through :func:`geomap.geoparse.resolve_spans` once,
   with a trace that keeps each mention's candidates and first-pass features;
2. a candidate is right when it lies within 161 km of the gold point (acc@161, the
   figure the corpora are scored by); "no place" is right when no candidate is;
3. pass 1 is a forest of gradient-boosted trees scoring each option (a candidate, or "no
   place"), fitted by Newton boosting to maximise the softmax probability of the right
   options of each mention;
4. the second-pass features are computed from the fitted first pass exactly as the
   resolver computes them (:func:`geomap.geoparse.resolve.second_rows`), and pass 2 is
   fitted the same way on the first pass's ``top_k`` candidates.

Everything is deterministic (no random numbers; sums in a fixed order; weights rounded to
six decimals), so running the script again on the same data rebuilds the file byte for
byte.  ``--check`` rebuilds it in memory and fails when it differs from the shipped file.

``--cross`` measures generalisation instead: for every corpus, train on the others and
score it (gold spans, acc@161), next to the hand-set rules scored the same way, the model
trained on all scored on its own training documents (in-sample: what the shipped model
does on the corpora it learned from, memorised documents included) and the in-corpus
figure a held-out one is compared with -- two-fold, so that no document is scored by a
model that saw it: each half of the corpus scored by the model trained on the other
corpora and the other half (``benchmarks/bench_accuracy.py --resolvers`` writes this table
into ``benchmarks/results/accuracy.md``).  With ``--halves`` also the even and odd documents
of each corpus with the model trained on the *other* half of all corpora (the tune and
check halves).

Usage::

    python scripts/train_resolver.py                 # writes data/resolver_model.json
    python scripts/train_resolver.py --check         # exit 1 if the file would change
    python scripts/train_resolver.py --cross         # train-on-two / test-on-third table

Needs numpy (installed with geopandas); geomap does not need it at run time.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

import numpy as np

from geomap.evaluation import metrics
from geomap.evaluation.readers import read_toponyms
from geomap.geoparse import resolve_spans

# the module, not the function of the same name that geomap.geoparse exports
R = importlib.import_module("geomap.geoparse.resolve")

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / R.MODEL_FILE
#: The development corpora with gold coordinates: three English ones in the LGL family and
#: IDRISI's Arabic tweets (the only Arabic resolution data; without it the model never sees
#: an Arabic mention).
CORPORA = ("lgl", "geowebnews", "geovirus", "idrisi")


def corpus_docs(eval_dir: Path, corpus: str):
    """The gold documents of a corpus, read from the shared evaluation directory."""
    if corpus == "idrisi":
        return read_toponyms(sorted((eval_dir / "ar" / "idrisi_lmd").glob("*.jsonl")), corpus)
    return read_toponyms(eval_dir / "en" / f"{corpus}.xml", corpus)
TOP_K = 10
#: boosting: rounds, learning rate, tree depth, leaf L2 penalty, least hessian in a leaf,
#: most split points per feature (the best of three settings on the tune half -- even
#: documents -- and checked on the odd ones). Checked again held out (trained on
#: GeoWebNews, GeoVirus and IDRISI, LGL's own choices among its candidates, no fallback):
#: these 0.760; depth 2 0.757; 100 rounds 0.761; LAMBDA 10 with MIN_HESS 20 0.756; without
#: the seven interaction features below "small_town" 0.750 (GeoWebNews 0.699 against
#: 0.709); a linear softmax model (L2 1) over the same features 0.752. None is better by
#: more than noise, so they stay.
ROUNDS = 200
ETA = 0.05
DEPTH = 4
LAMBDA = 1.0
MIN_HESS = 1.0
MAX_BINS = 32
DIGITS = 6
#: a split's gain is compared at this many decimals (ties broken by feature order)
GAIN_DIGITS = 9


# --------------------------------------------------------------------------- data


def _empty_model() -> R.Model:
    empty = R.Forest(DEPTH, (), (), ())
    return R.Model(empty, empty, TOP_K)


def trace_corpus(eval_dir: Path, corpus: str) -> list[tuple[int, R.Trace, list]]:
    """``(document number, trace, gold toponym of each traced mention)`` for a corpus."""
    out = []
    tok = R.use_model(_empty_model())
    try:
        for n, doc in enumerate(corpus_docs(eval_dir, corpus)):
            gold = {}
            for t in doc.toponyms:
                if t.has_coords:
                    gold.setdefault(t.span, t)
            records: list[R.Trace] = []
            ttok = R.trace_into(records)
            try:
                resolve_spans(doc.text, [t.span for t in doc.toponyms], doc.language)
            finally:
                R._TRACE.reset(ttok)
            for tr in records:
                out.append((n, tr, [gold.get((m.start, m.end)) for m in tr.mentions]))
    finally:
        R._MODEL.reset(tok)
    return out


def right(c, g) -> bool:
    return metrics.haversine_km(g.lat, g.lon, c.lat, c.lon) <= metrics.ACC_KM


def _stack(groups) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows, right-option mask and group starts of ``[(rows, oks), ...]`` (each group
    closed by its "no place" row)."""
    rows, ok, starts = [], [], []
    for xs, hits, null in groups:
        starts.append(len(rows))
        rows.extend(xs)
        rows.append(null)
        ok.extend(hits)
        ok.append(not any(hits))
    return np.array(rows, dtype=np.float64), np.array(ok), np.array(starts, dtype=np.int64)


def first_pass_rows(traces):
    """Every gold mention's options in the first pass (its candidates, then "no place")."""
    groups = []
    for _, tr, golds in traces:
        for cs, xs, g in zip(tr.cands, tr.first, golds, strict=True):
            if g is not None and cs:
                groups.append(([x + (0.0,) for x in xs], [right(c, g) for c in cs], R.NULL_FIRST))
    return _stack(groups)


def second_pass_rows(traces, model: R.Model):
    """The second pass's options, computed from ``model``'s first pass as the resolver
    does; a mention whose right place the first pass dropped teaches nothing here."""
    groups = []
    for _, tr, golds in traces:
        per = R.second_rows(tr.mentions, tr.cands, tr.first, tr.focus, model)
        for cs, (order, xs), g in zip(tr.cands, per, golds, strict=True):
            if g is None or not cs:
                continue
            hits = [right(cs[i], g) for i in order]
            if not any(hits) and any(right(c, g) for c in cs):
                continue
            groups.append((xs, hits, R.NULL_SECOND))
    return _stack(groups)


# --------------------------------------------------------------------------- fitting


def _group_softmax(s: np.ndarray, starts: np.ndarray, idx: np.ndarray, mask=None) -> np.ndarray:
    v = s if mask is None else np.where(mask, s, -np.inf)
    mx = np.maximum.reduceat(v, starts)
    e = np.exp(v - mx[idx])
    return e / np.add.reduceat(e, starts)[idx]


def _thresholds(col: np.ndarray) -> np.ndarray:
    """Split points of a feature: midpoints between its distinct values, or between
    MAX_BINS quantiles of them when there are more."""
    vals = np.unique(col)
    if len(vals) > MAX_BINS:
        vals = np.unique(np.quantile(vals, np.linspace(0, 1, MAX_BINS), method="lower"))
    return (vals[:-1] + vals[1:]) / 2.0


def _tree(bins, n_edges, g, h):
    """One regression tree of depth DEPTH on gradient ``g`` and hessian ``h`` (Newton
    boosting: each leaf is -sum g / (sum h + LAMBDA)); a node that no split improves
    sends everything left (threshold index -1: +inf).  ``bins[i, j]`` is the number of
    split points of feature j below row i's value; ``n_edges[j]`` how many it has."""
    n_int = 2**DEPTH - 1
    d = bins.shape[1]
    width = MAX_BINS + 1
    offsets = np.arange(d) * width
    usable = np.arange(width)[None, :] < n_edges[:, None]  # split k of feature j exists
    feat = [0] * n_int
    split = [-1] * n_int
    leaf = [0.0] * (2**DEPTH)
    nodes = {0: np.arange(len(g))}
    for node in range(n_int):
        rows = nodes.pop(node)
        gs, hs = g[rows], h[rows]
        found = None
        if len(rows) and hs.sum() >= 2 * MIN_HESS:
            G, H = gs.sum(), hs.sum()
            flat = (bins[rows] + offsets).ravel()
            gl = np.bincount(flat, np.repeat(gs, d), minlength=d * width).reshape(d, width)
            hl = np.bincount(flat, np.repeat(hs, d), minlength=d * width).reshape(d, width)
            gl, hl = np.cumsum(gl, axis=1), np.cumsum(hl, axis=1)
            gr, hr = G - gl, H - hl
            gain = gl * gl / (hl + LAMBDA) + gr * gr / (hr + LAMBDA) - G * G / (H + LAMBDA)
            gain[~usable | (hl < MIN_HESS) | (hr < MIN_HESS)] = 0.0
            # two features that part the rows alike tie up to the last bits of a sum, and
            # those bits differ between numpy builds: rounded, the first feature wins the
            # tie on every machine (the file is rebuilt byte for byte elsewhere too)
            gain = np.round(gain, GAIN_DIGITS)
            k = int(np.argmax(gain))  # the first best, features in order
            if gain.flat[k] > 1e-12:
                found = divmod(k, width)
        if found is not None:
            feat[node], split[node] = found
            go_right = bins[rows, found[0]] > found[1]
            left, right_ = rows[~go_right], rows[go_right]
        else:
            left, right_ = rows, rows[:0]
        for child, part in ((2 * node + 1, left), (2 * node + 2, right_)):
            if child < n_int:
                nodes[child] = part
            else:
                leaf[child - n_int] = float(-g[part].sum() / (h[part].sum() + LAMBDA) * ETA)
    return feat, split, leaf


def fit(x: np.ndarray, ok: np.ndarray, starts: np.ndarray) -> R.Forest:
    """A forest maximising sum over mentions of log P(a right option) (a softmax over the
    mention's options), by ROUNDS rounds of Newton boosting."""
    edges = [_thresholds(x[:, j]) for j in range(x.shape[1])]
    bins = np.stack([np.searchsorted(e, x[:, j], side="left") for j, e in enumerate(edges)],
                    axis=1)
    n_edges = np.array([len(e) for e in edges])
    idx = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(x))))
    s = np.zeros(len(x))
    trees = []
    for _ in range(ROUNDS):
        p = _group_softmax(s, starts, idx)
        q = _group_softmax(s, starts, idx, ok)
        g = p - q
        h = np.maximum(p * (1.0 - p), 1e-6)
        feat, split, leaf = _tree(bins, n_edges, g, h)
        leaf = [round(v, DIGITS) + 0.0 for v in leaf]
        # a split point lies between two values seen: rounding it keeps every row's side
        thr = [round(float(edges[f][k]), DIGITS) + 0.0 if k >= 0 else float("inf")
               for f, k in zip(feat, split, strict=True)]
        trees.append((tuple(feat), tuple(thr), tuple(leaf)))
        one = R.Forest(DEPTH, (trees[-1][0],), (trees[-1][1],), (trees[-1][2],))
        s = s + one.score(x)
    return R.Forest(DEPTH, *(tuple(t[i] for t in trees) for i in range(3)))


def train(traces) -> R.Model:
    x1, ok1, st1 = first_pass_rows(traces)
    first = fit(x1, ok1, st1)
    half = R.Model(first, R.Forest(DEPTH, (), (), ()), TOP_K)
    x2, ok2, st2 = second_pass_rows(traces, half)
    return R.Model(first, fit(x2, ok2, st2), TOP_K)


def model_json(model: R.Model, corpora) -> str:
    def forest(f: R.Forest) -> str:
        trees = ",\n  ".join(json.dumps(t) for t in f.to_json()["trees"])
        return f'{{"depth": {f.depth}, "trees": [\n  {trees}\n ]}}'

    head = {
        "about": "Boosted trees of geomap's place resolver (geomap/geoparse/resolve.py); built "
                 "by scripts/train_resolver.py from the gold spans of " + ", ".join(corpora)
                 + ". Do not edit by hand: rebuild.",
        "first_features": list(R.FIRST_FEATURES) + ["no_place"],
        "second_features": list(R.FIRST_FEATURES + R.SECOND_FEATURES) + ["no_place"],
        "top_k": model.top_k,
    }
    body = json.dumps(head, indent=1, ensure_ascii=False)[:-2]
    return (body + f',\n "first": {forest(model.first)},\n "second": {forest(model.second)}\n}}\n')


# --------------------------------------------------------------------------- scoring


def score(eval_dir: Path, corpus: str, model: R.Model | None, keep=None) -> dict:
    """Gold-span acc@161 and entity accuracy of ``model`` on a corpus (None: the hand-set
    rules), or on the documents whose number satisfies ``keep``."""
    import os

    from geomap.evaluation.runner import default_place_fn, score_toponyms

    docs = corpus_docs(eval_dir, corpus)
    if keep is not None:
        docs = (d for n, d in enumerate(docs) if keep(n))
    tok = R.use_model(model)
    saved = os.environ.get("GEOMAP_RESOLVER")
    if model is None:
        os.environ["GEOMAP_RESOLVER"] = "rules"
    try:
        res = score_toponyms(docs, gold_spans=True, resolver=resolve_spans,
                             place_fn=default_place_fn())
    finally:
        R._MODEL.reset(tok)
        if model is None:
            if saved is None:
                os.environ.pop("GEOMAP_RESOLVER", None)
            else:
                os.environ["GEOMAP_RESOLVER"] = saved
    return {"acc_161": res["acc_161"], "entity_acc": res["entity_acc"],
            "n": res["gold_with_coords"]}


def two_fold(eval_dir: Path, traces: dict, held: str) -> float:
    """In-corpus acc@161 of ``held`` that no document scores in its own model's training:
    each half of its documents (even, odd) scored by the model trained on every other
    corpus and on the other half of this one (two-fold cross-validation)."""
    right_ = total = 0.0
    for half in (0, 1):
        model = train([t for c in CORPORA for t in traces[c]
                       if c != held or t[0] % 2 != half])
        got = score(eval_dir, held, model, lambda n, h=half: n % 2 == h)
        right_ += got["acc_161"] * got["n"]
        total += got["n"]
    return right_ / total if total else 0.0


def cross_rows(eval_dir: Path, traces: dict) -> list[dict]:
    """Per corpus: gold-span acc@161 of the rules; of the model trained on every corpus,
    scored on its own training documents (in-sample); of models trained on the other
    corpora and half of this one, scored on the other half (in-corpus, :func:`two_fold`);
    and of the model trained on the others only (held out)."""
    full = train([t for c in CORPORA for t in traces[c]])
    rows = []
    for held in CORPORA:
        other = train([t for c in CORPORA if c != held for t in traces[c]])
        rows.append({"corpus": held, "rules": score(eval_dir, held, None)["acc_161"],
                     "in_sample": score(eval_dir, held, full)["acc_161"],
                     "in_corpus": two_fold(eval_dir, traces, held),
                     "held_out": score(eval_dir, held, other)["acc_161"]})
    return rows


def cross_table(rows: list[dict]) -> str:
    """:func:`cross_rows` as a Markdown table."""
    lines = ["| held-out corpus | hand-set rules | learned, trained on all (in-sample) |"
             " learned, two-fold (in-corpus) | learned, trained on the others (held out) |"
             " held out - in-corpus | held out - in-sample | held out - rules |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['rules']:.3f} | {r['in_sample']:.3f} | "
                     f"{r['in_corpus']:.3f} | {r['held_out']:.3f} | "
                     f"{r['held_out'] - r['in_corpus']:+.3f} | "
                     f"{r['held_out'] - r['in_sample']:+.3f} | "
                     f"{r['held_out'] - r['rules']:+.3f} |")
    return "\n".join(lines)


def cross(eval_dir: Path, traces: dict, halves: bool = False) -> str:
    lines = [cross_table(cross_rows(eval_dir, traces))]
    if not halves:
        return "\n".join(lines)
    full = train([t for c in CORPORA for t in traces[c]])
    lines += ["", "| corpus half | trained on the other half of all | trained on all |",
              "|---|---|---|"]
    for half, name in ((0, "even"), (1, "odd")):
        model = train([t for c in CORPORA for t in traces[c] if t[0] % 2 != half])
        for c in CORPORA:
            a = score(eval_dir, c, model, lambda n, h=half: n % 2 == h)
            b = score(eval_dir, c, full, lambda n, h=half: n % 2 == h)
            lines.append(f"| {c} {name} | {a['acc_161']:.4f} | {b['acc_161']:.4f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval",
                    help="the evaluation corpora (default: ../shared/eval)")
    ap.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    ap.add_argument("--cross", action="store_true", help="print the generalisation table")
    ap.add_argument("--halves", action="store_true",
                    help="with --cross, also score even/odd documents trained on the other half")
    args = ap.parse_args(argv)
    if not (args.eval / "en" / "lgl.xml").is_file():
        ap.error(f"no corpora at {args.eval}; pass --eval DIR (the shared/eval directory)")
    traces = {c: trace_corpus(args.eval, c) for c in CORPORA}
    if args.cross:
        print(cross(args.eval, traces, args.halves))
        return 0
    text = model_json(train([t for c in CORPORA for t in traces[c]]), CORPORA)
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT}: {'unchanged' if same else 'DIFFERS from a rebuild'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
