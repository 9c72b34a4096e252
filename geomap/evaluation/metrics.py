"""Pure scoring functions for recognition and resolution.

Spans are half-open ``(start, end)`` character (or token) intervals.  Nothing here reads
files or calls a geoparser.

Resolution figures follow Gritta et al. 2018, "What's missing in geographical parsing?"
(Language Resources and Evaluation 52): accuracy within 161 km (100 miles), mean and
median great-circle error in km, and the area under the curve of the *log* error:

.. math::

    \\mathrm{AUC} = \\int_0^1 \\frac{\\ln(1 + e(x))}{\\ln(1 + 20039)}\\,dx

where ``e(x)`` are the errors sorted ascending and spread evenly over ``[0, 1]``, and
20,039 km is the largest possible error (half the Earth's circumference).  The integral is
taken with the trapezoidal rule over the sorted errors (``numpy.trapz(...) / (n - 1)``, as
in the authors' evaluation code), which differs from the plain mean of the normalised log
errors only by half the first and last values over ``n - 1``.  The authors' code divides
by ``ln(20039)``; ``ln(20040)`` is used here so that the largest error scores exactly 1
(the two differ by 5e-6 relative).  Lower AUC is better: 0 is a perfect geocoder.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Iterable, Sequence

from ..geodesy import EARTH_RADIUS_KM, haversine_km  # noqa: F401 - re-exported for scorers

#: Largest possible great-circle error, km (Gritta et al. 2018).
MAX_ERROR_KM = 20039.0
#: The accuracy threshold: 100 miles.
ACC_KM = 161.0

Span = tuple[int, int]


# --------------------------------------------------------------------------- spans


def overlaps(a: Span, b: Span) -> bool:
    """True when two half-open spans share at least one position.

    >>> overlaps((0, 5), (4, 9)), overlaps((0, 5), (5, 9))
    (True, False)
    """
    return a[0] < b[1] and b[0] < a[1]


def span_counts(
    gold: Iterable[Span], predicted: Iterable[Span], *, strict: bool = True
) -> dict[str, int]:
    """Counts for precision/recall over one document's span sets (duplicates removed).

    Strict: a span matches when start and end are equal.  Overlap: a gold span counts as
    found when any predicted span overlaps it, and a predicted span counts as correct
    when it overlaps any gold span (so precision and recall may use different match
    counts; this is the usual lenient convention).

    >>> span_counts([(0, 5), (10, 14)], [(0, 5), (11, 20)], strict=False)
    {'gold': 2, 'predicted': 2, 'gold_matched': 2, 'pred_matched': 2}
    >>> span_counts([(0, 5), (10, 14)], [(0, 5), (11, 20)])
    {'gold': 2, 'predicted': 2, 'gold_matched': 1, 'pred_matched': 1}
    """
    g, p = set(gold), set(predicted)
    if strict:
        hit = len(g & p)
        gold_hit = pred_hit = hit
    else:
        gold_hit = sum(1 for s in g if any(overlaps(s, t) for t in p))
        pred_hit = sum(1 for t in p if any(overlaps(s, t) for s in g))
    return {"gold": len(g), "predicted": len(p), "gold_matched": gold_hit, "pred_matched": pred_hit}


def add_counts(total: dict[str, int], counts: dict[str, int]) -> dict[str, int]:
    """Sum two count dicts key by key (returns a new dict)."""
    out = dict(total)
    for k, v in counts.items():
        out[k] = out.get(k, 0) + v
    return out


def prf(pred_correct: int, n_pred: int, gold_found: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty denominator gives 0.0.

    >>> prf(3, 4, 3, 6)
    (0.75, 0.5, 0.6)
    """
    p = pred_correct / n_pred if n_pred else 0.0
    r = gold_found / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def prf_from_counts(counts: dict[str, int]) -> tuple[float, float, float]:
    """:func:`prf` from a :func:`span_counts` dict."""
    return prf(counts["pred_matched"], counts["predicted"], counts["gold_matched"], counts["gold"])


def set_prf(gold: Iterable, predicted: Iterable) -> tuple[int, int, int]:
    """``(true_positives, n_predicted, n_gold)`` for two sets of labels.

    >>> set_prf({"SYR", "TUR"}, {"SYR", "IRQ", "USA"})
    (1, 3, 2)
    """
    g, p = set(gold), set(predicted)
    return len(g & p), len(p), len(g)


# --------------------------------------------------------------------------- BIO


def bio_entities(
    tags: Sequence[str], labels: Iterable[str] | None = None
) -> list[tuple[int, int, str]]:
    """Entity chunks of a BIO tag sequence as ``(start_token, end_token_exclusive, label)``.

    Chunking follows conlleval: a chunk starts at ``B-X``, or at ``I-X`` after ``O`` or
    after a chunk of another type; anything not ``B-``/``I-`` (``O``, malformed tags such
    as ``OO``) is outside.  With ``labels``, only chunks of those types are returned.

    >>> bio_entities(["B-LOC", "I-LOC", "O", "I-LOC", "B-PER", "B-LOC"])
    [(0, 2, 'LOC'), (3, 4, 'LOC'), (4, 5, 'PER'), (5, 6, 'LOC')]
    """
    keep = None if labels is None else set(labels)
    chunks: list[tuple[int, int, str]] = []
    start, kind = None, None

    def close(end: int) -> None:
        if start is not None and (keep is None or kind in keep):
            chunks.append((start, end, kind))

    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "B" and label:
            close(i)
            start, kind = i, label
        elif prefix == "I" and label:
            if start is None or kind != label:
                close(i)
                start, kind = i, label
        else:
            close(i)
            start, kind = None, None
    close(len(tags))
    return chunks


#: Capitalised words that start a common-noun phrase ("The city", "This area"): a gold
#: span is a proper name only by another capitalised word.
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their"})


def is_proper_name(tokens: Sequence[str]) -> bool:
    """Does a span of tokens hold a proper name (a capitalised word, determiners aside)?

    >>> is_proper_name(["the", "city"]), is_proper_name(["The", "front", "line"])
    (False, False)
    >>> is_proper_name(["northern", "Iraq"]), is_proper_name(["The", "Hague"])
    (True, True)
    """
    return any(t[:1].isupper() and t.lower() not in _DETERMINERS for t in tokens)


def restricted_counts(
    gold: Iterable[Span], kept: Iterable[Span], predicted: Iterable[Span], *, strict: bool
) -> dict[str, int]:
    """:func:`span_counts` against the ``kept`` part of the gold spans only.

    A predicted span that matches a gold span left out (and no kept one) is neither right
    nor wrong: it is dropped, so the figures are those of a gold set without those spans.
    """
    g, k = set(gold), set(kept)
    dropped = g - k

    def hits(p: Span, spans: set[Span]) -> bool:
        return p in spans if strict else any(overlaps(p, s) for s in spans)

    pred = {p for p in predicted if not (hits(p, dropped) and not hits(p, k))}
    return span_counts(k, pred, strict=strict)


def char_to_token_span(span: Span, token_spans: Sequence[Span]) -> Span | None:
    """The tokens a character span overlaps, as ``(first, last + 1)``; ``None`` if none.

    >>> char_to_token_span((4, 8), [(0, 3), (4, 10), (11, 15)])
    (1, 2)
    """
    hit = [i for i, ts in enumerate(token_spans) if overlaps(span, ts)]
    return (hit[0], hit[-1] + 1) if hit else None


# --------------------------------------------------------------------------- distance




def accuracy_at(errors: Iterable[float | None], km: float = ACC_KM) -> float:
    """Share of errors ``<= km``; ``None`` (not resolved) counts as wrong.

    >>> accuracy_at([0.0, 100.0, 200.0, None])
    0.5
    """
    errs = list(errors)
    if not errs:
        return 0.0
    return sum(1 for e in errs if e is not None and e <= km) / len(errs)


def auc_log_error(errors: Iterable[float], max_error: float = MAX_ERROR_KM) -> float:
    """Area under the normalised log error curve (Gritta et al. 2018); lower is better.

    See the module docstring for the formula.  Errors are clipped to ``[0, max_error]``.

    >>> auc_log_error([0.0, 0.0])
    0.0
    >>> auc_log_error([20039.0])
    1.0
    >>> round(auc_log_error([0.0, 20039.0]), 3)
    0.5
    """
    ys = sorted(math.log1p(min(max(e, 0.0), max_error)) / math.log1p(max_error) for e in errors)
    if not ys:
        return 0.0
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys))
    return area / (len(ys) - 1)


def error_summary(errors: Iterable[float]) -> dict[str, float | None]:
    """``mean_km``, ``median_km`` and ``auc`` of resolved errors (``None`` when empty)."""
    errs = list(errors)
    if not errs:
        return {"mean_km": None, "median_km": None, "auc": None}
    return {
        "mean_km": statistics.fmean(errs),
        "median_km": statistics.median(errs),
        "auc": auc_log_error(errs),
    }


#: Kinds of place that resolution figures are broken down by (:func:`place_kind`).
PLACE_KINDS = ("country", "admin1", "admin2", "populated", "other")


def place_kind(feature_code: str | None) -> str:
    """The kind of a GeoNames feature code: country, admin1, admin2, populated or other.

    >>> [place_kind(c) for c in ("PCLI", "ADM1", "ADM2", "PPLA", "STM", "")]
    ['country', 'admin1', 'admin2', 'populated', 'other', 'other']
    """
    code = feature_code or ""
    if code.startswith("PCL"):
        return "country"
    if code in ("ADM1", "ADM2"):
        return "admin1" if code == "ADM1" else "admin2"
    if code.startswith("PPL"):
        return "populated"
    return "other"


def same_entity(gold_id: int | None, gold_place, place) -> bool:
    """Did resolution find the gold entity? The same GeoNames id; or, for a country or an
    administrative unit, the same unit under another id (a ``PCLD`` for a ``PCLI``, the
    same first-level unit of the same country, a second-level unit of the same name in the
    same first-level unit).  ``gold_place`` is the gold id's gazetteer entry (``None``
    when the gazetteer lacks it).
    """
    if place is None or gold_id is None:
        return False
    if getattr(place, "geonameid", None) == gold_id:
        return True
    if gold_place is None:
        return False
    kind = place_kind(gold_place.feature_code)
    if kind != place_kind(place.feature_code) or kind not in ("country", "admin1", "admin2"):
        return False
    if place.country_code != gold_place.country_code:
        return False
    if kind == "country":
        return True
    if place.admin1 != gold_place.admin1:
        return False
    return kind == "admin1" or place.name == gold_place.name


def candidate_recall(hits: Iterable[bool]) -> float | None:
    """Share of gold toponyms with at least one gazetteer candidate within 161 km.

    ``hits`` holds one boolean per gold toponym with coordinates; ``None`` when empty.

    >>> candidate_recall([True, False, True, True])
    0.75
    """
    h = list(hits)
    return sum(h) / len(h) if h else None


def any_within(lat: float, lon: float, places: Iterable, km: float = ACC_KM) -> bool:
    """True when any place (with ``.lat``/``.lon``) lies within ``km`` of ``(lat, lon)``."""
    return any(haversine_km(lat, lon, p.lat, p.lon) <= km for p in places)
