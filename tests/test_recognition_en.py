"""English place recognition in conflict news: people's titles, associative uses."""

from geomap.geoparse import geoparse


def _surfaces(text, gazetteer):
    return [r.mention.surface for r in geoparse(text, gazetteer=gazetteer)]


def test_a_title_holding_of_makes_the_name_after_it_a_persons(gazetteer):
    assert _surfaces("Secretary of State Dayton met officials in Kabul.", gazetteer) == ["Kabul"]
    # the place a title is of stays a place
    assert _surfaces("The Mayor of Dayton flew to Kabul.", gazetteer) == ["Dayton", "Kabul"]


def test_an_advisors_or_specialists_name_is_no_place(gazetteer):
    assert _surfaces("Special Advisor Thames will speak in Erbil.", gazetteer) == ["Erbil"]
    assert _surfaces("said Spc. Lorraine Walsh near Mosul.", gazetteer) == ["Mosul"]
