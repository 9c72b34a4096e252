"""Hostile text never reaches an interpreter: the page assembly, embed(), and a payload battery.

Each payload, if it ever ran as a template, format string or script, would leave a canary
file in the working directory (the tests run with ``cwd = tmp_path``) or set
``window.__pwned`` in the browser. The tests go through the real CLI where the input path is a
CLI path, and check three things: no canary, the command succeeded, the payload is in the page
as the same text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from geomap.cli import main
from geomap.errors import ExportError
from geomap.render import INERT_CHARS, embed, render_map, save_map

from .render_fixtures import small_frame

CANARY = "pwned.txt"
#: The article of issue #11: before the fix, rendering it created pwned.txt.
ISSUE_ARTICLE = (
    "Government forces shelled Idlib on Monday, killing three civilians "
    "{{ lipsum.__globals__.os.system('echo art > pwned.txt') }}."
)


class _Page(HTMLParser):
    """The page's <title> text and the content of each JSON data element, by id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = None
        self.json: dict[str, str] = {}
        self._where = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._where = ("title", None)
            self.title = ""
        elif tag == "script" and attrs.get("type") == "application/json":
            self._where = ("json", attrs["id"])
            self.json[attrs["id"]] = ""

    def handle_endtag(self, tag):
        self._where = None

    def handle_data(self, data):
        if self._where is None:
            return
        kind, key = self._where
        if kind == "title":
            self.title += data
        else:
            self.json[key] += data


def read_page(path) -> tuple[str | None, dict]:
    """(title, events payload) as a browser reads them."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    [data] = [v for k, v in page.json.items() if k.endswith("_data")]
    return page.title, json.loads(data)


def run_cli(args, cwd):
    """The real CLI in-process (click's runner), with the working directory at ``cwd``."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


def test_issue_article_runs_nothing_and_stays_text(tmp_path):
    (tmp_path / "article.txt").write_text(ISSUE_ARTICLE + "\n", encoding="utf-8")
    res = run_cli(["map", "article.txt", "-o", "map.html", "--quiet"], tmp_path)
    assert res.exit_code == 0, res.output
    assert not (tmp_path / CANARY).exists()
    _, data = read_page(tmp_path / "map.html")
    assert ISSUE_ARTICLE in data["strings"]


# --- embed(): the one function that writes data into the page ------------------------------


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=12,
    )
)
def test_embed_json_is_inert_and_lossless(value):
    out = embed(value)
    for char in "<>&'\u2028\u2029":
        assert char not in out
    # JSON's own braces remain, but no template opener ({{, {%, {#) can: every { of the data
    # is escaped, and JSON's own { is always followed by a quote or }.
    for k in range(len(out)):
        if out[k] == "{":
            assert out[k + 1] in '"}'
    assert json.loads(out) == value


@given(st.text())
def test_embed_escapes_quotes_and_braces_inside_strings(text):
    out = embed({"k": text})
    inner = out[len('{"k":"') : -2]
    for char in INERT_CHARS:
        assert char not in inner
    assert json.loads(out)["k"] == text


def test_embed_lone_surrogates_are_escaped_not_fatal():
    out = embed(["a\ud800b"])
    out.encode("utf-8")  # a raw lone surrogate would fail here, when the page is written
    assert json.loads(out) == ["a\ud800b"]


@given(st.text())
def test_embed_html_text_is_inert_and_decodes_back(text):
    out = embed(text, html_text=True)
    bare = re.sub(r"&(lt|gt|amp|quot|#x[0-9a-f]+);", "", out)
    for char in INERT_CHARS:
        assert char not in bare
    page = _Page()
    page.feed(f"<title>{out}</title>")
    assert page.title == text


def test_embed_html_text_turns_lone_surrogates_into_the_replacement_character():
    assert embed("a\udc80", html_text=True) == "a&#xfffd;"


# --- the page ---------------------------------------------------------------------------


def test_page_refuses_elements_that_branca_would_compile(tmp_path):
    import folium

    m = render_map(small_frame())
    folium.Marker([36.2, 37.1], popup="{{ 7*7 }}").add_to(m)
    with pytest.raises(ExportError, match="build_payload"):
        save_map(m, tmp_path / "m.html")
    assert not (tmp_path / "m.html").exists()


def test_map_html_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    """Issue #18: the same input gives the same file (element ids were random)."""
    (tmp_path / "a.txt").write_text(
        "Syrian army air strikes near Saraqeb in Idlib province killed 12 civilians on Monday. "
        "Islamic State fighters attacked Kurdish YPG positions in Hasakah on Sunday.\n",
        encoding="utf-8",
    )
    assert run_cli(["map", "a.txt", "-o", "one.html", "-q"], tmp_path).exit_code == 0
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run(
        [sys.executable, "-m", "geomap", "map", "a.txt", "-o", "two.html", "-q"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    one, two = (tmp_path / "one.html").read_bytes(), (tmp_path / "two.html").read_bytes()
    assert one == two
    assert read_page(tmp_path / "one.html")[1]["lat"]  # a real map, not two empty ones


# --- the one YAML loader ------------------------------------------------------------------

#: 342 bytes that expand to 9**9 (387 million) strings when walked, like issue #18's alias bomb.
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    "text, why",
    [
        (ALIAS_BOMB, "aliases"),
        ("a: &x 1\n", "anchors"),
        ("base: {a: 1}\nother:\n  <<: {b: 2}\n", "merge keys"),
        ("title: one\ntitle: two\n", "given twice"),
        ("{title: one, title: two}", "given twice"),
        ("!!python/object/apply:os.system ['touch pwned.txt']", "constructor"),
        ("x: !!python/name:os.system\n", "constructor"),
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
    ],
)
def test_parse_yaml_refuses(text, why, tmp_path, monkeypatch):
    from geomap.errors import DataError
    from geomap.knowledge import parse_yaml

    monkeypatch.chdir(tmp_path)
    assert len(ALIAS_BOMB) < 450
    with pytest.raises(DataError, match=why):
        parse_yaml(text, "test.yaml")
    assert not (tmp_path / CANARY).exists()


def test_every_yaml_read_goes_through_parse_yaml():
    """No other module calls a YAML loader (a second loader would miss these refusals)."""
    import pathlib

    import geomap

    offenders = [
        str(p)
        for p in pathlib.Path(geomap.__file__).parent.rglob("*.py")
        if p.name != "knowledge.py"
        and re.search(
            r"yaml\.(safe_load|load|unsafe_load|full_load|load_all|safe_load_all)\(",
            p.read_text(encoding="utf-8"),
        )
    ]
    assert offenders == []
