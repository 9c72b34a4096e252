"""Where an event happened as a coder reads it (issue 13): an event told with several
triggers is placed where its first one is told, a place a strike is aimed "on" is its
scene, and the countryside a side of a town lies some way out that side. Every sentence
here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events.extract import events_from_document
from geomap.events.location import countryside_side
from geomap.geodesy import destination, haversine_km
from geomap.records import Document, Event

DAY = dt.date(2021, 3, 9)


def _first_place(text: str, lang: str = "en") -> Event:
    events = events_from_document(Document(doc_id="t", text=text, source="t", date=DAY,
                                           language=lang))
    located = [e for e in events if e.place is not None]
    assert located, f"no located event in {text!r}"
    return located[0]


def _km_from_town(e: Event, lat: float, lon: float) -> float:
    return haversine_km(e.place.lat, e.place.lon, lat, lon)


# --------------------------------------------------------------- the first place told

# (Kafr Nabl 35.61 N 36.56 E; Maarat al-Numan 35.65 N 36.67 E; Hama 35.13 N 36.75 E;
# Damascus 33.51 N 36.29 E)


def test_an_event_told_with_two_verbs_is_placed_where_the_first_is_told():
    e = _first_place("Warplanes bombed Kafr Nabl and artillery shelled Maarat al-Numan.")
    assert "Kafr" in (e.mention or "") or "Kafranbel" in e.place.name
    assert _km_from_town(e, 35.61, 36.56) < 5


def test_a_place_a_strike_is_aimed_on_is_its_scene():
    e = _first_place("Three civilians died in the aerial bombardment on Hama and shells hit "
                     "the centre of Damascus.")
    assert _km_from_town(e, 35.13, 36.75) < 10


def test_a_single_verb_keeps_the_place_after_in():
    # (one trigger: nothing to choose between; the locative place stays the event's)
    e = _first_place("Gunmen attacked a checkpoint in Maarat al-Numan on Tuesday.")
    assert _km_from_town(e, 35.65, 36.67) < 5


# --------------------------------------------------------------- the side of a town


@pytest.mark.parametrize(
    ("before", "after", "want"),
    [
        ("shells fell on the eastern countryside of ", ", killing", (90.0, 20.0)),
        ("fighting went on west of ", " on Friday", (270.0, 20.0)),
        ("a raid on a farm 8 km south-east of ", ".", (135.0, 8.0)),
        ("drones struck ", "'s northern countryside", (0.0, 20.0)),
        ("قصفت الطائرات ريف ", " الغربي", (270.0, 20.0)),
    ],
)
def test_the_side_of_a_town_is_read_from_the_words_around_its_name(before, after, want):
    assert countryside_side(before, after) == want


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("clashes erupted in eastern ", " city"),  # a part of the town
        ("clashes erupted in ", " on Monday"),
        ("the army said in ", ", north of the border"),  # the side of another place
    ],
)
def test_a_part_of_a_town_or_no_side_moves_nothing(before, after):
    assert countryside_side(before, after) is None


def test_the_countryside_east_of_a_town_lies_east_of_it_not_in_it():
    e = _first_place("Government artillery shelled the eastern countryside of Deir Ezzor, "
                     "killing three farmers.")
    town = (35.34, 40.14)
    assert e.geo_precision == 2
    assert 15 < _km_from_town(e, *town) < 25
    assert e.place.lon > town[1] + 0.1  # east of the town
    assert e.place.admin1_name  # still in the town's governorate
    assert "east" in (e.location_reason or "")


def test_kilometres_named_set_how_far_out_the_event_is():
    e = _first_place("A roadside bomb exploded 10 km north of Raqqa, wounding two soldiers.")
    assert 7 < _km_from_town(e, 35.95, 39.01) < 13
    assert e.place.lat > 35.95


def test_the_arabic_countryside_side_moves_the_point_too():
    e = _first_place("قصفت قوات النظام قرى ريف حماة الشمالي وأصابت ثلاثة مدنيين", "ar")
    assert 15 < _km_from_town(e, 35.13, 36.75) < 25
    assert e.place.lat > 35.2


def test_a_part_of_a_town_stays_in_the_town():
    e = _first_place("Snipers shot two men in eastern Aleppo on Sunday.")
    assert _km_from_town(e, 36.20, 37.16) < 12


def test_destination_and_haversine_agree():
    lat, lon = destination(33.5, 36.3, 135.0, 20.0)
    assert abs(haversine_km(33.5, 36.3, lat, lon) - 20.0) < 0.01
    assert lat < 33.5 and lon > 36.3
