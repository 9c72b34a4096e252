"""Names as conflict news writes them (#14 items 4-6): spellings of Arabic names in Latin
script, Arabic spellings of Cyrillic names, words that are no places, "the capital" in
Arabic, and the last-resort fuzzy candidate after a town cue. Sentences written for these
tests, not taken from any corpus."""

from __future__ import annotations

import pytest

from geomap.geoparse import geoparse, resolve_spans
from geomap.geoparse.capital import capital_of, focus_country
from geomap.geoparse.notplaces import not_a_place
from geomap.geoparse.variants import folded_key, fuzzy_cued, fuzzy_places
from geomap.records import Document, Mention, Place, Resolved
from geomap.text.spelling import (
    SKELETON_MARK,
    arabic_from_cyrillic,
    plain,
    similar,
    skeleton,
    spelling_rows,
)


def _places(text, gazetteer, lang=None):
    return [(r.mention.surface, r.place) for r in geoparse(text, lang, gazetteer=gazetteer)]


def _named(text, gazetteer, lang=None):
    return {s: (p.name, p.country_code) if p else None for s, p in _places(text, gazetteer, lang)}


# -- the folding function (pure) ------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("Hodeidah", "Hudaydah", "Al Hudaydah", "El-Hodeidah", "Hodeida", "Al Ḩudaydah"),
        ("Maarat al-Numan", "Ma'arrat al-Nu'man", "Ma`arrat an Nu`man", "Ma‘arrat an Nu‘mān"),
        ("Jisr al-Shughur", "Jisr ash-Shughur", "Jisr ash Shughūr", "Jisr esh Shughur"),
        ("Tal Tamr", "Tell Tamer", "Tall Tamr"),
        ("Deir ez-Zor", "Dayr az Zawr", "Deir al-Zor", "Dayr al-Zawr"),
        ("Qamishli", "Kamishli", "Qamishly"),
        ("Djisr", "Jisr"),
    ],
)
def test_spellings_of_one_name_meet(spellings):
    assert len({skeleton(s) for s in spellings}) == 1, [skeleton(s) for s in spellings]


@pytest.mark.parametrize(
    "a, b",
    [("Hodeidah", "Homs"), ("Jisr al-Shughur", "Jisr al-Majami"), ("Tal Tamr", "Tal Abyad"),
     ("Maarat al-Numan", "Maarat Misrin")],
)
def test_different_names_stay_apart(a, b):
    assert skeleton(a) != skeleton(b)


def test_skeleton_refuses_short_and_non_latin_names():
    assert skeleton("Raqqa") is None  # two consonants: too many places share them
    assert skeleton("حلب") is None
    assert skeleton("Бахмут") is None
    assert skeleton("") is None
    assert skeleton("Hodeidah").startswith(SKELETON_MARK)


def test_similarity_tells_a_spelling_from_a_lookalike():
    assert plain("Ma'arrat an-Nu'man") == "marat numan"
    assert similar("Hodeidah", "El-Hodeidah") == 1.0
    assert similar("Maarat al-Numan", "Ma`arrat an Nu`man") == 1.0
    assert similar("Bush", "Bisha") < 0.7


def test_arabic_from_cyrillic():
    assert arabic_from_cyrillic("Бахмут") == "باخموت"
    assert arabic_from_cyrillic("Харків") == "خاركيف"
    assert arabic_from_cyrillic("Київ") == "كييف"  # a long vowel stays doubled
    assert arabic_from_cyrillic("Запоріжжя") == "زابوريجيا"  # a doubled consonant does not
    assert arabic_from_cyrillic("Bakhmut") is None


def test_spelling_rows_by_region():
    # a Syrian place gets skeleton keys for its Latin names, none for its Arabic ones
    rows = spelling_rows([("", 1, "Tall Tamr"), ("", 1, "تل تمر")], "SY", 0)
    assert rows == [("~tl tmr", 1, "Tall Tamr")]
    # a Ukrainian town gets Arabic names from its Cyrillic ones, if big enough
    assert spelling_rows([("", 2, "Бахмут"), ("", 2, "Bakhmut")], "UA", 80_000) == [
        ("باخموت", 2, "باخموت")
    ]
    assert spelling_rows([("", 2, "Бахмут")], "UA", 100) == []
    # elsewhere nothing: "Bush" finds no Arab place by its consonants
    assert spelling_rows([("", 3, "Bisha")], "US", 10_000) == []


# -- the newcomer checks, through the embedded gazetteer --------------------------------


def test_maarat_al_numan_is_the_syrian_town(gazetteer):
    got = _named("Government shelling hit Maarat al-Numan in Idlib province on Sunday.", gazetteer)
    assert got["Maarat al-Numan"] == ("Ma‘arrat an Nu‘mān", "SY")
    assert "Numan" not in got  # not Numan, Nigeria


def test_a_hyphened_article_makes_a_name_arabic_without_context(gazetteer):
    # no other place in the text says it is about Syria, and GeoNames gives the town no
    # population; the hyphened article says the name is Arabic
    got = _named("Fighting went on near Maarat al-Numan.", gazetteer)
    assert got == {"Maarat al-Numan": ("Ma‘arrat an Nu‘mān", "SY")}
    got = _named("Fighting near Maarat al-Numan and Jisr al-Shughur.", gazetteer)
    assert got["Maarat al-Numan"] == ("Ma‘arrat an Nu‘mān", "SY")
    # a capitalised word before the article opens the name: "Ras al-Ain", not Al Ain (UAE)
    got = _named("Clashes in Deir ez-Zor, Ras al-Ain and Tal Abyad.", gazetteer)
    assert [cc for _, cc in got.values()] == ["SY", "SY", "SY"]
    assert "al-Ain" not in got


def test_a_known_longer_name_in_lower_case_leaves_its_capitalised_head(gazetteer):
    # the gazetteer knows "Anbar Province"; written "Anbar province", Anbar is the name
    got = _named("ISIL fighters in Anbar province attacked a checkpoint.", gazetteer)
    assert got == {"Anbar": ("Al-Anbar Governorate", "IQ")}
    assert "Anbar Province" in _named("Fighting in Anbar Province went on.", gazetteer)


def test_a_small_place_in_another_spelling_after_a_locative_in_the_texts_country(gazetteer):
    # GeoNames gives Ash Shaddadah no population; after "near" in a text about Syria,
    # "Shaddadi" is its spelling
    got = _named("Clashes near Shaddadi in Hasakah province left ten dead.", gazetteer)
    assert got["Shaddadi"] == ("Ash Shaddādah", "SY")
    # not without the locative, nor without a country to stay in
    assert "Shaddadi" not in _named("Shaddadi fighters met in Hasakah province.", gazetteer)
    assert "Shaddadi" not in _named("Clashes near Shaddadi left ten dead.", gazetteer)


def test_a_small_place_in_another_spelling_after_a_town_cue_in_the_texts_country(gazetteer):
    # "the town of X", as after "near": Hreytan is GeoNames' Huraytan, near Aleppo
    got = _named("Clashes broke out in the town of Hreytan near Aleppo.", gazetteer)
    assert got["Hreytan"] == ("Ḩuraytān", "SY")
    # without a country to stay in, no spelling is guessed: a place the gazetteer lacks
    assert _named("Clashes broke out in the town of Hreytan.", gazetteer).get("Hreytan") is None


def test_a_name_of_several_words_in_another_spelling_after_a_town_cue(gazetteer):
    # "Bulo Burde" (GeoNames: Bulo Berde, Buulobarde) in a text about Somalia: the whole
    # name, not its first word read as a village in the Philippines
    got = _named("Troops retook the town of Bulo Burde, officials in Mogadishu said.", gazetteer)
    assert got.get("Bulo Burde") == ("Buulobarde", "SO") and "Bulo" not in got
    # with no town cue, a name of several words still has to look Arabic
    assert "Bulo Burde" not in _named("Bulo Burde was quiet, officials in Mogadishu said.",
                                      gazetteer)


def test_a_name_of_several_words_in_another_spelling_after_in(gazetteer):
    # after "in" a name of several words is meant as a place too: in a text about Somalia,
    # "Bulo Burde" is Buulobarde there, not "Bulo" in the Philippines
    got = _named("Fighters attacked a base in Bulo Burde, officials in Mogadishu said.",
                 gazetteer)
    assert got.get("Bulo Burde") == ("Buulobarde", "SO") and "Bulo" not in got, got
    # with no country in the text to stay in, no spelling is guessed
    assert "Bulo Burde" not in _named("Fighters attacked a base in Bulo Burde.", gazetteer)


def test_jisr_al_shughur_is_in_syria(gazetteer):
    got = _named("Rebels said they had entered Jisr al-Shughur after heavy clashes.", gazetteer)
    assert got["Jisr al-Shughur"] == ("Jisr ash Shughūr", "SY")


def test_hodeidah_is_found(gazetteer):
    got = _named("Coalition jets struck the port of Hodeidah overnight.", gazetteer)
    assert got["Hodeidah"] == ("Al Ḩudaydah", "YE")
    assert gazetteer.lookup("Hodeidah")[0].country_code == "YE"


def test_arabic_spellings_of_ukrainian_towns(gazetteer):
    got = _named("تواصل القصف على باخموت وخاركيف", gazetteer, "ar")
    assert got["باخموت"] == ("Bakhmut", "UA")
    assert got["وخاركيف"] == ("Kharkiv", "UA")


def test_gold_span_in_another_spelling(gazetteer):
    text = "Fighting went on around Ma'arrat al-Nu'man."
    s = text.index("Ma'arrat")
    (r,) = resolve_spans(text, [(s, s + len("Ma'arrat al-Nu'man"))], "en", gazetteer=gazetteer)
    assert r.place is not None and r.place.country_code == "SY"


def test_folded_match_needs_a_lookalike_and_a_town_of_size(gazetteer):
    assert folded_key("Hodeidah", gazetteer) is not None
    # common words that share consonants with an Arab place's name in some spelling:
    # "Muslim" and Mosul's Latin "Mausilium", "Market" and an unvowelled "mrkt"
    for word in ("Muslim", "Market", "Monday", "Coalition", "Rebels", "Shiite"):
        assert folded_key(word, gazetteer) is None, word
    assert folded_key("Zzqqx Wwrr", gazetteer) is None
    # a sentence's first word is capitalised anyway: not looked up by its consonants
    assert "Rebels" not in _named("Rebels attacked the town on Sunday.", gazetteer)


def test_one_word_spelling_stays_in_the_texts_countries(gazetteer):
    # a Baghdad neighbourhood written like Cairo's Arabic name is not Cairo
    got = _named("A bomb went off in the Baghdad neighbourhood of Qahira.", gazetteer)
    assert got.get("Qahira") is None


def test_no_arabic_spellings_in_a_text_about_elsewhere(gazetteer):
    # English words and names that share consonants with Arab places, in a text naming
    # places in Arab countries and in one that does not
    for text in (
        "Syrian troops entered Aleppo. A State Senior official, Brian Keenan, said so.",
        "An Alexandria police officer in Virginia said the Senior State homes were safe.",
    ):
        assert not any(r.mention.key.startswith("~") for r in geoparse(text, "en",
                                                                          gazetteer=gazetteer))
    # a village of an Arab country in a text about elsewhere is not looked up by spelling
    got = geoparse("Officials in Ohio met Tell Tamer.", "en", gazetteer=gazetteer)
    assert not any(r.mention.key.startswith("~") for r in got)


# -- words that are not places ------------------------------------------------------------


def test_words_that_are_not_places(gazetteer):
    got = _named(
        "Pro-Hadi fighters and anti-Assad rebels were paid in US dollar and Syrian pound; "
        "one threw a Molotov cocktail at the Taliban and Hezbollah offices, near an Islah "
        "office in Colonia and Sul.",
        gazetteer,
    )
    for word in ("Hadi", "Assad", "Molotov", "Taliban", "Hezbollah", "Islah", "Colonia", "Sul"):
        assert word not in got, word
    # a country before a currency stays a place named as a modifier
    assert got["US"] == ("United States", "US")


def test_article_fragment_is_no_place_but_the_name_is(gazetteer):
    got = _named("Airstrikes hit Ar-Raqqa again.", gazetteer)
    assert "Ar" not in got
    assert any(p and p[1] == "SY" for p in got.values())


def test_article_before_a_name_of_no_arab_place(gazetteer):
    # "al-Numan" alone: Numan is a town in Nigeria, which no one writes with the article
    got = _named("Forces loyal to al-Numan gathered.", gazetteer)
    assert "Numan" not in got and got["al-Numan"] is None  # the whole name, unknown
    # ... but after a capitalised word the article goes on a person's name
    assert "al-Numan" not in _named("Forces loyal to Abd al-Numan gathered.", gazetteer)
    # ... while "al-Bab" is the Syrian town, article and all (not Báb in Slovakia)
    assert _named("Turkish troops shelled al-Bab.", gazetteer) == {"al-Bab": ("Al Bāb", "SY")}
    assert _named("Turkish troops shelled al-Bab on Monday.", gazetteer)["al-Bab"][1] == "SY"


def test_unknown_hyphenated_name_is_mapped_near_a_known_place():
    from geomap.events import events_from_document

    doc = Document(doc_id="t", text="Five civilians were killed in shelling on Al-Zara, Hama.",
                   language="en")
    (event,) = events_from_document(doc)
    assert (event.place.name, event.geo_precision) == ("Hama", 2)
    assert event.location_reason == "Al-Zara near Hama"


def test_another_name_of_a_hamlet_is_no_place_without_a_cue(gazetteer):
    # "Tobias" is another name of Lydia, a hamlet in Ohio that does not bear it as its
    # own name
    assert _named("Reporters met Tobias yesterday.", gazetteer) == {}
    # a cue still makes it a place
    assert "Tobias" in _named("Shelling hit the village of Tobias.", gazetteer)
    # a hamlet's own name stays ("Omar", West Virginia, is named Omar)
    assert "Omar" in _named("The flood reached Omar on Monday.", gazetteer)


def test_a_place_inside_a_groups_name_is_the_groups(gazetteer):
    got = _named("Boko Haram militants abducted 14 villagers in Borno.", gazetteer)
    assert got == {"Borno": ("Borno", "NG")}
    got = _named("Liwa al-Quds fighters clashed near Aleppo.", gazetteer)
    assert got == {"Aleppo": ("Aleppo", "SY")}  # not Liwa (Oman) nor Jerusalem
    # the words alone are places
    assert "Haram" in _named("Fighting in Haram went on.", gazetteer)


def test_organisation_after_a_town_cue_is_a_place(gazetteer):
    m = Mention(20, 27, "Taliban", "taliban", "en", "city")
    assert not not_a_place("in the village of a Taliban", m, gazetteer)
    assert not_a_place("in the village of a Taliban", Mention(20, 27, "Taliban", "taliban",
                                                              "en", None), gazetteer)


def test_a_place_inside_an_organisations_name_is_no_event_place(gazetteer):
    got = _named("The Government of Iraq and the Islamic State of Iraq and the Levant "
                 "clashed near Mosul.", gazetteer)
    assert got == {"Mosul": ("Mosul", "IQ")}
    # lower case too: "the government of Iraq" is the Iraqi government
    assert "Iraq" not in _named("He met the government of Iraq on Monday.", gazetteer)
    # an office's title does not hide the country: corpora count it named
    assert "Czech Republic" in _named("He was foreign minister of the Czech Republic.",
                                      gazetteer)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Foreign Office Minister Tobias Hale said the talks went well.", "Tobias"),
        ("Lt. Gen. Stephen J. Milford said the offensive went on.", "Milford"),
        ("Brig. Gen. Richard Coe spoke to reporters.", "Brig"),
        ("The group was founded by Sheikh Abu Omar al-Ansari.", "Omar"),
        ("The group was founded by Sheikh Abu Omar al-Ansari.", "Abu"),
        ("Omar al-Bashir flew to Cairo.", "Omar"),
        ("On Oct. 17, Davis said the base was hit.", "Davis"),
        ("Andrew Marsala is a gambling man.", "Marsala"),
        ("Tobias Hale condemned the attack.", "Tobias"),
        ("Police arrested Omar Hamdan near the checkpoint.", "Omar"),
        ("The policy of George Bush Jr failed.", "Bush"),
        # a job in lower case before the name; a small region is no government speaking
        ("\"We kept the pressure on,\" said coach Marsala after the match.", "Marsala"),
        ("The road was shut for a week, Tasman said on Monday.", "Tasman"),
        # a surname that is only another name of a big city (Tuxtla Gutiérrez) is no city
        ("The mayor met Daniel Gutierrez at the fair.", "Gutierrez"),
    ],
)
def test_words_of_a_persons_name_are_no_places(gazetteer, text, word):
    got = _named(text, gazetteer)
    assert not any(word in name for name in got), got


def test_a_persons_name_is_a_persons_name_throughout_the_text(gazetteer):
    text = ("Andrew Marsala is a gambling man. Marsala bought the studio in March, and "
            "friends say Marsala's luck held.")
    assert _named(text, gazetteer) == {}
    # ... but not a city's name: a person's "Liverpool" does not unmake the city
    text = "Coach Liverpool said the team was ready. Fans travelled to Liverpool on Monday."
    assert "Liverpool" in _named(text, gazetteer)


def test_places_next_to_a_persons_name_stay(gazetteer):
    # a place, not a speaker: after a preposition, or a state or a capital speaking for
    # its government
    assert "Brampton" in _named("The 20-year-old from Brampton said it was hard.", gazetteer)
    assert "Moscow" in _named("Moscow said on Monday that talks would go on.", gazetteer)
    assert "Ohio" in _named("Ohio said the roads were closed.", gazetteer)
    # a lower-case "miss" is no title; a sentence's last word is none either
    assert "Rochester" in _named("The storm is expected to miss Rochester tonight.", gazetteer)
    assert "Columbus" in _named("He sat as judge. Columbus lawyers said so.", gazetteer)
    # a first-level unit or a county after a title is the title's place ("Miss Ohio")
    assert "Ohio" in _named("She will compete for the Miss Ohio title.", gazetteer)
    # a given name before a country, a first-level unit or a city is no first name
    assert "Charlotte" in _named("Charlotte Graham opened the fair.", gazetteer)
    assert "Jordan" in _named("She moved to Jordan Tuesday.", gazetteer)
    # a given name before a word of a place's own name is the place's
    # (here a street's: the street is the mention, in the text's town)
    assert "Tyler Street" in _named("The fire spread along Tyler Street.", gazetteer)
    # an Arab town of some size goes on across a hyphened article
    assert _named("Clashes in Manbij al-Jadida.", gazetteer).get("Manbij") == ("Manbij", "SY")


def test_a_country_after_a_stance_prefix_stays(gazetteer):
    got = _named("Thousands joined anti-Israel protests in Amman.", gazetteer)
    assert got.get("Israel") is not None


# -- "the capital" in Arabic ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, city, cc",
    [
        ("اشتباكات عنيفة في العاصمة طرابلس", "Tripoli", "LY"),
        ("انفجار سيارة مفخخة في العاصمة دمشق", "Damascus", "SY"),
        ("انفجار في العاصمة بغداد", "Baghdad", "IQ"),
    ],
)
def test_the_capital_then_a_name_is_the_name(gazetteer, text, city, cc):
    got = geoparse(text, "ar", gazetteer=gazetteer)
    assert [(r.place.name, r.place.country_code) for r in got] == [(city, cc)]


def test_the_capital_alone_is_the_capital_of_the_country_in_focus(gazetteer):
    got = geoparse("قال مسؤول عراقي إن انفجارا هز العاصمة صباح اليوم", "ar", gazetteer=gazetteer)
    assert [(r.mention.surface, r.place.name) for r in got] == [("العاصمة", "Baghdad")]
    got = geoparse("قصفت طائرات مواقع في اليمن ثم في العاصمة", "ar", gazetteer=gazetteer)
    assert [r.place.name for r in got if r.mention.surface == "العاصمة"] == ["Sanaa"]


def test_the_capital_alone_follows_the_place_named_just_before(gazetteer):
    # an article mostly about Syria; the sentence's own city says which capital
    text = (
        "قصفت طائرات روسية مدينة إدلب وريف حماة وريف حلب في سوريا. "
        "وفي بغداد، انفجرت عبوة ناسفة في حي الكرادة وسط العاصمة."
    )
    got = geoparse(text, "ar", gazetteer=gazetteer)
    assert [r.place.name for r in got if r.mention.surface == "العاصمة"] == ["Baghdad"]


def test_the_capital_alone_without_a_country_is_no_place(gazetteer):
    got = geoparse("انفجار هز العاصمة صباح اليوم", "ar", gazetteer=gazetteer)
    assert [r.place for r in got] == [None]


def test_capital_of_and_focus(gazetteer):
    assert capital_of("SY", gazetteer).name == "Damascus"
    assert capital_of("ZZ", gazetteer) is None
    p = gazetteer.candidates("syria")[0]
    m = Mention(0, 5, "Syria", "syria", "en", None)
    assert focus_country([Resolved(m, p)], {"IQ": 1}) == "SY"
    assert focus_country([Resolved(m, p)], {"IQ": 2}) is None  # a tie: no focus


# -- Arabic cues: the place and its precision -----------------------------------------------


def _event_places(text):
    from geomap.events import events_from_document

    doc = Document(doc_id="t", text=text, language="ar")
    return [(e.place.name if e.place else None, e.geo_precision)
            for e in events_from_document(doc)]


def test_central_city_is_the_city():
    assert _event_places("قتل ثلاثة أشخاص في انفجار عبوة وسط بغداد.") == [("Baghdad", 1)]


def test_north_of_a_city_is_near_it():
    assert _event_places("قتل جندي في قصف على شمال حلب.") == [("Aleppo", 2)]


# -- the last-resort fuzzy candidate ------------------------------------------------------


def test_fuzzy_candidate_after_a_town_cue(gazetteer):
    # a spelling with a letter too many, which no Latin name's skeleton meets either
    got = geoparse("سقطت قذائف على قرية كفرنبلت في ريف إدلب", "ar", gazetteer=gazetteer)
    first = got[0]
    assert first.place is not None and first.place.name == "Kafranbel"
    assert first.mention.cue.startswith("near+")  # approximate: ACLED precision 2
    # a spelling the Arabic index lacks but the Latin names' skeletons meet
    # (geomap.text.spelling.arabic_skeletons): found exactly, no longer approximate
    got = geoparse("سقطت قذائف على قرية كفرنبيل في ريف إدلب", "ar", gazetteer=gazetteer)
    assert (got[0].place.name, got[0].mention.cue) == ("Kafranbel", "city")


def test_fuzzy_candidate_stays_in_the_documents_countries(gazetteer):
    # Kafranbel is Syrian: a text about Iraq gets no such guess
    assert fuzzy_places("كفرنبيل", gazetteer, frozenset({"IQ"})) == []
    assert fuzzy_places("كفرنبيل", gazetteer, frozenset()) == []
    # ... and near one of its places: a text about Baghdad alone gets no Syrian village
    p = gazetteer.candidates("baghdad")[0]
    far = Resolved(Mention(0, 7, "كفرنبيل", "كفرنبيل", "ar", "city"), None, 0.0, 0)
    near_syria = Resolved(Mention(10, 14, "x", "x", "ar", None),
                          Place(2, "Syria town", 35.8, 36.6, "SY", "", "", "P", "PPL", 0), 2.0, 1)
    got = fuzzy_cued([far, near_syria, Resolved(Mention(20, 26, "بغداد", "بغداد", "ar", None),
                                                p, 3.0, 1)], gazetteer)
    assert got[0].place is not None and got[0].place.name == "Kafranbel"
    assert fuzzy_cued([far, Resolved(Mention(20, 26, "x", "x", "ar", None),
                                     Place(3, "Iraq town", 33.3, 44.4, "SY", "", "", "P", "PPL",
                                           0), 3.0, 1)], gazetteer)[0].place is None
    # an unknown name like no key at all stays unknown
    assert fuzzy_places("زززقققثثث", gazetteer, frozenset({"SY"})) == []


def test_fuzzy_leaves_known_and_uncued_names_alone(gazetteer):
    p = Place(1, "X", 0.0, 0.0, "SY", "", "", "P", "PPL", 0)
    known = Resolved(Mention(0, 3, "abc", "abc", "ar", "city"), p, 2.0, 1)
    uncued = Resolved(Mention(4, 9, "كفرنبيل", "كفرنبيل", "ar", None), None, 0.0, 0)
    assert fuzzy_cued([known, uncued], gazetteer) == [known, uncued]
