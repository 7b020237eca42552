"""Output files and the one job that turns a page's template and context into bytes.

A page's key is the hash of everything its bytes depend on (theme files, template name,
the whole context), so a page whose key matches the previous build's is not rendered
again: its file is linked from the published site.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from sitegen.render.environment import make_env

_LANG = re.compile(rb'<html[^>]*\slang="([A-Za-z-]+)"')
_INDEXED = b"data-pagefind-body"


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of the built site."""

    path: str
    """POSIX path relative to the output folder."""
    data: bytes | None
    """The bytes; None when the file is unchanged since the previous build (linked)."""
    key: str = ""
    """Hash of the page's inputs ("" for files that are always written)."""
    search: str = ""
    """Language of the search bundle that indexes this page ("" when not indexed)."""
    sha256: str = ""
    """Hash of the bytes of an indexed page: its search bundle is rebuilt only when the
    bytes of one of its pages changed, not whenever a key did."""
    source: str = ""
    """A file to copy the bytes from, when `data` is None and this is not the previous
    build's file (an editor's file, copied rather than read into memory)."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A mark in the stream of output files, for the publish steps that wait for it."""

    name: str
    bundles: frozenset[str] = frozenset()
    """The search bundles whose every page has been yielded before this mark (empty: the
    mark after the last page the search indexes)."""


SEARCHABLE_WRITTEN = Checkpoint("searchable-written")
"""Every page the search indexes has been yielded before this mark."""


@dataclass(frozen=True, slots=True)
class PageJob:
    """A page to render: its theme chain, output path, template, context and key."""

    dirs: tuple[Path, ...]
    path: str
    template: str
    context: dict[str, Any]
    key: str


@cache
def _env(dirs: tuple[Path, ...]) -> jinja2.Environment:
    """One environment per theme chain and process, so templates are compiled once."""
    return make_env(list(dirs))


def render_page(job: PageJob) -> OutputFile:
    """The page's bytes, with the search bundle it belongs to."""
    data = _env(job.dirs).get_template(job.template).render(job.context).encode("utf-8")
    language = search_language(data)
    sha256 = hashlib.sha256(data).hexdigest() if language else ""
    return OutputFile(job.path, data, job.key, language, sha256)


def search_language(data: bytes) -> str:
    """The primary language of a page marked for indexing ("" for pages search skips)."""
    found = _LANG.search(data[:2000])
    if not found or _INDEXED not in data:
        return ""
    return found.group(1).decode().split("-")[0].lower()
