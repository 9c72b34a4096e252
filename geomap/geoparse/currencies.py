"""Money as evidence of a country: "$10.3 million", "5,000 naira" (``currencies`` of
``data/place_cues.yaml``)."""

from __future__ import annotations

import functools
import re
from collections import Counter

from ..errors import DataError
from ..knowledge import section


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """One pattern per country: its signs before a number, its words after one."""
    data = section("place_cues.yaml", "currencies") or {}
    if not isinstance(data, dict):
        raise DataError("data/place_cues.yaml: currencies should be a mapping of 'signs' "
                        f"and 'words', got {type(data).__name__}")
    signs = data.get("signs") or {}
    words = data.get("words") or {}
    out = []
    for cc in sorted(set(signs) | set(words)):
        parts = []
        sign = sorted((str(s) for s in signs.get(cc) or ()), key=len, reverse=True)
        if sign:
            # not after a letter: "A$5" and "HK$5" are other dollars
            parts.append(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, sign)) + r")\s?\d")
        word = sorted((str(w) for w in words.get(cc) or ()), key=len, reverse=True)
        if word:
            parts.append(r"\d(?:\s+(?:million|billion|thousand|trillion))?\s+(?:"
                         + "|".join(map(re.escape, word)) + r")\b")
        if parts:
            out.append((re.compile("|".join(parts), re.IGNORECASE), str(cc).upper()))
    return tuple(out)


def currency_evidence(text: str) -> Counter[str]:
    """The countries whose own currency ``text`` writes a sum in, each counted once.

    >>> currency_evidence("The council refinanced $10.3 million in debt.")
    Counter({'US': 1})
    >>> currency_evidence("It cost A$5 million, or 40 million baht.")
    Counter({'TH': 1})
    """
    return Counter({cc: 1 for pattern, cc in _patterns() if pattern.search(text)})
