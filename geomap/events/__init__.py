"""Events stage: actors, event types, dates, event location, precision, dedup.

Modules, in the order a document meets them: :mod:`.document` (one lexicon pass: triggers,
actors, cues, clauses), :mod:`.drafts` (one draft event per trigger, merging, status),
:mod:`.roles` (actor roles), :mod:`.location` (where it happened), :mod:`.extract` (the
wiring, one document to event records), :mod:`.dedup` (across documents). The knowledge
they read is in ``data/``; :mod:`.probes` asks single questions for evaluation.
"""

from .actors import ActorBook, book_for, default_book
from .dedup import dedup
from .extract import events_from_document

__all__ = ["ActorBook", "book_for", "dedup", "default_book", "events_from_document"]
