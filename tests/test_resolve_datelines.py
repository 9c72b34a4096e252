"""A dateline's place is a town; a country's name is not its capital named elsewhere."""

from geomap.geoparse import resolve_spans
from geomap.geoparse.context import with_dateline_cue
from geomap.records import Mention


def _span(text, part, start=0):
    i = text.index(part, start)
    return (i, i + len(part))


def _mention(text, part, start=0):
    s, e = _span(text, part, start)
    return Mention(s, e, text[s:e], part.lower(), "en")


def test_a_name_in_capitals_opening_a_line_before_an_agency_is_a_dateline():
    text = "NEW YORK (AP) - Fares rose.\nTORONTO, Ontario - Snow fell in NEW YORK today."
    got = with_dateline_cue([_mention(text, "NEW YORK"), _mention(text, "TORONTO"),
                             _mention(text, "Ontario"),
                             _mention(text, "NEW YORK", text.index("fell"))], text,
                            [[], [], [], []])
    assert [m.cue for m in got] == ["city", "city", None, None]


def test_a_country_heading_a_line_is_no_dateline_town(gazetteer):
    text = "GEORGIA - Protesters filled the streets of Tbilisi."
    (m,) = with_dateline_cue([_mention(text, "GEORGIA")], text,
                             [gazetteer.candidates("georgia")])
    assert m.cue is None


def test_a_dateline_new_york_is_the_city_and_new_york_in_a_sentence_is_unchanged(gazetteer):
    text = "NEW YORK (AP) - Subway fares will rise in March, the transit authority said."
    (r,) = resolve_spans(text, [_span(text, "NEW YORK")], "en", gazetteer=gazetteer)
    assert r.place is not None and r.place.feature_class == "P"
    assert r.place.admin1 == "NY" and r.place.population > 1_000_000
    plain = "The fares were raised across New York, the authority said."
    (s,) = resolve_spans(plain, [_span(plain, "New York")], "en", gazetteer=gazetteer)
    assert s.place is not None and s.place.feature_code == "ADM1"


def test_a_country_is_not_its_capital_because_the_capital_is_named_too(gazetteer):
    text = ("MEXICO CITY (AP) - Mexico's senate passed the budget. Lawmakers said "
            "Mexico would borrow less next year.")
    spans = [_span(text, "MEXICO CITY"), _span(text, "Mexico", 20),
             _span(text, "Mexico", text.index("Lawmakers"))]
    city, first, second = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    assert city.place is not None and city.place.feature_class == "P"
    for r in (first, second):
        assert r.place is not None and r.place.is_country and r.place.country_code == "MX"


def test_a_dateline_town_is_the_centre_an_unknown_place_falls_back_to(gazetteer):
    # London is named more often, but the story was filed from Nairobi
    text = ("NAIROBI, Kenya (AP) - Fans of Arsenal gathered at the Zubeta Grounds to watch "
            "the match. The London club last played in Manchester, and London fans "
            "travelled too.")
    spans = [_span(text, "NAIROBI"), _span(text, "Zubeta Grounds"), _span(text, "London"),
             _span(text, "Manchester"), _span(text, "London", text.index("and London"))]
    town, grounds, *_ = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    assert town.place is not None and town.place.country_code == "KE"
    assert grounds.place == town.place and grounds.candidates == 0


def test_without_a_dateline_the_most_named_town_stays_the_centre(gazetteer):
    text = ("Fans of Arsenal in Nairobi gathered at the Zubeta Grounds to watch the match. "
            "The London club last played in Manchester, and London fans travelled too.")
    spans = [_span(text, "Nairobi"), _span(text, "Zubeta Grounds"), _span(text, "London"),
             _span(text, "Manchester"), _span(text, "London", text.index("and London"))]
    grounds = resolve_spans(text, spans, "en", gazetteer=gazetteer)[1]
    assert grounds.place is not None and grounds.place.country_code == "GB"
