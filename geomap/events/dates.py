"""Event dates from the article date and the sentence's date expressions.

``event_date(sentence, article_date, language)`` returns ``(date, time_precision)``:

* an explicit day and month ("5 March", "5 مارس") -> that day, precision 1;
* a weekday ("on Monday", "اليوم الثلاثاء") -> the latest such day on or before the
  article date, precision 1;
* a relative expression from ``data/dates.yaml`` ("yesterday", "قبل أشهر") -> the article
  date minus its offset, with its precision;
* nothing -> the article date, precision 2 (news reports events of the last days);
* no article date -> ``(None, None)``: never a guess.
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
    return lex


@functools.cache
def _months(lang: str) -> dict[str, int]:
    data = cached_yaml("dates.yaml") or {}
    out = {}
    for i, names in enumerate(data.get("months", {}).get(lang) or []):
        for n in names:
            out[key(str(n))] = i + 1
    return out


@functools.cache
def _words_not_months(lang: str) -> frozenset[str]:
    """Month names that are words too ("may", "mar"): not a month before a day number."""
    return frozenset(fold(w) for w in word_list("dates.yaml", "not_months_before_day", lang))


_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(\w+(?:\s\w+)?)")
_MONTH_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})\b")


def _explicit(sentence: str, lang: str, ref: dt.date) -> dt.date | None:
    text = fold(sentence)
    months = _months(lang)
    cands = []
    for m in _DAY_MONTH.finditer(text):
        words = m.group(2).split()
        for n in (2, 1):
            mon = months.get(key(" ".join(words[:n])))
            if mon:
                cands.append((int(m.group(1)), mon))
                break
    if language(lang).month_before_day:
        words = _words_not_months(lang)
        for m in _MONTH_DAY.finditer(text):
            mon = months.get(m.group(1))
            if mon and m.group(1) not in words:
                cands.append((int(m.group(2)), mon))
    for day, mon in cands:
        year = ref.year if (mon, day) <= (ref.month, ref.day) else ref.year - 1
        try:
            return dt.date(year, mon, day)
        except ValueError:
            continue
    return None


def event_date(
    sentence: str,
    article_date: dt.date | None,
    language: str,
    matches: Sequence[Match[tuple[str, object]]] | None = None,
) -> tuple[dt.date | None, int | None]:
    """The event's date and ACLED time precision.

    ``matches`` are the sentence's :func:`date_lexicon` matches when the caller found them
    already (in the document's one pass); by default the sentence is scanned here.

    >>> event_date("اجتمعوا اليوم الثلاثاء", dt.date(2017, 3, 7), "ar")
    (datetime.date(2017, 3, 7), 1)
    >>> event_date("Rebels attacked the town on Monday", dt.date(2017, 3, 7), "en")
    (datetime.date(2017, 3, 6), 1)
    >>> event_date("no date here", None, "en")
    (None, None)
    """
    if article_date is None:
        return None, None
    if matches is None:
        return _event_date(sentence, article_date, language)
    explicit = _explicit_cached(sentence, language, article_date)
    if explicit is not None:
        return explicit, 1
    return _relative(matches, article_date)


@functools.lru_cache(maxsize=1024)
def _event_date(sentence: str, article_date: dt.date, language: str) -> tuple[dt.date, int]:
    # Cached: every event of a sentence asks for the same sentence's date.
    explicit = _explicit(sentence, language, article_date)
    if explicit is not None:
        return explicit, 1
    norm = normalize(sentence)
    return _relative(date_lexicon(language).find(norm, tokenize(norm.text)), article_date)


_explicit_cached = functools.lru_cache(maxsize=1024)(_explicit)


def _relative(
    matches: Iterable[Match[tuple[str, object]]], article_date: dt.date
) -> tuple[dt.date, int]:
    """The most precise date a weekday or relative expression gives, else the article's
    date with precision 2."""
    best: tuple[dt.date, int] | None = None
    for m in matches:
        kind, val = m.value
        if kind == "wd":
            back = (article_date.weekday() - int(val)) % 7
            got = (article_date - dt.timedelta(days=back), 1)
        else:
            days, prec = val
            got = (article_date - dt.timedelta(days=days), prec)
        if best is None or got[1] < best[1]:
            best = got
    if best is not None:
        return best
    return article_date, 2
