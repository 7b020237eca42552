"""build: ingest new captures, load, link, render, publish: one call per stage."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.errors import SitegenError
from sitegen.ingest.batch import Outcome, ingest
from sitegen.link import link
from sitegen.load import load_articles
from sitegen.publish import publish
from sitegen.render import render_site


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
    site, link_errors = link(inputs.articles)
    count = publish(render_site(site, config, root), config.out)
    errors = [o.message for o in outcomes if o.status == "error"]
    errors += [str(e) for e in (*inputs.errors, *link_errors)]
    warnings = list(inputs.warnings) + [
        f"{site.articles[s].source}: undated (listed under 'Undated articles')"
        for s in site.order
        if site.articles[s].date is None
    ]
    return BuildReport(outcomes, len(site.articles), count, errors, warnings, time.perf_counter() - started)


__all__ = ["BuildReport", "SitegenError", "build"]
