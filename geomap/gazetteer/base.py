"""The gazetteer/geocoder contract and the backend registry.

Every backend answers the same two questions, with the same signature:

* ``candidates(key) -> list[Place]`` -- places whose name has this lookup key
  (see :func:`geomap.text.key`); an empty list when nothing is known.
* ``place(geonameid) -> Place | None``.

Offline indexes also expose ``keys()`` for recognition. Backends are registered by name
and found with :func:`get_gazetteer`, which lists the valid names when given a wrong one.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Container, Iterable

from ..errors import InputError
from ..records import Mention, Place


class Gazetteer(abc.ABC):
    """A source of places by lookup key."""

    #: registry name
    name: str = "base"
    #: can this backend place names it has no key for (an online geocoder behind it)?
    #: Recognition then also proposes unknown names announced by a cue ("قرية X").
    open_world: bool = False

    @abc.abstractmethod
    def candidates(self, key: str) -> list[Place]:
        """Places whose name has lookup key ``key``; ``[]`` when none."""

    @abc.abstractmethod
    def place(self, geonameid: int) -> Place | None:
        """The place with this id, or ``None``."""

    def candidates_for(self, mention: Mention) -> list[Place]:
        """Places a recognised mention may name; by default ``candidates(mention.key)``.

        Online geocoders use the surface form instead of the folded key.
        """
        return self.candidates(mention.key)

    def lookup(self, name: str) -> list[Place]:
        """Places named ``name`` (any spelling geomap can normalise)."""
        from ..text import key
        from ..text.spelling import skeleton

        got = self.candidates(key(name))
        if not got:
            # another spelling of an Arabic name ("Hodeidah" for "Al Hudaydah")
            sk = skeleton(name)
            got = self.candidates(sk) if sk else []
        return got

    def info(self) -> dict:
        return {"backend": self.name}

    def has_key(self, key: str) -> bool:
        return bool(self.candidates(key))

    def names_for_key(self, key: str) -> list[str]:
        """The names, as written, that have lookup key ``key`` (``[]`` when unknown)."""
        return []

    def keys_by_shape(self, first: str, length: int) -> tuple[str, ...]:
        """The keys that begin with ``first`` and have ``length`` characters, in the order
        of ``keys()`` (the pools of near spellings are made of them); ``()`` for a backend
        without ``keys()``. This default groups every key once per gazetteer (about a
        second for a big index); an index reads the groups it stores instead."""
        shapes = self.__dict__.get("_key_shapes")
        if shapes is None:
            lists: dict[tuple[str, int], list[str]] = {}
            keys = getattr(self, "keys", None)
            for k in keys() if keys is not None else ():
                if k:
                    lists.setdefault((k[0], len(k)), []).append(k)
            # tuples of strings, not lists: the garbage collector stops tracking them,
            # where every full collection walked ~700k keys in lists (tens of ms each time)
            shapes = self.__dict__["_key_shapes"] = {b: tuple(ks) for b, ks in lists.items()}
        return shapes.get((first, length), ())

    def prefixes(self) -> Container[str]:
        """Every proper token prefix of a multi-word key (for longest-match scanning):
        anything that answers ``in`` (a frozenset, a :class:`LazySet`)."""
        return frozenset()

    def prefetch(self, keys: Iterable[str], *, places: bool = False) -> None:
        """A hint: ``has_key`` and ``prefixes()`` are about to be asked about ``keys`` (a
        document's words), and with ``places`` ``candidates`` too. A backend that reads
        its answers from storage may read them all at once now; the answers never
        change. By default nothing is done."""

    def close(self) -> None:  # pragma: no cover - trivial
        pass


class LazySet(dict):
    """A set of strings whose members are found out on demand and remembered.

    ``answer(s)`` says whether ``s`` is a member; it is asked once per string. ``s in
    lazy`` and ``lazy[s]`` then answer from the dict, in C, as fast as a frozenset's ``in``
    (recognition asks for every token). ``__contains__`` is ``dict.__getitem__`` on purpose:
    a plain dict's ``in`` would answer False for every string not yet asked about, without
    calling ``__missing__``. Emptying it (``clear()``) changes no answer, only its cost.

    >>> vowels = LazySet(lambda s: s in "aeiou")
    >>> "a" in vowels, "b" in vowels, len(vowels)
    (True, False, 2)
    """

    __slots__ = ("answer",)
    __contains__ = dict.__getitem__  # type: ignore[assignment]

    def __init__(self, answer: Callable[[str], bool]):
        super().__init__()
        self.answer = answer

    def __missing__(self, s: str) -> bool:
        got = self[s] = bool(self.answer(s))
        return got


def memo_of(gazetteer: object, name: str, limit: int) -> dict:
    """The memo called ``name`` of a gazetteer: a dict for the answers of a pure function of
    a string and this gazetteer (a gazetteer does not change once open), kept with the
    gazetteer (so it goes when the gazetteer goes, and a forked worker inherits it) and
    emptied when it holds ``limit`` answers (emptying changes no answer, only its cost).
    A gazetteer without a ``__dict__`` gets a fresh, unshared dict: nothing is kept.

    >>> class G: pass
    >>> g = G()
    >>> memo_of(g, "x", 10)["a"] = 1
    >>> memo_of(g, "x", 10)
    {'a': 1}
    """
    memos = getattr(gazetteer, "__dict__", None)
    if memos is None:
        return {}
    got = memos.get(f"_memo_{name}")
    if got is None or len(got) >= limit:
        got = memos[f"_memo_{name}"] = {}
    return got


_REGISTRY: dict[str, Callable[..., Gazetteer]] = {}


def register(name: str) -> Callable[[Callable[..., Gazetteer]], Callable[..., Gazetteer]]:
    def deco(factory: Callable[..., Gazetteer]) -> Callable[..., Gazetteer]:
        _REGISTRY[name] = factory
        return factory

    return deco


#: Modules that register backends; imported when the registry is first asked (not at
#: start-up: most runs use the embedded index alone).
BACKEND_MODULES = ("active", "embedded", "overrides", "online")


def _load_backends() -> None:
    import importlib

    for module in BACKEND_MODULES:
        importlib.import_module(f"{__package__}.{module}")


def get_gazetteer(name: str = "embedded", **kwargs) -> Gazetteer:
    """Return the gazetteer backend registered as ``name``.

    Raises :class:`~geomap.errors.InputError` naming the valid backends otherwise.
    """
    if name not in _REGISTRY:  # "index" and "embedded" are there from the start
        _load_backends()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        valid = ", ".join(sorted(_REGISTRY))
        raise InputError(f"unknown gazetteer {name!r}; expected one of: {valid}") from None
    return factory(**kwargs)


def backends() -> Iterable[str]:
    _load_backends()
    return sorted(_REGISTRY)
