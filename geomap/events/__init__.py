"""Events stage: actors, event types, dates, event location, precision, dedup."""

from .actors import ActorBook, book_for, default_book
from .dedup import dedup
from .extract import events_from_document

__all__ = ["ActorBook", "book_for", "dedup", "default_book", "events_from_document"]
