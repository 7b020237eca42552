"""Load: parse and validate content/articles/*.md; every problem named, the rest still loads."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.cache import BuildCache, digest, pickled
from sitegen.errors import FrontMatterError, SitegenError, one_line
from sitegen.executor import ExecutorSpec, Pool, chunked_map
from sitegen.frontmatter import split_front_matter
from sitegen.models import ArticleMeta, SourceArticle, body_digest, body_of
from sitegen.urls import term_slug

_TEXT = ("title", "summary", "captured", "language", "source", "agency", "section")
_LISTS = ("authors", "tags", "people", "places", "organizations", "see_also", "review")
_KNOWN = {*_TEXT, *_LISTS, "slug", "date", "origin", "removed"}
MAX_ARTICLE_BYTES = 5_000_000
_COUNTED = frozenset({"removed"})
"""Keys whose items are only counted (the removal log: the site shows how many blocks)."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything the link stage needs, with the problems found while loading."""

    articles: tuple[SourceArticle, ...]
    errors: tuple[SitegenError, ...]
    warnings: tuple[str, ...]
    reread: frozenset[str] = frozenset()
    """Slugs of the articles read from their files, not the cache (new or edited)."""


Loaded = tuple[SourceArticle, list[str]] | SitegenError
"""An article and its unknown front matter keys, or the problem that stopped it."""


def load_articles(
    content_dir: Path, timezone: str, cache: BuildCache | None = None, pool: Pool | None = None
) -> Inputs:
    """Every article under content/articles/, sorted by path; bad files become errors.
    A file whose size and modification time are unchanged comes from the cache; the others
    are parsed on the `pool` (YAML front matter is most of a cold build's loading)."""
    articles_dir = content_dir / "articles"
    cache = cache or BuildCache(None)
    where = str(content_dir.resolve())  # once: resolving it per file cost ~0.4 s per 10,000
    paths = sorted(articles_dir.glob("*.md")) if articles_dir.is_dir() else []
    keys = {path: _key(path, where, timezone) for path in paths}
    stored = cache.get_many("articles", (key for key in keys.values() if key))
    found: dict[Path, Loaded] = {p: stored[key] for p, key in keys.items() if key in stored}
    missing = [path for path in paths if path not in found]
    parse = partial(_parsed, content_dir=content_dir, timezone=timezone)
    for path, blob in zip(
        missing, chunked_map(pool or Pool(ExecutorSpec("serial")), parse, missing), strict=True
    ):
        loaded = found[path] = pickle.loads(blob)
        if keys[path] and not isinstance(loaded, SitegenError):
            cache.put("articles", keys[path], loaded, blob)
    inputs = _inputs([(path, found[path]) for path in paths])
    reread = (found[path] for path in missing)
    slugs = frozenset(outcome[0].slug for outcome in reread if isinstance(outcome, tuple))
    return replace(inputs, reread=slugs)


def _parsed(path: Path, content_dir: Path, timezone: str) -> bytes:
    """`try_load`'s outcome pickled where it runs: the build keeps its own unpickled copy
    and stores these bytes (pickling the article in the build process would keep a UTF-8
    copy of each of its non-ASCII strings alive; see `cache.pickled`)."""
    return pickled(try_load(path, content_dir, timezone))


def _key(path: Path, where: str, timezone: str) -> str:
    """The cache key of an article file: its path, size and time ("" when it cannot be read,
    so it is parsed again and the problem named)."""
    try:
        stat = path.stat()
    except OSError:
        return ""
    return digest(str(path), where, stat.st_size, stat.st_mtime_ns, timezone)


def try_load(path: Path, content_dir: Path, timezone: str) -> Loaded:
    """load_article, with its problem returned instead of raised (it runs on workers)."""
    try:
        return load_article(path, content_dir, ZoneInfo(timezone))
    except SitegenError as exc:
        return exc


def _inputs(loaded: list[tuple[Path, Loaded]]) -> Inputs:
    articles: list[SourceArticle] = []
    errors: list[SitegenError] = []
    warnings: list[str] = []
    for path, outcome in loaded:
        if isinstance(outcome, SitegenError):
            errors.append(outcome)
            continue
        article, unknown = outcome
        articles.append(article)
        warnings += [
            one_line(f"{path}: unknown front matter key '{key}' (ignored)") for key in unknown
        ]
    return Inputs(tuple(articles), tuple(errors), tuple(warnings))


def load_article(path: Path, content_dir: Path, zone: ZoneInfo) -> tuple[SourceArticle, list[str]]:
    """One article file -> SourceArticle and its unknown keys; FrontMatterError when invalid."""
    text = _read_text(path, content_dir)
    fields, body = split_front_matter(text, str(path), _COUNTED)
    if not fields:
        raise FrontMatterError(
            "no front matter: an article starts with a --- fenced YAML block", path
        )
    meta = _meta(fields, path)
    slug = _slug(fields, path)
    origin_field = fields.get("origin")
    origin: dict[str, Any] = origin_field if isinstance(origin_field, dict) else {}
    removed = fields.get("removed")
    start = len(text) - len(body)
    article = SourceArticle(
        source=str(path),
        slug=slug,
        meta=meta,
        held_body=None,
        date=parse_date(fields.get("date"), path, zone),
        origin_path=str(origin.get("path", "")),
        origin_sha256=str(origin.get("sha256", "")),
        removed_count=removed if isinstance(removed, int) and not isinstance(removed, bool) else 0,
        body_start=start,
        body_sha=body_digest(body_of(text, start)),
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
