"""Positions written outright as coordinates are places of their own."""

import pytest

from geomap.geoparse import geoparse
from geomap.geoparse.coordinates import coordinate_mentions


def _points(text):
    return [(r.mention.surface, r.place.lat, r.place.lon) for r in coordinate_mentions(text)]


@pytest.mark.parametrize(
    "text, lat, lon",
    [
        ("The depot at 35°57′N 39°01′E burned.", 35.95, 39.0167),
        ("The depot at 35.95°N 39.0167°E burned.", 35.95, 39.0167),
        ("The ship at 12°30′15″S 45°10′W sank.", -12.5042, -45.1667),
        # longitude first, and a token file's spacing
        ("Position : 39 ° 01 ′ E , 35 ° 57 ′ N .", 35.95, 39.0167),
    ],
)
def test_a_coordinate_pair_is_its_point(text, lat, lon):
    (got,) = _points(text)
    assert got[1:] == (lat, lon)
    assert got[0] in text


def test_numbers_without_both_hemispheres_are_no_position():
    assert _points("It was 30° in Baghdad; the road turns 12° north.") == []
    assert _points("Two latitudes: 33°N 34°N.") == []
    assert _points("33.783; 44.500") == []


def test_the_geoparser_gives_a_written_position_beside_named_places(gazetteer):
    got = geoparse("Jets struck a depot at 35°57′N 39°01′E near Raqqa.", gazetteer=gazetteer)
    assert [r.mention.surface for r in got] == ["35°57′N 39°01′E", "Raqqa"]
    point = got[0].place
    assert (point.lat, point.lon, point.feature_code) == (35.95, 39.0167, "COORD")
