"""Link: loaded articles -> Site, every relation computed once and stored by key."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

from sitegen.aliases import Alias, canonical
from sitegen.body import block_texts
from sitegen.cache import BuildCache, digest
from sitegen.errors import SitegenError
from sitegen.executor import ExecutorSpec, Pool, chunked_map
from sitegen.link.models import Relations, Site, Thread
from sitegen.link.notes import place_notes
from sitegen.link.taxonomies import article_order, build_months, build_neighbours, build_terms
from sitegen.models import Annotation, SourceArticle


@dataclass(frozen=True, slots=True)
class Linking:
    """What a build lends `link`: its cache, its worker pool and its see-also window
    (`see_also_days`; None: the matcher's default)."""

    cache: BuildCache = field(default_factory=lambda: BuildCache(None))
    pool: Pool | None = None
    see_also_days: int | None = None


def link(
    articles: Iterable[SourceArticle],
    notes: Iterable[Annotation] = (),
    aliases: Mapping[str, Alias] | None = None,
    linking: Linking | None = None,
) -> tuple[Site, list[SitegenError]]:
    """Relations between articles and notes; a slug two files claim is an error naming both.
    Block texts (of the annotated articles: what notes anchor to), anchors and the
    relations between articles (computed from front matter, dates and the see-also
    window only) come from the build's cache when their inputs are unchanged; see-also
    headlines are matched on its pool meanwhile."""
    linking = linking or Linking()
    cache, days = linking.cache, linking.see_also_days
    notes = list(notes)
    noted = {note.article for note in notes}
    by_slug, errors = unique_slugs(canonical_entities(a, aliases) for a in articles)
    texts = {slug: _block_texts(cache, a) for slug, a in by_slug.items() if slug in noted}
    placed, note_errors = place_notes(notes, by_slug, texts, cache)
    key = digest((days, sorted((slug, a.shown_key) for slug, a in by_slug.items())))
    found: Relations = cache.memo("relations", key, lambda: relations(by_slug, linking.pool, days))
    site = Site(
        **{f.name: getattr(found, f.name) for f in fields(Relations)},
        articles=by_slug,
        texts=texts,
        notes=placed,
        relations_key=key,
    )
    return site, errors + note_errors


def relations(
    by_slug: Mapping[str, SourceArticle], pool: Pool | None = None, see_also_days: int | None = None
) -> Relations:
    """What the articles' front matter and dates alone decide (bodies and notes do not).
    Computed only when the build cache lacks them, so the modules that need NumPy
    (related articles and see-also) are imported here: most builds never need them, and
    importing NumPy cost 90 ms of every no-op build. See-also matching (2 s at 10,000
    articles) runs on the pool while this process relates the articles."""
    from sitegen.link.related import build_related, build_threads  # noqa: PLC0415  # see the docstring
    from sitegen.link.seealso import headlines, match_see_also  # noqa: PLC0415  # see the docstring

    pool = pool or Pool(ExecutorSpec("serial"))
    window = () if see_also_days is None else (see_also_days,)
    see_also = pool.executor(len(by_slug)).submit(match_see_also, headlines(by_slug), *window)
    order = article_order(by_slug.values())
    terms, term_slugs = build_terms(by_slug, order)
    related = build_related(by_slug)
    position = {slug: i for i, slug in enumerate(order)}
    threads = tuple(
        Thread(t.names, tuple(sorted(t.articles, key=position.__getitem__)))
        for t in build_threads(related, name_ranks(by_slug.values()))
    )
    return Relations(
        order=order,
        terms=terms,
        term_slugs=term_slugs,
        related=related,
        see_also=see_also.result(),
        neighbours=build_neighbours(by_slug, order),
        months=build_months(by_slug, order),
        threads=threads,
    )


def _block_texts(cache: BuildCache, article: SourceArticle) -> tuple[str, ...]:
    def compute() -> tuple[str, ...]:
        return body_texts(article.body_markdown)  # read from the file only when missing

    found: tuple[str, ...] = cache.memo("texts", article.body_sha, compute)
    return found


def body_texts(markdown: str) -> tuple[str, ...]:
    """A body's block texts (one Markdown conversion: worth a worker on large archives)."""
    return tuple(block_texts(markdown))


def prime_texts(
    cache: BuildCache, articles: Iterable[SourceArticle], notes: Iterable[Annotation], pool: Pool
) -> None:
    """Put the block texts of every annotated body the cache lacks into it, converted on the
    pool (the other bodies' texts come with their HTML, from the same conversion)."""
    noted = {note.article for note in notes}
    wanted = {a.body_sha: a for a in articles if a.slug in noted}
    missing = {k: a.body_markdown for k, a in wanted.items() if not cache.has("texts", k)}
    for key, texts in zip(missing, chunked_map(pool, body_texts, missing.values()), strict=True):
        cache.put("texts", key, texts)


def canonical_entities(
    article: SourceArticle, aliases: Mapping[str, Alias] | None
) -> SourceArticle:
    """People, places and organisations under their canonical names ("Pequim" -> "Beijing"),
    so an entity named in two languages is one page."""
    if not aliases:
        return article

    def names(kind: str) -> tuple[str, ...]:
        written: tuple[str, ...] = getattr(article.meta, kind)
        return tuple(dict.fromkeys(canonical(kind, name, aliases) for name in written))

    people, places, organizations = names("people"), names("places"), names("organizations")
    meta = article.meta
    if (people, places, organizations) == (meta.people, meta.places, meta.organizations):
        return article  # already canonical: copying it cost 0.2 s per 10,000 articles
    meta = replace(meta, people=people, places=places, organizations=organizations)
    return replace(article, meta=meta)


def name_ranks(articles: Iterable[SourceArticle]) -> dict[str, int]:
    """People rank above organisations, organisations above places, when naming a thread."""
    ranks: dict[str, int] = {}
    for article in articles:
        for rank, names in enumerate(
            (article.meta.places, article.meta.organizations, article.meta.people), 1
        ):
            for name in names:
                ranks[name] = max(ranks.get(name, 0), rank)
    return ranks


def unique_slugs(
    articles: Iterable[SourceArticle],
) -> tuple[dict[str, SourceArticle], list[SitegenError]]:
    """First file (by path) keeps a slug; any other file claiming it is reported and skipped."""
    by_slug: dict[str, SourceArticle] = {}
    errors: list[SitegenError] = []
    for article in sorted(articles, key=lambda a: a.source):
        holder = by_slug.get(article.slug)
        if holder is None:
            by_slug[article.slug] = article
            continue
        message = f"slug '{article.slug}' is already used by {holder.source} (skipped)"
        errors.append(SitegenError(message, article.source))
    return by_slug, errors
