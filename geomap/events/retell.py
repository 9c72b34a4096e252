"""One attack told twice is one event: a later sentence that tells again an attack already
told ("A Houthi drone attack on an oil terminal killed two guards. The rebels said they
targeted the facility.") folds into it, as a coder records it.

A sentence retells the attack told just before it (:data:`~geomap.events.dedup.RETOLD_CHARS`)
when its event is named by a word that says no more than "an attack" (a generic trigger,
"targeted", "hit", "استهدف", or a word of ``retelling_words`` in data/event_cues.yaml,
"attack", "هجوم") and points back at what was told: its object is a definite noun for a
thing attacked ("the facility", "the checkpoint", "المنشأة": ``target_objects`` and
``retold_objects``), or the word itself is definite ("carried out the attack", "نفذوا
الهجوم", "The attack killed five people"). It names nothing new: no place of its own (but
the one the attack was at, or its object read as a place), no other toll (its toll is the
attack's when that had none), no date of its own, no other actor (but a generic one, "the
rebels", the side hit when the attack named none, or a claimant of an attack whose author
was not known), and no word that tells another occasion ("later", "again", "also":
``new_occasion``). Its actor
then becomes the attack's actor1 where the attack had none, or a generic or an
unidentified one ("Al-Shabaab said it carried out the attack"); a denial by the attack's
author ("The army denied it targeted the market") folds in and credits no one.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import replace

from ..geodesy import haversine_km
from ..records import Event
from ..text.languages import language
from ..text.normalize import key, token_forms
from ..geoparse.arabic import has_article
from .actors import ActorBook
from .dedup import RETOLD_CHARS, UNWRITTEN_DATE
from .document import EventDoc
from .fatalities import casualty_word
from .lexicons import one_word_keys, rules
from .location import COUNTRY_FALLBACK, SCENE_REASON

#: How many words after its trigger the object of a retelling may start (an Arabic verb's
#: subject stands between: "استهدف المتمردون المنشأة"; "targeted the oil facility").
OBJECT_REACH = 4
#: How far (km) a place the retelling names may lie from the attack's and be its place.
SAME_PLACE_KM = 10.0


def fold_retellings(d: EventDoc, events: list[Event], book: ActorBook) -> list[Event]:
    """``events`` (of document ``d``, in text order) with every retelling of the attack told
    before it folded into that attack (see the module)."""
    if len(events) < 2:
        return events
    violent = rules()["violent_types"]
    by_start: dict[int, list] = {}
    for m in d.triggers:
        by_start.setdefault(m.start, []).append(m)
    out: list[Event] = []
    for e in events:
        prev = _attack_before(out, e, violent)
        m = _named_by(d, e, by_start) if prev is not None else None
        if m is not None and _retells(d, m, e, out[prev], book):
            out[prev] = _folded(d, out[prev], e, book)
            continue
        out.append(e)
    return out


def _named_by(d: EventDoc, e: Event, by_start: dict[int, list]):
    """The trigger match that names event ``e``, when that word names no means: ``e``'s
    one trigger, or its first one when the others are words for killing or wounding
    ("The attack killed five people", "أسفر الهجوم عن مقتل خمسة"); else ``None``."""
    head = next((m for m in by_start.get(e.start, ()) if m.end <= e.end), None)
    if head is None or head.end == e.end:
        return head
    rest = [m for m in d.triggers if head.end <= m.start and m.end <= e.end]
    return head if rest and all(casualty_word(m.surface, d.lang) for m in rest) else None


def _attack_before(out: list[Event], e: Event, violent) -> int | None:
    """The index in ``out`` of the last reported violent event told in a sentence before
    ``e``'s, at most :data:`RETOLD_CHARS` characters before it, else ``None``."""
    for i in range(len(out) - 1, -1, -1):
        p = out[i]
        if p.end > e.start or p.sentence == e.sentence:
            continue
        if e.start - p.end > RETOLD_CHARS:
            return None
        return i if p.event_type in violent and p.status == "reported" else None
    return None


def _retells(d: EventDoc, m, e: Event, p: Event, book: ActorBook) -> bool:
    """Does event ``e`` (of trigger match ``m``) tell again attack ``p``?"""
    if e.doc_id != p.doc_id or not (e.status == "reported" or (
            # the author denies it ("The army denied it targeted the market"); a denial
            # by no one named is a request or a hypothesis, no retelling ("asked the
            # authorities not to carry out the executions")
            e.status == "denied" and e.actor1 is not None and e.actor1 == p.actor1)):
        return False
    if not (m.value.generic or not one_word_keys("retelling_words", d.lang).isdisjoint(
            token_forms(d.toks[m.tok_start].text))) or m.tok_end - m.tok_start != 1:
        return False
    if e.fatalities is not None and p.fatalities not in (None, e.fatalities):
        return False  # (its toll, when the attack had none: "The attack killed five.")
    if e.time_precision != UNWRITTEN_DATE and e.event_date != p.event_date:
        return False
    if _new_occasion(d, m.tok_start):
        return False
    head = _retold_object(d, m)
    if head is None:
        return False
    if not _same_place(e, p, d.toks[head].text if head >= 0 else None):
        return False
    return _same_sides(d, e, p, book)


def _retold_object(d: EventDoc, m) -> int | None:
    """The token of the definite thing attacked trigger match ``m`` points back
    at ("targeted the facility", "استهدفوا المنشأة"); -1 when the trigger itself is the
    definite word ("carried out the attack", "the attack killed", "الهجوم") but for an
    indefinite thing ("the attack on a convoy"); else ``None``."""
    toks, clause, v0, v1 = d.toks, d.clause, m.tok_start, m.tok_end
    here = clause[v0]
    objects = _objects(d.lang)
    clitics = language(d.lang).clitics
    dets = one_word_keys("retold_determiners", d.lang)
    # (where words carry the article, a noun's: "الهجوم"; not a verb's letters)
    if (not m.value.verb and has_article(toks[v0].text)) if clitics else (
            v0 > 0 and clause[v0 - 1] == here
            and not dets.isdisjoint(token_forms(toks[v0 - 1].text))):
        after = [token_forms(toks[k].text) for k in range(v1, min(len(toks), v1 + 2))
                 if clause[k] == here]
        new = one_word_keys("indefinite_words", d.lang)
        return None if len(after) == 2 and not new.isdisjoint(after[1]) else -1
    named = d.named_tokens
    k = v1
    while k < min(len(toks), v1 + OBJECT_REACH) and clause[k] == here:
        forms = token_forms(toks[k].text)
        if k in named and _actor_at(d, k):
            k += 1  # the subject after an Arabic verb ("استهدف المتمردون المنشأة")
            continue
        if not dets.isdisjoint(forms) and k + 1 < len(toks) and clause[k + 1] == here:
            # "the facility", "the oil facility"
            for h in (k + 1, k + 2):
                if h < len(toks) and clause[h] == here and not objects.isdisjoint(
                        token_forms(toks[h].text)):
                    return h
            return None
        if clitics and has_article(toks[k].text) and not objects.isdisjoint(forms):
            return k
        if not one_word_keys("retold_pronouns", d.lang).isdisjoint(forms):
            return k  # "targeted it"
        return None  # an indefinite object, a name: something else
    return None


def _actor_at(d: EventDoc, k: int) -> bool:
    """Does an actor's name cover token ``k``?"""
    return any(d.tok_index(a.start) <= k <= d.tok_index(a.end - 1) for a in d.actors)


def _new_occasion(d: EventDoc, v0: int) -> bool:
    """Does the sentence of the trigger at token ``v0`` say it tells another occasion
    ("Hours later", "again", "also": ``new_occasion`` in data/event_cues.yaml) before the
    trigger or right after it?"""
    words = one_word_keys("new_occasion", d.lang)
    toks, sent = d.toks, _sentence_of(d, d.tok_starts[v0])
    for k in range(d.view.first_token_from(sent.start), min(len(toks), v0 + 2)):
        if not words.isdisjoint(token_forms(toks[k].text)):
            return True
    return False


def _same_place(e: Event, p: Event, head: str | None) -> bool:
    """Does ``e`` name no place but ``p``'s: none of its own, the scene it took from ``p``'s
    sentence, a place near ``p``'s, or its retold object read as a place ("المنشأة")?"""
    if e.place is None or e.location_reason in (SCENE_REASON, COUNTRY_FALLBACK):
        return True
    if head is not None and e.mention is not None and key(e.mention) == key(head):
        return True
    if p.place is None:
        return False
    return haversine_km(e.place.lat, e.place.lon, p.place.lat, p.place.lon) <= SAME_PLACE_KM


def _same_sides(d: EventDoc, e: Event, p: Event, book: ActorBook) -> bool:
    """Are ``e``'s actors those of ``p`` (or generic ones, "the rebels", which stand for
    them)? Its actor1 may also be new when ``p``'s is not known, generic or unidentified:
    it claims the attack."""
    told = set(p.actors)
    # (the side hit may be named only in the retelling: "The attack killed five civilians")
    hit = e.actor2 if p.actor2 is None else None
    if not all(a in told or a == hit or book.is_generic(a) for a in e.actors if a != e.actor1):
        return False
    return e.actor1 is None or e.actor1 in told or book.is_generic(e.actor1) \
        or _author_unknown(d, p, book)


def _author_unknown(d: EventDoc, p: Event, book: ActorBook) -> bool:
    """Does attack ``p`` name no author but a generic or an unidentified one, one read on
    both sides ("a bomb killed three policemen": the police were hit), or the air force
    an air strike no one is named for is filed under (``unclaimed_air_strikes`` in
    data/actors.yaml) when its sentence names no actor ("Warplanes struck the town")?"""
    if p.actor1 is None or book.is_generic(p.actor1) or p.actor1 == p.actor2 \
            or p.actor1 in book.unclaimed_explosions.values():
        return True
    air = book.unclaimed_air
    if air is None or p.place is None or not p.place.country_code or p.actor1 != air.flown_by(
            p.sub_event_type, p.place.country_code, p.trigger):
        return False
    sent = _sentence_of(d, p.start)
    return not any(sent.start <= m.start < sent.end for m in d.actors)


def _sentence_of(d: EventDoc, at: int):
    """The sentence of ``d`` that holds character ``at``."""
    starts = [s.start for s in d.sentences]
    return d.sentences[max(0, bisect.bisect_right(starts, at) - 1)]


def _folded(d: EventDoc, p: Event, e: Event, book: ActorBook) -> Event:
    """Attack ``p`` with its retelling ``e`` folded in: ``e``'s actor1 becomes ``p``'s when
    ``p``'s is not known, generic or unidentified and ``e`` names a specific one; ``e``'s
    other specific actors join ``p``'s. A denial credits no one."""
    if e.status != p.status:
        return p
    actor1 = p.actor1
    if e.actor1 is not None and not book.is_generic(e.actor1) and _author_unknown(d, p, book):
        actor1 = e.actor1
    actor2 = p.actor2 or e.actor2
    actor2 = actor2 if actor2 != actor1 else None
    # (the author it had gives way, unless it was also the side hit)
    kept = [a for a in p.actors if a != p.actor1 or a in (actor1, actor2)]
    actors = tuple(dict.fromkeys(([actor1] if actor1 is not None else []) + kept
                                 + [a for a in e.actors if not book.is_generic(a)]))
    return replace(p, actor1=actor1, actor2=actor2, actors=actors,
                   fatalities=p.fatalities if p.fatalities is not None else e.fatalities)


@functools.cache
def _objects(lang: str) -> frozenset[str]:
    """The nouns of things attacked that a definite word makes point back
    (``target_objects`` and ``retold_objects`` in data/event_cues.yaml), as lookup keys."""
    return one_word_keys("target_objects", lang) | one_word_keys("retold_objects", lang)
