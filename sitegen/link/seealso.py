"""Cross-promoted headlines (`see_also`) linked to archive articles by fuzzy title match."""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz, process, utils

from sitegen.link.models import SeeAlso
from sitegen.models import SourceArticle

MIN_SIMILARITY = 88.0


def build_see_also(articles: Mapping[str, SourceArticle]) -> dict[str, tuple[SeeAlso, ...]]:
    """Each article's see_also headlines, with the slug of the best-matching other article."""
    slugs = sorted(articles)
    # Titles are normalised once, not once per headline searched (same scores).
    titles = [utils.default_process(articles[s].meta.title) for s in slugs]
    result: dict[str, tuple[SeeAlso, ...]] = {}
    for slug in slugs:
        links = []
        for headline in articles[slug].meta.see_also:
            match = process.extractOne(
                utils.default_process(headline),
                titles,
                scorer=fuzz.token_sort_ratio,
                processor=None,
                score_cutoff=MIN_SIMILARITY,
            )
            target = slugs[match[2]] if match else None
            links.append(SeeAlso(headline, target if target != slug else None))
        result[slug] = tuple(links)
    return result
