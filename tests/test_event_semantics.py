"""What an event is, as an ACLED coder reads it (issue 13): a broken truce is fighting, not
an agreement; protesters shot are excessive force; tolls stated in other words; a facility
named after a place; Arabic victims with no armed side. Every sentence here was written for
these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.evaluation.event_readers import half_of, read_ucdp
from geomap.events.extract import events_from_document
from geomap.events.fatalities import fatalities
from geomap.records import Document, Event

DAY = dt.date(2021, 3, 9)


def _events(text: str, lang: str = "en") -> list[Event]:
    return events_from_document(Document(doc_id="s", text=text, source="s", date=DAY,
                                         language=lang))


# --------------------------------------------------------------------------- agreements


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The rebels accused the army of violating the truce near Hama.", "en"),
        ("Truce violations were reported in the countryside of Hama.", "en"),
        ("اتهمت الفصائل قوات النظام بخرق الهدنة في ريف حماة", "ar"),
    ],
)
def test_a_broken_truce_is_no_agreement_but_the_fighting(text, lang):
    got = _events(text, lang)
    assert got and all(e.sub_event_type != "Agreement" for e in got)
    assert got[0].event_type == "Battles"


def test_an_agreement_made_stays_an_agreement():
    got = _events("Tribal elders and the militia agreed a truce in Jableh.")
    assert [e.sub_event_type for e in got] == ["Agreement"]


# --------------------------------------------------------------------------- protests


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Troops shot dead three demonstrators in Omdurman.", 3),
        ("Police killed a protester in Basra on Friday.", 1),
        ("Security forces opened fire on the rally in Nasiriyah, killing 4.", 4),
    ],
)
def test_protesters_killed_by_forces_are_excessive_force(text, dead):
    e = _events(text)[0]
    assert (e.event_type, e.sub_event_type) == ("Protests", "Excessive force against protesters")
    assert e.fatalities == dead
    assert e.actor2 == "Protesters" or "Protesters" in e.actors
    assert e.actor1 != "Protesters"  # ACLED: the forces act, the protesters are acted on


def test_a_protest_against_a_killing_stays_peaceful():
    e = _events("Hundreds protested in Karbala against the killing of a blogger.")[0]
    assert e.sub_event_type == "Peaceful protest" and e.fatalities is None


def test_tear_gas_stays_a_protest_with_intervention():
    e = _events("Police fired tear gas at protesters in Kut.")[0]
    assert e.sub_event_type == "Protest with intervention" and e.actor1 == "Protesters"


# --------------------------------------------------------------------------- tolls


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Police killed a protester near the bridge.", 1),
        ("Gunmen killed a girl and her mother in the village.", 2),
        ("9 members from the tribal militia were killed overnight.", 9),
        ("Around 14 fighters of the armed group died in the ambush.", 14),
        ("4 martyrs fell in the shelling of the town.", 4),
        ("The group beheaded a shepherd near the river.", 1),
        ("Militants execute three young men in the square.", 3),
        ("Residents mourned the death of a child in the raid.", 1),
        ("A young man was shot dead at a checkpoint.", 1),
        ("An elderly farmer was murdered in his field.", 1),
        # the dead counted apart from the wounded: "casualties" are the dead
        ("7 casualties and dozens of injuries after the raid on the market.", 7),
        ("5 casualties at least and 20 wounded in the blast.", 5),
        # not a toll: an ordinal, the wounded, a vague amount, casualties of both kinds
        ("11 casualties and injuries in the shelling of the camp.", None),
        ("The raid left 6 casualties in the town.", None),
        # the killed and the wounded counted as one number
        ("More than 30 killed and injured in raids on the villages.", None),
        ("Rockets kill and wound 17 people in the market.", None),
        ("The 2nd volunteer killed this month was buried today.", None),
        ("5 members from the militia were wounded.", None),
        ("Several members from the militia were killed.", None),
    ],
)
def test_tolls_stated_in_other_words(text, want):
    assert fatalities(text, "en") == want


# --------------------------------------------------------------------------- triggers


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Fight renews on the outskirts of Tadif.", "en", "Battles"),
        ("Losses in the ranks of the militia near Mhambal.", "en", "Battles"),
        ("اقتتال بين فصيلين في ريف حلب الشمالي", "ar", "Battles"),
        ("ألقت قوات الأمن القبض على أربعة شبان في مدينة السلمية", "ar", "Strategic developments"),
    ],
)
def test_missed_kinds_of_report_open_an_event(text, lang, kind):
    got = _events(text, lang)
    assert got and got[0].event_type == kind


def test_a_death_is_an_event_unless_of_illness_or_old_age():
    got = _events("A boy dies in the countryside of Jisr al-Shughur.")
    assert got and got[0].fatalities == 1
    assert _events("The poet died of natural causes in Latakia.") == []


def test_lost_his_life_with_its_subject_between_is_one_dead():
    e = _events("لقي رجل حتفه في قصف على بلدة معرة مصرين", "ar")[0]
    assert e.fatalities == 1


# --------------------------------------------------------------------------- places


def test_a_facility_named_after_a_far_place_is_in_the_city_it_is_said_to_be_in():
    e = next(e for e in _events("A rocket struck the Yarmouk hospital in eastern Mosul.")
             if e.place is not None)
    assert e.place.country_code == "IQ" and e.place.name == "Mosul"


# --------------------------------------------------------------------------- victims (Arabic)


@pytest.mark.parametrize(
    "text",
    [
        "قصفت قوات النظام أحياء سكنية في مدينة حماة",
        "قتل ثلاثة أشخاص في قصف على بلدة كفرنبل",
    ],
)
def test_arabic_people_and_residential_quarters_are_civilians(text):
    e = _events(text, "ar")[0]
    assert "Civilians" in e.actors


# --------------------------------------------------------------------------- UCDP reader


def test_the_ucdp_reader_unescapes_html_and_keeps_the_half_of_the_raw_text(tmp_path):
    raw = "Shelling on al-Wa&#8217;er neighbourhood in &#8220;Homs&#8221;"
    cols = ("id,type_of_violence,side_a,side_b,latitude,longitude,date_start,"
            "source_headline,source_date,best")
    path = tmp_path / "ged.csv"
    path.write_text(f'{cols}\n1,1,Government of Syria,Syrian insurgents,34.7,36.7,2016-03-01,'
                    f'"{raw}",2016-03-02,3\n', encoding="utf-8")
    (gold,) = read_ucdp(path)
    assert gold.text == "Shelling on al-Wa’er neighbourhood in “Homs”"
    assert gold.half == half_of(raw)


def test_toll_after_a_phrase_of_several_words_and_a_long_owner():
    from geomap.events.fatalities import fatalities

    # "claimed the lives of" is a killing phrase of four words: the count follows it
    assert fatalities("Shelling claimed the lives of 9 villagers near the town.", "en") == 9
    assert fatalities("The raid claiming the life of one farmer drew protests.", "en") == 1
    # whose people a toll counts may take several words ("of the army and ... loyal to it")
    assert fatalities(
        "About 14 members of the army and militiamen loyal to it were killed near the hills.",
        "en",
    ) == 14
    # wounded are still no toll
    assert fatalities("Shelling wounded 9 villagers near the town.", "en") is None


# --------------------------------------------------------------------------- a town in a region


@pytest.mark.parametrize(
    ("text", "town", "region"),
    [
        ("Warplanes struck the southern countryside of Idlib, killing four farmers in "
         "Saraqib.", "Saraqib", "Idlib"),
        ("Shelling hit the province of Hama on Sunday, killing two women in Suran.",
         "Suran", "Hama"),
    ],
)
def test_a_region_gives_way_to_a_town_inside_it_named_by_the_event(text, town, region):
    e = _events(text)[0]
    assert e.place is not None
    assert e.mention == town, (e.mention, e.place.name, e.location_reason)


def test_a_larger_city_does_not_take_the_place_of_a_towns_countryside():
    # Aleppo is larger than Afrin: "the countryside of Afrin" stays the event's place
    e = _events("A car bomb exploded in the countryside of Afrin near Aleppo.")[0]
    assert e.place is not None and e.mention == "Afrin", (e.mention, e.place.name)


# --------------------------------------------------------------------------- Arabic grammar


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("أضرم مسلحون النار في مبنى البلدية في مدينة الرقة", "ar"),
        ("أضرم مسلحون مجهولون النار في مخزن للحبوب قرب حماة", "ar"),
        ("Gunmen set several houses on fire in a village near Maiduguri.", "en"),
    ],
)
def test_arson_told_with_the_actor_between_the_verb_and_its_object(text, lang):
    got = _events(text, lang)
    assert got, "the split phrase names arson"
    assert got[0].sub_event_type == "Looting/property destruction"
    assert got[0].actor1 == "Unidentified armed group"


def test_a_split_phrase_with_a_noun_after_it_is_no_arson():
    assert not _events("The board set new rules on fire safety in Lagos.")


@pytest.mark.parametrize(
    "text",
    [
        "استهدفت طائرات روسية مواقع للفصائل في ريف إدلب",
        "قالت روسيا إن طائراتها استهدفت مواقع في إدلب",
    ],
)
def test_aircraft_that_target_make_an_air_strike(text):
    e = _events(text, "ar")[0]
    assert e.sub_event_type == "Air/drone strike"
    assert e.actor1 == "Russia"


def test_aircraft_targeted_are_no_air_strike():
    e = _events("استهدفت الفصائل طائرة روسية في ريف إدلب", "ar")[0]
    assert e.sub_event_type != "Air/drone strike"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("قتل مسلحون 30 جنديا في هجوم على حاجز في ريف حماة", "Unidentified armed group"),
        ("قتل مسلحو داعش خمسة مدنيين في قرية قرب دير الزور", "Islamic State"),
    ],
)
def test_a_subject_in_its_case_after_the_verb_of_killing_did_the_killing(text, actor1):
    e = _events(text, "ar")[0]
    assert e.actor1 == actor1
    assert e.actor2 != actor1


@pytest.mark.parametrize(
    "text",
    [
        "Warplanes and regime forces pounded five villages near Hama.",
        "Artillery and regime forces shelled five villages near Hama.",
    ],
)
def test_forces_named_between_the_means_and_the_verb_are_its_subject(text):
    e = _events(text)[0]
    assert e.actor1 == "Syria" and e.actor2 is None


def test_the_wire_services_name_for_the_sdf_is_the_sdf():
    e = _events("US-backed Syrian militias clashed with Islamic State fighters near Hajin.")[0]
    assert e.actor1 == "Syrian Democratic Forces"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The death toll of the shelling on the town rose to 9.", 9),
        ("Airstrikes raised to 12 the number of people killed in the village.", 12),
        # the wounded, a total over a period, a count of no dead: no toll
        ("Two were killed and the number of wounded rose to 30.", 2),
        ("The number of people killed since April rose to 140.", None),
        ("Rebels took a village, raising to 12 the number of villages they hold.", None),
    ],
)
def test_a_toll_told_as_risen_to_a_number(text, want):
    assert fatalities(text, "en") == want


# --------------------------------------------------------------------------- attacks on settlements


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gunmen on motorbikes attacked the village of Kuroma, killing 9 people.", "en"),
        ("Bandits raided a market near Tsafe and attacked a village, killing 4 people.", "en"),
        ("Gunmen attacked a village east of Kuroma, burned homes and killed 9 people.", "en"),
        ("هاجم مسلحون قرية كوروما وأحرقوا منازل وقتلوا تسعة أشخاص", "ar"),
    ],
)
def test_an_armed_group_attacking_a_village_attacks_civilians(text, lang):
    # no armed side is named, the village was what they attacked: ACLED's violence
    # against civilians (not a battle, not a riot), the homes burned part of the attack
    got = _events(text, lang)
    assert [e.sub_event_type for e in got] == ["Attack"]
    assert got[0].event_type == "Violence against civilians"
    assert got[0].actor1 == "Unidentified armed group"


@pytest.mark.parametrize(
    "text",
    [
        # the village is the scene of fighting, not what was attacked
        "Rebels launched a violent attack in a village north of Hama.",
        # an armed side named as the one attacked makes a battle
        "Islamic State fighters attacked the village of Kuroma held by the SDF, killing 9 people.",
        # fighters killed, not villagers
        "Gunmen attacked the village of Kuroma, killing 5 soldiers.",
    ],
)
def test_a_village_where_armed_sides_fight_stays_a_battle(text):
    got = _events(text)
    assert got and got[0].event_type == "Battles"


def test_the_words_of_who_acted_name_no_victims():
    # "gunmen" is an armed-victims word; as the attackers they say nothing of the victims
    got = _events("Gunmen attacked a wedding in Kuroma.")
    assert got and got[0].event_type == "Violence against civilians"


def test_gunmen_who_only_burn_homes_destroy_property():
    got = _events("Gunmen burned homes in the village of Kuroma.")
    assert got and got[0].sub_event_type == "Looting/property destruction"


def test_an_arabic_generic_actor_after_a_named_one_is_the_verbs_object():
    # "the RSF accused the army of shelling": the army shelled; the RSF only accused it
    # (where the head noun comes first, "X الجيش" is two noun phrases, not "X's army")
    text = "اندلعت اشتباكات في الخرطوم. واتهمت قوات الدعم السريع الجيش بقصف أحياء سكنية في أم درمان"
    got = _events(text, "ar")
    shelling = [e for e in got if e.event_type == "Explosions/Remote violence"]
    assert shelling and shelling[0].actor1 == "Sudan"
    assert shelling[0].actor1 != "Rapid Support Forces"


# --------------------------------------------------------------------------- the capital


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("Fighting raged across Sudan. Air strikes hit RSF positions in the north of the capital.",
         "Khartoum"),
        ("KHARTOUM (Reuters) - Air strikes hit RSF positions in the north of the capital.",
         "Khartoum"),
        ("Chad's army clashed with rebels in the east. Protesters rallied in the capital.",
         "N'Djamena"),
    ],
)
def test_the_capital_alone_is_the_capital_of_the_country_in_focus(text, capital):
    got = [e for e in _events(text) if e.event_type in ("Explosions/Remote violence", "Protests")]
    assert got and got[-1].place is not None and got[-1].place.name == capital
    assert got[-1].geo_precision == 2


def test_the_capital_of_a_country_is_no_bare_capital():
    got = _events("Fighting raged in Chad. Protesters rallied in the capital of Sudan.")
    protest = [e for e in got if e.event_type == "Protests"]
    assert protest and protest[0].place is not None and protest[0].place.country_code == "SD"


# --------------------------------------------------------------------------- what is to come


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Talks between the two sides will be held in Jeddah on 15 March.", "en"),
        ("The envoy said talks between the two sides would resume in Jeddah next week.", "en"),
        ("قال المبعوث إن المحادثات بين الطرفين ستستأنف في جدة الأسبوع المقبل", "ar"),
    ],
)
def test_an_event_dated_after_the_report_is_planned(text, lang):
    # the report is of 9 March; an event on the 15th, or next week, has not happened yet
    got = _events(text, lang)
    assert got and got[0].status == "planned"
    assert got[0].event_date > DAY


def test_an_event_dated_before_the_report_stays_reported():
    got = _events("Talks between the two sides were held in Jeddah on 5 March.")
    assert got and got[0].status == "reported" and got[0].event_date == dt.date(2021, 3, 5)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hundreds protested in Mukalla, blocking main roads with burning tyres.", "en"),
        ("وتظاهر مئات الأشخاص في المكلا وأغلقوا الطرق الرئيسية بالإطارات المشتعلة", "ar"),
        ("أشعل محتجون الإطارات في شوارع المكلا", "ar"),
    ],
)
def test_roads_blocked_with_burning_tyres_make_a_violent_demonstration(text, lang):
    # ACLED's codebook: road-blocking with burning tires is a violent demonstration
    got = _events(text, lang)
    assert got and got[0].sub_event_type == "Violent demonstration"


@pytest.mark.parametrize(
    ("text", "lang", "toll"),
    [
        # every word for the people a toll counts stands between the number and the verb
        ("Two guards were killed in the attack on the terminal.", "en", 2),
        ("Five students were killed when the school was shelled.", "en", 5),
        # the dual of a noun for people is a count of two
        ("قتل حارسان وأصيب خمسة عمال في هجوم على الميناء", "ar", 2),
    ],
)
def test_a_toll_counts_the_people_it_names(text, lang, toll):
    assert fatalities(text, lang) == toll


@pytest.mark.parametrize(
    "text",
    [
        "تجمع عشرات من أقارب الجنود المفقودين أمام مكتب الرئاسة في كييف للمطالبة بمعلومات عنهم",
        "احتشد آلاف في ساحة وسط بغداد رفضا للحكومة",
    ],
)
def test_an_arabic_crowd_that_gathered_to_demand_is_a_protest(text):
    got = _events(text, "ar")
    assert got and got[0].sub_event_type == "Peaceful protest"


@pytest.mark.parametrize(
    "text",
    [
        "تجمع المسلحون قرب البلدة",  # fighters gathered: no crowd, no demand
        "قال تجمع المهنيين إن العمل مستمر",  # "تجمع" a coalition's name
    ],
)
def test_an_arabic_gathering_without_a_crowd_is_no_protest(text):
    assert all(e.event_type != "Protests" for e in _events(text, "ar"))


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        # a model designation between the aircraft and its owner's adjective
        ("أعلنت خلية الإعلام الأمني مقتل ثلاثة عناصر من تنظيم داعش بضربة جوية نفذتها طائرات "
         "إف-16 العراقية جنوب كركوك.", "Iraq", "Islamic State"),
        ("قتل ثلاثة عناصر من تنظيم داعش بضربة جوية نفذتها طائرات عراقية جنوب كركوك.", "Iraq",
         "Islamic State"),
    ],
)
def test_the_aircrafts_owner_named_after_its_model_struck(text, actor1, actor2):
    (e,) = _events(text, "ar")
    assert (e.actor1, e.actor2) == (actor1, actor2)
