"""Raw captures published beside the articles, as evidence a reader can check.

Each capture is copied to `captures/<sha256><ext>` only when its bytes still match the
sha256 its article records. The extension is never one a browser renders as a page
(`.txt` for text and saved HTML alike; `.html.gz` stays a download), so nothing captured
can run on the site's origin.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path

from sitegen.cache import BuildCache, digest, sha256_file
from sitegen.models import SourceArticle


def capture_name(article: SourceArticle) -> str:
    """File name under captures/ for an article's raw capture."""
    gzipped = article.origin_path.lower().endswith(".gz")
    return f"{article.origin_sha256}{'.html.gz' if gzipped else '.txt'}"


def verified_captures(
    articles: Mapping[str, SourceArticle], root: Path, cache: BuildCache | None = None
) -> Iterator[tuple[str, str, Path]]:
    """(slug, file name, path) for every capture found under `root` with its recorded hash;
    a capture whose size and time are unchanged is not hashed again (cache)."""
    cache = cache or BuildCache(None)
    base = root.resolve()
    for slug in sorted(articles):
        article = articles[slug]
        if not article.origin_path or len(article.origin_sha256) != 64:
            continue
        candidate = base / article.origin_path
        if not candidate.is_file():  # most often: the capture is not kept (cheaper than resolve)
            continue
        source = candidate.resolve()
        if not source.is_relative_to(base) or not source.is_file():
            continue
        stat = source.stat()
        key = digest(str(source), stat.st_size, stat.st_mtime_ns, article.origin_sha256)
        if cache.memo("captures", key, partial(_matches, source, article.origin_sha256)):
            yield slug, capture_name(article), source


def _matches(path: Path, sha256: str) -> bool:
    return sha256_file(path) == sha256
