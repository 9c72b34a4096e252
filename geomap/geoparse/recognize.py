"""Recognise place mentions: longest gazetteer match over normalised tokens.

Arabic tokens are tried with their proclitics (و ف ب ل ك) and article ال removed; Latin
names, in any text, must be capitalised. A name that is mostly a common word
(``data/common_words_*.txt``) counts only after a cue word (``data/place_cues.yaml``). Spans
the caller excludes (for example actor names such as "درع الفرات", Euphrates Shield, or
"قوات سوريا الديمقراطية", the SDF) never yield a place.

Arabic grammar settles many cases a gazetteer cannot:

* a name after an organisation, event or person cue in the construct state is part of that
  name ("بنك فلسطين", "كأس إسبانيا", "ابن طولون");
* a place always named with the article is not that place without it ("خليل", not Hebron),
  and a nisba adjective with the article after a definite noun or a place name is an
  adjective ("الناحية الغربية", "حلب الغربية"), not Gharbia;
* a bare word naming only hamlets, or small towns outside the language's home region
  (``data/home_regions.yaml``), needs a preposition or cue;
* a name after a town/village cue in the construct state ("قرية X") is a mention even when
  the gazetteer lacks it (it resolves to ``None``).
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..gazetteer.base import Gazetteer
from ..knowledge import cached_yaml, data_dir
from ..records import Mention
from ..text.lang import detect_language
from ..text.normalize import (
    Memo,
    Normalized,
    Token,
    arabic_variants,
    fold,
    is_arabic,
    key,
    normalize,
    token_starts,
    tokenize,
)

# Lower-case words allowed inside a capitalised English place name ("Bay of Pigs", "Ras al Ain").
_CONNECTORS = frozenset(
    "of de del della di da du des la le el al an ad ar as ash at az ad-din on upon the and y bin ibn abu".split()
)
_MAX_CUE_TOKENS = 3
_HASHTAG = re.compile(r"#\w+")


@dataclass(frozen=True, slots=True)
class Cues:
    before: dict[str, dict[tuple[str, ...], str]]  # lang -> token tuple -> kind
    after: dict[str, dict[tuple[str, ...], str]]


@functools.cache
def cues() -> Cues:
    data = cached_yaml("place_cues.yaml") or {}
    out = []
    for side in ("before", "after"):
        table: dict[str, dict[tuple[str, ...], str]] = {}
        for lang, kinds in (data.get(side) or {}).items():
            t: dict[tuple[str, ...], str] = {}
            for kind, words in (kinds or {}).items():
                for w in words or ():
                    toks = tuple(fold(w).split())
                    if toks:
                        t[toks] = kind
            table[lang] = t
        out.append(table)
    return Cues(*out)


@functools.cache
def common_words(lang: str) -> frozenset[str]:
    path = data_dir() / f"common_words_{lang}.txt"
    if not path.is_file():
        return frozenset()
    words = []
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(key(line))
    return frozenset(words)


@functools.cache
def _last_words(lang: str) -> frozenset[str]:
    """The last words of the ``before`` cues of ``lang``."""
    return frozenset(words[-1] for words in cues().before.get(lang, {}))


def _cue_at(toks: list[Token], i: int, lang: str) -> tuple[str, int] | None:
    """The cue ending just before token ``i``: its kind and how many tokens it takes."""
    # every cue of two or more words ends in its own last word (only the first word of an
    # Arabic cue carries clitics): when the previous token ends none, only a one-word cue
    # can be there, and only in Arabic (most tokens of an English text stop here)
    last_ok = i > 0 and toks[i - 1].text in _last_words(lang)
    if not last_ok and lang != "ar":
        return None
    table = cues().before.get(lang, {})
    for n in range(min(_MAX_CUE_TOKENS, i), 0, -1):
        if not last_ok and (n > 1 or lang != "ar"):
            continue
        words = tuple(t.text for t in toks[i - n : i])
        if lang == "ar":
            # the first cue word may carry clitics: "وبمدينة", "للمدينة"
            for v in [words[0], *arabic_variants(words[0])]:
                kind = table.get((v, *words[1:]))
                if kind is None and v.startswith("ال"):
                    kind = table.get((v[2:], *words[1:]))
                if kind:
                    return kind, n
        else:
            kind = table.get(words)
            if kind:
                return kind, n
    return None


def _cue_before(toks: list[Token], i: int, lang: str) -> str | None:
    """Up to two chained cues before token ``i``, outermost first: ``"near+city"`` for
    "قرب مدينة الباب" / "near the town of"."""
    kinds: list[str] = []
    pos = i
    for _ in range(2):
        got = _cue_at(toks, pos, lang)
        if got is None:
            # English articles between cues: "near the city of"
            if lang == "en" and pos > 0 and toks[pos - 1].text in ("the", "a"):
                got = _cue_at(toks, pos - 1, lang)
                if got is not None:
                    got = (got[0], got[1] + 1)
            if got is None:
                break
        kinds.insert(0, got[0])
        pos -= got[1]
    return "+".join(kinds) if kinds else None


def _cue_after(toks: list[Token], j: int, lang: str) -> str | None:
    table = cues().after.get(lang, {})
    if j < len(toks):
        return table.get((toks[j].text,))
    return None


def _capitalised(original: str, norm: Normalized, toks: Sequence[Token]) -> bool:
    for n, t in enumerate(toks):
        s, _ = norm.span(t.start, t.end)
        ch = original[s]
        if ch.isupper() or ch.isdigit():
            continue
        if n > 0 and t.text in _CONNECTORS:
            continue
        return False
    return True


def _country_adjective(tok: str, k: str, gazetteer: Gazetteer) -> bool:
    """"السورية" (Syrian, feminine) is an adjective, not the country سورية: a token with the
    article whose key names a country and ends in the nisba ending ية -- unless the country
    is itself named with the article ("السعودية", Saudi Arabia)."""
    if not (tok.startswith("ال") or tok[1:3] == "ال") or not k.endswith("يه"):
        return False
    if not any(c.is_country for c in gazetteer.candidates(k)):
        return False
    return not any(fold(n).startswith("ال") for n in gazetteer.names_for_key(k))


def _unglued_key(tok: str, prefixes: frozenset[str], has_key) -> str | None:
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


def _names_organisation(norm: Normalized, toks: Sequence[Token], i: int) -> bool:
    """Is the organisation cue before token ``i`` the head of its name? Only in the construct
    state: right before the name and without the article ("بنك فلسطين", Bank of Palestine),
    not "المجلس: البحرين" (the council: Bahrain) nor "المنظمة والصين"."""
    prev = toks[i - 1]
    if norm.text[prev.end : toks[i].start].strip():
        return False
    return not _has_article(prev.text)


def _nisba_after_noun(norm: Normalized, toks: Sequence[Token], i: int, k: str,
                      after_name: bool = False) -> bool:
    """Is Arabic token ``i`` (key ``k``) a nisba adjective agreeing with the definite noun
    right before it? "الناحية الغربية" (the western side) is not Gharbia governorate, nor
    "الإمبراطورية العثمانية" (the Ottoman Empire) the town Al-Uthmaniyah, nor "حلب الغربية"
    (western Aleppo) Gharbia: an adjective in ي/ية with the article, after a word with the
    article or a place name (``after_name``: a name is definite)."""
    tok = toks[i].text
    if i == 0 or not (k.endswith("يه") or k.endswith("ي")) or not tok.endswith(k) or not _definite(tok, k):
        return False
    prev = toks[i - 1]
    if not is_arabic(prev.text) or prev.text in _NOT_NOUNS or norm.text[prev.end : toks[i].start].strip():
        return False
    if after_name and tok[:1] in "وف" and tok[1:3] == "ال":
        return False  # "وإيران والسعودية": a list of places, not an adjective
    return after_name or _has_article(prev.text)


# words that begin like the article but are no nouns: "إلى" (to), "إلا", "الآن" (now),
# the relative pronouns ("التي", which)
_NOT_NOUNS = frozenset(fold(w) for w in
                       "إلى إلا ألا الآن الان الذي التي الذين اللذين اللتين اللذان اللتان اللاتي اللواتي".split())


def _has_article(tok: str) -> bool:
    """Does an Arabic token carry the article, after any proclitics ("الحكومة", "وبالمدينة",
    "للدولة")?"""
    head = tok[1:] if tok[:1] in "وف" and len(tok) > 3 else tok
    return head.startswith("ال") or head[1:3] == "ال" or head.startswith("لل")


def _definite(tok: str, k: str) -> bool:
    """Does Arabic token ``tok``, matched as key ``k``, carry the article ("الخليل",
    "وللعاصمة")? The letters before the key are its clitics."""
    if not tok.endswith(k):
        return True  # cannot tell: let it through
    clitics = tok[: len(tok) - len(k)]
    return clitics.endswith("ال") or clitics.endswith("لل")


@functools.lru_cache(maxsize=1 << 14)
def _named_with_article(k: str, gazetteer: Gazetteer) -> bool:
    """Are all the Arabic names of key ``k`` written with the article ("الخليل", Hebron;
    "العاصمة", Al Asimah)? Then the word without it is a common noun or a person's name:
    "عاصمة الإمبراطورية" (the capital of the empire), "خليل" (Khalil)."""
    # Persian and Urdu spellings ("وادی", with the Persian ye) follow no Arabic article rule
    names = [f for n in gazetteer.names_for_key(k)
             if not _PERSIAN.intersection(n) and is_arabic(f := fold(n))]
    return bool(names) and all(f.startswith("ال") for f in names)


_PERSIAN = frozenset("یکگپچژۀ")


_AR_LOCATIVE = frozenset({"في", "الى", "الي", "من", "قرب", "داخل", "نحو", "باتجاه"})
HAMLET_POPULATION = 10_000
#: A town outside the home region of the text's language (``data/home_regions.yaml``)
#: smaller than this is, like a hamlet, named bare only when the text means something else.
FOREIGN_TOWN_POPULATION = 100_000


@functools.cache
def home_countries(lang: str) -> frozenset[str]:
    """The countries whose places texts in ``lang`` name most (``data/home_regions.yaml``)."""
    data = cached_yaml("home_regions.yaml") or {}
    return frozenset(str(c).upper() for c in data.get(lang) or ())


def _locative_ar(toks: list[Token], i: int) -> bool:
    """Is Arabic token ``i`` after a place preposition ("في", "إلى"...) or does it carry one
    as a clitic ("بحلب")?"""
    tok = toks[i].text
    return (i > 0 and toks[i - 1].text in _AR_LOCATIVE) or (tok[:1] == "ب" and len(tok) > 4)


def _only_hamlets(k: str, gazetteer: Gazetteer, home: frozenset[str] = frozenset()) -> bool:
    """Does ``k`` name only hamlets, or (given a ``home`` region) only hamlets and small
    towns outside it ("نيوتن": Newton, Kansas)?"""
    cands = gazetteer.candidates(k)
    if home:
        return bool(cands) and all(
            c.feature_class == "P" and c.population < (
                HAMLET_POPULATION if c.country_code in home else FOREIGN_TOWN_POPULATION)
            for c in cands
        )
    return bool(cands) and all(
        c.feature_class == "P" and c.population < HAMLET_POPULATION for c in cands
    )


_CAPITAL = Memo(lambda ch: ch.isupper() or ch.isdigit())
_ARABIC_LETTER = Memo(lambda ch: "\u0621" <= ch <= "\u064a")
_token_start = operator.itemgetter(1)  # Token.start, by position (cheaper)


def _name_initials(text: str, norm: Normalized, toks: Sequence[Token]) -> list[int]:
    """The tokens an English place name can start at: those written with a capital or a
    digit in ``text``, and Arabic words. Every token is tested, so the test runs as
    map() and compress() over the tokens' first characters, without a Python loop."""
    capital = map(_CAPITAL.__getitem__, map(text.__getitem__, token_starts(norm, toks)))
    arabic = map(_ARABIC_LETTER.__getitem__, map(norm.text.__getitem__, map(_token_start, toks)))
    return list(itertools.compress(range(len(toks)), map(operator.or_, capital, arabic)))


def _licenses(cue: str | None) -> bool:
    return bool(cue) and any(c in ("city", "province", "countryside") for c in cue.split("+"))


def recognise(
    text: str,
    gazetteer: Gazetteer,
    language: str | None = None,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """Find place mentions in ``text`` (offsets into ``text``), longest match first.

    Parameters
    ----------
    text : the original text.
    gazetteer : a backend with ``has_key`` and ``prefixes``.
    language : ``"ar"`` or ``"en"``; detected from the script when ``None``.
    exclude : spans of the original text where no place may be found (actor names).
    """
    lang = language or detect_language(text)
    norm = normalize(text)
    toks = tokenize(norm.text)
    has_key = gazetteer.has_key
    prefixes = gazetteer.prefixes()
    # a word's script, not the document's language, says which stop-list and which
    # rules apply to it: "net", "com" or "in" in an Arabic text are no places either
    stop_ar, stop_latin = common_words("ar"), common_words("en")
    out: list[Mention] = []
    # hashtags: "#حفر_الباطن" is a place, "#أمطار_الكويت" (Kuwait rain) is a topic
    tags = [(m.start() + 1, m.end()) for m in _HASHTAG.finditer(text)] if "#" in text else []
    n_toks = len(toks)
    if lang == "en":
        # An English place name starts with a capital (or a digit): only such tokens, and
        # Arabic ones, need a lookup. Testing them in one comprehension is much cheaper
        # than a trip round the loop below for every lower-case word.
        tries: Sequence[int] = _name_initials(text, norm, toks)
    else:
        tries = range(n_toks)
    nxt = 0  # the first token not inside the previous span looked at
    named_to = -1  # the token after the last place name found
    for i in tries:
        if i < nxt:
            continue
        tok = toks[i].text
        arabic = is_arabic(tok)
        nxt = i + 1
        if not arabic and tok not in prefixes and not has_key(tok):
            continue  # most capitalised words name no place (what the loop below finds)
        # a listed common word is not cut into clitic + place ("وجيزة" is not و + Giza)
        stop = stop_ar if arabic else stop_latin
        variants = (arabic_variants(tok) if tok not in stop else [tok]) if arabic else [tok]
        best: tuple[int, str] | None = None
        for v in variants:
            k = v
            n = 1
            found = n if has_key(k) else 0
            found_key = k if found else ""
            while k in prefixes and i + n < n_toks:
                nxt_tok = toks[i + n].text
                if is_arabic(nxt_tok) and nxt_tok.startswith("ال") and len(nxt_tok) > 3:
                    nxt_tok = nxt_tok[2:]
                k = f"{k} {nxt_tok}"
                n += 1
                if has_key(k):
                    found, found_key = n, k
            if found and (best is None or found > best[0]):
                best = (found, found_key)
        if best is None and arabic and "ال" in tok[2:]:
            glued = _unglued_key(tok, prefixes, has_key)
            if glued:
                best = (1, glued)
        if best is None:
            continue
        n, k = best
        span_toks = toks[i : i + n]
        start, end = norm.span(span_toks[0].start, span_toks[-1].end)
        if any(s < end and start < e for s, e in exclude):
            nxt = i + n
            continue
        if tags and any(s <= start < e and (start, end) != (s, e) for s, e in tags):
            nxt = i + n
            continue
        if not arabic and not _capitalised(text, norm, span_toks):
            continue
        if len(k) < 2 or (arabic and n == 1 and len(k) < 3):
            continue
        cue = _cue_before(toks, i, lang) or _cue_after(toks, i + n, lang)
        if cue and cue.endswith("person") and not norm.text[toks[i - 1].end : toks[i].start].strip():
            nxt = i + n
            continue  # "ابن طولون", "الإمام الحسين": a name in a person's name
        if cue and cue.endswith(("organisation", "event")):
            if _names_organisation(norm, toks, i):
                nxt = i + n
                continue  # "بنك فلسطين", "كأس إسبانيا": a name in a name
            cue = cue.rpartition("+")[0] or None
        if n == 1 and k in stop and not _licenses(cue):
            continue
        if n == 1 and arabic and _country_adjective(tok, k, gazetteer):
            continue
        if n == 1 and arabic and not _definite(tok, k) and _named_with_article(k, gazetteer):
            continue
        if n == 1 and arabic and _nisba_after_noun(norm, toks, i, k, i == named_to):
            continue
        if n == 1 and arabic and not cue and not _locative_ar(toks, i) and _only_hamlets(
                k, gazetteer, home_countries("ar")):
            continue  # a bare word naming only villages is mostly something else
        out.append(Mention(start, end, text[start:end], k, lang, cue))
        nxt = named_to = i + n
    if lang == "ar" or getattr(gazetteer, "open_world", False):
        out = _cued_unknown(text, norm, toks, lang, out, exclude)
    return out


# Arabic place names that are two words, the first one of these: "تل ابيض", "عين عيسى".
_AR_NAME_HEADS = frozenset(key(w) for w in
                           "تل عين كفر دير خربة أم بئر رأس جسر بيت أبو بني مزرعة قصر حزة".split())
_UNKNOWN_CUES = frozenset({"city"})


@functools.cache
def _calendar_words() -> frozenset[str]:
    """English weekday and month names (data/dates.yaml): capitalised, but never part of
    a place name ("village of Qarqoozat on Monday" names Qarqoozat)."""
    data = cached_yaml("dates.yaml") or {}
    words = list((data.get("weekdays") or {}).get("en") or [])
    for forms in (data.get("months") or {}).get("en") or []:
        words += [f for f in forms if len(f) > 3]  # "Mar", "May" may start a name
    return frozenset(str(w).casefold() for w in words)


def _calendar_word(token: str) -> bool:
    return token.casefold() in _calendar_words()


def _cued_unknown(text: str, norm: Normalized, toks: Sequence[Token], lang: str,
                  found: list[Mention], exclude: Sequence[tuple[int, int]]) -> list[Mention]:
    """``found`` plus the names the gazetteer does not know right after a town/village cue
    ("قرية X", "village of X"): in Arabic always (a village the gazetteer lacks is still a
    place mention, which resolves to ``None`` and is reported rather than mapped), in English
    for a gazetteer with an online geocoder behind it (``open_world``). An Arabic cue must
    be in the construct state ("قرية X", not "المدينة القديمة", the old city). A longer
    cued name replaces a known name it contains ("village of Tal Shaeer" over the known
    "Tal")."""
    stop = common_words(lang)
    out = list(found)
    for i in range(1, len(toks)):
        got = _cue_at(toks, i, lang)
        if got is None or got[0] not in _UNKNOWN_CUES or norm.text[toks[i - 1].end : toks[i].start].strip():
            continue
        first = toks[i].text
        if lang == "ar":
            if not is_arabic(first):
                continue
            if not _names_organisation(norm, toks, i):
                continue  # "المدينة القديمة" (the old city): a name follows "مدينة", not "المدينة"
            n = 2 if key(first) in _AR_NAME_HEADS and i + 1 < len(toks) else 1
        else:
            n = 0
            while (i + n < len(toks) and n < 4 and not _calendar_word(toks[i + n].text)
                   and _capitalised(text, norm, toks[i : i + n + 1])):
                n += 1
            while n and toks[i + n - 1].text in _CONNECTORS:
                n -= 1
        if not n:
            continue
        start, end = norm.span(toks[i].start, toks[i + n - 1].end)
        k = key(text[start:end])
        if len(k) < 3 or k in stop or any(s < end and start < e for s, e in exclude):
            continue
        inside = [m for m in out if start <= m.start and m.end <= end]
        if any(m.start < end and start < m.end for m in out if m not in inside) or any(
            (m.start, m.end) == (start, end) for m in inside
        ):
            continue
        out = [m for m in out if m not in inside]
        out.append(Mention(start, end, text[start:end], k, lang, _cue_before(toks, i, lang)))
    return sorted(out, key=lambda m: m.start)
