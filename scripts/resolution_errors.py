"""Gold-span resolution per corpus half, and its errors over 161 km sorted by kind.

The place resolver is judged on a *tune* and a *check* half of every development corpus
with coordinates (LGL, GeoWebNews, GeoVirus, IDRISI; read from ``--eval``, never copied
into the repository). A document is in the tune half when the CRC-32 of its text is even
(:func:`geomap.evaluation.event_readers.half_of`, the rule every other figure uses).

For every gold toponym resolved more than 161 km from its gold point, the kind of error:

``convention``
    the right country or first-level unit, whose point differs from the gold one
    (``same_entity``; the gold kind is country/admin1);
``wrong_candidate``
    a candidate of the span's own name lies within 161 km but another one was chosen
    (sub-kinds say how the chosen one relates to the right one: more populous, in the
    document's main country, a country/unit against a town, "no place" ...);
``fallback``
    no candidate of the span's own name is right, but a place the gold-span fallbacks can
    give (a name inside the span, the document's places) is;
``no_candidate``
    nothing the resolver can give is within 161 km (a gazetteer gap, a spelling), or the
    gold point itself is odd (listed with ``--show`` to judge by eye).

Usage::

    python scripts/resolution_errors.py [--eval ../shared/eval] [--corpora lgl,geovirus]
        [--half tune] [--show wrong_candidate:more_populous] [--resolver rules|learned]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from geomap.evaluation import metrics as m
from geomap.evaluation.event_readers import half_of
from geomap.evaluation.readers import read_toponyms
from geomap.evaluation.runner import default_place_fn, score_toponyms
from geomap.gazetteer import default
from geomap.geoparse import _own_candidates, resolve_spans, span_candidates
from geomap.geoparse.context import _name_key, document_focus
from geomap.geoparse.cues import common_words

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("lgl", "geowebnews", "geovirus", "idrisi")
KEYS = ("acc_161", "entity_acc", "acc_161_units_as_entities", "gold_with_coords")


def corpus_docs(eval_dir: Path, corpus: str) -> list:
    """The gold documents of a corpus."""
    if corpus == "idrisi":
        return list(read_toponyms(sorted((eval_dir / "ar" / "idrisi_lmd").glob("*.jsonl")),
                                  corpus))
    return list(read_toponyms(eval_dir / "en" / f"{corpus}.xml", corpus))


def halves(docs: list) -> dict[str, list]:
    """The tune and check halves of ``docs`` (CRC-32 of the text even / odd)."""
    out: dict[str, list] = {"tune": [], "check": []}
    for d in docs:
        out[half_of(d.text)].append(d)
    return out


def figures(docs: list) -> dict:
    """Gold-span figures of ``docs`` with the resolver in force."""
    got = score_toponyms(docs, gold_spans=True, resolver=resolve_spans,
                         place_fn=default_place_fn())
    return {k: got[k] for k in KEYS}


def _kind_of(top, gold_place) -> str:
    return m.place_kind(top.feature_code or getattr(gold_place, "feature_code", ""))


def _near(top, p) -> bool:
    return m.haversine_km(top.lat, top.lon, p.lat, p.lon) <= m.ACC_KM


def classify(doc, gaz, place_fn, common) -> list[tuple[str, str, object, object, list]]:
    """``(kind, sub-kind, gold toponym, chosen place, own candidates)`` for every error of
    ``doc`` over 161 km."""
    spans = [t.span for t in doc.toponyms]
    out = resolve_spans(doc.text, spans, doc.language)
    reach = span_candidates(doc.text, spans, doc.language)
    own = [_own_candidates(doc.text[s:e], gaz, common)[0] for s, e in spans]
    focus = document_focus(own, None)
    top_cc = max(sorted(focus), key=focus.__getitem__) if focus else None
    errors = []
    for n, (top, r) in enumerate(zip(doc.toponyms, out, strict=True)):
        if not top.has_coords:
            continue
        p = r.place
        if p is not None and _near(top, p):
            continue
        gp = place_fn(top.geonameid) if top.geonameid else None
        kind = _kind_of(top, gp)
        cs = own[n]
        if p is not None and (m.same_entity(top.geonameid, gp, p) if top.geonameid
                              else _same_unit_by_point(top, p)):
            errors.append(("convention", kind if top.geonameid else _unit_kind(p), top, p, cs))
            continue
        right = [c for c in cs if _near(top, c)]
        if right:
            errors.append(("wrong_candidate", _why(p, right, cs, top_cc), top, p, cs))
        elif any(_near(top, c) for c in reach[n]):
            errors.append(("fallback", "context" if cs else "no_own", top, p, cs))
        else:
            errors.append(("no_candidate", "has_own" if cs else "unknown_name", top, p, cs))
    return errors


def _unit_kind(p) -> str:
    return "continent" if p.feature_code == "CONT" else m.place_kind(p.feature_code)


def _same_unit_by_point(top, p) -> bool:
    """For a corpus without ids (GeoVirus, IDRISI): is ``p`` a continent, a country or a
    first-level unit that holds the gold point (its nearest town's country and unit, by
    ``reverse_geocoder``)? Then only the point convention differs."""
    if p.feature_code == "CONT":
        return True  # a continent named as the gold one is (the gold phrase is its name)
    if not (p.is_country or p.feature_code == "ADM1"):
        return False
    import reverse_geocoder

    got = reverse_geocoder.search([(top.lat, top.lon)], mode=1, verbose=False)[0]
    if got["cc"] != p.country_code:
        return False
    return p.is_country or _name_key(got["admin1"]).startswith(_name_key(p.name))


def _unit(p) -> bool:
    return p.is_country or p.feature_code in ("ADM1", "ADM2", "CONT")


def _why(p, right, cs, top_cc) -> str:
    """How the chosen place relates to the right ones."""
    if p is None:
        return "no_place"
    best = max(right, key=lambda c: c.population)
    if _unit(p) and not _unit(best):
        return "unit_over_town"
    if _unit(best) and not _unit(p):
        return "town_over_unit"
    if top_cc and p.country_code == top_cc and best.country_code != top_cc:
        return "focus_wrong"
    if top_cc and best.country_code == top_cc and p.country_code != top_cc:
        return "focus_ignored"
    if p.population > best.population:
        return "more_populous"
    return "less_populous"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--corpora", default=",".join(CORPORA))
    ap.add_argument("--half", choices=("tune", "check", "all", "both"), default="both",
                    help="figures of one half, of all documents, or of each (both)")
    ap.add_argument("--resolver", choices=("rules", "learned"), default=None)
    ap.add_argument("--figures-only", action="store_true")
    ap.add_argument("--show", default="", help="list the errors of KIND[:SUB] (tune half)")
    ap.add_argument("--max", type=int, default=40)
    args = ap.parse_args(argv)
    if args.resolver:
        os.environ["GEOMAP_RESOLVER"] = args.resolver
    gaz = default()
    place_fn = default_place_fn()
    for corpus in args.corpora.split(","):
        docs = halves(corpus_docs(args.eval, corpus))
        docs["all"] = docs["tune"] + docs["check"]
        for half in ("tune", "check", "all"):
            if args.half not in ("both", half):
                continue
            f = figures(docs[half])
            print(f"{corpus:10s} {half:5s} acc_161 {f['acc_161']:.4f} entity_acc "
                  f"{f['entity_acc'] if f['entity_acc'] is None else round(f['entity_acc'], 4)}"
                  f" units_as_entities {f['acc_161_units_as_entities']:.4f}"
                  f" n {f['gold_with_coords']}")
        if args.figures_only:
            continue
        common = common_words("ar" if corpus == "idrisi" else "en")
        tally: Counter = Counter()
        shown = 0
        for doc in docs["tune"]:
            for kind, sub, top, p, cs in classify(doc, gaz, place_fn, common):
                tally[(kind, sub)] += 1
                if args.show and f"{kind}:{sub}".startswith(args.show) and shown < args.max:
                    shown += 1
                    ctx = doc.text[max(0, top.start - 60):top.end + 40].replace("\n", " ")
                    got = (f"{p.name} [{p.feature_code} {p.country_code}/{p.admin1} "
                           f"pop {p.population}]" if p else "None")
                    print(f"  {top.phrase!r} gold ({top.lat:.2f},{top.lon:.2f}) "
                          f"{top.feature_code or top.kind} -> {got}; {len(cs)} cands "
                          f"| ...{ctx}...")
        total = sum(tally.values())
        print(f"{corpus} tune errors over 161 km: {total}")
        for (kind, sub), n in sorted(tally.items(), key=lambda kv: -kv[1]):
            print(f"  {kind:16s} {sub:16s} {n:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
