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
