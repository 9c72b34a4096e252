"""Arabic grammar that settles what a gazetteer cannot (see :mod:`geomap.geoparse.recognize`).

* a name after an organisation cue in the construct state is part of that name ("بنك فلسطين");
* a place always named with the article is not that place without it ("خليل", not Hebron),
  and some names without it are common words with it ("للبنين", for the boys, not Benin;
  "المالي", the financial, not Mali);
* a nisba adjective with the article after a definite noun or a place name is an adjective
  ("الناحية الغربية", "حلب الغربية"), not Gharbia;
* a bare word naming only hamlets, or small towns outside the home region, needs a
  preposition or a cue.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ..gazetteer.base import Gazetteer
from ..knowledge import cached_yaml
from ..geodesy import haversine_km
from ..records import Mention, Place, Resolved
from ..text.normalize import (
    Normalized,
    Token,
    arabic_variants,
    fold,
    is_arabic,
    key,
    normalize,
    tokenize,
)
from ..text.spelling import arabic_alike, arabic_rules, arabic_skeletons
from ..text.view import TextView
from .context import RIVAL_CITY_POPULATION, document_focus
from .cues import cue_at, cues, place_words, populations
from .demonyms import demonyms


def country_adjective(tok: str, k: str, gazetteer: Gazetteer) -> bool:
    """ "السورية" (Syrian, feminine) is an adjective, not the country سورية: a token with the
    article whose key names a country and ends in the nisba ending ية -- unless the country
    is itself named with the article ("السعودية", Saudi Arabia)."""
    if not (tok.startswith("ال") or tok[1:3] == "ال") or not k.endswith("يه"):
        return False
    if not any(c.is_country for c in gazetteer.candidates(k)):
        return False
    return not any(fold(n).startswith("ال") for n in gazetteer.names_for_key(k))


def unglued_key(tok: str, prefixes: frozenset[str], has_key) -> str | None:
    """The key of a two-word name written as one word, the second word's article glued to
    the first ("حفرالباطن" for "حفر الباطن", Hafar al-Batin), as in hashtags and hasty
    typing; ``None`` when no such name is known."""
    at = tok.find("ال", 2)
    while at != -1:
        rest = tok[at + 2 :]
        if len(rest) >= 3:
            for left in arabic_variants(tok[:at]):
                if left in prefixes and has_key(f"{left} {rest}"):
                    return f"{left} {rest}"
        at = tok.find("ال", at + 1)
    return None


def proclitic(tok: str, k: str) -> bool:
    """Does Arabic token ``tok``, matched as the name of key ``k``, carry the preposition
    ب ("ببغداد", in Baghdad) or a clitic and the article ("بالقاهرة", "للعراق", "والقدس")
    before it? Such a word stands apart from the word before it: never the second term of
    a construct state ("ابن بغداد" is a person's name, "محمد بن ببغداد" a person and
    where he was). Another single letter may open the name itself: "السلطان لاجين" (Sultan
    Lajin) is no ل before a place, "نادي فاسكو" no ف."""
    first = k.split(" ", 1)[0]
    if not is_arabic(tok) or key(arabic_variants(tok)[0]) == first:
        return False
    head = tok[1:] if tok[:1] in "وف" and len(tok) > 3 else tok
    return head[:1] == "ب" or has_article(tok)


def names_organisation(norm: Normalized, toks: Sequence[Token], i: int) -> bool:
    """Is the organisation cue before token ``i`` the head of its name? Only in the construct
    state: right before the name and without the article ("بنك فلسطين", Bank of Palestine),
    not "المجلس: البحرين" (the council: Bahrain) nor "المنظمة والصين"."""
    prev = toks[i - 1]
    if norm.text[prev.end : toks[i].start].strip():
        return False
    return not has_article(prev.text)


def names_office(norm: Normalized, toks: Sequence[Token], i: int, lang: str) -> bool:
    """Does an office word head the name at token ``i`` over one noun in the construct
    state ("مأمور أوقاف عكا", the waqf officer of Acre; "متصرف لواء نابلس")? The noun
    without the article and no preposition ("مفتش في عكا", an inspector in Acre), nothing
    but spaces between the three words (``office_heads`` in data/place_names.yaml)."""
    heads = place_words("office_heads", lang)
    if i < 2 or not heads:
        return False
    head, noun = toks[i - 2], toks[i - 1]
    return (
        key(head.text) in heads
        and is_arabic(noun.text)
        and not has_article(noun.text)
        and fold(noun.text) not in place_words("prepositions", lang)
        and not norm.text[head.end : toks[i].start].replace(noun.text, "", 1).strip()
    )


def nisba_after_noun(
    norm: Normalized, toks: Sequence[Token], i: int, k: str, after_name: bool = False
) -> bool:
    """Is Arabic token ``i`` (key ``k``) a nisba adjective agreeing with the definite noun
    right before it? "الناحية الغربية" (the western side) is not Gharbia governorate, nor
    "الإمبراطورية العثمانية" (the Ottoman Empire) the town Al-Uthmaniyah, nor "حلب الغربية"
    (western Aleppo) Gharbia: an adjective in ي/ية with the article, after a word with the
    article or a place name (``after_name``: a name is definite)."""
    tok = toks[i].text
    if (
        i == 0
        or not (k.endswith("يه") or k.endswith("ي"))
        or not tok.endswith(k)
        or not definite(tok, k)
        or _preposition_before_article(tok, k)
    ):
        return False
    prev = toks[i - 1]
    if (
        not is_arabic(prev.text)
        or prev.text in place_words("not_nouns", "ar")
        or norm.text[prev.end : toks[i].start].strip()
    ):
        return False
    if after_name and tok[:1] in "وف" and tok[1:3] == "ال":
        return False  # "وإيران والسعودية": a list of places, not an adjective
    return after_name or has_article(prev.text)


def _preposition_before_article(tok: str, k: str) -> bool:
    """Does Arabic token ``tok`` (matched as key ``k``) carry a preposition before its
    article ("للسعودية", to Saudi Arabia; "بالمغربية")? An adjective agreeing with the noun
    before it never does: "السلاح للسعودية" is weapons to Saudi Arabia."""
    clitics = tok[: len(tok) - len(k)]
    if clitics[:1] in ("و", "ف") and len(clitics) > 2:
        clitics = clitics[1:]
    return clitics not in ("ال", "")


def has_article(tok: str) -> bool:
    """Does an Arabic token carry the article, after any proclitics ("الحكومة", "وبالمدينة",
    "للدولة")?"""
    head = tok[1:] if tok[:1] in "وف" and len(tok) > 3 else tok
    return head.startswith("ال") or head[1:3] == "ال" or head.startswith("لل")


def definite(tok: str, k: str) -> bool:
    """Does Arabic token ``tok``, matched as key ``k``, carry the article ("الخليل",
    "وللعاصمة")? The letters before the key are its clitics."""
    if not tok.endswith(k):
        return True  # cannot tell: let it through
    clitics = tok[: len(tok) - len(k)]
    return clitics.endswith("ال") or clitics.endswith("لل")


@functools.lru_cache(maxsize=1 << 14)
def named_with_article(k: str, gazetteer: Gazetteer) -> bool:
    """Are all the Arabic names of key ``k`` written with the article ("الخليل", Hebron;
    "العاصمة", Al Asimah)? Then the word without it is a common noun or a person's name:
    "عاصمة الإمبراطورية" (the capital of the empire), "خليل" (Khalil)."""
    # Persian and Urdu spellings ("وادی", with the Persian ye) follow no Arabic article rule
    names = [
        f
        for n in gazetteer.names_for_key(k)
        if not _PERSIAN.intersection(n) and is_arabic(f := fold(n))
    ]
    return bool(names) and all(f.startswith("ال") for f in names)


_PERSIAN = frozenset("یکگپچژۀ")

#: the fewest letters of a foreign country's name that may drop its article: shorter keys
#: are also given names and words ("هند", Hind, for India "الهند")
FOREIGN_BARE_LETTERS = 5


def foreign_country(k: str, gazetteer: Gazetteer, home: frozenset[str]) -> bool:
    """Is key ``k`` (of ``FOREIGN_BARE_LETTERS`` letters or more) the name of a country
    outside the ``home`` countries? Arabic writes such a transliterated name with the
    article or without it at will ("الأوروغواي" and "أوروغواي", "الكونغو" and "كونغو"), so
    :func:`named_with_article` says nothing of the word without it."""
    return len(k) >= FOREIGN_BARE_LETTERS and any(
        c.is_country and c.country_code not in home for c in gazetteer.candidates(k)
    )


def with_article(tok: str, k: str) -> bool:
    """Does Arabic token ``tok``, matched as key ``k``, carry the article among its clitics
    ("البنين", "للبنين", "والمالي")? Unlike :func:`definite`, a token that does not end in
    its key is not taken to carry one."""
    return tok.endswith(k) and tok != k and definite(tok, k)


def word_with_article(tok: str, k: str) -> bool:
    """Is ``tok``, matched as key ``k``, a common word because it carries the article,
    where the place is named without it ("للبنين", for the boys, not Benin; "المالي", the
    financial, not Mali: ``common_with_article`` in data/place_names.yaml)?"""
    return k in place_words("common_with_article", "ar") and with_article(tok, k)


def locative_ar(toks: list[Token], i: int) -> bool:
    """Is Arabic token ``i`` after a place preposition ("في", "إلى"...) or does it carry one
    as a clitic ("بحلب")?"""
    tok = toks[i].text
    return (i > 0 and toks[i - 1].text in place_words("bare_name_prepositions", "ar")) or (
        tok[:1] == "ب" and len(tok) > 4
    )


def only_hamlets(k: str, gazetteer: Gazetteer, home: frozenset[str] = frozenset()) -> bool:
    """Does ``k`` name only hamlets, or (given a ``home`` region) only hamlets and small
    towns outside it ("نيوتن": Newton, Kansas)?"""
    cands = gazetteer.candidates(k)
    # a town outside the home region of the text's language (data/home_regions.yaml) below
    # the foreign_town population is, like a hamlet, named bare only when the text means
    # something else (data/place_names.yaml)
    hamlet, foreign = populations()["hamlet"], populations()["foreign_town"]
    if home:
        return bool(cands) and all(
            c.feature_class == "P"
            and c.population < (hamlet if c.country_code in home else foreign)
            for c in cands
        )
    return bool(cands) and all(c.feature_class == "P" and c.population < hamlet for c in cands)


def persian_only(k: str, gazetteer: Gazetteer) -> bool:
    """Is ``k`` known only from names written in Persian letters ("خوی", Khoy; "لالی")?
    Arabic writes its own places with ي and ك, and the key folds ی to ي, so a bare Arabic
    word that meets such a name only through the folding ("خوي", my brother, in dialect)
    is, like a word naming only hamlets, a place after a preposition or a cue alone."""
    names = [n for n in gazetteer.names_for_key(k) if is_arabic(n)]
    return bool(names) and all(_PERSIAN.intersection(n) for n in names)


def given_key(surface: str, gazetteer: Gazetteer, common: frozenset[str]) -> tuple[str, str] | None:
    """The key of an Arabic span given as a place (a gold mention) that the gazetteer does
    not know as written, and how it was found; ``None`` when nothing in it is known.

    Tweets and hasty news write names as hashtags ("#حفر_الباطن"), glue a name's second word
    to its first ("حفرالباطن"), put clitics on any word ("بمحافظة السليل") and wrap a name in
    the word for what it is ("مدينة صباح الأحمد", "مستشفى X"). Tried in turn, longest run
    of words first (leftmost on a tie): the run with its first word's clitics removed, a
    glued word pulled apart (:func:`unglued_key`) -- ``"own"`` for the whole span,
    ``"inner"`` for a part of it; then the whole span, or the words after a cue ("مدينة",
    "منطقة"), known only in Latin script (:func:`~geomap.geoparse.variants.arabic_key`,
    ``"arabic"``). A one-word part that is a common word or a cue names nothing.
    """
    from .variants import arabic_key  # variants reads this module's grammar

    toks = tokenize(normalize(surface).text)
    words = [t.text for t in toks]
    if not words or not all(map(is_arabic, words)):
        return None
    has_key, prefixes = gazetteer.has_key, gazetteer.prefixes()
    not_names = arabic_rules()["not_names"]
    n = len(words)
    for size in range(n, 0, -1):
        for i in range(n - size + 1):
            got = _run_key(words[i : i + size], has_key, prefixes, common)
            # one word inside a longer span and after no cue, known only as another
            # spelling of a name ("ساحة إيليا": Elia, a given name, is no spelling of
            # Aelia, Jerusalem), is a guess on a guess
            if got is not None and (
                size == n or size > 1 or cue_at(toks, i, "ar") or _written(got, gazetteer)
            ):
                return got, "own" if size == n else "inner"
    for i in range(n):
        if i and cue_at(toks, i, "ar") is None:
            continue
        for first in arabic_variants(words[i]):
            k = " ".join([first, *map(_strip_article, words[i + 1 :])])
            if len(k) >= 3 and k not in common and k not in not_names and not _cue_word(k):
                sk = arabic_key(k, gazetteer)
                if sk is not None and arabic_alike(k, gazetteer.names_for_key(sk)):
                    return sk, "arabic"
    return None


def _run_key(words: Sequence[str], has_key, prefixes, common: frozenset[str]) -> str | None:
    """The known key of a run of Arabic words (its first word's clitics removed; a single
    word also pulled apart where the article of a second word is glued to it)."""
    rest = [_strip_article(w) for w in words[1:]]
    for first in arabic_variants(words[0]):
        k = " ".join([first, *rest])
        if len(words) == 1 and (len(k) < 3 or k in common or _cue_word(k)):
            continue
        if has_key(k):
            return k
    if len(words) == 1 and "ال" in words[0][2:]:
        for v in arabic_variants(words[0]):
            glued = unglued_key(v, prefixes, has_key)
            if glued:
                return glued
    return None


def _written(k: str, gazetteer: Gazetteer) -> bool:
    """Is key ``k`` the key of a name as the gazetteer has it, not only another spelling of
    one (data/name_spellings.yaml, ``arabic_keys``)?"""
    return any(key(n) == k for n in gazetteer.names_for_key(k))


def _cue_word(k: str) -> bool:
    """Is key ``k`` a cue word ("مدينه", "شمال"): what a place is, not its name?"""
    return (k,) in cues().before.get("ar", {}) or (f"ال{k}",) in cues().before.get("ar", {})


def _strip_article(tok: str) -> str:
    return arabic_variants(tok)[0] if tok else tok


#: a hashtag of several words joined by underscores ("#امطار_الكويت")
_COMPOUND_HASHTAG = re.compile(r"#(\w+(?:_\w+)+)")


def hashtag_countries(text: str, gazetteer: Gazetteer) -> Counter[str]:
    """Countries named by a word of a compound Arabic hashtag, once per hashtag: a tweet
    tags what it is about ("#امطار_الكويت", Kuwait's rains; "#سيول_الاردن", Jordan's floods;
    "#كورونا_المغرب"), and such a tag is the country of the tweet's other names even when
    it is no place mention itself. A word naming a country that is also a big city or a
    region elsewhere ("عمان": Oman, or Amman) names none here, as in the document's focus.
    """
    out: Counter[str] = Counter()
    if "#" not in text or "_" not in text:
        return out
    for m in _COMPOUND_HASHTAG.finditer(text):
        found = set()
        for part in m.group(1).split("_"):
            if len(part) < 3 or not is_arabic(part):
                continue
            cs = gazetteer.candidates(key(part))
            countries = [c for c in cs if c.is_country]
            if not countries:
                continue
            cc = countries[0].country_code
            if cc and not any(c.country_code != cc and not c.is_country and (
                    c.feature_code == "ADM1" or c.population >= RIVAL_CITY_POPULATION)
                    for c in cs):
                found.add(cc)
        out.update(found)
    return out


def context_skeleton_keys(
    found: Sequence[Mention], gazetteer: Gazetteer, countries: frozenset[str],
    regions: frozenset[str],
) -> list[Mention]:
    """``found`` with an Arabic name known in Arabic only as a small town abroad looked up
    by its Latin skeleton too, when that finds a place in a country the text is about.

    The packaged GeoNames data has Arabic spellings for some places and not for their
    namesakes: "تاجوراء" is known in Arabic only as Tadjoura (Djibouti), Tajoura near
    Tripoli (Libya) only in Latin letters. When none of a name's Arabic-known places lies
    in a country the text is about (``regions``, the Arab countries, where the most
    populous place of another of its names lies, or ``countries``: its actors' and
    demonyms'), its skeleton key (:func:`~geomap.text.spelling.arabic_skeletons`) stands
    for it if that key has a place there and its Latin names look like the Arabic one;
    resolution then chooses among the skeleton's places in the document's context. A
    name known as a country, a first-level unit or a city
    (:data:`~geomap.geoparse.context.RIVAL_CITY_POPULATION`) keeps its own key."""
    arabic = [m for m in found if is_arabic(m.surface[:1] or " ") or is_arabic(m.key)]
    if not arabic:
        return list(found)
    tops: dict[str, str | None] = {}
    for m in found:
        if m.key not in tops:
            cands = gazetteer.candidates(m.key) if gazetteer.has_key(m.key) else []
            tops[m.key] = max(cands, key=lambda p: p.population).country_code if cands else None
    # the countries of the other names of the document: counted per name, so that each
    # name's own is left out without a pass over all the others (thousands, in a hostile
    # text)
    keys_in: Counter[str] = Counter(
        cc for k in {m.key for m in found} if (cc := tops[k]) in regions)
    arabic_ids = {id(m) for m in arabic}
    out = []
    for m in found:
        own = tops[m.key]
        context = countries | {
            cc for cc, n in keys_in.items() if n > (1 if cc == own else 0)}
        out.append(_context_skeleton(m, gazetteer, context)
                   if context and id(m) in arabic_ids else m)
    return out


def _context_skeleton(m: Mention, gazetteer: Gazetteer, context: set[str] | frozenset[str]
                      ) -> Mention:
    own = gazetteer.candidates(m.key)
    if not own or any(
        p.country_code in context or p.is_country or p.feature_code == "ADM1"
        or p.population >= RIVAL_CITY_POPULATION
        for p in own
    ):
        return m
    for sk in arabic_skeletons(m.key):
        if sk == m.key or not gazetteer.has_key(sk):
            continue
        there = [p for p in gazetteer.candidates(sk) if p.country_code in context]
        if there and arabic_alike(m.key, gazetteer.names_for_key(sk)):
            return dataclasses.replace(m, key=sk, cue=_cue_for(m.cue, there))
    return m


def _cue_for(cue: str | None, there: Sequence[Place]) -> str | None:
    """``cue`` without a unit kind ("province": "منطقة تاجوراء", the Tajoura area) none of
    the places ``there`` (the skeleton's, in the text's countries) is a unit of: it would
    steer to a unit of that name abroad, the very namesake the skeleton was taken against."""
    if not cue or any(p.feature_class == "A" for p in there):
        return cue
    kinds = [k for k in cue.split("+") if k != "province"]
    return "+".join(kinds) or None


def rival_city_in_focus(
    resolved: Sequence[Resolved], gazetteer: Gazetteer, evidence: Mapping[str, float] | None
) -> list[Resolved]:
    """``resolved`` with an Arabic country name that is also a city elsewhere ("عمان":
    Oman, or Amman) moved to the city when the text is about the city's country at least
    more than about any other and names the country by nothing else.

    A country outranks a town on its own, and the focus of a text about two countries is
    split between them ("السعودية تحذر رعاياها في الأردن ... #عمان": Saudi Arabia and
    Jordan): the country the name would be is not in the text at all, the city's country
    leads it."""
    if not any(r.place is not None and r.place.is_country and is_arabic(r.mention.key)
               for r in resolved):
        return list(resolved)
    cands = [gazetteer.candidates_for(r.mention) for r in resolved]
    focus = document_focus(cands, evidence)
    # the country the text is about most, alone: in a list of countries named as often
    # ("مصر وعمان وسوريا والأردن"), عمان is one of them
    ranked = focus.most_common(2)
    lead = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) \
        else None
    out = []
    for r, cs in zip(resolved, cands, strict=True):
        p = r.place
        if lead is not None and p is not None and p.is_country and is_arabic(r.mention.key) \
                and not focus.get(p.country_code):
            cities = [c for c in cs if c.feature_class == "P" and c.country_code == lead
                      and c.population >= RIVAL_CITY_POPULATION]
            if cities:
                r = Resolved(r.mention, max(cities, key=lambda c: c.population), r.score,
                             r.candidates)
        out.append(r)
    return out


def country_area_mentions(
    view: TextView, found: Sequence[Mention], gazetteer: Gazetteer,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """``found`` plus the land or border of a country named by its adjective ("الحدود
    اللبنانية", the Lebanese border; "الأراضي اليمنية"; ``country_areas`` in
    data/place_names.yaml): both words with the article, the adjective one of
    data/demonyms.csv; a mention of the country (of the first, for "الحدود السورية
    التركية"), replacing the names inside it."""
    from .demonyms import demonyms  # the lexicon, loaded only for Arabic texts

    heads = place_words("country_areas", view.language)
    toks, norm, text = view.tokens, view.norm, view.text
    if not heads or not toks:
        return list(found)
    starts = {t.start: n for n, t in enumerate(toks)}
    out = list(found)
    for d in demonyms().find(norm, toks):
        i = starts.get(d.start)
        if not i or not has_article(toks[i].text):
            continue
        head = toks[i - 1].text
        if not has_article(head) or arabic_variants(head)[-1] not in heads or norm.text[
                toks[i - 1].end : d.start].strip():
            continue
        place = gazetteer.place(d.value[1])
        if place is None:
            continue
        start, end = norm.span(toks[i - 1].start, d.end)
        inside = [m for m in out if start <= m.start and m.end <= end]
        if any(s < end and start < e for s, e in exclude) or any(
            m.start < end and start < m.end for m in out if m not in inside
        ):
            continue
        out = [m for m in out if m not in inside]
        out.append(Mention(start, end, text[start:end], key(place.name), view.language, None))
    return sorted(out, key=lambda m: m.start)


#: A place named in a street's name this far (km) from the text's town or farther is the
#: street's namesake, not where the street is.
STREET_NAMESAKE_KM = 50.0


def streets_in_town(view: TextView, resolved: Sequence[Resolved]) -> list[Resolved]:
    """``resolved`` with a place named in a street's or a square's name ("شارع كورنيش
    النيل", the Nile Corniche street; "شارع بغداد" in Damascus; ``street_words`` in
    data/place_names.yaml) placed at the town the text is about (the
    centre of its other places below country level, :func:`~.spans.context_place`),
    marked approximate, when the named place lies far from it: the Nile's point is not
    the street in Cairo. A text that names no other place keeps it."""
    from .spans import context_place

    words = place_words("street_words", view.language)
    toks, norm = view.tokens, view.norm
    if not words or not resolved or not toks:
        return list(resolved)
    arabic = [n for n, r in enumerate(resolved)
              if r.place is not None and is_arabic(r.mention.key)]
    if not arabic:
        return list(resolved)  # (no token offsets worked out for a text of no Arabic name)
    starts = [norm.span(t.start, t.end)[0] for t in toks]
    streets = set()
    for n in arabic:
        r = resolved[n]
        i = bisect.bisect_left(starts, r.mention.start)
        if 0 < i < len(toks) and starts[i] == r.mention.start:
            prev = toks[i - 1].text
            if not has_article(prev) and any(v in words for v in arabic_variants(fold(prev))) \
                    and not norm.text[toks[i - 1].end : toks[i].start].strip():
                streets.add(n)
    if not streets:
        return list(resolved)
    centre = context_place([r for n, r in enumerate(resolved) if n not in streets])
    if centre is None:
        return list(resolved)
    out = list(resolved)
    for n in streets:
        r = out[n]
        p = r.place
        if haversine_km(p.lat, p.lon, centre.lat, centre.lon) >= STREET_NAMESAKE_KM:
            m = r.mention
            cue = f"near+{m.cue}" if m.cue else "near"
            out[n] = Resolved(Mention(m.start, m.end, m.surface, m.key, m.language, cue),
                              centre, 0.0, 0)
    return out


@functools.cache
def _associative_words() -> dict[str, frozenset[str]]:
    data = (cached_yaml("not_places.yaml") or {}).get("associative_ar") or {}
    return {k: frozenset(key(str(w)) for w in v or ()) for k, v in data.items()}


_WORD_BEFORE = re.compile(r"(\w+)[^\w.!?؟:؛;,،\n]*$")

#: what the word before a name makes of it (data/not_places.yaml, ``associative_ar``)
_SENSES = (("name_heads", "name"), ("force_heads", "modifier"), ("people_heads", "people"))


def arabic_sense(text: str, r: Resolved) -> str | None:
    """What the Arabic mention ``r`` of ``text`` names when not the place itself, by the
    word right before it (see :func:`geomap.geoparse.senses.sense` for the kinds):
    ``"name"`` ("جامعة بيرزيت", Birzeit University), ``"modifier"`` ("قوات سوريا
    الديمقراطية"), ``"people"`` ("أهالي نابلس"), ``"state"`` (a country or a capital as
    the state acting: "أعلنت روسيا", "موقف موسكو"); ``None`` when it names the place. A
    name with a clitic of its own ("بسوريا", "للعراق") is the place.

    >>> from geomap.geoparse import geoparse
    >>> text = "أعلنت روسيا أن طائراتها قصفت مواقع في إدلب"
    >>> [arabic_sense(text, r) for r in geoparse(text, "ar")]
    ['state', None]
    """
    m, p = r.mention, r.place
    first = m.surface.split(" ", 1)[0]
    if key(first) != m.key.split(" ", 1)[0] and proclitic(first, m.key):
        return None
    before = _WORD_BEFORE.search(text, max(0, m.start - 40), m.start)
    if before is None:
        return None
    word = key(before.group(1))
    if word[:1] in "وف" and len(word) > 3 and word[1:] in _all_heads():
        word = word[1:]  # "وأعلنت", and announced
    words = _associative_words()
    for kind, sense in _SENSES:
        if word in words.get(kind, ()):
            return sense
    state = p is not None and (p.is_country or p.feature_code == "PPLC")
    return "state" if state and word in words.get("state_heads", ()) else None


@functools.cache
def _all_heads() -> frozenset[str]:
    return frozenset().union(*_associative_words().values())


@functools.cache
def _region_nouns(lang: str) -> frozenset[str]:
    """``region_nouns`` of data/place_cues.yaml for ``lang``, folded."""
    data = cached_yaml("place_cues.yaml") or {}
    return frozenset(fold(str(w)) for w in (data.get("region_nouns") or {}).get(lang) or ())


def regions_of_demonyms(view: TextView, found: list[Resolved], gaz: Gazetteer
                        ) -> list[Resolved]:
    """``found`` plus the parts of countries Arabic names by a region noun and a demonym
    ("في الشمال السوري", in the Syrian north; "الجنوب اللبناني"; ``region_nouns`` in
    data/place_cues.yaml): a mention of the demonym's country on the demonym's word, cued
    as a direction ("شمال سوريا" is read so already). Outside every other mention."""
    nouns = _region_nouns(view.language)
    if not nouns:
        return found
    toks = view.tokens
    taken = [(r.mention.start, r.mention.end) for r in found]
    out = list(found)
    for d in demonyms().find(view.norm, toks):
        if d.tok_start == 0 or any(a < d.end and d.start < b for a, b in taken):
            continue
        prev = toks[d.tok_start - 1].text
        # (with a clitic: "بالشمال السوري", "والجنوب اللبناني"; the demonym agrees, with
        # its article: "الجنوب إفريقي" is South African)
        if (prev not in nouns and prev[1:] not in nouns) \
                or not toks[d.tok_start].text.startswith("ال"):
            continue
        place = gaz.place(d.value[1])
        if place is None:
            continue
        # the noun is no place of its own ("الساحل السوري" is not the town As Sahil)
        n0, n1 = view.norm.span(toks[d.tok_start - 1].start, toks[d.tok_start - 1].end)
        out = [r for r in out if not (r.mention.start < n1 and n0 < r.mention.end)]
        surface = view.text[d.start : d.end]
        out.append(Resolved(Mention(d.start, d.end, surface, key(surface), view.language,
                                    "direction"), place, 0.0, 1))
    return sorted(out, key=lambda r: r.mention.start) if out != found else found
