"""Demonyms ("Syrian", "الروسي"): evidence of a country, not places (``data/demonyms.csv``)."""

from __future__ import annotations

import functools

from ..knowledge import data_dir
from ..lexicon import Lexicon
from ..text.normalize import arabic_forms


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
