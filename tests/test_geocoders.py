"""Online geocoders through geopy, against a loopback Nominatim; never the internet."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.errors import GeocoderError, GeocoderUnavailable, InputError
from geomap.gazetteer import FallbackGazetteer, GeopyGeocoder, embedded, online
from geomap.geoparse import geoparse

from .nominatim_server import NominatimServer, closed_port


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """The answer cache lives in the test's directory, never the user's."""
    monkeypatch.setattr(online, "cache_dir", lambda: tmp_path)


@pytest.fixture
def server():
    with NominatimServer() as srv:
        yield srv


def nominatim(url, **kw):
    kw.setdefault("min_delay_seconds", 0)
    kw.setdefault("max_retries", 0)
    return GeopyGeocoder("nominatim", user_agent="geomap-tests@example.org", url=url, **kw)


def test_lookup_speaks_nominatim(server):
    g = nominatim(server.url)
    (village,) = g.lookup("Umm Jlud")
    assert (round(village.lat, 4), round(village.lon, 4)) == (36.6125, 38.0114)
    assert (village.feature_class, village.feature_code, village.country_code) == ("P", "PPL", "SY")
    assert village.admin1_name == "Aleppo Governorate" and village.source == "geocoder:nominatim"
    assert village.geonameid < 0  # not a GeoNames id
    assert g.place(village.geonameid) == village
    (req,) = server.requests
    assert req["user_agent"] == "geomap-tests@example.org"
    assert req["params"]["q"] == "Umm Jlud" and req["params"]["addressdetails"] == "1"
    assert g.lookup("nowhere at all") == []


def test_answers_are_cached_across_processes(server, tmp_path):
    cache = tmp_path / "answers.sqlite"
    first = nominatim(server.url, cache=cache)
    got = first.lookup("Aleppo")
    assert first.lookup("Aleppo") == got and len(server.requests) == 1
    first.lookup("nowhere at all")
    first.close()
    second = nominatim(server.url, cache=cache)  # a new process would open the same file
    assert second.lookup("Aleppo") == got and second.lookup("nowhere at all") == []
    assert second.place(got[0].geonameid) == got[0]
    assert len(server.requests) == 2 and second.requests == 0


def test_requests_go_through_the_rate_limiter(server):
    g = nominatim(server.url, min_delay_seconds=1.0, cache=False)
    now, waits = [100.0], []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    # geopy's seams: a fake clock that only moves when the limiter sleeps
    g._geocode._clock, g._geocode._sleep = lambda: now[0], sleep
    g.lookup("Aleppo")
    g.lookup("Umm Jlud")
    assert len(server.requests) == 2
    assert sum(waits) == pytest.approx(1.0)  # the second request waited its turn


def test_user_agent_is_required(server):
    with pytest.raises(InputError, match="user agent"):
        GeopyGeocoder("nominatim", url=server.url)


def test_unknown_service_lists_the_valid_ones():
    with pytest.raises(InputError, match="nominatim"):
        GeopyGeocoder("no-such-geocoder", user_agent="x")


def test_custom_url_needs_a_scheme():
    with pytest.raises(InputError, match="http://host:port"):
        GeopyGeocoder("nominatim", user_agent="x", url="127.0.0.1:8080")


def test_offline_is_a_clean_unavailable_error():
    g = nominatim(f"http://127.0.0.1:{closed_port()}")
    with pytest.raises(
        GeocoderUnavailable, match="cannot reach the nominatim geocoder.*are you online"
    ) as err:
        g.lookup("Umm Jlud")
    assert err.value.__cause__ is not None  # translated from geopy, with the cause kept


@pytest.mark.parametrize("status,message", [(429, "rate limiting"), (500, "failed on 'Umm Jlud'")])
def test_service_errors_are_translated(server, status, message):
    server.fail_with = status
    with pytest.raises(GeocoderError, match=message):
        nominatim(server.url).lookup("Umm Jlud")


def test_geonames_web_service_keeps_geonames_ids_and_codes(server):
    g = GeopyGeocoder(
        "geonames",
        user_agent="t@example.org",
        url=server.url,
        min_delay_seconds=0,
        max_retries=0,
        options={"username": "fixture"},
    )
    (p,) = g.lookup("Umm Jlud")
    assert (p.geonameid, p.feature_class, p.feature_code, p.country_code, p.admin1_name) == (
        99100001,
        "P",
        "PPL",
        "SY",
        "Aleppo",
    )
    assert server.requests[0]["path"] == "/searchJSON"


def test_missing_geocoder_options_are_named():
    with pytest.raises(InputError, match="username"):
        GeopyGeocoder("geonames", user_agent="t@example.org")


# -- behind the offline gazetteer -------------------------------------------------------------
def test_fallback_asks_only_for_what_the_gazetteer_lacks(server):
    fb = FallbackGazetteer(embedded(), nominatim(server.url))
    assert fb.lookup("Aleppo") == embedded().lookup("Aleppo")
    assert server.requests == []
    assert [p.name for p in fb.lookup("Umm Jlud")] == ["Umm Jlud"]
    assert server.searches() == ["Umm Jlud"]


@pytest.mark.parametrize(
    "text,lang,surface",
    [
        (
            "Government jets struck the village of Tal Shaeer near Manbij on Monday.",
            "en",
            "Tal Shaeer",
        ),
        ("قصفت طائرات النظام قرية تل شعير قرب مدينة منبج يوم الاثنين.", "ar", "تل شعير"),
    ],
)
def test_a_cued_unknown_village_is_geocoded(server, text, lang, surface):
    fb = FallbackGazetteer(embedded(), nominatim(server.url))
    resolved = {r.mention.surface: r.place for r in geoparse(text, lang, gazetteer=fb)}
    assert resolved[surface] is not None and resolved[surface].name == "Tal Shaeer"
    assert resolved[surface].source == "geocoder:nominatim"
    assert surface in server.searches()  # asked as written, not as a folded key
    assert resolved.get("Manbij", resolved.get("منبج")).geonameid == 167357  # offline, as before
    # without a geocoder: nothing new in English; in Arabic the cued village is a mention
    # without coordinates (reported, not mapped)
    offline = {r.mention.surface: r.place for r in geoparse(text, lang, gazetteer=embedded())}
    assert offline.get(surface) is None and (surface in offline) == (lang == "ar")


def test_lenient_fallback_goes_on_offline(caplog):
    fb = FallbackGazetteer(embedded(), nominatim(f"http://127.0.0.1:{closed_port()}"), strict=False)
    with caplog.at_level(logging.WARNING):
        got = geoparse(
            "Jets struck the village of Tal Shaeer and the town of Manbij.", "en", gazetteer=fb
        )
        fb.lookup("Umm Jlud")
    assert isinstance(fb.error, GeocoderUnavailable)
    assert [r.place.geonameid for r in got if r.place] == [167357]
    assert sum("offline gazetteer only" in r.message for r in caplog.records) == 1  # said once


# -- command line --------------------------------------------------------------------------------
def test_cli_lookup_with_a_geocoder(server):
    args = [
        "gazetteer",
        "lookup",
        "Umm Jlud",
        "--geocoder",
        "nominatim",
        "--user-agent",
        "t@example.org",
        "--geocoder-url",
        server.url,
        "--geocoder-delay",
        "0",
    ]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "Umm Jlud" in res.output and "36.6125" in res.output


def test_cli_lookup_offline_fails_cleanly():
    args = [
        "gazetteer",
        "lookup",
        "Umm Jlud",
        "--geocoder",
        "nominatim",
        "--user-agent",
        "t@example.org",
        "--geocoder-url",
        f"http://127.0.0.1:{closed_port()}",
        "--geocoder-delay",
        "0",
    ]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1
    assert (
        "Error: cannot reach the nominatim geocoder" in res.output and "Traceback" not in res.output
    )


def test_cli_geocoder_option_reaches_geopy(server):
    args = [
        "gazetteer",
        "lookup",
        "Umm Jlud",
        "--geocoder",
        "geonames",
        "--user-agent",
        "t@example.org",
        "--geocoder-url",
        server.url,
        "--geocoder-delay",
        "0",
        "--geocoder-option",
        "username=fixture",
    ]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "99100001" in res.output and server.requests[0]["params"]["username"] == "fixture"


def test_cli_geocoder_options_need_a_geocoder():
    res = CliRunner().invoke(main, ["gazetteer", "lookup", "Aleppo", "--user-agent", "x"])
    assert res.exit_code == 1 and "only make sense with --geocoder" in res.output


def test_cli_extract_with_a_geocoder(server, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(
        "Government jets struck the village of Tal Shaeer near Manbij on Monday, killing 4.",
        "utf-8",
    )
    out = tmp_path / "e.geojson"
    args = [
        "extract",
        str(art),
        "-o",
        str(out),
        "--language",
        "en",
        "--geocoder",
        "nominatim",
        "--user-agent",
        "t@example.org",
        "--geocoder-url",
        server.url,
        "--geocoder-delay",
        "0",
    ]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "Tal Shaeer" in out.read_text("utf-8")
    assert server.searches() == ["Tal Shaeer"]


def test_cli_extract_offline_goes_on_with_the_gazetteer(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(
        "Government jets struck the village of Tal Shaeer near Manbij on Monday, killing 4.",
        "utf-8",
    )
    out = tmp_path / "e.geojson"
    args = [
        "extract",
        str(art),
        "-o",
        str(out),
        "--language",
        "en",
        "--geocoder",
        "nominatim",
        "--user-agent",
        "t@example.org",
        "--geocoder-url",
        f"http://127.0.0.1:{closed_port()}",
        "--geocoder-delay",
        "0",
    ]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "geocoder unavailable, offline gazetteer only" in res.output
    assert "Manbij" in out.read_text("utf-8")
