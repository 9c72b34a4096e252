"""data/place_points.yaml: reference points and corrected populations applied at build."""

import importlib
import logging

from geomap.gazetteer.store import IndexGazetteer, IndexWriter
from geomap.geodesy import haversine_km
from geomap.records import Place

# the module, not the function of the same name that geomap.gazetteer exports
embedded = importlib.import_module("geomap.gazetteer.embedded")


def _tiny(tmp_path, monkeypatch, data):
    monkeypatch.setattr(embedded, "load_yaml", lambda name: data)
    w = IndexWriter(tmp_path / "tiny.sqlite")
    w.add_places([
        Place(1, "Northland", 10.0, 20.0, "NL", feature_class="A", feature_code="PCLI"),
        Place(2, "Rivertown", 11.0, 21.0, "NL", feature_class="P", feature_code="PPL",
              population=1000),
    ])
    embedded._apply_points(w, {"NL": 1})
    w.commit()
    return IndexGazetteer(tmp_path / "tiny.sqlite")


def test_points_move_places_by_iso_code_or_id(tmp_path, monkeypatch):
    g = _tiny(tmp_path, monkeypatch, {"points": {"NL": [12.5, 22.5], 2: [11.5, 21.5]}})
    assert (g.place(1).lat, g.place(1).lon) == (12.5, 22.5)
    assert (g.place(2).lat, g.place(2).lon) == (11.5, 21.5)


def test_populations_replace_the_packaged_figure(tmp_path, monkeypatch):
    g = _tiny(tmp_path, monkeypatch, {"populations": {2: 250000}})
    assert g.place(2).population == 250000
    assert (g.place(2).lat, g.place(2).lon) == (11.0, 21.0)


def test_unusable_entries_are_skipped_with_a_warning(tmp_path, monkeypatch, caplog):
    with caplog.at_level(logging.WARNING):
        g = _tiny(tmp_path, monkeypatch, {"points": {"XX": [1, 2], 2: "north"},
                                          "populations": {2: "many", 99: -5}})
    assert g.place(2).population == 1000 and g.place(2).lat == 11.0
    assert sum("place_points.yaml" in r.getMessage() for r in caplog.records) == 4


def test_shipped_points_and_populations(gazetteer):
    libya = [p for p in gazetteer.lookup("Libya") if p.is_country][0]
    assert haversine_km(libya.lat, libya.lon, 28.0, 17.0) < 10
    kherson = [p for p in gazetteer.lookup("Kherson") if p.feature_class == "P"
               and p.country_code == "UA"]
    assert kherson and kherson[0].population > 200000
