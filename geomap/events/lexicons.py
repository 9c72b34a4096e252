"""Event knowledge from data/: trigger words per ACLED sub-event type, and cue words."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..errors import DataError
from ..knowledge import cached_yaml, section, weights
from ..lexicon import Lexicon
from ..text.languages import language
from ..text.normalize import fold, key


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    event_type: str
    sub_event_type: str
    plover: str
    generic: bool = False
    state_actor1: bool = False
    verb: bool = False

    @property
    def symmetric(self) -> bool:
        """Events whose actors all take part alike (meetings, agreements)."""
        return self.plover in ("CONSULT", "AGREE")


@functools.cache
def triggers(lang: str) -> Lexicon[TriggerSpec]:
    data = cached_yaml("event_types.yaml") or {}
    lex: Lexicon[TriggerSpec] = Lexicon()
    # where the verb may come first, only the verbs listed as such act like verbs (the
    # other triggers are nouns, which take their object after them)
    verb_first = language(lang).verb_first
    for etype, subs in (data.get("types") or {}).items():
        for sub, spec in (subs or {}).items():
            spec = spec or {}
            trig = spec.get("triggers") or {}
            common = dict(
                event_type=etype,
                sub_event_type=sub,
                plover=str(spec.get("plover", "")),
                generic=bool(spec.get("generic", False)),
                state_actor1=bool(spec.get("state_actor1", False)),
            )
            for phrase in trig.get(lang) or ():
                lex.add(str(phrase), TriggerSpec(**common, verb=not verb_first))
            for phrase in trig.get(f"{lang}_verbs") or ():
                lex.add(str(phrase), TriggerSpec(**common, verb=True))
            # words that name this kind of event only when nothing more specific is said
            # ("regime forces targeted X"): generic, they fold into a specific trigger
            weak = spec.get("generic_triggers") or {}
            loose = {**common, "generic": True}
            for phrase in weak.get(lang) or ():
                lex.add(str(phrase), TriggerSpec(**loose, verb=not verb_first))
            for phrase in weak.get(f"{lang}_verbs") or ():
                lex.add(str(phrase), TriggerSpec(**loose, verb=True))
    return lex


#: The mark between the two parts of a split trigger in data/event_types.yaml
#: ("أضرم … النار": the verb, its subject, its object).
SPLIT_MARK = "…"
#: How many words (a subject, "مسلحون مجهولون"; an object, "several houses") may stand
#: between the two parts of a split trigger.
SPLIT_GAP = 4


@functools.cache
def split_triggers(lang: str) -> Lexicon[tuple[Lexicon[TriggerSpec], TriggerSpec]] | None:
    """The split triggers of ``lang`` (``{lang}_split`` in data/event_types.yaml): a verb
    and the rest of its phrase with the subject or the object between them ("أضرم مسلحون
    النار", gunmen set fire; "set two houses on fire"). A lexicon of the first parts,
    each with the lexicon of the parts that may follow it; ``None`` when there are none."""
    data = cached_yaml("event_types.yaml") or {}
    tails: dict[str, Lexicon[TriggerSpec]] = {}
    specs: dict[str, TriggerSpec] = {}
    for etype, subs in (data.get("types") or {}).items():
        for sub, spec in (subs or {}).items():
            spec = spec or {}
            for phrase in (spec.get("triggers") or {}).get(f"{lang}_split") or ():
                head, sep, tail = str(phrase).partition(SPLIT_MARK)
                if not sep or not head.strip() or not tail.strip():
                    raise DataError(
                        f"data/event_types.yaml: {etype}/{sub} {lang}_split {phrase!r} should "
                        f"be a verb, {SPLIT_MARK!r} and the rest (\"set {SPLIT_MARK} on fire\")"
                    )
                value = TriggerSpec(etype, sub, str(spec.get("plover", "")), verb=True)
                tails.setdefault(head.strip(), Lexicon()).add(tail.strip(), value)
                specs[head.strip()] = value
    if not tails:
        return None
    return Lexicon((h, (t, specs[h])) for h, t in tails.items())


@functools.cache
def cue_lexicon(kind: str, lang: str) -> Lexicon[str]:
    data = cached_yaml("event_cues.yaml") or {}
    return Lexicon((str(p), kind) for p in ((data.get(kind) or {}).get(lang) or ()))


@functools.cache
def main_verbs(lang: str) -> Lexicon[TriggerSpec]:
    """The ``main_verbs`` of data/event_cues.yaml: verbs by PLOVER class, as trigger specs
    with no ACLED type (they anchor actors; they make no event on the map)."""
    data = cached_yaml("event_cues.yaml") or {}
    table = (data.get("main_verbs") or {}).get(lang) or {}
    if not isinstance(table, dict):
        raise DataError(
            f"data/event_cues.yaml: main_verbs.{lang} should map PLOVER classes to verbs"
        )
    lex: Lexicon[TriggerSpec] = Lexicon()
    for plover, verbs in table.items():
        for v in verbs or ():
            lex.add(str(v), TriggerSpec("", "", str(plover), verb=True))
    return lex


@functools.cache
def cue_words(kind: str, lang: str) -> frozenset[str]:
    """A word list of data/event_cues.yaml, folded (one- and many-word entries)."""
    data = cached_yaml("event_cues.yaml") or {}
    return frozenset(fold(w) for w in ((data.get(kind) or {}).get(lang) or ()))


@functools.cache
def cue_phrases(kind: str, lang: str) -> frozenset[tuple[str, ...]]:
    """A phrase list of data/event_cues.yaml as tuples of folded words."""
    return frozenset(tuple(w.split()) for w in cue_words(kind, lang))


@functools.cache
def cue_keys(kind: str, lang: str) -> frozenset[tuple[str, ...]]:
    """A word or phrase list of data/event_cues.yaml as tuples of lookup keys (folded, the
    Arabic article removed), to compare with the forms of tokens (their clitics cut off:
    "بفيروس" is "فيروس")."""
    data = cached_yaml("event_cues.yaml") or {}
    return frozenset(
        tuple(k.split()) for w in ((data.get(kind) or {}).get(lang) or ()) if (k := key(str(w)))
    )


@functools.cache
def one_word_keys(kind: str, lang: str) -> frozenset[str]:
    """The one-word entries of a list of data/event_cues.yaml, as lookup keys (to compare
    with :func:`~geomap.text.normalize.token_forms`)."""
    return frozenset(w for (w, *rest) in cue_keys(kind, lang) if not rest)


@functools.cache
def cue_words_any(kind: str) -> frozenset[str]:
    """A word list of data/event_cues.yaml in every language, folded (for rules that look
    at a word whatever the document's language)."""
    langs = section("event_cues.yaml", kind) or {}
    return frozenset().union(*(cue_words(kind, lang) for lang in langs))


@functools.cache
def one_word_cue_words(kind: str, lang: str) -> frozenset[str]:
    """The one-word entries of a word list of data/event_cues.yaml, folded."""
    return frozenset(w for w in cue_words(kind, lang) if " " not in w)


@functools.cache
def rules() -> dict:
    """The rules and tunable numbers of data/event_rules.yaml (the rules ask for them at
    every trigger and actor: looked up once)."""
    return section("event_rules.yaml") or {}


@functools.cache
def location_weights() -> dict:
    """The event-location weights (``location`` in data/event_rules.yaml)."""
    return weights("event_rules.yaml", "location")


@functools.cache
def draft_settings() -> dict:
    """The draft-event settings (``drafts`` in data/event_rules.yaml)."""
    return weights("event_rules.yaml", "drafts")
