"""Tiny events frames for the map tests, the browser tests, the demo and the benchmark.

Written for these tests (no corpus data): an English row, an Arabic row, a hostile row
whose every text field tries to run script, and a few events around Aleppo.
"""

from __future__ import annotations

import pandas as pd

from geomap.schema import conform

#: Every payload sets window.__pwned if it ever runs.
PWN = "window.__pwned=1"
HOSTILE_TEXT = (
    f'</script><script>{PWN}</script><img src=x onerror="{PWN}">'
    f"\"'><svg onload={PWN}>&amp;<!-- \u2028\u2029"
)
HOSTILE_URL = f"javascript:{PWN}"


def english_row(**overrides) -> dict:
    row = {
        "event_id": "en-1",
        "event_date": "2016-08-12",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "status": "reported",
        "actor1": "Syrian Democratic Forces",
        "actor2": "Islamic State",
        "actors": ["Syrian Democratic Forces", "Islamic State"],
        "place_name": "Manbij",
        "mention": "Manbij",
        "geonameid": 166365,
        "country_code": "SY",
        "latitude": 36.5281,
        "longitude": 37.9549,
        "geo_precision": 1,
        "language": "en",
        "source": "https://example.org/news/manbij",
        "sources": ["https://example.org/news/manbij", "wire-123.txt"],
        "title": "SDF take Manbij",
        "sentence": "Fighters of the SDF clashed with Islamic State in Manbij.",
        "doc_id": "doc-en",
    }
    row.update(overrides)
    return row


def arabic_row(**overrides) -> dict:
    row = {
        "event_id": "ar-1",
        "event_date": "2017-02-23",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "status": "reported",
        "actor1": "Turkish Armed Forces",
        "actor2": None,
        "actors": ["Turkish Armed Forces"],
        "place_name": "Al-Bab",
        "mention": "الباب",
        "country_code": "SY",
        "latitude": 36.3705,
        "longitude": 37.5157,
        "geo_precision": 2,
        "language": "ar",
        "source": "ar-article.txt",
        "sources": ["ar-article.txt"],
        "title": "غارات على مدينة الباب",
        "sentence": "شنت طائرات تركية غارات على مدينة الباب في ريف حلب.",
        "doc_id": "doc-ar",
    }
    row.update(overrides)
    return row


def hostile_row(**overrides) -> dict:
    row = {
        "event_id": HOSTILE_TEXT,
        "event_date": "2018-01-20",
        "event_type": HOSTILE_TEXT,
        "sub_event_type": HOSTILE_TEXT,
        "status": "reported",
        "actor1": HOSTILE_TEXT,
        "actor2": HOSTILE_TEXT + "2",
        "actors": [HOSTILE_TEXT, HOSTILE_TEXT + "2"],
        "place_name": HOSTILE_TEXT,
        "mention": HOSTILE_TEXT + "m",
        "latitude": 36.2021,
        "longitude": 37.1343,
        "geo_precision": 3,
        "language": "en",
        "source": HOSTILE_URL,
        "sources": [
            HOSTILE_URL,
            "JAVASCRIPT:" + PWN,
            "data:text/html,<script>" + PWN,
            HOSTILE_TEXT,
            'https://example.org/"><script>' + PWN + "</script>",
        ],
        "title": HOSTILE_TEXT,
        "sentence": HOSTILE_TEXT,
        "doc_id": HOSTILE_TEXT,
    }
    row.update(overrides)
    return row


def small_frame() -> pd.DataFrame:
    """English, Arabic, hostile, one without geometry, one planned, one with no actor."""
    rows = [
        english_row(),
        arabic_row(),
        hostile_row(),
        english_row(event_id="nogeo", latitude=None, longitude=None, place_name=None),
        english_row(event_id="planned", status="planned", latitude=36.0, longitude=38.0),
        english_row(
            event_id="noactor",
            actor1=None,
            actor2=None,
            actors=[],
            event_date=None,
            event_type="Strategic developments",
            sub_event_type="Looting/property destruction",
            latitude=35.95,
            longitude=39.01,
            place_name="Raqqa",
        ),
    ]
    return conform(pd.DataFrame(rows))


def demo_frame() -> pd.DataFrame:
    """A handful of events around Aleppo, Manbij, al-Bab, Raqqa and Antalya."""
    rows = [
        english_row(),
        english_row(
            event_id="aleppo-1",
            event_date="2016-12-13",
            place_name="Aleppo",
            mention="Aleppo",
            latitude=36.2021,
            longitude=37.1343,
            event_type="Violence against civilians",
            sub_event_type="Attack",
            actor1="Syrian Arab Army",
            actor2="Civilians",
            actors=["Syrian Arab Army", "Civilians"],
            geo_precision=1,
            sentence="Government forces shelled civilians in eastern Aleppo.",
        ),
        arabic_row(),
        arabic_row(
            event_id="raqqa-1",
            event_date="2017-06-06",
            place_name="Raqqa",
            mention="الرقة",
            latitude=35.9594,
            longitude=39.0079,
            geo_precision=3,
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1="Syrian Democratic Forces",
            actor2="Islamic State",
            actors=["Syrian Democratic Forces", "Islamic State"],
            sentence="بدأت قوات سوريا الديمقراطية معركة الرقة.",
        ),
        english_row(
            event_id="antalya-1",
            event_date="2017-03-01",
            place_name="Antalya",
            mention="Antalya",
            country_code="TR",
            latitude=36.9081,
            longitude=30.6956,
            event_type="Protests",
            sub_event_type="Peaceful protest",
            actor1="Protesters (Turkey)",
            actor2=None,
            actors=["Protesters (Turkey)"],
            geo_precision=2,
            sentence="Hundreds protested near Antalya against the operation.",
        ),
        english_row(
            event_id="manbij-2",
            event_date="2016-06-01",
            latitude=36.58,
            longitude=37.90,
            geo_precision=2,
            actors=[],
            actor1=None,
            actor2=None,
            event_type="Strategic developments",
            sub_event_type="Non-violent transfer of territory",
            sentence="Control of villages north of Manbij changed hands.",
        ),
    ]
    return conform(pd.DataFrame(rows))
