"""Ingest a folder of captures: skip what is done, run the rest in parallel, resolve, write."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.errors import SeedError, SitegenError, one_line
from sitegen.executor import ExecutorSpec, Pool, chunked_map, open_pool
from sitegen.frontmatter import MAX_YAML_CHARS, split_front_matter
from sitegen.ingest.article import SLUG_MAX, article_markdown
from sitegen.ingest.decode import read_seed
from sitegen.ingest.entities import Gazetteer, build_gazetteer, resolve_entities
from sitegen.ingest.metadata import MetaSettings
from sitegen.ingest.pending import Outcome, pending
from sitegen.ingest.pipeline import IngestContext, IngestResult, ingest_seed
from sitegen.ingest.rules import load_rules
from sitegen.ingest.write import Ledger, write_article
from sitegen.load import MAX_ARTICLE_BYTES
from sitegen.models import Article

CHUNK = 8
"""Captures per round trip to a worker: a capture takes about 15 ms, so a chunk is worth
its pickling, and a few slow captures still spread over the workers."""


def make_context(config: SiteConfig) -> IngestContext:
    """Rule packs (shipped and the editors' own) and settings, loaded once per run."""
    extra = [config.rules_dir] if config.rules_dir.is_dir() else []
    settings = MetaSettings(timezone=config.timezone)
    return IngestContext(load_rules(extra), settings, config.language)


def process(path: Path, seeds_dir: Path, ctx: IngestContext, max_bytes: int) -> IngestResult | str:
    """Read and ingest one capture; a user-facing error comes back as its one-line message."""
    try:
        _refuse_outside_link(path, seeds_dir)
        result = ingest_seed(read_seed(path, seeds_dir, max_bytes), ctx)
    except SitegenError as exc:
        return str(exc)
    return replace(result, warnings=tuple(one_line(f"{path}: {w}") for w in result.warnings))


def _refuse_outside_link(path: Path, seeds_dir: Path) -> None:
    """A link in seeds/ to a file elsewhere is not read, so a stray link cannot publish
    a file from outside the archive (as for links out of content/)."""
    inside = path.absolute().is_relative_to(seeds_dir.absolute())
    if inside and not path.resolve().is_relative_to(seeds_dir.resolve()):
        raise SeedError("is a link to a file outside the seeds folder (not read)", path)


def run_all(
    paths: Sequence[Path], config: SiteConfig, ctx: IngestContext, pool: Pool | None = None
) -> list[IngestResult | str]:
    """`process` over every path, in order, on `pool` (the build's, or the default one:
    worker processes when there are enough captures to pay for them)."""
    job = partial(process, seeds_dir=config.seeds, ctx=ctx, max_bytes=config.max_seed_bytes)
    if pool is not None:
        return list(chunked_map(pool, job, paths, CHUNK))
    with open_pool(ExecutorSpec()) as own:
        return list(chunked_map(own, job, paths, CHUNK))


def resolve(results: Iterable[IngestResult], gazetteer: Gazetteer) -> list[Article]:
    """Fill people, places and organisations with canonical names the archive knows."""
    articles = []
    for result in results:
        people, places, organizations = resolve_entities(result.mentions, gazetteer)
        meta = replace(
            result.article.meta, people=people, places=places, organizations=organizations
        )
        articles.append(replace(result.article, meta=meta))
    return articles


def ingest(
    config: SiteConfig,
    paths: Sequence[Path] = (),
    force: bool = False,
    progress: Callable[[Outcome], None] | None = None,
    pool: Pool | None = None,
) -> list[Outcome]:
    """Ingest `paths` (default: every capture in seeds/) into content/articles/, the
    captures cleaned on `pool` (see `run_all`)."""
    ledger = Ledger.load(config.content)
    todo, outcomes = pending(config, paths, force, ledger=ledger)
    # Rule packs are loaded only when a capture needs them: a build with nothing new to
    # ingest does not read and compile them.
    results = run_all(todo, config, make_context(config), pool) if todo else []
    good = [r for r in results if isinstance(r, IngestResult)]
    outcomes += [
        Outcome(str(p), "error", message=r)
        for p, r in zip(todo, results, strict=True)
        if isinstance(r, str)
    ]
    gazetteer = build_gazetteer(_entities_file(config), [r.mentions for r in good])
    for result, article in zip(good, resolve(good, gazetteer), strict=True):
        outcomes.append(replace(_write(article, config, ledger), warnings=result.warnings))
    ledger.save()
    outcomes.sort(key=lambda o: o.seed)
    for outcome in outcomes:
        if progress:
            progress(outcome)
    return outcomes


def _entities_file(config: SiteConfig) -> Path | None:
    return config.entities_file if config.entities_file.is_file() else None


def _write(article: Article, config: SiteConfig, ledger: Ledger) -> Outcome:
    """Write one article under a slug no other capture holds; never over an edited file."""
    slug = _free_slug(article, config, ledger)
    article = replace(article, slug=slug)
    target = config.articles_dir / f"{slug}.md"
    text = article_markdown(article)
    problem = _unloadable(text)
    if problem:
        seed = config.seeds.parent / article.origin_path
        return Outcome(article.origin_path, "error", slug, message=f"{seed}: {problem}")
    status = write_article(ledger, target, slug, article.origin_sha256, text)
    return Outcome(
        article.origin_path,
        "ingested" if status == "written" else status,
        slug,
        article.removed,
        article.meta.review,
    )


def _unloadable(text: str) -> str:
    """Why the loader would refuse this article file, so ingest never writes one it cannot
    build (a capture under the seed limit can still make an article over the loader's)."""
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        return (
            f"the article would be {size / 1e6:.1f} MB, over the "
            f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB an article may be; split the capture"
        )
    front = text.find("\n---\n", 3)
    if front > MAX_YAML_CHARS:
        return (
            f"the article's front matter (its removal log) would be {front / 1e6:.1f} MB, "
            f"over the {MAX_YAML_CHARS / 1e6:.0f} MB the loader reads; split the capture"
        )
    return ""


def _free_slug(article: Article, config: SiteConfig, ledger: Ledger) -> str:
    """The slug this capture was written under before (slugs are stable once written), else
    the title's slug, or slug-<hash> when another capture or a hand-made file owns it."""
    for existing, entry in sorted(ledger.entries.items()):
        if entry.get("origin") == article.origin_sha256:
            return existing
    slug = article.slug
    owner = ledger.entries.get(slug, {}).get("origin")
    taken = owner is not None and owner != article.origin_sha256
    path = config.articles_dir / f"{slug}.md"
    untracked = owner is None and path.exists() and _origin_of(path) != article.origin_sha256
    if taken or untracked:
        suffix = f"-{article.origin_sha256[:8]}"
        return slug[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return slug


def _origin_of(path: Path) -> str:
    """The capture hash a file's front matter names: a file ingest wrote from this capture,
    now edited or with the ledger lost, is this capture's article, not another's."""
    try:
        fields, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, SitegenError):
        return ""
    origin = fields.get("origin")
    return str(origin.get("sha256", "")) if isinstance(origin, dict) else ""
