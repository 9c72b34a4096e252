"""Event location: where an event happened, among the places of its sentence.

A place counts when it is in the trigger's clause or a neighbouring one with no other
trigger in between; participants and topics are not places of the event. Nearer, after
the trigger, after "in"/"في", and more specific is better; a country gives way to a place
inside it named close by; of two places named one inside the other ("the Homs
neighbourhood of Baba Amr") the inner one is taken. An event told with several triggers
("bombed X and shelled Y") is placed from each of them, the first told first.
:func:`describe_place` turns the place into ACLED's precision and reason; a town's
countryside named by its side ("the eastern countryside of X", "ريف X الشرقي") lies out
that side of it (:func:`countryside_side`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..gazetteer.base import Gazetteer
from ..knowledge import cached_yaml
from ..geodesy import destination, haversine_km
from ..geoparse import demonym_place
from ..geoparse.capital import capital_of, country_place, focus_country
from ..geoparse.cues import is_locative, locatives, place_types
from ..records import Event, Place, Resolved
from ..text.languages import language
from ..text.normalize import PROCLITIC_CONJ, fold
from ..text.spelling import skeleton
from .document import EventDoc
from .drafts import Draft
from .lexicons import cue_phrases, cue_words, cue_words_any, location_weights, one_word_cue_words


def document_country(
    places: Sequence[Resolved],
    *,
    lead_end: int = 0,
    owners: frozenset[tuple[int, int]] = frozenset(),
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """The country a document is about, for its events that name no place of their own.

    Each country scores for each time it is named and for each distinct place inside it
    (weights in ``document_focus`` of data/event_places.yaml); a mention that starts
    before character ``lead_end`` (the end of the document's lead, see :func:`lead_end`)
    counts ``lead_weight`` times over: the title and the opening sentences say where the
    news is, later paragraphs add background (the organisation's seat, other cases). The
    country that scores most, when the document names it (on a tie, the first named);
    ``None`` when it names none, or when its places say most about a country it never
    names (the events are not put in another country named in passing).

    A country named only as the patron of an armed side (``owners``: the spans of such
    namings, "Turkey-backed factions", "militias loyal to Iran") says who backs it, not
    where it fights: those namings do not count while another country has a place named
    (with ``gazetteer``, the country of the document's places then, when one leads).

    >>> document_country([]) is None
    True
    """
    if owners:
        found = document_country(places, lead_end=lead_end)
        return _past_owners(places, found, owners, lead_end, gazetteer) or found
    w = _focus_weights()
    named: dict[str, Place] = {}  # in the order first named
    score: Counter[str] = Counter()
    seen: dict[int, float] = {}
    for r in sorted(places, key=lambda r: r.mention.start):
        p = r.place
        if p is None or not p.country_code:
            continue
        lead = w["lead_weight"] if r.mention.start < lead_end else 1.0
        if p.is_country:
            named.setdefault(p.country_code, p)
            score[p.country_code] += w["named"] * lead
        elif lead > seen.get(p.geonameid, 0.0):  # "Velasco" ten times is one place
            score[p.country_code] += w["place"] * (lead - seen.get(p.geonameid, 0.0))
            seen[p.geonameid] = lead
    if not named:
        return None
    best = max(score.values())
    return next((p for cc, p in named.items() if score[cc] == best), None)


def _past_owners(
    places: Sequence[Resolved],
    found: Place | None,
    owners: frozenset[tuple[int, int]],
    lead_end: int,
    gazetteer: Gazetteer | None,
) -> Place | None:
    """The document's country in place of ``found`` when that one is only named as a
    patron (spans ``owners``, see :func:`document_country`): the one the other
    places say, else (with ``gazetteer``) the country most of its places lie in; ``None``
    to keep ``found``."""
    if found is None or any(
        (r.mention.start, r.mention.end) not in owners for r in places
        if r.place is not None and r.place.is_country and r.place.country_code == found.country_code
    ):
        return None
    rest = [r for r in places if (r.mention.start, r.mention.end) not in owners]
    other = document_country(rest, lead_end=lead_end)
    if other is not None or gazetteer is None:
        return other
    located = Counter(r.place.country_code for r in rest if r.place is not None
                      and r.place.country_code and not r.place.is_country)
    ranked = located.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return country_place(ranked[0][0], gazetteer)
    return None


def local_country(
    places: Sequence[Resolved],
    text: str,
    start: int,
    fallback: Place | None,
    gazetteer: Gazetteer | None,
) -> Place | None:
    """The country of the place named last before character ``start`` in the same
    paragraph: the country a sentence that names no place of its own goes on about
    ("In Matamoros, migrants wait for months. Many were kidnapped." -- Mexico, though the
    article names the United States more often); ``fallback`` (the document's country,
    :func:`document_country`) when the paragraph names no place before it. Only where
    the document names a country at all (``fallback`` is not ``None``): an event of a
    document that names none keeps no place, as before.

    >>> local_country([], "Shots were fired.", 0, None, None) is None
    True
    """
    if fallback is None:
        return None
    para = text.rfind("\n\n", 0, start)  # -1: the first paragraph
    before = [r for r in places
              if para <= r.mention.start < start and r.place is not None and r.place.country_code]
    last = max(before, key=lambda r: r.mention.start, default=None)
    if last is None or last.place.country_code == fallback.country_code:
        return fallback
    if last.place.is_country:
        return last.place
    return country_place(last.place.country_code, gazetteer) if gazetteer else fallback


#: A proper name of up to three capitalised words (the name part of an English water body).
_NAME = r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}"
#: Arabic one-letter proclitics before a head word ("وفي خليج", "بالبحر").
_AR_PROCLITICS = "وفبل"


def water_spans(text: str, lang: str, gazetteer: Gazetteer | None = None) -> list[tuple[int, int]]:
    """The character spans of the water bodies named in ``text`` ("the Gulf of Guinea",
    "the South China Sea", "خليج عدن"; heads in ``water_bodies`` of data/event_places.yaml):
    a name inside one is no place of an event. A phrase the gazetteer holds as a town
    ("Lake Charles") or followed by a word for an administrative unit ("Gulf Province")
    is left out.

    >>> text = "Pirates boarded a tanker in the Gulf of Guinea."
    >>> [text[a:b] for a, b in water_spans(text, "en")]
    ['Gulf of Guinea']
    """
    units = _district_words()
    found: list[tuple[int, int]] = []
    for pattern, heads in _water_patterns(lang):
        # a match holds one of its heads as written: most texts hold none, and a pattern
        # that opens with a name would otherwise be tried at every capital letter
        if not any(h in text for h in heads):
            continue
        for m in pattern.finditer(text):
            a, b = m.span("w")
            nxt = text[b:].split(None, 1)[:1]
            if nxt and fold(nxt[0].strip(",.;:()")) in units:
                continue
            if gazetteer is not None and any(
                p.feature_class == "P" for p in gazetteer.candidates(fold(text[a:b]))
            ):
                continue
            found.append((a, b))
    out: list[tuple[int, int]] = []
    for a, b in sorted(found):  # "The Gulf of Guinea": one span, not "The Gulf" and "Guinea"
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def at_sea(
    d: EventDoc, dr: Draft, water: Sequence[tuple[int, int]], lo: int, hi: int
) -> bool:
    """Does the event of draft ``dr`` (in the sentence of characters ``lo:hi``) happen on
    a water body named after a locative ("in"/"off"/"في") in its trigger's clause or a
    neighbouring one ("pirates boarded a tanker in the Gulf of Guinea")? Such an event has
    no country of its own: it is not given the document's. Not a water body's name inside
    a longer one ("the Lake Chad Basin"), nor one used as a modifier ("its Gulf war")."""
    for a, b in water:
        if not lo <= a < hi:
            continue
        tok = d.tok_index(a)
        if abs(d.clause[tok] - dr.clause) > 1:
            continue
        i = tok - 1
        while i >= 0 and d.toks[i].text.lower() == "the":
            i -= 1
        nxt = d.text[b:].split(None, 1)[:1]
        if i >= 0 and is_locative(d.toks[i].text) and not (nxt and nxt[0][:1].isupper()):
            return True
    return False


@functools.cache
def _water_patterns(lang: str) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """The expressions for the water-body heads of ``lang`` (none when the language has
    none), each matching one kind (their matches may overlap): English heads with the
    capitalised name before or after them; Arabic heads (after a proclitic or not) with
    the word after them. Each comes with the first words of its heads, one of which any
    match contains as written."""
    data = (cached_yaml("event_places.yaml") or {}).get("water_bodies") or {}

    def words(kind: str) -> list[str]:
        return sorted((str(w) for w in (data.get(kind) or {}).get(lang) or ()), key=len,
                      reverse=True)

    def alt(ws: list[str]) -> str:
        return "|".join(r"[ \t]+".join(map(re.escape, w.split())) for w in ws)

    def firsts(ws: list[str]) -> tuple[str, ...]:
        return tuple(sorted({(w.split() or [""])[0] for w in ws}))

    before, after, alone = words("before"), words("after"), words("alone")
    if language(lang).clitics:  # Arabic: heads after a proclitic, the name after them
        edge, parts = rf"(?<!\w)[{_AR_PROCLITICS}]{{0,2}}", []
        if before:
            parts.append((rf"(?:{alt(before)})\s+[^\s\d\W]+", firsts(before)))
    else:
        edge, parts = r"(?<![\w'’.-])", []
        if before:
            parts.append((rf"(?:{alt(before)})[ \t]+(?:the[ \t]+)?{_NAME}", firsts(before)))
        if after:
            parts.append((rf"{_NAME}[ \t]+(?:{alt(after)})", firsts(after)))
    if alone:
        parts.append((rf"(?:{alt(alone)})", firsts(alone)))
    return tuple(
        (re.compile(rf"{edge}(?P<w>{p})(?![\w'’-])"), heads) for p, heads in parts
    )


def lead_end(view) -> int:
    """The character where a document's lead ends: after its first ``lead_sentences``
    sentences (``document_focus`` in data/event_places.yaml), the title and the opening
    sentence of a news article."""
    sents = view.sentences[: int(_focus_weights()["lead_sentences"])]
    return sents[-1].end if sents else 0


@functools.cache
def _focus_weights() -> dict[str, float]:
    data = cached_yaml("event_places.yaml") or {}
    return {k: float(v) for k, v in (data.get("document_focus") or {}).items()}


def owner_countries(d: EventDoc) -> frozenset[str]:
    """The countries the document names by a demonym only as the owner of armed forces
    acting: each of their demonyms stands right before a word of ``owner_force_nouns``
    (data/event_cues.yaml; "Russian warplanes", "Russian and Syrian warplanes", "Turkish
    troops") or, in Arabic, right after one ("الطائرات الروسية"). Such a demonym says whose
    forces act, not where, and so do a patron ("pro-Turkish factions", "Turkish-backed")
    and an English plural demonym standing for its people
    ("shelling by the regime and the Russians"); a demonym used otherwise ("the Syrian
    desert", "an Iraqi family") says nothing of the kind, and its country is not among
    these."""
    words = cue_words("owner_force_nouns", d.lang)
    if not words or not d.demonyms:
        return frozenset()
    toks = d.toks
    named = d.named_tokens  # "Russian and Syrian warplanes", "Russian and regime's jets"
    joiners = _owner_joiners(d.lang)
    after = not language(d.lang).clitics  # English: the noun after; Arabic: before
    owner: set[str] = set()
    other: set[str] = set()
    for m in d.demonyms:
        cc = m.value[0]
        if not cc:
            continue
        if after:
            if m.tok_start > 0 and toks[m.tok_start - 1].text == "pro":
                owner.add(cc)  # "pro-Turkish factions": a patron
                continue
            k = m.tok_end
            while k < len(toks) and toks[k].text not in words and (
                    k in named or toks[k].text in joiners):
                k += 1
            if m.surface.endswith("s") and not m.surface.endswith("ss"):
                # "strikes by the regime and the Russians": a plural is a noun, its
                # people (an adjective takes no plural; not "Swiss")
                owner.add(cc)
                continue
        else:
            k = m.tok_start - 1
            while k >= 0 and toks[k].text not in words and (
                    k in named or toks[k].text in joiners):
                k -= 1
        (owner if 0 <= k < len(toks) and toks[k].text in words else other).add(cc)
    return frozenset(owner - other)


@functools.cache
def _owner_joiners(lang: str) -> frozenset[str]:
    """``owner_joiners`` of data/event_cues.yaml as written (punctuation is not folded
    away: tokens are compared as they stand)."""
    data = (cached_yaml("event_cues.yaml") or {}).get("owner_joiners") or {}
    return frozenset(str(w) for w in data.get(lang) or ())


def focus_fallback(
    places: Sequence[Resolved],
    evidence: Mapping[str, float],
    gazetteer: Gazetteer | None,
    owners: frozenset[str] = frozenset(),
) -> Place | None:
    """The country a document that names none is about, by its demonyms (``evidence``)
    and the countries of its places, when one leads
    (:func:`~geomap.geoparse.capital.focus_country`): "Clashes in the Eastern Ghouta and
    shelling on Saqba" is about Syria though it never says so, and a coder files its
    events there. Only for a document none of whose events has a place: a place named in
    the document says more than its country.

    A demonym or an actor of one country may say whose forces act ("Russian airstrikes",
    "Turkish troops"), not where: when the document names a place below country level (a
    town, a region), only the countries its places lie in may be the focus, the demonyms
    and actors then only break a tie among them; when it names none, the countries named
    only as the owners of forces (``owners``, :func:`owner_countries`) give way to any
    other with evidence ("Russian warplanes struck rebel positions, regime forces
    advanced": the regime's country).

    >>> focus_fallback([], {}, None) is None
    True
    """
    located = {r.place.country_code for r in places
               if r.place is not None and r.place.country_code and not r.place.is_country}
    if located:
        evidence = {cc: w for cc, w in evidence.items() if cc in located}
    elif owners:
        where = {cc: w for cc, w in evidence.items() if cc not in owners and w > 0}
        named = {r.place.country_code for r in places if r.place is not None}
        if where or named - owners:
            evidence = where
    cc = focus_country(places, evidence)
    return country_place(cc, gazetteer) if cc else None


def with_territories(evidence: Mapping[str, float]) -> Counter[str]:
    """``evidence`` (country -> weight: the countries a document's demonyms and actors
    name) with the territories each of those countries holds beyond its borders
    (``held_territories`` in data/event_places.yaml), at ``share`` of its weight: "Israeli
    forces raided Jenin" is evidence of the Palestinian territories too, so that Jenin is
    the town of the West Bank, not a namesake in Israel or Poland.

    >>> sorted(with_territories({"IL": 2.0}).items())
    [('IL', 2.0), ('PS', 1.0)]
    """
    share, held = _held_territories()
    out: Counter[str] = Counter(evidence)
    for cc, w in evidence.items():
        for t in held.get(cc, ()):
            if w > 0 and t not in evidence:
                out[t] = max(out[t], share * w)
    return out


def held_by(countries: frozenset[str]) -> frozenset[str]:
    """The territories the ``countries`` hold beyond their borders (see
    :func:`with_territories`)."""
    held = _held_territories()[1]
    return frozenset(t for cc in countries for t in held.get(cc, ()))


@functools.cache
def _held_territories() -> tuple[float, dict[str, tuple[str, ...]]]:
    data = (cached_yaml("event_places.yaml") or {}).get("held_territories") or {}
    by = {str(cc): tuple(str(t) for t in ts or ()) for cc, ts in
          (data.get("by_country") or {}).items()}
    return float(data.get("share", 0.5)), by


#: A town this populous named abroad is a real place, not a name misread: never a stray.
STRAY_MAX_POPULATION = 100_000
#: A document's focus country needs this much support (named once, a demonym, a place
#: in it) before a town in an unsupported country gives way to it.
FOCUS_SUPPORT = 3


@dataclass(frozen=True)
class CountrySupport:
    """What a document says about each country: ``named`` (the country named as a
    place), ``demonyms`` (a demonym of it: "Russian warplanes" says whose, not where)
    and ``score`` (two for each naming of the country, the demonyms'
    weight, one for each distinct place in it); ``focus``, the country it is most about
    when one leads (``None`` on a tie)."""

    named: frozenset[str]
    score: Mapping[str, float]
    focus: str | None
    demonyms: frozenset[str] = frozenset()

    @classmethod
    def of(cls, places: Sequence[Resolved], evidence: Mapping[str, float]) -> CountrySupport:
        score: Counter[str] = Counter()
        named: set[str] = set()
        for cc, w in evidence.items():
            score[cc] += w
        seen: set[int] = set()
        for r in places:
            p = r.place
            if p is None or not p.country_code:
                continue
            if p.is_country:
                named.add(p.country_code)
                score[p.country_code] += 2
            elif p.geonameid not in seen:  # "Velasco" ten times is one place
                seen.add(p.geonameid)
                score[p.country_code] += 1
        ranked = score.most_common(2)
        tie = not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1])
        demonyms = frozenset(cc for cc, w in evidence.items() if w > 0)
        # an Israeli actor's town in the West Bank is no stray (held_territories)
        demonyms |= held_by(demonyms)
        return cls(frozenset(named), score, None if tie else ranked[0][0], demonyms)

    def stray(self, place: Place | None) -> bool:
        """Is ``place`` a town in a country the document never names, while it names and
        is clearly about another (its focus, supported at least :data:`FOCUS_SUPPORT` and
        twice as much), and the town is small (under :data:`STRAY_MAX_POPULATION`)? Such
        a town is more often a name read as a place ("Kyi" of Aung San Suu Kyi, a surname)
        than the scene of the events."""
        focus = self.focus
        if place is None or place.is_country or focus is None or focus not in self.named:
            return False
        cc = place.country_code
        if cc == focus or cc in self.named or cc in self.demonyms:
            return False
        if place.population >= STRAY_MAX_POPULATION:
            return False  # "protested in Geneva": a city abroad, named on purpose
        top = self.score.get(focus, 0)
        return top >= FOCUS_SUPPORT and 2 * self.score.get(cc, 0) < top


def abroad(
    best: Resolved | None, s_places: list[tuple[int, Resolved]], support: CountrySupport
) -> Resolved | None:
    """``best`` as a place the gazetteer does not know (``place=None``, mapped near the
    sentence's other places by :func:`describe_place`) when it was read as a small town
    or a unit of a country nothing else in the document speaks of -- the country never
    named, no demonym or actor of it, no other place in it -- while the place of the
    sentence it would be mapped near lies in the country the document is about
    ("clashes in the Eastern Ghouta and
    shelling on Wadi Barada": not Wadi, India). A name read for a namesake abroad is more
    often a town the gazetteer lacks than the scene of the event."""
    p = best.place if best is not None else None
    if p is None or p.is_country or p.feature_class not in ("P", "A"):
        return best
    cc, focus = p.country_code, support.focus
    if not focus or cc == focus or cc in support.named or cc in support.demonyms:
        return best
    if p.feature_class == "P" and p.population >= STRAY_MAX_POPULATION:
        return best
    if support.score.get(cc, 0) > 1 or support.score.get(focus, 0) < FOCUS_SUPPORT - 1:
        return best
    # the place it would be mapped near (as :func:`describe_place` picks it) lies there
    a, b = best.mention.start, best.mention.end
    others = [r for _, r in s_places if r.place is not None
              and (r.mention.end <= a or r.mention.start >= b)]
    near = min(others, key=lambda r: (r.place.is_country, abs(r.mention.start - a)),
               default=None)
    if near is None or near.place.is_country or near.place.country_code != focus:
        return best  # (near a country it would say no more than the country)
    return Resolved(best.mention, None, 0.0, best.candidates)


def describe_place(
    best: Resolved | None,
    s_places: list[tuple[int, Resolved]],
    gazetteer: Gazetteer | None = None,
    after: str = "",
    before: str = "",
) -> tuple[Place | None, str | None, int | None, str | None]:
    """Where the event happened, as ``(place, mention, geo_precision, location_reason)``:
    the place :func:`best_place` picked, described as ACLED does. A place the gazetteer
    does not know ("the Nwonko village") is mapped at the nearest known place of the
    sentence, with precision 2 (3 when that is a country). A district read for a name it
    shares with its town ("in Matamoros, Tamaulipas": the municipality of Matamoros) is
    the town, unless the text says district (``after``, the text after the name); a city's
    countryside that is a unit of its own is that unit (``before``, the text before the
    name: "Reef Dimashq", "the countryside of Damascus")."""
    if best is None:
        return None, None, None, None
    if gazetteer is not None and best.place is not None:
        best = _countryside_unit(best, gazetteer, before, after) or _town_for_district(
            best, gazetteer, after, before)
    if best.place is None:
        a, b = best.mention.start, best.mention.end
        # not the name itself when it was read as a town elsewhere (see :func:`contained`),
        # nor a word of it ("Ain" of "Ain Issa" is a district of Yemen) while another place
        # is named
        known = [r for _, r in s_places
                 if r.place is not None and (r.mention.start, r.mention.end) != (a, b)]
        outside = [r for r in known if r.mention.end <= a or r.mention.start >= b]
        known = outside or known
        known.sort(key=lambda r: (r.place.is_country, abs(r.mention.start - best.mention.start)))
        if not known:
            return None, None, None, None
        p = known[0].place
        return (
            p,
            known[0].mention.surface,
            3 if p.is_country else 2,
            f"{best.mention.surface} near {p.name}",
        )
    p, name, precision, reason = _described(best.place, best.mention)
    if precision == 2 and p.feature_class == "P":
        side = countryside_side(before, after)
        if side is not None:
            bearing, km = side
            lat, lon = destination(p.lat, p.lon, bearing, km)
            return (dataclasses.replace(p, lat=lat, lon=lon), name, 2,
                    f"{km:g} km {_compass_name(bearing)} of {p.name}")
    return p, name, precision, reason


def countryside_side(before: str, after: str) -> tuple[float, float] | None:
    """``(bearing, km)`` of the countryside a town's name is told with, from the text
    ``before`` and ``after`` the name: "the eastern countryside of X", "east of X", "X's
    northern countryside", "ريف X الشمالي" (``countryside_sides`` in
    data/event_places.yaml: its offset), "12 km east of X" (that far); ``None`` when the
    text names no side outside the town ("eastern X" is a part of the town).

    >>> countryside_side("clashes in the eastern countryside of ", " on Monday")
    (90.0, 20.0)
    >>> countryside_side("clashes in 12 km north-west of ", "")
    (315.0, 12.0)
    >>> countryside_side("clashes in eastern ", " city") is None
    True
    """
    data = _sides()
    n = int(data["window"])
    ahead = _WORDS.findall(fold(before))[-n:]
    behind = _WORDS.findall(fold(re.split(r"[,.;:()؛،]", after, maxsplit=1)[0]))[:n]
    rural, bearings = data["countryside"], data["bearings"]
    if behind[:1] == ["s"]:
        behind = behind[1:]  # "Hama's northern countryside"
    km = float(data["offset_km"])
    if ahead[-1:] == ["of"]:
        words = ahead[:-1]
        if words[-1:] and words[-1] in rural:
            words = words[:-1]  # "the eastern countryside of"
        got = _bearing(words[::-1], bearings)
        if got is not None and len(words) > got[1] + 1 and words[-got[1] - 1] in data["units"]:
            try:  # "12 km east of"
                km = float(words[-got[1] - 2])
            except (ValueError, IndexError):
                pass
        return (got[0], km) if got is not None else None
    before_side = _bearing(ahead[::-1], bearings)
    after_side = _bearing(behind, bearings)
    if before_side is not None and behind[:1] and behind[0] in rural:
        return before_side[0], km  # "northern Hama countryside"
    if after_side is not None and len(behind) > after_side[1] and behind[after_side[1]] in rural:
        return after_side[0], km  # "Hama's northern countryside"
    if after_side is not None and ahead[-1:] and ahead[-1] in rural:
        return after_side[0], km  # "ريف حماة الشمالي"
    return None


def _bearing(words: list[str], bearings: Mapping[str, float]) -> tuple[float, int] | None:
    """The bearing the first one or two ``words`` name ("north", "eastern": 45 degrees)
    and how many words name it; ``None`` when the first is no point of the compass."""
    got = [bearings[w] for w in words[:2] if w in bearings]
    if not words or words[0] not in bearings:
        return None
    if len(got) < 2 or words[1] not in bearings:
        return float(got[0]), 1
    x = sum(math.sin(math.radians(b)) for b in got)
    y = sum(math.cos(math.radians(b)) for b in got)
    return round(math.degrees(math.atan2(x, y)) % 360.0, 1), 2


def _compass_name(bearing: float) -> str:
    """"north", "north-east", ... of a bearing in degrees (``compass_names`` of
    ``countryside_sides`` in data/event_places.yaml, clockwise from north)."""
    names = _sides()["names"]
    step = 360.0 / len(names)
    return names[int((bearing % 360.0 + step / 2) // step) % len(names)]


@functools.cache
def _sides() -> dict:
    data = (cached_yaml("event_places.yaml") or {}).get("countryside_sides") or {}
    return {
        "offset_km": float(data.get("offset_km", 0.0)),
        "window": int(data.get("window", 5)),
        "countryside": frozenset(fold(str(w)) for ws in (data.get("countryside") or {}).values()
                                 for w in ws),
        "bearings": {fold(str(w)): float(b) for ws in (data.get("bearings") or {}).values()
                     for w, b in ws.items()},
        "names": tuple(str(w) for w in data.get("compass_names") or ("north",)),
        "units": frozenset(fold(str(w)) for ws in (data.get("distance_units") or {}).values()
                           for w in ws),
    }


def _described(p: Place, mention) -> tuple[Place, str, int, str]:
    """``(place, mention, geo_precision, location_reason)`` of a known place."""
    kinds = (mention.cue or "").split("+")
    name = mention.surface
    large = _large_reason(p)
    if large:
        return p, name, 3, large
    if p.feature_code == "ADM1":
        if "countryside" in kinds:
            return p, name, 2, f"region of {p.name}"
        return p, name, 3, f"region of {p.name}"
    if p.feature_code == "ADM2":
        return p, name, 2, f"region of {p.name}"
    if "near" in kinds or "direction" in kinds or "countryside" in kinds:
        return p, name, 2, f"near {p.name}"
    return p, name, 1, "in-sentence place"


def _large_reason(p: Place) -> str | None:
    """The location reason of a country, a continent or a named region or terrain ("in the
    Ogaden", data/physical_places.csv: no town either), all placed at precision 3."""
    if p.is_country or p.feature_code == "CONT":
        return "country named in sentence"
    if p.feature_class in ("L", "T"):
        return f"region of {p.name}"
    return None


#: How far the town may lie from the district of its name (km).
TOWN_OF_DISTRICT_KM = 60.0


def _town_for_district(
    best: Resolved, gazetteer: Gazetteer, after: str, before: str = ""
) -> Resolved:
    """The town an administrative unit is named after, when the name was read as the unit:
    for a second-level unit, the most populous populated place of that name in the same
    first-level unit, close by; for a first-level unit named as a city or for its
    countryside ("Deir Ezzor city", "the countryside of Idlib", "ريف حماة"), its town of
    that name (as written or as the unit is named), the seat, when the town holds at
    least ``capital_town_share`` of the unit's people (data/event_places.yaml): a coder
    places such an event at the town (precision 2 near it for its countryside), not at
    the middle of the province. A first-level unit named alone ("Idlib", "إدلب"), or
    near ("near Idlib"), is that town too: ACLED's coders record the city that is also its
    province's seat unless the text says the province. Not when the text names the unit
    itself ("Sirwah district", "Idlib province", "مديرية صرواح", "محافظة إدلب") or a part
    of it ("northern Idlib", "شمال إدلب"); a side of it named as the countryside of its town
    ("12 km north-west of Hama", ``before``: see :func:`countryside_side`) is the town's."""
    p = best.place
    if p is None or p.feature_code not in ("ADM1", "ADM2"):
        return best
    kinds = set((best.mention.cue or "").split("+"))
    if {"province", "district"} & kinds:
        return best
    units = _district_words()
    nxt, own = after.split()[:1], fold(best.mention.surface).split()[:1]
    if (nxt and fold(nxt[0].strip(",.;:()")) in units) or (own and own[0] in units):
        return best
    if p.feature_code == "ADM1":
        if not p.admin1 or not ({"city", "countryside"} & kinds or kinds <= {"", "near"} or (
                kinds <= {"", "near", "direction"} and countryside_side(before, after))):
            return best
        least = _capital_town_share() * p.population
        # by the name written and by the unit's own ("Deir Ezzor": "Dayr az Zawr"); named
        # alone, by the unit's own only when the name written is a spelling of it (the
        # Golan Heights, Quneitra governorate, are not the town of Quneitra)
        written = skeleton(best.mention.surface)
        own_name = bool({"city", "countryside"} & kinds) or (
            written is not None and written == skeleton(p.name))
        keys = dict.fromkeys([best.mention.key, fold(p.name)] if own_name
                             else [best.mention.key])
        towns = [
            c for k in keys for c in gazetteer.candidates(k)
            if c.feature_class == "P" and c.country_code == p.country_code
            and c.admin1 == p.admin1 and c.population >= least
        ]
    else:
        towns = [
            c for c in gazetteer.candidates(best.mention.key)
            if c.feature_class == "P" and c.country_code == p.country_code
            and (not p.admin1 or c.admin1 == p.admin1)
            and haversine_km(c.lat, c.lon, p.lat, p.lon) <= TOWN_OF_DISTRICT_KM
        ]
    if not towns:
        return best
    town = max(towns, key=lambda c: c.population)
    return Resolved(best.mention, town, best.score, best.candidates)


def _countryside_unit(
    best: Resolved, gazetteer: Gazetteer, before: str, after: str
) -> Resolved | None:
    """The city ``best`` names as a place in the first-level unit that is its countryside,
    when the text says its countryside ("the countryside of Damascus", "Reef Dimashq") and
    the country has such a unit (``countryside_unit`` in data/event_places.yaml: Rif
    Dimashq): the city's point (near it, precision 2) with the unit's first-level code and
    name; ``None`` otherwise."""
    p = best.place
    kinds = (best.mention.cue or "").split("+")
    if p is None or "countryside" not in kinds or not (
        p.feature_class == "P" or p.feature_code in _CITY_OR_UNIT
    ):
        return None
    words_before, words_after = _countryside_words()
    # the words themselves, not another cue of the kind ("the outskirts of Damascus" are
    # the city's edge, in the city's unit)
    ahead, behind = _WORDS.findall(fold(before)), _WORDS.findall(fold(after))
    if not any(ahead[-len(w.split()):] == w.split() for w in words_before) and not any(
        behind[: len(w.split())] == w.split() for w in words_after
    ):
        return None
    names = dict.fromkeys([best.mention.key, fold(p.name)])
    keys = [f"{w} {n}" for n in names for w in words_before] + [
        f"{n} {w}" for n in names for w in words_after]
    for k in keys:
        for c in gazetteer.candidates(k):
            if c.feature_code == "ADM1" and c.country_code == p.country_code:
                # near the city, as coders map a city's countryside (the unit's own point
                # lies far out in it), in the unit the text names
                near = dataclasses.replace(p, admin1=c.admin1, admin1_name=c.admin1_name)
                return Resolved(best.mention, near, best.score, best.candidates)
    return None


_CITY_OR_UNIT = frozenset({"ADM1", "ADM2"})
_WORDS = re.compile(r"\w+")


@functools.cache
def _countryside_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = ((cached_yaml("event_places.yaml") or {}).get("unit_towns") or {}).get(
        "countryside_unit") or {}
    return (tuple(fold(str(w)) for w in data.get("before") or ()),
            tuple(fold(str(w)) for w in data.get("after") or ()))


@functools.cache
def _capital_town_share() -> float:
    data = cached_yaml("event_places.yaml") or {}
    return float((data.get("unit_towns") or {}).get("capital_town_share", 1.0))


@functools.cache
def _district_words() -> frozenset[str]:
    """Words that name a second-level unit after its name ("district", "county")."""
    data = cached_yaml("event_places.yaml") or {}
    return frozenset(fold(str(w)) for ws in (data.get("district_words") or {}).values() for w in ws)


def best_place(
    d: EventDoc,
    dr: Draft,
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
    scene for the whole sentence (``first_tok`` is the sentence's first token), unless
    the trigger's own clause names a place after "in"/"في" or another locative: that one
    is the event's. Places the gazetteer does not know (``place=None``) count as towns.
    """
    scored: list[tuple[float, Resolved]] = []
    scene: set[tuple[int, int]] = set()  # places of a fronted scene ("In Vienna, ...")
    own: set[tuple[int, int]] = set()  # places after "in" in the trigger's own clause
    segments = _segments(dr)
    place_toks: tuple[int, ...] = ()
    if len(segments) > 1:
        # (the stretched span is no other event's trigger)
        spans = [s for s in spans if s != (dr.tok_start, dr.tok_end)]
        place_toks = tuple(tok for tok, _ in s_places)
    for tok, r in s_places:
        m = r.mention
        # the cheap tests first (all tests only read)
        if (m.start, m.end) in not_here:
            continue
        best = _best_over(
            d, segments, tok, r, spans, participants, max_clauses, first_tok, place_toks)
        if best is None:
            continue
        if best[1]:
            scene.add((m.start, m.end))
        elif best[2]:
            own.add((m.start, m.end))
        scored.append((best[0], r))
    scored.sort(key=lambda x: -x[0])
    if not scored or scored[0][0] < min_score:
        return None
    scored = _scene_gives_way(scored, scene, own)
    top = _region_gives_way(d, dr, scored, s_places)
    return _inside_country(_inner(d, top, [r for _, r in scored]), scored)


def _segments(dr: Draft) -> list[Draft]:
    """The triggers a place of the event of ``dr`` is scored from: its first one, then each
    trigger merged into it that stretched it ("Warplanes bombed X and artillery shelled
    Y": "bombed", then "shelled"); ``[dr]`` when nothing stretched it. A place is scored
    from the trigger it is told with, not from the ends of the stretched span (X lies
    inside it: neither after it nor its object)."""
    inner = [p for p in dr.parts if p.tok_end <= dr.tok_end and p.tok_start > dr.tok_start]
    if not inner or dr.first_end < 0 or dr.first_end >= dr.tok_end:
        return [dr]
    first = dataclasses.replace(
        dr, tok_end=dr.first_end, trigger=dr.trigger.split(" … ")[0], parts=[])
    return [first, *inner]


def _best_over(
    d: EventDoc,
    segments: list[Draft],
    tok: int,
    r: Resolved,
    spans: list[tuple[int, int]],
    participants: set[tuple[int, int]],
    max_clauses: int,
    first_tok: int | None,
    place_toks: tuple[int, ...] = (),
) -> tuple[float, bool, bool] | None:
    """The best :func:`_scored_from` of the place ``r`` over the event's triggers
    (:func:`_segments`): a place told with a later trigger comes after one told with an
    earlier one ("bombed X and shelled Y": the event is told at X), by ``later_trigger``
    (data/event_rules.yaml) for each telling before its own. A trigger with no place
    (first tokens ``place_toks``) between it and the one before goes on with the same
    telling ("Warplanes bombed X": "bombed" tells X as "Warplanes" does)."""
    best: tuple[float, bool, bool] | None = None  # (score, fronted, own)
    later = 0
    for i, seg in enumerate(segments):
        if i and any(segments[i - 1].tok_end <= t < seg.tok_start for t in place_toks):
            later += 1
        got = _scored_from(d, seg, tok, r, spans, participants, max_clauses, first_tok)
        if got is not None and later:
            got = (got[0] - later * location_weights()["later_trigger"], *got[1:])
        if got is not None and (best is None or got[0] > best[0]):
            best = got
    return best


def _scored_from(
    d: EventDoc,
    dr: Draft,
    tok: int,
    r: Resolved,
    spans: list[tuple[int, int]],
    participants: set[tuple[int, int]],
    max_clauses: int,
    first_tok: int | None,
) -> tuple[float, bool, bool] | None:
    """``(score, fronted, own)`` of the place ``r`` (first token ``tok``) as the place of
    the trigger of ``dr`` (see :func:`best_place`); ``None`` when it cannot be."""
    m = r.mention
    lo, hi = sorted((tok, dr.tok_start))
    if any(lo < a < hi or lo < b - 1 < hi for a, b in spans if a != dr.tok_start):
        return None  # another event's trigger stands in between
    dist = dr.tok_start - tok if tok < dr.tok_start else tok - dr.tok_end
    same = d.clause[tok] == dr.clause
    fronted = not same and tok < dr.tok_start and _fronted(d, tok, first_tok)
    if fronted:
        same, dist = True, min(dist, location_weights()["fronted_distance"])
    elif abs(d.clause[tok] - dr.clause) > max_clauses:
        return None
    tok_end = d.tok_index(m.end - 1) + 1
    locative = _locative(d, dr, r, tok, tok_end)
    if (m.start, m.end) in participants and not (
        locative or _setting(d, tok, tok_end) or _names_event(d, dr, r, tok_end)
    ):
        return None  # "تركيا وروسيا" take part; they are not where it happened
    own = not fronted and locative and d.clause[tok] == dr.clause
    return _score(d, dr, r, tok, dist, same, locative), fronted, own


def _region_gives_way(
    d: EventDoc, dr: Draft, scored: list[tuple[float, Resolved]],
    s_places: list[tuple[int, Resolved]],
) -> Resolved:
    """"Airstrikes on the southern countryside of Idlib killed five in Khan Shaykhun": a
    region that scored best (a city's countryside, a first- or second-level unit) gives
    way to a town inside it that the event's own clauses (the trigger's and those of the
    words merged into it: "struck X, killing two in Y") name after a locative: a coder
    records the most specific place the report gives."""
    top = scored[0][1]
    p = top.place
    if p is None:
        return top
    kinds = (top.mention.cue or "").split("+")
    # a unit named as its city ("Deir Ezzor city") is the city
    region = (p.feature_code in _CITY_OR_UNIT and "city" not in kinds) or (
        p.feature_class == "P" and "countryside" in kinds)
    if not region:
        return top
    clauses = {dr.clause, *(x.clause for x in dr.parts)}
    if _participle_clause(d, dr):
        # "..., attacked a mining site in Djugu territory, killing seven miners": the
        # participle's clause goes on the one before it, which says where
        clauses.add(dr.clause - 1)
    at = {(r.mention.start, r.mention.end): tok for tok, r in s_places}
    for _, r in scored[1:]:
        q = r.place
        tok = at.get((r.mention.start, r.mention.end), -1)
        if (
            q is not None
            and q.feature_class == "P"
            and tok >= 0
            and d.clause[tok] in clauses
            and not {"countryside", "near", "direction"} & set((r.mention.cue or "").split("+"))
            # smaller than the town whose countryside it is (not "the outskirts of Aleppo"
            # beside "the countryside of Afrin")
            and (p.feature_class != "P" or q.population < p.population)
            and r.mention.key != top.mention.key  # the city itself, named again
            and haversine_km(q.lat, q.lon, p.lat, p.lon) > 1.0
            and _inside(q, top)
            and _locative(d, dr, r, tok, d.tok_index(r.mention.end - 1) + 1)
        ):
            return r
    return top


def _participle_clause(d: EventDoc, dr: Draft) -> bool:
    """Does the trigger of ``dr`` open its clause as an English participle ("..., killing
    seven")?"""
    t = dr.tok_start
    return (t > 0 and dr.clause > 0 and d.clause[t - 1] != dr.clause
            and d.toks[t].text.endswith("ing"))


def _locative(d: EventDoc, dr: Draft, r: Resolved, tok: int, tok_end: int) -> bool:
    """Is the place ``r`` (tokens ``tok:tok_end``) named as a scene: "in X", "central X",
    "the hilltop of X", the place taken or bombed, "a Sofia restaurant was ..."?"""
    prev = d.toks[tok - 1].text if tok > 0 else ""
    return (
        is_locative(prev)
        # "in the Eastern Ghouta", "in the Gaza Strip": a region after a locative and an
        # article (not "in the U.S.-led strikes", "at the Institute for ...": a town's or
        # a country's name after "the" modifies the noun that follows)
        or (tok > 1 and r.place is not None and r.place.feature_class in _AREA_CLASSES
            and prev in cue_words("determiners", d.lang)
            and is_locative(d.toks[tok - 2].text))
        or _aimed_at(d, dr, tok)
        or prev in cue_words_any("place_modifiers")
        or bool(r.mention.cue)
        or (prev == "of" and tok > 1 and (d.toks[tok - 2].text,) in place_types(d.lang))
        or _patient(d, dr, r, tok, tok_end)
        or (tok < dr.tok_start and _setting(d, tok, tok_end))
    )


#: GeoNames feature classes of named areas: regions, plains, valleys, mountains
_AREA_CLASSES = frozenset({"L", "T"})


def _aimed_at(d: EventDoc, dr: Draft, tok: int) -> bool:
    """Is the name at token ``tok`` what the trigger of ``dr`` is aimed at, after one of
    ``place_targets`` (data/event_cues.yaml) right after it, maybe with an article: "air
    strikes on Hama", "the assault on the Golan", "غارات على ..."?"""
    j = tok - 1
    if j > 0 and d.toks[j].text in cue_words("determiners", d.lang):
        j -= 1
    return j == dr.tok_end and d.toks[j].text in cue_words("place_targets", d.lang)


def _names_event(d: EventDoc, dr: Draft, r: Resolved, tok_end: int) -> bool:
    """Does the town ``r`` (ending at token ``tok_end``), a name an actor goes by too
    ("Damascus" for its government), stand right before one of the event's trigger nouns,
    naming where it was ("the Damascus bombings")? Not a country ("US airstrikes" says
    whose), nor before a verb's form ("Damascus targeted ...")."""
    p = r.place
    if not language(d.lang).premodifiers or p is None or p.feature_class != "P":
        return False
    return any(
        tok_end == x.tok_start
        and not d.text[r.mention.end : x.start].strip()
        and not d.toks[x.tok_start].text.endswith(_VERB_ENDINGS)
        for x in [dr, *dr.parts]
    )


#: English endings of a verb's forms that follow their subject ("targeting", "targeted").
_VERB_ENDINGS = ("ing", "ed")


def _scene_gives_way(
    scored: list[tuple[float, Resolved]], scene: set[tuple[int, int]], own: set
) -> list[tuple[float, Resolved]]:
    """"In Deir ez-Zor, clashes broke out in the town of Hajin": a fronted scene (spans in
    ``scene``) that scored best gives way to a place the event's own clause names after a
    locative (spans in ``own``)."""
    top = scored[0][1]
    if (top.mention.start, top.mention.end) not in scene:
        return scored
    # a town or a unit no larger than the scene ("elsewhere in Asia" is no place in it)
    inner = [
        x for x in scored
        if (x[1].mention.start, x[1].mention.end) in own
        and (x[1].place is None or x[1].place.feature_class in ("P", "A"))
        and _rank(x[1]) <= _rank(top)
    ]
    if not inner:
        return scored
    return inner + [x for x in scored if x not in inner
                    and (x[1].mention.start, x[1].mention.end) not in scene]


def _inside_country(best: Resolved, scored: list[tuple[float, Resolved]]) -> Resolved:
    """A country gives way to the best-scored place inside it."""
    if best.place is None or not best.place.is_country:
        return best
    inside = [
        r
        for _, r in scored
        if r.place is not None
        and not r.place.is_country
        and r.place.country_code == best.place.country_code
    ]
    return inside[0] if inside else best


def _score(
    d: EventDoc, dr: Draft, r: Resolved, tok: int, dist: int, same: bool, locative: bool
) -> float:
    """A place's score as the place of draft ``dr`` (weights in data/event_rules.yaml)."""
    w = location_weights()
    score = -dist / w["distance_divisor"]
    score += w["same_clause"] if same else 0.0
    score += w["after_trigger"] if tok >= dr.tok_end else 0.0
    score += w["locative"] if locative else 0.0
    if not locative and tok < dr.tok_start and language(d.lang).subject_first:
        # "Grozny has not been captured", "Gaza farmland": a subject, a modifier
        score += w["english_subject"]
    p = r.place
    if p is None or p.feature_class == "P":
        score += w["town"]
    elif not p.is_country and w["rank"].get(p.feature_code, 0) in (2, 3):
        # a province or district, or a named region, desert, peninsula or range as large
        score += w["region"]
    return score


def _rank(r: Resolved) -> int:
    """How large a place is: country 4, province 3, district 2, town (or unknown) 1."""
    p = r.place
    if p is None:
        return 1
    rank = location_weights()["rank"]
    return 4 if p.is_country else rank.get(p.feature_code, 1 if p.feature_class == "P" else 2)


def _size(r: Resolved) -> tuple[int, int]:
    """How large a place is, to compare two: its :func:`_rank`, then its population (a place
    the gazetteer does not know is small)."""
    return _rank(r), r.place.population if r.place is not None else 0


#: How far a town may lie from the town whose countryside contains it (km).
COUNTRYSIDE_KM = 60.0
#: How far a town may lie from the town it is said to lie a direction of ("Madan city east
#: of Raqqa", "X شرق Y") and still be the one meant, km: such phrases place a town in the
#: other one's region, seldom beyond a day's drive.
RELATIVE_KM = 200.0
#: How far a town may lie from the town it is said to lie near ("the village of X near
#: Y", "X قرب Y"), km.
NEAR_KM = 60.0
#: How many tokens may stand between a town and the region after it ("X in the western
#: countryside of Y", "X, Y", "X (Y)").
CONTAINER_TOKENS = 8


def contained(
    d: EventDoc,
    best: Resolved | None,
    s_places: list[tuple[int, Resolved]],
    gazetteer: Gazetteer | None,
) -> Resolved | None:
    """The town ``best`` as the larger place named right after it says: "the village of X
    in the countryside of Y, in Z province", "X, Y", "X (Y)", "X east of Y" (a town Y: X
    within :data:`RELATIVE_KM` of it, in its country). A candidate of X inside Y
    is taken over a larger X elsewhere; when X has none there, X is a place the gazetteer
    does not know (``place=None``, mapped near Y by :func:`describe_place`), never a
    wrong town elsewhere."""
    if best is None or best.place is None or best.place.feature_class != "P":
        return best
    found = _container(d, best, s_places)
    if found is None:
        return best
    container, km = found
    if _inside(best.place, container, km):
        return best
    if gazetteer is not None:
        inside = [c for c in gazetteer.candidates(best.mention.key)
                  if c.feature_class == "P" and _inside(c, container, km)]
        if inside:
            town = max(inside, key=lambda c: c.population)
            return Resolved(best.mention, town, best.score, best.candidates)
    c = container.place
    if (c is not None and c.feature_code == "ADM1" and c.country_code == best.place.country_code
            and "countryside" not in (container.mention.cue or "").split("+")):
        # "Tarmiyah, Salah al-Din": writers and the gazetteer may file a town near a border
        # under different provinces; a town of the right country stays (not so "in the
        # countryside of Aleppo", which says where the village lies)
        return best
    return Resolved(best.mention, None, 0.0, best.candidates)


def _container(
    d: EventDoc, best: Resolved, s_places: list[tuple[int, Resolved]]
) -> tuple[Resolved, float] | None:
    """The first larger known place named shortly after ``best`` with only words that
    link a place to its region in between ("in the western countryside of", ",", "("), or
    a town a direction is taken from ("Madan city east of Raqqa", "معدان شرق الرقة") or
    that it lies near ("X near Y"), with how far from it (km) a town of its countryside,
    in that direction or near it may lie."""
    b1 = d.tok_index(best.mention.end - 1) + 1
    types, nouns = place_types(d.lang), _scene_nouns(d.lang)
    modifiers, links = cue_words_any("place_modifiers"), cue_words_any("link_words")
    compass, near = cue_words_any("compass_words"), cue_words_any("near_words")
    for tok, r in s_places:
        if tok < b1 or r is best or r.place is None:
            continue
        if tok - b1 > CONTAINER_TOKENS:
            return None
        gap = _without_types([t.text for t in d.toks[b1:tok]], types)
        if not all(w in nouns or w in modifiers or w in links or w in locatives() for w in gap):
            return None
        cue = (r.mention.cue or "").split("+")
        if r.place.feature_code == "ADM2":
            return r, TOWN_OF_DISTRICT_KM
        if r.place.is_country or r.place.feature_code == "ADM1" or "countryside" in cue:
            return r, COUNTRYSIDE_KM
        if r.place.feature_class == "P" and any(w in compass for w in gap):
            # "Madan city east of Raqqa": the direction is taken from the town
            return r, RELATIVE_KM
        if r.place.feature_class == "P" and gap and gap[0] in near:
            return r, NEAR_KM  # "the village of X near Y"
        if r.place.feature_class == "P" and _district_bracket(d.text, best, r):
            # "Kabani (Jisr al-Shughur, Idleb)": a town, then its region, in brackets right
            # after a place name its district (its seat), as ACLED's notes and news write it
            return r, TOWN_OF_DISTRICT_KM
        return None
    return None


def _district_bracket(text: str, best: Resolved, r: Resolved) -> bool:
    """Is ``r`` the first of two names in brackets right after ``best`` ("X (Y, Z)")? One
    name alone ("Balakliia (Kharkiv)") may be the region named after its city."""
    return (text[best.mention.end : r.mention.start].strip() == "("
            and text[r.mention.end : r.mention.end + 2].lstrip()[:1] in (",", "،"))


def _inside(p: Place, container: Resolved, km: float = COUNTRYSIDE_KM) -> bool:
    """Does the town ``p`` lie in the region ``container`` names (its country, its
    first-level unit, within ``km`` of its town for "the countryside of Y")?"""
    c = container.place
    if c is None or p.country_code != c.country_code:
        return False
    if c.is_country:
        return True
    if c.feature_code == "ADM1":
        return not c.admin1 or not p.admin1 or p.admin1 == c.admin1
    return haversine_km(p.lat, p.lon, c.lat, c.lon) <= km


def _without_types(words: list[str], types: frozenset[tuple[str, ...]]) -> list[str]:
    """``words`` without the kinds of place among them, of one word or more ("the Jabalia
    refugee camp in northern Gaza": "refugee camp" is one kind).

    >>> _without_types(["refugee", "camp", "in", "northern"], frozenset({("refugee", "camp")}))
    ['in', 'northern']
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        n = _type_at(words, i, types)
        if not n:
            out.append(words[i])
        i += n or 1
    return out


def _type_at(words: list[str], i: int, types: frozenset[tuple[str, ...]]) -> int:
    """How many words from ``words[i]`` on name a kind of place (0: none)."""
    return next((n for n in (3, 2, 1) if i + n <= len(words)
                 and tuple(words[i : i + n]) in types), 0)


def _inner(d: EventDoc, best: Resolved, others: list[Resolved]) -> Resolved:
    """The more specific of two places named one inside the other: "the West Bank town of
    Hebron", "Baghdad's western Amriya district", "the Homs neighbourhood of Baba Amr" (the
    second); "Khan Touman, southern Aleppo", "the al-Tijara neighbourhood in central
    Damascus", "Sadr City in eastern Baghdad", "تاجوراء شرق طرابلس" (Tajoura east of
    Tripoli) (the first, unless it is the larger)."""
    b0, b1 = d.tok_index(best.mention.start), d.tok_index(best.mention.end - 1) + 1
    types = place_types(d.lang)
    nouns = _scene_nouns(d.lang)
    modifiers, links = cue_words_any("place_modifiers"), cue_words_any("link_words")

    def linking(gap: list[str]) -> bool:
        return all(w in nouns or w in modifiers or w in links for w in _without_types(gap, types))

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
                len(gap) > 1
                and gap[-1] == "of"
                and "in" not in gap
                and "the" not in gap
                and linking(gap[:-1])
                and any((w,) in types or w in nouns for w in gap[:-1])
                and not d.text[
                    d.norm.offsets[d.toks[b1 - 1].end - 1] + 1 : d.tok_starts[b1]
                ].startswith(",")
            )
            if (possessive or of) and _size(r) < _size(best):
                return r
        elif r1 <= b0:  # r, then best: is best the container ("Y, southern X", "Y in X")?
            gap = [t.text for t in d.toks[r1:b0]]
            comma = d.text[
                d.norm.offsets[d.toks[r1 - 1].end - 1] + 1 : d.tok_starts[b0]
            ].startswith(",")
            # "the al-Yarmouk Hospital in western Baghdad", "the Jabalia refugee camp in
            # northern Gaza": skip the kind of place
            kind = 0
            while n := _type_at(gap, kind, types):
                kind += n
            # "منطقة تاجوراء شرق العاصمة" (Tajoura, east of the capital), "Hadera north of
            # Tel Aviv": a direction or part word relates the first place to the second
            inside = comma or gap[kind : kind + 1] == ["in"] or (
                kind < len(gap) and gap[kind] in modifiers)
            if _size(best) > _size(r) and inside and linking(gap):
                # "the al-Yarmouk Hospital in western Baghdad": a hospital named after a
                # place far away stands in the city
                return best if not comma and _named_after(gap[:kind], r, best) else r
    return best


#: How far a place named in a facility's name may lie from the place the facility is said
#: to be in and still be where it stands (a district of that city, a town near it), km.
FACILITY_NEAR_KM = 30.0


def _facility(words: list[str]) -> bool:
    """Do ``words`` (the kind of place after a name) name a building or a site
    (``facilities`` in data/event_places.yaml), not a populated place?"""
    return bool(words) and " ".join(words) in _facilities()


@functools.cache
def _facilities() -> frozenset[str]:
    table = (cached_yaml("event_places.yaml") or {}).get("facilities") or {}
    return frozenset(fold(str(w)) for ws in table.values() for w in ws or ())


def _named_after(kind: list[str], r: Resolved, city: Resolved) -> bool:
    """Is ``r``, followed by the words of a kind of place ``kind`` and "in ``city``", a
    facility named after a place that lies away from the city (:func:`_facility`)?"""
    return (_facility(kind) and r.place is not None and city.place is not None
            and not _near(r.place, city.place))


def _near(p: Place, q: Place) -> bool:
    """Do places ``p`` and ``q`` lie in one country within :data:`FACILITY_NEAR_KM`?"""
    return p.country_code == q.country_code and haversine_km(p.lat, p.lon, q.lat, q.lon) <= \
        FACILITY_NEAR_KM


@functools.cache
def _scene_nouns(lang: str) -> frozenset[str]:
    return one_word_cue_words("scene_nouns", lang) | {
        t[0] for t in place_types(lang) if len(t) == 1
    }


def _patient(d: EventDoc, dr: Draft, r: Resolved, tok: int, tok_end: int) -> bool:
    """Is the place ``r`` (tokens ``tok:tok_end``) what the English verb acts on, the place
    taken, bombed or entered? Its object ("entered Syria on Monday", "evacuated Barentu and
    ...") or the subject of its passive ("Baghdad was heavily bombed", "the Gulf of Aden is
    patrolled"). Not for verbs that mostly act on people ("Jordan was shot"), nor when a
    name that is a person's as often stands alone before the passive ("Santacruz was
    captured"), nor when the verb is negated ("Kirkuk has not been captured")."""
    if not language(d.lang).subject_first or dr.trigger.lower() in cue_words(
        "person_verbs", d.lang
    ):
        return False
    toks = d.toks
    if tok == dr.tok_end or (tok == dr.tok_end + 1 and toks[dr.tok_end].text == "the"):
        # the object, unless it is only a modifier: "captured Sweden's first crown"
        nxt = tok_end < len(toks) and toks[tok_end]
        return (
            not nxt
            or not d.text[d.tok_starts[tok_end]].islower()
            or nxt.text in cue_words("function_words", d.lang)
        )
    gap = [t.text for t in toks[tok_end : dr.tok_start]]
    auxiliaries, negations = (
        cue_words("auxiliaries", d.lang),
        cue_words("passive_negations", d.lang),
    )
    passive = (
        0 < len(gap) <= 3
        and gap[0] in auxiliaries | {"has", "have", "had"}
        and ("been" in gap or gap[0] in auxiliaries)
        and not any(w in negations for w in gap)
        and not dr.trigger.lower().endswith("ing")  # "Fiji is patrolling": active
        and "," not in d.text[r.mention.end : dr.start]
        and all(d.text[d.tok_starts[k]].islower() for k in range(tok_end, dr.tok_start))
    )
    if not passive:
        return False
    i = tok - 1
    while i >= 0 and (toks[i].text == "the" or d.text[d.tok_starts[i]].isupper()):
        i -= 1
    if i >= 0 and toks[i].text in cue_words("name_prepositions", d.lang):
        return False  # "a man from Puerto Rico was shot": the place only says who
    p = r.place
    return (
        tok_end - tok > 1
        or (tok > 0 and toks[tok - 1].text == "the")
        or (
            p is not None
            and (
                p.is_country
                or p.feature_class not in ("P", "A", "")
                or p.population >= location_weights()["big_city"]
            )
        )
    )


def _setting(d: EventDoc, tok: int, tok_end: int) -> bool:
    """Is the name at tokens ``tok:tok_end`` (an actor's name too: "Baghdad", "Syria") used as
    a place? After a preposition of place ("over Laos"), after a part of a place and "of"
    ("the streets of Cairo"), or before a kind of place, owning it or not ("a Baghdad
    restaurant", "the Sri Lanka capital", "Sri Lanka's west coast")."""
    if not language(d.lang).premodifiers:
        return False
    toks = d.toks
    nouns = _scene_nouns(d.lang)
    prev = toks[tok - 1].text if tok > 0 else ""
    if prev in cue_words("scene_prepositions", d.lang) or (
        prev == "of" and tok > 1 and toks[tok - 2].text in nouns
    ):
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


def _fronted(d: EventDoc, tok: int, first_tok: int | None) -> bool:
    """Is the place at ``tok`` in a fronted locative phrase, the sentence's first clause
    (``first_tok``: its first token; ``None``: unknown) with "in"/"في" before the place
    ("In Vienna, ...", "Earlier in Khan Younis, ...")?"""
    if first_tok is None or d.clause[tok] != d.clause[first_tok]:
        return False
    return any(is_locative(d.toks[i].text) for i in range(first_tok, tok))


#: ``location_reason`` of an event placed at the scene of the sentence before it.
SCENE_REASON = "scene of the sentence before"
#: ``location_reason`` of an event placed at the document's country.
COUNTRY_FALLBACK = "country fallback"
#: ``location_reason`` of an event placed at "the capital" of the document's country.
CAPITAL_REASON = "capital of the country in focus"


def capital_named(sentence: str, lang: str, country: Place,
                  gazetteer: Gazetteer) -> Place | None:
    """The capital of ``country`` when ``sentence`` (one that names no town) says "the
    capital" alone (``capital_refs`` of data/event_cues.yaml, not before one of
    ``capital_ref_links``: "the capital of Chad"), else ``None``.

    >>> from geomap.gazetteer import default
    >>> sd = country_place("SD", default())
    >>> capital_named("Jets struck the north of the capital.", "en", sd, default()).name
    'Khartoum'
    >>> capital_named("Jets struck the capital of Chad.", "en", sd, default()) is None
    True
    """
    owned = _demonym_capital(sentence, lang, gazetteer)
    if owned is not None:
        return owned
    phrases = cue_phrases("capital_refs", lang)
    if not phrases or not country.is_country or not country.country_code:
        return None
    low = sentence.lower()
    if all(p[-1].isascii() for p in phrases) and not any(p[-1] in low for p in phrases):
        return None  # (most sentences: no last word of a phrase, nothing to fold)
    links = cue_words("capital_ref_links", lang)
    words = _PHRASE_WORDS.findall(fold(sentence))
    for n in range(len(words)):
        for p in phrases:
            end = n + len(p)
            if tuple(words[n:end]) == p and (end >= len(words) or words[end] not in links):
                return capital_of(country.country_code, gazetteer)
    return None


def _demonym_capital(sentence: str, lang: str, gazetteer: Gazetteer) -> Place | None:
    """The capital of the country whose demonym stands between "the" and a word of
    ``demonym_capital_refs`` (data/event_cues.yaml): "the Somali capital", "the Iraqi
    capital city" (Arabic writes "العاصمة الصومالية", which geoparsing reads), else
    ``None``.

    >>> from geomap.gazetteer import default
    >>> _demonym_capital("Gunmen stormed a hotel in the Somali capital.", "en", default()).name
    'Mogadishu'
    """
    nouns = cue_words("demonym_capital_refs", lang)
    low = sentence.lower()
    if not nouns or not any(n in low for n in nouns):
        return None
    words = _PHRASE_WORDS.findall(fold(sentence))
    for i in range(2, len(words)):
        if words[i] in nouns and words[i - 2] == "the":
            country = demonym_place(words[i - 1], gazetteer)
            if country is not None and country.is_country and country.country_code:
                return capital_of(country.country_code, gazetteer)
    return None


#: The words of a folded sentence, as the cue phrases are written ("the country's capital").
_PHRASE_WORDS = re.compile(r"\w+(?:'\w+)?")


def scene_of(events: Sequence[Event], end: int) -> tuple[int, Event] | None:
    """The scene a sentence ending at character ``end`` leaves to the next one: its first
    event placed at a town or district (precision 1 or 2; the sentence's main event, told
    first: "Gunmen fought soldiers in X after the arrest of Y"), else ``None``."""
    for e in events:
        if e.place is not None and e.geo_precision in (1, 2):
            return end, e
    return None


def carry_scene(
    events: list[Event],
    scene: tuple[int, Event] | None,
    text: str,
    start: int,
    lang: str,
    article_date: dt.date | None = None,
    named_here: frozenset[str] | None = None,
) -> list[Event]:
    """``events`` of the sentence starting at character ``start``, those that name no place
    of their own (placed nowhere or at the document's country) placed at ``scene`` (:func:`scene_of`
    the sentence before) when that is the sentence right before it, in the same paragraph
    or closing the one before when the sentence says it goes on there (news writes a
    sentence a paragraph: "Rebels later retook the base." goes on about the town of the
    paragraph above; ``scene_continuations``), in the same country, and the sentence does
    not open with a word that changes the scene (``scene_breaks`` in
    data/event_places.yaml). An event placed at a country the sentence's paragraph names
    no place of (``named_here``: the countries of the places named in the paragraph up to
    the sentence's end; ``None``: not known) takes the scene in another country too: its
    country came from the document's focus, not from anything said there (a roundup that
    names Yemen further on does not put "A car bomb exploded outside the hotel gate." of a
    paragraph about Mogadishu in Yemen). Such an event that writes no date
    of its own (the article's date, precision 2) takes the scene's day when that one is
    exact."""
    if scene is None or not any(e.place is None or e.location_reason == COUNTRY_FALLBACK
                                for e in events):
        return events
    end, at = scene
    gap = text[end:start]
    if gap.strip() or _scene_break(text, start, lang) or (
        "\n" in gap and not _goes_on(text, start, lang)
    ):
        return events
    out = []
    for e in events:
        if e.place is None or (
            e.location_reason == COUNTRY_FALLBACK
            and (e.place.country_code == at.place.country_code
                 or (named_here is not None and e.place.country_code not in named_here))
        ):
            e = replace(e, place=at.place, mention=None, geo_precision=at.geo_precision,
                        location_reason=SCENE_REASON)
            if (e.time_precision == 2 and e.event_date == article_date
                    and at.time_precision == 1):
                e = replace(e, event_date=at.event_date, time_precision=1)
        out.append(e)
    return out


def _goes_on(text: str, start: int, lang: str) -> bool:
    """Does the paragraph starting at character ``start`` say it goes on at the scene of
    the one before ("later", "there", "the town": ``scene_continuations`` in
    data/event_places.yaml)?"""
    stop = text.find("\n", start)
    words = _WORDS.findall(text[start : stop if stop >= 0 else len(text)].lower())
    if language(lang).clitics:
        words += [w[1:] for w in words if w[:1] in _AR_PROCLITICS]
    joined = f" {' '.join(words)} "
    return any(f" {phrase} " in joined for phrase in _scene_continuations(lang))


@functools.cache
def _scene_continuations(lang: str) -> tuple[str, ...]:
    data = (cached_yaml("event_places.yaml") or {}).get("scene_continuations") or {}
    return tuple(" ".join(_WORDS.findall(str(w).lower())) for w in data.get(lang) or ())


def _scene_break(text: str, start: int, lang: str) -> bool:
    opening = text[start : start + 60].lower()
    if language(lang).clitics and opening[:1] in PROCLITIC_CONJ:  # "وفي سياق آخر"
        opening = opening[1:]
    for phrase in _scene_breaks(lang):
        if opening.startswith(phrase) and not opening[len(phrase) : len(phrase) + 1].isalnum():
            return True
    return False


@functools.cache
def _scene_breaks(lang: str) -> tuple[str, ...]:
    data = (cached_yaml("event_places.yaml") or {}).get("scene_breaks") or {}
    return tuple(str(w).lower() for w in data.get(lang) or ())
