"""Markdown captures with front matter are already clean: read their fields, keep their body."""

from __future__ import annotations

from typing import Any

from sitegen.frontmatter import split_front_matter
from sitegen.ingest.article import make_slug
from sitegen.ingest.language import detect_language
from sitegen.ingest.markdown import markdown_to_text
from sitegen.models import Article, ArticleMeta, Seed

_TEXT_FIELDS = ("title", "summary", "date", "captured", "language", "source", "agency", "section")
_LIST_FIELDS = ("authors", "tags", "see_also")


def passthrough_markdown(seed: Seed) -> Article:
    """An Article from a Markdown file; missing title and language are derived and flagged."""
    fields, body_text = split_front_matter(seed.text, seed.path)
    body = tuple(markdown_to_text(body_text))
    values: dict[str, Any] = {k: _text(fields.get(k)) for k in _TEXT_FIELDS}
    values.update({k: _list(fields.get(k)) for k in _LIST_FIELDS})
    review = []
    if not values["title"]:
        values["title"] = body[0][:80] if body else ""
        review.append("title")
    if not values["language"]:
        values["language"] = detect_language(body)
    meta = ArticleMeta(**values, review=tuple(review))
    slug = _text(fields.get("slug")) or make_slug(meta.title, seed.sha256)
    return Article(make_slug(slug, seed.sha256), meta, body, seed.path, seed.sha256)


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(_text(v) for v in items if _text(v))
