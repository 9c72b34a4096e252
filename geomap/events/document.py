"""The events stage's view of one document: its triggers, actors, cue words and clauses.

One lexicon pass over the document's tokens (from its :class:`~geomap.text.view.TextView`,
prepared once for all stages) finds the trigger words (``data/event_types.yaml``), the
actors' names, the cue words (``data/event_cues.yaml``), the date words and the demonyms;
the rules of the other events modules read them from an :class:`EventDoc`.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Sequence

from ..geoparse.cues import is_locative
from ..geoparse.demonyms import demonyms
from ..lexicon import LexiconSet, Match
from ..records import ActorMention
from ..text.languages import language, supported_codes
from ..text.normalize import fold, token_forms
from ..text.view import TextView
from .actors import ActorBook, written_acronyms
from .dates import date_lexicon
from .lexicons import (
    SPLIT_GAP,
    TriggerSpec,
    cue_lexicon,
    cue_words,
    draft_settings,
    location_weights,
    one_word_keys,
    rules,
    split_triggers,
    triggers,
)

#: The cue kinds of data/event_cues.yaml the rules ask about, in the lexicon pass's order.
CUE_KINDS = ("negation", "planned", "anaphora", "exclusion", "target", "agent", "victims", "topic",
             "civilian_victims", "armed_victims", "patron", "civilian_sites", "people_victims")
#: Where the lexicon pass's matches of the date words are; the demonyms' come next, then
#: (in a language that has them) the split triggers' first parts.
_DATES = 3 + len(CUE_KINDS)
_SPLIT = _DATES + 2
# Lexicon sets by (language, id(book)); the book is kept in the value so its id stays its own.
_SETS: dict[tuple[str, int], tuple[ActorBook, LexiconSet]] = {}


def lexicon_set(lang: str, book: ActorBook) -> LexiconSet:
    """Triggers, actors, clause breaks and cue words of ``lang``, scanned in one pass."""
    got = _SETS.get((lang, id(book)))
    if got is None or got[0] is not book:
        if len(_SETS) > 16:  # a long-lived process that builds many books
            _SETS.clear()
        lexicons = [triggers(lang), book.lexicon, cue_lexicon("clause_breaks", lang)]
        lexicons += [cue_lexicon(kind, lang) for kind in CUE_KINDS]
        lexicons.append(date_lexicon(lang))  # each sentence's weekdays, "yesterday" ...
        lexicons.append(demonyms())  # the geoparser's country evidence, in the same pass
        split = split_triggers(lang)
        if split is not None:  # the first parts of split triggers ("set ... on fire")
            lexicons.append(split)
        got = (book, LexiconSet(lexicons))
        _SETS[(lang, id(book))] = got
    return got[1]


def _with_split(
    found: list[Match[TriggerSpec]], heads: list[Match], toks, lang: str
) -> list[Match[TriggerSpec]]:
    """``found`` with the split triggers (:func:`~.lexicons.split_triggers`) whose verb
    stands on no other trigger: the verb is the trigger ("أضرم مسلحون النار": أضرم), the
    words up to the rest of its phrase its subject or object. Where a noun may stand
    before another ("fire safety"), the rest must end a phrase: "set new rules on fire
    safety" is no arson. ``heads``: the matches of the split triggers' first parts."""
    taken = {t for m in found for t in range(m.tok_start, m.tok_end)}
    premodifiers = language(lang).premodifiers
    extra = []
    for m in heads:
        if m.tok_start in taken:
            continue
        tails, spec = m.value
        for j in range(m.tok_end + 1, min(m.tok_end + 1 + SPLIT_GAP, len(toks))):
            if j in taken:
                break
            got = tails.match_at(toks, j)
            if got is not None:
                if not (premodifiers and _modifies(toks, j + got[0], lang)):
                    extra.append(Match(spec, m.tok_start, m.tok_end, m.start, m.end, m.surface))
                break
    if not extra:
        return found
    return sorted(found + extra, key=lambda m: m.tok_start)


def _outside_outlet_names(found: list[Match[TriggerSpec]], toks, lang: str
                          ) -> list[Match[TriggerSpec]]:
    """``found`` less the triggers that name a news outlet, right after one of
    ``outlet_nouns`` in data/event_cues.yaml: "قناة المسيرة" is the Houthis' Al-Masirah TV,
    no drone (مسيرة)."""
    nouns = one_word_keys("outlet_nouns", lang)
    if not nouns or not found:
        return found
    return [m for m in found
            if not (m.tok_start and not nouns.isdisjoint(token_forms(toks[m.tok_start - 1].text)))]


#: What may stand between a state's name and the group it describes: nothing, or the
#: possessive ("Yemen's Houthis").
_DESCRIBING_GAP = re.compile(r"\s*(?:['\u2019]s\s*)?")


def _without_describing_states(actors: list[ActorMention], text: str) -> list[ActorMention]:
    """``actors`` less the state mentions that only say where a group of that state belongs:
    a demonym or the state's name right before or after the group's name ("جماعة الحوثي
    اليمنية", the Yemeni Houthi group; "Lebanon's Hezbollah"). The group acts; the state
    is not a party."""
    drop = set()
    for a, b in zip(actors, actors[1:]):
        if a.actor.country != b.actor.country or not a.actor.country:
            continue
        if (a.actor.type == "state") == (b.actor.type == "state"):
            continue
        if _DESCRIBING_GAP.fullmatch(text, a.end, b.start):
            drop.add(id(a if a.actor.type == "state" else b))
    return [m for m in actors if id(m) not in drop] if drop else actors


def _modifies(toks, k: int, lang: str) -> bool:
    """Does the word at token ``k`` go on the phrase before it as a noun it modifies ("on
    fire safety"), rather than start something else (a locative, a word of
    ``phrase_ends`` in data/event_cues.yaml, the next clause, the end)?"""
    if k >= len(toks):
        return False
    w = toks[k].text
    return w[:1].isalpha() and not (is_locative(w) or fold(w) in cue_words("phrase_ends", lang))


def prepare(book: ActorBook, languages: Iterable[str] | None = None) -> None:
    """Build the events stage's knowledge tables now rather than on the first document:
    the lexicon set of each supported language (its triggers, cue words, date words and
    demonyms, read from data/) and the rules. The pipeline calls it before it forks its
    worker processes, which then share the tables instead of each building its own."""
    rules(), location_weights(), draft_settings()
    for lang in supported_codes() if languages is None else languages:
        if language(lang).supported:
            lexicon_set(lang, book)


def per_document(fn):
    """Memoise ``fn(d)``, a function of an :class:`EventDoc` alone, on the document: the
    rules ask it once per trigger or per event, the answer is the document's (say, the
    claims of responsibility it contains)."""
    slot = f"_memo {fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def once(d: EventDoc):
        memo = d.__dict__
        if slot not in memo:
            memo[slot] = fn(d)
        return memo[slot]

    return once


class EventDoc:
    """What the extraction rules read of one document.

    The constructor makes the one lexicon pass (a document without a trigger word costs
    no more); clauses, cue tables and the tokens inside names are derived on first use.
    Nothing is changed after that: the rules only read.
    """

    def __init__(self, view: TextView, book: ActorBook,
                 not_actors: Sequence[tuple[int, int]] = ()):
        self.view = view
        self.text = view.text
        self.lang = view.language
        self.norm = view.norm
        self.toks = view.tokens
        # the rules ask for tokens by character hundreds of times: the view's own method,
        # without a call through this one
        self.tok_index = view.tok_index
        found = lexicon_set(self.lang, book).find(self.norm, self.toks)
        capitalised = language(self.lang).names_capitalised
        self.triggers: list[Match[TriggerSpec]] = found[0]
        if len(found) > _SPLIT:  # the language has split triggers
            self.triggers = _with_split(self.triggers, found[_SPLIT], self.toks, self.lang)
        self.triggers = _outside_outlet_names(self.triggers, self.toks, self.lang)
        self.actors = [
            ActorMention(m.value, m.start, m.end, m.surface)
            for m in found[1]
            # "us", "un": not US, UN, where names are capitalised
            if not (capitalised and len(m.surface) <= 3 and m.surface.islower())
            # nor a name inside a span that is no actor's ("the Gulf of Guinea": not Guinea)
            and not any(a <= m.start and m.end <= b for a, b in not_actors)
        ]
        if capitalised:  # "IS", "Islamic State (IS)": acronyms as written
            extra = written_acronyms(self.text, self.actors, book)
            if extra:
                self.actors = sorted(self.actors + extra, key=lambda m: m.start)
        self.actors = _without_describing_states(self.actors, self.text)
        cues = dict(zip(CUE_KINDS, found[3:_DATES], strict=True))
        # a break word inside an agent cue is a part of it ("من قبل", by): no new clause
        agent = {t for m in cues["agent"] for t in range(m.tok_start, m.tok_end)}
        self._breaks = [b for b in found[2] if b.tok_start not in agent]
        # a negation word inside an exclusion cue is a part of it, not a denial
        excl = {(m.tok_start, m.tok_end) for m in cues["exclusion"]}
        cues["negation"] = [
            m for m in cues["negation"] if not any(a <= m.tok_start < b for a, b in excl)
        ]
        self.cues: dict[str, list[Match[str]]] = cues
        self.dates = found[_DATES]
        self.demonyms = found[_DATES + 1]

    @property
    def sentences(self):
        return self.view.sentences

    @property
    def tok_starts(self) -> list[int]:
        return self.view.token_starts

    def tok_index(self, char: int) -> int:
        """The token at (or last before) original character ``char``."""
        return self.view.tok_index(char)

    @functools.cached_property
    def words(self) -> list[str]:
        """The text of each token (taken once, in C, for the rules that scan a document's
        words for a list's)."""
        return list(map(operator.itemgetter(0), self.toks))

    @functools.cached_property
    def clause(self) -> list[int]:
        """The clause number of each token (punctuation, sentences and break words)."""
        return self.view.clauses(m.tok_start for m in self._breaks)

    @functools.cached_property
    def cue_at(self) -> dict[str, dict[int, Match[str]]]:
        """Each cue kind's matches by the token they end at."""
        return {k: {m.tok_end: m for m in ms} for k, ms in self.cues.items()}

    @functools.cached_property
    def named_tokens(self) -> set[int]:
        """Tokens inside an actor's name or a demonym."""
        got: set[int] = set()
        for m in self.actors:
            got.update(range(self.tok_index(m.start), self.tok_index(m.end - 1) + 1))
        for dm in self.demonyms:
            got.update(range(dm.tok_start, dm.tok_end))
        return got

    def cue_before(self, kind: str, tok: int, window: int = 2, same_clause: bool = True) -> bool:
        """Does a ``kind`` cue end within ``window`` tokens before token ``tok``?"""
        table = self.cue_at[kind]
        if not table:
            return False  # most kinds have no cue in a given document
        last = len(self.toks) - 1
        for end in range(tok, max(-1, tok - window - 1), -1):
            m = table.get(end)
            if m and (
                not same_clause
                or not self.toks
                or self.clause[min(m.tok_start, last)] == self.clause[min(tok, last)]
            ):
                return True
        return False

    def exclusion_spans(self) -> list[tuple[int, int]]:
        """Token ranges (cue to end of its clause) whose actors take no part in the event."""
        spans = []
        for m in self.cues["exclusion"]:
            end = m.tok_end
            c = self.clause[m.tok_start]
            while end < len(self.toks) and self.clause[end] == c:
                end += 1
            spans.append((m.tok_start, end))
        return spans
