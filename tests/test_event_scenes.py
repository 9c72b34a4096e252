"""Where an event happened when the name of the place is also an actor's, and when the
scene is told in another sentence or paragraph (issue 13, the event's place). Every
sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events.extract import events_from_document
from geomap.records import Document, Event

DAY = dt.date(2021, 3, 14)


def _events(text: str, lang: str = "en") -> list[Event]:
    doc = Document(doc_id="t", text=text, source="t", date=DAY, language=lang)
    return events_from_document(doc)


@pytest.mark.parametrize(
    "text",
    [
        "Government artillery pounded the vicinity of Damascus on Sunday.",
        "Mortar shells hit Damascus amid heavy fighting on its eastern edge.",
        "The death toll of the Damascus bombings rose to 30 on Sunday.",
        "Rockets struck Damascus downtown, wounding four people.",
    ],
)
def test_a_capital_that_names_its_government_is_the_place_where_it_is_the_scene(text):
    first = _events(text)[0]
    assert first.place is not None and first.place.name == "Damascus"
    assert first.geo_precision == 1


def test_a_capital_that_acts_is_still_no_place_of_the_event():
    # "Damascus" before the verb is the government that acts: the event is where it struck
    first = _events("Damascus targeted rebel positions around Idlib with artillery.")[0]
    assert first.place is not None and first.place.name != "Damascus"


def test_the_scene_of_a_paragraph_carries_into_the_next_one():
    text = (
        "Government forces shelled the town of Kafr Nabl in southern Idlib on Tuesday, "
        "killing three civilians.\n\n"
        "Rebels later retook an army checkpoint on the road.\n\n"
        "Elsewhere, Turkish drones struck a car near Qamishli."
    )
    shelling, retaking, strike = _events(text)[:3]
    assert retaking.sub_event_type == "Non-state actor overtakes territory"
    assert retaking.place is not None and retaking.place == shelling.place
    assert retaking.event_date == shelling.event_date  # the day of the scene
    assert strike.place is not None and strike.place != shelling.place


def test_a_new_paragraph_that_says_nothing_of_the_scene_does_not_take_it():
    text = (
        "Government forces shelled the town of Kafr Nabl in southern Idlib on Tuesday.\n\n"
        "Rebels shelled government positions."
    )
    shelling, other = _events(text)[:2]
    assert other.place is None or other.place != shelling.place


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Gunmen stormed a hotel in central Mogadishu on Thursday, killing nine people.\n\n"
         "A car bomb exploded outside the hotel gate.\n\n"
         "In Yemen, the Houthis shelled Taiz and government troops clashed with them near "
         "Marib.", "en"),
        ("اقتحم مسلحون فندقا وسط مقديشو يوم الخميس.\n\nوانفجرت سيارة مفخخة أمام بوابة الفندق.\n\n"
         "وفي اليمن، قصف الحوثيون مدينة تعز واشتبكت القوات الحكومية معهم قرب مأرب.", "ar"),
    ],
)
def test_a_paragraph_about_the_building_attacked_goes_on_at_its_scene(text, lang):
    # "the hotel" takes up the scene of the paragraph above, though the article names
    # another country more
    storming, bomb = _events(text, lang)[:2]
    assert storming.place is not None and storming.place.country_code == "SO"
    assert bomb.place == storming.place


def test_an_arabic_paragraph_that_goes_on_there_takes_the_scene():
    text = (
        "قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي يوم الثلاثاء.\n\n"
        "وسيطرت فصائل المعارضة لاحقا على حاجز للجيش.\n\n"
    )
    shelling, taken = _events(text, "ar")[:2]
    assert taken.place is not None and taken.place == shelling.place


@pytest.mark.parametrize(
    "text",
    [
        "The army said on Friday that gunmen attacked a checkpoint near Tikrit.",
        "Police announced that rebels shelled a market in Kirkuk.",
    ],
)
def test_a_reported_clause_after_that_is_an_event_not_a_reference_back(text):
    got = _events(text)
    assert got and got[0].event_type in ("Battles", "Explosions/Remote violence")


def test_that_before_an_event_noun_still_refers_back():
    text = ("Gunmen attacked a checkpoint near Tikrit on Friday. Officials said that attack "
            "was the third this month.")
    assert len([e for e in _events(text) if e.event_type == "Battles"]) == 1


def test_a_claim_of_a_new_attack_does_not_credit_the_event_told_before():
    text = ("A roadside bomb struck an army truck near Kirkuk on Monday.\n\n"
            "In Yemen, Houthi rebels claimed responsibility for a drone attack on a tanker "
            "off Hodeidah.")
    bomb = _events(text)[0]
    assert bomb.actor1 != "Houthis" and "Houthis" not in bomb.actors


def test_a_claim_of_the_event_told_before_credits_it():
    text = ("A roadside bomb struck an army truck near Kirkuk on Monday. "
            "Islamic State claimed responsibility for the attack.")
    assert _events(text)[0].actor1 == "Islamic State"


def test_military_aircraft_that_strike_make_an_air_strike():
    first = _events("Sudanese military aircraft struck paramilitary positions near Bara.")[0]
    assert first.sub_event_type == "Air/drone strike"


def test_an_aircraft_alone_is_no_air_strike():
    assert not _events("A passenger aircraft landed safely in Khartoum on Monday.")
