"""Full-text search with Pagefind (its binary ships in the `pagefind[bin]` wheel).

One bundle per language (`pagefind-<lang>/`), each indexing only that language's pages,
so every language keeps its own stemming: a bundle holding several languages is searched
with one language's analyser when merged in the browser. The staged site is indexed
before it is swapped in, so pages and index are always published together.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sitegen.cache import digest
from sitegen.errors import SitegenError
from sitegen.publish import Written, link_or_copy, remove_file, replace_with_link

BUNDLE_PREFIX = "pagefind-"


@dataclass(frozen=True, slots=True)
class Bundles:
    """Search keys (language -> hash of its pages' bytes) of the published site and of the
    spare one (whose bundles are in the staging folder when it is updated in place)."""

    out: Path | None = None
    published: Mapping[str, str] = field(default_factory=dict)
    staged: Mapping[str, str] = field(default_factory=dict)
    mirrors: Path | None = None
    """Folder of the persistent per-language page mirrors Pagefind reads (None: temporary)."""


class SearchIndex:
    """The publish step writing `pagefind-<lang>/` for every language the site has indexed
    pages in. A language whose pages all kept their keys keeps its bundle (already staged,
    or linked from the published site); only changed languages run Pagefind again."""

    def __init__(self, bundles: Bundles | None = None) -> None:
        self.bundles = bundles or Bundles()
        self.keys: dict[str, str] = {}
        """Language -> hash of its pages' paths and bytes, for the next build."""

    def __call__(self, staging: Path, written: Written) -> None:
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for path, (_, language, sha256) in sorted(written.items()):
            if language:
                groups[language].append((path, sha256))
        for language in sorted(set(self.bundles.staged) - set(groups)):
            shutil.rmtree(staging / f"{BUNDLE_PREFIX}{language}", ignore_errors=True)
        runs: list[Callable[[], None]] = []
        for language, pages in sorted(groups.items()):
            self.keys[language] = digest(pages)
            runs += self._bundle(staging, language, pages)
        # Pagefind runs of different languages are independent: run them side by side.
        with ThreadPoolExecutor(max_workers=max(1, len(runs))) as threads:
            for future in [threads.submit(run) for run in runs]:
                future.result()

    def _bundle(
        self, staging: Path, language: str, pages: list[tuple[str, str]]
    ) -> list[Callable[[], None]]:
        """Keep or link the language's bundle when its pages are unchanged, else return the
        Pagefind run that writes it."""
        key, bundles = self.keys[language], self.bundles
        target = staging / f"{BUNDLE_PREFIX}{language}"
        if bundles.staged.get(language) == key and target.is_dir():
            return []
        shutil.rmtree(target, ignore_errors=True)
        old = bundles.out / target.name if bundles.out is not None else None
        if old is not None and old.is_dir() and bundles.published.get(language) == key:
            shutil.copytree(old, target, copy_function=link_or_copy)
            return []
        if bundles.mirrors is None:
            return [partial(index_language, staging, [p for p, _ in pages], target)]
        mirror = update_mirror(bundles.mirrors / language, staging, pages)
        return [partial(_run_pagefind, mirror, target)]


def index_language(staging: Path, pages: list[str], output: Path) -> None:
    """One bundle from the given pages, indexed through hard links in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as scratch:
        for page in pages:
            target = Path(scratch) / page
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(staging / page, target)
        _run_pagefind(Path(scratch), output)


def update_mirror(folder: Path, staging: Path, pages: list[tuple[str, str]]) -> Path:
    """A language's pages as Pagefind reads them, kept between builds and updated by hash:
    relinking thousands of unchanged pages every build cost more than indexing them.
    Its key list is removed while it changes, so a killed update is redone from scratch."""
    keys_file = folder.with_name(folder.name + ".keys")
    try:
        held: dict[str, str] = json.loads(keys_file.read_text("utf-8"))
    except (OSError, ValueError):
        shutil.rmtree(folder, ignore_errors=True)
        held = {}
    keys_file.unlink(missing_ok=True)
    wanted = dict(pages)
    for path in held.keys() - wanted.keys():
        remove_file(folder, path)
    for path, key in pages:
        if held.get(path) != key:
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            replace_with_link(staging / path, target)
    keys_file.write_text(json.dumps(wanted, sort_keys=True), "utf-8")
    return folder


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
