"""Pages whose context is built only when its inputs changed.

A page's key is the hash of its whole context, which means building every context on
every build (about 5 s for 10,000 article pages). Article, term and note pages, the home
page and the archive's month pages (and the feeds, `feeds._feed`) are made from a known,
short list of inputs, so they are hashed from those instead (`*_inputs`, plus the shared
page context's inputs, added in render), and the build cache maps that hash to the page
key it produced: an unchanged page is linked without building its context. Anything a
context reads must be in its `*_inputs`; tests/test_incremental.py compares incremental
builds with cold ones after each kind of edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sitegen.cache import digest
from sitegen.link.models import Term
from sitegen.link.notes import PlacedNote
from sitegen.models import SourceArticle
from sitegen.render.context import Context
from sitegen.render.notes import linking_notes, notes_naming


@dataclass(frozen=True, slots=True)
class Deferred:
    """A page context to build on demand, with the hash of everything it is built from
    (the context every page shares is added, and hashed, by the caller)."""

    inputs: str
    build: Callable[[], dict[str, Any]]
    language: str
    """The language of the page's interface strings."""
    date: str = ""
    """The page's date (YYYY-MM-DD or ""), listed in the sitemap."""
    order: int = 0
    """The page's place among its kind in the sitemap, whatever order it was rendered in
    (an edit's search bundles are rendered first)."""


def article_inputs(ctx: Context, article: SourceArticle) -> str:
    """Everything an article page's own context (views.article_view) reads: the article,
    its notes and the notes linking to it, its capture, the relations (related, see-also,
    neighbours and every title, date and term they show come from front matter:
    `relations_key`), entities.yml, editors. Its body HTML is made from these alone (the
    article, its notes' marks, entity page URLs from the relations, entities.yml), so it
    is not hashed again."""
    slug = article.slug
    return digest(
        ctx.site.relations_key,
        article,
        ctx.site.notes.get(slug, ()),
        linking_notes(ctx, slug),
        ctx.captures.get(slug),
        ctx.aliases_sha,
        ctx.editors_key,
    )


def listing_inputs(ctx: Context, *page: object) -> str:
    """A list made from the articles' front matter and dates alone (the home page, an
    archive month, a feed, a term page): the relations key and which page it is."""
    return digest(ctx.site.relations_key, *page)


def term_inputs(ctx: Context, term: Term, number: int) -> str:
    """A term page: its articles, their titles and dates (relations) and, on the first
    page, the notes naming the term."""
    notes = notes_naming(ctx, term.name) if number == 1 else []
    # The term's articles are in relations_key: hashing them per page grew with their square.
    return listing_inputs(ctx, term.kind, term.slug, term.name, number, notes)


def note_inputs(ctx: Context, placed: PlacedNote) -> str:
    """A note page: the note, where it sits, its article's body (the passage), the relations
    (link targets, titles) and editors."""
    article = ctx.site.articles[placed.note.article]
    return digest(
        ctx.site.relations_key,
        placed,
        article.body_sha,
        ctx.editors_key,
    )
