"""Views: the plain dicts templates see, one builder per page kind (templates never see models)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from sitegen.cache import digest
from sitegen.link.models import Site, Term
from sitegen.models import SourceArticle
from sitegen.render.bodies import cached_body
from sitegen.render.context import Context
from sitegen.render.i18n import Strings, long_date, short_date
from sitegen.render.notes import note_view, notes_linking_to
from sitegen.urls import ENTITY_KINDS, term_slug


def link(name: str, url: str | None) -> dict[str, Any]:
    return {"name": name, "url": url}


def term_link(ctx: Context, kind: str, name: str) -> dict[str, Any]:
    slug = ctx.site.term_slugs.get((kind, name)) or term_slug(name)
    return link(name, ctx.urls.term(kind, slug))


def item_view(ctx: Context, article: SourceArticle) -> dict[str, Any]:
    """An article in a list: what a reader needs to choose it (built once, shown on many
    pages; callers extend it with `|`, never in place)."""
    found = ctx.listed.get(article.slug)
    if found is None:
        found = ctx.listed[article.slug] = _item_view(ctx, article)
    return found


def _item_view(ctx: Context, article: SourceArticle) -> dict[str, Any]:
    meta = article.meta
    language = meta.language or ctx.language
    return {
        "title": meta.title,
        "url": ctx.urls.article(article.slug),
        "summary": meta.summary,
        "date_iso": article.date.isoformat() if article.date else "",
        "date_text": short_date(article.date, language) if article.date else "",
        "source": meta.source,
        "language": language,
    }


def items(ctx: Context, slugs: Sequence[str]) -> list[dict[str, Any]]:
    return [item_view(ctx, ctx.site.articles[s]) for s in slugs]


def article_view(ctx: Context, article: SourceArticle, t: Strings) -> dict[str, Any]:
    """Everything the article page shows, in reading order."""
    meta = article.meta
    language = meta.language or ctx.language
    site = ctx.site
    older, newer = site.neighbours.get(article.slug, (None, None))
    return item_view(ctx, article) | {
        "date_long": long_date(article.date, language) if article.date else "",
        "captured": meta.captured,
        "source_link": term_link(ctx, "sources", meta.source) if meta.source else None,
        "section_link": term_link(ctx, "sections", meta.section) if meta.section else None,
        "language_link": term_link(ctx, "languages", language),
        "agency": meta.agency,
        "authors": list(meta.authors),
        "tags": [term_link(ctx, "tags", name) for name in meta.tags],
        "entities": {k: [term_link(ctx, k, n) for n in getattr(meta, k)] for k in ENTITY_KINDS},
        **body_view(ctx, article, t),
        "notes_pointing_here": notes_linking_to(ctx, article.slug, t),
        "see_also": [
            _see_also(ctx, s.headline, s.slug) for s in site.see_also.get(article.slug, ())
        ],
        "related": [
            item_view(ctx, site.articles[r.slug]) | {"shared": ", ".join(r.shared[:4])}
            for r in site.related.get(article.slug, ())
        ],
        "older": item_view(ctx, site.articles[older]) if older else None,
        "newer": item_view(ctx, site.articles[newer]) if newer else None,
        "origin": {
            "path": article.origin_path,
            "sha256": article.origin_sha256,
            "url": ctx.urls.path(f"captures/{ctx.captures[article.slug]}")
            if article.slug in ctx.captures
            else None,
        },
        "review": list(meta.review),
        "removed_count": article.removed_count,
        "jsonld": json_ld(ctx, article),
    }


def body_view(ctx: Context, article: SourceArticle, t: Strings) -> dict[str, Any]:
    """Body blocks with their notes; the first block becomes the dek when it repeats the
    summary, and orphaned notes are listed apart, never dropped."""
    placed = ctx.site.notes.get(article.slug, ())
    html, texts = cached_body(ctx, article, ctx.bodies)
    notes: dict[int, list[dict[str, Any]]] = {}
    for item in placed:
        notes.setdefault(item.anchor.paragraph, []).append(note_view(ctx, item, t, ctx.editors))
    blocks = [{"html": Markup(b), "notes": notes.get(i, [])} for i, b in enumerate(html)]
    dek = None
    if len(blocks) > 1 and texts and article.meta.summary == " ".join(texts[0].split()):
        dek, blocks = blocks[0], blocks[1:]
    return {"dek_block": dek, "blocks": blocks, "orphans": notes.get(-1, [])}


def _see_also(ctx: Context, headline: str, slug: str | None) -> dict[str, Any]:
    return link(headline, ctx.urls.article(slug) if slug else None)


def json_ld(ctx: Context, article: SourceArticle) -> Markup:
    """schema.org NewsArticle, safe to place inside a <script> element; kept in the build
    cache (serialising it for every article on every build cost about a second per 10,000)."""
    url = ctx.urls.absolute(f"articles/{article.slug}/")
    key = digest(url, article.meta, article.date, ctx.language)
    found: str = ctx.cache.memo("jsonld", key, lambda: _json_ld(ctx, article, url))
    return Markup(found)


def _json_ld(ctx: Context, article: SourceArticle, url: str) -> str:
    meta = article.meta
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.title,
        "url": url,
        "inLanguage": meta.language or ctx.language,
    }
    if meta.summary:
        data["description"] = meta.summary
    if article.date:
        data["datePublished"] = article.date.isoformat()
    if meta.source:
        data["publisher"] = {"@type": "Organization", "name": meta.source}
    authors = [{"@type": "Person", "name": a} for a in meta.authors]
    authors += [{"@type": "Organization", "name": meta.agency}] if meta.agency else []
    if authors:
        data["author"] = authors
    mentions = [_thing(kind, name) for kind in ENTITY_KINDS for name in getattr(meta, kind)]
    if mentions:
        data["mentions"] = mentions
    if meta.tags:
        data["keywords"] = list(meta.tags)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _thing(kind: str, name: str) -> dict[str, str]:
    types = {"people": "Person", "places": "Place", "organizations": "Organization"}
    return {"@type": types[kind], "name": name}


def term_list(site: Site, kind: str) -> list[Term]:
    """Terms of one kind, most articles first, then by name."""
    found = [t for (k, _), t in site.terms.items() if k == kind]
    return sorted(found, key=lambda t: (-len(t.articles), t.name.casefold()))


def timeline_svg(ctx: Context, term: Term, t: Strings) -> Markup:
    """Articles per month as a small bar chart, drawn at build time (no JavaScript)."""
    months = sorted({(d.year, d.month) for s in term.articles if (d := ctx.site.articles[s].date)})
    if not months:
        return Markup("")
    counts: dict[tuple[int, int], int] = {}
    for slug in term.articles:
        moment = ctx.site.articles[slug].date
        if moment:
            counts[(moment.year, moment.month)] = counts.get((moment.year, moment.month), 0) + 1
    span = _month_span(months[0], months[-1])
    return Markup(_bars(span, counts, t("timeline_label", name=term.name)))


def _month_span(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    span, (year, month) = [], first
    while (year, month) <= last:
        span.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return span


def _bars(span: list[tuple[int, int]], counts: Mapping[tuple[int, int], int], label: str) -> str:
    """Bars of fixed width (no stretching), with the first and last month written under them."""
    width, height, gap, axis = min(40, max(6, 640 // len(span))), 60, 2, 16
    peak = max(counts.values())
    rects = []
    for i, key in enumerate(span):
        value = counts.get(key, 0)
        bar = max(2, round(height * value / peak)) if value else 0
        rects.append(  # numbers only: nothing to escape (a term has ~120 months)
            f'<rect x="{i * width}" y="{height - bar}" width="{width - gap}" height="{bar}">'
            f"<title>{key[0]}-{key[1]:02d}: {value}</title></rect>"
        )
    total = max(width * len(span), 120)
    first, last = (f"{y}-{m:02d}" for y, m in (span[0], span[-1]))
    ticks = f'<text x="0" y="{height + axis - 3}">{first}</text>'
    if last != first:
        ticks += f'<text x="{total}" y="{height + axis - 3}" text-anchor="end">{last}</text>'
    return (
        f'<svg class="timeline" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {total} {height + axis}" width="{total}" height="{height + axis}">'
        f'<line x1="0" y1="{height}" x2="{total}" y2="{height}"/>{"".join(rects)}{ticks}</svg>'
    )
