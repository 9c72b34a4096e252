"""Exports: round trips for every format, RFC 7946 GeoJSON, atomic writes, GeoPackage store."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import time

import pytest
from geopandas.testing import assert_geodataframe_equal

from geomap import export
from geomap.errors import ExportError, InputError
from geomap.export import CSV_COLUMNS, append_gpkg, read_events, write_events
from geomap.records import Event, Place, Skipped
from geomap.report import read_skipped, summary, write_skipped
from geomap.schema import COLUMNS, conform, empty_frame, events_to_frame

ALEPPO = Place(170063, "Aleppo", 36.20124, 37.16117, "SY", "09", "Aleppo")
IDLIB = Place(169388, "Idlib", 35.93062, 36.63393, "SY", "10", "Idlib")


def event(i: int, place: Place | None, **kw) -> Event:
    base = {
        "event_id": f"ev{i:03d}",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "plover_code": "ATTACK",
        "status": "reported",
        "actor1": "Military Forces of Russia",
        "actor2": None,
        "actors": ("Military Forces of Russia", "Civilians (Syria)"),
        "sentence": 'قصفت طائرات حربية "روسية" مدينة حلب،\nوقتل خمسة; مدنيين',
        "trigger": "قصفت",
        "language": "ar",
        "source": f"news/{i}.txt",
        "doc_id": f"doc{i}",
        "title": "غارة على حلب",
        "event_date": dt.date(2016, 4, 28),
        "time_precision": 1,
        "place": place,
        "mention": "حلب" if place else None,
        "geo_precision": 1 if place else None,
        "location_reason": "in-sentence place" if place else None,
        "sources": (f"news/{i}.txt", "other.txt"),
    }
    base.update(kw)
    return Event(**base)


@pytest.fixture
def frame():
    return events_to_frame(
        [
            event(1, ALEPPO),
            event(2, None, event_date=None, time_precision=None, actors=(), sources=()),
            event(
                3,
                IDLIB,
                actor2="Hayat Tahrir al-Sham",
                language="en",
                sentence="Russian jets struck Idlib, killing 5.",
                title="",
            ),
        ]
    )


FORMATS = [".geojson", ".json", ".gpkg", ".parquet", ".csv"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_round_trip(tmp_path, frame, suffix):
    path = write_events(frame, tmp_path / f"events{suffix}")
    assert_geodataframe_equal(read_events(path), frame)


@pytest.mark.parametrize("suffix", FORMATS)
def test_round_trip_empty(tmp_path, suffix):
    path = write_events(empty_frame(), tmp_path / f"events{suffix}")
    back = read_events(path)
    assert len(back) == 0 and list(back.columns) == [*COLUMNS, "geometry"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_round_trip_keeps_extra_int_column(tmp_path, frame, suffix):
    import pandas as pd

    frame["fatalities"] = pd.array([5, None, 0], dtype="Int64")
    frame = conform(frame)  # extras go before the geometry column
    path = write_events(frame, tmp_path / f"events{suffix}")
    assert_geodataframe_equal(read_events(path), frame)


def test_geojson_is_rfc7946(tmp_path, frame):
    path = write_events(frame, tmp_path / "events.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    first, second, _ = data["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [ALEPPO.lon, ALEPPO.lat]}
    assert first["id"] == "ev001"
    assert second["geometry"] is None
    assert first["properties"]["actors"] == list(event(1, ALEPPO).actors)
    assert second["properties"]["time_precision"] is None
    assert list(first["properties"]) == list(COLUMNS)
    assert "حلب" in path.read_text(encoding="utf-8")  # UTF-8, not \\u escapes


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet", ".csv"])
def test_rerun_is_byte_identical(tmp_path, frame, suffix, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a = write_events(frame, tmp_path / f"a{suffix}").read_bytes()
    time.sleep(1.1)  # GDAL stamps GeoPackages with the time, to the second
    b = write_events(frame.copy(), tmp_path / f"b{suffix}").read_bytes()
    assert a == b


def test_gpkg_stamp_is_source_date_epoch_else_latest_event(tmp_path, frame, monkeypatch):
    import sqlite3

    def stamp(path):
        with sqlite3.connect(path) as db:
            return db.execute("SELECT last_change FROM gpkg_contents").fetchone()[0]

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert stamp(write_events(frame, tmp_path / "a.gpkg")) == "2016-04-28T00:00:00.000Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert stamp(write_events(frame, tmp_path / "b.gpkg")) == "1970-01-02T00:00:00.000Z"


def test_csv_cells_never_start_a_formula_and_round_trip(tmp_path, frame):
    hostile = ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "\tcmd", "'quoted", "''two"]
    frame = frame.iloc[[0] * len(hostile)].reset_index(drop=True)
    frame["sentence"] = hostile
    frame["event_id"] = [f"ev{i}" for i in range(len(hostile))]
    path = write_events(frame, tmp_path / "events.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        notes = [row["notes"] for row in csv.DictReader(fh)]
    assert all(n.startswith("'") for n in notes)
    assert read_events(path)["sentence"].tolist() == hostile


def test_geojson_from_another_crs_is_lon_lat(tmp_path, frame):
    projected = frame.to_crs("EPSG:3857")
    data = json.loads(write_events(projected, tmp_path / "e.geojson").read_text())
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert lon == pytest.approx(ALEPPO.lon) and lat == pytest.approx(ALEPPO.lat)


def test_csv_uses_acled_names(tmp_path, frame):
    path = write_events(frame, tmp_path / "events.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0])
    assert header[: len(CSV_COLUMNS)] == list(CSV_COLUMNS)
    assert {"event_id", "place_name", "sentence"}.isdisjoint(header)
    first = rows[0]
    assert first["event_id_cnty"] == "ev001"
    assert first["notes"] == event(1, ALEPPO).sentence  # commas, quotes, newline survive
    assert (first["country"], first["location"], first["year"]) == ("Syria", "Aleppo", "2016")
    assert json.loads(first["actors"]) == list(event(1, ALEPPO).actors)


def test_driver_overrides_extension(tmp_path, frame):
    path = write_events(frame, tmp_path / "events.txt", driver="GeoJSON")
    assert json.loads(path.read_text())["type"] == "FeatureCollection"
    assert_geodataframe_equal(read_events(path, driver="geojson"), frame)


def test_unknown_extension_lists_valid_ones(tmp_path, frame):
    with pytest.raises(ExportError) as info:
        write_events(frame, tmp_path / "events.shp")
    for suffix in (".geojson", ".gpkg", ".parquet", ".csv"):
        assert suffix in str(info.value)
    assert not (tmp_path / "events.shp").exists()
    with pytest.raises(InputError):
        read_events(tmp_path / "events.shp")


def test_read_missing_file_is_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_events(tmp_path / "nope.gpkg")


def _leftovers(directory) -> list[str]:
    # a store's lock file (.NAME.lock) stays on purpose; temporary directories must not
    return sorted(n for n in os.listdir(directory) if n.startswith(".") and not n.endswith(".lock"))


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg", ".parquet"])
def test_failed_write_keeps_old_file_and_leaves_no_partial(tmp_path, frame, suffix, monkeypatch):
    path = write_events(frame, tmp_path / f"events{suffix}")
    before = path.read_bytes()

    def broken(frame, tmp, **kw):
        tmp.write_bytes(b"partial")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export, export.format_for(path).writer, broken)
    with pytest.raises(ExportError, match="disk on fire"):
        write_events(frame.iloc[:1], path)
    assert path.read_bytes() == before
    with pytest.raises(ExportError):
        write_events(frame, tmp_path / f"fresh{suffix}")
    assert not (tmp_path / f"fresh{suffix}").exists()
    assert _leftovers(tmp_path) == []


def test_append_gpkg_deduplicates_by_event_id(tmp_path):
    store = tmp_path / "store.gpkg"
    first = events_to_frame([event(1, ALEPPO), event(2, None), event(2, IDLIB)])
    assert append_gpkg(first, store) == 2  # the repeated ev002 is kept once (the first)
    second = events_to_frame([event(2, IDLIB), event(3, IDLIB)])
    assert append_gpkg(second, store) == 1
    assert append_gpkg(second, store) == 0
    back = read_events(store)
    assert list(back["event_id"]) == ["ev001", "ev002", "ev003"]
    assert back.geometry.iloc[1] is None  # the first ev002 (no place) won
    expected = events_to_frame([event(1, ALEPPO), event(2, None), event(3, IDLIB)])
    assert_geodataframe_equal(back, expected)
    assert _leftovers(tmp_path) == []


def test_append_gpkg_refuses_new_columns_and_keeps_store(tmp_path):
    store = tmp_path / "store.gpkg"
    append_gpkg(events_to_frame([event(1, ALEPPO)]), store)
    before = store.read_bytes()
    extra = events_to_frame([event(2, IDLIB)])
    extra["unexpected"] = "x"
    with pytest.raises(ExportError, match="unexpected"):
        append_gpkg(extra, store)
    assert store.read_bytes() == before


# --- report ---------------------------------------------------------------------------------


def test_skipped_report_round_trip(tmp_path):
    skipped = [Skipped("a.txt", "empty: no text"), Skipped("b.csv:3", 'قصف "bad"\nrow')]
    path = write_skipped(skipped, tmp_path / "out" / "skipped.jsonl")
    assert read_skipped(path) == skipped
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0]) == {
        "source": "a.txt",
        "reason": "empty: no text",
    }
    assert write_skipped([], path).read_text() == ""


def test_summary():
    assert summary(3, 12, 1) == "3 documents, 12 events, 1 skipped"
