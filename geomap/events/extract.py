"""From one document to event records: the wiring of the events stage.

For each sentence, every trigger word (``data/event_types.yaml``) opens a draft event
(:mod:`.drafts`); the sentence's actors take their roles (:mod:`.roles`), drafts merge and
get a status, and the event is placed among the sentence's places (:mod:`.location`).
The document's text is prepared once (:class:`~geomap.text.view.TextView`) and handed to
the geoparser as it is.
"""

from __future__ import annotations

import datetime as dt
import bisect
import functools
import hashlib
import operator
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..errors import DataError, DocumentError
from ..gazetteer import Gazetteer, default
from ..gazetteer.base import memo_of
from ..gazetteer.regions import no_event_place
from ..lexicon import Match
from ..geoparse import geoparse, span_key
from ..geoparse.names import repair_places, unknown_places
from ..geoparse.variants import fuzzy_cued
from ..records import ActorMention, Document, Event, Place, Resolved
from ..text.lang import OTHER, detect_language
from ..text.languages import language, supported_codes
from ..text.normalize import fold
from ..text.sentences import Sentence
from ..text.view import TextView
from ..text.windows import WINDOW_CHARS, windows
from .actors import STATE_FORCES, ActorBook, default_book
from .dates import AFTER_EVENT, AHEAD_DAYS, after_event, clause_date, dateline_date, dateline_end
from .document import EventDoc, per_document
from .dedup import merged_roles
from .drafts import (
    Draft,
    characterisations,
    authorities_opposite,
    clash_of_demonstrators,
    draft_status,
    fighting_of_broken,
    former_side,
    kept_sub_event,
    merge_drafts,
    other_sense,
    places_apart,
    prevented_attacks,
    refers_back,
    sentence_wide,
    names_word,
    state_soldiers_hurt,
    victims_of,
)
from .fatalities import casualty_word, fatalities
from .retell import fold_retellings
from .lexicons import TriggerSpec, draft_settings, rules, split_triggers, triggers
from ..geoparse.capital import country_place, focus_country
from .location import (
    CAPITAL_REASON,
    COUNTRY_FALLBACK,
    SCENE_REASON,
    abroad,
    best_place,
    capital_named,
    carry_scene,
    contained,
    CountrySupport,
    describe_place,
    document_country,
    focus_fallback,
    owner_countries,
    lead_end,
    local_country,
    water_spans,
    with_territories,
    at_sea,
    scene_of,
)
from .roles import (
    patrons,
    absorb_generic,
    assign_actors,
    credit_claims,
    fallen_soldiers,
    implied_actors,
    lone_side,
    named_states,
    participants,
    qualified_state,
    sentence_country,
    settle_roles,
    topical,
)

__all__ = ["DocumentPlaces", "events_from_document", "document_places", "sentence_actors"]


@dataclass(frozen=True)
class DocumentPlaces:
    """A document's places: those the gazetteer resolved (``known``), and the longer
    English names it knows only a part of (``long_names``, ``place=None``)."""

    known: list[Resolved]
    long_names: list[Resolved]
    gazetteer: Gazetteer | None = None
    #: the countries the document's demonyms and one-country actors name (geoparse's evidence)
    evidence: Counter = field(default_factory=Counter)
    #: the character spans of the water bodies it names (:func:`water_spans`)
    water: list[tuple[int, int]] = field(default_factory=list)

    def unknown(
        self, d: EventDoc, known: list[Resolved], lo: int = 0, hi: int | None = None
    ) -> list[Resolved]:
        """The places the gazetteer does not know among tokens ``lo:hi`` (see
        :func:`geomap.geoparse.names.unknown_places`)."""
        got = unknown_places(
            d.view, known, lo, hi, long_names=self.long_names, named=lambda: d.named_tokens
        )
        # "the village of Kafr Nubul": the most alike name in the document's countries
        return fuzzy_cued(got, self.gazetteer, self.known) if self.gazetteer else got

    @functools.cached_property
    def support(self) -> CountrySupport:
        """What the document says about each country (its places, demonyms, actors)."""
        return CountrySupport.of(self.known, self.evidence)

    @functools.cached_property
    def focus(self) -> str:
        """The country (ISO alpha-2) the places lie in most, a country named counting
        twice (:func:`~geomap.geoparse.capital.focus_country`), "" on a tie or none."""
        return focus_country(self.known, {}) or ""


def _country_evidence(d: EventDoc, *, actors: bool = True,
                      book: ActorBook | None = None) -> Counter:
    """The countries the document's demonyms name ("Russian warplanes"), one for each
    (found in the document's one lexicon pass: what geoparse's country_evidence() would
    find, without scanning the tokens again), and with ``actors`` those of its actors of
    one country ("the Houthis", "the regime forces"), one for each actor: whose, not
    where, but a town of that name there is the likelier."""
    evidence = Counter(m.value[0] for m in d.demonyms if m.value[0])
    if not actors:
        return evidence
    # (no actor inside a water body's name: see events_from_document)
    countries = {m.actor.name: m.actor.country for m in d.actors if m.actor.country}
    # "regime forces" say Syria's when nothing else says which state (regime_words in
    # data/actors.yaml): so a town of their name there is the likelier ("Regime forces
    # shell Palmyra" is not Palmyra, Pennsylvania); one count, as an actor's. Not where the
    # document says whose they are ("Iraqi regime forces", :func:`qualified_state`)
    book = book or default_book()
    regime = next((s.country for m in d.actors if m.actor.name == STATE_FORCES
                   and (s := book.regime_state(m.surface)) is not None), None)
    if regime and qualified_state(d):
        regime = None
    if regime and regime not in countries.values():
        countries[STATE_FORCES] = regime
    evidence.update(countries.values())
    return evidence


def document_places(d: EventDoc, gaz: Gazetteer,
                    water: list[tuple[int, int]] | None = None,
                    book: ActorBook | None = None) -> DocumentPlaces:
    """Geoparse the document view: the resolved places, after English name repair.

    Actor names that contain a place ("درع الفرات", "قوات سوريا الديمقراطية") block it; an
    alias that is itself a place ("روسيا", "دمشق") stays a place. ``water``: the spans of
    the water bodies named (:func:`water_spans`, found here when not given).
    """
    unplaced = _not_a_place_name(gaz)
    exclude = [(m.start, m.end) for m in d.actors if unplaced(m.surface)]
    # "the Gulf of Guinea" names no country
    water = water if water is not None else water_spans(d.text, d.lang, gaz)
    exclude += water
    evidence = _country_evidence(d, book=book)
    # (an Israeli actor's Jenin is the West Bank's: the territories its state holds count)
    resolved = geoparse(d.view, gazetteer=gaz, exclude=exclude,
                        evidence=with_territories(evidence))
    # water and regions of several countries name no event place and no country
    places = [r for r in resolved if r.place is not None and not no_event_place(r.place)]
    known, long_names = repair_places(d.view, places, [(m.start, m.end) for m in d.actors])
    # hyphenated Arabic names recognition found whole though the gazetteer lacks them
    # ("Al-Zara"): unknown places, as the longer names of the repair are
    long_names += [r for r in resolved if r.place is None and not r.candidates
                   and "-" in r.mention.surface and r.mention.key == fold(r.mention.surface)]
    return DocumentPlaces(known, long_names, gaz, evidence, water)


def _not_a_place_name(gaz: Gazetteer):
    """Is an actor's name (its surface) no key of gazetteer ``gaz``, Arabic clitics
    stripped (:func:`~geomap.geoparse.span_key`)? Remembered per gazetteer
    (:func:`~geomap.gazetteer.base.memo_of`): the same few hundred actor names come back
    in every article."""
    memo = memo_of(gaz, "not_a_place_name", 1 << 14)

    def unplaced(surface: str) -> bool:
        got = memo.get(surface)
        if got is None:
            got = memo[surface] = not gaz.has_key(span_key(surface, gaz))
        return got

    return unplaced


def sentence_places(
    d: EventDoc, places: list[Resolved], lo: int, hi: int
) -> list[tuple[int, Resolved]]:
    """The places that start in characters ``lo:hi``, with their first token."""
    return [(d.tok_index(r.mention.start), r) for r in places if lo <= r.mention.start < hi]


def sentence_actors(
    d: EventDoc,
    mentions: list[ActorMention],
    lo: int,
    hi: int,
    excluded: list[tuple[int, int]],
    s_places: list[tuple[int, Resolved]],
) -> tuple[list[tuple[int, ActorMention]], set[tuple[int, int]]]:
    """The actors that can take part in the events of characters ``lo:hi`` (not in an
    exclusion scope, not a country used as a place, not a topic), and the spans of the
    places that are topics ("the situation in Syria") or an armed side's patrons ("loyal
    to Iran", "US-led": they may act, but are not where it happened), not scenes."""
    actors = participants(d, mentions, lo, hi, excluded, s_places)
    not_here = topical(d, s_places)
    head = _dateline_end(d) if lo == 0 else None
    actors = [(t, m) for t, m in actors
              if (m.start, m.end) not in not_here and not (head and m.end <= head)]
    return actors, not_here | patrons(d, s_places)


def _not_in_dateline(d: EventDoc, lo: int, s_places: list[tuple[int, Resolved]]
                     ) -> list[tuple[int, Resolved]]:
    """The places of a sentence starting at character ``lo`` but those of the document's
    dateline ("BAMAKO (Reuters) - ..."): where the report was filed, no place of its events."""
    head = _dateline_end(d) if lo == 0 else None
    return [(t, r) for t, r in s_places if r.mention.end > head] if head else s_places


@per_document
def _dateline_end(d: EventDoc) -> int | None:
    """Where the document's dateline ends (:func:`~geomap.events.dates.dateline_end`)."""
    return dateline_end(d.text)


def events_from_document(
    doc: Document,
    *,
    book: ActorBook | None = None,
    gazetteer: Gazetteer | None = None,
    view: TextView | None = None,
) -> list[Event]:
    """Extract the events of one document (not yet deduplicated across sentences).

    ``view`` is the document's prepared text when the caller already has it. A text longer
    than :data:`~geomap.text.windows.WINDOW_CHARS` is read one window at a time (cut at
    paragraph breaks, see :func:`~geomap.text.windows.windows`), each window as an article
    of its own, so that the work stays proportional to the length; the events' offsets
    and ids are those in the whole text.

    Raises
    ------
    DocumentError
        When the document's language has no entry in the language registry
        (``data/languages.yaml``), for example a Latin-script text that is not English
        (``"other"``): there are no trigger words to read it by. The pipeline reports such
        a document as skipped, with this reason.
    """
    if view is None and len(doc.text) > WINDOW_CHARS:
        return _windowed_events(doc, book=book, gazetteer=gazetteer)
    view = TextView.of(view if view is not None else doc.text, doc.language)
    if not language(view.language).supported:
        raise DocumentError(doc.source or doc.doc_id, _unsupported(view.language))
    book = book or default_book()
    gaz = gazetteer or default()
    split = split_triggers(view.language)
    if not triggers(view.language).may_match(view.norm.text) and not (
        split is not None and split.may_match(view.norm.text)
    ):
        return []  # no trigger word can be in it: not even tokenised
    doc = _dated_by_dateline(doc, view.language)
    # a country's name in a water body's ("the Gulf of Guinea") is no actor and no place
    water = water_spans(view.text, view.language, gaz)
    d = EventDoc(view, book, not_actors=water)
    if not d.triggers:
        return []  # events start at trigger words: nothing more to find
    places = document_places(d, gaz, water, book)
    fallback = document_country(places.known, lead_end=lead_end(d.view),
                                owners=_owner_namings(d, places.known), gazetteer=gaz)
    # (the words of a speaker's naming, "what they called the looting of Yemen's oil",
    # name no one who acts)
    excluded = d.exclusion_spans() + [(a, c) for a, _, c in characterisations(d)]
    events: list[Event] = []
    placed = _Located(d, places.known, lambda r: r.mention.start, lambda r: r.mention.start)
    named = _Located(d, d.actors, lambda m: m.start)
    scene = None  # where the sentence before happened, for a sentence naming no place
    lone: set[str] = set()
    for sent, toks, s_trig in _triggered_sentences(d):
        here = local_country(_before_in_paragraph(d, placed, sent.start), d.text, sent.start,
                             fallback, gaz)
        got = _sentence_events(doc, d, book, sent, places, here, excluded, s_trig,
                               placed, named, toks, lone)
        got = _dated_after(d, got, events, toks, doc.date)
        got = carry_scene(got, scene, d.text, sent.start, d.lang, doc.date,
                          _named_in_paragraph(d, placed, sent.start, sent.end)
                          if scene is not None else None)
        merged = None
        if scene is not None:
            events, got, merged = _one_event_told_twice(
                events, got, scene[1], _names_demonstrators(d, toks))
        # (a sentence told as a part of the event before leaves that event's scene)
        scene = scene_of(got, sent.end) or scene_of([merged] if merged else [], sent.end)
        events += got
    events = credit_claims(d, _tolls_of_the_event_before(events),
                           frozenset(book.unclaimed_explosions.values()))
    events = fold_retellings(d, events, book)  # "The rebels said they targeted the facility."
    if lone:
        # (after the tolls: "3 militants were killed." after a clash is still its toll)
        events = [replace(e, actor1=e.actor2, actor2=None)
                  if e.event_id in lone and e.actor1 is None and e.actor2 is not None else e
                  for e in events]
    if events:
        events = _in_focus(events, places.known, places.evidence, fallback, gaz,
                           _country_evidence(d, actors=False), owner_countries(d))
    return events


@per_document
def _tells_days_after(d: EventDoc) -> bool:
    """Does the document write an ``after_event`` expression anywhere (most do not)?"""
    return any(m.value[0] == AFTER_EVENT for m in d.dates)


def _dated_after(d: EventDoc, got: list[Event], before: list[Event], toks: tuple[int, int],
                 article_date: dt.date | None) -> list[Event]:
    """The events ``got`` of one sentence, those it dates from the event told before it
    (``after_event`` in data/dates.yaml: "Drones struck the base the following day") dated
    so, when the sentence writes no date of its own for them (they bear the article's
    date, precision 2). ``before``: the document's events so far; the last one reported
    and dated is the one meant."""
    if not got or not before or not _tells_days_after(d):
        return got
    t0, t1 = toks
    matches = [m for m in d.dates if t0 <= m.tok_start and m.tok_end <= t1
               and m.value[0] == AFTER_EVENT]
    prior = next((e.event_date for e in reversed(before)
                  if e.status == "reported" and e.event_date is not None), None)
    if not matches or prior is None:
        return got
    when = after_event(matches, prior)
    if when is None or (article_date is not None and when[0] > article_date):
        return got
    return [replace(e, event_date=when[0], time_precision=when[1])
            if e.event_date == article_date and e.time_precision == 2 else e for e in got]


class _Located:
    """A document's places or actor mentions by where they start, to take those of one
    sentence after another without a scan of the whole document's list for each.

    ``items`` keep their order; with ``tok_of``, each item comes with the token it starts
    at (as :func:`sentence_places` gives them)."""

    def __init__(self, d: EventDoc, items, start_of, tok_of=None):
        self.items = items
        self.starts = [start_of(x) for x in items]
        self.sorted = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        self.toks = [d.tok_index(tok_of(x)) for x in items] if tok_of is not None else None

    def _range(self, lo: int, hi: int) -> range | list[int]:
        starts = self.starts
        if self.sorted:
            return range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))
        return [i for i, s in enumerate(starts) if lo <= s < hi]

    def between(self, lo: int, hi: int) -> list:
        """The items that start in characters ``lo:hi``, in order."""
        items = self.items
        if self.sorted:
            return items[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]
        return [items[i] for i in self._range(lo, hi)]

    def with_tokens(self, lo: int, hi: int) -> list[tuple[int, Resolved]]:
        """``(first token, item)`` of the items that start in characters ``lo:hi``."""
        items, toks = self.items, self.toks
        return [(toks[i], items[i]) for i in self._range(lo, hi)]


def _before_in_paragraph(d: EventDoc, placed: _Located, start: int) -> list[Resolved]:
    """The known places of ``placed`` that :func:`local_country` may take for the sentence
    at character ``start`` (those of its paragraph before it), in order; the document's
    all when they are not in text order. Taken by bisection, not by a scan of the
    document's places for each sentence."""
    if not placed.sorted:  # pragma: no cover - recognition gives its places in text order
        return placed.items
    return placed.between(d.text.rfind("\n\n", 0, start), start)


def _owner_namings(d: EventDoc, known: list[Resolved]) -> frozenset[tuple[int, int]]:
    """The spans of the countries named as the patron of an armed side
    (:func:`~geomap.events.roles.patrons`: "Turkey-backed factions", "militias loyal to
    Iran"): a backer abroad, not where the fighting is. See
    :func:`~geomap.events.location.document_country`. (Not a possessive: "Mexico's army"
    acts at home as often as "Turkey's army" abroad.)"""
    countries = [(d.tok_index(r.mention.start), r) for r in known
                 if r.place is not None and r.place.is_country]
    return frozenset(patrons(d, countries)) if countries else frozenset()


def _named_in_paragraph(d: EventDoc, placed: _Located, start: int, end: int) -> frozenset[str]:
    """The countries of the known places named in the paragraph of the sentence at
    characters ``start:end``, up to its end (see :func:`~geomap.events.location.carry_scene`)."""
    para = d.text.rfind("\n\n", 0, start)
    return frozenset(r.place.country_code for r in placed.between(max(para, 0), end)
                     if r.place is not None and r.place.country_code)


def _tolls_of_the_event_before(events: list[Event]) -> list[Event]:
    """Without the events of sentences that only count the casualties of the violent event
    told in the sentence before ("A drone strike hit a depot in X. Three civilians were
    injured."): no actor acts in them and they name no place, their trigger is a word for
    killing or wounding. Coders record one event; its toll, when the event states none,
    is the one counted after it. Such a sentence naming a place of its own after an attack
    that reaches several (``spread_types`` in data/event_rules.yaml) is that attack there."""
    violent = rules()["violent_types"]
    spread = rules().get("spread_types") or ()
    out: list[Event] = []
    for e in events:
        i = len(out) - 1
        if i > 0 and out[i].event_type not in violent:
            i -= 1  # one event told between ("Air defences destroyed 32 of the drones.")
        prev = out[i] if out else None
        toll = (
            prev is not None
            and e.actor1 is None
            and prev.sentence != e.sentence
            and prev.place is not None
            and prev.event_type in violent
            and casualty_word(e.trigger, e.language)
        )
        if toll and e.mention is None:
            if prev.fatalities is None and e.fatalities is not None:
                out[i] = replace(prev, fatalities=e.fatalities)
            continue
        if toll and prev.event_type in spread and e.place != prev.place:
            # "... at the Kharkiv and Odesa regions. Two people were killed in Odesa."
            e = replace(e, event_type=prev.event_type, sub_event_type=prev.sub_event_type,
                        plover_code=prev.plover_code, actor1=prev.actor1,
                        actors=tuple(dict.fromkeys(
                            x for x in (prev.actor1, *e.actors) if x is not None)))
        out.append(e)
    return out


def _at_capital(e: Event, country: Place, gaz: Gazetteer) -> Event | None:
    """``e`` placed at the capital of ``country`` when its sentence says "the capital"
    alone (:func:`~geomap.events.location.capital_named`), else ``None``."""
    capital = capital_named(e.sentence, e.language, country, gaz)
    if capital is None:
        return None
    return replace(e, place=capital, geo_precision=2, location_reason=CAPITAL_REASON)


def _in_focus(
    events: list[Event],
    known: list[Resolved],
    evidence: Counter,
    fallback: Place | None,
    gaz: Gazetteer,
    demonyms: Counter,
    owners: frozenset[str] = frozenset(),
) -> list[Event]:
    """The document's events, with the country it is about for those that have no place
    when it names none (by ``evidence``: demonyms and actors of one country, and its
    places), and for those placed at a stray town (:func:`stray_place`; only a country
    named, or given a demonym in ``demonyms``, keeps a town from being stray; nor is a town
    named after a cue anywhere in the document: "the city of Kherson" is named on purpose)."""
    if fallback is None and all(e.place is None for e in events):
        # no country named and no event placed: the country the document is about
        focus = focus_fallback(known, evidence, gaz, owners)
        if focus is None:
            return events
        return [_at_capital(e, focus, gaz) or replace(
            e, place=focus, geo_precision=3, location_reason=COUNTRY_FALLBACK)
            for e in events]
    support = CountrySupport.of(known, demonyms)
    cued = {r.place.geonameid for r in known if r.place is not None and r.mention.cue}

    def stray(p: Place | None) -> bool:
        return support.stray(p) and p.geonameid not in cued

    if not any(stray(e.place) for e in events):
        return events
    home = fallback if fallback is not None and fallback.country_code == support.focus else None
    home = home or country_place(support.focus or "", gaz)
    if home is None:
        return events
    return [
        replace(e, place=home, mention=None, geo_precision=3, location_reason=COUNTRY_FALLBACK)
        if stray(e.place)
        else e
        for e in events
    ]


def _triggered_sentences(
    d: EventDoc,
) -> Iterator[tuple[Sentence, tuple[int, int], list[Match[TriggerSpec]]]]:
    """The sentences with a trigger word, each with its tokens (:func:`_sentence_tokens`)
    and its triggers (those that start in its tokens), in order. Half the sentences of conflict news
    have none: they are passed over with two bisections, not a scan of every trigger."""
    trig = d.triggers
    at = [m.tok_start for m in trig]
    ordered = all(a <= b for a, b in zip(at, at[1:]))
    for sent in d.sentences:
        t0, t1 = _sentence_tokens(d, sent)
        if ordered:
            s_trig = trig[bisect.bisect_left(at, t0) : bisect.bisect_left(at, t1)]
        else:  # pragma: no cover - the lexicon gives its matches in text order
            s_trig = [m for m in trig if t0 <= m.tok_start < t1]
        if s_trig:
            yield sent, (t0, t1), s_trig


def _sentence_tokens(d: EventDoc, sent: Sentence) -> tuple[int, int]:
    """The sentence's tokens: from the first that starts in it (a sentence opening with a
    quote mark must not take the previous sentence's last word) to the last."""
    return d.view.first_token_from(sent.start), d.tok_index(sent.end - 1) + 1


def _windowed_events(
    doc: Document, *, book: ActorBook | None, gazetteer: Gazetteer | None
) -> list[Event]:
    events: list[Event] = []
    language = doc.language or detect_language(doc.text)  # the whole text's, for every window
    doc = _dated_by_dateline(doc, language)  # every window's, not only the first's
    for lo, hi in windows(doc.text):
        part = replace(doc, text=doc.text[lo:hi], language=language)
        for e in events_from_document(part, book=book, gazetteer=gazetteer):
            start = e.start + lo
            eid = event_id(doc.doc_id, start, e.sub_event_type)
            events.append(replace(e, start=start, end=e.end + lo, event_id=eid))
    return events


def _one_event_told_twice(
    before: list[Event], got: list[Event], scene: Event, of_them: bool = False
) -> tuple[list[Event], list[Event], Event | None]:
    """An event told over two sentences is one event, as a coder records it: an event of
    ``got`` placed at the ``scene`` of the sentence before
    (:func:`~geomap.events.location.carry_scene`), on its day, merges into it when

    * both are stages of one demonstration (``sentence_wide`` and ``same_event`` in
      data/event_rules.yaml): "Hundreds of protesters gathered in X. Police fired tear gas
      after demonstrators threw stones." is a violent demonstration in X;
    * both are of one sub-event type and the second names no actor of its own ("Gunmen
      fought soldiers in X. 8 people were killed.": the toll of the fight);
    * both tell one fight of two sides (``two_sided`` sub-event types), each naming one side:
      "RSF fighters attacked El Fasher. Fighting with the army killed 27." is a clash of the
      RSF and the army;
    * the second is what the authorities did to the demonstrators of the first, named in its
      sentence (``of_them``: "Farmers rallied in X. Police arrested dozens of them."): their
      intervention in it (``same_event`` pairs it with the demonstration), no event of its own.

    Returns ``before`` and ``got`` with the merged event in the scene's place, and the
    merged event (``None`` when nothing merged).
    """
    for i, e in enumerate(got):
        if (e.location_reason != SCENE_REASON or e.status != scene.status
                or e.event_date != scene.event_date or scene not in before):
            continue
        merged = _told_twice(scene, e, of_them)
        if merged is not None:
            # the one event stands where it was first told
            return ([merged if x is scene else x for x in before], [*got[:i], *got[i + 1 :]],
                    merged)
    return before, got, None


def _told_twice(scene: Event, e: Event, of_them: bool = False) -> Event | None:
    """The one event ``scene`` and ``e`` (told in the sentence after it) make, if any (see
    :func:`_one_event_told_twice`); where and when are the scene's."""
    wide = sentence_wide()
    pair = kept_sub_event(scene.sub_event_type, e.sub_event_type) \
        if scene.event_type in wide else None
    kept = pair if e.event_type in wide else None
    intervened = pair if of_them and kept is None and e.actor2 is None else None
    if kept is not None:
        base, other = (scene, e) if kept[0] == scene.sub_event_type else (e, scene)
        base = replace(base, sub_event_type=kept[1])
        actor1, actor2 = merged_roles(base, other)
    elif intervened is not None and intervened[0] == scene.sub_event_type:
        # the police who arrested them: the demonstration's other side
        base = replace(scene, sub_event_type=intervened[1])
        actor1, actor2 = scene.actor1, scene.actor2 or e.actor1
    elif e.sub_event_type != scene.sub_event_type:
        return None
    elif not e.actors or set(e.actors) <= set(scene.actors):
        base, actor1, actor2 = scene, scene.actor1, scene.actor2  # "8 people were killed."
    elif (e.sub_event_type in rules()["role_types"]["two_sided"]
          and scene.actor1 is not None and scene.actor2 is None
          and e.actor1 not in (None, scene.actor1) and e.actor2 in (None, scene.actor1)):
        base, actor1, actor2 = scene, scene.actor1, e.actor1
    else:
        return None
    return replace(
        base,
        actor1=actor1,
        actor2=actor2,
        actors=tuple(dict.fromkeys(scene.actors + e.actors)),
        place=scene.place,
        mention=scene.mention,
        geo_precision=scene.geo_precision,
        location_reason=scene.location_reason,
        # one toll of one event: the first sentence's, else the one counted after it
        fatalities=scene.fatalities if scene.fatalities is not None else e.fatalities,
    )


def _names_demonstrators(d: EventDoc, toks: tuple[int, int]) -> bool:
    """Does the sentence of tokens ``toks`` name demonstrators, or them told before
    (``demonstrator_people`` in data/event_cues.yaml: "them", "منهم")?"""
    return names_word(d, "demonstrator_people", *toks)


def _dated_by_dateline(doc: Document, language: str) -> Document:
    """``doc`` dated by its dateline (:func:`~geomap.events.dates.dateline_date`): a pasted
    wire report's date is the one it writes at its head. A document with a date of its own
    (when it was published or collected) takes its dateline's day when that lies up to
    :data:`~geomap.events.dates.AHEAD_DAYS` before it: "on Thursday" in a report filed on
    28 November and published on the 30th is the 26th."""
    stated = dateline_date(doc.text, language, doc.date)
    if stated is None or stated == doc.date:
        return doc
    if doc.date is not None and not (
        doc.date - dt.timedelta(days=AHEAD_DAYS) <= stated < doc.date
    ):
        return doc
    return replace(doc, date=stated)


def event_id(doc_id: str, start: int, sub_event_type: str) -> str:
    """The id of the event of sub-event type ``sub_event_type`` whose trigger starts at
    character ``start`` of document ``doc_id``."""
    return hashlib.sha1(f"{doc_id}|{start}|{sub_event_type}".encode()).hexdigest()[:16]


def _unsupported(code: str) -> str:
    what = "Latin script but not English" if code == OTHER else f"language {code!r}"
    return (
        f"no event rules for this text ({what}); geomap reads {', '.join(supported_codes())}: "
        "give the document's language as one of these to read it by that language's rules"
    )


def _demonstrators_clashes(d: EventDoc, drafts: list[Draft], sent: Sentence,
                           toks: tuple[int, int]) -> None:
    """Clashes of demonstrators with the police, told in the demonstration's sentence or
    the one after it, are their violence (:func:`~geomap.events.drafts.clash_of_demonstrators`)."""
    if drafts:
        lo = _previous_sentence_start(d, sent, toks[0])
        for dr in drafts:
            clash_of_demonstrators(d, dr, lo, *toks)


def _implied(d: EventDoc, dr: Draft, book: ActorBook, country: str,
             toks: tuple[int, int]) -> None:
    """The actors coders name though the sentence (tokens ``toks``) only implies them
    (:func:`~geomap.events.roles.implied_actors`), and the state whose soldiers the event
    hurt (:func:`~geomap.events.roles.fallen_soldiers`)."""
    implied_actors(dr, book, country)
    if dr.actor2 is None and state_soldiers_hurt(d, dr, *toks):
        fallen_soldiers(dr, book, country)


def _previous_sentence_start(d: EventDoc, sent: Sentence, t0: int) -> int:
    """The first token of the sentence before ``sent`` (``t0``, ``sent``'s own first
    token, when it is the first)."""
    # (the sentences end in order: those before ``sent`` are the first k)
    k = bisect.bisect_right(d.sentences, sent.start, key=operator.attrgetter("end"))
    return _sentence_tokens(d, d.sentences[k - 1])[0] if k else t0


#: How many triggers of one sentence are merged together at most (see _sentence_events).
MERGE_STRETCH = 64


def _sentence_events(
    doc: Document,
    d: EventDoc,
    book: ActorBook,
    sent: Sentence,
    places: DocumentPlaces,
    fallback: Place | None,
    excluded: list[tuple[int, int]],
    s_trig: list[Match[TriggerSpec]],
    placed: _Located,
    named: _Located,
    toks: tuple[int, int],
    lone_sides: set[str],
) -> list[Event]:
    """The events of one sentence, whose trigger words are ``s_trig``; ``placed`` and
    ``named`` are the document's known places and actor mentions by position; ``toks``
    the sentence's tokens (:func:`_sentence_tokens`). The ids of the events whose one side
    named becomes their actor1 once the document's events are settled
    (:func:`~geomap.events.roles.lone_side`) are added to ``lone_sides``."""
    t0, t1 = toks
    s_places = _not_in_dateline(d, sent.start, placed.with_tokens(sent.start, sent.end))
    unknown = places.unknown(d, [r for _, r in s_places], t0, t1)
    if unknown:
        s_places = sorted(
            s_places + [(d.tok_index(r.mention.start), r) for r in unknown], key=lambda x: x[0]
        )
    s_mentions = named.between(sent.start, sent.end)
    # "government forces", "rebels": of the sentence's country, else the document's: the
    # state whose forces it names once with their country ("the Syrian regime forces ...
    # the regime forces"), else the country it names most, else the one its places lie in
    # (a headline naming only towns)
    home = _qualified_state(d) or (
        fallback.country_code if fallback is not None else places.focus
    )
    # (the names as written: a side's name stretched over its people's noun, "gunmen of
    # X", still covers a place of the same name only as written)
    written = {(m.start, m.end) for m in s_mentions}
    s_mentions = named_states(book, absorb_generic(d, s_mentions), s_places, home)
    s_actors, not_here = sentence_actors(d, s_mentions, sent.start, sent.end, excluded, s_places)
    # a group named as someone's former side takes no part ("a former rebel commander")
    s_actors = [(t, m) for t, m in s_actors if not former_side(d, t, m)]
    drafts = [
        Draft.at(d, m)
        for m in s_trig
        if not refers_back(d, m.tok_start)
        and not other_sense(d, m.tok_start, m.tok_end)
        and not _inside_name(m, s_mentions)
    ]
    drafts = prevented_attacks(d, drafts)
    for dr in drafts:
        assign_actors(d, dr, s_actors)
        # before merging: a victim read as one draft's actor1 is kept as actor2
        settle_roles(dr, s_actors, victims_only=True)
    fighting_of_broken(drafts)  # a truce broken: the fighting, its actors read as a truce's
    _demonstrators_clashes(d, drafts, sent, toks)
    apart = places_apart(d, s_places) if len(drafts) > 1 else None
    # (merging compares a draft with those before it: a run-on "sentence" of thousands of
    # triggers is merged a bounded stretch at a time, as no real sentence needs)
    merged = [m for i in range(0, len(drafts), MERGE_STRETCH)
              for m in merge_drafts(drafts[i : i + MERGE_STRETCH], apart)]
    for dr in merged:
        settle_roles(dr, s_actors, d)
        authorities_opposite(dr)
    spans = [(dr.tok_start, dr.tok_end) for dr in merged]
    in_sentence = {(m.start, m.end) for m in s_mentions} | written
    reach = draft_settings()["planned_actor_clauses"]
    # the sentence's date, the same for all its events up to a semicolon (see dated_part)
    dates = [m for m in d.dates if t0 <= m.tok_start and m.tok_end <= t1]
    out = []
    country = sentence_country(s_places, home) if merged else ""  # the same for all
    # the sentence's death toll goes to its first violent reported event (one number,
    # counted once: "Warplanes struck X, killing 14" is 14 dead of one air strike), or to
    # one of the lethal sub-types of other types ("police opened fire on protesters,
    # killing 3": ``toll_sub_event_types`` in data/event_rules.yaml)
    toll_open = True
    violent = rules()["violent_types"]
    lethal = rules().get("toll_sub_event_types") or ()
    folded = folded_sentence(d, sent)  # (its dates and its toll read it folded)
    for dr in merged:
        when = clause_date(sent.text, dr.start - sent.start, doc.date, d.lang, dates, sent.start,
                           folded)
        dr.victims = victims_of(d, dr, t0, t1)
        _implied(d, dr, book, country, toks)
        status = _status(d, dr, doc.date, when[0])
        best = best_place(d, dr, s_places, spans, not_here, in_sentence, first_tok=t0)
        for part in dr.parts if best is None else ():
            # no place near the event's first trigger: one near a trigger merged into it
            # ("... in Shaddadi, killing one fighter")
            # the host's own span (stretched over its parts) is no other event's trigger
            others = [s for s in spans if s != (dr.tok_start, dr.tok_end)]
            best = best_place(d, part, s_places, others + [(part.tok_start, part.tok_end)],
                              not_here, in_sentence, first_tok=t0)
            if best is not None:
                break
        best = contained(d, best, s_places, places.gazetteer)
        best = abroad(best, s_places, places.support)
        after = d.text[best.mention.end : best.mention.end + 30] if best is not None else ""
        before = d.text[max(0, best.mention.start - 30) : best.mention.start] \
            if best is not None else ""
        where = describe_place(best, s_places, places.gazetteer, after, before)
        if where[0] is None and fallback is not None and not at_sea(
            d, dr, places.water, sent.start, sent.end
        ):
            # (an event in "the Gulf of Guinea" is at sea: in no country)
            capital = capital_named(sent.text, d.lang, fallback, places.gazetteer)
            where = (capital, None, 2, CAPITAL_REASON) if capital is not None \
                else (fallback, None, 3, COUNTRY_FALLBACK)
        names = _unique([m.actor.name for m in ([dr.actor1, dr.actor2] + dr.actors) if m])
        if status == "planned":
            # who will take part in a planned operation is itself the news: actors whose
            # participation is debated ("conditions that the SDF not take part") are listed
            names = _unique(
                names
                + [
                    m.actor.name
                    for m in s_mentions
                    if any(a <= d.tok_index(m.start) < b for a, b in excluded)
                    and 0 <= d.clause[d.tok_index(m.start)] - dr.clause <= reach
                ]
            )
        spec, sub = reclassify(dr)
        names = _implied_by_type(dr, spec, sub, book, country, names)
        toll = None
        if toll_open and status == "reported" and (spec.event_type in violent or sub in lethal):
            toll_open = False
            toll = fatalities(sent.text, d.lang, folded)
        out.append(_event(doc, d.lang, sent, dr, status, names, where, when, (spec, sub), toll))
        _note_lone_side(lone_sides, dr, sub, out[-1])
    return out


def _status(d: EventDoc, dr: Draft, reported: dt.date | None, when: dt.date) -> str:
    """The draft's status (:func:`~geomap.events.drafts.draft_status`), and "planned" for
    an event dated ``when``, after the report's date ``reported``: "talks will be held next
    week" have not been held yet."""
    status = draft_status(d, dr)
    if status == "reported" and reported is not None and when > reported:
        return "planned"
    return status


def _note_lone_side(lone_sides: set[str], dr: Draft, sub: str, ev: Event) -> None:
    """Add the id of ``ev`` (of draft ``dr``, reclassified as ``sub``) to ``lone_sides``
    when the one side it names becomes its actor1 (:func:`~geomap.events.roles.lone_side`:
    soldiers killed are a battle, their side named in it)."""
    if sub != dr.spec.sub_event_type and lone_side(dr, sub):
        lone_sides.add(ev.event_id)


def folded_sentence(d: EventDoc, sent: Sentence) -> str:
    """``fold(sent.text)``, cut out of the document's normalised text rather than folded
    again (folding maps each character to one or drops it, and the offset map says which
    characters were kept): a sentence is too long for :data:`~geomap.text.normalize.fold`
    to remember, and Arabic text is slow to fold."""
    norm = d.norm
    if norm.original is not d.text:  # pragma: no cover - a view's norm is of its text
        return fold(sent.text)
    offsets = norm.offsets
    if isinstance(offsets, range):  # nothing dropped: the same offsets
        return norm.text[sent.start : sent.end]
    lo, hi = bisect.bisect_left(offsets, sent.start), bisect.bisect_left(offsets, sent.end)
    return norm.text[lo:hi]


#: The document's qualified state, worked out once (every sentence with an event asks).
_qualified_state = per_document(qualified_state)


def _inside_name(m, mentions: list[ActorMention]) -> bool:
    """Is trigger ``m`` a word of a longer actor name ("تحرير" in "هيئة تحرير الشام",
    "Liberation" in a front's name)? Such a word names the actor; it opens no event."""
    return any(a.start <= m.start and m.end <= a.end and (a.end - a.start) > (m.end - m.start)
               for a in mentions)


def reclassify(dr: Draft) -> tuple[TriggerSpec, str]:
    """The trigger's event type and sub-event type, after ACLED's rules for who acts
    (``reclassify`` in data/event_rules.yaml, applied in order)."""
    a1, a2 = dr.actor1, dr.actor2
    facts = (
        dr.spec,
        a1.actor.type if a1 is not None else _NO_ACTOR,
        a2.actor.type if a2 is not None else _NO_ACTOR,
        dr.victims,
        dr.assault,
    )
    # all that the rules read of a draft: each combination is worked out once for a table
    table = rules().get("reclassify") or ()
    memo = _RECLASSIFIED
    if memo[0] is not table or len(memo[1]) > 4096:
        memo[:] = [table, {}]
    got = memo[1].get(facts)
    if got is None:
        got = memo[1][facts] = _reclassified(table, *facts)
    return got


#: The actor type of a role nobody takes (rules on actor types hold for it).
_NO_ACTOR = object()
#: [the reclassify table, {the facts of a draft: its reclassification}]
_RECLASSIFIED: list = [None, {}]


def _reclassified(
    table, spec: TriggerSpec, type1: object, type2: object, victims: str, assault: bool = False
) -> tuple[TriggerSpec, str]:
    """:func:`reclassify` of a draft of trigger ``spec`` whose actors are of types
    ``type1``, ``type2`` (:data:`_NO_ACTOR` for none), whose victims are ``victims`` and
    whose trigger storms a place when ``assault``."""
    sub = spec.sub_event_type
    for rule in table:
        if _applies(rule.get("when") or {}, spec, sub, (type1, type2), victims, assault):
            new = rule.get("set") or {}
            sub = new.get("sub_event_type", sub)
            if "event_type" in new or "plover" in new:
                spec = _respecified(
                    spec,
                    new.get("event_type", spec.event_type),
                    new.get("plover", spec.plover),
                )
    return spec, sub


def _implied_by_type(dr: Draft, spec: TriggerSpec, sub: str, book: ActorBook, country: str,
                     names: list[str]) -> list[str]:
    """The event's actor names (``names``), with the actors its reclassified type
    (``spec``, ``sub``) implies as its own type does when it names no actor2 ("attacked
    the village and burned homes, killing 12 people": a riot become violence against
    civilians, the civilians actor2)."""
    if spec.event_type == dr.spec.event_type or dr.actor2 is not None:
        return names
    dr.spec = _become_type(spec, sub)
    implied_actors(dr, book, country)
    return _unique([*names, dr.actor2.actor.name]) if dr.actor2 is not None else names


@functools.lru_cache(maxsize=256)
def _become_type(spec: TriggerSpec, sub: str) -> TriggerSpec:
    return replace(spec, sub_event_type=sub)


@functools.lru_cache(maxsize=512)
def _respecified(spec: TriggerSpec, event_type: str, plover: str) -> TriggerSpec:
    """``spec`` with another event type and PLOVER code (a few rules make them all: built
    once each, not for every event)."""
    return replace(spec, event_type=event_type, plover=plover)


def _applies(
    when: dict, spec: TriggerSpec, sub: str, types: tuple[object, object], victims: str,
    assault: bool = False,
) -> bool:
    """Do all conditions of a reclassification rule hold (see data/event_rules.yaml)?
    ``types`` are the types of actor1 and actor2 (:data:`_NO_ACTOR` where none)."""
    facts = (spec, sub, types, victims, assault)
    for cond, want in when.items():
        test = _CONDITIONS.get(cond)
        if test is None:
            raise DataError(f"data/event_rules.yaml: unknown reclassify condition {cond!r}")
        if not test(facts, want):
            return False
    return True


#: Each reclassify condition of data/event_rules.yaml, on a draft's facts (trigger spec,
#: sub-event type, actor types, victims, assault) and the value the rule wants.
_CONDITIONS = {
    "state_actor1": lambda f, want: f[0].state_actor1 == bool(want),
    "event_type": lambda f, want: f[0].event_type == want,
    "sub_event_type": lambda f, want: f[1] == want,
    "actor1_type_not": lambda f, want: f[2][0] is _NO_ACTOR or f[2][0] not in want,
    "actor2_type_not": lambda f, want: f[2][1] is _NO_ACTOR or f[2][1] not in want,
    "actor1_type": lambda f, want: f[2][0] in want,
    "actor2_type": lambda f, want: f[2][1] in want,
    "actor2_named": lambda f, want: (f[2][1] is not _NO_ACTOR) == bool(want),
    "victims": lambda f, want: f[3] in want,
    "assault": lambda f, want: f[4] == bool(want),
}


def _event(
    doc: Document,
    lang: str,
    sent: Sentence,
    dr: Draft,
    status: str,
    names: list[str],
    where: tuple,
    when: tuple,
    kind: tuple[TriggerSpec, str] | None = None,
    toll: int | None = None,
) -> Event:
    """The event record of a finished draft, placed at ``where`` (place, mention,
    precision, reason) and dated ``when`` (date, precision); ``kind`` is its
    :func:`reclassify` when known, ``toll`` the people it killed."""
    spec, sub = kind if kind is not None else reclassify(dr)
    place, mention, precision, reason = where
    date, tprec = when
    eid = event_id(doc.doc_id, dr.start, sub)
    return Event(
        event_id=eid,
        event_type=spec.event_type,
        sub_event_type=sub,
        plover_code=spec.plover,
        status=status,
        actor1=dr.actor1.actor.name if dr.actor1 else None,
        actor2=dr.actor2.actor.name if dr.actor2 else None,
        actors=tuple(names),
        sentence=sent.text,
        trigger=dr.trigger,
        language=lang,
        source=doc.source or doc.doc_id,
        doc_id=doc.doc_id,
        title=doc.title,
        event_date=date,
        time_precision=tprec,
        place=place,
        mention=mention,
        geo_precision=precision,
        location_reason=reason,
        sources=(doc.url or doc.source or doc.doc_id,),
        start=dr.start,
        end=dr.end,
        fatalities=toll,
    )


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out
