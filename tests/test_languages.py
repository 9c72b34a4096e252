"""The language registry: rules ask for a language's properties, never compare codes, and a
text in a language geomap has no rules for is reported, not read with English rules."""

import ast
import datetime as dt
from pathlib import Path

import pytest

import geomap
from geomap.errors import DocumentError
from geomap.events import events_from_document
from geomap.geoparse import geoparse
from geomap.pipeline import run
from geomap.records import Document
from geomap.text import detect_language
from geomap.text.languages import language, registry

FRENCH = (
    "Les forces turques ont pris le contrôle de la ville d'Al-Bab dans le nord de la Syrie "
    "après trois semaines de combats, selon l'armée. Des frappes aériennes ont touché "
    "plusieurs villages près de la frontière et des civils ont été tués."
)
TURKISH = (
    "Türk Silahlı Kuvvetleri, Suriye'nin kuzeyindeki El Bab kentinin kontrolünü üç haftalık "
    "çatışmaların ardından ele geçirdi. Ordu, sınır yakınındaki birkaç köye hava saldırısı "
    "düzenlendiğini ve bu saldırılarda siviller de dahil olmak üzere çok sayıda kişinin "
    "hayatını kaybettiğini açıkladı."
)
ENGLISH_WITH_FOREIGN_NAMES = (
    "Staffan de Mistura, the UN envoy, said on Monday that talks in Geneva would resume after "
    "Recep Tayyip Erdoğan met the Syrian opposition in Ankara."
)


@pytest.mark.parametrize("text", [FRENCH, TURKISH])
def test_latin_script_that_is_not_english_is_other(text):
    assert detect_language(text) == "other"


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH_WITH_FOREIGN_NAMES,
        "Air strikes near Idlib",
        "Le Pen",
        "Troops entered Dar es Salaam",
    ],
)
def test_english_stays_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", [FRENCH, TURKISH])
def test_a_document_in_another_language_is_skipped_with_a_reason(text, gazetteer):
    doc = Document(doc_id="d", text=text, source="article.txt", date=dt.date(2017, 3, 7))
    with pytest.raises(DocumentError, match="Latin script but not English.*geomap reads ar, en"):
        events_from_document(doc, gazetteer=gazetteer)
    result = run([doc], gazetteer=gazetteer)
    assert [s.source for s in result.skipped] == ["article.txt"]
    assert "no event rules for this text" in result.skipped[0].reason
    # the analyst can still say which rules to read it by
    forced = Document(doc_id="d", text=text, source="article.txt", language="en")
    events_from_document(forced, gazetteer=gazetteer)  # no error


def test_geoparse_reads_other_languages_with_generic_rules(gazetteer):
    # capitalised names are looked up; no cue words of any language are known
    surfaces = {r.mention.surface for r in geoparse(FRENCH, gazetteer=gazetteer)}
    assert "Syrie" in surfaces or "Al-Bab" in surfaces
    assert not language("other").supported and language("other").names_capitalised


def test_registry_entries_are_complete():
    assert set(registry()) == {"ar", "en"}
    ar, en = language("ar"), language("en")
    assert ar.clitics and ar.verb_first and not ar.names_capitalised and ar.script == "arabic"
    assert en.names_capitalised and en.subject_first and en.cue_articles == {"the", "a"}


_STAGES = sorted(
    [
        *Path(geomap.__file__).parent.glob("events/*.py"),
        *Path(geomap.__file__).parent.glob("geoparse/*.py"),
    ]
)


@pytest.mark.parametrize("path", _STAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_rule_compares_a_language_code(path):
    """Rules ask the registry (``language(code).clitics``), they do not test ``lang == "ar"``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Compare):
            consts = [
                c.value for c in [node.left, *node.comparators] if isinstance(c, ast.Constant)
            ]
            if any(v in ("ar", "en") for v in consts):
                found.append(node.lineno)
    assert not found, f"{path.name}: language codes compared on lines {found}"
