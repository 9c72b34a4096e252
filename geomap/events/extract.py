"""From one document to event records.

For each sentence, every trigger word (``data/event_types.yaml``) opens an event; a generic
trigger ("killed") folds into a specific one in the same clause ("air strike"), and
triggers of one event type close together ("retook ... after expelling") make one event.
Around the trigger, cue words (``data/event_cues.yaml``) set the status (reported, planned,
denied), which actors take part and in which role, and which place is where it happened.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..gazetteer import Gazetteer, default
from ..geoparse import geoparse
from ..geoparse.demonyms import demonyms
from ..geoparse.recognize import _cue_before
from ..knowledge import cached_yaml
from ..lexicon import LexiconSet, Match
from ..records import ActorMention, Document, Event, Mention, Place, Resolved
from ..text.lang import detect_language
from ..text.normalize import Token, fold, normalize, token_starts, tokenize
from ..text.sentences import split_sentences
from .actors import STATE_FORCES, ActorBook, default_book
from .dates import date_lexicon, event_date
from .lexicons import TriggerSpec, cue_lexicon, main_verbs, triggers

# Marks between clauses. Brackets are not: a parenthesis ("at 11 a.m. (0800 GMT) in X")
# leaves the clause around it whole; nor are full stops, which end a sentence or an
# abbreviation ("Nov. 7"): a sentence opens a clause of its own. Nor are the commas of a
# date or an age ("on Feb. 12, 1989, in front of", "Engels, 54, and").
_CLAUSE_PUNCT = re.compile(r"[,،;؛:!?؟]")
_NOT_A_BREAK = re.compile(r"(?<=\d),(?= \d{4}\b)|(?<=\d, \d{4}),|,(?= \d{1,3},)|(?<=, \d),|(?<=, \d\d),|(?<=, \d\d\d),|(?<=\d),(?=\d{3}\b)")


def _quiet_comma(text: str, p: int) -> bool:
    """Is the comma at ``p`` one of a date, an age or a number (see :data:`_NOT_A_BREAK`)?"""
    # most commas have no digit next to them: look closer only at the others
    if not (p > 0 and text[p - 1].isdigit()) and not text[p + 2 : p + 3].isdigit():
        return False
    m = _NOT_A_BREAK.search(text, max(0, p - 8), p + 8)
    while m is not None and m.start() < p:
        m = _NOT_A_BREAK.search(text, m.start() + 1, p + 8)
    return m is not None and m.start() == p

_INTERNATIONAL = "international organisation"
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_STATUS_WINDOW = 4
_MERGE_WINDOW = 10

_LOCATIVE = frozenset(fold(w) for w in [
    "في", "داخل", "قرب", "بالقرب", "ضواحي", "محيط", "الى", "إلى", "in", "inside", "at", "near", "outside", "into",
])
# Words that place a name on the map when they stand right before it ("central Baghdad",
# "south Lebanon"): the name is a place there, not an actor.
_PLACE_MODIFIERS = frozenset([
    "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
    "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
    "downtown", "rural", "suburban", "coastal", "across", "throughout",
])


@dataclass
class _Draft:
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


_CUE_KINDS = ("negation", "planned", "anaphora", "exclusion", "target", "agent", "victims", "topic")
# Lexicon sets by (language, id(book)); the book is kept in the value so its id stays its own.
_SETS: dict[tuple[str, int], tuple[ActorBook, LexiconSet]] = {}


def _lexicon_set(lang: str, book: ActorBook) -> LexiconSet:
    """Triggers, actors, clause breaks and cue words of ``lang``, scanned in one pass."""
    got = _SETS.get((lang, id(book)))
    if got is None or got[0] is not book:
        if len(_SETS) > 16:  # a long-lived process that builds many books
            _SETS.clear()
        lexicons = [triggers(lang), book.lexicon, cue_lexicon("clause_breaks", lang)]
        lexicons += [cue_lexicon(kind, lang) for kind in _CUE_KINDS]
        lexicons.append(date_lexicon(lang))  # each sentence's weekdays, "yesterday" ...
        lexicons.append(demonyms())  # the geoparser's country evidence, in the same pass
        got = (book, LexiconSet(lexicons))
        _SETS[(lang, id(book))] = got
    return got[1]


class _Doc:
    """Per-document token-level view used by the extraction rules.

    Built in two steps, so that a document without any trigger word costs one scan:
    the constructor finds triggers, actors and cues; :meth:`prepare` the rest.
    """

    def __init__(self, text: str, lang: str, book: ActorBook):
        self.text = text
        self.lang = lang
        self.norm = normalize(text)
        self.toks: list[Token] = tokenize(self.norm.text)
        found = _lexicon_set(lang, book).find(self.norm, self.toks)
        self.triggers: list[Match[TriggerSpec]] = found[0]
        self.actors = [
            ActorMention(m.value, m.start, m.end, m.surface) for m in found[1]
            if not (lang == "en" and len(m.surface) <= 3 and m.surface.islower())  # "us", "un": not US, UN
        ]
        self._breaks = found[2]
        self.cues = dict(zip(_CUE_KINDS, found[3:-2], strict=True))
        self.dates = found[-2]
        self.demonyms = found[-1]

    def prepare(self) -> None:
        self.sentences = split_sentences(self.text)
        self.tok_starts = token_starts(self.norm, self.toks)
        self.clause = self._clauses()
        excl = {(m.tok_start, m.tok_end) for m in self.cues["exclusion"]}
        self.cues["negation"] = [
            m for m in self.cues["negation"]
            if not any(a <= m.tok_start < b for a, b in excl)
        ]
        self.cue_at: dict[str, dict[int, Match[str]]] = {
            k: {m.tok_end: m for m in ms} for k, ms in self.cues.items()
        }

    def named_tokens(self) -> set[int]:
        """Tokens inside an actor's name or a demonym (computed once)."""
        got = getattr(self, "_named", None)
        if got is None:
            got = set()
            for m in self.actors:
                got.update(range(self.tok_index(m.start), self.tok_index(m.end - 1) + 1))
            for dm in self.demonyms:
                got.update(range(dm.tok_start, dm.tok_end))
            self._named = got
        return got

    def _clauses(self) -> list[int]:
        breaks = {m.tok_start for m in self._breaks}
        # A token opens a new clause when punctuation stands between it and the previous
        # token (in the original text), or a clause-break word starts at it. Punctuation is
        # rare next to tokens: place each mark before its token, then count.
        offsets = self.norm.offsets
        toks = self.toks
        starts = self.tok_starts
        n = len(toks)
        opens = [0] * n
        text = self.text
        for sent in self.sentences[1:]:
            i = bisect.bisect_left(starts, sent.start)
            if 0 < i < n:
                opens[i] = 1
        for p in (m.start() for m in _CLAUSE_PUNCT.finditer(text)):
            if text[p] == "," and _quiet_comma(text, p):
                continue
            i = bisect.bisect_right(starts, p)  # the first token after the mark
            if 0 < i < n and offsets[toks[i - 1].end - 1] + 1 <= p:
                opens[i] = 1  # not inside the previous token ("U.S.")
        for i in breaks:
            if 0 < i < n:
                opens[i] = 1
        return list(itertools.accumulate(opens))

    def tok_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def cue_before(self, kind: str, tok: int, window: int = 2, same_clause: bool = True) -> bool:
        """Does a ``kind`` cue end within ``window`` tokens before token ``tok``?"""
        table = self.cue_at[kind]
        for end in range(tok, max(-1, tok - window - 1), -1):
            m = table.get(end)
            if m and (not same_clause or not self.toks or self.clause[min(m.tok_start, len(self.toks) - 1)] == self.clause[min(tok, len(self.toks) - 1)]):
                return True
        return False


def _is_adjective(surface: str) -> bool:
    w = fold(surface).split()[-1] if surface.split() else ""
    return w.endswith(("ي", "يه", "يون", "يين"))


def _exclusion_spans(d: _Doc) -> list[tuple[int, int]]:
    """Token ranges (cue to end of its clause) whose actors take no part in the event."""
    spans = []
    for m in d.cues["exclusion"]:
        end = m.tok_end
        c = d.clause[m.tok_start]
        while end < len(d.toks) and d.clause[end] == c:
            end += 1
        spans.append((m.tok_start, end))
    return spans


def events_from_document(
    doc: Document,
    *,
    book: ActorBook | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Event]:
    """Extract the events of one document (not yet deduplicated across sentences)."""
    text = doc.text
    lang = doc.language or detect_language(text)
    book = book or default_book()
    gaz = gazetteer or default()
    if not triggers(lang).may_match(normalize(text).text):
        return []  # no trigger word can be in it (the document view below reuses normalize)
    d = _Doc(text, lang, book)
    trig = d.triggers
    if not trig:
        return []  # events start at trigger words: nothing more to find
    places = _prepare(d, gaz)
    actor_mentions = d.actors
    fallback = _document_country(places)
    excluded_toks = _exclusion_spans(d)

    events: list[Event] = []
    for sent in d.sentences:
        # the sentence's tokens: from the first that starts in it (a sentence opening with a
        # quote mark must not take the previous sentence's last word) to the last
        t0, t1 = bisect.bisect_left(d.tok_starts, sent.start), d.tok_index(sent.end - 1) + 1
        s_trig = [m for m in trig if t0 <= m.tok_start < t1]
        if not s_trig:
            continue
        s_places = [(d.tok_index(r.mention.start), r) for r in places if sent.start <= r.mention.start < sent.end]
        unknown = _unknown_places(d, [r for _, r in s_places], t0, t1)
        if unknown:
            s_places = sorted(s_places + [(d.tok_index(r.mention.start), r) for r in unknown], key=lambda x: x[0])
        s_mentions = _named_states(
            book, [m for m in actor_mentions if sent.start <= m.start < sent.end], s_places, fallback
        )
        s_actors = _participants(d, s_mentions, sent.start, sent.end, excluded_toks, s_places)
        not_here = _topical(d, s_places)
        s_actors = [(t, m) for t, m in s_actors if (m.start, m.end) not in not_here]
        drafts = [
            _Draft(m.value, m.tok_start, m.tok_end, m.start, m.end, m.surface, d.clause[m.tok_start], m.tok_end)
            for m in s_trig
            if not d.cue_before("anaphora", m.tok_start, window=1) and not _other_sense(d, m.tok_start, m.tok_end)
        ]
        for dr in drafts:
            _assign_actors(d, dr, s_actors)
        merged = _merge(drafts)
        spans = [(dr.tok_start, dr.tok_end) for dr in merged]
        participants = {(m.start, m.end) for m in s_mentions}
        for dr in merged:
            status = _status(d, dr)
            best = _best_place(d, dr, s_places, spans, not_here, participants, first_tok=t0)
            place, mention, precision, reason = _describe(best, s_places)
            if place is None and fallback is not None:
                place, mention, precision, reason = fallback, None, 3, "country fallback"
            spec = dr.spec
            sub = spec.sub_event_type
            if spec.state_actor1 and (dr.actor1 is None or dr.actor1.actor.type != "state"):
                sub = "Non-state actor overtakes territory"
            if spec.event_type == "Violence against civilians" and sub == "Attack" and dr.actor2 is not None \
                    and dr.actor2.actor.type not in ("civilians", "protesters"):
                spec = replace(spec, event_type="Battles", plover="FIGHT")
                sub = "Armed clash"  # an attack on an armed actor is a battle in ACLED's terms
            date, tprec = event_date(sent.text, doc.date, lang,
                                     [m for m in d.dates if t0 <= m.tok_start and m.tok_end <= t1])
            names = _unique([m.actor.name for m in ([dr.actor1, dr.actor2] + dr.actors) if m])
            if status == "planned":
                # who will take part in a planned operation is itself the news: actors whose
                # participation is debated ("conditions that the SDF not take part") are listed
                names = _unique(names + [
                    m.actor.name for m in s_mentions
                    if any(a <= d.tok_index(m.start) < b for a, b in excluded_toks)
                    and d.clause[d.tok_index(m.start)] - dr.clause in (0, 1, 2)
                ])
            eid = hashlib.sha1(f"{doc.doc_id}|{dr.start}|{sub}".encode()).hexdigest()[:16]
            events.append(
                Event(
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
                )
            )
    return events


def _named_states(
    book: ActorBook,
    mentions: list[ActorMention],
    s_places: list[tuple[int, Resolved]],
    fallback: Place | None,
) -> list[ActorMention]:
    """A sentence's actor mentions, with "government forces" ("قوات النظام", the generic
    :data:`STATE_FORCES`) made the state of the country the sentence's places lie in, else
    of the document's country (``fallback``)."""
    if all(m.actor.name != STATE_FORCES for m in mentions):
        return mentions
    codes = Counter(r.place.country_code for _, r in s_places if r.place is not None and r.place.country_code)
    code = codes.most_common(1)[0][0] if codes else (fallback.country_code if fallback is not None else "")
    state = book.state_of(code) if code else None
    if state is None:
        return mentions
    return [
        ActorMention(state, m.start, m.end, m.surface) if m.actor.name == STATE_FORCES else m
        for m in mentions
    ]


def _other_sense(d: _Doc, v0: int, v1: int) -> bool:
    """Is the verb at tokens ``v0:v1`` used in a sense that is no conflict event ("captured
    the title", "prices shot up", "demonstrated that")? See ``other_senses`` in
    data/event_cues.yaml."""
    toks = d.toks
    phrases = _phrases("other_sense_phrases", d.lang)
    if any(tuple(t.text for t in toks[v0 : v1 + k]) in phrases for k in (1, 2)):
        return True
    objects = _words("other_senses", d.lang)
    clause = d.clause[v0]
    for k in range(v1, min(v1 + 5, len(toks))):
        if d.clause[k] != clause:
            break
        if toks[k].text in objects:
            return True
    return False


@functools.cache
def _phrases(kind: str, lang: str) -> frozenset[tuple[str, ...]]:
    """A phrase list of data/event_cues.yaml as tuples of folded words."""
    return frozenset(tuple(w.split()) for w in _words(kind, lang))


def _participants(
    d: _Doc,
    actor_mentions: list[ActorMention],
    start: int,
    end: int,
    excluded_toks: list[tuple[int, int]],
    s_places: list[tuple[int, Resolved]],
) -> list[tuple[int, ActorMention]]:
    """Actor mentions of a sentence that can take part in its events: not those in an
    exclusion scope ("without coordinating with X"), nor country names used as places
    ("في سوريا"), with the names joined to them by "and"/"و"."""
    place_spans = {(r.mention.start, r.mention.end) for _, r in s_places}
    out: list[tuple[int, ActorMention]] = []
    prev_dropped_end = -2
    for m in actor_mentions:
        if not (start <= m.start < end):
            continue
        tok = d.tok_index(m.start)
        tok_end = d.tok_index(m.end - 1) + 1
        if any(a <= tok < b for a, b in excluded_toks):
            continue
        locative = tok > 0 and d.toks[tok - 1].text in _LOCATIVE
        chained = tok == prev_dropped_end and _conjoined(d, tok)
        if (m.start, m.end) in place_spans and (locative or chained):
            prev_dropped_end = tok_end
            continue
        out.append((tok, m))
    return out


def _topical(d: _Doc, s_places: list[tuple[int, Resolved]]) -> set[tuple[int, int]]:
    """Spans of places that are what the sentence talks about, not where anything happened:
    after a topic cue ("the situation in Syria and Iraq"), with the names joined to them."""
    out: set[tuple[int, int]] = set()
    prev_end = -2
    for tok, r in sorted(s_places, key=lambda x: x[0]):
        if d.cue_before("topic", tok, window=0, same_clause=False) or (
            tok == prev_end and _conjoined(d, tok)
        ):
            out.add((r.mention.start, r.mention.end))
            prev_end = d.tok_index(r.mention.end - 1) + 1
    return out


def _conjoined(d: _Doc, tok: int) -> bool:
    """Is token ``tok`` joined to the previous word by "and" ("وروسيا", "and Russia")?"""
    word = d.text[d.tok_starts[tok] : d.tok_starts[tok] + 1]
    return word == "و" or (tok > 0 and d.toks[tok - 1].text in ("and", "و"))


def _prepare(d: _Doc, gaz: Gazetteer) -> list[Resolved]:
    """Finish the document view and geoparse it: the resolved places.

    Actor names that contain a place ("درع الفرات", "قوات سوريا الديمقراطية") block it; an
    alias that is itself a place ("روسيا", "دمشق") stays a place.
    """
    d.prepare()
    exclude = [(m.start, m.end) for m in d.actors if not _is_place_alias(m.surface, gaz)]
    # the demonyms were found in the document's one lexicon pass: what country_evidence()
    # would find, without scanning the tokens again
    evidence = Counter(m.value[0] for m in d.demonyms if m.value[0])
    resolved = geoparse(d.text, d.lang, gazetteer=gaz, exclude=exclude, evidence=evidence)
    places = [r for r in resolved if r.place is not None]
    d.long_names = []
    if d.lang == "en" and places:
        places, d.long_names = _not_in_names(d, [r for r in places if not _no_place_word(d, r)])
    return places


def _no_place_word(d: _Doc, r: Resolved) -> bool:
    """An English name the gazetteer knows that is seldom the place in news: a month or a
    weekday ("on Jan. 15"), or a short acronym that is no country ("SANA said", "SLA
    militia", "ETA suspects") unless it opens the text, where datelines stand ("GAZA --")."""
    surface = r.mention.surface
    if fold(surface) in _CALENDAR_WORDS:
        return True
    return (
        len(surface) <= 4 and surface.replace(".", "").isupper() and " " not in surface
        and not r.place.is_country and r.mention.start > 0
    )


_NAME_GAP = re.compile(r" |\. |-|['’‘ʼ]")


@functools.cache
def _place_nouns(lang: str) -> frozenset[str]:
    data = cached_yaml("event_cues.yaml") or {}
    return frozenset(fold(w) for w in ((data.get("place_nouns") or {}).get(lang) or ()))


def _not_in_names(d: _Doc, places: list[Resolved]) -> tuple[list[Resolved], list[Resolved]]:
    """Drop the English places that are a word of a longer capitalised name which is not a
    place's: "Muhammad Ahmad", "George W. Bush", "Lee Westwood" name people. A capitalised
    neighbour counts as a name word when it is no place, no actor, no word of a place's own
    name ("Sadr City", ``place_nouns`` in data/event_cues.yaml) and does not start a
    sentence (where every word is capitalised). Returns the places kept and, apart, the
    longer names that are places though the gazetteer knows only a part of them
    (``place=None``)."""
    text, toks, starts = d.text, d.toks, d.tok_starts
    nouns = _place_nouns(d.lang)
    types = _place_types(d.lang)
    taken = set()
    for r in places:
        taken.update(range(d.tok_index(r.mention.start), d.tok_index(r.mention.end - 1) + 1))
    for m in d.actors:
        taken.update(range(d.tok_index(m.start), d.tok_index(m.end - 1) + 1))

    def name_word(i: int) -> bool:
        if i < 0 or i >= len(toks) or i in taken:
            return False
        w = toks[i].text
        s = starts[i]
        if not text[s].isupper() or w in nouns or w in _CONNECTOR_WORDS or w in _CALENDAR_WORDS:
            return False
        k = s - 1  # the last character before the word that is not a space
        while k >= 0 and text[k].isspace():
            k -= 1
        return k >= 0 and text[k] not in '.!?:"“«(\''

    def joined(i: int, j: int) -> bool:
        return _joined(d, i, j)

    def article(i: int) -> bool:
        """An Arabic article glued to the next word: "Deir ez-Zor", "Tal al-Madafa"."""
        return (
            i + 1 < len(toks) and toks[i].text in _ARABIC_ARTICLES
            and text[d.norm.offsets[toks[i].end - 1] + 1 : starts[i + 1]] == "-" and name_word(i + 1)
        )

    out: list[Resolved] = []
    longer: list[Resolved] = []
    for r in places:
        a, b = d.tok_index(r.mention.start), d.tok_index(r.mention.end - 1)
        # a name the gazetteer only knows a part of is a place after "in", "of" or "the"
        # ("in Neve Shalom", "the Ho Chi Minh Trail", "villages of Hawar Kalas"), a
        # person's elsewhere ("Eugene Hasenfus", "Muhammad Ahmad")
        first = a
        while first > 0 and joined(first - 1, first) and name_word(first - 1):
            first -= 1
        opener = first > 0 and (toks[first - 1].text in _LOCATIVE or toks[first - 1].text in _NAME_OPENERS)
        left = first < a and not opener and toks[b].text not in nouns
        right = (
            not r.mention.cue and not opener
            and b + 1 < len(toks) and joined(b, b + 1) and name_word(b + 1)
        )
        if left or right:
            continue
        # the place is the head word of a longer Arabic name ("the hilltop of Tal Al-Madafa",
        # "at Abu Raweel", "in Deir ez-Zor"): the event is at that name, which the
        # gazetteer does not know; it is kept as an unknown place, not put at the known part
        last = b
        if toks[b].text in _NAME_HEADS or article(b + 1):
            while last + 1 < len(toks) and joined(last, last + 1) and (name_word(last + 1) or article(last + 1)):
                last += 1 + (not name_word(last + 1))
        lead = a  # "Deir ez-Zor", "Tal Abyad" where only "Zor", "Abyad" are known
        while lead > 0 and joined(lead - 1, lead) and (
            (toks[lead - 1].text in _NAME_HEADS and text[starts[lead - 1]].isupper())
            or (lead > 1 and toks[lead - 1].text in _ARABIC_ARTICLES
                and text[d.norm.offsets[toks[lead - 1].end - 1] + 1 : starts[lead]] == "-"
                and joined(lead - 2, lead - 1) and toks[lead - 2].text in _NAME_HEADS)
        ):
            lead -= 1 if toks[lead - 1].text in _NAME_HEADS else 2
        if last == b and lead == a:
            out.append(r)
            continue
        kind = _type_at(d, last + 1, types) if last + 1 < len(toks) else 0
        if kind and text[starts[last + 1]].isupper():
            last += kind  # "Bustan Al-Basha District"
        start, end = d.norm.span(toks[lead].start, toks[last].end)
        surface = text[start:end]
        cue = r.mention.cue or ("city" if kind else None)
        longer.append(Resolved(Mention(start, end, surface, fold(surface), d.lang, cue), None))
    return out, longer


@functools.cache
def _place_types(lang: str) -> frozenset[tuple[str, ...]]:
    data = cached_yaml("event_cues.yaml") or {}
    return frozenset(tuple(fold(w).split()) for w in ((data.get("place_types") or {}).get(lang) or ()))


@functools.cache
def _word_list(kind: str, lang: str) -> frozenset[str]:
    """One-word entries of a list in data/event_cues.yaml, folded."""
    data = cached_yaml("event_cues.yaml") or {}
    return frozenset(fold(w) for w in ((data.get(kind) or {}).get(lang) or ()) if " " not in w)


def _type_at(d: _Doc, i: int, types: frozenset[tuple[str, ...]]) -> int:
    """How many tokens from ``i`` on spell a kind of place ("village", "refugee camp"); 0 if none."""
    for n in (3, 2, 1):
        if tuple(t.text for t in d.toks[i : i + n]) in types and i + n <= len(d.toks):
            return n
    return 0


def _unknown_places(d: _Doc, places: list[Resolved], lo: int = 0, hi: int | None = None) -> list[Resolved]:
    """Capitalised English names the gazetteer does not know, where the words around them
    say they are places: "the Nwonko village", "Handarat Refugee Camp", "near Batrah",
    "the village of Aabed". They come back with ``place=None``: the event happened there,
    though only a known place nearby can put it on the map. Only tokens ``lo:hi`` are
    looked at (a sentence with an event)."""
    if d.lang != "en":
        return []
    text, toks, starts = d.text, d.toks, d.tok_starts
    n = len(toks)
    hi = n if hi is None else min(hi, n)
    # longer names of which the gazetteer knows a part (found by _not_in_names)
    found = [r for r in getattr(d, "long_names", ()) if lo <= d.tok_index(r.mention.start) < hi]
    # most words are in lower case: find the capitalised ones in one comprehension
    capitals = [i for i in range(lo, hi) if text[starts[i]].isupper()]
    if not capitals:
        return found
    types = _place_types(d.lang)
    taken: set[int] = set()
    for r in places + found:
        taken.update(range(d.tok_index(r.mention.start), d.tok_index(r.mention.end - 1) + 1))
    taken |= d.named_tokens()
    groups, titles = _word_list("group_adjectives", d.lang), _word_list("titles", d.lang)

    upper = set(capitals)

    def cap(i: int) -> bool:
        return i in upper and i not in taken and toks[i].text not in _CALENDAR_WORDS

    out: list[Resolved] = list(found)
    nxt = lo
    for i in capitals:
        if i < nxt:
            continue  # inside the previous run
        if not cap(i) or toks[i].text in _CONNECTOR_WORDS:
            continue
        j = i + 1
        while j < n and j - i < 5 and _joined(d, j - 1, j) and (
            cap(j) or (toks[j].text in _CONNECTOR_WORDS and j + 1 < n and _joined(d, j, j + 1) and cap(j + 1))
        ):
            j += 1
        a, b = i, j
        nxt = j
        if any(toks[k].text in titles for k in range(max(0, a - 1), b)) or all(
            toks[k].text in groups or toks[k].text in _CONNECTOR_WORDS for k in range(a, b)
        ):
            continue  # "President Laurent Gbagbo", "the Kurdish town"
        ends_type = max((k for k in (1, 2, 3) if b - k > a and _type_at(d, b - k, types) == k), default=0)
        followed = _type_at(d, b, types) if b < n else 0
        prev = toks[a - 1].text if a > 0 else ""
        if prev in ("the", "a") and a > 1:
            prev = toks[a - 2].text
        cue = _cue_before(toks, a, d.lang)
        if cue is None and a > 1 and toks[a - 1].text == "the":
            cue = _cue_before(toks, a - 1, d.lang)  # "near the X"
        locative = prev in _LOCATIVE or bool(cue)
        if not (ends_type or followed or locative):
            continue
        if not (ends_type or followed) and all(
            text[starts[k] : starts[k] + len(toks[k].text)].isupper() for k in range(a, b)
        ):
            continue  # "in ISIS": an acronym after "in" is an organisation more often than a place
        start, end = d.norm.span(toks[a].start, toks[b - 1].end)
        surface = text[start:end]
        kind = cue or ("city" if ends_type or followed else None)
        mention = Mention(start, end, surface, fold(surface), d.lang, kind)
        out.append(Resolved(mention, None))
    return out


def _joined(d: _Doc, i: int, j: int) -> bool:
    """Are tokens ``i`` and ``j = i + 1`` words of one name (a space, a hyphen, an apostrophe
    or "W. " between them)?"""
    gap = d.text[d.norm.offsets[d.toks[i].end - 1] + 1 : d.tok_starts[j]]
    return bool(_NAME_GAP.fullmatch(gap)) and (gap != ". " or len(d.toks[i].text) == 1)


_LINK_WORDS = frozenset(["the", "in", "of", "nearby"])
# Words that open Arabic place names ("Tal Abyad", "Deir Hafer"): a place the gazetteer
# matches on one of them alone is the start of a name it does not know.
_NAME_HEADS = frozenset([
    "al", "el", "abu", "umm", "tal", "tell", "ain", "ein", "deir", "kafr", "kfar", "jabal", "jebel", "wadi", "ras",
    "bir", "beit", "bab", "sheikh", "khan", "khirbet", "maarat", "qasr", "jisr", "hay", "harat",
])
_ARABIC_ARTICLES = frozenset(["al", "el", "ad", "ar", "as", "ash", "at", "az", "ed", "er", "es", "esh", "et", "ez", "adh", "ath"])
_CONNECTOR_WORDS = frozenset(["of", "de", "del", "la", "le", "el", "al", "the", "and", "bin", "ibn", "abu"])
_NAME_OPENERS = frozenset(["the", "of", "along", "on", "across", "from", "to"])
# Weekdays and months are capitalised but name no one ("Nablus Saturday").
_CALENDAR_WORDS = frozenset([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
])


def _is_place_alias(surface: str, gaz: Gazetteer) -> bool:
    from ..text.normalize import arabic_variants, is_arabic, key

    k = key(surface)
    if gaz.has_key(k):
        return True
    parts = k.split(" ")
    if parts and is_arabic(parts[0]):
        return any(gaz.has_key(" ".join([v, *parts[1:]])) for v in arabic_variants(parts[0]))
    return False


def _document_country(places: Sequence[Resolved]) -> Place | None:
    """The country a document is about: the most named country, if any is named."""
    counts = Counter(r.place.geonameid for r in places if r.place.is_country)
    if not counts:
        return None
    gid = counts.most_common(1)[0][0]
    return next(r.place for r in places if r.place.geonameid == gid)


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """Fold a generic trigger into a specific one of its clause, and triggers of one event
    type close together into one event, keeping each one's actors."""
    merged: list[_Draft] = []
    for dr in drafts:
        host = None
        for other in merged:
            close = dr.tok_start - other.tok_end <= _MERGE_WINDOW
            if (dr.spec.generic or other.spec.generic) and (dr.clause == other.clause or close):
                host = other  # "air strikes ..., killing 12": one event
                break
            own_actor = (
                dr.actor1 is not None and other.actor1 is not None
                and dr.actor1.actor.name != other.actor1.actor.name
            )
            if close and dr.spec.event_type == other.spec.event_type and (
                dr.clause == other.clause or not own_actor
            ):
                host = other
                break
        if host is None:
            merged.append(dr)
            continue
        if host.spec.generic and not dr.spec.generic:
            host.spec = dr.spec
        host.actor1 = host.actor1 or dr.actor1
        if host.actor2 is None and dr.actor2 is not None and (
            host.actor1 is None or dr.actor2.actor.name != host.actor1.actor.name
        ):
            host.actor2 = dr.actor2
        host.actors += [m for m in dr.actors if m not in host.actors]
        host.trigger = f"{host.trigger} … {dr.trigger}"
        host.tok_end = max(host.tok_end, dr.tok_end)
        host.end = max(host.end, dr.end)
    return merged


def _role(d: _Doc, dr: _Draft, tok: int, m: ActorMention) -> str | None:
    """The role an actor mention's context gives it: 'actor1', 'actor2' or None."""
    violent = dr.spec.event_type in _VIOLENT
    if (violent and d.cue_before("victims", tok, window=0)) or d.cue_before("target", tok, window=0):
        return "actor2"
    if d.cue_before("agent", tok, window=0):
        return "actor1"
    if d.lang == "en" and tok < dr.tok_start and _passive(d, dr):
        return "actor2"  # "YPG fighters were attacked by ..."
    if tok >= dr.tok_end and tok - dr.tok_end <= 2:
        if d.lang == "ar":
            if dr.spec.verb:
                return "actor1"
            return "actor1" if _is_adjective(m.surface) else "actor2"
        return "actor2"
    if tok >= dr.tok_end and d.lang == "ar" and dr.spec.verb and d.clause[tok] == dr.clause:
        return "actor1"
    return None


_AUXILIARIES = frozenset({"was", "were", "been", "being", "is", "are", "be", "got", "get"})


def _passive(d: _Doc, dr: _Draft) -> bool:
    """An English passive: "were attacked", "was reportedly killed"."""
    for back in (1, 2):
        j = dr.tok_start - back
        if j >= 0 and d.toks[j].text in _AUXILIARIES:
            return True
    return False


def _assign_actors(d: _Doc, dr: _Draft, s_actors: list[tuple[int, ActorMention]]) -> None:
    if dr.spec.symmetric:
        same = [m for t, m in s_actors if d.clause[t] == dr.clause] or [m for _, m in s_actors]
        uniq: list[ActorMention] = []
        for m in same:
            if all(m.actor.name != u.actor.name for u in uniq):
                uniq.append(m)
        dr.actors = uniq
        dr.actor1 = uniq[0] if uniq else None
        dr.actor2 = uniq[1] if len(uniq) > 1 else None
        return
    def dist(t: int) -> int:
        return dr.tok_start - t if t < dr.tok_start else t - dr.tok_end

    roles = [(t, m, _role(d, dr, t, m) if d.clause[t] == dr.clause else None) for t, m in s_actors]
    a2 = sorted((x for x in roles if x[2] == "actor2"), key=lambda x: dist(x[0]))
    actor2 = a2[0][1] if a2 else None
    a1 = sorted(
        (x for x in roles if x[2] == "actor1" and (actor2 is None or x[1].actor.name != actor2.actor.name)),
        key=lambda x: dist(x[0]),
    )
    actor1 = a1[0][1] if a1 else None
    if actor1 is None:
        before = sorted(
            (x for x in roles if x[0] < dr.tok_start and x[2] is None
             and (actor2 is None or x[1].actor.name != actor2.actor.name)),
            key=lambda x: (d.clause[x[0]] != dr.clause, dist(x[0])),
        )
        actor1 = before[0][1] if before else None
    dr.actor1, dr.actor2 = actor1, actor2
    # actors joined by "and"/"و" to actor1 or actor2 take part on the same side
    pos = {id(m): i for i, (_, m) in enumerate(s_actors)}
    for anchor in (actor1, actor2):
        if anchor is None:
            continue
        i = pos[id(anchor)]
        for step in (1, -1):
            j = i
            while 0 <= j + step < len(s_actors):
                t_next, m_next = s_actors[j + step]
                t_cur = s_actors[j][0] if step == 1 else t_next
                joined = _conjoined(d, s_actors[j + 1][0] if step == 1 else s_actors[j][0])
                adjacent = abs(t_next - s_actors[j][0]) <= 3
                if not (joined and adjacent) or t_cur < 0:
                    break
                if m_next.actor.name not in {a.actor.name for a in dr.actors}:
                    dr.actors.append(m_next)
                j += step


def _status(d: _Doc, dr: _Draft) -> str:
    if d.cue_before("negation", dr.tok_start, window=_STATUS_WINDOW):
        return "denied"
    if d.cue_before("planned", dr.tok_start, window=_STATUS_WINDOW):
        return "planned"
    # a planned cue right after the trigger: "عملية عسكرية مرتقبة", "operation expected"
    for m in d.cues["planned"]:
        if dr.first_end <= m.tok_start <= dr.first_end + 1 and d.clause[m.tok_start] == dr.clause:
            return "planned"
    return "reported"


def _describe(
    best: Resolved | None, s_places: list[tuple[int, Resolved]]
) -> tuple[Place | None, str | None, int | None, str | None]:
    """Where the event happened, as ``(place, mention, geo_precision, location_reason)``:
    the place :func:`_best_place` picked, described as ACLED does. A place the gazetteer
    does not know ("the Nwonko village") is mapped at the nearest known place of the
    sentence, with precision 2 (3 when that is a country)."""
    if best is None:
        return None, None, None, None
    if best.place is None:
        known = [r for _, r in s_places if r.place is not None]
        known.sort(key=lambda r: (r.place.is_country, abs(r.mention.start - best.mention.start)))
        if not known:
            return None, None, None, None
        p = known[0].place
        return p, known[0].mention.surface, 3 if p.is_country else 2, f"{best.mention.surface} near {p.name}"
    p, cue = best.place, (best.mention.cue or "")
    kinds = cue.split("+")
    name = best.mention.surface
    if p.is_country or p.feature_code == "CONT":
        return p, name, 3, "country named in sentence"
    if p.feature_code == "ADM1":
        if "countryside" in kinds:
            return p, name, 2, f"region of {p.name}"
        return p, name, 3, f"region of {p.name}"
    if p.feature_code == "ADM2":
        return p, name, 2, f"region of {p.name}"
    if "near" in kinds or "direction" in kinds or "countryside" in kinds:
        return p, name, 2, f"near {p.name}"
    return p, name, 1, "in-sentence place"


def _best_place(
    d: _Doc,
    dr: _Draft,
    s_places: list[tuple[int, Resolved]],
    spans: list[tuple[int, int]],
    not_here: set[tuple[int, int]],
    participants: set[tuple[int, int]],
    *,
    max_clauses: int = 1,
    min_score: float = float("-inf"),
    first_tok: int | None = None,
) -> Resolved | None:
    """Pick where the event happened among the sentence's places.

    A place counts when it is in the trigger's clause or in a neighbouring one with no
    other trigger in between; participants ("تركيا وروسيا") and topics ("the situation in
    Syria") are not places of the event. Nearer, after the trigger, after "in"/"في", and
    more specific is better; a country gives way to a place inside it named close by.
    A place fronted in the sentence's first clause ("In Vienna, ... marched") sets the
    scene for the whole sentence (``first_tok`` is the sentence's first token). Places
    the gazetteer does not know (``place=None``) count as towns.
    """
    scored: list[tuple[float, Resolved]] = []
    types = _place_types(d.lang)
    for tok, r in s_places:
        m = r.mention
        prev = d.toks[tok - 1].text if tok > 0 else ""
        tok_end = d.tok_index(m.end - 1) + 1
        # "in X", "central X", "the hilltop of X", the place taken or bombed
        locative = (
            prev in _LOCATIVE or prev in _PLACE_MODIFIERS or bool(m.cue)
            or (prev == "of" and tok > 1 and (d.toks[tok - 2].text,) in types)
            or _patient(d, dr, r, tok, tok_end)
            or (tok < dr.tok_start and _setting(d, tok, tok_end))  # "a Sofia restaurant was"
        )
        if (m.start, m.end) in not_here:
            continue
        if (m.start, m.end) in participants and not (locative or _setting(d, tok, tok_end)):
            continue  # "تركيا وروسيا" take part; they are not where it happened
        lo, hi = sorted((tok, dr.tok_start))
        if any(lo < a < hi or lo < b - 1 < hi for a, b in spans if a != dr.tok_start):
            continue  # another event's trigger stands in between
        dist = dr.tok_start - tok if tok < dr.tok_start else tok - dr.tok_end
        same = d.clause[tok] == dr.clause
        if not same and first_tok is not None and tok < dr.tok_start and _fronted(d, tok, first_tok):
            same, dist = True, min(dist, 4)
        elif abs(d.clause[tok] - dr.clause) > max_clauses:
            continue
        score = -dist / 8.0
        score += 1.5 if same else 0.0
        score += 0.5 if tok >= dr.tok_end else 0.0
        score += 1.0 if locative else 0.0
        if not locative and tok < dr.tok_start and d.lang == "en":
            score -= 2.0  # "Grozny has not been captured", "Gaza farmland": a subject, a modifier
        p = r.place
        if p is None or p.feature_class == "P":
            score += 0.8
        elif p.feature_code in ("ADM1", "ADM2"):
            score += 0.4
        scored.append((score, r))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    if scored[0][0] < min_score:
        return None
    best = _inner(d, scored[0][1], [r for _, r in scored])
    if best.place is not None and best.place.is_country:
        inside = [
            r for _, r in scored
            if r.place is not None and not r.place.is_country and r.place.country_code == best.place.country_code
        ]
        if inside:
            best = inside[0]
    return best


_RANK = {"PCLI": 4, "PCLD": 4, "PCLS": 4, "PCLF": 4, "PCL": 4, "ADM1": 3, "ADM2": 2}


def _rank(r: Resolved) -> int:
    """How large a place is: country 4, province 3, district 2, town (or unknown) 1."""
    p = r.place
    if p is None:
        return 1
    return 4 if p.is_country else _RANK.get(p.feature_code, 1 if p.feature_class == "P" else 2)


def _size(r: Resolved) -> tuple[int, int]:
    """How large a place is, to compare two: its :func:`_rank`, then its population (a place
    the gazetteer does not know is small)."""
    return _rank(r), r.place.population if r.place is not None else 0


def _inner(d: _Doc, best: Resolved, others: list[Resolved]) -> Resolved:
    """The more specific of two places named one inside the other: "the West Bank town of
    Hebron", "Baghdad's western Amriya district", "the Homs neighbourhood of Baba Amr" (the
    second); "Khan Touman, southern Aleppo", "the al-Tijara neighbourhood in central
    Damascus", "Sadr City in eastern Baghdad" (the first, unless it is the larger)."""
    b0, b1 = d.tok_index(best.mention.start), d.tok_index(best.mention.end - 1) + 1
    types = _place_types(d.lang)
    nouns = _scene_nouns(d.lang)

    def linking(gap: list[str]) -> bool:
        return all((w,) in types or w in nouns or w in _PLACE_MODIFIERS or w in _LINK_WORDS for w in gap)

    def lower(i: int, j: int) -> bool:
        return all(d.text[d.tok_starts[k]].islower() for k in range(i, j))

    for r in others:
        if r is best:
            continue
        r0, r1 = d.tok_index(r.mention.start), d.tok_index(r.mention.end - 1) + 1
        if r0 >= b1:  # best, then r: is best the container ("X's Y", "the X town of Y")?
            gap = [t.text for t in d.toks[b1:r0]]
            # "Baghdad's Amriya", "Baghdad's heavily fortified Green Zone"
            possessive = gap[:1] == ["s"] and len(gap) <= 4 and lower(b1 + 1, r0)
            # "the Homs neighbourhood of Baba Amr": best names the kind of place ahead; not
            # "Hadera, north of Tel Aviv", "Ramadi, the capital of Anbar"
            of = (
                len(gap) > 1 and gap[-1] == "of" and "in" not in gap and "the" not in gap and linking(gap[:-1])
                and any((w,) in types or w in nouns for w in gap[:-1])
                and not d.text[d.norm.offsets[d.toks[b1 - 1].end - 1] + 1 : d.tok_starts[b1]].startswith(",")
            )
            if (possessive or of) and _size(r) < _size(best):
                return r
        elif r1 <= b0:  # r, then best: is best the container ("Y, southern X", "Y in X")?
            gap = [t.text for t in d.toks[r1:b0]]
            comma = d.text[d.norm.offsets[d.toks[r1 - 1].end - 1] + 1 : d.tok_starts[b0]].startswith(",")
            kind = 0  # "the al-Yarmouk Hospital in western Baghdad": skip the kind of place
            while kind < len(gap) and (gap[kind],) in types:
                kind += 1
            inside = comma or gap[kind : kind + 1] == ["in"]
            if _size(best) > _size(r) and inside and linking(gap):
                return r
    return best


# Prepositions before a name that make it the scene, not a party: "over Laos", "through
# London", "across Syria".
_SCENE_PREPOSITIONS = frozenset([
    "over", "across", "through", "throughout", "around", "off", "within", "along",
])


@functools.cache
def _scene_nouns(lang: str) -> frozenset[str]:
    return _word_list("scene_nouns", lang) | {t[0] for t in _place_types(lang) if len(t) == 1}


def _patient(d: _Doc, dr: _Draft, r: Resolved, tok: int, tok_end: int) -> bool:
    """Is the place ``r`` (tokens ``tok:tok_end``) what the English verb acts on, the place
    taken, bombed or entered? Its object ("entered Syria on Monday", "evacuated Barentu and
    ...") or the subject of its passive ("Baghdad was heavily bombed", "the Gulf of Aden is
    patrolled"). Not for verbs that mostly act on people ("Jordan was shot"), nor when a
    name that is a person's as often stands alone before the passive ("Santacruz was
    captured"), nor when the verb is negated ("Kirkuk has not been captured")."""
    if d.lang != "en" or dr.trigger.lower() in _words("person_verbs", d.lang):
        return False
    toks = d.toks
    if tok == dr.tok_end or (tok == dr.tok_end + 1 and toks[dr.tok_end].text == "the"):
        # the object, unless it is only a modifier: "captured Sweden's first crown"
        nxt = tok_end < len(toks) and toks[tok_end]
        return not nxt or not d.text[d.tok_starts[tok_end]].islower() or nxt.text in _words("function_words", d.lang)
    gap = [t.text for t in toks[tok_end : dr.tok_start]]
    passive = (
        0 < len(gap) <= 3 and gap[0] in _AUXILIARIES | {"has", "have", "had"}
        and ("been" in gap or gap[0] in _AUXILIARIES)
        and not any(w in _NEGATIONS for w in gap)
        and not dr.trigger.lower().endswith("ing")  # "Fiji is patrolling": active
        and "," not in d.text[r.mention.end : dr.start]
        and all(d.text[d.tok_starts[k]].islower() for k in range(tok_end, dr.tok_start))
    )
    if not passive:
        return False
    i = tok - 1
    while i >= 0 and (toks[i].text == "the" or d.text[d.tok_starts[i]].isupper()):
        i -= 1
    if i >= 0 and toks[i].text in _PREPOSITIONS:
        return False  # "a man from Puerto Rico was shot": the place only says who
    p = r.place
    return (
        tok_end - tok > 1 or (tok > 0 and toks[tok - 1].text == "the")
        or (p is not None and (p.is_country or p.feature_class not in ("P", "A", "") or p.population >= _BIG_CITY))
    )


_NEGATIONS = frozenset(["not", "never", "no"])
_BIG_CITY = 1_000_000  # people are seldom named after a city this large
_PREPOSITIONS = frozenset(["in", "on", "at", "of", "from", "near", "into", "with", "by", "for", "inside", "outside"])


@functools.cache
def _words(kind: str, lang: str) -> frozenset[str]:
    """A word list of data/event_cues.yaml, folded (one- and many-word entries)."""
    data = cached_yaml("event_cues.yaml") or {}
    return frozenset(fold(w) for w in ((data.get(kind) or {}).get(lang) or ()))


def _setting(d: _Doc, tok: int, tok_end: int) -> bool:
    """Is the name at tokens ``tok:tok_end`` (an actor's name too: "Baghdad", "Syria") used as
    a place? After a preposition of place ("over Laos"), after a part of a place and "of"
    ("the streets of Cairo"), or before a kind of place, owning it or not ("a Baghdad
    restaurant", "the Sri Lanka capital", "Sri Lanka's west coast")."""
    if d.lang != "en":
        return False
    toks = d.toks
    nouns = _scene_nouns(d.lang)
    prev = toks[tok - 1].text if tok > 0 else ""
    if prev in _SCENE_PREPOSITIONS or (prev == "of" and tok > 1 and toks[tok - 2].text in nouns):
        return True
    j = tok_end
    reach = 1  # "a Baghdad restaurant", not "Turkey captured the island"
    if j < len(toks) and toks[j].text == "s":
        j, reach = j + 1, 3  # "Sri Lanka's west coast"
    for k in range(j, min(j + reach, len(toks))):
        if not d.text[d.tok_starts[k]].islower():
            break
        if toks[k].text in nouns:
            return True
    return False


def _fronted(d: _Doc, tok: int, first_tok: int) -> bool:
    """Is the place at ``tok`` in a fronted locative phrase, the sentence's first clause
    with "in"/"في" before the place ("In Vienna, ...", "Earlier in Khan Younis, ...")?"""
    if d.clause[tok] != d.clause[first_tok]:
        return False
    return any(d.toks[i].text in _LOCATIVE for i in range(first_tok, tok))


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


__all__ = ["actor_countries", "events_from_document", "locate_event"]


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
    :func:`events_from_document` (nearest place in the verb's clause or a neighbouring one,
    after "in"/"في", not a participant or a topic), or ``None`` when the sentence gives none.
    """
    lang = language or detect_language(text)
    book = book or default_book()
    gaz = gazetteer or default()
    d = _Doc(text, lang, book)
    places = _prepare(d, gaz)
    places = sorted(places + _unknown_places(d, places), key=lambda r: r.mention.start)
    actor_mentions = d.actors
    if not places or not d.toks:
        return None
    v0 = d.tok_index(verb_start)
    v1 = max(v0 + 1, d.tok_index(max(verb_start, verb_end - 1)) + 1)
    if _other_sense(d, v0, v1):
        return None  # "captured the title": no event, so no place of one
    sent = next((s for s in d.sentences if s.start <= verb_start < s.end), None)
    lo, hi = (sent.start, sent.end) if sent else (0, len(text))
    s_places = [(d.tok_index(r.mention.start), r) for r in places if lo <= r.mention.start < hi]
    dummy = TriggerSpec("", "", "")
    dr = _Draft(dummy, v0, v1, verb_start, verb_end, text[verb_start:verb_end], d.clause[v0], v1)
    # the verb need not be one of geomap's triggers, so other triggers do not fence it in;
    # a weak best place (far off, not after "in") is no place
    participants = {(m.start, m.end) for m in actor_mentions if lo <= m.start < hi}
    best = _best_place(
        d, dr, s_places, [(v0, v1)], _topical(d, s_places), participants, max_clauses=2, min_score=0.5,
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

    The first trigger's actors are taken, by the rules of :func:`events_from_document`, each
    with the actors joined to it by "and"; without a trigger, the first actor named acts on
    the second. An actor without a country of its own ("rebels") takes the country where the
    event happened, and so does a role the sentence leaves unnamed.
    """
    lang = language or detect_language(text)
    book = book or default_book()
    gaz = gazetteer or default()
    d = _Doc(text, lang, book)
    places = _prepare(d, gaz)
    mentions = d.actors
    s_places = [(d.tok_index(r.mention.start), r) for r in places]
    actors = _participants(d, mentions, 0, len(text), _exclusion_spans(d), s_places)
    not_here = _topical(d, s_places)
    actors = [(t, m) for t, m in actors if (m.start, m.end) not in not_here]
    trig = [m for m in d.triggers if not d.cue_before("anaphora", m.tok_start, window=1)]
    # the sentence is about its first verb: "Lebanon complained ... over Israeli air raids"
    trig = sorted(trig + main_verbs(lang).find(d.norm, d.toks), key=lambda m: m.tok_start)
    a1 = a2 = None
    where = None
    if trig:
        m = trig[0]
        dr = _Draft(m.value, m.tok_start, m.tok_end, m.start, m.end, m.surface, d.clause[m.tok_start], m.tok_end)
        _assign_actors(d, dr, actors)
        a1, a2 = dr.actor1, dr.actor2
        participants = {(x.start, x.end) for x in mentions}
        best = _best_place(d, dr, s_places, [(dr.tok_start, dr.tok_end)], not_here, participants, max_clauses=9)
        where = _describe(best, s_places)[0]
    distinct = []
    for _, m in actors:
        if all(m.actor.name != x.actor.name for x in distinct):
            distinct.append(m)
    if a1 is None and distinct:
        a1 = next((m for m in distinct if a2 is None or m.actor.name != a2.actor.name), None)
    if a2 is None and a1 is not None:
        a2 = next((m for m in distinct if m.actor.name != a1.actor.name), None)
    if where is None and places:
        where = next((r.place for r in places if not r.place.is_country), places[0].place)

    def side(anchor: ActorMention | None) -> list[ActorMention]:
        """The anchor and the actors joined to it by "and" ("Hungarian and Romanian")."""
        if anchor is None:
            return []
        group = [anchor]
        pos = next((i for i, (_, m) in enumerate(actors) if m is anchor), None)
        if pos is None:
            return group
        for j in range(pos + 1, len(actors)):
            t, m = actors[j]
            if _conjoined(d, t) and t - actors[j - 1][0] <= 3:
                group.append(m)
            else:
                break
        return group

    def countries(group: list[ActorMention]) -> list[str]:
        out = []
        for m in group:
            if m.actor.type == _INTERNATIONAL:
                continue  # the UN acting in Liberia is not Liberia
            code = m.actor.country or (where.country_code if where is not None else "")
            if code and code not in out:
                out.append(code)
        return out

    src = side(a1)
    tgt = [m for m in side(a2) if all(m.actor.name != x.actor.name for x in src)]
    src_c, tgt_c = countries(src), countries(tgt)
    # an actor the sentence does not name acts or suffers where the event happened
    here = [where.country_code] if where is not None and where.country_code else []
    # (an international organisation is named, and has no country)
    return (src_c if src else here), (tgt_c if tgt else [c for c in here if c not in src_c or len(src) < 2])
