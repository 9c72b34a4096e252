"""Language detection: the script of the letters, then, for Latin script, English or not.

The scripts and the words that tell English from other Latin-script languages are in
``data/languages.yaml``.
"""

from __future__ import annotations

import functools
import re

from ..knowledge import section, word_list

#: The code given to a Latin-script text that is not English (geomap has no rules for it).
OTHER = "other"
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _script(name: str) -> re.Pattern[str]:
    return re.compile(f"[{(section('languages.yaml', 'scripts') or {})[name]}]")


def in_script(word: str, script: str) -> bool:
    """Is ``word`` written in ``script`` (a key of ``scripts`` in data/languages.yaml), as
    its first letter says?

    >>> in_script("بغداد", "arabic"), in_script("Baghdad", "arabic")
    (True, False)
    """
    return bool(script) and _script(script).match(word) is not None


@functools.cache
def _markers() -> tuple[frozenset[str], frozenset[str], int, float]:
    english = frozenset(word_list("languages.yaml", "latin_detection", "english"))
    other = frozenset(word_list("languages.yaml", "latin_detection", "other"))
    least = int(section("languages.yaml", "latin_detection", "min_other"))
    share = float(section("languages.yaml", "latin_detection", "min_share"))
    return english, other, least, share


def detect_language(text: str, default: str = "en") -> str:
    """``"ar"`` when Arabic letters make up over 30% of the letters; else ``"other"`` when
    the words are mostly function words of another Latin-script language; else ``"en"``
    (``default`` for a text without letters).

    >>> detect_language("قصف جوي على مدينة الباب")
    'ar'
    >>> detect_language("An air strike near Idlib")
    'en'
    >>> detect_language("Les forces turques ont pris le contrôle de la ville et des villages")
    'other'
    """
    sample = text[:20000]
    ar = len(_script("arabic").findall(sample))
    la = len(_script("latin").findall(sample))
    if ar + la == 0:
        return default
    if ar / (ar + la) > 0.3:
        return "ar"
    return OTHER if _other_latin(sample) else "en"


def _other_latin(sample: str) -> bool:
    """Do the function words of other Latin-script languages outweigh English ones?"""
    english, other, least, share = _markers()
    words = _WORD.findall(sample.lower())
    n_en = n_other = 0
    for w in words:
        if w in english:
            n_en += 1
        elif w in other:
            n_other += 1
    return n_other >= least and n_other >= share * len(words) and n_other > 2 * n_en
