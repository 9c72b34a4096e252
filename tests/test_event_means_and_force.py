"""Who acted, read from Arabic word order and from the means of an attack, and force used
on a demonstration told in another clause (#13). The sentences are written for these
tests (none is from an evaluation corpus); each is read as a coder would read it."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events import dedup, events_from_document
from geomap.events.fatalities import fatalities
from geomap.records import Document

DAY = dt.date(2024, 11, 3)


def _first(text: str, lang: str, gazetteer):
    doc = Document(doc_id="t", text=text, date=DAY, language=lang)
    evs = dedup(events_from_document(doc, gazetteer=gazetteer))
    assert evs, text
    return evs[0]


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # a verb opening its clause comes before its subject: the actor after it acts
        ("استهدف الجيش الإسرائيلي بلدة حدودية بالقذائف.", "Israel", None),
        ("قصف حزب الله مواقع إسرائيلية.", "Hezbollah", "Israel"),
        ("واستهدف الطيران الروسي مدينة إدلب.", "Russia", None),
        # inside a clause the same verbs take their object after them
        ("وأعلن حزب الله أنه استهدف تجمعا لجنود الجيش الإسرائيلي.", "Hezbollah", "Israel"),
        ("قتل ثلاثة مدنيين بقصف مدفعي إسرائيلي استهدف بلدة حدودية.", "Israel", "Civilians"),
    ],
)
def test_an_arabic_verb_opening_its_clause_is_followed_by_who_acted(text, actor1, actor2,
                                                                     gazetteer):
    ev = _first(text, "ar", gazetteer)
    assert (ev.actor1, ev.actor2) == (actor1, actor2), (ev.trigger, ev.actors)


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        ("قتل مدني بنيران قوات النظام في درعا.", "Syria", "Civilians"),
        ("قتل مدني بغارة لطائرات النظام في إدلب.", "Syria", "Civilians"),
        ("قتل مدنيان بغارات طائرات النظام على إدلب.", "Syria", "Civilians"),
        ("قتل مدني برصاص قناص لقوات النظام في درعا.", "Syria", "Civilians"),
        # the owner of the shells fired; the child was hurt
        ("أصيب طفل بقذائف قوات النظام على بلدة صغيرة.", "Syria", "Civilians"),
    ],
)
def test_the_owner_of_the_means_named_with_bi_acted(text, actor1, actor2, gazetteer):
    ev = _first(text, "ar", gazetteer)
    assert (ev.actor1, ev.actor2) == (actor1, actor2), (ev.trigger, ev.actors)


def test_a_means_noun_without_bi_names_no_one_acting(gazetteer):
    """"أسقطت قوات النظام طائرة مسيرة تركية": the regime forces downed a Turkish drone; the
    drone's owner did not down it."""
    ev = _first("أسقطت قوات النظام طائرة مسيرة تركية.", "ar", gazetteer)
    assert ev.actor1 == "Syria", (ev.trigger, ev.actors)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hundreds of people demonstrated in Aden against power cuts, and security forces "
         "opened fire with live ammunition to disperse them, killing a protester.", "en"),
        ("تظاهر المئات في مدينة عدن احتجاجا على انقطاع الكهرباء، وأطلقت قوات الأمن الرصاص "
         "الحي لتفريقهم ما أدى إلى مقتل متظاهر.", "ar"),
        ("قتل متظاهر برصاص قوات الأمن في عدن.", "ar"),
    ],
)
def test_lethal_force_aimed_at_the_demonstrators_in_another_clause(text, lang, gazetteer):
    ev = _first(text, lang, gazetteer)
    assert ev.sub_event_type == "Excessive force against protesters", ev.trigger
    assert (ev.actor1, ev.actor2, ev.fatalities) == ("Yemen", "Protesters", 1), ev.actors


def test_force_in_the_clause_after_the_demonstration_is_used_at_it(gazetteer):
    ev = _first("During demonstrations in Bamako in July, security forces opened fire, "
                "killing at least 14 people.", "en", gazetteer)
    assert ev.sub_event_type == "Excessive force against protesters", ev.trigger
    assert (ev.actor2, ev.fatalities) == ("Protesters", 14), ev.actors
    # ... unless that clause tells another occasion
    ev = _first("Up to 100 people demonstrated on Tuesday in Nairobi, where 24 people were "
                "killed in clashes last March.", "en", gazetteer)
    assert ev.sub_event_type == "Peaceful protest", ev.trigger


def test_killing_told_beside_a_protest_makes_no_one_else_its_demonstrators(gazetteer):
    ev = _first("Thousands protested in Basra on Friday, a day after security forces killed "
                "three people in Nasiriyah.", "en", gazetteer)
    assert ev.sub_event_type == "Peaceful protest", ev.trigger
    assert ev.actor1 == "Protesters", ev.actors
    # tear gas in another clause is no lethal force
    ev = _first("تظاهر المئات في مدينة عدن احتجاجا على انقطاع الكهرباء، وأطلقت قوات الأمن "
                "الغاز المسيل للدموع.", "ar", gazetteer)
    assert ev.sub_event_type == "Protest with intervention", ev.trigger


@pytest.mark.parametrize(
    ("sentence", "n"),
    [
        ("أفاد المرصد بمقتل 5 عناصر من قوات النظام في القصف.", 5),
        ("قصفت الطائرات البلدة ما أدى لمقتل خمسة مدنيين.", 5),
        ("قتل ثلاثة مدنيين بخمسة صواريخ.", 3),  # "ب" before a number is no killing word
        ("أطلقت قوات الأمن النار ما أدى إلى مقتل متظاهر.", 1),
    ],
)
def test_arabic_tolls_with_a_glued_preposition_and_one_protester(sentence, n):
    assert fatalities(sentence, "ar") == n


@pytest.mark.parametrize(
    ("text", "lang", "actor1", "actor2"),
    [
        ("قتل 4 عناصر من قوات النظام في هجوم نفذه عناصر تنظيم الدولة الإسلامية على نقطة "
         "عسكرية.", "ar", "Islamic State", "Syria"),
        ("قتل 4 عناصر من قوات النظام جراء هجوم نفذته خلايا تابعة لتنظيم الدولة الإسلامية.",
         "ar", "Islamic State", "Syria"),
        ("Four soldiers were killed in an attack carried out by cells of the Islamic State "
         "near a checkpoint.", "en", "Islamic State", None),
        # the holders of what was hit stay acted on
        ("The army shelled positions held by fighters of the Islamic State near Hajin.", "en",
         "Syria", "Islamic State"),
    ],
)
def test_an_agent_cue_before_an_actors_people_names_the_actor(text, lang, actor1, actor2,
                                                              gazetteer):
    ev = _first(text, lang, gazetteer)
    assert (ev.actor1, ev.actor2) == (actor1, actor2), (ev.trigger, ev.actors)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("قصفت طائرات تركية مواقع قسد في الشمال السوري.", "SY"),
        ("شنت القوات التركية هجوما في الشمال العراقي.", "IQ"),
        ("استهدفت إسرائيل مواقع لحزب الله في الجنوب اللبناني.", "LB"),
    ],
)
def test_an_arabic_region_noun_and_a_demonym_name_a_part_of_that_country(text, country,
                                                                       gazetteer):
    """"في الشمال السوري" (in the Syrian north) is where it happened, and the demonym there
    names no actor ("الشمال العراقي" does not make Iraq attack)."""
    ev = _first(text, "ar", gazetteer)
    assert ev.place is not None and ev.place.country_code == country, ev.place
    assert ev.actor1 != {"IQ": "Iraq"}.get(country), ev.actors


def test_a_demonym_without_the_article_is_no_region(gazetteer):
    from geomap.geoparse import geoparse

    found = geoparse("فاز المنتخب الجنوب إفريقي على البرتغال.", "ar", gazetteer=gazetteer)
    assert all(r.mention.cue != "direction" for r in found), found


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("قصف الطيران الروسي مدينة إدلب.", "Russia"),
        ("شن الطيران التركي غارات على مواقع في جبل قنديل.", "Turkey"),
    ],
)
def test_an_air_force_named_by_its_country_strikes_from_the_air(text, actor1, gazetteer):
    ev = _first(text, "ar", gazetteer)
    assert (ev.sub_event_type, ev.actor1) == ("Air/drone strike", actor1), ev.trigger


@pytest.mark.parametrize(
    "text", ["علقت شركات الطيران رحلاتها إلى بيروت.", "استأنف الطيران المدني رحلاته من مطار دمشق."]
)
def test_civil_aviation_makes_no_event(text, gazetteer):
    doc = Document(doc_id="t", text=text, date=DAY, language="ar")
    assert not events_from_document(doc, gazetteer=gazetteer), text


def test_the_owner_of_a_shelling_named_with_bi_acted(gazetteer):
    ev = _first("قتل خمسة مدنيين بقصف لطيران النظام على بلدة في ريف حماة.", "ar", gazetteer)
    assert (ev.actor1, ev.actor2, ev.fatalities) == ("Syria", "Civilians", 5), ev.actors
