"""The learned resolver: its forests, its model file, its features and its "no place".

Forests and gazetteers here are written for the tests (hand-made trees with known
answers, a gazetteer of a few made-up places); the shipped model is only checked for
what it must do whatever it learned.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.errors import DataError
from geomap.knowledge import data_dir
from geomap.records import Mention, Place

from .dict_gazetteer import DictGazetteer

R = importlib.import_module("geomap.geoparse.resolve")
ROOT = Path(__file__).resolve().parents[1]
N1 = len(R.FIRST_FEATURES)
N2 = N1 + len(R.SECOND_FEATURES)


def _stump(feature: int, threshold: float, left: float, right: float, depth: int = 2):
    """A tree that splits once at the root (deeper nodes send everything left)."""
    n_int = 2**depth - 1
    feats = [feature] + [0] * (n_int - 1)
    thrs = [threshold] + [float("inf")] * (n_int - 1)
    leaves = [0.0] * (2**depth)
    leaves[0] = left  # root left, then always left
    leaves[2 ** (depth - 1)] = right  # root right, then always left
    return feats, thrs, leaves


def _forest(*trees, depth: int = 2) -> R.Forest:
    return R.Forest(depth, *(tuple(tuple(t[i]) for t in trees) for i in range(3)))


def test_forest_sums_the_leaves_each_row_reaches():
    f = _forest(_stump(0, 0.5, -1.0, 2.0), _stump(1, 10.0, 0.25, 0.5))
    assert f.score([(0.0, 0.0), (1.0, 0.0), (1.0, 11.0)]).tolist() == [-0.75, 2.25, 2.5]
    assert f.score([]).tolist() == []


def test_forest_round_trips_through_json():
    f = _forest(_stump(1, 0.5, -1.0, 2.0))
    back = R.Forest.from_json(json.loads(json.dumps(f.to_json())), width=2)
    assert back == f
    with pytest.raises(DataError, match="feature that does not exist"):
        R.Forest.from_json(f.to_json(), width=1)
    bad = f.to_json()
    bad["trees"][0][2] = [0.0]
    with pytest.raises(DataError, match="wrong shape"):
        R.Forest.from_json(bad, width=2)


def test_shipped_model_loads_and_names_the_features_geomap_computes():
    data = json.loads((data_dir() / R.MODEL_FILE).read_text(encoding="utf-8"))
    model = R.Model.from_json(data)
    assert len(model.first.feature) > 10 and len(model.second.feature) > 10
    data["first_features"] = data["first_features"][:-2] + ["renamed", "no_place"]
    with pytest.raises(DataError, match="other features"):
        R.Model.from_json(data)


# --------------------------------------------------------------------------- resolution




def _model(first_trees, second_trees) -> R.Model:
    return R.Model(_forest(*first_trees), _forest(*second_trees), top_k=10)


def _resolve_with(model, mentions, gaz):
    tok = R.use_model(model)
    try:
        return R.resolve(mentions, gaz)
    finally:
        R._MODEL.reset(tok)


def _no_place_model() -> R.Model:
    """"No place" scores 1; a town scores 2, less 2 when small (fewer than 5,000 people)."""
    small = R.FIRST_FEATURES.index("small_town")
    cand = R.FIRST_FEATURES.index("candidate")
    first, second = (
        [_stump(cand, 0.5, 0.0, 2.0), _stump(small, 0.5, 0.0, -2.0), _stump(null, 0.5, 0.0, 1.0)]
        for null in (N1, N2)  # the "no place" column of each pass
    )
    return _model(first, second)


def test_no_place_wins_when_every_candidate_scores_below_it():
    hamlet = Place(1, "Hamlet", 10.0, 10.0, "XX", population=50)
    city = Place(2, "City", 20.0, 20.0, "YY", population=2_000_000)
    gaz = DictGazetteer({"hamlet": [hamlet], "city": [city]})
    mentions = [Mention(0, 6, "Hamlet", "hamlet", "en"), Mention(7, 11, "City", "city", "en")]
    got = _resolve_with(_no_place_model(), mentions, gaz)
    assert got[0].place is None and got[0].candidates == 1  # a worse bet than nothing
    assert got[1].place == city and got[1].score == pytest.approx(1.0)


def test_second_pass_prefers_the_candidate_near_the_other_mentions_choices():
    near = R.FIRST_FEATURES.index("candidate")  # any first feature: unused below
    support = N1 + R.SECOND_FEATURES.index("near_support")
    first = [_stump(near, 0.5, 0.0, 1.0)]  # every candidate 1, "no place" 0
    second = [_stump(support, 0.1, 0.0, 3.0), _stump(N2, 0.5, 0.0, 0.5)]
    anchor = Place(10, "Anchor", 35.0, 38.0, "SY", "01")
    far = Place(11, "Twin", -20.0, -50.0, "BR", "02", population=100_000)
    close = Place(12, "Twin", 35.3, 38.2, "SY", "01", population=1_000)
    gaz = DictGazetteer({"anchor": [anchor], "twin": [far, close]})
    mentions = [Mention(0, 6, "Anchor", "anchor", "en"), Mention(7, 11, "Twin", "twin", "en")]
    got = _resolve_with(_model(first, second), mentions, gaz)
    assert got[1].place == close


def test_second_features_measure_support_distance_and_region():
    c = Place(1, "Town", 36.0, 37.0, "SY", "09")
    anchors = [(36.1, 37.1, "09", "SY", 0.9), (50.0, 10.0, "01", "DE", 0.5)]
    f = dict(zip(R.SECOND_FEATURES, R.second_features(c, anchors, 2, False), strict=True))
    assert f["near_support"] == 0.9 and f["same_admin1"] == 0.9 and f["same_country"] == 0.9
    assert f["far"] == 0.0 and 0.0 < f["log_nearest"] < 0.5 and f["no_anchor"] == 0.0
    lone = dict(zip(R.SECOND_FEATURES, R.second_features(c, anchors[1:], 2, False), strict=True))
    assert lone["near_support"] == 0.0 and lone["far"] == 1.0
    none = dict(zip(R.SECOND_FEATURES, R.second_features(c, [], 0, False), strict=True))
    assert none["no_anchor"] == 1.0 and none["region_share"] == 0.0  # no anchor at all


def test_region_share_counts_the_anchors_in_the_candidates_region():
    here = Place(1, "Twin", 36.0, 37.0, "SY", "09")
    there = Place(2, "Twin", 33.0, 36.0, "SY", "13")
    anchors = [(36.1, 37.1, "09", "SY", 0.3), (36.5, 37.5, "09", "SY", 0.4),
               (33.5, 36.3, "13", "SY", 0.95), (50.0, 10.0, "01", "DE", 0.5)]
    share = R.SECOND_FEATURES.index("region_share")
    # two of the four anchors lie in the first region, one (the surest) in the other
    assert R.second_features(here, anchors, 4, False)[share] == 0.5
    assert R.second_features(there, anchors, 4, False)[share] == 0.25


def test_ranks_put_population_and_distance_relative_to_the_rivals():
    big = Place(1, "Twin", 35.0, 38.0, "SY", population=900_000)
    mid = Place(2, "Twin", 10.0, 10.0, "XX", population=50_000)
    small = Place(3, "Twin", 36.0, 37.0, "SY", population=900)
    m = Mention(0, 4, "Twin", "twin", "en")
    rank = R.FIRST_FEATURES.index("population_rank")
    cs = [big, mid, small]
    assert [R.first_features(m, c, cs, {}, 1.0, None, None)[rank] for c in cs] == [0.0, 0.1, 0.2]
    anchors = [(36.1, 37.1, "09", "SY", 0.9)]
    from geomap.geoparse.features import with_nearest_rank

    rows = with_nearest_rank([R.second_features(c, anchors, 1, False) for c in cs])
    near = R.SECOND_FEATURES.index("nearest_rank")
    assert [r[near] for r in rows] == [0.1, 0.2, 0.0]
    lone = with_nearest_rank([R.second_features(c, [], 0, False) for c in cs])
    assert {r[near] for r in lone} == {1.0}


def test_support_lead_singles_out_the_candidate_the_document_supports():
    # two namesakes: the small one lies beside another mention's place, the big one far
    # away; the lead is the small one's support over its rival's, the same number however
    # strong support is in absolute terms
    from geomap.geoparse.features import with_nearest_rank

    big = Place(1, "Twin", 30.0, -82.0, "US", admin1="FL", population=150_000)
    small = Place(2, "Twin", 34.3, -83.8, "US", admin1="GA", population=40_000)
    lead = R.SECOND_FEATURES.index("support_lead")
    near = R.SECOND_FEATURES.index("near_support")
    for conf in (0.5, 0.9):
        anchors = [(34.2, -83.9, "GA", "US", conf)]
        rows = with_nearest_rank([R.second_features(c, anchors, 1, True) for c in (big, small)])
        assert rows[1][near] == conf and rows[0][near] == 0.0
        assert [r[lead] for r in rows] == [-conf, conf]
    lone = with_nearest_rank([R.second_features(c, [], 0, True) for c in (big, small)])
    assert [r[lead] for r in lone] == [0.0, 0.0]


def test_first_features_see_cue_match_and_containment():
    town = Place(1, "Idlib", 35.9, 36.6, "SY", "13", population=165_000)
    region = Place(2, "Idlib", 35.8, 36.6, "SY", "13", feature_class="A", feature_code="ADM1")
    syria = Place(3, "Syria", 35.0, 38.0, "SY", feature_class="A", feature_code="PCLI")
    m = Mention(0, 5, "Idlib", "idlib", "en", cue="province")
    f = dict(zip(R.FIRST_FEATURES,
                 R.first_features(m, region, [town, region], {"SY": 2}, 2.0, [syria], "SY"),
                 strict=True))
    assert f["cue_region_unit"] == 1.0 and f["admin1"] == 1.0 and f["own_name"] == 1.0
    assert f["contained"] == 1.0 and f["not_contained"] == 0.0 and f["focus"] == 1.0
    g = dict(zip(R.FIRST_FEATURES,
                 R.first_features(m, town, [town, region], {}, 1.0, None, None), strict=True))
    assert g["cue_region_other"] == 1.0 and g["most_populous"] == 1.0 and g["focus"] == 0.0


# --------------------------------------------------------------------------- training


def _train():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module("train_resolver")
    finally:
        sys.path.pop(0)


def test_boosting_is_deterministic_and_learns_a_separable_choice():
    np = pytest.importorskip("numpy")
    T = _train()
    # groups of (big town, hamlet, no place): the big town is always right
    rows, ok, starts = [], [], []
    for i in range(40):
        starts.append(len(rows))
        rows += [[1.0, 0.5 + i / 100, 0.0], [1.0, 0.1, 0.0], [0.0, 0.0, 1.0]]
        ok += [True, False, False]
    x, ok, starts = np.array(rows), np.array(ok), np.array(starts)
    a, b = T.fit(x, ok, starts), T.fit(x, ok, starts)
    assert a == b  # same data, same forest, to the last digit
    s = a.score(x).reshape(-1, 3)
    assert (s[:, 0] > s[:, 1]).all() and (s[:, 0] > s[:, 2]).all()


def test_two_fold_scores_no_document_with_a_model_that_trained_on_it(monkeypatch):
    T = _train()
    # traces are (document number, trace, golds); four documents per corpus
    traces = {c: [(n, f"{c}{n}", []) for n in range(4)] for c in T.CORPORA}
    seen, scored = [], []

    def train(ts):
        seen.append({t[1] for t in ts})
        return len(seen) - 1

    def score(eval_dir, corpus, model, keep=None):
        docs = {f"{corpus}{n}" for n in range(4) if keep(n)}
        scored.append((model, docs))
        return {"acc_161": 0.5 if "lgl0" in docs else 1.0, "n": len(docs), "entity_acc": 0.0}

    monkeypatch.setattr(T, "train", train)
    monkeypatch.setattr(T, "score", score)
    assert T.two_fold(Path("."), traces, "lgl") == 0.75  # halves weighted by their size
    assert len(scored) == 2
    assert set().union(*(docs for _, docs in scored)) == {"lgl0", "lgl1", "lgl2", "lgl3"}
    for model, docs in scored:
        assert not docs & seen[model]  # scored documents were never trained on
        others = {t[1] for c in T.CORPORA if c != "lgl" for t in traces[c]}
        assert others <= seen[model]  # ... and every other corpus was


@pytest.mark.eval
def test_the_model_file_is_rebuilt_bit_for_bit():
    if not (ROOT.parent / "shared" / "eval" / "en" / "lgl.xml").is_file():
        pytest.skip("evaluation data ../shared/eval is absent")
    got = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_resolver.py"), "--check"],
                         check=False, capture_output=True, text=True, cwd=ROOT, timeout=1800)
    assert got.returncode == 0, got.stdout + got.stderr


def test_accuracy_report_section_on_resolvers_is_replaced_not_duplicated():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        bench = importlib.import_module("bench_accuracy")
    finally:
        sys.path.pop(0)
    first = f"{bench.RESOLVERS_BEGIN}\n| old |\n{bench.RESOLVERS_END}"
    report = bench._with_section("# Accuracy\n| table |\n", first)
    assert report.startswith("# Accuracy\n| table |\n") and report.endswith(first + "\n")
    again = bench._with_section(report + "more\n",
                                f"{bench.RESOLVERS_BEGIN}\n| new |\n{bench.RESOLVERS_END}")
    assert "| old |" not in again and again.count(bench.RESOLVERS_BEGIN) == 1
    assert "| new |" in again and again.endswith("more\n")


def test_given_places_take_their_best_candidate_even_below_no_place():
    hamlet = Place(1, "Hamlet", 10.0, 10.0, "XX", population=50)
    bigger = Place(3, "Hamlet", 30.0, 30.0, "ZZ", population=900)
    city = Place(2, "City", 20.0, 20.0, "YY", population=2_000_000)
    gaz = DictGazetteer({"hamlet": [hamlet, bigger], "city": [city]})
    mentions = [Mention(0, 6, "Hamlet", "hamlet", "en"), Mention(7, 11, "City", "city", "en")]
    tok = R.use_model(_no_place_model())
    try:
        free = R.resolve(mentions, gaz)
        given = R.resolve(mentions, gaz, places_only=True)
    finally:
        R._MODEL.reset(tok)
    assert free[0].place is None
    # the caller says it is a place: the best of two equal bets (the first), its margin
    # over "no place" negative; a place that beats "no place" anyway is unchanged
    assert given[0].place == hamlet and given[0].score == pytest.approx(-1.0)
    assert given[0].candidates == 2
    assert given[1] == free[1]


def test_a_given_span_is_a_place_but_an_inner_name_may_not_be(gazetteer):
    from geomap.geoparse import resolve_spans

    cand = R.FIRST_FEATURES.index("candidate")
    # "no place" (2) beats every candidate (1) in both passes
    model = _model([_stump(cand, 0.5, 0.0, 1.0), _stump(N1, 0.5, 0.0, 2.0)],
                   [_stump(cand, 0.5, 0.0, 1.0), _stump(N2, 0.5, 0.0, 2.0)])
    text = "Crews from Boise and Pocatello were sent to Cedar Ridge Douglas Academy on Monday."
    spans = [(text.index(w), text.index(w) + len(w))
             for w in ("Boise", "Pocatello", "Cedar Ridge Douglas Academy")]
    tok = R.use_model(model)
    try:
        boise, pocatello, academy = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    finally:
        R._MODEL.reset(tok)
    # a span known by its own name is that place, however weak the model thinks it
    assert (pocatello.place.name, pocatello.place.admin1) == ("Pocatello", "ID")
    assert pocatello.score < 0 and boise.place.name == "Boise"
    # one known only by a name inside it ("Douglas") lies where the document is (score
    # 0 and no candidates mark the guess), not at some Douglas
    assert academy.place.admin1 == "ID" and (academy.score, academy.candidates) == (0.0, 0)
