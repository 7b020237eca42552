"""The headline of a plain-text capture: lines above the lead ranked by a learned model.

Between a page's header and the article's first paragraph (the lead) sit the headline,
the dek, the byline and the dateline, but also menus, breadcrumbs, teasers and photo
credits. Every line of headline length in reach of the lead is a candidate, described by
its shape, where it sits, what the cleaner made of it and how much of its wording the
lead repeats; boosted trees trained by `benchmarks/train_headline.py` on the labelled
trafilatura-eval pages (shipped as data, `sitegen/data/headline_model.json`) score them,
and the best one is the headline. A hand-weighted score of four of these signals found
46 % of the labelled titles; the model finds 64 % on sites it was not trained on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml

from sitegen.ingest.model import TreeEnsemble
from sitegen.ingest.reference import word_count
from sitegen.models import Block, Verdict

REACH = 16
"""Lines above the lead that may hold the headline. On trafilatura-eval the labelled title
is among them on 81 % of the pages; held out by host, a reach of 12 found 61 % of the
titles, 16 64 % and 40 65 % (with more lines to score per page)."""
TITLE_WORDS = range(2, 31)
"""Headlines have two to thirty words."""
SHAPE_RULES = ("model/", "all-body")
"""Verdict rule prefixes that judge a block by its shape, not by a named pattern."""
_WORD = re.compile(r"\w{4,}")
_SEPARATORS = frozenset("|·•»›/–—>")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_QUOTES = "\"'“‘«»„"

FEATURES = (
    "distance", "rank", "words", "chars", "ends_sentence", "ends_colon", "colon_inside",
    "title_case", "upper", "digits", "separators", "starts_upper", "starts_quote",
    "echoes", "content", "kept", "named_rule", "title_rule", "prev_meta", "next_meta",
    "lead_overlap", "follow_overlap", "kept_between", "paragraphs_between", "position",
    "first_kept", "ellipsis", "caption",
)  # fmt: skip


def candidates(blocks: Sequence[Block], lead: int, meta: Callable[[int], bool]) -> list[int]:
    """Lines in reach above the lead, of headline length and not a meta line (`meta` tells
    by index), nearest first."""
    return [
        i
        for i in range(lead - 1, max(-1, lead - 1 - REACH), -1)
        if word_count(blocks[i].text) in TITLE_WORDS and not meta(i)
    ]


@dataclass(frozen=True, slots=True)
class _Page:
    """What every candidate's row reads from the page around it."""

    blocks: Sequence[Block]
    verdicts: Sequence[Verdict]
    lead: int
    meta: Callable[[int], bool]
    """Whether the block at an index is a meta line (dateline, byline…), remembered."""
    folded: str
    """Every block case-folded, one per line: where a headline's echoes are counted."""
    lead_words: set[str]
    follow_words: set[str]
    """Words of the lead and the three blocks after it."""
    paragraphs: dict[int, bool]
    """Whether each block from the farthest candidate to the lead is a paragraph."""
    first_kept: int


def candidate_rows(
    blocks: Sequence[Block],
    verdicts: Sequence[Verdict],
    lead: int,
    is_meta: Callable[[Block], bool],
    is_paragraph: Callable[[Block, Verdict], bool],
) -> tuple[list[int], np.ndarray]:
    """The candidates and their feature rows (columns as FEATURES)."""
    meta = cache(lambda i: i >= 0 and is_meta(blocks[i]))
    found = candidates(blocks, lead, meta)
    if not found:
        return found, np.zeros((0, len(FEATURES)))
    span = range(found[-1], lead)
    page = _Page(
        blocks,
        verdicts,
        lead,
        meta,
        "\n".join(b.text for b in blocks).casefold(),  # blocks come with whitespace folded
        _words(blocks[lead].text),
        set().union(*(_words(b.text) for b in blocks[lead : lead + 4])),
        {i: is_paragraph(blocks[i], verdicts[i]) for i in span},
        next((i for i, v in enumerate(verdicts) if v.keep), -1),
    )
    rows = [_row(page, i, rank) for rank, i in enumerate(found)]
    return found, np.asarray(rows, dtype=np.float64)


def _row(page: _Page, i: int, rank: int) -> tuple[float, ...]:
    """Candidate `i`'s features, in FEATURES order."""
    blocks, verdict, lead = page.blocks, page.verdicts[i], page.lead
    text = blocks[i].text
    words = text.split()
    own = _words(text)
    letters = sum(c.isalpha() for c in text) or 1
    return (
        float(lead - i),
        float(rank),
        float(len(words)),
        float(len(text)),
        float(_SENTENCE_END.search(text) is not None),
        float(text.endswith(":")),
        float(":" in text[:-1]),
        sum(w[:1].isupper() for w in words) / len(words),
        sum(c.isupper() for c in text) / letters,
        sum(c.isdigit() for c in text) / len(text),
        float(sum(c in _SEPARATORS for c in text)),
        float(text[:1].isupper()),
        float(text[:1] in _QUOTES),
        float(page.folded.count(text.casefold()) - 1),
        verdict.score,
        float(verdict.keep),
        float(not verdict.keep and not verdict.rule.startswith(SHAPE_RULES)),
        float("title" in verdict.rule or "headline" in verdict.rule),
        float(page.meta(i - 1)),
        float(page.meta(i + 1)),
        len(own & page.lead_words) / len(own) if own else 0.0,
        len(own & page.follow_words) / len(own) if own else 0.0,
        float(sum(v.keep for v in page.verdicts[i + 1 : lead])),
        float(sum(page.paragraphs[j] for j in range(i + 1, lead))),
        i / len(blocks),
        float(i == page.first_kept),
        float(text.endswith(("…", "..."))),
        float(_caption().search(text) is not None),
    )


@cache
def _caption() -> re.Pattern[str]:
    """Image credit and caption openings ("Foto: …", "(Photo: …)") from bylines.yaml."""
    text = resources.files("sitegen").joinpath("data", "bylines.yaml").read_text("utf-8")
    labels = sorted(yaml.safe_load(text)["captions"], key=len, reverse=True)
    body = "|".join(re.escape(str(label)) for label in labels)
    return re.compile(rf"^\(?(?:{body})\b|\((?:{body})\b[^()]*\)$", re.IGNORECASE)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


@cache
def shipped_model() -> TreeEnsemble:
    """The headline model in `sitegen/data/headline_model.json`, read once per process."""
    raw = resources.files("sitegen").joinpath("data", "headline_model.json").read_text("utf-8")
    data = json.loads(raw)
    if tuple(data["features"]) != FEATURES:
        raise ValueError("headline model was trained on other features; retrain it")
    return TreeEnsemble.from_json(data["trees"])


def find_headline(
    blocks: Sequence[Block],
    verdicts: Sequence[Verdict],
    lead: int | None,
    is_meta: Callable[[Block], bool],
    is_paragraph: Callable[[Block, Verdict], bool],
) -> int | None:
    """The most headline-like line above the lead, or None when there is no candidate."""
    if lead is None:
        return None
    found, rows = candidate_rows(blocks, verdicts, lead, is_meta, is_paragraph)
    if not found:
        return None
    return found[int(np.argmax(shipped_model().probabilities(rows)))]
