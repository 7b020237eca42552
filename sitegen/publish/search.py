"""Full-text search with Pagefind (its binary ships in the `pagefind[bin]` wheel).

One bundle per language (`pagefind-<lang>/`), each indexing only that language's pages,
so every language keeps its own stemming: a bundle holding several languages is searched
with one language's analyser when merged in the browser. The staged site is indexed
before it is swapped in, so pages and index are always published together.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from sitegen.errors import SitegenError

BUNDLE_PREFIX = "pagefind-"
_LANG = re.compile(rb'<html[^>]*\slang="([A-Za-z-]+)"')
_INDEXED = b"data-pagefind-body"


def pages_by_language(site: Path) -> dict[str, list[Path]]:
    """Pages marked for indexing, grouped by their <html lang>."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for page in sorted(site.rglob("*.html")):
        data = page.read_bytes()
        found = _LANG.search(data[:2000])
        if found and _INDEXED in data:
            groups[found.group(1).decode().split("-")[0].lower()].append(page)
    return dict(groups)


def index_site(staging: Path) -> None:
    """Write `pagefind-<lang>/` into the staged site for every language it has pages in."""
    for language, pages in sorted(pages_by_language(staging).items()):
        with tempfile.TemporaryDirectory(prefix="sitegen-search-") as scratch:
            for page in pages:
                target = Path(scratch) / page.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(page, target)
            _run_pagefind(Path(scratch), staging / f"{BUNDLE_PREFIX}{language}")


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _run_pagefind(site: Path, output: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--silent",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SitegenError(f"search indexing failed: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SitegenError(f"search indexing failed: {detail[-1] if detail else result.returncode}")
