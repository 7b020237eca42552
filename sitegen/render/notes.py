"""Views of editors' notes: on article pages, on their own pages and in the notes index."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

from markupsafe import Markup

from sitegen.body import Mark, render_note_body
from sitegen.cache import digest
from sitegen.link.notes import PlacedNote
from sitegen.models import Annotation
from sitegen.render.context import Context
from sitegen.render.i18n import Strings
from sitegen.urls import ENTITY_KINDS, term_slug

_QUOTE_MARKS = "\"'“”„«»‘’‚‹› "
"""Stripped from a quote shown inside <q>, which adds the language's own marks."""


def note_url(ctx: Context, note: Annotation) -> str:
    """The note's permalink page."""
    return ctx.urls.path(f"annotations/{note.article}/{note.id}/")


def resolve_href(ctx: Context, href: str) -> str | None:
    """`article:<slug>[#<note-id>]` and `entity:<name>` to site URLs; web links unchanged."""
    if href.startswith("article:"):
        slug, _, fragment = href.removeprefix("article:").partition("#")
        if slug not in ctx.site.articles:
            return None
        return ctx.urls.article(slug) + (f"#note-{fragment}" if fragment else "")
    if href.startswith("entity:"):
        return entity_url(ctx, href.removeprefix("entity:"))
    scheme = urlsplit(href).scheme
    return href if scheme in ("http", "https", "mailto") else None


def entity_url(ctx: Context, name: str) -> str | None:
    """The page of the person, place or organisation of that name, if the site has one."""
    for kind in ENTITY_KINDS:
        slug = ctx.site.term_slugs.get((kind, name)) or term_slug(name)
        if (kind, slug) in ctx.site.terms:
            return ctx.urls.term(kind, slug)
    return None


def text_fragment(url: str, quote: str) -> str:
    """A `#:~:text=` link that scrolls to the quoted words in the cited page."""
    if not quote:
        return url
    return f"{url.split('#', maxsplit=1)[0]}#:~:text={url_quote(quote, safe='')}"


def note_view(
    ctx: Context, placed: PlacedNote, t: Strings, editors: Mapping[str, Any]
) -> dict[str, Any]:
    """Everything shown about one note, wherever it appears."""
    note = placed.note
    author = editors.get(note.author) or {}
    return {
        "id": note.id,
        "dom_id": f"note-{note.id}",
        "number": placed.number,
        "type": note.type,
        "type_label": t(f"note_{note.type}"),
        "status": note.status,
        "anchor": placed.anchor.status,
        "quote": note.quote,
        "quote_text": note.quote.strip(_QUOTE_MARKS) or note.quote,
        "author": str(author.get("name") or note.author),
        "author_url": str(author.get("url") or "") or None,
        "date": note.date,
        "updated": note.updated,
        "body_html": _body_html(ctx, note),
        "sources": [
            {"url": text_fragment(s.url, s.quote), "title": s.title or s.url} for s in note.sources
        ],
        "links": [_link(ctx, link.article, link.quote) for link in note.links],
        "extra": dict(note.extra),
        "url": note_url(ctx, note),
        "article_url": ctx.urls.article(note.article),
        "mark_url": ctx.urls.article(note.article) + f"#mark-{note.id}",
        "entities": [{"name": n, "url": entity_url(ctx, n)} for n in note.entities],
    }


def _body_html(ctx: Context, note: Annotation) -> Markup:
    """A note's HTML, converted once per build (a note is shown on up to four pages) and
    kept in the build cache: the notes index shows every note, so each build converted
    them all. Its links depend on the slugs, terms (relations) and URLs alone."""
    done: dict[tuple[str, str], Markup] = ctx.indexes.setdefault("note_bodies", {})
    key = (note.article, note.id)
    if key not in done:
        inputs = digest(note.body_markdown, ctx.site.relations_key, ctx.urls)
        html: str = ctx.cache.memo(
            "note_bodies",
            inputs,
            lambda: render_note_body(note.body_markdown, lambda h: resolve_href(ctx, h)),
        )
        done[key] = Markup(html)
    return done[key]


def _link(ctx: Context, slug: str, quote: str) -> dict[str, Any]:
    article = ctx.site.articles.get(slug)
    title = article.meta.title if article else slug
    return {"name": title, "url": ctx.urls.article(slug) if article else None, "quote": quote}


def marks_for(placed: tuple[PlacedNote, ...]) -> dict[int, list[Mark]]:
    """Block index -> the passages to highlight in it."""
    marks: dict[int, list[Mark]] = {}
    for item in placed:
        found = item.anchor
        if found.paragraph >= 0:
            marks.setdefault(found.paragraph, []).append(
                Mark(found.start, found.end, item.note.id, item.number)
            )
    return marks


def note_item(ctx: Context, placed: PlacedNote, t: Strings) -> dict[str, Any]:
    """A note in a list elsewhere: its type, quote, article and page."""
    article = ctx.site.articles[placed.note.article]
    return {
        "title": f"{t(f'note_{placed.note.type}')}: “{placed.note.quote.strip(_QUOTE_MARKS)}”",
        "url": note_url(ctx, placed.note),
        "article_title": article.meta.title,
        "language": article.meta.language or ctx.language,
    }


def notes_mentioning(ctx: Context, name: str, t: Strings) -> list[dict[str, Any]]:
    """Notes whose `entities` name this entity."""
    return [note_item(ctx, p, t) for p in notes_naming(ctx, name)]


def notes_naming(ctx: Context, name: str) -> list[PlacedNote]:
    """The notes whose `entities` name this entity."""
    return _note_index(ctx).entities.get(name, [])


def notes_linking_to(ctx: Context, slug: str, t: Strings) -> list[dict[str, Any]]:
    """Notes on other articles whose `links` point at this article."""
    return [note_item(ctx, p, t) for p in linking_notes(ctx, slug)]


def naming_key(ctx: Context) -> str:
    """A hash of every note naming an entity, by name: all the term pages show of notes."""
    return digest(sorted(_note_index(ctx).entities.items()))


def linking_notes(ctx: Context, slug: str) -> list[PlacedNote]:
    """The notes on other articles whose `links` point at this article."""
    return [p for other, p in _note_index(ctx).links.get(slug, []) if other != slug]


@dataclass(frozen=True, slots=True)
class _NoteIndex:
    links: dict[str, list[tuple[str, PlacedNote]]]
    """Linked article -> (article the note is on, note), in the site's note order."""
    entities: dict[str, list[PlacedNote]]


def _note_index(ctx: Context) -> _NoteIndex:
    """Notes by the articles they link to and the entities they name, built once per build
    (scanning every note for every page was quadratic in the archive)."""
    found = ctx.indexes.get("notes")
    if isinstance(found, _NoteIndex):
        return found
    index = _NoteIndex({}, {})
    for other, notes in ctx.site.notes.items():
        for placed in notes:
            for target in dict.fromkeys(link.article for link in placed.note.links):
                index.links.setdefault(target, []).append((other, placed))
            for name in dict.fromkeys(placed.note.entities):
                index.entities.setdefault(name, []).append(placed)
    ctx.indexes["notes"] = index
    return index
