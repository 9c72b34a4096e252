"""A short capitalised abbreviation names what it abbreviates, not a town of those letters."""

import pytest

from geomap.geoparse import resolve_spans
from geomap.geoparse.context import abbreviation


def _span(text, part, start=0):
    i = text.index(part, start)
    return (i, i + len(part))


@pytest.mark.parametrize("surface, expected", [
    ("EU", True), ("U.S.", True), ("NSW", True), ("Eu", False), ("ROME", False), ("E", False),
])
def test_abbreviation(surface, expected):
    assert abbreviation(surface) is expected


def test_eu_beside_places_in_france_is_the_union_not_eu_in_normandy(gazetteer):
    text = ("Farmers from Lille and Amiens drove to Brussels, Belgium, to protest the EU "
            "subsidy cuts. Paris said the EU rules would change.")
    spans = [_span(text, w) for w in ("Lille", "Amiens", "Brussels", "Belgium")]
    spans += [_span(text, "EU"), _span(text, "EU", text.index("Paris"))]
    got = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    for r in got[4:]:
        assert r.place is not None and r.place.feature_code == "CONT", r.place


def test_a_town_written_in_full_keeps_its_own_name(gazetteer):
    # the same letters in an ordinary word's case remain the town, beside its neighbours
    text = "The market of Eu, near Dieppe and Rouen, reopened."
    spans = [_span(text, w) for w in ("Eu", "Dieppe", "Rouen")]
    eu = resolve_spans(text, spans, "en", gazetteer=gazetteer)[0]
    assert eu.place is not None and eu.place.country_code == "FR"
    assert eu.place.feature_class == "P"


@pytest.mark.parametrize("short, cc", [("T&T", "TT"), ("NZ", "NZ"), ("BiH", "BA"),
                                        ("PNG", "PG")])
def test_a_country_named_by_its_press_abbreviation(gazetteer, short, cc):
    text = f"The minister said {short} would send a delegation to the regional summit."
    (r,) = resolve_spans(text, [_span(text, short)], "en", gazetteer=gazetteer)
    assert r.place is not None and r.place.is_country and r.place.country_code == cc
