"""build: ingest new captures, load, link, render, publish: one call per stage.

Every stage reads and fills the build cache (`.sitegen-cache/` under the root), so a
rebuild only redoes the work whose inputs changed, and a build whose input files are all
unchanged since the published one does nothing at all.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from sitegen.annotations import load_editors, load_notes
from sitegen.cache import BuildCache, digest, file_digest, tree_stamp
from sitegen.config import SiteConfig
from sitegen.executor import ExecutorSpec, Pool, open_pool
from sitegen.ingest.pending import Outcome, pending
from sitegen.link import Linking, link, prime_texts
from sitegen.link.models import Site
from sitegen.load import load_articles
from sitegen.publish import Spare, Staging, Step, Written, prepare, publish
from sitegen.publish.keep import Keeper
from sitegen.publish.manifest import Manifest, commit, load_manifest, present, write_aside
from sitegen.publish.search import Bundles, SearchIndex
from sitegen.render import Checkpoint, Engine, OutputFile, render_site, search_shards
from sitegen.render.bodies import aliases_for
from sitegen.render.environment import theme_dirs
from sitegen.render.extras import with_extras

T = TypeVar("T")
PROGRESS_FROM = 500


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to build: where per-article work runs, and whether to use the build cache."""

    executor: ExecutorSpec = field(default_factory=ExecutorSpec)
    cache: bool = True
    own_process: bool = False
    """The build is all its process does (the command line): it may lower its priority
    for good (see `YieldToSearch`), which a long-lived caller (serve, tests) must not."""


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What the build did, for the summary line and the exit status."""

    ingested: list[Outcome]
    articles: int
    files: int
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    unchanged: bool = False
    """True when no input changed since the published build (nothing was written)."""


def build(config: SiteConfig, root: Path, options: BuildOptions | None = None) -> BuildReport:
    """The whole pipeline; bad articles are reported and skipped, the rest is published."""
    started = time.perf_counter()
    options = options or BuildOptions()
    cache = BuildCache(root if options.cache else None)
    previous = load_manifest(cache, config.out)
    stamp = input_stamp(config, root) if previous is not None else None
    if previous is not None and previous.stamp == stamp:
        return _unchanged(previous, time.perf_counter() - started)
    published = present(previous, config.out) if previous else {}
    staging = _staging(config, cache, previous, published)
    before = _Before(previous, stamp, published, staging, options.own_process)
    try:
        with open_pool(options.executor) as pool:
            report = _full_build(config, root, cache, pool, before)
    except BaseException:
        before.staging.discard()
        raise
    return replace(report, seconds=time.perf_counter() - started)


@dataclass(frozen=True, slots=True)
class _Before:
    """What a build starts from: the last build's manifest, the inputs' stamp taken before
    ingest (None without a last build; taking it costs 0.3 s at 10,000 articles), the
    manifest's files still in the output folder, the folder the site is written into, and
    whether the build is all its process does (`BuildOptions.own_process`)."""

    manifest: Manifest | None
    stamp: str | None
    present: Written
    staging: Staging
    own_process: bool = False


def _staging(
    config: SiteConfig, cache: BuildCache, previous: Manifest | None, published: Written
) -> Staging:
    """The folder the site will be written into, prepared before anything is loaded: a
    copy of the published site, when there is no spare to update, is linked meanwhile."""
    place = cache.place("site", config.out)
    spare = Spare(place, previous.spare_files if previous else {}) if place else None
    if previous is None:
        return prepare(config.out, spare)
    return prepare(config.out, spare, published, previous.search)


def _full_build(
    config: SiteConfig,
    root: Path,
    cache: BuildCache,
    pool: Pool,
    before: _Before,
) -> BuildReport:
    """Everything from ingest to publish."""
    previous, stamp = before.manifest, before.stamp
    outcomes = _ingest(config, pool, cache)
    if stamp is None or any(o.status != "skipped" for o in outcomes):
        stamp = input_stamp(config, root)  # ingest read a capture: it may have written
    # The alias index first: workers forked after it inherit it instead of each building
    # it again from the name datasets (0.3 s a worker).
    entities = config.entities_file if config.entities_file.is_file() else None
    aliases = aliases_for(str(entities or ""), file_digest(entities), cache)
    inputs = load_articles(config.content, config.timezone, cache, pool)
    notes = load_notes(config.content, cache)
    prime_texts(cache, inputs.articles, notes.notes, pool)
    site, link_errors = link(
        inputs.articles, notes.notes, aliases, Linking(cache, pool, config.see_also_days)
    )
    errors = [o.message for o in outcomes if o.status == "error"]
    errors += [str(e) for e in (*inputs.errors, *notes.errors, *link_errors)]
    ingest_warnings = [w for o in outcomes for w in o.warnings]
    warnings = [*ingest_warnings, *inputs.warnings, *notes.warnings, *undated_warnings(site)]
    engine = Engine(cache, pool, before.present, inputs.reread | notes.reread)
    files = render_site(site, config, root, load_editors(config.content), engine)
    files = with_extras(files, config.static_dir, before.present, errors)
    manifest = Manifest(
        str(config.out.resolve()),
        stamp,
        articles=len(site.articles),
        warnings=tuple(warnings),
        spare_files=before.present,
        spare_search=previous.search if previous else {},
        shards=search_shards(site, config),
    )
    files = _stopping_workers(progress(files, len(site.articles), "render"), pool)
    after: list[Step] = [YieldToSearch()] if before.own_process else []
    manifest = _publish(config, cache, _Output(files, errors, after), manifest, before)
    warnings = list(manifest.warnings)  # with the entries kept for someone
    return BuildReport(outcomes, len(site.articles), manifest.count, errors, warnings)


@dataclass(frozen=True, slots=True)
class _Output:
    """The site's files as they are rendered, and the errors found meanwhile (an editor's
    file at a path the site writes itself: see `with_extras`)."""

    files: Iterable[OutputFile | Checkpoint]
    errors: list[str]
    steps: list[Step] = field(default_factory=list)
    """Publish steps after the search index (which is always the first)."""


class YieldToSearch:
    """Once an edit's search bundles are being indexed (a checkpoint naming them), the
    thread writing the rest of the pages lowers its priority (nice +10; on Linux only the
    calling thread's, and the threads running Pagefind were started before): that work
    has time to spare, while Pagefind is the edit's critical path and had to share the two
    cores with it (2.0 s for a 1,190-page bundle against 1.4 s alone). An unprivileged
    process cannot raise its priority again, so only a process that ends with the build
    does this (`BuildOptions.own_process`)."""

    def __init__(self) -> None:
        self._lowered = False

    def start(self, staging: Path, written: Written, bundles: frozenset[str]) -> None:
        if bundles and not self._lowered and hasattr(os, "nice"):
            self._lowered = True
            with contextlib.suppress(OSError):  # only slower if refused
                os.nice(10)

    def finish(self, staging: Path, written: Written) -> None:
        """Nothing to complete: the priority stays as it is (see the class)."""

    def abort(self) -> None:
        """Nothing was begun."""


def _stopping_workers(files: Iterable[T], pool: Pool) -> Iterator[T]:
    """The files, then the pool's workers stopped: what follows the last page (waiting for
    the search index, saving the cache) needs none, and at 100,000 articles two idle
    workers held 360 MB while Pagefind ran."""
    yield from files
    pool.close()


def _ingest(config: SiteConfig, pool: Pool, cache: BuildCache) -> list[Outcome]:
    """New captures cleaned into content/articles/; the cleaner is imported only when
    there is one (its imports, trafilatura and numpy among them, take 0.3 s)."""
    todo, outcomes = pending(config, cache=cache)
    if todo:
        from sitegen.ingest.batch import ingest  # noqa: PLC0415  # see the docstring

        outcomes += ingest(config, todo, pool=pool)  # hashes only the new captures again
    return sorted(outcomes, key=lambda o: o.seed)


def _publish(
    config: SiteConfig,
    cache: BuildCache,
    output: _Output,
    manifest: Manifest,
    before: _Before,
) -> Manifest:
    """Publish into `out` through the staging folder, with the files someone else put
    there; the manifest, completed with those and the errors found while rendering, is
    written aside before the swap and committed after it."""
    previous, staging = before.manifest, before.staging
    published = previous.search if previous else {}
    staged = {"spare": previous.spare_search if previous else {}, "published": published}
    bundles = Bundles(
        config.out,
        published,
        staged.get(staging.origin, {}),
        cache.place("search", config.out),
        manifest.shards,
    )
    search = SearchIndex(bundles)
    record = cache.place("kept", config.out)
    keeper = Keeper(
        record.with_suffix(".json") if record else None,
        previous.files.keys() if previous else None,
    )

    def before_swap(count: int, written: Written) -> None:
        nonlocal manifest
        keeper.carry(config.out.resolve(), staging.path, written)
        manifest = replace(
            manifest,
            files=written,
            search=search.keys,
            count=count,
            errors=tuple(output.errors),
            warnings=(*manifest.warnings, *keeper.warnings(config.out)),
        )
        cache.save()
        write_aside(cache, manifest)

    publish(output.files, config.out, [search, *output.steps], before_swap, staging)
    keeper.forget(staging.spare)
    commit(cache, manifest)
    return manifest


def input_stamp(config: SiteConfig, root: Path) -> str:
    """Every input of a build, by path, size and time: content, seeds, theme, settings (and
    SOURCE_DATE_EPOCH, which dates the feeds)."""
    folders = [config.content, config.seeds, *theme_dirs(root, config.theme)]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return digest(repr(config), epoch, tree_stamp(*[f for f in folders if f.exists()]))


def _unchanged(previous: Manifest, seconds: float) -> BuildReport:
    """The published build's report again: its inputs are exactly today's."""
    errors, warnings = list(previous.errors), list(previous.warnings)
    return BuildReport([], previous.articles, previous.count, errors, warnings, seconds, True)


def undated_warnings(site: Site) -> list[str]:
    """One warning per article without a date: it builds, under "Undated articles"."""
    return [
        f"{site.articles[slug].source}: undated (listed under 'Undated articles')"
        for slug in site.order
        if site.articles[slug].date is None
    ]


def progress(items: Iterable[T], size: int, label: str) -> Iterator[T]:
    """A progress bar on a terminal when the archive is large; silent otherwise."""
    if size < PROGRESS_FROM:
        yield from items
        return
    yield from tqdm(items, desc=label, unit=" files", disable=None, leave=False)
