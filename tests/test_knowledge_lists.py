"""Knowledge lives in data/: word lists and tunable numbers are read from YAML files with a
comment saying what each is for, and the Python of the events and geoparse stages holds no
word list of its own."""

import ast
import re
from pathlib import Path

import pytest

import geomap
from geomap.errors import DataError
from geomap.events import extract
from geomap.events.drafts import Draft
from geomap.events.lexicons import TriggerSpec
from geomap.knowledge import data_dir, word_list
from geomap.records import Actor, ActorMention

PKG = Path(geomap.__file__).parent
# Tuples of names of data sections (the order of the one lexicon pass), and the names of the
# features the learned resolver computes in code (checked against its model file), not words.
NOT_KNOWLEDGE = {("document.py", "CUE_KINDS"), ("features.py", "FIRST_FEATURES"),
                 ("features.py", "SECOND_FEATURES")}


def _string_collections(path: Path):
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            value = node.value
            if isinstance(value, ast.Call) and value.args:  # frozenset([...]), frozenset({...})
                value = value.args[0]
            if isinstance(value, ast.List | ast.Tuple | ast.Set):
                strings = [
                    e
                    for e in value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                ]
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                name = next((t.id for t in targets if isinstance(t, ast.Name)), "?")
                yield name, len(strings)


# deduplication and coder actor naming are outside the extraction rules (their own issues)
RULE_MODULES = sorted(
    p
    for p in [*PKG.glob("events/*.py"), *PKG.glob("geoparse/*.py")]
    if p.name not in ("dedup.py", "coders.py")
)


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_word_list_in_python(path):
    lists = [
        (name, n)
        for name, n in _string_collections(path)
        if n > 5 and name != "__all__" and (path.name, name) not in NOT_KNOWLEDGE
    ]
    assert not lists, f"{path.name}: word lists belong in data/: {lists}"


@pytest.mark.parametrize("name", ["place_names.yaml", "event_cues.yaml", "event_rules.yaml"])
def test_every_list_says_what_it_is_for(name):
    lines = (data_dir() / name).read_text("utf-8").splitlines()
    undocumented = [
        line.split(":")[0]
        for i, line in enumerate(lines)
        if re.match(r"^[a-z_]+:", line) and not (i > 0 and lines[i - 1].startswith("#"))
    ]
    assert not undocumented, f"data/{name}: no comment above {undocumented}"


def test_calendar_words_come_from_the_dates_file():
    from geomap.geoparse.cues import calendar_words

    assert {"monday", "sept", "may"} <= calendar_words("en")
    assert "monday" in word_list("dates.yaml", "weekdays", "en")


def _attack(actor2_type: str | None) -> Draft:
    spec = TriggerSpec("Violence against civilians", "Attack", "ASSAULT")
    dr = Draft(spec, 0, 1, 0, 8, "attacked", 0)
    if actor2_type is not None:
        dr.actor2 = ActorMention(Actor("X", type=actor2_type), 10, 11, "X")
    return dr


def test_reclassification_rules_are_read_from_data():
    spec, sub = extract.reclassify(_attack("rebel group"))
    assert (spec.event_type, sub, spec.plover) == ("Battles", "Armed clash", "FIGHT")
    # an attack on civilians stays what it is; on no one named it is one only when a word
    # says the victims were unarmed (ACLED's violence against civilians needs them, #13)
    assert extract.reclassify(_attack("civilians"))[1] == "Attack"
    assert extract.reclassify(_attack(None))[0].event_type == "Battles"
    unarmed = _attack(None)
    unarmed.victims = "civilian"
    assert extract.reclassify(unarmed)[0].event_type == "Violence against civilians"
    taken = Draft(
        TriggerSpec("Battles", "Government regains territory", "FIGHT", state_actor1=True),
        0,
        1,
        0,
        8,
        "retook",
        0,
    )
    assert extract.reclassify(taken)[1] == "Non-state actor overtakes territory"


def test_an_unknown_rule_condition_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(
        extract, "rules", lambda: {"reclassify": [{"when": {"colour": "red"}, "set": {}}]}
    )
    with pytest.raises(DataError, match="unknown reclassify condition 'colour'"):
        extract.reclassify(_attack(None))


def test_a_word_list_that_is_no_list_is_a_clear_error(monkeypatch):
    import geomap.knowledge as knowledge

    word_list.cache_clear()
    monkeypatch.setattr(knowledge, "cached_yaml", lambda name: {"locatives": {"en": "in"}})
    try:
        with pytest.raises(DataError, match="locatives.en should be a list"):
            word_list("place_names.yaml", "locatives", "en")
    finally:
        word_list.cache_clear()
