"""Render: linked site + theme -> output files (path inside public/, bytes), deterministic."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sitegen.cache import BuildCache, digest, file_digest, tree_stamp
from sitegen.config import SiteConfig
from sitegen.executor import ExecutorSpec, Pool, chunked_map
from sitegen.link.models import Site
from sitegen.render.bodies import StoredBodies, aliases_for, render_bodies
from sitegen.render.captures import verified_captures
from sitegen.render.context import Context
from sitegen.render.deferred import Deferred
from sitegen.render.environment import theme_dirs
from sitegen.render.feeds import build_time, feeds, sitemap
from sitegen.render.i18n import Strings, strings_for
from sitegen.render.notepages import all_notes, index_pages, note_pages, prime_passages
from sitegen.render.notes import linking_notes, naming_key
from sitegen.render.output import SEARCHABLE_WRITTEN, Checkpoint, OutputFile, PageJob, render_page
from sitegen.render.pages import (
    PageSpec,
    Spec,
    archive_pages,
    article_pages,
    home_page,
    site_positions,
    term_pages,
    utility_pages,
)
from sitegen.render.webannotation import export
from sitegen.shards import (
    articles_by_bundle,
    bundle_name,
    bundles_ahead,
    bundles_in_use,
    shard_counts,
)
from sitegen.urls import TERM_KINDS, Urls, output_path

__all__ = [
    "SEARCHABLE_WRITTEN",
    "Checkpoint",
    "Engine",
    "OutputFile",
    "render_site",
    "search_shards",
    "static_files",
]


@dataclass(frozen=True, slots=True)
class Engine:
    """Where rendering runs and what it may reuse: the build cache, the worker pool, and
    the previous build's files (output path -> (key, search language, content hash))."""

    cache: BuildCache = field(default_factory=lambda: BuildCache(None))
    pool: Pool = field(default_factory=lambda: Pool(ExecutorSpec("serial")))
    previous: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)
    changed: frozenset[str] = frozenset()
    """Slugs of the articles whose file or notes were read again (not from the cache):
    their search bundles are rendered first, so the search index starts on them early."""


def render_site(
    site: Site,
    config: SiteConfig,
    root: Path,
    editors: Mapping[str, Any] | None = None,
    engine: Engine | None = None,
) -> Iterator[OutputFile | Checkpoint]:
    """Every page, feed and asset of the site; pages whose key matches the previous
    build's come back without bytes (to be linked, not written). The pages the search
    indexes come first: those of the search bundles holding changed articles (when not all
    of them are), then a checkpoint naming those bundles, then the others; every one of
    them comes before `SEARCHABLE_WRITTEN`."""
    engine = engine or Engine()
    dirs = tuple(theme_dirs(root, config.theme))
    captures = dict(_captures(site, root, engine.cache))
    ctx = _context(site, config, editors, {slug: name for slug, (name, _) in captures.items()})
    ctx = replace(ctx, cache=engine.cache)
    pages = _Pages(ctx, dirs, _strings(site, config, dirs), engine)
    held = articles_by_bundle(_languages(site, config.language), search_shards(site, config))
    pages.bundles = bundles_in_use(held)
    position = site_positions(ctx)
    ordered = {bundle: sorted(slugs, key=position.__getitem__) for bundle, slugs in held.items()}
    keys = {bundle: pages.bundle_key(slugs) for bundle, slugs in ordered.items()}
    bodies = render_bodies(ctx, engine.cache, engine.pool, pages.body_keys(keys.values()))
    ctx = pages.ctx = replace(ctx, bodies=bodies)
    prime_passages(ctx, engine.pool)
    ahead = bundles_ahead(held, engine.changed)
    yield from pages.render(pages.html_specs([(0, [home_page(ctx)])]))
    for bundle in ahead:
        yield from pages.bundle(ordered[bundle], keys[bundle])
    if ahead:
        yield Checkpoint("changed-bundles-written", frozenset(bundle_name(*b) for b in ahead))
    for bundle in sorted(held.keys() - set(ahead)):
        yield from pages.bundle(ordered[bundle], keys[bundle])
    yield SEARCHABLE_WRITTEN  # the (rest of the) search index can start
    yield from pages.grouped(pages.listings_key(), pages.html_specs(pages.listings()))
    yield from pages.render(pages.html_specs(pages.others()))
    yield from pages.grouped(pages.feeds_key(), feeds(ctx))  # not in the sitemap
    yield from pages.render([pages.sitemap()])
    urls = ctx.urls
    yield OutputFile(
        "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {urls.absolute('sitemap.xml')}\n".encode()
    )
    yield OutputFile(".nojekyll", b"")
    yield export(ctx, all_notes(ctx), engine.previous)
    for name, source in sorted(captures.values()):
        reuse = engine.previous.get(f"captures/{name}", ("", ""))[0] == name
        yield OutputFile(f"captures/{name}", None if reuse else source.read_bytes(), name)
    yield from static_files(dirs)


class _Pages:
    """Page specs -> output files: keyed, reused when unchanged, the rest rendered on the
    pool in chunks (contexts are built here, templates run wherever the pool runs them)."""

    def __init__(
        self, ctx: Context, dirs: tuple[Path, ...], strings: dict[str, Strings], engine: Engine
    ) -> None:
        self.ctx, self.dirs, self.strings, self.engine = ctx, dirs, strings, engine
        self.stamp = digest(tree_stamp(*dirs), ctx.urls.base_path)
        self.html_pages: list[tuple[int, int, str, str]] = []
        """(group, order, URL path, lastmod) of each page for the sitemap; a group is a kind
        of page, and pages are listed by group and their order in it (`Deferred.order`;
        insertion order when equal), whatever order they were rendered in."""
        self.bundles: dict[str, list[str]] = {}
        """Language -> its search bundles (for the search page)."""
        self.shared: dict[str, str] = {}
        self.plans: dict[str, _Plan | None] = {}
        """Plans read ahead (for their body keys), each dropped once its group is made."""

    def bundle(self, slugs: list[str], key: str) -> Iterator[OutputFile]:
        """The pages one search bundle indexes (its articles', in the site's order, and
        their notes'), whose inputs hash to `key` (`bundle_key`)."""
        ctx, strings = self.ctx, self.strings
        groups: list[tuple[int, Iterable[Spec]]] = [
            (1, article_pages(ctx, strings, slugs)),
            (4, note_pages(ctx, strings, frozenset(slugs))),
        ]
        return self.grouped(key, self.html_specs(groups), slugs)

    def bundle_key(self, slugs: list[str]) -> str:
        """Everything the pages of a bundle's articles and their bodies are made from
        (`article_inputs`, `note_inputs` and `body_job` of each, and the context all pages
        share), in one hash."""
        ctx, site = self.ctx, self.ctx.site
        return digest(
            "bundle",
            self.stamp,
            [self._shared(language) for language in sorted(self.strings)],
            site.relations_key,
            ctx.aliases_file,
            ctx.aliases_sha,
            ctx.editors_key,
            [
                (
                    slug,
                    site.articles[slug],
                    site.notes.get(slug, ()),
                    linking_notes(ctx, slug),
                    ctx.captures.get(slug),
                )
                for slug in slugs
            ],
        )

    def listings(self) -> list[tuple[int, Iterable[Spec]]]:
        """The term and archive pages: lists made from front matter and dates (and the
        notes naming each term), by group."""
        ctx, t = self.ctx, self.strings[self.ctx.language]
        return [(2, term_pages(ctx, t)), (3, archive_pages(ctx, t))]

    def listings_key(self) -> str:
        """Everything the listings are made from, in one hash."""
        ctx = self.ctx
        shared = self._shared(ctx.language)
        return digest("listings", self.stamp, shared, ctx.site.relations_key, naming_key(ctx))

    def others(self) -> list[tuple[int, Iterable[Spec]]]:
        """Every other HTML page, by group (the search page last: it lists the bundles)."""
        ctx, t = self.ctx, self.strings[self.ctx.language]
        return [(5, index_pages(ctx, t)), (6, utility_pages(ctx, self.bundles))]

    def body_keys(self, keys: Iterable[str]) -> dict[str, str]:
        """Article slug -> its body's key, for the articles of the bundles whose plans
        (under `keys`) are kept: their bodies need no key made again."""
        plans = (self._plan(key) for key in keys)
        return {slug: body for plan in plans if plan is not None for slug, body in plan.bodies}

    def _plan(self, key: str) -> _Plan | None:
        if key not in self.plans:
            found = self.engine.cache.get("page_plans", key)
            self.plans[key] = found if isinstance(found, _Plan) else None
        return self.plans[key]

    def grouped(
        self, key: str, specs: Iterable[Spec], slugs: Iterable[str] = ()
    ) -> Iterator[OutputFile]:
        """A group of pages whose inputs all hash to `key` (with the bodies of the articles
        in `slugs`): when the previous build made them from the same inputs and published
        them, they are linked again without making a spec, a context or a key (keying
        every page of 10,000 articles cost a second of each edit's rebuild); else they
        are rendered as usual and their plan kept for the next build."""
        cache = self.engine.cache
        plan = self._plan(key)
        self.plans.pop(key, None)  # 7.4 MB of plans at 10,000 articles
        if plan is not None and (files := self._replayed(plan)) is not None:
            self.html_pages.extend(plan.listed)
            cache.keep("page_keys", plan.inputs)
            yield from files
            return
        start, made, inputs = len(self.html_pages), [], list[str]()
        for page in self.render(specs, inputs):
            made.append((page.path, page.key))
            yield page
        listed = tuple(self.html_pages[start:])
        stored = self.ctx.bodies
        bodies = tuple(sorted(stored.keys_of(slugs))) if isinstance(stored, StoredBodies) else ()
        cache.put("page_plans", key, _Plan(tuple(made), listed, tuple(inputs), bodies))

    def _replayed(self, plan: _Plan) -> list[OutputFile] | None:
        """The plan's pages as the previous build published them (None: it did not)."""
        previous, files = self.engine.previous, []
        for path, key in plan.pages:
            before = previous.get(path)
            if before is None or before[0] != key:
                return None
            files.append(OutputFile(path, None, key, before[1], before[2]))
        return files

    def html_specs(self, groups: list[tuple[int, Iterable[Spec]]]) -> Iterator[Spec]:
        for group, specs in groups:
            for url, template, context in specs:
                if isinstance(context, Deferred):
                    yield url, template, self._deferred(url, context)
                    self.html_pages.append((group, context.order, url, context.date))
                else:
                    yield from self._listed(group, (url, template, context))

    def _deferred(self, url: str, page: Deferred) -> Deferred:
        """The page's context with the shared one added, hashed with its inputs."""
        ctx, t = self.ctx, self.strings[page.language]
        inputs = digest(page.inputs, self._shared(page.language), url)

        def build() -> dict[str, Any]:
            return _common(ctx, t, url) | page.build()

        return Deferred(inputs, build, page.language, page.date)

    def _shared(self, language: str) -> str:
        """The hash of what every page in `language` shares (strings, URLs, title), taken
        once per language: hashing the strings table per page cost a second at 10,000."""
        found = self.shared.get(language)
        if found is None:
            ctx = self.ctx
            found = digest(self.strings[language], ctx.urls, ctx.title, ctx.language)
            self.shared[language] = found
        return found

    def _listed(self, group: int, spec: PageSpec) -> Iterator[PageSpec]:
        """The page with the shared context added, noted for the sitemap (not the 404)."""
        url, template, context = spec
        lang = context.get("article", {}).get("language", self.ctx.language)
        yield url, template, _common(self.ctx, self.strings[lang], url) | context
        if template != "404.html":
            date = context.get("article", {}).get("date_iso", "")[:10]
            self.html_pages.append((group, 0, url, date))

    def feeds_key(self) -> str:
        """Everything the feeds are made from (`feeds._feed`), in one hash."""
        ctx, stamp = self.ctx, build_time()
        return digest("feeds", self.stamp, ctx.site.relations_key, ctx.urls, ctx.title, stamp)

    def sitemap(self) -> Spec:
        """The sitemap of every HTML page, once they are all listed."""
        ordered = sorted(self.html_pages, key=lambda page: page[:2])  # stable when equal
        return sitemap(self.ctx, [(url, date) for _, _, url, date in ordered])

    def render(
        self, specs: Iterable[Spec], inputs: list[str] | None = None
    ) -> Iterator[OutputFile]:
        """Unchanged pages at once, the others as the pool renders them (in order); the
        page-key inputs of deferred pages are added to `inputs`."""
        ready: deque[OutputFile] = deque()
        used = inputs if inputs is not None else []

        def jobs() -> Iterator[PageJob]:
            for url, template, spec in specs:
                path = output_path(url, self.ctx.urls.base_path)
                before = self.engine.previous.get(path)
                known, context = self._key(template, spec, before, used)
                if before is not None and before[0] == known:
                    ready.append(OutputFile(path, None, known, before[1], before[2]))
                else:
                    yield PageJob(self.dirs, path, template, context, known)

        for page in chunked_map(self.engine.pool, render_page, jobs()):
            yield from _drain(ready)
            yield page
        yield from _drain(ready)

    def _key(
        self,
        template: str,
        context: dict[str, Any] | Deferred,
        before: tuple[str, str, str] | None,
        used: list[str],
    ) -> tuple[str, dict[str, Any]]:
        """The page key and its context; a deferred context whose inputs produced the
        published key before is not built (the empty context is never rendered)."""
        if not isinstance(context, Deferred):
            return digest(self.stamp, template, context), context
        inputs = digest(self.stamp, template, context.inputs)
        used.append(inputs)
        known = self.engine.cache.get("page_keys", inputs)
        if known is not None and before is not None and before[0] == known:
            return str(known), {}
        built = context.build()
        key = digest(self.stamp, template, built)
        self.engine.cache.put("page_keys", inputs, key)
        return key, built


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a group of pages came to in the build that rendered it."""

    pages: tuple[tuple[str, str], ...]
    """(output path, page key) of each page, in the order they were made."""
    listed: tuple[tuple[int, int, str, str], ...]
    """Their sitemap entries (`_Pages.html_pages`)."""
    inputs: tuple[str, ...]
    """The page-key inputs of their deferred contexts, kept in the build cache with them."""
    bodies: tuple[tuple[str, str], ...] = ()
    """(slug, body key) of the articles whose pages these are."""


def _drain(ready: deque[OutputFile]) -> Iterator[OutputFile]:
    while ready:
        yield ready.popleft()


def _captures(site: Site, root: Path, cache: BuildCache) -> Iterator[tuple[str, tuple[str, Path]]]:
    for slug, name, source in verified_captures(site.articles, root, cache):
        yield slug, (name, source)


def _context(
    site: Site, config: SiteConfig, editors: Mapping[str, Any] | None, captures: dict[str, str]
) -> Context:
    entities_file = config.entities_file if config.entities_file.is_file() else None
    urls = Urls(config.base_url)
    sha = file_digest(entities_file)
    aliases = aliases_for(str(entities_file or ""), sha)
    return Context(
        site,
        urls,
        config.title,
        config.language,
        editors or {},
        aliases,
        captures,
        aliases_file=str(entities_file or ""),
        aliases_sha=sha,
    )


def _strings(site: Site, config: SiteConfig, dirs: tuple[Path, ...]) -> dict[str, Strings]:
    """Interface strings for the site's language and every article's language."""
    languages = {config.language}
    languages |= {a.meta.language for a in site.articles.values() if a.meta.language}
    return {lang: strings_for(dirs, lang) for lang in sorted(languages)}


def search_shards(site: Site, config: SiteConfig) -> dict[str, int]:
    """Language -> number of search bundles, by its number of articles."""
    languages = (lang for _, lang in _languages(site, config.language))
    return shard_counts(languages, config.search_shard_articles)


def _languages(site: Site, default: str) -> list[tuple[str, str]]:
    """Each article's slug and language (primary subtag): its search bundles' language."""
    return [
        (slug, (a.meta.language or default).split("-")[0].lower())
        for slug, a in site.articles.items()
    ]


def _common(ctx: Context, t: Strings, url: str) -> dict[str, Any]:
    """Context every HTML page shares: site, navigation, strings, canonical URL."""
    urls = ctx.urls
    nav = [{"key": "home", "url": urls.home()}, {"key": "archive", "url": urls.archive_index()}]
    nav += [{"key": "annotations", "url": urls.path("annotations/")}]
    nav += [
        {"key": kind, "url": urls.term_index(kind)}
        for kind in ("people", "places", "organizations", "tags", "sources")
    ]
    return {
        "site": {
            "title": ctx.title,
            "language": ctx.language,
            "feed_url": urls.feed(),
            "home_url": urls.home(),
        },
        "nav": nav,
        "t": t,
        "lang": t.language,
        "url": url,
        "canonical": urls.absolute(url[len(urls.base_path) :]),
        "css_url": urls.asset("style.css"),
        "url_for_annotations": urls.path("annotations/"),
        "search_url": urls.path("search/"),
        "favicon_url": urls.asset("favicon.svg"),
        "term_kinds": TERM_KINDS,
    }


def static_files(dirs: tuple[Path, ...]) -> Iterator[OutputFile]:
    """Theme assets under static/, the first theme in the chain winning per file."""
    seen: dict[str, Path] = {}
    for theme in dirs:
        static = theme / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else []:
            if path.is_file():
                seen.setdefault("static/" + path.relative_to(static).as_posix(), path)
    for name in sorted(seen):
        yield OutputFile(name, seen[name].read_bytes())
