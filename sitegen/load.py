"""Load: parse and validate content/articles/*.md; every problem named, the rest still loads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.cache import BuildCache, digest
from sitegen.errors import FrontMatterError, SitegenError
from sitegen.frontmatter import split_front_matter
from sitegen.models import ArticleMeta, SourceArticle
from sitegen.urls import term_slug

_TEXT = ("title", "summary", "captured", "language", "source", "agency", "section")
_LISTS = ("authors", "tags", "people", "places", "organizations", "see_also", "review")
_KNOWN = {*_TEXT, *_LISTS, "slug", "date", "origin", "removed"}
MAX_ARTICLE_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything the link stage needs, with the problems found while loading."""

    articles: tuple[SourceArticle, ...]
    errors: tuple[SitegenError, ...]
    warnings: tuple[str, ...]


def load_articles(content_dir: Path, timezone: str, cache: BuildCache | None = None) -> Inputs:
    """Every article under content/articles/, sorted by path; bad files become errors.
    A file whose size and modification time are unchanged comes from the cache."""
    articles_dir = content_dir / "articles"
    articles: list[SourceArticle] = []
    errors: list[SitegenError] = []
    warnings: list[str] = []
    cache = cache or BuildCache(None)
    where = str(content_dir.resolve())  # once: resolving it per file cost ~0.4 s per 10,000
    for path in sorted(articles_dir.glob("*.md")) if articles_dir.is_dir() else []:
        try:
            article, unknown = _cached_article(path, content_dir, timezone, cache, where)
        except SitegenError as exc:
            errors.append(exc)
            continue
        articles.append(article)
        warnings += [f"{path}: unknown front matter key '{key}' (ignored)" for key in unknown]
    return Inputs(tuple(articles), tuple(errors), tuple(warnings))


def _cached_article(
    path: Path, content_dir: Path, timezone: str, cache: BuildCache, where: str
) -> tuple[SourceArticle, list[str]]:
    try:
        stat = path.stat()
    except OSError:
        return load_article(path, content_dir, ZoneInfo(timezone))  # names the problem
    key = digest(str(path), where, stat.st_size, stat.st_mtime_ns, timezone)
    found = cache.get("articles", key)
    if found is None:
        found = load_article(path, content_dir, ZoneInfo(timezone))
        cache.put("articles", key, found)
    return found  # type: ignore[no-any-return]  # the table holds load_article's results


def load_article(path: Path, content_dir: Path, zone: ZoneInfo) -> tuple[SourceArticle, list[str]]:
    """One article file -> SourceArticle and its unknown keys; FrontMatterError when invalid."""
    text = _read_text(path, content_dir)
    fields, body = split_front_matter(text, str(path))
    if not fields:
        raise FrontMatterError(
            "no front matter: an article starts with a --- fenced YAML block", path
        )
    meta = _meta(fields, path)
    slug = _slug(fields, path)
    origin_field = fields.get("origin")
    origin: dict[str, Any] = origin_field if isinstance(origin_field, dict) else {}
    removed = fields.get("removed")
    article = SourceArticle(
        source=str(path),
        slug=slug,
        meta=meta,
        body_markdown=body.strip() + "\n",
        date=parse_date(fields.get("date"), path, zone),
        origin_path=str(origin.get("path", "")),
        origin_sha256=str(origin.get("sha256", "")),
        removed_count=len(removed) if isinstance(removed, list) else 0,
    )
    return article, sorted(set(fields) - _KNOWN)


def _read_text(path: Path, content_dir: Path) -> str:
    """Refuse links out of content/, huge files and undecodable bytes, with the file named."""
    if not path.resolve().is_relative_to(content_dir.resolve()):
        raise FrontMatterError("is a link to a file outside the content folder (not read)", path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FrontMatterError(f"cannot read: {exc.strerror or exc}", path) from None
    if len(raw) > MAX_ARTICLE_BYTES:
        raise FrontMatterError(f"article is over {MAX_ARTICLE_BYTES // 1_000_000} MB", path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrontMatterError(f"not UTF-8 text (byte {exc.start})", path) from None


def _meta(fields: dict[str, Any], path: Path) -> ArticleMeta:
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key in _TEXT:
        values[key] = _text(fields.get(key), key, problems)
    for key in _LISTS:
        values[key] = _list(fields.get(key), key, problems)
    if not values["title"] and not any(p.startswith("'title'") for p in problems):
        problems.append("'title' is missing")
    if problems:
        raise FrontMatterError("; ".join(problems), path)
    return ArticleMeta(**values)


def _text(value: Any, key: str, problems: list[str]) -> str:
    if value is None:
        return ""
    if key == "captured" and isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        problems.append(f"'{key}' must be text, not {type(value).__name__}")
        return ""
    return " ".join(value.split())


def _list(value: Any, key: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if any(isinstance(item, (list, dict)) for item in items):
        problems.append(f"'{key}' must be a list of text")
        return ()
    return tuple(" ".join(str(item).split()) for item in items if str(item).strip())


def _slug(fields: dict[str, Any], path: Path) -> str:
    """The front matter slug, or the file name; it must already be a safe URL segment."""
    slug = str(fields.get("slug") or path.stem)
    if term_slug(slug) != slug:
        raise FrontMatterError(f"slug {slug!r} is not a lowercase ASCII URL segment", path)
    return slug


def parse_date(value: Any, path: Path, zone: ZoneInfo) -> datetime | None:
    """ISO text, a YAML date or datetime -> aware datetime; naive ones get the configured zone."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise FrontMatterError(f"'date' is not an ISO 8601 date: {value!r}", path) from None
    else:
        raise FrontMatterError(f"'date' must be a date, not {type(value).__name__}", path)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
