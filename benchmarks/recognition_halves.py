"""Recognition figures on a tune half and a check half of every corpus.

A change to recognition is kept only when it raises a figure on both halves: the tune half
is looked at while working, the check half only measured. A document (an article, a tweet,
a token-file sentence) is in the tune half when the CRC-32 of its text is even
(:func:`geomap.evaluation.event_readers.half_of`, the rule the events figures use); re3d
comes split already, its ``train`` file is the tune half and ``dev`` the check half::

    python benchmarks/recognition_halves.py [--eval-dir ../shared/eval]
        [--corpora re3d,aqmar,wojood,idrisi,lgl,geowebnews] [--system geomap-literal]

Prints one line per corpus and half: recognition precision/recall/F1 (overlap F1 for token
files, as ``geomap eval ner`` counts it) and, for toponym corpora, end-to-end acc@161.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from geomap.evaluation import readers, runner
from geomap.evaluation.event_readers import half_of

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("re3d", "aqmar", "wojood", "idrisi", "lgl", "geowebnews")
NER_KEYS = ("overlap_precision", "overlap_recall", "overlap_f1", "proper_overlap_f1", "f1")
TOPO_KEYS = ("precision", "recall", "f1", "acc_161")


def _write_half(paths: list[Path], half: str, out: Path) -> Path:
    """The sentences of ``paths`` in ``half``, written as a ``token TAG...`` file."""
    with out.open("w", encoding="utf-8") as f:
        for sent in readers.read_conll(paths):
            if half_of(sent.text) != half:
                continue
            for tok, tags in zip(sent.tokens, sent.tags, strict=True):
                f.write("\t".join((tok, *tags)) + "\n")
            f.write("\n")
    return out


def _ner(name: str, paths: list[Path], labels: tuple[str, ...], language: str | None,
         system: runner.System):
    with tempfile.TemporaryDirectory() as tmp:
        for half in ("tune", "check"):
            part = _write_half(paths, half, Path(tmp) / f"{half}.txt")
            got = runner.eval_ner([part], labels=labels, recognizer=system.geoparser,
                                  language=language)
            yield f"{name} {half}", {k: got.get(k) for k in NER_KEYS}


def _toponyms(name: str, docs: list, language: str | None, system: runner.System):
    geoparser = system.geoparser
    for half in ("tune", "check"):
        part = [d for d in docs if half_of(d.text) == half]
        got = runner.score_toponyms(part, gold_spans=False, geoparser=geoparser,
                                    language=language)
        yield f"{name} {half}", {k: got.get(k) for k in TOPO_KEYS}


def figures(eval_dir: Path, corpora: list[str], system: str = "geomap"):
    """``(corpus half, figures)`` pairs for ``corpora``, of the named ``system`` (see
    :func:`geomap.evaluation.runner.get_system`)."""
    en, ar = eval_dir / "en", eval_dir / "ar"
    sys_ = runner.get_system(system)
    for name in corpora:
        if name == "re3d":
            for split, half in (("train", "tune"), ("dev", "check")):
                got = runner.eval_ner([en / "re3d" / f"{split}.txt"], labels=("Location",),
                                      recognizer=sys_.geoparser)
                yield f"re3d {half} ({split})", {k: got.get(k) for k in NER_KEYS}
        elif name == "aqmar":
            yield from _ner(name, sorted((ar / "aqmar").glob("*.txt")), ("LOC",), "ar", sys_)
        elif name == "wojood":
            paths = sorted((ar / "wojood_sample").glob("*.txt"))
            yield from _ner(name, paths, ("GPE", "LOC"), "ar", sys_)
        elif name == "idrisi":
            docs = list(readers.read_idrisi(sorted((ar / "idrisi_lmd").glob("*.jsonl"))))
            yield from _toponyms(name, docs, "ar", sys_)
        elif name in ("lgl", "geowebnews"):
            docs = list(readers.read_toponyms(en / f"{name}.xml", name))
            yield from _toponyms(name, docs, None, sys_)
        else:
            raise SystemExit(f"unknown corpus {name!r}; expected one of: {', '.join(CORPORA)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--corpora", default=",".join(CORPORA))
    ap.add_argument("--system", default="geomap",
                    help="geomap (default) or geomap-demonyms (demonyms count as mentions of "
                         "their countries, as the LGL schema annotates them) or geomap-literal "
                         "(associative uses left out, as re3d's Location counts places)")
    args = ap.parse_args(argv)
    if not (args.eval_dir / "en").is_dir():
        print(f"no evaluation data at {args.eval_dir}; pass --eval-dir", file=sys.stderr)
        return 2
    for label, got in figures(args.eval_dir, [c for c in args.corpora.split(",") if c],
                              args.system):
        rounded = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in got.items()}
        print(f"{label:22} {json.dumps(rounded)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
