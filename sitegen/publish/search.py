"""Full-text search with Pagefind (its binary ships in the `pagefind[bin]` wheel).

Bundles per language (`pagefind-<lang>/`, then `pagefind-<lang>-1/`… on a large archive,
see `sitegen/shards.py`), each indexing only that language's pages, so every language
keeps its own stemming: a bundle holding several languages is searched with one
language's analyser when merged in the browser. The staged site is indexed before it is
swapped in, so pages and index are always published together.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sitegen.cache import digest
from sitegen.errors import SitegenError
from sitegen.publish import Written, link_or_copy, remove_file, replace_with_link
from sitegen.shards import BUNDLE_PREFIX, bundle_of


@dataclass(frozen=True, slots=True)
class Bundles:
    """Search keys (bundle folder -> hash of its pages' bytes) of the published site and of
    the spare one (whose bundles are in the staging folder when it is updated in place)."""

    out: Path | None = None
    published: Mapping[str, str] = field(default_factory=dict)
    staged: Mapping[str, str] = field(default_factory=dict)
    mirrors: Path | None = None
    """Folder of the persistent per-bundle page mirrors Pagefind reads (None: temporary)."""
    shards: Mapping[str, int] = field(default_factory=dict)
    """Language -> number of bundles (1 when absent)."""


class SearchIndex:
    """The publish step writing the bundles of every language the site has indexed pages
    in. A bundle whose pages all kept their keys is kept (already staged, or linked from
    the published site); only changed bundles run Pagefind again."""

    def __init__(self, bundles: Bundles | None = None) -> None:
        self.bundles = bundles or Bundles()
        self.keys: dict[str, str] = {}
        """Bundle folder -> hash of its pages' paths and bytes, for the next build."""

    def __call__(self, staging: Path, written: Written) -> None:
        groups = self.groups(written)
        for name in sorted(set(self.bundles.staged) - set(groups)):
            if name.startswith(BUNDLE_PREFIX):
                shutil.rmtree(staging / name, ignore_errors=True)
        self._prune_mirrors(set(groups))
        runs: list[Callable[[], None]] = []
        stale: list[Path] = []
        for name, pages in sorted(groups.items()):
            self.keys[name] = digest(pages)
            runs += self._bundle(staging, name, pages, stale)
        # Pagefind runs of different bundles are independent: run them side by side, and
        # delete the replaced bundles meanwhile (thousands of unlinks took seconds here).
        sweeper = threading.Thread(target=_remove_all, args=(stale,))
        sweeper.start()
        try:
            workers = max(1, min(len(runs), os.cpu_count() or 1))
            with ThreadPoolExecutor(max_workers=workers) as threads:
                for future in [threads.submit(run) for run in runs]:
                    future.result()
        finally:
            sweeper.join()

    def groups(self, written: Written) -> dict[str, list[tuple[str, str]]]:
        """Bundle folder -> its pages (path, hash of the bytes), in path order."""
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for path, (_, language, sha256) in sorted(written.items()):
            if language:
                name = bundle_of(path, language, self.bundles.shards.get(language, 1))
                groups[name].append((path, sha256))
        return groups

    def _bundle(
        self, staging: Path, name: str, pages: list[tuple[str, str]], stale: list[Path]
    ) -> list[Callable[[], None]]:
        """Keep or link the bundle when its pages are unchanged, else return the Pagefind
        run that writes it; a replaced bundle is moved out of the staging folder into
        `stale` (named as a staging leftover, so a killed build's is removed next time)."""
        key, bundles = self.keys[name], self.bundles
        target = staging / name
        if bundles.staged.get(name) == key and target.is_dir():
            return []
        if target.is_dir():
            stale.append(target.rename(staging.with_name(f"{staging.name}-{name}")))
        old = bundles.out / name if bundles.out is not None else None
        if old is not None and old.is_dir() and bundles.published.get(name) == key:
            shutil.copytree(old, target, copy_function=link_or_copy)
            return []
        if bundles.mirrors is None:
            return [partial(index_language, staging, [p for p, _ in pages], target)]
        mirror = update_mirror(bundles.mirrors / name, staging, pages)
        return [partial(_run_pagefind, mirror, target)]

    def _prune_mirrors(self, names: set[str]) -> None:
        """Remove the mirrors of bundles the site no longer has (a shard count changed)."""
        mirrors = self.bundles.mirrors
        for entry in sorted(mirrors.iterdir()) if mirrors is not None and mirrors.is_dir() else []:
            if entry.name.removesuffix(".keys") not in names:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)


def _remove_all(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


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
