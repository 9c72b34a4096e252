"""Draft events: one per trigger word, then merged and given a status.

A generic trigger ("killed") folds into a specific one in the same clause ("air strike"),
and triggers of one event type close together ("retook ... after expelling") make one
event. Cue words around the trigger set the status (reported, planned, denied). A verb
used in a sense that is no conflict event ("captured the title") opens no draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import Match
from ..records import ActorMention
from .document import EventDoc
from .lexicons import TriggerSpec, cue_phrases, cue_words, draft_settings


@dataclass
class Draft:
    """An event in the making, at a trigger word (token and character spans)."""

    spec: TriggerSpec
    tok_start: int
    tok_end: int
    start: int
    end: int
    trigger: str
    clause: int
    first_end: int = -1  # end token of the first trigger (before merging)
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    actors: list[ActorMention] = field(default_factory=list)

    @classmethod
    def at(cls, d: EventDoc, m: Match[TriggerSpec]) -> Draft:
        """The draft opened by trigger match ``m``."""
        return cls(
            m.value,
            m.tok_start,
            m.tok_end,
            m.start,
            m.end,
            m.surface,
            d.clause[m.tok_start],
            m.tok_end,
        )


def other_sense(d: EventDoc, v0: int, v1: int) -> bool:
    """Is the verb at tokens ``v0:v1`` used in a sense that is no conflict event ("captured
    the title", "prices shot up", "demonstrated that")? See ``other_senses`` in
    data/event_cues.yaml."""
    toks = d.toks
    phrases = cue_phrases("other_sense_phrases", d.lang)
    if any(tuple(t.text for t in toks[v0 : v1 + k]) in phrases for k in (1, 2)):
        return True
    objects = cue_words("other_senses", d.lang)
    clause = d.clause[v0]
    for k in range(v1, min(v1 + 5, len(toks))):
        if d.clause[k] != clause:
            break
        if toks[k].text in objects:
            return True
    return False


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Fold a generic trigger into a specific one of its clause, and triggers of one event
    type close together into one event, keeping each one's actors."""
    window = draft_settings()["merge_window"]
    merged: list[Draft] = []
    for dr in drafts:
        host = None
        for other in merged:
            close = dr.tok_start - other.tok_end <= window
            if (dr.spec.generic or other.spec.generic) and (dr.clause == other.clause or close):
                host = other  # "air strikes ..., killing 12": one event
                break
            own_actor = (
                dr.actor1 is not None
                and other.actor1 is not None
                and dr.actor1.actor.name != other.actor1.actor.name
            )
            if (
                close
                and dr.spec.event_type == other.spec.event_type
                and (dr.clause == other.clause or not own_actor)
            ):
                host = other
                break
        if host is None:
            merged.append(dr)
            continue
        if host.spec.generic and not dr.spec.generic:
            host.spec = dr.spec
        host.actor1 = host.actor1 or dr.actor1
        if (
            host.actor2 is None
            and dr.actor2 is not None
            and (host.actor1 is None or dr.actor2.actor.name != host.actor1.actor.name)
        ):
            host.actor2 = dr.actor2
        host.actors += [m for m in dr.actors if m not in host.actors]
        host.trigger = f"{host.trigger} … {dr.trigger}"
        host.tok_end = max(host.tok_end, dr.tok_end)
        host.end = max(host.end, dr.end)
    return merged


def draft_status(d: EventDoc, dr: Draft) -> str:
    """ "denied", "planned" or "reported", by the cue words around the trigger."""
    window = draft_settings()["status_window"]
    if d.cue_before("negation", dr.tok_start, window=window):
        return "denied"
    if d.cue_before("planned", dr.tok_start, window=window):
        return "planned"
    # a planned cue right after the trigger: "عملية عسكرية مرتقبة", "operation expected"
    for m in d.cues["planned"]:
        if dr.first_end <= m.tok_start <= dr.first_end + 1 and d.clause[m.tok_start] == dr.clause:
            return "planned"
    return "reported"
