"""Demonyms ("Syrian", "الروسي"): evidence of a country, not places (``data/demonyms.csv``)."""

from __future__ import annotations

import functools
import re

from ..knowledge import data_dir
from ..lexicon import Lexicon
from ..text.normalize import arabic_forms, is_arabic


@functools.cache
def demonyms() -> Lexicon[tuple[str, int]]:
    """A lexicon of demonym -> (country code, GeoNames id of the country)."""
    import csv

    lex: Lexicon[tuple[str, int]] = Lexicon()
    path = data_dir() / "demonyms.csv"
    if not path.is_file():
        return lex
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    # a form shared by several countries ("American") goes to the first row that has it:
    # rows are listed with the more populous country first where forms collide
    for row in rows:
        value = (row["country_code"], int(row["geonameid"]))
        for form in (row.get("demonyms") or "").split("|"):
            for f in arabic_forms(form.strip()):
                if f:
                    lex.add(f, value)
    return lex


#: a demonym then one lower-case Latin word: "Somali troops", "Thai police"
_BEFORE_NOUN = re.compile(r"[ \t]+[a-z][a-z-]*\b")


def adjective_use(text: str, start: int, end: int, cue: str | None = None) -> bool:
    """Is ``text[start:end]``, a Latin-script demonym, used as an adjective: followed by a
    lower-case noun ("Somali troops", "Canadian officials"), with no kind of place after
    it ("the Somali region" names a place, whatever the word's other senses)?

    Such a word speaks of its country's people, never of the place that shares its name
    (Somali, a region of Ethiopia; Canadian County, Oklahoma).

    >>> adjective_use("Somali troops retook it", 0, 6)
    True
    >>> adjective_use("in Somali, Ethiopia", 3, 9)
    False
    """
    if cue or is_arabic(text[start:end]):
        return False
    return _BEFORE_NOUN.match(text, end) is not None
