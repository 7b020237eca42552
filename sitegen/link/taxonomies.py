"""Taxonomies and entities as terms, date archives and the article order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime

from sitegen.link.models import Term
from sitegen.models import SourceArticle
from sitegen.urls import TERM_KINDS, term_slug


def article_order(articles: Iterable[SourceArticle]) -> tuple[str, ...]:
    """Newest first (ties by slug); undated articles after them, by title."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (_utc(a.date), a.slug))
    dated.reverse()
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.meta.title, a.slug))
    return tuple(a.slug for a in dated + undated)


def _utc(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0


def term_names(article: SourceArticle, kind: str) -> tuple[str, ...]:
    """The names an article lists under one taxonomy kind."""
    meta = article.meta
    single = {"sources": meta.source, "sections": meta.section, "languages": meta.language}
    if kind in single:
        return (single[kind],) if single[kind] else ()
    values: tuple[str, ...] = getattr(meta, kind)
    return values


def build_terms(
    articles: Mapping[str, SourceArticle], order: tuple[str, ...]
) -> tuple[dict[tuple[str, str], Term], dict[tuple[str, str], str]]:
    """Every term of every kind with its articles in site order; names merged by slug."""
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    slugs: dict[tuple[str, str], str] = {}
    slug_of: dict[str, str] = {}  # names recur across thousands of articles: slugify once
    for slug in order:
        for kind in TERM_KINDS:
            for name in term_names(articles[slug], kind):
                if name not in slug_of:
                    slug_of[name] = term_slug(name)
                key = (kind, slug_of[name])
                names.setdefault(key, name)
                slugs[(kind, name)] = key[1]
                listed = members[key]
                if not listed or listed[-1] != slug:  # an article's names come together
                    listed.append(slug)
    terms = {key: Term(key[0], names[key], key[1], tuple(found)) for key, found in members.items()}
    return terms, slugs


def build_months(
    articles: Mapping[str, SourceArticle], order: tuple[str, ...]
) -> dict[tuple[int, int], tuple[str, ...]]:
    """(year, month) -> slugs of that month, newest first."""
    months: dict[tuple[int, int], list[str]] = defaultdict(list)
    for slug in order:
        moment = articles[slug].date
        if moment:
            months[(moment.year, moment.month)].append(slug)
    return {key: tuple(value) for key, value in sorted(months.items(), reverse=True)}


def build_neighbours(
    articles: Mapping[str, SourceArticle], order: tuple[str, ...]
) -> dict[str, tuple[str | None, str | None]]:
    """Previous (older) and next (newer) dated article for each dated article."""
    dated = [slug for slug in order if articles[slug].date]
    neighbours: dict[str, tuple[str | None, str | None]] = {}
    for i, slug in enumerate(dated):
        older = dated[i + 1] if i + 1 < len(dated) else None
        newer = dated[i - 1] if i > 0 else None
        neighbours[slug] = (older, newer)
    return neighbours
