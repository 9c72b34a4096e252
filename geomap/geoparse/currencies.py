"""Money as evidence of a country: "$10.3 million", "5,000 naira" (``currencies`` of
``data/place_cues.yaml``)."""

from __future__ import annotations

import functools
import re
from collections import Counter

from ..errors import DataError
from ..knowledge import section


@functools.cache
def _patterns() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for every country's money (its signs before a number, its words after
    one; the sign or word in group 1 or 2) and the country of each sign and word, folded:
    two scans of a text, not two per country."""
    data = section("place_cues.yaml", "currencies") or {}
    if not isinstance(data, dict):
        raise DataError("data/place_cues.yaml: currencies should be a mapping of 'signs' "
                        f"and 'words', got {type(data).__name__}")
    owner: dict[str, str] = {}
    for kind in ("signs", "words"):
        for cc, forms in (data.get(kind) or {}).items():
            for form in forms or ():
                owner.setdefault(str(form).casefold(), str(cc).upper())
    signs = sorted({str(s) for ss in (data.get("signs") or {}).values() for s in ss or ()},
                   key=len, reverse=True)
    words = sorted({str(w) for ws in (data.get("words") or {}).values() for w in ws or ()},
                   key=len, reverse=True)
    parts = []
    if signs:
        # not after a letter: "A$5" and "HK$5" are other dollars
        parts.append(r"(?<![^\W\d_])(" + "|".join(map(re.escape, signs)) + r")\s?\d")
    if words:
        parts.append(r"\d(?:\s+(?:million|billion|thousand|trillion))?\s+("
                     + "|".join(map(re.escape, words)) + r")\b")
    return (re.compile("|".join(parts), re.IGNORECASE) if parts else None), owner


def currency_evidence(text: str) -> Counter[str]:
    """The countries whose own currency ``text`` writes a sum in, each counted once.

    >>> currency_evidence("The council refinanced $10.3 million in debt.")
    Counter({'US': 1})
    >>> currency_evidence("It cost A$5 million, or 40 million baht.")
    Counter({'TH': 1})
    """
    pattern, owner = _patterns()
    if pattern is None or not any(ch.isdigit() for ch in text):
        return Counter()
    return Counter({owner[(m.group(1) or m.group(2)).casefold()]: 1
                    for m in pattern.finditer(text)})
