"""Sides as coders name them (#13, actors): how news names the sides of a war ("the
regime", "warplanes", "the coalition") and which side acts. The sentences are written for
these tests, in English and Arabic; none comes from an evaluation corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events import dedup, events_from_document
from geomap.events.actors import STATE_FORCES, default_book
from geomap.records import Document

DAY = dt.date(2017, 5, 2)


def _first(text: str, lang: str, gazetteer) -> tuple:
    doc = Document(doc_id="t", text=text, date=DAY, language=lang)
    evs = dedup(events_from_document(doc, gazetteer=gazetteer))
    assert evs, text
    return evs[0].actor1, evs[0].actor2, evs[0].actors


@pytest.mark.parametrize(
    "text, lang",
    [
        # no place the gazetteer knows, no country named: "the regime" is Syria's
        ("Regime forces stormed the hamlet after a night of heavy shelling.", "en"),
        ("Militiamen loyal to the regime shelled the farms by the river, wounding a boy.", "en"),
        ("قصفت قوات النظام أطراف القرية بعشرات القذائف.", "ar"),
    ],
)
def test_the_regime_with_no_country_named_is_syria(text, lang, gazetteer):
    actor1, _, actors = _first(text, lang, gazetteer)
    assert actor1 == "Syria" and STATE_FORCES not in actors, text


@pytest.mark.parametrize(
    "text, lang, state",
    [
        # a place of another country says whose forces they are
        ("Regime forces fired on protesters in Tehran, killing three.", "en", "Iran"),
        # words for state forces other than "the regime" name no state by themselves
        ("Security forces fired on protesters near the old mill.", "en", STATE_FORCES),
    ],
)
def test_the_regime_is_syria_only_where_nothing_else_is_said(text, lang, state, gazetteer):
    _, _, actors = _first(text, lang, gazetteer)
    assert state in actors and (state == "Syria" or "Syria" not in actors), text


def test_the_factions_beside_the_regime_are_the_syrian_rebels(gazetteer):
    text = "Clashes erupted between the regime forces and the factions on the hills by the river."
    assert _first(text, "en", gazetteer)[:2] == ("Syria", "Syrian rebels")
    text = "اندلعت اشتباكات بين قوات النظام والفصائل على التلال المطلة على النهر."
    assert _first(text, "ar", gazetteer)[:2] == ("Syria", "Syrian rebels")


def test_regime_words_name_their_state_only_for_state_forces():
    book = default_book()
    assert book.regime_state("pro-regime militiamen").name == "Syria"
    assert book.regime_state("وقوات النظام").name == "Syria"
    assert book.regime_state("the army") is None
