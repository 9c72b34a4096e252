"""Names an analyst gave a place (data/place_aliases.yaml) and conflict places added to the
embedded gazetteer (data/physical_places.csv). Every sentence here was written for these
tests."""

from __future__ import annotations

import pytest

from geomap.geoparse import geoparse, resolve_spans
from geomap.geoparse.context import document_focus, own_or_curated
from geomap.records import Place


def _span(text, part, start=0):
    i = text.index(part, start)
    return (i, i + len(part))


def _country(gid, name, cc):
    return Place(gid, name, 0.0, 0.0, cc, "", "", "A", "PCLI", 1000)


def test_a_curated_name_counts_as_own_only_against_namesakes_of_its_kind():
    drc = _country(203312, "Congo, The Democratic Republic of the", "CD")
    rc = _country(2260494, "Congo", "CG")
    town = Place(1, "El Congo", 0.0, 0.0, "PA", "", "", "P", "PPL", 800)  # "Congo" an alternate
    assert own_or_curated(drc, "congo", [drc, rc, town])
    assert own_or_curated(rc, "congo", [drc, rc, town])  # its primary name
    # with no other country bearing the name, the curated name decides nothing
    assert not own_or_curated(drc, "congo", [drc, town])
    assert not own_or_curated(town, "congo", [drc, rc, town])


def test_a_name_two_countries_bear_gives_no_focus():
    drc = _country(203312, "Congo, The Democratic Republic of the", "CD")
    rc = _country(2260494, "Congo", "CG")
    assert document_focus([[drc, rc], [rc]], None) == {"CG": 2}


def test_congo_in_a_roundup_of_central_african_countries_is_the_democratic_republic(
        gazetteer):
    text = ("Refugees crossed from Congo into Uganda, Rwanda and Burundi this week, "
            "aid agencies in Kampala said.")
    spans = [_span(text, w) for w in ("Congo", "Uganda", "Rwanda", "Burundi", "Kampala")]
    congo = resolve_spans(text, spans, "en", gazetteer=gazetteer)[0]
    assert congo.place is not None and congo.place.country_code == "CD", congo.place


def test_congo_after_the_republic_named_in_full_is_the_republic(gazetteer):
    text = ("Voters in the Republic of Congo went to the polls on Sunday. Turnout in "
            "Brazzaville and Pointe-Noire was high, and Congo's electoral board will "
            "publish results on Friday.")
    spans = [_span(text, w) for w in ("Republic of Congo", "Brazzaville", "Pointe-Noire")]
    spans.append(_span(text, "Congo", text.index("high")))
    congo = resolve_spans(text, spans, "en", gazetteer=gazetteer)[-1]
    assert congo.place is not None and congo.place.country_code == "CG", congo.place


@pytest.mark.parametrize(
    "text, surface, cc",
    [
        ("Israeli shelling hit the outskirts of Khiam on Tuesday.", "Khiam", "LB"),
        ("قصفت المدفعية أطراف بلدة الخيام صباح الثلاثاء.", "الخيام", "LB"),
        ("Hezbollah said it fired rockets at positions in the Shebaa Farms.",
         "Shebaa Farms", "LB"),
        ("أطلقت صواريخ على مواقع في مزارع شبعا المحتلة.", "مزارع شبعا", "LB"),
        ("Rebels took control of Walikale after two days of fighting.", "Walikale", "CD"),
        ("Troops advanced south of Robotyne during the night.", "Robotyne", "UA"),
        ("Shells fell near Shebaa and Kfar Kila overnight.", "Shebaa", "LB"),
        ("هاجم مسلحون نقطة تفتيش في الطارمية شمال بغداد.", "الطارمية", "IQ"),
    ],
)
def test_conflict_places_the_packaged_data_lacks(gazetteer, text, surface, cc):
    got = {r.mention.surface: r.place for r in geoparse(text, gazetteer=gazetteer)}
    assert surface in got, f"{surface!r} not recognised in {text!r}: {got}"
    assert got[surface] is not None and got[surface].country_code == cc, got[surface]
