"""Each part of event extraction on small texts written for the tests."""

import datetime as dt

import pytest

from geomap.events import book_for, dedup, events_from_document
from geomap.events.actors import STATE_FORCES, default_book, load_actors_file
from geomap.events.probes import actor_countries, locate_event
from geomap.errors import DataError
from geomap.filtering import filter_events
from geomap.records import Document
from geomap.schema import events_to_frame


def _events(text, lang="en", date=dt.date(2020, 5, 4), doc_id="d", **kw):
    return events_from_document(Document(doc_id, text, f"src-{doc_id}", "", date, lang), **kw)


def test_status_negated_and_planned():
    (denied,) = _events("Turkey does not plan an offensive in Manbij.")
    assert denied.status == "denied"
    planned = _events("The army is expected to launch an offensive on Raqqa.")
    assert planned and all(e.status == "planned" for e in planned)
    (reported,) = _events("Rebels attacked an army checkpoint in Daraa.")
    assert reported.status == "reported"


def test_roles_in_english():
    (e,) = _events("Russian warplanes bombed Idlib, killing Syrian rebels.")
    assert e.actor1 == "Russia" and e.actor2 == "Syrian rebels"
    (e,) = _events("Kurdish YPG fighters were attacked by Islamic State militants near Kobani.")
    assert e.actor1 == "Islamic State" and e.actor2 == "YPG"


def test_roles_in_arabic():
    (e,) = _events("شنت طائرات روسية غارة جوية على مدينة إدلب", lang="ar")
    assert e.actor1 == "Russia" and e.sub_event_type == "Air/drone strike"
    assert e.place is not None and e.place.country_code == "SY"


def test_exclusion_scope_keeps_out_the_uninvolved():
    (e,) = _events("Turkey launched an offensive in Afrin without coordinating with Russia.")
    assert "Russia" not in e.actors and e.actor1 == "Turkey"


def test_place_is_where_not_topic():
    (e,) = _events("Russian and Turkish officials met in Ankara to discuss the situation in Syria.")
    assert e.place.name == "Ankara" and e.geo_precision == 1


@pytest.mark.parametrize(
    "text, lang, precision",
    [
        # a direction word before a town noun describes the town: the town itself
        ("Government forces shelled the northern city of Aleppo on Monday.", "en", 1),
        ("Police in the western city of Lviv arrested a man on Friday.", "en", 1),
        # north of a town, or the north of a country, is near it or part of it
        ("Fighting erupted north of the city of Aleppo on Monday.", "en", 2),
        ("قصفت قوات النظام شمال مدينة حلب يوم الاثنين.", "ar", 2),
    ],
)
def test_a_direction_word_before_a_town_noun_describes_the_town(text, lang, precision):
    (e,) = _events(text, lang)
    assert e.place is not None and e.geo_precision == precision, text


def test_no_place_is_kept_with_null_geometry():
    events = _events("Rebels attacked an army checkpoint.")
    frame = events_to_frame(events)
    assert len(frame) == 1 and frame.geometry.iloc[0] is None


def test_dedup_across_articles_lists_every_source():
    a = _events("Syrian army air strikes hit Saraqeb on Monday.", doc_id="a")
    b = _events("Government warplanes carried out air strikes on Saraqeb on Monday.", doc_id="b")
    merged = dedup(a + b)
    strikes = [e for e in merged if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1 and set(strikes[0].sources) == {"src-a", "src-b"}


def test_dedup_keeps_apart_different_places():
    a = _events("Syrian army air strikes hit Saraqeb on Monday.", doc_id="a")
    b = _events("Syrian army air strikes hit Douma on Monday.", doc_id="b")
    assert len([e for e in dedup(a + b) if e.sub_event_type == "Air/drone strike"]) == 2


def test_user_actors_file(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(
        "actors:\n  - name: Liwa Test\n    type: militia\n    country: SY\n"
        "    parent: Syrian rebels\n    aliases:\n      en: [Liwa al-Test]\n      ar: [لواء "
        "الاختبار]\n",
        "utf-8",
    )
    book = book_for([f])
    (e,) = _events("Liwa al-Test fighters attacked regime forces near Daraa.", book=book)
    assert e.actor1 == "Liwa Test"
    frame = events_to_frame([e])
    assert len(filter_events(frame, "Syrian rebels", include_children=True, book=book)) == 1
    assert len(filter_events(frame, "Syrian rebels", book=book)) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: {not: a list}\n", "utf-8")
    with pytest.raises(DataError, match="actors"):
        load_actors_file(bad)


def test_filters(english_document, gazetteer):
    frame = events_to_frame(dedup(events_from_document(english_document, gazetteer=gazetteer)))
    assert set(filter_events(frame, event_type="Air/drone strike")["sub_event_type"]) == {
        "Air/drone strike"
    }
    assert set(filter_events(frame, event_type="Battles")["event_type"]) == {"Battles"}
    assert len(filter_events(frame, since="2018-02-06")) < len(frame)
    assert set(filter_events(frame, country="sy")["country_code"]) == {"SY"}
    inside = filter_events(frame, bbox=(36.0, 35.0, 37.5, 36.5))  # Idlib area
    assert len(inside) >= 1 and inside["longitude"].between(36.0, 37.5).all()
    assert len(filter_events(frame, status="planned")) == 0


def test_locate_event_and_actor_countries():
    text = "Gunmen killed two policemen in Kirkuk on Sunday, officials said."
    span = locate_event(text, text.index("killed"), text.index("killed") + 6, language="en")
    assert span is not None and text[span[0] : span[1]] == "Kirkuk"
    assert locate_event("The minister said the talks went well.", 13, 17, language="en") is None
    src, tgt = actor_countries("Israeli troops shot dead a Palestinian in Hebron.", language="en")
    assert src == ["IL"] and tgt == ["PS"]


def test_actor_types_of_other_datasets_names():
    book = default_book()
    assert book.type_of("Turkey") == "state"  # one of ours
    assert book.type_of("Government of Syria") == "government"
    assert book.type_of("Military Forces of Turkey (2016-)") == "state"
    assert book.type_of("Syrian insurgents") == "rebel group"  # not "state" for "Syrian"
    assert book.type_of("Civilians (Syria)") == "civilians"
    assert book.type_of("IS") == "jihadist group" and book.type_of("is") != "jihadist group"
    assert book.type_of("Unidentified Armed Group (Syria)") == "other"
    assert book.type_of("SDF fighters") == book.canonical("SDF").type  # a known actor inside
    assert book.type_of("Nobody we know") == "other"


def _where(text, verb):
    i = text.index(verb)
    span = locate_event(text, i, i + len(verb), language="en")
    return text[span[0] : span[1]] if span else None


def test_locate_fronted_place_and_place_modifiers():
    # "In X, ..." sets the scene for the whole sentence, however many clauses follow
    assert (
        _where(
            "In Kirkuk, hundreds of students who had gathered at the university marched "
            "against the decision.",
            "marched",
        )
        == "Kirkuk"
    )
    # "central Baghdad" is a place even though Baghdad also names Iraq's government
    assert (
        _where("A car bomb exploded in a busy market in central Baghdad.", "exploded") == "Baghdad"
    )


def test_locate_skips_places_inside_personal_names():
    # "Ahmad" is a place in the gazetteer; after a capitalised given name it is a surname
    assert _where("Police said Muhammad Ahmad was killed by gunmen on Sunday.", "killed") is None
    assert _where("Gunmen killed two policemen in Ahmad on Sunday.", "killed") == "Ahmad"
    # weekdays are no part of a name: "Kirkuk Sunday" is still Kirkuk
    assert _where("Gunmen killed two policemen in Kirkuk Sunday.", "killed") == "Kirkuk"


def test_locate_names_the_gazetteer_does_not_know():
    # invented names: the words around them say they are places
    assert _where("Militants stormed the village of Qarvatuna on Monday.", "stormed") == "Qarvatuna"
    assert (
        _where("Gunmen killed five people in the Zorbela district of Kirkuk.", "killed")
        == "Zorbela"
    )
    assert _where("Gunmen attacked Nwevko village, killing nine.", "attacked") == "Nwevko"
    # a capitalised word after "in" is no place when it is a group or follows a title
    assert _where("Five people were killed in the Kurdish town.", "killed") is None
    assert (
        _where("Protesters marched outside President Zandor Quill's residence.", "marched") is None
    )


def test_unknown_place_is_mapped_at_a_known_one_nearby():
    events = _events("Gunmen killed five people in the Zorbela district of Kirkuk on Sunday.")
    assert len(events) == 1
    e = events[0]
    assert e.place is not None and e.place.name == "Kirkuk"
    assert e.geo_precision == 2 and "Zorbela" in e.location_reason


def test_locate_prefers_the_inner_of_two_nested_places():
    assert _where("Gunmen shot dead a man in the West Bank town of Hebron.", "shot") == "Hebron"
    assert _where("A car bomb exploded in Baghdad's Zorbela district.", "exploded") == "Zorbela"
    assert _where("Gunmen killed three men in Zorbela, southern Kirkuk.", "killed") == "Zorbela"


def test_international_organisations_and_lowercase_acronyms():
    # the UN acting in Liberia is not Liberia; Liberia is still the target
    src, tgt = actor_countries(
        "The United Nations will provide food aid to refugees in Liberia.", language="en"
    )
    assert src == [] and tgt == ["LR"]
    # "us" is a pronoun, not the United States
    src, _ = actor_countries("Soldiers told us that rebels attacked the village.", language="en")
    assert "US" not in src
    book = book_for()
    assert book.canonical("NATO").type == "international organisation"
    assert book.canonical("Taliban").country == "AF"


def test_actors_follow_the_main_verb_not_an_embedded_event():
    # the sentence is about the complaint; the raids are what it complains of
    src, tgt = actor_countries(
        "Lebanon complained to the United Nations on Tuesday over two Israeli air raids.",
        language="en",
    )
    assert src == ["LB"] and "IL" not in src


def test_a_bare_place_before_the_verb_is_its_subject_not_its_place():
    assert _where("Kirkuk has not been captured, officials said.", "captured") is None
    assert _where("In Kirkuk, gunmen shot two policemen.", "shot") == "Kirkuk"


def test_an_actors_name_used_as_the_scene_is_a_place():
    # "Baghdad" also names Iraq's government; here it is where things happened
    assert _where("A car bomb destroyed a Baghdad restaurant on Sunday.", "destroyed") == "Baghdad"
    assert _where("His plane was shot down over Laos in 1965.", "shot") == "Laos"
    assert _where("Thousands marched through the streets of Cairo.", "marched") == "Cairo"
    assert _where("Police boats patrol Sri Lanka's west coast.", "patrol") == "Sri Lanka"
    # a party to the event stays a party
    assert _where("Israel captured two soldiers.", "captured") is None


def test_nested_places_by_size_and_wording():
    # the larger place names the kind of place ahead: the smaller one is where it happened
    assert (
        _where("Gunmen killed a man in the Kirkuk neighbourhood of Zorbela.", "killed") == "Zorbela"
    )
    assert (
        _where("A bomb exploded near Baghdad's heavily fortified Zorbela Zone.", "exploded")
        == "Zorbela Zone"
    )
    assert (
        _where("A bomb went off near the Zorbela Hospital in western Kirkuk.", "went")
        == "Zorbela Hospital"
    )
    # a direction or an apposition is no nesting
    assert _where("Students demonstrated in Hadera, north of Tel Aviv.", "demonstrated") == "Hadera"
    assert (
        _where("Two men were captured in Ramadi, the capital of Anbar province.", "captured")
        == "Ramadi"
    )


def test_dates_ages_and_brackets_split_no_clause():
    assert (
        _where("Bishara, 54, shot Lahd on Nov. 7, 1988, at his house in Zorbela village.", "shot")
        == "Zorbela"
    )
    assert (
        _where("A bomb detonated at about 8:50 a.m. (0450 GMT) near Kirkuk.", "detonated")
        == "Kirkuk"
    )


def test_the_place_acted_on_is_where_it_happened():
    # the object of the verb, or the subject of its passive, even when it names an actor
    assert _where("Militants entered Syria on Wednesday.", "entered") == "Syria"
    assert _where("Baghdad was heavily bombed by allied jets.", "bombed") == "Baghdad"
    assert _where("The West Bank is patrolled by troops.", "patrolled") == "West Bank"
    # not a victim ("shot Jordan"), an active verb, a place that only says who, or a
    # modifier of the object
    assert _where("A sergeant shot Jordan, a rebel.", "shot") is None
    assert _where("A driver from Puerto Rico was shot.", "shot") is None
    assert _where("The player captured Sweden's first title.", "captured") is None
    assert _where("Kirkuk has not been captured, officials said.", "captured") is None


def test_months_and_acronyms_are_no_places():
    # "Jan" and "SANA" are places in the gazetteer; here a month and a news agency
    assert _where("Police captured him on Jan. 10 in a remote village.", "captured") is None
    assert _where("Thirty rebels were killed by the army, SANA said.", "killed") is None


def test_a_known_head_word_of_a_longer_arabic_name_is_no_place_of_its_own():
    # the gazetteer knows "Tal" and "Zor" somewhere else; the names here are longer
    assert (
        _where("Rebels captured the hilltop of Tal Al-Zorbela near Kirkuk.", "captured")
        == "Tal Al-Zorbela"
    )
    assert _where("Five fighters were killed in Deir ez-Zor city.", "killed") == "Deir ez-Zor"
    events = _events("Rebels captured the hilltop of Tal Al-Zorbela near Kirkuk on Sunday.")
    assert events and events[0].place is not None and events[0].place.name == "Kirkuk"
    # a person's name with an article is not extended into a place
    assert _where("Abd al-Rahman was moved to Kirkuk.", "moved") == "Kirkuk"


def test_government_forces_are_the_state_of_the_sentences_country():
    (e,) = _events("Pro-government forces carried out air strikes on Sirte in western Libya.")
    assert e.actor1 == "Libya"
    (e,) = _events("Rebels attacked government forces near Daraa.")
    assert e.actor2 == "Syria"
    # nothing says which state: the generic actor stays
    (e,) = _events("Government forces shelled rebel positions.")
    assert e.actor1 == STATE_FORCES
    assert default_book().state_of("TR").name == "Turkey" and default_book().state_of("ZZ") is None


def test_a_name_before_a_kind_of_place_is_a_place_a_bare_subject_is_not():
    assert _where("The owner of a posh Kirkuk restaurant was shot dead.", "shot") == "Kirkuk"
    assert _where("Kirkuk captured the title on Sunday.", "captured") is None


def test_other_senses_of_trigger_words_make_no_event():
    assert _where("The champion captured the title in Kirkuk on Sunday.", "captured") is None
    assert _where("The team demonstrated that the plan works in Kirkuk.", "demonstrated") is None
    assert not _events("The champion captured the title in Kirkuk on Sunday.")
    # the conflict senses stay
    assert _where("Rebels captured the town in Kirkuk province.", "captured") == "Kirkuk"
    assert _where("Students demonstrated in Kirkuk on Sunday.", "demonstrated") == "Kirkuk"


def test_a_trigger_ending_a_sentence_is_not_also_in_the_next_quoted_one():
    text = 'Police said the market in Idlib was attacked. "Nobody was hurt," a doctor said.'
    events = [e for e in _events(text) if e.trigger == "attacked"]
    assert len(events) == 1 and events[0].sentence.startswith("Police")


def test_dates_from_the_documents_one_pass_equal_a_scan_of_the_sentence():
    from geomap.events.dates import date_lexicon, event_date
    from geomap.text import normalize, tokenize

    sentence = "Two days ago rebels attacked, and yesterday the army shelled the town."
    norm = normalize(sentence)
    matches = date_lexicon("en").find(norm, tokenize(norm.text))
    day = dt.date(2020, 5, 4)
    assert matches and event_date(sentence, day, "en", matches) == event_date(sentence, day, "en")
