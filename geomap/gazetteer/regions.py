"""Physical features and named regions for the embedded gazetteer (``data/physical_places.csv``).

GeoNames' populated places and administrative units, which the embedded gazetteer is built
from, hold no seas, rivers or historical regions, so "the Gulf of Aden" found no place and
"the Middle East" found a hamlet in the United States. This module reads the analyst-edited
list of such features and gives them to the build as GeoNames-like entries: class ``H``
(water: ``SEA``, ``GULF``, ``BAY``, ``STRT``, ``CNL``, ``STM``, ``LK``), ``L`` (a region,
``RGN``), ``T`` (terrain: ``DSRT``, ``PEN``, ``MTS``), ``S`` (a seat of government named
for its office, ``BLDG``) and, for a few towns and quarters
the packaged extract lacks, ``P`` (``PPL``, ``PPLX``).

A feature lying in one country carries its code; one shared by several (a sea, the Sahel)
carries none, so it is evidence of no country.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ..errors import GazetteerError
from ..knowledge import data_dir
from ..records import Place
from ..text.normalize import key
from .overrides import synthetic_id

#: The data file, in ``data/``.
DATA_FILE = "physical_places.csv"
#: ``Place.source`` of the features of the data file: major features news names, unlike
#: the thousands of creeks and hills of an imported GeoNames dump (the resolver ranks them
#: as first-order units).
SOURCE = "physical"

#: kind (the file's ``kind`` column) -> (GeoNames feature class, feature code)
KINDS: dict[str, tuple[str, str]] = {
    "ocean": ("H", "OCN"),
    "sea": ("H", "SEA"),
    "gulf": ("H", "GULF"),
    "bay": ("H", "BAY"),
    "strait": ("H", "STRT"),
    "canal": ("H", "CNL"),
    "river": ("H", "STM"),
    "lake": ("H", "LK"),
    "region": ("L", "RGN"),
    "desert": ("T", "DSRT"),
    "peninsula": ("T", "PEN"),
    "mountains": ("T", "MTS"),
    "island": ("T", "ISL"),
    # a building whose name news uses for the office in it ("the White House said")
    "landmark": ("S", "BLDG"),
    # a few towns and quarters the packaged GeoNames extract lacks (see the data file)
    "town": ("P", "PPL"),
    "quarter": ("P", "PPLX"),
}


def add_physical(writer, path: Path | None = None) -> None:
    """Add the features of ``path`` (default ``data/physical_places.csv``) and their names
    to an index being built (:class:`~geomap.gazetteer.store.IndexWriter`)."""
    path = path or data_dir() / DATA_FILE
    if not path.is_file():
        return
    features = list(read_physical(path))
    writer.add_places(p for p, _ in features)
    writer.add_names((key(n), p.geonameid, n) for p, names in features for n in names)


def _split(cell: str | None) -> list[str]:
    return [s.strip() for s in (cell or "").split("|") if s.strip()]


def read_physical(path: Path) -> Iterator[tuple[Place, list[str]]]:
    """The features of a physical-places CSV: each a :class:`Place` and all its names.

    Lines starting with ``#`` are comments. A bad row is a :class:`GazetteerError` that
    names the file, the line and what was expected.
    """
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(i, line) for i, line in enumerate(fh, 1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for (lineno, _), row in zip(lines[1:], reader):
        yield _feature(row, f"{path.name}:{lineno}")


def _feature(row: dict[str, str], where: str) -> tuple[Place, list[str]]:
    name = (row.get("name") or "").strip()
    kind = (row.get("kind") or "").strip()
    if not name or kind not in KINDS:
        raise GazetteerError(
            f"{where}: expected a name and a kind among {', '.join(KINDS)}; got "
            f"name {name!r}, kind {kind!r}; fix the row in data/{DATA_FILE}"
        )
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (KeyError, TypeError, ValueError) as err:
        raise GazetteerError(
            f"{where}: {name}: lat and lon must be numbers, got {row.get('lat')!r}, "
            f"{row.get('lon')!r}"
        ) from err
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GazetteerError(f"{where}: {name}: ({lat}, {lon}) is no point on Earth")
    countries = _split(row.get("countries"))
    fclass, fcode = KINDS[kind]
    place = Place(
        synthetic_id("physical", name), name, lat, lon,
        countries[0] if len(countries) == 1 else "", (row.get("admin1") or "").strip(),
        (row.get("admin1_name") or "").strip(), fclass, fcode, 0, SOURCE,
    )
    names = [name, *_split(row.get("name_ar")), *_split(row.get("aliases")),
             *_split(row.get("aliases_ar"))]
    return place, names


def no_event_place(p: Place) -> bool:
    """Does ``p`` name no place of an event: water (a sea, a river: "pirates in the Gulf of
    Aden" happened at sea, in no country) or a region shared by several countries ("the
    Middle East", "the Sahel")? Continents stay: news that names only a continent is coded
    there."""
    return p.feature_class == "H" or (
        p.feature_class in ("L", "T") and not p.country_code and p.feature_code != "CONT"
    )
