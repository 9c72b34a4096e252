"""Events as coders code them (#13): an attack a side foiled is one event (the attack
fought off, its attacker actor1 and the defender actor2, as "repelled an attack by X" is
read; or the weapon's use disrupted); "clashes between
X and Y" keep the one side that is a known actor; forces "loyal to" a side are that side;
separatists are their country's. The sentences are written for these tests, in English and
Arabic; none comes from an evaluation corpus."""

from __future__ import annotations

import pytest





@pytest.mark.parametrize(
    "text, lang, actor1, actor2",
    [
        ("Kurdish-led SDF fighters foiled an IS attack on a village near Hasakah, killing "
         "four militants.", "en", "Islamic State", "Syrian Democratic Forces"),
        ("The Iraqi army thwarted an attack by IS on its positions near Mosul.", "en",
         "Islamic State", "Iraq"),
        ("أحبطت قوات سوريا الديمقراطية هجوما لتنظيم داعش على قرية قرب الحسكة.", "ar",
         "Islamic State", "Syrian Democratic Forces"),
    ],
)
def test_a_foiled_ground_attack_is_one_battle_against_the_defender(text, lang, actor1, actor2,
                                                                    coded_events):
    evs = coded_events(text, lang)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("Armed clash", actor1, actor2)], text


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The Libyan National Army said it foiled a drone attack on an air base near Sirte.",
         "en"),
        ("أعلن الجيش الوطني الليبي أنه أحبط هجوماً بطائرة مسيرة استهدف قاعدة جوية قرب سرت.", "ar"),
    ],
)
def test_a_foiled_drone_attack_is_one_disrupted_weapons_use(text, lang, coded_events):
    evs = coded_events(text, lang)
    assert [(e.sub_event_type, e.actor1) for e in evs] == [
        ("Disrupted weapons use", "Libyan National Army")], text


@pytest.mark.parametrize(
    "text, lang, actor1, actor2",
    [
        # only the second side is a known actor: it stays a side
        ("Clashes between smugglers and government troops left five soldiers dead in "
         "Zinjibar, Yemen.", "en", "Yemen", None),
        ("Clashes between separatists and government troops left five soldiers dead in "
         "Zinjibar, Yemen.", "en", "Southern Transitional Council", "Yemen"),
        # forces loyal to a side are that side
        ("Clashes between forces loyal to the Southern Transitional Council and government "
         "troops killed five soldiers in Abyan.", "en", "Southern Transitional Council", "Yemen"),
        ("اندلعت اشتباكات بين قوات المجلس الانتقالي الجنوبي والقوات الحكومية في أبين.", "ar",
         "Southern Transitional Council", "Yemen"),
    ],
)
def test_the_sides_of_clashes_between(text, lang, actor1, actor2, coded_events):
    evs = coded_events(text, lang)
    assert [(e.actor1, e.actor2) for e in evs] == [(actor1, actor2)], text


def test_separatists_are_those_of_the_country_reported_on(coded_events):
    evs = coded_events("Separatists attacked an army post in Bamenda, Cameroon.", "en")
    assert [e.actor1 for e in evs] == ["Ambazonian separatists"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Hezbollah said it fired Katyusha rockets at an Israeli military position in Kiryat "
         "Shmona in response to the air strikes.", "en"),
        ("وأعلن حزب الله في بيان أنه استهدف بصواريخ الكاتيوشا موقعا عسكريا إسرائيليا في "
         "مستوطنة كريات شمونة ردا على الغارات.", "ar"),
    ],
)
def test_an_event_given_as_the_cause_is_no_event_of_the_sentence(text, lang, coded_events):
    evs = coded_events(text, lang)
    assert [(e.sub_event_type, e.actor1) for e in evs] == [
        ("Shelling/artillery/missile attack", "Hezbollah")], text


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        ("Ukraine's air force said it shot down 42 of the 58 drones fired by Russia.",
         "Ukraine", "Russia"),
        ("Saudi air defences intercepted a missile fired by the Houthis over Jizan.",
         "Saudi Arabia", "Houthis"),
    ],
)
def test_who_intercepts_acts_and_the_weapons_user_is_the_other_side(text, actor1, actor2,
                                                                    coded_events):
    evs = coded_events(text, "en")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("Disrupted weapons use", actor1, actor2)], text
