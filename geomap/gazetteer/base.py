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
from collections.abc import Callable, Iterable

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

    def prefixes(self) -> frozenset[str]:
        """Every proper token prefix of a multi-word key (for longest-match scanning)."""
        return frozenset()

    def close(self) -> None:  # pragma: no cover - trivial
        pass


_REGISTRY: dict[str, Callable[..., Gazetteer]] = {}


def register(name: str) -> Callable[[Callable[..., Gazetteer]], Callable[..., Gazetteer]]:
    def deco(factory: Callable[..., Gazetteer]) -> Callable[..., Gazetteer]:
        _REGISTRY[name] = factory
        return factory

    return deco


def get_gazetteer(name: str = "embedded", **kwargs) -> Gazetteer:
    """Return the gazetteer backend registered as ``name``.

    Raises :class:`~geomap.errors.InputError` naming the valid backends otherwise.
    """
    try:
        factory = _REGISTRY[name]
    except KeyError:
        valid = ", ".join(sorted(_REGISTRY))
        raise InputError(f"unknown gazetteer {name!r}; expected one of: {valid}") from None
    return factory(**kwargs)


def backends() -> Iterable[str]:
    return sorted(_REGISTRY)
