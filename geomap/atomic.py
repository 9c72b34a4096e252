"""Atomic output: write to a temporary file beside the target, then ``os.replace`` it.

A reader never sees a half-written file, and a failed write leaves the previous file as it
was. The temporary file lives in a hidden temporary directory in the target's directory
(same filesystem, so the rename is atomic) and is removed whatever happens -- except when
the process is killed (kill -9, a SIGTERM without a handler, a power cut). Such leftovers
(``.NAME.<pid>.<random>.tmp/``, up to a whole copy of a store) are removed by the next
write to the same target once their process is gone (see :func:`clean_stale`).

:func:`locked` serialises read-modify-write cycles on one file (appends to a store) across
processes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ExportError

#: A leftover without a readable owner is removed after this long: no write takes a day.
STALE_SECONDS = 24 * 3600


def _prefix(path: Path) -> str:
    # the host name is part of the mark: on a shared (network) directory, a process id
    # only says something on the machine that wrote it
    return f".{path.name}.{_host()}-{os.getpid()}."


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32] or "host"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or no way to tell: assume it is working
    return True


def clean_stale(path: str | Path) -> list[Path]:
    """Remove the temporary directories earlier writes to ``path`` left behind when they
    were killed; return what was removed.

    A directory is stale when the process that made it (its name says which, on this host)
    no longer runs, or -- for one whose owner cannot be told (another host, an older
    geomap) -- when it has not changed for :data:`STALE_SECONDS`. A running writer's
    directory is never touched.
    """
    path = Path(path)
    removed: list[Path] = []
    mark = re.compile(
        r"^\." + re.escape(path.name) + r"\.(?:(?P<host>[A-Za-z0-9]+)-(?P<pid>\d+)\.)?.*\.tmp$"
    )
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = mark.match(entry.name)
        if m is None or not entry.is_dir() or entry.is_symlink():
            continue
        if m["pid"] and m["host"] == _host():
            stale = int(m["pid"]) != os.getpid() and not _alive(int(m["pid"]))
        else:
            try:
                stale = now - entry.stat().st_mtime > STALE_SECONDS
            except OSError:
                continue
        if stale:
            shutil.rmtree(entry, ignore_errors=True)
            if not entry.exists():
                removed.append(entry)
    return removed


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a fresh temporary path to write; on success it replaces ``path``.

    The yielded path does not exist yet (GDAL refuses to create a GeoPackage over an
    existing empty file) and has the same name as ``path``, so drivers chosen by extension
    pick the same one. Missing parent directories are created; leftovers of killed earlier
    writes to ``path`` are removed (:func:`clean_stale`).

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
        clean_stale(path)
        tmpdir = Path(tempfile.mkdtemp(prefix=_prefix(path), suffix=".tmp", dir=path.parent))
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


@contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for a read-modify-write cycle; other processes
    wait for it (:func:`atomic_path` replaces the file, so the lock is taken on a lock file
    beside it, ``.NAME.lock``, which stays). The operating system releases the lock when
    the process dies, so a killed writer never blocks the next one."""
    path = Path(path)
    lock = path.parent / f".{path.name}.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise ExportError(f"cannot lock {path} ({lock}: {err.strerror or err})") from err
    try:
        _lock(fd)
        yield
    finally:
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:  # LK_LOCK gives up after 10 s; keep waiting
                continue
    fcntl.flock(fd, fcntl.LOCK_EX)


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically; return the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)
