"""Seas, rivers, lakes and named regions in the embedded gazetteer (data/physical_places.csv):
read as GeoNames-like classes H/L/T, resolved in English and Arabic, and, for events, water
names no place or country while a region of one country is placed at a region's precision.
Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.errors import GazetteerError
from geomap.events.extract import events_from_document
from geomap.gazetteer.embedded import BUILD_DATA
from geomap.gazetteer.regions import no_event_place, read_physical
from geomap.geoparse import geoparse
from geomap.records import Document, Place

HEADER = "# a comment\nname,name_ar,aliases,aliases_ar,kind,lat,lon,countries\n"


def test_rows_become_geonames_like_features(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        HEADER
        + "Blue Gulf,خليج أزرق,Azure Gulf,,gulf,10.5,20.5,\n"
        + "Long Valley,الوادي الطويل,,,region,30,40,SY\n",
        "utf-8",
    )
    (gulf, gulf_names), (valley, _) = read_physical(path)
    assert (gulf.feature_class, gulf.feature_code, gulf.country_code) == ("H", "GULF", "")
    assert gulf_names == ["Blue Gulf", "خليج أزرق", "Azure Gulf"]
    assert (valley.feature_class, valley.feature_code, valley.country_code) == ("L", "RGN", "SY")
    assert (valley.lat, valley.lon) == (30.0, 40.0)


@pytest.mark.parametrize(
    ("row", "what"),
    [("X,,,,volcano,1,2,", "kind"), ("X,,,,sea,north,2,", "numbers"), ("X,,,,sea,95,2,", "Earth")],
)
def test_a_bad_row_is_a_clear_error(tmp_path, row, what):
    path = tmp_path / "p.csv"
    path.write_text(HEADER + row + "\n", "utf-8")
    with pytest.raises(GazetteerError, match=what) as err:
        list(read_physical(path))
    assert "p.csv:3" in str(err.value)


def test_the_data_file_is_an_input_of_the_index_cache_key():
    assert "physical_places.csv" in BUILD_DATA


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("A cargo ship was attacked in the Gulf of Aden on Tuesday.", "Gulf of Aden", "GULF"),
        ("هوجمت سفينة شحن في خليج عدن يوم الثلاثاء.", "خليج عدن", "GULF"),
        ("Gunmen crossed the border along the Euphrates at dawn.", "Euphrates", "STM"),
        ("عبر المسلحون الحدود على ضفاف نهر الفرات فجرا.", "نهر الفرات", "STM"),
        ("Two aid workers were abducted in the Ogaden last week.", "Ogaden", "RGN"),
        ("Oil shipments across the Middle East slowed in March.", "Middle East", "RGN"),
        ("The search for the lost jet moved deeper into the Indian Ocean.", "Indian Ocean",
         "OCN"),
        ("Floods cut roads across Sumatra after a week of rain.", "Sumatra", "ISL"),
        ("Smugglers cross the Himalayas on foot each spring.", "Himalayas", "MTS"),
        # world regions news names as places: the US Midwest, the Near and the Far East
        ("Blizzards closed roads across the Midwest on Monday.", "Midwest", "RGN"),
        ("The envoy toured the Near East before the talks.", "Near East", "RGN"),
        ("Veterans of the war in the Far East met in Ohio.", "Far East", "RGN"),
        # mountains of the wars' news, whose bare name is a town elsewhere (الزاوية in
        # Libya, Jebel in Turkmenistan, التركمان a town in Iran)
        ("قصفت الطائرات قرى جبل الزاوية جنوب إدلب.", "جبل الزاوية", "MTS"),
        ("اندلعت اشتباكات في جبل التركمان.", "جبل التركمان", "MTS"),
        ("Fighting spread across Jebel Marra on Sunday.", "Jebel Marra", "MTS"),
        ("Jets struck positions in the Qandil Mountains overnight.", "Qandil Mountains", "MTS"),
    ],
)
def test_features_resolve_in_both_languages(gazetteer, text, surface, code):
    got = {r.mention.surface: r.place for r in geoparse(text, gazetteer=gazetteer)}
    assert surface in got, f"{surface!r} not recognised in {text!r}: {got}"
    assert got[surface] is not None and got[surface].feature_code == code


def test_water_and_shared_regions_name_no_event_place():
    def place(fclass: str, code: str, cc: str = "") -> Place:
        return Place(-1, "x", 0.0, 0.0, cc, feature_class=fclass, feature_code=code)

    assert no_event_place(place("H", "STM", "SY"))
    assert no_event_place(place("L", "RGN"))
    assert not no_event_place(place("L", "RGN", "SD"))
    assert not no_event_place(place("L", "CONT"))
    assert not no_event_place(place("P", "PPL", "SY"))


def _events(text: str, lang: str):
    doc = Document(doc_id="t", text=text, source="t", date=dt.date(2021, 3, 2), language=lang)
    return events_from_document(doc)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Militiamen attacked a village in the Ogaden, killing four farmers.", "en"),
        ("هاجم مسلحون قرية في إقليم أوغادين وقتلوا أربعة مزارعين.", "ar"),
    ],
)
def test_a_region_of_one_country_is_placed_as_a_region(text, lang):
    located = [e for e in _events(text, lang) if e.place is not None]
    assert located, f"no located event in {text!r}"
    e = located[0]
    assert (e.place.name, e.place.country_code, e.geo_precision) == ("Ogaden", "ET", 3)


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers shelled fishing boats on the Euphrates near Raqqa.",
        "Gunmen shelled fishing boats on the Euphrates, killing two.",
        "Jihadists attacked an army post in the Sahel, killing nine soldiers.",
        "قصف مسلحون قوارب صيد في نهر الفرات وقتلوا اثنين.",
    ],
)
def test_water_and_shared_regions_are_no_event_place(text):
    events = _events(text, "ar" if text[0] > "~" else "en")
    assert events, f"no event in {text!r}"
    assert all(e.place is None or not no_event_place(e.place) for e in events)


@pytest.mark.parametrize("county, town", [("Yorkshire", "Leeds"), ("Northamptonshire", "Corby"),
                                          ("Berkshire", "Reading")])
def test_an_english_county_geonames_units_no_longer_hold(gazetteer, county, town):
    # a county split into unitary authorities is still named by news: the county, in
    # England, not an American namesake town
    from geomap.geoparse import resolve_spans

    text = f"Flooding closed roads around {town}, and more rain is forecast across {county}."
    spans = [(text.index(w), text.index(w) + len(w)) for w in (town, county)]
    got = resolve_spans(text, spans, "en", gazetteer=gazetteer)[1].place
    assert got is not None and (got.country_code, got.admin1) == ("GB", "ENG"), got
    assert got.feature_class == "L"


@pytest.mark.parametrize(
    "text",
    [
        "Aides at the White House said the sanctions on the militia would stay.",
        "The envoy met reporters outside the White House after the talks in Doha.",
    ],
)
def test_the_white_house_is_the_seat_in_washington(text):
    # not White House, Tennessee, nor Casablanca ("the white house" among its alternates)
    (r,) = [r for r in geoparse(text, "en") if r.mention.surface == "White House"]
    assert r.place is not None
    assert (r.place.country_code, r.place.admin1, r.place.feature_code) == ("US", "DC", "BLDG")


def test_white_house_tennessee_keeps_its_town_when_its_state_is_named():
    (r, _) = geoparse("A man was arrested in White House, Tennessee, after a robbery.", "en")
    assert (r.place.country_code, r.place.admin1, r.place.feature_class) == ("US", "TN", "P")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a text about the US: its hamlets named Middle East (Maryland) and Levant
        # (Kentucky) must not win over the world regions by the country's weight
        ("Officials in Washington said hopes for peace spread over the Middle East after "
         "the US election.", "Middle East"),
        ("The senator told reporters in Baltimore that the US would send aid to the Levant.",
         "Levant"),
    ],
)
def test_a_world_region_is_no_namesake_hamlet_of_the_country_in_focus(text, surface):
    (r,) = [r for r in geoparse(text, "en") if r.mention.surface == surface]
    assert r.place is not None
    assert (r.place.feature_code, r.place.country_code) == ("RGN", "")


def test_a_hamlet_named_as_a_world_region_keeps_its_town_when_placed():
    got = {r.mention.surface: r.place for r in geoparse(
        "The mayor of Middle East, Maryland, said Baltimore and Towson were hit.", "en")}
    assert (got["Middle East"].country_code, got["Middle East"].feature_class) == ("US", "P")


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # one-word names the list gives a sea or a region besides its full name: the
        # feature's own, though it has no population (no hamlet's other name)
        ("Rescue boats searched the Mediterranean for a third day.", "Mediterranean",
         "Mediterranean Sea"),
        ("The envoy said a Mideast settlement was still far off.", "Mideast", "Middle East"),
        ("Climbers were stranded in the Rockies after the storm.", "Rockies", "Rocky Mountains"),
    ],
)
def test_a_one_word_name_the_list_gives_a_feature_is_its_own(text, surface, name):
    got = {r.mention.surface: r.place for r in geoparse(text, "en")}
    assert surface in got, f"{surface!r} not recognised in {text!r}: {got}"
    assert got[surface] is not None and got[surface].name == name


def test_trinidad_beside_port_of_spain_is_the_island():
    got = {r.mention.surface: r.place for r in geoparse(
        "Flooding cut roads across Trinidad, and the ministry in Port of Spain closed schools.",
        "en")}
    assert got["Trinidad"].country_code == "TT"


def test_petra_is_the_site_in_jordan():
    # an analyst's alias (data/place_aliases.yaml) over Pétra, a Greek village's own name
    (r,) = geoparse("Thousands of tourists visited Petra last spring.", "en")
    assert r.place is not None and r.place.country_code == "JO"


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Forces loyal to the council took the port on Socotra last week.", "Socotra", "YE"),
        ("Coastguards counted forty arrivals on Lesbos by morning.", "Lesbos", "GR"),
        ("قالت مصادر إن زورقا اقترب من جزيرة كمران فجر الخميس.", "كمران", "YE"),
    ],
)
def test_islands_the_packaged_towns_lack(text, surface, country):
    got = {r.mention.surface: r.place for r in geoparse(text)}
    (place,) = [p for s, p in got.items() if surface in s]
    assert place is not None
    assert (place.country_code, place.feature_code) == (country, "ISL")


@pytest.mark.parametrize("name", ["Soviet Union", "USSR", "U.S.S.R."])
def test_the_soviet_union_is_placed_as_russia(name):
    # GeoNames has no Soviet Union: its continuing state stands for it
    # (a full stop that ends the abbreviation may end the sentence: the span stops before it)
    got = {r.mention.surface: r.place for r in geoparse(
        f"Pilots flew for Canada and the {name} during the war.", "en")}
    assert got[name.rstrip(".")] is not None and got[name.rstrip(".")].country_code == "RU"
