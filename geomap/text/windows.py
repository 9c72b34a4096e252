"""Cut a long text into windows of bounded size, at paragraph, sentence or word breaks.

Most of the work on a document grows with the square of something in it (places per
sentence, sentences times places, events of one document to compare): fine for an
article, ruinous for one 19 MB "document". A text longer than a window is processed one
window at a time, each as an article of its own, so the cost of a document is
proportional to its length (see :func:`geomap.events.extract.events_from_document`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Characters per window: longer than nearly every news article (a few thousand
#: characters), which is thus read whole; short enough that the steps whose cost grows
#: with the square of a window's content (every sentence against every place, trigger
#: and actor of its document) stay small next to the linear ones.
WINDOW_CHARS = 10_000

_SENTENCE_END = re.compile(r"[.!?؟。][\"'”’)\]]*\s")


def windows(text: str, size: int = WINDOW_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` character ranges covering ``text`` in order, none longer than
    ``size``, cut at the last paragraph break of a window's second half, else its last
    line break, sentence end or white space (a text without any is cut at ``size``).

    Examples
    --------
    >>> text = "One. Two.\\n\\nThree four five."
    >>> [text[a:b] for a, b in windows(text, 16)]
    ['One. Two.\\n\\n', 'Three four five.']
    >>> list(windows("x" * 10, 4))
    [(0, 4), (4, 8), (8, 10)]
    """
    n = len(text)
    start = 0
    while n - start > size:
        end = start + size
        half = start + size // 2
        cut = text.rfind("\n\n", half, end)
        if cut != -1:
            cut += 2
        else:
            cut = text.rfind("\n", half, end)
            if cut != -1:
                cut += 1
            else:
                cut = _last_sentence_end(text, half, end)
                if cut == -1:
                    cut = max(text.rfind(" ", half, end), text.rfind("\t", half, end))
                    cut = end if cut == -1 else cut + 1
        yield start, cut
        start = cut
    if start < n or n == 0:
        yield start, n


def _last_sentence_end(text: str, lo: int, hi: int) -> int:
    last = -1
    for m in _SENTENCE_END.finditer(text, lo, hi):
        last = m.end()
    return last
