"""Page builders: each yields (URL path, template, context) for one kind of page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from sitegen.link.models import Term
from sitegen.models import SourceArticle
from sitegen.render.context import Context
from sitegen.render.deferred import Deferred, article_inputs, listing_inputs, term_inputs
from sitegen.render.i18n import Strings, language_name, month_name
from sitegen.render.notes import notes_mentioning
from sitegen.render.views import article_view, items, term_list, timeline_svg
from sitegen.urls import TERM_KINDS

PER_PAGE = 20
HOME_LATEST = 20
FEED_SIZE = 50

PageSpec = tuple[str, str, dict[str, Any]]
Spec = tuple[str, str, dict[str, Any] | Deferred]
"""A page whose context may be deferred (built only when its inputs changed)."""


def paginate(slugs: Sequence[str], per_page: int = PER_PAGE) -> list[Sequence[str]]:
    """Slices of at most `per_page`; an empty list still has one (empty) page."""
    return [slugs[i : i + per_page] for i in range(0, len(slugs), per_page)] or [[]]


def site_positions(ctx: Context) -> dict[str, int]:
    """Article slug -> its place in the site's order (newest first), made once per build."""
    found = ctx.indexes.get("positions")
    if not isinstance(found, dict):
        found = ctx.indexes["positions"] = {slug: i for i, slug in enumerate(ctx.site.order)}
    return found


def home_page(ctx: Context) -> Spec:
    """Latest articles, story threads, undated articles and counts."""
    site = ctx.site

    def build() -> dict[str, Any]:
        dated = [s for s in site.order if site.articles[s].date]
        undated = [s for s in site.order if not site.articles[s].date]
        threads = [
            {"names": list(t.names), "items": items(ctx, t.articles)} for t in site.threads[:10]
        ]
        counts = {kind: sum(1 for k, _ in site.terms if k == kind) for kind in TERM_KINDS}
        return {
            "latest": items(ctx, dated[:HOME_LATEST]),
            "more_url": ctx.urls.archive_index() if len(dated) > HOME_LATEST else None,
            "threads": threads,
            "undated": items(ctx, undated),
            "counts": counts | {"articles": len(site.order)},
        }

    return ctx.urls.home(), "index.html", Deferred(listing_inputs(ctx, "home"), build, ctx.language)


def article_pages(
    ctx: Context, strings: dict[str, Strings], slugs: Iterable[str]
) -> Iterator[Spec]:
    """One page per article of `slugs`, its interface in the article's language; its
    context is built only when its inputs changed."""
    position = site_positions(ctx)
    for slug in slugs:
        order = position[slug]
        article = ctx.site.articles[slug]
        language = article.meta.language or ctx.language
        t = strings[language]

        def build(article: SourceArticle = article, t: Strings = t) -> dict[str, Any]:
            return {"article": article_view(ctx, article, t)}

        date = article.date.isoformat()[:10] if article.date else ""
        deferred = Deferred(article_inputs(ctx, article), build, language, date, order)
        yield ctx.urls.article(slug), "article.html", deferred


def term_pages(ctx: Context, t: Strings) -> Iterator[Spec]:
    """An index page per kind, and paginated pages per term (entity or taxonomy)."""
    for kind in TERM_KINDS:
        terms = term_list(ctx.site, kind)
        yield (
            ctx.urls.term_index(kind),
            "terms.html",
            {"kind": kind, "terms": _term_rows(ctx, terms)},
        )
        for term in terms:
            yield from _term_pages(ctx, term, t)


def _term_rows(ctx: Context, terms: list[Term]) -> list[dict[str, Any]]:
    return [
        {"name": t.name, "url": ctx.urls.term(t.kind, t.slug), "count": len(t.articles)}
        for t in terms
    ]


def _term_pages(ctx: Context, term: Term, t: Strings) -> Iterator[Spec]:
    pages = paginate(term.articles)
    for number, chunk in enumerate(pages, start=1):

        def build(number: int = number, chunk: Sequence[str] = chunk) -> dict[str, Any]:
            first = number == 1
            return {
                "kind": term.kind,
                "name": term.name,
                "count": len(term.articles),
                "items": items(ctx, chunk),
                "timeline": timeline_svg(ctx, term, t) if first else "",
                "notes": notes_mentioning(ctx, term.name, t) if first else [],
                "feed_url": ctx.urls.feed(term.kind, term.slug) if _has_feed(term) else None,
                "pagination": _pagination(ctx, term, number, len(pages)),
            }

        deferred = Deferred(term_inputs(ctx, term, number), build, ctx.language)
        yield ctx.urls.term(term.kind, term.slug, number), "term.html", deferred


def _has_feed(term: Term) -> bool:
    return term.kind in ("people", "places", "organizations", "tags")


def _pagination(ctx: Context, term: Term, number: int, total: int) -> dict[str, Any]:
    return _pages(lambda page: ctx.urls.term(term.kind, term.slug, page), number, total)


def _pages(url: Callable[[int], str], number: int, total: int) -> dict[str, Any]:
    """Page number, page count and the neighbouring pages' URLs."""
    return {
        "page": number,
        "pages": total,
        "prev": url(number - 1) if number > 1 else None,
        "next": url(number + 1) if number < total else None,
    }


def archive_pages(ctx: Context, t: Strings) -> Iterator[Spec]:
    """The archive index (years and months), one page per year, paginated pages per month."""
    months = ctx.site.months
    years: dict[int, list[dict[str, Any]]] = {}
    for (year, month), slugs in months.items():
        name = month_name(year, month, t.language)
        url = ctx.urls.archive(year, month)
        years.setdefault(year, []).append({"name": name, "url": url, "count": len(slugs)})
    index = [{"year": y, "url": ctx.urls.archive(y), "months": m} for y, m in years.items()]
    yield ctx.urls.archive_index(), "archive.html", _archive(index, "", [])
    for entry, year in zip(index, years, strict=True):
        yield ctx.urls.archive(year), "archive.html", _archive([entry], str(year), [])
    for (year, month), slugs in months.items():
        yield from _month_pages(ctx, year, month, slugs, t)


def _month_pages(
    ctx: Context, year: int, month: int, slugs: Sequence[str], t: Strings
) -> Iterator[Spec]:
    pages = paginate(slugs)

    def url(number: int) -> str:
        return ctx.urls.archive(year, month, number)

    for number, chunk in enumerate(pages, start=1):

        def build(number: int = number, chunk: Sequence[str] = chunk) -> dict[str, Any]:
            context = _archive([], month_name(year, month, t.language), items(ctx, chunk))
            return context | {"pagination": _pages(url, number, len(pages))}

        inputs = listing_inputs(ctx, "archive", year, month, number)
        yield url(number), "archive.html", Deferred(inputs, build, t.language)


def _archive(
    years: list[dict[str, Any]], heading: str, listed: list[dict[str, Any]]
) -> dict[str, Any]:
    return {"heading": heading, "years": years, "items": listed, "pagination": _pages(str, 1, 1)}


def utility_pages(ctx: Context, bundles: Mapping[str, list[str]]) -> Iterator[PageSpec]:
    """The 404 page GitHub Pages serves for unknown paths, and the search page with the
    search bundles of each language the articles are written in (`bundles`: language ->
    its bundle folders; the first is searched, the others merged into it)."""
    yield ctx.urls.path("404.html"), "404.html", {}
    search = {
        "bundles": [_search_bundle(ctx, lang, names) for lang, names in sorted(bundles.items())],
        "search_script_url": ctx.urls.asset("search.js"),
    }
    yield ctx.urls.path("search/"), "search.html", search


def _search_bundle(ctx: Context, language: str, names: list[str]) -> dict[str, Any]:
    first, *others = (ctx.urls.path(f"{name}/") for name in names)
    return {
        "language": language,
        "name": language_name(language, ctx.language),
        "url": first,
        "merge": others,
    }
