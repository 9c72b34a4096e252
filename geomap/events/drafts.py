"""Draft events: one per trigger word, then merged and given a status.

A generic trigger ("killed") folds into a specific one in the same clause ("air strike"),
and triggers of one event type close together ("retook ... after expelling") make one
event. Cue words around the trigger set the status (reported, planned, denied). A verb
used in a sense that is no conflict event ("captured the title") opens no draft.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..geoparse.arabic import has_article
from ..lexicon import Match
from ..records import ActorMention
from ..text.normalize import Memo, fold, key, token_forms
from ..text.languages import language
from .document import EventDoc, per_document
from .fatalities import count_word
from .lexicons import (
    TriggerSpec,
    cue_keys,
    cue_phrases,
    cue_words,
    draft_settings,
    one_word_keys,
    rules,
)


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
    victims: str = "unknown"  # "civilian", "armed", "site" or "unknown": who was hurt (victims_of)
    parts: list[Draft] = field(default_factory=list)  # the drafts merged into this one
    #: an agreement's trigger that names the agreement broken (:func:`violated`): its
    #: actors are read as an agreement's, then it becomes the fighting (:func:`broken_spec`)
    broken: bool = False
    #: a trigger of killing or shooting aimed at the demonstrators of its sentence
    #: (:func:`aimed_at_demonstrators`): lethal force at the demonstration, though told in
    #: another clause
    at_demonstrators: bool = False
    #: both sides are of one kind named once ("clashes between two armed groups",
    #: :func:`~geomap.events.roles.between`): actor1 and actor2 are the same actor
    both_sides: bool = False
    #: a clash of demonstrators with the authorities (:func:`clash_of_demonstrators`)
    demonstrators_clash: bool = False
    #: the clause a subjectless gerund trigger depends on (:func:`_head_clause`), or -1
    head_clause: int = -1
    #: the trigger is told as what came before ("... after two days of heavy fighting":
    #: :func:`_told_before`)
    before: bool = False
    #: a trigger of the draft storms or raids a place (:func:`_assault`)
    assault: bool = False

    @classmethod
    def at(cls, d: EventDoc, m: Match[TriggerSpec]) -> Draft:
        """The draft opened by trigger match ``m`` (marked ``broken`` when it names an
        agreement that was broken, :func:`violated`)."""
        return cls(
            _labour_strike(d, m) or _by_aircraft(d, m) or m.value,
            m.tok_start,
            m.tok_end,
            m.start,
            m.end,
            m.surface,
            d.clause[m.tok_start],
            m.tok_end,
            broken=violated(d, m),
            head_clause=_head_clause(d, m),
            at_demonstrators=aimed_at_demonstrators(d, m),
            before=_told_before(d, m),
            assault=_assault(d, m),
        )


def _assault(d: EventDoc, m: Match[TriggerSpec]) -> bool:
    """Does trigger ``m`` storm or raid a place (its first word one of ``assault_words`` in
    data/event_rules.yaml: "stormed", "اقتحم")? Unlike "clashes", such a trigger names one
    side going in; who it meets decides what the event is."""
    words = assault_words(d.lang)
    return bool(words) and not words.isdisjoint(token_forms(d.toks[m.tok_start].text))


@functools.cache
def assault_words(lang: str) -> frozenset[str]:
    """``assault_words`` of data/event_rules.yaml, as lookup keys."""
    return frozenset(key(str(w)) for w in ((rules().get("assault_words") or {}).get(lang) or ()))


@functools.cache
def _fight_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """``fight_for_ground``'s fight sub-event types and its ``after`` words of ``lang``,
    as lookup keys (read once: every trigger asks)."""
    rule = rules().get("fight_for_ground") or {}
    return (frozenset(rule.get("fight") or ()),
            frozenset(key(str(w)) for w in ((rule.get("after") or {}).get(lang) or ())))


#: How many words at most stand between ``fight_for_ground``'s "after" and the fight.
_BEFORE_REACH = 5


def _told_before(d: EventDoc, m: Match[TriggerSpec]) -> bool:
    """Does one of the ``after`` words of ``fight_for_ground`` (data/event_rules.yaml)
    stand at most a few words before trigger ``m`` in its clause ("after two days of heavy
    fighting", "بعد معارك عنيفة")? Only for the fights that rule reads."""
    fights, words = _fight_words(d.lang)
    if m.value.sub_event_type not in fights:
        return False
    here = d.clause[m.tok_start]
    for j in range(m.tok_start - 1, max(-1, m.tok_start - 1 - _BEFORE_REACH), -1):
        if d.clause[j] != here:
            return False
        if not words.isdisjoint(token_forms(d.toks[j].text)):
            return True
    return False


def _head_clause(d: EventDoc, m: Match[TriggerSpec]) -> int:
    """For a gerund right after a subordinating word ("clashed for hours before
    withdrawing", "after storming the village": ``gerund_openers`` in data/event_cues.yaml),
    the clause before it, whose subject does what the gerund says (the gerund has no
    subject of its own): events of one kind told in it and in the gerund are one; else -1."""
    t = m.tok_start
    toks = d.toks
    if t < 2 or not toks[t].text.endswith("ing") \
            or toks[t - 1].text not in cue_words("gerund_openers", d.lang):
        return -1
    lo, hi = d.tok_starts[t - 2], d.tok_starts[t - 1]
    if any(lo < s.start <= hi for s in d.sentences):
        return -1  # the word before ends the sentence before
    return d.clause[t - 2]


def _by_aircraft(d: EventDoc, m: Match[TriggerSpec]) -> TriggerSpec | None:
    """The air strike a strike verb names when aircraft do it: "استهدفت طائرات روسية
    مواقع" (Russian aircraft targeted positions), "طائراته استهدفت" (its aircraft
    targeted), "planes bombed" (``aircraft_strike`` in data/event_rules.yaml, the words
    ``aircraft`` in data/event_cues.yaml): the aircraft are the verb's subject, the word
    right before it, or, where the verb comes first, right after it; else ``None``."""
    rule = rules().get("aircraft_strike") or {}
    if m.value.sub_event_type not in (rule.get("from") or ()):
        return None
    words = one_word_keys("aircraft", d.lang)
    if not words:
        return None
    toks, here = d.toks, d.clause[m.tok_start]
    near = [m.tok_start - 1] + ([m.tok_end] if language(d.lang).verb_first else [])
    phrases = cue_words("aircraft", d.lang)  # (and two-word ones: "the air force struck")
    for k in near:
        if 0 <= k < len(toks) and d.clause[k] == here and (
            not words.isdisjoint(token_forms(toks[k].text))
            or (k > 0 and f"{d.words[k - 1].lower()} {d.words[k].lower()}" in phrases)
        ):
            return _become(m.value, str(rule["set"]))
    return None


def _labour_strike(d: EventDoc, m: Match[TriggerSpec]) -> TriggerSpec | None:
    """The protest a "strike" names when civilians strike ("a strike by teachers", "the
    nurses' strike"; ``labour_strike`` in data/event_rules.yaml, the people from
    ``civilian_victims`` in data/event_cues.yaml), else ``None``."""
    if m.tok_end - m.tok_start != 1 or d.toks[m.tok_start].text not in _strike_words(d.lang):
        return None
    rule = rules().get("labour_strike") or {}
    toks = d.toks
    after = m.tok_end
    if after < len(toks) and toks[after].text in cue_words("agent", d.lang):
        after += 1  # "a strike by ..."
        while after < len(toks) and toks[after].text in cue_words("determiners", d.lang):
            after += 1
    else:
        after = -1
    if not any(
        c.tok_end == m.tok_start or c.tok_start == after for c in d.cues["civilian_victims"]
    ):
        return None
    return TriggerSpec(**{**rule["set"], "verb": m.value.verb})


@functools.cache
def _strike_words(lang: str) -> frozenset[str]:
    """The words for a strike of ``labour_strike`` in data/event_rules.yaml, folded."""
    rule = rules().get("labour_strike") or {}
    return frozenset(fold(w) for w in (rule.get("words") or {}).get(lang) or ())


def refers_back(d: EventDoc, tok: int) -> bool:
    """Does the trigger at token ``tok`` refer back to an event already told, an
    ``anaphora`` cue right before it or one word before ("this meeting", "that deadly
    attack"; data/event_cues.yaml)? Not a word that opens a reported clause after a verb
    of saying, with the clause's subject in between ("said on Monday that militants
    attacked": ``reporting_words``)."""
    table = d.cue_at["anaphora"]
    if not table:
        return False
    last = len(d.toks) - 1
    for end in (tok, tok - 1):
        m = table.get(end)
        if m is None or d.clause[min(m.tok_start, last)] != d.clause[min(tok, last)]:
            continue
        return end == tok or not _reported(d, m.tok_start)
    return False


#: How many words before a clause-opening "that" a verb of saying may stand ("said in a
#: statement on Monday that").
REPORTED_REACH = 6


def _reported(d: EventDoc, tok: int) -> bool:
    """Does a ``reporting_words`` word (data/event_cues.yaml) stand in the clause of token
    ``tok`` within :data:`REPORTED_REACH` words before it?"""
    words = cue_words("reporting_words", d.lang)
    here = d.clause[tok]
    return any(
        d.toks[k].text in words
        for k in range(max(0, tok - REPORTED_REACH), tok)
        if d.clause[k] == here
    )


def other_sense(d: EventDoc, v0: int, v1: int) -> bool:
    """Is the verb at tokens ``v0:v1`` used in a sense that is no conflict event ("captured
    the title", "prices shot up", "demonstrated that")? See ``other_senses`` in
    data/event_cues.yaml."""
    toks = d.toks
    n = len(toks)
    phrases, firsts, objects, context = _other_sense_tables(d.lang)
    forms = token_forms(toks[v0].text)  # the trigger's first word's (asked twice below)
    # a phrase that holds the trigger and a word or two after it ("advance notice"), or the
    # word before it ("in advance"); Arabic words are compared without their clitics. Only
    # where a phrase begins with a form of the first word (few do) are the others read.
    if not firsts.isdisjoint(forms) and any(
        b <= n and _phrase_in(toks[v0:b], phrases) for b in (v1 + 1, v1 + 2)
    ):
        return True
    if v0 >= 1 and not firsts.isdisjoint(token_forms(toks[v0 - 1].text)) and any(
        b <= n and _phrase_in(toks[v0 - 1 : b], phrases) for b in (v1, v1 + 1)
    ):
        return True
    # (only a one-word trigger among the words of a context rule is read further)
    if v1 - v0 == 1 and not context.isdisjoint(forms) and any(
        _wants_context(d, v0, v1, rule) for rule in _CONTEXT_RULES
    ):
        return True
    claims = referring_claims(d)
    clause = d.clause
    if _denounced(d, v0) or (claims and any(b <= v0 <= b + 4 and clause[a] == clause[v0]
                                            for a, b in claims)):
        return True
    if characterised(d, v0):  # "what they called the looting of"
        return True
    here = clause[v0]
    for k in range(v1, min(v1 + 5, n)):
        if clause[k] != here:
            break
        if not objects.isdisjoint(token_forms(toks[k].text)):
            return True
    return backing(d, v0)


#: How many words (a country's name or adjective: "US", "Russian") may stand between a
#: ``backing`` phrase and the means it names ("backed by US drones").
BACKING_REACH = 2


def backing(d: EventDoc, v0: int) -> bool:
    """Is the trigger at token ``v0`` the means that backs the sentence's event rather than
    an event of its own: right after a ``backing`` phrase (data/event_cues.yaml) in its
    clause, with at most :data:`BACKING_REACH` words of an actor's name or a demonym
    between them ("troops backed by US drones retook the town", "بدعم من الطيران الروسي")?

    "Militias backed by Russia shelled the town" keeps its shelling: the word before the
    verb is a country's name, not its adjective, and the phrase then names who backs the
    militias (:func:`backed_by`)."""
    if not _backing_spans(d):
        return False  # most documents hold no backing phrase
    named = d.named_tokens
    here = d.clause[v0]
    for end in range(v0, max(-1, v0 - BACKING_REACH - 1), -1):
        if end < v0 and (end not in named or d.clause[end] != here):
            return False
        if _backing_start(d, end, here) is not None:
            return end == v0 or _adjective_between(d, end, v0)
    return False


#: How far after a ``backing`` phrase an actor may be named as the backer ("backed by air
#: strikes of the US-led coalition").
BACKER_REACH = 4


def backed_by(d: EventDoc, tok: int) -> int | None:
    """Where the phrase starts that names the actor at token ``tok`` as the backer of an
    armed side: in its clause within :data:`BACKER_REACH` words after a ``backing`` or
    ``patron`` phrase ("rebels backed by Turkey", "fighters backed by air strikes of the
    coalition", "loyal to Iran", "الفصائل المدعومة من تركيا"), else ``None``."""
    here = d.clause[tok]
    cue = d.cue_at["patron"].get(tok)
    if cue is not None and d.clause[cue.tok_start] == here:
        return cue.tok_start
    if not _backing_spans(d):
        return None
    triggers = _trigger_starts(d)
    for end in range(tok, max(-1, tok - BACKER_REACH - 1), -1):
        if end < tok and (d.clause[end] != here or (end in triggers and not backing(d, end))):
            return None  # another clause, or a verb between: "rebels backed by X advance over Y"
        start = _backing_start(d, end, here)
        if start is not None:
            return start
    return None


def may_back(d: EventDoc) -> bool:
    """May :func:`backed_by` name anyone in the document: does it hold a ``patron`` cue or a
    ``backing`` phrase? (Most documents hold neither.)"""
    return bool(d.cue_at["patron"]) or bool(_backing_spans(d))


@per_document
def _trigger_starts(d: EventDoc) -> frozenset[int]:
    """The tokens a trigger word starts at."""
    return frozenset(m.tok_start for m in d.triggers)


def _backing_start(d: EventDoc, end: int, here: int) -> int | None:
    """Where a ``backing`` phrase starts that ends right before token ``end``, in clause
    ``here``, else ``None``."""
    start = _backing_spans(d).get(end)
    return start if start is not None and d.clause[start] == here else None


@per_document
def _backing_spans(d: EventDoc) -> dict[int, int]:
    """The document's ``backing`` phrases: the token each ends before -> the token the
    longest of them there starts at. Found once per document (every trigger and every
    actor of every draft asks), each token's forms against the phrases' first words."""
    at = _backing_at(d.lang)
    if at is None:
        return {}
    toks, n = d.toks, len(d.toks)
    out: dict[int, int] = {}
    # the phrases each word can start, looked up in C for all words; most start none
    per_word = list(map(at.__getitem__, d.words))
    for i in itertools.compress(range(n), per_word):
        for phrase in per_word[i]:
            end = i + len(phrase)
            if end <= n and end not in out and all(
                w in token_forms(toks[i + k].text) for k, w in enumerate(phrase[1:], 1)
            ):
                out[end] = i  # (the first start is the longest phrase's)
    return out


@functools.cache
def _backing_at(lang: str) -> Memo | None:
    """word -> the ``backing`` phrases of ``lang`` one of its forms starts (in the order of
    its forms, then of the phrases), remembered per word; ``None`` when ``lang`` has none."""
    firsts = _backing_firsts(lang)
    if not firsts:
        return None
    return Memo(
        lambda word: tuple(p for form in token_forms(word) for p in firsts.get(form, ())),
        limit=1 << 16,
    )


@functools.cache
def _backing_firsts(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The ``backing`` phrases of ``lang`` by their first word."""
    got: dict[str, list[tuple[str, ...]]] = {}
    for phrase in cue_keys("backing", lang):
        got.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in got.items()}


def _adjective_between(d: EventDoc, a: int, b: int) -> bool:
    """Are tokens ``a:b`` (between a backing phrase and a means) a country's adjective
    ("Russian", "US", "التركي"), not a country's name that closes a phrase ("backed by
    Russia")? A demonym, or an acronym as written ("US", "UAE")."""
    demonym = {t for dm in d.demonyms for t in range(dm.tok_start, dm.tok_end)}
    starts = d.tok_starts
    return all(
        k in demonym or d.text[starts[k] : starts[k] + len(d.toks[k].text)].isupper()
        for k in range(a, b)
    )


def violated(d: EventDoc, m: Match[TriggerSpec]) -> bool:
    """Does trigger ``m`` name an agreement that was broken, not one made ("accused the army
    of violating the ceasefire", "ceasefire violations", "خرق الهدنة")? A word of
    ``violation`` (data/event_cues.yaml) up to four tokens before it in its clause, or right
    after it, for the sub-event types of ``broken_by_violation`` (data/event_rules.yaml)."""
    if m.value.sub_event_type not in ((rules().get("broken_by_violation") or {}).get("types")
                                      or ()):
        return False
    words = one_word_keys("violation", d.lang)
    toks, clause = d.toks, d.clause[m.tok_start]
    before = range(m.tok_start - 1, max(-1, m.tok_start - 5), -1)
    for j in (*before, m.tok_end):
        if 0 <= j < len(toks) and d.clause[j] == clause and not words.isdisjoint(
            token_forms(toks[j].text)
        ):
            return True
    return False


@functools.cache
def _other_sense_tables(
    lang: str,
) -> tuple[frozenset[tuple[str, ...]], frozenset[str], frozenset[str], frozenset[str]]:
    """What :func:`other_sense` reads for ``lang``, looked up once for every trigger: the
    phrases of ``other_sense_phrases`` (keys), their first words, the one-word
    ``other_senses`` and the trigger words of the :data:`_CONTEXT_RULES`."""
    context = frozenset().union(*(_forces_rule(lang, rule)[0] for rule in _CONTEXT_RULES))
    return (
        cue_keys("other_sense_phrases", lang),
        _first_keys("other_sense_phrases", lang),
        one_word_keys("other_senses", lang),
        context,
    )


#: The rules of data/event_rules.yaml for triggers that name an event only with the right
#: people near them: forces for a movement of forces, a crowd for a rally.
_CONTEXT_RULES = ("forces_context", "crowd_context")


def _wants_context(d: EventDoc, v0: int, v1: int, rule: str) -> bool:
    """Is the trigger at tokens ``v0:v1`` one that names an event only with the people of
    ``rule`` near it (forces, ``forces_context`` in data/event_rules.yaml: a movement of
    forces; a crowd, ``crowd_context``: "thousands rallied", not "oil prices rallied"), and
    are there none?"""
    words, near, window, armed = _forces_rule(d.lang, rule)
    toks = d.toks
    if not words or v1 - v0 != 1 or not words.intersection(token_forms(toks[v0].text)):
        return False
    clause = d.clause[v0]
    for m in d.actors:
        k = d.tok_index(m.start)
        if m.actor.type in armed and abs(k - v0) <= window and d.clause[k] == clause:
            return False
    for k in range(max(0, v0 - window), min(len(toks), v1 + window)):
        if k == v0 or d.clause[k] != clause:
            continue
        for f in token_forms(toks[k].text):
            if any(f == w or (star and f.startswith(w)) for w, star in near):
                return False
    return True


@functools.cache
def _first_keys(kind: str, lang: str) -> frozenset[str]:
    """The first words of the phrases of a list of data/event_cues.yaml, as lookup keys."""
    return frozenset(p[0] for p in cue_keys(kind, lang))


@functools.cache
def _forces_rule(lang: str, name: str = "forces_context"
                 ) -> tuple[frozenset[str], tuple[tuple[str, bool], ...], int, frozenset]:
    """Rule ``name`` of data/event_rules.yaml (``forces_context``, ``crowd_context``) for
    ``lang``: the trigger words (keys), the words near them as (key, prefix?), the window,
    the actor types that count as such people."""
    rule = rules().get(name) or {}
    words = frozenset(key(str(w)) for w in (rule.get("words") or {}).get(lang) or ())
    near = tuple(
        (key(str(w).rstrip("*")), str(w).endswith("*"))
        for w in (rule.get("near") or {}).get(lang) or ()
    )
    return words, near, int(rule.get("window", 6)), frozenset(rule.get("actor_types") or ())


def _phrase_in(toks, phrases: frozenset[tuple[str, ...]]) -> bool:
    """Do the tokens ``toks`` read as one of ``phrases`` (tuples of lookup keys), each
    token in any of its forms?"""
    options = [token_forms(t.text) for t in toks]
    if all(len(o) == 1 for o in options):
        return tuple(o[0] for o in options) in phrases
    return any(combo in phrases for combo in itertools.product(*options))


@per_document
def claim_spans(d: EventDoc) -> list[tuple[int, int]]:
    """Token spans of the claims of responsibility in the document (``claims`` in
    data/event_cues.yaml); computed once per document (every trigger asks)."""
    phrases = cue_phrases("claims", d.lang)
    if not phrases:
        return []
    firsts = {p[0] for p in phrases}
    text = d.norm.text
    if not any(w in text for w in firsts):
        return []  # the tokens are words of the normalised text: no first word, no claim
    words = d.words
    out = []
    # (the words that may open a claim found in one C-level pass)
    for k in itertools.compress(itertools.count(), map(firsts.__contains__, words)):
        for n in (3, 2, 1):
            if tuple(words[k : k + n]) in phrases:
                out.append((k, k + n))
                break
    return out


@per_document
def referring_claims(d: EventDoc) -> list[tuple[int, int]]:
    """The claims of :func:`claim_spans` that name an event told before ("A bomb went off in
    X. Islamic State claimed responsibility for the attack."): an event trigger comes
    before the claim in the document, and what is claimed is no new one (no trigger
    follows, or :func:`_claims_new` finds it told before). Their trigger opens no event
    and the claimant goes to the event before (:func:`~geomap.events.roles.credit_claims`);
    any other claim tells its own event ("Houthi rebels claimed a missile attack on a ship")."""
    claims = claim_spans(d)
    if not claims:
        return []
    return [(a, b) for a, b in claims
            if any(m.tok_start < a for m in d.triggers) and not _claims_new(d, a, b)]


def _claims_new(d: EventDoc, a: int, b: int) -> bool:
    """Does the claim at tokens ``a:b`` name an event not told before: a trigger up to four
    words after it in its clause, named with an indefinite word ("a missile attack",
    ``indefinite_words`` in data/event_cues.yaml) or, where words carry the article, with
    neither the article nor a definite word ("هجوما صاروخيا")? Headlines drop articles:
    "claim responsibility for suicide attack" names the attack told before."""
    toks, clause = d.toks, d.clause
    trigger = next((m for m in d.triggers if b <= m.tok_start <= b + 4
                    and clause[m.tok_start] == clause[a]), None)
    if trigger is None:
        return False
    gap = [token_forms(toks[j].text) for j in range(b, trigger.tok_start)]
    if any(not one_word_keys("indefinite_words", d.lang).isdisjoint(f) for f in gap):
        return True
    if not language(d.lang).clitics:
        return False
    if any(not one_word_keys("definite_words", d.lang).isdisjoint(f) for f in gap):
        return False
    return not has_article(toks[trigger.tok_start].text)


def _denounced(d: EventDoc, v0: int) -> bool:
    """Is the trigger at token ``v0`` what someone condemns or protests against
    ("protesters gathered to denounce the shelling", "نددوا بالقصف")? Those who condemn
    it did not do it, and the report is of their protest (``condemnation`` in
    data/event_cues.yaml, up to four words before the trigger in its clause)."""
    words = cue_words("condemnation", d.lang)
    protest = cue_words("protest_against", d.lang)
    demos = _demonstration_triggers(d)
    if v0 in demos:
        protest = frozenset()  # "protesting against brutality torched": their own riot
    toks = d.toks
    clause = d.clause
    here = clause[v0]
    for j in range(v0 - 1, max(-1, v0 - 5), -1):
        if clause[j] != here:
            return False
        w = toks[j].text
        if w in words or (j > 0 and w in protest and (
            toks[j - 1].text.startswith("protest")
            # "protested in Basra against the killing": a demonstration word earlier in the
            # clause (a few words before) protests against what follows
            or any(clause[t] == here and t in demos for t in range(max(0, j - 6), j))
        )):
            return True
    return False


#: How many words may stand between a word of naming ("called", "وصفوه") and the trigger
#: it names ("what they called the looting", "ما وصفوه بأنه نهب").
NAMED_REACH = 3
#: How many words may stand between "what" and the word of naming ("what the Syrian
#: opposition described as").
NAMER_REACH = 5


def characterised(d: EventDoc, v0: int) -> bool:
    """Is the trigger at token ``v0`` a speaker's word for something ("to stop what they
    called the looting of Yemen's oil", "in what the opposition described as a massacre",
    "the so-called invasion", "ما وصفوه بنهب النفط", "ما يسمى الغزو")? It stands up to
    :data:`NAMED_REACH` words after a naming of :func:`characterisations`, in the clause the
    naming ends in: rhetoric, no event the sentence reports. (An accusation names one:
    "accused the rebels of shelling a school".)"""
    for _, k, _ in characterisations(d):
        if k <= v0 <= k + NAMED_REACH:
            return d.clause[v0] == d.clause[min(k, len(d.toks) - 1)]
    return False


@per_document
def characterisations(d: EventDoc) -> list[tuple[int, int, int]]:
    """The document's namings of something in a speaker's terms: a word of naming
    (``characterisations`` in data/event_cues.yaml: "called", "described as", "وصفوه")
    with a word of ``characterisation_leads`` ("what", "ما") up to :data:`NAMER_REACH`
    words before it in its clause, or one of ``characterisation_prefixes`` right before it
    ("so-called"). Each as (the lead's token, the token
    after the naming, the end of the clause of what is named): the words from the lead to
    that end are the speaker's, and the actors among them take no part in the sentence's
    events ("what they called the looting of Yemen's oil": Yemen does not act)."""
    names = cue_keys("characterisations", d.lang)
    if not names:
        return []
    firsts = _first_keys("characterisations", d.lang)
    leads = one_word_keys("characterisation_leads", d.lang)
    prefixes = one_word_keys("characterisation_prefixes", d.lang)
    particles = one_word_keys("characterisation_not_before", d.lang)
    toks, clause, n = d.toks, d.clause, len(d.toks)
    out = []
    for j in itertools.compress(range(n), map(firsts.__contains__, d.words)):
        end = next((b for b in range(min(n, j + max(map(len, names))), j, -1)
                    if _phrase_in(toks[j:b], names)), None)
        if end is None or end >= n or not particles.isdisjoint(token_forms(toks[end].text)):
            continue  # ("what they called for", "what the army called in")
        if j > 0 and clause[j - 1] == clause[j] and not prefixes.isdisjoint(
                token_forms(toks[j - 1].text)):
            lead = j - 1  # "the so-called invasion"
        else:
            lead = next((t for t in range(j - 1, max(-1, j - 1 - NAMER_REACH), -1)
                         if clause[t] == clause[j]
                         and not leads.isdisjoint(token_forms(toks[t].text))), None)
        if lead is None:
            continue
        # (the naming may end the clause before: "described | as a massacre")
        stop = end
        while stop < n and clause[stop] == clause[end]:
            stop += 1
        out.append((lead, end, stop))
    return out


def aimed_at_demonstrators(d: EventDoc, m: Match[TriggerSpec]) -> bool:
    """Is trigger ``m`` a generic word of killing or shooting (``lethal_force`` in
    data/event_rules.yaml) in a document that tells a demonstration, whose clause names the
    demonstrators or their dispersal (``demonstrator_refs`` in data/event_cues.yaml:
    "..., and security forces opened fire to disperse them"), that opens its clause as the
    outcome of the one before ("police fired tear gas at the crowd, killing two"), or that
    stands in the clause after the demonstration's and tells no other occasion? Force so
    aimed is used at the demonstration of its sentence, even in another clause."""
    if not m.value.generic or not _demonstration_triggers(d) or not _lethal_force(m.surface):
        return False
    clause, toks, here = d.clause, d.toks, d.clause[m.tok_start]
    lo = m.tok_start
    while lo > 0 and clause[lo - 1] == here:
        lo -= 1
    if lo == m.tok_start and lo > 0 and clause[lo - 1] == here - 1:
        return True  # an outcome opening its clause (", killing a protester"): of the last
    hi = m.tok_end
    while hi < len(toks) and clause[hi] == here:
        hi += 1

    def names(kind: str) -> bool:  # a word of the list ``kind`` in the trigger's clause
        keys = one_word_keys(kind, d.lang)
        return any(not keys.isdisjoint(token_forms(toks[t].text)) for t in range(lo, hi))

    # the clause right after the demonstration's ("During demonstrations in July, security
    # forces opened fire"), unless it tells another time or place ("..., where 24 were
    # killed in riots last March"; ``other_occasion`` in data/event_cues.yaml)
    return names("demonstrator_refs") or (
        any(clause[t] == here - 1 for t in _demonstration_triggers(d))
        and not names("other_occasion"))


def clash_of_demonstrators(d: EventDoc, dr: Draft, lo: int, t0: int, hi: int) -> None:
    """Make draft ``dr`` the demonstrators' violence when it is a clash (``from`` of
    ``demonstrators_clash`` in data/event_rules.yaml) told with a demonstration, whose
    trigger stands between tokens ``lo`` (the start of the sentence before the clash's,
    which starts at ``t0``) and ``hi`` (the end of the clash's sentence), whose sides read
    are only demonstrators and the authorities (``sides``), at most one state, and which
    names the demonstrators (a side, or a word in its clause): "Farmers blocked the highway.
    Police arrested dozens of them after clashes." is one violent demonstration, no battle
    (a battle needs two organised armed groups)."""
    rule = rules().get("demonstrators_clash") or {}
    if dr.spec.generic or dr.spec.sub_event_type not in (rule.get("from") or ()):
        return
    if not any(lo <= t < hi for t in _demonstration_triggers(d)):
        return
    sides = {m.actor.name: m.actor.type for m in (dr.actor1, dr.actor2, *dr.actors)
             if m is not None}
    allowed = set(rule.get("sides") or ())
    if not set(sides.values()) <= allowed or list(sides.values()).count("state") > 1:
        return
    if not set(sides.values()) & set(rules()["role_types"]["demonstrators"]) \
            and not _clause_names(d, dr.tok_start, t0, "demonstrator_people"):
        return
    got = rule["set"]
    dr.spec = replace(dr.spec, event_type=got["event_type"],
                      sub_event_type=got["sub_event_type"], plover=got["plover"])
    dr.demonstrators_clash = True


def _clause_names(d: EventDoc, at: int, t0: int, kind: str) -> bool:
    """Does the clause of token ``at``, or the one right before it in its sentence (which
    starts at token ``t0``: "Police arrested dozens of them | after clashes"), hold a word
    of the list ``kind`` (data/event_cues.yaml)?"""
    clause, here = d.clause, d.clause[at]
    lo, hi = at, at
    while lo > t0 and clause[lo - 1] in (here, here - 1):
        lo -= 1
    while hi < len(d.toks) and clause[hi] == here:
        hi += 1
    return names_word(d, kind, lo, hi)


def names_word(d: EventDoc, kind: str, lo: int, hi: int) -> bool:
    """Does a word of the list ``kind`` (data/event_cues.yaml) stand among tokens
    ``lo:hi``?"""
    keys = one_word_keys(kind, d.lang)
    return any(not keys.isdisjoint(token_forms(d.toks[t].text)) for t in range(lo, hi))


def authorities_opposite(dr: Draft) -> None:
    """In the demonstrators' violence of a clash (:func:`clash_of_demonstrators`, merged
    into draft ``dr``), the police read acting ("Police arrested dozens of them after
    clashes") are the demonstrators' other side: actor2 (actor1, the demonstrators, is
    implied: ``implied_actors`` in data/event_rules.yaml)."""
    if not (dr.demonstrators_clash or any(p.demonstrators_clash for p in dr.parts)):
        return
    if dr.spec.event_type not in rules()["role_types"]["demonstration_events"]:
        return
    if dr.actor2 is None and dr.actor1 is not None \
            and dr.actor1.actor.type not in rules()["role_types"]["demonstrators"]:
        dr.actor1, dr.actor2 = None, dr.actor1


@per_document
def _demonstration_triggers(d: EventDoc) -> frozenset[int]:
    """The first tokens of the document's triggers of a demonstration event type."""
    own = rules()["role_types"]["demonstration_events"]
    return frozenset(m.tok_start for m in d.triggers if m.value.event_type in own)


def merge_drafts(drafts: list[Draft], apart: Callable[[Draft, Draft], bool] | None = None
                 ) -> list[Draft]:
    """Fold a generic trigger into a specific one of its clause, and triggers of one event
    type close together into one event, keeping each one's actors. Two triggers of one
    clause that name one event in different words ("قصفت طائرات", "warplanes shelled", a
    grenade in a firefight) make the event of the type ``same_event`` in
    data/event_rules.yaml keeps (triggers of one sentence at most ``merge_window`` tokens
    apart); ``apart`` tells two drafts told of different places ("rallied in Tunis, while
    thousands marched in Sfax"): two demonstrations of one sub-type (``sentence_wide``
    types) so told stay two events. (For every type it would split "clashes in X; regime
    forces advance in Y" too, and the clashes would lose the actors the merge lent them;
    on UCDP that costs one headline's actor1.)"""
    merged: list[Draft] = []
    for dr in drafts:
        host = _host(dr, merged, apart)
        if host is None:
            merged.append(dr)
        else:
            _fold(host, dr)
    met = rules()["role_types"].get("met_by_victims") or ()
    for dr in merged:
        if dr.parts and dr.actor1 is not None and dr.actor2 is not None \
                and dr.actor1.start == dr.actor2.start and dr.spec.sub_event_type in met:
            # one mention read as the victim by one trigger and as the means' user by
            # another ("two police officers were killed when their vehicle hit a
            # roadside bomb"): they met the bomb, they did not plant it
            dr.actor1 = None
    return merged


def _host(dr: Draft, merged: list[Draft], apart: Callable[[Draft, Draft], bool] | None = None
          ) -> Draft | None:
    """The draft ``dr`` folds into, if any."""
    if not merged:
        return None
    window = draft_settings()["merge_window"]
    generic_window = draft_settings()["generic_merge_window"]
    hosts = _generic_hosts()
    wide = sentence_wide()
    for other in merged:
        gap = dr.tok_start - other.tok_end
        if (
            (dr.spec.generic or other.spec.generic)
            and (dr.clause == other.clause or gap <= generic_window)
            and _may_fold_generic(dr.spec, other.spec, hosts)
        ):
            return other  # "air strikes ..., killing 12": one event
        own_actor = (
            dr.actor1 is not None
            and other.actor1 is not None
            and dr.actor1.actor.name != other.actor1.actor.name
        )
        if gap > window and not _escalation(dr.spec, other.spec, wide) \
                and not _fight_for_ground(dr, other, apart):
            continue  # far apart: one event only as a demonstration that turned
        # (demonstrations told each with a place of its own: two events, though one of them
        # turned violent: "thousands rallied in Baghdad, while protesters burned tyres in
        # Nasiriyah")
        twice = apart is not None and dr.spec.event_type in wide \
            and other.spec.event_type in wide and apart(dr, other)
        if _kept(dr.spec, other.spec) is not None and not twice and (
            dr.clause == other.clause or dr.head_clause == other.clause
            or not _one_clause(dr.spec.sub_event_type, other.spec.sub_event_type)
        ):
            return other  # one event told twice, whichever side threw the grenade
        if dr.spec.event_type == other.spec.event_type and (
            dr.clause == other.clause or not own_actor
        ) and not twice:
            return other
    return None


def _fight_for_ground(a: Draft, b: Draft, apart: Callable[[Draft, Draft], bool] | None) -> bool:
    """Are ``a`` and ``b``, far apart in one sentence, the fight told as what came before
    (:func:`_told_before`) and the change of territory it won (``fight_for_ground`` in
    data/event_rules.yaml), told of no two regions ("M23
    rebels seized the town of Sake, 25 km west of Goma, on Tuesday after two days of heavy
    fighting with the army")? A coder records one battle, its sides both drafts' actors."""
    pair = rules().get("fight_for_ground") or {}
    return (a.before and a.spec.sub_event_type in (pair.get("fight") or ())
            and b.spec.sub_event_type in (pair.get("taken") or ())
            and (apart is None or not apart(a, b)))


def _escalation(a: TriggerSpec, b: TriggerSpec, wide: frozenset[str]) -> bool:
    """Are ``a`` and ``b`` two stages of one sentence-wide event (a protest, then the police
    intervening, then stones thrown)? Two triggers of the same sub-event type far apart
    ("rallied in Tunis, while opponents marched in Sfax") are two events."""
    return a.event_type in wide and b.event_type in wide and a.sub_event_type != b.sub_event_type


@functools.cache
def sentence_wide() -> frozenset[str]:
    """``sentence_wide`` of data/event_rules.yaml: types told once a sentence."""
    return frozenset(rules().get("sentence_wide") or ())


@functools.cache
def _generic_hosts() -> frozenset[str]:
    """``generic_hosts`` of data/event_rules.yaml."""
    return frozenset(rules().get("generic_hosts") or ())


def _may_fold_generic(a: TriggerSpec, b: TriggerSpec, hosts: frozenset[str]) -> bool:
    """May a generic trigger and another one make one event? Only when the specific one
    is of a type that can hurt (``generic_hosts`` in data/event_rules.yaml): the killing
    told next to a withdrawal or a curfew is an event of its own ("kills a man and
    withdraws"), not a part of it."""
    specific = b if a.generic else a
    return specific.generic or specific.event_type in hosts


def _kept(a: TriggerSpec, b: TriggerSpec) -> TriggerSpec | None:
    """Of two triggers naming one event, the one whose type the event takes (``same_event``
    in data/event_rules.yaml), with the sub-event type the pair ``becomes`` where the rule
    gives one, or ``None`` when the table does not pair them."""
    got = kept_sub_event(a.sub_event_type, b.sub_event_type)
    if got is None:
        return None
    kept = a if got[0] == a.sub_event_type else b
    return kept if got[1] == kept.sub_event_type else _become(kept, got[1])


@functools.lru_cache(maxsize=64)
def _become(spec: TriggerSpec, sub_event_type: str) -> TriggerSpec:
    return replace(spec, sub_event_type=sub_event_type)


def kept_sub_event(a: str, b: str) -> tuple[str, str] | None:
    """Of two sub-event types that name one event, the one the event takes and the
    sub-event type it becomes (``same_event`` in data/event_rules.yaml: ``keep``, and
    ``becomes`` or else ``keep``), or ``None`` when the table does not pair them."""
    rule = _same_event_rule(a, b)
    if rule is None:
        return None
    keep = rule.get("keep")
    return keep, rule.get("becomes") or keep


def _one_clause(a: str, b: str) -> bool:
    """Does the ``same_event`` rule pairing sub-event types ``a`` and ``b`` hold only in one
    clause (``clause: true``: "shot down two drones" is one interception; "jets struck
    targets, ...; air defences intercepted missiles" tells two events)?"""
    rule = _same_event_rule(a, b)
    return rule is not None and bool(rule.get("clause"))


@functools.lru_cache(maxsize=256)
def _same_event_rule(a: str, b: str) -> dict | None:
    """The ``same_event`` rule of data/event_rules.yaml that pairs sub-event types ``a``
    and ``b`` (either way round), or ``None``."""
    for rule in rules().get("same_event") or ():
        keep, fold = rule.get("keep"), rule.get("fold") or ()
        if (a == keep and b in fold) or (b == keep and a in fold):
            return rule
    return None


def _fold(host: Draft, dr: Draft) -> None:
    """Draft ``dr`` becomes a part of ``host``: its type if more specific, its actors."""
    host.assault = host.assault or dr.assault
    window = draft_settings()["merge_window"]
    # (in one clause, or aimed at the demonstrators: "demonstrated in Serbia, where 24 were
    # killed in riots last March" tells no shooting at the demonstration)
    lethal = (
        dr.clause == host.clause and (
            (host.spec.generic and _lethal_force(host.trigger))
            or (dr.spec.generic and _lethal_force(dr.trigger)))
    ) or dr.at_demonstrators
    hosts = _generic_hosts()
    outcome = host.spec.generic  # ("killed", before the specific trigger names the event)
    if host.spec.generic and not dr.spec.generic:
        # (the killing told with the looting keeps its attack: same_event alone folds a
        # generic trigger into a type that hurts no one)
        host.spec = dr.spec if dr.spec.event_type in hosts else _kept(host.spec, dr.spec) or dr.spec
    elif not dr.spec.generic or host.spec.event_type not in hosts:
        host.spec = _kept(host.spec, dr.spec) or host.spec
    if lethal:
        host.spec = _lethal_spec(host.spec)
    if _subject_between(host, dr):
        # "Warplanes and regime forces pounded the town": the forces named between the two
        # triggers stand right before the verb, its subject: they act, not acted on
        host.actor1, host.actor2 = host.actor2, None
    host.actor1 = host.actor1 or _lent_actor1(host, dr, outcome)
    if (
        host.actor2 is None
        and dr.actor2 is not None
        and (host.actor1 is None or dr.actor2.actor.name != host.actor1.actor.name)
    ):
        host.actor2 = dr.actor2
    wide = sentence_wide()
    if (host.actor2 is None and dr.actor1 is not None and host.actor1 is not None
            and dr.actor1.actor.name != host.actor1.actor.name
            and host.spec.event_type in wide and dr.spec.event_type in wide):
        host.actor2 = dr.actor1  # the police who dispersed the protest: its other side
    host.actors += [m for m in dr.actors if m not in host.actors]
    # a part's own actors stay the event's ("fired on a police patrol, and killed five
    # civilians": the police and the civilians were both acted on)
    for m in (dr.actor1, dr.actor2):
        if m is not None and m not in (host.actor1, host.actor2) and m not in host.actors:
            host.actors.append(m)
    host.trigger = f"{host.trigger} … {dr.trigger}"
    host.parts.append(dr)
    if dr.clause == host.clause or dr.tok_start - host.tok_end <= window:
        # a far generic trigger ("..., killing 14") joins the event without
        # stretching it: the event is placed from its own trigger
        host.tok_end = max(host.tok_end, dr.tok_end)
        host.end = max(host.end, dr.end)


def _subject_between(host: Draft, dr: Draft) -> bool:
    """Is the host's actor2, named after the host's trigger, the actor1 of the draft
    folded into it, named right before that draft's trigger (one space between): the
    subject of its verb ("Warplanes and regime forces pounded ...")?"""
    a = host.actor2
    return (
        host.actor1 is None
        and a is not None
        and dr.actor1 == a
        and host.end <= a.start
        and 0 <= dr.start - a.end <= 1
    )


def _lent_actor1(host: Draft, dr: Draft, outcome: bool = False) -> ActorMention | None:
    """The actor1 a folded draft ``dr`` lends a host that has none: not a generic outcome's
    ("..., causing no casualties", "..., killing two") actor1 that the host itself reads as
    acted on ("rockets hit a Turkish base, causing no casualties": the base's owner was
    hit, it did not fire), nor a clash's side that the outcome before it reads as its
    victims ("four rebels were killed in clashes with regime forces": the rebels lost men,
    the other side named fought them; ``outcome``: the host's trigger was one)."""
    a1 = dr.actor1
    if a1 is not None and outcome and host.actor2 is not None \
            and a1.start == host.actor2.start and a1.start < dr.start \
            and dr.spec.sub_event_type in rules()["role_types"]["two_sided"]:
        return None
    if a1 is None or not dr.spec.generic or host.spec.generic:
        return a1
    if host.actor2 is not None and a1.actor.name == host.actor2.actor.name:
        return None
    kinds = rules()["role_types"]
    if host.spec.event_type in kinds["demonstration_events"] and host.spec.sub_event_type \
            not in (kinds.get("force_on_demonstrators") or ()):
        # "Thousands protested in Basra, a day after security forces killed three": who
        # killed is no demonstrator (they stay in the event's actors)
        return None
    return a1


#: How many words after a verb of preventing its attack trigger may stand ("foiled an IS
#: attack", "thwarted a large-scale attack").
PREVENTED_GAP = 4


def prevented_attacks(d: EventDoc, drafts: list[Draft]) -> list[Draft]:
    """"Foiled an attack", "أحبط هجوما": a verb of preventing that is both a trigger of
    disrupted weapons use and a verb of repelling (``repel_verbs``, data/event_cues.yaml)
    before an attack's trigger in its clause tells one event, not two. With a remote means
    in the clause ("foiled a drone attack", "أحبط هجوماً بطائرة مسيرة") it is the weapon's
    use disrupted, the attack's trigger no event of its own; with none ("SDF fighters foiled
    an IS attack, killing five") the attack was fought off: a battle, whose sides the
    repel verb gives (:func:`~geomap.events.roles.assign_actors`), no disrupted event."""
    if len(drafts) < 2:
        return drafts
    verbs = cue_words("repel_verbs", d.lang)
    disrupted = disrupting()
    subs: dict[int, set[str]] = {}  # clause -> its drafts' sub-event types (read once)
    for dr in drafts:
        subs.setdefault(dr.clause, set()).add(dr.spec.sub_event_type)
    drop: set[int] = set()
    for n, dr in enumerate(drafts):
        if dr.spec.sub_event_type not in disrupted or dr.tok_end - dr.tok_start != 1 \
                or d.words[dr.tok_start] not in verbs:
            continue
        # (drafts come in token order: the attack is among the next few)
        attack = next((o for o in itertools.takewhile(
            lambda o: o.tok_start - dr.tok_end < PREVENTED_GAP, drafts[n + 1:n + 1 + PREVENTED_GAP])
            if o.clause == dr.clause and o.spec.sub_event_type in _ground_attacks()
            and o.tok_start >= dr.tok_end), None)
        if attack is None:
            continue
        remote = not subs[dr.clause].isdisjoint(disrupted[dr.spec.sub_event_type])
        drop.add(id(attack) if remote else id(dr))
    return [dr for dr in drafts if id(dr) not in drop] if drop else drafts


@functools.cache
def disrupting() -> dict[str, frozenset[str]]:
    """The sub-event types that prevent another's use, with the remote means they fold
    (``same_event`` rules of data/event_rules.yaml keeping a Strategic developments type
    and marked ``clause``: "Disrupted weapons use" with the strikes it intercepts)."""
    out: dict[str, frozenset[str]] = {}
    for rule in rules().get("same_event") or ():
        if rule.get("prevents"):
            out[rule["keep"]] = frozenset(rule.get("fold") or ())
    return out


@functools.cache
def _ground_attacks() -> frozenset[str]:
    """``prevented_attacks`` of data/event_rules.yaml: the sub-event types of an attack
    that a verb of preventing can have fought off."""
    return frozenset(rules().get("prevented_attacks") or ())


def fighting_of_broken(drafts: list[Draft]) -> None:
    """Drafts of an agreement that was broken (``broken``) become the fighting that broke
    it (:func:`broken_spec`), once their actors are read as an agreement's (the parties of
    "the Russian-Turkish truce" are not its violators)."""
    for dr in drafts:
        if dr.broken:
            dr.spec = broken_spec(dr.spec)


@functools.lru_cache(maxsize=64)
def broken_spec(spec: TriggerSpec) -> TriggerSpec:
    """The event an agreement's trigger names when it was broken (``becomes`` of
    ``broken_by_violation`` in data/event_rules.yaml: the fighting across the lines)."""
    return _as_set(spec, (rules().get("broken_by_violation") or {}).get("becomes") or {})


def _as_set(spec: TriggerSpec, new: dict) -> TriggerSpec:
    """``spec`` with the event type, sub-event type and PLOVER class a rule of
    data/event_rules.yaml sets (``becomes``), each kept where the rule sets none."""
    return replace(spec, event_type=new.get("event_type", spec.event_type),
                   sub_event_type=new.get("sub_event_type", spec.sub_event_type),
                   plover=new.get("plover", spec.plover))


@functools.cache
def _lethal_words() -> frozenset[str]:
    """The words of ``lethal_force`` in data/event_rules.yaml, every language, folded."""
    words = (rules().get("lethal_force") or {}).get("words") or {}
    return frozenset(fold(str(w)) for ws in words.values() for w in ws or ())


def _lethal_force(trigger: str) -> bool:
    """Does a generic trigger's surface end in a word for killing or shooting
    (``lethal_force``): "opened fire", and "Gunmen opened fire", a trigger that names who
    fired?"""
    words, lethal = fold(trigger).split(), _lethal_words()
    return any(" ".join(words[i:]) in lethal for i in range(len(words)))


@functools.lru_cache(maxsize=64)
def _lethal_spec(spec: TriggerSpec) -> TriggerSpec:
    """The type a demonstration takes when its people were killed or shot at
    (``lethal_force`` in data/event_rules.yaml: excessive force against protesters); any
    other event keeps its own."""
    rule = rules().get("lethal_force") or {}
    if spec.sub_event_type not in (rule.get("into") or ()):
        return spec
    return _as_set(spec, rule.get("becomes") or {})


#: How many words before a fighter's noun (English) or after it (Arabic) a word that
#: makes him a former one may stand ("a former senior rebel commander", "قياديا سابقا").
FORMER_REACH = 4


def _is_former(d: EventDoc, t0: int, t1: int) -> bool:
    """Is the noun or name of tokens ``t0:t1`` a former one: a word of ``former_words``
    (data/event_cues.yaml) up to :data:`FORMER_REACH` words before it in its clause ("a
    former rebel commander", "a former commander of the FSA", "قياديا سابقا في المعارضة")
    or, in Arabic, right after it ("قيادي سابق")?"""
    if _former_word(d, t0) is not None:
        return True
    return language(d.lang).verb_first and t1 < len(d.words) \
        and d.words[t1] in cue_words("former_words", d.lang)


def _former_word(d: EventDoc, t0: int) -> int | None:
    """The token of a word of ``former_words`` up to :data:`FORMER_REACH` words before
    token ``t0`` in its clause, else ``None``."""
    words = cue_words("former_words", d.lang)
    if not words:
        return None
    clause = d.clause[t0]
    for j in range(t0 - 1, max(-1, t0 - FORMER_REACH - 1), -1):
        if d.clause[j] != clause:
            break
        if d.words[j].lower() in words:
            return j
    return None


def _victim_cues(d: EventDoc, dr: Draft, hurt: Callable[[str], list]) -> dict[str, list]:
    """The civilian and armed victim cues of the draft's sentence (``hurt``: those of a
    kind, but the words of who acted), a former fighter among the civilians."""
    found = {kind: hurt(kind) for kind in ("civilian", "armed")}
    former = [m for m in found["armed"] if _is_former(d, m.tok_start, m.tok_end)]
    if former:  # "a former rebel commander": no fighter now
        found["armed"] = [m for m in found["armed"] if m not in former]
        found["civilian"] += former
    a2 = dr.actor2
    if dr.actor1 is not None and not found["armed"] and (
            a2 is None or a2.actor.type in rules()["role_types"]["victims"]):
        # people counted that an armed actor hurt ("gunmen killed four people"), in a
        # sentence that names no fighters hurt ("144 people were killed, 44 of them
        # soldiers": a toll) nor an armed side attacked ("attacked the village held by
        # the SDF, killing 9 people"); not people sought or met ("searching for people")
        found["civilian"] += [m for m in hurt("people") if m.tok_start > 0
                              and count_word(d.toks[m.tok_start - 1].text, d.lang)]
    return found


def former_side(d: EventDoc, t: int, m: ActorMention) -> bool:
    """Is the actor ``m`` (at token ``t``) named as a fighter's former side: after a word
    of ``former_words`` (:func:`_former_word`) with a fighter's noun (``armed_victims``)
    between them or right after the name ("a former rebel commander", "a former
    commander of the FSA", "قياديا سابقا في المعارضة")? Not a former thing of another
    kind ("the former regime", "a former minister of X")."""
    j = _former_word(d, t)
    if j is None:
        return False
    end = d.tok_index(m.end - 1) + 1
    armed = d.cues["armed_victims"]
    return any(j < c.tok_start <= end and not (t <= c.tok_start < end) for c in armed) \
        or (language(d.lang).verb_first and any(c.tok_end == j for c in armed))


def victims_of(d: EventDoc, dr: Draft, t0: int, t1: int) -> str:
    """Who the event hurt, by the victim word of the sentence (tokens ``t0:t1``) nearest
    the trigger: ``"civilian"`` (``civilian_victims`` in data/event_cues.yaml, and
    and a number of ``people_victims`` when the event names who acted and no fighters
    were hurt),
    ``"armed"`` (``armed_victims``), ``"site"`` when no one is named but a village, market
    or home was attacked (``civilian_sites``, after the trigger) or ``"unknown"``. Words
    after the trigger come first
    ("gunmen shot dead a man": the man was hurt, the gunmen acted), then the trigger's own
    ("massacre"), then those before it ("12 soldiers were killed"); on a tie the civilian
    word wins. Where the verb comes first, the subject right after a verb trigger is who
    acted, not who was hurt ("اغتال مسلحون قاضيا": the gunmen killed a judge)."""
    best: tuple[int, int, int, str] | None = None
    starts_of = _victim_cue_starts(d)
    acted = _subject_after_verb(d, dr)
    a1 = dr.actor1
    # the words of who acted name no victim ("Gunmen attacked the village": the gunmen)
    own = (d.tok_index(a1.start), d.tok_index(a1.end - 1) + 1) if a1 is not None else (0, 0)
    if a1 is not None and language(d.lang).subject_first:
        # (and the people's noun right after the name: "Al-Shabaab militants stormed ...")
        own = (own[0], own[1] + 1)

    def hurt(kind: str) -> list:
        """The sentence's victim cues of ``kind``, but those of who acted."""
        cues = d.cues[f"{kind}_victims"]
        starts = starts_of[kind]
        if starts is not None:  # the sentence's cues alone, not the document's
            cues = cues[bisect.bisect_left(starts, t0) : bisect.bisect_left(starts, t1)]
        return [m for m in cues if t0 <= m.tok_start < t1
                and not (acted[0] <= m.tok_start < acted[1] or own[0] <= m.tok_start < own[1])]

    found = _victim_cues(d, dr, hurt)
    for rank, kind in ((0, "civilian"), (1, "armed")):
        for m in found[kind]:
            if m.tok_start >= dr.tok_end:
                side, gap = 0, m.tok_start - dr.tok_end
            elif m.tok_end <= dr.tok_start:
                side, gap = 2, dr.tok_start - m.tok_end
            else:
                side, gap = 1, 0  # the trigger itself says it ("massacre")
            if best is None or (side, gap, rank) < best[:3]:
                best = (side, gap, rank, kind)
    if best is not None:
        return best[3]
    return "site" if _site_after(d, dr, t1) else "unknown"


def state_soldiers_hurt(d: EventDoc, dr: Draft, t0: int, t1: int) -> bool:
    """Did the event, whose victims are armed (:func:`victims_of`), kill or wound a
    state's soldiers? A word of ``state_soldiers`` (data/event_cues.yaml) stands in its
    clauses (in tokens ``t0:t1``) at most ``hurt_before`` words after a word of
    ``soldiers_hurt`` ("wounding five soldiers", "مقتل ثلاثة جنود") or ``hurt_after`` words
    before one ("two soldiers were killed"). Soldiers who act ("soldiers assaulted him")
    are not hurt."""
    if dr.victims != "armed":
        return False
    rule = rules().get("fallen_soldiers") or {}
    words = one_word_keys("state_soldiers", d.lang)
    hurt = one_word_keys("soldiers_hurt", d.lang)
    if not words or not hurt:
        return False
    before, after = int(rule.get("hurt_before", 0)), int(rule.get("hurt_after", 0))

    def is_hurt(t: int) -> bool:
        return not hurt.isdisjoint(token_forms(d.toks[t].text))

    agents = one_word_keys("soldiers_hurt_agents", d.lang)

    def by_them(k: int, t: int) -> bool:  # "injured by soldiers": they did it
        return any(not agents.isdisjoint(token_forms(d.toks[j].text)) for j in range(k + 1, t))

    # (only in the event's own clauses: "a strike killed Turkish soldiers near al-Bab, and
    # the Turks urged that the YPG not join the coming operation on Raqqa")
    clauses = {dr.clause, *(p.clause for p in dr.parts)}
    for t in range(t0, t1):
        if d.clause[t] not in clauses or words.isdisjoint(token_forms(d.toks[t].text)):
            continue
        if any(is_hurt(k) and not by_them(k, t) for k in range(max(t0, t - before), t)) or any(
            is_hurt(k) for k in range(t + 1, min(t1, t + 1 + after))
        ):
            return True
    return False


def _site_after(d: EventDoc, dr: Draft, t1: int) -> bool:
    """Is a place where civilians live, trade or pray (``civilian_sites`` in
    data/event_cues.yaml) named right after the trigger in its sentence (tokens up to
    ``t1``), as what was attacked, not as the scene (``site_scenes``): "gunmen attacked
    the village of X, killing 12 people"?"""
    end = dr.first_end if dr.first_end >= 0 else dr.tok_end
    scenes = cue_words("site_scenes", d.lang)
    return any(
        end <= m.tok_start < min(t1, end + SITE_GAP)
        and not any(d.toks[k].text in scenes for k in range(end, m.tok_start))
        for m in d.cues["civilian_sites"]
    )


#: How far after the trigger's first word(s) the place attacked may be named: its object
#: ("attacked the village", "struck a crowded market"), not a place the sentence goes on to.
SITE_GAP = 3


def _subject_after_verb(d: EventDoc, dr: Draft) -> tuple[int, int]:
    """The tokens of who acted, named right after the trigger in a verb-first language: the
    subject of a verb trigger ("اغتال مسلحون قاضيا"), the owner of the means a noun
    trigger names ("أصيب طفل بقذائف قوات النظام": the regime forces fired, the child was
    hurt), the crowd of a demonstration ("تظاهر مئات الأشخاص": its later parts, "وأحرقوا
    الإطارات", stretch the draft over them); ``(0, 0)`` for none."""
    if not language(d.lang).verb_first:
        return 0, 0
    a1 = dr.actor1
    if a1 is not None and a1.start >= dr.end:
        first = d.tok_index(a1.start)
        if first - dr.tok_end <= VERB_SUBJECT_GAP:
            return first, d.tok_index(a1.end - 1) + 1
        return 0, 0
    if dr.spec.event_type in rules()["role_types"]["demonstration_events"]:
        end = dr.first_end if dr.first_end >= 0 else dr.tok_end
        return end, end + CROWD_WORDS
    return 0, 0


#: How many words may stand between a verb and its subject after it (a verb-first
#: language): "اغتال مسلحون", "قتلت قوات النظام".
VERB_SUBJECT_GAP = 1
#: How many words after the verb of a demonstration name its crowd in a verb-first
#: language ("تظاهر مئات الأشخاص", "اعتصم عشرات المعلمين").
CROWD_WORDS = 2


@per_document
def _victim_cue_starts(d: EventDoc) -> dict[str, list[int] | None]:
    """The first tokens of the document's ``civilian``, ``armed`` and ``people`` victim
    cues, to take a sentence's with two bisections (``None`` for a list not in text
    order)."""
    out: dict[str, list[int] | None] = {}
    for kind in ("civilian", "armed", "people"):
        starts = [m.tok_start for m in d.cues[f"{kind}_victims"]]
        out[kind] = starts if all(a <= b for a, b in zip(starts, starts[1:])) else None
    return out


def _a_date(d: EventDoc, m) -> bool:
    """Is a planned cue a month of a date ("May 9", "9 May"), not the verb "may"?"""
    toks = d.toks
    if not m.surface[:1].isupper():
        return False
    after = toks[m.tok_end].text if m.tok_end < len(toks) else ""
    before = toks[m.tok_start - 1].text if m.tok_start > 0 else ""
    return after.isdecimal() or before.isdecimal()


def draft_status(d: EventDoc, dr: Draft) -> str:
    """ "denied", "planned" or "reported", by the cue words around the trigger."""
    window = draft_settings()["status_window"]
    if d.cue_before("negation", dr.tok_start, window=window):
        return "denied"
    if any(
        dr.tok_start - window <= m.tok_end <= dr.tok_start
        and d.clause[m.tok_start] == dr.clause
        and not _a_date(d, m)
        for m in d.cues["planned"]
    ):
        return "planned"
    # a planned cue right after the trigger: "عملية عسكرية مرتقبة", "operation expected"
    for m in d.cues["planned"]:
        if dr.first_end <= m.tok_start <= dr.first_end + 1 and d.clause[m.tok_start] == dr.clause:
            return "planned"
    return "reported"


def places_apart(d: EventDoc, s_places: list) -> Callable[[Draft, Draft], bool]:
    """Are two drafts told in different clauses, each with places of its own in different
    regions ("Protesters rallied in Tunis, while thousands marched in Sfax")? Then they are
    two events, though their triggers are close. Places are compared by their first-level
    unit: a village and its province may name one event twice ("... in the Aleppo
    countryside; ... near the village of X"), and a country contains every place in it.
    ``s_places``: the sentence's places as (first token, resolved mention)."""
    by_clause: dict[int, set] = {}
    wide: set[int] = set()
    for tok, r in s_places:
        c, p = d.clause[tok], r.place
        if p is None:
            continue  # a name the gazetteer lacks says no region
        if p.is_country:
            wide.add(c)
            continue
        by_clause.setdefault(c, set()).add((p.country_code, p.admin1 or p.admin1_name
                                            or p.geonameid))

    def apart(a: Draft, b: Draft) -> bool:
        if a.clause == b.clause or a.clause in wide or b.clause in wide:
            return False
        pa, pb = by_clause.get(a.clause), by_clause.get(b.clause)
        return bool(pa) and bool(pb) and pa.isdisjoint(pb)

    return apart
