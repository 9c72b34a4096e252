"""Readers of human-coded event data, for scoring whole events (``geomap eval events``).

Each reader yields :class:`GoldEvent` records: the text a user would feed geomap (with
its document date, as they would), and what the coders recorded for it.

==========  ==========================================================================
format      text, document date -> gold
==========  ==========================================================================
ucdp        UCDP GED CSV. Text ``source_headline`` (default) or ``source_article``,
            HTML character references unescaped ("al-Wa&#8217;er" is "al-Wa’er");
            document date: the first ``source_date``. Gold: ``latitude``/``longitude``,
            ``country``, ``adm_1``, ``side_a`` (actor1) / ``side_b`` (actor2), each a
            comma-separated list of UCDP actors; ``type_of_violence`` as a set of ACLED
            types (:data:`UCDP_ACLED_TYPES`); ``date_start``; ``best`` (fatalities).
acled       ACLED export CSV. Text ``notes``; no document date (a note carries its own).
            Gold: point, ``country``/``iso``, ``admin1``, ``event_type``,
            ``sub_event_type``, ``actor1`` + ``assoc_actor_1`` (actor1's side),
            ``actor2`` + ``assoc_actor_2``, ``event_date``, ``fatalities``.
hrdsattack  HRDsAttack JSON array. Text ``Input.title`` + the article HTML reduced to
            text; document date ``Input.publish_date``. Gold: ``city``, ``region``,
            ``country`` (names; ``"None"`` is none; "A and B" gives both countries) and
            the date when year, month and day are all given. No coordinates.
plover      PLOVER gold records. Text ``text``; gold: the PLOVER event class and the
            source (actor1) and target (actor2) actors, as ISO-3 codes and actor text.
==========  ==========================================================================

Halves: every document is in the *tune* or the *check* half by a fixed rule that does not
depend on the file's order: the CRC-32 of its text is even -> tune, odd -> check. Several
coded events that share one text (UCDP codes one headline as several events) thus always
fall in the same half, so nothing tuned on one half is seen in the other.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import math
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError

#: UCDP ``type_of_violence`` -> the ACLED event types a coder could give such an event.
#: State-based (1) and non-state (2) conflict are fighting between organised armed sides
#: (Battles) or fought at a distance (shelling, air strikes); one-sided violence (3) is
#: violence against civilians, directly or at a distance.
UCDP_ACLED_TYPES: dict[int, frozenset[str]] = {
    1: frozenset({"Battles", "Explosions/Remote violence"}),
    2: frozenset({"Battles", "Explosions/Remote violence"}),
    3: frozenset({"Violence against civilians", "Explosions/Remote violence"}),
}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One coded document: the text to run and what the coders recorded.

    Fields the source does not record are ``None`` (or empty) and such documents are left
    out of that figure's denominator. ``actor1``/``actor2`` are the coders' actor names of
    each side (a side may name several actors); ``actor_codes1``/``actor_codes2`` hold
    ISO-3 codes where the coders gave countries (PLOVER).
    """

    doc_id: str
    text: str
    doc_date: dt.date | None = None
    language: str = "en"
    lat: float | None = None
    lon: float | None = None
    countries: frozenset[str] = frozenset()  # country names as coded
    admin1: str | None = None
    city: str | None = None
    event_types: frozenset[str] = frozenset()  # acceptable ACLED types (or PLOVER classes)
    sub_event_type: str | None = None
    actor1: tuple[str, ...] = ()
    actor2: tuple[str, ...] = ()
    actor_codes1: tuple[str, ...] = ()
    actor_codes2: tuple[str, ...] = ()
    date: dt.date | None = None
    fatalities: int | None = None
    reference: bool = False  # the text field holds only source references, no report
    #: the text as the file holds it, when the reader changed it (HTML entities unescaped):
    #: the half is that text's, so that a reader's mend moves no document between halves
    raw_text: str | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def half(self) -> str:
        """``"tune"`` or ``"check"`` (see the module docstring)."""
        return half_of(self.raw_text if self.raw_text is not None else self.text)


def half_of(text: str) -> str:
    """The half a document's text belongs to: CRC-32 even -> ``"tune"``, odd -> ``"check"``.

    >>> half_of("Clashes in Homs"), half_of("Clashes in Idlib")
    ('tune', 'check')
    """
    return "tune" if zlib.crc32(text.encode("utf-8")) % 2 == 0 else "check"


# --------------------------------------------------------------------------- helpers


def _path(path: str | Path, what: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what}: expected an existing file, got {str(path)!r}; check the path")
    return p


def _s(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text if text and text.lower() not in {"none", "nan", "null"} else None


def _num(value) -> float | None:
    text = _s(value)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _int(value) -> int | None:
    x = _num(value)
    return int(x) if x is not None and math.isfinite(x) else None


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%y", "%d %b %Y", "%m/%d/%Y")


def _date(value) -> dt.date | None:
    """An ISO date (a time or a second date after ``;`` ignored) or an ACLED export date."""
    text = _s(value)
    if text is None:
        return None
    text = re.split(r"[;T ]", text, maxsplit=1)[0] if re.match(r"\d{4}-", text) else text
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _names(value) -> tuple[str, ...]:
    """A side's actors: UCDP/ACLED write several as ``A, B`` (ACLED also ``A; B``)."""
    text = _s(value)
    if text is None:
        return ()
    return tuple(n.strip() for n in re.split(r"[;,]\s*", text) if n.strip())


def _csv_rows(p: Path, required: tuple[str, ...], what: str) -> Iterator[tuple[int, dict]]:
    try:
        fh = p.open(encoding="utf-8-sig", newline="")
    except OSError as err:
        raise InputError(f"{p}: cannot read {what} CSV ({err})") from err
    with fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(
                f"{p}: not a {what} CSV: missing column(s) {', '.join(missing)}; "
                f"expected a {what} export with at least: {', '.join(required)}"
            )
        try:
            yield from enumerate(reader, 2)
        except csv.Error as err:
            raise InputError(f"{p}: malformed CSV ({err})") from err


def _json_array(p: Path, what: str) -> list:
    """The JSON array in file ``p``; anything else is an :class:`InputError` naming ``what``."""
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"{p}: not valid JSON ({err}); expected {what}") from err
    if not isinstance(data, list):
        raise InputError(f"{p}: expected {what}, got {type(data).__name__}")
    return data


def _limited(items: Iterable, limit: int | None) -> Iterator:
    for i, item in enumerate(items):
        if limit is not None and i >= limit:
            return
        yield item


# --------------------------------------------------------------------------- UCDP

#: What UCDP's ``source_headline`` holds when a source has no headline: a report's title
#: and date ("Syria Daily Report 01/03/2016"), an Airwars incident reference ("May 2nd
#: 2017: (S100) a village, Raqqa governorate, Syria"), an archive code ("R1234",
#: "TS100"), a dataset's label ("Airwars assessment", "Martyr data") or a URL. Such a field
#: names no event: the scorer counts it, and reports ``with_event`` without it as well.
_REFERENCE = re.compile(
    r"^(?:.{0,60}\bDaily Report \d{1,2}/\d{1,2}/\d{4}"
    r"|[A-Z]{1,3}\d+[a-z]?"
    r"|Airwars assessment|Martyr data"
    # Airwars: the day (a range of days, "around", no year), then the incident code in
    # brackets, before or after the place's Arabic name: S Syria, I Iraq, or none
    r"|(?:Around )?[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?"
    r"(?:\s*[-–]\s*(?:[A-Z][a-z]+ )?\d{1,2}(?:st|nd|rd|th)?)?,?(?: \d{4})?:"
    r".{0,60}?\([SI]?\d+[a-z]?\).*"
    r"|https?://\S+)$"
)


def is_reference(text: str) -> bool:
    """Does a UCDP text field hold only source references (``;``-separated), no report?

    >>> is_reference("Syria Daily Report 01/03/2016;R1234"), is_reference("Clashes in Homs")
    (True, False)
    >>> is_reference("March 3rd-4th, 2017: (S500a) A village, Raqqa governorate, Syria")
    True
    """
    parts = [p.strip() for p in text[:2000].split(";") if p.strip()]
    return bool(parts) and all(_REFERENCE.match(p) for p in parts)


UCDP_COLUMNS = ("id", "type_of_violence", "side_a", "side_b", "latitude", "longitude", "date_start")
#: The text columns ``read_ucdp`` can run on.
UCDP_TEXTS = ("source_headline", "source_article")


def read_ucdp(
    path: str | Path, *, text: str = "source_headline", limit: int | None = None
) -> Iterator[GoldEvent]:
    """Read a UCDP GED CSV (see the module table). Rows without the text are skipped."""
    if text not in UCDP_TEXTS:
        raise InputError(
            f"UCDP text column {text!r} unknown; expected one of: {', '.join(UCDP_TEXTS)}"
        )
    p = _path(path, "UCDP GED CSV")

    def docs() -> Iterator[GoldEvent]:
        for line, row in _csv_rows(p, (*UCDP_COLUMNS, text), "UCDP GED"):
            body = _s(row.get(text))
            if body is None:
                continue
            if text == "source_article":
                body = body.strip('"')
            # UCDP's texts keep the HTML character references of the pages they were
            # copied from ("al-Wa&#8217;er", "&#8220;Islamic State&#8221;"): a reader of
            # the report sees the characters
            raw, body = body, html.unescape(body)
            kind = _int(row.get("type_of_violence"))
            yield GoldEvent(
                doc_id=f"ucdp-{_int(row.get('id')) or line}",
                text=body,
                doc_date=_date((_s(row.get("source_date")) or "").split(";")[0]),
                lat=_num(row.get("latitude")),
                lon=_num(row.get("longitude")),
                countries=frozenset(filter(None, [_s(row.get("country"))])),
                admin1=_s(row.get("adm_1")),
                event_types=UCDP_ACLED_TYPES.get(kind or 0, frozenset()),
                actor1=_names(row.get("side_a")),
                actor2=_names(row.get("side_b")),
                date=_date(row.get("date_start")),
                fatalities=_int(row.get("best")),
                reference=is_reference(body),
                raw_text=raw if raw != body else None,
            )

    yield from _limited(docs(), limit)


# --------------------------------------------------------------------------- ACLED

ACLED_COLUMNS = ("event_date", "event_type", "actor1", "latitude", "longitude", "notes")


def read_acled(path: str | Path, *, limit: int | None = None) -> Iterator[GoldEvent]:
    """Read an ACLED export CSV (see the module table); rows without notes are skipped.

    ``event_date`` may be ISO (``2020-05-09``, the API's form) or ``09 May 2020`` (the
    export tool's form). Actor names keep ACLED's own form ("Military Forces of Syria
    (2000-)"); the scorer maps them to geomap's actors.
    """
    p = _path(path, "ACLED CSV")

    def docs() -> Iterator[GoldEvent]:
        for line, row in _csv_rows(p, ACLED_COLUMNS, "ACLED"):
            notes = _s(row.get("notes"))
            if notes is None:
                continue
            etype = _s(row.get("event_type"))
            yield GoldEvent(
                doc_id=_s(row.get("event_id_cnty")) or f"{p.name}:{line}",
                text=notes,
                lat=_num(row.get("latitude")),
                lon=_num(row.get("longitude")),
                countries=frozenset(filter(None, [_s(row.get("country"))])),
                admin1=_s(row.get("admin1")),
                event_types=frozenset([etype]) if etype else frozenset(),
                sub_event_type=_s(row.get("sub_event_type")),
                actor1=_names(row.get("actor1")) + _names(row.get("assoc_actor_1")),
                actor2=_names(row.get("actor2")) + _names(row.get("assoc_actor_2")),
                date=_date(row.get("event_date")),
                fatalities=_int(row.get("fatalities")),
            )

    yield from _limited(docs(), limit)


# --------------------------------------------------------------------------- HRDsAttack


class _TextOnly(HTMLParser):
    """Collects an HTML fragment's text; block elements end a paragraph. Nothing in the
    markup is followed or executed (no entity loading, no scripts: their text is dropped)."""

    BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        paras = (re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", joined))
        return "\n\n".join(p for p in paras if p)


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, paragraphs separated by blank lines.

    >>> html_text("<p>Police <b>raided</b> the office.</p><p>Two were held &amp; freed.</p>")
    'Police raided the office.\\n\\nTwo were held & freed.'
    """
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return parser.text()


def _countries(value) -> frozenset[str]:
    text = _s(value)
    if text is None:
        return frozenset()
    return frozenset(c.strip() for c in re.split(r",|;| and ", text) if _s(c))


def read_hrdsattack(path: str | Path, *, limit: int | None = None) -> Iterator[GoldEvent]:
    """Read an HRDsAttack JSON array (see the module table)."""
    p = _path(path, "HRDsAttack JSON")
    data = _json_array(p, "an HRDsAttack JSON array")

    def docs() -> Iterator[GoldEvent]:
        for i, item in enumerate(data):
            sample = item.get("sample") if isinstance(item, dict) else None
            gold = item.get("merged_sample") if isinstance(item, dict) else None
            if not isinstance(sample, dict) or not isinstance(gold, dict):
                raise InputError(f"{p}#{i}: expected an object with 'sample' and 'merged_sample'")
            title = _s(sample.get("Input.title")) or ""
            body = html_text(str(sample.get("Input.article_interface") or ""))
            text = f"{title}\n\n{body}".strip() if title else body
            if not text:
                continue
            year, month, day = (
                _int(gold.get("year")),
                _int(gold.get("month")),
                _int(gold.get("date")),
            )
            try:
                date = dt.date(year, month, day) if year and month and day else None
            except ValueError:
                date = None
            yield GoldEvent(
                doc_id=str(sample.get("Input.GLOBALEVENTID") or f"{p.name}#{i}"),
                text=text,
                doc_date=_date(sample.get("Input.publish_date")),
                countries=_countries(gold.get("country")),
                admin1=_s(gold.get("region")),
                city=_s(gold.get("city")),
                date=date,
            )

    yield from _limited(docs(), limit)


# --------------------------------------------------------------------------- PLOVER


def read_plover_events(path: str | Path, *, limit: int | None = None) -> Iterator[GoldEvent]:
    """Read PLOVER gold records; the documentation record (no ``text``) is skipped.

    ``event_types`` holds the PLOVER class; the record's ``date`` is not a news date in
    this file (the CAMEO manual's examples are all dated 2000-01-01), so it is not used.
    """
    data = _json_array(_path(path, "PLOVER JSON file"), "a JSON array of PLOVER records")

    def side(value, field: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            return ()
        return tuple(str(a.get(field) or "") for a in value if isinstance(a, dict) and a.get(field))

    def docs() -> Iterator[GoldEvent]:
        for i, rec in enumerate(data):
            if not isinstance(rec, dict) or not _s(rec.get("text")):
                continue
            event = _s(rec.get("event"))
            yield GoldEvent(
                doc_id=str(rec.get("id") or i),
                text=str(rec["text"]),
                language=str(rec.get("language") or "en"),
                event_types=frozenset([event]) if event else frozenset(),
                actor1=side(rec.get("source"), "actorText"),
                actor2=side(rec.get("target"), "actorText"),
                actor_codes1=side(rec.get("source"), "code"),
                actor_codes2=side(rec.get("target"), "code"),
            )

    yield from _limited(docs(), limit)


# --------------------------------------------------------------------------- registry

#: Readers by format name (the ``--format`` of ``geomap eval events``).
EVENT_READERS: dict[str, Callable[..., Iterator[GoldEvent]]] = {
    "ucdp": read_ucdp,
    "acled": read_acled,
    "hrdsattack": read_hrdsattack,
    "plover": read_plover_events,
}


def read_events(
    paths: str | Path | Iterable[str | Path],
    fmt: str,
    *,
    limit: int | None = None,
    text: str | None = None,
) -> Iterator[GoldEvent]:
    """Read coded events from one or more files of a format; ``limit`` counts all files.

    ``text`` chooses the UCDP text column (``source_headline`` or ``source_article``).
    """
    try:
        reader = EVENT_READERS[fmt]
    except KeyError:
        valid = ", ".join(sorted(EVENT_READERS))
        raise InputError(f"unknown event data format {fmt!r}; expected one of: {valid}") from None
    if text is not None and fmt != "ucdp":
        raise InputError(f"--text applies to the ucdp format only, not {fmt!r}")
    files = [paths] if isinstance(paths, (str, Path)) else list(paths)

    def all_docs() -> Iterator[GoldEvent]:
        for f in files:
            yield from (reader(f, text=text) if text else reader(f))

    yield from _limited(all_docs(), limit)
