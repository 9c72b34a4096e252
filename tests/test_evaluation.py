"""The evaluation instrument: readers, metrics, runners and the ``geomap eval`` CLI.

Fixtures in tests/fixtures/eval/ are tiny files written for these tests in each corpus'
exact format (GeoVirus with its 1-based offsets, event_location with a token-indexed
span, PLOVER with its documentation record ...).  The real corpora are only read by the
tests marked ``eval``, which skip when ../shared/eval is absent.
"""

from __future__ import annotations

import doctest
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.errors import InputError
from geomap.evaluation import metrics as m
from geomap.evaluation import readers as r
from geomap.evaluation import runner
from geomap.records import Mention, Place, Resolved

FIX = Path(__file__).resolve().parent / "fixtures" / "eval"
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


# --------------------------------------------------------------------------- fakes

#: Names the fake system knows, with coordinates.  Paris is deliberately the French one
#: (the LGL fixture means Paris, Texas), so it resolves > 161 km off.
COORDS = {
    "Springfield": (39.80172, -89.64371),
    "Illinois": (40.00032, -89.25037),
    "Paris": (48.85341, 2.3488),
    "Texas": (31.25044, -99.25061),
    "Afrin": (36.5119, 36.8693),
    "Aleppo": (36.2021, 37.1343),
    "Turkey": (39.0, 35.0),
    "الكويت": (29.3, 47.6),
}
#: The fake recogniser misses Texas; the fake resolver knows it.
RECOGNISED = [n for n in COORDS if n != "Texas"]


def _place(name: str) -> Place:
    lat, lon = COORDS[name]
    return Place(geonameid=hash(name) % 10**6, name=name, lat=lat, lon=lon)


def fake_geoparse(text: str, language: str | None = None) -> list[Resolved]:
    out = []
    for name in RECOGNISED:
        i = text.find(name)
        while i != -1:
            out.append(
                Resolved(Mention(i, i + len(name), name, name, language or "en"), _place(name))
            )
            i = text.find(name, i + 1)
    return sorted(out, key=lambda x: x.mention.start)


def fake_resolve_spans(text, spans, language=None):
    out = []
    for s, e in spans:
        name = text[s:e]
        place = _place(name) if name in COORDS else None
        out.append(Resolved(Mention(s, e, name, name, language or "en"), place))
    return out


def fake_candidates(phrase, language=None):
    return [_place(phrase)] if phrase in COORDS else []


def fake_locator(text, verb_start, verb_end):
    for name in ("Homs", "Mosul"):
        i = text.find(name)
        if i != -1:
            return (i, i + len(name)) if name == "Homs" else (0, 6)  # Mosul: wrong span
    return None


def fake_extractor(text):
    if text.startswith("Japanese"):
        return {"JPN"}, {"FRA", "USA"}
    return {"SYR"}, set()


FAKE = runner.System(
    "fake", fake_geoparse, fake_resolve_spans, fake_candidates, fake_locator, fake_extractor
)


def fake_system() -> runner.System:
    """Factory for ``--system module:fake_system``."""
    return FAKE


# --------------------------------------------------------------------------- readers


def _check_offsets(docs):
    for doc in docs:
        for t in doc.toponyms:
            assert doc.text[t.start : t.end] == t.phrase


def test_read_lgl_keeps_toponyms_without_coordinates():
    docs = list(r.read_lgl(FIX / "lgl.xml"))
    assert [d.doc_id for d in docs] == ["1001", "1002"]
    assert [len(d.toponyms) for d in docs] == [3, 3]
    _check_offsets(docs)
    elm = docs[1].toponyms[0]
    assert elm.phrase == "Elm Street" and not elm.has_coords and elm.geonameid is None
    spring = docs[0].toponyms[0]
    assert (spring.geonameid, spring.kind) == (4250542, "PPLA")
    assert spring.lat == pytest.approx(39.80172) and spring.lon == pytest.approx(-89.64371)


def test_read_limit():
    assert len(list(r.read_lgl(FIX / "lgl.xml", limit=1))) == 1


def test_read_geowebnews_keeps_toponym_types_once():
    (doc,) = r.read_geowebnews(FIX / "geowebnews.xml")
    _check_offsets([doc])
    kinds = [(t.phrase, t.kind) for t in doc.toponyms]
    # expressions and Non_Toponym dropped; the doubly annotated Aleppo kept once
    assert kinds == [
        ("Turkey", "Metonymic"),
        ("Turkish", "Demonym"),
        ("Afrin", "Literal"),
        ("Aleppo", "Literal"),
    ]
    assert [t.has_coords for t in doc.toponyms] == [True, False, True, True]
    literal_only = next(r.read_geowebnews(FIX / "geowebnews.xml", types=r.GWN_LITERAL))
    assert [t.phrase for t in literal_only.toponyms] == ["Afrin", "Aleppo"]


def test_read_geovirus_shifts_one_based_offsets():
    (doc,) = r.read_geovirus(FIX / "geovirus.xml")
    _check_offsets([doc])
    assert [t.phrase for t in doc.toponyms] == ["Lagos", "Nigeria"]
    raw = (FIX / "geovirus.xml").read_text()
    assert f"<start>{doc.toponyms[0].start + 1}</start>" in raw  # the file is 1-based


def test_read_idrisi():
    docs = list(r.read_idrisi([FIX / "idrisi.jsonl"]))
    assert len(docs) == 2 and docs[0].language == "ar"
    _check_offsets(docs)
    kuwait = docs[0].toponyms[0]
    assert kuwait.kind == "Country" and kuwait.lat == pytest.approx(29.27)
    assert docs[1].toponyms == ()


def test_read_idrisi_moves_first_occurrence_offsets_to_the_mentions():
    # IDRISI's offsets are each phrase's first occurrence. A tweet naming Amman three
    # times, annotated four times, all at the first one: the k-th annotation is the k-th
    # occurrence; one too many stays
    doc, inside = r.read_idrisi([FIX / "idrisi_repeats.jsonl"])
    _check_offsets([doc, inside])
    starts = [t.start for t in doc.toponyms]
    first = doc.text.find("عمان")
    assert starts == [first, doc.text.find("عمان", first + 1), doc.text.rfind("عمان"), first]
    assert doc.realigned == 2 and doc.unaligned == 0
    assert r.next_occurrence("in Beirut", "Beirut", {(3, 9)}) is None
    # the country first found inside its adjective ("اللبناني") is the hashtag's
    (lebanon,) = inside.toponyms
    assert lebanon.start == inside.text.index("#لبنان") + 1 and inside.realigned == 1


def test_read_event_location_maps_token_indices():
    recs = list(r.read_event_location(FIX / "event_location.jsonl"))
    assert len(recs) == 3  # the record without spans is skipped
    assert [rec.text[slice(*rec.verb)] for rec in recs] == ["shelled", "said", "arrested"]
    assert [[rec.text[s:e] for s, e in rec.locations] for rec in recs] == [["Homs"], [], ["Mosul"]]


def test_read_plover_maps_cameo_codes_and_skips_documentation():
    recs = list(r.read_plover(FIX / "plover.json"))
    assert len(recs) == 2
    first = recs[0]
    assert first.source_countries == {"JPN"}  # JAP is CAMEO for Japan
    assert first.target_countries == {"FRA"}  # IGO is not a country
    assert first.target_codes == ("IGO", "FRA")
    assert recs[1].target_countries == frozenset()


def test_read_conll_text_offsets_and_layers():
    sents = list(r.read_conll(FIX / "aqmar.txt"))
    assert len(sents) == 2
    s = sents[0]
    assert s.text == " ".join(s.tokens)
    assert [s.text[a:b] for a, b in s.token_spans] == list(s.tokens)
    (woj,) = r.read_conll(FIX / "wojood.txt")
    assert woj.depth == 2
    assert woj.layer(1) == ("O", "B-GPE", "O", "O")


def test_unknown_format_lists_valid_ones():
    with pytest.raises(InputError, match="geowebnews"):
        r.read_toponyms(FIX / "lgl.xml", "nope")


def test_bad_xml_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>")
    with pytest.raises(InputError, match="not well-formed"):
        list(r.read_lgl(bad))


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="existing file"):
        list(r.read_lgl(tmp_path / "absent.xml"))


# --------------------------------------------------------------------------- metrics


def test_metrics_doctests():
    assert doctest.testmod(m).failed == 0


def test_span_counts_strict_and_overlap():
    gold = [(0, 5), (10, 20), (30, 35)]
    pred = [(0, 5), (12, 15), (40, 45)]
    assert m.span_counts(gold, pred) == {
        "gold": 3,
        "predicted": 3,
        "gold_matched": 1,
        "pred_matched": 1,
    }
    assert m.span_counts(gold, pred, strict=False)["gold_matched"] == 2
    assert not m.overlaps((0, 5), (5, 6))


def test_prf_edges():
    assert m.prf(0, 0, 0, 0) == (0.0, 0.0, 0.0)
    p, rec, f = m.prf(1, 2, 1, 4)
    assert (p, rec) == (0.5, 0.25) and f == pytest.approx(1 / 3)


def test_bio_entities_conlleval_rules():
    tags = ["I-LOC", "I-LOC", "B-LOC", "I-PER", "OO", "B-GPE", "I-GPE"]
    assert m.bio_entities(tags) == [(0, 2, "LOC"), (2, 3, "LOC"), (3, 4, "PER"), (5, 7, "GPE")]
    assert m.bio_entities(tags, ("GPE",)) == [(5, 7, "GPE")]


def test_char_to_token_span():
    spans = [(0, 3), (4, 8), (9, 12)]
    assert m.char_to_token_span((5, 11), spans) == (1, 3)
    assert m.char_to_token_span((3, 4), spans) is None


def test_haversine():
    assert m.haversine_km(10, 20, 10, 20) == 0
    assert m.haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * m.EARTH_RADIUS_KM)
    assert m.haversine_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.01)


def test_accuracy_and_auc():
    assert m.accuracy_at([160.9, 161.0, 161.1, None]) == 0.5
    assert m.auc_log_error([]) == 0.0
    low, high = m.auc_log_error([1, 10, 100]), m.auc_log_error([10, 100, 1000])
    assert 0 < low < high < 1
    # trapezoid over sorted normalised log errors on [0, 1]
    ys = sorted(math.log1p(e) / math.log1p(20039) for e in (100, 1, 10))
    assert m.auc_log_error([100, 1, 10]) == pytest.approx((ys[0] / 2 + ys[1] + ys[2] / 2) / 2)
    assert m.auc_log_error([50000]) == 1.0  # clipped to the largest possible error
    summary = m.error_summary([1.0, 3.0, 8.0])
    assert summary["mean_km"] == 4.0 and summary["median_km"] == 3.0
    assert m.error_summary([])["auc"] is None


def test_candidate_recall():
    assert m.candidate_recall([]) is None
    assert m.candidate_recall([True, False]) == 0.5
    assert m.any_within(0, 0, [_place("Afrin"), Place(1, "x", 0.5, 0.5)])


# --------------------------------------------------------------------------- runners


def test_end_to_end_acc161_needs_recognition():
    res = runner.eval_toponyms(
        FIX / "lgl.xml", "lgl", geoparser=fake_geoparse, candidate_fn=fake_candidates
    )
    assert res["mode"] == "end_to_end" and res["documents"] == 2
    assert (res["gold"], res["gold_with_coords"], res["predicted"]) == (6, 5, 4)
    # 2x Springfield + Illinois right, Paris resolved in France, Texas not recognised
    assert res["recognised"] == 4 and res["resolved"] == 4
    assert res["acc_161"] == 0.6
    assert res["precision"] == 1.0 and res["recall"] == pytest.approx(4 / 6, abs=1e-4)
    assert res["strict_f1"] == res["f1"]
    assert res["candidate_recall"] == pytest.approx(0.8)  # Paris' only candidate is French
    assert res["median_km"] < 1 and res["mean_km"] > 1000


def test_gold_spans_resolves_every_gold_span():
    calls = []

    def resolver(text, spans, language=None):
        calls.append((text, list(spans)))
        return fake_resolve_spans(text, spans, language)

    res = runner.eval_toponyms(FIX / "lgl.xml", "lgl", gold_spans=True, resolver=resolver)
    docs = list(r.read_lgl(FIX / "lgl.xml"))
    assert calls == [(d.text, [t.span for t in d.toponyms]) for d in docs]
    assert res["acc_161"] == 0.8  # Texas now resolved; Paris still wrong
    assert res["precision"] is None and res["candidate_recall"] is None
    assert res["reachable_recall"] is None


def test_gold_spans_report_both_ceilings():
    def reach(text, spans, language=None):  # the resolver's own answer is always reachable
        return [[r.place] if r.place else [] for r in fake_resolve_spans(text, spans, language)]

    res = runner.eval_toponyms(FIX / "lgl.xml", "lgl", gold_spans=True, resolver=fake_resolve_spans,
                               candidate_fn=fake_candidates, span_candidate_fn=reach)
    assert res["candidate_recall"] == pytest.approx(0.8)  # the names alone
    assert res["reachable_recall"] == pytest.approx(res["acc_161"])


def test_unresolved_counts_as_wrong_and_failures_do_not_stop_the_batch():
    def flaky(text, language=None):
        if "Elm Street" in text:
            raise RuntimeError("boom")
        return [Resolved(x.mention, None) for x in fake_geoparse(text)]

    res = runner.eval_toponyms(FIX / "lgl.xml", "lgl", geoparser=flaky)
    assert res["failed_documents"] == 1 and "boom" in res["first_error"]
    assert res["documents"] == 2 and res["recognised"] == 3
    assert res["acc_161"] == 0.0 and res["resolved"] == 0 and res["mean_km"] is None


def test_overlap_recognition_is_not_strict():
    def wide(text, language=None):
        return [
            Resolved(Mention(x.mention.start, x.mention.end + 3, "", "", "en"), x.place)
            for x in fake_geoparse(text)
        ]

    res = runner.eval_toponyms(FIX / "lgl.xml", "lgl", geoparser=wide)
    assert res["precision"] == 1.0 and res["strict_precision"] == 0.0
    assert res["acc_161"] == 0.6


def test_geowebnews_resolution_only_counts_coordinates():
    res = runner.eval_toponyms(FIX / "geowebnews.xml", "geowebnews", geoparser=fake_geoparse)
    assert res["gold"] == 4 and res["gold_with_coords"] == 3
    assert res["acc_161"] == 1.0 and res["geonameid_acc"] is not None


def test_eval_ner_strict_and_overlap():
    def recognise(text, language=None):
        return [(text.find(w), text.find(w) + len(w)) for w in ("دمشق", "حلب") if w in text]

    res = runner.eval_ner(FIX / "aqmar.txt", labels=("LOC",), recognizer=recognise)
    assert (res["gold"], res["predicted"]) == (2, 2)
    assert res["precision"] == 0.5 and res["recall"] == 0.5  # دمشق misses القديمة
    assert res["overlap_f1"] == 1.0
    outer = runner.eval_ner(FIX / "wojood.txt", labels=("GPE", "LOC"), recognizer=recognise)
    nested = runner.eval_ner(
        FIX / "wojood.txt", labels=("GPE", "LOC"), recognizer=recognise, nested=True
    )
    assert outer["gold"] == 1 and nested["gold"] == 2
    assert nested["recall"] == 0.5


def test_eval_idrisi_acc_over_recognised():
    res = runner.eval_idrisi([FIX / "idrisi.jsonl"], geoparser=fake_geoparse)
    assert res["precision"] == 1.0 and res["recall"] == 0.5
    assert res["strict_f1"] == 0.0  # the gold span includes the '#'
    assert res["acc_161"] == 1.0 and res["acc_161_all"] == 0.5


def test_eval_event_location():
    res = runner.eval_event_location(FIX / "event_location.jsonl", locator=fake_locator)
    assert res["n"] == 3 and res["n_with_location"] == 2
    assert res["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert res["accuracy_with_location"] == 0.5 and res["accuracy_without_location"] == 1.0


def test_eval_actors():
    res = runner.eval_actors(FIX / "plover.json", extractor=fake_extractor)
    assert res["records"] == 2
    assert res["source_precision"] == 1.0 and res["source_recall"] == 1.0
    assert res["target_precision"] == 0.5 and res["target_recall"] == 1.0
    assert res["precision"] == 0.75 and res["recall"] == 1.0


def test_unknown_system_lists_names():
    with pytest.raises(InputError, match="geotext"):
        runner.get_system("nope")


def test_the_demonyms_system_counts_demonyms_as_country_mentions():
    pytest.importorskip("geomap.geoparse")
    text = "Syrian forces entered Aleppo."
    plain = runner.get_system("geomap").geoparser(text, "en")
    with_dem = runner.get_system("geomap-demonyms").geoparser(text, "en")
    assert [r.mention.surface for r in plain] == ["Aleppo"]
    assert [(r.mention.surface, r.place.country_code) for r in with_dem] == [
        ("Syrian", "SY"), ("Aleppo", "SY")]


# --------------------------------------------------------------------------- baseline


def test_geotext_baseline_offsets_and_places():
    pytest.importorskip("geotext")
    from geomap.evaluation import baselines as b

    assert doctest.testmod(b).failed == 0

    text = "Clashes near Aleppo and in Turkey; later in Mosul."
    res = b.geotext_geoparse(text)
    assert [x.mention.surface for x in res] == ["Aleppo", "Turkey", "Mosul"]
    for x in res:
        assert text[x.mention.start : x.mention.end] == x.mention.surface
    aleppo = res[0].place
    assert m.haversine_km(aleppo.lat, aleppo.lon, 36.2021, 37.1343) < 20
    assert res[1].place.is_country and res[1].place.country_code == "TR"
    spans = b.geotext_resolve_spans(text, [(13, 19), (0, 7)])
    assert spans[0].place.name == "Aleppo" and spans[1].place is None
    assert b.geotext_locator(text, 0, 7) == (13, 19)
    assert b.geotext_actors("Turkish troops fought Syrian rebels in Aleppo") == ({"TUR"}, {"SYR"})


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def fake_cli(monkeypatch):
    monkeypatch.setattr(runner, "get_system", lambda name: FAKE)
    return CliRunner()


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_cli_toponyms(fake_cli):
    out = _json(
        fake_cli.invoke(main, ["eval", "toponyms", str(FIX / "lgl.xml"), "--format", "lgl"])
    )
    assert out["acc_161"] == 0.6
    out = _json(
        fake_cli.invoke(
            main,
            [
                "eval",
                "toponyms",
                str(FIX / "lgl.xml"),
                "--format",
                "lgl",
                "--gold-spans",
                "--limit",
                "1",
            ],
        )
    )
    assert out["documents"] == 1 and out["acc_161"] == 1.0


def test_cli_table(fake_cli):
    res = fake_cli.invoke(
        main, ["eval", "toponyms", str(FIX / "geovirus.xml"), "--format", "geovirus", "--table"]
    )
    assert res.exit_code == 0
    assert any(line.split()[:1] == ["acc_161"] for line in res.output.splitlines())


def test_cli_other_commands(fake_cli):
    ner = _json(fake_cli.invoke(main, ["eval", "ner", str(FIX / "aqmar.txt"), "--labels", "LOC"]))
    assert ner["gold"] == 2
    idr = _json(fake_cli.invoke(main, ["eval", "idrisi", str(FIX / "idrisi.jsonl")]))
    assert idr["recall"] == 0.5
    ev = _json(fake_cli.invoke(main, ["eval", "event-location", str(FIX / "event_location.jsonl")]))
    assert ev["n"] == 3
    act = _json(fake_cli.invoke(main, ["eval", "actors", str(FIX / "plover.json")]))
    assert act["records"] == 2


def test_cli_system_from_module_factory(monkeypatch, tmp_path):
    (tmp_path / "my_fake_system.py").write_text(
        "from tests_fake import SYSTEM\n\ndef make():\n    return SYSTEM\n"
    )
    (tmp_path / "tests_fake.py").write_text("SYSTEM = None\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import tests_fake

    monkeypatch.setattr(tests_fake, "SYSTEM", FAKE, raising=False)
    res = CliRunner().invoke(
        main,
        ["eval", "actors", str(FIX / "plover.json")],
        env={"GEOMAP_EVAL_SYSTEM": "my_fake_system:make"},
    )
    assert _json(res)["records"] == 2


def test_cli_missing_system_is_one_line_error(monkeypatch):
    def unavailable():
        raise runner.SystemUnavailable("geomap.geoparse.geoparse is not available")

    monkeypatch.setattr(runner, "default_geoparser", unavailable)
    res = CliRunner().invoke(main, ["eval", "toponyms", str(FIX / "lgl.xml"), "--format", "lgl"])
    assert res.exit_code == 1
    assert "not available" in res.output and "Traceback" not in res.output


def test_cli_commands_have_help():
    for cmd in main.commands["eval"].commands.values():
        assert cmd.help and cmd.help.strip()


# --------------------------------------------------------------------------- real corpora

needs_eval = pytest.mark.skipif(not EVAL.is_dir(), reason=f"evaluation data not found at {EVAL}")


@pytest.mark.eval
@needs_eval
@pytest.mark.parametrize(
    "fmt, name, n_docs, n_tops",
    [
        ("lgl", "lgl.xml", 588, 5088),
        ("geowebnews", "geowebnews.xml", 200, None),
        ("geovirus", "geovirus.xml", 229, 2170),
    ],
)
def test_real_xml_corpora_counts(fmt, name, n_docs, n_tops):
    docs = list(r.read_toponyms(EVAL / "en" / name, fmt))
    assert len(docs) == n_docs
    if n_tops is not None:
        assert sum(len(d.toponyms) for d in docs) == n_tops
    tops = [(d, t) for d in docs for t in d.toponyms]
    exact = sum(d.text[t.start : t.end] == t.phrase for d, t in tops)
    assert exact >= 0.999 * len(tops)  # offsets fixed per corpus (module docstring)


@pytest.mark.eval
@needs_eval
def test_real_geowebnews_coordinates():
    docs = list(r.read_geowebnews(EVAL / "en" / "geowebnews.xml"))
    # the README's 2,601 annotations with lat/lon all belong to the toponym types
    assert sum(t.has_coords for d in docs for t in d.toponyms) == 2601


@pytest.mark.eval
@needs_eval
def test_real_other_corpora_counts():
    ev = list(r.read_event_location(EVAL / "en" / "event_location_dev.jsonl"))
    with (EVAL / "en" / "event_location_dev.jsonl").open() as fh:
        lines = sum(1 for line in fh if line.strip())
    assert lines == 5106 and len(ev) >= 5100  # records without a VERB span are skipped
    raw = json.loads((EVAL / "en" / "plover_gsr.json").read_text())
    assert len(raw) == 323
    assert len(list(r.read_plover(EVAL / "en" / "plover_gsr.json"))) == sum(
        1 for x in raw if x.get("text")
    )
    sents = list(r.read_conll(sorted((EVAL / "ar" / "aqmar").glob("*.txt"))))
    assert sum(len(s.tokens) for s in sents) == 73853
    assert sum(len(m.bio_entities(s.layer(0), ["LOC"])) for s in sents) >= 1442
    assert sum(t[0] == "B-LOC" for s in sents for t in s.tags) == 1442
    woj = list(r.read_conll(sorted((EVAL / "ar" / "wojood_sample").glob("*.txt"))))
    assert sum(t[0] == "B-GPE" for s in woj for t in s.tags) == 543
    idr = list(r.read_idrisi(sorted((EVAL / "ar" / "idrisi_lmd").glob("*.jsonl"))))
    assert len(idr) == 2170


# --------------------------------------------------------------------------- alignment


def test_align_moves_a_shifted_span_to_the_nearest_occurrence():
    text = "Gaza City and Gaza: Gaza"
    assert r.align(text, 14, 18, "Gaza") == (14, 18, "exact")
    assert r.align(text, 16, 20, "Gaza") == (14, 18, "realigned")  # nearest of three
    assert r.align(text, 22, 26, "Gaza") == (20, 24, "realigned")
    assert r.align(text, 0, 4, "Rafah") == (0, 4, "unaligned")
    assert r.align("x" * 100 + "Gaza", 0, 4, "Gaza", window=10)[2] == "unaligned"


def test_lgl_reader_realigns_and_reports_counts():
    (doc,) = r.read_lgl(FIX / "lgl_shifted.xml")
    assert (doc.realigned, doc.unaligned) == (1, 1)
    kabul, kandahar, afg, herat = doc.toponyms
    assert doc.text[kabul.start:kabul.end] == "Kabul"
    assert doc.text[kandahar.start:kandahar.end] == "Kandahar"
    assert (herat.start, herat.end) == (0, 6)  # kept as annotated
    assert afg.feature_code == "PCLI"


def test_scorer_reports_realigned_and_unaligned():
    res = runner.eval_toponyms(FIX / "lgl_shifted.xml", "lgl", gold_spans=True,
                               resolver=lambda text, spans, lang=None: [None] * len(spans))
    assert (res["realigned"], res["unaligned"]) == (1, 1)


# --------------------------------------------------------------------------- entity / kind

AFG = Place(1149361, "Afghanistan", 33.94, 67.71, "AF", feature_class="A", feature_code="PCLI")


def test_same_entity_by_id_or_by_unit():
    afg_other_id = Place(1, "Afghanistan", 34.0, 66.0, "AF", feature_class="A", feature_code="PCLD")
    iran = Place(130758, "Iran", 32.0, 53.0, "IR", feature_class="A", feature_code="PCLI")
    town = Place(2, "Afghanistan", 34.0, 66.0, "AF", feature_class="P", feature_code="PPL")
    assert m.same_entity(1149361, AFG, AFG)
    assert m.same_entity(1149361, AFG, afg_other_id)  # the same country under another id
    assert not m.same_entity(1149361, AFG, iran)
    assert not m.same_entity(1149361, AFG, town)  # a town is not the country
    assert not m.same_entity(1149361, None, afg_other_id)  # unknown gold id: ids only
    adm1 = Place(3, "Helmand", 31.0, 64.0, "AF", "10", feature_class="A", feature_code="ADM1")
    adm1_b = Place(4, "Helmand", 31.5, 64.5, "AF", "10", feature_class="A", feature_code="ADM1")
    adm1_c = Place(5, "Kabul", 34.5, 69.2, "AF", "13", feature_class="A", feature_code="ADM1")
    assert m.same_entity(3, adm1, adm1_b) and not m.same_entity(3, adm1, adm1_c)


def test_entity_acc_and_kinds_separate_unit_points_from_errors():
    far_afg = Place(1149361, "Afghanistan", 36.0, 71.0, "AF", feature_class="A",
                    feature_code="PCLI")

    def resolver(text, spans, lang=None):
        out = []
        for s, e in spans:
            name = text[s:e]
            place = {"Kabul": Place(1138958, "Kabul", 34.52, 69.17),
                     "Kandahar": Place(9, "Kandahar", 10.0, 10.0),
                     "Afghanistan": far_afg}.get(name)
            out.append(Resolved(Mention(s, e, name, name, "en"), place))
        return out

    res = runner.eval_toponyms(FIX / "lgl_shifted.xml", "lgl", gold_spans=True, resolver=resolver,
                               place_fn={1149361: AFG}.get)
    # Kabul right; Kandahar wrong; Afghanistan the right unit but its point 500+ km away
    assert res["acc_161"] == pytest.approx(1 / 3, abs=1e-4)
    assert res["entity_acc"] == pytest.approx(2 / 3, abs=1e-4)
    assert (res["n_country"], res["acc_161_country"], res["entity_acc_country"]) == (1, 0.0, 1.0)
    assert (res["n_populated"], res["acc_161_populated"]) == (2, 0.5)
    assert res["unit_point_misses"] == 1
    assert res["acc_161_unit_point_cost"] == pytest.approx(1 / 3, abs=1e-4)


# --------------------------------------------------------------------------- proper names


def test_proper_name_figures_leave_common_noun_gold_out(tmp_path):
    f = tmp_path / "re3d.txt"
    f.write_text("Fighting\tO\nin\tO\nthe\tB-Location\ncity\tI-Location\nof\tO\n"
                 "Mosul\tB-Location\ncontinued\tO\n.\tO\n", encoding="utf-8")

    def recognise(text, language=None):  # finds "the city" and "Mosul"
        return [(text.index("the city"), text.index("the city") + 8),
                (text.index("Mosul"), text.index("Mosul") + 5)]

    def mosul_only(text, language=None):
        return [(text.index("Mosul"), text.index("Mosul") + 5)]

    res = runner.eval_ner(f, labels=("Location",), recognizer=recognise)
    assert (res["gold"], res["f1"], res["proper_gold"], res["proper_f1"]) == (2, 1.0, 1, 1.0)
    only = runner.eval_ner(f, labels=("Location",), recognizer=mosul_only)
    assert only["recall"] == 0.5 and only["proper_recall"] == 1.0
    assert only["proper_precision"] == 1.0


def test_without_gold_ids_a_unit_holding_the_gold_point_is_a_point_convention_miss():
    from geomap.evaluation.runner import unit_holds_point

    # GeoVirus-like gold: Wikipedia's point for China and Alberta, no GeoNames id
    china = Place(1, "China", 35.0, 105.0, "CN", feature_class="A", feature_code="PCLI")
    alberta = Place(2, "Alberta", 53.0, -114.9, "CA", "01", feature_class="A",
                    feature_code="ADM1")
    assert unit_holds_point(china, 35.0, 103.0)
    assert unit_holds_point(alberta, 55.0, -115.0)
    assert not unit_holds_point(alberta, 54.0, -125.0)  # British Columbia
    assert not unit_holds_point(china, 48.0, 106.9)  # Mongolia
    town = Place(3, "Lanzhou", 36.0, 103.8, "CN")
    assert not unit_holds_point(town, 35.0, 103.0)  # only countries and units


def test_idrisi_gold_kind_from_its_openstreetmap_record(tmp_path):
    # a country's boundary, a province's, a town, a hospital (own tweets and records)
    rec = {"tweet_id": "9", "text": "أمطار على السعودية ونجران ومستشفى الملك فهد",
           "location_mentions": []}
    text = rec["text"]

    def mention(phrase, osm):
        s = text.index(phrase)
        return {"text": phrase, "type": "", "start_offset": s, "end_offset": s + len(phrase),
                "osm_json": {"lat": "25.6", "lon": "42.4", **osm}}

    rec["location_mentions"] = [
        mention("السعودية", {"category": "boundary", "type": "administrative", "place_rank": 4,
                            "address": {"country_code": "sa"}}),
        mention("نجران", {"category": "place", "type": "city", "place_rank": 16,
                          "address": {"country_code": "sa"}}),
        mention("مستشفى الملك فهد", {"category": "amenity", "type": "hospital",
                                     "place_rank": 30}),
    ]
    f = tmp_path / "t.jsonl"
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = r.read_idrisi([f])
    assert [(t.feature_code, t.country_code) for t in doc.toponyms] == [
        ("PCLI", "SA"), ("PPL", "SA"), ("", "")]
    assert r.osm_feature_code({"category": "boundary", "type": "administrative",
                               "place_rank": 8}) == "ADM1"


def test_without_gold_ids_a_unit_is_a_convention_miss_only_for_gold_of_its_kind(tmp_path):
    # IDRISI-like gold with kinds: the country resolved far from OpenStreetMap's point is a
    # convention miss; a town resolved to the country that holds it is a real error
    text = "سيول في الكويت وفي الأحمدي"
    rec = {"tweet_id": "1", "text": text, "location_mentions": [
        {"text": "الكويت", "type": "Country", "start_offset": text.index("الكويت"),
         "end_offset": text.index("الكويت") + 6,
         "osm_json": {"lat": "29.3", "lon": "47.6", "category": "boundary",
                      "type": "administrative", "place_rank": 4,
                      "address": {"country_code": "kw"}}},
        {"text": "الأحمدي", "type": "City/town", "start_offset": text.index("الأحمدي"),
         "end_offset": text.index("الأحمدي") + 7,
         "osm_json": {"lat": "29.08", "lon": "48.08", "category": "place", "type": "city",
                      "place_rank": 16, "address": {"country_code": "kw"}}}]}
    f = tmp_path / "t.jsonl"
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    # a Kuwait whose point lies 200+ km off the gold one, for both mentions
    far_kuwait = Place(285570, "Kuwait", 29.3, 45.4, "KW", feature_class="A",
                       feature_code="PCLI")

    def geoparse_all_kuwait(text, language=None):
        return [Resolved(Mention(s, s + len(w), w, w, "ar"), far_kuwait)
                for w in ("الكويت", "الأحمدي") for s in [text.index(w)]]

    res = runner.eval_idrisi([f], geoparser=geoparse_all_kuwait)
    assert res["acc_161"] == 0.0
    assert res["unit_point_misses"] == 1  # the country only, not the town
    assert (res["n_country"], res["n_populated"]) == (1, 1)
    # a gold hospital (its record gives a country, no unit kind) is no unit either
    hospital = {"category": "amenity", "type": "hospital", "place_rank": 30,
                "address": {"country_code": "kw"}}
    rec["location_mentions"][1]["osm_json"].update(hospital)
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    assert runner.eval_idrisi([f], geoparser=geoparse_all_kuwait)["unit_point_misses"] == 1
