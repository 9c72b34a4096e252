"""English place recognition in conflict reporting: words that go on after an apostrophe,
time zones named after a place."""

from geomap.geoparse import geoparse


def _surfaces(text, gazetteer):
    return [r.mention.surface for r in geoparse(text, gazetteer=gazetteer)]


def test_a_word_that_goes_on_after_an_apostrophe_is_no_place(gazetteer):
    # "Shi" (a town in Norway by its folded key) of "Shi'ite", written as text and as
    # a token file writes it
    assert _surfaces("Gunmen attacked Shi'ite pilgrims near Karbala.", gazetteer) == ["Karbala"]
    assert _surfaces("Gunmen attacked Shi ' ite pilgrims near Karbala .", gazetteer) == [
        "Karbala"
    ]
    assert "Baha" not in _surfaces("She kept the Baha'i faith in Shiraz.", gazetteer)


def test_a_possessive_or_a_place_spelled_with_an_apostrophe_stays(gazetteer):
    assert _surfaces("Mosul's old city and Aleppo ' s markets burned.", gazetteer) == [
        "Mosul", "Aleppo"
    ]
    # a plural's possessive, with or without a space before the apostrophe
    assert "United States" in _surfaces("It is the United States' largest base.", gazetteer)
    assert "United States" in _surfaces("the United States ' largest base", gazetteer)
    # a capital, and a place the whole word names, stay in a token file's spacing
    assert "Sana" in _surfaces("Air strikes hit Sana ' a overnight .", gazetteer)
    assert _surfaces("Fighters from Al - Qa ' im crossed into Syria .", gazetteer)[0].startswith(
        "Al - Qa"
    )


def test_a_time_zone_named_after_a_place_is_no_place(gazetteer):
    assert _surfaces("The strike came at 0400 Greenwich Mean Time near Raqqa.", gazetteer) == [
        "Raqqa"
    ]
    # the place itself stays
    assert _surfaces("The ship left Greenwich for Basra.", gazetteer) == ["Greenwich", "Basra"]


def test_a_name_that_opens_a_clause_about_a_person_is_no_place(gazetteer):
    assert _surfaces("Dayton, who served two tours, died near Ramadi.", gazetteer) == ["Ramadi"]
    # where the person is from stays a place, as does a country
    assert _surfaces("A medic from Dayton, who served near Ramadi, spoke.", gazetteer) == [
        "Dayton", "Ramadi"
    ]
    assert _surfaces("Elm Street, Dayton, who knew him, mourned.", gazetteer)[-1] == "Dayton"
    assert _surfaces("Jordan, who hosts the talks, sent troops.", gazetteer) == ["Jordan"]


def test_a_name_before_what_befalls_a_person_is_no_place(gazetteer):
    assert _surfaces("Dayton was mortally wounded near Fallujah.", gazetteer) == ["Fallujah"]
    assert _surfaces("Kingston was assigned to a unit in Kirkuk.", gazetteer) == ["Kirkuk"]
    # a place that undergoes something stays, and so does a country
    assert _surfaces("Dayton was shelled from the hills.", gazetteer) == ["Dayton"]
    assert _surfaces("Jordan was elected to the council.", gazetteer) == ["Jordan"]


def test_an_acronym_inside_a_sentence_is_no_place(gazetteer):
    # a wing's and an office's acronyms that are other names of towns somewhere
    assert _surfaces("The 507th ARW flew tankers from Incirlik to Erbil.", gazetteer) == [
        "Erbil"
    ]
    assert _surfaces("An office called ODE reviewed the aid sent to Mosul.", gazetteer) == [
        "Mosul"
    ]
    # countries and first-level units written as acronyms stay, as does a dateline
    assert _surfaces("Envoys of the UAE and the DPRK met in Geneva.", gazetteer) == [
        "UAE", "DPRK", "Geneva"
    ]
    assert "XENIA" in _surfaces("A school closed. XENIA — Police said a man was held.", gazetteer)


def test_a_name_inside_a_tribes_name_is_no_place(gazetteer):
    assert _surfaces("Fighters of the Al Bu Nimr tribe held Ramadi.", gazetteer) == ["Ramadi"]
    # a place before other capitalised words of a phrase about tribes stays
    assert _surfaces("The Kirkuk Arab tribes met.", gazetteer) == ["Kirkuk"]


def test_a_persons_full_name_before_a_title_in_apposition_is_no_place(gazetteer):
    got = _surfaces("Knox Thames, the Special Advisor for religious minorities, toured Erbil.",
                    gazetteer)
    assert got == ["Erbil"]
    # a town before the common noun of an office stays
    assert _surfaces("In Dayton, the mayor closed the roads.", gazetteer) == ["Dayton"]


def test_a_persons_name_across_a_spaced_article_is_no_place(gazetteer):
    # token files write "al-Freiji" as "al - Freiji"
    assert _surfaces("Officials named Mohan al - Freiji to lead the army in Basra .",
                     gazetteer) == ["Basra"]


def test_words_of_forces_names_are_no_places(gazetteer):
    got = _surfaces("The frigate joined U.S. Naval Forces Central Command in Bahrain.",
                    gazetteer)
    assert "Naval" not in got and got[-1] == "Bahrain"
    assert _surfaces("Gunmen attacked Badr offices in Baghdad.", gazetteer) == ["Baghdad"]
    # after a town cue the town stays
    assert _surfaces("They reached the town of Badr.", gazetteer)[-1] == "Badr"


def _places(text, gazetteer):
    return [(r.mention.surface, r.place is not None) for r in geoparse(text, gazetteer=gazetteer)]


def test_a_name_written_without_its_article_is_the_places_own_name(gazetteer):
    # Al Qayyarah (no population in the gazetteer) named without its article is no other
    # name of a hamlet
    assert ("Qayyarah", True) in _places("Engineers repaired the runway at Qayyarah.", gazetteer)


def test_unknown_names_in_a_list_of_places_are_places(gazetteer):
    # two villages the gazetteer lacks beside a known town, after a locative
    got = _places("Shells fell in Kafr Zumbul, Sarmin and Tell Qarqoor overnight.", gazetteer)
    assert got == [("Kafr Zumbul", False), ("Sarmin", True), ("Tell Qarqoor", False)]
    # a fronted place setting the scene, a person where he is, an acronym: no places
    assert _places("In Baghdad, Abadi and Maliki met.", gazetteer) == [("Baghdad", True)]
    got = _places("Reporters in Mosul, Terry Hamdan in Erbil and ISW staff wrote it.", gazetteer)
    assert [s for s, _ in got] == ["Mosul", "Erbil"]


def test_an_unknown_name_placed_by_a_direction_from_a_place_is_a_place(gazetteer):
    got = _places("Gunmen seized Kafr Zumbul, 12 km southwest of Mosul, at dawn.", gazetteer)
    assert got == [("Kafr Zumbul", False), ("Mosul", True)]
    got = _places("They fled from Tell Qarqoor, also north of Raqqa.", gazetteer)
    assert got[0] == ("Tell Qarqoor", False)
    # a title or a given name is no place
    assert _places("Colonel Hamdan, north of Raqqa, was wounded.", gazetteer)[0][0] != "Hamdan"


def test_a_countrys_border_is_a_place(gazetteer):
    # the adjective before the border names where the border is (place unknown by itself)
    got = _places("Shells landed on the Syrian border and near the Turkish frontier.", gazetteer)
    assert [s for s, _ in got] == ["Syrian", "Turkish"]
    # a charity "Without Borders" is no place
    assert _places("Doctors Without Borders treated the wounded.", gazetteer) == []


def test_a_typed_unknown_name_after_near_is_a_place(gazetteer):
    got = geoparse("Clashes went on near the Nwonko village.", gazetteer=gazetteer)
    assert [(r.mention.surface, r.mention.cue) for r in got] == [("Nwonko", "near+city")]


def test_a_name_going_on_across_a_capitalised_article_is_no_place(gazetteer):
    # "Kitab" (Kitob in Uzbekistan by another name) of a book's Arabic title
    assert _surfaces("The Kitab Al Jilwah was read aloud in Lalish.", gazetteer)[:1] != ["Kitab"]
    # an Arab town before a capitalised article stays
    assert _surfaces("Convoys left Dubai Al Barsha for Muscat.", gazetteer)[0] == "Dubai"


def test_unknown_names_given_as_examples_of_a_kind_of_place_are_places(gazetteer):
    got = _places("Troops retook villages in Nineveh including Kafr Zumbul and Tell Qarqoor.",
                  gazetteer)
    assert ("Kafr Zumbul", False) in got and ("Tell Qarqoor", False) in got
    # examples of what is no kind of place are no places
    assert _places("Groups including Kafr Zumbul and Tell Qarqoor fought.", gazetteer) == []


def test_the_portfolio_of_an_office_is_no_place(gazetteer):
    assert _surfaces("The Minister for the Middle East visited Erbil.", gazetteer) == ["Erbil"]
    assert _surfaces("The UN Special Envoy for Syria flew to Geneva.", gazetteer) == ["Geneva"]
    assert _surfaces("The Minister of State for the Middle East met envoys in Erbil.",
                     gazetteer) == ["Erbil"]
    # a common noun before "for" keeps the place, as does aid for a country
    assert _surfaces("A representative for Henrico County spoke.", gazetteer) == [
        "Henrico County"
    ]
    assert _surfaces("Aid for Syria arrived.", gazetteer) == ["Syria"]
    # a UN country team's coordinator works in the country named
    assert _surfaces("The Resident Coordinator for Pakistan spoke.", gazetteer) == ["Pakistan"]


def test_an_airfield_or_a_gate_ends_a_places_name(gazetteer):
    got = _places("Jets landed at Zumbul Airfield as crowds gathered at the Hamdan Gate.",
                  gazetteer)
    assert got == [("Zumbul Airfield", False), ("Hamdan Gate", False)]


def test_another_name_a_text_gives_a_place_is_a_place(gazetteer):
    got = _places("Troops reached Raqqa Airbase West, also called “R-West”, at dawn.", gazetteer)
    assert ("R-West", False) in got
    got = _places("The camp near Raqqa, known as Camp Zumbul, was hit.", gazetteer)
    assert ("Camp Zumbul", False) in got
    # an acronym is a programme's more often, and "called" as a verb names nothing
    got = _places("Funds for Kentucky, known as SEEK, rose.", gazetteer)
    assert [s for s, _ in got] == ["Kentucky"]
    got = _places("Doctors in Raqqa called Hamdan's death a crime.", gazetteer)
    assert [s for s, _ in got] == ["Raqqa"]


def test_a_surname_after_a_south_asian_given_name_is_no_place(gazetteer):
    # "Khan" is another name of towns in Germany and Syria; after "Imran" it is a surname,
    # and so it is everywhere in the text
    got = _surfaces("Imran Khan spoke in Lahore. Khan's rivals met in Karachi.", gazetteer)
    assert got == ["Lahore", "Karachi"]


def _where(text, gazetteer):
    return [(r.mention.surface, r.place.country_code if r.place else None)
            for r in geoparse(text, gazetteer=gazetteer)]


def test_a_spelling_that_differs_only_in_its_vowels_is_the_arab_town(gazetteer):
    # after a verb of war or of movement, in a text about Syria
    assert ("Menbej", "SY") in _where("Kurdish fighters in Syria pushed towards Menbej.",
                                       gazetteer)
    assert ("Qunaitra", "SY") in _where("Regime jets bombed Qunaitra near the Syrian border.",
                                         gazetteer)
    # without an Arab country in the text, or without a verb or locative before it, no
    assert _where("Kurdish fighters pushed towards Menbej.", gazetteer) == []
    assert "Menbej" not in [s for s, _ in _where("Menbej is a name, Syria a country.",
                                                 gazetteer)]


def test_two_capitalised_words_joined_by_a_hyphen_are_looked_up_by_their_consonants(gazetteer):
    got = _where("Warplanes hit Der-Ezor overnight, and Aleppo was shelled again.", gazetteer)
    assert ("Der-Ezor", "SY") in got
    # an article and a word is any Arabic name: a club's here
    got = _where("Al-Gaish beat Ittihad 2-0 in Cairo.", gazetteer)
    assert [s for s, _ in got] == ["Cairo"]


def test_a_name_after_a_given_name_and_a_capitalised_article_is_a_persons(gazetteer):
    got = _where("The court in Cairo heard Omar Al-Rashid on Monday.", gazetteer)
    assert [s for s, _ in got] == ["Cairo"]
    # a place's name with the article stays a place
    assert ("Deir Al-Zour", "SY") in _where("Fighting went on in Deir Al-Zour.", gazetteer)


def test_a_word_before_a_name_opening_with_a_hyphened_article_is_one_name_with_it(gazetteer):
    got = [s for s, _ in _where("Turkish troops entered Ras Al-Ain on Wednesday.", gazetteer)]
    assert got == ["Ras Al-Ain"]
    # the known name alone stays itself
    assert _where("He flew from Al-Ain to Dubai.", gazetteer)[0] == ("Al-Ain", "AE")


def test_a_head_of_arabic_place_names_is_no_place_alone(gazetteer):
    # (Wadi Barada, once the example, is a region of data/physical_places.csv now)
    got = _where("Regime forces shelled Wadi Hamra near Damascus on Monday.", gazetteer)
    assert got[0] == ("Wadi Hamra", None)
    assert [s for s, _ in got] == ["Wadi Hamra", "Damascus"]
    # the rest of the name takes an article, capitalised or not, hyphened or not
    assert _where("Shells hit Tal Al Eiss in India.", gazetteer)[0] == ("Tal Al Eiss", None)
    assert _where("Clashes erupted in Wadi Khalid.", gazetteer) == [("Wadi Khalid", None)]
    # a name the gazetteer knows whole stays its own place
    assert _where("Tankers sailed from Ras Tanura.", gazetteer) == [("Ras Tanura", "SA")]


def test_chained_arabic_and_kurdish_given_names_are_a_persons(gazetteer):
    text = "Raman Hassan, a local activist, said five people died in Idlib."
    assert [s for s, _ in _where(text, gazetteer)] == ["Idlib"]
    assert [s for s, _ in _where("The activist Raman said Idlib was shelled.", gazetteer)] == [
        "Idlib"
    ]
    # an English middle name that a city bears is not taken by this rule, and the town
    # of the chained name stays a place where it is one
    assert ("Hassan", "IN") in _where("The bus left Hassan for Mysore.", gazetteer)


def test_a_name_an_analyst_gave_a_place_is_its_own(gazetteer):
    # Marea (data/place_aliases.yaml) names a town GeoNames gives no population: not
    # "another name of hamlets only"
    assert ("Marea", "SY") in _where("Rebels shelled Marea on Tuesday.", gazetteer)


def test_a_word_with_the_article_that_names_only_hamlets_by_another_name_is_no_place(gazetteer):
    assert _where("The Summit opened with a minute of silence in Baghdad.", gazetteer) == [
        ("Baghdad", "IQ")
    ]
    # a place that bears the name itself stays
    assert [s for s, _ in _where("Delegates flew to The Hague.", gazetteer)] == ["The Hague"]


def test_the_kurdish_name_of_ras_al_ain_is_the_syrian_town(gazetteer):
    for text in ("Kurdish fighters withdrew from Serekaniye.", "Turkish troops entered Sari Kani."):
        assert [cc for _, cc in _where(text, gazetteer)] == ["SY"]


def test_a_word_listed_after_a_name_found_is_looked_up_by_its_consonants(gazetteer):
    got = _where("Airstrikes hit Der-Ezor and Qunaitra overnight, and Aleppo too.", gazetteer)
    assert ("Qunaitra", "SY") in got
    assert ("Menbej", "SY") in _where("Fighting spread to Aleppo, Menbej and Azaz.", gazetteer)
    # a word in a list of people is no town
    assert [s for s, _ in _where("Aleppo, Bashar and Maher were named.", gazetteer)] == ["Aleppo"]


def test_a_title_before_a_full_name_makes_it_a_persons(gazetteer):
    # "Capt. Hassan Ali": a title, then two name words; Hassan (a district and a city of
    # India) is the officer's given name. A title before a place's name alone stays a
    # place where the name holds a unit ("Miss Ohio")
    text = "Captain Hassan Ali told reporters that the base near Kismayo was attacked."
    assert _surfaces(text, gazetteer) == ["Kismayo"]
    assert _surfaces("President Hassan Rouhani visited Mashhad.", gazetteer) == ["Mashhad"]
    assert _surfaces("Miss Ohio won the crown.", gazetteer) == ["Ohio"]


def test_a_common_given_name_before_a_surname_is_no_place(gazetteer):
    # Brad (Romania), Corey (another name of a hamlet) and Verna (India) are first names here
    assert _surfaces(
        "The mayor thanked Brad Okafor and Corey Lindqvist for the work in Tikrit.", gazetteer
    ) == ["Tikrit"]
    assert _surfaces("Verna Hollis, 61, lives in Basra.", gazetteer) == ["Basra"]
    # the same word before a kind of place is a place's name, and a big place stays
    assert _surfaces("Travis Street was closed after the blast in Amarah.", gazetteer)[0] == (
        "Travis Street"
    )
    assert _surfaces("Fighters left Aleppo for Idlib.", gazetteer) == ["Aleppo", "Idlib"]


def _named_places(text, gazetteer):
    return [(r.mention.surface, r.place.name if r.place else None)
            for r in geoparse(text, gazetteer=gazetteer)]


def test_known_names_that_open_a_street_name_are_the_street_in_the_texts_town(gazetteer):
    # "Van" (Turkey) and "Dorn" are no places of their own in a street's name
    got = _named_places("Troops walked down Van Dorn Street in Alexandria, Virginia.", gazetteer)
    assert got[0] == ("Van Dorn Street", "Alexandria")
    # a street named after a city abroad lies in the town the text is about
    got = _named_places("A car bomb went off on Haifa Street in Baghdad.", gazetteer)
    assert got[0] == ("Haifa Street", "Baghdad")
    # with no town around it the street is an unknown place, not Haifa
    got = _named_places("Protesters gathered on Haifa Street.", gazetteer)
    assert got == [("Haifa Street", None)]
    # a road may lead to the place it names: left alone
    assert _named_places("The convoy took the Kirkuk Road.", gazetteer)[0][0] == "Kirkuk"


def test_a_feature_named_after_a_town_lies_by_the_texts_places(gazetteer):
    # "Robinson" (a town in Texas) and "Kish" (an island town in Iran) name no place of
    # their own in a lake's or a river's name: the feature is by the town the text is about
    got = _named_places("Boaters on Lake Robinson near Greenville, South Carolina, were "
                        "warned of the storm.", gazetteer)
    assert got[0] == ("Lake Robinson", "Greenville")
    got = _named_places("A kayak was found in the Kish River outside Rockford, Illinois.",
                        gazetteer)
    assert got[0] == ("Kish River", "Rockford")
    # with no place around it the feature is an unknown place, not the town
    assert _named_places("Campers left Lake Robinson.", gazetteer) == [("Lake Robinson", None)]
    # a town near the text's places keeps the feature named after it
    got = _named_places("Flooding closed Mosul Dam Lake and roads around Mosul.", gazetteer)
    assert got[0][1] == "Mosul"
    # a water body or a listed feature read as such stays as it is
    got = _named_places("Fighting spread along the Euphrates River near Raqqa.", gazetteer)
    assert got[0] == ("Euphrates River", "Euphrates")


def test_a_name_before_a_middle_initial_and_a_surname_is_a_first_name(gazetteer):
    # Harvey (a town in Illinois) and Verna are first names before "A. Rittle", "N. Osei"
    got = _surfaces("Police said Harvey A. Rittle and Verna N. Osei were held in Kirkuk.",
                    gazetteer)
    assert got == ["Kirkuk"]
    # an initial alone after a place is no person's ("Washington D. C.")
    assert _surfaces("He flew to Washington D. C. last week.", gazetteer)[0].startswith(
        "Washington"
    )


def test_a_makers_brand_named_like_a_town_is_no_place(gazetteer):
    # Honda (Colombia) and Toyota (Japan) are vehicles here
    got = _surfaces("Gunmen in Toyota pickups chased a 2004 Honda Odyssey out of Kandahar.",
                    gazetteer)
    assert got == ["Kandahar"]


def test_a_famous_first_name_before_a_middle_initial_is_a_person(gazetteer):
    # Virginia is a state, yet no place is followed by a middle initial and a surname
    got = _surfaces("The driver, Virginia L. Okoro, 77, was hurt near Hilla.", gazetteer)
    assert got == ["Hilla"]
    assert "Virginia" in _surfaces("The driver came from Virginia on Monday.", gazetteer)


def test_a_surname_after_a_name_particle_is_no_place(gazetteer):
    # Santiago (a capital) after a given name and "de", Silva (Mexico) after a name and "de"
    got = _surfaces("The mural by Mario de Santiago and Angie de Silva was shown in Aleppo.",
                    gazetteer)
    assert got == ["Aleppo"]
    # a place named with a particle stays, and so does a big place after a word that is no
    # given name
    assert _surfaces("He flew to Rio de Janeiro.", gazetteer) == ["Rio de Janeiro"]
    assert "Paris" in _surfaces("Tourists filled Notre Dame de Paris.", gazetteer)


def test_a_determiner_opening_a_sentence_before_a_kind_of_place_is_no_name(gazetteer):
    got = _surfaces("Shells fell on Tikrit. This road was closed. Another village was hit.",
                    gazetteer)
    assert got == ["Tikrit"]
    # an unknown name before a kind of place stays a place
    assert _surfaces("Fighters entered the Nwonko village.", gazetteer) == ["Nwonko"]


def test_a_name_before_a_noun_of_a_time_in_power_is_a_leaders(gazetteer):
    # Bush (a town in Egypt) is the president here
    assert _surfaces("The Bush administration sent troops to Iraq.", gazetteer) == ["Iraq"]
    # a seat of government stays a place
    assert _surfaces("The Damascus regime shelled Douma.", gazetteer)[0] == "Damascus"


def test_a_country_after_a_ministrys_portfolio_is_the_organisations(gazetteer):
    got = _surfaces("The Ministry of Defence of Ukraine sent a delegation to Baghdad.",
                    gazetteer)
    assert got == ["Baghdad"]
    # a title is no organisation: the country stays
    assert "Ukraine" in _surfaces("The Minister of Defence of Ukraine flew to Baghdad.",
                                  gazetteer)


def test_no_place_inside_an_armed_groups_name(gazetteer):
    # "Rapid" is another name of Rapid City, South Dakota; "Province" ends no place here
    assert _surfaces("The Rapid Support Forces shelled El Fasher.", gazetteer) == ["El Fasher"]
    assert _surfaces("Islamic State West Africa Province fighters raided Monguno.",
                     gazetteer) == ["Monguno"]
    assert _surfaces("The Kurdistan Workers' Party attacked a post in Hakkari.",
                     gazetteer) == ["Hakkari"]
    # the town itself stays
    assert _surfaces("Floods hit Rapid City.", gazetteer) == ["Rapid City"]


def test_a_news_agency_named_like_a_place_is_no_place(gazetteer):
    # SANA (Syria's agency; Sanaa by its key), Fars (a province of Iran)
    assert _surfaces("State news agency SANA said shells hit Hama.", gazetteer) == ["Hama"]
    assert _surfaces("The Fars news agency said two died in Ahvaz.", gazetteer) == ["Ahvaz"]
    # the province itself stays
    assert _surfaces("He was born in Fars province.", gazetteer) == ["Fars"]


def test_a_given_name_before_a_common_surname_is_a_persons_whatever_bears_it(gazetteer):
    # Tyler (Texas, a city of 100,000), Chad (a country) and Mary (a Turkmen province) are
    # first names before a common surname
    assert _surfaces("Tyler Koch said the convoy was shelled near Aleppo.", gazetteer) == [
        "Aleppo"
    ]
    assert _surfaces("Officials met Chad Walker and Mary Ellis in Kabul.", gazetteer) == [
        "Kabul"
    ]
    assert _surfaces("Reporters quoted Chad Walker, a spokesman.", gazetteer) == []
    # a surname no place bears does the same (Brandon, Florida; Tyler, Texas)
    assert _surfaces("Brandon Kowalczyk and Tyler Okonkwo fled Mosul.", gazetteer) == ["Mosul"]
    # the country itself, a name that goes on, and a locative before it stay places
    assert _surfaces("Refugees from Chad reached Tyler on Monday.", gazetteer) == [
        "Chad", "Tyler"
    ]
    assert "Chad" in _surfaces("Clashes in Chad Walker described as heavy.", gazetteer)
    assert "Tyler" in _surfaces("A storm hit the Tyler Rose Garden.", gazetteer)
    assert "Tyler" in _surfaces("He read the Tyler Qwertzville Gazette.", gazetteer)


def test_a_common_surname_after_a_given_name_is_the_persons_across_the_text(gazetteer):
    # Bolton (a town of England) and Jordan (a country) as surnames after a given name,
    # and the surname alone later in the text
    assert _surfaces("Envoy John Bolton flew to Kabul. Later Bolton met elders.", gazetteer) == [
        "Kabul"
    ]
    assert _surfaces("Andrew Jordan briefed reporters in Erbil.", gazetteer) == ["Erbil"]
    # a country named as a person's surname or given name is still the country later on,
    # and a longer name after the surname is left alone
    assert _surfaces("Andrew Jordan spoke. Refugees then crossed into Jordan.", gazetteer) == [
        "Jordan"
    ]
    assert _surfaces("Chad Walker spoke in Kabul. Troops left Chad.", gazetteer) == [
        "Kabul", "Chad"
    ]
    assert "Washington" in _surfaces("Students of George Washington University marched.", gazetteer)


def test_a_name_after_a_relatives_noun_is_a_persons(gazetteer):
    # Brittany (a French region) and Tyler (a Texan city) are relatives' names here
    assert _surfaces("Police said his daughter, Brittany, was hurt in Mosul.", gazetteer) == [
        "Mosul"
    ]
    assert _surfaces("Her brother Tyler fled to Erbil.", gazetteer) == ["Erbil"]
    # a country stays, and so does a place after a locative
    assert _surfaces("His brothers in Jordan fled to Erbil.", gazetteer) == ["Jordan", "Erbil"]


def test_a_capital_in_apposition_keeps_its_cue_across_the_comma(gazetteer):
    # "the capital, X": the cue reaches the name across the comma of the apposition (a
    # cue of another kind stops at a comma: see test_arabic_cues.py)
    got = [(r.mention.surface, r.mention.cue, r.place and r.place.country_code)
           for r in geoparse("Soldiers patrolled the streets of the capital, Lusaka, on Monday.",
                             "en", gazetteer=gazetteer)]
    assert ("Lusaka", "capital", "ZM") in got, got
