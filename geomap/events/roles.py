"""Actor roles: who takes part in an event, and on which side.

An actor named in a trigger's clause is its source (``actor1``) or its target
(``actor2``) by the cue words before it (``agent``, ``target``, ``victims`` in
``data/event_cues.yaml``), by an English passive ("were attacked by"), or by where it
stands; actors joined by "and"/"و" take the same side. Actors in an exclusion scope
("without coordinating with X") and country names used as places ("في سوريا") take no part.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import replace

from ..geoparse.cues import is_locative
from ..records import ActorMention, Event, Resolved
from ..text.languages import language
from ..text.normalize import fold, token_forms
from .actors import STATE_FORCES, ActorBook, demonym_words
from .document import EventDoc, per_document
from .drafts import Draft, backed_by, disrupting, may_back, referring_claims
from .lexicons import cue_phrases, cue_words, one_word_cue_words, one_word_keys, rules


def is_adjective(surface: str) -> bool:
    w = fold(surface).split()[-1] if surface.split() else ""
    return w.endswith(("ي", "يه", "يون", "يين"))


def named_states(
    book: ActorBook,
    mentions: list[ActorMention],
    s_places: list[tuple[int, Resolved]],
    home: str,
) -> list[ActorMention]:
    """A sentence's actor mentions, with the generic actors that stand for a country's own
    made that country's: "government forces" ("قوات النظام", the generic
    :data:`~geomap.events.actors.STATE_FORCES`) its state, "rebels" its rebels where
    data/actors.yaml names them (``stands_for``). The country is the one the sentence's
    places lie in, else ``home``, the country the document is about (ISO alpha-2, "" when
    it is not known)."""
    if all(not book.is_generic(m.actor.name) for m in mentions):
        return mentions
    code = sentence_country(s_places, home)
    if not code:  # no country said: "the regime" names one, and the sentence is about it
        regime = (book.regime_state(m.surface) for m in mentions if m.actor.name == STATE_FORCES)
        state = next((a for a in regime if a is not None), None)
        code = state.country if state is not None else ""
    if not code:
        return mentions
    out = []
    for m in mentions:
        local = book.local(m.actor.name, code) if book.is_generic(m.actor.name) else None
        out.append(ActorMention(local, m.start, m.end, m.surface) if local is not None else m)
    return out


def qualified_state(d: EventDoc) -> str:
    """The country (ISO alpha-2) whose state forces the document names with their country,
    when it names one state so ("the Syrian regime forces", "Turkish security forces":
    a state's mention that ends in, or stands right before, words for state forces), for
    the bare "regime forces" elsewhere in it; "" when none or several."""
    generic = _folded(_state_force_words(d))
    codes: set[str] = set()
    ordered = d.actors
    for i, m in enumerate(ordered):
        a = m.actor
        if a.type != "state" or not a.country:
            continue
        surface = fold(m.surface)
        words = surface.split()
        own = any(" ".join(words[k:]) in generic for k in range(1, len(words)))
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        before = nxt is not None and not nxt.actor.country and nxt.actor.type == "state" \
            and not d.text[m.end : nxt.start].strip()
        if own or before:
            codes.add(a.country)
    return next(iter(codes)) if len(codes) == 1 else ""


@functools.lru_cache(maxsize=64)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    """``words`` folded (the same alias list comes back in every document)."""
    return frozenset(fold(w) for w in words)


def _state_force_words(d: EventDoc) -> tuple[str, ...]:
    """The aliases of the generic state forces actor (``state_forces`` in
    data/actors.yaml)."""
    return next((m.actor.aliases for m in d.actors if not m.actor.country
                 and m.actor.type == "state"), ())


def absorb_generic(d: EventDoc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A sentence's actor mentions without the common nouns that name another actor's
    people: "ISIS militants", "Turkish security forces", "Indian army soldiers",
    "militants of Lashkar-e-Taiba", "gunmen loyal to the regime", "the regime forces and
    the militiamen loyal to them" are one actor each (``generic`` in data/event_rules.yaml
    ``role_types``; the words that tie people to their side are ``allegiance_links`` and
    the pronouns that stand for that side ``allegiance_pronouns``, in
    data/event_cues.yaml)."""
    generic = rules()["role_types"]["generic"]
    if all(m.actor.name not in generic for m in mentions):
        return mentions
    generic = set(generic)
    ordered = sorted(mentions, key=lambda m: m.start)
    drop: set[int] = set()
    # a run of generic words right after a named actor ("Indian army soldiers"); where the
    # head noun comes first, a generic word after a name is another noun phrase, most often
    # the verb's object after its subject ("اتهمت قوات الدعم السريع الجيش بقصف": the RSF
    # accused the army), and the generic word before a name is the construct below
    verb_first = language(d.lang).verb_first
    heads: dict[int, int] = {}  # a named actor's id -> where its people's noun starts
    for i, m in enumerate(ordered):
        if m.actor.name not in generic or i == 0 or verb_first:
            continue
        prev = ordered[i - 1]
        named_before = prev.actor.name not in generic or id(prev) in drop
        # (an acronym in brackets between them: "Boko Haram (JAS) militants"; not when
        # Arabic و joins them: "هيئة تحرير الشام والمسلحين الموالين للنظام" are two sides)
        if named_before and not d.text[prev.end : m.start].strip(" )\"'”’") \
                and d.text[m.start : m.start + 1] != "و":
            drop.add(id(m))
    if verb_first:
        _construct_generic(d, ordered, generic, drop)
    _allegiant_generic(d, ordered, generic, drop, heads)
    return [
        replace(m, start=heads[id(m)]) if id(m) in heads else m
        for m in mentions if id(m) not in drop
    ]


def _allegiant_generic(d: EventDoc, ordered: list[ActorMention], generic: set[str],
                       drop: set[int], heads: dict[int, int]) -> None:
    """"militants of (the) X", "gunmen loyal to the regime / to them": no actor of their
    own (adds them to ``drop``); X then stands where its people's noun does ("clashed with
    gunmen of X": X is the side clashed with; ``heads``: X's id -> that noun's start)."""
    links = cue_phrases("allegiance_links", d.lang)
    if not links:
        return
    pronouns = cue_words("allegiance_pronouns", d.lang)
    edges = _phrase_edges("allegiance_links", d.lang)
    by_start = {n.start: n for n in ordered}
    starts = by_start.keys()
    longest = max(map(len, links))
    toks = d.toks
    for m in ordered:
        if m.actor.name not in generic or id(m) in drop:
            continue
        tok = d.tok_index(m.end - 1) + 1
        if edges is not None and (tok >= len(toks) or toks[tok].text not in edges[0]):
            continue  # no link starts right after the name (most names)
        # the words after the name, read once for all the links
        after = tuple(t.text for t in toks[tok : tok + longest])
        for link in links:
            j = tok + len(link)
            if j >= len(toks) or after[: len(link)] != link:
                continue
            if d.tok_starts[j] not in starts and j + 1 < len(toks) \
                    and toks[j].text in cue_words("allegiance_group_nouns", d.lang):
                j += 1  # "ينتمون إلى جماعة بوكو حرام": the group's name follows its noun
            if d.tok_starts[j] in starts or toks[j].text in pronouns:
                drop.add(id(m))
                named = by_start.get(d.tok_starts[j])
                if named is not None and named.start > m.start:
                    heads[id(named)] = m.start
                break


@functools.cache
def _phrase_edges(kind: str, lang: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The first words and the last words of the phrases of ``kind``
    (:func:`~.lexicons.cue_phrases`): a phrase ends right before a word only where that
    word's neighbour is one of them; ``None`` when a phrase is blank (no word to test)."""
    phrases = cue_phrases(kind, lang)
    if not all(phrases):
        return None
    return frozenset(p[0] for p in phrases), frozenset(p[-1] for p in phrases)


def _construct_generic(d: EventDoc, ordered: list[ActorMention], generic: set[str],
                       drop: set[int]) -> None:
    """Arabic names people by their side with no word between ("فصائل غصن الزيتون",
    "عناصر داعش": the factions of, the members of): a generic word right before a named
    actor is that actor's people (not when و joins the two: "الفصائل وهيئة تحرير الشام";
    nor after a word with the article, which heads no such phrase: "قصفت الفصائل داعش")."""
    for m, nxt in zip(ordered, ordered[1:]):
        if m.actor.name not in generic or nxt.actor.name in generic:
            continue
        if fold(m.surface).lstrip("وفبل").startswith("ال"):
            continue
        if d.text[m.end : nxt.start].strip() or conjoined(d, d.tok_index(nxt.start)):
            continue
        drop.add(id(m))


def participants(
    d: EventDoc,
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
    place_ends = {r.mention.end for _, r in s_places}
    place_toks = {d.tok_index(r.mention.end - 1) for _, r in s_places}  # their last tokens
    actor_mentions = absorb_generic(d, actor_mentions)
    out: list[tuple[int, ActorMention]] = []
    prev_dropped_end = -2
    for m in actor_mentions:
        if not (start <= m.start < end):
            continue
        tok = d.tok_index(m.start)
        tok_end = d.tok_index(m.end - 1) + 1
        if any(a <= tok < b for a, b in excluded_toks):
            continue
        # a part of a longer place's name ("in Port Sudan", "in Eastern Damascus Ghouta")
        # is used as a place as that place is; its own name, not ("the invasion of South
        # Lebanon", "to Great Britain")
        span = next(((a, b) for a, b in place_spans
                     if a <= m.start and m.end <= b and b - a > m.end - m.start),
                    (m.start, m.end))
        # "في سوريا", "in Syria", and with a modifier "في جنوب السعودية", "in northern Syria"
        before = d.tok_index(span[0]) - 1
        modified = before > 0 and (d.toks[before].text in cue_words("place_modifiers", d.lang)
                                   or d.toks[before].text in cue_words("country_modifiers",
                                                                       d.lang))
        if modified:
            before -= 1
        locative = before >= 0 and is_locative(d.toks[before].text)
        # "مدينة السويداء جنوبي سوريا", "Sweida, southern Syria": a part of the country
        # right after a place says where that place lies
        locative = locative or (modified and before in place_toks) or _in_described(d, before)
        chained = tok == prev_dropped_end and conjoined(d, tok)
        # "at Yemen forces positions": a country before a forces noun names a party
        forces = tok_end < len(d.toks) and d.toks[tok_end].text in cue_words("force_nouns", d.lang)
        where = locative or chained or _bracketed(d, m, place_ends)
        if span in place_spans and where and not forces:
            prev_dropped_end = tok_end
            continue
        if _describes_place(d, m, tok, tok_end):
            continue
        out.append((tok, m))
    return out


def _describes_place(d: EventDoc, m: ActorMention, tok: int, tok_end: int) -> bool:
    """Is the actor a demonym that says whose a place is, in a phrase that says where
    ("outside the Iraqi city of Basra", "near the Turkish border", "في العاصمة السورية";
    ``described_places`` and ``described_place_prepositions`` in data/event_cues.yaml)? It
    names where, not who took part."""
    words = cue_words("described_places", d.lang)
    if not words:
        return False
    forces = cue_words("place_forces", d.lang)
    # (not "Jordanian border guards", "حرس الحدود الأردني": the forces of that place act)
    after = tok_end + 1 < len(d.toks) and d.toks[tok_end].text in words \
        and d.toks[tok_end + 1].text not in forces
    before = tok > 0 and d.toks[tok - 1].text in words \
        and not (tok > 1 and d.toks[tok - 2].text in forces)
    if not (after or before):
        return False
    if not (is_adjective(m.surface) or fold(m.surface) in demonym_words()):
        return False
    # only where the phrase says where ("near the Turkish border", "in the Syrian capital",
    # "قرب الحدود التركية"), not what was hit ("shelled Iraqi towns": Iraq's, acted on)
    skip = cue_words("determiners", d.lang) | cue_words("place_modifiers", d.lang)
    j = (tok - 2 if before else tok - 1)
    while j >= 0 and d.toks[j].text in skip:
        j -= 1
    return j >= 0 and d.toks[j].text in cue_words("described_place_prepositions", d.lang)


def _in_described(d: EventDoc, before: int) -> bool:
    """Does the token at ``before`` join a kind of place to the name after it ("the
    capital of Niger", "the coast of Libya"; ``described_place_of`` in data/event_cues.yaml)?
    The name then says where that place lies."""
    return (
        before >= 1
        and d.toks[before].text in cue_words("described_place_of", d.lang)
        and d.toks[before - 1].text in cue_words("described_places", d.lang)
    )


def _bracketed(d: EventDoc, m: ActorMention, place_ends: set[int]) -> bool:
    """Is the actor's name the region in brackets after a place ("near Tarmiyah
    (Baghdad)", "in Tafas (Daraa)")? It says where the place is, as "in" would."""
    lo = max(0, m.start - 8)
    before = d.text[lo : m.start].rstrip()
    return before.endswith("(") and lo + len(before[:-1].rstrip()) in place_ends


def topical(d: EventDoc, s_places: list[tuple[int, Resolved]]) -> set[tuple[int, int]]:
    """Spans of places that are what the sentence talks about, not where anything happened:
    after a topic cue ("the situation in Syria and Iraq"), with the names joined to them."""
    out: set[tuple[int, int]] = set()
    prev_end = -2
    for tok, r in sorted(s_places, key=lambda x: x[0]):
        if d.cue_before("topic", tok, window=0, same_clause=False) or (
            tok == prev_end and conjoined(d, tok)
        ):
            out.add((r.mention.start, r.mention.end))
            prev_end = d.tok_index(r.mention.end - 1) + 1
    return out


def patrons(d: EventDoc, s_places: list[tuple[int, Resolved]]) -> set[tuple[int, int]]:
    """Spans of the countries named as the patron of an armed side ("militiamen loyal to
    Iran", "US-led strikes", :func:`_patron`): they may act, but are not where anything
    happened."""
    return {(r.mention.start, r.mention.end) for tok, r in s_places if _patron(d, tok, r)}


def _patron(d: EventDoc, tok: int, r: Resolved) -> bool:
    """Is the country at token ``tok`` named as the patron of an armed side: after a
    ``patron`` cue ("loyal to Iran"), or before a hyphen and a ``patron_suffixes`` word
    ("US-led", "Turkey-backed"; data/event_cues.yaml)?"""
    if r.place is None or not r.place.is_country:
        return False
    if d.cue_before("patron", tok, window=0, same_clause=False):
        return True
    rest = d.text[r.mention.end : r.mention.end + 16]
    if rest[:1] not in ("-", "‑", "–"):
        return False
    word = re.match(r"\w+", rest[1:])
    return word is not None and word.group().lower() in cue_words("patron_suffixes", d.lang)


def conjoined(d: EventDoc, tok: int) -> bool:
    """Is token ``tok`` joined to the previous word by "and" ("وروسيا", "and Russia")?"""
    word = d.text[d.tok_starts[tok] : d.tok_starts[tok] + 1]
    return word == "و" or (tok > 0 and d.toks[tok - 1].text in ("and", "و"))


def _agent_role(d: EventDoc, dr: Draft, tok: int, by: int, violent: bool) -> str | None:
    """The role of the actor at ``tok`` named after an agent cue ending at token ``by``
    ("by X"): who acted, unless the cue follows a participle that makes it a holder or a
    weapon's user."""
    if by > 0 and d.toks[by - 1].text in cue_words("holders", d.lang):
        # "positions held by X": X holds what was hit, X is acted on
        if tok < dr.tok_start and backed_by(d, tok) is not None and not is_passive(d, dr):
            # "militias backed by Russia attacked X": who backs a side no one names
            # stands for it, and it acts (not "positions held by X were shelled")
            return "actor1"
        return "actor2" if violent else None
    if by > 0 and d.words[by - 1].lower() in cue_words("launchers", d.lang) \
            and dr.spec.sub_event_type in disrupting():
        # "intercepted a missile fired by the Houthis": the weapon's owner, whose use of
        # it was disrupted, is the other side; who intercepted it acts
        return "actor2"
    return "actor1"


def actor_role(d: EventDoc, dr: Draft, tok: int, m: ActorMention) -> str | None:
    """The role an actor mention's context gives it: 'actor1', 'actor2' or None."""
    violent = dr.spec.event_type in rules()["violent_types"]
    at = _before_article(d, tok)
    members = _before_members(d, at)
    if members != at and d.cue_before("agent", members, window=0):
        at = members  # "carried out by cells of X", "نفذه عناصر X": no victims, no target
    else:
        cued = _cued_role(d, dr, tok, m, at, violent)
        if cued is not None:
            return cued
    if d.cue_before("agent", at, window=0):
        return _agent_role(d, dr, tok, at - 1, violent)
    lang = language(d.lang)
    if lang.subject_first and tok < dr.tok_start and is_passive(d, dr):
        return "actor2"  # "YPG fighters were attacked by ..."
    if tok < dr.tok_end:
        return None
    if lang.verb_first:
        return _after_verb_first(d, dr, tok, m)
    if lang.subject_first and is_passive(d, dr):
        return None  # a passive has no object: "fighters killed in a Turkish strike"
    return "actor2" if tok - dr.tok_end <= 2 else None


def _after_verb_first(d: EventDoc, dr: Draft, tok: int, m: ActorMention) -> str | None:
    """The role of an actor named after the trigger in a verb-first language: the subject
    right after a verb, or anywhere in its clause; after a noun, whose it was ("القصف
    الروسي", "هجوم لتنظيم داعش") or whom it hit. Not after a preposition that only says
    where (``place_prepositions`` in data/event_cues.yaml, with a clitic "و"/"ف": "سقطت
    صواريخ قرب السفارة الأمريكية": the state whose embassy it is names where the rockets
    fell, not who fired them)."""
    places = cue_words("place_prepositions", d.lang)
    if any(t.text in places or t.text[1:] in places for t in d.toks[dr.tok_end : tok]):
        return None
    near = tok - dr.tok_end - _designations(d, dr.tok_end, tok) <= 2
    if dr.spec.verb and _subject_before(d, dr):
        # "إن القوات الأمريكية أسقطت طائرتين ... الحوثيون": the subject came first; the
        # actors after the verb are what it acted on, or named in passing
        return "actor2" if near else None
    if near:
        # a subject's case ending right after a trigger that may be read as a verb ("قتل
        # مسلحون 30 جنديا": gunmen killed 30 soldiers; as a passive, "قتل مسلحين", gunmen
        # were killed): the actor did it
        if dr.spec.verb or opens_clause_as_verb(d, dr.tok_start) or (
            tok == dr.tok_end and _nominative(d, tok)
        ) or (tok == dr.tok_end + 1 and _nominative_members(d, dr.tok_end)):
            return "actor1"
        return "actor1" if is_adjective(m.surface) or _lam_of(m) else "actor2"
    if dr.spec.verb and d.clause[tok] == dr.clause:
        return "actor1"
    return None


def _designations(d: EventDoc, a: int, b: int) -> int:
    """How many of tokens ``a:b`` are a weapon's model designation, a short word of letters
    and a number ("طائرات إف-16 العراقية", "مقاتلات سو-24 الروسية": the adjective after it
    is still the aircraft's)."""
    n = 0
    for j in range(a + 1, b):
        w, prev = d.toks[j].text, d.toks[j - 1].text
        if w.isdecimal() and len(w) <= 3 and prev.isalpha() and len(prev) <= 3:
            n += 2
    return n


def _subject_before(d: EventDoc, dr: Draft) -> bool:
    """Does an actor's name end right before the verb trigger of ``dr``, in its clause
    ("أن الجيش السوري قصف", "القوات الأمريكية أسقطت")? In a verb-first language that
    order puts the subject first, as after "إن"/"أن" and in headlines."""
    return _subject_ends_before(d, dr.tok_start, dr.clause)


def _subject_ends_before(d: EventDoc, v: int, clause: int) -> bool:
    """Does an actor's name end right before token ``v`` of clause ``clause``?"""
    if v == 0 or d.clause[v - 1] != clause:
        return False
    start = d.tok_starts[v - 1]
    return any(m.start <= start < m.end for m in d.actors)


def _cued_role(d: EventDoc, dr: Draft, tok: int, m: ActorMention, at: int, violent: bool
               ) -> str | None:
    """The role the words right before an actor give it: a victim or a target word
    (actor2), "with" after a clash (actor2), "of" after the forces that struck (actor1),
    the thing attacked it owns (actor2)."""
    if (violent and d.cue_before("victims", at, window=0) and not _clashing(d, dr, at)) or (
        d.cue_before("target", at, window=0) and not _nominative(d, tok)
        and not opens_clause_as_verb(d, at - 1)
    ) or (violent and _victims_of_side(d, at)):
        return "actor2"
    if _counterpart(d, dr, tok, at):
        return "actor2"  # "اشتبك مسلحون مع قوات النظام": the side clashed with
    if _owner_of_means(d, dr, tok, m) or _owner_by_means(d, at):
        return "actor1"  # "warplanes of the regime": whose warplanes struck
    if violent and (tok >= dr.tok_end or is_passive(d, dr)) and _object_of(d, tok) and (
        not _clashing(d, dr, at)
    ):
        # "attacked a checkpoint of the Iraqi army", "مواقع هيئة تحرير الشام" (but
        # "fighters of Jaysh al-Islam attacked": the fighters act)
        return "actor2"
    return None


def _victims_of_side(d: EventDoc, at: int) -> bool:
    """Do a victims word and a ``partitives`` word (data/event_cues.yaml) stand right before
    the actor whose cue words end at ``at`` ("two soldiers from the Afghan army were
    killed", "قتل جنديان من القوات الحكومية")? The actor is the side the victims belong
    to. Not after a word for an armed group's members ("عناصر من داعش هاجموا": the members
    act)."""
    j = at - 1
    if j < 1 or d.clause[j] != d.clause[at] or d.words[j].lower() not in cue_words(
            "partitives", d.lang):
        return False
    return d.cue_before("victims", j, window=0) and one_word_keys(
        "member_nouns", d.lang).isdisjoint(token_forms(d.toks[j - 1].text))


def _clashing(d: EventDoc, dr: Draft, at: int) -> bool:
    """Do the people named right after a verb of a two-sided fight, in a verb-first
    language, fight in it rather than fall ("اشتبك مقاتلو داعش مع القوات الحكومية": the
    fighters of IS clashed)? The word for them is also a victims word ("مقتل مقاتلي
    داعش") or a thing's owner ("عناصر", "قتل عناصر داعش"); a clash has no one it is done
    to."""
    return (
        at - 1 == dr.tok_end
        and dr.spec.verb
        and language(d.lang).verb_first
        and dr.spec.sub_event_type in rules()["role_types"]["two_sided"]
    )


def _owner_by_means(d: EventDoc, at: int) -> bool:
    """Is the actor whose cue words end at ``at`` the owner of the means named with the
    instrumental "ب" right before it, in a verb-first language ("قتل مدني بنيران قوات
    النظام", "بغارة لطائرات النظام", "برصاص قناص لقوات X"; ``means_nouns`` in
    data/event_cues.yaml)? Up to two means nouns stand between; the first carries "ب"."""
    if not language(d.lang).verb_first:
        return False
    means = one_word_keys("means_nouns", d.lang)
    if not means:
        return False
    for j in range(at - 1, max(-1, at - 3), -1):
        if d.clause[j] != d.clause[at] or means.isdisjoint(token_forms(d.toks[j].text)):
            return False
        if d.text[d.tok_starts[j]] == "ب":
            return True
    return False


def opens_clause_as_verb(d: EventDoc, tok: int) -> bool:
    """Is the word at ``tok`` one of ``clause_verbs`` (data/event_cues.yaml) opening its
    clause ("استهدف الجيش ...", "واستهدف ...", ", قصف ...", "فيما استهدف ...")? Then it
    is the verb, and the word after it its subject; "أنه استهدف X" (that it targeted X)
    or "بقصف استهدف X" (a shelling that targeted X) take X as the object."""
    if tok < 0 or tok >= len(d.toks):
        return False
    verbs = one_word_keys("clause_verbs", d.lang)
    if not verbs or verbs.isdisjoint(token_forms(d.toks[tok].text)):
        return False
    return (
        tok == 0
        or d.clause[tok - 1] != d.clause[tok]
        or d.text[d.tok_starts[tok]] in "وف"
        # right after the word that opens the clause ("فيما استهدف حزب الله موقعا")
        or d.toks[tok - 1].text in one_word_cue_words("clause_breaks", d.lang)
    )


def _nominative(d: EventDoc, tok: int) -> bool:
    """Does the word at ``tok`` end in a subject's case ending (``nominative_endings`` in
    data/event_cues.yaml: "استهدف الحوثيون", the Houthis targeted)? Such a word is no
    target, whatever cue stands before it."""
    word = d.toks[tok].text
    return len(word) > 4 and any(word.endswith(e) for e in cue_words("nominative_endings", d.lang))


def _nominative_members(d: EventDoc, tok: int) -> bool:
    """Is the word at ``tok`` a noun for an actor's people (``member_nouns``) in a subject's
    case, before the actor's name ("قتل مسلحو داعش", IS gunmen killed: "مسلحو" is the
    subject's form of "مسلحون" before a name, ``nominative_construct_endings``)?"""
    word = d.toks[tok].text
    if one_word_keys("member_nouns", d.lang).isdisjoint(token_forms(word)):
        return False
    ends = cue_words("nominative_endings", d.lang) | cue_words(
        "nominative_construct_endings", d.lang)
    return len(word) > 4 and any(word.endswith(e) for e in ends)


def _counterpart(d: EventDoc, dr: Draft, tok: int, at: int) -> bool:
    """Is the actor at ``tok`` the other side of a clash, named after the trigger by a word
    for "with" in a verb-first language ("اشتبك مسلحون مع X"; ``counterpart`` in
    data/event_cues.yaml)? Such a language names the side that acts after the verb too, and
    only this word tells the two apart ("with the border" is no side: English reads both
    by position)."""
    if tok < dr.tok_end or at < 1 or d.clause[at - 1] != dr.clause:
        return False
    if not language(d.lang).verb_first:
        return False  # English puts the side that acts before the verb: read by position
    if dr.spec.sub_event_type not in rules()["role_types"]["two_sided"]:
        return False
    return d.toks[at - 1].text in cue_words("counterpart", d.lang)


def _owner_of_means(d: EventDoc, dr: Draft, tok: int, m: ActorMention) -> bool:
    """Is the actor at ``tok`` the owner of the forces or weapons the
    trigger names, joined to it by a word for "of" ("warplanes of the regime", "the
    artillery of the Turkish army"; the trigger's last word a ``force_nouns`` word, the
    link an ``owner_links`` word of data/event_cues.yaml)? The owner used them: actor1.
    Not for one of several owners ("warplanes of Russia and the regime"): which of them
    struck is not said."""
    # (the token tests first: they rule out most actors without reading the text after)
    dets = cue_words("determiners", d.lang)
    j = tok - 1
    while j > dr.tok_end and d.toks[j].text in dets:
        j -= 1
    if j != dr.tok_end or j < 1 or d.toks[j].text not in cue_words("owner_links", d.lang):
        return False
    if d.toks[dr.tok_end - 1].text not in cue_words("force_nouns", d.lang):
        return False
    after = d.text[m.end : m.end + 40].split()[:3]
    return not ("and" in after or any(w.startswith("و") for w in after))


@functools.cache
def _article_words(lang: str) -> frozenset[str]:
    """Words that may stand before an actor's name as its article (:func:`_before_article`)."""
    return cue_words("determiners", lang) | cue_words("country_modifiers", lang)


def _before_article(d: EventDoc, tok: int) -> int:
    """The token where the cue words before the actor at ``tok`` end: before its article
    ("by the Islamic State", "targeting a police patrol") and before a forces noun the
    actor's name depends on ("at Government of Yemen forces", "on the army of X"). A
    word that says where a country lies counts as its article ("troops from neighbouring
    Ethiopia": ``country_modifiers``)."""
    dets = _article_words(d.lang)
    while tok > 0 and d.toks[tok - 1].text in dets:
        tok -= 1
    if tok > 1 and d.toks[tok - 1].text == "of" and d.toks[tok - 2].text in cue_words(
        "force_nouns", d.lang
    ):
        tok -= 2
        while tok > 0 and d.toks[tok - 1].text in dets:
            tok -= 1
    return tok


def _before_members(d: EventDoc, at: int) -> int:
    """The token before the words that name an actor's people ahead of its name ("cells of
    (the) X", "members of X", "خلايا تابعة لX", "عناصر X": ``member_nouns``, joined by one
    of ``member_links`` or, in Arabic, by none), where a cue before them stands; ``at``
    itself when there are none."""
    j = at
    if j > 0 and d.toks[j - 1].text in cue_words("member_links", d.lang):
        j -= 1
    if j < 1 or one_word_keys("member_nouns", d.lang).isdisjoint(token_forms(d.toks[j - 1].text)):
        return at
    if j == at and not language(d.lang).verb_first:
        return at  # English joins them with "of": "Islamic State cells" names no one more
    return _before_article(d, j - 1)


def _object_of(d: EventDoc, tok: int) -> bool:
    """Is the actor at ``tok`` the owner of a thing attacked: "a checkpoint of (the) X",
    "positions of X", Arabic "مواقع X" (``target_objects`` in data/event_cues.yaml; the
    words that may link the thing to its owner are ``object_links``)?"""
    objects = cue_words("target_objects", d.lang)
    links = cue_words("object_links", d.lang)
    j = tok - 1
    while j >= 0 and d.toks[j].text in links and tok - j <= 3:
        j -= 1
    if j < 0 or d.clause[j] != d.clause[tok]:
        return False
    word = d.toks[j].text
    # (an Arabic thing after a clitic preposition: "انفجرت عبوة بدورية للجيش")
    return word in objects or not one_word_keys("target_objects", d.lang).isdisjoint(
        token_forms(word)
    )


def _lam_of(m: ActorMention) -> bool:
    """Is an Arabic actor mention joined to the noun before it by the clitic ل ("هجوم
    لتنظيم داعش", "غارة للتحالف": the attack of whom)? Not when ل begins the name
    ("لبنان")."""
    surface = fold(m.surface)
    return surface.startswith("ل") and surface not in {fold(a) for a in m.actor.aliases}


#: How far back (tokens, in the trigger's clause) an Arabic verb of undergoing ("تعرضت
#: مواقع X لقصف") still makes the trigger's event one suffered.
_UNDERGO_REACH = 6


def is_passive(d: EventDoc, dr: Draft) -> bool:
    """A passive: English "were attacked", "was reportedly killed"; Arabic "تعرضت مواقع X
    لقصف" (a verb of undergoing, ``auxiliaries`` in data/event_cues.yaml, opening the
    trigger's clause)."""
    if language(d.lang).verb_first:
        aux = cue_words("auxiliaries", d.lang)
        lo = max(0, dr.tok_start - _UNDERGO_REACH)
        return bool(aux) and any(
            d.toks[j].text in aux and d.clause[j] == dr.clause for j in range(lo, dr.tok_start)
        )
    if " ".join(d.words[dr.tok_start:dr.tok_end]) in cue_words("undergoing_verbs", d.lang):
        return True  # "a prisoner died": who died underwent it
    for back in (1, 2):
        j = dr.tok_start - back
        # ("IS stoned a shepherd": the acronym IS is no auxiliary)
        if j >= 0 and d.toks[j].text in cue_words("auxiliaries", d.lang) \
                and j not in d.named_tokens:
            return True
    return _reduced_passive(d, dr)


def _reduced_passive(d: EventDoc, dr: Draft) -> bool:
    """A headline's passive without its auxiliary ("Turkish soldiers killed in clashes",
    "Iranian fighter killed, two wounded"): a participle of ``reduced_passives``
    (data/event_cues.yaml) that ends its clause or stands before one of
    ``reduced_passive_followers``, not before its object ("rebels killed five soldiers")."""
    words = " ".join(d.words[dr.tok_start:dr.tok_end])
    if words not in cue_words("reduced_passives", d.lang):
        return False
    j = dr.tok_end
    return j >= len(d.toks) or d.clause[j] != dr.clause or (
        d.toks[j].text in cue_words("reduced_passive_followers", d.lang)
    )


def _assign_alike(d: EventDoc, dr: Draft, s_actors: list[tuple[int, ActorMention]]) -> None:
    """A meeting or an agreement: the actors of its clause (else of its sentence) all take
    part alike, the first two named as actor1 and actor2."""
    same = [m for t, m in s_actors if d.clause[t] == dr.clause] or [m for _, m in s_actors]
    uniq: list[ActorMention] = []
    for m in same:
        if all(m.actor.name != u.actor.name for u in uniq):
            uniq.append(m)
    dr.actors = uniq
    dr.actor1 = uniq[0] if uniq else None
    dr.actor2 = uniq[1] if len(uniq) > 1 else None


def assign_actors(d: EventDoc, dr: Draft, s_actors: list[tuple[int, ActorMention]]) -> None:
    """Give the draft its actor1, actor2 and the actors on their sides, from the sentence's
    participants ``s_actors`` (token, mention)."""
    if dr.spec.symmetric:
        _assign_alike(d, dr, s_actors)
        return
    if dr.spec.event_type in rules()["violent_types"]:
        # who reports a fight takes no part in it ("residents said", "according to X")
        s_actors = _not_sources(d, s_actors)
    s_actors = _not_backers(d, s_actors)
    pair = between(d, dr, s_actors)
    if pair is not None and pair[0] is not None:  # "clashes between X and Y": the two sides
        dr.actor1, dr.actor2 = pair
        dr.both_sides = pair[0] is pair[1]
        dr.actors = [pair[0]] if dr.both_sides else list(pair)
        return
    _read_roles(d, dr, s_actors)
    if pair is not None and dr.actor2 is None and (
            dr.actor1 is None or dr.actor1.actor.name != pair[1].actor.name):
        # only the second side after "between" is a known actor ("between separatists and
        # government troops", "between it and the SDF"): that side, the other as read
        dr.actor2 = pair[1]


def _read_roles(d: EventDoc, dr: Draft, s_actors: list[tuple[int, ActorMention]]) -> None:
    """The draft's actor1 and actor2 as the roles of the sentence's actors read them."""

    def dist(t: int) -> int:
        return dr.tok_start - t if t < dr.tok_start else t - dr.tok_end

    roles = [
        (t, m, actor_role(d, dr, t, m) if d.clause[t] == dr.clause else None) for t, m in s_actors
    ]
    # (the nearest of each kind: min() takes the first of equals, as a stable sort does)
    a2 = min((x for x in roles if x[2] == "actor2"), key=lambda x: dist(x[0]), default=None)
    actor2 = a2[1] if a2 else None
    a1 = min(
        (
            x
            for x in roles
            if x[2] == "actor1" and (actor2 is None or x[1].actor.name != actor2.actor.name)
        ),
        key=lambda x: dist(x[0]),
        default=None,
    )
    actor1 = a1[1] if a1 else None
    if actor1 is None:
        before = min(
            (
                x
                for x in roles
                if x[0] < dr.tok_start
                and x[2] is None
                and (actor2 is None or x[1].actor.name != actor2.actor.name)
                and not _after_place_word(d, x[0])
            ),
            key=lambda x: (d.clause[x[0]] != dr.clause, dist(x[0])),
            default=None,
        )
        actor1 = _first_joined(d, before[1], s_actors) if before else None
    elif actor2 is None:
        actor2 = _subject_acted_on(d, dr, roles, actor1)
    dr.actor1, dr.actor2 = actor1, actor2
    _add_joined(d, dr, s_actors)
    if dr.actor2 is None and dr.spec.sub_event_type in rules()["role_types"]["two_sided"]:
        _other_side(d, dr, s_actors)


#: How many words may part the side named and the phrase that names its backer ("the
#: Syrian Arab Army's Republican Guard, backed by X").
BACKED_SIDE_REACH = 4


def _not_backers(
    d: EventDoc, s_actors: list[tuple[int, ActorMention]]
) -> list[tuple[int, ActorMention]]:
    """``s_actors`` without those named as the backer (:func:`~geomap.events.drafts.backed_by`)
    of an actor named right before the phrase ("regime forces backed by Hezbollah", "the
    army, with the help of its Russian ally"): who backs a side is neither side. A backer of
    a side that has no name of its own stays, as the side it fights for ("gunmen loyal to
    the regime" are the regime's side)."""
    if not may_back(d):
        return list(s_actors)  # nobody is named as a backer
    joiners = cue_words("side_joiners", d.lang)

    def backs(start: int, m2: ActorMention, name: str) -> bool:
        last = d.tok_index(m2.end - 1)
        return (start - BACKED_SIDE_REACH <= last < start and m2.actor.name != name
                and not any(d.toks[k].text in joiners or conjoined(d, k)
                            for k in range(last + 1, start + 1)))

    out = []
    for t, m in s_actors:
        start = backed_by(d, t)
        if start is not None and any(backs(start, m2, m.actor.name) for _, m2 in s_actors):
            continue
        out.append((t, m))
    return out


def _after_place_word(d: EventDoc, tok: int) -> bool:
    """Is the actor at ``tok`` named after a preposition that only says where ("near the
    U.S. embassy", "outside the Turkish consulate": ``place_prepositions`` in
    data/event_cues.yaml; not "in", which also says of whom: "a commander in the SDF")?
    It says where something happened, not who did it."""
    i = tok - 1
    while i >= 0 and d.toks[i].text in cue_words("determiners", d.lang):
        i -= 1
    return i >= 0 and d.toks[i].text in cue_words("place_prepositions", d.lang)


def _not_sources(
    d: EventDoc, s_actors: list[tuple[int, ActorMention]]
) -> list[tuple[int, ActorMention]]:
    """``s_actors`` without the sources of a report (:func:`_source`); the same for every
    draft of a sentence, so worked out once for the sentence's list."""
    last = d.__dict__.get("_not_sources")
    if last is None or last[0] is not s_actors:
        last = (s_actors, [(t, m) for t, m in s_actors if not _source(d, t, m)])
        d.__dict__["_not_sources"] = last
    return last[1]


def _subject_acted_on(d: EventDoc, dr: Draft, roles: list, actor1: ActorMention
                      ) -> ActorMention | None:
    """"Rebels repelled an attack by regime forces": the one who acts is named after the
    trigger (by a cue: "by"), so the subject before it in its clause, with no role of its
    own, is the other side: acted on."""
    if not language(d.lang).subject_first:
        return None
    t1 = d.tok_index(actor1.start)
    if t1 < dr.tok_end:
        return None
    before = [(t, m) for t, m, role in roles if role is None and t < dr.tok_start
              and d.clause[t] == dr.clause and m.actor.name != actor1.actor.name]
    return max(before, key=lambda x: x[0])[1] if before else None


def _source(d: EventDoc, tok: int, m: ActorMention) -> bool:
    """Is the actor at ``tok`` only the source of a report: after "according to" /
    "بحسب", or the subject of a speech verb that ends its clause ("..., residents said,
    as fighting spread"; ``source_cues`` and ``speech_verbs`` in data/event_cues.yaml)?"""
    at = _before_article(d, tok)
    cues = cue_phrases("source_cues", d.lang)
    edges = _phrase_edges("source_cues", d.lang)
    if cues and (edges is None or (at > 0 and d.toks[at - 1].text in edges[1])):
        # (only where the word before the actor ends a cue) the words before it, read
        # once for all the cues (each ends right there)
        longest = max(map(len, cues))
        before = tuple(t.text for t in d.toks[max(0, at - longest) : at])
        for cue in cues:
            if at >= len(cue) and before[len(before) - len(cue) :] == cue:
                return True
    end = d.tok_index(m.end - 1) + 1
    if end >= len(d.toks) or d.toks[end].text not in cue_words("speech_verbs", d.lang):
        return False
    after = d.text[d.tok_starts[end] + len(d.toks[end].text) :].lstrip()
    return not after or after[0] in ",.;"


def _first_joined(d: EventDoc, m: ActorMention, s_actors: list[tuple[int, ActorMention]]
                  ) -> ActorMention:
    """The first of the actors named together with ``m`` before a trigger: "Turkish forces
    and allied factions clashed with the SDF" has the one named first as actor1, as a
    coder lists it (the others take part on its side, see :func:`_add_joined`)."""
    ordered = [x for _, x in s_actors]
    i = next((k for k, x in enumerate(ordered) if x is m), None)
    while i is not None and i > 0 and _and_between(d, ordered[i - 1], ordered[i]):
        i -= 1
    return ordered[i] if i is not None else m


def _and_between(d: EventDoc, first: ActorMention, second: ActorMention) -> bool:
    """Are two actor mentions named together: "X and Y", "X and allied Y", "X وY"?"""
    gap = d.text[first.end : second.start].split()
    if gap[:1] == ["and"] and len(gap) <= 2:
        return True
    return gap == ["و"] or (not gap and d.text[second.start : second.start + 1] == "و")


def _other_side(d: EventDoc, dr: Draft, s_actors: list[tuple[int, ActorMention]]) -> None:
    """"X and Y clashed", "اشتبكت X و Y": two sides named together take part in a clash
    as its two sides; the one nearest to the other side of "and" is actor2."""
    a1 = dr.actor1
    if a1 is None:
        return
    t1 = d.tok_index(a1.start)
    for t, m in s_actors:
        if m.actor.name == a1.actor.name or d.clause[t] != d.clause[t1]:
            continue
        lo, hi = (a1.end, m.start) if m.start > a1.start else (m.end, a1.start)
        gap = d.text[lo:hi].split()
        # "and" between them, or Arabic و on the second name ("وهيئة تحرير الشام")
        joined = "and" in gap or "و" in gap or d.text[hi : hi + 1] == "و"
        if joined and len(gap) <= 6:
            first, second = (a1, m) if a1.start < m.start else (m, a1)
            dr.actor1, dr.actor2 = first, second
            if second not in dr.actors:
                dr.actors.append(second)
            return


def _add_joined(d: EventDoc, dr: Draft, s_actors: list[tuple[int, ActorMention]]) -> None:
    """Actors joined by "and"/"و" to actor1 or actor2 take part on the same side."""
    if dr.actor1 is None and dr.actor2 is None:
        return
    pos = {id(m): i for i, (_, m) in enumerate(s_actors)}
    for anchor in (dr.actor1, dr.actor2):
        if anchor is None:
            continue
        i = pos[id(anchor)]
        for step in (1, -1):
            j = i
            while 0 <= j + step < len(s_actors):
                t_next, m_next = s_actors[j + step]
                joined = conjoined(d, s_actors[j + 1][0] if step == 1 else s_actors[j][0])
                adjacent = abs(t_next - s_actors[j][0]) <= 3
                pair = (s_actors[j][1], m_next) if step == 1 else (m_next, s_actors[j][1])
                if not ((joined and adjacent) or _and_between(d, *pair)):
                    break
                if m_next.actor.name not in {a.actor.name for a in dr.actors}:
                    dr.actors.append(m_next)
                j += step



def between(d: EventDoc, dr: Draft, s_actors: list[tuple[int, ActorMention]]
            ) -> tuple[ActorMention | None, ActorMention] | None:
    """The two sides of "fighting between X and Y" / "اشتباكات بين X و Y": the first actor
    after a ``between`` word next to the trigger and the next other actor after it; when
    only the second side is an actor ("between separatists and government troops"),
    ``None`` and that side."""
    words = cue_words("between", d.lang)
    if not words:
        return None
    lo = max(0, dr.tok_start - 3)
    at = None
    clause = d.clause
    spots = _between_words(d)
    for j in spots[bisect.bisect_left(spots, lo):] if spots else ():
        if clause[j] > dr.clause:
            break  # clause numbers only grow: no later token is in the trigger's clause
        if clause[j] == dr.clause:
            at = j
            break
    if at is None:
        return None
    after = [(t, m) for t, m in s_actors if t > at and d.clause[t] == d.clause[at]]
    if after and at + 1 < len(d.toks) and after[0][0] - at <= 2 and (
        d.toks[at + 1].text in cue_words("between_pairs", d.lang)
    ):
        return after[0][1], after[0][1]  # "between two armed groups": both sides alike
    lead = _lead(d, at, after[0][0]) if after else 0
    if after and lead > 2 and _second_side_only(d, dr, at, after):
        return None, after[0][1]  # "between separatists and government troops": one side known
    if len(after) < 2 or lead > 4:
        return None
    first = after[0][1]
    second = next(
        (m for t, m in after[1:] if m.actor.name != first.actor.name and t - after[0][0] <= 10),
        None,
    )
    return (first, second) if second is not None else None


#: How many words after a clash's trigger its ``between`` word may stand for the one side
#: after it that is an actor to be its actor2 alone ("clashes between separatists and
#: government troops", "fighting broke out between"; not a "between" of another clause's
#: words, "a helicopter crashed between Sweida and Damascus").
BETWEEN_REACH = 3


def _second_side_only(d: EventDoc, dr: Draft, at: int,
                      after: list[tuple[int, ActorMention]]) -> bool:
    """Is the one actor named after the ``between`` word at ``at`` the second side (after
    "and") of a two-sided trigger right before it?"""
    first = after[0][1]
    return (
        at - dr.tok_end <= BETWEEN_REACH
        and not dr.spec.generic
        and dr.spec.sub_event_type in rules()["role_types"]["two_sided"]
        and all(m.actor.name == first.actor.name for _, m in after)
        and _and_before(d, at, first)
    )


def _lead(d: EventDoc, at: int, t: int) -> int:
    """How many words from the ``between`` word at ``at`` to the first side, at ``t``: one
    when all between them is a noun for forces tied to that side ("between forces loyal to
    the Southern Transitional Council and ...", ``owner_force_nouns`` then an
    ``allegiance_links`` phrase of data/event_cues.yaml)."""
    words = [tok.text.lower() for tok in d.toks[at + 1 : t]]
    if words[:1] == ["the"]:
        words = words[1:]
    if len(words) > 1 and words[0] in cue_words("owner_force_nouns", d.lang) \
            and tuple(words[1:]) in cue_phrases("allegiance_links", d.lang):
        return 1
    return t - at


def _and_before(d: EventDoc, at: int, m: ActorMention) -> bool:
    """Does "and" (Arabic و, alone or glued) stand between the ``between`` word at ``at``
    and the actor ``m``: is ``m`` the second side named?"""
    gap = d.text[d.toks[at].end : m.start].split()
    glued = m.start > 1 and d.text[m.start - 1] == "و" and d.text[m.start - 2].isspace()
    return "and" in gap or "و" in gap or glued or d.text[m.start : m.start + 1] == "و"


@per_document
def _between_words(d: EventDoc) -> list[int]:
    """The tokens that are a ``between`` word (data/event_cues.yaml), in order: found once
    for the document, not in a scan of the clause for every trigger."""
    words = cue_words("between", d.lang)
    text = d.norm.text
    if not any(w in text for w in words):
        return []  # the tokens are words of the normalised text
    return list(itertools.compress(itertools.count(), map(words.__contains__, d.words)))


def settle_roles(
    dr: Draft,
    s_actors: list[tuple[int, ActorMention]],
    d: EventDoc | None = None,
    *,
    victims_only: bool = False,
) -> None:
    """ACLED's conventions for who is actor1, applied after the roles are read:
    victims are never actor1 of a violent event ("... killing five civilians": civilians
    are acted on), and people demonstrating are actor1 of a protest or riot (the police
    that dispersed them is actor2); with ``d``, an event with no actor in its clause lists
    the actors of the next clause. ``victims_only`` applies the first rule alone (before
    drafts merge, so that a victim read as one draft's actor1 is kept as actor2)."""
    kinds = rules()["role_types"]
    _victim_not_actor1(dr, kinds)
    if victims_only:
        return
    if d is not None and dr.actor1 is None and dr.actor2 is None and not dr.actors:
        _list_participants(d, dr, s_actors, kinds)
    if d is not None:
        _repelled(d, dr, s_actors)
    if dr.spec.sub_event_type in (kinds.get("force_on_demonstrators") or ()):
        _crowd_second(dr, kinds)
    elif dr.spec.event_type in kinds["demonstration_events"]:
        _crowd_first(dr, s_actors, kinds)
    _lone_side_first(dr, kinds)


#: How many words before an event's trigger a repel verb may stand ("repelled a large
#: Islamic State attack").
REPEL_REACH = 5


@functools.lru_cache(maxsize=16)
def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    """The first words of ``phrases`` (a phrase is joined only where its first word is)."""
    return frozenset(p.split(" ", 1)[0] for p in phrases)


def _repelled(d: EventDoc, dr: Draft, s_actors: list[tuple[int, ActorMention]]) -> None:
    """A fight told by its defender's verb ("the army repelled an IS attack on X", "rebels
    repulsed regime forces trying to advance", "صدت قوات النظام هجوما لتنظيم داعش";
    ``repel_verbs`` in data/event_cues.yaml): the verb's subject, who fought, is actor1 (as
    ACLED codes "troops repelled an attack by X": the troops, then X), and the side named
    after the verb, whose attack it was, actor2 -- in either language, though an Arabic
    attack's owner ("هجوما لتنظيم داعش") reads as acting."""
    verbs = cue_words("repel_verbs", d.lang)
    if not verbs:
        return
    # (the host's own trigger ends at ``first_end``: merging stretched its span)
    spans = [(dr.tok_start, dr.first_end if dr.first_end >= 0 else dr.tok_end, dr.clause)]
    spans += [(p.tok_start, p.tok_end, p.clause) for p in dr.parts]
    # (or a repel verb that opens no event of its own right before the trigger: "beat back
    # an attack")
    for j in range(dr.tok_start - 1, max(-1, dr.tok_start - REPEL_REACH - 1), -1):
        if d.clause[j] != dr.clause:
            break
        spans += [(j, j + n, dr.clause) for n in (1, 2)]
    firsts = _first_words(verbs)
    words = d.words
    at = next((x for x in spans
               if words[x[0]] in firsts and " ".join(words[x[0]:x[1]]) in verbs), None)
    if at is None:
        return
    start, end, at_clause = at
    named = [m for m in (dr.actor1, dr.actor2, *dr.actors) if m is not None]
    clause = [(d.tok_index(m.start), m) for m in named
              if d.clause[d.tok_index(m.start)] == at_clause]
    if language(d.lang).verb_first and not _subject_ends_before(d, start, at_clause):
        # the subject right after the verb ("صدت قوات النظام ..."), read or not in a role
        # of the trigger after it ("أحبطت قسد هجوما لداعش": the attack's own actor is IS)
        after = sorted((x for x in clause + [(t, m) for t, m in s_actors
                                             if d.clause[t] == at_clause]
                        if x[0] >= end), key=lambda x: x[0])
        defender = after[0] if after and after[0][0] - end <= 1 else None
    else:
        before = [x for x in clause if x[0] < start]
        if not before:  # "the army said it repelled ...": the subject of the sentence
            before = [(t, m) for t, m in s_actors if t < start]
        defender = max(before, key=lambda x: x[0]) if before else None
    if defender is None:
        return
    attacker = min(
        (x for x in clause if x[0] > defender[0] and x[0] >= end
         and x[1].actor.name != defender[1].actor.name
         and x[1].actor.type not in rules()["role_types"]["victims"]),
        key=lambda x: x[0], default=None,
    )
    if attacker is not None:
        _repel_sides(dr, defender[1], attacker[1])


def _repel_sides(dr: Draft, defender: ActorMention, attacker: ActorMention) -> None:
    """The sides of a fight told by its defender's verb: the attacker read as the attack's
    actor ("foiled an IS attack", "repelled an attack by IS") keeps actor1 and the
    defender is the side it attacked; else the defender, who fought, is actor1."""
    a1 = dr.actor1
    if a1 is not None and a1.actor.name == attacker.actor.name:
        if dr.actor2 is None or dr.actor2.actor.name != defender.actor.name:
            dr.actor2 = defender
            if defender not in dr.actors:
                dr.actors = [*dr.actors, defender]
        return
    if a1 is not None and a1.actor.name != defender.actor.name:
        return
    dr.actor1, dr.actor2 = defender, attacker
    dr.actors = [defender, attacker] + [
        m for m in dr.actors if m.actor.name not in (attacker.actor.name, defender.actor.name)]


def _crowd_second(dr: Draft, kinds: dict) -> None:
    """Force used against demonstrators ("soldiers shot dead two protesters"): whoever used
    it is actor1, the demonstrators actor2 (ACLED's excessive force against protesters)."""
    a1, a2 = dr.actor1, dr.actor2
    crowd = kinds["demonstrators"]
    if a1 is not None and a1.actor.type in crowd:
        if a2 is not None and a2.actor.type not in crowd:
            dr.actor1, dr.actor2 = a2, a1
        else:
            dr.actor1, dr.actor2 = None, a2 or a1
    if dr.actor2 is None:  # the crowd named in the event, not read in a role
        dr.actor2 = next((m for m in dr.actors if m.actor.type in crowd), None)


def lone_side(dr: Draft, sub_event_type: str) -> bool:
    """Is the one side named of a draft whose sub-event type its victims decided after the
    roles were read (``reclassify`` in data/event_rules.yaml) the actor1 of its event, as
    :func:`_lone_side_first` makes it of a clash: "77 were killed, among them 23 soldiers"
    is a battle, and the soldiers' side is the side of it the report names? Only where the
    victims are of an armed side ("unknown gunmen attacked the headquarters of X": X was
    attacked, by someone the report does not name)."""
    kinds = rules()["role_types"]
    a2 = dr.actor2
    return (dr.victims == "armed" and dr.actor1 is None and a2 is not None
            and sub_event_type in kinds["two_sided"] and a2.actor.type not in kinds["victims"])


def _lone_side_first(dr: Draft, kinds: dict) -> None:
    """A clash has two sides and no one acted on: its one side named is actor1, as a coder
    lists the side of a battle the report names ("12 soldiers were killed in clashes"),
    and not its actor2 as well (one trigger read it acting, another hit)."""
    a1, a2 = dr.actor1, dr.actor2
    if a2 is None or dr.spec.sub_event_type not in kinds["two_sided"]:
        return
    if a1 is None and a2.actor.type not in kinds["victims"]:
        other = next((m for m in dr.actors if m.actor.name != a2.actor.name
                      and m.actor.type not in kinds["victims"]), None)
        if other is not None:
            # "five rebels were killed in clashes with regime forces": the side acted on
            # stays actor2, the other side named fought them
            dr.actor1 = other
            return
        dr.actor1, dr.actor2 = a2, None
    elif a1 is not None and a1.actor.name == a2.actor.name and not dr.both_sides:
        dr.actor2 = None


def _victim_not_actor1(dr: Draft, kinds: dict) -> None:
    a1 = dr.actor1
    if dr.spec.event_type in rules()["violent_types"] and a1 is not None \
            and a1.actor.type in kinds["victims"]:
        dr.actor1 = None
        if dr.actor2 is None:
            dr.actor2 = a1


def _list_participants(d: EventDoc, dr: Draft, s_actors: list[tuple[int, ActorMention]],
                       kinds: dict) -> None:
    """No actor in the trigger's own clause: the sentence's actors named next to it took
    part, as a coder would list them, though their roles are not told ("Violent clashes in
    X, and the regime forces shell Y")."""
    reach = rules()["drafts"]["participant_clauses"]
    for t, m in s_actors:
        if abs(d.clause[t] - dr.clause) <= reach and m.actor.type not in kinds["victims"] \
                and all(m.actor.name != a.actor.name for a in dr.actors):
            dr.actors.append(m)


def _crowd_first(dr: Draft, s_actors: list[tuple[int, ActorMention]], kinds: dict) -> None:
    """In a protest or riot the people demonstrating are actor1, whoever faced them actor2."""
    a1 = dr.actor1
    crowd = [m for t, m in s_actors if m.actor.type in kinds["demonstrators"]]
    if crowd and (a1 is None or a1.actor.type not in kinds["demonstrators"]):
        near = min(crowd, key=lambda m: abs(m.start - dr.start))
        # "police fired tear gas at protesters": the crowd read as acted on changes places
        # with the police
        a2 = dr.actor2
        if a1 is not None and (a2 is None or a2.actor.name == near.actor.name):
            dr.actor2 = a1
        dr.actor1 = near
        if all(m.actor.name != near.actor.name for m in dr.actors):
            dr.actors.insert(0, near)


def sentence_country(s_places: list[tuple[int, Resolved]], home: str) -> str:
    """The country (ISO alpha-2) a sentence is about: the one most of its places lie in,
    else ``home``, the document's ("" when not known)."""
    codes: dict[str, int] = {}
    for _, r in s_places:
        p = r.place
        if p is not None and p.country_code:
            codes[p.country_code] = codes.get(p.country_code, 0) + 1
    if not codes:
        return home
    # the most named, the first named of those on a tie (as Counter.most_common)
    return max(codes.items(), key=lambda kv: kv[1])[0]


def implied_actors(dr: Draft, book: ActorBook, country: str = "") -> None:
    """Add the actors coders name though the text only implies them (``implied_actors`` in
    data/event_rules.yaml): the civilians of violence against civilians, the protesters of
    a demonstration; and, in ``country`` (ISO alpha-2, the sentence's), the air force that
    flies its air war for a strike no one is named for (``unclaimed_air_strikes`` in
    data/actors.yaml). Needs the draft's victims (:func:`~geomap.events.drafts.victims_of`)."""
    _unclaimed_strike(dr, book, country)
    spec = dr.spec
    for types, subs, victims, names, displaces in _implied_rules(rules()):
        if (types is not None and spec.event_type not in types) or (
            subs is not None and spec.sub_event_type not in subs
        ) or (victims is not None and dr.victims not in victims):
            continue
        for role, name in names:
            actor = book.named(name)
            if actor is not None and actor.name == STATE_FORCES and country:
                actor = book.local(STATE_FORCES, country) or actor  # the sentence's state
            present = [dr.actor1, dr.actor2, *dr.actors]
            if actor is None or any(m is not None and m.actor.type == actor.type for m in present):
                continue
            _imply(dr, role, ActorMention(actor, dr.start, dr.end, dr.trigger), displaces)


def fallen_soldiers(dr: Draft, book: ActorBook, country: str) -> None:
    """The soldiers a violent event killed or wounded, no state named for them ("an IED hit
    a convoy, wounding five soldiers": ``state_soldiers`` in data/event_cues.yaml, told by
    the caller) are the forces of ``country`` (ISO alpha-2), where it happened: its state is
    actor2 of the draft that has none, unless a state other than actor1 takes part ("five
    French soldiers": theirs) or the state is the draft's actor already."""
    if dr.actor2 is not None or not country or dr.spec.event_type not in rules()["violent_types"]:
        return
    state = book.local(STATE_FORCES, country)
    if state is None:
        return
    named = [m for m in (dr.actor1, *dr.actors) if m is not None]
    if any(m.actor.name == state.name for m in named) or any(
        m.actor.type in ("state", "government") for m in named if m is not dr.actor1
        and (dr.actor1 is None or m.actor.name != dr.actor1.actor.name)
    ):
        return
    dr.actor2 = ActorMention(state, dr.start, dr.end, dr.trigger)
    dr.actors.append(dr.actor2)


def _implied_rules(table: dict) -> tuple:
    """The ``implied_actors`` rules of ``table`` (data/event_rules.yaml) as
    ``(event types, sub-event types, victims, ((role, actor name), ...), displaces)``, a
    condition the rule does not set ``None``: read once for the table, not at every
    event."""
    got = _IMPLIED.get(id(table))
    if got is None or got[0] is not table:
        rows = []
        for rule in table.get("implied_actors") or ():
            when = rule.get("when") or {}
            rows.append((
                when["event_type"] if "event_type" in when else None,
                when["sub_event_type"] if "sub_event_type" in when else None,
                when["victims"] if "victims" in when else None,
                tuple((role, rule.get(role) or "") for role in ("actor1", "actor2")),
                frozenset(rule.get("displaces") or ()),
            ))
        _IMPLIED.clear()
        got = _IMPLIED[id(table)] = (table, tuple(rows))
    return got[1]


#: {id(rules table): (the table, its implied-actor rules read)} (:func:`_implied_rules`)
_IMPLIED: dict[int, tuple[dict, tuple]] = {}


def _unclaimed_strike(dr: Draft, book: ActorBook, country: str) -> None:
    """"Warplanes struck X", "غارات جوية على X": no one is named as actor1; the air force
    that flies the country's air war is (a side named anywhere in the event is not made
    to strike itself: "air strikes on regime positions" are no one's in particular). "An
    IED went off": an unidentified armed group set it off (``unclaimed_explosions``)."""
    if dr.actor1 is not None:
        return
    air = book.unclaimed_air
    # (a bomb that hurt no one the report names, or no one at all, is left unclaimed)
    hurt = dr.actor2 is not None or dr.victims != "unknown"
    name = book.unclaimed_explosions.get(dr.spec.sub_event_type) if hurt else None
    if name is None and air is not None and country:
        triggers = " ".join(p.trigger for p in [dr, *dr.parts])
        name = air.flown_by(dr.spec.sub_event_type, country, triggers)
    actor = book.named(name) if name else None
    if actor is None or any(m is not None and m.actor.name == actor.name
                            for m in [dr.actor2, *dr.actors]):
        return
    _imply(dr, "actor1", ActorMention(actor, dr.start, dr.end, dr.trigger))


def _imply(dr: Draft, role: str, m: ActorMention, displaces: frozenset[str] = frozenset()
           ) -> None:
    """Give the draft implied actor ``m`` in ``role``; as actor1 only where no one else
    acts, or civilians were read there ("residents protested"), or an actor of a type in
    ``displaces``, who becomes actor2 ("Police arrested students at a sit-in")."""
    if role == "actor2":
        if dr.actor2 is None:
            dr.actor2 = m
        dr.actors.append(m)
        return
    a1 = dr.actor1
    if a1 is not None and a1.actor.type in displaces:
        if dr.actor2 is None:
            dr.actor2 = a1
        dr.actor1 = m
        dr.actors.insert(0, m)
        return
    if a1 is not None and a1.actor.type not in rules()["role_types"]["victims"]:
        return  # "Lebanon protested to the UN": the one named protests
    if a1 is not None:
        dr.actors = [x for x in dr.actors if x is not a1]
    dr.actor1 = m
    dr.actors.insert(0, m)


def credit_claims(d: EventDoc, events: list[Event], unnamed: frozenset[str] = frozenset()
                  ) -> list[Event]:
    """The actor who claims an event told before is its actor1 ("A bomb went off in X.
    Islamic State claimed responsibility."): the last event before the claim gets the
    claimant, the actor named at most four words before the claim (or, after an Arabic
    verb, two words after it) in its sentence, as actor1 when it has none, else among its
    actors. An actor1 of ``unnamed`` (the unidentified group an unclaimed bomb is filed
    under, ``unclaimed_explosions``) gives way to the claimant."""
    for a, b in referring_claims(d):
        claimant = _claimant(d, a, b)
        if claimant is None:
            continue
        at = d.tok_starts[a]
        before = [i for i, e in enumerate(events) if e.start < at]
        if not before:
            continue
        i, name = before[-1], claimant.actor.name
        others = [x for x in events[i].actors if x != name]
        # no actor1 read, or one read on both sides ("A car bomb exploded near a
        # checkpoint of the SDF, killing four fighters": the SDF were hit)
        first = events[i].actor1
        if first is None or first == events[i].actor2 or first in unnamed:
            others = [x for x in others if x != first or first == events[i].actor2]
            events[i] = replace(events[i], actor1=name, actors=(name, *others))
        else:  # it took part, whoever the text made actor1
            events[i] = replace(events[i], actors=(*others, name))
    return events


def _claimant(d: EventDoc, a: int, b: int) -> ActorMention | None:
    near = []
    for m in d.actors:
        t = d.tok_index(m.start)
        t_end = d.tok_index(m.end - 1) + 1
        if a - 4 <= t_end <= a and d.clause[t] == d.clause[a]:
            near.append((a - t_end, m))
        elif language(d.lang).verb_first and b <= t <= b + 2:
            near.append((t - b, m))
    return min(near, key=lambda x: x[0])[1] if near else None
