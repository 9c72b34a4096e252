"""Document coherence in the hand-set scorer: two ambiguous names whose smaller namesakes
lie together point at those namesakes (a county and its seat in local news); a state the
document names supports its towns.

The gazetteer here is invented: "Fairhaven" and "Oak County" each have a larger namesake
far from the other's, and a smaller one beside the other's smaller one.
"""

from __future__ import annotations

import pytest

from geomap.geoparse.context import paired_readings
from geomap.geoparse.resolve import resolve
from geomap.records import Mention, Place

from .dict_gazetteer import DictGazetteer

BIG_TOWN = Place(1, "Fairhaven", 40.0, -80.0, "US", "PA", population=150_000)
SMALL_TOWN = Place(2, "Fairhaven", 32.0, -95.0, "US", "TX", population=12_000)
BIG_COUNTY = Place(3, "Oak County", 35.0, -85.0, "US", "TN", feature_class="A",
                   feature_code="ADM2", population=60_000)
SMALL_COUNTY = Place(4, "Oak County", 32.1, -95.1, "US", "TX", feature_class="A",
                     feature_code="ADM2", population=25_000)




def _mentions(*names: str) -> list[Mention]:
    out, at = [], 0
    for n in names:
        out.append(Mention(at, at + len(n), n, n.lower(), "en"))
        at += len(n) + 5
    return out


@pytest.fixture(autouse=True)
def _rules(monkeypatch):
    monkeypatch.setenv("GEOMAP_RESOLVER", "rules")


def test_two_ambiguous_names_take_the_namesakes_that_lie_together():
    gaz = DictGazetteer({"fairhaven": [BIG_TOWN, SMALL_TOWN],
                         "oak county": [BIG_COUNTY, SMALL_COUNTY]})
    got = resolve(_mentions("Fairhaven", "Oak County"), gaz)
    assert [r.place for r in got] == [SMALL_TOWN, SMALL_COUNTY]
    # each name on its own keeps its larger namesake
    assert resolve(_mentions("Fairhaven"), gaz)[0].place == BIG_TOWN
    assert resolve(_mentions("Oak County"), gaz)[0].place == BIG_COUNTY


def test_a_hamlet_dwarfed_by_a_namesake_city_pairs_with_nothing():
    metropolis = Place(5, "Fairhaven", 40.0, -80.0, "US", "PA", population=2_000_000)
    hamlet = Place(6, "Fairhaven", 32.0, -95.0, "US", "TX", population=600)
    gaz = DictGazetteer({"fairhaven": [metropolis, hamlet],
                         "oak county": [BIG_COUNTY, SMALL_COUNTY]})
    mentions = _mentions("Fairhaven", "Oak County")
    assert paired_readings(mentions, [gaz.candidates(m.key) for m in mentions]) == set()
    assert resolve(mentions, gaz)[0].place == metropolis


def test_a_name_that_is_also_a_state_or_country_does_not_pair():
    state = Place(7, "Fairhaven", 31.0, -99.0, "US", "TX", feature_class="A",
                  feature_code="ADM1", population=20_000_000)
    gaz = DictGazetteer({"fairhaven": [state, BIG_TOWN, SMALL_TOWN],
                "oak county": [BIG_COUNTY, SMALL_COUNTY]})
    mentions = _mentions("Fairhaven", "Oak County")
    assert paired_readings(mentions, [gaz.candidates(m.key) for m in mentions]) == set()


def test_the_same_place_under_two_names_is_no_pair():
    # "Fairhaven" and "Fairhaven City" both reach place 2: that says nothing
    alias = Place(2, "Fairhaven City", 32.0, -95.0, "US", "TX", population=12_000)
    gaz = DictGazetteer({"fairhaven": [BIG_TOWN, SMALL_TOWN], "fairhaven city": [alias]})
    mentions = _mentions("Fairhaven", "Fairhaven City")
    assert paired_readings(mentions, [gaz.candidates(m.key) for m in mentions]) == set()


def test_a_state_the_document_names_supports_its_towns_however_far_from_its_point():
    # the state's point lies 450 km from its town: still the state's town, not the
    # more populous namesake in another state
    state = Place(8, "Lone Star State", 31.0, -99.0, "US", "TX", feature_class="A",
                  feature_code="ADM1", population=20_000_000)
    in_state = Place(9, "Pinecrest", 33.2, -95.0, "US", "TX", population=16_000)
    elsewhere = Place(10, "Pinecrest", 33.0, -80.0, "US", "SC", population=80_000)
    gaz = DictGazetteer({"pinecrest": [elsewhere, in_state], "lone star state": [state]})
    assert resolve(_mentions("Pinecrest"), gaz)[0].place == elsewhere
    got = resolve(_mentions("Pinecrest", "Lone Star State"), gaz)
    assert [r.place for r in got] == [in_state, state]


# A local story names a town and its state; each name also has a reading abroad (a big
# namesake of the town, a hamlet named like the state), and a false place abroad lies
# near the hamlet.
VA_TOWN = Place(11, "Lakemont", 38.8, -77.1, "US", "VA", population=150_000)
BIG_ABROAD = Place(12, "Lakemont", 31.2, 29.9, "EG", "06", population=5_000_000)
STATE = Place(13, "Oldstate", 37.5, -78.9, "US", "VA", feature_class="A",
              feature_code="ADM1", population=5_700_000)
HAMLET = Place(14, "Oldstate", 53.8, -7.1, "IE", "U", population=2_600)
FALSE_PLACE = Place(15, "Dornby", 52.0, 5.3, "NL", "09", population=10_000)


def test_a_town_and_the_state_that_holds_it_point_at_each_other():
    gaz = DictGazetteer({"lakemont": [BIG_ABROAD, VA_TOWN], "oldstate": [STATE, HAMLET],
                         "dornby": [FALSE_PLACE]})
    got = resolve(_mentions("Lakemont", "Dornby", "Oldstate", "Lakemont"), gaz)
    assert [r.place for r in got] == [VA_TOWN, FALSE_PLACE, STATE, VA_TOWN]
    # without the state, the town's big namesake abroad stays
    assert resolve(_mentions("Lakemont", "Dornby"), gaz)[0].place == BIG_ABROAD


def test_a_name_that_is_mostly_a_unit_offers_no_town_to_pair():
    # "Lakeshire" is a province first (no sizeable town of its country is so named): its
    # town in the state is no reading for the state to pair with
    province = Place(16, "Lakeshire", 50.0, -85.0, "CA", "08", feature_class="A",
                     feature_code="ADM1", population=14_000_000)
    town = Place(17, "Lakeshire", 38.0, -78.0, "US", "VA", population=170_000)
    gaz = DictGazetteer({"lakeshire": [province, town], "oldstate": [STATE, HAMLET]})
    mentions = _mentions("Lakeshire", "Oldstate")
    assert paired_readings(mentions, [gaz.candidates(m.key) for m in mentions]) == set()


def test_a_name_with_two_towns_in_the_state_does_not_pair_with_it():
    other = Place(18, "Lakemont", 37.0, -80.0, "US", "VA", population=90_000)
    gaz = DictGazetteer({"lakemont": [BIG_ABROAD, VA_TOWN, other],
                         "oldstate": [STATE, HAMLET]})
    mentions = _mentions("Lakemont", "Oldstate")
    assert paired_readings(mentions, [gaz.candidates(m.key) for m in mentions]) == set()
