"""Combine what an HTML page declares with what the text cascade found: declared wins."""

from __future__ import annotations

import re
from dataclasses import replace

from sitegen.ingest.html import HtmlMeta
from sitegen.models import ArticleMeta

_TITLE_SEPARATORS = r"\s+[|\-–—:·•»]\s+"


def strip_site_suffix(title: str, sitename: str) -> str:
    """'Headline | Site' -> 'Headline' (also '- Site', '— Site', 'Site: Headline')."""
    if not sitename:
        return title
    name = re.escape(sitename.strip())
    for pattern in (rf"{_TITLE_SEPARATORS}{name}\s*$", rf"^\s*{name}{_TITLE_SEPARATORS}"):
        stripped = re.sub(pattern, "", title, flags=re.IGNORECASE)
        if stripped and stripped != title:
            return stripped.strip()
    return title


def merge_html_meta(meta: ArticleMeta, declared: HtmlMeta) -> ArticleMeta:
    """Declared metadata (meta tags, JSON-LD, <time>) over text heuristics, field by field."""
    title = strip_site_suffix(declared.title, declared.sitename) or meta.title
    date = meta.date if meta.date[:10] == declared.date[:10] else (declared.date or meta.date)
    review = tuple(
        field
        for field in meta.review
        if not (field == "title" and declared.title) and not (field == "date" and declared.date)
    )
    return replace(
        meta,
        title=title,
        summary=meta.summary or declared.description,
        date=date,
        language=declared.language or meta.language,
        source=meta.source or declared.sitename,
        authors=declared.authors or meta.authors,
        section=meta.section or (declared.categories[0] if declared.categories else ""),
        tags=meta.tags or _split_tags(declared.tags),
        review=review,
    )


def _split_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """trafilatura returns keywords as one comma-separated string at times."""
    seen: dict[str, None] = {}
    for tag in tags:
        for part in tag.split(","):
            if part.strip():
                seen.setdefault(part.strip(), None)
    return tuple(seen)
