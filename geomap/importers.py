"""Import reference event datasets (UCDP GED, ACLED) into the events schema.

Both return :func:`geomap.schema.conform`-ed GeoDataFrames (EPSG:4326) with an extra
nullable-integer ``fatalities`` column (UCDP ``best``, ACLED ``fatalities``), so geomap's
own output can be compared with, mapped beside, or merged into them.

UCDP GED mapping
----------------
=====================  ==============================================================
UCDP                   events schema
=====================  ==============================================================
id                     event_id ``ucdp-<id>``, doc_id the same
type_of_violence       1 state-based, 2 non-state -> Battles / Armed clash (FIGHT);
                       3 one-sided -> Violence against civilians / Attack (ATTACK)
side_a, side_b         actor1, actor2 (actors = both)
date_start             event_date
date_prec              time_precision: 1 -> 1; 2, 3 -> 2 (within a week); 4, 5 -> 3
where_coordinates      place_name
adm_1                  admin1
where_prec             geo_precision: 1 -> 1; 2, 3 -> 2; 4..7 -> 3
latitude, longitude    latitude, longitude, geometry
country                country_code (ISO alpha-2, via CLDR names)
source_headline        sentence (and title)
source_article         source (sources: split on ``;``)
best                   fatalities
=====================  ==============================================================

ACLED's export columns map straight across (``event_id_cnty`` -> ``event_id``, ``location``
-> ``place_name``, ``notes`` -> ``sentence``; ``assoc_actor_1/2`` join ``actors``; ``iso``
or ``country`` -> ``country_code``; ``source`` split on ``;`` -> ``sources``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .errors import InputError
from .schema import COLUMNS, conform

#: UCDP type_of_violence -> (event_type, sub_event_type, plover_code).
UCDP_TYPES: dict[int, tuple[str, str, str]] = {
    1: ("Battles", "Armed clash", "FIGHT"),
    2: ("Battles", "Armed clash", "FIGHT"),
    3: ("Violence against civilians", "Attack", "ATTACK"),
}
#: UCDP where_prec (1 exact place .. 7 international waters) -> geo_precision.
UCDP_WHERE_PREC: dict[int, int] = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}
#: UCDP date_prec (1 exact day .. 5 longer than a month) -> time_precision.
UCDP_DATE_PREC: dict[int, int] = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}

#: ACLED event type -> PLOVER class, where the whole type maps to one class.
ACLED_PLOVER: dict[str, str] = {
    "Battles": "FIGHT",
    "Explosions/Remote violence": "ATTACK",
    "Violence against civilians": "ATTACK",
    "Protests": "PROTEST",
}
#: ACLED sub-event types whose PLOVER class differs from their type's (or whose type has none).
ACLED_SUB_PLOVER: dict[str, str] = {
    "Violent demonstration": "PROTEST",
    "Mob violence": "ATTACK",
    "Agreement": "AGREE",
    "Arrests": "SEIZE",
    "Change to group/activity": "MOBILIZE",
    "Headquarters or base established": "MOBILIZE",
    "Looting/property destruction": "COERCE",
    "Non-violent transfer of territory": "RETREAT",
    "Other": "COERCE",
}

#: Country spellings of UCDP/ACLED that CLDR's English names do not cover.
COUNTRY_ALIASES: dict[str, str] = {
    "dr congo": "CD",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "congo": "CG",
    "republic of congo": "CG",
    "bosnia-herzegovina": "BA",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "kingdom of eswatini": "SZ",
    "eswatini": "SZ",
    "swaziland": "SZ",
    "macedonia, fyr": "MK",
    "macedonia": "MK",
    "turkey": "TR",
    "united states of america": "US",
    "united states": "US",
    "russia": "RU",
    "palestine": "PS",
    "burma": "MM",
    "myanmar": "MM",
    "cambodia": "KH",
    "east timor": "TL",
    "czech republic": "CZ",
    "vietnam": "VN",
    "yemen": "YE",
    "serbia": "RS",
    "zimbabwe": "ZW",
    "madagascar": "MG",
    "gambia": "GM",
    "the gambia": "GM",
    "bahamas": "BS",
    "cape verde": "CV",
    "south sudan": "SS",
    "sudan": "SD",
}

UCDP_REQUIRED: tuple[str, ...] = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "date_start",
    "latitude",
    "longitude",
)
ACLED_REQUIRED: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "latitude",
    "longitude",
)


def import_ucdp(path: str | Path) -> gpd.GeoDataFrame:
    """Read a UCDP GED CSV export into the events schema (see the module docstring).

    Raises
    ------
    InputError
        The file is missing, is not CSV, or lacks UCDP GED columns.
    """
    raw = _read_table(path, UCDP_REQUIRED, "UCDP GED")
    rows = []
    for rec in raw.to_dict("records"):
        ucdp_id = _int(rec.get("id"))
        event_id = f"ucdp-{ucdp_id}" if ucdp_id is not None else f"ucdp-{_text(rec.get('id'))}"
        etype, sub, plover = UCDP_TYPES.get(_int(rec.get("type_of_violence")), ("", "", ""))
        actor1, actor2 = _text(rec.get("side_a")), _text(rec.get("side_b"))
        source = _unquote(_text(rec.get("source_article")) or "") or "UCDP GED"
        headline = _text(rec.get("source_headline")) or ""
        rows.append(
            {
                "event_id": event_id,
                "event_date": _iso_date(rec.get("date_start")),
                "time_precision": UCDP_DATE_PREC.get(_int(rec.get("date_prec"))),
                "event_type": etype,
                "sub_event_type": sub,
                "plover_code": plover,
                "status": "reported",
                "actor1": actor1,
                "actor2": actor2,
                "actors": [a for a in (actor1, actor2) if a],
                "place_name": _text(rec.get("where_coordinates")),
                "mention": None,
                "geonameid": None,
                "country_code": country_code(_text(rec.get("country"))),
                "admin1": _text(rec.get("adm_1")),
                "latitude": _float(rec.get("latitude")),
                "longitude": _float(rec.get("longitude")),
                "geo_precision": UCDP_WHERE_PREC.get(_int(rec.get("where_prec"))),
                "location_reason": "UCDP where_prec " + str(_int(rec.get("where_prec")))
                if _int(rec.get("where_prec")) is not None
                else None,
                "language": "en",
                "source": source,
                "sources": _split(source) or [source],
                "title": headline,
                "sentence": headline,
                "trigger": "",
                "doc_id": event_id,
                "fatalities": _int(rec.get("best")),
            }
        )
    return _frame(rows)


def import_acled(path: str | Path) -> gpd.GeoDataFrame:
    """Read an ACLED CSV export into the events schema (see the module docstring).

    Raises
    ------
    InputError
        The file is missing, is not CSV, or lacks ACLED columns.
    """
    raw = _read_table(path, ACLED_REQUIRED, "ACLED")
    rows = []
    for rec in raw.to_dict("records"):
        event_id = _text(rec.get("event_id_cnty")) or ""
        actor1, actor2 = _text(rec.get("actor1")), _text(rec.get("actor2"))
        actors: list[str] = []
        for value in (actor1, rec.get("assoc_actor_1"), actor2, rec.get("assoc_actor_2")):
            for name in _split(value):
                if name not in actors:
                    actors.append(name)
        etype, sub = _text(rec.get("event_type")) or "", _text(rec.get("sub_event_type")) or ""
        sources = _split(rec.get("source"))
        code = _numeric_country(rec.get("iso")) or country_code(_text(rec.get("country")))
        rows.append(
            {
                "event_id": event_id,
                "event_date": _iso_date(rec.get("event_date")),
                "time_precision": _int(rec.get("time_precision")),
                "event_type": etype,
                "sub_event_type": sub,
                "plover_code": ACLED_SUB_PLOVER.get(sub) or ACLED_PLOVER.get(etype, ""),
                "status": "reported",
                "actor1": actor1,
                "actor2": actor2,
                "actors": actors,
                "place_name": _text(rec.get("location")),
                "mention": None,
                "geonameid": None,
                "country_code": code,
                "admin1": _text(rec.get("admin1")),
                "latitude": _float(rec.get("latitude")),
                "longitude": _float(rec.get("longitude")),
                "geo_precision": _int(rec.get("geo_precision")),
                "location_reason": None,
                "language": "en",
                "source": _text(rec.get("source")) or "ACLED",
                "sources": sources or ["ACLED"],
                "title": "",
                "sentence": _text(rec.get("notes")) or "",
                "trigger": "",
                "doc_id": event_id,
                "fatalities": _int(rec.get("fatalities")),
            }
        )
    return _frame(rows)


# --- helpers -------------------------------------------------------------------------------


def _read_table(path: str | Path, required: tuple[str, ...], what: str) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"cannot import {what} from {path}: no such file")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise InputError(
            f"cannot import {what} from {path}: not a readable UTF-8 CSV file ({err})"
        ) from err
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise InputError(
            f"{path} does not look like a {what} CSV export: missing column(s) "
            f"{', '.join(missing)} (found: {', '.join(list(raw.columns)[:12])})"
        )
    return raw


def _frame(rows: list[dict]) -> gpd.GeoDataFrame:
    return conform(pd.DataFrame(rows, columns=list(COLUMNS)))


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _unquote(text: str) -> str:
    # UCDP wraps source_article in a stray extra pair of double quotes.
    return text.strip().strip('"').strip()


def _split(value) -> list[str]:
    text = _text(value)
    return [part.strip() for part in text.split(";") if part.strip()] if text else []


def _int(value) -> int | None:
    text = _text(value)
    if text is None:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _float(value) -> float | None:
    text = _text(value)
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _iso_date(value) -> str | None:
    """ISO date of UCDP ``2016-01-01`` / ``2016-01-01 00:00:00.000`` or ACLED ``01 January
    2016``; ``None`` when it is neither."""
    text = _text(value)
    if text is None:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        return dt.datetime.strptime(text, "%d %B %Y").date().isoformat()
    except ValueError:
        return None


@functools.cache
def _names_to_codes() -> dict[str, str]:
    from babel import Locale

    codes = {
        name.casefold(): code
        for code, name in Locale("en").territories.items()
        if len(code) == 2 and code.isalpha()
    }
    codes.update(COUNTRY_ALIASES)
    return codes


def country_code(name: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a UCDP/ACLED country name, ``None`` when unknown.

    UCDP's historical names in parentheses are tried without them as well.

    Examples
    --------
    >>> country_code("Syria"), country_code("Yemen (North Yemen)"), country_code("DR Congo (Zaire)")
    ('SY', 'YE', 'CD')
    """
    if not name:
        return None
    codes = _names_to_codes()
    key = name.strip().casefold()
    if key in codes:
        return codes[key]
    bare = re.sub(r"\s*\(.*?\)\s*", " ", key).strip()
    return codes.get(bare)


@functools.cache
def _numeric_codes() -> dict[str, str]:
    try:
        import pycountry
    except ImportError:
        return {}
    return {c.numeric.lstrip("0"): c.alpha_2 for c in pycountry.countries}


def _numeric_country(value) -> str | None:
    """ACLED's ``iso`` is the ISO 3166-1 numeric code; mapped when pycountry is installed."""
    key = _text(value)
    if key is None:
        return None
    number = _int(key)
    return _numeric_codes().get(str(number)) if number is not None else None
