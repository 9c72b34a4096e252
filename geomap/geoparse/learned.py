"""The learned resolver (``GEOMAP_RESOLVER=learned``): two passes of boosted trees over
the :mod:`.features` of every candidate, read from ``data/resolver_model.json`` (built by
``scripts/train_resolver.py``); see :mod:`.resolve` for the whole design."""

from __future__ import annotations

import contextvars
import functools
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import DataError
from ..gazetteer.base import Gazetteer
from ..knowledge import data_dir
from ..records import Mention, Place, Resolved
from .context import _containers, _name_key, document_focus, with_dateline_cue
from .units import with_named_units
from .features import (
    _N1,
    FIRST_FEATURES,
    SECOND_FEATURES,
    _Anchor,
    first_features,
    second_features,
    with_nearest_rank,
)


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
_MODEL: contextvars.ContextVar[Model | None] = contextvars.ContextVar(
    "resolver_model", default=None
)
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
        f2s = []
        for i in order:
            c = cs[i]
            ck = (m.key, c.geonameid)
            f2 = memo.get(ck)
            if f2 is None:
                f2 = memo[ck] = second_features(c, others, n_others,
                                                focus.get(c.country_code, 0) >= 1)
            f2s.append(f2)
        rows = [xs[i] + f2 + (0.0,)
                for i, f2 in zip(order, with_nearest_rank(f2s), strict=True)]
        out.append((order, rows))
    return out


def decide(
    mentions: Sequence[Mention],
    cands: Sequence[Sequence[Place]],
    first: Sequence[Sequence[tuple[float, ...]]],
    focus: Mapping[str, float],
    model: Model,
    *,
    places_only: bool = False,
) -> list[Resolved]:
    """Both passes of the model over a document's candidates and first-pass features
    (see :func:`anchors` and :func:`second_rows`): the best second-pass score wins, or
    ``None`` when "no place" scores higher -- unless ``places_only`` (every mention is a
    place by the caller's word), when the best candidate wins even below "no place" (its
    ``score``, the margin over "no place", is then negative)."""
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
        if best < 0 and places_only:
            # the earliest best, as _softmax_top breaks ties
            best = max(range(len(scores)), key=lambda k: (scores[k], -k))
        if best < 0:
            out.append(Resolved(m, None, max(scores) - null, len(cs)))
        else:
            out.append(Resolved(m, cs[order[best]], scores[best] - null, len(cs)))
    return out


def resolve_learned(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    text: str | None = None,
    evidence: Mapping[str, float] | None = None,
    places_only: bool = False,
) -> list[Resolved]:
    """:func:`resolve` by the learned model (see the module docstring)."""
    model = _MODEL.get() or default_model()
    cands = [with_named_units(m, gazetteer.candidates_for(m), gazetteer) for m in mentions]
    focus = document_focus(cands, evidence)
    total = float(sum(focus.values()) or 1)
    top_cc = max(sorted(focus), key=focus.__getitem__) if focus else None
    containers = _containers(mentions, cands, text)
    # a repeated name with the same cue and no container has the same features
    memo: dict[tuple, tuple[tuple[float, ...], ...]] = {}
    first = []
    # a dateline's place is a town ("NEW YORK (AP) -"): its features carry the town cue
    cued = with_dateline_cue(mentions, text, cands)
    for idx, (m, cs) in enumerate(zip(cued, cands, strict=True)):
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
    return decide(mentions, cands, first, focus, model, places_only=places_only)
