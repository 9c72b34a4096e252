"""The country of an event whose sentence names no place of its own, and the most specific
place of two named one inside the other (issue 13): a demonym of forces says whose forces
act, not where; a town before the region holding it is the event's place. Every sentence
here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events.extract import events_from_document
from geomap.records import Document, Event

DAY = dt.date(2021, 3, 9)


def _events(text: str, lang: str = "en") -> list[Event]:
    return events_from_document(Document(doc_id="c", text=text, source="c", date=DAY,
                                         language=lang))


def _countries(text: str, lang: str = "en") -> list[str | None]:
    return [e.place.country_code if e.place is not None else None for e in _events(text, lang)]


# --------------------------------------------------------------- whose forces, not where


@pytest.mark.parametrize(
    ("text", "lang", "country"),
    [
        # the demonym owns the forces; the regime's forces act at home
        ("Russian warplanes carried out dozens of strikes overnight as regime forces "
         "advanced.", "en", "SY"),
        ("Turkish troops clashed with YPG fighters overnight.", "en", "SY"),
        ("Iranian militias attacked positions of the SDF, killing 4.", "en", "SY"),
        # a post abroad
        ("Shells hit near a Turkish observation point as regime forces advanced.", "en", "SY"),
        # a plural demonym for its people acting
        ("Heavy shelling by the regime and the Russians killed 6 civilians.", "en", "SY"),
        ("شنت الطائرات الروسية غارات عنيفة وتقدمت قوات النظام", "ar", "SY"),
    ],
)
def test_a_country_named_only_as_the_owner_of_forces_is_not_where(text, lang, country):
    got = _countries(text, lang)
    assert got and got[0] == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # nothing else says where: the owner's country is all there is
        ("Two Turkish soldiers were killed in clashes overnight.", "TR"),
        # the police act at home
        ("Russian police detained 30 protesters after the rally.", "RU"),
    ],
)
def test_the_owner_country_stays_when_nothing_else_says_where(text, country):
    got = _countries(text)
    assert got and got[0] == country


# --------------------------------------------------------------- a town inside a region


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Soldiers raided the Tulkarm refugee camp in the occupied West Bank and arrested "
         "9 men.", "Tulkarm"),
        ("Warplanes bombed the Douma district in besieged Eastern Ghouta, killing 6.", "Douma"),
    ],
)
def test_a_town_named_before_the_region_holding_it_is_the_place(text, town):
    e = _events(text)[-1]
    assert e.place is not None and e.geo_precision == 1
    assert e.mention == town and e.place.feature_class == "P"


# --------------------------------------------------------------- the scene goes on


def test_the_scene_goes_on_in_its_country_when_the_paragraph_names_no_other():
    text = ("Gunmen stormed a hotel in Mogadishu on Sunday, killing 8 people.\n\n"
            "Later, a car bomb exploded outside the gate.\n\n"
            "In Yemen, the Houthis said they had shot down a drone near Marib. "
            "Yemen's war has killed thousands in Yemen.")
    bomb = [e for e in _events(text) if "bomb" in e.trigger]
    assert bomb and bomb[0].place is not None and bomb[0].place.country_code == "SO"
    assert bomb[0].geo_precision == 1


@pytest.mark.parametrize(
    "text",
    [
        "Rebels backed by Turkey shelled Tal Rifaat, killing two women.\n\nElsewhere, two "
        "children were killed in shelling.",
        "Militias loyal to Iran shelled Albu Kamal, killing 4.\n\nElsewhere, two children "
        "were killed in shelling.",
    ],
)
def test_a_country_named_as_a_patron_is_not_the_documents_country(text):
    last = _events(text)[-1]
    assert last.place is not None and last.place.country_code == "SY"
