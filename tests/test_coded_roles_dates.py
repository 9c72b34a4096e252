"""Actors and dates as a coder records them (#13): who repelled whom, who died, the side
that lost men in a clash, a demonym that only says whose a place is, and a date that belongs
to the sentence's verb, not to an event told in a clause inside it. The sentences
are written for these tests, in English and Arabic; none comes from an evaluation corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events import dedup, events_from_document
from geomap.records import Document

DAY = dt.date(2017, 5, 2)  # a Tuesday


def _first(text: str, lang: str, gazetteer):
    doc = Document(doc_id="t", text=text, date=DAY, language=lang)
    evs = dedup(events_from_document(doc, gazetteer=gazetteer))
    assert evs, text
    return evs[0]


@pytest.mark.parametrize(
    "text, lang, defender, attacker",
    [
        ("The army repelled an Islamic State assault on its posts outside Palmyra.", "en",
         "Syria", "Islamic State"),
        ("Rebels repulsed regime forces trying to advance on the hills north of Hama.", "en",
         "Syrian rebels", "Syria"),
        ("صدت قوات النظام هجوما لتنظيم داعش على نقاطها في ريف تدمر.", "ar",
         "Syria", "Islamic State"),
        ("تصدت قوات النظام لهجوم شنه تنظيم داعش على حاجز قرب تدمر.", "ar",
         "Syria", "Islamic State"),
    ],
)
def test_who_repelled_an_attack_fought_the_attacker(text, lang, defender, attacker, gazetteer):
    # as ACLED files "troops repelled an attack by X": the troops, then X; in Arabic too
    e = _first(text, lang, gazetteer)
    assert (e.actor1, e.actor2) == (defender, attacker), text


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The army repelled an attack on its posts outside Palmyra.", "en"),
        ("صدت قوات النظام هجوما على نقاطها في ريف تدمر.", "ar"),
    ],
)
def test_a_repelled_attack_by_no_one_named_keeps_the_defender(text, lang, gazetteer):
    e = _first(text, lang, gazetteer)
    assert e.actor1 == "Syria" and e.actor2 is None, text


@pytest.mark.parametrize(
    "text, lang, actor1, actor2",
    [
        # the side acted on stays actor2 when the other side of the fight is named
        ("Four rebels were killed in clashes with regime forces near Daraa.", "en",
         "Syria", "Syrian rebels"),
        ("قتل أربعة من مقاتلي المعارضة في اشتباكات مع قوات النظام قرب درعا.", "ar",
         "Syria", "Syrian rebels"),
        # who died underwent the strike
        ("Two Syrian soldiers died in an Israeli air strike near Damascus.", "en",
         "Israel", "Syria"),
    ],
)
def test_the_side_that_lost_men_is_actor2(text, lang, actor1, actor2, gazetteer):
    e = _first(text, lang, gazetteer)
    assert (e.actor1, e.actor2) == (actor1, actor2), text


@pytest.mark.parametrize(
    "text, lang, absent, present",
    [
        ("Gunmen shot dead a shopkeeper in the Iraqi city of Mosul.", "en", "Iraq", None),
        ("Turkish troops shelled Kurdish positions near the Syrian border.", "en", "Syria",
         "Turkey"),
        ("قصفت القوات التركية مواقع كردية قرب الحدود السورية.", "ar", "Syria", "Turkey"),
        # forces named by the place they guard are a party again
        ("Jordanian border guards opened fire on smugglers near Ramtha.", "en", None, "Jordan"),
        ("أطلق حرس الحدود الأردني النار على مهربين قرب الرمثا.", "ar", None, "Jordan"),
    ],
)
def test_a_demonym_that_says_whose_place_is_no_party(text, lang, absent, present, gazetteer):
    e = _first(text, lang, gazetteer)
    assert absent is None or absent not in e.actors, text
    assert present is None or e.actor1 == present, text



# --------------------------------------------------------------------------- dates


def _dated(text: str, lang: str, sub_event_type: str, gazetteer) -> list:
    doc = Document(doc_id="t", text=text, date=DAY, language=lang)
    got = [(e.event_date, e.time_precision) for e in events_from_document(doc, gazetteer=gazetteer)
           if e.sub_event_type == sub_event_type]
    assert got, text
    return got


SUNDAY, FRIDAY = dt.date(2017, 4, 30), dt.date(2017, 4, 28)


@pytest.mark.parametrize(
    "text, lang, sub_event_type",
    [
        ("A lawyers' union condemned on Sunday the beating of reporters detained in Aswan.",
         "en", "Arrests"),
        ("Teachers rallied on Sunday for the freedom of colleagues kidnapped by gunmen near "
         "Kaduna.", "en", "Abduction/forced disappearance"),
        ("نددت نقابة المحامين يوم الأحد بالاعتداء على صحفيين اعتقلوا في أسوان.", "ar", "Arrests"),
    ],
)
def test_a_date_for_the_main_verb_does_not_date_an_event_in_a_reduced_relative(
    text, lang, sub_event_type, gazetteer
):
    # Sunday is the day of the condemnation or the rally; the arrests or the kidnapping
    # told in the clause happened some other time: the report's day, as an unwritten date
    assert _dated(text, lang, sub_event_type, gazetteer) == [(DAY, 2)], text


@pytest.mark.parametrize(
    "text, lang, sub_event_type, day",
    [
        # a date inside the clause is the event's own
        ("A lawyers' union condemned on Sunday the beating of reporters detained on Friday "
         "in Aswan.", "en", "Arrests", FRIDAY),
        ("نددت نقابة المحامين يوم الأحد بالاعتداء على صحفيين اعتقلوا يوم الجمعة في أسوان.",
         "ar", "Arrests", FRIDAY),
        # the main verb's own event keeps the sentence's date
        ("Teachers rallied on Sunday for the freedom of colleagues kidnapped by gunmen near "
         "Kaduna.", "en", "Peaceful protest", SUNDAY),
        # a subject's words read like a clause but are the main one
        ("On Sunday, a group of farmers blocked the road to Tanta and clashed with police.",
         "en", "Armed clash", SUNDAY),
        ("On Sunday, relatives of missing fishermen marched in Alexandria.", "en",
         "Peaceful protest", SUNDAY),
        # the event's verb stands before the clause
        ("Police on Sunday arrested dozens of students gathered outside the court in Tanta.",
         "en", "Arrests", SUNDAY),
    ],
)
def test_a_date_written_for_the_event_still_dates_it(text, lang, sub_event_type, day, gazetteer):
    assert _dated(text, lang, sub_event_type, gazetteer)[0] == (day, 1), text
