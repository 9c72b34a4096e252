"""Units named by a bare name and a unit word ("Marib province", "the Belgorod region").

The gazetteer indexes many first-order units only under their full name ("Marib
Governorate", "Belgorodskaya oblast'"), so the bare name finds only the town. A mention
with the ``province`` cue (a unit word before or after it, data/place_cues.yaml) also
takes the units whose key is one of the forms listed in ``data/place_units.yaml``. Indexing
every unit under its bare name was tried and dropped: "Damascus countryside" then found
Damascus Governorate, and every bare "Damascus" the unit as well as the city.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ..gazetteer.base import Gazetteer
from ..knowledge import word_list
from ..records import Mention, Place

_UNITS = frozenset({"ADM1", "ADM2"})


@functools.cache
def unit_keys(language: str) -> tuple[str, ...]:
    """The forms ("{} governorate", "{}skaya oblast") a unit's key takes in the gazetteer,
    for mentions in ``language`` (none listed: no forms)."""
    return word_list("place_units.yaml", "unit_keys", language)


def with_named_units(m: Mention, cs: Sequence[Place], gazetteer: Gazetteer) -> list[Place]:
    """``cs`` (the candidates of ``m``'s own name) and, when a unit word goes with ``m``
    and none of ``cs`` is a unit, the units listed under a unit form of its key that hold
    one of its towns (or any, when it has none). Not after "countryside": the events
    stage places "the Damascus countryside" near the city, in the unit around it.

    >>> from geomap.records import Place
    >>> class Gaz:
    ...     def candidates(self, key):
    ...         return [Place(2, "Marib Governorate", 15.3, 45.1, "YE", "14", "",
    ...                       "A", "ADM1")] if key == "marib governorate" else []
    >>> town = Place(1, "Ma'rib", 15.5, 45.3, "YE", "14")
    >>> m = Mention(0, 5, "Marib", "marib", "en", "province")
    >>> [p.name for p in with_named_units(m, [town], Gaz())]
    ["Ma'rib", 'Marib Governorate']
    """
    kinds = (m.cue or "").split("+")
    forms = unit_keys(m.language) if "province" in kinds else ()
    if not forms or any(p.feature_code in _UNITS for p in cs):
        return list(cs)
    towns = [(p.country_code, p.admin1) for p in cs if p.feature_class == "P"]
    seen = {p.geonameid for p in cs}
    out = list(cs)
    for form in forms:
        for p in gazetteer.candidates(form.replace("{}", m.key)):
            if p.geonameid in seen or p.feature_code not in _UNITS:
                continue
            if towns and (p.country_code, p.admin1) not in towns:
                continue
            seen.add(p.geonameid)
            out.append(p)
    return out
