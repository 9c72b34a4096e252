"""Every CLI command, driven as a user would (click's CliRunner, files in tmp_path)."""

import json
import re

import click
import pytest
from click.testing import CliRunner

from geomap.cli import main

from .conftest import ENGLISH_ARTICLE, ROOT, SEEDS


@pytest.fixture(scope="module")
def seed_geojson(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "seed.geojson"
    res = CliRunner().invoke(main, ["extract", str(SEEDS), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def _features(path):
    return json.loads(path.read_text("utf-8"))["features"]


def _commands(group, prefix=""):
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        yield full, cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, full + " ")


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for name, cmd in _commands(main):
        assert (cmd.help or "").strip(), f"geomap {name} has no help text"
        assert f"geomap {name}" in readme, f"geomap {name} is not in the README"
        res = CliRunner().invoke(main, [*name.split(), "--help"])
        assert res.exit_code == 0


def test_extract_seed_geojson(seed_geojson):
    feats = _features(seed_geojson)
    required = {"event_id", "event_date", "event_type", "actor1", "actor2", "actors", "place_name",
                "mention", "geonameid", "country_code", "admin1", "geo_precision", "language",
                "source", "sentence"}
    assert feats and all(required <= set(f["properties"]) for f in feats)
    for f in feats:
        if f["geometry"]:
            lon, lat = f["geometry"]["coordinates"]
            assert f["geometry"]["type"] == "Point"
            assert (lat, lon) == pytest.approx(
                (f["properties"]["latitude"], f["properties"]["longitude"])
            )
    assert {f["properties"]["language"] for f in feats} == {"ar"}


@pytest.mark.parametrize("alias", ["Russia", "روسيا", "Russian Armed Forces", "RUSSIA"])
def test_filter_by_actor_follows_aliases(seed_geojson, tmp_path, alias):
    out = tmp_path / "r.geojson"
    res = CliRunner().invoke(main, ["filter", str(seed_geojson), "--actor", alias, "-o", str(out)])
    assert res.exit_code == 0, res.output
    feats = _features(out)
    assert feats and all("Russia" in f["properties"]["actors"] for f in feats)
    kinds = {f["properties"]["sub_event_type"] for f in feats}
    assert "Air/drone strike" in kinds
    assert any(
        f["properties"]["plover_code"] == "CONSULT" and f["properties"]["place_name"] == "Antalya"
        for f in feats
    )


def test_map_from_articles_has_a_layer_per_actor(tmp_path):
    html, gj = tmp_path / "seed.html", tmp_path / "seed.geojson"
    res = CliRunner().invoke(main, ["map", str(SEEDS), "-o", str(html), "--geojson", str(gj)])
    assert res.exit_code == 0, res.output
    page = html.read_text("utf-8")
    drawn = {
        a
        for f in _features(gj)
        if f["properties"]["status"] == "reported" and f["geometry"]
        for a in f["properties"]["actors"]
    }
    for actor in drawn:
        assert actor in page
    assert "GeoNames" in page


def test_map_from_events_file_with_actor_filter(seed_geojson, tmp_path):
    html = tmp_path / "r.html"
    res = CliRunner().invoke(main, ["map", str(seed_geojson), "--actor", "روسيا", "-o", str(html)])
    assert res.exit_code == 0, res.output
    assert html.stat().st_size > 0


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".csv", ".geojson"])
def test_export_formats(seed_geojson, tmp_path, suffix):
    out = tmp_path / f"events{suffix}"
    res = CliRunner().invoke(main, ["export", str(seed_geojson), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 0


def test_english_article_through_the_cli(tmp_path):
    art = tmp_path / "idlib.txt"
    art.write_text(ENGLISH_ARTICLE, "utf-8")
    (tmp_path / "idlib.json").write_text(
        json.dumps({"date": "2018-02-06", "language": "en"}), "utf-8"
    )
    out = tmp_path / "en.geojson"
    res = CliRunner().invoke(main, ["extract", str(art), "-o", str(out)])
    assert res.exit_code == 0, res.output
    strike = next(
        f["properties"]
        for f in _features(out)
        if f["properties"]["sub_event_type"] == "Air/drone strike"
    )
    assert strike["actor1"] == "Syria" and strike["admin1"].startswith("Idlib")
    assert strike["event_date"] == "2018-02-05"


def test_gazetteer_commands():
    r = CliRunner()
    info = r.invoke(main, ["gazetteer", "info"])
    assert info.exit_code == 0 and json.loads(info.output)["places"] > 200_000
    look = r.invoke(main, ["gazetteer", "lookup", "بمنبج", "--json"])
    assert look.exit_code == 0 and json.loads(look.output.splitlines()[0])["geonameid"] == 167357
    assert r.invoke(main, ["gazetteer", "lookup", "Zzyzzyx Qqq"]).exit_code == 1
    build = r.invoke(main, ["gazetteer", "build"])
    assert build.exit_code == 0 and "already built" in build.output


def test_errors_are_one_line(tmp_path):
    bad = tmp_path / "x.geojson"
    bad.write_text("{not json", "utf-8")
    res = CliRunner().invoke(
        main, ["filter", str(bad), "--actor", "Russia", "-o", str(tmp_path / "o.geojson")]
    )
    assert res.exit_code != 0
    assert "Traceback" not in res.output and re.search(r"Error", res.output)
