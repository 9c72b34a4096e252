"""Money written in a country's own currency is evidence of that country."""

from geomap.geoparse import resolve_spans
from geomap.geoparse.currencies import currency_evidence


def _span(text, part):
    i = text.index(part)
    return (i, i + len(part))


def test_a_sign_before_a_number_and_a_word_after_one_name_their_country():
    assert currency_evidence("The county set aside $2.5 million for roads.") == {"US": 1}
    assert currency_evidence("Tickets cost £40 each.") == {"GB": 1}
    assert currency_evidence("The fine was 5,000 naira.") == {"NG": 1}
    assert currency_evidence("a loan of 2 billion yuan") == {"CN": 1}


def test_other_dollars_shared_currencies_and_bare_words_are_no_evidence():
    assert currency_evidence("It cost A$5 million and HK$20.") == {}
    assert currency_evidence("He paid 300 pounds and 40 euros.") == {}
    assert currency_evidence("The rand fell; the yuan rose. Dollars flowed.") == {}
    assert currency_evidence("") == {}


def test_each_currency_counts_once_a_document():
    assert currency_evidence("$5 here, $6 there, $7 everywhere") == {"US": 1}


def test_a_sum_in_dollars_makes_a_name_the_us_town_and_one_in_pounds_the_english(gazetteer):
    dollars = "The Cambridge school board set aside $2.5 million for new buses."
    (r,) = resolve_spans(dollars, [_span(dollars, "Cambridge")], "en", gazetteer=gazetteer)
    assert r.place is not None and r.place.country_code == "US"
    pounds = "The Cambridge school board set aside £2.5 million for new buses."
    (r,) = resolve_spans(pounds, [_span(pounds, "Cambridge")], "en", gazetteer=gazetteer)
    assert r.place is not None and r.place.country_code == "GB"


def test_a_text_that_names_its_country_keeps_it_whatever_its_money(gazetteer):
    text = ("Canada's Cambridge council, in Ontario, Canada, set aside $2 million; "
            "Canadian officials in Cambridge welcomed it.")
    got = resolve_spans(text, [_span(text, "Cambridge")], "en", gazetteer=gazetteer)
    assert got[0].place is not None and got[0].place.country_code == "CA"
