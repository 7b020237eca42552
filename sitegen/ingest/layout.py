"""Where the article sits among a capture's blocks: lead, end, headline and dek.

Metadata lives around the article's head: the headline, the dek, the dateline, the
byline and the section strip sit between the page's header and the first body paragraph
(the lead). This module finds that frame from block shapes and the cleaner's verdicts
(the headline with a learned ranking, `headline.py`); the field extractors then look
inside it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sitegen.ingest.headline import find_headline
from sitegen.ingest.reference import word_count
from sitegen.models import Block, Verdict

MIN_PARAGRAPH_WORDS = 12
"""A body block with fewer words is a line, not a paragraph."""
LONG_PARAGRAPH_WORDS = 30
"""A block this long is a paragraph even without sentence-final punctuation."""
LEAD_NEIGHBOURHOOD = 3
"""The lead is the first paragraph with another paragraph this close after it."""
HEAD_REACH = 8
"""Copies of the headline are looked for at most this many blocks above it."""

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


@dataclass(frozen=True, slots=True)
class Layout:
    """Indices of the article's landmarks; None where the capture has none."""

    lead: int | None
    end: int | None
    title: int | None
    duplicates: tuple[int, ...]
    dek: int | None

    @property
    def head(self) -> int:
        """First block of the article head: the headline, else the dek, else the lead."""
        for index in (self.title, self.dek, self.lead):
            if index is not None:
                return index
        return 0


AFTER_ARTICLE_RULE = "context/after-article"
"""The cleaner's verdict for light kept stretches that end the page (teasers, author
boxes); metadata still reads them as the article's surroundings."""


def is_paragraph(block: Block, verdict: Verdict) -> bool:
    """A kept body block shaped like prose: long enough and ending a sentence."""
    return verdict.role == "body" and _prose_shaped(block)


def _prose_shaped(block: Block) -> bool:
    words = word_count(block.text)
    if words >= LONG_PARAGRAPH_WORDS:
        return True
    return words >= MIN_PARAGRAPH_WORDS and _SENTENCE_END.search(block.text) is not None


def find_lead(blocks: Sequence[Block], verdicts: Sequence[Verdict]) -> int | None:
    """The first paragraph that another paragraph follows closely, else the first paragraph.

    Requiring a neighbour skips lone prose-like page furniture (a cookie notice above the
    menu) when the cleaner has not removed it.
    """
    paragraphs = [b.index for b, v in zip(blocks, verdicts, strict=True) if is_paragraph(b, v)]
    for here, following in itertools.pairwise(paragraphs):
        if following - here <= LEAD_NEIGHBOURHOOD:
            return here
    return paragraphs[0] if paragraphs else None


def find_end(blocks: Sequence[Block], verdicts: Sequence[Verdict], lead: int | None) -> int | None:
    """The last paragraph of the article's main run, starting from the lead.

    Paragraphs the cleaner trimmed as the page's tail (`AFTER_ARTICLE_RULE`) still count:
    they are not body, but an author box or a closing byline sits among them, where the
    byline and date extractors look.
    """
    if lead is None:
        return None
    end = lead
    for block, verdict in zip(blocks[lead:], verdicts[lead:], strict=True):
        if _in_main_run(block, verdict):
            end = block.index
    return end


def _in_main_run(block: Block, verdict: Verdict) -> bool:
    if verdict.rule == AFTER_ARTICLE_RULE:
        return _prose_shaped(block)
    return is_paragraph(block, verdict) or (verdict.keep and verdict.role == "heading")


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def first_copy(blocks: Sequence[Block], title: int, lead: int) -> tuple[int, tuple[int, ...]]:
    """The first block above the lead repeating the headline, and the other copies."""
    key = _folded(blocks[title].text)
    start = max(0, title - HEAD_REACH)
    copies = [b.index for b in blocks[start:lead] if _folded(b.text) == key]
    return copies[0], tuple(copies[1:])


def _first_paragraph(
    blocks: Sequence[Block],
    verdicts: Sequence[Verdict],
    span: range,
    is_meta: Callable[[Block], bool],
) -> int | None:
    """The first prose block in `span` that is not a meta line (the dek under a headline)."""
    for index in span:
        if is_paragraph(blocks[index], verdicts[index]) and not is_meta(blocks[index]):
            return index
    return None


def find_layout(
    blocks: Sequence[Block], verdicts: Sequence[Verdict], is_meta: Callable[[Block], bool]
) -> Layout:
    """Lead, end, headline (first copy), its duplicates and the dek of a capture."""
    lead = find_lead(blocks, verdicts)
    end = find_end(blocks, verdicts, lead)
    head = find_headline(blocks, verdicts, lead, is_meta, is_paragraph)
    if head is None or lead is None:
        return Layout(lead, end, None, (), None)
    title, duplicates = first_copy(blocks, head, lead)
    dek = _first_paragraph(blocks, verdicts, range(title + 1, lead), is_meta)
    return Layout(lead, end, title, duplicates, dek)
