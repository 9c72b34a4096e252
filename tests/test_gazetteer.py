import pytest

from geomap.errors import GazetteerError, InputError
from geomap.gazetteer import backends, get_gazetteer
from geomap.geodesy import haversine_km


def test_lookup_arabic_and_english(gazetteer):
    for name in ("منبج", "Manbij"):
        assert any(p.geonameid == 167357 for p in gazetteer.lookup(name))
    assert any(
        p.feature_code == "PCLI" and p.country_code == "SY" for p in gazetteer.lookup("سوريا")
    )
    assert any(
        p.feature_code == "PCLI" and p.country_code == "US" for p in gazetteer.lookup("U.S.")
    )


def test_names_with_a_trailing_direction_mark_are_indexed():
    from geomap.gazetteer.embedded import usable_name

    assert usable_name("حفر الباطن\u200e") and usable_name("\u200fحلب")
    assert not usable_name("\u200e")


def test_admin1_has_derived_coordinates_near_geonames(gazetteer):
    aleppo_gov = [p for p in gazetteer.lookup("محافظة حلب") if p.feature_code == "ADM1"]
    assert aleppo_gov, "Aleppo governorate should be known by its Arabic name"
    # GeoNames places the governorate (170062) at 36.25 N, 37.5 E
    assert haversine_km(aleppo_gov[0].lat, aleppo_gov[0].lon, 36.25, 37.5) < 100


def test_country_coordinates(gazetteer):
    tr = [p for p in gazetteer.lookup("Turkey") if p.is_country][0]
    assert haversine_km(tr.lat, tr.lon, 39.0, 35.0) < 300


def test_registry_names_valid_backends():
    assert {"embedded", "index", "overrides", "geopy"} <= set(backends())
    with pytest.raises(InputError, match="embedded"):
        get_gazetteer("nope")


@pytest.fixture
def backend_options(tmp_path):
    """What each backend needs to run offline: the online one talks to a loopback Nominatim."""
    from .nominatim_server import NominatimServer

    with NominatimServer() as srv:
        online = {
            "user_agent": "geomap-tests@example.org",
            "url": srv.url,
            "min_delay_seconds": 0,
            "cache": tmp_path / "answers.sqlite",
        }
        yield {"geopy": online, "fallback": online}


@pytest.mark.parametrize("name", list(backends()))
def test_every_backend_honours_the_contract(name, backend_options):
    g = get_gazetteer(name, **backend_options.get(name, {}))
    assert g.candidates("no such place zzz") == []
    places = g.lookup("Aleppo")
    assert places and all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in places)
    assert g.place(places[0].geonameid) == places[0]
    assert g.place(-123456789) is None


def test_missing_index_is_a_clear_error(tmp_path):
    from geomap.gazetteer.store import IndexGazetteer

    with pytest.raises(GazetteerError, match="geomap gazetteer build"):
        IndexGazetteer(tmp_path / "missing.sqlite")


def test_an_index_keeps_every_spelling_of_a_key(tmp_path):
    from geomap.gazetteer.store import IndexGazetteer, IndexWriter
    from geomap.records import Place
    from geomap.text import key

    w = IndexWriter(tmp_path / "tiny.sqlite")
    w.add_places([Place(250258, "Zarqa", 32.07, 36.09, "JO")])
    w.add_names([(key(n), 250258, n) for n in ("زرقاء", "الزرقاء", "Zarqa")])
    w.commit()
    g = IndexGazetteer(tmp_path / "tiny.sqlite")
    assert sorted(g.names_for_key("زرقاء")) == ["الزرقاء", "زرقاء"]
    assert [p.geonameid for p in g.candidates("زرقاء")] == [250258]


def test_country_and_nation_names_beyond_cldr(gazetteer):
    # iso-codes' Arabic names (via pycountry) and the UK's nations (data/place_aliases.yaml)
    assert [p.country_code for p in gazetteer.lookup("المجر") if p.is_country] == ["HU"]
    assert any(
        p.feature_code == "ADM1" and p.country_code == "GB" for p in gazetteer.lookup("إنجلترا")
    )
