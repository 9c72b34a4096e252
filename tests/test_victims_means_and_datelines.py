"""Events as coders code them (#13): a former fighter hurt is a civilian, his former side
no party; the people a bomb met did not plant it; "X militants" are X's, no victims; the
air force is its state's and strikes from the air; hideouts are targets; "the Somali
capital" is Mogadishu; an AP dateline's abbreviated month ("Aug. 21") is a dateline. The
sentences are written for these tests, in English and Arabic; none comes from an
evaluation corpus."""

from __future__ import annotations

import datetime as dt

import pytest


DAY = dt.date(2023, 8, 21)  # a Monday



@pytest.mark.parametrize(
    "text, lang",
    [
        ("Unknown gunmen assassinated a former rebel commander in Daraa.", "en"),
        ("Gunmen shot dead a former commander of the Free Syrian Army in Daraa.", "en"),
        ("اغتال مسلحون مجهولون قياديا سابقا في المعارضة في مدينة درعا.", "ar"),
    ],
)
def test_a_former_fighter_killed_is_a_civilian(text, lang, coded_events):
    evs = coded_events(text, lang, DAY)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("Attack", "Unidentified armed group", "Civilians")], text


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Gunmen shot dead a rebel commander in Daraa.", "en"),
        ("اغتال مسلحون مجهولون قياديا في المعارضة في مدينة درعا.", "ar"),
    ],
)
def test_a_serving_fighter_killed_makes_a_battle(text, lang, coded_events):
    assert [e.event_type for e in coded_events(text, lang, DAY)] == ["Battles"], text


def test_the_people_a_roadside_bomb_met_did_not_plant_it(coded_events):
    evs = coded_events("Two police officers were killed when their vehicle hit a roadside bomb in "
                       "Mandera, Kenya, on Wednesday.", "en", DAY)
    assert [(e.actor1, e.actor2, e.fatalities) for e in evs] == [
        ("Unidentified armed group", "Kenya", 2)]


def test_an_armed_groups_people_noun_names_no_victims(coded_events):
    evs = coded_events("Al-Shabaab militants attacked a hotel in Mogadishu on Friday, killing at "
                       "least 15 people.", "en", DAY)
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in evs] == [
        ("Attack", "Al-Shabaab", "Civilians", 15)]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The Iraqi air force struck an Islamic State hideout south of Kirkuk.", "en"),
        ("أعلنت خلية الإعلام الأمني أن طائرات القوة الجوية العراقية نفذت ضربة جوية على مخبأ "
         "لتنظيم داعش جنوب كركوك.", "ar"),
    ],
)
def test_the_air_force_strikes_from_the_air_for_its_state(text, lang, coded_events):
    evs = coded_events(text, lang, DAY)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("Air/drone strike", "Iraq", "Islamic State")], text


def test_the_capital_a_demonym_names_is_that_countrys(coded_events):
    evs = coded_events("Gunmen stormed a hotel in the Somali capital on Friday.", "en", DAY)
    assert [e.place.name for e in evs] == ["Mogadishu"]


def test_a_wire_datelines_abbreviated_month_is_its_dateline(coded_events):
    evs = coded_events("MOGADISHU, Aug. 21 (AP) - Gunmen attacked a police post in Kismayo on "
                       "Friday.", "en", DAY)
    # the weekday is read against the report's day; the dateline's town is no scene
    assert [(e.event_date, e.place.name) for e in evs] == [(dt.date(2023, 8, 18), "Kismayo")]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Gunmen stormed a hotel in Kismayo on Friday, killing four guards.\n\nThe attack began "
         "when a suicide bomber drove a car into the gate of the Jazeera Hotel.", "en"),
        ("اقتحم مسلحون فندقا في مدينة كسمايو يوم الجمعة وقتلوا أربعة حراس.\n\nوبدأ الهجوم "
         "عندما فجر انتحاري سيارة مفخخة عند بوابة فندق الجزيرة.", "ar"),
    ],
)
def test_a_paragraph_that_takes_up_the_attack_goes_on_at_its_scene(text, lang, coded_events):
    evs = coded_events(text, lang, DAY)
    assert len(evs) >= 2, text
    assert {e.place.name for e in evs} == {"Kismayo"}, text
