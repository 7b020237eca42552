"""Full-text search with Pagefind (its binary ships in the `pagefind[bin]` wheel).

One bundle per language (`pagefind-<lang>/`), each indexing only that language's pages,
so every language keeps its own stemming: a bundle holding several languages is searched
with one language's analyser when merged in the browser. The staged site is indexed
before it is swapped in, so pages and index are always published together.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from sitegen.cache import digest
from sitegen.errors import SitegenError
from sitegen.publish import Written, link_or_copy

BUNDLE_PREFIX = "pagefind-"


class SearchIndex:
    """The publish step writing `pagefind-<lang>/` for every language the site has indexed
    pages in. A language whose pages all have the keys they had in the previous build keeps
    its previous bundle (linked from `out`); only changed languages run Pagefind again."""

    def __init__(self, out: Path | None = None, previous: Mapping[str, str] | None = None):
        self.out = out
        self.previous = previous or {}
        self.keys: dict[str, str] = {}
        """Language -> hash of its pages' keys, for the next build."""

    def __call__(self, staging: Path, written: Written) -> None:
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for path, (key, language) in sorted(written.items()):
            if language:
                groups[language].append((path, key))
        for language, pages in sorted(groups.items()):
            self.keys[language] = digest(pages)
            bundle = f"{BUNDLE_PREFIX}{language}"
            old = self.out / bundle if self.out is not None else None
            same = self.previous.get(language) == self.keys[language]
            if old is not None and old.is_dir() and same:
                shutil.copytree(old, staging / bundle, copy_function=link_or_copy)
            else:
                index_language(staging, [p for p, _ in pages], staging / bundle)


def index_language(staging: Path, pages: list[str], output: Path) -> None:
    """One bundle from the given pages, indexed through hard links in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as scratch:
        for page in pages:
            target = Path(scratch) / page
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(staging / page, target)
        _run_pagefind(Path(scratch), output)


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
