"""Text stage: language detection, normalisation with an offset map, tokens, sentences."""

from .lang import detect_language
from .normalize import Normalized, Token, arabic_variants, key, normalize, tokenize
from .sentences import Sentence, split_sentences

__all__ = [
    "Normalized",
    "Sentence",
    "Token",
    "arabic_variants",
    "detect_language",
    "key",
    "normalize",
    "split_sentences",
    "tokenize",
]
