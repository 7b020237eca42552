"""Cross-promoted headlines (`see_also`) linked to archive articles by fuzzy title match.

Scoring every headline against every title grew with N² (45 s at 10,000 articles), so
titles go into a q-gram index and a headline is scored only against the titles that can
reach MIN_SIMILARITY. The filter is exact (see `TitleIndex.candidates`): the result is
the one a full scan gives, best score first, ties to the first title by slug.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process, utils

from sitegen.link.models import SeeAlso
from sitegen.models import SourceArticle
from sitegen.runtime import release_freed_memory

MIN_SIMILARITY = 88.0
Q = 3
"""q-gram length: long enough to be selective, short enough for a useful bound on short titles."""

IntArray = npt.NDArray[np.int64]


Headlines = tuple[tuple[str, str, tuple[str, ...]], ...]
"""(slug, title, see_also headlines) of every article, by slug: all that matching needs,
small enough to send to a worker."""


def headlines(articles: Mapping[str, SourceArticle]) -> Headlines:
    return tuple(
        (slug, articles[slug].meta.title, tuple(articles[slug].meta.see_also))
        for slug in sorted(articles)
    )


def match_see_also(entries: Headlines) -> dict[str, tuple[SeeAlso, ...]]:
    """Each article's see_also headlines, with the slug of the best-matching other article
    (from `headlines`: a job small enough for the pool). The title index is large and
    short-lived, so its memory is handed back once it is freed: the worker that held it
    goes on to render pages for the rest of the build."""
    try:
        return _matched(entries)
    finally:
        release_freed_memory()


def _matched(entries: Headlines) -> dict[str, tuple[SeeAlso, ...]]:
    slugs = [slug for slug, _, _ in entries]
    # Titles are normalised once, not once per headline searched (same scores).
    index = TitleIndex([utils.default_process(title) for _, title, _ in entries])
    best: dict[str, int | None] = {}
    result: dict[str, tuple[SeeAlso, ...]] = {}
    for slug, _, wanted in entries:
        links = []
        for headline in wanted:
            if headline not in best:
                best[headline] = index.best_match(utils.default_process(headline))
            found = best[headline]
            target = slugs[found] if found is not None else None
            links.append(SeeAlso(headline, target if target != slug else None))
        result[slug] = tuple(links)
    return result


def sorted_tokens(text: str) -> str:
    """The string token_sort_ratio compares: the words sorted, joined by one space."""
    return " ".join(sorted(text.split()))


def qgrams(text: str) -> list[tuple[str, int]]:
    """Each q-gram with its occurrence number, so shared pairs count a multiset overlap."""
    seen: Counter[str] = Counter()
    grams = []
    for start in range(len(text) - Q + 1):
        gram = text[start : start + Q]
        seen[gram] += 1
        grams.append((gram, seen[gram]))
    return grams


class TitleIndex:
    """Normalised titles with an inverted index of their q-grams (of the token-sorted form)."""

    def __init__(self, titles: Sequence[str]) -> None:
        self.titles = list(titles)
        keys = [sorted_tokens(t) for t in self.titles]
        self.lengths: IntArray = np.array([len(k) for k in keys], dtype=np.int64)
        postings: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
        for position, key in enumerate(keys):
            for gram in qgrams(key):
                postings[gram].append(position)
        self.postings = {g: np.array(p, dtype=np.int64) for g, p in postings.items()}
        self.alphabet = _alphabet(keys)
        self.bags = np.array([self.bag(k) for k in keys], dtype=np.int64).reshape(len(keys), -1)
        self._need: dict[int, npt.NDArray[np.float64]] = {}
        self.exact: dict[str, int] = {}
        """Token-sorted title -> its first position: a query equal to one scores 100."""
        for position, key in enumerate(keys):
            self.exact.setdefault(key, position)

    def bag(self, text: str) -> IntArray:
        """Character counts, rare characters sharing the last bin (merged bins can only
        raise the overlap, so the bound stays an upper bound on the LCS)."""
        counts = np.zeros(len(self.alphabet) + 1, dtype=np.int64)
        for char, count in Counter(text).items():
            counts[self.alphabet.get(char, len(self.alphabet))] += count
        return counts

    def best_match(self, query: str) -> int | None:
        """Position of the best title scoring at least MIN_SIMILARITY against a normalised
        query (the first one on a tie, as a full scan), or None.

        A query whose words are a title's scores 100, the most there is, so the first
        such title is the answer without filtering candidates: the filter's cost grows
        with the archive, and most cross-promoted headlines are another article's title.
        """
        exact = self.exact.get(sorted_tokens(query))
        if exact is not None:
            return exact
        found = self.candidates(query)
        match = process.extractOne(
            query,
            [self.titles[i] for i in found],
            scorer=fuzz.token_sort_ratio,
            processor=None,
            score_cutoff=MIN_SIMILARITY,
        )
        return int(found[match[2]]) if match else None

    def candidates(self, query: str) -> IntArray:
        """Positions, ascending, of every title that can score MIN_SIMILARITY.

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
        hits = [self.postings[g] for g in qgrams(key) if g in self.postings]
        merged = np.concatenate(hits) if hits else np.zeros(0, dtype=np.int64)
        shared = np.bincount(merged, minlength=len(self.titles))
        found = np.flatnonzero(shared >= self._needs(len(key)))
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


def _alphabet(keys: Sequence[str], size: int = 63) -> dict[str, int]:
    """The most frequent characters of the titles, each its own bin."""
    counts = Counter(char for key in keys for char in key)
    return {
        char: i
        for i, (char, _) in enumerate(sorted(counts.items(), key=lambda c: (-c[1], c[0]))[:size])
    }
