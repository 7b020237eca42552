"""Publish: write the site into a staging folder beside public/, swap it in only on success.

A build that fails or is killed leaves the previous public/ complete: the old tree is
only renamed away once the new one is fully written, and removed after the swap.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

from sitegen.errors import SitegenError
from sitegen.render import OutputFile

Written = dict[str, tuple[str, str]]
"""Output path -> (page key, search language) of every keyed file a build published."""
Step = Callable[[Path, Written], None]


def publish(
    files: Iterable[OutputFile],
    out: Path,
    after: Sequence[Step] = (),
    before_swap: Callable[[int, Written], None] | None = None,
) -> tuple[int, Written]:
    """Write every file under a staging folder (unchanged ones hard-linked from the current
    `out`), run the `after` steps on it (search index), call `before_swap`, then replace
    `out` with it; returns the number of files and the keys of the keyed ones."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        count, written = _write_all(files, staging, out)
        for step in after:
            step(staging, written)
        if before_swap is not None:
            before_swap(count, written)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count, written


def _write_all(files: Iterable[OutputFile], staging: Path, out: Path) -> tuple[int, Written]:
    """Write files, refusing any path that would land outside the staging folder or twice."""
    written: set[str] = set()
    keys: Written = {}
    made: set[Path] = set()
    for file in files:
        relative = PurePosixPath(file.path)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise SitegenError(f"refusing to write outside the output folder: {file.path}")
        if file.path in written:
            raise SitegenError(f"two pages want the same output file: {file.path}")
        written.add(file.path)
        target = staging.joinpath(*relative.parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if file.data is None:
            link_or_copy(out.joinpath(*relative.parts), target)
        else:
            target.write_bytes(file.data)
        if file.key:
            keys[file.path] = (file.key, file.search)
    return len(written), keys


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link (the published file is never written to again, so sharing it is safe),
    or a copy where the file system has no hard links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def recover(out: Path) -> None:
    """Undo what a killed build left: put the previous site back if it was renamed away but
    not replaced, and remove half-written staging folders."""
    old = sorted(out.parent.glob(f".{out.name}.old-*"))
    if not out.exists() and old:
        old.pop().rename(out)
    for leftover in [*old, *out.parent.glob(f".{out.name}.staging-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _swap(staging: Path, out: Path) -> None:
    """Rename the old tree away, the new one in, then delete the old one."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    staging.rename(out)
    out.chmod(0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
