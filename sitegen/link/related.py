"""Related articles from shared entities and tags, weighted by rarity, via an inverted index.

The cost grows with the archive, not with its square: each article only meets the
articles that share a name with it, at most `NEAREST` of them per name (those closest in
time), and names shared by more than `COMMON_CAP` of the archive are left out of
candidate search.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Mapping

import numpy as np

from sitegen.link.models import Relation, Thread
from sitegen.models import SourceArticle

FEATURE_KINDS = {"people": 1.0, "places": 1.0, "organizations": 1.0, "tags": 0.7}
MAX_RELATED = 5
MIN_SCORE = 0.5
COMMON_CAP = 0.2
COMMON_FLOOR = 50
NEAREST = 100
"""A name in more articles than this relates each of them to the NEAREST closest in time
(half before, half after): in a news archive the nearest coverage is the most related, and
a Zipf-common tag in 20,000 of 100,000 articles would otherwise cost 20,000 steps for each
of them (quadratic growth)."""

Feature = tuple[str, str]


def features(article: SourceArticle) -> set[Feature]:
    """(kind, lower-cased name) pairs the article is about."""
    found: set[Feature] = set()
    for kind in FEATURE_KINDS:
        for name in getattr(article.meta, kind):
            found.add((kind, name.casefold()))
    return found


def build_index(
    articles: Mapping[str, SourceArticle], about: Mapping[str, set[Feature]] | None = None
) -> dict[Feature, list[str]]:
    """Inverted index: each entity or tag -> the slugs of the articles naming it, in time
    order (undated first, then by slug); `about` holds each article's features when the
    caller has them already."""
    index: dict[Feature, list[str]] = defaultdict(list)
    for slug in sorted(articles, key=lambda s: (_when(articles[s]), s)):
        for feature in about[slug] if about is not None else features(articles[slug]):
            index[feature].append(slug)
    return index


def _when(article: SourceArticle) -> float:
    return article.date.timestamp() if article.date is not None else -math.inf


def _apart(a: float, b: float) -> float:
    """Seconds between two articles (ties go to the closest coverage); undated ones last."""
    return abs(a - b) if math.isfinite(a) and math.isfinite(b) else math.inf


def weights(index: Mapping[Feature, list[str]], total: int) -> dict[Feature, float]:
    """Smoothed inverse document frequency: a name in few articles counts more."""
    return {f: FEATURE_KINDS[f[0]] * math.log(1 + total / len(s)) for f, s in index.items()}


def build_related(articles: Mapping[str, SourceArticle]) -> dict[str, tuple[Relation, ...]]:
    """Up to MAX_RELATED related articles per article, best first (then closest in time),
    with the names shared."""
    slugs = sorted(articles)
    about = {slug: features(articles[slug]) for slug in slugs}
    index = build_index(articles, about)
    weight = weights(index, len(articles))
    cap = max(COMMON_FLOOR, int(COMMON_CAP * len(articles)))
    display = _display_names(articles)
    number = {slug: i for i, slug in enumerate(slugs)}
    postings = {f: np.array([number[s] for s in found]) for f, found in index.items()}
    positions = {
        f: {slug: i for i, slug in enumerate(found)}
        for f, found in index.items()
        if NEAREST < len(found) <= cap
    }
    whens = {slug: _when(articles[slug]) for slug in slugs}
    related: dict[str, tuple[Relation, ...]] = {}
    for slug in slugs:
        own = [f for f in sorted(about[slug]) if len(index[f]) <= cap]
        spans = {f: _window(len(index[f]), positions.get(f), slug) for f in own}
        windows = [postings[f][spans[f]] for f in own]
        when = whens[slug]
        ranked = heapq.nsmallest(
            MAX_RELATED,
            _contenders(windows, [weight[f] for f in own], number[slug], slugs),
            key=lambda item: (-item[1], _apart(when, whens[item[0]]), item[0]),
        )
        related[slug] = tuple(
            Relation(other, round(score, 4), _names(shared, weight, display))
            for other, score in ranked
            if score >= MIN_SCORE
            for shared in [_shared(own, spans, positions, about[other], other)]
        )
    return related


def _window(size: int, positions: dict[str, int] | None, slug: str) -> slice:
    """Where `slug`'s candidates lie in a name's postings: all of them, or the NEAREST
    closest in time (half before, half after)."""
    if positions is None:
        return slice(0, size)
    start = min(max(0, positions[slug] - NEAREST // 2), size - NEAREST - 1)
    return slice(start, start + NEAREST + 1)


def _contenders(
    windows: list[np.ndarray], weights: list[float], own: int, slugs: list[str]
) -> list[tuple[str, float]]:
    """The candidates (slug, summed weights of the names shared) scoring at least the
    MAX_RELATED-th best score: only they can rank, so the tie-breaks (time apart, slug)
    are computed for a few. Weights are summed in the names' order (bincount adds in array
    order), so equal sets of names give equal floats."""
    if not windows:
        return []
    found = np.concatenate(windows)
    numbers, slots = np.unique(found, return_inverse=True)
    sums = np.bincount(slots, weights=np.repeat(weights, [len(w) for w in windows]))
    keep = numbers != own
    numbers, sums = numbers[keep], sums[keep]
    if len(sums) > MAX_RELATED:
        floor = np.partition(sums, len(sums) - MAX_RELATED)[len(sums) - MAX_RELATED]
        keep = sums >= floor
        numbers, sums = numbers[keep], sums[keep]
    return [(slugs[n], score) for n, score in zip(numbers.tolist(), sums.tolist(), strict=True)]


def _shared(
    own: list[Feature],
    spans: Mapping[Feature, slice],
    positions: Mapping[Feature, dict[str, int]],
    theirs: set[Feature],
    other: str,
) -> list[Feature]:
    """The names through which `other` was found: shared, and `other` within the window."""
    found = []
    for f in own:
        if f in theirs:
            span, where = spans[f], positions.get(f)
            if where is None or span.start <= where[other] < span.stop:
                found.append(f)
    return found


def _display_names(articles: Mapping[str, SourceArticle]) -> dict[Feature, str]:
    names: dict[Feature, str] = {}
    for slug in sorted(articles):
        for kind in FEATURE_KINDS:
            for name in getattr(articles[slug].meta, kind):
                names.setdefault((kind, name.casefold()), name)
    return names


def _names(
    found: list[Feature], weight: Mapping[Feature, float], display: Mapping[Feature, str]
) -> tuple[str, ...]:
    ordered = sorted(found, key=lambda f: (-weight[f], display[f]))
    return tuple(display[f] for f in ordered)


def build_threads(
    related: Mapping[str, tuple[Relation, ...]],
    ranks: Mapping[str, int] | None = None,
    min_shared: int = 2,
) -> tuple[Thread, ...]:
    """Connected groups of articles that share at least `min_shared` names, largest first.

    A thread is named by its most shared names; `ranks` breaks ties (people first).
    """
    strong = [
        (slug, relation)
        for slug, relations in sorted(related.items())
        for relation in relations
        if len(relation.shared) >= min_shared
    ]
    threads = []
    groups = _components(sorted(related), [(a, r.slug) for a, r in strong])
    group_of = {slug: number for number, members in enumerate(groups) for slug in members}
    edges_of: dict[int, list[Relation]] = defaultdict(list)
    for slug, relation in strong:
        if slug in group_of:
            edges_of[group_of[slug]].append(relation)
    for number, members in enumerate(groups):
        counts: dict[str, int] = defaultdict(int)
        for relation in edges_of[number]:
            for name in relation.shared:
                counts[name] += 1
        top = sorted(counts, key=lambda n: (-counts[n], -(ranks or {}).get(n, 0), n))[:3]
        threads.append(Thread(tuple(top), tuple(members)))
    return tuple(sorted(threads, key=lambda t: (-len(t.articles), t.names)))


def _components(nodes: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """Groups of two or more nodes joined by edges (union-find), members sorted."""
    parent = {node: node for node in nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        parent[root(b)] = root(a)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        groups[root(node)].append(node)
    return [members for members in groups.values() if len(members) > 1]
