"""Page features: what a block's place on the page says, and the matrix the model reads.

On a scraped page what surrounds a line says as much as the line itself: repetition,
position, the density of article-like blocks around it, the page's main region and the
rules that matched nearby. `feature_matrix` joins these to the text features of
`sitegen.ingest.features`, one row per block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

import numpy as np

from sitegen.ingest.features import (
    BLOCK_FEATURES,
    Profile,
    TextStats,
    block_profile,
    numeric_cell,
    title_like,
)


def repetition_counts(texts: Sequence[str]) -> list[int]:
    """How often each block's exact text occurs on the page (1 = unique)."""
    counts = Counter(texts)
    return [counts[t] for t in texts]


def earlier_duplicate(texts: Sequence[str]) -> list[bool]:
    """True for a block whose text already occurred earlier on the page."""
    seen: set[str] = set()
    flags = []
    for text in texts:
        flags.append(text in seen)
        seen.add(text)
    return flags


def relative_positions(n: int) -> np.ndarray:
    """Position of each block from 0 (first) to 1 (last); 0.5 for a lone block."""
    positions: np.ndarray = np.arange(n) / (n - 1) if n > 1 else np.full(n, 0.5)
    return positions


def window_means(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of `values` over a window of `radius` blocks either side, clipped at the edges."""
    n = values.size
    prefix = np.concatenate([[0.0], np.cumsum(values)])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - radius, 0), np.minimum(idx + radius + 1, n)
    means: np.ndarray = (prefix[hi] - prefix[lo]) / (hi - lo)
    return means


def shares_before(values: np.ndarray) -> np.ndarray:
    """Share of the page's total of `values` that lies before each block (0 to 1). The
    running sums add left to right as a Python loop would, and the total is the last of
    them, as `sum` adds (Python 3.11): the shares come out bit-identical to the loop's."""
    running = np.cumsum(values)
    total = (running[-1] if running.size else 0.0) or 1.0
    shares: np.ndarray = np.concatenate([[0.0], running[:-1]]) / total
    return shares[: values.size]


def distance_to_flagged(flags: Sequence[bool]) -> list[int]:
    """Blocks to the nearest flagged block (0 on one; a large number when none is)."""
    n = len(flags)
    far = n + 1
    dist = [far] * n
    last = -far
    for i in range(n):
        if flags[i]:
            last = i
        dist[i] = i - last
    last = 2 * n + far
    for i in range(n - 1, -1, -1):
        if flags[i]:
            last = i
        dist[i] = min(dist[i], last - i)
    return dist


PAGE_FEATURES = (
    "position", "log_repeats", "earlier_duplicate", "log_blocks", "prose_w1", "prose_w3",
    "prose_w10", "prose_before", "words_before", "log_dist_prose", "inside_prose_span",
    "words_vs_max", "rule_hit", "rule_header", "after_comments", "after_related",
    "log_since_header", "inside_main_region", "log_dist_main_region", "log_teaser_run",
)  # fmt: skip
NEIGHBOUR_FEATURES = ("log_words", "ends_sentence", "stop_density", "prose", "rule_hit")
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)


def feature_names() -> list[str]:
    """Column names of `feature_matrix`, for the model file and for reading it."""
    names = list(BLOCK_FEATURES) + list(PAGE_FEATURES)
    for offset in NEIGHBOUR_OFFSETS:
        names += [f"{name}@{offset:+d}" for name in NEIGHBOUR_FEATURES]
    return names


def after_kind(kinds: Sequence[str], wanted: str) -> list[float]:
    """1 for blocks after one a rule of kind `wanted` matched (a comments header, say)."""
    out, seen = [], False
    for kind in kinds:
        out.append(float(seen))
        seen = seen or kind == wanted
    return out


def since_flagged(flags: Sequence[bool]) -> list[float]:
    """Blocks since the last flagged block before this one (page length when none)."""
    out, last = [], None
    for i, flag in enumerate(flags):
        out.append(float(i - last if last is not None else len(flags)))
        if flag:
            last = i
    return out


def main_region(stats: Sequence[TextStats]) -> tuple[int, int]:
    """The run of blocks with the most prose words net of non-prose ones (max subarray).

    On a page of menus, teasers and footers around one article, this is the article: the
    stretch where long punctuated paragraphs outweigh everything between them.
    """
    best, best_span = 0.0, (0, -1)
    run, start = 0.0, 0
    for i, s in enumerate(stats):
        gain = s.n_words * (2 * s.prose - 1) if s.prose >= 0.5 else -max(s.n_words, 3.0)
        if run <= 0:
            run, start = 0.0, i
        run += gain
        if run > best:
            best, best_span = run, (start, i)
    return best_span


RUN_BLURB_MAX_WORDS = 80
"""A teaser run's blurb: one sentence-ending paragraph at most this long."""


def teaser_runs(stats: Sequence[TextStats]) -> list[int]:
    """Per block, the length (in pairs) of the run of title-and-blurb pairs it is part of.

    Teaser lists without a header ("More news", then title, blurb, title, blurb…) read
    like prose block by block; the strict alternation of a short unpunctuated line and
    one paragraph is what gives them away. An article's crossheads are followed by
    several paragraphs, which breaks the run.
    """
    n = len(stats)
    runs = [0] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and title_like(stats[j]) and _blurb_like(stats[j + 1]):
            j += 2
        pairs = (j - i) // 2
        runs[i:j] = [pairs] * (j - i)
        i = j if pairs else i + 1
    return runs


def _blurb_like(s: TextStats) -> bool:
    return s.ends_sentence and s.n_words <= RUN_BLURB_MAX_WORDS


_SEAM = re.compile(r"[a-zà-ÿ]{3}[a-zà-ÿ0-9.!?)’'][A-ZÀ-Þ]")
_SEAM_WORD = re.compile(r"(\S*?[a-zà-ÿ]{3}[a-zà-ÿ0-9.!?)’'])([A-ZÀ-Þ][a-zà-ÿ]*)")
_WEAK_SEAM = re.compile(r"[a-zà-ÿ0-9]{2}[A-ZÀ-Þ]")
_WEAK_SEAM_WORD = re.compile(r"(\S*?[a-zà-ÿ0-9]{2})([A-ZÀ-Þ][a-zà-ÿ]*[,.;:!?’']*)")
_SEAM_STRIP = "\"'‘“„:,.!?()"
GLUED_TEASERS_MIN = 2
"""Blocks of that shape on one page before they are read as a teaser list."""
GLUED_TITLE_MIN_WORDS = 3
GLUED_TITLE_CAPITALS = 0.6
"""Share of a glued title's words that open with a capital or a digit (Title Case)."""
GLUED_BLURB_MIN_WORDS = 5
GLUED_SEAM_WITHIN = 25
GLUED_SEAM_CHARS = 200
"""Words and characters from the block's start within which the seam lies (a title's)."""


def glued_teasers(texts: Sequence[str], stats: Sequence[TextStats]) -> list[int]:
    """Blocks that are a teaser's title glued to its blurb, when the page has several.

    Where a page has a teaser's title and blurb in separate elements, the scrape can join
    them with no space: "…At Troy SteakhouseA party of six left…". Such a block opens
    with a Title Case run that ends in a word whose capital follows its lower-case
    letters, then goes on as a sentence; read alone it is prose, and the model keeps it.
    A glued word the page holds twice is a name ("LinkedIn", "AllerVielfalt"), not a seam.
    Once two blocks have a clear seam (four letters before the capital), the page is known
    to glue its teasers, and weaker seams count too ("RunDenny", "250,000The"). The
    model's `log_glued` feature (`features.glued_words`) counts any capital after a
    letter, in one block; this asks more of each seam and reads the page as a whole.
    """
    shortest = GLUED_TITLE_MIN_WORDS + GLUED_BLURB_MIN_WORDS
    candidates = [i for i, s in enumerate(stats) if s.n_words >= shortest]
    clear = [i for i in candidates if _SEAM.search(texts[i], 0, GLUED_SEAM_CHARS)]
    if len(clear) < GLUED_TEASERS_MIN:  # most pages end here, before joining the page
        return []
    page = "\n".join(texts)
    found = [i for i in clear if _opens_with_glued_title(texts[i], page, _SEAM_WORD)]
    if len(found) < GLUED_TEASERS_MIN:
        return []
    weak = [
        i
        for i in candidates
        if _WEAK_SEAM.search(texts[i], 0, GLUED_SEAM_CHARS)
        and _opens_with_glued_title(texts[i], page, _WEAK_SEAM_WORD)
    ]
    return sorted({*found, *weak})


def _opens_with_glued_title(text: str, page: str, pattern: re.Pattern[str]) -> bool:
    """The first word `pattern` reads as a seam, not a name the page repeats, ends a Title
    Case run and a sentence follows it."""
    words = text.split()
    for k, word in enumerate(words[:GLUED_SEAM_WITHIN]):
        seam = pattern.fullmatch(word)
        if seam is None or page.count(word.strip(_SEAM_STRIP)) > 1:
            continue
        title = [*words[:k], seam.group(1)]
        capitals = sum(w[0].isupper() or w[0].isdigit() or w[0] in "\"'‘“$" for w in title)
        return (
            len(title) >= GLUED_TITLE_MIN_WORDS
            and capitals >= GLUED_TITLE_CAPITALS * len(title)
            and len(words) - k >= GLUED_BLURB_MIN_WORDS
        )
    return False


TABLE_MIN_CELLS = 12
"""A table flattened to one cell per line has at least this many cells."""
TABLE_CELL_MAX_WORDS = 4
TABLE_MIN_NUMERIC = 0.3
"""Share of a table's cells that hold numbers only (scores, points, dates, prices)."""
TABLE_TEXT_COLUMN = 0.8
"""Share of text cells in the column that names a table's rows."""
TABLE_PERIODS = range(2, 13)
"""Columns per row a flattened table may have."""
TABLE_REGULARITY = 0.95
"""Share of cells whose numeric-or-not shape repeats one row (period) later, besides
the one row (a header of column names) allowed to differ."""


def table_runs(texts: Sequence[str], stats: Sequence[TextStats]) -> list[tuple[int, int]]:
    """(start, end) of runs of blocks that read as a data table flattened one cell per line.

    A scraper saves each cell of a results table, a standings list or a price table as
    its own line. Menus are runs of short lines too; what sets a table apart is a steady
    row width: numeric and text cells alternate with a fixed period, and many are numbers.
    """
    out: list[tuple[int, int]] = []
    n, i = len(texts), 0
    while i < n:
        j = i
        while j < n and stats[j].n_words <= TABLE_CELL_MAX_WORDS:
            j += 1
        if j - i >= TABLE_MIN_CELLS and _periodic_numbers([numeric_cell(t) for t in texts[i:j]]):
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _periodic_numbers(numeric: Sequence[bool]) -> bool:
    """Enough numeric cells, a row width at which their pattern repeats (3+ rows), and a
    column of text (names, labels): a calendar's grid of day numbers has none."""
    size = len(numeric)
    if sum(numeric) < TABLE_MIN_NUMERIC * size:
        return False
    for period in TABLE_PERIODS:
        pairs = size - period
        if pairs < 2 * period:
            return False
        same = sum(numeric[k] == numeric[k + period] for k in range(pairs))
        if same + period >= TABLE_REGULARITY * pairs:
            return any(
                numeric[column::period].count(False)
                >= TABLE_TEXT_COLUMN * len(numeric[column::period])
                for column in range(period)
            )
    return False


def page_columns(
    texts: Sequence[str],
    stats: Sequence[TextStats],
    rule_hits: Sequence[int],
    kinds: Sequence[str],
) -> np.ndarray:
    """Context columns in PAGE_FEATURES order: position, repetition, the prose around.

    `rule_hits` holds 0 (no rule), 1 (a removal rule) or 2 (a header rule that takes the
    blocks after it) per block; `kinds` the kind of the matching rule ("" for none).
    Columns that are arithmetic over all blocks are numpy array operations; the ones
    that walk the page (repeats, runs, distances) stay loops over lists.
    """
    n = len(texts)
    prose = np.asarray([s.prose for s in stats], dtype=np.float64)
    n_words = np.asarray([s.n_words for s in stats], dtype=np.float64)
    hits = np.asarray(rule_hits, dtype=np.intp)
    flags = prose >= 0.5
    index = np.arange(n)
    flagged = np.flatnonzero(flags)
    first, last = (flagged[0], flagged[-1]) if flagged.size else (n, -1)
    most = float(n_words.max(initial=0.0)) or 1.0
    columns = [
        relative_positions(n),
        [float(c - 1) for c in repetition_counts(texts)],
        earlier_duplicate(texts),
        np.full(n, float(n)),
        window_means(prose, 1),
        window_means(prose, 3),
        window_means(prose, 10),
        shares_before(prose),
        shares_before(n_words),
        distance_to_flagged(flags.tolist()),
        (first <= index) & (index <= last),
        n_words / most,
        hits > 0,
        hits == 2,
        after_kind(kinds, "comments"),
        after_kind(kinds, "related"),
        since_flagged((hits == 2).tolist()),
        *_region_columns(stats),
        teaser_runs(stats),
    ]
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in columns])


def _region_columns(stats: Sequence[TextStats]) -> tuple[np.ndarray, np.ndarray]:
    """Inside the main region (0/1) and the distance to it in blocks (0 inside)."""
    start, end = main_region(stats)
    index = np.arange(len(stats))
    before, after = index < start, index > end
    inside = ~(before | after)
    dist = np.where(before, start - index, np.where(after, index - end, 0))
    return inside.astype(np.float64), dist.astype(np.float64)


def neighbour_columns(rows: np.ndarray) -> np.ndarray:
    """The NEIGHBOUR_FEATURES of the blocks at NEIGHBOUR_OFFSETS (zeros past the edges)."""
    n = rows.shape[0]
    parts = []
    for offset in NEIGHBOUR_OFFSETS:
        shifted = np.zeros_like(rows)
        if offset < 0 and n > -offset:
            shifted[-offset:] = rows[:offset]
        elif offset > 0 and n > offset:
            shifted[:-offset] = rows[offset:]
        parts.append(shifted)
    return np.hstack(parts)


def feature_matrix(
    texts: Sequence[str],
    language: str | None,
    rule_hits: Sequence[int],
    kinds: Sequence[str] | None = None,
    rows: Sequence[int] | None = None,
) -> np.ndarray:
    """One row per block, columns as `feature_names()`: what the learned model reads.

    `kinds` gives the kind of rule that matched each block ("" for none). With `rows`,
    the text features of the other blocks are left at zero (their rows go unread).
    """
    profiles = [block_profile(t, language) for t in texts]
    return profile_matrix(profiles, rule_hits, kinds, rows)


def profile_matrix(
    profiles: Sequence[Profile],
    rule_hits: Sequence[int],
    kinds: Sequence[str] | None = None,
    rows: Sequence[int] | None = None,
) -> np.ndarray:
    """`feature_matrix` from the blocks' profiles: a caller that has them (`analyse`)
    saves looking every block up again."""
    if not profiles:
        return np.zeros((0, len(feature_names())))
    texts = [p.text for p in profiles]
    stats = [p.stats for p in profiles]
    if rows is None:
        vectors = [p.vector for p in profiles]
    else:
        wanted, unread = set(rows), (0.0,) * len(BLOCK_FEATURES)
        vectors = [p.vector if i in wanted else unread for i, p in enumerate(profiles)]
    blocks = np.asarray(vectors, dtype=np.float64)
    page = page_columns(texts, stats, rule_hits, kinds or [""] * len(texts))
    local = np.asarray(
        [
            (s.n_words, s.ends_sentence, s.stop_density, s.prose, h > 0)
            for s, h in zip(stats, rule_hits, strict=True)
        ],
        dtype=np.float64,
    )
    matrix = np.hstack([blocks, page, neighbour_columns(local)])
    logged = _logged_columns()
    matrix[:, logged] = np.log1p(matrix[:, logged])
    return matrix


@cache
def _logged_columns() -> np.ndarray:
    """Columns named `log_…`: counts and distances, compressed with log(1 + x) at the end."""
    return np.asarray([i for i, name in enumerate(feature_names()) if "log_" in name])


PROBABILITY_FEATURES = (
    "p", "p_w1", "p_w2", "p_w5", "p_w10", "p_max_before3", "p_max_after3", "p_mass_before",
    "p_mass_after", "log_dist_likely", "inside_likely_span", "p@-2", "p@-1", "p@+1", "p@+2",
)  # fmt: skip


def probability_columns(probs: Sequence[float], n_words: Sequence[int]) -> np.ndarray:
    """Context from a first model's per-block probabilities, for the second model to read.

    A block between likely article paragraphs is likely article, whatever it looks like
    alone; these columns let the second stage learn that instead of a fixed smoothing.
    Array operations throughout: with a second stage it runs on every page (a list per
    column cost about 6 % of the cleaner's time).
    """
    p = np.asarray(probs, dtype=np.float64)
    n = p.size
    mass = p * np.asarray(n_words, dtype=np.float64)
    before = shares_before(mass)
    total = float(mass.sum()) or 1.0
    likely = p >= 0.5
    where = np.flatnonzero(likely)
    idx = np.arange(n)
    inside = (idx >= where[0]) & (idx <= where[-1]) if where.size else np.zeros(n, dtype=bool)
    dist = np.asarray(distance_to_flagged(likely.tolist()), dtype=np.float64)
    padded = np.concatenate([np.zeros(3), p, np.zeros(3)])
    shifted = [padded[3 + k : 3 + k + n] for k in (-3, -2, -1, 1, 2, 3)]
    columns = [
        p,
        window_means(p, 1),
        window_means(p, 2),
        window_means(p, 5),
        window_means(p, 10),
        np.max(shifted[:3], axis=0),
        np.max(shifted[3:], axis=0),
        before,
        1.0 - before - mass / total,
        np.log1p(dist),
        inside.astype(np.float64),
        shifted[1],
        shifted[2],
        shifted[3],
        shifted[4],
    ]
    return np.stack(columns, axis=1) if n else np.zeros((0, len(PROBABILITY_FEATURES)))
