"""Skeleton keys for the Latin spellings of Arabic place names.

News writes one Arabic name in many Latin spellings (Hodeidah, Hudaydah, Al Ḩudaydah;
Maarat al-Numan, Ma'arrat an Nu'man; Deir ez-Zor, Dayr az Zawr). :func:`skeleton` folds
them to one key by the rules in ``data/arabic_latin_spellings.yaml``: apostrophes and
hyphens dropped, a leading article dropped and an inner one (in any assimilated form)
made one mark, vowels and semivowels dropped after a word's first letter, the final "h"
of a ta marbuta dropped, doubled letters made single, consonants written two ways folded.
The gazetteer indexes these skeletons (for places in the countries the file names) and a
name unknown as written is looked up by its own. It is a pure function, applied the same
way when keys are built and when names are looked up.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..knowledge import cached_yaml
from .normalize import fold

#: Skeleton keys are kept apart from ordinary keys by this mark (no ordinary key has it).
MARK = "~"
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Rules:
    countries: frozenset[str]
    articles: frozenset[str]
    silent: str
    vowels: frozenset[str]
    consonants: dict[str, str]
    final_h: bool
    undouble: bool
    min_letters: int
    one_word_endings: tuple[str, ...] = ()
    locatives_en: frozenset[str] = frozenset()


@functools.cache
def rules() -> Rules:
    """The rules of ``data/arabic_latin_spellings.yaml`` (read once)."""
    d = cached_yaml("arabic_latin_spellings.yaml") or {}
    return Rules(
        frozenset(str(c).upper() for c in d.get("countries", ())),
        frozenset(str(a).lower() for a in d.get("articles", ())),
        str(d.get("silent", "")),
        frozenset(str(d.get("vowels", ""))),
        {str(v): str(k) for k, vs in (d.get("consonants") or {}).items() for v in vs},
        bool(d.get("final_h", False)),
        bool(d.get("undouble", False)),
        int(d.get("min_letters", 2)),
        tuple(str(e).lower() for e in d.get("one_word_endings", ())),
        frozenset(str(w).lower() for w in d.get("locatives_en", ())),
    )


def _word(w: str, r: Rules) -> str:
    if r.final_h and len(w) > 2 and w.endswith("h") and w[-2] in r.vowels:
        w = w[:-1]
    letters = [r.consonants.get(ch, ch) for ch in w]
    out = letters[:1] + [ch for ch in letters[1:] if ch not in r.vowels]
    if r.undouble:
        out = [ch for i, ch in enumerate(out) if i == 0 or ch != out[i - 1]]
    return "".join(out)


def skeleton(name: str, rules_: Rules | None = None) -> str | None:
    """The skeleton key of a Latin-script name (``None`` for other scripts, or when too
    little of the name is left to tell places apart).

    >>> skeleton("Hodeidah") == skeleton("Al Ḩudaydah") == skeleton("Hudaydah")
    True
    >>> skeleton("Maarat al-Numan") == skeleton("Ma‘arrat an Nu‘mān")
    True
    >>> skeleton("Jisr al-Shughur") == skeleton("Jisr ash Shughūr"), skeleton("Jisr al-Shughur")
    (True, '~jsr l shghr')
    >>> skeleton("Deir ez-Zor") == skeleton("Dayr az Zawr")
    True
    >>> skeleton("Tal Tamr") == skeleton("Tell Tamer")
    True
    >>> skeleton("دمشق") is None
    True
    """
    r = rules_ or rules()
    for ch in r.silent:
        name = name.replace(ch, "")
    folded = fold(name)
    if not folded.isascii():
        return None
    words = _WORD.findall(folded)
    while words and words[0] in r.articles and len(words) > 1:
        words = words[1:]
    parts = ["l" if w in r.articles else _word(w, r) for w in words]
    letters = sum(len(p) for p in parts if p != "l")
    if not parts or letters < r.min_letters:
        return None
    return MARK + " ".join(parts)


def one_word_ok(word: str) -> bool:
    """May a single word be looked up by its skeleton (it ends like an Arabic name)?

    >>> one_word_ok("Hodeidah"), one_word_ok("Holopaw")
    (True, False)
    """
    return fold(word).strip().endswith(rules().one_word_endings)


def skeleton_rows(name: str, geonameid: int, country_code: str) -> list[tuple[str, int, str]]:
    """The index row of ``name``'s skeleton, for a place in a country whose names are
    Arabic (else none): ``[(skeleton key, geonameid, name)]``."""
    if country_code not in rules().countries:
        return []
    sk = skeleton(name)
    return [(sk, geonameid, name)] if sk else []
