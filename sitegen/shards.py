"""Search bundles: each language's pages split into shards of about `search_shard_articles`
articles (a setting; 1,000 by default).

Pagefind has no incremental mode, so an edited page costs a re-index of its whole bundle
(about 6 s for 5,000 pages). Split by a hash of the article's slug, a bundle holds a fixed
share of the language, an edit re-indexes one shard, and the search page merges a
language's shards in the browser (Pagefind's `mergeIndex`). An article's page and its
notes' pages (the only indexed pages: `articles/<slug>/…`, `annotations/<slug>/…`) share
a shard. Shared by render (the search page lists the bundles) and publish (which writes
them).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

BUNDLE_PREFIX = "pagefind-"


def shard_counts(languages: Iterable[str], per_shard: int) -> dict[str, int]:
    """Language -> number of shards, given each article's language (one item per article)."""
    counts = Counter(languages)
    return {lang: max(1, -(-count // per_shard)) for lang, count in sorted(counts.items())}


def bundle_name(language: str, number: int) -> str:
    """A bundle's folder; the first shard is named as an unsharded bundle."""
    return f"{BUNDLE_PREFIX}{language}" + (f"-{number}" if number else "")


def bundle_of(path: str, language: str, shards: int) -> str:
    """The bundle that indexes the page at `path` (stable while the shard count is)."""
    parts = path.split("/")
    return bundle_name(language, _number(parts[1] if len(parts) > 1 else path, shards))


Held = dict[tuple[str, int], set[str]]
"""(language, shard number) -> the slugs of the articles in that bundle."""


def articles_by_bundle(articles: Iterable[tuple[str, str]], shards: dict[str, int]) -> Held:
    """Each bundle holding at least one article (slug, language), with its slugs: a shard
    no article hashed to has no bundle to search. Taken once a build (a hash per slug)."""
    held: Held = defaultdict(set)
    for slug, language in articles:
        held[language, _number(slug, shards.get(language, 1))].add(slug)
    return held


def bundles_in_use(held: Held) -> dict[str, list[str]]:
    """Language -> its bundles in use, first shard first."""
    numbers: dict[str, list[int]] = defaultdict(list)
    for language, number in sorted(held):
        numbers[language].append(number)
    return {lang: [bundle_name(lang, n) for n in found] for lang, found in numbers.items()}


def bundles_ahead(held: Held, changed: frozenset[str]) -> list[tuple[str, int]]:
    """The bundles holding a `changed` article, when they are not every bundle (else none).
    Rendered first, an edit's bundle is indexed while the rest of the site is keyed and
    written; in a cold build every bundle changed, and an index started early only took
    cores from the page rendering."""
    ahead = sorted(key for key, slugs in held.items() if not slugs.isdisjoint(changed))
    return [] if len(ahead) == len(held) else ahead


def _number(slug: str, shards: int) -> int:
    if shards <= 1:
        return 0
    return int.from_bytes(hashlib.sha256(slug.encode("utf-8")).digest()[:8], "big") % shards
