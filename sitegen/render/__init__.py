"""Render: linked site + theme -> output files (path inside public/, bytes), deterministic."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from sitegen.aliases import alias_index
from sitegen.config import SiteConfig
from sitegen.link.models import Site
from sitegen.render.captures import verified_captures
from sitegen.render.context import Context
from sitegen.render.environment import make_env, theme_dirs
from sitegen.render.feeds import feeds, sitemap
from sitegen.render.i18n import Strings, strings_for
from sitegen.render.notepages import all_notes, index_pages, note_pages
from sitegen.render.pages import archive_pages, article_pages, home_page, term_pages, utility_pages
from sitegen.render.webannotation import collection
from sitegen.urls import TERM_KINDS, Urls, output_path


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of the built site."""

    path: str
    """POSIX path relative to the output folder."""
    data: bytes


def render_site(
    site: Site, config: SiteConfig, root: Path, editors: Mapping[str, Any] | None = None
) -> Iterator[OutputFile]:
    """Every page, feed and asset of the site, in a stable order."""
    dirs = tuple(theme_dirs(root, config.theme))
    env = make_env(list(dirs))
    captures = {slug: (name, data) for slug, name, data in verified_captures(site.articles, root)}
    ctx = _context(site, config, editors, {slug: name for slug, (name, _) in captures.items()})
    urls = ctx.urls
    strings = _strings(site, config, dirs)
    t = strings[config.language]
    html_pages: list[tuple[str, str]] = []
    specs = [
        home_page(ctx),
        *article_pages(ctx, strings),
        *term_pages(ctx, t),
        *archive_pages(ctx, t),
        *note_pages(ctx, strings),
        *index_pages(ctx, t),
        *utility_pages(ctx, article_languages(site, config.language)),
    ]
    for url, template, context in specs:
        lang = context.get("article", {}).get("language", config.language)
        yield _render(env, url, template, _common(ctx, strings[lang], url) | context, urls)
        if template != "404.html":
            html_pages.append((url, context.get("article", {}).get("date_iso", "")[:10]))
    for url, template, context in [*feeds(ctx), sitemap(ctx, html_pages)]:
        yield _render(env, url, template, context, urls)
    yield OutputFile(
        "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {urls.absolute('sitemap.xml')}\n".encode()
    )
    yield OutputFile(".nojekyll", b"")
    yield OutputFile("annotations.jsonld", collection(ctx, all_notes(ctx)).encode("utf-8"))
    for name, data in sorted(captures.values()):
        yield OutputFile(f"captures/{name}", data)
    yield from static_files(dirs)


def _context(
    site: Site, config: SiteConfig, editors: Mapping[str, Any] | None, captures: dict[str, str]
) -> Context:
    entities_file = config.entities_file if config.entities_file.is_file() else None
    urls = Urls(config.base_url)
    aliases = alias_index(entities_file)
    return Context(site, urls, config.title, config.language, editors or {}, aliases, captures)


def _strings(site: Site, config: SiteConfig, dirs: tuple[Path, ...]) -> dict[str, Strings]:
    """Interface strings for the site's language and every article's language."""
    languages = {config.language}
    languages |= {a.meta.language for a in site.articles.values() if a.meta.language}
    return {lang: strings_for(dirs, lang) for lang in sorted(languages)}


def article_languages(site: Site, default: str) -> list[str]:
    """Languages of the articles (primary subtags), each with a search bundle of its own."""
    found = {(a.meta.language or default).split("-")[0].lower() for a in site.articles.values()}
    return sorted(found)


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


def _render(
    env: jinja2.Environment, url: str, template: str, context: dict[str, Any], urls: Urls
) -> OutputFile:
    text = env.get_template(template).render(context)
    return OutputFile(output_path(url, urls.base_path), text.encode("utf-8"))


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
