"""Start-up: a command imports only what it uses, and the shortcuts that allow it change no byte.

Speed itself is measured in benchmarks/ (bench_throughput.py times start-up); these tests
check the structure that makes it fast: which heavy modules a command loads.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geomap.export import events_csv_text, events_geojson_text, geojson_text, write_stream
from geomap.schema import events_to_frame

from .conftest import ENGLISH_ARTICLE

#: Heavy modules that `geomap extract -o X.geojson` has no use for.
HEAVY = (
    "geopandas",
    "pandas",
    "numpy",
    "shapely",
    "pyproj",
    "pyogrio",
    "pyarrow",
    "folium",
    "branca",
    "dateparser",
    "dask",
    "distributed",
    "geopy",
    "rapidfuzz",
    "tqdm",
)

PROBE = r"""
import json, sys
from geomap.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
heavy = json.loads(HEAVY)
print(json.dumps({"code": code, "loaded": sorted(m for m in heavy if m in sys.modules),
                  "metadata": "importlib.metadata" in sys.modules}))
"""


def _run(tmp_path, *args: str) -> dict:
    code = PROBE.replace("HEAVY", repr(json.dumps(HEAVY)))
    res = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("suffix", ["geojson", "csv"])
def test_extract_to_a_text_format_loads_no_heavy_module(tmp_path, suffix):
    article = tmp_path / "a.txt"
    article.write_text(ENGLISH_ARTICLE, encoding="utf-8")
    out = tmp_path / f"a.{suffix}"
    got = _run(tmp_path, "extract", str(article), "-o", str(out), "-q")
    assert got["code"] in (0, None)
    assert got["loaded"] == [], f"extract imported {got['loaded']}"
    assert not got["metadata"], "importlib.metadata costs 70 ms: the version is a constant"
    text = out.read_text("utf-8")
    if suffix == "geojson":
        assert json.loads(text)["features"]
    else:
        assert text.splitlines()[1:]  # a header and at least one event


def test_extract_to_geopackage_still_loads_what_it_needs(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ENGLISH_ARTICLE, encoding="utf-8")
    got = _run(tmp_path, "extract", str(article), "-o", str(tmp_path / "a.gpkg"), "-q")
    assert got["code"] in (0, None) and {"geopandas", "pyogrio"} <= set(got["loaded"])


@pytest.mark.parametrize("fixture", ["seed_events", "english_events"])
def test_geojson_from_events_is_the_frame_geojson_byte_for_byte(fixture, request):
    events = request.getfixturevalue(fixture)
    assert events
    assert events_geojson_text(events) == geojson_text(events_to_frame(events))
    assert events_geojson_text([]) == geojson_text(events_to_frame([]))


def _frame_csv(events) -> str:
    import io

    fh = io.StringIO(newline="")
    write_stream(events_to_frame(events), fh, "csv")
    return fh.getvalue()


@pytest.mark.parametrize("fixture", ["seed_events", "english_events"])
def test_csv_from_events_is_the_frame_csv_byte_for_byte(fixture, request):
    from dataclasses import replace

    events = request.getfixturevalue(fixture)
    assert events
    assert events_csv_text(events) == _frame_csv(events)
    assert events_csv_text([]) == _frame_csv([])
    placeless = [replace(e, place=None) for e in events[:2]]
    assert events_csv_text(placeless) == _frame_csv(placeless)
    # a cell a spreadsheet would run as a formula is escaped on both ways
    hostile = [replace(events[0], sentence="=HYPERLINK(\"http://x\")")]
    assert events_csv_text(hostile) == _frame_csv(hostile)
    assert "'=HYPERLINK" in events_csv_text(hostile)


def test_geojson_from_events_without_a_place(english_events):
    from dataclasses import replace

    placeless = [replace(e, place=None) for e in english_events[:2]]
    assert events_geojson_text(placeless) == geojson_text(events_to_frame(placeless))
    assert '"geometry": null' in events_geojson_text(placeless)


@pytest.fixture(scope="module")
def english_events(english_document, gazetteer):
    from geomap.events import events_from_document

    return events_from_document(english_document, gazetteer=gazetteer)


def test_lazy_module_takes_its_place():
    from geomap.lazy import LazyModule, lazy_module

    ns: dict = {}
    ns["colorsys"] = lazy_module("colorsys", ns, "colorsys")
    assert isinstance(ns["colorsys"], LazyModule)
    assert ns["colorsys"].rgb_to_hsv(1, 0, 0) == (0.0, 1.0, 1)
    assert not isinstance(ns["colorsys"], LazyModule)


def test_geojson_from_events_the_frame_would_change_takes_the_frame_way(english_events):
    from dataclasses import replace

    off = replace(english_events[0].place, lat=91.0)
    odd = [replace(english_events[0], place=off), replace(english_events[1], time_precision=2**60)]
    assert events_geojson_text(odd) == geojson_text(events_to_frame(odd))
    assert '"latitude": null' in events_geojson_text(odd)
