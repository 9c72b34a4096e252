"""Event extraction on the seed article and on a short English article written for the tests.

The assertions state what an analyst expects of these texts; the rules behind them are general
(trigger lexicons, cue words, clause scopes) and nothing in geomap refers to these texts.
"""

import datetime as dt

from geomap.events import dedup, events_from_document
from geomap.events.dates import event_date
from geomap.geodesy import haversine_km

GEONAMES = {  # GeoNames coordinates (lat, lon)
    "Antalya": (36.90812, 30.69556),
    "Manbij": (36.52815, 37.95495),
    "al-Bab": (36.37051, 37.5157),
    "Raqqa": (35.95283, 39.00788),
}


def _near(e, name, km=10):
    lat, lon = GEONAMES[name]
    return e.place is not None and haversine_km(e.place.lat, e.place.lon, lat, lon) <= km


def test_seed_places(seed_events):
    for name in GEONAMES:
        assert any(_near(e, name) for e in seed_events), f"no event at {name}"
    assert any(e.place and e.place.admin1_name.startswith("Aleppo") and e.geo_precision in (2, 3)
               for e in seed_events)
    assert not any("الفرات" == (e.mention or "") for e in seed_events)


def test_seed_actors(seed_events):
    actors = {a for e in seed_events for a in e.actors}
    assert {"Turkey", "Russia", "United States", "Islamic State"} <= actors


def test_seed_meeting(seed_events):
    meetings = [e for e in seed_events if e.plover_code == "CONSULT" and _near(e, "Antalya")]
    assert len(meetings) == 1
    m = meetings[0]
    assert set(m.actors) >= {"Turkey", "Russia", "United States"}
    assert m.event_date == dt.date(2017, 3, 7) and m.time_precision == 1


def test_seed_air_strike(seed_events):
    strikes = [e for e in seed_events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1
    s = strikes[0]
    assert (s.actor1, s.actor2) == ("Russia", "Turkey")
    assert _near(s, "al-Bab") and s.geo_precision == 2 and s.status == "reported"
    assert s.event_date < dt.date(2017, 3, 7)


def test_seed_deployment_and_takeover_and_planned(seed_events):
    assert any(e.plover_code == "MOBILIZE" and e.actor1 == "United States" and _near(e, "Manbij")
               for e in seed_events)
    assert any(e.actor1 == "Euphrates Shield" and e.actor2 == "Islamic State" and _near(e, "al-Bab")
               for e in seed_events)
    raqqa = [e for e in seed_events if _near(e, "Raqqa")]
    assert raqqa and all(e.status == "planned" for e in raqqa)


def test_seed_denied_campaign_excludes_the_uninvolved(seed_events):
    denied = [e for e in seed_events if e.status == "denied" and _near(e, "Manbij")]
    assert denied and all("Russia" not in e.actors for e in denied)


def test_english_article(english_document, gazetteer):
    events = dedup(events_from_document(english_document, gazetteer=gazetteer))
    strike = next(e for e in events if e.sub_event_type == "Air/drone strike")
    assert strike.actor1 == "Syria" and strike.actor2 == "Civilians"
    assert strike.place.admin1_name.startswith("Idlib") and strike.geo_precision == 2
    assert strike.event_date == dt.date(2018, 2, 5)
    clash = next(e for e in events if e.actor1 == "Islamic State")
    assert clash.event_type == "Battles" and clash.actor2 == "YPG"
    movers = {e.actor1: e for e in events if e.plover_code == "MOBILIZE"}
    assert set(movers) == {"Turkey", "Russia"}


def test_no_date_stays_null():
    assert event_date("Rebels attacked the town yesterday", None, "en") == (None, None)
    assert event_date("Rebels attacked the town yesterday", dt.date(2020, 1, 2), "en") == (
        dt.date(2020, 1, 1),
        1,
    )
    assert event_date("قصف جوي قبل أشهر", dt.date(2017, 3, 7), "ar")[1] == 3


def test_seed_sdf_in_the_planned_operation(seed_events):
    planned = [e for e in seed_events if e.status == "planned"]
    assert any("Syrian Democratic Forces" in e.actors for e in planned)
    # a reported event never lists an actor the text says takes no part
    assert not any(
        "Syrian Democratic Forces" in e.actors for e in seed_events if e.status == "reported"
    )
