"""Sentence splitting with offsets into the original text (Arabic and English)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? ؟ ; ؛ or a line break, followed by space; abbreviations such as
# "U.S." or "Jan." do not end a sentence when a lower-case word or a digit follows.
_END = re.compile(r"(?<=[.!?؟؛])[\"'”»)\]]*\s+|\n\s*\n|\n")
_ABBREV = re.compile(
    r"\b(?:[A-Z]\.){1,3}$|\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|St|No|Gov|Sen|Rep|Jr|Sr|Prof|Adm"
    r"|Brig|Cpl|Pvt|Ft|Mt|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.$"
)
# Titles and a middle initial ("Gen. Ali", "George W. Bush") stand before a name: they end
# no sentence whatever follows.
_BEFORE_NAME = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|St|Gov|Sen|Rep|Prof|Adm|Brig|Cpl|Pvt|Ft|Mt|Rev|Cmdr)"
    r"|(?<![.\w])[A-Z])\.$"
)
# Initials and times before anything but a word that often starts a sentence: "a U.S.
# Chinook", "11 p.m. (1700 GMT)" (but "... with the U.S. The talks ...").
_INITIALS = re.compile(r"(?:\b(?:[A-Z]\.){2,3}|\d\s?[ap]\.m\.)$")
_STARTERS = frozenset(
    "The A An He She It They We I In On At But And This That These Those There His Her Its Their "
    "Our As After "
    "Before When While If Meanwhile However Also Earlier Later Some Many Most According".split()
)
_NEXT_WORD = re.compile(r"[\"'“‘(\[]*([^\W\d_]*)")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` (stripped).

    >>> [s.text for s in split_sentences("Troops left Manbij. They went to al-Bab.")]
    ['Troops left Manbij.', 'They went to al-Bab.']
    """
    out: list[Sentence] = []
    pos = 0
    for m in _END.finditer(text):
        chunk = text[pos : m.start()]
        if chunk and m.group().strip() == "" and "\n" not in m.group():
            after = text[m.end() : m.end() + 1]
            # an abbreviation ends the chunk and is at most 7 characters long: its tail
            # (with room for the character before, which \b looks at) is enough
            tail = chunk[-10:]
            if _ABBREV.search(tail) and (not after or after.islower() or after.isdecimal()):
                continue
            if _BEFORE_NAME.search(tail):
                continue
            if _INITIALS.search(tail):
                word = _NEXT_WORD.match(text, m.end())
                if word is None or word.group(1) not in _STARTERS:
                    continue
        _add(out, text, pos, m.start())
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    s = start + (len(chunk) - len(chunk.lstrip()))
    out.append(Sentence(stripped, s, s + len(stripped)))
