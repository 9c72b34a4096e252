"""Words that look like place names and are not places (``data/not_places.yaml``).

A gazetteer of every hamlet on earth names most capitalised words somewhere. Recognition
drops a Latin-script mention that is

* a fragment of a hyphenated name: the article of "Ar-Raqqa" or "Al-Bab" alone; the word
  after a stance prefix ("pro-Hadi", "anti-Assad"), unless a country; the word after an
  Arabic article ("al-Numan") when none of its places is in an Arab country (Numan,
  Nigeria, is no "al-Numan");
* part of a currency, a unit or a weapon ("Molotov cocktail", "Kalashnikov rifle"), unless
  it is a country ("US dollars" names the country as a modifier);
* an organisation named like a hamlet (Taliban, Islah, Hezbollah), unless a town cue
  stands before it;
* a common word of another language (Colonia, Sul), unless a town cue stands before it;
* a word of a war's or a peace's name ("the Gulf War", "the Iran-Iraq War", "the Oslo
  Accords").
"""

from __future__ import annotations

import functools
import re

from ..gazetteer.base import Gazetteer, memo_of
from ..gazetteer.regions import SOURCE as PHYSICAL
from ..knowledge import cached_yaml
from ..records import Mention
from ..text.normalize import Memo, fold, key
from ..text.spelling import latin_rules
from .cues import calendar_words, place_words, populations

_WORD_BEFORE = re.compile(r"([^\W\d_]+)-$")
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")


def _hyphened_before(text: str, start: int) -> re.Match[str] | None:
    """:data:`_WORD_BEFORE` searched for before ``start`` (within 12 characters). The
    callers want a match that ends at ``start``, and such a match ends with the hyphen
    right before it: without one (most mentions), no search."""
    if text[start - 1 : start] != "-":
        return None
    return _WORD_BEFORE.search(text, max(0, start - 12), start)


@functools.cache
def _lists() -> dict[str, frozenset[str]]:
    data = cached_yaml("not_places.yaml") or {}
    out = {
        k: frozenset(fold(str(w)) for w in data.get(k) or ())
        for k in ("stance_prefixes", "followers", "organisations", "foreign_words",
                  "english_words", "brands", "name_particles", "leader_followers",
                  "news_agencies",
                  "function_words",
                  "kunya_words", "speech_verbs", "name_suffixes", "job_words", "festivals",
                  "person_passives", "surnames", "kin_words",
                  "units")
    }
    return out


@functools.cache
def _organisation_heads() -> re.Pattern[str]:
    """``organisation_heads`` of ``data/not_places.yaml`` followed by "of" (and "the"),
    right before a name: "Government of ", "the Islamic State of "."""
    heads = (cached_yaml("not_places.yaml") or {}).get("organisation_heads") or ()
    words = sorted((re.escape(str(w)).replace(r"\ ", r"\s+") for w in heads), key=len,
                   reverse=True)
    if not words:
        return re.compile(r"(?!)")
    # "the Islamic State of Iraq and the Levant": the second name too
    second = r"(?:[A-Z][\w'’-]*\s+and\s+(?:the\s+)?)?"
    # "the Ministry of Defence of Ukraine": a portfolio of capitalised words between
    portfolio = r"(?:\s+of\s+(?-i:[A-Z][\w'’-]*)(?:\s+(?:and\s+)?(?-i:[A-Z][\w'’-]*)){0,2})?"
    return re.compile(
        rf"\b(?:{'|'.join(words)}){portfolio}\s+(?:of|for)\s+(?:the\s+)?{second}$",
        re.IGNORECASE,
    )


@functools.cache
def _portfolio_heads() -> re.Pattern[str]:
    """``portfolio_heads`` of ``data/not_places.yaml``, capitalised as a title is, followed
    by "for" (and "the"), right before a name: "Minister for the ", "Special Envoy for "
    (not "a representative for Henrico County Police": a common noun)."""
    heads = (cached_yaml("not_places.yaml") or {}).get("portfolio_heads") or ()
    words = sorted((re.escape(str(w).capitalize()) for w in heads), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    # "Minister of State for the Middle East", "Secretary of State for Syria"
    between = r"(?:\s+(?:of\s+)?[A-Z][a-z]+){0,2}"
    return re.compile(rf"\b(?:{'|'.join(words)}){between}\s+for\s+(?:the\s+)?$")


@functools.cache
def capital_words(lang: str) -> frozenset[str]:
    """Words for "the capital" in ``lang`` (``capital_words`` in ``data/not_places.yaml``),
    as lookup keys."""
    data = (cached_yaml("not_places.yaml") or {}).get("capital_words") or {}
    return frozenset(key(str(w)) for w in data.get(lang) or ())


@functools.cache
def idioms(lang: str) -> dict[str, frozenset[str]]:
    """``idioms`` of ``data/not_places.yaml`` for ``lang``: the key of a name that opens one,
    and the keys of the words that may follow it there."""
    from ..text.normalize import key

    data = (cached_yaml("not_places.yaml") or {}).get("idioms") or {}
    out: dict[str, set[str]] = {}
    for phrase in data.get(lang) or ():
        head, _, rest = str(phrase).partition(" ")
        out.setdefault(key(head), set()).add(key(rest))
    return {k: frozenset(v) for k, v in out.items()}


def _known(m: Mention, gazetteer: Gazetteer) -> list:
    """The gazetteer's own places for a mention (a geocoder behind it is not asked)."""
    return gazetteer.candidates(m.key) if gazetteer.has_key(m.key) else []


def _town_cue(m: Mention) -> bool:
    return bool(m.cue) and "city" in m.cue.split("+")


def not_a_place(text: str, m: Mention, gazetteer: Gazetteer) -> bool:
    """Is the Latin-script mention ``m`` of ``text`` a word that is no place here?"""
    return _why_not(text, m, gazetteer) is not None


def _why_not(text: str, m: Mention, gazetteer: Gazetteer) -> str | None:
    """Why the mention is no place (``"person"`` for a word of a person's name, ``"word"``
    for any other reason), or ``None`` when it may be one."""
    after = _WORD_AFTER.match(text, m.end)  # the word after the mention, read once for both
    return (
        "word" if _not_a_name(text, m, gazetteer, after)
        else _persons_word(text, m, gazetteer, after)
    )


def _not_a_name(text: str, m: Mention, gazetteer: Gazetteer, after) -> bool:
    """Is the mention a word that is no place, for another reason than a person's name?
    ``after``: :data:`_WORD_AFTER`'s match after it."""
    surface = m.surface
    if not surface[:1].isascii() or not surface[:1].isalpha():
        return False
    lists = _lists()
    k = fold(surface)
    articles = place_words("arabic_articles", "en")
    if " " not in k and k in articles and text[m.end : m.end + 1] == "-":
        return True  # "Ar" of "Ar-Raqqa"
    before = _hyphened_before(text, m.start)
    if before is not None and before.end() == m.start:
        word = fold(before.group(1))
        cands = _known(m, gazetteer)
        if word in lists["stance_prefixes"] and not any(p.is_country for p in cands):
            return True  # "pro-Hadi"
        if word in latin_rules().articles and " " not in k and not any(
            p.country_code in latin_rules().arabic_regions for p in cands
        ):
            return True  # "al-Numan": no Arab place of that name
    if (after is not None and fold(after.group(1)) in lists["followers"]) or _inner_follower(
        text, m, lists["followers"]
    ):
        # "Molotov cocktail", "Kalashnikov rifle", "the Al Bu Nimr tribe"; a country stays
        # ("US dollars": geoparsing corpora count the country as a place named as a modifier)
        return not any(p.is_country for p in _known(m, gazetteer))
    if (
        k in lists["organisations"] or k in lists["foreign_words"] or k in lists["english_words"]
        or k in lists["brands"]
    ) and not _town_cue(m):
        return True
    if (
        _acronym(text, m, gazetteer)
        or _news_agency(text, m, k)  # "SANA said", "the Fars news agency"
        or _organisations_word(text, m)
        or _date_unit_or_operation(text, m, k)
        or _word_goes_on(text, m, k, gazetteer)  # "Shi" of "Shi'ite"
    ):
        return True
    if _in_event_name(text, m, k):
        return True  # "the Gulf War", "the Iran-Iraq War", "the UK-France Summit"
    # "Tobias" (another name of Lydia, a hamlet in Ohio), "Tex"; "The Summit" (a word
    # with the article, another name of Columbus, a hamlet in Pennsylvania)
    return (
        (" " not in k or (k.startswith("the ") and k.count(" ") == 1))
        and not m.cue
        and _alias_of_hamlets(m, gazetteer)
    )


#: "agency" or "news agency" right after a name, or right before it
_AGENCY_AFTER = re.compile(r"\s+(?:news\s+)?agency\b", re.IGNORECASE)
_AGENCY_BEFORE = re.compile(r"\bagency(?:['’]s)?\s+$", re.IGNORECASE)


def _news_agency(text: str, m: Mention, k: str) -> bool:
    """Is the mention a news agency of ``news_agencies`` (data/not_places.yaml) named like
    a place, with no town cue before it: written in capitals, or next to "agency" ("the
    Fars news agency", "news agency Petra")?"""
    if k not in _lists()["news_agencies"] or _town_cue(m):
        return False
    return (
        (m.surface.isupper() and len(m.surface) >= 3)
        or bool(_AGENCY_AFTER.match(text, m.end))
        or bool(_AGENCY_BEFORE.search(text, max(0, m.start - 12), m.start))
    )


#: one or two capitalised words after a name and the word in lower case after them ("Nimr
#: tribe" after "Bu" in "the Al Bu Nimr tribe")
_FOLLOWER = re.compile(r"(?:\s+[A-Z][\w'’]*){1,2}\s+([a-z]+)")
#: a capitalised word right before a name, one space between
_CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w'’]*\s$")


def _inner_follower(text: str, m: Mention, followers: frozenset[str]) -> bool:
    """Is the mention a word inside a name that a word of ``followers`` ends ("Bu" of "the
    Al Bu Nimr tribe")? It must have a capitalised word of the name before it too: a
    place before other capitalised words stays ("the Kirkuk Arab tribes")."""
    got = _FOLLOWER.match(text, m.end)
    if got is None or got.group(1) not in followers:
        return False
    before = _CAPITAL_BEFORE.search(text, max(0, m.start - 30), m.start)
    return before is not None and fold(before.group().strip()) not in _lists()["function_words"]
#: an acronym: three to five capital letters (no full stops: "U.S." is written as a name)
_ACRONYM = re.compile(r"[A-Z]{3,5}")
#: a letter in lower case
_LOWER = re.compile(r"[a-z]")
#: a dash after a word: a dateline's ("XENIA — The girlfriend", "NEWARK -- Police")
_DASH_AFTER = re.compile(r"\s*(?:—|–|--)")


def _acronym(text: str, m: Mention, gazetteer: Gazetteer) -> bool:
    """Is the mention an acronym inside a sentence written in mixed case ("the 507th ARW
    will deploy", "ODE has completed an evaluation"): three to five capitals with a word in
    lower case before it on its line and no dash after it (a headline in capitals or a
    dateline is no sentence), matching no country, administrative unit or city of ``populations:
    foreign_town`` people ("UAE", "DPRK", "NSW" are places)?"""
    if not _ACRONYM.fullmatch(m.surface):
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    if not _LOWER.search(text, line_start, m.start) or _DASH_AFTER.match(text, m.end):
        return False  # a headline, or a dateline ("XENIA — The girlfriend of ...")
    return not any(
        p.is_country or p.feature_class == "A" or p.population >= populations()["foreign_town"]
        for p in _known(m, gazetteer)
    )


def _word_goes_on(text: str, m: Mention, k: str, gazetteer: Gazetteer) -> bool:
    """Is the mention the start of a word that goes on after an apostrophe ("Shi" of
    "Shi'ite", "Baha" of "Baha'i")? A capital stays, and a place the whole word names
    ("Sana ' a", "Al - Qa ' im" as token files write them)."""
    word_on = _APOSTROPHE_WORD.match(text, m.end)
    return (
        word_on is not None
        and not (m.surface.endswith("s") and text[m.end : m.end + 1] == " ")
        and not _big(_known(m, gazetteer), k)
        and not gazetteer.has_key(key(text[m.start : word_on.end()]))
    )


def _organisations_word(text: str, m: Mention) -> bool:
    """Is the mention part of an organisation's name: after "Government of" ("the
    Government of Iraq", "the Islamic State of Iraq") or an office's portfolio ("Minister
    for the Middle East"), or inside a group's name ("Boko
    Haram", "Liwa al-Quds")?"""
    lo = max(0, m.start - 40)
    # "of"/"for" and a space end every head: most mentions have none before them, and the
    # one search for it is much cheaper than the heads' long alternation at every position
    return bool(
        _OF_FOR.search(text, lo, m.start) and (
            _organisation_heads().search(text, lo, m.start)
            or _portfolio_heads().search(text, lo, m.start)
        )
    ) or _in_group_name(text, m) or _after_group_opener(text, m)


@functools.cache
def _group_opener() -> re.Pattern[str]:
    """``group_openers`` of ``data/not_places.yaml`` (capitalised), an Arabic article with
    a hyphen and a capitalised word ("Liwa al-Tawhid"; not "Saray Hotel"), and the name's
    further words: capitalised words, each after a space, a hyphen or an article and a
    hyphen, or a lower-case end after an apostrophe ("Ta'ifa", "Ta ' ifa" in token files)."""
    words = (cached_yaml("not_places.yaml") or {}).get("group_openers") or ()
    if not words:
        return re.compile(r"(?!)")
    alts = "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))
    arts = "|".join(sorted(place_words("arabic_articles", "en"), key=len, reverse=True))
    piece = rf"(?:(?:\s?-\s?|\s+)(?:(?i:{arts})\s?-\s?)?[A-Z][\w]*|\s?['’]\s?[a-z]+)"
    return re.compile(rf"\b(?:{alts})\s+(?i:{arts})\s?-\s?[A-Z]\w*{piece}{{0,5}}")


def _after_group_opener(text: str, m: Mention) -> bool:
    """Is the mention an armed group's name opener ("Liwa" of "Liwa al-Tawhid") or inside
    the name after one ("Jaish al-Ta'ifa al-Mansurah")?"""
    lo = max(0, m.start - 40)
    return any(
        g.start() <= m.start and m.end <= g.end()
        for g in _group_opener().finditer(text, lo, min(len(text), m.end + 40))
    )


#: an apostrophe right after a name and lower-case letters after it that are no possessive or
#: contraction ("'s", "'ll"): the name is the start of a longer word ("Shi'ite", "Baha'i");
#: token files write it with spaces ("Shi ' ite"). No space on one side only, nor after
#: an "s": a plural's possessive ("the United States' private", "Adams ' dismissal")
_APOSTROPHE_WORD = re.compile(r"(?: ['’] |['’])(?!(?:s|re|ve|ll|d|t|m)\b)[a-z]+")
_OF_FOR = re.compile(r"(?:of|for)\s", re.IGNORECASE)
_DAY_AFTER = re.compile(r"\.?\s*\d")
_NUMBER_BEFORE = re.compile(r"\d\s*$")
#: a capitalised name run opened by "Operation" or "Exercise" right before a mention
_OPERATION = re.compile(r"\b(?:Operation|Exercise)\s+(?:[A-Z][\w'’-]*\s+){0,3}$")


def _date_unit_or_operation(text: str, m: Mention, k: str) -> bool:
    """Is the mention a month before a day ("Jan. 1"), a festival ("Ramadan", "Eid"), a
    unit after a number ("84 MW") or a word of a military operation's or exercise's name
    ("Operation Steel Curtain", "Exercise Eager Lion")?"""
    lists = _lists()
    bare = k.rstrip(".")
    if bare in calendar_words("en") and _DAY_AFTER.match(text, m.end):
        return True
    if (bare in lists["festivals"] and not _town_cue(m)) or (
        bare in lists["units"] and _NUMBER_BEFORE.search(text, max(0, m.start - 4), m.start)
    ):
        return True
    lo = max(0, m.start - 60)
    window = text[lo : m.start]
    # most mentions have neither word before them: one substring test each is cheaper
    return ("Operation" in window or "Exercise" in window) and bool(
        _OPERATION.search(text, lo, m.start)
    )


@functools.cache
def _event_name() -> re.Pattern[str]:
    """``event_names`` of ``data/not_places.yaml`` (as written, capitalised) after a name
    and any names joined to it by hyphens ("-Iraq War")."""
    words = (cached_yaml("not_places.yaml") or {}).get("event_names") or ()
    if not words:
        return re.compile(r"(?!)")
    alts = "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))
    return re.compile(rf"(?:\s?-\s?[A-Z][\w'’]*)*\s+(?:{alts})\b")


def _in_event_name(text: str, m: Mention, k: str) -> bool:
    """Is the mention a name before a word of ``event_names`` ("the Gulf War"), or that
    word itself after a name ("Summit" of "the UK-France Summit"; Summit, New Jersey,
    elsewhere)?"""
    return bool(_event_name().match(text, m.end)) or (
        k in _event_words() and bool(_NAME_BEHIND.search(text, max(0, m.start - 30), m.start))
    )


@functools.cache
def _event_words() -> frozenset[str]:
    """``event_names`` of ``data/not_places.yaml``, folded."""
    return frozenset(fold(str(w)) for w in (cached_yaml("not_places.yaml") or {}).get(
        "event_names") or ())


#: a capitalised word, or a hyphen, right before a mention with one space or none
_NAME_BEHIND = re.compile(r"(?:[A-Z][\w'’.]*|-)\s?$")
#: a name going on across a hyphened article ("Omar al-Bashir"; "al - Bashir" in token
#: files) or a capitalised one ("Omar Al Bashir", "Kitab Al Jilwah")
_NASAB = re.compile(r"\s+(?:(?:al|el|ad|ar|as|ash|at|az|Al|El)\s?-\s?|(?:Al|El)\s+)[A-Z]")

#: a given name and a hyphened article right before a mention ("Omar Al-", "Omar al - ")
_GIVEN_AND_ARTICLE = re.compile(r"([A-Z][\w'’]*)\s+(?:al|el|Al|El)\s?-\s?$")
#: ... or a given name before a mention that opens with a hyphened article ("Omar Al-Bashir")
_GIVEN_BEFORE = re.compile(r"([A-Z][\w'’]*)\s+$")
_OPENS_WITH_ARTICLE = re.compile(r"(?:al|el|Al|El)\s?-\s?[A-Z]")


@functools.cache
def _group_pattern() -> re.Pattern[str]:
    """``organisation_names`` of ``data/not_places.yaml`` as one pattern (a hyphen or a
    space between words alike)."""
    names = (cached_yaml("not_places.yaml") or {}).get("organisation_names") or ()
    alts = sorted(
        (r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", str(n).strip())) for n in names),
        key=len,
        reverse=True,
    )
    return re.compile(rf"\b(?:{'|'.join(alts)})\b", re.IGNORECASE) if alts else re.compile(r"(?!)")


@functools.cache
def _group_needles() -> tuple[tuple[str, ...], ...] | None:
    """The words of each name of ``organisation_names``, in lower case, the longest first:
    a text in which no name has all its words written (in any case) holds no group's
    name. ``None`` when a word is not in ASCII (then every text is looked at)."""
    names = (cached_yaml("not_places.yaml") or {}).get("organisation_names") or ()
    out = {
        tuple(sorted({w.lower() for w in re.split(r"[\s-]+", str(n).strip()) if w},
                     key=lambda w: (-len(w), w)))
        for n in names
    }
    if not all(w.isascii() for words in out for w in words):
        return None
    return tuple(sorted(out))


#: the letters that are not in ASCII and match an ASCII letter when the case is ignored
#: (``re.IGNORECASE``), with that letter: "İ", "ı", "ſ", the Kelvin sign
_ASCII_LIKE = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}


def _may_name_a_group(text: str) -> bool:
    """May a group's name of ``organisation_names`` be in ``text`` (:func:`_group_pattern`
    ignores the case)? Never wrong when it says no."""
    needles = _group_needles()
    if needles is None:
        return True
    if not text.isascii() and any(chr(c) in text for c in _ASCII_LIKE):
        text = text.translate(_ASCII_LIKE)
    low = text.lower()
    return any(all(w in low for w in words) for words in needles)


def in_group_name(text: str, m: Mention) -> bool:
    """Is the mention of ``text`` inside an armed group's name of ``organisation_names``
    in data/not_places.yaml ("Rapid Support Forces")?"""
    return _in_group_name(text, m)


def _in_group_name(text: str, m: Mention) -> bool:
    """Is the mention inside a group's name of ``organisation_names`` (looked for in the
    few words around it only)?"""
    if not _per_text(text).groups:
        return False  # no group's name anywhere in the text (most texts)
    lo = max(0, m.start - 40)
    window = text[lo : m.end + 40]
    return any(
        g.start() + lo <= m.start and m.end <= g.end() + lo
        for g in _group_pattern().finditer(window)
    )


_INITIAL = re.compile(r"[A-Z]\.?")
_WORD_BEHIND = re.compile(r"([^\W\d_][\w'’]*)(\.?)\s+$")


def _alias_of_hamlets(m: Mention, gazetteer: Gazetteer) -> bool:
    """Does the one-word name only match other names of hamlets (no place bears it as its
    own name, none is an administrative unit or of ``populations: hamlet`` people)? A name
    an analyst gave a place in ``data/place_aliases.yaml`` is its own ("Marea", a town
    GeoNames gives no population and another spelling), and so is one of a sea's or a
    region's in ``data/physical_places.csv`` ("Mediterranean", "Mideast": no population,
    though no hamlet)."""
    if m.key in _curated_keys():
        return False
    # a pure function of the key and the gazetteer, asked about the same names in document
    # after document: remembered per gazetteer
    memo = memo_of(gazetteer, "alias_of_hamlets", 1 << 16)
    got = memo.get(m.key)
    if got is None:
        cands = _known(m, gazetteer)
        hamlet = populations()["hamlet"]
        got = memo[m.key] = bool(cands) and not any(
            _name_key[p.name] == m.key
            or _without_article(_name_key[p.name]) == m.key
            or p.feature_class == "A"
            or p.population >= hamlet
            or p.source == PHYSICAL
            for p in cands
        )
    return got


@functools.cache
def _curated_keys() -> frozenset[str]:
    """The lookup keys of the names of ``aliases`` in ``data/place_aliases.yaml``."""
    aliases = (cached_yaml("place_aliases.yaml") or {}).get("aliases") or {}
    return frozenset(key(str(a)) for names in aliases.values() for a in names or ())


#: place name -> its lookup key (the same names' keys are asked for in every document)
_name_key = Memo(key, limit=1 << 16)


def _without_article(name_key: str) -> str:
    """A place name's key without the Arabic article that opens it ("al qayyarah" ->
    "qayyarah"): English news writes the name with the article or without it at will,
    so "Qayyarah" is Al Qayyarah's own name, no other name of a hamlet."""
    first, _, rest = name_key.partition(" ")
    return rest if rest and first in latin_rules().articles else name_key


def _words_before(text: str, start: int, n: int) -> list[str]:
    """Up to ``n`` words right before ``start``, nearest first, each with its full stop
    ("Gen.", "J."); stops at other punctuation."""
    out: list[str] = []
    while len(out) < n:
        got = _word_behind(text, start)
        if got is None:
            break
        word, start = got
        out.append(word)
    return out


_RUN = re.compile(r"[\w'’]*")


def _word_behind(text: str, start: int) -> tuple[str, int] | None:
    """What ``_WORD_BEHIND.search(text, max(0, start - 40), start)`` finds: the word with
    its full stop and where the word starts, or ``None``; read from the end of the window
    backwards (the search tries every position of the window; this is called four times
    per mention), as one match in the text written backwards (reversed once per text):
    the spaces, a full stop and the word characters before ``start``, no further back
    than the window's start."""
    back = _per_text(text).backwards
    n = len(text)
    got = _BEHIND.match(back, n - start, n - max(0, start - 40))
    if got is None:
        return None  # no space before ``start``
    stop, word = got.group(1), got.group(2)  # the word is written backwards
    for i in range(len(word) - 1, -1, -1):
        ch = word[i]
        if ch.isalnum() and not ch.isdecimal():  # [^\W\d_]: the leftmost letter opens it
            return word[i::-1] + stop, n - got.end(2) + len(word) - 1 - i
    return None


#: spaces, a full stop and word characters, in a text written backwards (see _word_behind;
#: \s and str.isspace() are the same characters)
_BEHIND = re.compile(r"\s+(\.?)([\w'’]*)")


class _TextFacts:
    """What the tests of this module read of a whole text, found once per text: the text
    written backwards, and whether a group's name may be in it."""

    __slots__ = ("text", "backwards", "groups")

    def __init__(self, text: str):
        self.text = text
        self.backwards = text[::-1]
        self.groups = _may_name_a_group(text)


_last_text: list[_TextFacts] = []


def _per_text(text: str) -> _TextFacts:
    """The :class:`_TextFacts` of ``text`` (the last text's are kept: the tests ask about
    every mention of one text in turn)."""
    if _last_text and _last_text[0].text is text:
        return _last_text[0]
    got = _TextFacts(text)
    _last_text[:] = [got]
    return got


def _persons_word(text: str, m: Mention, gazetteer: Gazetteer, after) -> str | None:
    """``"person"`` when the mention is a word of a person's name or title: a title itself
    before a name ("Gen. Stephen", "Brig. Gen."), a word of an Arabic person's name ("Abu
    Omar", "Omar al-Bashir"), a name after a title ("Minister Tobias Hale", "Gen.
    Stephen J. Milford") or a given name ("Andrew Marsala"), a speaker ("Davis said") or
    a name a clause about a person opens ("Dayton, who", "Dayton was wounded"). A country is never
    one. ``after``: :data:`_WORD_AFTER`'s match after the mention."""
    k = fold(m.surface)
    # the tests read past the nearest word only when it is capitalised (a title or a name
    # may go on before it: "Gen. Stephen J."); most mentions follow "in", "of", "the"
    words = _words_before(text, m.start, 1)
    if words and words[0][0].isupper():
        words = _words_before(text, m.start, 4)
    if _arabic_persons_word(text, m, k, gazetteer, after, words):
        return "person"
    if (
        (
            after is not None
            and after.group(1)[0].isupper()
            and fold(after.group(1)) in _lists()["name_suffixes"]
        )
        or (" " not in k and _MIDDLE_INITIAL.match(text, m.end))
    ) and not any(p.is_country for p in _known(m, gazetteer)):
        # "George Bush Jr", "Charles H. Keating IV"; "Virginia L. Lane": no place is
        # followed by a middle initial and a surname
        return "person"
    if _after_particle(text, m, k, gazetteer) or _leaders_name(text, m, k, gazetteer, after):
        return "person"  # "Mario de Santiago", "Angie de Silva"; "the Bush administration"
    if _titled_apposition(text, m, words) and not (
        any(p.is_country for p in _known(m, gazetteer)) or _big(_known(m, gazetteer), k)
    ):
        return "person"  # "Knox Thames, the Special Advisor to the Secretary"
    if (
        m.surface[:1].isascii()
        and _AGE_OR_HOME_AFTER.match(text, m.end)
        and not any(p.is_country for p in _known(m, gazetteer))
    ):
        return "person"  # "Scott Dayton, 42, of Woodbridge": a person's age, or home
    if (
        _opens_persons_clause(text, m.end)
        and not (words and words[0][0].islower())
        and not _COMMA_BEFORE.search(text, max(0, m.start - 3), m.start)
        and not any(p.is_country for p in _known(m, gazetteer))
    ):
        return "person"  # "Dayton, who was" (not "a farmer from Tulsa, who")
    if _named_as_people_are(text, m, k, gazetteer, after, words):
        return "person"
    return "person" if _persons_name(text, m, k, gazetteer, after, words) else None


def _named_as_people_are(
    text: str, m: Mention, k: str, gazetteer: Gazetteer, after, words: list[str]
) -> bool:
    """A given name before a surname, a common surname after a given name, or a name
    after a relative's noun: a person's, whatever town bears it (a country only as the
    first two)."""
    if " " not in k and k in given_names() and _surname_next(text, m, after, gazetteer):
        return True  # "Tyler Koch", "Chad Walker": a given name and a surname
    if _common_surname_after_given(text, m, words):
        return True  # "John Bolton", "Andrew Jordan": a common surname after a given name
    # "his daughter Brittany", "her husband, Dale,"
    return _after_kin_word(text, m) and not any(p.is_country for p in _known(m, gazetteer))


def _leaders_name(text: str, m: Mention, k: str, gazetteer: Gazetteer, after) -> bool:
    """Is the one-word mention a leader's name before a noun of a time in power ("the Bush
    administration", ``leader_followers`` in data/not_places.yaml)? Not a country, a
    capital, nor a first-level unit or a city of ``populations: famous_region`` people: a
    seat of government ("the Damascus regime", "the Kabul administration")."""
    if " " in k or after is None or after.group(1) not in _lists()["leader_followers"]:
        return False
    if text[m.end : after.start(1)] != " ":
        return False
    million = populations()["famous_region"]
    return not any(
        p.is_country or p.feature_code == "PPLC" or p.population >= million
        for p in _known(m, gazetteer)
    )


#: a capitalised word and a lower-case word (a particle of a name?) right before a mention
_PARTICLE_BEFORE = re.compile(r"\b([A-Z][\w'’]*) ([a-z]{1,5}) $")


def _after_particle(text: str, m: Mention, k: str, gazetteer: Gazetteer) -> bool:
    """Is the one-word mention a surname after a capitalised word and a particle of a
    European person's name ("Mario de Santiago", ``name_particles`` in
    data/not_places.yaml)? Not a country, nor a big place after a word that is no given
    name ("Notre Dame de Paris")."""
    if " " in k or text[m.start - 1 : m.start] != " ":
        return False
    got = _PARTICLE_BEFORE.search(text, max(0, m.start - 40), m.start)
    if got is None or got.group(2) not in _lists()["name_particles"]:
        return False
    cands = _known(m, gazetteer)
    if any(p.is_country for p in cands):
        return False
    return fold(got.group(1)) in given_names() or not _big(cands, k)


#: up to two more capitalised words of a name, then ", the" and capitalised words: a title
#: in apposition ("Knox Thames, the Special Advisor to ...")
_APPOSITION = re.compile(
    r"((?:\s+[A-Z][\w'’-]*){0,2})\s?,\s?the\s+((?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)"
)


def _titled_apposition(text: str, m: Mention, words: list[str]) -> bool:
    """Is the mention a word of a person's full name (two words or more) that a title
    in capitals follows in apposition ("Knox Thames, the Special Advisor", "Dana Keating,
    the Deputy Commander")? Not a place's name the common noun of an office follows ("In
    Dayton, the mayor said": no title in capitals, no other name word)."""
    got = _APPOSITION.match(text, m.end)
    if got is None:
        return False
    more_words = bool(got.group(1)) or (
        bool(words) and words[0][:1].isupper() and text[m.start - 1 : m.start] == " "
        and fold(words[0].rstrip(".")) not in calendar_words("en")
        and fold(words[0]) not in _lists()["function_words"]
    )
    titles = place_words("titles", "en") | _lists()["job_words"]
    return more_words and any(fold(w) in titles for w in got.group(2).split())


#: "who" right after a name opens a clause about a person ("Dayton, who was wounded"); after
#: a word in lower case ("a farmer from Tulsa, who") or a comma ("Elm Street, Tulsa, who")
#: the name is where the person is from
_WHO_AFTER = re.compile(r"\s?,?\s?who\s")
#: "was"/"is" and the word after it, right after a name
_BE_AFTER = re.compile(r"\s(?:was|is)\s([a-z]+)")


def _opens_persons_clause(text: str, end: int) -> bool:
    """Does a clause about a person follow the name ending at ``end``: "who" ("Dayton, who
    was"), or "was"/"is" and a word of ``person_passives`` ("Dayton was assigned")?"""
    if _WHO_AFTER.match(text, end):
        return True
    be = _BE_AFTER.match(text, end)
    return be is not None and be.group(1) in _lists()["person_passives"]


_COMMA_BEFORE = re.compile(r",\s*$")
#: a person's age between commas right after a name ("Dayton, 42, of Woodbridge"), or the
#: town a person is from ("Booker, of Cibolo, Texas, died")
_AGE_OR_HOME_AFTER = re.compile(r"\s?,\s?(?:[1-9]\d\s?,|of\s+[A-Z])")


def _persons_name(
    text: str, m: Mention, k: str, gazetteer: Gazetteer, after, words: list[str]
) -> bool:
    """A name after a title or a given name, a given name, or a speaker (see
    :func:`_persons_word`), unless the place is too big to be one."""
    titled = _after_title(words)
    after_given = _after_given_name(text, m, words)
    named = (
        _after_job_word(text, m, words)
        or after_given
        or (" " not in k and capital_next_name(text, m, after) and k in given_names())
        or _speaker_after_verb(text, m, k, after, words)
    )
    person = titled or named
    # a speaker opens a clause: "Davis said", not "from Brampton said" (the place of a
    # speaker) nor "that Gainesville says" (the town's people)
    speaker = (
        " " not in k
        and after is not None
        and fold(after.group(1)) in _lists()["speech_verbs"]
        and not (words and words[0][0].islower())
    )
    if not (person or speaker):
        return False
    cands = _known(m, gazetteer)
    if any(p.is_country for p in cands):
        return False
    if titled and not any(p.feature_class == "A" for p in cands):  # "Miss Ohio"
        return True
    if titled and capital_next_name(text, m, after):
        return True  # "Capt. Hassan Ali", "President Hassan Rouhani": a full name after it
    if titled and words and fold(words[0].rstrip(".")) not in place_words("titles", "en"):
        return True  # "Capt. Abdi Hassan": a name between the title and it, a surname
    if titled and " " in k and k.split()[0] in given_names():
        return True  # "Capt. Jeff Davis": a given name opens it (Jeff Davis County)
    if after_given and k in chained_given_names() and fold(words[0]) in chained_given_names():
        # a given name after a given name is a person's name whatever town bears it (Arabic
        # and Kurdish names chain given names: "Raman Hassan", not Hassan in India), unless
        # a capital or a first-level unit speaks for its government
        return not any(p.feature_code == "PPLC" or _famous_region(p) for p in cands)
    if named:
        # a surname or a first name ("Andrew Marsala", "Tyler Brandt"; US counties bear
        # surnames), unless a first-level unit, a capital or a city ("Charlotte Graham")
        return not _big(cands, k)
    if titled:
        return False
    # a first-level unit or a capital speaks for its government ("Ohio said", "Moscow said")
    return not any(p.feature_code == "PPLC" or _famous_region(p) for p in cands)


#: a middle initial and a surname right after a name: the name is a person's first name
#: ("Harvey A. Rittle", "Victoria N. Pearson"); a place is never followed by one
_MIDDLE_INITIAL = re.compile(r" [A-Z]\. [A-Z][a-z]")
#: up to three capitalised words after a name
_CAPITALS_AFTER = re.compile(r"(?:\s+[A-Z][\w'’.-]*){1,3}")


def _speaker_after_verb(text: str, m: Mention, k: str, after, words: list[str]) -> bool:
    """Is the one-word mention a speaker's first name right after the verb ("said Lama
    Fakih")? Not when a title follows in the name's capitalised words: the name is then
    the title's place ("said Monroe Mayor Robert Routson", "said Litchfield Fire Chief
    Jim Koser")."""
    if " " in k or not words or words[0] not in _lists()["speech_verbs"]:
        return False
    if not capital_next_name(text, m, after):
        return False
    run = _CAPITALS_AFTER.match(text, m.end)
    titles = place_words("titles", "en")
    return not any(fold(w.rstrip(".")) in titles for w in run.group().split())


def _big(cands: list, name: str | None = None) -> bool:
    """Is one of the places a first-level unit of ``populations: famous_region`` people, a
    capital or a city of ``populations: foreign_town`` people or more (a name too well known
    to be taken for a person's)? Given the folded ``name``, a city counts only when it bears
    that name itself: a surname that is only another name of a city ("Flores", once a name
    of Timon, Brazil) is not made famous by it."""
    town = populations()["foreign_town"]
    return any(
        _famous_region(p)
        or p.feature_code == "PPLC"
        or (
            p.feature_class == "P"
            and p.population >= town
            and (name is None or fold(p.name) == name)
        )
        for p in cands
    )


def _famous_region(p) -> bool:
    """Is ``p`` a first-level unit of ``populations: famous_region`` people or more ("Ohio",
    not "Nelson", New Zealand)?"""
    return p.feature_code == "ADM1" and p.population >= populations()["famous_region"]


def _arabic_persons_word(
    text: str, m: Mention, k: str, gazetteer: Gazetteer, after, words: list[str]
) -> bool:
    """A title before a name ("Brig. Gen."), a kunya and the name after it ("Abu Omar"),
    or a name going on across a hyphened article that no Arab town bears ("Omar
    al-Bashir")."""
    lists = _lists()
    capital_next = after is not None and after.group(1)[0].isupper()
    if " " in k:
        return False
    # "Gen. Stephen"; "Gen . Stephen" in text joined from tokens
    if k in place_words("titles", "en") and (
        text[m.end : m.end + 1] == "." or text[m.end : m.end + 2] == " ." or capital_next
    ):
        return True  # "Gen. Stephen", "Brig. Gen."
    if k in lists["kunya_words"] and capital_next:
        return True  # "Abu Omar"
    if words and fold(words[0].rstrip(".")) in lists["kunya_words"] and words[0][0].isupper():
        return True  # "Omar" of "Abu Omar"
    given = _GIVEN_AND_ARTICLE.search(text, max(0, m.start - 30), m.start)
    if given is None and _OPENS_WITH_ARTICLE.match(m.surface):
        given = _GIVEN_BEFORE.search(text, max(0, m.start - 30), m.start)
    if given is not None and fold(given.group(1)) in given_names() and not (
        any(p.is_country for p in _known(m, gazetteer)) or _big(_known(m, gazetteer), k)
    ):
        return True  # "(Al-)Bashir" of "Omar Al-Bashir": a given name and an article before it
    return bool(_NASAB.match(text, m.end)) and not any(
        p.country_code in latin_rules().arabic_regions
        and (p.population >= populations()["hamlet"] or p.feature_class == "A")
        for p in _known(m, gazetteer)
    )  # "Omar al-Bashir": no Arab town of the name, a person's name goes on


def _given_name_before(text: str, start: int) -> bool:
    """Is there a given name right before ``start`` ("Omar " before "Al-Rashid")?"""
    got = _GIVEN_BEFORE.search(text, max(0, start - 30), start)
    return got is not None and fold(got.group(1)) in given_names()


@functools.cache
def given_names() -> frozenset[str]:
    """``given_names`` of ``data/not_places.yaml`` (every language), folded."""
    data = (cached_yaml("not_places.yaml") or {}).get("given_names") or {}
    return frozenset(fold(str(w)) for names in data.values() for w in names or ())


@functools.cache
def chained_given_names() -> frozenset[str]:
    """The given names of ``data/not_places.yaml`` of the naming customs that chain
    given names (``chained_given_names``: the lists named there), folded."""
    data = cached_yaml("not_places.yaml") or {}
    names = data.get("given_names") or {}
    return frozenset(fold(str(w)) for custom in data.get("chained_given_names") or ()
                     for w in names.get(custom) or ())


def capital_next_name(text: str, m: Mention, after) -> bool:
    """Is the mention followed, after one space, by a capitalised word that is no word of
    a place's own name ("Tyler Brandt", not "Tyler Street")?"""
    if after is None or text[m.end : after.start(1)] != " ":
        return False
    word = after.group(1)
    return (
        word[:1].isupper()
        and word[1:2].islower()
        and fold(word) not in place_words("place_nouns", "en")
        and fold(word) not in calendar_words("en")
    )


def _common_surname_after_given(text: str, m: Mention, words: list[str] | None = None) -> bool:
    """Is the mention one of the common ``surnames`` (data/not_places.yaml) right after a
    given name, ending the name ("John Bolton said", not "George Washington University")?
    ``words``: the words before the mention, nearest first (read when not given)."""
    if fold(m.surface) not in _lists()["surnames"] or not _ends_name(text, m.end):
        return False
    return _after_given_name(text, m, _words_before(text, m.start, 2) if words is None else words)


def _ends_name(text: str, end: int) -> bool:
    """Does no capitalised word go on, after one space, at ``end`` ("Chad Walker said",
    not "George Washington University")?"""
    nxt = _WORD_AFTER.match(text, end)
    return not (nxt is not None and text[end : nxt.start(1)] == " " and nxt.group(1)[:1].isupper())


def _surname_next(text: str, m: Mention, after, gazetteer: Gazetteer) -> bool:
    """Is the mention followed, after one space, by a surname that ends the name: a
    common one (``surnames`` in data/not_places.yaml: "Chad Walker said") or a word no
    place bears ("Tyler Zilverberg")? Not when a capitalised word goes on ("Tyler Rose
    Garden", "Tyler Morning Telegraph"), nor after a locative word ("in Chad Brown ...")."""
    if not capital_next_name(text, m, after):
        return False
    word = after.group(1)
    if fold(word) not in _lists()["surnames"] and gazetteer.has_key(key(word)):
        return False
    if not _ends_name(text, after.end(1)):
        return False  # a longer name goes on ("Tyler Rose Garden")
    before = _words_before(text, m.start, 1)
    return not (before and fold(before[0]) in place_words("locatives", "en"))


def _after_given_name(text: str, m: Mention, words: list[str]) -> bool:
    """Is the mention right after a given name ("Andrew Marsala") or a given name and an
    initial ("Matthew D. Flores")?"""
    if not words:
        return False
    first = words[1] if _INITIAL.fullmatch(words[0]) and len(words) > 1 else words[0]
    if not first[:1].isupper() or first.endswith("."):
        return False
    gap = text[max(0, m.start - 1) : m.start]
    return gap == " " and fold(first) in given_names()


#: a lower-case word, and a comma or not, right before a name
_LOWER_WORD_BEFORE = re.compile(r"\b([a-z]+),? $")


def _after_kin_word(text: str, m: Mention) -> bool:
    """Is the mention right after a relative's noun in lower case, with a comma or not
    ("his daughter Brittany", "her husband, Dale": ``kin_words`` in
    data/not_places.yaml)?"""
    got = _LOWER_WORD_BEFORE.search(text, max(0, m.start - 16), m.start)
    return got is not None and got.group(1) in _lists()["kin_words"]


def _after_job_word(text: str, m: Mention, words: list[str]) -> bool:
    """Is the mention right after a job written in lower case ("coach Ripley")?"""
    return bool(words) and words[0] in _lists()["job_words"] and text[m.start - 1 : m.start] == " "


def _after_title(words: list[str]) -> bool:
    """Do the words before a name (nearest first) run back over capitalised name words and
    initials to a title ("Minister Tobias", "Gen. Stephen J.")?"""
    titles = place_words("titles", "en")
    for n, w in enumerate(words):
        if n and w == "of":
            continue  # "Secretary of State Antony Blinken": a title may hold "of"
        bare = fold(w.rstrip("."))
        if not w[0].isupper() or (w.endswith(".") and len(bare) > 4):
            return False  # a lower-case word ("miss Rochester"); a sentence's end ("Judge.")
        if bare in titles:
            return True
        if bare in calendar_words("en") or not (w[1:2].islower() or _INITIAL.fullmatch(w)):
            return False  # "Oct. 17", "S.C.": no name words
    return False


_PREV_WORD = re.compile(r"([^\W\d_]+)\s+$")
_HYPHENATED = re.compile(r"([^\W\d_]+)-([^\W\d_]+)")


def _whole_name(text: str, m: Mention) -> Mention | None:
    """The hyphenated Arabic name ("Al-Zara") an article fragment or the word after an
    article belongs to, as a mention of a place the gazetteer does not know (its key is
    the folded name): the event is there, though only a known place nearby can map it."""
    starts = [m.start]
    before = _hyphened_before(text, m.start)
    if before is not None and before.end() == m.start:
        starts.append(before.start())
    for start in starts:
        got = _HYPHENATED.match(text, start)
        if got is None or not (got.start() <= m.start and m.end <= got.end()):
            continue
        # the article must open the name: "Al-Zara", not "pro-Hadi"
        if fold(got.group(1)) not in latin_rules().articles or not got.group(2)[0].isupper():
            return None
        prev = _PREV_WORD.search(text, max(0, got.start() - 30), got.start())
        if got.group(1)[0].islower() and prev is not None and prev.group(1)[0].isupper():
            return None  # "Abd al-Rahman": a person's name goes on across the article
        surface = got.group()
        return Mention(got.start(), got.end(), surface, fold(surface), m.language, m.cue)
    return None


def _one_sense(text: str, m: Mention, cands: list) -> bool:
    """Is a person's name ``m`` the person's wherever the text names it again: a name no
    big place bears ("Matthew Marsala ... Marsala said"), or a common surname after a
    given name ("John Bolton ... Bolton said")? Never a country's name ("Chad Walker ...
    in Chad")."""
    if any(p.is_country for p in cands):
        return False
    return not _big(cands, fold(m.surface)) or _common_surname_after_given(text, m)


def drop_not_places(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """``mentions`` without the words that are no places (see the module's docstring). A
    hyphenated Arabic name whose parts were such words ("Al" and "Zara", Zadar in Croatia,
    of "Al-Zara") comes back whole, as an unknown place."""
    out: list[Mention] = []
    persons: set[str] = set()
    for n, m in enumerate(mentions):
        why = _why_not(text, m, gazetteer)
        if why is None:
            out.append(m)
            continue
        # one word as written ("O’Connor" is one, though its key has two)
        one_word = " " not in m.surface
        if why == "person" and one_word and _one_sense(text, m, _known(m, gazetteer)):
            persons.add(m.key)
        whole = _whole_name(text, m)
        if whole is None or gazetteer.has_key(whole.key):
            continue
        if why == "person" and _given_name_before(text, whole.start):
            continue  # "Al-Rashid" of "Omar Al-Rashid": a person's name, no unknown place
            continue
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        if (
            whole.end > m.end
            and nxt is not None
            and nxt.end <= whole.end
            and not not_a_place(text, nxt, gazetteer)
        ):
            continue  # "Ar" of "Ar-Raqqa": the name after it is the place
        if out and (out[-1].start, out[-1].end) == (whole.start, whole.end):
            continue  # "Al" and "Zara" of "Al-Zara": one name
        out.append(whole)
    # one name, one sense in a text: "Matthew Marsala ... Marsala said ... Marsala's"
    return [m for m in out if m.key not in persons] if persons else out
