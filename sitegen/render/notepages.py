"""Pages about notes: each note's permalink, and /annotations/ with a page per type and author."""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import Any

from markupsafe import Markup

from sitegen.annotations import NOTE_TYPES
from sitegen.body import Mark, render_blocks
from sitegen.cache import digest
from sitegen.executor import Pool, chunked_map
from sitegen.link.notes import PlacedNote
from sitegen.models import SourceArticle
from sitegen.render.context import Context
from sitegen.render.deferred import Deferred, note_inputs
from sitegen.render.i18n import Strings
from sitegen.render.notes import marks_for, note_view
from sitegen.render.pages import PageSpec, Spec, site_positions
from sitegen.urls import term_slug


def all_notes(ctx: Context) -> list[PlacedNote]:
    """Every placed note, newest first (date, then article and id for a total order)."""
    placed = [p for notes in ctx.site.notes.values() for p in notes]
    placed.sort(key=lambda p: (p.note.article, p.note.id))
    placed.sort(key=lambda p: p.note.updated or p.note.date, reverse=True)
    return placed


def note_pages(
    ctx: Context, strings: dict[str, Strings], slugs: Container[str] | None = None
) -> Iterator[Spec]:
    """One page per note (on the articles in `slugs`, when given): the passage in its
    paragraph, the note, the way back. Listed in the sitemap by their articles' order."""
    position = site_positions(ctx)
    for slug, placed in sorted(ctx.site.notes.items()):
        if slugs is not None and slug not in slugs:
            continue
        article = ctx.site.articles[slug]
        language = article.meta.language or ctx.language
        t = strings[language]
        for item in placed:

            def build(item: PlacedNote = item, t: Strings = t) -> dict[str, Any]:
                return _note_page(ctx, item, t)

            deferred = Deferred(note_inputs(ctx, item), build, language, order=position[slug])
            yield ctx.urls.path(f"annotations/{slug}/{item.note.id}/"), "note.html", deferred


def _note_page(ctx: Context, item: PlacedNote, t: Strings) -> dict[str, Any]:
    article = ctx.site.articles[item.note.article]
    paragraph = item.anchor.paragraph
    passage = _passage(ctx, article, item) if paragraph >= 0 else None
    return {
        "note": note_view(ctx, item, t, ctx.editors),
        "passage_html": passage,
        "article": {
            "title": article.meta.title,
            "url": ctx.urls.article(article.slug),
            "language": article.meta.language or ctx.language,
        },
    }


def _passage(ctx: Context, article: SourceArticle, item: PlacedNote) -> Markup | None:
    """The note's paragraph with its own passage marked, and no other note's: their marks
    would link to notes that are not on this page. Kept in the build cache: converting
    every annotated body again on each build cost seconds on a large archive."""
    key = _passage_key(article, item)
    found: tuple[str | None] = ctx.cache.memo(
        "passages", key, lambda: (_paragraph(_passage_job(article, item)),)
    )
    return Markup(found[0]) if found[0] is not None else None


PassageJob = tuple[str, dict[int, list[Mark]], int]
"""(article body, the note's own marks, its paragraph)."""


def _passage_key(article: SourceArticle, item: PlacedNote) -> str:
    return digest(article.body_sha, marks_for((item,)), item.anchor.paragraph)


def _passage_job(article: SourceArticle, item: PlacedNote) -> PassageJob:
    """The job (its article's body read from the file: only for passages not cached)."""
    return article.body_markdown, marks_for((item,)), item.anchor.paragraph


def _paragraph(job: PassageJob) -> str | None:
    body_markdown, marks, paragraph = job
    blocks = render_blocks(body_markdown, {}, marks)
    return blocks[paragraph] if paragraph < len(blocks) else None


def prime_passages(ctx: Context, pool: Pool) -> None:
    """Render the note passages the build cache lacks on the pool: each converts its
    article's body again, which on a cold build of 10,000 articles with 2,674 notes took
    seconds of the main process."""
    jobs: dict[str, PassageJob] = {}
    for placed in ctx.site.notes.values():
        for item in placed:
            if item.anchor.paragraph < 0:
                continue
            article = ctx.site.articles[item.note.article]
            key = _passage_key(article, item)
            if key not in jobs and not ctx.cache.has("passages", key):
                jobs[key] = _passage_job(article, item)
    for key, html in zip(jobs, chunked_map(pool, _paragraph, jobs.values()), strict=True):
        ctx.cache.put("passages", key, (html,))


def index_pages(ctx: Context, t: Strings) -> Iterator[PageSpec]:
    """/annotations/ (every note), and the same list filtered by type and by author."""
    placed = all_notes(ctx)
    filters = _filters(ctx, placed, t)
    views = [_listed(ctx, p, t) for p in placed]
    yield (
        ctx.urls.path("annotations/"),
        "annotations.html",
        {"heading": "", "notes": views, "filters": filters},
    )
    for note_type in NOTE_TYPES:
        chosen = [v for v, p in zip(views, placed, strict=True) if p.note.type == note_type]
        if chosen:
            url = ctx.urls.path(f"annotations/type/{note_type}/")
            yield (
                url,
                "annotations.html",
                {"heading": t(f"note_{note_type}"), "notes": chosen, "filters": filters},
            )
    for key, name in _authors(ctx, placed).items():
        chosen = [v for v, p in zip(views, placed, strict=True) if p.note.author == key]
        url = ctx.urls.path(f"annotations/author/{term_slug(key)}/")
        yield url, "annotations.html", {"heading": name, "notes": chosen, "filters": filters}


def _listed(ctx: Context, placed: PlacedNote, t: Strings) -> dict[str, Any]:
    article = ctx.site.articles[placed.note.article]
    return note_view(ctx, placed, t, ctx.editors) | {
        "article_title": article.meta.title,
        "article_language": article.meta.language or ctx.language,
    }


def _authors(ctx: Context, placed: list[PlacedNote]) -> dict[str, str]:
    keys = sorted({p.note.author for p in placed})
    return {k: str((ctx.editors.get(k) or {}).get("name") or k) for k in keys}


def _filters(ctx: Context, placed: list[PlacedNote], t: Strings) -> dict[str, list[dict[str, Any]]]:
    types = sorted({p.note.type for p in placed}, key=NOTE_TYPES.index)
    return {
        "types": [
            {"name": t(f"note_{k}"), "url": ctx.urls.path(f"annotations/type/{k}/")} for k in types
        ],
        "authors": [
            {"name": name, "url": ctx.urls.path(f"annotations/author/{term_slug(key)}/")}
            for key, name in _authors(ctx, placed).items()
        ],
    }
