"""Country names and codes as users and datasets write them -> ISO 3166-1 alpha-2.

Accepted forms: alpha-2 (``SY``), alpha-3 (``SYR``), English and Arabic names from CLDR
(``Syria``, ``سوريا``), ISO's official and common names (pycountry), and the coders'
spellings listed under ``countries`` in ``data/coder_actors.yaml`` (``DR Congo``).
"""

from __future__ import annotations

import functools

from .text.normalize import key


@functools.cache
def _table() -> dict[str, str]:
    """Folded form -> alpha-2. Codes first, so a name can never shadow a code."""
    import pycountry
    from babel import Locale

    out: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        out.setdefault(c.alpha_2.casefold(), c.alpha_2)
        out.setdefault(c.alpha_3.casefold(), c.alpha_2)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(key(value), c.alpha_2)
    for lang in ("en", "ar"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(key(name), code)
    from .events.coders import coder_names

    for spelling, code in coder_names().countries.items():
        names.setdefault(spelling, code)
    for k, code in names.items():
        out.setdefault(k, code)
    return out


def country_code(text: str | None) -> str | None:
    """The ISO alpha-2 code of a country code or name, ``None`` when it is none.

    Examples
    --------
    >>> [country_code(x) for x in ("SY", "syr", "Syria", "سوريا", "Narnia")]
    ['SY', 'SY', 'SY', 'SY', None]
    """
    if not text or not text.strip():
        return None
    text = text.strip()
    table = _table()
    if len(text) in (2, 3) and text.isascii() and text.isalpha():
        got = table.get(text.casefold())
        if got:
            return got
    return table.get(key(text))


def country_forms(code: str) -> list[str]:
    """Forms of one country a user may type: ``['SY', 'SYR', 'Syria', 'سوريا']``."""
    import pycountry
    from babel import Locale

    found = pycountry.countries.get(alpha_2=code.upper())
    forms = [code.upper()]
    if found is not None:
        forms.append(found.alpha_3)
    for lang in ("en", "ar"):
        name = Locale(lang).territories.get(code.upper())
        if name:
            forms.append(name)
    return forms
