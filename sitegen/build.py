"""build: ingest new captures, load, link, render, publish: one call per stage."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from sitegen.aliases import alias_index
from sitegen.annotations import load_editors, load_notes
from sitegen.config import SiteConfig
from sitegen.ingest.batch import Outcome, ingest
from sitegen.link import link
from sitegen.link.models import Site
from sitegen.load import load_articles
from sitegen.publish import publish
from sitegen.publish.search import index_site
from sitegen.render import render_site

T = TypeVar("T")
PROGRESS_FROM = 500


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What the build did, for the summary line and the exit status."""

    ingested: list[Outcome]
    articles: int
    files: int
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def build(config: SiteConfig, root: Path) -> BuildReport:
    """The whole pipeline; bad articles are reported and skipped, the rest is published."""
    started = time.perf_counter()
    outcomes = ingest(config)
    inputs = load_articles(config.content, config.timezone)
    notes = load_notes(config.content)
    entities = config.entities_file if config.entities_file.is_file() else None
    site, link_errors = link(inputs.articles, notes.notes, alias_index(entities))
    files = render_site(site, config, root, load_editors(config.content))
    count = publish(progress(files, len(site.articles), "render"), config.out, [index_site])
    errors = [o.message for o in outcomes if o.status == "error"]
    errors += [str(e) for e in (*inputs.errors, *notes.errors, *link_errors)]
    warnings = [*inputs.warnings, *notes.warnings, *undated_warnings(site)]
    seconds = time.perf_counter() - started
    return BuildReport(outcomes, len(site.articles), count, errors, warnings, seconds)


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
