"""The one module that reads knowledge files (``data/*.yaml``, ``data/*.csv``).

Analysts edit these files; geomap re-reads them on the next run. Installed wheels carry a
copy under ``geomap/_data``; a source checkout reads the repository's ``data/`` directly.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import IO, Any

import yaml

from .errors import DataError

_PKG = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Directory holding geomap's knowledge files."""
    for candidate in (_PKG / "_data", _PKG.parent / "data"):
        if (candidate / "actors.yaml").is_file():
            return candidate
    raise DataError(
        f"geomap's data directory was not found (looked in {_PKG / '_data'} and "
        f"{_PKG.parent / 'data'}); reinstall geomap"
    )


class _Checks:
    """What geomap refuses in a mapping, for both loaders below: a merge key (``<<``), and a
    key given twice (plain YAML keeps the last one and silently drops the first: an analyst
    adding ``PS: [Palestine]`` beside an existing ``PS:`` entry would lose its names)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "YAML merge keys (<<) are not accepted", key_node.start_mark
                )
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: let the base class report it
                continue
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} is given twice (lines {first} and {line}); "
                    "merge the two entries into one",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


class _Loader(_Checks, yaml.SafeLoader):
    """geomap's one YAML loader: safe (no Python tags), no anchors or aliases, no key twice.

    Aliases are refused because a few hundred bytes of nested aliases (a "billion laughs")
    expand to gigabytes once the value is walked; geomap's files never need them.
    """

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None,
                None,
                "YAML anchors and aliases (&name, *name) are not accepted; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)


#: Where an anchor (``&x``) or alias (``*x``) could start: after a line start, a space or a
#: flow/block indicator. A match only means "use the checking loader".
_MAY_HAVE_ALIAS = re.compile(r"(?:^|[\s\[\]{},:?-])[&*]", re.MULTILINE)
#: A line whose first character after blanks is ``#``: a comment, or the content of a block
#: or quoted scalar; either way no anchor or alias can stand in it ("# a trailing *
#: matches any ending" must not send a whole knowledge file to the slow loader).
_HASH_LINE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)


def _may_have_alias(text: str) -> bool:
    """Could an anchor or alias start somewhere in ``text`` (comment lines left out)?"""
    return _MAY_HAVE_ALIAS.search(text) is not None and (
        _MAY_HAVE_ALIAS.search(_HASH_LINE.sub("", text)) is not None
    )

if hasattr(yaml, "CSafeLoader"):

    class _PackagedLoader(_Checks, yaml.CSafeLoader):
        """libyaml's parser with the same safe constructor and checks, 8x faster: for
        geomap's own knowledge files (read at every start), when no ``&`` or ``*`` in their
        text can start an anchor or alias (the ``*`` of a trigger wildcard, ``attack*``,
        follows a letter). Its composer is C code whose alias and depth handling cannot be
        hooked, so any other text takes :class:`_Loader`."""

    _PackagedLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _PackagedLoader.construct_mapping
    )
else:  # pragma: no cover - PyYAML built without libyaml
    _PackagedLoader = None


def parse_yaml(source: str | IO[str], origin: str = "<text>") -> Any:
    """Parse YAML that geomap did not write: knowledge files, actors and overrides files,
    sidecars, front matter. The only YAML loader in geomap.

    Safe (plain data only: no Python objects, nothing runs), and refuses anchors/aliases,
    a key given twice in one mapping, and nesting too deep to compose.

    Raises
    ------
    DataError
        The text is not YAML geomap accepts; the message names ``origin`` and the line.

    Examples
    --------
    >>> parse_yaml("title: Aleppo\\ndate: 2016-08-12")["title"]
    'Aleppo'
    >>> parse_yaml("a: &x [1]\\nb: *x")
    Traceback (most recent call last):
    ...
    geomap.errors.DataError: <text> is not YAML geomap accepts: YAML anchors and aliases ...
    """
    try:
        return yaml.load(source, Loader=_Loader)  # _Loader is a SafeLoader: plain data only
    except yaml.YAMLError as err:
        raise DataError(f"{origin} is not YAML geomap accepts: {err}") from None
    except RecursionError:
        raise DataError(f"{origin} is not YAML geomap accepts: nested too deeply") from None


def load_yaml(name_or_path: str | Path) -> Any:
    """Load a YAML knowledge file by name (``"actors.yaml"``) or path with :func:`parse_yaml`,
    with a clear error."""
    path = Path(name_or_path)
    if not path.is_absolute() and not path.exists():
        path = data_dir() / path
    try:
        if _PackagedLoader is not None and path.parent == data_dir():
            text = path.read_text(encoding="utf-8")
            if not _may_have_alias(text):
                try:
                    return yaml.load(text, Loader=_PackagedLoader)  # a SafeLoader: plain data only
                except yaml.YAMLError as err:
                    raise DataError(
                        f"knowledge file {path} is not YAML geomap accepts: {err}"
                    ) from None
            return parse_yaml(text, f"knowledge file {path}")
        with path.open(encoding="utf-8") as fh:
            return parse_yaml(fh, f"knowledge file {path}")
    except FileNotFoundError as err:
        raise DataError(f"knowledge file {path} does not exist") from err
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"knowledge file {path} cannot be read: {err}") from err


@functools.cache
def cached_yaml(name: str) -> Any:
    """:func:`load_yaml` for the packaged files, read once per process."""
    return load_yaml(name)


def section(name: str, *keys: str) -> Any:
    """The part of packaged knowledge file ``name`` at ``keys`` (``None`` when absent):
    ``section("event_cues.yaml", "negation", "en")``."""
    node = cached_yaml(name)
    for k in keys:
        if node is None:
            return None
        if not isinstance(node, dict):
            raise DataError(
                f"data/{name}: expected a mapping above {k!r}, got {type(node).__name__}"
            )
        node = node.get(k)
    return node


@functools.cache
def word_list(name: str, *keys: str) -> tuple[str, ...]:
    """A list of words or phrases of packaged knowledge file ``name`` at ``keys`` (empty
    when absent), as strings: ``word_list("place_names.yaml", "locatives", "en")``."""
    node = section(name, *keys)
    if node is None:
        return ()
    if not isinstance(node, list):
        where = ".".join(keys)
        raise DataError(f"data/{name}: {where} should be a list, got {type(node).__name__}")
    return tuple(str(w) for w in node)


@functools.cache
def weights(name: str, *keys: str) -> dict[str, Any]:
    """A mapping of tunable values of packaged knowledge file ``name`` at ``keys``: every
    value must be given (a missing one is a :class:`~geomap.errors.DataError`, not a
    silent default)."""
    node = section(name, *keys)
    if not isinstance(node, dict):
        raise DataError(f"data/{name}: {'.'.join(keys)} should be a mapping of tunable values")
    return node
