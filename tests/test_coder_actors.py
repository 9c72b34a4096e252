"""UCDP and ACLED actor names read as geomap's actors (data/coder_actors.yaml)."""

from __future__ import annotations

import pytest

from geomap.errors import DataError
from geomap.events.actors import default_book
from geomap.events.coders import coder_actor, coder_names, parse_coder_names


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        # UCDP GED
        ("IS", "Islamic State"),
        ("Government of Syria", "Syria"),
        ("Government of Russia (Soviet Union)", "Russia"),
        ("Government of United States of America", "United States"),
        ("Government of Yemen (North Yemen)", "Yemen"),
        ("HTS", "Hayat Tahrir al-Sham"),
        ("SDF", "Syrian Democratic Forces"),
        ("Syrian insurgents", "Syrian rebels"),
        ("PIJ", "Palestinian Islamic Jihad"),
        # ACLED
        ("Military Forces of Syria (2000-)", "Syria"),
        ("Military Forces of Russia (2000-)", "Russia"),
        ("Police Forces of Turkey (2016-)", "Turkey"),
        ("Police Forces of Turkey (2016-) Gendarmerie", "Turkey"),
        ("Military Forces of Syria (2000-2024) Air Force", "Syria"),
        ("Military Forces of the United States (2021-)", "United States"),
        ("Government of Iraq (2020-)", "Iraq"),
        ("Protesters (Lebanon)", "Protesters"),
        ("Rioters (Iraq)", "Protesters"),
        ("Civilians (Syria)", "Civilians"),
        ("Islamic State (Iraq)", "Islamic State"),
        ("SDF: Syrian Democratic Forces", "Syrian Democratic Forces"),
        ("SNA: Syrian National Army", "Turkey-backed Syrian opposition"),
        ("Houthi Movement", "Houthis"),
        ("Ansar Allah", "Houthis"),
        # armed men nobody identified: what geomap reads in "unknown gunmen", and never
        # the state in the brackets
        ("Unidentified Armed Group (Syria)", "Unidentified armed group"),
        ("Unidentified Gang (Mexico)", "Unidentified armed group"),
        # the forces of the Houthi-run government are the Houthis, Hadi's are Yemen's
        ("Military Forces of Yemen (2016-) Houthi", "Houthis"),
        ("Military Forces of Yemen (2012-) Hadi", "Yemen"),
    ],
)
def test_coder_names_map_to_geomap_actors(name, actor):
    got = coder_actor(name)
    assert got is not None and got.name == actor


@pytest.mark.parametrize(
    "name",
    [
        "Unidentified Military Forces",
        "Mutiny of Military Forces of Syria (2000-)",
        "Former Military Forces of Syria (2000-)",
        "Communal Militia (Syria)",
        "is",  # the English word, not UCDP's "IS"
        "",
        "x" * 10_000,
    ],
)
def test_names_without_a_geomap_actor(name):
    assert coder_actor(name) is None


def test_every_target_in_the_file_is_an_actor():
    book = default_book()
    names = book.by_name()
    table = coder_names()
    targets = {t for t in table.names.values() if t} | {r.actor for r in table.rules if r.actor}
    assert targets, "the file names no actor"
    assert sorted(t for t in targets if t not in names) == []
    assert all(book.state_of(code) is not None for code in table.countries.values())


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"names": {"X": 3}},
        {"patterns": [{"pattern": "("}]},
        {"patterns": [{"pattern": "^a$"}]},
        {"patterns": [{"pattern": "^(?P<c>.+)$", "state": "country"}]},
        {"countries": {"Syria": "SYR"}},
    ],
)
def test_a_broken_file_is_a_clear_error(data):
    with pytest.raises(DataError, match="coder_actors|expected"):
        parse_coder_names(data, "data/coder_actors.yaml")


@pytest.mark.parametrize(
    "name, actor",
    [
        ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Boko Haram"),
        ("Islamic State (West Africa) - Lake Chad Faction", "Islamic State"),
        ("CPI (Maoist): Communist Party of India (Maoist)", "Communist Party of India (Maoist)"),
        ("Operation Restoring Hope", "Saudi-led coalition"),
        ("NDF: National Defence Forces", "National Defence Forces"),
        ("Military Forces of Yemen (2016-) Forces of Hadi", "Yemen"),
        ("Unidentified Armed Group (Nigeria) - Bandits", "Unidentified armed group"),
    ],
)
def test_acled_factions_and_nested_names(name, actor):
    got = coder_actor(name)
    assert (got.name if got else None) == actor
