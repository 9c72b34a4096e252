"""Bytes to text: encodings, binary sniffing and script-based language detection.

Everything here is pure and total on ``bytes``: :func:`decode_bytes` either returns text or
raises :class:`~geomap.errors.DocumentError` with a reason -- never anything else, whatever
arrives (a property test feeds it arbitrary bytes).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import DocumentError
from ..text.lang import detect_language  # noqa: F401 - the text stage owns it; re-exported

#: Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Share of control characters above which decoded text is taken for binary data.
CONTROL_SHARE = 0.1
#: Share of Arabic letters (among letters) above which cp1256 is accepted.
CP1256_ARABIC_SHARE = 0.5
#: Share of Arabic letters (among letters) above which a text is Arabic.

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def sniff_bom(data: bytes) -> tuple[str | None, int]:
    """Return ``(codec, bom_length)`` for a leading byte-order mark, else ``(None, 0)``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None, 0


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """Decode one document's bytes, or raise :class:`DocumentError` saying why not.

    Order: a byte-order mark (UTF-8/16/32) decides; else NUL bytes mean binary; else strict
    UTF-8; else Windows-1256 when the result is mostly Arabic letters (old Arabic news
    sites and Excel exports); else the document is undecodable. The BOM is dropped.

    Examples
    --------
    >>> decode_bytes("سوريا".encode("cp1256"))
    'سوريا'
    >>> decode_bytes(b"\\xef\\xbb\\xbfhello")
    'hello'
    """
    codec, skip = sniff_bom(data)
    if codec is not None:
        try:
            text = data[skip:].decode(codec)
        except UnicodeDecodeError as err:
            raise DocumentError(
                source,
                f"undecodable: starts with a {codec} byte-order mark but byte {err.start + skip} "
                f"is not valid {codec}; re-save the file as UTF-8",
            ) from None
    elif b"\x00" in data:
        raise DocumentError(source, "binary: contains NUL bytes (not a text file)")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _try_cp1256(data, source)
    check_text(text, source)
    return text


#: Share of invalid UTF-8 sequences below which a file is damaged UTF-8, not another codec.
DAMAGED_UTF8_SHARE = 0.05


def _try_cp1256(data: bytes, source: str) -> str:
    # UTF-8 Arabic with one bad byte would read as Windows-1256 mojibake made of Arabic
    # letters (ط/ظ pairs) and pass the Arabic test below; rare invalid sequences mean a
    # damaged or mixed UTF-8 file, which is reported rather than decoded into garbage.
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd") - data.count("\ufffd".encode())
    if bad <= max(1, DAMAGED_UTF8_SHARE * len(lossy)) and len(lossy) > 20:
        first = _first_bad_utf8(data)
        raise DocumentError(
            source,
            f"undecodable: UTF-8 with {bad} invalid byte sequence(s), the first at byte "
            f"{first}; the file is damaged or mixes encodings -- re-save it as UTF-8",
        )
    # The share test rejects Latin-1 and other files that cp1256 would also "decode".
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" not in text and arabic_share(text) > CP1256_ARABIC_SHARE:
        return text
    raise DocumentError(
        source,
        "undecodable: not UTF-8, not UTF-16/32 with a byte-order mark, and not Windows-1256 "
        "Arabic; re-save the file as UTF-8",
    )


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    return -1


def check_text(text: str, source: str) -> None:
    """Raise :class:`DocumentError` for empty or binary-looking decoded text."""
    if not text.strip():
        raise DocumentError(source, "empty: no text")
    if "\x00" in text:
        raise DocumentError(source, "binary: contains NUL characters (not a text file)")
    controls = len(text) - len(text.translate(_DELETE_CONTROLS))
    if controls / len(text) > CONTROL_SHARE:
        raise DocumentError(
            source,
            f"binary: {controls} of {len(text)} characters are control characters",
        )


def _is_control(ch: str) -> bool:
    # Cc only: bidi marks and zero-width joiners are Cf and belong to real Arabic text.
    return unicodedata.category(ch) == "Cc"


# The control characters counted by check_text, as a deletion table: str.translate counts
# them in C, where a loop over the characters costs more than the rest of reading.
_DELETE_CONTROLS = {
    cp: None for cp in range(0x100) if _is_control(chr(cp)) and chr(cp) not in _ALLOWED_CONTROLS
}
_ARABIC_BLOCKS = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+")


def arabic_share(text: str) -> float:
    """Share of Arabic letters among all letters of ``text`` (0.0 when it has no letters)."""
    # map(str.isalpha) runs in C; the same count as testing each character in Python.
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    arabic = sum(map(str.isalpha, "".join(_ARABIC_BLOCKS.findall(text))))
    return arabic / letters


_LANGUAGE_NAMES = {"arabic": "ar", "ara": "ar", "english": "en", "eng": "en"}


def normalise_language(value: object) -> str | None:
    """Map ``'ar'``, ``'ar-SY'``, ``'Arabic'``, ``'EN_us'`` ... to a lower-case primary subtag.

    Anything that is not a non-empty string gives ``None``.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    tag = value.strip().lower().replace("_", "-").split("-")[0]
    return _LANGUAGE_NAMES.get(tag, tag)
