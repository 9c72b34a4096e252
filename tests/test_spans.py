"""Gold spans the gazetteer does not know as a whole: inner names, demonyms, context."""

import pytest

from geomap.gazetteer.base import Gazetteer
from geomap.geoparse import candidates, geoparse, resolve_spans, span_candidates
from geomap.geoparse.spans import adjective_key, context_place, inner_key, main_country
from geomap.records import Mention, Place, Resolved


class _Names(Gazetteer):
    """A gazetteer that knows a few keys (every key names one made-up place)."""

    def __init__(self, *keys: str):
        self.known = {k: [Place(i, k.title(), 0.0, float(i), "XX")] for i, k in enumerate(keys, 1)}

    def candidates(self, key):
        return self.known.get(key, [])

    def place(self, geonameid):
        return None


def _span(text, part, start=0):
    i = text.index(part, start)
    return (i, i + len(part))


def test_inner_key_takes_the_longest_capitalised_known_name():
    gaz = _Names("colorado", "colorado springs", "state")
    assert inner_key("Colorado Springs State University", gaz) == "colorado springs"
    assert inner_key("Bank of Colorado", gaz) == "colorado"
    # the leftmost name wins over a longer one after it
    gaz = _Names("busan", "eastern district")
    assert inner_key("Busan Eastern District Court", gaz) == "busan"
    # lower-case words and common words are no place
    assert inner_key("the state university", gaz) is None
    assert inner_key("Royal State Office", gaz, common=frozenset({"state"})) is None
    # a name after a given name is a person's: the school is named after a man
    gaz = _Names("wilson", "fairfax")
    assert inner_key("Ronald Wilson Reagan Middle", gaz) == "wilson"
    assert inner_key("Ronald Wilson Reagan Middle", gaz, given=frozenset({"ronald"})) is None
    assert inner_key("Ronald Wilson School of Fairfax", gaz,
                     given=frozenset({"ronald"})) == "fairfax"


def test_context_place_is_the_centre_of_the_places_named_below_country_level():
    def r(place):
        return Resolved(Mention(0, 1, "x", "x", "en"), place)

    def town(gid, lat, lon):
        return Place(gid, f"T{gid}", lat, lon, "XX", feature_code="PPL")

    a, b, c = town(1, 30.0, 30.0), town(2, 30.1, 30.1), town(3, 30.2, 30.0)
    stray = town(4, -30.0, -60.0)  # a namesake far from the rest, named twice
    country = Place(5, "Land", 0.0, 0.0, "XX", feature_class="A", feature_code="PCLI")
    got = [r(country), r(country), r(country), r(stray), r(stray), r(a), r(b), r(c), r(None)]
    assert context_place(got) in (a, b, c)
    assert context_place([r(a), r(a), r(stray)]) == a  # the most named when both are central
    assert context_place([r(stray), r(a)]) == stray  # a tie: the first named
    assert context_place([r(country), r(None)]) is None


def test_a_name_inside_an_unknown_span_resolves_it(gazetteer):
    text = "Students at Colorado State University in Fort Collins, Colorado, protested."
    spans = [_span(text, "Colorado State University"), _span(text, "Fort Collins")]
    got = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    assert got[0].place is not None and got[0].place.admin1 == "CO"
    assert got[0].mention.surface == "Colorado State University"


def test_an_unknown_street_lies_in_the_place_the_document_is_about(gazetteer):
    text = "A fire broke out on Zzyzzx Boulevard in Aleppo; Aleppo's firemen came from Idlib."
    spans = [_span(text, "Zzyzzx Boulevard"), (40, 46), (48, 54), _span(text, "Idlib")]
    got = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    assert got[1].place is not None
    street = got[0]
    assert street.place == got[1].place and street.candidates == 0 and street.score == 0.0


def test_nothing_to_fall_back_on_stays_unresolved(gazetteer):
    text = "He lives on Zzyzzx Boulevard."
    got = resolve_spans(text, [_span(text, "Zzyzzx Boulevard")], "en", gazetteer=gazetteer)
    assert got[0].place is None


def test_candidates_reach_what_resolution_reaches(gazetteer):
    syria = candidates("Syrians", "en", gazetteer=gazetteer)
    assert any(p.is_country and p.country_code == "SY" for p in syria)
    assert any(
        p.admin1 == "CO" for p in candidates("Colorado State University", "en", gazetteer=gazetteer)
    )
    assert candidates("Zzyzzx Boulevard", "en", gazetteer=gazetteer) == []


def test_span_candidates_add_the_context_for_unknown_spans(gazetteer):
    text = "A fire broke out on Zzyzzx Boulevard in Manbij."
    spans = [_span(text, "Zzyzzx Boulevard"), _span(text, "Manbij")]
    street, town = span_candidates(text, spans, "en", gazetteer=gazetteer)
    assert town and {p.geonameid for p in town} <= {p.geonameid for p in street}


def test_the_uk_nations_demonyms_stand_for_the_nation(gazetteer):
    text = "Welsh farmers met Scottish ministers in Cardiff."
    got = resolve_spans(
        text, [_span(text, "Welsh"), _span(text, "Scottish")], "en", gazetteer=gazetteer
    )
    assert [(r.place.name, r.place.feature_code) for r in got] == [
        ("Wales", "ADM1"),
        ("Scotland", "ADM1"),
    ]


def test_national_capitals_are_marked_and_preferred(gazetteer):
    capitals = [p for p in gazetteer.lookup("Damascus") if p.feature_code == "PPLC"]
    assert [p.country_code for p in capitals] == ["SY"]
    text = "Officials in Washington said so."
    got = resolve_spans(text, [_span(text, "Washington")], "en", gazetteer=gazetteer)
    assert got[0].place.feature_code == "PPLC" and got[0].place.country_code == "US"


def test_an_adjective_or_a_people_stands_for_its_country_or_region(gazetteer):
    assert adjective_key("Sicilians", gazetteer) in ("sicily", "sicilia")
    assert adjective_key("Serb", gazetteer) == "serbia"
    assert adjective_key("Philippine", gazetteer) == "philippines"
    assert adjective_key("Ohioans", gazetteer) == "ohio"
    # only countries and first-order regions: no town is an adjective's place
    assert adjective_key("Zzyzzxian", gazetteer) is None
    text = "Sicilian growers and Serb officials met."
    got = resolve_spans(
        text, [_span(text, "Sicilian"), _span(text, "Serb")], "en", gazetteer=gazetteer
    )
    assert [r.place.country_code for r in got] == ["IT", "RS"]


def test_an_inner_name_found_only_far_away_gives_way_to_the_documents_centre(gazetteer):
    text = "Shelling hit the Cafe Paris in Aleppo; Aleppo and Idlib are under fire."
    spans = [_span(text, "Cafe Paris"), _span(text, "Aleppo"), _span(text, "Idlib")]
    cafe, aleppo, _ = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    assert aleppo.place.country_code == "SY"
    assert cafe.place == aleppo.place and cafe.candidates == 0
    # near the document's places, the inner name stands
    text = "Students of Colorado State University met in Denver."
    got = resolve_spans(
        text,
        [_span(text, "Colorado State University"), _span(text, "Denver")],
        "en",
        gazetteer=gazetteer,
    )
    assert got[0].place.admin1 == "CO" and got[0].candidates > 0


def test_a_demonym_spans_hamlets_never_steer_the_other_mentions(gazetteer):
    # "English" is also a hamlet in Indiana, near a Washington that GeoNames once called
    # Liverpool: the demonym must not pull Liverpool there
    text = "Fans sang in English for Liverpool."
    got = resolve_spans(
        text, [_span(text, "English"), _span(text, "Liverpool")], "en", gazetteer=gazetteer
    )
    assert got[0].place.name == "England"
    assert got[1].place.country_code == "GB"


def test_second_order_units_carry_their_towns_population(gazetteer):
    counties = [
        p
        for p in gazetteer.lookup("Orange County")
        if p.feature_code == "ADM2" and p.country_code == "US"
    ]
    assert len(counties) > 3 and all(p.population > 0 for p in counties)
    assert max(counties, key=lambda p: p.population).admin1 == "CA"


def test_a_place_in_a_country_the_document_names_is_not_penalised_for_being_far():
    from geomap.geoparse.resolve import resolve

    def place(gid, name, lat, lon, cc, code="PPLC", cls="P"):
        return Place(
            gid, name, lat, lon, cc, feature_class=cls, feature_code=code, population=2_000_000
        )

    # the far capital (in the country the text names) and a namesake nearer the other places
    far, near = place(1, "Rome", 41.9, 12.5, "IT"), place(2, "Rome", 50.0, 20.0, "ZZ")
    gaz = _Names()
    gaz.known = {
        "rome": [near, far],
        "italy": [place(3, "Italy", 42.8, 12.8, "IT", "PCLI", "A")],
        "moscow": [place(4, "Moscow", 55.8, 37.6, "RU")],
        "valdai": [place(5, "Valdai", 57.9, 33.2, "RU", "PPL")],
    }
    mentions = [
        Mention(i, i + 1, k, k, "en") for i, k in enumerate(["moscow", "valdai", "italy", "rome"])
    ]
    got = resolve(mentions, gaz)
    assert got[3].place == far


def test_a_small_town_far_from_everything_else_gives_way_to_the_documents_centre(gazetteer):
    text = "The Glenrock reserve near Newcastle, New South Wales, reopened; Sydney is near."
    spans = [
        _span(text, "Glenrock"),
        _span(text, "Newcastle"),
        _span(text, "New South Wales"),
        _span(text, "Sydney"),
    ]
    got = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    assert [r.place.country_code for r in got] == ["AU"] * 4
    assert got[0].candidates == 0


def test_a_far_small_namesake_gives_way_to_the_city_of_that_name():
    def town(gid, name, lat, cc, pop):
        return Place(gid, name, lat, 0.0, cc, population=pop)

    small, city = town(4, "London", 10.0, "XX", 5_000), town(5, "London", 50.0, "YY", 9_000_000)
    gaz = _Names()
    gaz.known = {
        "alpha": [town(1, "Alpha", 0.0, "XX", 90_000)],
        "beta": [town(2, "Beta", 0.1, "XX", 80_000)],
        "gamma": [town(3, "Gamma", 0.2, "XX", 70_000)],
        "london": [small, city],
    }
    text = "Alpha, Beta and Gamma sent envoys to London."
    spans = [_span(text, w) for w in ("Alpha", "Beta", "Gamma", "London")]
    got = resolve_spans(text, spans, "en", gazetteer=gaz)
    assert got[3].place == city
    # with no city of that name, the small namesake gives way to the document's centre
    gaz.known["london"] = [small]
    assert resolve_spans(text, spans, "en", gazetteer=gaz)[3].place.name in (
        "Alpha",
        "Beta",
        "Gamma",
    )


def test_main_country_is_the_most_named_country():
    def r(place):
        return Resolved(Mention(0, 1, "x", "x", "en"), place)

    a = Place(1, "A", 0.0, 0.0, "AA", feature_class="A", feature_code="PCLI")
    b = Place(2, "B", 9.0, 9.0, "BB", feature_class="A", feature_code="PCLI")
    town = Place(3, "T", 1.0, 1.0, "AA")
    assert main_country([r(a), r(b), r(b), r(town), r(None)]) == b
    assert main_country([r(a), r(b)]) == a
    assert main_country([r(town), r(None)]) is None


def test_in_a_document_naming_only_countries_an_unknown_span_lies_in_the_main_one(gazetteer):
    text = "Syria and Syria's neighbours met at the Zzyzzx Conference Hall; Turkey sent envoys."
    spans = [(0, 5), (10, 15), _span(text, "Zzyzzx Conference Hall"), _span(text, "Turkey")]
    got = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    assert got[2].place.country_code == "SY" and got[2].place.is_country


def test_a_small_town_its_neighbouring_mention_holds_is_kept_however_far():
    def town(gid, name, lat, cc, pop, adm="01"):
        return Place(gid, name, lat, 0.0, cc, admin1=adm, population=pop)

    state = Place(9, "Ohio", 40.0, 0.0, "YY", admin1="OH", feature_class="A", feature_code="ADM1")
    small = town(4, "Wintersville", 40.0, "YY", 4_000, adm="OH")
    gaz = _Names()
    gaz.known = {
        "alpha": [town(1, "Alpha", 0.0, "XX", 90_000)],
        "beta": [town(2, "Beta", 0.1, "XX", 80_000)],
        "gamma": [town(3, "Gamma", 0.2, "XX", 70_000)],
        "wintersville": [small],
        "ohio": [state],
    }
    text = "Alpha, Beta and Gamma; she grew up in Wintersville, Ohio."
    spans = [_span(text, w) for w in ("Alpha", "Beta", "Gamma", "Wintersville", "Ohio")]
    assert resolve_spans(text, spans, "en", gazetteer=gaz)[3].place == small
    # without the container, the far small town gives way to the document's centre
    text = "Alpha, Beta and Gamma; she grew up in Wintersville. Ohio too."
    spans = [_span(text, w) for w in ("Alpha", "Beta", "Gamma", "Wintersville", "Ohio")]
    assert resolve_spans(text, spans, "en", gazetteer=gaz)[3].place.name in (
        "Alpha", "Beta", "Gamma")


def test_a_list_of_first_order_units_stays_units_unless_a_city_bears_the_name(gazetteer):
    text = "Farms in Kansas, Oregon, Wyoming, Virginia and Missouri reported sick cattle."
    names = ("Kansas", "Oregon", "Wyoming", "Virginia", "Missouri")
    got = resolve_spans(text, [_span(text, w) for w in names], "en", gazetteer=gazetteer)
    assert [(r.place.feature_code, r.place.country_code) for r in got] == [("ADM1", "US")] * 5
    # other states support a state only when no city of its country bears the name
    from geomap.geoparse.rules import _sibling_unit

    state = Place(1, "New York", 43.0, -75.0, "US", "NY", feature_class="A", feature_code="ADM1")
    city = Place(2, "New York City", 40.7, -74.0, "US", "NY", population=8_000_000)
    town = Place(3, "New York", 54.0, -1.0, "GB", population=200_000)
    assert _sibling_unit(state, [(2.0, 0, state), (1.5, 1, town)])
    assert not _sibling_unit(state, [(2.0, 0, state), (1.8, 1, city)])
    assert not _sibling_unit(city, [(2.0, 0, state), (1.8, 1, city)])


def test_the_capital_cue_picks_the_national_capital_over_a_country_of_the_name(gazetteer):
    text = "هطلت أمطار غزيرة في العاصمة عمان صباح اليوم"
    got = resolve_spans(text, [_span(text, "عمان")], "ar", gazetteer=gazetteer)
    assert (got[0].place.feature_code, got[0].place.country_code) == ("PPLC", "JO")
    text = "هطلت أمطار غزيرة في عمان صباح اليوم"  # no cue: the country still wins
    got = resolve_spans(text, [_span(text, "عمان")], "ar", gazetteer=gazetteer)
    assert got[0].place.country_code == "OM"


def test_an_unknown_building_right_before_in_town_lies_in_that_town():
    def town(gid, name, lat):
        return Place(gid, name, lat, 0.0, "XX", population=50_000)

    gaz = _Names()
    gaz.known = {"alpha": [town(1, "Alpha", 40.0)], "beta": [town(2, "Beta", 0.0)],
                 "gamma": [town(3, "Gamma", 0.1)], "delta": [town(4, "Delta", 0.2)]}
    text = "Envoys of Beta, Gamma and Delta were taken to Qwxyz Memorial Hospital in Alpha."
    names = ("Beta", "Gamma", "Delta", "Qwxyz Memorial Hospital", "Alpha")
    got = resolve_spans(text, [_span(text, w) for w in names], "en", gazetteer=gaz)
    assert got[3].place.name == "Alpha" and got[3].candidates == 0
    # in a list, a comma makes no container: the building lies at the document's centre
    text = "Envoys of Beta, Gamma and Delta saw Qwxyz Memorial Hospital, Alpha and more."
    got = resolve_spans(text, [_span(text, w) for w in names], "en", gazetteer=gaz)
    assert got[3].place.name in ("Beta", "Gamma", "Delta")


def test_a_span_known_by_an_inner_name_lies_in_the_town_named_beside_it(gazetteer):
    def places(text, names):
        got = resolve_spans(text, [_span(text, n) for n in names], "en", gazetteer=gazetteer)
        return [(r.place.name, r.place.admin1) if r.place else None for r in got]

    # "in" and "at" name the campus's town, however far from the document's other places
    for gap in ("in", "at"):
        text = f"Officials in Ohio and Maine cited Kansas State University {gap} Salina."
        got = places(text, ["Ohio", "Maine", "Kansas State University", "Salina"])
        assert got[2] == ("Salina", "KS")
    # after a comma, only a town of the unit the span found ...
    text = "Officials in Ohio and Maine cited a study by the University of Kansas, Lawrence."
    got = places(text, ["Ohio", "Maine", "University of Kansas", "Lawrence"])
    assert got[2] == ("Lawrence", "KS")
    # ... not one of a list
    text = "Teams from the University of Kansas, Denver and Omaha played in Ohio."
    got = places(text, ["University of Kansas", "Denver", "Omaha", "Ohio"])
    assert got[0] == ("Kansas", "KS")
    # "in the city of", and a country that does not hold what the inner name found
    text = "Officials in Ohio and Maine visited Kansas State University in the city of Salina."
    got = places(text, ["Ohio", "Maine", "Kansas State University", "Salina"])
    assert got[2] == ("Salina", "KS")
    text = "Envoys from Ohio and Maine met at the Embassy of Chile in Peru on Friday."
    got = places(text, ["Ohio", "Maine", "Embassy of Chile", "Peru"])
    assert got[2][0] == "Peru"
    # "X Street at Y" is a corner; and a place guessed in turn places nothing
    text = "Crowds from Denver and Aurora met on Zqwx Street at Salina."
    got = places(text, ["Denver", "Aurora", "Zqwx Street", "Salina"])
    assert got[2] == ("Denver", "CO")
    text = "Crowds from Denver and Aurora met at Zqwx Hall at Salina Square."
    got = places(text, ["Denver", "Aurora", "Zqwx Hall", "Salina Square"])
    assert got[2] == got[3] == ("Denver", "CO")
    # a town's possessive before an unknown building owns it
    text = "Fans in Ohio and Maine watched the bout at Denver's Zqwx Arena on Friday."
    got = places(text, ["Ohio", "Maine", "Denver", "Zqwx Arena"])
    assert got[3] == ("Denver", "CO")


def test_a_quoted_name_lies_in_the_town_named_after_its_closing_quote(gazetteer):
    for q, end in (('"', '"'), ("\u201c", "\u201d"), ("'", "'")):
        text = (f"Protesters marched from Nairobi to the {q}Kanaz Youth Camp{end} in the "
                "coastal town of Mombasa. Police in Nairobi said Nairobi was calm.")
        spans = [_span(text, "Nairobi"), _span(text, "Kanaz Youth Camp"),
                 _span(text, "Mombasa")]
        spans.append(_span(text, "Nairobi", text.index("Police")))
        spans.append(_span(text, "Nairobi", text.index("said")))
        got = resolve_spans(text, spans, "en", gazetteer=gazetteer)
        assert got[1].place is not None and got[1].place.name == "Mombasa", q


def test_a_cue_after_or_before_a_list_holds_for_every_name_of_it():
    from geomap.geoparse import _list_cues

    text = "Farms in Butler, Clark and Warren counties, and in Kent, were hit."
    ms = [Mention(*_span(text, w), w, w.lower(), "en", "province" if w == "Warren" else None)
          for w in ("Butler", "Clark", "Warren", "Kent")]
    assert [m.cue for m in _list_cues(ms, text)] == ["province"] * 3 + [None]
    text = "the provinces of Nyanza, Rift Valley and Western"
    ms = [Mention(*_span(text, w), w, w.lower(), "en", "province" if w == "Nyanza" else None)
          for w in ("Nyanza", "Rift Valley", "Western")]
    assert [m.cue for m in _list_cues(ms, text)] == ["province"] * 3
    text = "shelling of the countryside of Hama and Idlib"
    ms = [Mention(*_span(text, w), w, w.lower(), "en", "countryside" if w == "Hama" else None)
          for w in ("Hama", "Idlib")]
    assert [m.cue for m in _list_cues(ms, text, only="province")] == ["countryside", None]


@pytest.mark.parametrize(
    "text, units",
    [
        ("Drones were shot down over the Kharkiv and Sumy regions on Sunday.",
         ["Kharkivska oblast", "Sumska oblast"]),
        ("Russia shelled the Kherson and Zaporizhzhia oblasts.", ["Khersonska oblast",
                                                                  "Zaporizka oblast"]),
        ("Ukrainian officials said Russian forces shelled the Donetsk and Luhansk regions.",
         ["Donetska oblast", "Luhanska oblast"]),
    ],
)
def test_every_name_of_a_list_before_a_plural_unit_noun_is_a_unit(text, units, gazetteer):
    # in running text too: a list of cities is not what "regions" after it names
    got = [r.place for r in geoparse(text, "en", gazetteer=gazetteer)
           if r.place is not None and r.place.country_code == "UA"]
    assert [(p.name, p.feature_code) for p in got] == [(u, "ADM1") for u in units]


def test_spans_given_out_of_text_order_are_read_in_text_order(gazetteer):
    # a corpus may list its toponyms in any order: "X in Y" still holds X, and the results
    # come back in the order the spans were given
    text = ("The Zzyzzx Crumb Bakery in Tacoma, Washington opened a second shop. "
            "Its owner grew up in Spokane.")
    bakery, tacoma = _span(text, "Zzyzzx Crumb Bakery"), _span(text, "Tacoma")
    washington, spokane = _span(text, "Washington"), _span(text, "Spokane")
    in_order = resolve_spans(text, [bakery, tacoma, washington, spokane], "en",
                             gazetteer=gazetteer)
    shuffled = resolve_spans(text, [spokane, washington, bakery, tacoma], "en",
                             gazetteer=gazetteer)
    assert in_order[0].place is not None and in_order[0].place == in_order[1].place
    assert [r.mention.surface for r in shuffled] == ["Spokane", "Washington",
                                                     "Zzyzzx Crumb Bakery", "Tacoma"]
    assert [r.place for r in shuffled] == [in_order[3].place, in_order[2].place,
                                           in_order[0].place, in_order[1].place]


def test_a_demonym_before_a_noun_is_its_country_not_the_place_of_its_name(gazetteer):
    # Somali is also a region of Ethiopia; "Somali soldiers" are Somalia's
    text = "Somali soldiers patrolled the market of Baidoa after the attack."
    got = resolve_spans(
        text, [_span(text, "Somali"), _span(text, "Baidoa")], "en", gazetteer=gazetteer
    )
    assert [r.place.country_code for r in got] == ["SO", "SO"]
    assert got[0].place.is_country
    # followed by a kind of place, the word is the region's name
    text = "Drought hit the Somali region of Ethiopia."
    got = resolve_spans(text, [_span(text, "Somali")], "en", gazetteer=gazetteer)
    assert (got[0].place.country_code, got[0].place.feature_code) == ("ET", "ADM1")


def test_a_demonym_opening_an_unknown_name_stands_for_its_country_or_continent(gazetteer):
    def places(text, names):
        got = resolve_spans(text, [_span(text, n) for n in names], "en", gazetteer=gazetteer)
        return [r.place.name if r.place else None for r in got]

    text = "The European Parliament debated farm aid in Lyon and Lille."
    assert places(text, ["European Parliament", "Lyon", "Lille"])[0] == "Europe"
    text = "Scholars of the Russian Academy of Arts toured Texas and Ohio."
    got = places(text, ["Russian Academy of Arts", "Texas", "Ohio"])
    assert got[0] == "Russian Federation"
    # a name inside the span still comes first; a demonym before a common noun is no name
    text = "The British Ohio Society met in Lyon."
    assert places(text, ["British Ohio Society", "Lyon"])[0] == "Ohio"
    text = "Officials said European aid reached Lyon."
    assert places(text, ["European aid", "Lyon"])[0] == "Lyon"
    # nor before a kind of place: a town's quarter or street lies in the town
    text = "Jazz bars of the Spanish Quarter drew crowds from Memphis and Nashville."
    assert places(text, ["Spanish Quarter", "Memphis", "Nashville"])[0] != "Spain"


def test_an_adjective_of_a_named_region_stands_for_the_region(gazetteer):
    assert adjective_key("Kurdish", gazetteer) == "kurdistan"
    text = "Kurdish fighters clashed with troops in Aleppo and Damascus."
    got = resolve_spans(text, [_span(text, w) for w in ("Kurdish", "Aleppo", "Damascus")],
                        "en", gazetteer=gazetteer)
    assert got[0].place.name == "Kurdistan"


def test_a_region_named_by_an_adjective_is_no_centre_for_unknown_spans(gazetteer):
    text = ("Central American migrants marched from Puebla. Central American families "
            "rested at the Zqwx Shelter.")
    spans = [_span(text, "Central American"), _span(text, "Puebla"),
             (text.rindex("Central American"), text.rindex("Central American") + 16),
             _span(text, "Zqwx Shelter")]
    got = resolve_spans(text, spans, "en", gazetteer=gazetteer)
    assert got[0].place.name == "Central America"
    assert got[3].place == got[1].place and got[1].place.country_code == "MX"
