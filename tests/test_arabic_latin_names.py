"""Arabic-script names the gazetteer knows only in Latin script (GeoNames has most towns
of Arab countries in Latin letters only): the Arabic word's letter-by-letter skeleton meets
the Latin names' skeleton keys (geomap.text.spelling.arabic_skeletons,
geomap.geoparse.variants.arabic_mentions). Sentences written for these tests."""

from geomap.geoparse import geoparse
from geomap.text.spelling import arabic_skeletons, skeleton


def _places(text, gazetteer):
    return [(r.mention.surface, r.place and (r.place.name, r.place.country_code))
            for r in geoparse(text, "ar", gazetteer=gazetteer)]


def test_an_arabic_key_meets_the_latin_skeletons():
    assert skeleton("Al Bukamal") in arabic_skeletons("بوكمال")
    assert skeleton("Al Khafji") in arabic_skeletons("خفجي")
    assert skeleton("Kobani") in arabic_skeletons("كوباني")
    # the feminine ending in the construct state: "Ma'arrat an-Nu'man"
    assert skeleton("Ma'arrat an-Nu'man") in arabic_skeletons("معره نعمان")
    # و and ي opening a word are consonants
    assert skeleton("Yabrud") in arabic_skeletons("يبرود")
    assert arabic_skeletons("بوكمال2") == ()  # a character the table lacks


def test_a_town_after_a_town_cue_is_found_by_its_latin_names(gazetteer):
    got = _places("قصفت طائرات حربية مدينة البوكمال", gazetteer)
    assert [p for _, p in got] == [("Ālbū Kamāl", "SY")]
    # GeoNames gives Ash Shaddadah no population: after a cue, any size will do
    got = _places("سيطرت القوات على بلدة الشدادي في ريف الحسكة", gazetteer)
    assert got[0] == ("الشدادي", ("Ash Shaddādah", "SY"))
    got = _places("دخلت القوات مدينة كوباني صباح اليوم", gazetteer)
    assert [p for _, p in got] == [("‘Ayn al ‘Arab", "SY")]


def test_without_a_cue_the_text_must_name_the_country_and_a_preposition_stand_before(gazetteer):
    got = _places("قتل شخصان في الخفجي في السعودية", gazetteer)
    assert ("الخفجي", ("Al Khafjī", "SA")) in got
    # no place of that country named: the bare word stays unknown
    assert [s for s, _ in _places("قتل شخصان في الخفجي", gazetteer)] == []


def test_common_words_and_offices_stay_no_places(gazetteer):
    # "خمسة" (five) shares its consonants with Al Khums (Khoms) in Latin script
    got = _places("انتشرت القوات في خمسة مواقع في ليبيا", gazetteer)
    assert [p for _, p in got] == [("Libya", "LY")]
    # "مختار قرية X": the village's headman, an office; no Latin name looked up
    assert _places("تحدث مختار قرية البوكمال عن القصف", gazetteer) == []


def test_a_name_known_in_arabic_is_not_overridden(gazetteer):
    # الحويجة is in the gazetteer in Arabic: found under its own key
    got = geoparse("قصفت الطائرات مدينة الحويجة", "ar", gazetteer=gazetteer)
    assert [(r.mention.key, r.place.country_code) for r in got] == [("حويجه", "IQ")]


def test_a_name_known_in_arabic_only_abroad_is_looked_up_in_latin_in_the_texts_country(
    gazetteer,
):
    # GeoNames spells only Tadjoura (Djibouti) "تاجوراء"; Tajoura near Tripoli has Latin
    # names only. A text about Libya means the Libyan town ...
    got = _places("اندلعت اشتباكات مسلحة في تاجوراء شرقي طرابلس مساء الأحد", gazetteer)
    assert got[0] == ("تاجوراء", ("Tājūrā’", "LY"))
    got = _places("سقطت قذائف على تاجوراء وأصيب مدنيون ليبيون", gazetteer)
    assert got[0] == ("تاجوراء", ("Tājūrā’", "LY"))
    # "منطقة" (area) before it steers to no unit abroad: the Libyan town is no unit
    got = _places("سقطت قذائف على منطقة تاجوراء وأصيب مدنيون ليبيون", gazetteer)
    assert got[0] == ("تاجوراء", ("Tājūrā’", "LY"))
    # ... a text about Djibouti, or about nothing else, the town known in Arabic
    got = _places("وصل الوفد إلى تاجوراء قادما من جيبوتي", gazetteer)
    assert got[0] == ("تاجوراء", ("Tadjoura", "DJ"))
    assert _places("زار الوزير تاجوراء", gazetteer)[0] == ("تاجوراء", ("Tadjoura", "DJ"))


def test_a_city_known_in_arabic_keeps_its_own_name_in_any_text(gazetteer):
    # Moscow in a text about Syria is Moscow, whatever Syrian village shares its consonants
    got = _places("وصل وفد من دمشق إلى موسكو لبحث الوضع في حلب", gazetteer)
    assert ("موسكو", ("Moscow", "RU")) in got


def _latin(text, gazetteer):
    return [(r.mention.surface, r.place and (r.place.name, r.place.country_code))
            for r in geoparse(text, "en", gazetteer=gazetteer)]


def test_a_latin_name_known_only_abroad_is_looked_up_by_its_skeleton_in_the_text_country(
        gazetteer):
    # "Shabwa" is spelled exactly like Sha Bwa, a village in Myanmar; in a report from
    # Yemen, after "province", it is Shabwah
    got = dict(_latin("ADEN, Yemen - A drone struck a terminal in Shabwa province.", gazetteer))
    assert got["Shabwa"] == ("Shabwah", "YE")


def test_a_personal_name_without_a_cue_keeps_its_own_key(gazetteer):
    # no cue says a place is meant: a person's name is not re-spelled into an Arab town
    got = geoparse("Sharon said in Damascus, Syria, that talks would resume.", "en",
                   gazetteer=gazetteer)
    assert all(r.mention.key == "sharon" for r in got if r.mention.surface == "Sharon")
