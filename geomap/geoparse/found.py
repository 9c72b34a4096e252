"""The mentions a stage has found, indexed by span.

Recognition's later steps add names to what the first pass found and replace the shorter
names a longer one covers ("village of Tal Shaeer" over "Tal"). Each asks which mentions
overlap a span; a hostile text of thousands of names must not make that a scan of them all
at every name (quadratic time), so the spans are kept sorted and searched by bisection.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

from ..records import Mention


class Spans:
    """Fixed spans (actor names, known names), for overlap tests in logarithmic time."""

    __slots__ = ("starts", "reach")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        # the farthest end among the spans that start at or before each one
        self.reach = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Does a span overlap ``[start, end)``: start before ``end`` and end after
        ``start``?"""
        k = bisect.bisect_left(self.starts, end)  # the spans that start before ``end``
        return k > 0 and self.reach[k - 1] > start


class SpanSet(set):
    """The spans of the mentions found (a set of ``(start, end)``, counted: two mentions
    may share one), with the ends of those spans."""

    def __init__(self) -> None:
        super().__init__()
        self.count: dict[tuple[int, int], int] = {}
        self.ends: dict[int, int] = {}

    def add(self, span: tuple[int, int]) -> None:
        self.count[span] = self.count.get(span, 0) + 1
        self.ends[span[1]] = self.ends.get(span[1], 0) + 1
        super().add(span)

    def discard(self, span: tuple[int, int]) -> None:
        n = self.count.get(span, 0)
        if not n:
            return
        self.ends[span[1]] -= 1
        if not self.ends[span[1]]:
            del self.ends[span[1]]
        if n == 1:
            del self.count[span]
            super().discard(span)
        else:
            self.count[span] = n - 1


class Found:
    """Mentions in the order they were added, by span: which spans are taken, which
    mentions overlap a span, and their removal, each without a scan of all of them."""

    def __init__(self, mentions: Iterable[Mention] = ()) -> None:
        self._all: dict[int, Mention] = {}  # by id, in the order added
        self._order: list[tuple[int, int, int]] = []  # (start, end, id), sorted
        self._longest = 0
        self.spans = SpanSet()
        for m in mentions:
            self.add(m)

    def add(self, m: Mention) -> None:
        self._all[id(m)] = m
        bisect.insort(self._order, (m.start, m.end, id(m)))
        self._longest = max(self._longest, m.end - m.start)
        self.spans.add((m.start, m.end))

    def remove(self, m: Mention) -> None:
        del self._all[id(m)]
        del self._order[bisect.bisect_left(self._order, (m.start, m.end, id(m)))]
        self.spans.discard((m.start, m.end))

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions that overlap ``[start, end)``, in the order they were added."""
        lo = bisect.bisect_left(self._order, (start - self._longest,))
        hi = bisect.bisect_left(self._order, (end,))
        got = [i for s, e, i in self._order[lo:hi] if start < e]
        if not got:
            return []
        ids = set(got)
        return [m for i, m in self._all.items() if i in ids] if len(ids) > 1 else [
            self._all[got[0]]]

    def replace(self, inside: Sequence[Mention], new: Mention) -> None:
        """Put ``new`` in the place of the mentions ``inside`` it."""
        for m in inside:
            self.remove(m)
        self.add(new)

    def mentions(self) -> list[Mention]:
        return list(self._all.values())
