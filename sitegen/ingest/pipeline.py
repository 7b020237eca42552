"""The per-capture ingest pipeline: one pure function from a decoded capture to an article.

`ingest_seed` is the pure, per-capture stage (decode has already run): split into blocks,
classify, extract metadata, assemble the body. Entities are resolved afterwards against
the whole archive (see `sitegen.ingest.batch`), because short forms such as "Xi" can only
be resolved with names other articles know.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sitegen.ingest.article import assemble_body, make_slug
from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.classify import classify
from sitegen.ingest.entities import Mentions, find_mentions
from sitegen.ingest.html import HtmlMeta, extract_html
from sitegen.ingest.language import detect_language
from sitegen.ingest.merge import merge_html_meta, title_moves
from sitegen.ingest.metadata import MetaSettings, extract_metadata
from sitegen.ingest.passthrough import passthrough_markdown
from sitegen.ingest.rules import RuleSet
from sitegen.models import Article, Block, Removal, Seed, Verdict


@dataclass(frozen=True, slots=True)
class IngestContext:
    """Everything a capture's ingest depends on besides the capture itself (picklable)."""

    rules: RuleSet
    settings: MetaSettings
    default_language: str = "en"


@dataclass(frozen=True, slots=True)
class IngestResult:
    """One ingested capture; entities are still unresolved mentions."""

    article: Article
    mentions: Mentions
    warnings: tuple[str, ...] = ()


def ingest_seed(seed: Seed, ctx: IngestContext) -> IngestResult:
    """Turn one decoded capture into an article: the stages of DESIGN.md, in order."""
    if seed.kind == "markdown":
        article = passthrough_markdown(seed)
        return IngestResult(article, find_mentions(article.body, article.meta.language))
    blocks, verdicts, declared, dropped = _classified(seed, ctx)
    extraction = extract_metadata(blocks, verdicts, declared.language, ctx.settings)
    meta = merge_html_meta(extraction.meta, declared)
    moved = title_moves(extraction.moved, blocks, declared, meta.title)
    body, removed = assemble_body(blocks, verdicts, moved)
    if dropped:
        removed = tuple(sorted((*removed, *dropped), key=_first_line))
    article = Article(
        make_slug(meta.title, seed.sha256), meta, body, seed.path, seed.sha256, removed
    )
    return IngestResult(article, find_mentions(body, meta.language), seed.warnings)


def _first_line(removal: Removal) -> int:
    return int(removal.lines.split("-")[0])


def _classified(
    seed: Seed, ctx: IngestContext
) -> tuple[list[Block], list[Verdict], HtmlMeta, tuple[Removal, ...]]:
    """Blocks with the cleaner's verdicts; for HTML, trafilatura's blocks, the declared
    metadata and what trafilatura left out."""
    if seed.kind == "html":
        page = extract_html(seed)
        texts = [b.text for b in page.blocks]
        language = page.meta.language or detect_language(texts, ctx.default_language)
        verdicts = [
            Verdict("heading" if b.index in page.headings else "body", "html/main-text", 1.0)
            for b in page.blocks
        ]
        return list(page.blocks), verdicts, replace(page.meta, language=language), page.dropped
    blocks = split_blocks(seed.text)
    language = detect_language([b.text for b in blocks], ctx.default_language)
    return blocks, classify(blocks, language, ctx.rules), HtmlMeta(language=language), ()
