"""Events as coders code them (issue 13 items 4-7): the event's place and the country a
document is about, dates in the text and in the metadata, merging across documents, and
death tolls. Every sentence here was written for these tests, in English and Arabic."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.events.dates import event_date
from geomap.events.dedup import dedup
from geomap.events.extract import events_from_document
from geomap.events.fatalities import fatalities
from geomap.events.location import CountrySupport, document_country, local_country, water_spans
from geomap.geodesy import haversine_km
from geomap.gazetteer import default
from geomap.inputs.meta import parse_date, read_date
from geomap.records import Document, Event, Mention, Place, Resolved

DAY = dt.date(2020, 5, 20)
FIXTURES = Path(__file__).parent / "fixtures" / "eval" / "events"


def _events(text: str, lang: str = "en", date: dt.date | None = DAY) -> list[Event]:
    doc = Document(doc_id="t", text=text, source="t", date=date, language=lang)
    return events_from_document(doc)


def _first_place(text: str, lang: str = "en") -> Event:
    got = [e for e in _events(text, lang) if e.place is not None]
    assert got, f"no located event in {text!r}"
    return got[0]


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "lang", "town", "admin1"),
    [
        ("Gunmen attacked a police patrol in Celaya, Guanajuato, killing 2 officers.", "en",
         "Celaya", "Guanajuato"),
        ("Rioters set fire to a government building in Nasiriyah (Dhi Qar).", "en",
         "Nasiriyah", "Dhī Qār"),
        ("هاجم مسلحون دورية للشرطة في مدينة الناصرية بمحافظة ذي قار.", "ar", "Nasiriyah",
         "Dhī Qār"),
    ],
)
def test_town_then_region_names_the_town(text, lang, town, admin1):
    e = _first_place(text, lang)
    assert e.place.feature_class == "P" and e.place.name == town
    assert e.place.admin1_name == admin1
    assert e.geo_precision == 1


def test_a_municipality_read_for_its_town_is_the_town_unless_the_text_says_district():
    town = _first_place("Armed men kidnapped four people in Matamoros, Tamaulipas.")
    assert town.place.feature_class == "P" and town.geo_precision == 1
    district = _first_place("Government forces and rebels clashed in Sirwah district, Marib.")
    assert district.place.feature_code == "ADM2" and district.geo_precision == 2


@pytest.mark.parametrize(
    ("text", "lang", "region"),
    [
        # the only Taybah/الطيبة the gazetteer has lie in Israel and Jordan
        ("Warplanes struck the village of Taybah in the eastern countryside of Homs, in Homs "
         "province.", "en", "Homs"),
        ("قصفت الطائرات بلدة الطيبة في ريف درعا الشرقي.", "ar", "Daraa"),
        # its only Al Mansurah in Syria lies in Raqqa, not in Aleppo's countryside
        ("Warplanes struck the village of Al Mansurah in the western countryside of Aleppo.",
         "en", "Aleppo"),
        ("قصفت الطائرات قرية المنصورة في ريف حلب الغربي.", "ar", "Aleppo"),
    ],
)
def test_a_village_unknown_in_its_region_falls_back_to_the_region_not_a_town_elsewhere(
    text, lang, region
):
    e = _first_place(text, lang)
    assert e.place.country_code == "SY" and e.place.admin1_name == region
    assert e.geo_precision == 2 and " near " in e.location_reason


@pytest.mark.parametrize(
    ("text", "lang", "admin1"),
    [
        ("Warplanes struck the village of Al Mansurah in the western countryside of Raqqa.",
         "en", "Ar Raqqah"),
        ("قصفت الطائرات قرية المنصورة في ريف الرقة الغربي.", "ar", "Ar Raqqah"),
        ("An explosive device went off in Al Mansurah, Aden.", "en", "Aden"),
    ],
)
def test_the_region_picks_the_village_of_that_name_inside_it(text, lang, admin1):
    e = _first_place(text, lang)
    assert e.place.feature_class == "P" and e.place.admin1_name == admin1


@pytest.mark.parametrize(
    ("text", "lang", "cc", "admin1", "town"),
    [
        # names the packaged data lacks or spells otherwise (data/place_aliases.yaml)
        ("Israeli jets struck an army post in the Golan Heights.", "en", "SY", "Quneitra", None),
        ("Airstrikes hit several towns in the Eastern Ghouta on Monday.", "en", "SY",
         "Damascus Countryside", None),
        ("قصفت الطائرات مواقع في الغوطة الشرقية.", "ar", "SY", "Damascus Countryside", None),
        ("Militants attacked a Kurdish checkpoint in Kobani.", "en", "SY", None, "‘Ayn al ‘Arab"),
        ("Coalition jets bombed Houthi positions near Hodeidah.", "en", "YE", None,
         "Al Ḩudaydah"),
        ("A car bomb exploded in a market in Karrada, killing 9.", "en", "IQ", None, "Baghdad"),
        # regions: one inside a first-level unit is that unit, one across several its country
        ("Militiamen burned a village in Darfur, killing 12.", "en", "SD", None, None),
        ("اقتحم مسلحون قرية في دارفور وقتلوا ثلاثة.", "ar", "SD", None, None),
        ("Gunmen attacked a checkpoint in northern Sinai.", "en", "EG", None, None),
        ("Shelling hit several villages in the Donbas overnight.", "en", "UA", None, None),
        ("Artillery fire was reported along the front in Nagorno-Karabakh.", "en", "AZ", None,
         None),
        ("Militants blew up an oil pipeline in the Niger Delta.", "en", "NG", None, None),
        ("A rocket fell on an open field in the Negev.", "en", "IL", "Southern District", None),
    ],
)
def test_conflict_places_the_packaged_data_lacks(text, lang, cc, admin1, town):
    e = _first_place(text, lang)
    p = e.place
    assert p.country_code == cc
    assert admin1 is None or p.admin1_name == admin1
    assert town is None or p.name == town
    # a region mapped at its governorate is placed at the region's precision, not a town's
    assert (e.geo_precision == 3) == (town is None)


@pytest.mark.parametrize(
    ("text", "lang", "not_cc"),
    [
        ("Pirates kidnapped eight sailors from a tanker in the Gulf of Guinea.", "en", "GN"),
        ("خطف قراصنة ثمانية بحارة من ناقلة في خليج غينيا.", "ar", "GN"),
        ("The navy intercepted a fishing boat in the Bay of Bengal and arrested its crew.",
         "en", "IN"),
        ("Warships fired on a speedboat in the South China Sea.", "en", "CN"),
        ("Guards seized a tanker in the Persian Gulf on Friday.", "en", "PG"),
        ("Fishermen were shot dead on Lake Chad by suspected insurgents.", "en", "TD"),
        ("هاجم قراصنة سفينة تجارية في خليج عدن.", "ar", "YE"),
    ],
)
def test_a_water_body_names_no_country(text, lang, not_cc):
    events = _events(text, lang)
    assert events, f"no event in {text!r}"
    assert all(e.place is None or e.place.country_code != not_cc for e in events)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Pirates attacked a cargo ship in the Gulf of Guinea, the Nigerian navy said. "
         "Nigeria has struggled with piracy for years.", "en"),
        ("هاجم قراصنة سفينة شحن في خليج عدن. وتعاني الصومال من القرصنة منذ سنوات.", "ar"),
    ],
)
def test_an_event_at_sea_takes_no_country_from_the_document(text, lang):
    events = _events(text, lang)
    assert events, f"no event in {text!r}"
    assert events[0].place is None


@pytest.mark.parametrize(
    "text",
    [
        "The army launched an offensive in its Gulf war with Iraq, the ministry said.",
        "Soldiers killed ten militants in the Lake Chad Basin, officials in Nigeria said.",
    ],
)
def test_a_water_name_inside_another_name_puts_no_event_at_sea(text):
    events = [e for e in _events(text) if e.place is not None]
    assert events, f"no located event in {text!r}"


def test_an_event_naming_no_place_still_takes_the_document_country():
    events = _events("Pirates attacked a cargo ship on Monday, the Nigerian navy said. "
                     "Nigeria has struggled with piracy for years.")
    assert events[0].place is not None and events[0].place.country_code == "NG"


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        ("In Deir ez-Zor, fighters clashed with the army in the town of Hajin on Sunday.",
         "en", "Hajīn"),
        ("وفي دير الزور، اندلعت اشتباكات بين الفصائل في بلدة هجين.", "ar", "Hajīn"),
        ("In Aleppo province, warplanes struck the town of Atarib on Monday.", "en",
         "Al Atārib"),
    ],
)
def test_a_fronted_scene_gives_way_to_the_town_of_the_event_clause(text, lang, town):
    assert _first_place(text, lang).place.name == town


def test_a_fronted_scene_keeps_the_event_from_a_larger_place_of_its_clause():
    e = _first_place("In Peru, Bolivia and elsewhere in South America, activists say "
                     "prisoners were tortured.")
    assert e.place.is_country


def test_a_fronted_scene_still_places_an_event_whose_clause_names_none():
    e = _first_place("In Tunis, hundreds of students marched against the new law.")
    assert e.place.name == "Tunis"


@pytest.mark.parametrize(
    ("text", "lang", "precision"),
    [
        ("Warplanes bombed the western countryside of Idlib on Friday.", "en", 2),
        ("قصفت الطائرات الحربية ريف إدلب الجنوبي.", "ar", 2),
        ("Shelling hit residential areas in Deir Ezzor city.", "en", 1),
        # named alone, or near: ACLED's coders record the city that is its province's seat
        ("Government forces shelled Idlib on Friday.", "en", 1),
        # a spelling of the unit's name that is not the town's ("Dayr az Zawr")
        ("Government forces shelled Deir Ezzor on Friday.", "en", 1),
        ("قصفت قوات النظام إدلب صباح الجمعة.", "ar", 1),
        ("Clashes erupted near Idlib on Friday.", "en", 2),
    ],
)
def test_a_province_named_as_its_seat_or_countryside_is_placed_at_the_seat(text, lang, precision):
    e = _first_place(text, lang)
    assert e.place.feature_class == "P" and e.place.country_code == "SY"
    assert e.geo_precision == precision


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Clashes continued in Idlib province on Friday.", "en"),
        ("تواصلت الاشتباكات في محافظة إدلب.", "ar"),
        # a part of the province ("northern Idlib")
        ("تواصل القصف على شمال إدلب.", "ar"),
    ],
)
def test_a_province_named_as_one_or_by_a_part_stays_the_province(text, lang):
    e = _first_place(text, lang)
    assert e.place.feature_code == "ADM1" and e.geo_precision == 3


@pytest.mark.parametrize(
    "text",
    [
        "قتل مسلحان في اشتباكات اندلعت في منطقة تاجوراء شرق العاصمة طرابلس.",
        "A roadside bomb killed two soldiers in Tajoura east of Tripoli.",
    ],
)
def test_a_place_then_a_direction_of_a_larger_one_is_the_first_place(text):
    # "X east of the capital": the direction relates X to the capital, where it is not
    lang = "ar" if "ت" in text else "en"
    e = _first_place(text, lang)
    assert e.place.country_code == "LY" and e.place.population < 500_000
    assert e.geo_precision == 1


def test_a_town_or_unit_named_like_a_water_body_stays_a_place():
    assert water_spans("Gunmen shot two men in Lake Charles.", "en", default()) == []
    assert water_spans("Clashes broke out in Gulf Province.", "en") == []
    text = "Pirates hijacked a ship in the Gulf of Aden and the Red Sea, near the Gulf states."
    assert [text[a:b] for a, b in water_spans(text, "en")] == [
        "Gulf of Aden", "Red Sea", "Gulf"]


def test_an_actor_of_one_country_resolves_a_town_like_a_demonym():
    # Hays is a town in Kansas and one in Yemen; the Houthis are Yemeni
    e = _first_place("Houthi fighters shelled Hays on Monday, killing 3 civilians.")
    assert e.place.country_code == "YE" and "Houthis" in e.actors


def test_an_unknown_name_is_mapped_near_another_place_not_near_a_word_of_it():
    # "Ain" alone is a district of Yemen (and "Lima" a city in Peru); the name they make
    # is unknown, near Raqqa, named after it
    e = _first_place("Fighting broke out in the countryside of Ain Lima in Raqqa.")
    assert e.place.country_code == "SY" and e.geo_precision == 2
    assert e.location_reason.startswith("Ain Lima near")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Warplanes struck Al-Raqqah on Monday, killing four.", "en"),
        ("Clashes erupted in al-Raqqah city overnight.", "en"),
    ],
)
def test_an_arabic_article_before_a_known_town_is_that_town(text, lang):
    e = _first_place(text, lang)
    assert e.place.country_code == "SY" and e.place.feature_class == "P"
    assert e.place.admin1_name == "Ar Raqqah" and e.geo_precision == 1


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Iraqi troops clashed with militants in the Karrada district of Baghdad.", "en"),
        ("Protesters gathered in Baghdad's Karrada neighbourhood.", "en"),
        ("اشتبكت القوات العراقية مع مسلحين في حي الكرادة وسط بغداد.", "ar"),
    ],
)
def test_a_district_puts_the_event_at_its_city(text, lang):
    e = _first_place(text, lang)
    assert e.place.name == "Baghdad" and e.place.country_code == "IQ"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Five people were killed, including two children, in shelling on Aleppo.", "en"),
        ("قتل خمسة أشخاص، بينهم طفلان، في قصف على مدينة حلب.", "ar"),
    ],
)
def test_a_place_named_after_a_merged_trigger_places_the_event(text, lang):
    e = _first_place(text, lang)
    assert e.place.name == "Aleppo" and e.fatalities == 5


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Syrian warplanes bombed a field hospital.", "en"),
     ("قصفت الطائرات السورية مستشفى ميدانيا.", "ar")],
)
def test_a_document_naming_no_place_is_placed_in_the_country_it_is_about(text, lang):
    e = _first_place(text, lang)
    assert e.place.is_country and e.place.country_code == "SY"
    assert e.geo_precision == 3 and e.location_reason == "country fallback"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Houthi fighters shelled a market, killing 3 civilians.", "en"),
     ("قصف الحوثيون سوقا شعبيا ما أدى إلى مقتل ثلاثة مدنيين.", "ar")],
)
def test_a_document_naming_no_place_is_placed_in_the_country_of_its_actors(text, lang):
    e = _first_place(text, lang)
    assert e.place.is_country and e.place.country_code == "YE"
    assert e.geo_precision == 3 and e.location_reason == "country fallback"


def test_no_country_at_all_gives_no_place():
    assert all(e.place is None for e in _events("Warplanes bombed a field hospital."))


def _resolved(name: str, cc: str, gid: int, code: str = "PPL", at: int = 0) -> Resolved:
    cls = "A" if code.startswith("PCL") else "P"
    place = Place(gid, name, 0.0, 0.0, cc, feature_class=cls, feature_code=code)
    return Resolved(Mention(name, at, at + len(name), "en", name.lower()), place, 1.0, 1)


def test_a_stray_town_gives_way_to_the_country_the_document_is_about():
    myanmar = [_resolved("Myanmar", "MM", 1, "PCLI"), _resolved("Yangon", "MM", 2),
               _resolved("Mandalay", "MM", 3)]
    stray = _resolved("Kyi", "XX", 9)
    support = CountrySupport.of([*myanmar, stray, stray], {})
    assert support.focus == "MM"
    assert support.stray(stray.place)
    assert not support.stray(myanmar[1].place)  # a town of the focus country stays
    # a country the document names, or gives a demonym of, is no stray
    named = CountrySupport.of([*myanmar, stray, _resolved("Xland", "XX", 10, "PCLI")], {})
    assert not named.stray(stray.place)
    assert not CountrySupport.of([*myanmar, stray], {"XX": 1.0}).stray(stray.place)
    # too little said about the focus country: nothing is stray
    weak = CountrySupport.of([_resolved("Yangon", "MM", 2), stray], {})
    assert not weak.stray(stray.place)


def test_a_city_abroad_named_on_purpose_is_no_stray():
    text = (
        "Myanmar's military detained dozens of protesters in Yangon on Monday. "
        "Soldiers opened fire on demonstrators in Mandalay, killing 3 people. "
        "Rights groups protested in Geneva on Tuesday."
    )
    located = [e for e in _events(text) if e.place is not None]
    assert [e.place.country_code for e in located][-1] == "CH"
    big = _resolved("Geneva", "CH", 11)
    big = replace(big, place=replace(big.place, population=200_000))
    myanmar = [_resolved("Myanmar", "MM", 1, "PCLI"), _resolved("Yangon", "MM", 2)]
    assert not CountrySupport.of([*myanmar, big], {}).stray(big.place)


def _at(name: str, cc: str, gid: int, code: str = "PPL", at: int = 0) -> Resolved:
    """A place named at character ``at``."""
    cls = "A" if code.startswith("PCL") else "P"
    place = Place(gid, name, 0.0, 0.0, cc, feature_class=cls, feature_code=code)
    return Resolved(Mention(at, at + len(name), name, name.lower(), "en"), place, 1.0, 1)


def test_the_lead_outweighs_background_countries():
    # the title and the opening sentence name Cameroon; later paragraphs the NGO's seat
    lead = [_at("Cameroon", "CM", 1, "PCLI", at=10), _at("Yaounde", "CM", 2, at=40)]
    later = [_at("France", "FR", 3, "PCLI", at=900 + 50 * i) for i in range(4)]
    assert document_country([*lead, *later], lead_end=100).country_code == "CM"
    # without a lead, the most named country
    assert document_country([*lead, *later]).country_code == "FR"
    # a place counts once for its country however often it is named
    towns = [_at("Yaounde", "CM", 2, at=i) for i in range(200, 1000, 100)]
    assert document_country([_at("France", "FR", 3, "PCLI", at=150), *towns],
                            lead_end=100).country_code == "FR"
    # only a country the text names: its towns alone name none, and when they say most,
    # the events are not put in another country named in passing
    assert document_country(towns) is None
    many = [_at(f"Town{i}", "CM", 20 + i, at=200 + 10 * i) for i in range(5)]
    assert document_country([*many, _at("France", "FR", 3, "PCLI", at=1500)]) is None


def test_a_sentence_without_a_place_goes_on_about_the_place_before_it():
    text = (
        "Rights groups in Washington urged the United States to act. The United States "
        "said it would.\n\nIn Matamoros, migrants wait for months. Many were kidnapped by "
        "gangs. The United States did not answer.\n\nSeveral were beaten."
    )
    places = [
        _at("United States", "US", 1, "PCLI", at=text.index("United States")),
        _at("United States", "US", 1, "PCLI", at=text.index("The United States") + 4),
        _at("Matamoros", "MX", 5, at=text.index("Matamoros")),
        _at("United States", "US", 1, "PCLI", at=text.rindex("United States")),
    ]
    home = document_country(places)
    assert home.country_code == "US"
    mexico = Place(6, "Mexico", 23.0, -102.0, "MX", feature_class="A", feature_code="PCLI")

    class Gaz:  # the one country this test looks up
        @staticmethod
        def place(gid):
            return mexico

    def at(sentence):
        return local_country(places, text, text.index(sentence), home, Gaz()).country_code

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("geomap.events.location.country_place", lambda cc, gaz: gaz.place(cc))
        assert at("Many were kidnapped") == "MX"  # the paragraph is about Matamoros
        assert at("Several were beaten") == "US"  # a new paragraph names nothing before it
        assert at("Rights groups") == "US"
    # a document that names no country keeps its events without a place
    assert local_country(places[2:3], text, len(text) - 5, None, Gaz()) is None


def test_an_article_s_events_are_placed_in_the_country_of_its_lead():
    text = (
        "Journalist detained in Cameroon\n\n"
        "Police in Yaounde arrested a radio journalist on Monday, his lawyer said. He had "
        "reported on the conflict in the west of the country for ten years.\n\n"
        "He was beaten in custody, his family said.\n\n"
        "France, the United States and the United Kingdom have criticised such arrests. "
        "France called for his release. France has long ties with the country.\n\n"
        "He was charged with defamation."
    )
    located = [e for e in _events(text) if e.place is not None]
    assert located and all(e.place.country_code == "CM" for e in located[:2])
    assert located[-1].place.country_code == "CM"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Rebels shelled the airport in Hama; police arrested 3 protesters in Homs yesterday.",
         "en"),
        ("قصفت الفصائل مطار حماة; واعتقلت الشرطة ثلاثة متظاهرين في حمص أمس.", "ar"),
    ],
)
def test_a_date_after_a_semicolon_dates_only_its_own_clause(text, lang):
    events = _events(text, lang)
    assert len(events) >= 2, [e.trigger for e in events]
    assert (events[0].event_date, events[0].time_precision) == (DAY, 2)
    assert events[-1].event_date == DAY - dt.timedelta(days=1)


def test_a_date_before_a_semicolon_dates_the_clauses_after_it():
    events = _events("Yesterday rebels shelled the airport in Hama; police arrested 3 men in "
                     "Homs.")
    assert [e.event_date for e in events] == [DAY - dt.timedelta(days=1)] * len(events)
    assert len(events) == 2


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("On 4 May 2019, forces shelled the town.", "en", (dt.date(2019, 5, 4), 1)),
        ("Forces shelled the town on 2019-05-04.", "en", (dt.date(2019, 5, 4), 1)),
        ("In March 2016, forces shelled the town.", "en", (dt.date(2016, 3, 1), 3)),
        ("In 2016, forces shelled the town.", "en", (dt.date(2016, 1, 1), 3)),
        ("قصفت القوات البلدة يوم 4 أيار 2019", "ar", (dt.date(2019, 5, 4), 1)),
        ("قصفت القوات البلدة في آذار 2016", "ar", (dt.date(2016, 3, 1), 3)),
        ("قصفت القوات البلدة عام 2016", "ar", (dt.date(2016, 1, 1), 3)),
        # a period recalled is no date of the event
        ("Since March 2016, forces have shelled the town.", "en", (DAY, 2)),
        ("Forces shelled the town, the worst toll of 2016.", "en", (DAY, 2)),
        ("قصفت القوات البلدة منذ آذار 2016", "ar", (DAY, 2)),
        # the article's own month: its date, as vague as the text
        ("In May 2020, forces shelled the town.", "en", (DAY, 3)),
        # "overnight" in Arabic, and "منذ" (since) for "ago"
        ("اندلعت اشتباكات في المدينة خلال الليل", "ar", (DAY - dt.timedelta(days=1), 1)),
        ("Clashes erupted in the city overnight.", "en", (DAY - dt.timedelta(days=1), 1)),
        ("قصفت القوات البلدة منذ أيام", "ar", (DAY - dt.timedelta(days=3), 2)),
    ],
)
def test_the_text_date_wins_over_the_document_date(text, lang, want):
    assert event_date(text, DAY, lang) == want


def test_an_explicit_date_reaches_the_event_record():
    e = _events("On 4 May 2019, Syrian warplanes bombed Idlib.", date=DAY)[0]
    assert (e.event_date, e.time_precision) == (dt.date(2019, 5, 4), 1)
    vague = _events("In March 2016, Syrian warplanes bombed Idlib.", date=DAY)[0]
    assert (vague.event_date, vague.time_precision) == (dt.date(2016, 3, 1), 3)


def test_an_undated_wire_report_is_dated_by_its_dateline():
    text = (
        "KAFR NABL, Syria, 5 June 2023 - Syrian warplanes bombed the town on Sunday.\n\n"
        "Rebels shelled government positions near the town."
    )
    bombed, shelled = _events(text, date=None)
    assert (bombed.event_date, bombed.time_precision) == (dt.date(2023, 6, 4), 1)
    assert (shelled.event_date, shelled.time_precision) == (dt.date(2023, 6, 5), 2)
    # the date given with the document wins over the dateline's
    assert _events(text, date=DAY)[1].event_date == DAY
    # a dateline without a year dates nothing: the year would be a guess
    no_year = text.replace(", 5 June 2023 -", ", June 5 (Reuters) -")
    assert _events(no_year, date=None)[1].event_date is None


def test_a_dateline_day_a_little_before_the_documents_date_places_its_weekdays():
    # filed on Saturday 28 November, published on Monday the 30th: its "Thursday" is the
    # 26th, and an event it tells without a date happened by the day it was filed
    text = (
        "MOGADISHU, Nov 28 (Reuters) - Gunmen stormed a hotel in Mogadishu late on Thursday.\n\n"
        "Soldiers clashed with militants in Baidoa."
    )
    stormed, clashed = _events(text, date=dt.date(2026, 11, 30))
    assert (stormed.event_date, stormed.time_precision) == (dt.date(2026, 11, 26), 1)
    assert (clashed.event_date, clashed.time_precision) == (dt.date(2026, 11, 28), 2)
    # the dateline's day is the report's, not an event's: "Nov 28" dates no event
    no_day = text.replace(" late on Thursday", "")
    assert _events(no_day, date=dt.date(2026, 11, 30))[0].time_precision == 2
    # a later heading's other day is its event's
    update = text + "\n\nUPDATE, Nov 29: Troops clashed with militants in Kismayo."
    assert _events(update, date=dt.date(2026, 11, 30))[2].event_date == dt.date(2026, 11, 29)
    # a dateline after the document's date, or long before it, is not taken
    assert _events(text, date=dt.date(2026, 11, 27))[1].event_date == dt.date(2026, 11, 27)
    assert _events(text, date=dt.date(2027, 3, 1))[1].event_date == dt.date(2027, 3, 1)


def test_an_arabic_dateline_dates_the_report():
    text = "دمشق، 5 حزيران 2023 - قصفت الطائرات الحربية بلدة كفرنبل اليوم."
    assert _events(text, lang="ar", date=None)[0].event_date == dt.date(2023, 6, 5)


def test_a_named_weekday_dates_the_event_though_a_word_also_reads_as_today():
    # "يوم الاثنين" is "on Monday"; its "يوم" alone also matches "اليوم" (today)
    text = "قصفت الطائرات الحربية بلدة كفرنبل يوم الاثنين."
    tuesday = dt.date(2026, 11, 3)
    event = _events(text, lang="ar", date=tuesday)[0]
    assert (event.event_date, event.time_precision) == (dt.date(2026, 11, 2), 1)
    # the same day whichever way a report writes "today" beside its weekday
    same = _events("قصفت الطائرات الحربية بلدة كفرنبل اليوم الثلاثاء.", lang="ar", date=tuesday)
    assert same[0].event_date == tuesday


@pytest.mark.parametrize(
    ("value", "order", "want"),
    [
        ("9-May-20", "auto", dt.date(2020, 5, 9)),
        ("Sat, 09 May 2020 10:00:00 +0300", "auto", dt.date(2020, 5, 9)),
        ("4/5/17", "auto", None),
        ("4/5/17", "day-first", dt.date(2017, 5, 4)),
        ("4/5/17", "month-first", dt.date(2017, 4, 5)),
        ("4/5/2017", "day-first", dt.date(2017, 5, 4)),
        ("13/5/17", "auto", dt.date(2017, 5, 13)),
        ("4/5/99", "day-first", dt.date(1999, 5, 4)),
        ("31/4/17", "day-first", None),
    ],
)
def test_document_dates(value, order, want):
    assert parse_date(value, order) == want


def test_an_unknown_date_order_is_an_error():
    with pytest.raises(ValueError, match="day-first"):
        parse_date("4/5/17", "middle-first")


def test_an_unreadable_date_is_reported_and_the_document_kept_undated(caplog):
    with caplog.at_level(logging.WARNING, logger="geomap.inputs.meta"):
        assert read_date("4/5/17", "a.csv:2") is None
        assert read_date("", "a.csv:3") is None
    assert len(caplog.records) == 1
    msg = caplog.records[0].getMessage()
    assert "a.csv:2" in msg and "'4/5/17'" in msg and "--date-order" in msg


def test_cli_date_order_reads_numeric_dates(tmp_path):
    src = tmp_path / "news.csv"
    src.write_text(
        "date,text\n4/5/17,Syrian warplanes bombed Idlib.\n"
        "not a date,Syrian warplanes bombed Idlib.\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.geojson"
    res = CliRunner().invoke(
        main, ["extract", str(src), "--date-order", "day-first", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output

    dates = [f["properties"]["event_date"] for f in json.loads(out.read_text())["features"]]
    assert sorted(d or "" for d in dates) == ["", "2017-05-04"]
    bad = CliRunner().invoke(
        main, ["extract", str(src), "--date-order", "sideways", "-o", str(out)]
    )
    assert bad.exit_code != 0 and "day-first" in bad.output


# --------------------------------------------------------------------------- merging


def _report(doc: str, place: Place | None, **kw) -> Event:
    base = dict(
        event_id=f"e-{doc}", event_type="Battles", sub_event_type="Armed clash",
        plover_code="FIGHT", status="reported", actor1="Army", actor2=None, actors=("Army",),
        sentence="s", trigger="clashed", language="en", source=doc, doc_id=doc, title="",
        event_date=DAY, time_precision=1, place=place, mention=None, geo_precision=1,
        location_reason="in-sentence place", sources=(doc,),
    )
    base.update(kw)
    return Event(**base)


TOWN = Place(1, "Town", 33.50, 36.30, "SY")
NEAR = Place(2, "Suburb", 33.52, 36.32, "SY")  # about 3 km away
FAR = Place(3, "Other town", 34.00, 36.80, "SY")  # about 70 km away


@pytest.mark.parametrize(
    ("b", "merged"),
    [
        (_report("b", NEAR), True),
        (_report("b", NEAR, sub_event_type="Attack"), False),  # another type
        (_report("b", NEAR, actor1="Rebels", actors=("Rebels",)), False),  # no actor shared
        (_report("b", NEAR, actor1=None, actors=()), True),  # one names none
        (_report("b", FAR), False),  # a place more than a few km away
        (_report("b", NEAR, event_date=DAY + dt.timedelta(days=1)), True),  # a day apart
        (_report("b", NEAR, event_date=DAY + dt.timedelta(days=3)), False),
        (_report("b", NEAR, event_date=None, time_precision=None), False),  # undated
        (_report("b", NEAR, geo_precision=3), False),  # a region is too coarse
    ],
)
def test_reports_of_two_documents_merge_only_where_coders_would(b, merged):
    got = dedup([_report("a", TOWN), b])
    assert len(got) == (1 if merged else 2)
    assert {s for e in got for s in e.sources} == {"a", "b"}  # every source kept


def test_a_merged_event_keeps_the_earlier_of_two_exact_dates():
    # the later report is the better one (it names both sides): its date still gives way
    later = _report("b", NEAR, event_date=DAY + dt.timedelta(days=1), actor2="Rebels",
                    actors=("Army", "Rebels"))
    for pair in ([_report("a", TOWN), later], [later, _report("a", TOWN)]):
        assert [e.event_date for e in dedup(pair)] == [DAY]
    # a more precise date still wins over an earlier vaguer one
    vague = _report("a", TOWN, time_precision=2)
    assert [e.event_date for e in dedup([vague, later])] == [later.event_date]


def test_an_undated_retelling_right_after_a_report_is_the_same_event(gazetteer):
    # "No one claimed the blast": the sentence writes no day (the report's own is taken)
    # and no place, and tells the bombing of the sentence before it, dated Thursday
    text = ("KABUL, Nov 28 (AP) - A roadside bomb struck a minibus in Helmand province on "
            "Thursday, killing six passengers. No one claimed the blast.")
    doc = Document(doc_id="t", text=text, date=dt.date(2026, 11, 28), language="en")
    got = dedup(events_from_document(doc, gazetteer=gazetteer))
    assert [(e.event_date, e.fatalities) for e in got] == [(dt.date(2026, 11, 26), 6)]
    # undated reports far apart in one document are not known to be one event
    far = _report("a", TOWN, time_precision=2, event_date=DAY + dt.timedelta(days=3),
                  start=2000)
    assert len(dedup([_report("a", TOWN), far])) == 2
    assert len(dedup([_report("a", TOWN), replace(far, start=100)])) == 1


def test_a_merged_event_keeps_the_lower_stated_toll():
    one = dedup([_report("a", TOWN, fatalities=12), _report("b", NEAR, fatalities=9)])
    assert [e.fatalities for e in one] == [9]
    told = dedup([_report("a", TOWN), _report("b", NEAR, fatalities=4)])
    assert [e.fatalities for e in told] == [4]
    assert dedup([replace(_report("a", TOWN), fatalities=None)])[0].fatalities is None


# --------------------------------------------------------------------------- fatalities


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("Government warplanes killed 5 civilians in the market.", "en", 5),
        ("At least 20 dead after the car bomb.", "en", 20),
        ("Herdsmen killed between 12 and 15 villagers.", "en", 12),
        ("24 IS operatives were killed, including 3 commanders.", "en", 24),
        ("5 Houthi fighters died in the clashes.", "en", 5),
        ("The strike wounded 9 people.", "en", None),
        ("Three rockets hit the base; no casualties were reported.", "en", 0),
        ("قتل خمسة مدنيين في القصف.", "ar", 5),
        # groups of people joined by "and" add up; not a range, not the wounded
        ("The blast killed 4 civilians and a child.", "en", 5),
        ("An airstrike killed a woman and her son.", "en", 2),
        # one person described by several words, then more people, also "of his" people
        ("A roadside bomb killed a district police chief and two guards.", "en", 3),
        ("The drone killed a senior rebel commander and three of his bodyguards.", "en", 4),
        ("A car bomb killed an off-duty officer and a child.", "en", 2),
        # a country's people counted by their demonym, in Arabic also in the accusative
        ("The ministry said 17 Palestinians were killed in the strike.", "en", 17),
        ("قالت الوزارة إن 17 فلسطينيا قتلوا في القصف.", "ar", 17),
        ("قتل ثلاثة سوريين في الغارة.", "ar", 3),
        # a demonym is no head noun a count's name is skipped to
        ("Shelling wounded three, reports; one Turkish soldier was killed.", "en", 1),
        ("7 soldiers and 3 civilians were killed, and 9 wounded.", "en", 10),
        ("The raid killed 12 soldiers and 3 civilians were wounded.", "en", 12),
        ("قتل أربعة مدنيين وطفل في الغارة.", "ar", 5),
        ("قتل 4 مدنيين و3 أطفال في الغارة.", "ar", 7),
        ("قتل خمسة مدنيين بينهم طفلان في القصف.", "ar", 5),
        ("قتل ما بين 12 و15 شخصا في الهجوم.", "ar", 12),
        ("سقطت قذائف على البلدة دون وقوع إصابات.", "ar", 0),
        ("أصيب سبعة أشخاص في الانفجار.", "ar", None),
        # the dual of a noun for people counts two; a plural that looks like a dual does not
        ("قتل طفلان وأصيب ثلاثة مدنيين في قصف على الحي.", "ar", 2),
        ("قتل مدنيان في غارة على السوق.", "ar", 2),
        ("أصيب طفلان بجروح في القصف.", "ar", None),
        # so does the dual of any noun for one person (dual_stems), feminine ones in "تان"
        ("قتل مزارعان وأصيب ثالث بانفجار عبوة ناسفة.", "ar", 2),
        ("قتلت طفلتان في القصف على الحي.", "ar", 2),
        ("أسفر القصف عن مقتل مقاتلين من الفصائل.", "ar", None),
        # the verb with its subject's gender or number ("the militia killed", "they killed")
        ("اقتحمت الميليشيا القرية وقتلت ثمانية أشخاص.", "ar", 8),
        ("هاجم المسلحون الحافلة وقتلوا أربعة ركاب.", "ar", 4),
        # "ف" (so, and then) glued to the killing verb as "و" is
        ("أطلق جنود النار على المتظاهرين في البصرة فقتلوا اثنين منهم.", "ar", 2),
        # the means that killed, as the verb's subject before its object; a count before
        # the verb counts the strikes, not the dead
        ("قتلت غارة جوية ستة أشخاص في السوق.", "ar", 6),
        ("قتل انفجار سيارة مفخخة 7 أشخاص قرب المسجد.", "ar", 7),
        ("شنت الطائرات 20 غارة جوية قتلت 5 مدنيين.", "ar", 5),
        ("شنت الطائرات 20 غارة جوية قتلت مدنيين.", "ar", None),
        # a word that starts with the letter of a glued "and"/"so" is not split ("فيها", in
        # it; "وفاة", death); a count joined by "and" may be qualified
        ("اندلعت معارك قتل فيها تسعة جنود و20 مسلحا على الأقل.", "ar", 29),
        ("سجلت وفاة خمسة مدنيين في المخيم.", "ar", 5),
        ("قتل 9 جنود وأكثر من 20 مسلحا في الهجوم.", "ar", 29),
        ("مقتل عضوين في الحزب بغارة.", "ar", 2),
        # a dual after "and" counts two more
        ("انفجرت عبوة بدورية ما أسفر عن مقتل ضابط وجنديين.", "ar", 3),
        # kin with a possessive ending after "and" is one more person
        ("قتل قناص امرأة وابنتها في الحي.", "ar", 2),
        # a year is no toll
        ("More than 3,000 people were killed in 2016 alone.", "en", 3000),
        ("Many were killed in 2016.", "en", None),
        ("Gunmen killed 4 villagers, the worst attack since 2014.", "en", 4),
        ("قتل في عام 2016 أكثر من ألف شخص.", "ar", None),
    ],
)
def test_fatalities(text, lang, want):
    assert fatalities(text, lang) == want


def test_a_part_of_a_toll_counts_only_when_no_whole_toll_is_stated():
    assert fatalities("Including 2 children killed in the raid.", "en") == 2


# --------------------------------------------------------------------------- the fixture


def test_acled_style_descriptions_of_many_countries_are_placed_near_the_coders_point():
    """tests/fixtures/eval/events/acled_world.csv: descriptions written for geomap in
    ACLED's manner (Syria, Iraq, Yemen, Nigeria, India, Ukraine, Mexico)."""
    from geomap.evaluation.event_scoring import eval_events

    got = eval_events(str(FIXTURES / "acled_world.csv"), "acled")
    assert got["documents"] == 39
    assert got["with_event"] >= 0.92
    assert got["within_25_first"] >= 0.85
    assert got["country_match_top"] >= 0.95
    assert got["date_accuracy"] >= 0.95


def test_fatalities_are_also_scored_over_the_documents_that_state_a_toll():
    from geomap.evaluation import event_readers as er
    from geomap.evaluation import event_scoring as es

    gold = list(er.read_ucdp(FIXTURES / "ucdp.csv"))
    assert gold[0].fatalities == 4
    stated = {gold[0].text: [_report("a", TOWN, fatalities=4)], gold[1].text: [_report("b", TOWN)]}
    system = es.EventSystem("fixed", lambda doc: stated.get(doc.text, []))
    out = es.score_events(gold, system, "ucdp")
    assert out["fatalities_exact"] == 0.5  # the second document states none
    assert out["fatalities_exact_stated"] == 1.0


def test_an_event_stating_no_toll_matches_a_coders_zero_not_a_coded_toll():
    from dataclasses import replace

    from geomap.evaluation import event_readers as er
    from geomap.evaluation import event_scoring as es

    gold = list(er.read_ucdp(FIXTURES / "ucdp.csv"))[:2]
    gold = [replace(gold[0], fatalities=0), replace(gold[1], fatalities=3)]
    told = {g.text: [_report(str(i), TOWN)] for i, g in enumerate(gold)}
    out = es.score_events(gold, es.EventSystem("fixed", lambda doc: told.get(doc.text, [])), "ucdp")
    # ACLED and UCDP code an event whose reports state no toll as 0
    assert out["fatalities_exact"] == 0.5
    # no event at all is no answer
    none = es.score_events(gold[:1], es.EventSystem("none", lambda doc: []), "ucdp")
    assert none["fatalities_exact"] == 0.0


def test_an_event_naming_no_place_happens_at_the_scene_of_the_sentence_before():
    text = ("Syrian warplanes bombed the town of Maarat al-Numan on Monday. "
            "Rebels shelled government positions in response.")
    bombed, shelled = _events(text)
    assert shelled.place is not None and shelled.place.geonameid == bombed.place.geonameid
    assert shelled.location_reason == "scene of the sentence before"
    assert (shelled.event_date, shelled.time_precision) == (bombed.event_date, 1)


@pytest.mark.parametrize(
    "text",
    [
        # a new paragraph
        "Syrian warplanes bombed the town of Maarat al-Numan.\n\n"
        "Rebels shelled government positions.",
        # a word that changes the scene
        "Syrian warplanes bombed the town of Maarat al-Numan. Elsewhere, rebels shelled "
        "government positions.",
        # a sentence between them
        "Syrian warplanes bombed the town of Maarat al-Numan. The monitor gave no toll. "
        "Rebels shelled government positions.",
    ],
)
def test_the_scene_does_not_carry_over_a_break(text):
    shelled = _events(text)[-1]
    assert shelled.location_reason != "scene of the sentence before"


def test_an_arabic_sentence_takes_the_scene_of_the_one_before_unless_it_changes_it():
    text = "قصفت الطائرات الحربية بلدة كفرنبل. واستهدفت الفصائل مواقع قوات النظام بالصواريخ."
    first, second = _events(text, lang="ar")
    assert second.place is not None and second.place.geonameid == first.place.geonameid
    moved = text.replace("واستهدفت", "وفي سياق آخر، استهدفت")
    assert _events(moved, lang="ar")[-1].location_reason != "scene of the sentence before"


def test_a_demonstration_told_over_two_sentences_is_one_event_of_what_it_became():
    text = ("Hundreds of protesters gathered outside the parliament in Amman on Sunday. "
            "Police fired tear gas after demonstrators threw stones.")
    (riot,) = _events(text)
    assert (riot.event_type, riot.sub_event_type) == ("Riots", "Violent demonstration")
    assert riot.place is not None and riot.place.name.startswith("Amman")
    assert riot.location_reason == "in-sentence place"
    # two demonstrations in two towns stay two
    apart = text.replace("Police fired", "In Zarqa, police fired")
    assert len(_events(apart)) == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Police arrested dozens of students during a sit-in outside the ministry in Khartoum.",
         "en"),
        ("اعتقلت الشرطة عشرات الطلاب خلال اعتصام أمام الوزارة في الخرطوم.", "ar"),
    ],
)
def test_arrests_at_a_demonstration_are_the_authorities_intervening_in_it(text, lang):
    (ev,) = _events(text, lang)
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Protest with intervention")
    assert (ev.actor1, ev.actor2) == ("Protesters", "Sudan")


def test_arrests_without_a_demonstration_stay_arrests():
    (ev,) = _events("Police arrested three men suspected of smuggling weapons in Amman.")
    assert ev.sub_event_type == "Arrests"


def test_a_fight_told_over_two_sentences_is_one_clash_of_both_sides():
    text = ("Rapid Support Forces fighters attacked the city of El Fasher on Monday. "
            "Fighting with the Sudanese army killed at least 27 people.")
    (ev,) = _events(text)
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Armed clash", "Rapid Support Forces", "Sudan")
    assert ev.fatalities == 27 and ev.place is not None


@pytest.mark.parametrize(
    "text",
    [
        "انفجرت عبوة ناسفة بدورية للجيش العراقي قرب مدينة تكريت.",
        "انفجرت عبوة ناسفة بدورية الجيش العراقي قرب مدينة تكريت.",
    ],
)
def test_an_arabic_thing_attacked_after_a_clitic_preposition_names_the_target(text):
    (ev,) = _events(text, lang="ar")
    assert (ev.actor1, ev.actor2) == ("Unidentified armed group", "Iraq")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gunmen killed a local official in the village of Kafr Takharim.", "en"),
        ("Gunmen assassinated a judge in the town of Saraqib.", "en"),
        ("اغتال مسلحون قاضيا في مدينة سراقب.", "ar"),
    ],
)
def test_killing_an_unarmed_public_figure_is_violence_against_civilians(text, lang):
    ev = _events(text, lang)[0]
    assert (ev.event_type, ev.actor2) == ("Violence against civilians", "Civilians")
    assert ev.fatalities == 1


def test_an_official_of_an_armed_group_is_no_civilian():
    ev = _events("Unknown gunmen killed a financial official of the Islamic State in Raqqa.")[0]
    assert ev.event_type != "Violence against civilians"


@pytest.mark.parametrize(
    ("text", "lang", "toll"),
    [
        ("Houthi forces shelled government positions in Marib, killing two soldiers.", "en", 2),
        ("قصفت جماعة الحوثي مواقع للقوات الحكومية في مأرب، وقالت مصادر إن جنديين قتلا.", "ar", 2),
    ],
)
def test_the_government_owning_what_was_hit_is_actor2(text, lang, toll):
    ev = _events(text, lang)[0]
    assert (ev.actor1, ev.actor2, ev.fatalities) == ("Houthis", "Yemen", toll)


def test_an_arabic_leader_in_a_force_killed_is_of_that_force_and_counts_one():
    text = ("استهدفت غارة لطائرة مسيرة تركية سيارة في القامشلي، ما أسفر عن مقتل قيادي في "
            "قوات سوريا الديمقراطية.")
    ev = _events(text, lang="ar")[0]
    assert (ev.actor1, ev.actor2, ev.fatalities) == ("Turkey", "Syrian Democratic Forces", 1)


@pytest.mark.parametrize(
    ("text", "town", "country"),
    [
        # a town whose English name is also a small town abroad (Palmyra, Pennsylvania)
        ("Regime forces shelled the outskirts of Palmyra on Tuesday, killing two civilians.",
         "Tadmur", "SY"),
        # a town the text writes in a spelling of its own and names no other place
        ("Regime helicopters dropped barrel bombs on Shekh Meskin overnight.",
         "Shaykh Miskīn", "SY"),
        ("Pro-regime militias stormed Khan Shekhon at dawn.", "Khān Shaykhūn", "SY"),
    ],
)
def test_regime_forces_say_which_country_the_towns_are_in(text, town, country):
    e = _first_place(text)
    assert (e.place.name, e.place.country_code) == (town, country)
    assert e.actor1 == "Syria"


def test_regime_forces_of_a_named_state_say_nothing_of_syria():
    # "Iraqi regime forces": the regime is Iraq's, no evidence of Syria
    from geomap.events.actors import default_book
    from geomap.events.document import EventDoc
    from geomap.events.extract import _country_evidence
    from geomap.text.view import TextView

    text = "Iraqi regime forces shelled a village on Monday."
    d = EventDoc(TextView.of(text, "en"), default_book())
    assert "SY" not in _country_evidence(d)
    bare = EventDoc(TextView.of("Regime forces shelled a village on Monday.", "en"), default_book())
    assert _country_evidence(bare)["SY"] == 1


@pytest.mark.parametrize(
    ("text", "lang", "dead"),
    [
        ("Security forces opened fire on demonstrators in Mosul on Sunday, killing four.", "en", 4),
        ("Police fired live ammunition at protesters in Omdurman, killing two people.", "en", 2),
        ("أطلقت قوات الأمن النار على المتظاهرين في مدينة الموصل، ما أدى إلى مقتل أربعة.", "ar", 4),
    ],
)
def test_lethal_force_against_protesters_is_coded_with_its_dead(text, lang, dead):
    e = _first_place(text, lang)
    assert e.event_type == "Protests"
    assert e.sub_event_type == "Excessive force against protesters"
    assert e.fatalities == dead


def test_a_riot_counts_its_dead():
    e = _first_place(
        "Rioters set fire to the governor's office in Mombasa; three people were killed."
    )
    assert e.event_type == "Riots" and e.fatalities == 3


@pytest.mark.parametrize(
    "text",
    [
        "Government artillery shelled villages in the eastern countryside of Damascus on Monday.",
        "Two fighters were killed in clashes in Reef Dimashq overnight.",
        "Regime forces shelled farms in the Damascus countryside, killing a shepherd.",
    ],
)
def test_the_countryside_of_a_city_that_is_a_unit_of_its_own_is_placed_in_that_unit(text):
    # Rif Dimashq surrounds Damascus, a governorate of its own: near the city, in the unit
    # (its eastern countryside some way east of it, tests/test_event_place_told.py)
    e = _first_place(text)
    assert e.place.admin1_name == "Damascus Countryside"
    assert e.geo_precision == 2
    assert haversine_km(e.place.lat, e.place.lon, 33.51, 36.29) <= 25


def test_the_outskirts_of_a_city_stay_in_its_unit():
    e = _first_place("Mortar shells hit the southern outskirts of Damascus on Friday.")
    assert e.place.admin1_name != "Damascus Countryside"


def test_a_protest_demanding_the_fall_of_the_regime_is_a_protest():
    events = _events("تظاهر مئات الطلاب في مدينة حمص للمطالبة بإسقاط الحكومة يوم السبت.", "ar")
    assert [e.event_type for e in events] == ["Protests"]
    # the demonstrators named as a noun open the protest too, as "protesters" does
    got = _events("خرج آلاف المتظاهرين في شوارع مدينة الحلة يوم الجمعة.", "ar")
    assert [e.event_type for e in got] == ["Protests"]


def test_a_square_named_after_liberation_is_no_capture_of_territory():
    events = _events("اعتصم العشرات في ساحة التحرير وسط بغداد يوم الأحد.", "ar")
    assert {e.event_type for e in events} == {"Protests"}


@pytest.mark.parametrize(
    "text",
    [
        "Israeli air strikes on the Jabalia refugee camp in northern Gaza killed 15 people.",
        "Shells hit the Yarmouk refugee camp in southern Damascus.",
    ],
)
def test_a_camp_named_with_a_kind_of_two_words_is_the_place_not_its_city(text):
    e = _first_place(text)
    assert e.geo_precision == 1 and e.place.name not in ("Gaza", "Damascus")


@pytest.mark.parametrize(
    "text",
    [
        "Warplanes struck Madan, east of Raqqa, on Tuesday, killing a farmer.",
        "Artillery shelled the town of Madan east of al-Raqqa overnight.",
    ],
)
def test_a_town_east_of_a_city_is_placed_in_that_citys_region(text):
    # "Madan" is a town in Bulgaria too: the direction from Raqqa says which one is meant
    e = _first_place(text)
    assert e.place.country_code == "SY"
    assert e.place.admin1_name == "Ar Raqqah"
    assert e.place.lat == pytest.approx(35.9, abs=0.3)


def test_a_town_far_in_the_direction_of_a_city_stays_itself():
    # Palmyra lies some 150 km east of Homs: still the town named, not Homs
    e = _first_place("Heavy clashes erupted in Palmyra east of Homs on Sunday.")
    assert e.place.name == "Tadmur" and e.geo_precision == 1


def test_a_name_read_for_a_namesake_abroad_is_placed_near_the_documents_places():
    # "Wadi" is a town in India; nothing else in the text speaks of India, and the valley
    # lies beside the Ghouta: the event is near the place of the sentence in Syria
    text = ("Regime forces shelled the Eastern Ghouta on Sunday and clashes went on in "
            "Wadi Barada.")
    got = [e for e in _events(text) if e.place is not None]
    assert got and all(e.place.country_code == "SY" for e in got)


def test_a_city_abroad_named_on_purpose_stays():
    # a large city abroad is no misread name: "protesters rallied in Geneva"
    e = _first_place("Protesters rallied in Geneva on Friday against the shelling of Aleppo.")
    assert e.place.country_code == "CH"


def test_a_town_is_not_moved_next_to_a_country_named_as_a_patron():
    # Turkey backs the fighters; the shelling is at Afrin, in Syria
    e = _first_place("Fighters backed by Turkey shelled villages near Afrin, killing two.")
    assert e.place.country_code == "SY"


@pytest.mark.parametrize(
    "text",
    [
        "Regime forces shelled Hajin on Monday. Five militiamen loyal to Iran were killed in a "
        "new attack overnight.",
        "Coalition aircraft bombed Hajin on Monday. Twelve civilians died in US-led strikes "
        "overnight.",
    ],
)
def test_a_country_named_as_the_patron_of_an_armed_side_is_not_the_place(text):
    # "loyal to Iran", "US-led": whose side, not where; the scene is the town before
    got = [e for e in _events(text) if e.place is not None]
    assert len(got) == 2 and all(e.place.name == "Hajīn" for e in got)
