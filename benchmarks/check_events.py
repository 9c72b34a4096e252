"""Regression check for speed work: optimisations must not change a single event.

Run::

    python benchmarks/check_events.py dump /tmp/before.jsonl   # before optimising
    python benchmarks/check_events.py check /tmp/before.jsonl  # after each change

The dump holds, per document of the development texts (LGL, GeoWebNews, IDRISI, AQMAR
pseudo-articles, the seed article, and both halves of the conflict-news corpus: HRDsAttack
articles, UCDP headlines and event_location sentences grouped as the throughput benchmark
groups them, see ``corpus.conflict``), the events of ``events_from_document`` as ``event_row``
dicts and the places of ``geoparse``. It is derived from the corpora, so keep it out of the
repository (write it under /tmp). ``check`` prints the first differing document and exits 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import corpus

from geomap.events import events_from_document
from geomap.gazetteer import default
from geomap.geoparse import geoparse
from geomap.schema import event_row


def records(limit: int | None = None) -> Iterator[str]:
    gaz = default()
    docs = corpus.seed() + corpus.lgl(limit) + corpus.geowebnews(limit) + corpus.idrisi(limit) \
        + corpus.aqmar_paragraphs(limit=limit) + corpus.conflict("tune", limit) \
        + corpus.conflict("check", limit)
    for doc in docs:
        places = [
            (
                r.mention.start,
                r.mention.end,
                r.mention.key,
                r.mention.cue,
                r.place.geonameid if r.place else None,
            )
            for r in geoparse(doc.text, doc.language, gazetteer=gaz)
        ]
        events = [event_row(e) for e in events_from_document(doc, gazetteer=gaz)]
        yield json.dumps(
            {"doc": doc.doc_id, "places": places, "events": events},
            ensure_ascii=False,
            sort_keys=True,
        )


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("dump", "check"):
        print(__doc__)
        return 2
    mode, path = argv[0], argv[1]
    limit = int(argv[2]) if len(argv) > 2 else None
    if not corpus.EVAL.is_dir():
        print(f"skipped: {corpus.EVAL} is absent")
        return 0
    if mode == "dump":
        n = 0
        with open(path, "w", encoding="utf-8") as fh:
            for line in records(limit):
                fh.write(line + "\n")
                n += 1
        print(f"{n} documents -> {path}")
        return 0
    with open(path, encoding="utf-8") as fh:
        want = [line.rstrip("\n") for line in fh]
    n = 0
    for n, (got, exp) in enumerate(zip(records(limit), want, strict=False), 1):
        if got != exp:
            print(f"DIFFERENT at document {n}:\n  expected {exp[:2000]}\n  got      {got[:2000]}")
            return 1
    if n != len(want):
        print(f"DIFFERENT: {n} documents, expected {len(want)}")
        return 1
    print(f"identical: {n} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
