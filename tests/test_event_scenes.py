"""Where an event happened when the name of the place is also an actor's, and when the
scene is told in another sentence or paragraph (issue 13, the event's place). Every
sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events.extract import events_from_document
from geomap.records import Document, Event

DAY = dt.date(2021, 3, 14)


def _events(text: str, lang: str = "en") -> list[Event]:
    doc = Document(doc_id="t", text=text, source="t", date=DAY, language=lang)
    return events_from_document(doc)


@pytest.mark.parametrize(
    "text",
    [
        "Government artillery pounded the vicinity of Damascus on Sunday.",
        "Mortar shells hit Damascus amid heavy fighting on its eastern edge.",
        "The death toll of the Damascus bombings rose to 30 on Sunday.",
        "Rockets struck Damascus downtown, wounding four people.",
    ],
)
def test_a_capital_that_names_its_government_is_the_place_where_it_is_the_scene(text):
    first = _events(text)[0]
    assert first.place is not None and first.place.name == "Damascus"
    assert first.geo_precision == 1


def test_a_capital_that_acts_is_still_no_place_of_the_event():
    # "Damascus" before the verb is the government that acts: the event is where it struck
    first = _events("Damascus targeted rebel positions around Idlib with artillery.")[0]
    assert first.place is not None and first.place.name != "Damascus"
