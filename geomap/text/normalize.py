"""Normalisation with an offset map back to the original text.

Every normalised character comes from exactly one original character (characters are
either dropped or replaced one for one), so ``Normalized.offsets[i]`` is the index in the
original text of normalised character ``i``, and ``offsets[len(text)]`` is the length of the
original. Spans found in normalised text map back with :meth:`Normalized.span`.

What is folded:

* Arabic: diacritics (harakat, tanwin, shadda, sukun, superscript alef) and tatweel are
  dropped; alef variants (أ إ آ ٱ) become ا, alef maqsura ى becomes ي, taa marbuta ة
  becomes ه, hamza carriers ؤ ئ become و ي, Persian/Urdu ی ک become ي ك; Arabic-Indic
  digits become ASCII digits.
* Latin: lower case, accents stripped (é → e, ḩ → h), apostrophes, hyphens and ʿ ʼ become
  spaces (so ``Al-Bab`` and ``Syria's`` split into words).
* Bidi and zero-width controls are dropped.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

_DROP = set()
_DROP.update(range(0x064B, 0x0660))  # harakat, tanwin, shadda, sukun, madda/hamza marks
_DROP.update({0x0670, 0x0640})  # superscript alef, tatweel
_DROP.update(range(0x06D6, 0x06EE))  # Quranic marks
_DROP.update({0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF, 0x00AD})
_DROP.update(range(0x202A, 0x202F))  # bidi embeddings/overrides
_DROP.update(range(0x2066, 0x206A))  # bidi isolates

_MAP: dict[int, str] = {
    0x0623: "ا", 0x0625: "ا", 0x0622: "ا", 0x0671: "ا", 0x0672: "ا", 0x0673: "ا",
    0x0649: "ي", 0x06CC: "ي", 0x06D2: "ي", 0x0626: "ي",
    0x0629: "ه", 0x06C0: "ه",
    0x0624: "و",
    0x06A9: "ك", 0x06AA: "ك",
    0x0621: "ء",
}
for _i in range(10):
    _MAP[0x0660 + _i] = str(_i)
    _MAP[0x06F0 + _i] = str(_i)
for _c in "'’‘`´ʼʻʾʿ-‐‑‒–—_/":
    _MAP[ord(_c)] = " "


def _fold_latin(cp: int) -> str:
    ch = chr(cp)
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = unicodedata.normalize("NFKD", low)
    base = "".join(c for c in base if not unicodedata.combining(c))
    return base if len(base) == 1 else low


_TABLE: dict[int, str | None] = {cp: None for cp in _DROP}
_TABLE.update(_MAP)
for _cp in range(0x41, 0x250):
    if _cp not in _TABLE and chr(_cp).isalpha():
        _TABLE[_cp] = _fold_latin(_cp)
for _cp in range(0x1E00, 0x1F00):  # Latin Extended Additional (ḩ, ṣ, ṭ ...)
    _TABLE[_cp] = _fold_latin(_cp)
for _cp in range(0x0370, 0x0530):  # Greek and Cyrillic: lower case only
    if chr(_cp).isalpha() and len(chr(_cp).lower()) == 1:
        _TABLE.setdefault(_cp, chr(_cp).lower())
_DROP_CHARS = frozenset(chr(cp) for cp in _DROP)
_MARKS = frozenset(
    chr(cp) for cp in [*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE)]
)


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text with the offset of each character in the original."""

    text: str
    offsets: Sequence[int]  # a tuple, or a range when nothing was dropped
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` span to the original text."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        stop = self.offsets[end - 1] + 1
        # a word's trailing diacritics belong to it: "الْبَابِ", not "الْبَاب"
        while stop < len(self.original) and self.original[stop] in _MARKS:
            stop += 1
        return self.offsets[start], stop


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching, keeping an offset map.

    >>> n = normalize("وصلت إلى مَدِينةِ الباب")
    >>> n.text
    'وصلت الي مدينه الباب'
    >>> s, e = n.span(15, 20); n.original[s:e]
    'الباب'
    """
    return _normalize(text)


def _normalize(text: str) -> Normalized:
    folded = text.translate(_TABLE)
    if len(folded) == len(text):
        offsets: Sequence[int] = range(len(text) + 1)  # identity: no need to build it
    else:
        offsets = tuple(i for i, c in enumerate(text) if c not in _DROP_CHARS) + (len(text),)
    return Normalized(folded, offsets, text)



class _Folds(dict):
    """Folded words, remembered: the stages fold the same few thousand words (names, cue
    words, trigger words) a thousand times per document, and a dict lookup in C costs a
    fifth of ``str.translate``. Long texts are folded but not kept; the memo is emptied
    when full (emptying changes no answer, only its cost)."""

    def __missing__(self, text: str) -> str:
        folded = text.translate(_TABLE)
        if len(text) <= _FOLD_KEPT_CHARS:
            if len(self) >= _FOLD_KEPT:
                self.clear()
            self[text] = folded
        return folded


#: Longest text :data:`fold` remembers, and how many it remembers.
_FOLD_KEPT_CHARS, _FOLD_KEPT = 64, 1 << 16

#: ``fold(text) -> str``: normalise without an offset map (for names and keys), as
#: :func:`normalize` does (``fold("Al-Bāb") == "al bab"``). The bound lookup of a memo
#: rather than a function: a call costs no Python frame.
fold = _Folds().__getitem__


_TOKEN = re.compile(r"\w+", re.UNICODE)


class Token(NamedTuple):
    """A token of normalised text; ``start``/``end`` index the normalised text.

    A named tuple rather than a frozen dataclass: documents have hundreds of tokens and a
    tuple is several times cheaper to build.
    """

    text: str
    start: int
    end: int


def tokenize(norm: str) -> list[Token]:
    """The word tokens of normalised text (a document's are in its
    :class:`~geomap.text.view.TextView`: tokenise a whole document through it).

    >>> [t.text for t in tokenize("air strikes near al bab")]
    ['air', 'strikes', 'near', 'al', 'bab']
    """
    return list(_tokens(norm))


def _tokens(norm: str) -> tuple[Token, ...]:
    # re.split with a group alternates gaps and words; their running lengths are the
    # words' offsets. A third faster than building each token from a match object.
    parts = _TOKEN_SPLIT.split(norm)
    pos = list(itertools.accumulate(map(len, parts), initial=0))
    toks = tuple(map(_new_token, zip(parts[1::2], pos[1:-1:2], pos[2::2])))
    if max(map(len, parts[1::2]), default=0) > MAX_TOKEN_CHARS:
        return tuple(t for t in toks if len(t.text) <= MAX_TOKEN_CHARS)
    return toks


#: Longest run of word characters that is a token. No word, name or number geomap looks
#: up comes near it (Arabic words with every clitic stay under 20 letters); a longer run --
#: a hashtag chain, an encoded blob, one clitic repeated 60,000 times -- is not a token,
#: so that no lexicon, gazetteer or cache ever works on it (that work grows with the square
#: of its length: 240 KB of one Arabic "word" took 10 GB).
MAX_TOKEN_CHARS = 64


_TOKEN_SPLIT = re.compile(r"(\w+)", re.UNICODE)
_new_token = functools.partial(tuple.__new__, Token)
_token_start = operator.itemgetter(1)  # Token.start, by position (cheaper)


class Memo(dict):
    """A dict whose missing keys are computed by ``compute`` on first sight and kept: its
    ``__getitem__`` can be mapped over a document's words or characters in C.

    With a ``limit``, the memo is emptied when it holds that many answers (so that a long
    batch of ever new words cannot grow it without bound); emptying changes no answer,
    only its cost.

    >>> lengths = Memo(len, limit=2)
    >>> list(map(lengths.__getitem__, ["ab", "abc", "ab", "abcd"])), len(lengths)
    ([2, 3, 2, 4], 1)
    """

    def __init__(self, compute: Callable[[str], object], limit: int | None = None):
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, k: str) -> object:
        if self.limit is not None and len(self) >= self.limit:
            self.clear()
        got = self[k] = self.compute(k)
        return got


def token_starts(norm: Normalized, toks: Sequence[Token]) -> list[int]:
    """Where each token starts in the original text (``norm.span(t.start, ...)[0]``).

    >>> n = normalize("قصف مَدِينةِ الباب")
    >>> [n.original[s] for s in token_starts(n, tokenize(n.text))]
    ['ق', 'م', 'ا']
    """
    # map() over the offset map runs in C: documents have hundreds of tokens
    starts = list(map(_token_start, toks))
    if isinstance(norm.offsets, range):
        return starts  # nothing was dropped: the offsets are the identity
    return list(map(norm.offsets.__getitem__, starts))


#: Conjunctions written joined to the next word (و "and", ف "then").
PROCLITIC_CONJ = "وف"
_PROCLITIC_CONJ = PROCLITIC_CONJ
_PROCLITIC_PREP = "بلك"


def _strip_article(tok: str) -> str:
    if tok.startswith("ال") and len(tok) > 3:
        return tok[2:]
    return tok


def arabic_variants(tok: str) -> list[str]:
    """Stems of an Arabic token with proclitics (و ف ب ل ك) and the article ال removed.

    The first variant is the token with only the article removed; later variants strip
    more. Every variant is at least two letters long.

    >>> arabic_variants("وبالرقه")
    ['وبالرقه', 'بالرقه', 'رقه']
    >>> arabic_variants("للرقه")
    ['للرقه', 'رقه']
    """
    return list(_arabic_variants(tok))


@functools.lru_cache(maxsize=1 << 16)
def token_forms(tok: str) -> tuple[str, ...]:
    """The forms a token is matched in: Arabic variants, or the token itself (cached, as
    every lexicon scan asks for every token's forms)."""
    return _arabic_variants(tok) if is_arabic(tok) else (tok,)


@functools.lru_cache(maxsize=1 << 16)
def _arabic_variants(tok: str) -> tuple[str, ...]:
    out = [_strip_article(tok)]
    rest = tok
    if len(rest) > 3 and rest[0] in _PROCLITIC_CONJ:
        rest = rest[1:]
        out.append(_strip_article(rest))
    if len(rest) > 3 and rest.startswith("لل"):
        out.append(rest[2:])
    elif len(rest) > 3 and rest[0] in _PROCLITIC_PREP:
        out.append(_strip_article(rest[1:]))
    seen: list[str] = []
    for v in out:
        if len(v) >= 2 and v not in seen:
            seen.append(v)
    return tuple(seen)


def is_arabic(tok: str) -> bool:
    return bool(tok) and "\u0621" <= tok[0] <= "\u064a"


def key(name: str) -> str:
    """The lookup key of a place or actor name: folded, tokenised, Arabic article removed.

    >>> key("Al-Bāb")
    'al bab'
    >>> key("الرقة")
    'رقه'
    >>> key("الولايات المتحدة الأمريكية")
    'ولايات متحده امريكيه'
    """
    toks = _TOKEN.findall(fold(name))
    return " ".join(_strip_article(t) if is_arabic(t) else t for t in toks)


#: An apostrophe (or a transliteration's hamza/ayn mark) between two letters of one word.
_INNER_APOSTROPHE = re.compile(
    "(?<=[^\\W\\d_])['\u2019\u2018`\u00b4\u02bc\u02bb\u02be\u02bf](?=[^\\W\\d_])")


def joined_key(name: str) -> str:
    """The key of a name read with its inner apostrophes dropped, not as word breaks;
    ``""`` when the name has none.

    GeoNames writes "Ra's al 'Ayn" where the news writes "Ras al-Ayn": :func:`key` makes
    the first "ra s al ayn", so a gazetteer indexes this form beside it.

    >>> joined_key("Ra's al 'Ayn"), joined_key("Maʿarrat an Nuʿman"), joined_key("Aleppo")
    ('ras al ayn', 'maarrat an numan', '')
    """
    if not _INNER_APOSTROPHE.search(name):
        return ""
    return key(_INNER_APOSTROPHE.sub("", name))


def arabic_forms(word: str) -> list[str]:
    """An Arabic nisba adjective and its feminine and plural forms (روسي → روسية ...).

    >>> arabic_forms("روسي")
    ['روسي', 'روسية', 'روسيون', 'روسيين', 'روسيه']
    """
    words = word.split()
    last = fold(words[-1]) if words else ""
    if len(words) == 1 and is_arabic(last) and last.endswith("ي") and len(last) >= 4:
        return [word, word + "ة", word + "ون", word + "ين", word + "ه"]
    return [word]
