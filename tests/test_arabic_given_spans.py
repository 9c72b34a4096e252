"""Arabic spans given as places (gold mentions) that the gazetteer does not know as
written: hashtags, a name's two words glued, clitics on a cue word, names known only in
Latin script (geomap.geoparse.arabic.given_key). Sentences written for these tests."""

from geomap.geoparse import resolve_spans
from geomap.text.spelling import arabic_alike


def _given(text, phrase, gazetteer):
    start = text.index(phrase)
    got = resolve_spans(text, [(start, start + len(phrase))], "ar", gazetteer=gazetteer)
    p = got[0].place
    return p and (p.name, p.country_code)


def test_a_hashtag_with_a_names_words_glued_is_that_name(gazetteer):
    text = "اندلع حريق كبير في السوق الشعبي #حفرالباطن"
    assert _given(text, "#حفرالباطن", gazetteer) == ("Hafar Al-Batin", "SA")


def test_a_glued_name_after_a_cue_word_with_clitics_is_found_inside(gazetteer):
    text = "أعلن الدفاع المدني عن أمطار غزيرة بمحافظة حفرالباطن صباح اليوم"
    assert _given(text, "بمحافظة حفرالباطن", gazetteer) == ("Hafar Al-Batin", "SA")


def test_a_name_known_only_in_latin_script_is_found_by_its_letters(gazetteer):
    # GeoNames has Al Khafji in Latin letters only
    text = "هطلت أمطار غزيرة على الخفجي مساء أمس"
    assert _given(text, "الخفجي", gazetteer) == ("Al Khafjī", "SA")
    text = "أغلقت الشرطة الطرق المؤدية إلى مدينة الخفجي"
    assert _given(text, "مدينة الخفجي", gazetteer) == ("Al Khafjī", "SA")


def test_consonants_alone_do_not_make_a_name(gazetteer):
    # "المنيل" (a quarter of Cairo) shares its consonants with ‘Immanu‘el, but no spelling
    assert not arabic_alike("منيل", ["‘Immanu‘el", "Immanuel"])
    assert arabic_alike("خفجي", ["Al Khafjī"])
    assert _given("انفجار قوي هز المنيل الليلة", "المنيل", gazetteer) is None


def test_a_word_for_a_state_is_no_town_in_latin_letters(gazetteer):
    # "المملكة" (the kingdom) shares its letters with Al Malikiyah, Syria
    assert _given("أعلنت المملكة عن إجراءات جديدة للمسافرين", "المملكة", gazetteer) is None
