"""Event dates from the article date and the sentence's date expressions.

``event_date(sentence, article_date, language)`` returns ``(date, time_precision)``:

* an explicit day and month ("5 March", "5 مارس", "2020-05-04") -> that day, precision 1,
  in the year written after it ("On 4 May 2020"), else in the article's year (last year's
  when it would lie more than a month after the article date);
* a month and year without a day after "in"/"في" ("in March 2016", "في آذار 2016") -> the
  first day of that month, precision 3; a year alone after "in"/"في"/"عام" ("in 2016")
  other than the article's -> 1 January of it, precision 3 (the start of the period, as
  UCDP's ``date_start``) (ACLED's "month or vaguer"): the text's own date
  wins over the article's;
* a weekday ("on Monday", "اليوم الثلاثاء") -> the latest such day on or before the
  article date, precision 1;
* a relative expression from ``data/dates.yaml`` ("yesterday", "قبل أشهر") -> the article
  date minus its offset, with its precision;
* nothing -> the article date, precision 2 (news reports events of the last days);
* no article date -> the explicit date with its year if the sentence has one, else
  ``(None, None)``: never a guess.

A report without a date of its own (a pasted article, a plain text file) is dated by its
dateline when that writes the day and year out ("SARAQIB, Syria, 12 March 2024 -",
"BEIRUT, March 12, 2024 (Reuters) --"): :func:`dateline_date`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence

from ..knowledge import cached_yaml, word_list
from ..lexicon import Lexicon, Match
from ..text.languages import language
from ..text.normalize import fold, key, normalize, tokenize


@functools.cache
def date_lexicon(lang: str) -> Lexicon[tuple[str, object]]:
    """Relative expressions and weekdays of ``lang`` (``data/dates.yaml``); the events stage
    scans a document for them in its one lexicon pass and hands each sentence its matches."""
    data = cached_yaml("dates.yaml") or {}
    lex: Lexicon[tuple[str, object]] = Lexicon()
    for phrase, (days, prec) in (data.get("relative", {}).get(lang) or {}).items():
        lex.add(str(phrase), ("rel", (int(days), int(prec))))
    for i, day in enumerate(data.get("weekdays", {}).get(lang) or []):
        lex.add(str(day), ("wd", i))
    for phrase, (days, prec) in (data.get("after_event", {}).get(lang) or {}).items():
        lex.add(str(phrase), (AFTER_EVENT, (int(days), int(prec))))
    return lex


#: The kind of :func:`date_lexicon` match that dates an event from the one told before it
#: (``after_event`` in data/dates.yaml): no date of its own (:func:`_relative` skips it).
AFTER_EVENT = "after"


def after_event(
    matches: Iterable[Match[tuple[str, object]]], before: dt.date
) -> tuple[dt.date, int] | None:
    """The date and precision an ``after_event`` expression among ``matches`` gives, from
    ``before``, the date of the event told before ("the following day": the day after
    it); ``None`` when there is none.

    >>> norm = normalize("Drones struck the base the following day")
    >>> m = date_lexicon("en").find(norm, tokenize(norm.text))
    >>> after_event(m, dt.date(2026, 3, 13))
    (datetime.date(2026, 3, 14), 1)
    """
    for m in matches:
        kind, val = m.value
        if kind == AFTER_EVENT:
            days, prec = val
            return before + dt.timedelta(days=days), prec
    return None


@functools.cache
def _months(lang: str) -> dict[str, int]:
    data = cached_yaml("dates.yaml") or {}
    out = {}
    for i, names in enumerate(data.get("months", {}).get(lang) or []):
        for n in names:
            out[key(str(n))] = i + 1
    return out


@functools.lru_cache(maxsize=4096)
def _month(words: str, lang: str) -> int | None:
    """The month named by ``words`` (folded text), if any: the same few words ("12
    civilians", "in March") come back sentence after sentence."""
    return _months(lang).get(key(words))


@functools.cache
def _words_not_months(lang: str) -> frozenset[str]:
    """Month names that are words too ("may", "mar"): not a month before a day number."""
    return frozenset(fold(w) for w in word_list("dates.yaml", "not_months_before_day", lang))


_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(\w+(?:\s\w+)?)")
_MONTH_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_DIGIT = re.compile(r"\d")
_YEAR_AFTER = re.compile(r"^\W{0,3}((?:19|20)\d\d)\b")
_ISO_IN_TEXT = re.compile(r"\b((?:19|20)\d\d)[- ](\d\d)[- ](\d\d)\b")  # folded: "2019 05 04"
# (from a word's start, possessive: a match never starts or gives back letters inside a
# word, since a space must follow; the same matches, tried at far fewer places)
_MONTH_YEAR = re.compile(r"\b(\w++(?:\s\w++)?)\s+((?:19|20)\d\d)\b")
_YEAR_ALONE = re.compile(r"(?:^|\s)(\w+)\s+((?:19|20)\d\d)\b")
#: What both patterns above need: a year after a space (most sentences have none).
_SPACED_YEAR = re.compile(r"\s(?:19|20)\d\d\b")
#: A day and month without a year lie in the article's year when they fall at most this
#: many days after its date ("on 4 May" in an article of 3 May announces, it does not
#: recall a year-old event); later ones are last year's.
AHEAD_DAYS = 31


def _explicit(text: str, lang: str, ref: dt.date | None) -> dt.date | None:
    """The first explicit date of a sentence (``text``, folded): day and month ("5 March",
    "March 5", "5 مارس"), with its year when one follows ("On 4 May 2020", "May 4, 2020").
    Without a year the date is placed by the article's date ``ref`` (see
    :data:`AHEAD_DAYS`); with neither, there is none."""
    for _, day, mon, year in sorted(_day_months(text, lang)):
        got = _dated(day, mon, year, ref)
        if got is not None:
            return got
    return None


def _day_months(text: str, lang: str) -> list[tuple[int, int, int, int | None]]:
    """``(position, day, month, year or None)`` of every day-and-month in folded text."""
    if not _DIGIT.search(text):
        return []  # both patterns need a day in digits (most sentences have none)
    # (an ISO date holds "19" or "20": a substring test in C rules most sentences out)
    cands = [(m.start(), int(m[3]), int(m[2]), int(m[1])) for m in _ISO_IN_TEXT.finditer(text)] \
        if "19" in text or "20" in text else []
    for m in _DAY_MONTH.finditer(text):
        words = m.group(2).split()
        for n in (2, 1):
            mon = _month(" ".join(words[:n]), lang)
            if mon:
                end = m.start(2) + len(" ".join(words[:n]))
                cands.append((m.start(), int(m.group(1)), mon, _year_after(text, end)))
                break
    if language(lang).month_before_day:
        not_months = _words_not_months(lang)
        months = _months(lang)
        for m in _month_day(lang).finditer(text):
            mon = months.get(m.group(1))
            year = _year_after(text, m.end())
            # "may 4" and "mar 4" are words unless a year makes them a date
            if mon and (year is not None or m.group(1) not in not_months):
                cands.append((m.start(), int(m.group(2)), mon, year))
    return cands


@functools.cache
def _month_day(lang: str) -> re.Pattern[str]:
    """:data:`_MONTH_DAY` with the month names of ``lang`` for its word: the matches whose
    word is a month, the only ones :func:`_day_months` keeps (a match of another word ends
    at its day number, so it never hides a month's match), tried at far fewer places."""
    names = sorted((k for k in _months(lang) if re.fullmatch(r"[a-z]+", k)), key=len,
                   reverse=True)
    if not names:
        return re.compile(r"(?!)")
    return re.compile(_MONTH_DAY.pattern.replace("[a-z]+", "|".join(names), 1))


def _vague(text: str, lang: str, ref: dt.date | None) -> dt.date | None:
    """A month and year without a day ("in March 2016": its first day), else a year
    alone after a word that dates ("in 2016", "عام 2016": 1 January) when it is not the
    article's year, in a sentence (``text``, folded); ``None`` when it has neither."""
    if not _SPACED_YEAR.search(text):
        return None
    year_words = _year_words(lang)
    for m in _MONTH_YEAR.finditer(text):
        words = m.group(1).split()
        for n in (1, 2):  # "in March 2016", "في تشرين الأول 2016"
            mon = _month(" ".join(words[-n:]), lang)
            before = text[: m.start(1) + len(" ".join(words[:-n]))].split()[-1:]
            # "in March 2016" dates the event; "since March 2016", "the toll of March
            # 2016", "January – August 2018" recall a period
            if mon and before and before[0] in year_words:
                year = int(m.group(2))
                if ref is not None and (year, mon) == (ref.year, ref.month):
                    return ref  # "in May 2020" in an article of 20 May 2020: up to it
                return dt.date(year, mon, 1)
    if ref is None:
        return None
    for m in _YEAR_ALONE.finditer(text):
        year = int(m.group(2))
        if m.group(1) in year_words and year != ref.year and year <= ref.year:
            return dt.date(year, 1, 1)
    return None


@functools.cache
def _year_words(lang: str) -> frozenset[str]:
    """Words after which a year alone dates the event ("in 2016", "في 2016", "عام 2016")."""
    return frozenset(fold(w) for w in word_list("dates.yaml", "year_words", lang))


def _dated(day: int, mon: int, year: int | None, ref: dt.date | None) -> dt.date | None:
    """The date of a day and month: in ``year``, else placed by the article date ``ref``."""
    try:
        if year is not None:
            return dt.date(year, mon, day)
        if ref is None:
            return None
        got = dt.date(ref.year, mon, day)
        if got > ref + dt.timedelta(days=AHEAD_DAYS):
            got = dt.date(ref.year - 1, mon, day)
        return got
    except ValueError:  # 30 February, 29 February in another year
        return None


#: How far into a text its dateline may reach, and what closes it: a dash between spaces
#: ("BEIRUT, 3 May 2020 - ", "... (Reuters) -- ") or a colon (Arabic wire style).
DATELINE_CHARS = 90
#: The most words one comma-parted part of a dateline holds ("12 March 2024", "Deir
#: ez-Zor province").
DATELINE_PART_WORDS = 4
_DATELINE_END = re.compile(r"\s(?:-{1,2}|\u2013|\u2014)\s|:\s")
#: Points that end no sentence in a dateline: an abbreviated month in the wires' style
#: ("Aug. 21 (AP)", "Sept. 3") and initials ("WASHINGTON, D.C.", "U.S.").
_DATELINE_ABBREVIATIONS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b(?:[A-Z]\.){1,3}")


def dateline_date(text: str, lang: str, ref: dt.date | None = None) -> dt.date | None:
    """The report's date its dateline writes out with a day, month and year, else ``None``.

    A dateline opens the text and ends at a dash or colon within :data:`DATELINE_CHARS`
    characters, on the first line; it is a list of short parts (place, country, date,
    agency) parted by commas or an agency in brackets, not a clause. A date without a year
    is no report date (the year would be a guess) unless a known date ``ref`` places it,
    as it places a sentence's day and month (:data:`AHEAD_DAYS`).

    >>> dateline_date("SARAQIB, Syria, 12 March 2024 - Warplanes struck the town.", "en")
    datetime.date(2024, 3, 12)
    >>> dateline_date("BEIRUT, March 12 (Reuters) - Protesters gathered.", "en") is None
    True
    >>> dateline_date("Warplanes struck the town on 12 March 2024 - a monitor said.", "en") is None
    True
    >>> dateline_date("Clashes erupted. On 12 March 2024 - the monitor said - ...", "en") is None
    True
    >>> dateline_date("BEIRUT, March 12 (AFP) - Crowds met.", "en", dt.date(2024, 3, 14))
    datetime.date(2024, 3, 12)
    >>> dateline_date("MOGADISHU, Aug. 21 (AP) - Gunmen attacked.", "en", dt.date(2023, 8, 21))
    datetime.date(2023, 8, 21)
    """
    got = _dateline(text, lang, ref)
    return got[1] if got is not None else None


def _dateline(text: str, lang: str, ref: dt.date | None = None) -> tuple[int, dt.date] | None:
    """Where the text's dateline ends and the date it writes (placed by ``ref`` when it
    has no year), else ``None``."""
    m = _dateline_match(text)
    if m is None or len(re.split(r"[,\u060c(]", text[: m.start()])) < 2:
        return None
    stated = _explicit(fold(text[: m.start()]), lang, ref)
    return (m.end(), stated) if stated is not None else None


def dateline_end(text: str) -> int | None:
    """Where the dateline that opens ``text`` ends (after its dash or colon), else ``None``:
    "BAMAKO (Reuters) - ", "KHARTOUM, Sudan (AP) — ", or one short place name before a
    dash ("الخرطوم - ", "GAZA -- "). It says where the report was filed: neither the
    place nor an actor of the events the text tells.

    >>> text = "BAMAKO (Reuters) - Gunmen attacked a base in central Mali."
    >>> text[dateline_end(text):]
    'Gunmen attacked a base in central Mali.'
    >>> dateline_end("Gunmen attacked a base - a monitor said.") is None
    True
    >>> dateline_end("US, Russia: Investigate attacks in Aleppo") is None
    True
    """
    m = _dateline_match(text)
    if m is None:
        return None
    head = text[: m.start()]
    first = re.split(r"[,\u060c(]", head)[0].strip()
    if "(" in head or (first.isupper() and sum(c.isalpha() for c in first) >= 4):
        return m.end()  # an agency named, or the place in capitals: "GAZA --", "KYIV, May 3 -"
    if len(head.split()) <= 2 and not any(c.isupper() or c.islower() for c in head) and (
        m.group().strip() != ":"
    ):
        return m.end()  # one name in a script without capitals before a dash: "الخرطوم - "
    return None  # "The Russian – Turkish truce", "US, Russia: Investigate ...": a headline


def _dateline_match(text: str) -> re.Match[str] | None:
    """The dash or colon closing the dateline-shaped head of ``text`` (short parts parted by
    commas or an agency in brackets, on the first line, no sentence end before it)."""
    m = _DATELINE_END.search(text, 0, DATELINE_CHARS)
    if m is None:
        return None
    head = text[: m.start()]
    bare = _DATELINE_ABBREVIATIONS.sub("", head) if "." in head else head
    if not head.strip() or "\n" in head.strip() or any(c in bare for c in ".!?\u061f"):
        return None  # the first sentence or line ended before the dash: no dateline
    parts = re.split(r"[,\u060c(]", head)
    if any(len(p.split()) > DATELINE_PART_WORDS for p in parts):
        return None  # a clause ("Warplanes struck the town on 12 March 2024 - ...")
    return m


def _year_after(text: str, end: int) -> int | None:
    m = _YEAR_AFTER.match(text[end : end + 8])
    return int(m.group(1)) if m else None


def event_date(
    sentence: str,
    article_date: dt.date | None,
    language: str,
    matches: Sequence[Match[tuple[str, object]]] | None = None,
    folded: str | None = None,
) -> tuple[dt.date | None, int | None]:
    """The event's date and ACLED time precision.

    ``matches`` are the sentence's :func:`date_lexicon` matches when the caller found them
    already (in the document's one pass); by default the sentence is scanned here.
    ``folded``: the sentence folded (:func:`~geomap.text.normalize.fold`), when the caller
    has it.

    >>> event_date("اجتمعوا اليوم الثلاثاء", dt.date(2017, 3, 7), "ar")
    (datetime.date(2017, 3, 7), 1)
    >>> event_date("Rebels attacked the town on Monday", dt.date(2017, 3, 7), "en")
    (datetime.date(2017, 3, 6), 1)
    >>> event_date("no date here", None, "en")
    (None, None)
    >>> event_date("On 4 May 2020, clashes erupted", dt.date(2020, 5, 3), "en")
    (datetime.date(2020, 5, 4), 1)
    >>> event_date("On 9 May 2020, clashes erupted", None, "en")
    (datetime.date(2020, 5, 9), 1)
    >>> event_date("In March 2016, forces shelled the town", dt.date(2020, 5, 3), "en")
    (datetime.date(2016, 3, 1), 3)
    """
    written = _written(sentence, language, article_date, folded)
    if written is not None or article_date is None:
        return written if written is not None else (None, None)
    if matches is None:
        return _event_date(sentence, article_date, language)
    return _relative(matches, article_date)


#: Marks that close a clause a date expression speaks for: a date after one ("Rebels
#: shelled X; 40 were killed yesterday") is not the date of an event before it.
CLAUSE_MARKS = ";\u061b"


def clause_date(
    sentence: str,
    at: int,
    article_date: dt.date | None,
    language: str,
    matches: Sequence[Match[tuple[str, object]]] | None = None,
    base: int = 0,
    folded: str | None = None,
) -> tuple[dt.date | None, int | None]:
    """:func:`event_date` of the event whose trigger starts at character ``at`` of
    ``sentence``, read clause by clause (clauses end at a semicolon): the date of its own
    clause, else of the text before it ("Yesterday warplanes struck X; 14 were killed"
    dates both), never of a clause after it ("Clashes hit X; 75 were killed yesterday"
    does not date the clashes), and, for an event told in a reduced relative clause after
    a date written for the sentence's own verb, only of that clause
    (:func:`reduced_relative`: "RSF called on Monday for the release of journalists
    detained in raids" does not date the detentions Monday). ``matches`` (offsets from
    ``base``) and ``folded`` (the whole sentence folded) as for :func:`event_date`.

    >>> day = dt.date(2017, 3, 8)
    >>> clause_date("Clashes hit Daraa; 75 were killed yesterday", 0, day, "en")
    (datetime.date(2017, 3, 8), 2)
    >>> clause_date("Clashes hit Daraa; 75 were killed yesterday", 22, day, "en")
    (datetime.date(2017, 3, 7), 1)
    >>> s = "Lawyers urged on Monday the release of activists detained in raids"
    >>> clause_date(s, s.index("detained"), day, "en")
    (datetime.date(2017, 3, 8), 2)
    """
    got = _clause_date(sentence, at, article_date, language, matches, base, folded)
    unwritten = (article_date, 2 if article_date else None)
    if got == unwritten:
        return got  # no date written or told in the sentence (most): nothing to take back
    inside = reduced_relative(sentence, at, language)
    if inside is None:
        return got
    a, b = inside
    if _clause_date(sentence[:a], 0, article_date, language) == unwritten:
        return got  # the date is the clause's own, or stands after it
    # the event is told in a clause after a date written for the sentence's own verb:
    # only a date in that clause is the event's
    return _clause_date(sentence[a:b], at - a, article_date, language)


def _clause_date(
    sentence: str,
    at: int,
    article_date: dt.date | None,
    language: str,
    matches: Sequence[Match[tuple[str, object]]] | None = None,
    base: int = 0,
    folded: str | None = None,
) -> tuple[dt.date | None, int | None]:
    """:func:`clause_date` before a reduced relative clause is read apart."""
    if not any(m in sentence for m in CLAUSE_MARKS):  # (most sentences: one clause)
        return event_date(sentence, article_date, language, matches, folded)
    start = max(sentence.rfind(m, 0, at) for m in CLAUSE_MARKS) + 1
    ends = [i for i in (sentence.find(m, at) for m in CLAUSE_MARKS) if i >= 0]
    end = min(ends) if ends else len(sentence)
    if start == 0 and end == len(sentence):
        return event_date(sentence, article_date, language, matches, folded)

    def within(a: int, b: int):
        if matches is None:
            return None
        return [m for m in matches if base + a <= m.start and m.end <= base + b]

    own = event_date(sentence[start:end], article_date, language, within(start, end))
    if start == 0 or own != (article_date, 2 if article_date else None):
        return own
    return event_date(sentence[:end], article_date, language, within(0, end))


_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")

#: What closes a reduced relative clause for the date before it: a comma, a dash between
#: spaces, a semicolon ("... activists detained in Cairo, the group said on Monday").
_CLAUSE_END = re.compile(r"[,\u060c;\u061b]|\s(?:-{1,2}|\u2013|\u2014)\s")


@functools.cache
def _clause_words(lang: str) -> dict[str, frozenset[str]]:
    """The words of ``reduced_relative_clauses`` in data/dates.yaml for ``lang``, folded."""
    table = (cached_yaml("dates.yaml") or {}).get("reduced_relative_clauses") or {}
    return {k: frozenset(fold(w) for w in word_list("dates.yaml", "reduced_relative_clauses",
                                                    k, lang))
            for k in table}


def _participle(word: str, words: dict[str, frozenset[str]], lang: str) -> bool:
    if word in words["participles"]:
        return True
    return language(lang).subject_first and len(word) > 4 and word.endswith("ed")


def _noun_like(word: str, words: dict[str, frozenset[str]]) -> bool:
    return word.isalpha() and word not in words["not_nouns"] and word not in words["determiners"] \
        and word not in words["prepositions"]


def _hangs_on(toks: list[tuple[int, str]], i: int, words: dict[str, frozenset[str]],
              lang: str) -> int | None:
    """The index of the preposition whose noun phrase a participle at word ``i`` of
    ``toks`` (offset, folded word) follows as its reduced relative clause, else ``None``."""
    if i < 2 or not _noun_like(toks[i - 1][1], words) or not _participle(toks[i][1], words, lang):
        return None
    # a preposition up to three words back, only a noun phrase between it and here
    for j in range(i - 2, max(0, i - 5), -1):
        if toks[j][1] in words["prepositions"]:
            return j
        if not (_noun_like(toks[j][1], words) or toks[j][1] in words["determiners"]
                or toks[j][1].isdigit()):
            return None
    return None


@functools.lru_cache(maxsize=4096)
def reduced_relative(sentence: str, at: int, lang: str) -> tuple[int, int] | None:
    """The span of the reduced relative clause the event word at character ``at`` of
    ``sentence`` stands in (``reduced_relative_clauses`` in data/dates.yaml), else
    ``None``: "the release of journalists detained in a wave of arrests" tells the
    arrests in a clause that hangs on "journalists". The clause runs to a comma, a dash or
    a semicolon. In a subject-first language only after the sentence's own verb (a past
    form written small before the preposition): "a group of villagers pelted stones" is
    the main clause.

    >>> s = "Lawyers called on Monday for the release of activists detained in raids."
    >>> a, b = reduced_relative(s, s.index("raids"), "en"); s[a:b]
    'detained in raids.'
    >>> reduced_relative("On Monday, relatives of missing men marched.", 37, "en") is None
    True
    """
    words = _clause_words(lang)
    subject_first = language(lang).subject_first
    toks: list[tuple[int, str]] = []
    small: list[bool] = []
    for m in _WORD.finditer(sentence):
        if m.start() > at:
            break
        toks.append((m.start(), fold(m.group())))
        small.append(not m.group()[0].isupper())
    # the sentence's own verb: its first past form written small (not "United Nations",
    # "Armed men"), which a clause in a subject-first language must come after
    verb = next((k for k, ((_, w), s) in enumerate(zip(toks, small))
                 if s and _participle(w, words, lang)), len(toks)) if subject_first else -1
    cut = None
    for i in range(2, len(toks)):
        head = _hangs_on(toks, i, words, lang)
        if head is not None and verb < head:
            cut = toks[i][0]
    if cut is None or _CLAUSE_END.search(sentence, cut, at):
        return None
    closed = _CLAUSE_END.search(sentence, at)
    return cut, closed.start() if closed else len(sentence)


@functools.lru_cache(maxsize=1024)
def _written(sentence: str, language: str, ref: dt.date | None, folded: str | None = None
             ) -> tuple[dt.date, int] | None:
    """The date the sentence writes out, placed by the article date ``ref``: an explicit
    day (precision 1), else a month or year (precision 3), else ``None``. Cached, and the
    sentence folded once for both: every event of a sentence asks for the same date. A
    dateline's date is the report's (:func:`dateline_date`), not the event's: the sentence
    is read after it, and so is one without a year that writes the article's day ("KYIV,
    May 3 (Reuters) - ... on Thursday": the report's day, not the event's; a heading's
    other day, "UPDATE, JULY 14: ...", is the event's). ``folded``: ``fold(sentence)``
    when the caller has it."""
    head = _dateline(sentence, language)
    if head is None and ref is not None:
        placed = _dateline(sentence, language, ref)
        head = placed if placed is not None and placed[1] == ref else None
    if head is None:
        text = fold(sentence) if folded is None else folded
    else:
        text = fold(sentence[head[0] :])
    explicit = _explicit(text, language, ref)
    if explicit is not None:
        return explicit, 1
    vague = _vague(text, language, ref)
    return (vague, 3) if vague is not None else None


@functools.lru_cache(maxsize=1024)
def _event_date(sentence: str, article_date: dt.date, language: str) -> tuple[dt.date, int]:
    # Cached: every event of a sentence asks for the same sentence's date (a sentence
    # that writes no date out, see event_date).
    norm = normalize(sentence)
    return _relative(date_lexicon(language).find(norm, tokenize(norm.text)), article_date)


def _relative(
    matches: Iterable[Match[tuple[str, object]]], article_date: dt.date
) -> tuple[dt.date, int]:
    """The most precise date a weekday or relative expression gives, else the article's
    date with precision 2. A named weekday outranks a relative expression of the same
    precision: it is the more specific ("يوم الاثنين" is "on Monday", though its "يوم"
    also reads as "اليوم", today; "the monitor said today that rebels attacked on Monday").

    >>> from geomap.text import normalize, tokenize
    >>> norm = normalize("قصفت الفصائل البلدة يوم الاثنين")
    >>> _relative(date_lexicon("ar").find(norm, tokenize(norm.text)), dt.date(2026, 11, 3))
    (datetime.date(2026, 11, 2), 1)
    """
    best: tuple[int, int, dt.date] | None = None
    for m in matches:
        kind, val = m.value
        if kind == AFTER_EVENT:
            continue  # dated from the event before (after_event), not from the article
        if kind == "wd":
            back = (article_date.weekday() - int(val)) % 7
            got = (1, 0, article_date - dt.timedelta(days=back))
        else:
            days, prec = val
            got = (prec, 1, article_date - dt.timedelta(days=days))
        if best is None or got[:2] < best[:2]:
            best = got
    if best is not None:
        return best[2], best[0]
    return article_date, 2
