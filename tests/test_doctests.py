"""Every example in the package's docstrings holds: they document behaviour, so they are
tests too (``pytest --doctest-modules geomap`` runs the same)."""

import doctest
import importlib
import pkgutil

import pytest

import geomap

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(geomap.__path__, "geomap.")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_examples_are_found():
    # a walk that found no module, or modules without examples, would pass vacuously
    found = sum(
        doctest.testmod(
            importlib.import_module(n), optionflags=doctest.ELLIPSIS, report=False
        ).attempted
        for n in ("geomap.events.fatalities", "geomap.events.dates")
    )
    assert len(MODULES) > 40 and found >= 15
