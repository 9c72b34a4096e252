"""One document's prepared text, built once and handed from stage to stage.

A :class:`TextView` holds what every stage needs of a text: the original, its language,
the normalised text with its offset map, the word tokens and where each starts in the
original, and the sentences. The geoparser and the events stage both read it, so a text is
normalised and tokenised once, however many stages look at it (there is no hidden cache).

The view is immutable: the parts a stage may not need (token starts, sentences, clause
marks) are computed on first use and kept, never changed.

>>> v = TextView.of("Troops left Manbij. They went to al-Bab.")
>>> v.language, [t.text for t in v.tokens][:3], len(v.sentences)
('en', ['troops', 'left', 'manbij'], 2)
>>> TextView.of(v) is v
True
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .lang import detect_language
from .normalize import Normalized, Token, _normalize, _tokens, token_starts
from .sentences import Sentence, split_sentences

# Marks between clauses. Brackets are not: a parenthesis ("at 11 a.m. (0800 GMT) in X")
# leaves the clause around it whole; nor are full stops, which end a sentence or an
# abbreviation ("Nov. 7"): a sentence opens a clause of its own. Nor are the commas of a
# date or an age ("on Feb. 12, 1989, in front of", "Engels, 54, and").
_CLAUSE_PUNCT = re.compile(r"[,،;؛:!?؟]")
_NOT_A_BREAK = re.compile(
    r"(?<=\d),(?= \d{4}\b)|(?<=\d, \d{4}),|,(?= \d{1,3},)|(?<=, \d),|(?<=, \d\d),|(?<=, \d\d\d),"
    r"|(?<=\d),(?=\d{3}\b)"
)


def _quiet_comma(text: str, p: int) -> bool:
    """Is the comma at ``p`` one of a date, an age or a number (see :data:`_NOT_A_BREAK`)?"""
    # most commas have no digit next to them: look closer only at the others
    if not (p > 0 and text[p - 1].isdecimal()) and not text[p + 2 : p + 3].isdecimal():
        return False
    m = _NOT_A_BREAK.search(text, max(0, p - 8), p + 8)
    while m is not None and m.start() < p:
        m = _NOT_A_BREAK.search(text, m.start() + 1, p + 8)
    return m is not None and m.start() == p


@dataclass(frozen=True, eq=False)
class TextView:
    """A document's text prepared once: build it with :meth:`of`.

    Attributes
    ----------
    text : the original text; every offset below that is not a token index indexes it.
    language : ``"ar"``, ``"en"`` or another code (see :mod:`geomap.text.lang`).
    norm : the normalised text with its offset map (:func:`geomap.text.normalize.normalize`).
    tokens : the word tokens of ``norm.text`` (offsets into the normalised text).
    """

    text: str
    language: str
    norm: Normalized

    @classmethod
    def of(cls, text: str | TextView, language: str | None = None) -> TextView:
        """The view of ``text`` (a view is returned as it is, unless ``language`` names
        another language); the language is detected from the script when not given."""
        if isinstance(text, TextView):
            if language is None or language == text.language:
                return text
            view = cls(text.text, language, text.norm)
            if "tokens" in text.__dict__:  # already tokenised: share the tokens
                view.__dict__["tokens"] = text.tokens
            return view
        if not isinstance(text, str):
            raise TypeError(f"expected a text (str) or a TextView, got {type(text).__name__}")
        return cls(text, language or detect_language(text), _normalize(text))

    @functools.cached_property
    def tokens(self) -> tuple[Token, ...]:
        """The word tokens of ``norm.text`` (tokenised on first use: a document the events
        stage can rule out from its normalised text is never tokenised)."""
        return _tokens(self.norm.text)

    @functools.cached_property
    def token_starts(self) -> list[int]:
        """Where each token starts in the original text."""
        return token_starts(self.norm, self.tokens)

    @functools.cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences, with offsets into the original text."""
        return tuple(split_sentences(self.text))

    def first_token_from(self, char: int) -> int:
        """The first token that starts at or after original character ``char``."""
        return bisect.bisect_left(self.token_starts, char)

    def tok_index(self, char: int) -> int:
        """The token at (or last before) original character ``char``."""
        i = bisect.bisect_right(self.token_starts, char) - 1
        return i if i > 0 else 0

    @functools.cached_property
    def upper_initials(self) -> list[int]:
        """The tokens whose first character in the original text is an upper-case letter,
        ascending (found in one C-level pass; the rules ask for them sentence by sentence)."""
        text = self.text
        flags = map(str.isupper, map(text.__getitem__, self.token_starts))
        return list(itertools.compress(range(len(self.tokens)), flags))

    @functools.cached_property
    def _clause_opens(self) -> tuple[int, ...]:
        """1 for each token that punctuation or a new sentence puts at the start of a clause."""
        # A token opens a new clause when punctuation stands between it and the previous
        # token (in the original text). Punctuation is rare next to tokens: place each mark
        # before its token, then count.
        offsets = self.norm.offsets
        toks = self.tokens
        starts = self.token_starts
        n = len(toks)
        opens = [0] * n
        text = self.text
        for sent in self.sentences[1:]:
            i = bisect.bisect_left(starts, sent.start)
            if 0 < i < n:
                opens[i] = 1
        for p in (m.start() for m in _CLAUSE_PUNCT.finditer(text)):
            if text[p] == "," and _quiet_comma(text, p):
                continue
            i = bisect.bisect_right(starts, p)  # the first token after the mark
            if 0 < i < n and offsets[toks[i - 1].end - 1] + 1 <= p:
                opens[i] = 1  # not inside the previous token ("U.S.")
        return tuple(opens)

    def clauses(self, breaks: Iterable[int] = ()) -> list[int]:
        """The clause number of each token: a clause opens at punctuation, at a new
        sentence, and at each token index in ``breaks`` (clause-break words such as
        "while", found by the caller's lexicon)."""
        opens = list(self._clause_opens)
        n = len(opens)
        for i in breaks:
            if 0 < i < n:
                opens[i] = 1
        return list(itertools.accumulate(opens))


def as_view(text: str | TextView, language: str | None = None) -> TextView:
    """:meth:`TextView.of`, for callers that take a text or a view."""
    return TextView.of(text, language)
