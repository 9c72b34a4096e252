"""Events as coders code them: a state's demonym beside a group of that state only
describes it ("جماعة الحوثي اليمنية"); a news outlet's name is no trigger ("قناة المسيرة"
is no drone); the victims' side after "from"/"من" is acted on; gunmen who storm a village
and kill its people attack civilians; a town taken after days of fighting is one battle;
miners and fishermen are civilians; "the following day" dates from the event before; a
place that only lists a name among its alternates, far from the report's other places and
country, is no place. The sentences are written for these tests, in English and Arabic;
none comes from an evaluation corpus."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2026, 3, 15)  # a Sunday


def _coded(evs):
    return [(e.event_type, e.sub_event_type, e.actor1, e.actor2) for e in evs]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("أعلنت جماعة الحوثي اليمنية يوم الأربعاء أنها استهدفت سفينة تجارية بصاروخ باليستي.", "ar"),
        ("Yemen's Houthis fired a missile at a commercial ship on Wednesday.", "en"),
    ],
)
def test_a_demonym_beside_a_group_of_its_state_only_describes_the_group(text, lang,
                                                                       coded_events):
    evs = coded_events(text, lang, DAY)
    assert [e.actor1 for e in evs] == ["Houthis"], text
    assert all("Yemen" not in (e.actor1, e.actor2) for e in evs)


def test_a_demonym_beside_a_group_of_another_state_is_a_party(coded_events):
    evs = coded_events("Israeli jets struck Lebanon's Hezbollah in Tyre on Monday.", "en", DAY)
    assert [(e.actor1, e.actor2) for e in evs] == [("Israel", "Hezbollah")]


def test_a_news_outlets_name_is_no_trigger(coded_events):
    evs = coded_events("ذكرت قناة المسيرة التابعة للحوثيين أن ستة أشخاص قتلوا في مدينة صعدة.",
                       "ar", DAY)
    assert [(e.event_type, e.sub_event_type) for e in evs] == [
        ("Violence against civilians", "Attack")]  # a killing, not a drone's strike
    # the same word that is no outlet's name still names the drone
    drone = coded_events("قصفت طائرة مسيرة موقعا في مأرب.", "ar", DAY)
    assert [e.sub_event_type for e in drone] == ["Air/drone strike"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("قتل جنديان من القوات الحكومية في هجوم للحوثيين على موقع عسكري غرب مدينة تعز.", "ar"),
        ("Two soldiers of the Yemeni army were killed in a Houthi attack in Taiz on Monday.",
         "en"),
    ],
)
def test_the_side_the_victims_are_from_is_acted_on(text, lang, coded_events):
    evs = coded_events(text, lang, DAY)
    assert [(e.actor1, e.actor2) for e in evs] == [("Houthis", "Yemen")], text


@pytest.mark.parametrize(
    "text, lang",
    [
        ("اقتحم مسلحون من الدعم السريع قرية في ولاية الجزيرة وقتلوا أكثر من 100 شخص.", "ar"),
        ("Al-Shabaab militants stormed a hotel in Mogadishu on Friday, killing 15 people.",
         "en"),
    ],
)
def test_an_assault_that_kills_unarmed_people_is_violence_against_civilians(
        text, lang, coded_events):
    evs = coded_events(text, lang, DAY)
    assert [(e.event_type, e.sub_event_type, e.actor2) for e in evs] == [
        ("Violence against civilians", "Attack", "Civilians")], text


def test_a_clash_with_a_side_named_stays_a_battle_whoever_fell(coded_events):
    evs = coded_events("Clashes between the army and al-Shabaab in Afgoye killed five civilians"
                       " on Friday.", "en", DAY)
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("Battles", "Armed clash")]


@pytest.mark.parametrize(
    "text, lang, taker, loser, town",
    [
        ("M23 rebels seized the town of Sake, 25 km west of Goma, on Tuesday after two days"
         " of heavy fighting with the Congolese army, residents said.", "en", "M23",
         "Democratic Republic of Congo", "Sake"),
        ("سيطرت قوات الدعم السريع يوم الثلاثاء على مدينة ود مدني عاصمة ولاية الجزيرة بعد معارك"
         " عنيفة استمرت ثلاثة أيام مع الجيش السوداني.", "ar", "Rapid Support Forces", "Sudan",
         "Wad Medani"),
    ],
)
def test_a_town_taken_after_days_of_fighting_is_one_battle(text, lang, taker, loser, town,
                                                           coded_events):
    evs = coded_events(text, lang, DAY)
    assert [(e.sub_event_type, e.actor1, e.actor2, e.place.name) for e in evs] == [
        ("Non-state actor overtakes territory", taker, loser, town)]


def test_fighting_elsewhere_beside_a_town_taken_is_its_own_battle(coded_events):
    evs = coded_events("Government forces recaptured the town of Hajin in Deir ez-Zor province on"
                       " Monday, while fierce clashes with Islamic State fighters continued in"
                       " the town of Abu Kamal near the Iraqi border.", "en", DAY)
    assert [e.sub_event_type for e in evs] == ["Government regains territory", "Armed clash"]


@pytest.mark.parametrize("victims", ["seven miners", "four fishermen", "three truck drivers"])
def test_people_at_work_are_civilians(victims, coded_events):
    evs = coded_events(f"Gunmen attacked a village near Djugu on Sunday, killing {victims}.",
                       "en", DAY)
    assert [(e.event_type, e.actor2) for e in evs] == [("Violence against civilians",
                                                        "Civilians")]


@pytest.mark.parametrize(
    "text, lang, first, then",
    [
        ("Jihadists ambushed an army convoy near Douentza on Friday, killing 20 soldiers."
         " Malian drones struck a militant base near Mopti the following day.", "en",
         dt.date(2026, 3, 13), dt.date(2026, 3, 14)),
        ("هاجم مسلحون حاجزا للجيش في مدينة تعز يوم الجمعة. وفي اليوم التالي قصفت طائرات التحالف"
         " مواقع الحوثيين في صنعاء.", "ar", dt.date(2026, 3, 13), dt.date(2026, 3, 14)),
    ],
)
def test_the_following_day_dates_from_the_event_before(text, lang, first, then, coded_events):
    evs = coded_events(text, lang, DAY)
    assert [(e.event_date, e.time_precision) for e in evs] == [(first, 1), (then, 1)]


def test_a_date_of_its_own_outranks_the_day_after(coded_events):
    evs = coded_events("Jihadists ambushed an army convoy near Douentza on Friday. On Monday,"
                       " a day later than planned, Malian drones struck a base near Mopti.",
                       "en", DAY)
    assert evs[-1].event_date == dt.date(2026, 3, 9)


def test_an_alternate_name_abroad_far_from_the_report_is_no_place():
    from geomap.geoparse import geoparse

    text = ("Jihadists ambushed a Malian army convoy near Douentza on Friday, killing 20"
            " soldiers. Malian drones struck a militant base near Boni the next day.")
    got = {r.mention.surface: r.place for r in geoparse(text, "en")}
    assert got["Douentza"] is not None and got["Douentza"].country_code == "ML"
    assert got["Boni"] is None  # not Bonn, which lists "Boni" among its names


def test_a_participle_clause_is_placed_where_the_clause_before_it_says(coded_events):
    # the fronted province gives way to the territory named in the clause the participle
    # ("killing") goes on
    evs = coded_events("In neighbouring Ituri province, CODECO militiamen attacked a gold mining"
                       " site in Djugu territory on Sunday, killing seven miners.", "en", DAY)
    assert [(e.actor1, e.place.name) for e in evs] == [("CODECO", "Djugu")]
