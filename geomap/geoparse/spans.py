"""Given spans (gold mentions) the gazetteer does not know as a whole.

A span handed to :func:`geomap.geoparse.resolve_spans` is a place by the caller's word, so
when its name is not in the gazetteer geomap still looks for where it is:

* a place name inside it -- "Colorado State University", "Manila Cathedral", "Bank of
  Japan" -- stands for the span (:func:`inner_key`);
* a street, a building or a neighbourhood the gazetteer lacks ("Royal Street") lies in the
  place the document is about: the place its other mentions name most often
  (:func:`context_place`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..gazetteer.base import Gazetteer
from ..records import Place, Resolved
from ..text.normalize import is_arabic, key

_WORD = re.compile(r"\w+", re.UNICODE)


def inner_key(surface: str, gaz: Gazetteer, common: frozenset[str] = frozenset()) -> str | None:
    """The key of the longest known place name inside ``surface`` (leftmost on a tie).

    Only runs of capitalised (or Arabic) words count, and a one-word name that is a common
    word (``common``, lookup keys) does not: "Royal Street" holds no place.
    """
    words = _WORD.findall(surface)
    n = len(words)
    proper = [w[0].isupper() or is_arabic(w) for w in words]
    for size in range(n - 1, 0, -1):
        for i in range(n - size + 1):
            if not all(proper[i : i + size]):
                continue
            k = key(" ".join(words[i : i + size]))
            if not k or (size == 1 and (k in common or len(k) < 3)):
                continue
            if gaz.has_key(k):
                return k
    return None


def context_place(resolved: Sequence[Resolved]) -> Place | None:
    """The place below country level that the resolved mentions name most often (the
    first named on a tie); ``None`` when they name none."""
    counts: Counter[int] = Counter()
    first: dict[int, tuple[int, Place]] = {}
    for i, r in enumerate(resolved):
        p = r.place
        if p is None or p.is_country or p.feature_code == "CONT":
            continue
        counts[p.geonameid] += 1
        first.setdefault(p.geonameid, (i, p))
    if not counts:
        return None
    gid = max(counts, key=lambda g: (counts[g], -first[g][0]))
    return first[gid][1]
