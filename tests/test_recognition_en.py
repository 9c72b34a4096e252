"""English place recognition in conflict news: people's titles, associative uses."""

from geomap.geoparse import geoparse


def _surfaces(text, gazetteer):
    return [r.mention.surface for r in geoparse(text, gazetteer=gazetteer)]


def test_a_title_holding_of_makes_the_name_after_it_a_persons(gazetteer):
    assert _surfaces("Secretary of State Dayton met officials in Kabul.", gazetteer) == ["Kabul"]
    # the place a title is of stays a place
    assert _surfaces("The Mayor of Dayton flew to Kabul.", gazetteer) == ["Dayton", "Kabul"]


def test_an_advisors_or_specialists_name_is_no_place(gazetteer):
    assert _surfaces("Special Advisor Thames will speak in Erbil.", gazetteer) == ["Erbil"]
    assert _surfaces("said Spc. Lorraine Walsh near Mosul.", gazetteer) == ["Mosul"]


def _literal(text, gazetteer):
    from geomap.geoparse.senses import literal_only

    return [r.mention.surface for r in literal_only(text, geoparse(text, gazetteer=gazetteer))]


def test_a_state_acting_is_no_literal_place(gazetteer):
    text = "The UK has sent aid to Syria."
    assert _surfaces(text, gazetteer) == ["UK", "Syria"]  # the LGL schema counts both
    assert _literal(text, gazetteer) == ["Syria"]
    assert _literal("Aid was announced by Russia and Turkey in Astana.", gazetteer) == ["Astana"]


def test_a_states_body_or_people_is_no_literal_place(gazetteer):
    assert _literal("U.S. forces entered Mosul.", gazetteer) == ["Mosul"]
    assert _literal("The people of Mosul fled to Erbil.", gazetteer) == ["Erbil"]
    assert _literal("The Baghdad Operational Command said fighting went on in Tikrit.",
                    gazetteer) == ["Tikrit"]


def test_a_possessive_of_a_region_or_a_town_stays_literal(gazetteer):
    assert _literal("Rebels advanced in Syria's north.", gazetteer) == ["Syria"]
    assert _literal("Iraq's commitment was praised in Erbil.", gazetteer) == ["Erbil"]
    # a sentence's full stop is no abbreviation's: the name before it stays literal
    assert _literal("Shelling hit Aleppo. The Times reported it.", gazetteer) == ["Aleppo"]


def test_the_literal_system_is_registered():
    from geomap.evaluation.runner import SYSTEM_NAMES, get_system

    assert "geomap-literal" in SYSTEM_NAMES
    parse = get_system("geomap-literal").geoparser
    assert [r.mention.surface for r in parse("U.S. troops left Kirkuk.")] == ["Kirkuk"]


def test_common_noun_places_are_phrases_of_the_literal_mode_only(gazetteer):
    from geomap.geoparse.senses import literal_with_phrases, location_phrases

    text = "Mortars hit the old market and their forward positions; a field hospital closed."
    assert [m.surface for m in location_phrases(text)] == [
        "the old market", "their forward positions", "a field hospital"]
    # a kind of place before "of" and a name is the name's; no place word, no phrase
    assert location_phrases("Troops reached the town of Halbrook with the committee.") == []
    assert location_phrases("Both countries signed. The City Council met.") == []
    text = "US forces shelled the front line near Kirkuk."
    got = literal_with_phrases(text, geoparse(text, gazetteer=gazetteer))
    assert [(r.mention.surface, r.place is None) for r in got] == [
        ("the front line", True), ("Kirkuk", False)]
    # the default geoparse, which the map draws, keeps to names
    assert _surfaces(text, gazetteer) == ["US", "Kirkuk"]


def test_proper_name_figures_leave_out_predicted_common_nouns(tmp_path):
    from geomap.evaluation.runner import eval_ner
    from geomap.records import Mention

    path = tmp_path / "s.txt"
    rows = "They\tO\nleft\tO\nthe\tB-Location\ntown\tI-Location\nfor\tO\nDelmar\tB-Location\n"
    path.write_text(rows + "via\tO\nthe\tO\nvalley\tO\n", "utf-8")

    def system(text, language=None):  # finds both places and a common noun no one marked
        return [Mention(text.index(w), text.index(w) + len(w), w, w, "en")
                for w in ("the town", "Delmar", "the valley")]

    got = eval_ner([path], labels=("Location",), recognizer=system)
    assert got["overlap_precision"] < 1.0
    assert got["proper_overlap_precision"] == 1.0


def test_an_unknown_name_a_kind_of_place_makes_a_place_is_a_mention(gazetteer):
    got = geoparse("Shelling hit the Zorbanik refugee camp near Aleppo.", gazetteer=gazetteer)
    assert [(r.mention.surface, r.place is None) for r in got] == [
        ("Zorbanik", True),
        ("Aleppo", False),
    ]
    got = geoparse("Troops entered the village of Qarzubiya on Monday.", gazetteer=gazetteer)
    assert [(r.mention.surface, r.place) for r in got] == [("Qarzubiya", None)]
    # a capitalised name alone is no place
    assert geoparse("Qarzubiya said the talks went well.", gazetteer=gazetteer) == []


def test_dates_festivals_units_and_operations_are_no_places(gazetteer):
    assert _surfaces("A strike on Jan. 1 hit Mosul.", gazetteer) == ["Mosul"]
    assert _surfaces("Shops closed for Ramadan in Aleppo.", gazetteer) == ["Aleppo"]
    assert _surfaces("An 84 MW plant near Tikrit was hit.", gazetteer) == ["Tikrit"]
    assert _surfaces("Exercise Eager Lion began in Jordan.", gazetteer) == ["Jordan"]


def test_a_title_before_a_spaced_full_stop_and_a_tribes_name_are_no_places(gazetteer):
    # text joined from tokens writes "Gen ." for "Gen."
    assert _surfaces("Gen . Joseph Votel visited Baghdad.", gazetteer) == ["Baghdad"]
    assert _surfaces("Elders of the Alizai tribe met in Mosul.", gazetteer) == ["Mosul"]


def test_a_surname_with_an_apostrophe_keeps_one_sense_in_the_text(gazetteer):
    text = "The tenant, Brian O’Connor, lived in Mosul. Later O’Connor threatened a guard."
    assert _surfaces(text, gazetteer) == ["Mosul"]


def test_a_persons_age_after_a_name_makes_it_a_persons(gazetteer):
    text = "Sgt. Paul R. Dayton, 31, of Lowell died near Kandahar."
    assert "Dayton" not in _surfaces(text, gazetteer)
    assert "Kandahar" in _surfaces(text, gazetteer)
    # text joined from tokens: "Dayton , 31 ,"
    assert "Dayton" not in _surfaces("Paul Dayton , 31 , was wounded in Helmand.", gazetteer)
    # a country is never one; a place before a number that is no age stays
    assert "Yemen" in _surfaces("Yemen, 24, and Syria, 19, were the worst hit.", gazetteer)
    assert "Dayton" in _surfaces("Flights left Dayton, 2017, for Kabul.", gazetteer)


def test_a_title_before_a_two_word_name_opened_by_a_given_name_makes_it_a_persons(gazetteer):
    # Jeff Davis County (Texas) is no "Navy Capt. Jeff Davis"
    assert _surfaces("Navy Capt. Jeff Davis spoke about Raqqa.", gazetteer) == ["Raqqa"]
    assert "Jeff Davis" not in _surfaces("Capt. Jeff Davis said Mosul was retaken.", gazetteer)


def test_a_name_after_a_title_and_a_given_name_is_a_surname(gazetteer):
    # Hassan is a district of India, yet "Captain Abdi Hassan" is a person
    text = "A car bomb exploded in Mogadishu, Captain Abdi Hassan told reporters."
    assert _surfaces(text, gazetteer) == ["Mogadishu"]
    # a unit right after the title is the title's place ("the Miss Ohio title")
    assert "Ohio" in _surfaces("She won the Miss Ohio title in Columbus.", gazetteer)


def test_marines_and_hamlet_are_common_words(gazetteer):
    assert _surfaces("Marines from the 6th regiment entered Fallujah.", gazetteer) == ["Fallujah"]
    assert _surfaces("He read Hamlet in Baghdad.", gazetteer) == ["Baghdad"]


def test_the_sense_of_an_associative_use_is_named(gazetteer):
    from geomap.geoparse.senses import sense

    def senses(text):
        return [(r.mention.surface, sense(text, r)) for r in geoparse(text, gazetteer=gazetteer)]

    assert senses("Damascus University said US forces struck Raqqa.") == [
        ("Damascus", "name"), ("US", "modifier"), ("Raqqa", None)]
    assert senses("The people of Mosul thanked the EU.") == [
        ("Mosul", "people"), ("EU", "union")]
    assert senses("The UK has sent aid to Syria.") == [("UK", "state"), ("Syria", None)]


def test_a_name_of_a_war_or_a_peace_is_no_place(gazetteer):
    assert _surfaces("He served in the Gulf War and later in Basra.", gazetteer) == ["Basra"]
    assert _surfaces("Veterans of the Iran-Iraq War met in Baghdad.", gazetteer) == ["Baghdad"]
    assert _surfaces("The Oslo Accords were signed in Washington.", gazetteer) == ["Washington"]
    # the war's place, written otherwise, stays
    assert "Syria" in _surfaces("Syria's civil war began in 2011.", gazetteer)
    assert "Iraq" in _surfaces("The war in Iraq went on.", gazetteer)


def test_a_summit_or_a_communique_named_after_its_town_is_no_place(gazetteer):
    got = _surfaces("At the Baghdad Dialogue the ministers backed the Erbil Communique.", gazetteer)
    assert got == []
    assert _surfaces("Ministers met at a summit in Baghdad.", gazetteer) == ["Baghdad"]
    # the word of the event's name itself, after the name, is no town named like it
    assert _surfaces("They met at the Iraq-Kuwait Summit.", gazetteer) == []
    assert "Summit" in _surfaces("He grew up in Summit, New Jersey.", gazetteer)
    # a treaty names its parties: the countries stay
    assert _surfaces("The Iraq-Syria Treaty was signed.", gazetteer) == ["Iraq", "Syria"]


def test_a_name_an_arabic_group_word_opens_is_the_groups(gazetteer):
    # "Liwa" (brigade) and the words joined to it by articles are an armed group's name
    assert _surfaces("Liwa al-Tawhid and Jaish al-Ta'ifa al-Mansurah shelled Homs.",
                     gazetteer) == ["Homs"]
    # without an article after it the word stays what it is; the group's target stays
    assert "Liwa" in _surfaces("Tourists drove to Liwa from Abu Dhabi.", gazetteer)
    assert _surfaces("Jaish al-Islam shelled Douma.", gazetteer) == ["Douma"]


def test_an_alliance_named_like_a_hamlet_is_no_place(gazetteer):
    assert _surfaces("NATO ministers met in Brussels.", gazetteer) == ["Brussels"]
    assert _surfaces("Turkey stays within NATO.", gazetteer) == ["Turkey"]


def test_a_groups_name_holding_a_place_is_no_place(gazetteer):
    assert _surfaces("Al-Qaeda in Iraq claimed the bombing in Ramadi.", gazetteer) == ["Ramadi"]
    assert _surfaces("Al Qaida in the Arabian Peninsula struck Mukalla.",
                     gazetteer) == ["Mukalla"]


def test_a_name_after_a_speech_verb_and_before_a_surname_is_a_persons(gazetteer):
    text = '"Civilians must be spared," said Lama Fakih of the group in Beirut.'
    assert _surfaces(text, gazetteer) == ["Beirut"]
    # a place after the verb stays ("said Monday", "said Syria's ...")
    assert "Syria" in _surfaces("The minister said Syria would be rebuilt.", gazetteer)
    # a title in the words after it makes the name the title's place
    assert "Monroe" in _surfaces('"It is closed," said Monroe Mayor Robert Routson.', gazetteer)


def test_a_persons_home_town_after_a_name_makes_it_a_persons(gazetteer):
    text = "Spc. Isiah Booker, of Cibolo, Texas, died in Baghdad."
    assert "Booker" not in _surfaces(text, gazetteer)
    assert "Baghdad" in _surfaces(text, gazetteer)
    assert "Aleppo" in _surfaces("They fled Aleppo, of course, in 2016.", gazetteer)


def test_a_plural_unit_word_after_a_list_licenses_its_common_word_names():
    # "Clarke" and "Hall" are mostly surnames or common words (data/common_words_en.txt):
    # the plural unit word after the list makes every listed name a unit
    got = {r.mention.surface: r.place for r in geoparse(
        "Schools in Clarke, Oconee and Oglethorpe counties opened late.", "en")}
    assert got["Clarke"] is not None and got["Clarke"].feature_code == "ADM2"
    assert got["Clarke"].name == "Clarke County"
    got = [r.mention.surface for r in geoparse("Hall and Forsyth counties closed roads.", "en")]
    assert got == ["Hall", "Forsyth"]


def test_a_singular_unit_word_or_no_list_licenses_no_common_word():
    assert "Thursday" not in _names("Late on Thursday, Russian state TV said it.")
    assert "Hall" not in _names("Hall said the counties were fine.")
    assert "Clarke" not in _names("Clarke, Smith and the other counties met.")
    # two list words in a row part no names: the walk to the unit word stops there
    assert "Hall" not in _names("Hall and or Forsyth counties met.")


def _names(text):
    return [r.mention.surface for r in geoparse(text, "en")]
