"""More detection (#13 item 1): barrel bombs dropped from helicopters, armour destroyed as
the sides fight, and territory taken, in English and Arabic, next to the other senses of
the same words (leaflets dropped, control of an agenda). Every sentence is written for
these tests; none is from an evaluation corpus. Operations and resistance name fighting only
with forces near them (rescue operations, a company's operations are no event)."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events import dedup, events_from_document
from geomap.records import Document

DAY = dt.date(2024, 5, 9)
AIR = ("Explosions/Remote violence", "Air/drone strike")
CLASH = ("Battles", "Armed clash")
TAKEN = ("Battles", "Non-state actor overtakes territory")


def _events(text: str, lang: str, gazetteer):
    doc = Document(doc_id="t", text=text, date=DAY, language=lang)
    return dedup(events_from_document(doc, gazetteer=gazetteer))


def _types(text: str, lang: str, gazetteer) -> list[tuple[str, str]]:
    return [(e.event_type, e.sub_event_type) for e in _events(text, lang, gazetteer)]


@pytest.mark.parametrize(
    "text, lang, want",
    [
        ("Army helicopters dropped four barrels on the town of Kafr Nabl on Tuesday", "en", AIR),
        ("Two helicopters drop barrels over farmland near Latamna", "en", AIR),
        ("ألقت المروحيات براميل متفجرة على بلدة كفرنبل صباح اليوم", "ar", AIR),
        ("ألقى براميل على أطراف مدينة اللطامنة", "ar", AIR),
        ("Rebels destroyed a tank and two vehicles of the army near Morek", "en", CLASH),
        ("Rebels devastate a tank of the government forces in the south of Aleppo", "en", CLASH),
        ("أعلنت الفصائل تدمير دبابة لقوات النظام قرب مورك", "ar", CLASH),
        ("The militants took the control of Tal Hamra village after a long night", "en", TAKEN),
        ("The group is 4 km from the dam after controlling farms near Tabqa", "en", TAKEN),
        ("The fighters extend their scope of control north of Manbij", "en", TAKEN),
        ("تمكنت الفصائل من السيطرة على قرية تل حمرة", "ar", TAKEN),
        ("Kurdish fighters continue their operations in the countryside of Afrin", "en", CLASH),
        ("The group resisted the army fiercely in the east of the town", "en", CLASH),
        ("Regime troops made two attempts to advance the front near Kafr Zita", "en", CLASH),
        ("The factions control about half of the town of Tal Hamra", "en", TAKEN),
        ("Relief columns of the army broke the siege of the air base on Sunday", "en", CLASH),
    ],
)
def test_events_found(text, lang, want, gazetteer):
    types = _types(text, lang, gazetteer)
    assert types, f"no event in {text!r}"
    assert types[0] == want


@pytest.mark.parametrize(
    "text",
    [
        "Government helicopters dropped leaflets on Kafr Nabl urging fighters to surrender",
        "Helicopters dropped off supplies at the airfield of the city",
        "The new chairman took control of the agenda in Beirut on Monday",
        "The prosecutor dropped charges against the two journalists in Amman",
        "Civil defence teams continue rescue operations in the rubble of the market in Idlib",
        "The company expanded its operations in Amman last year",
        "The minister resisted pressure to resign in Beirut",
        "The envoy made new attempts to advance the peace process in Geneva",
    ],
)
def test_other_senses_make_no_event(text, gazetteer):
    assert _types(text, "en", gazetteer) == []


def test_destroyed_tank_folds_into_the_air_strike(gazetteer):
    """A strike that destroyed a tank is one air strike, not a clash beside it."""
    types = _types("A Russian air strike destroyed a tank near Morek", "en", gazetteer)
    assert types == [AIR]


@pytest.mark.parametrize(
    "text, want",
    [
        # an advance told by where it reached; a team that goes on in a tournament is none
        ("Government troops advanced to the outskirts of the town at dawn.", [CLASH]),
        ("The club advanced to the semifinals after a penalty shootout win.", []),
        ("The team advanced to the final on Sunday.", []),
        # fire taken and shots aimed
        ("An army convoy came under fire on the road to the dam.", [CLASH]),
        ("Unknown gunmen shot at a minibus on the road to the dam.", [CLASH]),
    ],
)
def test_advances_reached_and_fire_taken(text, want, gazetteer):
    assert _types(text, "en", gazetteer) == want, text


def test_who_came_under_attack_was_attacked(gazetteer):
    evs = _events("Regime positions came under attack near the dam.", "en", gazetteer)
    assert evs and evs[0].actor2 == "Syria" and evs[0].actor1 != "Syria"
