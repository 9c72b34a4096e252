"""The events stage's shortcuts give what the long way gives (texts written for the tests)."""

import datetime as dt

from geomap.events.actors import _INTRODUCED, _WORD, default_book, written_acronyms
from geomap.events.dates import _event_date, _written, event_date
from geomap.events.location import _water_patterns, water_spans
from geomap.lexicon import Lexicon, LexiconSet, Match
from geomap.records import Actor, ActorMention
from geomap.text import normalize, tokenize


def _scanned(text, lang):
    """water_spans' matches without the screen of head words: every pattern run."""
    patterns = [pattern for pattern, _ in _water_patterns(lang)]
    return sorted(m.span("w") for pattern in patterns for m in pattern.finditer(text))


def test_water_heads_screen_only_texts_without_a_head():
    for text, lang in [
        ("Rebels shelled Hama and Homs on Monday.", "en"),
        ("The sea was calm when the strait closed.", "en"),  # heads in lower case: none
        ("Ships crossed the Strait of Hormuz into the Arabian Sea.", "en"),
        ("Lake Chad is shrinking; the Bay of Bengal floods.", "en"),
        ("قصفت الطائرات مدينه حماه", "ar"),
        ("اعترضت البحرية سفينه في خليج عدن وفي البحر الاحمر", "ar"),
    ]:
        assert water_spans(text, lang) == _merged(_scanned(text, lang)), text


def _merged(spans):
    out = []
    for a, b in spans:
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def test_a_text_in_capitals_has_no_written_acronyms_whatever_its_other_letters():
    book = default_book()
    assert written_acronyms("IS FIGHTERS ATTACKED THE TOWN. IS LEFT.", [], book) == []
    # letters outside ASCII count for neither side of the share
    text = "IS fighters attacked Ḥamā and Dayr éz-Zōr; it is over."
    assert [m.surface for m in written_acronyms(text, [], book)] == ["IS"]


def _acronyms_the_long_way(text, mentions, book):
    """written_acronyms' matches by a lookup of every capitalised word (no pattern of the
    acronyms known)."""
    known, intro_at = dict(book.acronyms), {}
    for m in mentions:
        got = _INTRODUCED.match(text, m.end)
        if got and got.group(1) not in known:
            known[got.group(1)] = m.actor
            intro_at[got.group(1)] = got.end()
    return [
        (w.group(1), w.start())
        for w in _WORD.finditer(text)
        if w.group(1) in known and w.start() >= intro_at.get(w.group(1), 0)
        and not any(m.start < w.end() and w.start() < m.end for m in mentions)
    ]


def test_written_acronyms_are_the_capitalised_words_known():
    book = default_book()
    text = ("THIS is no IS; ISIS and IS-held towns neither, nor xIS, but IS fighters and TIP "
            "did. The Jaysh al-Fatah (JAF) and the JAF's allies; JAFs, xJAF, JAF.")
    a, b = text.index("Jaysh"), text.index(" (JAF)")
    named = ActorMention(Actor("Jaysh al-Fatah", "rebel"), a, b, text[a:b])
    for mentions in ([], [named]):
        got = [(m.surface, m.start) for m in written_acronyms(text, mentions, book)]
        assert got == _acronyms_the_long_way(text, mentions, book)
        assert ("IS", text.index("IS fighters")) in got and ("IS", 2) not in got  # not in "THIS"
    assert ("JAF", text.index("JAF's")) in got and ("JAF", text.rindex("JAF.")) in got


def test_lexicon_set_starts_phrases_by_the_next_word():
    # one word opens phrases of several lexicons, each with its own second words
    a = Lexicon([("the army", "A"), ("the rebels", "R2")])
    b = Lexicon([("the day before", "D"), ("the", "T")])
    c = Lexicon([("the rebels", "X")])
    norm = normalize("The army and the rebels met the day before the talks.")
    toks = tokenize(norm.text)
    found = LexiconSet([a, b, c]).find(norm, toks)
    assert found == [lex.find(norm, toks) for lex in (a, b, c)]
    assert [m.value for m in found[0]] == ["A", "R2"] and len(found[2]) == 1


def test_lexicon_set_gives_each_lexicon_its_own_matches():
    a = Lexicon([("air strike", "A"), ("shell*", "S")])
    b = Lexicon([("rebels", "R")])
    c = Lexicon([("nowhere in this text", "N")])
    norm = normalize("Rebels shelled the town after an air strike.")
    toks = tokenize(norm.text)
    found = LexiconSet([a, b, c]).find(norm, toks)
    assert found == [lex.find(norm, toks) for lex in (a, b, c)]
    assert found[2] == []
    m = found[0][0]
    assert isinstance(m, Match) and (m.value, m.surface) == ("S", "shelled")
    assert (m.tok_start, m.tok_end) == (1, 2) and norm.original[m.start : m.end] == "shelled"


def test_a_sentence_date_is_read_once_and_the_same_for_every_caller():
    day = dt.date(2020, 5, 3)
    sentence = "On 4 May 2020, clashes erupted; in March 2016 rebels had left."
    _written.cache_clear()
    assert event_date(sentence, day, "en") == (dt.date(2020, 5, 4), 1)
    assert event_date(sentence, day, "en", []) == (dt.date(2020, 5, 4), 1)
    assert _written.cache_info().hits >= 1
    assert event_date("In March 2016, forces shelled the town", day, "en", []) == (
        dt.date(2016, 3, 1), 3)
    assert event_date("In March 2016, forces shelled the town", None, "en") == (
        dt.date(2016, 3, 1), 3)
    assert event_date("Forces shelled the town", None, "en") == (None, None)
    # no date written: the article's, or a weekday's, with or without the caller's matches
    plain = "Yesterday forces shelled the town"
    _event_date.cache_clear()
    assert event_date(plain, day, "en") == (dt.date(2020, 5, 2), 1)
    assert event_date(plain, day, "en", []) == (day, 2)


def test_dedup_keeps_a_lone_report_as_it_is_and_merges_the_others():
    from geomap.events import dedup
    from geomap.records import Event

    def report(doc, actors, sources, n=0):
        return Event(f"id-{doc}-{n}", "Battles", "Armed clash", "FIGHT", "reported", actors[0],
                     None, actors, "s", "clashed", "en", doc, doc, event_date=dt.date(2020, 5, 4),
                     time_precision=1, sources=sources, start=n, end=n + 1)

    lone = report("a", ("Rebels", "Rebels"), ("a", "a"))  # repeated names: not a copy
    one = report("b", ("Army",), ("b",))
    same = report("b", ("Army", "Rebels"), ("c",), 1)  # unplaced: merged within a document
    out = dedup([one, same])
    assert len(out) == 1 and out[0].actors == ("Army", "Rebels")
    assert set(out[0].sources) == {"b", "c"}
    (kept,) = dedup([lone])
    assert kept.actors == ("Rebels",) and kept.sources == ("a",)
    (kept,) = dedup([one])
    assert kept is one


def test_a_toll_is_read_from_number_words_digits_and_two_word_numbers_alone():
    from geomap.events.fatalities import _two_word_firsts, fatalities

    assert "a" in _two_word_firsts("en")  # "a dozen"
    assert fatalities("Gunmen killed twelve villagers near the dam.", "en") == 12
    assert fatalities("The blast killed seven workers.", "en") == 7
    assert fatalities("Shelling killed 31 people overnight.", "en") == 31
    assert fatalities("Shelling hit the market; nobody was hurt.", "en") is None


def test_an_actor_name_is_a_place_name_by_the_gazetteer_asked():
    from geomap.events.extract import _not_a_place_name
    from tests.dict_gazetteer import DictGazetteer

    plain, with_town = DictGazetteer({}), DictGazetteer({"tarbela": ["a town"]})
    assert _not_a_place_name(plain)("Tarbela") is True
    assert _not_a_place_name(with_town)("Tarbela") is False  # not the first one's answer
    assert _not_a_place_name(plain)("Tarbela") is True


def test_a_sentence_is_folded_once_from_the_document_as_fold_gives_it():
    from geomap.events.extract import folded_sentence
    from geomap.text.normalize import fold
    from geomap.text.view import TextView

    class Doc:  # what folded_sentence reads of an EventDoc
        def __init__(self, view):
            self.norm, self.text = view.norm, view.text

    for text, lang in [
        ("Rebels shelled Hama on Monday. Three were killed in Al-Bāb.", "en"),
        # diacritics and tatweel dropped: the folded text is shorter than the original
        ("قَصَفَت الطائراتُ مدينةَ حماة. وقُتِلَ خمسةُ مدنيين في البـــاب.", "ar"),
    ]:
        view = TextView.of(text, lang)
        assert len(view.sentences) == 2
        for sent in view.sentences:
            assert folded_sentence(Doc(view), sent) == fold(sent.text), sent.text


def test_a_sentence_without_a_killing_word_is_not_read_for_a_toll():
    from geomap.events.fatalities import _may_count, fatalities

    # the screen finds the first words of killing and "no casualties" phrases as words
    assert not _may_count("en").search("skilled workers and 5 undead dolls")
    assert _may_count("en").search("5 people were killed")
    assert _may_count("ar").search("وقتل خمسه مدنيين")  # a glued conjunction
    for sentence, lang, toll in [
        ("Skilled workers, 5 of them, left the town.", "en", None),
        ("No one was hurt when 3 shells hit the base.", "en", 0),
        ("Gunmen killed 4 villagers.", "en", 4),
        ("وقتل خمسة مدنيين في القصف", "ar", 5),
        ("قصفت الطائرات البلدة لكنها لم تسفر عن ضحايا", "ar", 0),
    ]:
        assert fatalities(sentence, lang) == toll, sentence


def test_the_killing_word_screen_finds_what_the_expression_finds():
    from geomap.events.fatalities import _may_count, _may_count_in
    from geomap.text.normalize import fold

    for text, lang in [
        ("Gunmen killed three farmers near the well.", "en"),
        ("The strike caused human losses, officials said.", "en"),
        ("He was unskilled and overkilled the part.", "en"),  # inside a longer word: none
        ("5killed and killed5 were written without a space.", "en"),
        ("No casualties were reported after the blast.", "en"),
        ("The talks resumed in the capital on Monday.", "en"),
        ("وقتل خمسة مدنيين في القصف", "ar"),
        ("افاد المرصد بمقتل عنصرين", "ar"),
        ("ققتل ليست كلمة", "ar"),  # a letter that is no glued head before the word
        ("اجتمع الوفدان في العاصمة", "ar"),
    ]:
        folded = fold(text)
        assert _may_count_in(folded, lang) == (_may_count(lang).search(folded) is not None), text


def test_the_month_day_expression_keeps_the_matches_of_month_names():
    from geomap.events.dates import _MONTH_DAY, _month_day, _months

    months = _months("en")
    for text in ["on may 5 and june 12th 2019", "mayday 5 came before jan. 3",
                 "x-may 5 the 12 may and march 30", "in march of 2020 and april 31st"]:
        want = [m.span() for m in _MONTH_DAY.finditer(text) if m.group(1) in months]
        assert [m.span() for m in _month_day("en").finditer(text)] == want, text


def _doc(text, lang):
    from geomap.events.document import EventDoc
    from geomap.text.view import TextView

    return EventDoc(TextView.of(text, lang), default_book())


def test_split_trigger_heads_come_from_the_one_lexicon_pass():
    from geomap.events.document import lexicon_set
    from geomap.events.lexicons import split_triggers

    for text, lang in [
        ("Gunmen set two houses on fire and set the market ablaze; setting fires is a crime.",
         "en"),
        ("أضرم مسلحون النار في منزلين وأشعلوا النار في السوق", "ar"),
        ("The council set new rules for the market.", "en"),
    ]:
        norm = normalize(text)
        toks = tokenize(norm.text)
        found = lexicon_set(lang, default_book()).find(norm, toks)
        assert found[-1] == split_triggers(lang).find(norm, toks), text
    assert [m.surface for m in _doc("Gunmen set two houses on fire.", "en").triggers] == ["set"]


def _backing_the_long_way(d):
    """drafts._backing_spans by every token's forms against every backing phrase."""
    from geomap.events.drafts import _backing_firsts
    from geomap.text.normalize import token_forms

    firsts, toks, out = _backing_firsts(d.lang), d.toks, {}
    for i, tok in enumerate(toks):
        for form in token_forms(tok.text):
            for phrase in firsts.get(form, ()):
                end = i + len(phrase)
                if end <= len(toks) and end not in out and all(
                    w in token_forms(toks[i + k].text) for k, w in enumerate(phrase[1:], 1)
                ):
                    out[end] = i
    return out


def test_backing_phrases_found_per_word_are_those_found_per_form():
    from geomap.events.drafts import _backing_spans, may_back

    for text, lang in [
        ("Troops backed by US drones and supported by militias, with the help of allies, "
         "retook the town with help from the air.", "en"),
        ("هاجمت الفصائل المدعومة من تركيا القرية بدعم من الطيران وبإسناد من المدفعية", "ar"),
        ("Rebels shelled the town.", "en"),
    ]:
        d = _doc(text, lang)
        assert _backing_spans(d) == _backing_the_long_way(d), text
    assert may_back(_doc("Troops backed by drones retook the town.", "en"))
    assert not may_back(_doc("Rebels shelled the town.", "en"))


def test_a_demonym_place_is_remembered_until_the_demonyms_change(monkeypatch):
    import geomap.geoparse as geoparse

    syria = geoparse._demonym_id("Syrians", geoparse.demonyms().version)
    assert syria is not None
    assert geoparse._demonym_id("Syrian troops", geoparse.demonyms().version) is None
    # a lexicon of the test's own that gains an entry after a first answer
    lex = Lexicon([("zorblatian", ("SY", syria))])
    monkeypatch.setattr(geoparse, "demonyms", lambda: lex)
    geoparse._demonym_id.cache_clear()
    try:
        assert geoparse._demonym_id("Zorblatians", lex.version) is None
        lex.add("zorblatians", ("SY", syria))
        assert geoparse._demonym_id("Zorblatians", lex.version) == syria
    finally:
        geoparse._demonym_id.cache_clear()


def test_a_run_on_sentence_of_thousands_of_triggers_is_merged_a_stretch_at_a_time(monkeypatch):
    # merging compares each trigger with those kept before it in its sentence: a hostile
    # "sentence" of 3,000 attacks took a minute; it is merged a bounded stretch at a time
    import datetime as dt

    from geomap.events import extract
    from geomap.records import Document

    sizes: list[int] = []
    real = extract.merge_drafts

    def spy(drafts, apart=None):
        sizes.append(len(drafts))
        return real(drafts, apart)

    monkeypatch.setattr(extract, "merge_drafts", spy)
    text = "The army foiled " + "an attack " * 3000 + "near Mosul."
    evs = extract.events_from_document(
        Document(doc_id="h", text=text, date=dt.date(2024, 1, 1), language="en"))
    assert evs and max(sizes) <= extract.MERGE_STRETCH and sum(sizes) >= 3000
