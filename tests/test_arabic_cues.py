"""Arabic cues that say what kind of place follows: العاصمة (the capital). وسط (central) is
an event-location modifier (data/event_cues.yaml), tested in test_names.py."""

from geomap.geoparse import geoparse


def _places(text, gazetteer):
    return [(r.mention.surface, r.mention.cue, r.place and (r.place.name, r.place.country_code))
            for r in geoparse(text, "ar", gazetteer=gazetteer)]


def test_the_capital_x_is_x_and_the_cue_word_is_no_place_of_its_own(gazetteer):
    got = _places("قصف على العاصمة دمشق", gazetteer)
    assert got == [("دمشق", "capital", ("Damascus", "SY"))]  # not also Sanaa's governorate


def test_the_capital_then_its_countrys_adjective_or_a_hashtag_then_x_is_x(gazetteer):
    got = _places("هز انفجار ضخم العاصمة العراقية بغداد مساء أمس", gazetteer)
    assert [(s, p) for s, _, p in got] == [("بغداد", ("Baghdad", "IQ"))]
    got = _places("سقطت قذائف على العاصمة #دمشق فجر اليوم", gazetteer)
    assert [(s, p) for s, _, p in got] == [("دمشق", ("Damascus", "SY"))]
    # another word between: the capital stays a mention of its own
    got = _places("نقل الجرحى إلى مستشفيات العاصمة العراقية بعد انفجار في البصرة", gazetteer)
    assert [s for s, _, _ in got] == ["العاصمة", "البصرة"]


def test_a_name_under_an_organisation_cue_is_the_organisations(gazetteer):
    # the Kurdistan Region's government: an organisation cue heads the name across a kind
    # of place in the construct state; Erbil, where the shelling fell, is a place
    got = _places("أعلنت حكومة إقليم كردستان أن القصف طال أربيل", gazetteer)
    assert [(s, p) for s, _, p in got] == [("أربيل", ("Erbil", "IQ"))]
    # a radio's "voice of", a revolt named after its country, a town's mayor
    assert _places("بثت إذاعة صوت فلسطين بيانا عن ثورة فلسطين عام 1936", gazetteer) == []
    got = _places("التقى رئيس بلدية مدينة البيرة بوفد من جامعة القاهرة", gazetteer)
    # the university's town stays (corpora count it, as "University of Chicago")
    assert [p for _, _, p in got] == [("Cairo", "EG")]
    # without the organisation, the town cue makes al-Bireh a place
    got = _places("قصفت الطائرات مدينة البيرة", gazetteer)
    assert [p for _, _, p in got] == [("Al Bīrah", "PS")]


def test_a_bloc_or_a_prosecutor_named_after_a_town_is_no_place(gazetteer):
    # an electoral bloc and a public prosecutor's office bear the town's name; the town
    # where something happens stays a place
    got = _places("فازت كتلة البيرة في الانتخابات ثم اشتكى إلى مدعي عام مدينة البيرة", gazetteer)
    assert got == []
    got = _places("فازت الكتلة في انتخابات البيرة", gazetteer)
    assert [p for _, _, p in got] == [("Al Bīrah", "PS")]


def test_a_place_named_by_an_office_is_the_offices(gazetteer):
    # a district officer, an ambassador, a village headman: the place names the office
    assert _places("وصل قائمقام طولكرم إلى القرية", gazetteer) == []
    got = _places("التقى سفير فرنسا بوزير الخارجية في بغداد", gazetteer)
    assert [p for _, _, p in got] == [("Baghdad", "IQ")]
    assert _places("تحدث مختار قرية الدوايمة عن التهجير", gazetteer) == []
    # the village itself after its cue is a place, though the gazetteer lacks it
    assert [(s, c) for s, c, _ in _places("قصفت الطائرات قرية الدوايمة", gazetteer)] == [
        ("الدوايمة", "city")
    ]
    # a governor's province is counted (as "Indianapolis Mayor" is in English corpora)
    assert [p for _, _, p in _places("قال محافظ حلب إن القصف اشتد", gazetteer)] == [
        ("Aleppo", "SY")
    ]


def test_a_name_that_is_a_common_word_with_the_article_is_no_place_with_it(gazetteer):
    # Benin is "بنين": "للبنين" (for the boys) and "البنين" are no country; Mali is "مالي",
    # "المالي" (the financial) none either (common_with_article in data/place_names.yaml)
    assert _places("افتتحت مدرسة ثانوية للبنين وأخرى للبنات", gazetteer) == []
    assert _places("تراجع الوضع المالي للشركة", gazetteer) == []
    got = _places("سافر الوفد إلى بنين ثم إلى مالي", gazetteer)
    assert [p for _, _, p in got] == [("Benin", "BJ"), ("Mali", "ML")]


def test_a_compound_hashtag_names_the_country_a_tweet_is_about(gazetteer):
    from geomap.geoparse.arabic import hashtag_countries

    assert hashtag_countries("غرق الشوارع #امطار_الكويت #الطقس", gazetteer) == {"KW": 1}
    # a word that is a country and a big city elsewhere (Oman, Amman) names no country
    assert hashtag_countries("#اخبار_عمان", gazetteer) == {}
    # so a namesake goes to the tagged country: Amman, not Oman
    got = _places("العاصفة الرعدية تتجه نحو عمان الآن #سيول_الاردن", gazetteer)
    assert [p for _, _, p in got] == [("Amman", "JO")]
    got = _places("العاصفة الرعدية تتجه نحو عمان الآن #اخبار_مسقط", gazetteer)
    assert [p for s, _, p in got if s == "عمان"] != [("Amman", "JO")]


def test_an_unknown_town_after_its_cue_is_in_the_country_the_text_is_about(gazetteer):
    # a village the gazetteer lacks, in a text about one country and no town of it: that
    # country, approximate
    got = _places("قصفت الطائرات قرية الدوايمة وقتلت ثلاثة #اخبار_فلسطين", gazetteer)
    village = [(c, p) for s, c, p in got if s == "الدوايمة"]
    assert village == [("near+city", ("Palestine, State of", "PS"))]
    # a text about no one country: no place
    got = _places("قصفت الطائرات قرية الدوايمة", gazetteer)
    assert got == [("الدوايمة", "city", None)]
    # a text that names a town: the village is reported, not mapped
    got = _places("قصفت الطائرات قرية الدوايمة جنوب الخليل #اخبار_فلسطين", gazetteer)
    assert [(c, p) for s, c, p in got if s == "الدوايمة"] == [("city", None)]


def test_a_quarter_found_only_as_a_namesake_abroad_is_in_the_texts_town(gazetteer):
    # "حي الزيتون" (the al-Zaytun quarter) in a text about Hafar al-Batin: not a village of
    # that name in another country, but the quarter of the town the text names
    got = _places("غرقت شوارع حي الزيتون بعد أمطار غزيرة على حفر الباطن #السعودية", gazetteer)
    quarter = [(c, p) for s, c, p in got if s == "الزيتون"]
    assert quarter == [("city", ("Hafar Al-Batin", "SA"))]  # the town of its sentence
    # a town named only in another sentence: the quarter lies near it, approximately
    got = _places("غرقت شوارع حي الزيتون بعد أمطار غزيرة. وبدأت الأمطار في حفر الباطن "
                  "#السعودية", gazetteer)
    quarter = [(c, p) for s, c, p in got if s == "الزيتون"]
    assert quarter == [("near+city", ("Hafar Al-Batin", "SA"))]
    # of the towns of the text, the one its own sentence names ("حي الجامعة غربي بغداد" in
    # a report that named Miqdadiyah before): a quarter of Baghdad
    got = _places("قتل مزارعان بانفجار عبوة في قضاء المقدادية بمحافظة ديالى. واعتقلت القوات "
                  "الأمنية أربعة متهمين في حي الجامعة غربي بغداد.", gazetteer)
    assert [(c, p) for s, c, p in got if s == "الجامعة"] == [("city", ("Baghdad", "IQ"))]
    # without the word for a quarter, the name is left to the resolver
    got = _places("وصل الوفد إلى الزيتون بعد أمطار غزيرة على حفر الباطن #السعودية", gazetteer)
    assert all(c is None or "near" not in c for s, c, _ in got if s == "الزيتون")


def test_a_word_after_a_town_cue_that_names_nothing_is_no_mention(gazetteer):
    # "مخيم آخر" (another camp), "منطقة جبلية" (a mountainous area): the cue is followed by
    # an adjective (not_names in data/name_spellings.yaml), not by a name
    assert _places("نزحت العائلات إلى مخيم آخر قرب الحدود", gazetteer) == []
    assert _places("سيطرت القوات على منطقة جبلية وعرة", gazetteer) == []
    # a name the gazetteer lacks after the same cue is still a mention
    assert [s for s, _, _ in _places("نزحت العائلات إلى مخيم الدوايمة قرب الحدود", gazetteer)] \
        == ["الدوايمة"]


def test_a_name_with_a_preposition_before_its_article_is_no_adjective(gazetteer):
    # "الأسلحة للسعودية" (weapons to Saudi Arabia): an adjective agreeing with the noun before
    # it ("الناحية الغربية", the western side) never carries a preposition
    got = _places("صوت المجلس على وقف صفقات الأسلحة للسعودية", gazetteer)
    assert [p for _, _, p in got] == [("Saudi Arabia", "SA")]
    assert _places("تقدمت القوات في الناحية الغربية من البلدة", gazetteer) == []


def test_a_name_with_its_own_preposition_after_a_kinship_word_is_a_place(gazetteer):
    # "ابن X" is a person's name, but a word with the preposition ب or the article
    # stands apart: "the son of ... in Baghdad"
    got = [(r.mention.surface, r.place and r.place.country_code)
           for r in geoparse("ألّف الطبيب علي بن ببغداد كتابه الأول", "ar", gazetteer=gazetteer)]
    assert got == [("ببغداد", "IQ")]
    got = geoparse("نشأ الشيخ بالقاهرة ودرس فيها", "ar", gazetteer=gazetteer)
    assert [r.place.country_code for r in got] == ["EG"]
    # a name opening with such a letter stays the person's: Sultan Lajin, Vasco's club
    assert geoparse("بنى السلطان لاجين منبرا جديدا", "ar", gazetteer=gazetteer) == []


def test_a_place_named_by_an_office_over_a_noun_is_the_offices(gazetteer):
    # "the waqf officer of Acre", "the governor of the Nablus district": the office's name
    assert geoparse("وصلت رسالة من مأمور أوقاف عكا أمس", "ar", gazetteer=gazetteer) == []
    assert geoparse("اجتمع متصرف لواء نابلس بالوجهاء", "ar", gazetteer=gazetteer) == []
    # a preposition between them is no noun: the place is where the officer is
    got = geoparse("عمل مفتش في عكا سنوات", "ar", gazetteer=gazetteer)
    assert [r.place.name for r in got] == ["Acre"]
    got = geoparse("عين مندوب لدى سوريا", "ar", gazetteer=gazetteer)
    assert [r.place.country_code for r in got] == ["SY"]


def test_a_country_name_that_is_a_city_of_the_leading_country_is_the_city(gazetteer):
    # عمان is Oman or Amman: in a text about Jordan more than about Kuwait, Amman ...
    got = geoparse("حذرت الكويت مواطنيها في الأردن من السيول وأرسلت الكويت فرق إنقاذ إلى الأردن"
                   " #عمان #سيول_الأردن", "ar", gazetteer=gazetteer)
    assert [r.place.name for r in got if r.mention.key == "عمان"] == ["Amman"]
    # ... in a list of countries named as often, the country
    got = geoparse("ستضرب العاصفة مصر وعمان والأردن ولبنان", "ar", gazetteer=gazetteer)
    assert [r.place.name for r in got if r.mention.key == "عمان"] == ["Oman"]
    # ... and in a text about nothing else, the country still
    got = geoparse("وصل الوفد إلى عمان مساء أمس", "ar", gazetteer=gazetteer)
    assert [r.place.name for r in got] == ["Oman"]


def test_the_border_or_land_of_a_country_named_by_its_adjective_is_a_place_there(gazetteer):
    got = _places("سقطت قذائف قرب الحدود اللبنانية ليلا", gazetteer)
    assert [(s, p[1]) for s, _, p in got] == [("الحدود اللبنانية", "LB")]
    got = _places("توغلت دبابات في الأراضي اليمنية", gazetteer)
    assert [(s, p[1]) for s, _, p in got] == [("الأراضي اليمنية", "YE")]
    # the border of two countries: the first
    got = _places("اشتباكات على الحدود السورية التركية", gazetteer)
    assert [p[1] for _, _, p in got] == ["SY"]
    # the word alone, or with an adjective that names no country, is no place
    assert _places("أغلقت الحدود البرية أمس", gazetteer) == []


def test_a_place_in_a_streets_name_is_the_street_in_the_texts_town(gazetteer):
    # Baghdad Street in Damascus: in Damascus, approximate
    got = _places("انفجرت عبوة في شارع بغداد وسط دمشق صباحا", gazetteer)
    assert got[0][0] == "بغداد" and got[0][2][1] == "SY" and got[0][1].startswith("near")
    # no other place in the text: the named place is all there is
    got = _places("أغلقت الشرطة شارع بغداد", gazetteer)
    assert [p[1] for _, _, p in got] == ["IQ"]
    # a place after the street word with the article is no street's name
    got = _places("قطعوا الطريق إلى حلب قرب دمشق", gazetteer)
    assert ("حلب", None, ("Aleppo", "SY")) in got


def test_a_bare_word_known_only_in_persian_letters_needs_a_preposition(gazetteer):
    # "خوي" (my brother, in dialect) meets Khoy only through its Persian spelling "خوی":
    # no place alone, a place after "إلى"
    assert _places("قلت له يا خوي لا تتأخر", gazetteer) == []
    got = _places("سافر الوفد إلى خوي شمال غرب إيران", gazetteer)
    assert [p for _, _, p in got][:1] == [("Khūy", "IR")]


def test_jenin_is_a_town_after_a_preposition(gazetteer):
    # جنين is also "a fetus", but news names the West Bank town far more often
    got = _places("اقتحمت قوة عسكرية جنين فجر اليوم واعتقلت شابين في جنين", gazetteer)
    assert [p for _, _, p in got] == [("Janīn", "PS")] * len(got) and got


def test_arabic_associative_uses_are_left_out_of_literal_places(gazetteer):
    from geomap.geoparse.senses import literal_only, sense

    def literal(text):
        found = geoparse(text, "ar", gazetteer=gazetteer)
        return [r.mention.surface for r in literal_only(text, found)]

    # a state acting (subject of its verb, the stance of), a list of them, a university, a
    # state's forces, a town's people; not the place itself
    assert literal("أعلنت روسيا أن طائراتها قصفت مواقع في إدلب") == ["إدلب"]
    assert literal("رحبت الأمم المتحدة بعدما تفاوضت روسيا وتركيا على هدنة") == []
    assert literal("يبقى موقف موسكو ثابتا") == []
    assert literal("أضرب الموظفون في جامعة بيرزيت") == []
    assert literal("اشتبكت قوات سوريا الديمقراطية مع مسلحين") == []
    assert literal("اجتمع أهالي نابلس في الساحة") == []
    assert literal("وصل الوفد إلى روسيا ثم سافر إلى سوريا والعراق") == ["روسيا", "سوريا", "والعراق"]
    # a town is no state: a verb before it leaves it a place
    text = "أعلنت حلب الحداد"
    assert [sense(text, r) for r in geoparse(text, "ar", gazetteer=gazetteer)] == [None]


def test_words_of_two_letters_each_are_no_name(gazetteer):
    # "لا في" (no ... in) matches La Faye's key word for word; two-letter words are too
    # short to trust, as a two-letter word alone is
    assert _places("قال إنه لا في الصيف ولا في الشتاء", gazetteer) == []
    assert [p for _, _, p in _places("وصلت السفينة إلى أم قصر", gazetteer)] == [
        ("Umm Qaşr", "IQ")]


def test_in_terms_of_a_measure_is_no_subdistrict(gazetteer):
    # "من ناحية X": in terms of X; ناحية names a subdistrict only before a name
    assert _places("تتقدم الشركة من ناحية عدد العاملين فيها", gazetteer) == []
    assert [c for _, c, _ in _places("سيطر الجيش على ناحية الحمام", gazetteer)] == ["city"]


def test_a_short_skeleton_with_other_vowels_is_no_latin_namesake(gazetteer):
    # خيام (Khiam) shares the skeleton "khm" with Khama, a Latin spelling of Hama; its
    # written long vowels say it is another name. A name the skeleton fits stays found.
    text = "قصفت طائرات بلدة كفرنبل في ريف إدلب. وقصفت المدفعية أطراف بلدة الخيام."
    got = {r.mention.surface: r.place for r in geoparse(text, "ar", gazetteer=gazetteer)}
    assert got.get("الخيام") is None or got["الخيام"].country_code != "SY"
    (found,) = geoparse("سيطرت قوات النظام على مدينة البوكمال.", "ar", gazetteer=gazetteer)
    assert found.place is not None and found.place.country_code == "SY"


def test_a_cue_does_not_reach_a_word_across_the_end_of_a_clause(gazetteer):
    # "east of the city, and that ...": وأن (and that) is also Van's Arabic name; the
    # comma ends the cue's reach, so the particle stays a particle
    got = _places("قصفت الطائرات مواقع شرقي المدينة، وأن المقاتلين انسحبوا", gazetteer)
    assert [s for s, _, _ in got] == []
    # without the comma the cue still names the town after it
    got = _places("قصفت الطائرات مواقع شرقي مدينة البيرة", gazetteer)
    assert [p for _, _, p in got] == [("Al Bīrah", "PS")]


def test_a_natural_feature_cues_the_known_name_after_it_not_an_unknown_one(gazetteer):
    # an island's name after its feature word is a mention, cued as a natural feature
    got = _places("عبروا النهر ثم وصلوا إلى جزيرة كريت", gazetteer)
    assert [(s, c) for s, c, _ in got] == [("كريت", "nature")]
    # a mountain or river the gazetteer does not know could not be placed: no mention
    # (unlike a village after "قرية", it would only lower acc@161: IDRISI 0.902 -> 0.897)
    assert _places("صعد المتظاهرون إلى جبل قاسيون وعبروا نهر بردى", gazetteer) == []
    # a feature the gazetteer knows whole stays one name
    got = _places("قصفت المدفعية مواقع في جبل الشيخ", gazetteer)
    assert [s for s, _, _ in got] == ["جبل الشيخ"]


def test_a_natural_feature_before_a_common_word_or_an_adjective_names_nothing(gazetteer):
    # the iceberg; a lofty mountain; a river of blood: no name follows the feature word
    assert _places("هذه ليست إلا قمة جبل الجليد", gazetteer) == []
    assert _places("تسلقوا جبل شاهق في الصباح", gazetteer) == []
    assert _places("سال نهر من الدماء في الشارع", gazetteer) == []
    # "سهل" is also "easy": no cue
    assert _places("البرنامج سهل الاستخدام", gazetteer) == []
