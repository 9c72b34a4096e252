"""The index of found mentions (geomap.geoparse.found) answers as a scan of them all
would: which mentions overlap a span, in the order they were added, after replacements;
and a long list of names is read the same from any of its names."""

from __future__ import annotations

import random

from geomap.geoparse import geoparse
from geomap.geoparse.found import Found
from geomap.records import Mention


def _m(s: int, e: int) -> Mention:
    return Mention(s, e, "x" * (e - s), "x", "en")


def test_overlapping_mentions_are_those_a_scan_finds_in_the_order_added():
    rng = random.Random(7)
    mentions = [_m(s, s + rng.randint(1, 30)) for s in rng.sample(range(0, 2000), 300)]
    found = Found(mentions)
    live = list(mentions)
    for _ in range(200):
        s = rng.randint(0, 2000)
        e = s + rng.randint(1, 60)
        want = [m for m in live if m.start < e and s < m.end]
        assert found.overlapping(s, e) == want
        inside = [m for m in want if s <= m.start and m.end <= e]
        new = _m(s, e)
        found.replace(inside, new)
        live = [m for m in live if m not in inside] + [new]
        assert found.mentions() == live
        assert set(found.spans) == {(m.start, m.end) for m in live}


def test_a_span_two_mentions_share_stays_taken_until_both_are_gone():
    a, b = _m(5, 9), _m(5, 9)
    found = Found([a, b])
    found.remove(a)
    assert (5, 9) in found.spans and 9 in found.spans.ends
    found.remove(b)
    assert (5, 9) not in found.spans and 9 not in found.spans.ends


def test_a_long_list_of_names_gives_every_name(gazetteer):
    # a list far longer than news writes: every name is still found, once
    text = "Rebels shelled " + ", ".join(["Aleppo", "Menbej", "Azaz"] * 200) + "."
    got = geoparse(text, language="en", gazetteer=gazetteer)
    assert len(got) == 600 and len({r.mention.start for r in got}) == 600
