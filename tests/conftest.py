"""Named shared fixtures: the seed article, a short English article, empty and hostile texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geomap.records import Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_TEXT = SEEDS / "000_10ecb58a6e64aa15.txt"
EVAL = ROOT.parent / "shared" / "eval"

#: A short English article written for the tests (not from any corpus).
ENGLISH_ARTICLE = (
    "Syrian army air strikes near the town of Saraqeb in Idlib province killed 12 civilians "
    "on Monday, a monitoring group said. Islamic State fighters attacked Kurdish YPG positions "
    "in Hasakah on Sunday. Turkish troops deployed to Manbij, while Russian forces withdrew "
    "from Tal Rifaat."
)
HOSTILE_TEXT = (
    'Rebels attacked <script>window.__pwned=1</script> "Aleppo" <img src=x onerror="alert(1)"> '
    "near javascript:alert(1) \u202eevil\u202c on Monday."
)


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return Document(
        doc_id="seed",
        text=SEED_TEXT.read_text("utf-8"),
        source=str(SEED_TEXT),
        title="seed",
        date=dt.date(2017, 3, 7),
        language="ar",
    )


@pytest.fixture(scope="session")
def english_document() -> Document:
    return Document(
        doc_id="en-test",
        text=ENGLISH_ARTICLE,
        source="english-test",
        date=dt.date(2018, 2, 6),
        language="en",
    )


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.gazetteer import default

    return default()


@pytest.fixture(scope="session")
def seed_events(seed_document, gazetteer):
    from geomap.events import dedup, events_from_document

    return dedup(events_from_document(seed_document, gazetteer=gazetteer))


@pytest.fixture(scope="session")
def coded_events(gazetteer):
    """``coded_events(text, lang, day)``: the deduplicated events of one document written
    for a test, dated ``day`` (a date; 20 May 2024 when not given)."""
    from geomap.events import dedup, events_from_document

    def code(text: str, lang: str, day: dt.date = dt.date(2024, 5, 20)) -> list:
        doc = Document(doc_id="t", text=text, date=day, language=lang)
        return dedup(events_from_document(doc, gazetteer=gazetteer))

    return code


def needs_eval(sub: str) -> Path:
    path = EVAL / sub
    if not path.exists():
        pytest.skip(
            f"evaluation data {path} is absent (it lives in ../shared/eval beside the repo)"
        )
    return path
