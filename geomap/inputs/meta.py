"""Document metadata: dates, sidecar files and YAML front matter.

A date is parsed when its form is unambiguous and left ``None`` otherwise -- geomap never
guesses a day/month order. A numeric date such as ``4/5/17`` is read day first or month
first only when the caller says which (``order``: :data:`DATE_ORDERS`, the ``--date-order``
option of the CLI). A date that is given but cannot be read is reported (a warning naming
the document and the value) and the document is kept undated.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, DocumentError
from ..knowledge import parse_yaml

#: Sidecar suffixes, in the order they are looked for.
SIDECAR_SUFFIXES: tuple[str, ...] = (".json", ".yaml", ".yml")
#: Metadata keys read from sidecars, front matter and rows.
META_KEYS: tuple[str, ...] = ("title", "date", "language", "source", "url", "id")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_HAS_MONTH_WORD = re.compile(r"[^\W\d_]{3,}")

log = logging.getLogger(__name__)

#: How a numeric date like ``4/5/17`` is read: ``auto`` only when it cannot be misread
#: (the day over 12), ``day-first`` (4 May 2017, as in most of the world), ``month-first``
#: (April 5, 2017, as in the United States).
DATE_ORDERS: tuple[str, ...] = ("auto", "day-first", "month-first")
#: Two-digit years up to this one are 20yy, later ones 19yy (as POSIX ``strptime``).
TWO_DIGIT_PIVOT = 68


def parse_date(value: object, order: str = "auto") -> dt.date | None:
    """Parse a publication date; ``None`` when absent, malformed or ambiguous.

    Accepts ``date``/``datetime`` objects, ISO 8601 (``2016-01-31``, ``2016-01-31T10:00Z``),
    ``2016/01/31``, ``20160131``, RFC 2822 (``Sun, 31 Jan 2016 10:00:00 +0300``, the date as
    written, not shifted to UTC), numeric dates with a four- or two-digit year (``4/5/2017``,
    ``4/5/17``) read in the given ``order`` (:data:`DATE_ORDERS`; ``auto`` reads them only
    when the day is over 12), and written months in English or Arabic (``31 January 2016``,
    ``9-May-20``, ``31 يناير 2016``).

    Examples
    --------
    >>> parse_date("2016-01-31")
    datetime.date(2016, 1, 31)
    >>> parse_date("03/04/2016") is None  # March 4 or 3 April? Not guessed.
    True
    >>> parse_date("31/01/2016")
    datetime.date(2016, 1, 31)
    >>> parse_date("4/5/17", "day-first"), parse_date("4/5/17", "month-first")
    (datetime.date(2017, 5, 4), datetime.date(2017, 4, 5))
    """
    if order not in DATE_ORDERS:
        raise DataError(f"date order {order!r} unknown; expected one of: {', '.join(DATE_ORDERS)}")
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    return _parse_date_text(text, order)


def read_date(value: object, where: str, order: str = "auto") -> dt.date | None:
    """:func:`parse_date`, reporting a date that is given but cannot be read: a warning
    names the document ``where`` and the value (the document is kept, undated)."""
    got = parse_date(value, order)
    if got is None and value is not None and str(value).strip():
        hint = (
            "; give --date-order day-first or month-first"
            if _NUMERIC_DMY.match(str(value).strip()) and order == "auto"
            else ""
        )
        log.warning("%s: date %r not read, the document is kept undated%s",
                    where or "document", str(value)[:100], hint)
    return got


def _parse_date_text(text: str, order: str = "auto") -> dt.date | None:
    """:func:`parse_date` of a stripped, non-empty string of at most 100 characters."""
    for pattern in (_ISO_DATE, _YMD, _COMPACT):
        m = pattern.match(text)
        if m:
            return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = _NUMERIC_DMY.match(text)
    if m:
        year = int(m[3])
        if len(m[3]) == 2:
            year += 2000 if year <= TWO_DIGIT_PIVOT else 1900
        if order == "day-first":
            return _safe_date(year, int(m[2]), int(m[1]))
        if order == "month-first":
            return _safe_date(year, int(m[1]), int(m[2]))
        return _numeric_date(int(m[1]), int(m[2]), year)
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is not None:
        return parsed.date()
    if _HAS_MONTH_WORD.search(text):
        return _dateparser(text)
    return None


def _numeric_date(a: int, b: int, year: int) -> dt.date | None:
    """``a/b/year``: day first or month first, whichever is unambiguous (the day is over
    12, or both are the same); ``None`` when it could be either."""
    if a > 12 >= b:
        return _safe_date(year, b, a)
    if b > 12 >= a:
        return _safe_date(year, a, b)
    if a == b:
        return _safe_date(year, a, b)
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dateparser(text: str) -> dt.date | None:
    # Imported here: dateparser takes about a second to import and most inputs are ISO.
    import dateparser

    try:
        parsed = dateparser.parse(
            text,
            languages=["en", "ar"],
            # Absolute dates only: "yesterday" relative to the clock of this run is a guess.
            settings={
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["absolute-time"],
            },
        )
    except Exception:  # noqa: BLE001 -- dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed else None


@dataclass(frozen=True, slots=True)
class Meta:
    """Metadata of one document, from a sidecar, front matter or a row."""

    title: str = ""
    date: dt.date | None = None
    language: str | None = None
    source: str = ""
    url: str = ""
    id: str = ""

    def merged(self, other: Meta) -> Meta:
        """``other``'s non-empty fields over this one's."""
        return Meta(
            title=other.title or self.title,
            date=other.date or self.date,
            language=other.language or self.language,
            source=other.source or self.source,
            url=other.url or self.url,
            id=other.id or self.id,
        )


def meta_from_mapping(data: dict, *, order: str = "auto", where: str = "") -> Meta:
    """Build :class:`Meta` from a mapping with keys among :data:`META_KEYS` (``order``
    and ``where`` as for :func:`read_date`)."""
    from .decode import normalise_language

    def text(key: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        return value.strip() if isinstance(value, str) else str(value)

    return Meta(
        title=text("title"),
        date=read_date(data.get("date"), where, order),
        language=normalise_language(data.get("language")),
        source=text("source"),
        url=text("url"),
        id=text("id"),
    )


def find_sidecar(path: Path) -> Path | None:
    """The sidecar ``<stem>.json|.yaml|.yml`` next to ``path``, if there is one."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate != path and candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path, order: str = "auto") -> Meta:
    """Read a sidecar file, or raise :class:`DocumentError` naming it."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
        data = json.loads(raw) if path.suffix == ".json" else parse_yaml(raw, path.name)
    except (OSError, UnicodeDecodeError, ValueError) as err:  # DataError is a ValueError
        raise DocumentError(
            str(path), f"sidecar {path.name} cannot be read ({_first_line(err)}); fix or remove it"
        ) from None
    if data is None:
        return Meta()
    if not isinstance(data, dict):
        raise DocumentError(
            str(path),
            f"sidecar {path.name} must hold a mapping of {', '.join(META_KEYS)}, "
            f"got {type(data).__name__}; fix or remove it",
        )
    return meta_from_mapping(data, order=order, where=str(path))


_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)


def split_front_matter(
    text: str, order: str = "auto", where: str = ""
) -> tuple[Meta | None, str]:
    """Split a leading YAML ``---`` block off ``text``.

    Text that merely starts with a Markdown rule (``---``) but holds no YAML mapping is
    returned unchanged with ``None``.
    """
    if not text.startswith("---"):
        return None, text
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, text
    try:
        data = parse_yaml(m[1], "front matter")
    except DataError:
        return None, text
    if not isinstance(data, dict):
        return None, text
    return meta_from_mapping(data, order=order, where=where), text[m.end() :]


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
