"""A country's name as a noun's attributive ("a Hollin woman", "Hollin police") is a
town's: English says "a Hollinese woman" of the country (``town_nouns`` in
data/place_cues.yaml; hand-set scorer). Invented places; JO stands for any country with a
demonym in data/demonyms.csv."""

from __future__ import annotations

import pytest

from geomap.geoparse.resolve import resolve
from geomap.records import Mention, Place

from .dict_gazetteer import DictGazetteer

COUNTRY = Place(1, "Hollin", 31.0, 36.0, "JO", "", feature_class="A", feature_code="PCLI",
                population=5_000_000)
TOWN = Place(2, "Hollin", 31.8, -95.6, "US", "TX", population=18_000)
GAZ = DictGazetteer({"hollin": [COUNTRY, TOWN], "syldavia": [
    Place(3, "Syldavia", 44.0, 20.0, "RS", "", feature_class="A", feature_code="PCLI",
          population=7_000_000)]})


@pytest.fixture(autouse=True)
def _rules(monkeypatch):
    monkeypatch.setenv("GEOMAP_RESOLVER", "rules")


def _first(text: str, name: str, gaz=GAZ):
    s = text.index(name)
    got = resolve([Mention(s, s + len(name), name, name.lower(), "en")], gaz, text=text)
    return got[0].place


@pytest.mark.parametrize("text", ["A Hollin woman was charged on Monday.",
                                  "Hollin police said the road was closed.",
                                  "Classes at the Hollin middle school start in May."])
def test_a_country_name_before_a_local_noun_is_the_town(text):
    assert _first(text, "Hollin") == TOWN


@pytest.mark.parametrize("text", ["The king of Hollin met the envoy.",
                                  "Hollin signed the treaty with its neighbours."])
def test_the_country_name_elsewhere_stays_the_country(text):
    assert _first(text, "Hollin") == COUNTRY


def test_a_country_without_a_town_of_its_name_stays_the_country():
    assert _first("A Syldavia man was held.", "Syldavia") is not None


def test_the_other_mentions_of_the_name_follow_the_cued_one():
    text = "Hollin police arrested a driver. John Doe, 54, of Hollin was charged."
    s1 = text.index("Hollin")
    s2 = text.index("Hollin", s1 + 1)
    mentions = [Mention(s, s + 6, "Hollin", "hollin", "en") for s in (s1, s2)]
    got = resolve(mentions, GAZ, text=text)
    assert [r.place for r in got] == [TOWN, TOWN]


# A first-order unit abroad shares its name with towns ("Berea police": Berea, Kentucky or
# Ohio, not Berea district, Lesotho). Invented places again: Marlow, a district of a country
# the texts below do not name, and Marlow, a town of another country.
UNIT = Place(11, "Marlow", -29.2, 27.7, "LS", "10", feature_class="A", feature_code="ADM1",
             population=85_000)
UNIT_TOWN = Place(12, "Marlow", 37.6, -84.3, "US", "KY", population=15_000)
BIG_UNIT = Place(13, "Vessex", 31.0, -99.0, "US", "TX", feature_class="A",
                 feature_code="ADM1", population=25_000_000)
VILLAGE = Place(14, "Vessex", 19.0, -98.0, "MX", "13", population=1_000)
CAPITAL = Place(15, "Ostrava Nova", -29.3, 27.5, "LS", "11", feature_code="PPLC",
                population=300_000)
UNITS = DictGazetteer({"marlow": [UNIT, UNIT_TOWN], "vessex": [BIG_UNIT, VILLAGE],
                       "ostrava nova": [CAPITAL]})


def test_a_unit_abroad_before_a_local_noun_is_the_town():
    assert _first("Marlow police arrested two men on Friday.", "Marlow", UNITS) == UNIT_TOWN


def test_the_unit_stays_where_its_name_is_no_attributive():
    assert _first("Floods cut the roads of Marlow on Friday.", "Marlow", UNITS) == UNIT


def test_the_unit_stays_when_the_document_names_its_country():
    text = "Marlow police said the convoy left Ostrava Nova at dawn."
    s = text.index("Marlow")
    t = text.index("Ostrava Nova")
    got = resolve([Mention(s, s + 6, "Marlow", "marlow", "en"),
                   Mention(t, t + 12, "Ostrava Nova", "ostrava nova", "en")], UNITS, text=text)
    assert got[0].place == UNIT


def test_a_large_unit_keeps_its_name_against_a_village():
    assert _first("A Vessex man was charged with assault.", "Vessex", UNITS) == BIG_UNIT
