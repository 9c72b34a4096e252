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
