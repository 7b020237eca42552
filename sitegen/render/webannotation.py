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
    texts = _text_digests(ctx)
    key = digest(
        ctx.site.relations_key,
        placed,
        sorted(texts.items()),
        sorted(ctx.editors.items()),
        ctx.urls,
        ctx.title,
        ctx.language,
    )
    if previous.get(EXPORT, ("",))[0] == key:
        return OutputFile(EXPORT, None, key)
    items = [_cached_item(ctx, p, texts[p.note.article]) for p in placed]
    return OutputFile(EXPORT, collection(ctx, items).encode("utf-8"), key)


def _text_digests(ctx: Context) -> dict[str, str]:
    """The hash of each annotated article's block texts, taken once per article."""
    return {slug: digest(ctx.site.texts.get(slug)) for slug in sorted(ctx.site.notes)}


def _cached_item(ctx: Context, placed: PlacedNote, texts: str) -> str:
    """One note's annotation as indented JSON, from the build cache when its inputs are
    unchanged: a new note or an edited annotated article re-rendered every note's Markdown
    and dumped the whole document (at 10,000 articles and 2,674 notes, 0.56-0.67 s of the
    build; 0.16 s with the items cached)."""
    author = ctx.editors.get(placed.note.author)
    key = digest(ctx.site.relations_key, placed, texts, author, ctx.urls, ctx.language)
    return ctx.cache.memo("annotations", key, lambda: item_json(_annotation(ctx, placed)))


_ITEM_DEPTH = 3
"""How deep the document nests an item: document, "first" page, "items" list."""


def item_json(item: dict[str, Any]) -> str:
    """An item as `json.dumps` writes it inside the whole document (one space per level)."""
    text = json.dumps(item, ensure_ascii=False, indent=1, sort_keys=True)
    return "\n".join(" " * _ITEM_DEPTH + line for line in text.split("\n"))


def collection(ctx: Context, items: Sequence[str]) -> str:
    """The JSON-LD document around the items (`item_json`), deterministic (sorted keys,
    notes in the given order)."""
    page = {
        "id": ctx.urls.absolute("annotations.jsonld") + "#page-1",
        "type": "AnnotationPage",
        "startIndex": 0,
    }
    data = {
        "@context": CONTEXT,
        "id": ctx.urls.absolute("annotations.jsonld"),
        "type": "AnnotationCollection",
        "label": f"{ctx.title}: editors' notes",
        "total": len(items),
        "first": page,
    }
    return dump_with_items(data, items)


def dump_with_items(data: dict[str, Any], items: Sequence[str]) -> str:
    """`data` dumped with `items` (already dumped by `item_json`) as its "first" page's
    items: byte for byte what dumping the whole document at once writes."""
    data = data | {"first": data["first"] | {"items": []}}
    document = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not items:
        return document
    listed = "[\n" + ",\n".join(items) + "\n" + " " * (_ITEM_DEPTH - 1) + "]"
    # Quotes inside strings are escaped, so the empty list's key occurs once, as a key.
    return document.replace('"items": []', f'"items": {listed}', 1)


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
