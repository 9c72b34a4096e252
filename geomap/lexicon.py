"""A multi-word phrase matcher over normalised tokens, for actors, triggers and cues.

Phrases are written as people write them ("قوات سوريا الديمقراطية", "air strike",
"attack*"); a trailing ``*`` on a word matches any word starting with it. Arabic words
in the text are tried with their proclitics and article removed (see
:func:`geomap.text.arabic_variants`), so "والروسي" matches "روسي". Matching is longest
first, left to right, without overlaps.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Sequence
from typing import Generic, NamedTuple, TypeVar

from .text.normalize import Memo, Normalized, Token, is_arabic, key, token_forms

V = TypeVar("V")


class Match(NamedTuple, Generic[V]):
    """A phrase found: its value and where it lies (a named tuple rather than a frozen
    dataclass: a document has dozens of matches and a tuple is several times cheaper to
    build)."""

    value: V
    tok_start: int  # token index of the first word
    tok_end: int  # token index after the last word
    start: int  # offsets into the original text
    end: int
    surface: str


def _screen(exact: Iterable[tuple[str, ...]], multi_prefix: Iterable[tuple[str, ...]],
            prefixes: Iterable[str]):
    """The automaton of :meth:`Lexicon.may_match`: ``(length, Arabic?, prefix?)`` per
    string (where one string has two roles, the looser one wins: a prefix, then Arabic)."""
    import ahocorasick

    entries: dict[str, tuple[int, bool, bool]] = {}

    def add(text: str, arabic: bool, prefix: bool) -> None:
        old = entries.get(text)
        if old is not None:
            arabic, prefix = arabic or old[1], prefix or old[2]
        entries[text] = (len(text), arabic, prefix)

    for words, last_is_prefix in [*((w, False) for w in exact), *((w, True) for w in multi_prefix)]:
        if is_arabic(words[0]) or any(is_arabic(w) for w in words[1:2]):
            add(words[0], is_arabic(words[0]), len(words) == 1 and last_is_prefix)
        elif len(words) == 1:
            add(words[0], False, last_is_prefix)
        else:
            add(f"{words[0]} {words[1]}", False, last_is_prefix and len(words) == 2)
    for word in prefixes:
        add(word, is_arabic(word), True)
    auto = ahocorasick.Automaton()
    for text, value in entries.items():
        auto.add_word(text, value)
    if entries:
        auto.make_automaton()
    return auto


_WORDS = re.compile(r"\w+", re.UNICODE)
#: How many characters of a text :meth:`Lexicon.may_match` screens first.
_HEAD = 1000


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
        # token text -> can a match start at it? (computed once per word, not per token)
        self._can_start: dict[str, bool] = {}
        # token text -> its longest match when no phrase of two words or more can start
        # at it (the match is then the word's alone), else _FOLLOWED
        self._alone: dict[str, tuple[int, V] | None | object] = {}
        self.version = 0  # bumped by add(), so that LexiconSet memos know to start over
        self._screen = None  # the Aho-Corasick automaton of may_match, built when first asked
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
        self._can_start.clear()
        self._alone.clear()
        self._screen = None
        self.version += 1

    def __len__(self) -> int:
        return len(self._exact) + len(self._prefix) + len(self._multi_prefix)

    def _word_variants(self, word: str) -> Sequence[str]:
        return token_forms(word)

    def can_start(self, word: str) -> bool:
        """Can a match start at a token whose text is ``word``? (any of its forms is the
        first word of a phrase, or matches a ``*`` prefix pattern)."""
        got = self._can_start.get(word)
        if got is None:
            first = self._first
            got = any(v in first or self._match_word(v) for v in token_forms(word))
            if len(self._can_start) > _MEMO_MAX:
                self._can_start.clear()
            self._can_start[word] = got
        return got

    def may_match(self, text: str) -> bool:
        """Could :meth:`find` find anything in this normalised text? A quick test that is
        never wrong when it says no, for a document with nothing to find.

        The text's words, joined by single spaces, go through an Aho-Corasick automaton (one
        pass in C) of what a match must begin with: a one-word phrase, the first two words
        of a longer one, a prefix pattern. A hit counts where it can begin a token's form:
        whole words in Latin script; in Arabic, the end of a word (the forms of an Arabic
        token are what is left once its clitics are cut off the front, so an Arabic phrase
        is screened by its first word alone).
        """
        if self._screen is None:
            self._screen = _screen(self._exact, self._multi_prefix, self._prefix)
        if len(self._screen) == 0:
            return False
        # most texts that have a match have one early: the head is screened first (cut at
        # a space, so that its words are the whole text's first words and a hit in it is
        # one in the whole text), the whole text only when the head has none
        cut = text.rfind(" ", 0, _HEAD) if len(text) > 2 * _HEAD else -1
        if cut > 0 and self._screened(text[:cut]):
            return True
        return self._screened(text)

    def _screened(self, text: str) -> bool:
        """:meth:`may_match` of ``text`` (the screen built)."""
        joined = " ".join(_WORDS.findall(text))
        n = len(joined)
        for end, (size, arabic, prefix) in self._screen.iter(joined):
            right = prefix or end + 1 == n or joined[end + 1] == " "
            if arabic:
                if right:
                    return True
            elif right and (end + 1 == size or _left_boundary(joined[end - size])):
                return True
        return False

    def _match_word(self, word: str) -> tuple[V, ...]:
        out = []
        for n in self._prefix_lens:
            if len(word) >= n:
                v = self._prefix.get(word[:n])
                if v is not None:
                    out.append(v)
        return tuple(out)

    def match_at(self, toks: Sequence[Token], i: int) -> tuple[int, V] | None:
        """Longest match starting at token ``i``: (number of tokens, value)."""
        best: tuple[int, V] | None = None
        first = self._first
        for v in self._word_variants(toks[i].text):
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

    def _match_alone(self, toks: Sequence[Token], i: int) -> tuple[int, V] | None | object:
        """:meth:`match_at` for a token at which no phrase of two words or more can start
        (what follows it does not matter, so the answer is remembered per word), else
        :data:`_FOLLOWED`."""
        w = toks[i][0]
        starts = self._starts
        if any((v,) in starts for v in self._word_variants(w)):
            got: tuple[int, V] | None | object = _FOLLOWED
        else:
            got = self.match_at(toks, i)
        if len(self._alone) > _MEMO_MAX:
            self._alone.clear()
        self._alone[w] = got
        return got

    def find(self, norm: Normalized, toks: Sequence[Token]) -> list[Match[V]]:
        """Matches in ``toks``: longest first, left to right, without overlaps (the forms
        of each word are cached)."""
        can, known = self.can_start, self._can_start.get
        # the memo inline: a method call per token is most of the cost of this scan
        starts = [
            i for i, (w, _, _) in enumerate(toks)
            if (got := known(w)) or (got is None and can(w))
        ]
        return self._matches(norm, toks, starts)

    def _matches(
        self,
        norm: Normalized,
        toks: Sequence[Token],
        starts: Iterable[int],
    ) -> list[Match[V]]:
        # Only tokens where a match can start are tried (``starts``, ascending); skipping
        # the others gives exactly what trying every token would, as match_at finds
        # nothing there.
        out: list[Match[V]] = []
        free = 0  # the first token not inside the previous match
        original = norm.original
        alone = self._alone
        for i in starts:
            if i < free:
                continue
            w = toks[i][0]
            got = alone.get(w, _UNKNOWN)
            if got is _UNKNOWN:
                got = self._match_alone(toks, i)
            if got is _FOLLOWED:
                got = self.match_at(toks, i)
            if got is None:
                continue
            n, value = got
            s, e = norm.span(toks[i].start, toks[i + n - 1].end)
            out.append(Match(value, i, i + n, s, e, original[s:e]))
            free = i + n
        return out


def _left_boundary(c: str) -> bool:
    """May a Latin-script phrase start right after ``c``? After a space, and after an
    Arabic letter: a token's forms drop its Arabic proclitics, whatever script follows
    ("وkilled" has the form "killed")."""
    return c == " " or "\u0600" <= c <= "\u06ff"


#: Bound on the per-word memos (they grow with the vocabulary of the texts seen).
_MEMO_MAX = 1 << 18
#: Markers of :attr:`Lexicon._alone`: not asked yet; the match depends on the next words.
_UNKNOWN, _FOLLOWED = object(), object()


_token_text = operator.itemgetter(0)  # Token.text, by position (cheaper)
#: word -> :func:`_word_key` (a dict lookup in C instead of a Python call per token)
_WORD_KEYS = Memo(_word_key, limit=_MEMO_MAX)


class LexiconSet:
    """Several lexicons scanned in one pass over a document's tokens.

    ``find`` gives, per lexicon, exactly what :meth:`Lexicon.find` would; the words where
    no lexicon can start a match (most of them) are looked up once in a shared memo.
    """

    def __init__(self, lexicons: Sequence[Lexicon]):
        self.lexicons = tuple(lexicons)
        self._versions: tuple[int, ...] = ()
        self._index()

    def _index(self) -> None:
        """Which lexicons a first word, or a word prefix, can start a match in."""
        first: dict[str, set[int]] = {}
        prefix: dict[int, dict[str, set[int]]] = {}
        for j, lex in enumerate(self.lexicons):
            for w in lex._first:
                first.setdefault(w, set()).add(j)
            for p, value in lex._prefix.items():
                if value is not None:
                    prefix.setdefault(len(p), {}).setdefault(p, set()).add(j)
        self._first = {w: frozenset(js) for w, js in first.items()}
        self._prefix = [
            (n, {p: frozenset(js) for p, js in t.items()}) for n, t in sorted(prefix.items())
        ]
        # per lexicon: first word -> the second words of its phrases (exact, or the
        # beginning of a longer phrase); first words of two-word prefix patterns
        self._seconds: list[dict[str, set[str]]] = []
        self._prefix2: list[set[str]] = []
        for lex in self.lexicons:
            seconds: dict[str, set[str]] = {}
            for t in (*lex._exact, *lex._starts):
                if len(t) >= 2:
                    seconds.setdefault(t[0], set()).add(t[1])
            self._seconds.append(seconds)
            self._prefix2.append({t[0] for t in lex._multi_prefix if len(t) == 2})
        self._memo: dict[str, tuple[tuple[int, frozenset[str] | None], ...]] = Memo(self._starters)
        self._versions = tuple(lex.version for lex in self.lexicons)

    def _starters(self, word: str) -> tuple[tuple[int, frozenset[str] | None], ...]:
        """The lexicons in which a match can start at ``word`` (as
        :meth:`Lexicon.can_start` says, for all lexicons at once), each with the words
        the next token must be for a match to be possible (``None``: any)."""
        js: set[int] = set()
        first = self._first
        forms = token_forms(word)
        for v in forms:
            got = first.get(v)
            if got:
                js.update(got)
            for n, table in self._prefix:
                if len(v) >= n:
                    got = table.get(v[:n])
                    if got:
                        js.update(got)
        out = tuple((j, self._next_words(j, forms)) for j in sorted(js))
        if len(self._memo) > _MEMO_MAX:
            self._memo.clear()
        self._memo[word] = out
        return out

    def _next_words(self, j: int, forms: Sequence[str]) -> frozenset[str] | None:
        """For lexicon ``j`` and a word with these ``forms``: when every phrase it can start
        has two or more words, the second words they can have (the next token's
        :func:`_word_key` must be one, or :meth:`Lexicon.match_at` finds nothing);
        ``None`` when a match may be the word alone."""
        lex = self.lexicons[j]
        seconds = self._seconds[j]
        out: set[str] = set()
        for v in forms:
            if (v,) in lex._exact or lex._match_word(v) or v in self._prefix2[j]:
                return None
            out.update(seconds.get(v, ()))
        return frozenset(out)

    def find(self, norm: Normalized, toks: Sequence[Token]) -> list[list[Match]]:
        """The matches of every lexicon, in the order the lexicons were given."""
        if any(lex.version != v for lex, v in zip(self.lexicons, self._versions, strict=True)):
            self._index()  # a lexicon gained entries since the index was built
        starts: list[list[int]] = [[] for _ in self.lexicons]
        n_toks = len(toks)
        # most words start nothing: look every word up in the memo with map() and keep
        # those that start something with compress(), both in C
        per_tok = list(map(self._memo.__getitem__, map(_token_text, toks)))
        word_keys = _WORD_KEYS
        for i in itertools.compress(range(n_toks), per_tok):
            for j, need in per_tok[i]:
                # a phrase of two or more words cannot start here unless the next word fits
                if need is None or (i + 1 < n_toks and word_keys[toks[i + 1][0]] in need):
                    starts[j].append(i)
        # (most lexicons can start nothing in a given document: no call for them)
        return [
            lex._matches(norm, toks, st) if st else []
            for lex, st in zip(self.lexicons, starts, strict=True)
        ]
