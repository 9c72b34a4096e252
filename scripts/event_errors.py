"""Whole-event errors per document, on one half of a coded corpus (study the tune half only).

Reads coded documents with :mod:`geomap.evaluation.event_readers` (UCDP, ACLED,
HRDsAttack, PLOVER; the data is read from its path, never copied into the repository),
runs geomap's event system on each document once, and prints one block per document:
the gold type / actors / place / date / fatalities beside the first event geomap gives
(its type, actors, place and the reason it was chosen). ``--only`` keeps the documents
that miss one figure: ``event`` (no event), ``type``, ``actor``, ``actor1``, ``place``
(first event over 25 km away), ``reach`` (so, while a place the text names has a gazetteer
candidate within 25 km: the names are printed), ``fatalities``, ``date``.

Usage::

    python scripts/event_errors.py ../shared/eval/events/ucdp_ged_syria_2016_2019.csv \\
        --format ucdp [--half tune] [--only fatalities] [--limit 200] [--sample 0.2]
"""

from __future__ import annotations

import argparse
import sys
import zlib

from geomap.evaluation.event_readers import read_events
from geomap.evaluation.event_scoring import _iso3_to_iso2, get_event_system
from geomap.geodesy import haversine_km
from geomap.records import Document


def _near_names(gold) -> list[str]:
    """The names in the text with a gazetteer candidate within 25 km of the coder's point."""
    from geomap.geoparse import geoparse, name_candidates

    out = []
    for r in geoparse(gold.text, gold.language):
        cands = list(name_candidates(r.mention.surface, gold.language))
        cands += [r.place] if r.place is not None else []
        if any(haversine_km(gold.lat, gold.lon, p.lat, p.lon) <= 25 for p in cands):
            out.append(r.mention.surface)
    return out


def _misses(gold, events, system) -> set[str]:
    first = events[0] if events else None
    out: set[str] = set()
    if first is None:
        return {"event", "type", "actor", "actor1", "place", "fatalities", "date"}
    if gold.event_types and first.event_type not in gold.event_types:
        out.add("type")
    mapper = system.actor_names or (lambda n: frozenset())
    side1 = {n for a in gold.actor1 for n in mapper(a)}
    side2 = {n for a in gold.actor2 for n in mapper(a)}
    # PLOVER's actors are countries too (ISO-3 codes), as the scorer counts them
    iso2 = _iso3_to_iso2() if gold.actor_codes1 or gold.actor_codes2 else {}
    codes = {iso2.get(c.upper(), "") for c in (*gold.actor_codes1, *gold.actor_codes2)} - {""}
    codes1 = {iso2.get(c.upper(), "") for c in gold.actor_codes1} - {""}

    def hit(actor, names, countries) -> bool:
        return actor in names or (system.actor_countries(actor) or "-") in countries

    if (gold.actor1 or gold.actor2 or codes) and not any(
        hit(a, side1 | side2, codes) for a in first.actors
    ):
        out.add("actor")
    if (gold.actor1 or codes1) and not (first.actor1 and hit(first.actor1, side1, codes1)):
        out.add("actor1")
    located = [e.place for e in events if e.place is not None]
    if gold.has_point and not (
        located and haversine_km(gold.lat, gold.lon, located[0].lat, located[0].lon) <= 25
    ):
        out.add("place")
    if gold.fatalities is not None and first.fatalities != gold.fatalities:
        out.add("fatalities")
    if gold.date is not None and first.event_date != gold.date:
        out.add("date")
    return out


def _event_line(e) -> str:
    place = e.place.name if e.place is not None else "-"
    if e.place is not None:
        place += f" ({e.place.country_code}/{e.place.admin1_name or e.place.admin1})"
    return (
        f"  got {e.event_type} / {e.sub_event_type} | a1={e.actor1} a2={e.actor2} "
        f"actors={list(e.actors)} | {place} [{e.location_reason}] | {e.event_date} | "
        f"fat={e.fatalities} | trig={e.trigger!r}"
    )


def _print_block(gold, events, misses: set[str], near: list[str], all_events: bool) -> None:
    print(f"== {gold.doc_id} misses={sorted(misses)}")
    print(f"  text {gold.text[:600]!r}")
    print(
        f"  gold {sorted(gold.event_types)} / {gold.sub_event_type} | a1={list(gold.actor1)} "
        f"a2={list(gold.actor2)} | {gold.city or ''} {gold.admin1} {sorted(gold.countries)} "
        f"({gold.lat},{gold.lon}) | {gold.date} | fat={gold.fatalities}"
    )
    if near:
        print(f"  near {near}")
    for e in events if all_events else events[:1]:
        print(_event_line(e))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--format", required=True, choices=("ucdp", "acled", "hrdsattack", "plover"))
    ap.add_argument("--half", default="tune", choices=("tune", "check", "all"))
    ap.add_argument("--only", default="", help="comma-separated figures missed")
    ap.add_argument("--limit", type=int, default=None, help="documents printed at most")
    ap.add_argument("--sample", type=float, default=1.0, help="share of documents (by CRC)")
    ap.add_argument("--all-events", action="store_true", help="print every event, not the first")
    args = ap.parse_args(argv)
    only = {w for w in args.only.split(",") if w}
    system = get_event_system("geomap")
    cache: dict = {}
    shown = 0
    for gold in read_events(args.paths, args.format):
        if args.half != "all" and gold.half != args.half:
            continue
        if args.sample < 1.0 and zlib.crc32(gold.text.encode()) % 1000 >= args.sample * 1000:
            continue
        key = (gold.text, gold.doc_date)
        if key not in cache:
            doc = Document(doc_id=gold.doc_id, text=gold.text, source=gold.doc_id,
                           date=gold.doc_date, language=gold.language)
            cache[key] = list(system.events(doc))
        events = cache[key]
        misses = _misses(gold, events, system)
        near = _near_names(gold) if "reach" in only and "place" in misses else []
        if near:
            misses.add("reach")
        if only and not (only & misses):
            continue
        _print_block(gold, events, misses, near, args.all_events)
        shown += 1
        if args.limit and shown >= args.limit:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
