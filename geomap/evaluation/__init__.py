"""Measuring geomap: corpus readers, scoring functions and evaluation runners.

Nothing in the pipeline imports this package; it imports the pipeline (lazily), so that the
instrument can be used, and tested, before and without the stages it measures.

- :mod:`geomap.evaluation.readers` -- typed readers for the development corpora
  (LGL-schema XML, GeoWebNews, GeoVirus, CoNLL-style BIO, IDRISI, event_location, PLOVER).
- :mod:`geomap.evaluation.metrics` -- pure scoring functions (span matching, P/R/F1,
  conlleval-style entity F1, great-circle error, acc@161, AUC of the log error curve).
- :mod:`geomap.evaluation.runner` -- ``eval_*`` functions that run a geoparser (or a fake)
  over a corpus and return a flat ``dict`` of figures.
- :mod:`geomap.evaluation.baselines` -- the geotext baseline behind the same signatures.
- :mod:`geomap.evaluation.event_readers` -- coded event data (UCDP GED, ACLED, HRDsAttack,
  PLOVER) as whole documents with what the coders recorded, and the tune/check halves.
- :mod:`geomap.evaluation.event_scoring` -- whole events against the coders
  (``geomap eval events``): event, type, place, actors, date, fatalities.
"""

from __future__ import annotations
