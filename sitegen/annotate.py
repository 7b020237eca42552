"""`annotate <slug> "<quote>"`: start a new note with its front matter filled in.

The only command that writes into content/annotations/, and it only ever creates a new
file: an existing note is never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from slugify import slugify

from sitegen.annotations import TYPE_FIELDS
from sitegen.body import block_texts
from sitegen.config import SiteConfig
from sitegen.errors import SitegenError
from sitegen.frontmatter import dump_front_matter
from sitegen.link.anchoring import Selector, anchor, unique_context
from sitegen.load import load_article

NOTE_TEMPLATE = (
    "Write the note here, in Markdown. Link other articles as [title](article:<slug>).\n"
)


def annotate(config: SiteConfig, slug: str, quote: str, options: NoteOptions) -> Path:
    """Write content/annotations/<slug>/<id>.md for `quote`; return its path."""
    source = config.articles_dir / f"{slug}.md"
    if not source.is_file():
        raise SitegenError(f"no article '{slug}' in {config.articles_dir}")
    article, _ = load_article(source, config.content, ZoneInfo(config.timezone))
    texts = block_texts(article.body_markdown)
    paragraph, start, end = _locate(texts, quote, options.occurrence, source)
    prefix, suffix = unique_context(texts, paragraph, start, end)
    fields = {
        "article": slug,
        "quote": texts[paragraph][start:end],
        "prefix": prefix,
        "suffix": suffix,
        "type": options.type,
        "author": options.author,
        "date": date.today().isoformat(),
    }
    fields |= dict.fromkeys(TYPE_FIELDS.get(options.type, ()), "")
    target = _new_path(config.content / "annotations" / slug, quote)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite a note
        handle.write(dump_front_matter(fields, NOTE_TEMPLATE))
    return target


@dataclass(frozen=True, slots=True)
class NoteOptions:
    type: str = "context"
    author: str = "editor"
    occurrence: int = 1
    """Which match of a repeated quote the note is about (1 = first)."""


def _locate(texts: list[str], quote: str, occurrence: int, source: Path) -> tuple[int, int, int]:
    """The quote's place in the text (the nth of several), or an error naming the article."""
    found = anchor(Selector(quote), texts)
    if found.status == "exact":
        return found.paragraph, found.start, found.end
    if found.status == "ambiguous" and 0 < occurrence <= len(found.matches):
        return found.matches[occurrence - 1]
    if found.status == "ambiguous":
        raise SitegenError(
            f"the quote occurs {len(found.matches)} times; pick one with --occurrence", source
        )
    raise SitegenError(f"the quote is not in the article's text: {quote!r}", source)


def _new_path(folder: Path, quote: str) -> Path:
    """A file name from the quote's first words, numbered when taken."""
    stem = slugify(quote, max_length=40, word_boundary=True) or "note"
    candidate, number = folder / f"{stem}.md", 2
    while candidate.exists():
        candidate, number = folder / f"{stem}-{number}.md", number + 1
    return candidate
