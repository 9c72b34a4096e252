"""Cue words around place names (``data/place_cues.yaml``), and the word lists recognition
reads per language (common words, home regions).

A cue before a name ("near the town of", "قرب مدينة") or after it ("X province") says what
kind of place the name is; recognition, resolution, the English name repair and the events
stage all ask the same questions through :func:`cue_before` and :func:`cue_after`.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass

from ..knowledge import cached_yaml, data_dir, section, word_list
from ..text.languages import language
from ..text.normalize import Token, arabic_variants, fold, key

_MAX_CUE_TOKENS = 3


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


def cue_at(toks: Sequence[Token], i: int, lang: str) -> tuple[str, int] | None:
    """The cue ending just before token ``i``: its kind and how many tokens it takes."""
    # every cue of two or more words ends in its own last word (only the first word of an
    # Arabic cue carries clitics): when the previous token ends none, only a one-word cue
    # can be there, and only in Arabic (most tokens of an English text stop here)
    last_ok = i > 0 and toks[i - 1].text in _last_words(lang)
    clitics = language(lang).clitics
    if not last_ok and not clitics:
        return None
    table = cues().before.get(lang, {})
    for n in range(min(_MAX_CUE_TOKENS, i), 0, -1):
        if not last_ok and (n > 1 or not clitics):
            continue
        words = tuple(t.text for t in toks[i - n : i])
        if clitics:
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


#: punctuation that ends a clause: a cue never reaches a name across it ("شرقي المدينة،
#: وأن ...": "east of the city, and that ...", not "the city of Van")
_CLAUSE_MARKS = frozenset(",;:.!?\u060c\u061b\u061f")
#: a comma alone, which a capital in apposition stands after ("the capital, Harare")
_COMMAS = frozenset(",\u060c ")


def cue_reaches(text: str, toks: Sequence[Token], i: int, kind: str | None = None) -> bool:
    """May a cue ending right before token ``i`` belong to the name at token ``i``? Not
    across the end of a clause, but a capital reaches its name across the comma of an
    apposition ("in the capital, Harare"; ``kind``: the cue's). ``text`` is the normalised
    text the tokens index."""
    if i <= 0 or i >= len(toks):
        return True
    gap = text[toks[i - 1].end : toks[i].start]
    if _CLAUSE_MARKS.isdisjoint(gap):
        return True
    return kind is not None and kind.endswith("capital") and _COMMAS.issuperset(gap)


def cue_before(toks: Sequence[Token], i: int, lang: str) -> str | None:
    """Up to two chained cues before token ``i``, outermost first: ``"near+city"`` for
    "قرب مدينة الباب" / "near the town of".

    The stages ask about the same tokens of a document again and again (recognition, the
    name repair, the events stage sentence by sentence): the answers for a document's
    tokens (a tuple, as a :class:`~geomap.text.view.TextView` holds them) are kept in a
    table of that document, and in a language without clitics only the tokens after a
    cue's last word (found in one pass in C) are worked out at all."""
    if type(toks) is not tuple:
        return _cue_before(toks, i, lang)
    table = _cue_tables[0] if _cue_tables else None
    if table is None or table.toks is not toks or table.lang != lang:
        table = _CueTable(toks, lang)
        _cue_tables[:] = [table]
    got = table.answers.get(i, _UNASKED)
    if got is _UNASKED:
        may = table.may
        got = _cue_before(toks, i, lang) if may is None or i in may else None
        table.answers[i] = got
    return got  # type: ignore[return-value]


def cue_candidates(toks: Sequence[Token], lang: str) -> frozenset[int] | None:
    """The tokens of a document :func:`cue_before` may find a cue before (right after a
    cue's last word, or after that and an article), or ``None`` when any token may have
    one (a language with clitics, or tokens not held in a tuple)."""
    if type(toks) is not tuple:
        return None
    table = _cue_tables[0] if _cue_tables else None
    if table is None or table.toks is not toks or table.lang != lang:
        table = _CueTable(toks, lang)
        _cue_tables[:] = [table]
    return None if table.may is None else frozenset(table.may)


_UNASKED = object()
_token_text = operator.itemgetter(0)  # Token.text, by position


class _CueTable:
    """:func:`cue_before`'s answers for one document's tokens (``answers``: token -> cue),
    and, in a language without clitics, the tokens a cue may stand before (``may``: right
    after a cue's last word, or after that and an article, "near the"); ``None``: any."""

    __slots__ = ("toks", "lang", "answers", "may")

    def __init__(self, toks: tuple, lang: str):
        self.toks = toks
        self.lang = lang
        self.answers: dict[int, str | None] = {}
        self.may: set[int] | None = None
        if not language(lang).clitics:
            words = list(map(_token_text, toks))
            ends = itertools.compress(range(len(words)), map(_last_words(lang).__contains__, words))
            articles = language(lang).cue_articles
            may: set[int] = set()
            for j in ends:
                may.add(j + 1)
                if j + 1 < len(words) and words[j + 1] in articles:
                    may.add(j + 2)
            self.may = may


#: the table of the last document asked about (one: a document's stages ask in turn)
_cue_tables: list[_CueTable] = []


@functools.cache
def _town_describers(lang: str) -> frozenset[str]:
    """Direction words that describe the town cue after them (``town_describers`` in
    data/place_cues.yaml: "the northern city of Aleppo")."""
    return frozenset(fold(w) for w in word_list("place_cues.yaml", "town_describers", lang))


def _cue_before(toks: Sequence[Token], i: int, lang: str) -> str | None:
    kinds: list[str] = []
    pos = i
    for _ in range(2):
        if kinds == ["city"] and pos > 0 and toks[pos - 1].text in _town_describers(lang):
            break  # "the northern city of Aleppo": the city itself
        got = cue_at(toks, pos, lang)
        if got is None:
            # English articles between cues: "near the city of"
            if pos > 0 and toks[pos - 1].text in language(lang).cue_articles:
                got = cue_at(toks, pos - 1, lang)
                if got is not None:
                    got = (got[0], got[1] + 1)
            if got is None:
                break
        kinds.insert(0, got[0])
        pos -= got[1]
    return "+".join(kinds) if kinds else None


def cue_after(toks: Sequence[Token], j: int, lang: str) -> str | None:
    """The kind of the cue right after a name ending before token ``j`` ("X province")."""
    table = cues().after.get(lang, {})
    if j < len(toks):
        return table.get((toks[j].text,))
    return None


@functools.cache
def home_countries(lang: str) -> frozenset[str]:
    """The countries whose places texts in ``lang`` name most (``data/home_regions.yaml``)."""
    data = cached_yaml("home_regions.yaml") or {}
    return frozenset(str(c).upper() for c in data.get(lang) or ())


@functools.cache
def place_words(kind: str, lang: str) -> frozenset[str]:
    """A word list of ``data/place_names.yaml`` for ``lang``, folded."""
    return frozenset(fold(w) for w in word_list("place_names.yaml", kind, lang))


@functools.cache
def place_words_any(kind: str) -> frozenset[str]:
    """A word list of ``data/place_names.yaml`` in every language, folded: for the tests
    a word's script decides, not the document's language."""
    langs = section("place_names.yaml", kind) or {}
    return frozenset().union(*(place_words(kind, lang) for lang in langs))


@functools.cache
def place_types(lang: str) -> frozenset[tuple[str, ...]]:
    """The kinds of place of ``data/place_names.yaml`` ("village", "refugee camp"), as
    tuples of folded words."""
    return frozenset(tuple(w.split()) for w in place_words("place_types", lang))


@functools.cache
def one_word_place_words(kind: str, lang: str) -> frozenset[str]:
    """The one-word entries of a word list of ``data/place_names.yaml``, folded."""
    return frozenset(w for w in place_words(kind, lang) if " " not in w)


@functools.cache
def calendar_words(lang: str) -> frozenset[str]:
    """Weekday and month names of ``data/dates.yaml``, folded: capitalised in English,
    they name no person and no place ("Nablus Saturday", "on Jan. 15")."""
    weekdays = word_list("dates.yaml", "weekdays", lang)
    months = section("dates.yaml", "months", lang) or ()
    return frozenset(fold(str(w)) for w in [*weekdays, *(n for names in months for n in names)])


@functools.cache
def populations() -> dict[str, int]:
    """The population thresholds of ``data/place_names.yaml`` (``hamlet``, ``foreign_town``)."""
    from ..knowledge import weights

    return {k: int(v) for k, v in weights("place_names.yaml", "populations").items()}


def is_locative(word: str) -> bool:
    """Is ``word`` a preposition of place (:func:`locatives`), maybe with the Arabic
    conjunction و/ف as a clitic ("وفي بغداد", and in Baghdad)?"""
    places = locatives()
    return word in places or (word[:1] in ("و", "ف") and word[1:] in places)


def locatives() -> frozenset[str]:
    """Words after which a name is where something happens ("in", "near", "في"), in every
    language (``locatives`` in ``data/place_names.yaml``)."""
    return place_words_any("locatives")
