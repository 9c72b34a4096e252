"""Where an event happened when a sentence names several places (issue 13): a subject and
its verb tell one place ("Warplanes bombed X and Y countryside": X first), a named region
is as specific a scene as a province ("clashes in the Eastern Ghouta and Homs countryside"),
and "Reef X" is the countryside of X, not a person's name. Every sentence here was written
for these tests."""

from __future__ import annotations

import datetime as dt

from geomap.events.extract import events_from_document
from geomap.geodesy import haversine_km
from geomap.records import Document, Event

DAY = dt.date(2021, 3, 9)

# (Hama 35.13 N 36.75 E; Idlib 35.93 N 36.63 E; Homs 34.73 N 36.71 E; the Eastern Ghouta
# lies east of Damascus, 33.51 N 36.29 E)
HAMA = (35.13, 36.75)
HOMS = (34.73, 36.71)
DAMASCUS = (33.51, 36.29)


def _first_place(text: str, lang: str = "en") -> Event:
    events = events_from_document(Document(doc_id="t", text=text, source="t", date=DAY,
                                           language=lang))
    located = [e for e in events if e.place is not None]
    assert located, f"no located event in {text!r}"
    return located[0]


def _km(e: Event, point: tuple[float, float]) -> float:
    return haversine_km(e.place.lat, e.place.lon, *point)


# --------------------------------------------------- a subject and its verb tell one place


def test_the_first_of_two_places_after_a_subject_and_its_verb_is_the_events():
    # "Warplanes" and "bombed" tell the same strike: Hama, named first, is where it was,
    # not the countryside of Idlib after it
    e = _first_place("Warplanes bombed Hama and Idlib countryside on Monday.")
    assert _km(e, HAMA) < 25, (e.place.name, e.location_reason)


def test_a_second_verb_after_a_place_still_tells_a_later_place():
    # (the place between the two verbs makes the second a telling of its own)
    e = _first_place("Jets bombed Kafr Nabl on Monday and artillery shelled Hama.")
    assert _km(e, HAMA) > 50, (e.place.name, e.location_reason)


# --------------------------------------------------- a named region is a scene


def test_a_named_region_first_is_the_scene_before_a_countryside_after_it():
    e = _first_place("Fighting broke out in Eastern Ghouta and Homs countryside.")
    assert _km(e, DAMASCUS) < 30 and _km(e, HOMS) > 100, (e.place.name, e.location_reason)


def test_a_region_after_in_and_the_is_a_scene():
    e = _first_place("Shelling killed two in the Eastern Ghouta and a bomb exploded in "
                     "Al-Hasakah countryside.")
    assert _km(e, DAMASCUS) < 30, (e.place.name, e.location_reason)


def test_a_named_region_is_the_scene_in_arabic_too():
    e = _first_place("دارت اشتباكات عنيفة في الغوطة الشرقية وريف حمص", "ar")
    assert _km(e, DAMASCUS) < 30 and _km(e, HOMS) > 100, (e.place.name, e.location_reason)


def test_a_town_after_the_is_no_scene_of_its_own():
    # "the Hama hospital": the town's name modifies the noun after it; the event stays at
    # the place after "in"
    e = _first_place("Gunmen attacked the Hama hospital staff in Homs on Monday.")
    assert _km(e, HOMS) < 25, (e.place.name, e.location_reason)


# --------------------------------------------------- "Reef X" is X's countryside


def test_reef_before_a_city_names_its_countryside_not_a_person():
    e = _first_place("Warplanes struck Reef Dimashq on Monday.")
    assert _km(e, DAMASCUS) < 30, (e.place.name, e.location_reason)
    unit = e.place.admin1_name or ""
    assert "Countryside" in unit or "Rif" in unit, unit
