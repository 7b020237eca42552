"""Which captures a run must ingest: cheap to ask (file hashes against the ledger), so a
build with nothing new never imports the cleaner (trafilatura, numpy: 0.3 s)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sitegen.cache import BuildCache, digest, sha256_file
from sitegen.config import SiteConfig
from sitegen.ingest.write import Ledger
from sitegen.models import Removal

CAPTURE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".html.gz", ".htm.gz", ".md", ".markdown")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one capture, for the report."""

    seed: str
    status: str
    """ingested | unchanged | skipped | kept-edited | error"""
    slug: str = ""
    removed: tuple[Removal, ...] = ()
    review: tuple[str, ...] = ()
    message: str = ""
    warnings: tuple[str, ...] = ()
    """What ingest changed in the capture's text (NULs dropped, mojibake repaired)."""


def discover(seeds_dir: Path) -> list[Path]:
    """Capture files under `seeds_dir`, sorted, hidden files left out."""
    if not seeds_dir.is_dir():
        return []
    found = [
        p
        for p in seeds_dir.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(seeds_dir).parts)
        and p.name.lower().endswith(CAPTURE_SUFFIXES)
    ]
    return sorted(found)


def pending(
    config: SiteConfig,
    paths: Sequence[Path] = (),
    force: bool = False,
    cache: BuildCache | None = None,
    ledger: Ledger | None = None,
) -> tuple[list[Path], list[Outcome]]:
    """Captures to ingest (`paths`, default every capture in seeds/), and outcomes for the
    others: `skipped` when already in content/ (by the `ledger`, read when not given),
    `error` when unreadable. A capture's hash comes from the build `cache` while its size
    and time are unchanged (every build asks, and hashing every capture of an archive
    took about a second per 500 MB)."""
    ledger = ledger if ledger is not None else Ledger.load(config.content)
    done = {entry.get("origin") for entry in ledger.entries.values()}
    return _select(paths or discover(config.seeds), done, force, cache or BuildCache(None))


def _select(
    paths: Sequence[Path], done: set[str | None], force: bool, cache: BuildCache
) -> tuple[list[Path], list[Outcome]]:
    """Captures to ingest, and `skipped` outcomes for those already in content/."""
    todo: list[Path] = []
    skipped: list[Outcome] = []
    for path in paths:
        try:
            stat = path.stat()
            key = digest(str(path), stat.st_size, stat.st_mtime_ns)
            sha = cache.memo("capture_hashes", key, partial(sha256_file, path))
        except OSError as exc:
            skipped.append(
                Outcome(str(path), "error", message=f"{path}: cannot read: {exc.strerror}")
            )
            continue
        if sha in done and not force:
            skipped.append(Outcome(str(path), "skipped", message="already ingested"))
        else:
            todo.append(path)
    return todo, skipped
