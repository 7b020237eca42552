"""Files a person put into the output folder by hand (a `CNAME`, a verification page, the
`.git` of a gh-pages worktree): a build publishes them again instead of dropping them.

The files the last build wrote are sitegen's (its manifest lists them); anything else in
the output folder is someone's. It is linked into the new site before the swap, reported
(its place is `content/static/`, which every build publishes), and removed from the
replaced site after it, so a build killed at any point leaves it in one of the two.

Finding it must not cost a rebuild a walk of the whole site (35,000 files at 10,000
articles: 0.3 s warm, 4 s cold): a folder's modification time changes when an entry is
added to it or removed, so only the site's folders changed since the last build wrote into
it are listed. That time and the entries kept are a small record beside the versioned
cache, so they outlive an upgrade (whose first build has no manifest: the folders the new
site writes are listed instead). Without a record (a first build, or `--no-cache`) only
the top level can be told apart: there a name the site does not use is someone's, while an
unknown file deeper in the site's own folders is taken for a page an older build left.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import time
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.errors import SitegenError
from sitegen.shards import BUNDLE_PREFIX
from sitegen.trees import collides, folders_of, link_or_copy
from sitegen.urls import TERM_KINDS

if TYPE_CHECKING:
    from sitegen.publish import Written

SITE_NAMES = frozenset(
    {
        *("articles", "annotations", "archive", "captures", "search", "static"),
        *TERM_KINDS,
        *("index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", ".nojekyll"),
        "annotations.jsonld",
    }
)
"""The top-level names a site of any sitegen version writes (DESIGN.md's URLs)."""


class Keeper:
    """Carries someone's entries from the output folder into the staged site, given the
    record file (None: no cache) and the files the published build wrote (None: unknown)."""

    def __init__(self, record: Path | None, files: Collection[str] | None) -> None:
        self.record, self.files = record, files
        self.kept: list[str] = []
        """Relative paths of the entries carried into the new site, sorted."""
        self._taken: list[str] = []
        """Those now published by the site itself (the same bytes), not carried."""
        self._written_ns = 0

    def carry(self, out: Path, staging: Path, written: Written) -> None:
        """Link someone's entries of `out` into `staging` (the last step before the swap);
        one where the new site writes other bytes (or needs a folder) fails the build,
        before anything is replaced."""
        if out.is_dir():
            folders = folders_of(written)
            found: list[str] = []
            for path in sorted(self._foreign(out, written)):
                self._sort_out(out, staging, path, (written, folders), found)
            for path in found:
                _link_entry(out / path, staging / path)
            self.kept = found
        self._written_ns = time.time_ns()

    def forget(self, spare: Path | None) -> None:
        """After the swap: remove the carried entries from the replaced site, kept as the
        spare that the next build updates (it must hold only sitegen's files), and write
        the record."""
        try:
            for path in [*self.kept, *self._taken]:
                if spare is not None:
                    _remove_entry(spare / path)
            if self.record is not None:
                state = {"kept": self.kept, "written_ns": self._written_ns}
                aside = self.record.with_name(self.record.name + ".new")
                aside.parent.mkdir(parents=True, exist_ok=True)
                aside.write_text(json.dumps(state), "utf-8")
                aside.replace(self.record)
        except OSError:
            # The site is published: an older record only makes the next build list more
            # folders; an entry left in the spare is published again by the build that
            # updates it (if someone deleted it from public/ meanwhile, it comes back once).
            return

    def warnings(self, out: Path) -> list[str]:
        return [
            f"{out / path}: not written by sitegen; kept (put it in content/static/ to "
            "publish it with every build)"
            for path in self.kept
        ]

    def _foreign(self, out: Path, written: Written) -> Iterator[str]:
        """The entries of `out` that are someone's: see the module's docstring."""
        state = self._read()
        if state is None:
            tops = {path.split("/", 1)[0] for path in written}
            top = sorted(entry.name for entry in out.iterdir())
            yield from (n for n in top if not (_site_name(n) or n in tops))
            return
        kept, since = state
        yield from (path for path in kept if os.path.lexists(out / path))
        files = set(written if self.files is None else self.files)
        folders = folders_of(files)
        base = str(out)
        for folder in ("", *folders):  # (the paths found are sorted by `carry`)
            where = f"{base}/{folder}"  # strings: a Path per folder cost 0.1 s at 10,000
            try:
                if os.stat(where).st_mtime_ns <= since:  # noqa: PTH116  (strings, see above)
                    continue
                names = os.listdir(where)  # noqa: PTH208  (strings, see above)
            except OSError:
                continue
            for name in names:
                path = f"{folder}/{name}" if folder else name
                bundle = not folder and name.startswith(BUNDLE_PREFIX)  # not in `files`
                mine = path in files or path in folders or bundle
                if not mine and path not in kept:
                    yield path

    def _read(self) -> tuple[set[str], int] | None:
        """The record's kept entries and write time, or None without one."""
        if self.record is None:
            return None
        try:
            state = json.loads(self.record.read_text("utf-8"))
            return {str(p) for p in state["kept"]}, int(state["written_ns"])
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def _sort_out(
        self,
        out: Path,
        staging: Path,
        path: str,
        site: tuple[Written, set[str]],
        found: list[str],
    ) -> None:
        """Add `path` to `found` unless the new site writes it with the same bytes (an
        entry moved to content/static/); a folder the site writes into is sorted out entry
        by entry."""
        written, folders = site
        source = out / path
        if path in folders and source.is_dir() and not source.is_symlink():
            for name in sorted(entry.name for entry in source.iterdir()):
                self._sort_out(out, staging, f"{path}/{name}", site, found)
        elif path in written and _same_file(source, staging / path):
            self._taken.append(path)
        elif collides(path, written, folders):
            raise SitegenError(
                f"{source}: not written by sitegen, and the site now writes that path;"
                " move it away (to content/static/ to publish it) and build again"
            )
        else:
            found.append(path)


def _site_name(name: str) -> bool:
    """Whether a top-level name is the site's (or its search bundles')."""
    return name in SITE_NAMES or name.startswith(BUNDLE_PREFIX)


def _same_file(ours: Path, theirs: Path) -> bool:
    try:
        return filecmp.cmp(ours, theirs, shallow=False)
    except OSError:
        return False


def _link_entry(source: Path, target: Path) -> None:
    """A hard-linked copy of a file, link or folder (whatever was there is replaced)."""
    _remove_entry(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if source.is_symlink():
            target.symlink_to(source.readlink())
        elif source.is_dir():
            shutil.copytree(source, target, symlinks=True, copy_function=link_or_copy)
        else:
            link_or_copy(source, target)
    except OSError as exc:
        raise SitegenError(f"{source}: could not be kept in the new site ({exc})") from None


def _remove_entry(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        path.unlink()
