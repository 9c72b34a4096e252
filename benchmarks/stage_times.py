"""Where one process spends its CPU per document, stage by stage (no profiler).

cProfile slows every small Python call several times and so overstates the stages made of
many small calls; here each stage's function is wrapped with a CPU timer
(``time.process_time``, which other jobs on the machine do not inflate) and the documents
go through ``events_from_document`` one by one in a fresh process, cold as a CLI run is
(``--warm`` runs a first untimed pass). Times are inclusive: a stage's time holds those of
the stages listed under it.

Run::

    python benchmarks/stage_times.py [--half tune|check] [--limit N] [--warm]
"""

from __future__ import annotations

import argparse
import functools
import importlib
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: (label, module, attribute path): the function bound under that name in that module is
#: timed (every module that imported it by name must be listed for its calls to count).
STAGES = [
    ("document (events_from_document)", "geomap.pipeline", "events_from_document"),
    ("  normalise", "geomap.text.view", "_normalize"),
    ("  water bodies (water_spans)", "geomap.events.extract", "water_spans"),
    ("  EventDoc (lexicon pass, actors)", "geomap.events.document", "EventDoc.__init__"),
    ("    tokenise", "geomap.text.view", "_tokens"),
    ("    lexicon pass (LexiconSet.find)", "geomap.lexicon", "LexiconSet.find"),
    ("    written acronyms", "geomap.events.document", "written_acronyms"),
    ("  geoparse", "geomap.events.extract", "geoparse"),
    ("    recognise", "geomap.geoparse", "recognise"),
    ("      cued unknown names", "geomap.geoparse.recognize", "_cued_unknown"),
    ("      folded (other spellings)", "geomap.geoparse.recognize", "folded_mentions"),
    ("      arabic in Latin script", "geomap.geoparse.recognize", "arabic_mentions"),
    ("      not places", "geomap.geoparse.recognize", "drop_not_places"),
    ("    resolve", "geomap.geoparse", "resolve"),
    ("    fuzzy cued", "geomap.geoparse", "fuzzy_cued"),
    ("  sentence events", "geomap.events.extract", "_sentence_events"),
    ("    sentence actors", "geomap.events.extract", "sentence_actors"),
    ("    drafts (Draft.at)", "geomap.events.drafts", "Draft.at"),
    ("    refers_back", "geomap.events.extract", "refers_back"),
    ("    other_sense", "geomap.events.extract", "other_sense"),
    ("    merge_drafts", "geomap.events.extract", "merge_drafts"),
    ("    settle_roles", "geomap.events.extract", "settle_roles"),
    ("    implied_actors", "geomap.events.extract", "implied_actors"),
    ("    victims_of", "geomap.events.extract", "victims_of"),
    ("    draft_status", "geomap.events.extract", "draft_status"),
    ("    describe_place", "geomap.events.extract", "describe_place"),
    ("    contained", "geomap.events.extract", "contained"),
    ("    absorb_generic", "geomap.events.extract", "absorb_generic"),
    ("    assign_actors", "geomap.events.extract", "assign_actors"),
    ("    clause_date", "geomap.events.extract", "clause_date"),
    ("    fatalities", "geomap.events.extract", "fatalities"),
    ("    best_place", "geomap.events.extract", "best_place"),
    ("    event records (_event)", "geomap.events.extract", "_event"),
    ("  lead_end", "geomap.events.extract", "lead_end"),
    ("  local_country", "geomap.events.extract", "local_country"),
    ("  credit_claims", "geomap.events.extract", "credit_claims"),
    ("  _in_focus", "geomap.events.extract", "_in_focus"),
    ("  repair_places", "geomap.events.extract", "repair_places"),
    ("  unknown_places", "geomap.events.extract", "unknown_places"),
    ("  fuzzy cued (unknown places)", "geomap.events.extract", "fuzzy_cued"),
    ("    fuzzy key pools", "geomap.geoparse.variants", "_pool"),
    ("    most alike keys (rapidfuzz)", "geomap.geoparse.variants", "_most_alike"),
]

_spent: dict[str, float] = defaultdict(float)
_calls: dict[str, int] = defaultdict(int)


def _timed(label: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _spent[label] += time.process_time() - t
            _calls[label] += 1

    return wrapper


def _install() -> None:
    for label, module, path in STAGES:
        owner = importlib.import_module(module)
        *outer, name = path.split(".")
        for part in outer:
            owner = getattr(owner, part)
        setattr(owner, name, _timed(label, getattr(owner, name)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", default="tune", choices=["tune", "check"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--warm", action="store_true", help="time a second pass")
    args = ap.parse_args(argv)

    import corpus

    from geomap import pipeline
    from geomap.events import book_for
    from geomap.gazetteer import default

    docs = corpus.conflict(args.half, args.limit)
    gaz = default()
    _install()
    book = book_for(())
    passes = 2 if args.warm else 1
    for n in range(passes):
        _spent.clear()
        _calls.clear()
        t0 = time.process_time()
        for doc in docs:
            pipeline.events_from_document(doc, book=book, gazetteer=gaz)
        total = time.process_time() - t0
    print(f"{len(docs)} documents ({args.half}{', warm' if args.warm else ', cold'}): "
          f"{total:.2f} s CPU, {1000 * total / len(docs):.2f} ms/doc")
    print(f"{'stage':40} {'calls':>7} {'ms/doc':>8} {'share':>6}")
    for label, _m, _p in STAGES:
        s = _spent.get(label, 0.0)
        print(f"{label:40} {_calls.get(label, 0):7d} {1000 * s / len(docs):8.2f} "
              f"{s / total:6.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
