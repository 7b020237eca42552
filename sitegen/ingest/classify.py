"""Decide, block by block, what is article and what is page clutter, and say why.

Three sources decide, in this order of authority:
1. rule packs (`sitegen.ingest.rules`): a named pattern removes a block, marks a crosshead,
   or protects a block; header rules also claim the teaser or widget lines after them;
2. context: a block repeating an earlier short block (the headline printed twice) goes, and
   so do teasers whose title the scrape glued to their blurb, when the page has several
   (`page_features.glued_teasers`);
3. block features read by a small learned model (`sitegen/data/cleaner_model.json`, trained
   by `benchmarks/train_cleaner.py`). Its features include the block's neighbourhood (the
   prose around it, the page's main region, whether a comments or related header came
   before), so short lines between boilerplate go with it and short lines inside the
   article (crossheads, one-line quotes) stay. A two-state Viterbi pass can smooth its
   probabilities further; the model file's `switch_cost` sets it (grouped CV chose 0,
   the context features already carry what smoothing would add).
4. page-level context after the model: a data table the article introduces stays
   (`context/table`), and light kept stretches that end the page, below the article's
   heaviest stretch, go (`context/after-article`).
Every verdict names what decided it: `pt/promos#telegram`, `context/teaser-after-header`,
`model/short-no-punctuation`, and so on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from sitegen.ingest.features import (
    TEASER_TITLE_MAX_WORDS,
    TextStats,
    block_profile,
    guess_language,
    title_like,
)
from sitegen.ingest.model import NEUTRAL, PROB_FLOOR, BlockModel, shipped_model, viterbi
from sitegen.ingest.page_features import glued_teasers, profile_matrix, table_runs
from sitegen.ingest.rules import Rule, RuleSet
from sitegen.models import Block, Verdict

TEASER_BLURB_MAX_WORDS = 60
MAX_CLAIMED = 16
"""A header claims at most this many following lines."""
WIDGET_LINE_MAX_WORDS = 6
DUPLICATE_MAX_WORDS = 30
"""A repeated block this short is a reprinted headline or label, not a repeated paragraph."""
CROSSHEAD_MAX_WORDS = 15
REST_MIN_PROSE_WORDS = 150
"""A comments header claims the rest of the page only after this many words of prose."""


# -- context from rules ----------------------------------------------------------------------


def claim_followers(stats: Sequence[TextStats], hits: Sequence[Rule | None]) -> dict[int, str]:
    """Blocks claimed by a header rule's `takes`, mapped to the context name that took them."""
    claimed: dict[int, str] = {}
    for i, rule in enumerate(hits):
        if rule is None or rule.role != "boilerplate" or not rule.takes:
            continue
        taker, name = _TAKERS[rule.takes]
        for j in taker(stats, hits, i):
            claimed.setdefault(j, name)
    return claimed


def _take_rest(stats: Sequence[TextStats], hits: Sequence[Rule | None], i: int) -> list[int]:
    """Everything after a comments header, if enough article prose came before it.

    Comments are prose too, so only their position tells them apart: a comments header
    ends the article once the article has been seen; near the top ("12 comments" under
    a headline) it claims nothing.
    """
    before = sum(s.n_words for s in stats[:i] if s.prose >= 0.5)
    return list(range(i + 1, len(stats))) if before >= REST_MIN_PROSE_WORDS else []


_Taker = Callable[[Sequence[TextStats], Sequence[Rule | None], int], list[int]]


def _take_teasers(stats: Sequence[TextStats], hits: Sequence[Rule | None], i: int) -> list[int]:
    """Title lines, each with at most one blurb, until the article visibly resumes.

    The first teaser is taken whatever follows it (a header announces at least one); after
    that, a title-like line followed by two prose paragraphs is a crosshead, and stops.
    """
    taken: list[int] = []
    j, n = i + 1, len(stats)
    while j < n and len(taken) < MAX_CLAIMED and hits[j] is None and title_like(stats[j]):
        if taken and _article_resumes(stats, j):
            break
        taken.append(j)
        j += 1
        if j < n and hits[j] is None and not title_like(stats[j]):
            if stats[j].n_words > TEASER_BLURB_MAX_WORDS:
                break
            taken.append(j)
            j += 1
    return taken


def _article_resumes(stats: Sequence[TextStats], j: int) -> bool:
    """A title-like line followed by two prose paragraphs is a crosshead, not a teaser."""
    after = stats[j + 1 : j + 3]
    return len(after) == 2 and all(s.prose >= 0.6 for s in after)


def _take_short(stats: Sequence[TextStats], hits: Sequence[Rule | None], i: int) -> list[int]:
    """The short readings of a widget: a handful of brief lines without sentence ends."""
    taken: list[int] = []
    for j in range(i + 1, min(len(stats), i + 1 + MAX_CLAIMED // 2)):
        s = stats[j]
        if hits[j] is not None and hits[j].role != "boilerplate":  # type: ignore[union-attr]
            break
        if s.n_words > WIDGET_LINE_MAX_WORDS or s.ends_sentence:
            break
        taken.append(j)
    return taken


_TAKERS: dict[str, tuple[_Taker, str]] = {
    "teasers": (_take_teasers, "context/teaser-after-header"),
    "short": (_take_short, "context/widget-lines"),
    "rest": (_take_rest, "context/comments-section"),
}


def duplicate_blocks(texts: Sequence[str], stats: Sequence[TextStats]) -> set[int]:
    """Later copies of a short block already seen on the page (a headline printed twice).

    Only short blocks are folded and remembered: texts alike once case-folded have the
    same words (`words` reads the folded text), so a long block never equals a short one.
    """
    seen: set[str] = set()
    out: set[int] = set()
    for i, (text, s) in enumerate(zip(texts, stats, strict=True)):
        if s.n_words > DUPLICATE_MAX_WORDS:
            continue
        key = text.casefold()
        if key in seen:
            out.add(i)
        seen.add(key)
    return out


# -- the verdicts ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageAnalysis:
    """What rules and features say about a page's blocks, before the model weighs in."""

    texts: tuple[str, ...]
    language: str | None
    stats: tuple[TextStats, ...]
    hits: tuple[Rule | None, ...]
    claimed: dict[int, str]
    duplicates: frozenset[int]
    matrix: np.ndarray
    rows: tuple[int, ...] | None = None
    """With `scored_only`, the blocks whose rows `matrix` fills (see `scored_rows`)."""
    tables: tuple[tuple[int, int], ...] = ()
    """(start, end) of the runs that read as a flattened data table (`table_runs`)."""


def analyse(
    blocks: Sequence[Block], language: str | None, rules: RuleSet, scored_only: bool = False
) -> PageAnalysis:
    """Rule hits, header claims, repeated blocks and the feature matrix of one page.

    With `scored_only`, the text features of blocks rules decide are not computed (a
    one-stage model never reads their rows).
    """
    texts = tuple(b.text for b in blocks)
    lang = language or guess_language(texts)
    profiles = [block_profile(t, lang) for t in texts]
    stats = tuple(p.stats for p in profiles)
    hits = tuple(rules.match_page(texts, lang, [s.n_words for s in stats]))
    claimed = claim_followers(stats, hits)
    flags = [_rule_flag(h, i in claimed) for i, h in enumerate(hits)]
    kinds = [h.kind if h is not None else "" for h in hits]
    dupes = frozenset(duplicate_blocks(texts, stats))
    for i in glued_teasers(texts, stats):  # after `flags`: the model's features stay as trained
        if hits[i] is None:
            claimed.setdefault(i, "context/glued-teasers")
    rows = scored_rows(hits, claimed, dupes) if scored_only else None
    matrix = profile_matrix(profiles, flags, kinds, rows)
    tables = tuple(table_runs(texts, stats))
    return PageAnalysis(texts, lang, stats, hits, claimed, dupes, matrix, rows, tables)


def classify(
    blocks: Sequence[Block],
    language: str | None,
    rules: RuleSet,
    model: BlockModel | None = None,
) -> list[Verdict]:
    """One verdict per block: `body`, `heading` or `boilerplate`, naming what decided it.

    Args:
        blocks: the capture's blocks, in order.
        language: the page's language code, or None to guess it from stopwords.
        rules: the loaded rule packs.
        model: the block model; the shipped one by default.
    """
    if not blocks:
        return []
    model = model or shipped_model()
    page = analyse(blocks, language, rules, scored_only=model.second is None)
    probs = model.probabilities(page.matrix, [st.n_words for st in page.stats], page.rows)
    return decide(page, probs.tolist(), model.switch_cost)


def scored_rows(
    hits: Sequence[Rule | None], claimed: dict[int, str], dupes: frozenset[int]
) -> tuple[int, ...]:
    """The blocks whose model probability `decide` reads: those no removal or body rule,
    claim or repeat decides, and the neighbours of crosshead rules' blocks."""
    n = len(hits)
    rows = {
        i
        for i, hit in enumerate(hits)
        if (hit is None or hit.role == "heading") and i not in claimed and i not in dupes
    }
    for i, hit in enumerate(hits):
        if hit is not None and hit.role == "heading":
            rows.update(j for j in (i - 1, i + 1) if 0 <= j < n)
    return tuple(sorted(rows))


def decide(page: PageAnalysis, probs: Sequence[float], switch_cost: float) -> list[Verdict]:
    """Combine rule and context decisions with smoothed model probabilities."""
    forced = _forced_probabilities(probs, page.hits, page.claimed, page.duplicates)
    keep = viterbi(forced, switch_cost)
    decided = [
        _decide(i, page.hits[i], page.claimed.get(i), i in page.duplicates, keep[i])
        for i in range(len(page.texts))
    ]
    verdicts = _compose(decided, _never_empty(keep, decided, probs), probs, page.stats)
    return _drop_tail(_keep_tables(verdicts, page, probs), page, probs)


TABLE_LEAD_IN = 3
"""A table is article when a kept block lies at most this many blocks above it."""
TABLE_CELL_RULE_KINDS = ("symbols",)
"""Kinds of rule a table cell overrides: a lone number is boilerplate, except in a table."""


def _keep_tables(
    verdicts: list[Verdict], page: PageAnalysis, probs: Sequence[float]
) -> list[Verdict]:
    """Keep the cells of a data table the article introduces (`context/table`).

    One cell per line, a table's numbers and names look like menu items or counters to
    the rules and the model; a table right under kept article text (its caption, or the
    paragraph announcing it) is part of the article. Only cells removed by the model, as
    a repeat, or by a rule for lone numbers and symbols are restored; lines other rules
    removed at the head of the run (a footer's links) are not part of the table.
    """
    for first, end in page.tables:
        named = [_named_removal(page.hits[i]) or i in page.claimed for i in range(first, end)]
        start = first + named.index(False) if False in named else end
        if not any(v.keep for v in verdicts[max(0, start - TABLE_LEAD_IN) : start]):
            continue
        for i in range(start, end):
            if not verdicts[i].keep and not named[i - first]:
                verdicts[i] = Verdict(role="body", rule="context/table", score=probs[i])
    return verdicts


TAIL_GAP = 4
"""This many removed blocks in a row end a stretch of kept ones."""
TAIL_SHARE = 0.3
"""A kept stretch at the end of the page goes when it weighs less than this share of the
heaviest stretch."""


def _drop_tail(
    verdicts: list[Verdict], page: PageAnalysis, probs: Sequence[float]
) -> list[Verdict]:
    """Remove light kept stretches after the article's main stretch (`context/after-article`).

    Kept blocks form stretches wherever fewer than `TAIL_GAP` removed blocks separate
    them; a stretch weighs its kept words times the square of its share of kept blocks,
    so the article's unbroken run outweighs a list of teasers whose titles, bylines and
    dates were removed between the blurbs. The light stretches that end the page, after
    the last one weighing at least `TAIL_SHARE` of the heaviest, come after the article
    (teaser blurbs, a comment policy, a sidebar's text) and go; a light stretch between
    heavy ones (an article's section between removed tables) stays. Blocks kept by a
    named rule stay.
    """
    stretches = _kept_stretches(verdicts)
    if len(stretches) < 2:
        return verdicts
    weights = [_stretch_weight(stretch, page.stats) for stretch in stretches]
    floor = TAIL_SHARE * max(weights)
    for stretch, weight in zip(stretches[::-1], weights[::-1], strict=True):
        if weight >= floor:
            break
        for i in stretch:
            if page.hits[i] is None:
                verdicts[i] = Verdict(
                    role="boilerplate", rule="context/after-article", score=probs[i]
                )
    return verdicts


def _kept_stretches(verdicts: Sequence[Verdict]) -> list[list[int]]:
    """Kept blocks grouped into stretches split by `TAIL_GAP` or more removed blocks."""
    kept = [i for i, verdict in enumerate(verdicts) if verdict.keep]
    stretches: list[list[int]] = []
    start = 0
    for k in range(1, len(kept) + 1):
        if k == len(kept) or kept[k] - kept[k - 1] > TAIL_GAP:
            stretches.append(kept[start:k])
            start = k
    return stretches


def _stretch_weight(stretch: Sequence[int], stats: Sequence[TextStats]) -> float:
    """Kept words times the squared share of the stretch's blocks that are kept."""
    words = sum(stats[i].n_words for i in stretch)
    density = len(stretch) / (stretch[-1] - stretch[0] + 1)
    return words * density**2


def _named_removal(hit: Rule | None) -> bool:
    """A rule other than the lone-number ones decided the block."""
    return hit is not None and hit.kind not in TABLE_CELL_RULE_KINDS


def _rule_flag(hit: Rule | None, claimed: bool) -> int:
    """0: no rule; 1: removed by a rule or a header's claim; 2: a header that claims."""
    if hit is not None and hit.role == "boilerplate":
        return 2 if hit.takes else 1
    return 1 if claimed else 0


def _forced_probabilities(
    probs: Sequence[float],
    hits: Sequence[Rule | None],
    claimed: dict[int, str],
    dupes: frozenset[int],
) -> list[float]:
    """Model probabilities as the Viterbi pass sees them, with rule decisions pinned.

    Blocks a rule or header claim removes are set to NEUTRAL: their fate is already
    decided, and a "Read also" line inside an article must not drag the paragraphs
    around it out with it. Kept-by-rule blocks count as article.
    """
    out = list(probs)
    for i, hit in enumerate(hits):
        if hit is not None and hit.role == "body":
            out[i] = 1 - PROB_FLOOR
        elif hit is not None and hit.role == "heading":
            out[i] = 1 - PROB_FLOOR if _between_article(probs, i) else out[i]
        elif hit is not None or i in claimed or i in dupes:
            out[i] = NEUTRAL
    return out


def _between_article(probs: Sequence[float], i: int) -> bool:
    """A crosshead rule only counts between blocks the model takes for article text."""
    return 0 < i < len(probs) - 1 and probs[i - 1] >= 0.5 and probs[i + 1] >= 0.5


def _never_empty(
    keep: list[bool], decided: Sequence[Verdict | None], probs: Sequence[float]
) -> list[bool]:
    """If nothing would be kept, keep the undecided blocks the model rates near the best.

    A capture with text never comes out empty; when every block is doubtful, the least
    doubtful ones are the best guess at the article.
    """
    open_ = [i for i, v in enumerate(decided) if v is None]
    if not open_ or any(keep[i] for i in open_) or any(v and v.keep for v in decided):
        return keep
    best = max(probs[i] for i in open_)
    return [decided[i] is None and probs[i] >= best * 0.8 for i in range(len(keep))]


def _decide(i: int, hit: Rule | None, claim: str | None, dupe: bool, kept: bool) -> Verdict | None:
    """The verdict rules and context impose on block `i`, or None to let the model decide.

    A crosshead rule marks a heading only where the block stays in the article; elsewhere
    ("- Menu -") the model's verdict stands.
    """
    if hit is not None and (hit.role != "heading" or kept):
        score = 0.0 if hit.role == "boilerplate" else 1.0
        return Verdict(role=hit.role, rule=hit.name, score=score)
    if claim is not None:
        return Verdict(role="boilerplate", rule=claim, score=0.0)
    if dupe:
        return Verdict(role="boilerplate", rule="context/duplicate-headline", score=0.0)
    return None


def _compose(
    decided: Sequence[Verdict | None],
    keep: Sequence[bool],
    probs: Sequence[float],
    stats: Sequence[TextStats],
) -> list[Verdict]:
    """Fill the blocks no rule decided from the smoothed model, naming the reason."""
    kept = [v.keep if v is not None else k for v, k in zip(decided, keep, strict=True)]
    body_idx = [i for i, k in enumerate(kept) if k and stats[i].prose >= 0.5]
    first, last = (body_idx[0], body_idx[-1]) if body_idx else (len(kept), -1)
    out: list[Verdict] = []
    for i, verdict in enumerate(decided):
        if verdict is not None:
            out.append(verdict)
        elif keep[i]:
            out.append(_kept_verdict(i, kept, probs[i], stats))
        else:
            out.append(_removed_verdict(i, probs[i], stats[i], (first, last), kept))
    return out


def _kept_verdict(i: int, kept: Sequence[bool], prob: float, stats: Sequence[TextStats]) -> Verdict:
    """Body, or a crosshead when a short unpunctuated line sits between kept paragraphs."""
    s = stats[i]
    inside = 0 < i < len(kept) - 1 and kept[i - 1] and kept[i + 1]
    if inside and 0 < s.n_words <= CROSSHEAD_MAX_WORDS and not s.ends_sentence:
        before, after = stats[i - 1], stats[i + 1]
        if before.prose >= 0.5 and after.prose >= 0.5:
            return Verdict(role="heading", rule="context/crosshead", score=prob)
    rule = "model/content" if prob >= 0.5 else "context/inside-article"
    return Verdict(role="body", rule=rule, score=prob)


def _removed_verdict(
    i: int, prob: float, s: TextStats, span: tuple[int, int], kept: Sequence[bool]
) -> Verdict:
    """Name the strongest reason the model (or the smoothing) removed a block.

    `span` is the first and last kept prose block: outside it lie the page's edges.
    """
    outside = i < span[0] or i > span[1]
    between = 0 < i < len(kept) - 1 and not kept[i - 1] and not kept[i + 1]
    if prob > NEUTRAL:
        rule = "context/page-edge" if outside else "context/between-boilerplate"
    elif s.n_words <= WIDGET_LINE_MAX_WORDS and not s.ends_sentence:
        rule = "model/short-no-punctuation"
    elif outside:
        rule = "model/page-edge"
    elif between and s.n_words <= TEASER_TITLE_MAX_WORDS:
        rule = "model/between-boilerplate"
    elif s.stop_density < 0.1:
        rule = "model/few-stopwords"
    else:
        rule = "model/low-content-score"
    return Verdict(role="boilerplate", rule=rule, score=prob)
