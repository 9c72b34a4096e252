"""Gazetteer overrides: a user's own places and aliases, layered on top of any gazetteer.

An analyst adds a village the index lacks, or the spelling local media use for a place it
has, in a CSV or YAML file with these fields (only ``name`` is always required)::

    name, lat, lon, country_code, admin1, feature_code, aliases, geonameid, population

* a row with ``lat``/``lon`` is a place: a new one (its id is ``geonameid`` when given,
  else a stable negative id derived from name and coordinates), or a correction of the
  place with that ``geonameid``;
* a row with a ``geonameid`` and no coordinates only adds ``name`` and ``aliases`` as
  names of that existing place.

``aliases`` is a list in YAML, and ``|``- or ``;``-separated in CSV. YAML files hold a
list of such mappings, or ``{places: [...]}``.

The same file can be passed to ``geomap extract/map --gazetteer-overrides FILE`` (layered
at run time by :class:`OverrideGazetteer`) or to ``geomap gazetteer import FILE`` (written
into a new index).
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, InputError
from ..knowledge import parse_yaml
from ..records import Place
from ..text.normalize import key
from .base import Gazetteer, LazySet, register
from .store import token_prefixes

FIELDS = ("name", "lat", "lon", "country_code", "admin1", "feature_code", "aliases", "geonameid",
          "population")
_ALIAS_SPLIT = re.compile(r"\s*[|;]\s*")


@dataclass(frozen=True, slots=True)
class Override:
    """One row of an overrides file: a place (new or corrected), or aliases of a known id."""

    geonameid: int
    names: tuple[str, ...]
    place: Place | None = None  # None: only names for an existing place


def synthetic_id(*parts: object) -> int:
    """A stable negative id for a place that has no GeoNames id.

    >>> synthetic_id("Tell X", 36.5, 38.1) == synthetic_id("Tell X", 36.5, 38.1) < 0
    True
    """
    digest = hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()
    return -(1 + int(digest[:13], 16))


def feature_class_of(code: str) -> str:
    """GeoNames feature class of a feature code (``PPLA`` -> ``P``, ``ADM2`` -> ``A``)."""
    if code.startswith("PPL"):
        return "P"
    if code.startswith(("ADM", "PCL")):
        return "A"
    if code in ("CONT", "RGN", "AREA"):
        return "L"
    return "S"


def load_overrides(path: str | Path) -> list[Override]:
    """Read an overrides file (``.csv``, ``.yaml`` or ``.yml``); bad rows are clear errors."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as fh:
                rows = list(enumerate(csv.DictReader(fh), start=2))
        elif suffix in (".yaml", ".yml"):
            with path.open(encoding="utf-8") as fh:
                data = parse_yaml(fh, f"overrides file {path}") or []
            if isinstance(data, dict):
                data = data.get("places", [])
            if not isinstance(data, list):
                raise InputError(
                    f"{path}: expected a list of places (or {{places: [...]}}), "
                    f"got {type(data).__name__}"
                )
            rows = list(enumerate(data, start=1))
        else:
            raise InputError(
                f"{path}: overrides must be a .csv or .yaml file, got {suffix or 'no extension'!r}"
            )
    except OSError as err:
        raise InputError(f"cannot read overrides file {path}: {err.strerror or err}") from err
    except DataError as err:
        raise InputError(str(err)) from None
    except (csv.Error, UnicodeDecodeError) as err:
        raise InputError(f"{path} is not a readable overrides file: {err}") from err
    where = "line" if suffix == ".csv" else "entry"
    return [_row(r, f"{path} {where} {n}") for n, r in rows]


def _check_fields(row: object, where: str) -> None:
    """Refuse a row that is no mapping or has fields an override does not know."""
    if not isinstance(row, dict):
        raise InputError(
            f"{where}: expected a mapping with fields {', '.join(FIELDS)}; got {row!r:.80}"
        )
    unknown = set(row) - set(FIELDS) - {"feature_class", "admin1_name", None}
    if unknown:
        raise InputError(
            f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
            f"expected {', '.join(FIELDS)}"
        )


def _names(name: str, aliases: object) -> tuple[str, ...]:
    """The place's name and its aliases (a list, or one string of them), each once."""
    aliases = aliases or []
    if isinstance(aliases, str):
        aliases = [a for a in _ALIAS_SPLIT.split(aliases) if a]
    return tuple(dict.fromkeys([name, *(str(a).strip() for a in aliases if str(a).strip())]))


def _row(row: object, where: str) -> Override:
    _check_fields(row, where)

    def text(field: str) -> str:
        v = row.get(field)
        return "" if v is None else str(v).strip()

    name = text("name")
    if not name:
        raise InputError(f"{where}: 'name' is required")
    names = _names(name, row.get("aliases"))

    gid_text = text("geonameid")
    try:
        gid = int(gid_text) if gid_text else None
    except ValueError:
        raise InputError(f"{where}: geonameid must be an integer, got {gid_text!r}") from None

    lat_text, lon_text = text("lat"), text("lon")
    if not lat_text and not lon_text:
        if gid is None:
            raise InputError(
                f"{where}: {name!r} needs lat and lon (a new place) or a geonameid "
                "(aliases of a known place)"
            )
        return Override(gid, names)
    lat, lon = _coord(lat_text, "lat", 90, where), _coord(lon_text, "lon", 180, where)
    code = text("feature_code").upper() or "PPL"
    pop_text = text("population")
    try:
        pop = int(float(pop_text)) if pop_text else 0
    except ValueError:
        raise InputError(f"{where}: population must be a number, got {pop_text!r}") from None
    if gid is None:
        gid = synthetic_id(name, round(lat, 5), round(lon, 5))
    place = Place(
        gid,
        name,
        lat,
        lon,
        text("country_code").upper(),
        text("admin1"),
        text("admin1_name"),
        text("feature_class").upper() or feature_class_of(code),
        code,
        pop,
        "override",
    )
    return Override(gid, names, place)


def _coord(value: str, field: str, limit: float, where: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = math.nan
    if not -limit <= x <= limit:  # also refuses NaN
        raise InputError(
            f"{where}: {field} must be a number between -{limit} and {limit}, got {value!r}"
        )
    return x


def override_names(overrides: Iterable[Override]) -> Iterator[tuple[str, int, str]]:
    """``(key, geonameid, name)`` rows for an index."""
    for o in overrides:
        for n in o.names:
            k = key(n)
            if k:
                yield k, o.geonameid, n


class OverrideGazetteer(Gazetteer):
    """``base`` with a user's places and aliases on top (their places win on equal ids)."""

    name = "overrides"

    def __init__(
        self, base: Gazetteer, paths: Sequence[str | Path] = (), overrides: Iterable[Override] = ()
    ):
        self.base = base
        self._places: dict[int, Place] = {}
        self._keys: dict[str, tuple[int, ...]] = {}
        rows = list(overrides)
        for p in paths:
            rows.extend(load_overrides(p))
        for o in rows:
            if o.place is not None:
                self._places[o.geonameid] = o.place
        for k, gid, _ in override_names(rows):
            ids = self._keys.get(k, ())
            if gid not in ids:
                self._keys[k] = ids + (gid,)
        own, theirs = token_prefixes(self._keys), base.prefixes()
        # the base's prefixes may be read on demand (an index): ask it, do not copy it
        self._prefixes = LazySet(lambda k: k in own or k in theirs)
        self.sources = [str(p) for p in paths]

    def candidates(self, key: str) -> list[Place]:
        out: dict[int, Place] = {}
        for gid in self._keys.get(key, ()):
            p = self.place(gid)
            if p is not None:
                out[gid] = p
        for p in self.base.candidates(key):
            out.setdefault(p.geonameid, self._places.get(p.geonameid, p))
        return list(out.values())

    def place(self, geonameid: int) -> Place | None:
        return self._places.get(geonameid) or self.base.place(geonameid)

    def has_key(self, key: str) -> bool:
        return key in self._keys or self.base.has_key(key)

    def prefixes(self) -> LazySet:
        return self._prefixes

    def prefetch(self, keys: Iterable[str], *, places: bool = False) -> None:
        self.base.prefetch(keys, places=places)

    def names_for_key(self, key: str) -> list[str]:
        return self.base.names_for_key(key)

    def keys(self) -> Iterator[str]:
        yield from self._keys
        if hasattr(self.base, "keys"):
            yield from (k for k in self.base.keys() if k not in self._keys)

    def keys_by_shape(self, first: str, length: int) -> tuple[str, ...]:
        # in the order of keys(): the overrides' own, then the base's other keys
        own = tuple(k for k in self._keys if k and k[0] == first and len(k) == length)
        theirs = self.base.keys_by_shape(first, length)
        return own + tuple(k for k in theirs if k not in self._keys) if own else theirs

    def info(self) -> dict:
        return {
            **self.base.info(),
            "overrides": self.sources,
            "override_places": len(self._places),
            "override_keys": len(self._keys),
        }


@register("overrides")
def overrides(paths: Sequence[str | Path] = (), base: Gazetteer | None = None) -> OverrideGazetteer:
    """The default gazetteer (or ``base``) with the overrides files ``paths`` on top."""
    if base is None:
        from .active import default

        base = default()
    return OverrideGazetteer(base, paths)
