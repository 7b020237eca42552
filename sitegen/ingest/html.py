"""Saved HTML pages: main text and metadata through trafilatura, which reads the page structure.

The result is handed back as blocks with roles, so that the same metadata, entity and
normalisation steps run on HTML and on plain-text captures.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import trafilatura

from sitegen.errors import SeedError
from sitegen.ingest.article import clip
from sitegen.ingest.visible import align, visible_blocks
from sitegen.models import Block, Removal, Seed

_HEAD_TAGS = {"head"}
_BLOCK_TAGS = {"p", "head", "item", "quote", "row", "code", "list", "table"}


@dataclass(frozen=True, slots=True)
class HtmlMeta:
    """What the page declares about itself (meta tags, JSON-LD, <time>), possibly empty."""

    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    sitename: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    blocks: tuple[Block, ...]
    headings: frozenset[int]
    """Indexes of blocks that were headings in the page."""
    meta: HtmlMeta
    dropped: tuple[Removal, ...] = ()
    """What a reader sees on the page that trafilatura left out, with source lines."""


DROPPED_RULE = "html/outside-main-text"
LOGGED_CHARS = 1_000
"""A left-out block is logged up to this long: the whole page is kept in seeds/ (and
published with the site), and a page-long menu must not make the front matter huge."""


def extract_html(seed: Seed) -> HtmlExtraction:
    """Run trafilatura on the capture; a page with no main text is an error naming the file."""
    document = trafilatura.bare_extraction(
        seed.text,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    body = getattr(document, "body", None)
    if body is None:
        raise SeedError("no article text found in the HTML page", seed.path)
    blocks, headings = _body_blocks(body)
    if not blocks:
        raise SeedError("no article text found in the HTML page", seed.path)
    aligned = align(visible_blocks(seed.text), [b.text for b in blocks])
    blocks = [replace(b, line=n, end_line=n) for b, n in zip(blocks, aligned.lines, strict=True)]
    dropped = tuple(
        Removal(clip(v.text, LOGGED_CHARS), str(v.line), DROPPED_RULE) for v in aligned.dropped
    )
    return HtmlExtraction(tuple(blocks), frozenset(headings), _meta(document), dropped)


def _body_blocks(body: Any) -> tuple[list[Block], list[int]]:
    """One block per paragraph-level element of trafilatura's body tree, in order."""
    blocks: list[Block] = []
    headings: list[int] = []
    for element in body.iter(*_BLOCK_TAGS):
        if element.tag in ("list", "table"):
            continue
        text = element_text(element)
        if not text:
            continue
        if element.tag in _HEAD_TAGS:
            headings.append(len(blocks))
        number = len(blocks) + 1
        blocks.append(Block(index=len(blocks), text=text, line=number, end_line=number))
    return blocks, headings


def element_text(element: Any) -> str:
    """Readable text of one block: line breaks become spaces, table cells are separated by
    " | " (joined bare, "1" + "Kyle Busch" + "5040" would read as one word)."""
    if element.tag == "row":
        cells = [element_text(cell) for cell in element.iter("cell")]
        return " | ".join(cell for cell in cells if cell)
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return " ".join("".join(element.itertext()).split())


def _meta(document: Any) -> HtmlMeta:
    def text(name: str) -> str:
        value = getattr(document, name, None)
        return " ".join(str(value).split()) if value else ""

    def listed(name: str) -> tuple[str, ...]:
        value = getattr(document, name, None) or ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    authors = tuple(a.strip() for a in text("author").split(";") if a.strip())
    return HtmlMeta(
        title=text("title"),
        authors=authors,
        date=text("date"),
        sitename=text("sitename"),
        description=text("description"),
        categories=listed("categories"),
        tags=listed("tags"),
        language=text("language"),
        url=text("url"),
    )
