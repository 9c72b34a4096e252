"""Detection and ACLED types as a new user meets them (#13 items 1-2): conflict news in
forms the development corpora hardly hold (English headlines without a verb,
nominalisations; Arabic clitics, passives without diacritics, broken plurals and duals),
and sentences that only mention a conflict word. Every sentence is written for these
tests; none is from an evaluation corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events import dedup, events_from_document
from geomap.records import Document

DAY = dt.date(2024, 5, 9)


def _events(text: str, lang: str, gazetteer):
    doc = Document(doc_id="t", text=text, date=DAY, language=lang)
    return dedup(events_from_document(doc, gazetteer=gazetteer))


def _first_type(text: str, lang: str, gazetteer) -> tuple[str, str] | None:
    evs = _events(text, lang, gazetteer)
    return (evs[0].event_type, evs[0].sub_event_type) if evs else None


EXPLOSIONS, BATTLES, VAC = "Explosions/Remote violence", "Battles", "Violence against civilians"
PROTESTS, STRATEGIC = "Protests", "Strategic developments"


@pytest.mark.parametrize(
    "text, want",
    [
        # headlines without a verb
        (
            "Shelling on the outskirts of Kafr Zita overnight",
            (EXPLOSIONS, "Shelling/artillery/missile attack"),
        ),
        (
            "Casualties in Jisr al-Shughur after a drone strike on a market",
            (EXPLOSIONS, "Air/drone strike"),
        ),
        (
            "Fresh confrontations between tribal fighters and the SDF near Hajin",
            (BATTLES, "Armed clash"),
        ),
        ("Suicide car bombing at a checkpoint in Tal Afar", (EXPLOSIONS, "Suicide bomb")),
        # nominalisations
        ("Abduction of a journalist by gunmen in Mosul", (VAC, "Abduction/forced disappearance")),
        ("Execution of three men by militants in a square in Raqqa", (VAC, "Attack")),
        (
            "Looting of shops in Tripoli after the police left",
            (STRATEGIC, "Looting/property destruction"),
        ),
        # verbs in forms the lexicon lacked
        ("Government troops advance further into the old city of Mosul", (BATTLES, "Armed clash")),
        (
            "The shootout between police and smugglers near Rafah lasted an hour",
            (BATTLES, "Armed clash"),
        ),
        ("Riot police dispersed the crowd outside the governor's office in Basra",
         (PROTESTS, "Protest with intervention")),
        ("Police broke up a sit-in by unpaid teachers in Basra",
         (PROTESTS, "Protest with intervention")),
        (
            "Security forces disperse protesters with water cannon in Basra",
            (PROTESTS, "Protest with intervention"),
        ),
        (
            "Two villagers succumbed to their wounds after a mortar attack on Kafr Nubl",
            (EXPLOSIONS, "Shelling/artillery/missile attack"),
        ),
    ],
)
def test_english_news_in_new_forms_takes_its_type(text, want, gazetteer):
    assert _first_type(text, "en", gazetteer) == want, text


@pytest.mark.parametrize(
    "text, want",
    [
        # و/ف/ب clitics and duals: two air strikes, two IEDs, two shells
        ("وقتل ثلاثة مدنيين بغارتين على بلدة سرمين", (EXPLOSIONS, "Air/drone strike")),
        (
            "فانفجرت عبوتان ناسفتان بسيارة في مدينة الباب",
            (EXPLOSIONS, "Remote explosive/landmine/IED"),
        ),
        (
            "وأصيب جنديان بقذيفتين على حاجز في درعا",
            (EXPLOSIONS, "Shelling/artillery/missile attack"),
        ),
        # passives without diacritics, and with them; the victims are two men: civilians
        ("قتل شاب برصاص قناص في حي الوعر بحمص", (VAC, "Attack")),
        ("وأُعدم رجلان رمياً بالرصاص في ساحة بالميادين", (VAC, "Attack")),
        # broken plurals
        ("نصب مسلحون كمائن لدورية للجيش قرب تدمر", (BATTLES, "Armed clash")),
        ("اعتصامات للعمال أمام مبنى المحافظة في السويداء", (PROTESTS, "Peaceful protest")),
        # "مسيرة" is a drone or a march: a peaceful march is a protest
        ("وخرجت مسيرة سلمية في ساحة الحرية بكربلاء", (PROTESTS, "Peaceful protest")),
        ("وشنت الأجهزة الأمنية حملة اعتقالات في الرقة", (STRATEGIC, "Arrests")),
        (
            "وسيطر مقاتلو المعارضة على قريتين في ريف حماة",
            (BATTLES, "Non-state actor overtakes territory"),
        ),
        ("ونفذ انتحاري تفجيرا بحزام ناسف في سوق ببغداد", (EXPLOSIONS, "Suicide bomb")),
        ("وتوغلت قوات الاحتلال في بلدة بيت حانون", (BATTLES, "Armed clash")),
        ("ونشرت تركيا تعزيزات عسكرية قرب إدلب", (STRATEGIC, "Change to group/activity")),
        ("وتقدمت قوات النظام نحو بلدة كفرنبل", (BATTLES, "Armed clash")),
        ("وشنت الفصائل عملية ضد مواقع داعش قرب الباب", (BATTLES, "Armed clash")),
        ("نشر الجيش الأمريكي عددا من قواته في منبج", (STRATEGIC, "Change to group/activity")),
        # dispersing an indefinite crowd, breaking up a sit-in: force met the protest
        ("فرقت الشرطة محتجين أمام مبنى البلدية في صفاقس", (PROTESTS, "Protest with intervention")),
        ("وفضت قوات الأمن اعتصاما للعمال في قفصة", (PROTESTS, "Protest with intervention")),
    ],
)
def test_arabic_news_in_new_forms_takes_its_type(text, want, gazetteer):
    assert _first_type(text, "ar", gazetteer) == want, text


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The attack on his reputation was unfair, the minister said in Cairo.", "en"),
        ("Buy tickets in advance at the box office in Denver.", "en"),
        ("The senator hopes to advance the bill in Austin next week.", "en"),
        ("Two people were killed in a car crash on the highway near Dallas.", "en"),
        ("Firefighters put out a blaze at a warehouse in Tulsa.", "en"),
        # "Protestant" is no protest
        ("Protestant churches in Belfast held services for peace on Sunday.", "en"),
        # "الدكتور" is no "دك" (pounded)
        ("الدكتور كريم حداد افتتح عيادة في حلب", "ar"),
        ("خضع الوزير لعملية جراحية في مستشفى بعمان", "ar"),
        ("تسجيل 40 إصابة جديدة بفيروس كورونا في الأردن", "ar"),
        ("أطلقت البلدية حملة توعية بمخاطر التدخين في حمص", "ar"),
        ("استمرت عمليات الإنقاذ بعد السيول في الكويت", "ar"),
        # "نشر" publishes unless forces are named near it
        ("نشرت صحيفة محلية تقريرا عن الاقتصاد في بيروت", "ar"),
        ("نشر العلماء بحثا جديدا في القاهرة", "ar"),
        # "تقدم" offers and "عملية" is any process unless forces are named near them
        ("وزارة الصحة تقدم عددا من النصائح للأهالي في الرياض", "ar"),
        ("بدأت عملية تطوير البرنامج في دبي", "ar"),
        ("اعترض النائب على مشروع القانون في البرلمان اللبناني", "ar"),
    ],
)
def test_a_word_only_mentioned_makes_no_event(text, lang, gazetteer):
    assert _events(text, lang, gazetteer) == [], text


@pytest.mark.parametrize(
    "text, lang",
    [
        # the talks are a meeting (PLOVER CONSULT, mapped as Strategic developments/Other);
        # the war they are about is no event
        ("The peace talks on the war resumed in Geneva.", "en"),
        # a visit; "سلمان" is a name, not "سلم" (handed over territory)
        ("زار الملك سلمان مدينة جدة", "ar"),
    ],
)
def test_a_meeting_is_only_a_meeting(text, lang, gazetteer):
    evs = _events(text, lang, gazetteer)
    assert [(e.event_type, e.sub_event_type) for e in evs] == [(STRATEGIC, "Other")], text


@pytest.mark.parametrize(
    "text, want",
    [
        ("A strike by teachers closed schools in Amman.", (PROTESTS, "Peaceful protest")),
        ("Strikes by workers paralysed the port of Beirut.", (PROTESTS, "Peaceful protest")),
        ("A strike by Russian warplanes hit a market in Ariha.", (EXPLOSIONS, "Air/drone strike")),
    ],
)
def test_who_strikes_decides_a_labour_strike_from_an_air_strike(text, want, gazetteer):
    assert _first_type(text, "en", gazetteer) == want, text


def test_a_killing_next_to_a_withdrawal_stays_an_event_of_its_own(gazetteer):
    evs = _events(
        "Militants killed a shepherd and withdrew from the village of Tal Tamr.", "en", gazetteer
    )
    assert [e.sub_event_type for e in evs] == ["Attack", "Change to group/activity"]
