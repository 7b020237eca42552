"""Atom feeds and the sitemap: what they list, and the dates they carry (never build time)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sitegen.render.context import Context
from sitegen.render.deferred import Deferred, listing_inputs
from sitegen.render.pages import FEED_SIZE, PageSpec, Spec
from sitegen.urls import ENTITY_KINDS

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def build_time() -> datetime | None:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else None: no timestamps by default."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(value), tz=UTC) if value and value.isdigit() else None


def feed_entries(ctx: Context, slugs: Sequence[str]) -> list[dict[str, Any]]:
    """Dated articles only: an Atom entry needs a date, and a feed is about what is new."""
    entries = []
    dated = (s for s in slugs if ctx.site.articles[s].date)
    for slug in islice(dated, FEED_SIZE):  # the newest: a long term is not read to its end
        article = ctx.site.articles[slug]
        assert article.date is not None
        entries.append(
            {
                "title": article.meta.title,
                "url": ctx.urls.absolute(f"articles/{slug}/"),
                "id": ctx.urls.absolute(f"articles/{slug}/"),
                "updated": article.date.isoformat(),
                "summary": article.meta.summary,
                "authors": list(article.meta.authors)
                or [article.meta.agency or article.meta.source or ctx.title],
                "language": article.meta.language,
            }
        )
    return entries


def _feed(ctx: Context, path: str, title: str, slugs: Sequence[str]) -> Spec:
    """A feed, deferred: what it lists comes from front matter and dates alone (the
    relations key), so an edit to bodies or notes builds none of a large archive's
    thousands of feeds again."""
    stamp = build_time()

    def build() -> dict[str, Any]:
        entries = feed_entries(ctx, slugs)
        updated = entries[0]["updated"] if entries else (stamp or EPOCH).isoformat()
        return {
            "feed_title": title,
            "feed_id": ctx.urls.absolute(path),
            "self_url": ctx.urls.absolute(path),
            "alternate_url": ctx.urls.absolute(path.removesuffix("feed.xml")),
            "updated": updated,
            "entries": entries,
        }

    inputs = listing_inputs(ctx, ctx.urls, ctx.title, path, title, stamp)
    return ctx.urls.path(path), "feed.xml", Deferred(inputs, build, ctx.language)


def feeds(ctx: Context) -> Iterator[Spec]:
    """The site feed, and one per entity and tag."""
    yield _feed(ctx, "feed.xml", ctx.title, ctx.site.order)
    for (kind, slug), term in sorted(ctx.site.terms.items()):
        if kind in (*ENTITY_KINDS, "tags"):
            yield _feed(ctx, f"{kind}/{slug}/feed.xml", f"{term.name} — {ctx.title}", term.articles)


def sitemap(ctx: Context, urls: Sequence[tuple[str, str]]) -> PageSpec:
    """Every HTML page (URL path, lastmod or empty) as absolute URLs."""
    base = ctx.urls
    entries = [
        {"loc": base.absolute(path[len(base.base_path) :]), "lastmod": lastmod}
        for path, lastmod in urls
    ]
    return base.path("sitemap.xml"), "sitemap.xml", {"entries": entries}
