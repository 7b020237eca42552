"""Full-text search with Pagefind (its binary ships in the `pagefind[bin]` wheel).

Bundles per language (`pagefind-<lang>/`, then `pagefind-<lang>-1/`… on a large archive,
see `sitegen/shards.py`), each indexing only that language's pages, so every language
keeps its own stemming: a bundle holding several languages is searched with one
language's analyser when merged in the browser. The staged site is indexed before it is
swapped in, so pages and index are always published together.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from subprocess import PIPE

from sitegen.cache import digest
from sitegen.errors import SitegenError
from sitegen.publish import Written, remove_file, replace_with_link
from sitegen.runtime import FORKING
from sitegen.shards import BUNDLE_PREFIX, bundle_of
from sitegen.trees import link_or_copy

PAGEFIND_TIMEOUT = 600
"""Seconds one bundle may take to index (about 6 s for 5,000 pages here)."""


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
    the published site); only changed bundles run Pagefind again, in the background while
    the other pages are written: from the checkpoint after an edited article's bundle
    (rendered first), or else after the last indexed page."""

    def __init__(self, bundles: Bundles | None = None) -> None:
        self.bundles = bundles or Bundles()
        self.keys: dict[str, str] = {}
        """Bundle folder -> hash of its pages' paths and bytes, for the next build."""
        self._running: list[Future[None]] = []
        self._cores = max(1, os.cpu_count() or 1)
        self._threads = ThreadPoolExecutor(max_workers=self._cores)
        self._slots = threading.Semaphore(1)
        """Pagefind runs at a time: one while pages are still being written, then one a
        core (`_widen`). Each run held about 230 MB; two beside the build and its busy
        workers made the peak of a 100,000-article build, and a second run only took
        cores from the page writing then."""
        self._widened = False
        self._sweeper: threading.Thread | None = None
        self._pagefind = _Processes()
        self._indexed_at_start = -1
        """Indexed pages written when the checkpoint started the bundles (-1: not yet)."""
        self._pages: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._seen = 0

    def start(self, staging: Path, written: Written, bundles: frozenset[str] = frozenset()) -> None:
        """Begin the `bundles`, whose pages are all written; with none named, every bundle
        not begun yet (every indexed page is written). A bundle whose pages changed after
        it began (none should) is indexed again once the runs under way are done."""
        groups = self._collect(written)
        if bundles:
            self._launch(staging, {name: sorted(groups[name]) for name in bundles & groups.keys()})
            return
        self._indexed_at_start = _indexed(written)
        for name in sorted(set(self.bundles.staged) - set(groups)):
            if name.startswith(BUNDLE_PREFIX):
                shutil.rmtree(staging / name, ignore_errors=True)
        self._prune_mirrors(set(groups))
        pages = {name: sorted(held) for name, held in groups.items()}
        again = {
            name
            for name in pages.keys() & self.keys.keys()
            if self.keys[name] != digest(pages[name])
        }
        if again:
            self._wait()
        self._launch(staging, {n: p for n, p in pages.items() if n not in self.keys or n in again})

    def _collect(self, written: Written) -> dict[str, list[tuple[str, str]]]:
        """Bundle folder -> its pages written so far (path, hash of the bytes), reading only
        the pages written since the last checkpoint."""
        for path, (_, language, sha256) in islice(written.items(), self._seen, None):
            if language:
                name = bundle_of(path, language, self.bundles.shards.get(language, 1))
                self._pages[name].append((path, sha256))
        self._seen = len(written)
        return self._pages

    def finish(self, staging: Path, written: Written) -> None:
        """Wait for the bundles begun at the checkpoint; index any bundle whose pages
        changed since (none should: every indexed page comes before it, and a written
        page is never replaced, so an unchanged count of indexed pages means none did)."""
        if self._indexed_at_start < 0:
            self.start(staging, written)
        self._widen()
        try:
            self._wait()
            if _indexed(written) != self._indexed_at_start:
                groups = {name: sorted(held) for name, held in self._collect(written).items()}
                changed = {n: p for n, p in groups.items() if self.keys.get(n) != digest(p)}
                self._launch(staging, changed)
                self._wait()
        finally:
            self._threads.shutdown()

    def abort(self) -> None:
        self._pagefind.stop()
        self._widen()  # the queued runs, refused at once, must not wait for one another
        for future in self._running:
            future.cancel()
        self._threads.shutdown(wait=True)
        if self._sweeper is not None:
            self._sweeper.join()

    def _launch(self, staging: Path, groups: dict[str, list[tuple[str, str]]]) -> None:
        """Start Pagefind for each changed bundle, side by side (runs of different bundles
        are independent), and delete the replaced bundles meanwhile (thousands of unlinks
        took seconds here)."""
        stale: list[Path] = []
        for name, pages in sorted(groups.items()):
            self.keys[name] = digest(pages)
            runs = self._bundle(staging, name, pages, stale)
            self._running += [self._threads.submit(self._gated, run) for run in runs]
        if self._sweeper is not None:
            self._sweeper.join()
        self._sweeper = threading.Thread(target=_remove_all, args=(stale,))
        self._sweeper.start()

    def _gated(self, run: Callable[[], None]) -> None:
        with self._slots:
            run()

    def _widen(self) -> None:
        """Every page is written: let the waiting runs take every core."""
        if not self._widened:
            self._widened = True
            for _ in range(self._cores - 1):
                self._slots.release()

    def _wait(self) -> None:
        try:
            for future in self._running:
                future.result()
        finally:
            self._running = []
            if self._sweeper is not None:
                self._sweeper.join()

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
            paths = [p for p, _ in pages]
            return [partial(index_language, staging, paths, target, self._pagefind)]
        mirror = update_mirror(bundles.mirrors / name, staging, pages)
        return [partial(self._pagefind.index, mirror, target)]

    def _prune_mirrors(self, names: set[str]) -> None:
        """Remove the mirrors of bundles the site no longer has (a shard count changed)."""
        mirrors = self.bundles.mirrors
        for entry in sorted(mirrors.iterdir()) if mirrors is not None and mirrors.is_dir() else []:
            if entry.name.removesuffix(".keys") not in names:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)


def _indexed(written: Written) -> int:
    """How many written pages the search indexes (those with a search language)."""
    return sum(1 for _, language, _ in written.values() if language)


def _remove_all(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def index_language(
    staging: Path, pages: list[str], output: Path, pagefind: _Processes | None = None
) -> None:
    """One bundle from the given pages, indexed through hard links in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as scratch:
        for page in pages:
            target = Path(scratch) / page
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(staging / page, target)
        (pagefind or _Processes()).index(Path(scratch), output)


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


@functools.cache
def pagefind_command() -> tuple[str, ...]:
    """The Pagefind binary that `python -m pagefind` would run (PAGEFIND_BINARY_PATH, else
    the `pagefind[bin]` wheel's), run directly: going through Python cost 48 ms a run,
    on an edit's critical path."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return (override,)
    try:
        from pagefind_bin import get_executable  # noqa: PLC0415  # only when indexing

        return (str(get_executable().absolute()),)
    except (ImportError, OSError):  # OSError: the wheel holds no binary for this machine
        return (sys.executable, "-m", "pagefind")


class _Processes:
    """Pagefind runs, held while they run so a failed build can stop them instead of
    leaving them writing into a staging folder it removes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._live: set[subprocess.Popen[str]] = set()
        self._stopped = False

    def index(self, site: Path, output: Path) -> None:
        """Pagefind indexes the pages under `site` into the bundle folder `output`."""
        command = [*pagefind_command(), "--site", str(site)]
        command += ["--output-path", str(output), "--silent"]
        try:
            returncode, detail = self._run(command)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SitegenError(f"search indexing failed: {exc}") from None
        if returncode != 0:
            raise SitegenError(f"search indexing failed: {detail or returncode}")

    def _run(self, command: list[str]) -> tuple[int, str]:
        """Exit status and last line of output of one run."""
        with self._lock, FORKING:
            if self._stopped:
                raise OSError("the build stopped")
            process = subprocess.Popen(command, stdout=PIPE, stderr=PIPE, text=True)
            self._live.add(process)
        try:
            out, err = process.communicate(timeout=PAGEFIND_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
        finally:
            with self._lock:
                self._live.discard(process)
        lines = (err or out).strip().splitlines()
        return process.returncode, lines[-1] if lines else ""

    def stop(self) -> None:
        """Kill the runs under way and refuse new ones."""
        with self._lock:
            self._stopped = True
            for process in self._live:
                process.kill()
