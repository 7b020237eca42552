"""/annotations.jsonld: every note as a W3C Web Annotation, in one AnnotationCollection.

Selectors describe where the note landed in the published text, not what the editor
typed: `exact` is the anchored passage, and prefix/suffix are grown until they make it
the only match among the article's blocks. TextPositionSelector offsets count characters
of the article body's text, its blocks joined by one newline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sitegen.body import render_note_body
from sitegen.cache import digest
from sitegen.link.anchoring import unique_context
from sitegen.link.notes import PlacedNote
from sitegen.render.context import Context
from sitegen.render.notes import resolve_href
from sitegen.render.output import OutputFile

MOTIVATIONS = {
    "context": "commenting",
    "fact-check": "assessing",
    "correction": "editing",
    "translation": "describing",
    "link": "linking",
}
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
EXPORT = "annotations.jsonld"


def export(
    ctx: Context, placed: Sequence[PlacedNote], previous: Mapping[str, tuple[str, str, str]]
) -> OutputFile:
    """annotations.jsonld, written again only when what it is made from changed: the notes,
    the text they anchor in, the relations their links resolve against, editors and URLs
    (rebuilding it cost about a second per build at 10,000 articles)."""
    texts = [ctx.site.texts.get(slug) for slug in sorted(ctx.site.notes)]
    key = digest(
        ctx.site.relations_key,
        placed,
        texts,
        sorted(ctx.editors.items()),
        ctx.urls,
        ctx.title,
        ctx.language,
    )
    if previous.get(EXPORT, ("",))[0] == key:
        return OutputFile(EXPORT, None, key)
    return OutputFile(EXPORT, collection(ctx, placed).encode("utf-8"), key)


def collection(ctx: Context, placed: Sequence[PlacedNote]) -> str:
    """The JSON-LD document, deterministic (sorted keys, notes in the given order)."""
    items = [_annotation(ctx, p) for p in placed]
    data = {
        "@context": CONTEXT,
        "id": ctx.urls.absolute("annotations.jsonld"),
        "type": "AnnotationCollection",
        "label": f"{ctx.title}: editors' notes",
        "total": len(items),
        "first": {
            "id": ctx.urls.absolute("annotations.jsonld") + "#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _annotation(ctx: Context, placed: PlacedNote) -> dict[str, Any]:
    note = placed.note
    author = ctx.editors.get(note.author) or {}
    data: dict[str, Any] = {
        "id": ctx.urls.absolute(f"annotations/{note.article}/{note.id}/"),
        "type": "Annotation",
        "motivation": MOTIVATIONS[note.type],
        "created": _datetime(note.date),
        "creator": {"type": "Person", "name": str(author.get("name") or note.author)},
        "body": {
            "type": "TextualBody",
            "value": render_note_body(note.body_markdown, lambda h: _absolute(ctx, h)),
            "format": "text/html",
            "language": ctx.language,
        },
        "target": {
            "source": ctx.urls.absolute(f"articles/{note.article}/"),
            "selector": _selectors(ctx, placed, list(ctx.site.texts[note.article])),
        },
    }
    if note.updated:
        data["modified"] = _datetime(note.updated)
    if note.status == "withdrawn":
        data["motivation"] = "moderating"
    return data


def _absolute(ctx: Context, href: str) -> str | None:
    """Note links as absolute URLs: the export is read away from the site."""
    target = resolve_href(ctx, href)
    base = ctx.urls.base_path
    if target is None or not target.startswith(base):
        return target
    return ctx.urls.absolute(target[len(base) :])


def _selectors(ctx: Context, placed: PlacedNote, texts: list[str]) -> list[dict[str, Any]]:
    found, note = placed.anchor, placed.note
    if found.paragraph < 0:
        quote = {"type": "TextQuoteSelector", "exact": note.quote}
        quote |= {k: v for k, v in (("prefix", note.prefix), ("suffix", note.suffix)) if v}
        return [quote]
    prefix, suffix = ctx.cache.memo(
        "contexts",
        digest(texts, found.paragraph, found.start, found.end),
        lambda: unique_context(texts, found.paragraph, found.start, found.end),
    )
    offset = sum(len(t) + 1 for t in texts[: found.paragraph])
    exact = texts[found.paragraph][found.start : found.end]
    return [
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
        {"type": "TextPositionSelector", "start": offset + found.start, "end": offset + found.end},
    ]


def _datetime(value: str) -> str:
    """xsd:dateTime as the model asks: a bare date becomes its midnight in UTC."""
    return value if "T" in value else f"{value}T00:00:00Z"
