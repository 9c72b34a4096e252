"""Where an event happened when a name has namesakes (issue 13): the territories a state's
forces hold count as its actors' context, and regions of a war inside one governorate have
their own points. Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events.dedup import dedup
from geomap.events.extract import events_from_document
from geomap.events.location import held_by, with_territories
from geomap.geodesy import haversine_km
from geomap.geoparse import geoparse
from geomap.records import Document, Event

DAY = dt.date(2022, 5, 4)


def _first_place(text: str, lang: str = "en") -> Event:
    events = events_from_document(Document(doc_id="t", text=text, source="t", date=DAY,
                                           language=lang))
    located = [e for e in events if e.place is not None]
    assert located, f"no located event in {text!r}"
    return located[0]


# --------------------------------------------------------------- held territories


def test_a_country_is_evidence_of_the_territories_it_holds_at_a_share_of_its_weight():
    got = with_territories({"IL": 2.0, "FR": 1.0})
    assert got["IL"] == 2.0 and got["FR"] == 1.0
    assert 0 < got["PS"] < got["IL"]
    assert "PS" in held_by(frozenset({"IL"}))
    assert not held_by(frozenset({"FR"}))


def test_a_territory_already_in_the_evidence_keeps_its_own_weight():
    assert with_territories({"IL": 2.0, "PS": 3.0})["PS"] == 3.0


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the Israeli army's raid is in the West Bank: not a namesake in Israel or Poland
        ("Israeli troops stormed Jenin before dawn and detained four young men.", "en"),
        ("داهمت قوات الجيش الإسرائيلي مدينة جنين فجر اليوم واعتقلت أربعة شبان", "ar"),
        ("قصفت طائرة مسيرة إسرائيلية منزلا في مخيم جنين", "ar"),
    ],
)
def test_an_israeli_actors_town_in_the_occupied_territories_is_there(text, lang):
    e = _first_place(text, lang)
    assert e.place.country_code == "PS"
    assert haversine_km(e.place.lat, e.place.lon, 32.46, 35.30) < 10


def test_a_town_of_the_occupiers_own_stays_at_home():
    e = _first_place("Israeli police arrested two men after a stabbing in Haifa.")
    assert e.place.country_code == "IL"


# --------------------------------------------------------------- regions of a war


@pytest.mark.parametrize(
    ("text", "lang", "point", "admin1"),
    [
        # the Ghouta's own point, not Rif Dimashq's 50 km out in the desert
        ("Artillery pounded towns of the Eastern Ghouta overnight, killing seven.", "en",
         (33.55, 36.40), "Damascus Countryside"),
        ("قتل ثلاثة مدنيين بقصف مدفعي على الغوطة الشرقية", "ar", (33.55, 36.40),
         "Damascus Countryside"),
        ("Fighting raged in Wadi Barada as government troops pushed toward the springs.",
         "en", (33.63, 36.15), "Damascus Countryside"),
        ("Helicopters dropped barrel bombs on villages of the Ghab Plain.", "en",
         (35.60, 36.35), "Hama"),
        ("Jets struck militant positions in the Yarmouk Basin, killing nine.", "en",
         (32.75, 35.88), "Daraa"),
    ],
)
def test_a_region_of_the_war_has_its_own_point_and_governorate(text, lang, point, admin1):
    e = _first_place(text, lang)
    assert e.place.country_code == "SY" and e.place.admin1_name == admin1
    assert haversine_km(e.place.lat, e.place.lon, *point) < 15


def test_the_yarmouk_camp_of_damascus_is_not_the_yarmouk_basin():
    e = _first_place("Mortar rounds fell on the Yarmouk camp in southern Damascus.")
    assert e.place.admin1_name == "Dimashq"


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # spellings conflict news uses for towns the packaged data spells otherwise
        ("Coalition jets struck a bridge in Tabaqa, killing two.", "Ar Raqqah"),
        ("Gunmen ambushed a patrol near al-Bokamal on the Iraqi border.", "Dayr az Zawr"),
        ("Shells fell on Arbeen and its farms, wounding five.", "Damascus Countryside"),
    ],
)
def test_towns_of_the_war_in_their_news_spellings(text, admin1):
    e = _first_place(text)
    assert e.place.country_code == "SY" and e.place.admin1_name == admin1
    assert e.place.feature_class == "P"


@pytest.mark.parametrize(
    ("text", "cc"),
    [
        # the famous namesake, filed in GeoNames under another spelling, is meant ...
        ("Militants shelled army posts around Palmyra at dawn.", "SY"),
        ("Gunmen opened fire on a patrol in Jenin, wounding one.", "PS"),
        # ... unless the text says which
        ("A water main burst in Palmyra, Pennsylvania, flooding two streets.", "US"),
    ],
)
def test_a_news_name_among_namesakes_is_the_famous_one_unless_the_text_says(text, cc):
    got = [r.place.country_code for r in geoparse(text, "en") if r.place is not None]
    assert got and got[0] == cc


def test_the_golan_alone_is_the_golan_heights():
    e = _first_place("Jets struck a post near the border with the occupied Golan.")
    assert e.place.country_code == "SY" and e.place.admin1_name == "Quneitra"


@pytest.mark.parametrize(
    "text",
    ["Shelling on the besieged Ghouta killed four civilians.", "قتل أربعة مدنيين بقصف على الغوطة"],
)
def test_the_ghouta_alone_is_the_eastern_ghouta(text):
    lang = "ar" if text[0] > "\u0600" else "en"
    e = _first_place(text, lang)
    assert e.place.admin1_name == "Damascus Countryside"
    assert haversine_km(e.place.lat, e.place.lon, 33.55, 36.40) < 15


def test_a_town_given_no_population_is_not_outranked_by_a_namesake_listing_its_name():
    # Jericho lists "Ariha" among its names; Ariha of Idlib has its census population
    e = _first_place("Barrel bombs fell on Ariha overnight, killing a family of five.")
    assert e.place.country_code == "SY" and e.place.admin1_name == "Idlib"


def test_a_town_and_its_region_in_brackets_name_the_district(gazetteer):
    # "X (Y, Z)": Y is the district's seat, Z its governorate (ACLED's notes and news
    # write it so): a village known by another spelling far away ("Kabani", Kobani in
    # Aleppo) is not taken there but mapped near the district's seat
    doc = Document(doc_id="t", text="Regime forces shelled positions near Kabani (Jisr "
                   "al-Shughur, Idlib) on Monday.", date=dt.date(2020, 7, 28), language="en")
    evs = dedup(events_from_document(doc, gazetteer=gazetteer))
    assert evs[0].place is not None and evs[0].place.admin1_name == "Idlib"
    # one name alone in brackets may be the region named after its city: "(Kharkiv)"
    doc = Document(doc_id="t", text="Ukrainian forces clashed with Russian troops in "
                   "Balakliia (Kharkiv) on Monday.", date=dt.date(2022, 9, 5), language="en")
    evs = dedup(events_from_document(doc, gazetteer=gazetteer))
    assert evs[0].place is not None and evs[0].place.name.startswith("Balakl")


# --------------------------------------------------------------- near a town

def test_a_village_near_a_town_is_its_namesake_near_that_town():
    # a name many villages bear (Novoselivka): the one a short drive from the town it is
    # said to lie near, not the one the document's earlier place (Odesa) is near
    text = ("Russian drones struck an energy facility in the southern city of Odesa overnight, "
            "killing two workers. Russian forces captured the village of Novoselivka near "
            "Pokrovsk after weeks of fighting.")
    events = events_from_document(Document(doc_id="t", text=text, source="t", date=DAY,
                                           language="en"))
    (e,) = [e for e in events if e.sub_event_type.endswith("territory")]
    assert e.place.country_code == "UA" and e.place.admin1_name == "Donetska oblast"
    assert haversine_km(e.place.lat, e.place.lon, 48.28, 37.18) <= 60
