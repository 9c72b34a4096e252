"""A town a sports result names as the opponent is the team's (big) city, not a namesake
near the document's other places (``opponents`` in data/place_cues.yaml)."""

import pytest

from geomap.geoparse import resolve_spans


def _span(text, part):
    i = text.index(part)
    return (i, i + len(part))


def _louisville(gazetteer, words):
    text = (f"After two wins at home in Canton and Akron, the Bulldogs {words} Louisville "
            "72-70 on Saturday.")
    spans = [_span(text, w) for w in ("Canton", "Akron", "Louisville")]
    return resolve_spans(text, spans, "en", gazetteer=gazetteer)[2].place


@pytest.mark.parametrize("words", ["outlasted", "edged", "beat", "defeated", "routed"])
def test_the_beaten_team_is_the_big_city(gazetteer, words):
    got = _louisville(gazetteer, words)
    assert got is not None and (got.country_code, got.admin1) == ("US", "KY"), got


def test_a_town_that_is_no_opponent_keeps_its_neighbours(gazetteer):
    # the same sentence without a result: the Louisville near Canton and Akron (Ohio)
    got = _louisville(gazetteer, "played a tournament in")
    assert got is not None and (got.country_code, got.admin1) == ("US", "OH"), got
