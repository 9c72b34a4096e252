"""The geoparser's shortcuts give what the long way gives (texts written for the tests)."""

from __future__ import annotations

import pytest

from geomap.gazetteer.base import Gazetteer
from geomap.geoparse.variants import _longest_folded, _runs, folded_mentions
from geomap.text.spelling import latin_rules, skeleton, skeleton_words
from geomap.text.view import TextView


class _NoPrefixes(Gazetteer):
    """The gazetteer it wraps, without its prefixes (the base's empty default): a backend
    whose prefixes cannot tell when a skeleton stops growing."""

    def __init__(self, base):
        self.base = base

    def candidates(self, key):
        return self.base.candidates(key)

    def place(self, geonameid):
        return self.base.place(geonameid)

    def has_key(self, key):
        return self.base.has_key(key)

    def names_for_key(self, key):
        return self.base.names_for_key(key)


@pytest.mark.parametrize(
    "words",
    [
        ["Deir", "ez", "Zor"],
        ["Ma'arrat", "al", "Nu'man"],
        ["Jisr", "ash", "Shughur", "Bridge"],
        ["Al", "Hudaydah"],
        ["Tell", "Tamer", "A1B"],
        ["Raqqa"],
        ["Al"],
        ["Kyiv", "Бахмут"],
    ],
)
def test_a_skeleton_is_made_of_its_words_skeleton_words(words):
    parts = [skeleton_words(w) for w in words]
    for sep in (" ", "-"):
        name = sep.join(words)
        if any(p is None for p in parts):
            assert skeleton(name) is None
            continue
        joined = [c for p in parts for c in p]
        least = latin_rules().min_consonants
        expected = "~" + " ".join(joined) if joined and sum(map(len, joined)) >= least else None
        assert skeleton(name) == expected, name


TEXTS = [
    "Government shelling hit Maarat al-Numan and Kafr Nabl in Idlib province on Sunday.",
    "Rebels said they had entered Jisr ash-Shughur after clashes near Tell Tamer.",
    "Coalition jets struck the port of Hodeidah. Houthi Forces Said The Raid On Dayr Az "
    "Zawr And Al Bab Killed Five.",
    "Clashes near Shaddadi in Hasakah province; the town of Hreytan near Aleppo was hit.",
    "Sen. John Smith of New York met Mayor Ali Hassan in Boston's Back Bay on Monday.",
]


def _slow(view, gazetteer):
    """folded_mentions' answer the long way: every span of every run asked about."""
    out = []
    spans: set = set()
    text = view.text
    stop = frozenset()
    for run in _runs(text, latin_rules().articles):
        i = 0
        while i < len(run):
            got = _longest_folded(text, run, i, spans, stop, gazetteer, 0, frozenset())
            i = got[3] if got else i + 1
            if got:
                out.append(got[:3])
    return out


def _fast(view, gazetteer):
    """The same through the skeleton ends that folded_mentions now asks first."""
    from geomap.geoparse.variants import _keyed_runs

    out = []
    text = view.text
    for run, ends in _keyed_runs(text, gazetteer, frozenset()):
        i = 0
        while i < len(run):
            got = _longest_folded(
                text, run, i, set(), frozenset(), gazetteer, 0, frozenset(), possible=ends[i]
            ) if ends[i] else None
            i = got[3] if got else i + 1
            if got:
                out.append(got[:3])
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_skeleton_ends_leave_out_only_spans_without_a_key(text, gazetteer):
    view = TextView.of(text, "en")
    assert _fast(view, gazetteer) == _slow(view, gazetteer)
    # a backend whose prefixes are not whole is asked about every span
    assert _fast(view, _NoPrefixes(gazetteer)) == _slow(view, gazetteer)


@pytest.mark.parametrize("text", TEXTS)
def test_folded_mentions_do_not_depend_on_the_prefixes(text, gazetteer):
    view = TextView.of(text, "en")
    got = folded_mentions(view, gazetteer, [])
    assert got == folded_mentions(view, _NoPrefixes(gazetteer), [])
    assert any(m.key.startswith("~") for m in got) or "Sen." in text


# -- per-document tables of the cue and not-place tests --------------------------------


CUE_TEXTS = [
    ("Fighting near the town of Al Bab and in the village of Tal Rifaat, north of the city "
     "of Aleppo, and in Idlib province.", "en"),
    ("قصفت الطائرات قرب مدينة الباب وفي قرية تل رفعت وبمحافظة إدلب", "ar"),
]


@pytest.mark.parametrize("text,lang", CUE_TEXTS)
def test_cue_table_answers_as_the_long_way(text, lang):
    from geomap.geoparse.cues import _cue_before, cue_before

    toks = TextView.of(text, lang).tokens
    expected = [_cue_before(toks, i, lang) for i in range(len(toks) + 1)]
    assert any(expected)
    # asked in any order, twice, and with a list (no table) alike
    for order in (range(len(toks) + 1), reversed(range(len(toks) + 1))):
        for i in order:
            assert cue_before(toks, i, lang) == expected[i]
            assert cue_before(list(toks), i, lang) == expected[i]


def test_word_behind_reads_as_the_pattern():
    import re

    from geomap.geoparse.notplaces import _word_behind

    pattern = re.compile(r"([^\W\d_][\w'’]*)(\.?)\s+$")
    texts = [
        "Gen. Stephen J. Milford said on Monday that Capt.  Jeff Davis\tleft.",
        "A_hashtag_word_with_underscores_longer_than_forty_letters Homs",
        "x.  y ٣abc d 12ab. e O’Connor  Smith",
        "", " ", "  .  z",
    ]
    for text in texts:
        for start in range(len(text) + 1):
            m = pattern.search(text, max(0, start - 40), start)
            want = (m.group(1) + m.group(2), m.start()) if m else None
            assert _word_behind(text, start) == want, (text, start)


@pytest.mark.parametrize(
    "text",
    ["Fighters of Boko Haram raided Maiduguri.", "BOKO-HARAM raided Maiduguri.",
     "Bo\u212ao Haram raided Maiduguri.", "Troops raided Maiduguri."],
)
def test_a_text_without_a_groups_words_holds_no_groups_name(text):
    from geomap.geoparse.notplaces import _group_pattern, _may_name_a_group

    if _group_pattern().search(text):
        assert _may_name_a_group(text)
    assert _may_name_a_group(text) == ("aram" in text.lower())


def test_unknown_places_asked_again_give_the_first_answers():
    from geomap.geoparse.names import _named_place, _named_place_at
    from geomap.geoparse.cues import place_types

    view = TextView.of(
        "Shelling hit the Nwonko village and Handarat Refugee Camp near Batrah on Monday.", "en"
    )
    types = place_types("en")
    n = len(view.tokens)
    spans = [(a, b) for a in range(n) for b in range(a + 1, min(n, a + 4) + 1)]
    first = [_named_place(view, a, b, types) for a, b in spans]
    assert first == [_named_place_at(view, a, b, types) for a, b in spans]
    assert [_named_place(view, a, b, types) for a, b in spans] == first
    assert sum(r is not None for r in first) >= 3
    # another view of the same text starts a table of its own
    other = TextView.of(view.text, "en")
    assert [_named_place(other, a, b, types) for a, b in spans] == first
