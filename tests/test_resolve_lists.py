"""A list of names names things of one kind: in "Alder, Birch, Cedarton and Dune" whose
other names are states, the ambiguous name is the state too, though beside states
elsewhere in a text it is mostly the city (hand-set scorer). Invented places."""

from __future__ import annotations

import pytest

from geomap.geoparse.resolve import resolve
from geomap.records import Mention, Place

from .dict_gazetteer import DictGazetteer


def _state(gid: int, name: str, lat: float, lon: float, code: str) -> Place:
    return Place(gid, name, lat, lon, "US", code, feature_class="A", feature_code="ADM1",
                 population=4_000_000)


ALDER = _state(1, "Alder", 44.0, -120.0, "AA")
BIRCH = _state(2, "Birch", 31.0, -99.0, "BB")
DUNE = _state(3, "Dune", 39.0, -111.0, "DD")
CEDAR_STATE = _state(4, "Cedarton", 47.5, -120.5, "CC")
# the capital named so lies in another state, as Washington, D.C. does
CEDAR_CITY = Place(5, "Cedarton", 38.9, -77.0, "US", "EE", feature_code="PPLC",
                   population=700_000)
# a hamlet named so in one of the listed states
CEDAR_HAMLET = Place(6, "Cedarton", 39.3, -111.5, "US", "DD", population=20_000)
GAZ = DictGazetteer({"alder": [ALDER], "birch": [BIRCH], "dune": [DUNE],
                     "cedarton": [CEDAR_CITY, CEDAR_STATE, CEDAR_HAMLET]})


@pytest.fixture(autouse=True)
def _rules(monkeypatch):
    monkeypatch.setenv("GEOMAP_RESOLVER", "rules")


def _at(text: str, *names: str) -> list[Mention]:
    out, pos = [], 0
    for n in names:
        s = text.index(n, pos)
        out.append(Mention(s, s + len(n), n, n.lower(), "en"))
        pos = s + len(n)
    return out


def test_a_name_in_a_list_of_states_is_the_state():
    text = "Cases were reported in Alder, Birch, Cedarton and Dune."
    got = resolve(_at(text, "Alder", "Birch", "Cedarton", "Dune"), GAZ, text=text)
    assert [r.place for r in got] == [ALDER, BIRCH, CEDAR_STATE, DUNE]


def test_the_same_name_beside_states_outside_a_list_is_the_city():
    gaz = DictGazetteer({**GAZ.known, "cedarton": [CEDAR_CITY, CEDAR_STATE]})
    text = "Officials in Cedarton said the senator from Alder met donors from Dune."
    got = resolve(_at(text, "Cedarton", "Alder", "Dune"), gaz, text=text)
    assert got[0].place == CEDAR_CITY


def test_a_list_of_two_says_nothing():
    text = "Cases were reported in Dune and Cedarton."
    got = resolve(_at(text, "Dune", "Cedarton"), GAZ, text=text)
    assert got[1].place != CEDAR_STATE
