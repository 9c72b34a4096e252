"""The whole-event instrument: coded-data readers, the scorer and ``geomap eval events``.

Fixtures in tests/fixtures/eval/events/ are written for these tests in each format (the
ACLED file from ACLED's public codebook columns; the texts are invented). The real
corpora are read only by the tests that skip when ../shared/eval is absent.
"""

from __future__ import annotations

import datetime as dt
import doctest
import json

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.errors import InputError
from geomap.evaluation import event_readers as er
from geomap.evaluation import event_scoring as es
from geomap.records import Event, Place

from .conftest import needs_eval
from .test_evaluation import FIX

EV = FIX / "events"


def test_doctests():
    for mod in (er, es):
        assert doctest.testmod(mod).failed == 0


# --------------------------------------------------------------------------- readers


def test_read_ucdp_headlines_types_dates_and_sides():
    docs = list(er.read_ucdp(EV / "ucdp.csv"))
    assert [d.doc_id for d in docs] == ["ucdp-1", "ucdp-2"]  # row 3 has no headline
    first, second = docs
    assert first.text == "Clashes between regime forces and rebels in Atareb"
    assert first.event_types == {"Battles", "Explosions/Remote violence"}
    assert second.event_types == {"Violence against civilians", "Explosions/Remote violence"}
    assert second.doc_date == dt.date(2016, 3, 5)  # the first of two source dates
    assert first.date == dt.date(2016, 3, 1) and first.fatalities == 4
    assert first.actor1 == ("Government of Syria",) and first.actor2 == ("Syrian insurgents",)
    assert (first.lat, first.lon, first.admin1) == (36.1389, 36.83, "Aleppo Governorate")


def test_read_ucdp_article_column_unquoted():
    docs = list(er.read_events(EV / "ucdp.csv", "ucdp", text="source_article"))
    assert docs[0].text.startswith("Invented,2016-03-02,Clashes")
    assert len(docs) == 3


def test_read_acled_codebook_columns():
    docs = list(er.read_acled(EV / "acled.csv"))
    assert [d.doc_id for d in docs] == ["SYR9001", "SYR9002", "LBN9003"]  # SYR9004: no notes
    a, b, c = docs
    assert a.date == dt.date(2020, 5, 9) and b.date == dt.date(2020, 5, 10)  # both date forms
    assert a.doc_date is None  # a note carries its own date
    assert (
        b.event_types == {"Explosions/Remote violence"} and b.sub_event_type == "Air/drone strike"
    )
    assert b.actor1 == ("Military Forces of Russia (1991-)",) and b.fatalities == 5
    assert c.actor2 == () and c.countries == {"Lebanon"}


def test_read_hrdsattack_text_and_countries():
    a, b = er.read_hrdsattack(EV / "hrdsattack.json")
    assert a.text.startswith("Journalist detained in Kampala\n\nPolice in Kampala detained")
    assert "alert" not in a.text and "released & fined" in a.text
    assert a.city == "Kampala" and a.admin1 is None and a.date == dt.date(2021, 3, 8)
    assert a.doc_date == dt.date(2021, 3, 8)
    assert b.countries == {"Nigeria", "Ghana"} and b.date is None


def test_read_plover_events():
    docs = list(er.read_plover_events(FIX / "plover.json"))
    assert docs and all(d.event_types for d in docs)
    assert all(d.actor_codes1 or d.actor_codes2 for d in docs)


def test_reader_errors(tmp_path):
    with pytest.raises(InputError, match="expected one of"):
        list(er.read_events(EV / "ucdp.csv", "gdelt"))
    with pytest.raises(InputError, match="existing file"):
        list(er.read_events(tmp_path / "nope.csv", "ucdp"))
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="missing column"):
        list(er.read_events(bad, "acled"))
    with pytest.raises(InputError, match="ucdp format only"):
        list(er.read_events(EV / "acled.csv", "acled", text="source_article"))


def test_json_readers_refuse_what_is_no_array(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"sample": {}}', "utf-8")
    for fmt in ("hrdsattack", "plover"):
        with pytest.raises(InputError, match="expected"):
            list(er.read_events(bad, fmt))
    bad.write_text("[1, 2", "utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        list(er.read_events(bad, "hrdsattack"))


def test_halves_are_fixed_and_keep_a_text_together():
    docs = list(er.read_ucdp(EV / "ucdp.csv"))
    assert all(d.half == er.half_of(d.text) for d in docs)
    assert {er.half_of(f"text {i}") for i in range(20)} == {"tune", "check"}


# --------------------------------------------------------------------------- scoring

ATAREB = Place(1, "Atareb", 36.1389, 36.83, "SY", "09", "Aleppo", feature_code="PPLA3")
IDLIB = Place(2, "Idlib", 35.9306, 36.6339, "SY", "12", "Idlib", feature_code="PPLA")


def _event(etype, place, actor1=None, actors=(), date=None):
    return Event(
        event_id="e",
        event_type=etype,
        sub_event_type="",
        plover_code="FIGHT",
        status="reported",
        actor1=actor1,
        actor2=None,
        actors=tuple(actors),
        sentence="",
        trigger="",
        language="en",
        source="s",
        doc_id="d",
        event_date=date,
        place=place,
    )


def _system(events_by_text):
    return es.EventSystem(
        "fake",
        lambda doc: events_by_text.get(doc.text, []),
        lambda text, lang: [ATAREB] if "Atareb" in text else [],
        lambda name: {"Government of Syria": frozenset({"Syria"})}.get(name, frozenset()),
    )


def test_score_counts_each_figure():
    gold = list(er.read_ucdp(EV / "ucdp.csv"))
    system = _system(
        {
            gold[0].text: [
                _event("Battles", IDLIB, "Rebels", ["Rebels", "Syria"], dt.date(2016, 3, 1)),
                _event("Battles", ATAREB),
            ],
        }
    )
    out = es.score_events(gold, system, "ucdp")
    assert out["documents"] == 2 and out["with_event"] == 0.5
    assert out["type_accuracy"] == 1.0  # over documents with an event
    assert out["within_25_first"] == 0.0 and out["within_25_best"] == 0.5
    assert out["within_50_first"] == 0.5  # Idlib is ~30 km from Atareb
    assert out["reachable"] == 0.5 and out["within_25_first_reachable"] == 0.0
    assert out["country_match"] == 0.5 and out["admin1_match"] == 0.0  # Idlib is not Aleppo's
    assert out["admin1_match_top"] == 0.0  # Idlib and Atareb tie: the earliest is taken
    assert out["actor_found"] == 0.5 and out["actor1_role"] == 0.0
    assert out["date_accuracy"] == 0.5 and out["fatalities_exact"] == 0.0
    halves = out["halves"]
    assert halves["tune"]["documents"] + halves["check"]["documents"] == 2


def test_admin1_compares_units_not_spellings():
    gold = er.GoldEvent("x", "t", admin1="Aleppo Governorate", countries=frozenset({"Syria"}))
    assert es._admin1_match(gold, ATAREB, {"SY"})
    assert not es._admin1_match(gold, IDLIB, {"SY"})
    assert es._fold("Deir ez-Zor Governorate") == es._fold("Deir ez Zor")


def test_failing_system_is_counted_not_fatal():
    def boom(doc):
        raise RuntimeError("bad document")

    gold = list(er.read_ucdp(EV / "ucdp.csv"))
    out = es.score_events(gold, es.EventSystem("boom", boom), "ucdp")
    assert out["failed_documents"] == 2 and "bad document" in out["first_error"]
    assert out["with_event"] == 0.0 and out["reachable"] is None


def test_coder_actor_names_map_to_geomap_actors():
    from geomap.events.actors import default_book

    names = es.coder_actor_mapper(default_book())
    assert "Syria" in names("Military Forces of Syria (2000-)")
    assert "Syria" in names("Government of Syria")
    assert "Protesters" in names("Protesters (Lebanon)")
    assert names("No Such Group Anywhere") == frozenset()


# --------------------------------------------------------------------------- CLI


@pytest.mark.parametrize(
    "fmt,path",
    [
        ("ucdp", EV / "ucdp.csv"),
        ("acled", EV / "acled.csv"),
        ("hrdsattack", EV / "hrdsattack.json"),
        ("plover", FIX / "plover.json"),
    ],
)
def test_cli_eval_events_every_format(fmt, path):
    res = CliRunner().invoke(main, ["eval", "events", str(path), "--format", fmt])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["format"] == fmt and out["system"] == "geomap" and out["documents"] > 0
    assert out["failed_documents"] == 0, out["first_error"]
    assert set(out["halves"]) == {"tune", "check"}


def test_cli_eval_events_acled_finds_the_events():
    res = CliRunner().invoke(main, ["eval", "events", str(EV / "acled.csv"), "--format", "acled"])
    out = json.loads(res.output)
    assert out["with_event"] >= 2 / 3 and out["country_match"] >= 2 / 3


def test_cli_eval_events_baseline_and_table():
    res = CliRunner().invoke(
        main,
        [
            "eval",
            "events",
            str(EV / "acled.csv"),
            "--format",
            "acled",
            "--system",
            "geotext",
            "--table",
            "--limit",
            "2",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "within_25_first" in res.output and "tune" in res.output
    assert res.output.splitlines()[2].split() == ["system", "geotext"]


def test_cli_eval_events_errors(tmp_path):
    res = CliRunner().invoke(main, ["eval", "events", str(tmp_path / "x.csv"), "--format", "ucdp"])
    assert res.exit_code != 0 and "does not exist" in res.output
    res = CliRunner().invoke(main, ["eval", "events", str(EV / "acled.csv"), "--format", "ucdp"])
    assert res.exit_code != 0 and "missing column" in res.output
    res = CliRunner().invoke(
        main, ["eval", "events", str(EV / "acled.csv"), "--format", "acled", "--system", "nope"]
    )
    assert res.exit_code != 0 and "expected one of" in res.output


# --------------------------------------------------------------------------- real data


def test_ucdp_sample_runs():
    path = needs_eval("events/ucdp_ged_syria_2016_2019.csv")
    out = es.eval_events([path], "ucdp", limit=60)
    assert out["documents"] == 60 and out["failed_documents"] == 0
    assert out["with_event"] > 0.5 and out["reachable"] is not None


def test_hrdsattack_dev_runs():
    path = needs_eval("events/hrdsattack/dev.json")
    out = es.eval_events([path], "hrdsattack", limit=20)
    assert out["documents"] == 20 and out["country_match_top"] is not None


def test_acled_style_coder_descriptions_meet_the_unseen_targets():
    """69 ACLED-style descriptions written for the tests from the codebook's conventions
    (tests/fixtures/eval/events/acled_coder.csv; coders' actor names as ACLED writes them):
    the #13 targets for unseen coder data (event >= 0.92, type >= 0.85, actor >= 0.45)."""
    res = es.eval_events(str(EV / "acled_coder.csv"), "acled")
    assert res["documents"] == 69
    assert res["with_event"] >= 0.92 and res["type_accuracy"] >= 0.85
    assert res["actor_found"] >= 0.45 and res["actor1_role"] >= 0.45


def test_ucdp_reference_fields_are_counted_apart():
    assert er.is_reference("Syria Daily Report 01/03/2016;R1234")
    assert er.is_reference("May 2nd 2017: (S100) a village, Raqqa governorate, Syria")
    assert not er.is_reference("Clashes in Homs;R1234")
    assert not er.is_reference("Warplanes struck the outskirts of a town")
