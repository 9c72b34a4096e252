"""Geoparse stage: recognise place mentions, then resolve them against a gazetteer."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping, Sequence

from ..gazetteer import Gazetteer, default
from ..geodesy import haversine_km
from ..records import Mention, Place, Resolved
from ..text.lang import detect_language
from ..text.normalize import arabic_variants, is_arabic, key, normalize, tokenize
from .demonyms import demonyms
from .recognize import _cue_after, _cue_before, common_words, recognise
from .resolve import resolve
from .spans import adjective_key, context_place, inner_key

__all__ = [
    "candidates",
    "geoparse",
    "haversine_km",
    "recognise",
    "resolve",
    "resolve_spans",
    "span_candidates",
]


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
    """Every gazetteer place :func:`resolve_spans` can give ``phrase`` on its own (the
    ceiling of resolution before the document's context is used).

    That is the places of its name (Arabic clitics stripped), or, for a name the gazetteer
    does not know, those of the longest place name inside it ("Colorado State University");
    plus the country a demonym stands for ("Syrians").
    """
    gaz = gazetteer or default()
    lang = language or detect_language(phrase)
    place = demonym_place(phrase, gaz)
    out = list(gaz.candidates(_lookup_key(phrase, gaz, common_words(lang), place)))
    if place is not None and all(p.geonameid != place.geonameid for p in out):
        out.append(place)
    return out


def _lookup_key(surface: str, gaz: Gazetteer, common: frozenset[str], demonym: Place | None) -> str:
    """The key a given span is looked up by: its own (:func:`span_key`), or, when the
    gazetteer does not know it and it is no demonym, that of the longest place name inside."""
    k = span_key(surface, gaz)
    if demonym is not None or gaz.has_key(k):
        return k
    return inner_key(surface, gaz, common) or adjective_key(surface, gaz) or k


def demonym_place(surface: str, gaz: Gazetteer) -> Place | None:
    """The place a span that is wholly a demonym stands for ("Syrians" -> Syria)."""
    norm = normalize(surface)
    found = demonyms().find(norm, tokenize(norm.text))
    if found and found[0].start == 0 and found[0].end == len(surface):
        return gaz.place(found[0].value[1])
    return None


def span_candidates(
    text: str,
    spans: Sequence[tuple[int, int]],
    language: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[list[Place]]:
    """Every place :func:`resolve_spans` can give each span of ``text``, in span order.

    A span's own :func:`candidates`; for a span with none, the places below country level
    that the document's other spans may name (the context fallback picks one of them).
    """
    gaz = gazetteer or default()
    lang = language or detect_language(text)
    own = [candidates(text[s:e], lang, gazetteer=gaz) for s, e in spans]
    context: dict[int, Place] = {}
    for cs in own:
        for p in cs:
            if not p.is_country and p.feature_code != "CONT":
                context.setdefault(p.geonameid, p)
    return [cs or list(context.values()) for cs in own]


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
    common = common_words(lang)
    demonym = [demonym_place(text[s:e], gaz) for s, e in spans]
    mentions = []
    for (s, e), dem in zip(spans, demonym, strict=True):
        surface = text[s:e]
        k = _lookup_key(surface, gaz, common, dem)
        i = bisect.bisect_left(starts, s)
        j = bisect.bisect_left(starts, e)
        cue = _cue_before(toks, i, lang) or _cue_after(toks, j, lang) if toks else None
        mentions.append(Mention(s, e, surface, k, lang, cue))
    resolved = resolve(mentions, gaz, text=text, evidence=country_evidence(text))
    out = []
    for r, dem in zip(resolved, demonym, strict=True):
        # a gold span that is a demonym ("Syrians", "Canadian") stands for its country,
        # unless it names a real region or a sizeable town
        weak = r.place is None or (r.place.feature_class == "P" and r.place.population < 50_000)
        if weak and dem is not None:
            r = Resolved(r.mention, dem, 1.0, r.candidates or 1)
        out.append(r)
    # a span the gazetteer knows nothing of (a street, a building) lies in the place the
    # document is about; score 0 and no candidates mark the guess
    ctx = context_place(out)
    if ctx is not None:
        out = [Resolved(r.mention, ctx, 0.0, 0) if r.place is None and not r.candidates else r
               for r in out]
    return out

