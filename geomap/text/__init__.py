"""Text stage: language detection, normalisation with an offset map, tokens, sentences,
and the :class:`TextView` that holds them for one document."""

from .lang import detect_language
from .normalize import Normalized, Token, arabic_variants, key, normalize, tokenize
from .sentences import Sentence, split_sentences
from .view import TextView, as_view

__all__ = [
    "Normalized",
    "Sentence",
    "TextView",
    "Token",
    "arabic_variants",
    "as_view",
    "detect_language",
    "key",
    "normalize",
    "split_sentences",
    "tokenize",
]
