"""Arabic names under the spelling GeoNames does not have: a word's final hamza after alif
is written or left out at will ("صنعاء"/"صنعا", "البتراء"/"البترا", "سامراء"/"سامرا"); the
gazetteer index holds every Arabic key under its other spelling where no place has that key
(data/name_spellings.yaml, arabic_keys). Sentences written for these tests."""

from geomap.geoparse import geoparse, resolve_spans


def _places(text, gazetteer):
    return [(r.mention.surface, r.place and r.place.name)
            for r in geoparse(text, "ar", gazetteer=gazetteer)]


def test_a_name_without_its_final_hamza_is_the_name(gazetteer):
    assert _places("قصفت طائرات التحالف مطار صنعا الدولي", gazetteer) == [("صنعا", "Sanaa")]
    got = _places("انفجار سيارة مفخخة في سامرا شمال بغداد", gazetteer)
    assert got == [("سامرا", "Sāmarrā’"), ("بغداد", "Baghdad")]


def test_a_name_with_a_final_hamza_the_gazetteer_lacks_is_the_name(gazetteer):
    # GeoNames writes Petra "البترا" (an alternate name of Wadi Musa)
    assert _places("وصل السياح إلى البتراء صباح اليوم", gazetteer) == [
        ("البتراء", "Wādī Mūsá")]


def test_another_spelling_adds_no_namesake_and_no_common_word(gazetteer):
    # "ميناء" (a port) is the other spelling of Minna's "مينا": a common word first
    assert _places("امتلأ الميناء بالسفن التجارية", gazetteer) == []
    # one word inside a longer span, known only as another spelling of a name, is no
    # guess for the span: "إيليا" (Elia, a given name) is no spelling of Aelia, Jerusalem
    text = "تجمع المحتجون في ساحة إيليا وسط صيدا"
    s = text.index("ساحة إيليا")
    got = resolve_spans(text, [(s, s + len("ساحة إيليا"))], "ar", gazetteer=gazetteer)
    assert got[0].place is None or got[0].place.country_code != "IL"
