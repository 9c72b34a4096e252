"""Given spans (gold mentions) the gazetteer does not know as a whole.

A span handed to :func:`geomap.geoparse.resolve_spans` is a place by the caller's word, so
when its name is not in the gazetteer geomap still looks for where it is:

* a place name inside it -- "Colorado State University", "Manila Cathedral", "Bank of
  Japan" -- stands for the span (:func:`inner_key`);
* an adjective or a people formed from the name of a country or region the demonym list
  lacks ("Sicilian", "Ohioans", "Serb") stands for it (:func:`adjective_key`);
* a street, a building or a neighbourhood the gazetteer lacks ("Royal Street") lies in the
  place the document is about: the place at the centre of those its other mentions name
  (:func:`context_place`), or the country it names most (:func:`main_country`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..gazetteer.base import Gazetteer
from ..geodesy import haversine_km
from ..records import Place, Resolved
from ..text.normalize import fold, is_arabic, key

_WORD = re.compile(r"\w+", re.UNICODE)


def inner_key(surface: str, gaz: Gazetteer, common: frozenset[str] = frozenset(),
              given: frozenset[str] = frozenset()) -> str | None:
    """The key of the leftmost known place name inside ``surface`` (the longest one that
    starts there): an institution is named after its town first ("Busan Eastern District
    Court" is in Busan, not in some Eastern District).

    Only runs of capitalised (or Arabic) words count, and a one-word name that is a common
    word (``common``, lookup keys) does not: "Royal Street" holds no place; nor does a
    name right after a given name (``given``, folded), which is a person's: "Ronald Wilson
    Reagan Middle School" is named after a man, not after Wilson, North Carolina.
    """
    words = _WORD.findall(surface)
    n = len(words)
    proper = [w[0].isupper() or is_arabic(w) for w in words]
    for i in range(n):
        if i and proper[i - 1] and fold(words[i - 1]) in given:
            continue
        for size in range(min(n - 1, n - i), 0, -1):
            if not all(proper[i : i + size]):
                continue
            k = key(" ".join(words[i : i + size]))
            if not k or (size == 1 and (k in common or len(k) < 3)):
                continue
            if gaz.has_key(k):
                return k
    return None


# English adjective endings and the name endings they come from: Serbian -> Serbia,
# Sicilian -> Sicily, Korean -> Korea, Ohioan -> Ohio, Texan -> Texas, Mexican -> Mexico,
# Japanese -> Japan, Polish -> Poland, Dagestani -> Dagestan, Philippine -> Philippines,
# Serb -> Serbia.
_ADJECTIVE_ENDINGS = (
    ("ian", ("ia", "y", "")),
    ("an", ("a", "", "o", "s")),
    ("ese", ("", "a")),
    ("ish", ("", "land", "istan", "ey")),
    ("i", ("",)),
    ("e", ("es",)),
    ("", ("ia",)),
)


def adjective_key(surface: str, gaz: Gazetteer) -> str | None:
    """The key of the country, first-order unit or named region (an ethnic or world
    region: "Kurdish" -> Kurdistan) a span's last word is an adjective or a people of
    (``None`` when no form of it names one).

    >>> from geomap.gazetteer import default
    >>> adjective_key("Sicilians", default())  # the region's own name
    'sicilia'
    """
    words = key(surface).split()
    if not words or not words[-1].isalpha() or len(words[-1]) < 4:
        return None
    last = words[-1]
    stems = [last, last[:-1]] if last.endswith("s") else [last]
    for stem in stems:
        for ending, names in _ADJECTIVE_ENDINGS:
            if not stem.endswith(ending) or len(stem) - len(ending) < 3:
                continue
            base = stem[: len(stem) - len(ending)]
            for name in names:
                k = " ".join([*words[:-1], base + name])
                if any(p.is_country or p.feature_code in ("ADM1", "RGN")
                       for p in gaz.candidates(k)):
                    return k
    return None


#: Beyond this distance a place counts as simply "elsewhere" when finding the centre.
_CAP_KM = 500.0


def context_place(resolved: Sequence[Resolved], weights: Sequence[int] = ()) -> Place | None:
    """The place below country level at the centre of the places the resolved mentions
    name: the one with the least total distance to them (each distance capped at
    500 km, each mention counted), so a stray namesake far from the others is never the
    centre; the most named, then the first named, on a tie. ``None`` when they name none.
    ``weights``, one per resolved mention, says how many mentions each counts as (one
    when absent: a dateline's town counts as more).
    """
    counts: Counter[int] = Counter()
    first: dict[int, tuple[int, Place]] = {}
    for i, r in enumerate(resolved):
        p = r.place
        if p is None or p.is_country or p.feature_code == "CONT":
            continue
        counts[p.geonameid] += weights[i] if i < len(weights) else 1
        first.setdefault(p.geonameid, (i, p))
    if not counts:
        return None
    places = {g: first[g][1] for g in counts}

    def spread(g: int) -> float:
        p = places[g]
        return sum(
            n * min(_CAP_KM, haversine_km(p.lat, p.lon, places[h].lat, places[h].lon))
            for h, n in counts.items()
        )

    best = min(counts, key=lambda g: (spread(g), -counts[g], first[g][0]))
    return places[best]


def main_country(resolved: Sequence[Resolved]) -> Place | None:
    """The country the resolved mentions name most often (the first named on a tie);
    ``None`` when they name none."""
    counts: Counter[int] = Counter()
    first: dict[int, Place] = {}
    for r in resolved:
        if r.place is not None and r.place.is_country:
            counts[r.place.geonameid] += 1
            first.setdefault(r.place.geonameid, r.place)
    # Counter.most_common keeps first-counted order among equal counts
    return first[counts.most_common(1)[0][0]] if counts else None
