"""Atomic output: write to a temporary file beside the target, then ``os.replace`` it.

A reader never sees a half-written file, and a failed write leaves the previous file as it
was. The temporary file lives in a hidden temporary directory in the target's directory
(same filesystem, so the rename is atomic) and is removed whatever happens.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ExportError


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a fresh temporary path to write; on success it replaces ``path``.

    The yielded path does not exist yet (GDAL refuses to create a GeoPackage over an
    existing empty file) and has the same name as ``path``, so drivers chosen by extension
    pick the same one. Missing parent directories are created.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmpdir = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from err
    try:
        tmp = tmpdir / path.name
        yield tmp
        if not tmp.exists():
            raise ExportError(f"cannot write {path}: the writer produced no file")
        os.replace(tmp, path)
    except OSError as err:
        if isinstance(err, ExportError):
            raise
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from err
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically; return the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)
