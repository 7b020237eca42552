"""The editors' own files (`content/static/`): published at the site root as they are.

A custom domain's `CNAME`, a favicon, a search engine's verification page, a PDF an
annotation links to: files the archive serves but does not generate, kept under version
control beside the articles (the output folder is rebuilt, and on GitHub Pages built from
scratch). They come after every generated file, so a path the site writes itself, or one
of its search bundles, is reported and left out rather than replaced.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from sitegen.cache import digest
from sitegen.render.output import Checkpoint, OutputFile
from sitegen.shards import BUNDLE_PREFIX
from sitegen.trees import collides, folders_of


def with_extras(
    files: Iterable[OutputFile | Checkpoint],
    folder: Path,
    previous: Mapping[str, tuple[str, str, str]],
    errors: list[str],
) -> Iterator[OutputFile | Checkpoint]:
    """`files`, then each file under `folder` that takes no generated path (those that
    would are added to `errors`); one unchanged since the published build is linked."""
    taken: set[str] = set()
    for file in files:
        if isinstance(file, OutputFile):
            taken.add(file.path)
        yield file
    if not folder.is_dir():
        return
    folders = folders_of(taken)
    root = folder.resolve()
    for source in sorted(folder.rglob("*")):
        path = source.relative_to(folder).as_posix()
        if not source.exists() or (source.is_dir() and source.resolve().is_relative_to(root)):
            continue  # (a link to a folder inside is not followed: its files are there)
        problem = _problem(source, path, root, taken, folders)
        if problem:
            errors.append(f"{source}: {problem}; not published")
            continue
        stat = source.stat()
        key = digest("extra", path, stat.st_size, stat.st_mtime_ns)
        unchanged = previous.get(path, ("", "", ""))[0] == key
        yield OutputFile(path, None, key, source="" if unchanged else str(source))


def _problem(source: Path, path: str, root: Path, taken: set[str], folders: set[str]) -> str:
    """Why `source` cannot be published as `path` ("" when it can)."""
    if not source.resolve().is_relative_to(root):  # it or a folder above it links out
        return "a link to outside the folder"
    if path.split("/", 1)[0].startswith(BUNDLE_PREFIX):
        return f"the search index owns the folders named {BUNDLE_PREFIX}*"
    if collides(path, taken, folders):
        return "the site writes this path itself"
    if not os.access(source, os.R_OK):
        return "not readable"
    return ""
