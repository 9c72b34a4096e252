"""Latin spellings of Arabic names: skeleton keys, the index rows, lookup and recognition.

The gazetteer here is made up (a few places under their GeoNames spellings), so each
mechanism is tested on its own; the embedded gazetteer is used for the newcomer names.
"""

from __future__ import annotations

import doctest

import pytest

from geomap.gazetteer.base import Gazetteer
from geomap.geoparse import name_candidates, recognise
from geomap.records import Place
from geomap.text import spelling
from geomap.text.normalize import key
from geomap.text.spelling import skeleton, skeleton_rows


def test_doctests():
    assert doctest.testmod(spelling).failed == 0


@pytest.mark.parametrize(
    ("news", "gazetteer"),
    [
        ("Hodeidah", "Al Ḩudaydah"),
        ("Maarat al-Numan", "Ma‘arrat an Nu‘mān"),
        ("Ma'arrat al-Nu'man", "Maarat an-Numan"),
        ("Jisr al-Shughur", "Jisr ash Shughūr"),
        ("Tal Tamr", "Tell Tamer"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Qamishli", "Kamishli"),
        ("Raqqa", "Ar-Raqqah"),
    ],
)
def test_spellings_of_one_name_share_a_skeleton(news, gazetteer):
    assert skeleton(news) == skeleton(gazetteer) is not None


def test_different_names_keep_different_skeletons():
    names = ["Idlib", "Aleppo", "Homs", "Hama", "Daraa", "Manbij", "Kobani", "Afrin"]
    assert len({skeleton(n) for n in names}) == len(names)
    assert skeleton("دمشق") is None and skeleton("A") is None


def test_only_places_of_arabic_speaking_countries_get_skeleton_rows():
    assert skeleton_rows("Al Ḩudaydah", 79415, "YE") == [("~hd", 79415, "Al Ḩudaydah")]
    assert skeleton_rows("Hood", 1, "US") == []


class _Gaz(Gazetteer):
    """Places under their own keys and their skeletons, as the embedded index holds them."""

    def __init__(self, *places: Place):
        self.known: dict[str, list[Place]] = {}
        for p in places:
            rows = skeleton_rows(p.name, p.geonameid, p.country_code)
            for k in {key(p.name), *(r[0] for r in rows)}:
                self.known.setdefault(k, []).append(p)
        self._prefixes = frozenset(
            " ".join(k.split(" ")[:n]) for k in self.known for n in range(1, len(k.split(" ")))
        )

    def candidates(self, key):
        return list(self.known.get(key, []))

    def place(self, geonameid):
        return None

    def has_key(self, key):
        return key in self.known

    def prefixes(self):
        return self._prefixes


MAARAT = Place(167611, "Ma‘arrat an Nu‘mān", 35.65, 36.68, "SY", "13")
JISR = Place(169023, "Jisr ash Shughūr", 35.81, 36.32, "SY", "13", population=39_311)
HODEIDAH = Place(79415, "Al Ḩudaydah", 14.80, 42.95, "YE", "08", population=734_699)
NUMAN = Place(2328617, "Numan", 9.46, 12.03, "NG", "01", population=77_617)
BAWSHAR = Place(5, "Bawshar", 23.58, 58.40, "OM", "06", population=383_257)
GAZ = _Gaz(MAARAT, JISR, HODEIDAH, NUMAN, BAWSHAR)


def test_a_name_unknown_as_written_is_looked_up_by_its_skeleton():
    assert name_candidates("Hodeidah", gazetteer=GAZ) == [HODEIDAH]
    assert name_candidates("Jisr al-Shughur", gazetteer=GAZ) == [JISR]
    assert name_candidates("Numan", gazetteer=GAZ) == [NUMAN]  # known as written


def _found(text):
    return [(m.surface, m.key) for m in recognise(text, GAZ, "en")]


def test_recognition_finds_the_whole_name_not_a_namesake_inside_it():
    text = "Jets struck Maarat al-Numan and Jisr al-Shughur on Monday."
    assert _found(text) == [("Maarat al-Numan", "~mrt l nmn"), ("Jisr al-Shughur", "~jsr l shghr")]
    assert _found("Ma'arrat al-Nu'man was hit.") == [("Ma'arrat al-Nu'man", "~mrt l nmn")]


def test_one_word_needs_a_city_and_a_locative_word_before_it():
    assert _found("Fighting near Hodeidah continued.") == [("Hodeidah", "~hd")]
    assert _found("Hodeidah fell.") == []  # no locative word before it
    assert _found("The envoy met Bashar in Geneva.") == []  # Bawshar is a city, but no locative
