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
  the gazetteer lacks it (it resolves to ``None``); after a natural feature's ("جزيرة
  كريت", "نهر X") only a name the gazetteer knows.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Sequence

from ..gazetteer.base import Gazetteer
from ..knowledge import word_list
from ..records import Mention
from ..text.lang import in_script
from ..text.languages import language as language_of
from ..text.normalize import Memo, Normalized, Token, arabic_variants, fold, is_arabic, key
from ..text.spelling import arabic_rules, latin_rules
from ..text.view import TextView
from .arabic import (
    context_skeleton_keys,
    country_adjective,
    country_area_mentions,
    definite,
    foreign_country,
    locative_ar,
    named_with_article,
    names_office,
    names_organisation,
    nisba_after_noun,
    only_hamlets,
    persian_only,
    proclitic,
    unglued_key,
    word_with_article,
)
from .capital import drop_named_capital
from .cues import (
    calendar_words,
    common_words,
    cue_after,
    cue_at,
    cue_before,
    cue_reaches,
    home_countries,
    place_words,
    place_words_any,
)
from .found import Found, Spans
from .notplaces import drop_not_places, idioms
from .variants import arabic_mentions, folded_mentions

_HASHTAG = re.compile(r"#\w+")


#: Apostrophes that join the parts of one transliterated name ("Dar'a", "Sana’a").
_APOSTROPHES = frozenset("'\u2019\u02bc\u02bb`")


def _capitalised(original: str, norm: Normalized, toks: Sequence[Token]) -> bool:
    for n, t in enumerate(toks):
        s, e = norm.span(t.start, t.end)
        ch = original[s]
        if ch.isupper() or ch.isdecimal():
            continue
        if n > 0 and t.text in place_words_any("connectors"):
            continue
        if (n > 0 and s > 1 and original[s - 1] in _APOSTROPHES and original[s - 2].isalpha()
                and t.text != "s"):
            # "Dar'a", "Sana'a": the letters after an apostrophe inside a word (not the
            # possessive "s": "Smith's" is no place)
            continue
        if n == 0 and len(toks) > 1 and _article_of(original, t.text, e):
            continue  # "al-Bab": the article is written in lower case
        return False
    return True


def _article_of(original: str, word: str, end: int) -> bool:
    """Is ``word`` (ending at ``end`` of the original text) an Arabic article joined by a
    hyphen to a capitalised name ("al-Bab", "ar-Raqqa")?"""
    return (
        word in place_words("arabic_articles", "en")
        and original[end : end + 1] == "-"
        and original[end + 1 : end + 2].isupper()
    )


_CAPITAL = Memo(lambda ch: ch.isupper() or ch.isdecimal())
_ARABIC_LETTER = Memo(lambda ch: "\u0621" <= ch <= "\u064a")
_token_start = operator.itemgetter(1)  # Token.start, by position (cheaper)
_token_text = operator.itemgetter(0)  # Token.text, by position


def _name_initials(view: TextView) -> list[int]:
    """The tokens an English place name can start at: those written with a capital or a
    digit in the text, and Arabic words. Every token is tested, so the test runs as
    map() and compress() over the tokens' first characters, without a Python loop."""
    text, norm, toks = view.text, view.norm, view.tokens
    capital = map(_CAPITAL.__getitem__, map(text.__getitem__, view.token_starts))
    if _ARABIC_LETTERS.search(norm.text) is None:
        return list(itertools.compress(range(len(toks)), capital))  # no Arabic word (one scan)
    arabic = map(_ARABIC_LETTER.__getitem__, map(norm.text.__getitem__, map(_token_start, toks)))
    return list(itertools.compress(range(len(toks)), map(operator.or_, capital, arabic)))


_ARABIC_LETTERS = re.compile("[\u0621-\u064a]")  # the letters _ARABIC_LETTER tests for


#: the most names a list before a unit word may hold after its first ("Butler, Clark,
#: Hamilton and Warren counties"), and the most words of one name: the walk from a name to
#: the unit word stays short, whatever the text
LIST_NAMES = 12
LIST_NAME_WORDS = 3
#: what may part two names of a list (besides "and", "or"): spaces and one comma
_LIST_GAP = re.compile(r"\s*,?\s*")
_LIST_WORDS = frozenset({"and", "or"})


def _with_list_cue(view: TextView, i: int, n: int, k: str, cue: str | None,
                   stop: frozenset[str]) -> str | None:
    """``cue``, or for a one-word Latin-script name without one that is mostly a common
    word (key ``k`` in ``stop``), the cue of the unit word after the list it opens
    (:func:`_cue_after_list`)."""
    if n != 1 or cue or k not in stop or is_arabic(view.tokens[i].text):
        return cue
    return _cue_after_list(view, i + 1)


@functools.cache
def _list_units(lang: str) -> frozenset[str]:
    """``list_units`` of ``data/place_cues.yaml``, folded."""
    return frozenset(fold(w) for w in word_list("place_cues.yaml", "list_units", lang))


def _cue_after_list(view: TextView, j: int) -> str | None:
    """The cue of the plural unit word that ends a list of capitalised names going on at
    token ``j``, after the list's first name ("Clarke[, Madison, Oconee and Oglethorpe
    counties]"; ``list_units`` of data/place_cues.yaml). ``None`` when no such list goes
    on there."""
    text, toks, starts = view.text, view.tokens, view.token_starts
    names = words = 0
    after_name = True  # token j - 1 ends a name
    while 0 < j < len(toks) and names <= LIST_NAMES:
        gap = text[view.norm.span(toks[j - 1].start, toks[j - 1].end)[1] : starts[j]]
        if not _LIST_GAP.fullmatch(gap):
            return None
        capital = text[starts[j]].isupper()
        if after_name and not capital and "," not in gap and toks[j].text not in _LIST_WORDS:
            if not names or fold(toks[j].text) not in _list_units(view.language):
                return None
            return cue_after(toks, j, view.language)
        if toks[j].text in _LIST_WORDS:
            if not after_name:
                return None  # "and or": no list; each word is walked over once at most
            after_name = False
        elif not capital:
            return None
        elif after_name and "," not in gap:
            words += 1  # the next word of a name ("Palm Beach")
            if words >= LIST_NAME_WORDS:
                return None
        else:
            names, words, after_name = names + 1, 0, True
        j += 1
    return None


def _licenses(cue: str | None) -> bool:
    # not a natural feature's: "جبل الجليد" is the iceberg
    return bool(cue) and any(c in ("city", "province", "countryside") for c in cue.split("+"))


def recognise(
    text: str | TextView,
    gazetteer: Gazetteer,
    language: str | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    countries: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Find place mentions in ``text`` (offsets into the original text), longest match first.

    Parameters
    ----------
    text : the original text, or its :class:`~geomap.text.view.TextView` (prepared once
        for all stages).
    gazetteer : a backend with ``has_key`` and ``prefixes``.
    language : ``"ar"`` or ``"en"``; the view's, or detected from the script, when ``None``.
    exclude : spans of the original text where no place may be found (actor names).
    countries : countries (ISO alpha-2) the text is about by other words than place names
        (its actors': "regime forces"), for the names known in another spelling.
    """
    view = TextView.of(text, language)
    text, lang, norm, toks = view.text, view.language, view.norm, view.tokens
    has_key = gazetteer.has_key
    prefixes = gazetteer.prefixes()
    # a word's script, not the document's language, says which stop-list and which
    # rules apply to it: "net", "com" or "in" in an Arabic text are no places either
    stop_ar, stop_latin = common_words("ar"), common_words("en")
    out: list[Mention] = []
    # hashtags: "#حفر_الباطن" is a place, "#أمطار_الكويت" (Kuwait rain) is a topic
    tags = [(m.start() + 1, m.end()) for m in _HASHTAG.finditer(text)] if "#" in text else []
    tries = _candidate_tokens(view)
    _prefetch(gazetteer, toks, tries, stop_ar, prefixes)
    firsts = view.token_starts
    excluded = Spans(exclude)
    nxt = 0  # the first token not inside the previous span looked at
    named_to = -1  # the token after the last place name found
    # a language that writes names in its own script: the words of another are no names
    own_script = language_of(lang).script if language_of(lang).own_script_names else ""
    for i in tries:
        if i < nxt:
            continue
        tok = toks[i].text
        arabic = is_arabic(tok)
        nxt = i + 1
        if (own_script and not in_script(tok, own_script)) or (
            not arabic and tok not in prefixes and not has_key(tok)
        ):
            # "CD-ROM", "(Albi)" in an Arabic text; most capitalised words name no place
            continue
        stop = stop_ar if arabic else stop_latin
        best = _lookup(toks, i, stop, prefixes, has_key)
        if best is None:
            continue
        n, k = best
        if not arabic and n > 1 and _ill_formed(
            text, norm, toks[i : i + n], k, arabic, _initials_capital(text, firsts, i, n)
        ):
            # "Anbar province": the gazetteer's longer name in lower case is not written
            # as a name, its capitalised head is
            n, k = _well_formed_head(text, norm, toks, i, n, has_key) or (n, k)
        span_toks = toks[i : i + n]
        start, end = norm.span(span_toks[0].start, span_toks[-1].end)
        if _blocked(start, end, excluded, tags):
            nxt = i + n
            continue
        if _ill_formed(
            text, norm, span_toks, k, arabic, not arabic and _initials_capital(text, firsts, i, n)
        ):
            continue
        cue, in_name = _cue(view, i, n, k)
        if in_name:
            nxt = i + n
            continue  # "ابن طولون", "بنك فلسطين": a name in a person's or an organisation's name
        after_name = i == named_to
        # "Clarke, Madison and Oconee counties": the unit word after a list is every listed
        # name's cue, and licenses a name that is mostly a common word
        cue = _with_list_cue(view, i, n, k, cue, stop)
        if (n == 1 and _bare_word_out(view, i, k, cue, stop, gazetteer, after_name)) or (
            arabic and _phrase_out(view, i, n, k, cue, after_name)
        ):
            continue  # "الباب" (the door); "أمر صلاح الدين" (Saladin ordered), "مسقط رأسه"
        out.append(Mention(start, end, text[start:end], k, lang, cue))
        nxt = named_to = i + n
    return _complete(view, gazetteer, out, exclude, countries)


def _complete(
    view: TextView, gazetteer: Gazetteer, out: list[Mention], exclude: Sequence[tuple[int, int]],
    countries: frozenset[str] = frozenset(),
) -> list[Mention]:
    """The mentions found by name, completed: unknown names after a town cue, names known
    in another spelling; without the words that are no places."""
    text, lang, norm, toks = view.text, view.language, view.norm, view.tokens
    if language_of(lang).unknown_after_cue or getattr(gazetteer, "open_world", False):
        out = _cued_unknown(text, norm, toks, lang, out, exclude)
    if language_of(lang).names_capitalised:
        # names the gazetteer knows in another spelling ("Hodeidah", "Maarat al-Numan")
        out = folded_mentions(view, gazetteer, out, exclude, countries)
    if language_of(lang).clitics:
        # Arabic words the gazetteer knows only in Latin script ("البوكمال", Albu Kamal)
        out = arabic_mentions(view, gazetteer, out, exclude, countries)
        # "تاجوراء" known in Arabic only in Djibouti: in a text about Libya, its Latin namesake
        out = context_skeleton_keys(out, gazetteer, countries, latin_rules().arabic_regions)
        # "العالم العربي", "البحر المتوسط": large regions no gazetteer place stands for
        out = _region_mentions(view, out, exclude)
        # "الحدود اللبنانية" (the Lebanese border): a place in that country
        out = country_area_mentions(view, out, gazetteer, exclude)
    # "pro-Hadi", "US dollar", "Taliban": words that are no places (data/not_places.yaml);
    # "العاصمة بغداد": the capital is the name after the word
    return drop_named_capital(text, drop_not_places(text, out, gazetteer), lang)


@functools.cache
def _region_keys(lang: str) -> dict[str, frozenset[str]]:
    """``region_names`` of ``data/place_names.yaml``: their keys, by the key of their first
    word."""
    out: dict[str, set[str]] = {}
    for name in word_list("place_names.yaml", "region_names", lang):
        k = key(name)
        out.setdefault(k.split(" ", 1)[0], set()).add(k)
    return {first: frozenset(ks) for first, ks in out.items()}


def _region_mentions(
    view: TextView, found: list[Mention], exclude: Sequence[tuple[int, int]]
) -> list[Mention]:
    """``found`` plus the names of large regions (``region_names``), their first word with
    or without clitics ("وبالعالم العربي"); a region replaces the names inside it."""
    regions = _region_keys(view.language)
    if not regions:
        return found
    text, toks, norm = view.text, view.tokens, view.norm
    out = list(found)
    for i, tok in enumerate(toks):
        if not is_arabic(tok.text):
            continue
        for first in [v for v in arabic_variants(tok.text) if v in regions]:
            for k in sorted(regions[first], key=len, reverse=True):
                n = k.count(" ") + 1
                rest = " ".join(t.text for t in toks[i + 1 : i + n])
                if i + n > len(toks) or key(rest) != k.split(" ", 1)[1]:
                    continue
                start, end = norm.span(tok.start, toks[i + n - 1].end)
                inside = [m for m in out if start <= m.start and m.end <= end]
                if any(s < end and start < e for s, e in exclude) or any(
                    m.start < end and start < m.end for m in out if m not in inside
                ):
                    break
                out = [m for m in out if m not in inside]
                out.append(Mention(start, end, text[start:end], k, view.language, None))
                break
            else:
                continue
            break
    return sorted(out, key=lambda m: m.start)


def _candidate_tokens(view: TextView) -> Sequence[int]:
    """The tokens a place name may start at."""
    if language_of(view.language).names_capitalised:
        # A name starts with a capital (or a digit): only such tokens, and Arabic ones,
        # need a lookup. Testing them in one comprehension is much cheaper than a trip
        # round the loop of recognise() for every lower-case word.
        # "al-Bab" is Al Bab, Syria, before it is Báb, Slovakia: a name may also start at
        # a lower-case Arabic article hyphened to a capitalised word, unless a capitalised
        # word before it opens the name ("Ras al-Ain", "Omar al-Bashir")
        starts = _name_initials(view)
        text, norm, firsts, toks = view.text, view.norm, view.token_starts, view.tokens
        # the few article tokens are found in C (a set lookup mapped over the words)
        is_article = place_words("arabic_articles", "en").__contains__
        articles = [
            i
            for i in itertools.compress(
                range(len(toks)), map(is_article, map(_token_text, toks))
            )
            if _article_of(text, toks[i].text, norm.span(toks[i].start, toks[i].end)[1])
            and not (i and text[firsts[i - 1]].isupper())
        ]
        return sorted(set(starts).union(articles)) if articles else starts
    return range(len(view.tokens))


def _prefetch(
    gazetteer: Gazetteer, toks: Sequence[Token], tries: Sequence[int], stop_ar: frozenset[str],
    prefixes,
) -> None:
    """Tell the gazetteer the strings :func:`recognise` will look up first: the words a
    name may start at (an Arabic word without its clitics too), then those words with the
    next one where the word begins a longer name. A gazetteer that reads its keys from
    storage then reads a document's in a query or two, not one query per word. Both are
    generators: a gazetteer that already knows the answers never runs them."""
    prefetch = getattr(gazetteer, "prefetch", None)  # (a stand-in may have none)
    if prefetch is None or not tries:
        return
    prefetch(_words_at(toks, tries, stop_ar))
    last = len(toks) - 1
    prefetch(
        f"{toks[i].text} {toks[i + 1].text}"
        for i in tries
        if i < last and toks[i].text in prefixes
    )


def _words_at(toks: Sequence[Token], tries: Sequence[int], stop_ar: frozenset[str]):
    """The words at tokens ``tries``, and the Arabic ones without their clitics."""
    for i in tries:
        w = toks[i].text
        yield w
        if _ARABIC_LETTER[w[0]] and w not in stop_ar:
            yield from arabic_variants(w)


def _ill_formed(
    text: str, norm: Normalized, span_toks: Sequence[Token], k: str, arabic: bool,
    capital: bool = False,
) -> bool:
    """Is a matched name no name as written: a Latin name not capitalised, or a key too
    short to trust (one letter; two Arabic letters, or Arabic words of two letters each:
    "لا في", *no, in*, is no La Faye)? ``capital``: the caller knows every token of the
    name starts with a capital or a digit (then it is capitalised)."""
    if not arabic and not capital and not _capitalised(text, norm, span_toks):
        return True
    return len(k) < 2 or (arabic and max(map(len, k.split())) < 3)


def _well_formed_head(
    text: str, norm: Normalized, toks: Sequence[Token], i: int, n: int, has_key
) -> tuple[int, str] | None:
    """The longest known name of fewer than ``n`` Latin tokens from ``i`` that is written
    as a name (capitalised), or ``None``."""
    for m in range(n - 1, 0, -1):
        k = " ".join(t.text for t in toks[i : i + m])
        if has_key(k) and not _ill_formed(text, norm, toks[i : i + m], k, False):
            return m, k
    return None


def _lookup(
    toks: Sequence[Token], i: int, stop: frozenset[str], prefixes: frozenset[str], has_key
) -> tuple[int, str] | None:
    """The longest gazetteer name at token ``i``: its length in tokens and its key. An
    Arabic word is tried without its clitics, unless it is a listed common word ("وجيزة"
    is not و + Giza), and as two words glued together ("حفرالباطن")."""
    tok = toks[i].text
    arabic = is_arabic(tok)
    variants = (arabic_variants(tok) if tok not in stop else [tok]) if arabic else [tok]
    best = _longest(toks, i, variants, prefixes, has_key)
    if best is None and arabic and "ال" in tok[2:]:
        glued = unglued_key(tok, prefixes, has_key)
        if glued:
            best = (1, glued)
    return best


def _initials_capital(text: str, firsts: Sequence[int], i: int, n: int) -> bool:
    """Do tokens ``i:i+n`` all start with a capital or a digit in the original text
    (``firsts``: the tokens' starts there)? Then :func:`_capitalised` holds without its
    offset mapping and its exceptions."""
    if n == 1:
        return _CAPITAL[text[firsts[i]]]
    return all(_CAPITAL[text[firsts[j]]] for j in range(i, i + n))



def _blocked(start: int, end: int, exclude: Spans, tags: Sequence[tuple[int, int]]) -> bool:
    """Does the span overlap an excluded span (an actor's name), or lie inside a hashtag
    without being all of it ("#أمطار_الكويت", Kuwait rain, is a topic)?"""
    if exclude.overlaps(start, end):
        return True
    for s, e in tags:
        if s <= start < e and (start, end) != (s, e):
            return True
    return False


def _longest(
    toks: Sequence[Token], i: int, variants: Sequence[str], prefixes: frozenset[str], has_key
) -> tuple[int, str] | None:
    """The longest gazetteer name starting at token ``i`` (in one of the token's
    ``variants``): how many tokens it takes, and its key."""
    n_toks = len(toks)
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
    return best


#: kinds of cue that make a name part of another name
_NAME_KINDS = ("person", "organisation", "event")


def _cue(view: TextView, i: int, n: int, k: str) -> tuple[str | None, bool]:
    """The cue of the name at tokens ``i:i+n`` (key ``k``), and whether the cue makes the
    name a part of a person's or an organisation's name ("ابن طولون", "بنك فلسطين", "كأس
    إسبانيا"; not a name with a clitic of its own: "بن ببغداد")."""
    toks, norm, lang = view.tokens, view.norm, view.language
    before = cue_before(toks, i, lang)
    if before and not cue_reaches(norm.text, toks, i, before):
        before = None
    cue = before or cue_after(toks, i + n, lang)
    if cue and proclitic(toks[i].text, k):
        return (None if cue.endswith(_NAME_KINDS) else cue), False
    if names_office(norm, toks, i, lang):
        return cue, True  # "مأمور أوقاف عكا": the office's, over a noun
    if cue and cue.endswith("person") and not norm.text[toks[i - 1].end : toks[i].start].strip():
        return cue, True
    if cue and cue.endswith(("organisation", "event")):
        if names_organisation(norm, toks, i):
            return cue, True
        cue = cue.rpartition("+")[0] or None
    if (
        cue
        and cue.startswith(("organisation+", "event+"))
        and _heads_name(view.norm, toks, i, lang)
    ):
        return cue, True  # "حكومة إقليم كردستان", the Kurdistan Region's government
    return cue, False


def _heads_name(norm: Normalized, toks: Sequence[Token], i: int, lang: str) -> bool:
    """Does an organisation or event cue head the name at token ``i`` across a kind of
    place in the construct state ("حكومة إقليم كردستان", "بلدية مدينة البيرة")?"""
    inner = cue_at(toks, i, lang)
    if inner is None:
        return False
    j = i - inner[1]
    outer = cue_at(toks, j, lang)
    return (
        outer is not None
        and outer[0] in ("organisation", "event")
        and names_organisation(norm, toks, j)
        and names_organisation(norm, toks, i)
    )


def _bare_word_out(
    view: TextView,
    i: int,
    k: str,
    cue: str | None,
    stop: frozenset[str],
    gazetteer: Gazetteer,
    after_name: bool,
) -> bool:
    """Is the one-word name at token ``i`` (key ``k``) no place? A common word without a
    licensing cue; in Arabic, an adjective, a name without its article, or a bare word
    naming only villages (mostly something else)."""
    tok = view.tokens[i].text
    if k in stop and not _licenses(cue):
        return True
    if not is_arabic(tok):
        return False
    toks, norm = view.tokens, view.norm
    return (
        country_adjective(tok, k, gazetteer)
        or (
            not definite(tok, k)
            and named_with_article(k, gazetteer)
            and not foreign_country(k, gazetteer, home_countries("ar"))
        )
        or word_with_article(tok, k)
        or nisba_after_noun(norm, toks, i, k, after_name)
        or (
            not cue
            and not locative_ar(toks, i)
            and (only_hamlets(k, gazetteer, home_countries("ar")) or persian_only(k, gazetteer))
        )
    )


def _phrase_out(
    view: TextView, i: int, n: int, k: str, cue: str | None, after_name: bool
) -> bool:
    """Is the Arabic name at tokens ``i:i+n`` (key ``k``) part of a person's honorific
    name or of an idiom (see :func:`_laqab`, :func:`_opens_idiom`)?"""
    return (n == 2 and _laqab(view, i, cue, after_name)) or _opens_idiom(
        view.tokens, i + n, k, view.language
    )


def _opens_idiom(toks: Sequence[Token], j: int, k: str, lang: str) -> bool:
    """Does the name of key ``k``, ending before token ``j``, open an idiom ("مسقط رأسه")?
    The idiom's next word may carry a pronoun suffix."""
    nexts = idioms(lang).get(k)
    if not nexts or j >= len(toks):
        return False
    word = key(toks[j].text)
    return any(word.startswith(w) for w in nexts)


def _laqab(view: TextView, i: int, cue: str | None, after_name: bool) -> bool:
    """Is the two-word Arabic name at token ``i`` an honorific given name ("صلاح الدين",
    Saladin), with no cue, place preposition or place name right before it?"""
    toks = view.tokens
    return (
        toks[i + 1].text in place_words("laqab_tails", "ar")
        and not cue
        and not after_name
        and not locative_ar(toks, i)
    )


#: cue kinds after which a name the gazetteer lacks is still a place: a town or village. Not
#: a natural feature's ("جبل قاسيون", "نهر بردى"): a mountain or river the gazetteer lacks
#: cannot be placed, and IDRISI's acc@161 fell with them (0.902 -> 0.897)
_UNKNOWN_CUES = frozenset({"city"})


def _cued_unknown(
    text: str,
    norm: Normalized,
    toks: Sequence[Token],
    lang: str,
    found: list[Mention],
    exclude: Sequence[tuple[int, int]],
) -> list[Mention]:
    """``found`` plus the names the gazetteer does not know right after a town/village cue
    ("قرية X", "village of X"): in Arabic always (a village the gazetteer lacks is still a
    place mention, which resolves to ``None`` and is reported rather than mapped), in English
    for a gazetteer with an online geocoder behind it (``open_world``). An Arabic cue must
    be in the construct state ("قرية X", not "المدينة القديمة", the old city). A longer
    cued name replaces a known name it contains ("village of Tal Shaeer" over the known
    "Tal")."""
    stop = common_words(lang)
    out = Found(found)
    barred = Spans(exclude)
    for i in range(1, len(toks)):
        got = cue_at(toks, i, lang)
        if (
            got is None
            or got[0] not in _UNKNOWN_CUES
            or norm.text[toks[i - 1].end : toks[i].start].strip()
        ):
            continue
        n = _cued_name_length(text, norm, toks, i, lang)
        if not n or (language_of(lang).clitics and _heads_name(norm, toks, i, lang)):
            continue  # "مختار قرية X": the village's headman, an office
        start, end = norm.span(toks[i].start, toks[i + n - 1].end)
        k = key(text[start:end])
        if len(k) < 3 or k in stop or barred.overlaps(start, end):
            continue
        if language_of(lang).clitics and k in arabic_rules()["not_names"]:
            continue  # "مخيم آخر" (another camp), "منطقة جبلية": no name follows the cue
        near = out.overlapping(start, end)
        inside = [m for m in near if start <= m.start and m.end <= end]
        if len(inside) < len(near) or any((m.start, m.end) == (start, end) for m in inside):
            continue
        out.replace(inside, Mention(start, end, text[start:end], k, lang,
                                    cue_before(toks, i, lang)))
    return sorted(out.mentions(), key=lambda m: m.start)


def _calendar_word(token: str, lang: str) -> bool:
    """A weekday or month name ends a cued name ("village of Qarqoozat on Monday" names
    Qarqoozat); short month abbreviations ("Mar", "May") may start a name and do not."""
    w = fold(token)
    return len(w) > 3 and w in calendar_words(lang)


def _cued_name_length(text: str, norm: Normalized, toks: Sequence[Token], i: int, lang: str) -> int:
    """How many tokens from ``i`` on make the name after a town/village cue (0: none)."""
    first = toks[i].text
    if language_of(lang).clitics:
        if not is_arabic(first):
            return 0
        if not names_organisation(norm, toks, i):
            return 0  # "المدينة القديمة" (the old city): a name follows "مدينة", not "المدينة"
        # two-word names open with a name head: "تل ابيض", "عين عيسى"
        return 2 if key(first) in place_words("name_heads", lang) and i + 1 < len(toks) else 1
    n = 0
    while (
        i + n < len(toks)
        and n < 4
        and not _calendar_word(toks[i + n].text, lang)
        and _capitalised(text, norm, toks[i : i + n + 1])
    ):
        n += 1
    while n and toks[i + n - 1].text in place_words_any("connectors"):
        n -= 1
    return n
