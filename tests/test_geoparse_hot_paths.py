"""The geoparser's shortcuts give what the long way gives (texts written for the tests)."""

from __future__ import annotations

import pytest

from geomap.text.view import TextView


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


def test_joined_tokens_asked_again_give_the_long_ways_answers():
    from geomap.geoparse.names import _gap_joins, _joined

    text = "Gen. Stephen J. Milford met Deir ez-Zor's O'Brien, and Tal  Abyad's men."
    view = TextView.of(text, "en")
    pairs = [(i, i + 1) for i in range(len(view.tokens) - 1)]
    expected = [_gap_joins(view, i, j) for i, j in pairs]
    assert any(expected) and not all(expected)
    for order in (pairs, pairs[::-1]):
        assert [_joined(view, i, j) for i, j in order] == [_gap_joins(view, i, j) for i, j in order]
    # a view of another text starts a table of its own
    other = TextView.of("Tal, Abyad. Deir-ez Zor near Milford J. Stephen.", "en")
    assert [_joined(other, i, i + 1) for i in range(len(other.tokens) - 1)] == [
        _gap_joins(other, i, i + 1) for i in range(len(other.tokens) - 1)
    ]


def test_excluded_spans_overlap_as_the_plain_test():
    from geomap.geoparse.found import Spans

    spans = [(10, 20), (0, 3), (15, 40), (50, 51), (50, 50), (70, 90), (72, 75)]
    index = Spans(spans)
    for start in range(0, 100, 1):
        for end in (start, start + 1, start + 4, start + 30):
            expected = any(s < end and start < e for s, e in spans)
            assert index.overlaps(start, end) == expected, (start, end)
    assert not Spans([]).overlaps(0, 10)


def test_capital_initials_agree_with_the_written_name():
    from geomap.geoparse.recognize import _capitalised, _initials_capital

    view = TextView.of("Fighting in Al Bab and al-Bab, near 3 Tal and Deir ez-Zor.", "en")
    toks = view.tokens
    for i in range(len(toks)):
        for n in (1, 2, 3):
            if i + n <= len(toks) and _initials_capital(view.text, view.token_starts, i, n):
                # the shortcut says yes only where the long way says yes
                assert _capitalised(view.text, view.norm, toks[i : i + n])


@pytest.mark.parametrize("text", [
    "Shelling hit the town of Kafr Nabl, the village of Maarat al-Numan and Kafranbel.",
    "Fighting in the village of Tal Shaeer. The City Council met in the town of Ariha.",
    "Nothing here names a town at all, Mr Smith said.",
])
def test_town_cued_words_are_those_after_a_town_cue(text):
    from geomap.geoparse.cues import cue_before
    from geomap.geoparse.variants import _runs, _town_cued_starts
    from geomap.text.spelling import latin_rules

    view = TextView.of(text, "en")
    runs = _runs(text, latin_rules().articles)
    expected = {
        start
        for run in runs
        for start, _ in run
        if "city" in (cue_before(list(view.tokens), view.tok_index(start), "en") or "").split("+")
    }
    assert set(_town_cued_starts(view, runs)) == expected
    if "town of" in text or "village of" in text:
        assert expected


def test_lone_words_skipped_by_their_skeleton_are_those_without_a_folded_key():
    from geomap.gazetteer import default
    from geomap.geoparse.variants import folded_key, foldable_memo

    gaz = default()
    foldable = foldable_memo(gaz)
    for word in ("Hodeidah", "Shughur", "State", "Senior", "Monday", "Xqzvv"):
        # a word without a known skeleton never has a key in another spelling
        if not foldable[word]:
            assert folded_key(word, gaz) is None
            assert folded_key(word, gaz, frozenset({"SY", "YE"})) is None
    assert foldable["Hodeidah"]
