"""Assemble an article from classified blocks: body paragraphs, removal log, front matter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from slugify import slugify

from sitegen.frontmatter import dump_front_matter
from sitegen.ingest.markdown import body_to_markdown
from sitegen.ingest.normalise import normalise_heading, normalise_paragraph
from sitegen.models import Article, ArticleMeta, Block, Removal, Verdict

SLUG_MAX = 80
_TITLE_MAX = 300  # characters; a capture with one endless line must not make a huge title,
_SUMMARY_MAX = 600  # or front matter over the 1 MB the loader reads


def assemble_body(
    blocks: Sequence[Block], verdicts: Sequence[Verdict], moved: Mapping[int, str]
) -> tuple[tuple[str, ...], tuple[Removal, ...]]:
    """Kept blocks as paragraphs (crossheads as `## ...`); every other block in the log."""
    body: list[str] = []
    removed: list[Removal] = []
    for block, verdict in zip(blocks, verdicts, strict=True):
        rule = moved.get(block.index) or ("" if verdict.keep else verdict.rule)
        if rule:
            removed.append(Removal(block.text, _lines(block), rule))
        elif verdict.role == "heading":
            body.append("## " + normalise_heading(block.text))
        else:
            body.append(normalise_paragraph(block.text))
    return tuple(body), tuple(removed)


def _lines(block: Block) -> str:
    if block.end_line == block.line:
        return str(block.line)
    return f"{block.line}-{block.end_line}"


def make_slug(title: str, sha256: str) -> str:
    """ASCII URL name from the title; the capture's hash when there is no usable title."""
    slug = slugify(title, max_length=SLUG_MAX, word_boundary=True, save_order=True)
    return slug or f"article-{sha256[:10]}"


def clip(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    head = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return head.rstrip(" ,;:.") + "…"


def front_matter(article: Article) -> dict[str, Any]:
    """The article's fields in the order of DESIGN.md, empty optional lists left out."""
    meta: ArticleMeta = article.meta
    fields: dict[str, Any] = {
        "title": clip(meta.title, _TITLE_MAX),
        "slug": article.slug,
        "summary": clip(meta.summary, _SUMMARY_MAX),
        "date": meta.date,
        "captured": meta.captured,
        "language": meta.language,
        "source": meta.source,
        "agency": meta.agency,
        "authors": list(meta.authors),
        "section": meta.section,
        "tags": list(meta.tags),
        "people": list(meta.people),
        "places": list(meta.places),
        "organizations": list(meta.organizations),
        "see_also": list(meta.see_also),
        "origin": {"path": article.origin_path, "sha256": article.origin_sha256},
        "removed": [_removal_entry(r) for r in article.removed],
        "review": list(meta.review),
    }
    return fields


def _removal_entry(removal: Removal) -> dict[str, Any]:
    lines: int | str = int(removal.lines) if removal.lines.isdigit() else removal.lines
    return {"text": removal.text, "lines": lines, "rule": removal.rule}


def article_markdown(article: Article) -> str:
    """The whole file `content/articles/<slug>.md` as ingest writes it."""
    return dump_front_matter(front_matter(article), body_to_markdown(article.body))
