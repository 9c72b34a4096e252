"""Evaluation probes: one part of the events stage asked one question about a text.

:func:`locate_event` (where did the event of this verb happen?) and
:func:`actor_countries` (which countries act and suffer?) are scored against annotated
corpora by :mod:`geomap.evaluation`. They use the wiring of the events stage
(:mod:`.extract`): the same document view, places, actors and rules, asked about one verb
or one sentence instead of every trigger.
"""

from __future__ import annotations

from ..gazetteer import Gazetteer, default
from ..records import ActorMention, Place
from ..text.view import TextView
from .actors import ActorBook, default_book
from .document import EventDoc
from .drafts import Draft, other_sense, refers_back
from .extract import DocumentPlaces, document_places, sentence_actors, sentence_places
from .lexicons import TriggerSpec, main_verbs, rules
from .location import best_place, describe_place
from .roles import assign_actors, conjoined, topical

__all__ = ["actor_countries", "locate_event"]


def _prepared(
    text: str, language: str | None, book: ActorBook | None, gazetteer: Gazetteer | None
) -> tuple[EventDoc, DocumentPlaces]:
    """The events stage's view of ``text`` and its places, as the pipeline builds them."""
    d = EventDoc(TextView.of(text, language), book or default_book())
    return d, document_places(d, gazetteer or default())


def locate_event(
    text: str,
    verb_start: int,
    verb_end: int,
    *,
    language: str | None = None,
    book: ActorBook | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[int, int] | None:
    """Where the event told by the verb at ``text[verb_start:verb_end]`` happened.

    Returns the span of the place mention in ``text`` chosen by the same rules as
    :func:`~geomap.events.events_from_document` (nearest place in the verb's clause or a
    neighbouring one, after "in"/"في", not a participant or a topic), or ``None`` when the
    sentence gives none.
    """
    d, found = _prepared(text, language, book, gazetteer)
    places = sorted(found.known + found.unknown(d, found.known), key=lambda r: r.mention.start)
    if not places or not d.toks:
        return None
    v0 = d.tok_index(verb_start)
    v1 = max(v0 + 1, d.tok_index(max(verb_start, verb_end - 1)) + 1)
    if other_sense(d, v0, v1):
        return None  # "captured the title": no event, so no place of one
    sent = next((s for s in d.sentences if s.start <= verb_start < s.end), None)
    lo, hi = (sent.start, sent.end) if sent else (0, len(text))
    s_places = sentence_places(d, places, lo, hi)
    dummy = TriggerSpec("", "", "")
    dr = Draft(dummy, v0, v1, verb_start, verb_end, text[verb_start:verb_end], d.clause[v0], v1)
    # the verb need not be one of geomap's triggers, so other triggers do not fence it in;
    # a weak best place (far off, not after "in") is no place
    in_sentence = {(m.start, m.end) for m in d.actors if lo <= m.start < hi}
    best = best_place(
        d,
        dr,
        s_places,
        [(v0, v1)],
        topical(d, s_places),
        in_sentence,
        max_clauses=2,
        min_score=0.5,
        first_tok=d.tok_index(lo),
    )
    return None if best is None else (best.mention.start, best.mention.end)


def actor_countries(
    text: str,
    *,
    language: str | None = None,
    book: ActorBook | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[list[str], list[str]]:
    """Countries (ISO alpha-2) of the source (actor1) and target (actor2) of a sentence's
    main event.

    The first trigger's actors are taken, by the rules of
    :func:`~geomap.events.events_from_document`, each with the actors joined to it by
    "and"; without a trigger, the first actor named acts on the second. An actor without
    a country of its own ("rebels") takes the country where the event happened, and so
    does a role the sentence leaves unnamed.
    """
    d, found = _prepared(text, language, book, gazetteer)
    places = found.known
    s_places = sentence_places(d, places, 0, len(text))
    actors, not_here = sentence_actors(d, d.actors, 0, len(text), d.exclusion_spans(), s_places)
    trig = [m for m in d.triggers if not refers_back(d, m.tok_start)]
    # the sentence is about its first verb: "Lebanon complained ... over Israeli air raids"
    trig = sorted(trig + main_verbs(d.lang).find(d.norm, d.toks), key=lambda m: m.tok_start)
    a1 = a2 = None
    where = None
    if trig:
        dr = Draft.at(d, trig[0])
        assign_actors(d, dr, actors)
        a1, a2 = dr.actor1, dr.actor2
        in_text = {(x.start, x.end) for x in d.actors}
        best = best_place(
            d, dr, s_places, [(dr.tok_start, dr.tok_end)], not_here, in_text, max_clauses=9
        )
        where = describe_place(best, s_places)[0]
    distinct: list[ActorMention] = []
    for _, m in actors:
        if all(m.actor.name != x.actor.name for x in distinct):
            distinct.append(m)
    if a1 is None and distinct:
        a1 = next((m for m in distinct if a2 is None or m.actor.name != a2.actor.name), None)
    if a2 is None and a1 is not None:
        a2 = next((m for m in distinct if m.actor.name != a1.actor.name), None)
    if where is None and places:
        where = next((r.place for r in places if not r.place.is_country), places[0].place)
    src = _side(d, actors, a1)
    tgt = [m for m in _side(d, actors, a2) if all(m.actor.name != x.actor.name for x in src)]
    src_c, tgt_c = _countries(src, where), _countries(tgt, where)
    # an actor the sentence does not name acts or suffers where the event happened
    here = [where.country_code] if where is not None and where.country_code else []
    # (an international organisation is named, and has no country)
    return (src_c if src else here), (
        tgt_c if tgt else [c for c in here if c not in src_c or len(src) < 2]
    )


def _side(
    d: EventDoc, actors: list[tuple[int, ActorMention]], anchor: ActorMention | None
) -> list[ActorMention]:
    """The anchor and the actors joined to it by "and" ("Hungarian and Romanian")."""
    if anchor is None:
        return []
    group = [anchor]
    pos = next((i for i, (_, m) in enumerate(actors) if m is anchor), None)
    if pos is None:
        return group
    for j in range(pos + 1, len(actors)):
        t, m = actors[j]
        if conjoined(d, t) and t - actors[j - 1][0] <= 3:
            group.append(m)
        else:
            break
    return group


def _countries(group: list[ActorMention], where: Place | None) -> list[str]:
    """The countries of a side's actors; one without a country takes that of ``where``."""
    out = []
    for m in group:
        if m.actor.type == rules()["international_type"]:
            continue  # the UN acting in Liberia is not Liberia
        code = m.actor.country or (where.country_code if where is not None else "")
        if code and code not in out:
            out.append(code)
    return out
