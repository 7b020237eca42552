"""Where the article sits among a capture's blocks: lead, end, headline and dek.

Metadata lives around the article's head: the headline, the dek, the dateline, the
byline and the section strip sit between the page's header and the first body paragraph
(the lead). This module finds that frame from block shapes and the cleaner's verdicts;
the field extractors then look inside it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from sitegen.ingest.reference import word_count
from sitegen.models import Block, Verdict

MIN_PARAGRAPH_WORDS = 12
"""A body block with fewer words is a line, not a paragraph."""
LONG_PARAGRAPH_WORDS = 30
"""A block this long is a paragraph even without sentence-final punctuation."""
LEAD_NEIGHBOURHOOD = 3
"""The lead is the first paragraph with another paragraph this close after it."""
HEAD_REACH = 8
"""The headline is searched at most this many blocks above the lead (on trafilatura-eval,
8 beat 10 and 16: farther lines are more often menus than headlines)."""
# Headline candidate weights, chosen by a grid search on trafilatura-eval (title accuracy
# 0.40 -> 0.45 with the cleaner's verdicts); length matters most, then nearness.
ECHO_WEIGHT = 1.0
"""Weight of a headline candidate's text recurring in another block of the page."""
CONTENT_WEIGHT = 1.0
"""Weight of the cleaner's content probability for a headline candidate."""
RANK_COST = 0.3
"""Score lost per headline candidate met before this one, walking up from the lead."""
LENGTH_WEIGHT = 5.0
"""Weight of a candidate's length: headlines say something, menu items ("Alle Artikel",
"Version imprimable") are two or three words."""
FULL_TITLE_WORDS = 12
"""From this many words on, a candidate counts as fully headline-long."""
TITLE_WORDS = range(2, 31)
"""Headlines have two to thirty words."""
MIN_TITLE_CHARS = 10

SHAPE_RULES = ("model/", "all-body")
"""Verdict rule prefixes that judge a block by its shape, not by a named pattern."""

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_TITLE_END = re.compile(r"[.:;,]$")


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


@cache
def _caption() -> re.Pattern[str]:
    """Image credit and caption openings ("Foto: …", "(Photo: …)") from bylines.yaml."""
    text = resources.files("sitegen").joinpath("data", "bylines.yaml").read_text("utf-8")
    labels = sorted(yaml.safe_load(text)["captions"], key=len, reverse=True)
    body = "|".join(re.escape(str(label)) for label in labels)
    return re.compile(rf"^\(?(?:{body})\b|\((?:{body})\b[^()]*\)$", re.IGNORECASE)


def is_title_like(block: Block) -> bool:
    """Headline shape: a few words, capitalised, not ending like a sentence, a label or a
    cut teaser ("…"), and not an image caption."""
    text = block.text
    if word_count(text) not in TITLE_WORDS or len(text) < MIN_TITLE_CHARS:
        return False
    if text.endswith(("…", "...")) or _caption().search(text):
        return False
    starts_like_title = text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"'“‘«»„¿¡["
    return starts_like_title and not _TITLE_END.search(text)


def _may_hold_title(verdict: Verdict) -> bool:
    """Kept blocks may be the headline, and so may blocks removed for their shape alone
    (a model's guess or a duplicate headline); blocks a named rule removed (a widget, a
    promo) may not."""
    if verdict.keep or verdict.rule.startswith(SHAPE_RULES):
        return True
    return any(word in verdict.rule for word in ("title", "headline"))


def find_head(
    blocks: Sequence[Block],
    verdicts: Sequence[Verdict],
    lead: int | None,
    is_meta: Callable[[Block], bool],
) -> tuple[int | None, int | None]:
    """(headline, dek): the best headline-shaped line within `HEAD_REACH` blocks above
    the lead, meta lines skipped, and the dek if a paragraph comes first.

    Candidates score for their text recurring elsewhere on the page ("11 responses to
    “<headline>”", a breadcrumb, a share text), for the cleaner's content probability,
    and for nearness to the lead (`_title_score`).
    """
    candidates, dek = _head_candidates(blocks, verdicts, lead, is_meta)
    if len(candidates) < 2:
        return (candidates[0], dek) if candidates else (None, None)
    page = "\n".join(_folded(block.text) for block in blocks)
    ranked = [
        (_title_score(page, blocks[i], verdicts[i], rank), -rank, i)
        for rank, i in enumerate(candidates)
    ]
    title = max(ranked)[2]
    return title, dek if dek is not None and dek > title else None


def _title_score(page: str, block: Block, verdict: Verdict, rank: int) -> float:
    """How much a headline-shaped line looks like the headline: repeated elsewhere on the
    page (`page` is every block folded, one per line), judged content-like by the
    cleaner, among the first met above the lead."""
    echoed = page.count(_folded(block.text)) > 1
    fullness = min(word_count(block.text), FULL_TITLE_WORDS) / FULL_TITLE_WORDS
    score = ECHO_WEIGHT * echoed + CONTENT_WEIGHT * verdict.score + LENGTH_WEIGHT * fullness
    return score - RANK_COST * rank


def _head_candidates(
    blocks: Sequence[Block],
    verdicts: Sequence[Verdict],
    lead: int | None,
    is_meta: Callable[[Block], bool],
) -> tuple[list[int], int | None]:
    """Headline-shaped lines above the lead, nearest first, and the dek if one is met."""
    candidates: list[int] = []
    dek: int | None = None
    start = lead - 1 if lead is not None else -1
    for index in range(start, max(-1, start - HEAD_REACH), -1):
        block, verdict = blocks[index], verdicts[index]
        if is_meta(block):
            continue
        if is_paragraph(block, verdict) and dek is None and not candidates:
            dek = index
        elif is_title_like(block) and _may_hold_title(verdict):
            candidates.append(index)
    return candidates, dek


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
    title, dek = find_head(blocks, verdicts, lead, is_meta)
    if title is None or lead is None:
        return Layout(lead, end, None, (), None)
    title, duplicates = first_copy(blocks, title, lead)
    if dek is None or dek < title:
        dek = _first_paragraph(blocks, verdicts, range(title + 1, lead), is_meta)
    return Layout(lead, end, title, duplicates, dek)
