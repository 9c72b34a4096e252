"""The language registry: per language, in one place, what the stages need to know.

Entries come from ``data/languages.yaml`` (script, word order, clitics, capitalised names
...); the word lists of each language stay in the data files of the stage that reads them,
under the language's code. A rule asks :func:`language` for a property, never compares a
language code:

>>> language("ar").clitics, language("en").names_capitalised
(True, True)
>>> language("fr").supported  # no entry: generic rules
False
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..errors import DataError
from ..knowledge import section

_FLAGS = (
    "names_capitalised",
    "clitics",
    "subject_first",
    "verb_first",
    "premodifiers",
    "unknown_after_cue",
    "month_before_day",
    "own_script_names",
)


@dataclass(frozen=True)
class Language:
    """What the stages need to know of one language (see ``data/languages.yaml``).

    ``supported`` is ``False`` for a code without an entry: such a text is geoparsed with
    generic rules (capitalised names, no cue words), and the events stage skips it.
    """

    code: str
    name: str
    script: str
    names_capitalised: bool = False
    clitics: bool = False
    subject_first: bool = False
    verb_first: bool = False
    premodifiers: bool = False
    unknown_after_cue: bool = False
    month_before_day: bool = False
    own_script_names: bool = False
    cue_articles: frozenset[str] = field(default_factory=frozenset)
    supported: bool = True


@functools.cache
def registry() -> dict[str, Language]:
    """The languages of ``data/languages.yaml``, by code."""
    entries = section("languages.yaml", "languages")
    if not isinstance(entries, dict) or not entries:
        raise DataError("data/languages.yaml: expected a 'languages' mapping of language codes")
    out = {}
    for code, entry in entries.items():
        if not isinstance(entry, dict):
            raise DataError(f"data/languages.yaml: languages.{code} should be a mapping")
        missing = [k for k in ("name", "script", *_FLAGS) if k not in entry]
        if missing:
            raise DataError(f"data/languages.yaml: languages.{code} lacks {', '.join(missing)}")
        if entry["script"] not in (section("languages.yaml", "scripts") or {}):
            raise DataError(
                f"data/languages.yaml: languages.{code}: unknown script {entry['script']!r}"
            )
        out[str(code)] = Language(
            code=str(code),
            name=str(entry["name"]),
            script=str(entry["script"]),
            cue_articles=frozenset(str(w) for w in entry.get("cue_articles") or ()),
            **{k: bool(entry[k]) for k in _FLAGS},
        )
    return out


@functools.cache
def language(code: str) -> Language:
    """The registry entry of ``code``; for a code without one, generic rules: names are
    capitalised, nothing else is known (``supported=False``)."""
    got = registry().get(code)
    if got is not None:
        return got
    return Language(code=code, name=code, script="", names_capitalised=True, supported=False)


def supported_codes() -> tuple[str, ...]:
    """The codes of the languages geomap has rules and word lists for."""
    return tuple(sorted(registry()))
