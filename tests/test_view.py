"""The document view: a text is prepared once and handed from stage to stage."""

import dataclasses
import importlib

import pytest

from geomap.events import events_from_document
from geomap.geoparse import geoparse
from geomap.geoparse.recognize import recognise
from geomap.text import TextView, normalize, tokenize

# the modules (geomap.text exports functions of the same names)
normalize_module = importlib.import_module("geomap.text.normalize")
view_module = importlib.import_module("geomap.text.view")


def test_view_holds_what_stages_need():
    v = TextView.of("Troops left Manbij. They went to al-Bab, near Aleppo.")
    assert v.language == "en"
    assert v.norm == normalize(v.text)
    assert list(v.tokens) == tokenize(v.norm.text)
    assert [s.text for s in v.sentences] == [
        "Troops left Manbij.",
        "They went to al-Bab, near Aleppo.",
    ]
    assert [v.text[s] for s in v.token_starts[:3]] == ["T", "l", "M"]
    clauses = v.clauses()
    # a new sentence and a comma each open a clause
    assert clauses[0] == clauses[2] < clauses[3] < clauses[v.tok_index(v.text.index("near"))]
    # a clause-break word found by a caller opens one too
    assert v.clauses([1])[1] == clauses[1] + 1


def test_view_is_immutable_and_reused():
    v = TextView.of("قصف جوي على مدينة الباب")
    assert v.language == "ar"
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.text = "other"  # type: ignore[misc]
    assert TextView.of(v) is v
    assert TextView.of(v, "ar") is v
    other = TextView.of(v, "en")
    assert other.language == "en" and other.norm is v.norm


def test_view_rejects_what_is_no_text():
    with pytest.raises(TypeError, match="expected a text"):
        TextView.of(b"bytes")  # type: ignore[arg-type]


def test_geoparse_and_recognise_take_a_view_or_a_string(gazetteer, seed_document):
    text = seed_document.text
    v = TextView.of(text, "ar")
    assert geoparse(v, gazetteer=gazetteer) == geoparse(text, "ar", gazetteer=gazetteer)
    assert recognise(v, gazetteer) == recognise(text, gazetteer, "ar")


def test_a_document_is_normalised_and_tokenised_once(monkeypatch, gazetteer, seed_document):
    calls = []

    def counting(kind, real):
        def wrapper(text):
            calls.append((kind, len(text)))
            return real(text)

        return wrapper

    n, n_norm = len(seed_document.text), len(TextView.of(seed_document.text).norm.text)
    # every way into normalisation and tokenisation: the view's and the public functions'
    for module in (view_module, normalize_module):
        monkeypatch.setattr(
            module, "_normalize", counting("normalise", normalize_module._normalize)
        )
        monkeypatch.setattr(module, "_tokens", counting("tokenise", normalize_module._tokens))
    events = events_from_document(seed_document, gazetteer=gazetteer)
    assert events  # the seed has events, so every stage ran
    # the whole text was normalised and tokenised once (shorter strings are names, sentences)
    assert calls.count(("normalise", n)) == 1
    assert calls.count(("tokenise", n_norm)) == 1
