"""Arabic cues that say what kind of place follows: العاصمة (the capital). وسط (central) is
an event-location modifier (data/event_cues.yaml), tested in test_names.py."""

from geomap.geoparse import geoparse


def _places(text, gazetteer):
    return [(r.mention.surface, r.mention.cue, r.place and (r.place.name, r.place.country_code))
            for r in geoparse(text, "ar", gazetteer=gazetteer)]


def test_the_capital_x_is_x_and_the_cue_word_is_no_place_of_its_own(gazetteer):
    got = _places("قصف على العاصمة دمشق", gazetteer)
    assert got == [("دمشق", "capital", ("Damascus", "SY"))]  # not also Sanaa's governorate
