"""What happened to the inputs: the skipped-documents report and the run's summary line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .atomic import write_text_atomic
from .records import Skipped


def skipped_jsonl(skipped: Iterable[Skipped]) -> str:
    """The report's text: one ``{"source": ..., "reason": ...}`` object per line."""
    return "".join(
        json.dumps({"source": s.source, "reason": s.reason}, ensure_ascii=False) + "\n"
        for s in skipped
    )


def write_skipped(skipped: Iterable[Skipped], path: str | Path) -> Path:
    """Write the skipped-documents report as JSON Lines, atomically; return the path.

    An empty report is still written (an empty file), so that a re-run that skips nothing
    replaces the previous run's report.
    """
    return write_text_atomic(path, skipped_jsonl(skipped))


def read_skipped(path: str | Path) -> list[Skipped]:
    """Read a report written by :func:`write_skipped`."""
    with Path(path).open(encoding="utf-8") as fh:
        return [Skipped(**json.loads(line)) for line in fh if line.strip()]


def summary(documents: int, events: int, skipped: int) -> str:
    """One line for the end of a run.

    Examples
    --------
    >>> summary(3, 12, 1)
    '3 documents, 12 events, 1 skipped'
    """
    # Fixed wording (no singulars) so scripts can parse it.
    return f"{documents} documents, {events} events, {skipped} skipped"
