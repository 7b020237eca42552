"""Combine what an HTML page declares with what the text cascade found: declared wins."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from sitegen.ingest.html import HtmlMeta
from sitegen.ingest.metadata import DUPLICATE_TITLE_RULE, TITLE_RULE
from sitegen.models import ArticleMeta, Block

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


SAME_TITLE = 90
"""rapidfuzz token_set_ratio at which a line says what the declared title says (a site
name or "Opinion |" added, a dash for a hyphen)."""
HEAD_LINES = 6
"""How far into a page's main text its headline is looked for, when the page declares a
title the text cascade's headline does not say."""


def title_moves(
    moved: Mapping[int, str], blocks: Sequence[Block], declared: HtmlMeta, title: str
) -> dict[int, str]:
    """The moved blocks, settled against the title the page declares (the one shown): a
    headline line that does not say it is body the text cascade took for a headline (a
    dateline, a table header, the dek) and stays; the first line near the top that does
    say it leaves the body instead."""
    if not declared.title:
        return dict(moved)
    kept = {
        index: rule
        for index, rule in moved.items()
        if rule not in (TITLE_RULE, DUPLICATE_TITLE_RULE) or _same_title(blocks[index].text, title)
    }
    if TITLE_RULE not in kept.values():
        for block in blocks[:HEAD_LINES]:
            if block.index not in kept and _same_title(block.text, title):
                kept[block.index] = TITLE_RULE
                break
    return kept


def _same_title(line: str, title: str) -> bool:
    """The line says the title: words in common, and neither is twice the other's length
    (a token set ratio alone would match a paragraph that uses all of a short title's words)."""
    if not title or not 0.5 <= len(line) / len(title) <= 2:
        return False
    return fuzz.token_set_ratio(line, title) >= SAME_TITLE


def _split_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """trafilatura returns keywords as one comma-separated string at times."""
    seen: dict[str, None] = {}
    for tag in tags:
        for part in tag.split(","):
            if part.strip():
                seen.setdefault(part.strip(), None)
    return tuple(seen)
