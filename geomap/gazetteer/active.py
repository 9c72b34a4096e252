"""Which on-disk index is the default: the embedded one, or one the user imported.

``<cache>/active.json`` names the active index (``{"index": "/path/to/imported.sqlite"}``);
when it is absent the embedded index is the default. ``geomap gazetteer import`` writes it,
``geomap gazetteer use embedded|PATH`` changes it. Indexes are opened once per process.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ..atomic import write_text_atomic
from ..errors import GazetteerError
from ..resources import cache_dir
from .base import Gazetteer, register
from .embedded import embedded
from .store import IndexGazetteer, keys_path

log = logging.getLogger(__name__)

ACTIVE_FILE = "active.json"

_OPEN: dict[Path, IndexGazetteer] = {}


def active_file() -> Path:
    return cache_dir() / ACTIVE_FILE


def active_index() -> Path | None:
    """The index the user made the default, or ``None`` for the embedded one."""
    path = active_file()
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
        index = data["index"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise GazetteerError(
            f"{path} should hold {{\"index\": PATH}} naming the active gazetteer, but cannot be "
            f"read ({err}); run: geomap gazetteer use embedded"
        ) from err
    return None if index in (None, "embedded") else Path(index)


def set_active(index: str | Path | None) -> Path | None:
    """Make ``index`` the default gazetteer (``None`` or ``"embedded"``: the embedded one).

    The index is opened first, so a path that is not a gazetteer index is refused.
    """
    if index is None or str(index) == "embedded":
        active_file().unlink(missing_ok=True)
        return None
    path = Path(index).resolve()
    open_index(path)  # refuse anything that is not an index
    write_text_atomic(active_file(), json.dumps({"index": str(path)}, indent=2) + "\n")
    return path


def open_index(path: str | Path) -> IndexGazetteer:
    """Open (once per process) the index at ``path``."""
    path = Path(path)
    got = _OPEN.get(path)
    if got is None:
        if not (path.is_file() and keys_path(path).is_file()):
            raise GazetteerError(
                f"no gazetteer index at {path}; import one with `geomap gazetteer import FILE...` "
                "or go back to the embedded index with `geomap gazetteer use embedded`"
            )
        got = _OPEN[path] = IndexGazetteer(path)
        got.name = "index"
    return got


def forget(path: str | Path) -> None:
    """Close and drop a cached index (after it was rewritten on disk)."""
    got = _OPEN.pop(Path(path), None)
    if got is not None:
        _DEFAULT.clear()
        got.close()


_DEFAULT: dict[tuple[Path, int | None], Gazetteer] = {}


def default() -> Gazetteer:
    """The process-wide default gazetteer: the active imported index, else the embedded one.

    Callers that pass no gazetteer ask for it once per document, so the answer is kept for
    as long as the cache directory and ``active.json`` (its modification time) stay the same:
    one ``stat`` a call instead of reading the file and the package metadata.
    """
    path = active_file()
    try:
        stamp: int | None = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    got = _DEFAULT.get((path, stamp))
    if got is None:
        index = active_index()
        got = embedded() if index is None else open_index(index)
        _DEFAULT.clear()
        _DEFAULT[(path, stamp)] = got
    return got


@register("index")
def index(path: str | Path | None = None) -> Gazetteer:
    """An index file written by ``geomap gazetteer import`` (default: the active index)."""
    return open_index(path) if path else default()
