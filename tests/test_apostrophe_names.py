"""Names whose gazetteer form has an apostrophe inside a word (GeoNames' "Ra's al 'Ayn")
as news writes them without it ("Ras al-Ayn"), and "X in <direction> Y" as containment.
Sentences written for these tests, not taken from any corpus."""

from __future__ import annotations

import pytest

from geomap.geoparse import geoparse
from geomap.geoparse.context import container_gap, own_name
from geomap.text.normalize import joined_key, key


def _named(text, gazetteer):
    return {r.mention.surface: (r.place.name, r.place.country_code) if r.place else None
            for r in geoparse(text, gazetteer=gazetteer)}


@pytest.mark.parametrize(("name", "joined"), [
    ("Ra's al 'Ayn", "ras al ayn"),
    ("Ra’s al ‘Ayn", "ras al ayn"),
    ("Ma`arrat an Nu`man", "maarrat an numan"),
    ("Qal'at Bishah", "qalat bishah"),
])
def test_an_inner_apostrophe_is_dropped_in_the_joined_key(name, joined):
    assert joined_key(name) == joined
    assert key(name) != joined  # the plain key still reads it as a break


@pytest.mark.parametrize("name", ["Aleppo", "'Ayn Diwar", "Ras al-Ayn", "3'rd"])
def test_a_name_without_an_inner_apostrophe_has_no_joined_key(name):
    assert joined_key(name) == ""


def test_a_place_is_named_by_its_joined_key():
    assert own_name("Ra’s al ‘Ayn", key("Ras al-Ayn"))
    assert own_name("Ra’s al ‘Ayn", key("Ra's al 'Ayn"))
    assert not own_name("Rosh Ha‘Ayin", key("Ras al-Ayn"))


def test_the_gazetteer_finds_a_name_written_without_its_apostrophe(gazetteer):
    got = {(p.name, p.country_code) for p in gazetteer.candidates(key("Ras al-Ayn"))}
    assert ("Ra’s al ‘Ayn", "SY") in got


@pytest.mark.parametrize("text", [
    "Turkish artillery shelled Ras al-Ayn in northeastern Syria overnight.",
    "Ras al-Ayn, Syria, was emptied of its people after the shelling.",
])
def test_the_syrian_town_wins_in_a_text_about_syria(text, gazetteer):
    assert _named(text, gazetteer)["Ras al-Ayn"] == ("Ra’s al ‘Ayn", "SY")


@pytest.mark.parametrize("between", [" in ", " in northern ", " in north-eastern ",
                                     " in northeastern ", " in the south ", ", "])
def test_a_direction_after_in_keeps_the_containment(between):
    assert container_gap(between)


@pytest.mark.parametrize("between", [" and ", " near ", " in northern and "])
def test_other_words_are_no_containment(between):
    assert not container_gap(between)


# -- "X, Y" in a list of units is two units, not a place and its unit ------------------


def test_a_list_of_states_keeps_each_state(gazetteer):
    # GeoNames lists "Illinois" among the names of a Riverside in Missouri
    got = _named("Inspectors found the tainted lettuce in Kansas, Illinois, Missouri and "
                 "Iowa.", gazetteer)
    assert got["Illinois"] == ("Illinois", "US")


def test_a_town_and_its_state_still_contain(gazetteer):
    got = _named("The storm hit Springfield, Illinois, and Columbia, Missouri.", gazetteer)
    assert got["Springfield"][1] == "US"
    assert got["Illinois"] == ("Illinois", "US")
