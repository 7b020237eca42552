"""Publish: write the site into a staging folder beside public/, swap it in only on success.

A build that fails or is killed leaves the previous public/ complete: the old tree is
only renamed away once the new one is fully written, and removed after the swap.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sitegen.errors import SitegenError
from sitegen.render import Checkpoint, OutputFile

Written = dict[str, tuple[str, str, str]]
"""Output path -> (page key or "", search language, hash of an indexed page's bytes) of
every file a build published."""


class Step(Protocol):
    """Work on the staged site after it is written (the search index), which may begin at
    a checkpoint in the stream of files and go on while the rest is written."""

    def start(self, staging: Path, written: Written) -> None:
        """At a checkpoint: begin with the files written so far, in the background."""

    def finish(self, staging: Path, written: Written) -> None:
        """Once every file is written: complete the work (starting it if no checkpoint
        did), raising what failed."""

    def abort(self) -> None:
        """The build failed: stop the work begun, before the staging folder is removed."""


@dataclass(frozen=True, slots=True)
class Spare:
    """The site published before the current one, kept to be updated in place into the next
    staging folder: only the files that differ are written, instead of the whole tree."""

    path: Path
    files: Written


def publish(
    files: Iterable[OutputFile | Checkpoint],
    out: Path,
    after: Sequence[Step] = (),
    before_swap: Callable[[int, Written], None] | None = None,
    spare: Spare | None = None,
) -> tuple[int, Written]:
    """Write every file under a staging folder (unchanged ones hard-linked from the current
    `out`, or already there when the staging folder is the `spare` site), run the `after`
    steps on it (search index; started at the checkpoints in `files`), call `before_swap`,
    then replace `out` with it; the replaced site becomes the next spare. Returns the
    number of files and what each one is."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    staging, held = _staging(out, spare)
    try:
        count, written = _write_all(files, staging, out, held, after)
        for step in after:
            step.finish(staging, written)
        if before_swap is not None:
            before_swap(count, written)
        _swap(staging, out, spare.path if spare is not None else None)
    except BaseException:
        for step in after:
            step.abort()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count, written


def _staging(out: Path, spare: Spare | None) -> tuple[Path, Written]:
    """The spare site moved beside `out` as the staging folder, else an empty one."""
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    if spare is None or not spare.path.is_dir():
        return staging, {}
    if not spare.files:  # a folder nobody knows the contents of
        shutil.rmtree(spare.path, ignore_errors=True)
        return staging, {}
    try:
        staging.rmdir()
        spare.path.rename(staging)
    except OSError:  # another file system: start from an empty folder
        staging.mkdir(exist_ok=True)
        return staging, {}
    return staging, spare.files


def _write_all(
    files: Iterable[OutputFile | Checkpoint],
    staging: Path,
    out: Path,
    held: Written,
    steps: Sequence[Step] = (),
) -> tuple[int, Written]:
    """Write files, refusing any path that would land outside the staging folder or twice;
    start the `steps` at a checkpoint; remove what the staging folder held that this build
    does not publish. Paths are handled as strings: pathlib's parsing cost about a second
    per 20,000 files."""
    written: Written = {}
    made: set[str] = set()
    for file in files:
        if isinstance(file, Checkpoint):
            for step in steps:
                step.start(staging, written)
            continue
        parts = _parts(file.path)
        if file.path in written:
            raise SitegenError(f"two pages want the same output file: {file.path}")
        written[file.path] = (file.key, file.search, file.sha256)
        if file.key and held.get(file.path, ("", "", ""))[0] == file.key:
            continue  # the staging folder already holds these bytes
        target = _join(staging, parts)
        folder = target.rpartition("/")[0]
        if folder not in made:
            Path(folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        if file.data is None:
            replace_with_link(_join(out, parts), target)
        else:
            replace_with_bytes(Path(target), file.data)
    for gone in held.keys() - written.keys():
        remove_file(staging, gone)
    return len(written), written


def _parts(path: str) -> tuple[str, ...]:
    """The parts of a relative output path; anything that could leave the folder is refused."""
    parts = tuple(part for part in path.split("/") if part not in ("", "."))
    if path.startswith("/") or ".." in parts or not parts:
        raise SitegenError(f"refusing to write outside the output folder: {path}")
    return parts


def _join(folder: Path, parts: tuple[str, ...]) -> str:
    """folder/parts as a string (a Path per file cost about a second per 20,000 files)."""
    return "/".join((str(folder), *parts))


def replace_with_bytes(target: Path, data: bytes) -> None:
    """A new file (never written through an existing one: it may be linked to the site)."""
    try:
        with target.open("xb") as stream:
            stream.write(data)
    except FileExistsError:
        aside = target.with_name(target.name + ".sitegen-new")
        aside.unlink(missing_ok=True)
        aside.write_bytes(data)
        aside.replace(target)


def replace_with_link(source: str | Path, target: str | Path) -> None:
    """`target` becomes a hard link to `source` (or a copy without hard links)."""
    try:
        link_or_copy(source, target)
    except FileExistsError:
        aside = Path(f"{target}.sitegen-new")
        aside.unlink(missing_ok=True)
        link_or_copy(source, aside)
        aside.replace(target)


def remove_file(folder: Path, relative: str) -> None:
    """Delete a file and the folders it leaves empty."""
    target = folder / relative
    target.unlink(missing_ok=True)
    for parent in target.parents:
        if parent == folder:
            break
        try:
            parent.rmdir()
        except OSError:
            break


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link (published files are never written through, only replaced, so sharing
    them is safe), or a copy where the file system has no hard links."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
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


def _swap(staging: Path, out: Path, spare: Path | None) -> None:
    """Rename the old tree away, the new one in, then keep the old one as the next spare
    (or delete it)."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    staging.rename(out)
    out.chmod(0o755)
    if old is None:
        return
    try:
        if spare is None:
            raise OSError("no spare wanted")
        spare.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(spare, ignore_errors=True)
        old.rename(spare)
    except OSError:
        shutil.rmtree(old, ignore_errors=True)
