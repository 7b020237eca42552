"""Cross-promoted headlines (`see_also`) linked to archive articles by fuzzy title match.

A teaser promotes a story of its day, so a headline links only an article published in
the window of days (WINDOW_DAYS unless configured) before its page was captured: a title
that recurs years apart ("Putin meets Xi in Beijing") names another story. That also
bounds the work by the archive's density in time instead of its size (matching against
every title took 99 s of a 100,000-article build and grew with N²). Within the window,
titles go into a q-gram index and a headline is scored only against those that can reach
MIN_SIMILARITY; the filter is exact (see `TitleIndex.candidates`): the result is the one a
full scan of the window gives.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process, utils

from sitegen.link.models import SeeAlso
from sitegen.models import SourceArticle
from sitegen.runtime import release_freed_memory

MIN_SIMILARITY = 88.0
Q = 3
"""q-gram length: long enough to be selective, short enough for a useful bound on short titles."""
WINDOW_DAYS = 365
"""How far before the capture a promoted article may be published by default (teaser boxes
show the last days' or months' stories; a year leaves room for background pieces). The
`see_also_days` setting changes it; 0 sets no limit."""
SLACK_DAYS = 1
"""How far after the capture: a capture date and a publication date may be a time zone apart."""

IntArray = npt.NDArray[np.int64]

Headlines = tuple[tuple[str, str, tuple[str, ...], int | None, int | None], ...]
"""(slug, title, see_also headlines, day published, day shown) of every article, by slug:
all that matching needs, small enough to send to a worker. Days are proleptic ordinals;
the day shown is the capture's, else the publication's (None: undated, no window)."""


def headlines(articles: Mapping[str, SourceArticle]) -> Headlines:
    entries = []
    for slug in sorted(articles):
        when, meta = articles[slug].date, articles[slug].meta
        published = when.date().toordinal() if when is not None else None
        shown = _day(meta.captured) or published
        entries.append((slug, meta.title, meta.see_also, published, shown))
    return tuple(entries)


def _day(text: str) -> int | None:
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def match_see_also(entries: Headlines, window: int = WINDOW_DAYS) -> dict[str, tuple[SeeAlso, ...]]:
    """Each article's see_also headlines, with the slug of the best-matching other article
    published within `window` days before the capture (0: any day), from `headlines`: a
    job small enough for the pool. The title index is large and short-lived, so its
    memory is handed back once it is freed: the worker that held it goes on to render
    pages for the rest of the build."""
    try:
        return _matched(entries, window)
    finally:
        release_freed_memory()


def _matched(entries: Headlines, window: int) -> dict[str, tuple[SeeAlso, ...]]:
    slugs = [slug for slug, *_ in entries]
    # Titles are normalised once, not once per headline searched (same scores).
    titles = [utils.default_process(title) for _, title, *_ in entries]
    index = TitleIndex(titles, [published for *_, published, _ in entries], window)
    best: dict[tuple[str, int | None], int | None] = {}
    result: dict[str, tuple[SeeAlso, ...]] = {}
    for slug, _, wanted, _, shown in entries:
        links = []
        for headline in wanted:
            if (headline, shown) not in best:
                query = utils.default_process(headline)
                best[headline, shown] = index.best_match(query, shown)
            found = best[headline, shown]
            target = slugs[found] if found is not None else None
            links.append(SeeAlso(headline, target if target != slug else None))
        result[slug] = tuple(links)
    return result


def sorted_tokens(text: str) -> str:
    """The string token_sort_ratio compares: the words sorted, joined by one space."""
    return " ".join(sorted(text.split()))


def qgrams(text: str) -> list[tuple[str, int]]:
    """Each q-gram with its occurrence number, so shared pairs count a multiset overlap."""
    seen: dict[str, int] = {}
    grams = []
    for start in range(len(text) - Q + 1):
        gram = text[start : start + Q]
        seen[gram] = count = seen.get(gram, 0) + 1
        grams.append((gram, count))
    return grams


class TitleIndex:
    """Normalised titles with an inverted index of their q-grams (of the token-sorted form).

    Titles are held in publication order (undated ones last), so the titles of a window
    are a range of ranks. The posting lists of all q-grams are one sorted array of
    q-gram id × title count + rank, so one binary search cuts every list of a query to
    its window; positions given and returned are those of the `titles` sequence. A
    `window` of 0 days is no limit: every title is a candidate.
    """

    def __init__(
        self,
        titles: Sequence[str],
        days: Sequence[int | None] | None = None,
        window: int = WINDOW_DAYS,
    ) -> None:
        self.window = window
        days = list(days) if days is not None else [None] * len(titles)
        self.order = sorted(range(len(titles)), key=lambda i: (days[i] is None, days[i] or 0, i))
        """Rank -> position in `titles`."""
        self.titles = [titles[i] for i in self.order]
        self.days = [d for d in (days[i] for i in self.order) if d is not None]
        """Publication days of the dated titles, ascending (ranks below len(days))."""
        keys = [sorted_tokens(t) for t in self.titles]
        self.lengths: IntArray = np.array([len(k) for k in keys], dtype=np.int64)
        self.grams: dict[tuple[str, int], int] = {}
        """q-gram (with its occurrence number) -> id."""
        entries = [
            self.grams.setdefault(gram, len(self.grams)) * len(keys) + rank
            for rank, key in enumerate(keys)
            for gram in qgrams(key)
        ]
        self.postings: IntArray = np.sort(np.array(entries, dtype=np.int64))
        self.ranks = (self.postings % max(1, len(keys))).astype(np.int32)
        """The rank each posting names (half the bytes to gather per query)."""
        self.alphabet = _alphabet(keys)
        self.bags = np.array([self.bag(k) for k in keys], dtype=np.int64).reshape(len(keys), -1)
        self._need: dict[int, npt.NDArray[np.float64]] = {}
        self.exact: defaultdict[str, list[int]] = defaultdict(list)
        """Token-sorted title -> its ranks: a query equal to one scores 100."""
        for rank, key in enumerate(keys):
            self.exact[key].append(rank)

    def bag(self, text: str) -> IntArray:
        """Character counts, rare characters sharing the last bin (merged bins can only
        raise the overlap, so the bound stays an upper bound on the LCS)."""
        counts = np.zeros(len(self.alphabet) + 1, dtype=np.int64)
        for char, count in Counter(text).items():
            counts[self.alphabet.get(char, len(self.alphabet))] += count
        return counts

    def best_match(self, query: str, shown: int | None = None) -> int | None:
        """Position of the best title scoring at least MIN_SIMILARITY against a normalised
        query, among the undated titles and those of the window before the day `shown`
        (every title when None), or None. Ties go to the title nearest that day, then to
        the first position.

        A query whose words are a title's scores 100, the most there is, so such a title
        is the answer without filtering candidates: the filter's cost grows with the
        window, and most cross-promoted headlines are another article's title.
        """
        spans = self.spans(shown)
        exact = [r for r in self.exact.get(sorted_tokens(query), ()) if _within(r, spans)]
        if exact:
            return self.order[min(exact, key=lambda r: self._preference(r, shown))]
        found = sorted(self.candidates(query, spans), key=lambda r: self._preference(r, shown))
        match = process.extractOne(
            query,
            [self.titles[r] for r in found],
            scorer=fuzz.token_sort_ratio,
            processor=None,
            score_cutoff=MIN_SIMILARITY,
        )
        return self.order[found[match[2]]] if match else None

    def spans(self, shown: int | None) -> list[tuple[int, int]]:
        """Rank ranges (start, stop) of the titles a headline shown on that day may name."""
        dated, total = len(self.days), len(self.titles)
        if shown is None or self.window == 0:
            return [(0, total)]
        start = bisect_left(self.days, shown - self.window)
        return [(start, bisect_right(self.days, shown + SLACK_DAYS)), (dated, total)]

    def _preference(self, rank: int, shown: int | None) -> tuple[int, int, int]:
        """Nearest in time to the day shown first (undated titles after dated ones)."""
        position = self.order[rank]
        if shown is None:
            return 0, 0, position
        if rank >= len(self.days):
            return 1, 0, position
        return 0, abs(self.days[rank] - shown), position

    def candidates(self, query: str, spans: Sequence[tuple[int, int]] | None = None) -> IntArray:
        """Ranks, ascending, of every title in the spans (all by default) that can score
        MIN_SIMILARITY.

        The score is 100·(1 − d/S) for the indel distance d and total length S of the
        token-sorted strings, so a match has d ≤ dmax = 0.12·S (one more here, against
        float rounding), a length difference ≤ dmax, and a longest common subsequence
        L = (S − d)/2. Each of the L − Q + 1 windows of Q consecutive LCS characters is a
        q-gram both strings hold unless a gap inside it holds a deleted or inserted
        character; at most d gaps do, each spoiling Q − 1 windows. So a match shares at
        least L − Q + 1 − (Q − 1)·d q-grams, counted with multiplicity; a title sharing
        fewer cannot match. Where that bound is not positive (short strings) every title
        of a fitting length stays a candidate.
        """
        key = sorted_tokens(query)
        ids = [self.grams[g] for g in qgrams(key) if g in self.grams]
        bases = np.array(ids, dtype=np.int64) * len(self.titles)
        kept = [
            self._span_candidates(key, bases, start, stop)
            for start, stop in spans or [(0, len(self.titles))]
            if stop > start
        ]
        return np.concatenate(kept) if kept else np.zeros(0, dtype=np.int64)

    def _span_candidates(self, key: str, bases: IntArray, start: int, stop: int) -> IntArray:
        """Candidates among the ranks start..stop-1 (the filter of `candidates`)."""
        starts = self.postings.searchsorted(bases + start).tolist()
        stops = self.postings.searchsorted(bases + stop).tolist()
        hits = [self.ranks[a:b] for a, b in zip(starts, stops, strict=True)]
        merged = np.concatenate(hits) if hits else np.zeros(0, dtype=np.int32)
        shared = np.bincount(merged - start, minlength=stop - start)
        found = np.flatnonzero(shared >= self._needs(len(key))[start:stop]) + start
        # The same bound for Q = 1: the LCS is at most the characters both strings hold.
        common = np.minimum(self.bags[found], self.bag(key)).sum(axis=1)
        lcs = (len(key) + self.lengths[found] - self._slack(len(key) + self.lengths[found])) / 2
        kept: IntArray = found[common >= lcs]
        return kept

    def _needs(self, length: int) -> npt.NDArray[np.float64]:
        """Shared q-grams each title needs to match a query of `length` (inf: too long or short)."""
        if length not in self._need:
            total = length + self.lengths
            slack = self._slack(total)
            need = (total - slack) / 2 - Q + 1 - (Q - 1) * slack
            need[np.abs(self.lengths - length) > slack] = np.inf
            self._need[length] = need
        return self._need[length]

    @staticmethod
    def _slack(total: IntArray) -> npt.NDArray[np.float64]:
        """Most indels a match can hold: 0.12 of the total length, plus one against rounding."""
        slack: npt.NDArray[np.float64] = np.floor(total * (1 - MIN_SIMILARITY / 100)) + 1
        return slack


def _within(rank: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= rank < stop for start, stop in spans)


def _alphabet(keys: Sequence[str], size: int = 63) -> dict[str, int]:
    """The most frequent characters of the titles, each its own bin."""
    counts = Counter(char for key in keys for char in key)
    return {
        char: i
        for i, (char, _) in enumerate(sorted(counts.items(), key=lambda c: (-c[1], c[0]))[:size])
    }
