"""Actor names of human-coded datasets (UCDP GED, ACLED) read as geomap's actors.

UCDP writes "IS", "Government of Syria", "Syrian insurgents"; ACLED writes "Military Forces
of Russia (2000-)", "Civilians (Syria)", "SDF: Syrian Democratic Forces". The conventions are
knowledge, kept in ``data/coder_actors.yaml`` (see the lookup order there); this module reads
it and answers which geomap actor a coder's name means.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import DataError
from ..knowledge import load_yaml
from ..records import Actor
from ..text.normalize import key
from .actors import ActorBook, default_book

_FILE = "coder_actors.yaml"
#: Longer names are no coder's actor name; bounding them keeps the patterns cheap on
#: hostile imported files.
_MAX_NAME = 300
#: Acronyms this short only match as written ("IS" is not the English word "is").
_MIN_FOLDED = 4


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    fixed: bool  # the rule answers ``actor`` whatever the match
    actor: str | None
    state: str | None  # group holding a country
    lookup: tuple[str, ...]  # groups looked up again as names


@dataclass(frozen=True)
class CoderNames:
    """The parsed ``data/coder_actors.yaml``."""

    names: dict[str, str | None]
    folded: dict[str, str | None]
    rules: tuple[_Rule, ...]
    countries: dict[str, str]  # key(country spelling) -> ISO alpha-2


def _target(value, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataError(
            f"data/{_FILE}: {where} should name a geomap actor or be null, got {value!r}"
        )
    return value.strip()


def _rule(item, i: int) -> _Rule:
    where = f"patterns #{i + 1}"
    if not isinstance(item, dict) or not isinstance(item.get("pattern"), str):
        raise DataError(f"data/{_FILE}: {where} needs a `pattern` string")
    try:
        pattern = re.compile(item["pattern"])
    except re.error as err:
        raise DataError(f"data/{_FILE}: {where} is not a valid regular expression ({err})") from err
    kinds = [k for k in ("actor", "state", "lookup") if k in item]
    if len(kinds) != 1:
        raise DataError(f"data/{_FILE}: {where} needs exactly one of `actor`, `state`, `lookup`")
    lookup = item.get("lookup") or ()
    if isinstance(lookup, str):
        lookup = (lookup,)
    groups = [item["state"]] if "state" in item else list(lookup)
    unknown = [g for g in groups if g not in pattern.groupindex]
    if unknown:
        raise DataError(f"data/{_FILE}: {where} names group(s) {unknown} that its pattern lacks")
    return _Rule(
        pattern=pattern,
        fixed="actor" in item,
        actor=_target(item.get("actor"), where),
        state=item.get("state"),
        lookup=tuple(str(g) for g in lookup),
    )


def parse_coder_names(data, origin: str = f"data/{_FILE}") -> CoderNames:
    """Check and index the mapping read from ``data/coder_actors.yaml``."""
    if not isinstance(data, dict):
        raise DataError(f"{origin}: expected a mapping with `names`, `patterns`, `countries`")
    names_raw = data.get("names") or {}
    countries_raw = data.get("countries") or {}
    patterns_raw = data.get("patterns") or []
    if not isinstance(names_raw, dict) or not isinstance(countries_raw, dict):
        raise DataError(f"{origin}: `names` and `countries` should be mappings")
    if not isinstance(patterns_raw, list):
        raise DataError(f"{origin}: `patterns` should be a list")
    names = {str(k): _target(v, f"names[{k!r}]") for k, v in names_raw.items()}
    folded = {key(k): v for k, v in names.items() if len(k) >= _MIN_FOLDED}
    countries = {}
    for spelling, code in countries_raw.items():
        if not (isinstance(code, str) and len(code) == 2 and code.isalpha()):
            raise DataError(
                f"{origin}: countries[{spelling!r}] should be an ISO alpha-2 code, got {code!r}"
            )
        countries[key(str(spelling))] = code.upper()
    rules = tuple(_rule(item, i) for i, item in enumerate(patterns_raw))
    return CoderNames(names, folded, rules, countries)


@functools.cache
def coder_names() -> CoderNames:
    """``data/coder_actors.yaml``, read once per process."""
    return parse_coder_names(load_yaml(_FILE))


def _named(target: str | None, book: ActorBook) -> Actor | None:
    if target is None:
        return None
    return book.by_name().get(target) or book.canonical(target)


def _state(country: str, book: ActorBook, table: CoderNames) -> Actor | None:
    """The state actor of a country as a coder spells it ("the United States",
    "Russia (Soviet Union)", "DR Congo (Zaire)")."""
    text = re.sub(r"^the\s+", "", country.strip(), flags=re.IGNORECASE)
    bare = re.sub(r"\s*\([^()]*\)\s*", " ", text).strip()
    for form in dict.fromkeys([text, bare]):
        code = table.countries.get(key(form))
        if code:
            return book.state_of(code)
        actor = book.canonical(form)
        if actor is not None and actor.type == "state" and actor.country:
            return book.state_of(actor.country) or actor
    return None


def _as_name(name: str, book: ActorBook, table: CoderNames) -> tuple[bool, Actor | None]:
    """Steps 1-3 of the lookup: (known, actor); ``known`` with no actor is a coder
    category that has no geomap actor."""
    if name in table.names:
        return True, _named(table.names[name], book)
    actor = book.canonical(name)
    if actor is not None:
        return True, actor
    k = key(name)
    if k in table.folded:
        return True, _named(table.folded[k], book)
    return False, None


def coder_actor(name: str, book: ActorBook | None = None) -> Actor | None:
    """The geomap actor a UCDP or ACLED actor name refers to, ``None`` when it is none
    (a communal militia, "Unidentified Military Forces") or an actor geomap does not know.

    Parameters
    ----------
    name
        The name as the dataset writes it.
    book
        The actor book to answer from (default: data/actors.yaml and the UN member states).

    Examples
    --------
    >>> coder_actor("IS").name, coder_actor("Military Forces of Russia (2000-)").name
    ('Islamic State', 'Russia')
    >>> coder_actor("Civilians (Syria)").name, coder_actor("Unidentified Armed Group (Syria)").name
    ('Civilians', 'Unidentified armed group')
    >>> coder_actor("Communal Militia (Syria)") is None
    True
    """
    book = book or default_book()
    return _lookup((name or "").strip(), book, coder_names(), _MAX_DEPTH)[1]


#: A looked-up group goes through the patterns again at most this many times ("Islamic
#: State (West Africa) - Lake Chad Faction" -> "Islamic State (West Africa)" -> "Islamic
#: State"); the bound keeps hostile names cheap.
_MAX_DEPTH = 2


def _lookup(name: str, book: ActorBook, table: CoderNames, depth: int) -> tuple[bool, Actor | None]:
    """(known, actor) of a coder's name: steps 1-3, then the patterns (see coder_actor)."""
    if not name or len(name) > _MAX_NAME:
        return False, None
    known, actor = _as_name(name, book, table)
    if known:
        return True, actor
    for rule in table.rules:
        m = rule.pattern.search(name)
        if m is None:
            continue
        if rule.fixed:
            return True, _named(rule.actor, book)
        if rule.state:
            return True, _state(m[rule.state], book, table)
        for group in rule.lookup:
            text = (m[group] or "").strip()
            if not text or text == name:
                continue
            known, actor = (
                _lookup(text, book, table, depth - 1) if depth > 0 else _as_name(text, book, table)
            )
            if known:
                return True, actor
    return False, None
