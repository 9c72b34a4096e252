"""Walk a directory tree into the files to read, without recursion and without link loops.

:func:`walk` visits a tree of any depth (an explicit stack, not the call stack: a tree
1,000 levels deep is an ordinary input) and follows symbolic links to directories, once:
a link to a directory already read -- a loop back to an ancestor, or a second way to the
same directory -- is reported, not read again. Whatever cannot be listed (no permission, a
name too long for the system) is reported with the reason. Hidden entries (names starting
with ``.``) and sidecar metadata files are not inputs and are left out silently.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..records import Skipped


def walk(root: Path, is_sidecar: Callable[[Path], bool]) -> Iterator[Path | Skipped]:
    """Files under ``root`` in sorted path order, and a :class:`Skipped` for every
    directory that could not be read or was already read through another path.

    The order is that of sorting the relative paths by their parts (a directory's files
    and subdirectories interleaved by name), the same on every run.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "b").mkdir(); _ = (root / "b" / "x.txt").write_text("x")
    >>> _ = (root / "a.txt").write_text("a"); (root / "loop").symlink_to(root)
    >>> [r.name if isinstance(r, Path) else r.reason[:26] for r in walk(root, lambda p: False)]
    ['a.txt', 'x.txt', 'a link to a directory read']
    """
    seen: set[tuple[int, int]] = set()
    listing = _enter(root, seen)
    if isinstance(listing, Skipped):
        yield listing
        return
    # One iterator per open directory, deepest last: the call stack is never used, so
    # the depth of the tree is not limited by Python's recursion limit.
    stack: list[Iterator[Path]] = [iter(listing)]
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
            continue
        try:
            is_dir = path.is_dir()  # follows a symbolic link, as reading would
        except OSError:
            is_dir = False
        if not is_dir:
            if not is_sidecar(path):
                yield path  # a file, or something the reader will report (link, FIFO)
            continue
        got = _enter(path, seen)
        if isinstance(got, Skipped):
            yield got
        else:
            stack.append(iter(got))


def _enter(path: Path, seen: set[tuple[int, int]]) -> list[Path] | Skipped:
    """The listing of a directory met in the walk, unless it was read already (a link
    loop, a second path to it) or cannot be read."""
    try:
        st = path.stat()
    except OSError as err:
        return Skipped(str(path), f"cannot read directory: {err.strerror or err}")
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return Skipped(
            str(path),
            f"a link to a directory read already ({os.path.realpath(path)}); not read "
            "twice (a link loop, or a second path to the same files)",
        )
    seen.add(key)
    return _listing(path)


def _listing(directory: Path) -> list[Path] | Skipped:
    """The entries of ``directory`` that are inputs, sorted by name, or why it cannot be read."""
    try:
        with os.scandir(directory) as it:
            names = sorted(e.name for e in it if not e.name.startswith("."))
    except OSError as err:
        return Skipped(str(directory), f"cannot read directory: {err.strerror or err}")
    return [directory / name for name in names]
