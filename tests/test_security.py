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
import shutil
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
        ("[" * 5_000 + "]" * 5_000, "nested too deeply"),
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


def test_packaged_files_refuse_aliases_whatever_their_comments_say(tmp_path, monkeypatch):
    """A knowledge file whose only "*" stands in comments takes the fast (libyaml) loader;
    one with an alias outside a comment still meets parse_yaml's refusal."""
    from geomap import knowledge
    from geomap.errors import DataError

    if knowledge._PackagedLoader is None:
        pytest.skip("PyYAML built without libyaml")
    monkeypatch.setattr(knowledge, "data_dir", lambda: tmp_path)
    (tmp_path / "commented.yaml").write_text(
        "# a trailing * matches any ending\nwords:\n  # &not an anchor\n  - attack*\n",
        encoding="utf-8")
    (tmp_path / "aliased.yaml").write_text(
        "# a trailing * matches any ending\n" + ALIAS_BOMB, encoding="utf-8")

    def slow(*_args, **_kwargs):
        raise AssertionError("the slow loader was used for a file without aliases")

    with monkeypatch.context() as m:
        m.setattr(knowledge, "parse_yaml", slow)
        assert knowledge.load_yaml(tmp_path / "commented.yaml") == {"words": ["attack*"]}
    with pytest.raises(DataError, match="aliases"):
        knowledge.load_yaml(tmp_path / "aliased.yaml")


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


# --- the payload battery --------------------------------------------------------------------

#: Template payloads: each leaves the canary if Jinja ever evaluates it; the unclosed comment
#: makes compiling fail outright.
JINJA = (
    "{{ lipsum.__globals__.os.system('touch pwned.txt') }}"
    "{% set _ = cycler.__init__.__globals__.__builtins__.open('pwned.txt', 'w') %}"
    "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    "{{ self._TemplateReference__context.joiner.__init__.__globals__.os.popen('touch pwned.txt') }}"
    "{# a comment never closed"
)
#: HTML/JS payloads: each sets window.__pwned if the browser ever runs it.
HTML = (
    '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
    "<svg onload=window.__pwned=1> javascript:window.__pwned=1 <!-- ]]> '\""
)
#: Format-string payloads: str.format or % with these would change (or fail on) the text.
FORMAT = "{0.__class__} {0.__init__.__globals__} {} %s %(x)s %n"
#: All of them in one line of text (no sentence end inside, so it stays one sentence), with
#: the line separators inside (titles and names are stripped of white space at their ends).
PAYLOAD = f"{JINJA} \u2028 {FORMAT} \u2029 {HTML}"
#: HTML and feeds collapse white space as HTML does, so the line separators become spaces.
PAYLOAD_HTML = f"{JINJA} {FORMAT} {HTML}"

STORY = "Government forces shelled Idlib on Monday, killing three civilians {} near the market."
SIDECAR_TEXT = "Government forces shelled Idlib on Monday, killing three civilians.\n"


def _yaml_str(text: str) -> str:
    # JSON strings are YAML double-quoted strings (\u escapes included).
    return json.dumps(text)


def _csv(path, header, *rows):
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def _case_text(d):
    (d / "article.txt").write_text(STORY.format(PAYLOAD) + "\n", encoding="utf-8")
    return [["map", "article.txt"]], [STORY.format(PAYLOAD)]


def _case_file_name(d):
    # A file name cannot hold "/" or NUL and has at most 255 bytes; the rest of each family fits.
    name = (
        "{{ lipsum.__globals__.os.system('touch pwned.txt') }}{# never closed "
        "{0.__class__} %s %(x)s <img src=x onerror=window.__pwned=1> '\".txt"
    )
    (d / name).write_text(SIDECAR_TEXT, encoding="utf-8")
    return [["map", name]], [name]


def _case_sidecar(d):
    (d / "a.txt").write_text(SIDECAR_TEXT, encoding="utf-8")
    (d / "a.yaml").write_text(
        f"title: {_yaml_str(PAYLOAD)}\nsource: {_yaml_str(PAYLOAD + ' source')}\n", encoding="utf-8"
    )
    # A document's url stands for its source when given.
    (d / "b.txt").write_text(SIDECAR_TEXT.replace("Idlib", "Aleppo"), encoding="utf-8")
    url = "javascript:window.__pwned=1//" + PAYLOAD
    (d / "b.yaml").write_text(f"url: {_yaml_str(url)}\n", encoding="utf-8")
    return [["map", "a.txt", "b.txt"]], [PAYLOAD, PAYLOAD + " source", url]


def _case_front_matter(d):
    (d / "article.md").write_text(
        f"---\ntitle: {_yaml_str(PAYLOAD)}\n---\n{SIDECAR_TEXT}", encoding="utf-8"
    )
    return [["map", "article.md"]], [PAYLOAD]


def _case_jsonl(d):
    row = {"text": STORY.format(PAYLOAD), "title": PAYLOAD, "date": "2016-08-12"}
    (d / "rows.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return [["map", "rows.jsonl"]], [STORY.format(PAYLOAD), PAYLOAD]


def _case_csv(d):
    _csv(d / "rows.csv", ["text", "title"], [STORY.format(PAYLOAD), PAYLOAD])
    return [["map", "rows.csv"]], [STORY.format(PAYLOAD), PAYLOAD]


def _case_html(d):
    import html

    body = html.escape(STORY.format(PAYLOAD_HTML))
    (d / "page.html").write_text(
        f"<html><head><title>{html.escape(PAYLOAD_HTML)}</title></head><body><article>"
        f"<p>{body} A monitoring group reported the attack on Tuesday morning.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    return [["map", "page.html"]], [STORY.format(PAYLOAD_HTML), PAYLOAD_HTML]


def _case_rss(d):
    import html

    # A feed's title and description are HTML inside XML: escaped twice to be text.
    twice = html.escape(html.escape(PAYLOAD_HTML))
    (d / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>feed</title><item>'
        f"<title>{twice}</title>"
        f"<description>{html.escape(html.escape(STORY.format(PAYLOAD_HTML)))}</description>"
        "<link>http://example.org/a</link></item></channel></rss>",
        encoding="utf-8",
    )
    return [["map", "feed.rss"]], [STORY.format(PAYLOAD_HTML), PAYLOAD_HTML]


def _case_ucdp(d):
    header = ["id", "type_of_violence", "side_a", "side_b", "source_article", "source_headline",
              "where_prec", "where_coordinates", "adm_1", "latitude", "longitude", "country",
              "date_prec", "date_start", "best"]  # fmt: skip
    _csv(
        d / "ged.csv", header,
        ["1001.0", "1.0", PAYLOAD + " a", PAYLOAD + " b", PAYLOAD + " article", PAYLOAD + " head",
         "1.0", PAYLOAD + " where", "Aleppo Governorate", "36.2", "37.16", "Syria", "1.0",
         "2016-01-02", "4.0"],
    )  # fmt: skip
    cmds = [["import", "ucdp", "ged.csv", "-o", "events.geojson"], ["map", "events.geojson"]]
    return cmds, [PAYLOAD + " a", PAYLOAD + " b", PAYLOAD + " head"]


def _case_acled(d):
    header = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
              "country", "admin1", "location", "latitude", "longitude", "geo_precision",
              "time_precision", "source", "notes", "fatalities"]  # fmt: skip
    _csv(
        d / "acled.csv", header,
        ["SYR1", "2016-04-28", "Battles", "Armed clash", PAYLOAD + " a1", PAYLOAD + " a2",
         "Syria", "Aleppo", PAYLOAD + " location", "36.2", "37.13", "1", "1",
         PAYLOAD + " source", PAYLOAD + " notes", "5"],
    )  # fmt: skip
    cmds = [["import", "acled", "acled.csv", "-o", "events.geojson"], ["map", "events.geojson"]]
    return cmds, [PAYLOAD + s for s in (" a1", " a2", " location", " source", " notes")]


def _case_actors(d):
    (d / "article.txt").write_text(
        "The Zubda Brigade shelled Idlib on Monday, killing three civilians.\n", encoding="utf-8"
    )
    (d / "mine.yaml").write_text(
        f"actors:\n  - name: {_yaml_str(PAYLOAD)}\n    type: rebel group\n    country: SY\n"
        "    aliases:\n      en: [Zubda Brigade]\n",
        encoding="utf-8",
    )
    return [["map", "article.txt", "--actors", "mine.yaml"]], [PAYLOAD]


_PLACE_TEXT = (
    "Government forces shelled the village of Qaryat Zubda on Monday, killing three civilians.\n"
)


def _case_overrides_yaml(d):
    (d / "article.txt").write_text(_PLACE_TEXT, encoding="utf-8")
    (d / "places.yaml").write_text(
        f"- name: {_yaml_str(PAYLOAD)}\n  lat: 35.9\n  lon: 36.6\n  country_code: SY\n"
        "  feature_code: PPL\n  aliases: [Qaryat Zubda]\n",
        encoding="utf-8",
    )
    return [["map", "article.txt", "--gazetteer-overrides", "places.yaml"]], [PAYLOAD]


def _case_overrides_csv(d):
    (d / "article.txt").write_text(_PLACE_TEXT, encoding="utf-8")
    _csv(
        d / "places.csv",
        ["name", "lat", "lon", "country_code", "feature_code", "aliases"],
        [PAYLOAD, "35.9", "36.6", "SY", "PPL", "Qaryat Zubda"],
    )
    return [["map", "article.txt", "--gazetteer-overrides", "places.csv"]], [PAYLOAD]


def _case_title_option(d):
    (d / "article.txt").write_text(SIDECAR_TEXT, encoding="utf-8")
    return [["map", "article.txt", "--title", PAYLOAD]], []


CASES = {
    "text": _case_text,
    "file-name": _case_file_name,
    "sidecar": _case_sidecar,
    "front-matter": _case_front_matter,
    "jsonl": _case_jsonl,
    "csv": _case_csv,
    "html": _case_html,
    "rss": _case_rss,
    "ucdp": _case_ucdp,
    "acled": _case_acled,
    "actors-yaml": _case_actors,
    "overrides-yaml": _case_overrides_yaml,
    "overrides-csv": _case_overrides_csv,
    "title-option": _case_title_option,
}


@pytest.mark.parametrize(
    "payload",
    [JINJA.split("{#")[0], "{# a comment never closed", HTML, FORMAT, "\u2028 \u2029 {{ 7*7 }}"],
    ids=["jinja-runs", "jinja-comment", "html", "format", "separators"],
)
def test_each_payload_family_alone_through_an_article(payload, tmp_path):
    """Each family on its own (the unclosed comment in PAYLOAD would stop a compile early)."""
    (tmp_path / "article.txt").write_text(STORY.format(payload) + "\n", encoding="utf-8")
    res = run_cli(["map", "article.txt", "-o", "map.html", "-q"], tmp_path)
    assert res.exit_code == 0, res.output
    assert not (tmp_path / CANARY).exists()
    assert STORY.format(payload) in read_page(tmp_path / "map.html")[1]["strings"]


@pytest.mark.parametrize("case", CASES)
def test_payload_battery(case, tmp_path):
    """The payloads through every input path: nothing runs, the map is made, the text is kept."""
    commands, expected = CASES[case](tmp_path)
    for args in commands:
        if args[0] == "map":
            args = [*args, "-o", "map.html", "--quiet"]
        res = run_cli(args, tmp_path)
        assert res.exit_code == 0, res.output
        assert not (tmp_path / CANARY).exists()
    title, data = read_page(tmp_path / "map.html")
    assert data["lat"], "the payload's event is on the map"
    strings = data["strings"]
    for text in expected:
        assert text in strings, (text, strings)
    if case == "title-option":
        assert data["mapTitle"] == PAYLOAD
        assert title == PAYLOAD
    # Where the payload's characters appear on the page: only escaped, inside JSON elements
    # or as character references in <title>.
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    for raw in ("{{ lipsum", "{% set", "{#", "<img src=x", "</script><script>window", "\u2028"):
        assert raw not in page


# --- read back in a browser -----------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
    )
    exe = os.environ.get("GEOMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(exe):
        pytest.skip("chromium is not installed (apt-get install chromium); browser check skipped")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=exe, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.mark.browser
def test_browser_shows_every_hostile_field_as_text(chromium, tmp_path):
    """One map whose sentence, title, source link, actor, place and map title are payloads."""
    (tmp_path / "article.txt").write_text(
        f"The Zubda Brigade shelled the village of Qaryat Zubda on Monday, killing three "
        f"civilians {PAYLOAD} #sentence near the market.\n",
        encoding="utf-8",
    )
    (tmp_path / "article.yaml").write_text(
        f"title: {_yaml_str(PAYLOAD + ' #title')}\n"
        f"url: {_yaml_str('javascript:window.__pwned=1//' + PAYLOAD)}\n",
        encoding="utf-8",
    )
    (tmp_path / "mine.yaml").write_text(
        f"actors:\n  - name: {_yaml_str(PAYLOAD + ' #actor')}\n    type: rebel group\n"
        "    country: SY\n    aliases:\n      en: [Zubda Brigade]\n",
        encoding="utf-8",
    )
    (tmp_path / "places.yaml").write_text(
        f"- name: {_yaml_str(PAYLOAD + ' #place')}\n  lat: 35.9\n  lon: 36.6\n"
        "  country_code: SY\n  feature_code: PPL\n  aliases: [Qaryat Zubda]\n",
        encoding="utf-8",
    )
    args = ["map", "article.txt", "--actors", "mine.yaml", "--gazetteer-overrides", "places.yaml",
            "--title", PAYLOAD + " #map", "-o", "map.html", "-q"]  # fmt: skip
    assert run_cli(args, tmp_path).exit_code == 0
    assert not (tmp_path / CANARY).exists()

    page = chromium.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    try:
        page.goto((tmp_path / "map.html").as_uri())
        page.wait_for_function("window.geomapStats && window.geomapStats.ready", timeout=30000)
        assert page.evaluate("document.title") == PAYLOAD + " #map"
        body = page.evaluate("document.body.textContent")
        assert PAYLOAD + " #map" in body  # the title box
        assert PAYLOAD + " #actor" in body  # the actor's layer
        # Open the event's popup as a person would: bring it to the middle, click it.
        page.evaluate("() => { window.geomapMaps[0].setView([35.9, 36.6], 12, {animate: false}); }")
        page.wait_for_timeout(200)
        x, y = page.evaluate(
            "() => { const m = window.geomapMaps[0];"
            " const p = m.latLngToContainerPoint([35.9, 36.6]);"
            " const r = m.getContainer().getBoundingClientRect();"
            " return [p.x + r.left, p.y + r.top]; }"
        )
        page.mouse.click(x, y)
        page.locator(".leaflet-popup-content").wait_for(timeout=5000)
        popup = page.evaluate("document.querySelector('.leaflet-popup-content').textContent")
        assert popup is not None, "the event's popup opened"
        for tag in ("#sentence", "#title", "#actor", "#place"):
            assert f"{PAYLOAD} {tag}" in popup, tag
        js_links = "[...document.querySelectorAll('a')].filter(a => /^javascript/i.test(a.href))"
        assert page.evaluate(f"{js_links}.length") == 0
        assert page.evaluate("document.querySelectorAll('img[src=x], svg[onload]').length") == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert errors == []
    finally:
        page.close()


# --- the terminal -----------------------------------------------------------------------------


def test_escape_sequences_in_names_never_reach_the_terminal(tmp_path):
    """A file name (or a reason quoting data) with ESC/BEL is shown escaped on stderr."""
    name = "a\x1b]0;retitled\x07\x1b[2Jb.txt"
    (tmp_path / name).write_text("", encoding="utf-8")  # empty: skipped, so it is named
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "map", name, "-o", "map.html"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "a\\x1b]0;retitled\\x07\\x1b[2Jb.txt" in proc.stderr
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr


# --- XML and HTML parsers ---------------------------------------------------------------------


def test_feeds_and_pages_read_no_external_entity(tmp_path):
    """An entity naming a local file is not read into the article (nor into the map)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CANARY-7731 Aleppo", encoding="utf-8")
    doctype = f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
    (tmp_path / "feed.rss").write_text(
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>t</title><item>'
        "<title>Shelling &e;</title><description>Government forces shelled Idlib on Monday &e;,"
        " killing three civilians.</description><link>http://example.org/a</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text(
        f'<?xml version="1.0"?>{doctype}<html><head><title>Shelling &e;</title></head><body>'
        "<article><p>Government forces shelled Idlib on Monday &e;, killing three civilians in"
        " the town of Saraqeb, a monitoring group said on Tuesday.</p></article></body></html>",
        encoding="utf-8",
    )
    res = run_cli(["map", "feed.rss", "page.html", "-o", "map.html", "-q"], tmp_path)
    assert res.exit_code == 0, res.output
    assert read_page(tmp_path / "map.html")[1]["lat"]
    assert "SECRET-CANARY" not in (tmp_path / "map.html").read_text(encoding="utf-8")
