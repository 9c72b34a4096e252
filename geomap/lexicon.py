"""A multi-word phrase matcher over normalised tokens, for actors, triggers and cues.

Phrases are written as people write them ("قوات سوريا الديمقراطية", "air strike",
"attack*"); a trailing ``*`` on a word matches any word starting with it. Arabic words
in the text are tried with their proclitics and article removed (see
:func:`geomap.text.arabic_variants`), so "والروسي" matches "روسي". Matching is longest
first, left to right, without overlaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .text.normalize import Normalized, Token, arabic_variants, fold, is_arabic, key

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Match(Generic[V]):
    value: V
    tok_start: int  # token index of the first word
    tok_end: int  # token index after the last word
    start: int  # offsets into the original text
    end: int
    surface: str


def _word_key(word: str) -> str:
    if is_arabic(word) and word.startswith("ال") and len(word) > 3:
        return word[2:]
    return word


class Lexicon(Generic[V]):
    """Phrases mapped to values; :meth:`find` scans tokens of a :class:`Normalized` text."""

    def __init__(self, entries: Iterable[tuple[str, V]] = ()):
        self._exact: dict[tuple[str, ...], V] = {}
        self._prefix: dict[str, V] = {}  # single-word prefix patterns ("attack*")
        self._prefix_lens: set[int] = set()
        self._multi_prefix: dict[tuple[str, ...], V] = {}  # multi-word, last word a prefix
        self._starts: set[tuple[str, ...]] = set()
        self._first: set[str] = set()  # first words of exact and multi-word entries
        self._max = 1
        for phrase, value in entries:
            self.add(phrase, value)

    def add(self, phrase: str, value: V) -> None:
        star = phrase.rstrip().endswith("*")
        words = key(phrase.rstrip().rstrip("*")).split()
        if not words:
            return
        words = [_word_key(w) for w in words]
        t = tuple(words)
        if star and len(t) == 1:
            self._prefix.setdefault(t[0], value)
            self._prefix_lens.add(len(t[0]))
        elif star:
            self._multi_prefix.setdefault(t, value)
        else:
            self._exact.setdefault(t, value)
        if not (star and len(t) == 1):
            self._first.add(t[0])
        for i in range(1, len(t)):
            self._starts.add(t[:i])
        self._max = max(self._max, len(t))

    def __len__(self) -> int:
        return len(self._exact) + len(self._prefix) + len(self._multi_prefix)

    def _word_variants(self, word: str) -> list[str]:
        return arabic_variants(word) if is_arabic(word) else [word]

    def _match_word(self, word: str) -> tuple[V, ...]:
        out = []
        for n in self._prefix_lens:
            if len(word) >= n:
                v = self._prefix.get(word[:n])
                if v is not None:
                    out.append(v)
        return tuple(out)

    def match_at(
        self, toks: list[Token], i: int, variants: list[str] | None = None
    ) -> tuple[int, V] | None:
        """Longest match starting at token ``i``: (number of tokens, value)."""
        best: tuple[int, V] | None = None
        first = self._first
        for v in variants if variants is not None else self._word_variants(toks[i].text):
            if v not in first and not self._prefix_lens:
                continue
            t: tuple[str, ...] = (v,)
            n = 1
            while True:
                got = self._exact.get(t)
                if got is None and self._multi_prefix and len(t) > 1:
                    for m in range(len(t[-1]), 0, -1):
                        got = self._multi_prefix.get(t[:-1] + (t[-1][:m],))
                        if got is not None:
                            break
                if got is None and n == 1:
                    pm = self._match_word(v)
                    got = pm[0] if pm else None
                if got is not None and (best is None or n > best[0]):
                    best = (n, got)
                if t not in self._starts or i + n >= len(toks) or n >= self._max:
                    break
                t = t + (_word_key(toks[i + n].text),)
                n += 1
        return best

    def find(
        self, norm: Normalized, toks: list[Token], variants: list[list[str]] | None = None
    ) -> list[Match[V]]:
        """Matches in ``toks``; ``variants`` (per token, see :func:`token_variants`) saves
        recomputing clitic variants when several lexicons scan the same text."""
        out: list[Match[V]] = []
        if variants is None:
            variants = token_variants(toks)
        first, has_prefix = self._first, bool(self._prefix_lens)
        i = 0
        while i < len(toks):
            vs = variants[i]
            if not has_prefix and not any(v in first for v in vs):
                i += 1
                continue
            got = self.match_at(toks, i, vs)
            if got is None:
                i += 1
                continue
            n, value = got
            s, e = norm.span(toks[i].start, toks[i + n - 1].end)
            out.append(Match(value, i, i + n, s, e, norm.original[s:e]))
            i += n
        return out


def token_variants(toks: list[Token]) -> list[list[str]]:
    """The forms each token is tried in (Arabic: with clitics removed)."""
    return [arabic_variants(t.text) if is_arabic(t.text) else [t.text] for t in toks]


def phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(fold(phrase).split())
