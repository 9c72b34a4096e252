"""Events as coders code them (#13): detection, ACLED types, actors and roles, dates,
fatalities. The sentences are written for these tests (none is from an evaluation corpus);
each is read as a coder would read it."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events import dedup, events_from_document
from geomap.events.fatalities import fatalities
from geomap.records import Document

DAY = dt.date(2023, 3, 12)


def _events(text: str, lang: str = "en", date: dt.date | None = DAY, gazetteer=None):
    doc = Document(doc_id="t", text=text, date=date, language=lang)
    return dedup(events_from_document(doc, gazetteer=gazetteer))


@pytest.mark.parametrize(
    "text",
    [
        "Warplanes struck a market in the town of Um Ruwaba on Saturday.",
        "A drone hit a car near the village of Kafr Nabl.",
        "Russian jets carried out an airstrike on a depot near Jisr al-Shughur.",
        "Government forces bombed the old quarter of Aleppo on Monday.",
        "The army targeted rebel hideouts in the hills east of Homs.",
        "Gunmen opened fire on a checkpoint in Tarmiyah, north of Baghdad.",
        "Militants fired mortar rounds at army positions near Tal Rifaat.",
        "Explosions were heard near the airport of Mosul late on Tuesday.",
        "An IED went off as a patrol passed through the town of Shaddadi.",
        "Shelling was reported in the eastern districts of Aleppo.",
    ],
)
def test_english_conflict_verbs_make_an_event(text, gazetteer):
    assert _events(text, gazetteer=gazetteer), text


@pytest.mark.parametrize(
    "text",
    [
        "قصفت طائرات حربية بلدة كفرنبل في ريف إدلب الجنوبي.",
        "استهدفت قوات النظام بلدة في ريف درعا.",
        "شن الطيران الحربي غارة على مواقع في جسر الشغور.",
        "أغار الطيران على مطار الشعيرات في ريف حمص.",
        "سقطت قذائف هاون على حي المزة في دمشق.",
        "وقع انفجار عنيف في مدينة أعزاز شمال حلب.",
        "اندلعت اشتباكات عنيفة في ريف دير الزور الشرقي.",
        "أطلق مسلحون النار على دورية للشرطة في مدينة درعا.",
    ],
)
def test_arabic_conflict_verbs_make_an_event(text, gazetteer):
    assert _events(text, "ar", gazetteer=gazetteer), text


def test_fighters_killed_is_a_battle_civilians_killed_is_not(gazetteer):
    (soldiers,) = _events(
        "Islamic State fighters killed 15 soldiers near Palmyra.", gazetteer=gazetteer
    )
    assert soldiers.event_type == "Battles"
    (man,) = _events(
        "Unidentified gunmen shot dead a man in the city of Daraa.", gazetteer=gazetteer
    )
    assert man.event_type == "Violence against civilians"


def test_a_strike_and_its_toll_are_one_event(gazetteer):
    evs = _events(
        "Warplanes struck a market in the town of Atarib in the western countryside of Aleppo on "
        "Saturday, killing at least 14 civilians, local medics said.",
        gazetteer=gazetteer,
    )
    assert len(evs) == 1
    assert evs[0].event_type == "Explosions/Remote violence" and evs[0].fatalities == 14


@pytest.mark.parametrize(
    ("text", "lang", "toll"),
    [
        ("A drone strike hit a fuel depot in Kramatorsk on Monday. Three civilians were injured.",
         "en", None),
        ("Warplanes struck the market in Saraqeb on Monday. Seven civilians were killed.", "en", 7),
        ("قصفت طائرات حربية سوق مدينة سراقب. وقتل سبعة مدنيين.", "ar", 7),
        # a word for the killed and wounded together: its sentence says nobody was hurt
        ("A Houthi drone hit an oil terminal in the port of Mukalla. No casualties were "
         "reported.", "en", 0),
    ],
)
def test_a_sentence_that_only_counts_the_casualties_is_the_event_before(
    text, lang, toll, gazetteer
):
    (ev,) = _events(text, lang, gazetteer=gazetteer)
    assert ev.event_type == "Explosions/Remote violence" and ev.place is not None
    assert ev.fatalities == toll


def test_a_new_act_after_an_event_stays_its_own_event(gazetteer):
    evs = _events(
        "Warplanes struck the market in Saraqeb on Monday. Gunmen killed two policemen in "
        "Baqubah on Tuesday.",
        gazetteer=gazetteer,
    )
    assert len(evs) == 2 and evs[1].fatalities == 2


def test_clashes_between_two_sides(gazetteer):
    (ev,) = _events(
        "Clashes erupted between the Syrian army and Islamic State fighters near Palmyra.",
        gazetteer=gazetteer,
    )
    assert (ev.actor1, ev.actor2) == ("Syria", "Islamic State")
    (ev,) = _events(
        "اندلعت اشتباكات بين قوات سوريا الديمقراطية وتنظيم الدولة الإسلامية في ريف دير الزور.",
        "ar",
        gazetteer=gazetteer,
    )
    assert (ev.actor1, ev.actor2) == ("Syrian Democratic Forces", "Islamic State")


def test_positions_held_by_x_are_acted_on(gazetteer):
    (ev,) = _events(
        "Russian jets carried out an airstrike on positions held by Hayat Tahrir al-Sham.",
        gazetteer=gazetteer,
    )
    assert (ev.actor1, ev.actor2) == ("Russia", "Hayat Tahrir al-Sham")


def test_victims_are_never_actor1(gazetteer):
    evs = _events(
        "أطلق مسلحون النار على دورية للشرطة في مدينة درعا، وقتل خمسة مدنيين.",
        "ar",
        gazetteer=gazetteer,
    )
    assert evs and all(e.actor1 != "Civilians" for e in evs)
    # the police patrol fired on and the civilians killed were both acted on
    assert any("Civilians" in e.actors and e.fatalities == 5 for e in evs)


def test_a_trigger_word_inside_a_group_name_opens_no_event(gazetteer):
    evs = _events(
        "شن الطيران الحربي غارة على مواقع هيئة تحرير الشام في جسر الشغور.",
        "ar",
        gazetteer=gazetteer,
    )
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]
    assert evs[0].actor2 == "Hayat Tahrir al-Sham"


def test_protesters_are_actor1_of_their_protest(gazetteer):
    evs = _events(
        "Protesters gathered in Beirut to demand the resignation of the government.",
        gazetteer=gazetteer,
    )
    assert evs and evs[0].event_type == "Protests" and evs[0].actor1 == "Protesters"


def test_an_explicit_year_wins_over_the_document_date(gazetteer):
    (ev,) = _events(
        "On 4 May 2020, clashes erupted near Saraqib.",
        date=dt.date(2020, 5, 3),
        gazetteer=gazetteer,
    )
    assert ev.event_date == dt.date(2020, 5, 4)
    (ev,) = _events("On 9 May 2020, clashes erupted near Saraqib.", date=None, gazetteer=gazetteer)
    assert ev.event_date == dt.date(2020, 5, 9)


@pytest.mark.parametrize(
    "text,lang,n",
    [
        ("Security forces killed 5 civilians.", "en", 5),
        ("At least 20 dead after the shelling.", "en", 20),
        ("Between 12 and 15 people were killed, and 30 wounded.", "en", 12),
        ("Three soldiers were killed in the ambush.", "en", 3),
        ("قتل خمسة مدنيين في القصف.", "ar", 5),
        ("سقوط 7 قتلى و12 جريحا.", "ar", 7),
        ("Dozens were wounded in the blast.", "en", None),
        ("On 9 May 2020 the town was shelled.", "en", None),
    ],
)
def test_fatalities_as_stated(text, lang, n):
    assert fatalities(text, lang) == n


# --------------------------------------------------------------------------- merging


def _riot(doc: str, place, date=DAY, precision=1, reason=None):
    from geomap.records import Event

    return Event(
        event_id=f"{doc}-e",
        event_type="Riots",
        sub_event_type="Violent demonstration",
        plover_code="PROTEST",
        status="reported",
        actor1="Protesters",
        actor2=None,
        actors=("Protesters",),
        sentence="",
        trigger="riot",
        language="en",
        source=doc,
        doc_id=doc,
        event_date=date,
        place=place,
        geo_precision=precision,
        location_reason=reason,
        sources=(doc,),
    )


def test_reports_merge_across_documents_only_where_coders_would():
    from geomap.records import Place

    town = Place(1, "Kano", 12.0, 8.52, "NG", feature_code="PPLA")
    near = Place(2, "Kano suburb", 12.01, 8.53, "NG")
    across = Place(3, "Border town", 12.02, 8.54, "NE")  # a few km off, another country
    country = Place(4, "Nigeria", 9.0, 8.0, "NG", feature_class="A", feature_code="PCLI")
    assert len(dedup([_riot("a", town), _riot("b", near)])) == 1
    assert len(dedup([_riot("a", town, date=None), _riot("b", near, date=None)])) == 2
    assert len(dedup([_riot("a", town), _riot("b", across)])) == 2
    assert len(dedup([_riot("a", country, precision=3), _riot("b", country, precision=3)])) == 2
    assert (
        len(dedup([_riot("a", town), _riot("b", town, precision=3, reason="country fallback")]))
        == 2
    )
    one = dedup([_riot("a", town), _riot("b", near)])[0]
    assert set(one.sources) == {"a", "b"}


# --- #13 items 1-3: detection, types, actors and roles (sentences written for these tests)


@pytest.mark.parametrize(
    "text, lang, sub",
    [
        # two triggers naming one strike: the means decide (data/event_rules.yaml same_event)
        ("Warplanes shelled the town of Kafr Nabl.", "en", "Air/drone strike"),
        ("قصفت طائرات حربية بلدة كفرنبل في ريف إدلب الجنوبي.", "ar", "Air/drone strike"),
        # a grenade thrown in a firefight between armed sides stays a battle
        ("Syrian army soldiers and rebels fought in Harasta, using grenades and rifles.", "en",
         "Armed clash"),
        # demonstrators who burn a police station riot
        ("Youths protesting against police brutality torched a police station in Lekki.", "en",
         "Violent demonstration"),
        ("Protesters gathered in Beirut; police dispersed them with tear gas.", "en",
         "Protest with intervention"),
    ],
)
def test_one_event_told_by_two_triggers_takes_the_kept_type(text, lang, sub, gazetteer):
    evs = _events(text, lang, gazetteer=gazetteer)
    assert [e.sub_event_type for e in evs] == [sub], text


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The coalition carried out strikes on a fuel depot near Raqqa.", "en"),
        ("Hurras al-Din fighters mounted a counterattack near Kabani.", "en"),
        ("Villagers pelted stones at police in Khatauli.", "en"),
        ("A father and son died after being beaten by police in custody in Sathankulam.", "en"),
        ("سقطت قذائف على حي المزة في دمشق.", "ar"),
        ("تصدت فصائل المعارضة لمحاولة تقدم قوات النظام في ريف حماة.", "ar"),
    ],
)
def test_more_conflict_words_make_an_event(text, lang, gazetteer):
    assert _events(text, lang, gazetteer=gazetteer), text


def test_a_labour_strike_is_a_protest_not_an_air_strike(gazetteer):
    (ev,) = _events("Workers went on strike in Basra over unpaid salaries.", gazetteer=gazetteer)
    assert ev.event_type == "Protests" and ev.actor1 == "Protesters"


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        # the people of a named actor are that actor
        ("ISIS militants attacked an army post near Palmyra, killing 3 soldiers.",
         "Islamic State", None),
        ("Taliban militants attacked a police checkpoint in Kunduz, killing 5 policemen.",
         "Taliban", "Afghanistan"),
        # two sides named together before "clashed"
        ("Indian army soldiers and militants of Lashkar-e-Taiba exchanged fire in Shopian.",
         "India", "Lashkar-e-Taiba"),
        ("Houthi forces and pro-Hadi government forces clashed near Marib.", "Houthis", "Yemen"),
        # a by-phrase past its article acts
        ("A strike by the US-led coalition hit a headquarters in Raqqa.", "US-led coalition",
         None),
        # the police hit by an IED are acted on, never actor1
        ("An IED exploded targeting a police patrol in Tikrit, wounding 3 policemen.",
         "Unidentified armed group",
         "Iraq"),
    ],
)
def test_actors_and_roles_as_coders_read_them(text, actor1, actor2, gazetteer):
    ev = _events(text, gazetteer=gazetteer)[0]
    assert ev.actor1 == actor1, text
    if actor2 is not None:
        assert ev.actor2 == actor2, text
    assert ev.actor2 != ev.actor1 or ev.actor1 is None


def test_two_sides_in_arabic(gazetteer):
    (ev,) = _events("اشتبكت قوات النظام وهيئة تحرير الشام في ريف إدلب.", "ar", gazetteer=gazetteer)
    assert (ev.actor1, ev.actor2) == ("Syria", "Hayat Tahrir al-Sham")


def test_a_claimant_acts_and_a_country_named_as_the_scene_does_not(gazetteer):
    evs = _events(
        "أعلنت جماعة الحوثي أنها استهدفت بطائرة مسيرة مطار أبها في جنوب السعودية.",
        "ar",
        gazetteer=gazetteer,
    )
    assert evs[0].actor1 == "Houthis" and "Saudi Arabia" not in evs[0].actors


def test_a_place_after_a_locative_with_a_conjunction_clitic_is_the_scene(gazetteer):
    # "وفي بغداد" (and in Baghdad): the capital, an alias of Iraq's state, is the scene;
    # the wounded police are the ones acted on
    text = "وفي بغداد، انفجرت عبوة ناسفة، ما أدى إلى إصابة ثلاثة من عناصر الشرطة."
    (ev,) = _events(text, "ar", gazetteer=gazetteer)
    assert (ev.actor1, ev.actor2) == ("Unidentified armed group", "Iraq")
    assert ev.place is not None and ev.place.name == "Baghdad"


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        ("Houthi forces fired artillery shells at Government of Yemen forces.", "Houthis", "Yemen"),
        ("Rebels attacked the forces of the Syrian regime near Hama.", "Syrian rebels", "Syria"),
    ],
)
def test_a_cue_before_the_forces_noun_an_actor_depends_on_gives_its_role(
    text, actor1, actor2, gazetteer
):
    (ev,) = _events(text, gazetteer=gazetteer)
    assert (ev.actor1, ev.actor2) == (actor1, actor2)


def test_a_country_before_a_forces_noun_is_a_party_even_after_a_locative(gazetteer):
    text = "Houthi fighters fired artillery shells at Yemen army positions in Hays district."
    (ev,) = _events(text, gazetteer=gazetteer)
    assert (ev.actor1, ev.actor2) == ("Houthis", "Yemen")
    # without the noun the country after "in" is the scene, no party
    (ev,) = _events("Turkish warplanes struck targets in Iraq on Monday.", gazetteer=gazetteer)
    assert ev.actors == ("Turkey",) and ev.place is not None and ev.place.country_code == "IQ"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Protesters gathered in Beirut to denounce the shelling of Tyre.", "en"),
        ("تظاهر المئات في مدينة إدلب تنديدا بالقصف الروسي.", "ar"),
    ],
)
def test_what_protesters_denounce_is_no_event_of_theirs(text, lang, gazetteer):
    evs = _events(text, lang, gazetteer=gazetteer)
    assert [e.event_type for e in evs] == ["Protests"], text


@pytest.mark.parametrize(
    "text, lang, role, actor",
    [
        ("Unidentified gunmen shot dead a man in the city of Daraa.", "en", "actor2", "Civilians"),
        ("A landmine exploded near Nawa, killing a farmer.", "en", "actor2", "Civilians"),
        ("Students protested in Kolkata against a fee hike.", "en", "actor1", "Protesters"),
        ("Residents of As-Sweida protested against the regime.", "en", "actor1", "Protesters"),
        ("تظاهر أهالي مدينة السويداء ضد النظام.", "ar", "actor1", "Protesters"),
    ],
)
def test_actors_coders_record_though_the_text_implies_them(text, lang, role, actor, gazetteer):
    ev = _events(text, lang, gazetteer=gazetteer)[0]
    assert getattr(ev, role) == actor, text
    assert ev.actor1 != "Civilians"


def test_a_state_that_protests_keeps_its_role(gazetteer):
    evs = _events("Lebanon protested to the United Nations.", gazetteer=gazetteer)
    assert all(e.actor1 != "Protesters" for e in evs)


def test_acronyms_as_written_and_once_introduced(gazetteer):
    (ev,) = _events("Near Mayadin, IS stoned a shepherd to death.", gazetteer=gazetteer)
    assert (ev.actor1, ev.actor2) == ("Islamic State", "Civilians")
    evs = _events(
        "Jaysh al-Islam (JAI) fighters held the town. On Monday JAI attacked Harasta.",
        gazetteer=gazetteer,
    )
    assert evs and evs[0].actor1 == "Jaysh al-Islam"
    # a verb, and a text in capitals throughout, name no one
    assert all("Islamic State" not in e.actors for e in _events(
        "The town is shelled daily, residents in Homs said.", gazetteer=gazetteer))
    assert all("Islamic State" not in e.actors for e in _events(
        "IS IT OVER? CLASHES IN HOMS", gazetteer=gazetteer))


@pytest.mark.parametrize(
    "text, lang",
    [
        ("A car bomb went off at a checkpoint in Azaz. Islamic State claimed responsibility for "
         "the attack.", "en"),
        ("انفجرت سيارة مفخخة في مدينة أعزاز شمال حلب. وتبنى تنظيم داعش الهجوم.", "ar"),
    ],
)
def test_a_claimant_is_actor1_of_the_event_told_before(text, lang, gazetteer):
    evs = _events(text, lang, gazetteer=gazetteer)
    assert len(evs) == 1 and evs[0].actor1 == "Islamic State"


@pytest.mark.parametrize(
    "text, lang, sub_event_type, country",
    [
        # claimed before any event is told: the claim tells the event
        ("Islamic State claimed responsibility for the bombing in Kabul.", "en",
         "Remote explosive/landmine/IED", "AF"),
        # a new, indefinite one after another event: two events, the claimant acts in the second
        ("Gunmen shot dead a teacher in Mosul. Separately, the Houthis claimed responsibility "
         "for a missile attack on a ship off Hodeidah.", "en",
         "Shelling/artillery/missile attack", "YE"),
        ("قتل مسلحون مدرسا في الموصل. وتبنت جماعة الحوثي هجوما صاروخيا على سفينة قبالة الحديدة.",
         "ar", "Shelling/artillery/missile attack", "YE"),
    ],
)
def test_a_claim_of_a_new_event_is_that_event(text, lang, sub_event_type, country, gazetteer):
    evs = _events(text, lang, gazetteer=gazetteer)
    claimed = [e for e in evs if e.sub_event_type == sub_event_type]
    assert len(claimed) == 1, [(e.sub_event_type, e.actor1) for e in evs]
    (ev,) = claimed
    assert ev.actor1 in {"Islamic State", "Houthis"} and ev.place.country_code == country, ev
    # the event told before keeps its own actor
    assert all(e.actor1 != ev.actor1 for e in evs if e is not ev)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("American forces shot down two drones launched from Yemen.", "en"),
        ("قالت القيادة المركزية إن القوات الأمريكية أسقطت طائرتين مسيرتين أطلقتا من مناطق "
         "يسيطر عليها الحوثيون.", "ar"),
    ],
)
def test_a_weapon_brought_down_is_the_interception_by_the_subject(text, lang, gazetteer):
    (ev,) = _events(text, lang, gazetteer=gazetteer)
    assert ev.sub_event_type == "Disrupted weapons use"
    assert ev.actor1 == "United States"


def test_a_strike_then_missiles_intercepted_are_two_events(gazetteer):
    evs = _events("Israeli jets struck targets near Damascus, killing four soldiers; "
                  "Syrian air defences later intercepted several missiles.", gazetteer=gazetteer)
    assert {e.sub_event_type for e in evs} >= {"Air/drone strike", "Disrupted weapons use"}


@pytest.mark.parametrize(
    "text, lang, country, place",
    [
        ("MOSCOW (Reuters) - Russian warplanes struck rebel positions in Idlib.", "en",
         "SY", "Idlib"),
        ("BAMAKO (AP) -- Gunmen attacked an army base in central Mali, killing 12 soldiers.", "en",
         "ML", "Mali"),
        ("موسكو (رويترز) - قصفت طائرات حربية روسية مواقع للمعارضة في إدلب.", "ar", "SY", "Idlib"),
    ],
)
def test_a_dateline_is_neither_place_nor_actor_of_the_event(text, lang, country, place, gazetteer):
    (ev,) = _events(text, lang, gazetteer=gazetteer)
    assert ev.place.country_code == country and ev.place.name == place, ev
    assert ev.location_reason in {"in-sentence place", "country named in sentence"}, ev


@pytest.mark.parametrize(
    "text, lang, country",
    [
        ("M23 rebels clashed with the army in eastern Congo on Monday.", "en", "CD"),
        ("اشتبك متمردو حركة إم 23 مع الجيش في شرق الكونغو.", "ar", "CD"),
        ("Soldiers clashed with militiamen in the Republic of Congo.", "en", "CG"),
    ],
)
def test_congo_alone_is_the_democratic_republic_as_wire_style_writes_it(text, lang, country,
                                                                        gazetteer):
    (ev,) = _events(text, lang, gazetteer=gazetteer)
    assert ev.place.country_code == country, ev


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Russian forces fired drones and missiles at the Kharkiv and Odesa regions overnight. "
         "Two people were killed in Odesa.", "en"),
        # an interception told between
        ("Russian forces fired drones and missiles at the Kharkiv and Odesa regions overnight. "
         "Air defences destroyed 20 of the drones. Two people were killed in Odesa.", "en"),
        ("أطلقت القوات الروسية طائرات مسيرة وصواريخ على منطقتي خاركيف وأوديسا. وقتل شخصان في "
         "أوديسا.", "ar"),
    ],
)
def test_a_toll_elsewhere_after_a_spread_attack_is_that_attack_there(text, lang, gazetteer):
    evs = _events(text, lang, gazetteer=gazetteer)
    odesa = [e for e in evs if e.fatalities == 2]
    assert len(odesa) == 1, evs
    assert odesa[0].event_type == "Explosions/Remote violence" and odesa[0].actor1 == "Russia"
    assert odesa[0].place.country_code == "UA"


@pytest.mark.parametrize(
    "text, sub_event_type, actor1",
    [
        ("The army said it had neutralised dozens of militants near Djibo.", "Armed clash",
         "Burkina Faso"),
        ("Air defences destroyed 32 drones over Kyiv overnight.", "Disrupted weapons use", None),
        ("Suspected jihadists attacked an army post near Djibo.", "Armed clash",
         "Unidentified armed group"),
    ],
)
def test_military_words_for_fighting_and_interception(text, sub_event_type, actor1, gazetteer):
    (ev,) = _events(text, gazetteer=gazetteer)
    assert ev.sub_event_type == sub_event_type, ev
    if actor1 is not None:
        assert ev.actor1 == actor1, ev
    assert not _events("Antibodies neutralized the virus in the lab in Geneva.",
                       gazetteer=gazetteer)


@pytest.mark.parametrize(
    "text, lang, sub_event_type",
    [
        ("انفجرت عبوة ناسفة على رتل عسكري قرب تكريت.", "ar", "Remote explosive/landmine/IED"),
        ("A drone struck a convoy of reinforcements near Marib.", "en", "Air/drone strike"),
    ],
)
def test_a_convoy_an_attack_hits_is_its_target_not_a_movement(text, lang, sub_event_type,
                                                                gazetteer):
    assert [e.sub_event_type for e in _events(text, lang, gazetteer=gazetteer)] == [sub_event_type]
    # a convoy told on its own is the movement
    alone = "رتل عسكري في طريقه إلى تكريت." if lang == "ar" else "Reinforcements arrived in Marib."
    assert [e.sub_event_type for e in _events(alone, lang, gazetteer=gazetteer)] == [
        "Change to group/activity"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Gunmen stormed a hotel in Mogadishu on Thursday.", "en"),
        ("اقتحم مسلحون فندقا في مقديشو يوم الخميس.", "ar"),
        ("اقتحمت قوات الأمن مقرا للحركة في مقديشو.", "ar"),
    ],
)
def test_a_building_stormed_is_a_fight_not_territory_taken(text, lang, gazetteer):
    (ev,) = _events(text, lang, gazetteer=gazetteer)
    assert ev.sub_event_type == "Armed clash", ev


@pytest.mark.parametrize(
    "text, lang, sub_event_type",
    [
        ("Gunmen set fire to vehicles near Mopti.", "en", "Looting/property destruction"),
        ("اقتحم مسلحون القرية وأضرموا النار في المنازل.", "ar", "Looting/property destruction"),
        # demonstrators who set fire riot
        ("Protesters set fire to tyres in Baghdad.", "en", "Violent demonstration"),
    ],
)
def test_fire_set_by_an_armed_group_is_no_riot(text, lang, sub_event_type, gazetteer):
    evs = _events(text, lang, gazetteer=gazetteer)
    assert sub_event_type in {e.sub_event_type for e in evs}, evs
    assert all(e.event_type != "Riots" for e in evs if e.actor1 == "Unidentified armed group")


@pytest.mark.parametrize(
    "text, lang",
    [
        ("A bomb went off under a military vehicle belonging to the Syrian Democratic Forces "
         "near Manbij.", "en"),
        ("انفجرت عبوة ناسفة بسيارة عسكرية تابعة لقوات سوريا الديمقراطية قرب منبج.", "ar"),
    ],
)
def test_the_owner_of_the_vehicle_hit_is_acted_on(text, lang, gazetteer):
    (ev,) = _events(text, lang, gazetteer=gazetteer)
    assert ev.actor2 == "Syrian Democratic Forces" and ev.actor1 != ev.actor2, ev


def test_a_verb_right_after_the_clause_word_is_followed_by_its_subject(gazetteer):
    evs = _events("قصفت قوات النظام بلدة كفرنبل، فيما استهدف حزب الله موقعا في ريف حلب.", "ar",
                  gazetteer=gazetteer)
    assert all(e.actor2 != "Hezbollah" for e in evs), evs
    assert any("Hezbollah" in e.actors for e in evs), evs


def test_a_date_in_may_plans_nothing(gazetteer):
    (ev,) = _events("DAMASCUS, May 9 (AFP) - Rebels shelled the town of Harasta.",
                    gazetteer=gazetteer)
    assert ev.status == "reported"
    (ev,) = _events("Turkey may launch an offensive on Manbij.", gazetteer=gazetteer)
    assert ev.status == "planned"


@pytest.mark.parametrize(
    "text, lang, actor1, actor2",
    [
        # the country comes from the sentence's place ...
        ("Government forces shelled rebel positions near Maarat al-Numan.", "en",
         "Syria", "Syrian rebels"),
        ("Security forces clashed with rebels in Marib on Sunday.", "en", "Yemen", "Houthis"),
        ("قصفت قوات النظام مواقع الفصائل المعارضة في ريف إدلب الجنوبي.", "ar",
         "Syria", "Syrian rebels"),
        # ... and a generic noun with no own country stays generic: "rebels" in France
        ("Police clashed with rebels in Marseille.", "en", "France", "Rebels"),
    ],
)
def test_generic_forces_and_rebels_take_the_country_of_the_place(
    text, lang, actor1, actor2, gazetteer
):
    ev = _events(text, lang, gazetteer=gazetteer)[0]
    assert (ev.actor1, ev.actor2) == (actor1, actor2), text


def test_a_sentence_without_places_takes_the_document_country(gazetteer):
    # the first sentence names only towns (no country): they say the document is about
    # Iraq, and the army of the second sentence is Iraq's
    text = ("Fighting went on around Tikrit and Samarra for a third day. "
            "The army shelled the hideouts of the attackers at dawn.")
    evs = _events(text, gazetteer=gazetteer)
    assert [e.actor1 for e in evs if e.trigger.startswith("shelled")] == ["Iraq"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Unknown gunmen killed a police officer in Kirkuk on Friday.", "en"),
        ("اغتال مجهولون شرطيا في مدينة كركوك.", "ar"),
    ],
)
def test_unidentified_armed_men_are_an_actor_as_coders_record_them(text, lang, gazetteer):
    ev = _events(text, lang, gazetteer=gazetteer)[0]
    assert ev.actor1 == "Unidentified armed group", text
    # and the coders' name for them maps to that actor
    from geomap.events.coders import coder_actor

    assert coder_actor("Unidentified Armed Group (Iraq)").name == ev.actor1


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out in Aleppo between rebels and gunmen loyal to the regime.",
        "Regime forces and the gunmen loyal to them attacked rebel positions in Aleppo.",
    ],
)
def test_gunmen_loyal_to_a_side_are_that_side(text, gazetteer):
    ev = _events(text, gazetteer=gazetteer)[0]
    assert "Unidentified armed group" not in ev.actors, text
    assert "Syria" in ev.actors, text


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Police fired tear gas at protesters in Basra on Sunday.", "en"),
        ("أطلقت الشرطة الغاز المسيل للدموع على المتظاهرين في البصرة.", "ar"),
    ],
)
def test_the_police_facing_protesters_is_actor2(text, lang, gazetteer):
    ev = next(e for e in _events(text, lang, gazetteer=gazetteer) if e.event_type == "Protests")
    assert (ev.actor1, ev.actor2) == ("Protesters", "Iraq"), text


def test_a_claim_names_who_hit_a_side_read_on_both_sides(gazetteer):
    text = ("A car bomb exploded near a checkpoint of the Syrian Democratic Forces in Raqqa, "
            "killing four fighters. Islamic State claimed responsibility for the attack.")
    ev = _events(text, gazetteer=gazetteer)[0]
    assert (ev.actor1, ev.actor2) == ("Islamic State", "Syrian Democratic Forces")


def test_a_military_base_is_not_al_qaeda(gazetteer):
    evs = _events("هاجم مسلحو جماعة بوكو حرام قاعدة عسكرية في ولاية بورنو.", "ar",
                  gazetteer=gazetteer)
    assert evs and evs[0].actor1 == "Boko Haram"
    assert all("Al-Qaeda" not in e.actors for e in evs)
    ev = _events("تبنى تنظيم القاعدة في جزيرة العرب الهجوم على معسكر للجيش في أبين.", "ar",
                 gazetteer=gazetteer)
    assert any("Al-Qaeda" in e.actors for e in ev)


def test_the_first_of_actors_named_together_is_actor1(gazetteer):
    ev = _events("Turkish forces and allied factions clashed with the SDF in Ras al-Ain, Hasakah.",
                 gazetteer=gazetteer)[0]
    assert (ev.actor1, ev.actor2) == ("Turkey", "Syrian Democratic Forces")
    assert "Syrian rebels" in ev.actors  # on Turkey's side, as a coder's associated actor


def test_factions_and_armed_groups_as_coders_name_them(gazetteer):
    ev = _events("Factions shelled regime positions near the town of Kafr Nabl in Idlib.",
                 gazetteer=gazetteer)[0]
    assert (ev.actor1, ev.actor2) == ("Syrian rebels", "Syria")
    ev = _events("An armed group attacked a village near Zamfara, killing six farmers.",
                 gazetteer=gazetteer)[0]
    assert ev.actor1 == "Unidentified armed group"


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        # the victim of an assassination after the verb, "a member of" its side
        ("اغتال مجهولون عنصرا من قوات النظام في مدينة درعا.",
         "Unidentified armed group", "Syria"),
        ("هاجم مسلحون مجهولون حاجزا للجيش العراقي في محافظة ديالى.",
         "Unidentified armed group", "Iraq"),
        # a verb of undergoing and an agent after "من قبل" (by)
        ("تعرضت مواقع قوات سوريا الديمقراطية لقصف مدفعي من قبل القوات التركية قرب منبج.",
         "Turkey", "Syrian Democratic Forces"),
        # "an attack of IS" (the clitic ل): IS acts; the members of the regime forces die
        ("قتل ثلاثة عناصر من قوات النظام بهجوم لتنظيم داعش في بادية حمص.",
         "Islamic State", "Syria"),
        ("استهدفت قوات النظام بالمدفعية الثقيلة مواقع الفصائل في ريف حماة الشمالي.",
         "Syria", "Syrian rebels"),
    ],
)
def test_arabic_roles_as_a_coder_reads_them(text, actor1, actor2, gazetteer):
    ev = _events(text, "ar", gazetteer=gazetteer)[0]
    assert (ev.actor1, ev.actor2) == (actor1, actor2), text


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        ("A strike by a US drone hit a car carrying al-Shabaab fighters near Jilib.",
         "United States", "Al-Shabaab"),
        # the attackers of a "when" clause are not the ones killed; the soldiers killed,
        # no state named for them, are the forces of the country it happened in
        ("Three soldiers were killed when Islamic State militants attacked a checkpoint near "
         "Tikrit.", "Islamic State", "Iraq"),
        # the owner of the base hit is acted on, though the outcome after it ("causing no
        # casualties") reads it as the one acting
        ("Rockets hit a Turkish base near Bashiqa, causing no casualties.", None, "Turkey"),
        ("A roadside bomb near Tikrit killed one U.S. soldier and wounded two others.",
         "Unidentified armed group", "United States"),
        # force on protesters no one is named for is the state's, of the place's country
        ("Soldiers shot dead two protesters in Basra on Friday.", "Iraq", "Protesters"),
        # a trigger that names who fired ("Gunmen opened fire") is lethal force too
        ("Gunmen opened fire on protesters in Baghdad, killing two.",
         "Unidentified armed group", "Protesters"),
        # the owner of the weapon "of" names acts
        ("A drone of the US-led coalition struck a car carrying two commanders near Sarmada.",
         "US-led coalition", None),
    ],
)
def test_english_roles_as_a_coder_reads_them(text, actor1, actor2, gazetteer):
    ev = _events(text, gazetteer=gazetteer)[0]
    assert (ev.actor1, ev.actor2) == (actor1, actor2), text


def test_bare_regime_forces_are_those_the_document_qualified(gazetteer):
    # no place: the country comes from the forces named once with it ...
    text = ("Shelling by the Syrian regime forces killed four people on Monday, and the "
            "regime forces shelled another village on Tuesday.")
    evs = _events(text, gazetteer=gazetteer)
    assert evs and all(e.actor1 == "Syria" for e in evs)
    # ... and a state named beside them ("Russian and regime warplanes") is another one:
    # the regime's, which with no country named is Syria's (regime_words in data/actors.yaml)
    evs = _events("Russian and regime warplanes bombed a market, killing ten people.",
                  gazetteer=gazetteer)
    assert evs and all(set(e.actors) == {"Russia", "Syria", "Civilians"} for e in evs)


@pytest.mark.parametrize(
    "text, actor1",
    [
        ("Armed bandits abducted 12 villagers near Kajuru in Kaduna state.",
         "Unidentified armed group"),
        ("Suspected militants hurled a grenade at a police patrol in Sopore.",
         "Unidentified armed group"),
        # the acronym in brackets keeps the militants Boko Haram's
        ("Boko Haram (JAS) militants attacked a village near Gwoza, killing five civilians.",
         "Boko Haram"),
    ],
)
def test_perpetrators_as_coders_name_them(text, actor1, gazetteer):
    ev = _events(text, gazetteer=gazetteer)[0]
    assert ev.actor1 == actor1, text


def test_who_reports_a_fight_takes_no_part_in_it(gazetteer):
    text = ("The Rapid Support Forces clashed with the Sudanese army in Khartoum on Saturday, "
            "residents said, as fighting spread to the city of Omdurman.")
    evs = _events(text, gazetteer=gazetteer)
    assert evs and all("Civilians" not in e.actors for e in evs)
    # a sayer whose words go on acts ("Turkey said it struck ...")
    ev = _events("Turkey said it struck PKK positions in northern Iraq.", gazetteer=gazetteer)[0]
    assert (ev.actor1, ev.actor2) == ("Turkey", "PKK")


def test_a_town_named_after_a_cue_is_never_stray(gazetteer):
    # a second story abroad in a document about Sudan: "the city of X" is named on purpose,
    # not a word misread as a place, and stays the event's place
    text = ("In Sudan, the Rapid Support Forces attacked El Fasher in North Darfur on Monday. "
            "Russian forces shelled the city of Kherson overnight, wounding four people.")
    evs = _events(text, gazetteer=gazetteer)
    shelling = [e for e in evs if e.actor1 == "Russia"]
    assert shelling and shelling[0].place is not None
    assert shelling[0].place.country_code == "UA" and shelling[0].geo_precision == 1


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Pirates boarded an oil tanker in the Gulf of Guinea on Tuesday and kidnapped six "
         "crew members.", "en"),
        ("اختطف قراصنة ستة بحارة من ناقلة نفط في خليج غينيا.", "ar"),
    ],
)
def test_a_country_in_a_water_body_s_name_is_no_actor(text, lang, gazetteer):
    evs = _events(text, lang, gazetteer=gazetteer)
    assert evs and all("Guinea" not in e.actors for e in evs), [e.actors for e in evs]


@pytest.mark.parametrize(
    "text, lang, sub_type, sides",
    [
        # one demonstration told in stages across a semicolon: coded by what it became
        ("Hundreds of protesters gathered in central Beirut on Wednesday to denounce the "
         "collapse of the currency; police fired tear gas when some demonstrators threw "
         "stones at the parliament building.", "en", "Violent demonstration",
         ("Protesters", "Lebanon")),
        ("Hundreds of protesters gathered in central Beirut on Wednesday to denounce the "
         "collapse of the currency; police fired tear gas to disperse them.", "en",
         "Protest with intervention", ("Protesters", "Lebanon")),
        # the security forces who dispersed it are the protest's other side
        ("وتظاهر مئات المحتجين في وسط بغداد للمطالبة بتحسين الخدمات، وأطلقت قوات الأمن "
         "الغاز المسيل للدموع لتفريقهم.", "ar", "Protest with intervention",
         ("Protesters", "Iraq")),
    ],
)
def test_a_demonstration_told_in_stages_is_one_event(text, lang, sub_type, sides, gazetteer):
    evs = _events(text, lang, gazetteer=gazetteer)
    assert [e.sub_event_type for e in evs] == [sub_type], [e.sub_event_type for e in evs]
    assert (evs[0].actor1, evs[0].actor2) == sides


@pytest.mark.parametrize(
    ("text", "lang", "coalition"),
    [
        ("Coalition warplanes bombed a Houthi camp near Saada, Yemen, on Friday.", "en",
         "Saudi-led coalition"),
        ("شنت طائرات التحالف غارات على معسكر للحوثيين في محافظة صعدة اليمنية.", "ar",
         "Saudi-led coalition"),
        ("Coalition warplanes struck an Islamic State hideout near Raqqa, Syria.", "en",
         "US-led coalition"),
        ("Coalition forces carried out an air strike on a bridge near Mosul, Iraq.", "en",
         "US-led coalition"),
    ],
)
def test_coalition_forces_are_the_coalition_at_war_in_the_country(text, lang, coalition, gazetteer):
    ev = _events(text, lang, gazetteer=gazetteer)[0]
    assert ev.actor1 == coalition, (text, ev.actor1, ev.actors)


def test_the_janjaweed_are_the_rapid_support_forces(gazetteer):
    ev = _events("Janjaweed militiamen burned a village near Geneina, West Darfur, killing "
                 "nine people.", gazetteer=gazetteer)[0]
    assert ev.actor1 == "Rapid Support Forces"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("اشتبك مسلحون مجهولون مع قوات النظام على أطراف بلدة طفس في ريف درعا.", "ar"),
        ("Unknown gunmen clashed with government forces on the edge of Tafas, Daraa.", "en"),
    ],
)
def test_the_side_clashed_with_is_the_other_side(text, lang, gazetteer):
    ev = _events(text, lang, gazetteer=gazetteer)[0]
    assert (ev.actor1, ev.actor2) == ("Unidentified armed group", "Syria"), ev.actors


def test_the_owner_of_the_warplanes_struck(gazetteer):
    ev = _events("Warplanes of the regime bombed the town of Kafr Nabl in Idlib on Sunday.",
                 gazetteer=gazetteer)[0]
    assert ev.actor1 == "Syria" and ev.actor2 != "Syria"


def test_a_region_in_brackets_is_no_actor(gazetteer):
    ev = _events("On 3 May 2021, a roadside bomb hit a PMF vehicle near Tarmiyah (Baghdad), "
                 "wounding three fighters.", gazetteer=gazetteer)[0]
    assert "Iraq" not in ev.actors and "Popular Mobilization Forces" in ev.actors, ev.actors


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Thousands of teachers rallied outside parliament in Nairobi on Tuesday.", 1),
        ("Opposition supporters rallied in Harare to demand new elections.", 1),
        ("Oil prices rallied in London after the producers' meeting.", 0),
        ("The shares rallied in Tokyo on Monday.", 0),
    ],
)
def test_a_rally_needs_people(text, n, gazetteer):
    evs = [e for e in _events(text, gazetteer=gazetteer) if e.event_type == "Protests"]
    assert len(evs) == n, [(e.trigger, e.event_type) for e in evs]


def test_same_kind_of_event_in_two_places_is_two_events(gazetteer):
    evs = _events("Protesters rallied in Tunis, while thousands marched in Sfax.",
                  gazetteer=gazetteer)
    assert sorted(e.place.name for e in evs if e.place is not None) == ["Sfax", "Tunis"]
    # one place, told in two clauses: one event
    (one,) = _events("Hundreds of students marched in Tunis on Monday, and they protested "
                     "outside the ministry in Tunis.", gazetteer=gazetteer)
    assert one.event_type == "Protests"


@pytest.mark.parametrize(
    "text",
    [
        "A drone attack set fire to an oil depot in the Bryansk region overnight.",
        "Shelling set fire to several houses in the village of Kuroma on Monday.",
    ],
)
def test_a_fire_a_strike_set_is_the_strike_not_a_riot(text, gazetteer):
    evs = _events(text, gazetteer=gazetteer)
    assert [e.event_type for e in evs] == ["Explosions/Remote violence"], evs


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Thousands rallied peacefully in Baghdad on Friday, while protesters burned tyres and "
         "blocked roads in Nasiriyah.", "en"),
        ("تظاهر آلاف الأشخاص في بغداد يوم الجمعة، فيما أغلق محتجون طرقا في الناصرية "
         "بالإطارات المحترقة.", "ar"),
    ],
)
def test_a_demonstration_that_turned_elsewhere_leaves_the_peaceful_one_peaceful(text, lang,
                                                                                gazetteer):
    evs = _events(text, lang, gazetteer=gazetteer)
    got = {e.place.name: e.sub_event_type for e in evs}
    assert got == {"Baghdad": "Peaceful protest", "Nasiriyah": "Violent demonstration"}, evs
