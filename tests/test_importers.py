"""UCDP GED and ACLED CSV exports -> the events schema."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from geopandas.testing import assert_geodataframe_equal

from geomap.cli import main
from geomap.errors import InputError
from geomap.export import read_events, write_events
from geomap.importers import country_code, import_acled, import_ucdp
from geomap.schema import COLUMNS

UCDP_HEADER = [
    "id",
    "year",
    "active_year",
    "type_of_violence",
    "conflict_new_id",
    "conflict_name",
    "dyad_new_id",
    "dyad_name",
    "side_a_new_id",
    "side_a",
    "side_b_new_id",
    "gwnob",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "low",
    "best",
    "high",
]

ACLED_HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def write_csv(path: Path, header: list[str], rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
    return path


def ucdp_row(i, violence, where_prec, date_prec, **kw):
    row = {
        "id": f"{1000 + i}.0",
        "type_of_violence": f"{violence}.0",
        "side_a": "Government of Syria",
        "side_b": "Syrian insurgents",
        "source_article": '"SOHR,2016-01-01,Clashes in Aleppo"',
        "source_headline": "Clashes in Aleppo",
        "where_prec": f"{where_prec}.0",
        "where_coordinates": "Aleppo town",
        "adm_1": "Aleppo Governorate",
        "latitude": "36.201241",
        "longitude": "37.161173",
        "country": "Syria",
        "date_prec": f"{date_prec}.0",
        "date_start": "2016-01-02",
        "best": "4.0",
    }
    row.update(kw)
    return row


@pytest.fixture
def ucdp_csv(tmp_path):
    rows = [
        ucdp_row(1, 1, 1, 1),
        ucdp_row(2, 2, 3, 2, side_a="IS", side_b="SDF"),
        ucdp_row(
            3,
            3,
            7,
            5,
            side_b="Civilians",
            country="Yemen (North Yemen)",
            date_start="2016-03-04 00:00:00.000",
            best="",
        ),
        ucdp_row(4, 1, 4, 4, latitude="", longitude="", date_start="garbage"),
    ]
    return write_csv(tmp_path / "ged.csv", UCDP_HEADER, rows)


def test_import_ucdp_mapping(ucdp_csv):
    frame = import_ucdp(ucdp_csv)
    assert list(frame.columns) == [*COLUMNS, "geometry"]
    assert frame.crs == "EPSG:4326"
    assert list(frame["event_id"]) == ["ucdp-1001", "ucdp-1002", "ucdp-1003", "ucdp-1004"]
    assert list(frame["event_type"]) == [
        "Battles",
        "Battles",
        "Violence against civilians",
        "Battles",
    ]
    assert list(frame["sub_event_type"]) == ["Armed clash", "Armed clash", "Attack", "Armed clash"]
    assert list(frame["geo_precision"]) == [1, 2, 3, 3]
    assert list(frame["time_precision"]) == [1, 2, 3, 3]
    assert list(frame["actor1"]) == [
        "Government of Syria",
        "IS",
        "Government of Syria",
        "Government of Syria",
    ]
    assert frame["actors"].iloc[1] == ["IS", "SDF"]
    assert list(frame["country_code"]) == ["SY", "SY", "YE", "SY"]
    assert frame["event_date"].iloc[2] == "2016-03-04"
    assert frame["event_date"].isna().iloc[3]  # unparseable -> null, not a guess
    assert frame.geometry.iloc[3] is None
    first = frame.iloc[0]
    assert (first["place_name"], first["admin1"]) == ("Aleppo town", "Aleppo Governorate")
    assert first["sentence"] == "Clashes in Aleppo"
    assert first["source"] == "SOHR,2016-01-01,Clashes in Aleppo"
    assert (first.geometry.x, first.geometry.y) == (37.161173, 36.201241)  # (lon, lat)
    assert list(frame["fatalities"].astype(object).where(frame["fatalities"].notna(), None)) == [
        4,
        4,
        None,
        4,
    ]


def test_import_ucdp_round_trips_through_exports(ucdp_csv, tmp_path):
    frame = import_ucdp(ucdp_csv)
    for suffix in (".geojson", ".gpkg", ".parquet", ".csv"):
        back = read_events(write_events(frame, tmp_path / f"ucdp{suffix}"))
        assert_geodataframe_equal(back, frame)


def test_import_acled_mapping(tmp_path):
    rows = [
        {
            "event_id_cnty": "SYR1",
            "event_date": "2016-04-28",
            "year": "2016",
            "time_precision": "1",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "actor1": "Military Forces of Russia (2000-)",
            "assoc_actor_1": "Military Forces of Syria (2000-); Hezbollah",
            "actor2": "Civilians (Syria)",
            "iso": "760",
            "country": "Syria",
            "admin1": "Aleppo",
            "location": "Aleppo",
            "latitude": "36.2021",
            "longitude": "37.1343",
            "geo_precision": "1",
            "source": "SOHR; Reuters",
            "notes": "On 28 April 2016, Russian warplanes struck Aleppo.",
            "fatalities": "5",
        },
        {
            "event_id_cnty": "SYR2",
            "event_date": "03 May 2016",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "HTS",
            "country": "Turkey",
            "latitude": "36.0",
            "longitude": "36.5",
            "geo_precision": "2",
            "time_precision": "2",
            "fatalities": "0",
        },
    ]
    frame = import_acled(write_csv(tmp_path / "acled.csv", ACLED_HEADER, rows))
    first, second = frame.iloc[0], frame.iloc[1]
    assert first["event_id"] == "SYR1" and first["plover_code"] == "ATTACK"
    assert first["actors"] == [
        "Military Forces of Russia (2000-)",
        "Military Forces of Syria (2000-)",
        "Hezbollah",
        "Civilians (Syria)",
    ]
    assert first["sources"] == ["SOHR", "Reuters"]
    assert first["country_code"] == "SY" and first["sentence"].startswith("On 28 April")
    assert (first["place_name"], first["geo_precision"], first["fatalities"]) == ("Aleppo", 1, 5)
    assert second["event_date"] == "2016-05-03" and second["country_code"] == "TR"
    assert second["plover_code"] == "FIGHT" and pd.isna(second["actor2"])


def test_missing_columns_is_a_clear_error(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="missing column"):
        import_ucdp(path)
    with pytest.raises(InputError, match="ACLED"):
        import_acled(path)
    with pytest.raises(InputError, match="no such file"):
        import_ucdp(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Syria", "SY"),
        ("Yemen (North Yemen)", "YE"),
        ("DR Congo (Zaire)", "CD"),
        ("Russia (Soviet Union)", "RU"),
        ("Bosnia-Herzegovina", "BA"),
        ("Iraq", "IQ"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_country_code(name, code):
    assert country_code(name) == code


def test_cli_import(ucdp_csv, tmp_path):
    out = tmp_path / "ucdp.geojson"
    result = CliRunner().invoke(main, ["import", "ucdp", str(ucdp_csv), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 events" in result.output
    assert len(read_events(out)) == 4
    bad = CliRunner().invoke(main, ["import", "acled", str(ucdp_csv), "-o", str(out)])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert "missing column" in bad.output
    shp = CliRunner().invoke(main, ["import", "ucdp", str(ucdp_csv), "-o", "x.shp"])
    assert shp.exit_code == 1 and ".gpkg" in shp.output


EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
UCDP_EVAL = EVAL / "events" / "ucdp_ged_syria_2016_2019.csv"


@pytest.mark.eval
@pytest.mark.skipif(not UCDP_EVAL.is_file(), reason=f"{UCDP_EVAL} is absent")
def test_real_ucdp_export_imports_whole():
    frame = import_ucdp(UCDP_EVAL)
    assert len(frame) == len(pd.read_csv(UCDP_EVAL, usecols=["id"]))
    assert frame["event_id"].is_unique
    assert set(frame["geo_precision"].dropna()) <= {1, 2, 3}
    assert set(frame["time_precision"].dropna()) <= {1, 2, 3}
    assert frame["event_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert frame["country_code"].notna().all()
    inside = frame.geometry.x.between(35, 43) & frame.geometry.y.between(32, 38)
    assert inside.mean() > 0.99  # Syria's bounding box


# --- values that cannot be right (#18) -------------------------------------------------------


def _acled_row(i, **kw):
    row = {
        "event_id_cnty": f"SYR{i}",
        "event_date": "2016-04-28",
        "time_precision": "1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "HTS",
        "country": "Syria",
        "location": "Idlib",
        "latitude": "35.93",
        "longitude": "36.63",
        "geo_precision": "1",
        "fatalities": "2",
    }
    row.update(kw)
    return row


def test_cli_import_acled_out_of_range_values_are_nulled_not_a_traceback(tmp_path, caplog):
    rows = [
        _acled_row(1),
        _acled_row(2, fatalities="1e20"),
        _acled_row(3, geo_precision="1e300", time_precision="99999999999999999999"),
        _acled_row(4, latitude="91", longitude="36.6"),
        _acled_row(5, latitude="nan", longitude="36.6"),
        _acled_row(6, latitude="35.9", longitude="inf"),
        _acled_row(7, latitude="-inf", longitude="-181"),
        _acled_row(8, fatalities="-3", geo_precision="nan"),
    ]
    src = write_csv(tmp_path / "acled.csv", ACLED_HEADER, rows)
    out = tmp_path / "a.geojson"
    res = CliRunner().invoke(main, ["import", "acled", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output and "8 events" in res.output
    back = read_events(out).set_index("event_id")
    assert back.loc["SYR1", "fatalities"] == 2 and back.loc["SYR1", "latitude"] == 35.93
    assert pd.isna(back.loc["SYR2", "fatalities"])
    assert pd.isna(back.loc["SYR3", "geo_precision"]) and pd.isna(
        back.loc["SYR3", "time_precision"]
    )
    for bad in ("SYR4", "SYR5", "SYR6", "SYR7"):  # kept, without a location
        assert pd.isna(back.loc[bad, "latitude"]) and pd.isna(back.loc[bad, "longitude"])
        assert back.loc[bad].geometry is None or back.loc[bad].geometry.is_empty
    assert pd.isna(back.loc["SYR8", "fatalities"]) and pd.isna(back.loc["SYR8", "geo_precision"])
    warned = caplog.text
    assert "fatalities" in warned and "'1e20'" in warned and "geo_precision" in warned
    assert "4 event(s) with coordinates off the globe" in warned


def test_cli_import_latitude_91_or_overflow_has_no_location(tmp_path):
    src = write_csv(
        tmp_path / "acled.csv",
        ACLED_HEADER,
        [_acled_row(1, latitude="91"), _acled_row(2, latitude="1e309")],
    )
    out = tmp_path / "a.geojson"
    assert CliRunner().invoke(main, ["import", "acled", str(src), "-o", str(out)]).exit_code == 0
    frame = read_events(out)
    assert frame["latitude"].isna().all() and frame.geometry.isna().all()


def test_import_ucdp_huge_where_prec_and_best(tmp_path):
    huge = ucdp_row(2, 1, 1, 1, best="1e20")
    huge.update(where_prec="1e300", date_prec="7")
    rows = [ucdp_row(1, 1, 1, 1), huge]
    frame = import_ucdp(write_csv(tmp_path / "ged.csv", UCDP_HEADER, rows))
    assert frame["geo_precision"].iloc[0] == 1 and frame["fatalities"].iloc[0] == 4
    second = frame.iloc[1]
    assert pd.isna(second["geo_precision"]) and pd.isna(second["location_reason"])
    assert pd.isna(second["fatalities"]) and pd.isna(second["time_precision"])


def test_padded_duplicate_latitude_column_is_merged_or_refused(tmp_path):
    header = [*ACLED_HEADER, " latitude "]
    # the padded copy is empty where the real one is filled, and the other way round
    rows = [_acled_row(1), _acled_row(2, latitude="")]
    rows[1][" latitude "] = "35.5"
    frame = import_acled(write_csv(tmp_path / "a.csv", header, rows))
    assert list(frame["latitude"]) == [35.93, 35.5]
    assert frame.geometry.notna().all()
    rows[0][" latitude "] = "10.0"  # now they disagree on row 1
    res = CliRunner().invoke(
        main,
        ["import", "acled", str(write_csv(tmp_path / "b.csv", header, rows)), "-o", "x.geojson"],
    )
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "'latitude' and ' latitude '" in res.output and "row 1" in res.output
