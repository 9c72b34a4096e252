"""Geoparse stage: recognise place mentions, then resolve them against a gazetteer."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping, Sequence

from ..gazetteer import Gazetteer, default
from ..geodesy import haversine_km
from ..records import Mention, Resolved
from ..text.lang import detect_language
from ..text.normalize import arabic_variants, is_arabic, key, normalize, tokenize
from .demonyms import demonyms
from .recognize import _cue_after, _cue_before, recognise
from .resolve import resolve

__all__ = ["candidates", "geoparse", "haversine_km", "recognise", "resolve", "resolve_spans"]


def span_key(surface: str, gaz: Gazetteer) -> str:
    """The lookup key of a span, with Arabic clitics stripped when the whole form is unknown."""
    k = key(surface)
    if not gaz.has_key(k):
        parts = k.split(" ")
        if parts and is_arabic(parts[0]):
            for v in arabic_variants(parts[0]):
                cand = " ".join([v, *parts[1:]])
                if gaz.has_key(cand):
                    return cand
    return k


def candidates(phrase: str, language: str | None = None, *, gazetteer: Gazetteer | None = None):
    """Every gazetteer place a phrase could name (the ceiling of resolution)."""
    gaz = gazetteer or default()
    return gaz.candidates(span_key(phrase, gaz))


def geoparse(
    text: str,
    language: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    evidence: Mapping[str, float] | None = None,
) -> list[Resolved]:
    """Recognise and resolve the places in ``text``.

    Returns one :class:`~geomap.records.Resolved` per mention, in text order; its
    ``place`` is ``None`` when no candidate fits. ``evidence`` is ``country_evidence(text)``
    when the caller already has it (the events stage finds demonyms in its own pass).
    """
    gaz = gazetteer or default()
    lang = language or detect_language(text)
    if evidence is None:
        evidence = country_evidence(text)
    return resolve(recognise(text, gaz, lang, exclude), gaz, text=text, evidence=evidence)


def country_evidence(text: str) -> Counter[str]:
    """Countries the text's demonyms point to ("Syrian", "التركي"), counted."""
    norm = normalize(text)
    return Counter(m.value[0] for m in demonyms().find(norm, tokenize(norm.text)) if m.value[0])


def resolve_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    language: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[Resolved]:
    """Resolve given spans of ``text`` (gold mentions) in the document's context.

    Arabic spans are looked up with their clitics stripped when the whole form is unknown.
    """
    gaz = gazetteer or default()
    lang = language or detect_language(text)
    norm = normalize(text)
    toks = tokenize(norm.text)
    starts = [norm.offsets[t.start] for t in toks]
    mentions = []
    for s, e in spans:
        k = span_key(text[s:e], gaz)
        i = bisect.bisect_left(starts, s)
        j = bisect.bisect_left(starts, e)
        cue = _cue_before(toks, i, lang) or _cue_after(toks, j, lang) if toks else None
        mentions.append(Mention(s, e, text[s:e], k, lang, cue))
    resolved = resolve(mentions, gaz, text=text, evidence=country_evidence(text))
    # a gold span that is a demonym ("Syrians", "Canadian") stands for its country, unless
    # it names a real region or a sizeable town
    out = []
    for r in resolved:
        weak = r.place is None or (r.place.feature_class == "P" and r.place.population < 50_000)
        if weak:
            norm = normalize(r.mention.surface)
            found = demonyms().find(norm, tokenize(norm.text))
            if found and found[0].start == 0 and found[0].end == len(r.mention.surface):
                place = gaz.place(found[0].value[1])
                if place is not None:
                    r = Resolved(r.mention, place, 1.0, r.candidates or 1)
        out.append(r)
    return out
