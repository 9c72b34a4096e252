"""Short forms of first-level units as Australian and Canadian news write them, and
Kenya's former provinces (data/place_aliases.yaml, data/physical_places.csv). Sentences
written for these tests, not taken from any corpus."""

from __future__ import annotations

import pytest

from geomap.geoparse import geoparse


def _named(text, gazetteer):
    return {r.mention.surface: (r.place.name, r.place.country_code) if r.place else None
            for r in geoparse(text, gazetteer=gazetteer)}


@pytest.mark.parametrize(("text", "name", "unit"), [
    ("Farmers in NSW and Victoria are waiting for rain.", "NSW", "New South Wales"),
    ("The bushfire crossed from Qld into northern NSW overnight.", "Qld", "Queensland"),
    ("A wildfire forced hundreds out of Kelowna, B.C., on Friday.", "B.C", "British Columbia"),
])
def test_a_short_form_is_its_unit(text, name, unit, gazetteer):
    got = _named(text, gazetteer)
    hit = {s.rstrip("."): v for s, v in got.items()}
    assert hit[name][0] == unit


def test_wa_follows_the_documents_country(gazetteer):
    got = _named("Mining towns in WA, from Perth to the Pilbara, and across Australia "
                 "were hit.", gazetteer)
    assert got["WA"] == ("Western Australia", "AU")


def test_a_former_province_of_kenya_is_found(gazetteer):
    got = _named("Cholera spread through Nyanza Province and the Rift Valley in Kenya.",
                 gazetteer)
    assert got["Nyanza Province"][1] == "KE"
    assert got["Rift Valley"][1] == "KE"
