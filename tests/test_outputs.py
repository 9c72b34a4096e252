"""Outputs a user can trust, through the real command line (issues #16, #18, #12 item 5):
every format read back by ``map``/``filter``/``export``, filters that explain themselves,
honest map counts, stdout output, dates as dates, concurrent appends, stale temporaries."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import textwrap

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from geopandas.testing import assert_geodataframe_equal

from geomap import atomic, export
from geomap.cli import main
from geomap.errors import InputError
from geomap.filtering import filter_events
from geomap.formats import FORMATS
from geomap.schema import COLUMNS, conform

from .conftest import ROOT
from .nominatim_server import NominatimServer, closed_port

#: One file name per format in the table, so a new format is tested without editing this file.
SUFFIXES = [s for f in FORMATS.values() for s in f.suffixes]


def _row(i, actors, **kw):
    base = {
        "event_id": f"e{i}",
        "event_date": f"2020-01-{i + 1:02d}",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "plover_code": "FIGHT",
        "status": "reported",
        "actor1": actors[0],
        "actor2": actors[1] if len(actors) > 1 else None,
        "actors": list(actors),
        "place_name": "Aleppo",
        "country_code": "SY",
        "latitude": 36.2 + i / 100,
        "longitude": 37.16,
        "geo_precision": 1,
        "language": "en",
        "source": "test",
        "sources": ["test"],
        "sentence": f"event {i}",
        "title": "",
        "trigger": "",
        "doc_id": f"d{i}",
        "fatalities": None,
    }
    base.update(kw)
    return base


#: Events stored under the names UCDP and ACLED give their actors.
CODED = [
    ("IS", "Government of Syria"),
    ("HTS", "Syrian insurgents"),
    ("SNA", "SDF"),
    ("Ansar Allah", "Government of Yemen (North Yemen)"),
    ("Military Forces of Russia (2000-)", "Civilians (Syria)"),
    ("Unidentified Armed Group (Syria)", "Protesters (Lebanon)"),
]


@pytest.fixture
def coded(tmp_path):
    rows = [_row(i, a) for i, a in enumerate(CODED)]
    rows[1]["fatalities"] = 0
    rows[2]["fatalities"] = 7
    rows[3].update(status="planned")
    rows[4].update(latitude=None, longitude=None)
    rows[5].update(
        country_code="LB",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        latitude=33.9,
        longitude=35.5,
    )
    path = tmp_path / "coded.geojson"
    export.write_events(conform(pd.DataFrame(rows)), path)
    return path


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def _ids(path):
    return sorted(export.read_events(path)["event_id"])


# --- actors of coded datasets --------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("Islamic State", ["e0"]),
        ("داعش", ["e0"]),
        ("HTS", ["e1"]),
        ("SNA", ["e2"]),
        ("Ansar Allah", ["e3"]),
        ("Houthis", ["e3"]),
        ("Russia", ["e4"]),
        ("Syria", ["e0"]),  # "Government of Syria"; not the unidentified group "(Syria)"
        ("Syrian rebels", ["e1"]),
        ("Protesters", ["e5"]),
    ],
)
def test_filter_finds_coder_actor_names(coded, tmp_path, actor, expected):
    out = tmp_path / "out.geojson"
    res = run("filter", coded, "--actor", actor, "-o", out)
    assert res.exit_code == 0, res.output
    assert _ids(out) == expected


# --- every format, read back by every command ----------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_format_round_trips_through_filter_and_map(coded, tmp_path, suffix):
    original = export.read_events(coded)
    path = tmp_path / f"events{suffix}"
    assert run("export", coded, "-o", path).exit_code == 0
    assert_geodataframe_equal(export.read_events(path), original)
    assert list(export.read_events(path).dtypes) == list(original.dtypes)

    out = tmp_path / "kept.geojson"
    res = run("filter", path, "--country", "SY", "-o", out)
    assert res.exit_code == 0, res.output
    assert _ids(out) == ["e0", "e1", "e2", "e3", "e4"]

    html = tmp_path / "map.html"
    res = run("map", path, "-o", html)
    assert res.exit_code == 0, res.output
    # 6 events: e3 is planned, e4 has no place -> 4 drawn
    assert (
        "6 events read" in res.output
        and "4 drawn (2 left out: 1 planned; 1 without a location)" in res.output
    )


def test_map_merges_several_events_files(coded, tmp_path):
    first, second = tmp_path / "a.geojson", tmp_path / "b.csv"
    frame = export.read_events(coded)
    export.write_events(frame.iloc[:3], first)
    export.write_events(frame.iloc[2:], second)  # e2 in both
    res = run("map", first, second, "-o", tmp_path / "m.html")
    assert res.exit_code == 0, res.output
    assert "7 events read from 2 files, 1 repeated event ids dropped" in res.output
    assert "4 drawn" in res.output
    mixed = run("map", first, ROOT / "seeds", "-o", tmp_path / "m.html")
    assert mixed.exit_code == 1 and "either events files or articles" in mixed.output


def test_map_of_articles_says_what_it_drew(tmp_path):
    res = run("map", ROOT / "seeds", "-o", tmp_path / "seed.html")
    assert res.exit_code == 0, res.output
    assert "12 events" in res.output and "6 drawn (6 left out: 3 denied, 3 planned)" in res.output


def test_a_json_or_csv_of_articles_is_still_read_as_articles(tmp_path):
    articles = tmp_path / "articles.csv"
    articles.write_text('text,date\n"Russian jets struck Idlib on Monday.",2020-01-06\n', "utf-8")
    res = run("map", articles, "-o", tmp_path / "m.html")
    assert res.exit_code == 0, res.output
    assert "1 documents" in res.output


# --- append, stdout, format checks --------------------------------------------------------


def test_append_to_a_format_that_cannot_take_it_is_an_error(coded, tmp_path):
    store = tmp_path / "store.csv"
    res = run("export", coded, "--append", "-o", store)
    assert res.exit_code == 1
    assert "CSV files cannot be appended to" in res.output and "GeoPackage (.gpkg)" in res.output
    assert not store.exists()
    res = run("extract", ROOT / "seeds", "--append", "-o", store)
    assert res.exit_code == 1 and "formats that can: GeoPackage (.gpkg)" in res.output


def test_append_to_a_geopackage_store(coded, tmp_path):
    store = tmp_path / "store.gpkg"
    assert "6 new of 6" in run("export", coded, "--append", "-o", store).output
    assert "0 new of 6" in run("export", coded, "--append", "-o", store).output
    assert len(export.read_events(store)) == 6


def test_dash_writes_geojson_or_csv_to_stdout(coded):
    res = CliRunner().invoke(main, ["filter", str(coded), "--actor", "HTS", "-o", "-"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["type"] == "FeatureCollection" and [f["id"] for f in data["features"]] == ["e1"]
    assert "1 of 6 events -> stdout" in res.stderr

    res = CliRunner().invoke(main, ["export", str(coded), "-o", "-", "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["event_id_cnty"] for r in rows] == [f"e{i}" for i in range(6)]

    res = run("export", coded, "-o", "-", "--format", "parquet")
    assert res.exit_code == 1 and "needs a file" in res.output


def test_format_option_overrides_the_extension(coded, tmp_path):
    out = tmp_path / "events.txt"
    assert run("export", coded, "-o", out, "--format", "csv").exit_code == 0
    assert out.read_text("utf-8").startswith("event_id_cnty,")


# --- filters that explain themselves ------------------------------------------------------


@pytest.mark.parametrize("form", ["SY", "sy", "SYR", "Syria", "سوريا"])
def test_country_forms(coded, tmp_path, form):
    out = tmp_path / "out.geojson"
    res = run("filter", coded, "--country", form, "-o", out)
    assert res.exit_code == 0, res.output
    assert len(_ids(out)) == 5


def test_empty_filter_says_what_would_have_matched(coded, tmp_path):
    res = CliRunner().invoke(
        main,
        [
            "filter",
            str(coded),
            "--actor",
            "Islamic Stat",
            "--country",
            "IQ",
            "-o",
            str(tmp_path / "o.geojson"),
        ],
    )
    assert res.exit_code == 0
    assert "No event matches the filters." in res.stderr
    assert "closest actors in the events: " in res.stderr and "IS" in res.stderr
    assert "SY, SYR, Syria, سوريا" in res.stderr and "countries in the events: LB, SY" in res.stderr
    res = CliRunner().invoke(
        main, ["filter", str(coded), "--bbox", "0,0,1,1", "-o", str(tmp_path / "o.json")]
    )
    assert (
        res.exit_code == 0 and "the located events lie within 35.5,33.9,37.16,36.23" in res.stderr
    )


def test_event_type_singular_or_did_you_mean(coded, tmp_path):
    out = tmp_path / "o.geojson"
    assert run("filter", coded, "--event-type", "Battle", "-o", out).exit_code == 0
    assert len(_ids(out)) == 5
    res = run("filter", coded, "--event-type", "Batle", "-o", out)
    assert res.exit_code == 1 and "did you mean 'Battles'" in res.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bbox", "40,30,35,36"], "--bbox: min_lon,min_lat must come before max_lon,max_lat"),
        (["--bbox", "35,36,40,30"], "--bbox: min_lon,min_lat must come before"),
        (["--bbox", "35,30,40,95"], "--bbox: longitudes must lie in -180..180"),
        (["--since", "2020-02-01", "--until", "2020-01-01"], "--since: 2020-02-01 is after until"),
        (["--since", "yesterday"], "--since: expected a date as YYYY-MM-DD"),
        (["--country", "Narnia"], "--country: unknown country 'Narnia'"),
    ],
)
def test_impossible_filters_are_errors(coded, tmp_path, args, message):
    res = run("filter", coded, *args, "-o", tmp_path / "o.geojson")
    assert res.exit_code == 1 and message in res.output
    assert "Traceback" not in res.output


def test_library_errors_name_parameters_not_options(coded):
    with pytest.raises(InputError, match=r"^since: .*until") as err:
        filter_events(export.read_events(coded), since="2020-02-01", until="2020-01-01")
    assert "--" not in str(err.value)


# --- dates, fatalities, GeoPackage version -------------------------------------------------


def test_dates_are_dates_and_fatalities_integers(coded, tmp_path):
    import pyogrio

    gpkg, parquet = tmp_path / "e.gpkg", tmp_path / "e.parquet"
    assert run("export", coded, "-o", gpkg).exit_code == 0
    assert run("export", coded, "-o", parquet).exit_code == 0
    info = pyogrio.read_info(gpkg)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate"
    assert types["fatalities"].startswith("OFTInteger")
    schema = pq.read_schema(parquet)
    assert str(schema.field("event_date").type) == "date32[day]"
    assert str(schema.field("fatalities").type) == "int64"
    for path in (gpkg, parquet, coded):
        back = export.read_events(path)
        assert str(back["fatalities"].dtype) == "Int64"
        assert back["fatalities"].tolist()[:3] == [pd.NA, 0, 7]
        assert back["event_date"].tolist()[0] == "2020-01-01"
    out = tmp_path / "e.csv"
    assert run("export", coded, "-o", out).exit_code == 0
    with out.open(encoding="utf-8") as fh:
        names = next(csv.reader(fh))
    assert names.index("fatalities") == names.index("notes") + 1  # where ACLED has it
    assert "fatalities" in COLUMNS


def test_geopackage_version_opens_in_gdal_3_6(coded, tmp_path):
    """GDAL 3.6 knows GeoPackage up to 1.3; geomap writes 1.2 (user_version 10200)."""
    gpkg = tmp_path / "e.gpkg"
    assert run("export", coded, "-o", gpkg).exit_code == 0
    db = sqlite3.connect(gpkg)
    try:
        (app,), (version,) = (
            db.execute("PRAGMA application_id").fetchone(),
            db.execute("PRAGMA user_version").fetchone(),
        )
    finally:
        db.close()
    assert app == int.from_bytes(b"GPKG", "big") and version == 10200


# --- CSV header escaping --------------------------------------------------------------------


def test_csv_header_cells_are_escaped_and_read_back(coded, tmp_path):
    frame = export.read_events(coded)
    frame['=HYPERLINK("http://x")'] = "v"
    export.write_events(frame, tmp_path / "with_extra.geojson")
    out = tmp_path / "e.csv"
    assert run("export", tmp_path / "with_extra.geojson", "-o", out).exit_code == 0
    with out.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert '\'=HYPERLINK("http://x")' in header
    assert not any(h.startswith(("=", "+", "-", "@")) for h in header)
    assert '=HYPERLINK("http://x")' in export.read_events(out).columns


# --- the online geocoder ----------------------------------------------------------------------


@pytest.fixture
def _own_cache(tmp_path, monkeypatch):
    """The geocoder's answer cache lives in the test's directory, never the user's."""
    from geomap.gazetteer import online

    monkeypatch.setattr(online, "cache_dir", lambda: tmp_path)


def _unknown_village(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(
        "Turkish forces shelled the village of Qarqoozat on Monday, killing two civilians.\n",
        "utf-8",
    )
    return art


def test_unreachable_geocoder_is_one_clean_line(tmp_path):
    # the real entry point in its own process: logging set up as a user gets it
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "geomap",
            "map",
            str(_unknown_village(tmp_path)),
            "-o",
            str(tmp_path / "m.html"),
            "--geocoder",
            "nominatim",
            "--user-agent",
            "t@example.org",
            "--geocoder-url",
            f"http://127.0.0.1:{closed_port()}",
            "--geocoder-delay",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert "Traceback" not in res.stderr
    # (an unreachable service caches nothing: the user's geocoder cache is not touched)
    lines = [x for x in lines if "building the embedded gazetteer" not in x]  # a cold cache
    assert len(lines) == 2, res.stderr  # the warning, then the summary
    assert "cannot reach the nominatim geocoder" in lines[0]
    assert "geocoder unavailable, offline gazetteer only" in lines[1]


def test_geocoder_is_asked_the_place_name_not_the_sentence(tmp_path, _own_cache):
    with NominatimServer() as server:
        res = run(
            "extract",
            _unknown_village(tmp_path),
            "-o",
            tmp_path / "o.geojson",
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
        )
        assert res.exit_code == 0, res.output
        asked = [r["params"].get("q") for r in server.requests]
    assert asked and all(q == ["Qarqoozat"] or q == "Qarqoozat" for q in asked), asked


def test_geocoder_refuses_parallel_jobs(tmp_path):
    res = run(
        "extract",
        _unknown_village(tmp_path),
        "-o",
        tmp_path / "o.geojson",
        "--geocoder",
        "nominatim",
        "--user-agent",
        "t@example.org",
        "-j",
        "2",
    )
    assert res.exit_code == 1 and "cannot be combined with --jobs" in res.output


def test_an_unexpected_error_is_one_line(monkeypatch, coded, tmp_path):
    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export, "_read_geojson", boom)
    res = run("filter", coded, "-o", tmp_path / "o.geojson")
    assert res.exit_code == 1
    assert res.output.count("\n") == 1 and "disk on fire" in res.output


# --- two processes appending to one store -----------------------------------------------------

_APPENDER = textwrap.dedent(
    """
    import sys
    from geomap.cli import main
    for path in sys.argv[2:]:
        try:
            main(["export", path, "--append", "-o", sys.argv[1]], standalone_mode=False)
        except SystemExit:
            pass
    """
)


def test_two_processes_appending_at_once_lose_nothing(tmp_path):
    batches = {"a": [], "b": []}
    for who, paths in batches.items():
        for n in range(6):
            rows = [_row(i, ("Russia",), event_id=f"{who}{n}-{i}") for i in range(40)]
            path = tmp_path / f"{who}{n}.geojson"
            export.write_events(conform(pd.DataFrame(rows)), path)
            paths.append(str(path))
    store = tmp_path / "store.gpkg"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _APPENDER, str(store), *paths],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in batches.values()
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert len(export.read_events(store)) == 2 * 6 * 40
    assert sorted(os.listdir(tmp_path)) == sorted(
        [
            ".store.gpkg.lock",
            "store.gpkg",
            *(os.path.basename(p) for ps in batches.values() for p in ps),
        ]
    )


# --- leftovers of killed writers ---------------------------------------------------------------


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporaries_of_killed_writers_are_removed(coded, tmp_path):
    out = tmp_path / "events.gpkg"
    host = atomic._host()
    dead = tmp_path / f".events.gpkg.{host}-{_dead_pid()}.abc123.tmp"
    old = tmp_path / ".events.gpkg.legacy.tmp"  # an older geomap's: no owner in the name
    live_proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    live = tmp_path / f".events.gpkg.{host}-{live_proc.pid}.def456.tmp"
    other = tmp_path / ".other.gpkg.x.tmp"
    try:
        for d in (dead, old, live, other):
            d.mkdir()
            (d / "events.gpkg").write_bytes(b"partial copy")
        os.utime(old, (0, 0))
        res = run("export", coded, "-o", out)
        assert res.exit_code == 0, res.output
        assert not dead.exists() and not old.exists()
        assert live.exists() and other.exists()  # a running writer's, another file's
    finally:
        live_proc.kill()
        live_proc.wait()


def test_a_writer_killed_by_sigkill_is_cleaned_up_by_the_next(coded, tmp_path):
    out = tmp_path / "events.geojson"
    script = textwrap.dedent(
        f"""
        import os, signal
        from geomap.atomic import atomic_path
        with atomic_path({str(out)!r}) as tmp:
            tmp.write_text("half")
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], timeout=60, check=False)
    assert proc.returncode == -9
    assert any(n.startswith(".events.geojson.") for n in os.listdir(tmp_path))
    assert run("export", coded, "-o", out).exit_code == 0
    assert [n for n in os.listdir(tmp_path) if n.startswith(".events.geojson.")] == []
    assert socket.gethostname()  # the temporaries are marked with it


def test_sigterm_removes_the_half_written_temporary(tmp_path):
    out = tmp_path / "events.geojson"
    script = textwrap.dedent(
        f"""
        import os, signal
        from geomap.atomic import atomic_path
        from geomap.cli import exit_cleanly_on_sigterm
        exit_cleanly_on_sigterm()  # what every geomap command does first
        with atomic_path({str(out)!r}) as tmp:
            tmp.write_text("half")
            os.kill(os.getpid(), signal.SIGTERM)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], timeout=60, check=False)
    assert proc.returncode == 143
    assert os.listdir(tmp_path) == []
