"""Publish: write the site into a staging folder beside public/, swap it in only on success.

A build that fails or is killed leaves the previous public/ complete: the old tree is
only renamed away once the new one is fully written, then kept as the spare site that
the next build updates in place (or removed).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sitegen.errors import SitegenError
from sitegen.render import Checkpoint, OutputFile
from sitegen.trees import Linking, link_or_copy, remove_later

Written = dict[str, tuple[str, str, str]]
"""Output path -> (page key or "", search language, hash of an indexed page's bytes) of
every file a build published."""


class Step(Protocol):
    """Work on the staged site after it is written (the search index), which may begin at
    a checkpoint in the stream of files and go on while the rest is written."""

    def start(self, staging: Path, written: Written, bundles: frozenset[str]) -> None:
        """At a checkpoint: begin with the files written so far, in the background (with
        `bundles`, only the search bundles whose pages are all written)."""

    def finish(self, staging: Path, written: Written) -> None:
        """Once every file is written: complete the work (starting it if no checkpoint
        did), raising what failed."""

    def abort(self) -> None:
        """The build failed: stop the work begun, before the staging folder is removed."""


@dataclass(frozen=True, slots=True)
class Spare:
    """The site published before the current one, kept to be updated in place into the next
    staging folder: only the files that differ are written, instead of the whole tree.
    With no `files` its contents are unknown (it was the site a cold build replaced)."""

    path: Path
    files: Written


@dataclass(slots=True)
class Staging:
    """The folder a build writes its site into, prepared before the build loads anything
    (see `prepare`): what it holds, where the replaced site goes, and the child process
    still linking the published site into it."""

    path: Path
    held: Written
    origin: str
    """"spare" (the spare site), "published" (a copy of `out` being linked) or "" (empty)."""
    spare: Path | None
    """Where the replaced site is kept as the next spare (None: it is removed)."""
    linking: Linking | None = None

    def ready(self) -> Written:
        """What the folder holds, once the copy of the published site is complete; if the
        copy failed, the folder is emptied and holds nothing."""
        if self.linking is not None:
            done, self.linking = self.linking.wait(), None
            if not done:
                shutil.rmtree(self.path, ignore_errors=True)
                self.path.mkdir(exist_ok=True)
                self.held, self.origin = {}, ""
        return self.held

    def discard(self) -> None:
        """The build failed: stop the copy and remove the folder."""
        if self.linking is not None:
            self.linking.stop()
            self.linking = None
        shutil.rmtree(self.path, ignore_errors=True)


def prepare(
    out: Path,
    spare: Spare | None = None,
    published: Written | None = None,
    folders: Iterable[str] = (),
) -> Staging:
    """The staging folder beside `out`, after `recover`: the spare site moved there when
    its contents are known; else, given the `published` files of `out`, a hard-linked copy
    of them and of its whole `folders` (the search bundles) begun by a child process, to be
    ready when the first page is written; else an empty folder. A spare of unknown
    contents (and any such spare a killed removal left) is removed by a child process.

    The first rebuild after a cold build has no spare: it used to link the whole site
    into a new folder once rendering began (12,000 folders at 10,000 articles), and the
    first one after an upgrade removed the old spare first (14 s here).
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    place = spare.path if spare is not None else None
    if spare is not None:
        _remove_old(spare.path, keep=bool(spare.files))
        if spare.files and spare.path.is_dir() and _moved(spare.path, staging):
            return Staging(staging, spare.files, "spare", place)
    if published is None or not out.is_dir():
        return Staging(staging, {}, "", place)
    entries = [
        *sorted(published),
        *(f"{name}/" for name in sorted(folders) if (out / name).is_dir()),
    ]
    return Staging(staging, dict(published), "published", place, Linking(out, staging, entries))


def _moved(spare: Path, staging: Path) -> bool:
    """Move the spare site into the staging folder's place (False across file systems)."""
    try:
        staging.rmdir()
        spare.rename(staging)
    except OSError:
        staging.mkdir(exist_ok=True)
        return False
    return True


def _remove_old(spare: Path, keep: bool) -> None:
    """Removals in child processes: the spare, renamed aside, unless `keep`; and spares
    renamed aside before whose removal was stopped (the machine went down)."""
    if not keep and spare.is_dir():
        aside = Path(tempfile.mkdtemp(prefix=f"{spare.name}.removing-", dir=spare.parent))
        aside.rmdir()
        spare.rename(aside)
    for leftover in sorted(spare.parent.glob(f"{spare.name}.removing-*")):
        remove_later(leftover)


def publish(
    files: Iterable[OutputFile | Checkpoint],
    out: Path,
    after: Sequence[Step] = (),
    before_swap: Callable[[int, Written], None] | None = None,
    staging: Staging | None = None,
) -> tuple[int, Written]:
    """Write every file under the staging folder (unchanged ones hard-linked from the
    current `out`, or already there when it holds them), run the `after` steps on it
    (search index; started at the checkpoints in `files`), call `before_swap`, then replace
    `out` with it; the replaced site becomes the next spare. Returns the number of files
    and what each one is."""
    out = out.resolve()
    staging = staging or prepare(out)
    try:
        count, written = _write_all(files, staging, out, after)
        for step in after:
            step.finish(staging.path, written)
        if before_swap is not None:
            before_swap(count, written)
        _swap(staging.path, out, staging.spare)
    except BaseException:
        for step in after:
            step.abort()
        staging.discard()
        raise
    return count, written


def _write_all(
    files: Iterable[OutputFile | Checkpoint],
    stage: Staging,
    out: Path,
    steps: Sequence[Step] = (),
) -> tuple[int, Written]:
    """Write files, refusing any path that would land outside the staging folder or twice;
    start the `steps` at a checkpoint; remove what the staging folder held that this build
    does not publish. The folder is only touched once the first file is rendered, so a copy
    still being linked into it goes on meanwhile. Paths are handled as strings: pathlib's
    parsing cost about a second per 20,000 files."""
    written: Written = {}
    made: set[str] = set()
    staging, held = stage.path, None
    for file in files:
        held = stage.ready() if held is None else held
        if isinstance(file, Checkpoint):
            for step in steps:
                step.start(staging, written, file.bundles)
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
        if file.data is not None:
            replace_with_bytes(Path(target), file.data)
        elif file.source:
            replace_with_copy(file.source, target)
        else:
            replace_with_link(_join(out, parts), target)
    for gone in stage.ready().keys() - written.keys():
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


def replace_with_copy(source: str, target: str) -> None:
    """`target` becomes a copy of `source` (a file of the editors', never linked to it:
    one written in place would change the published site unbuilt)."""
    aside = Path(f"{target}.sitegen-new")
    aside.unlink(missing_ok=True)
    try:
        shutil.copyfile(source, aside)
    except OSError as exc:
        aside.unlink(missing_ok=True)
        raise SitegenError(f"{source}: cannot be copied ({exc.strerror or exc})") from None
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
