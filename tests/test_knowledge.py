"""Knowledge files: every packaged file loads, and an analyst's slip is a clear error."""

import pytest

from geomap.errors import DataError
from geomap.knowledge import data_dir, load_yaml


@pytest.mark.parametrize("path", sorted(data_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_packaged_yaml_loads(path):
    assert load_yaml(path) is not None


def test_a_key_given_twice_is_an_error_not_a_silent_loss(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "aliases:\n  PS: [Palestine]\n  SY: [Syria]\n  PS: [فلسطين]\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"'PS' is given twice \(lines 2 and 4\)"):
        load_yaml(path)
    # the same key in different mappings is fine
    path.write_text("a:\n  PS: [x]\nb:\n  PS: [y]\n", encoding="utf-8")
    assert load_yaml(path) == {"a": {"PS": ["x"]}, "b": {"PS": ["y"]}}
