"""`check`: validate content, notes and the built site's internal links, and say how to fix.

Errors fail the command; warnings fail it too with `--strict`. Every message names the
file (and the line, where there is one) and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from sitegen.aliases import alias_index
from sitegen.annotations import load_notes
from sitegen.config import SiteConfig
from sitegen.link import link
from sitegen.link.notes import PlacedNote
from sitegen.load import load_articles
from sitegen.urls import Urls


@dataclass(slots=True)
class Findings:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check(config: SiteConfig) -> Findings:
    """Everything that can be wrong with the archive, in one pass."""
    found = Findings()
    inputs = load_articles(config.content, config.timezone)
    notes = load_notes(config.content)
    entities = config.entities_file if config.entities_file.is_file() else None
    site, errors = link(inputs.articles, notes.notes, alias_index(entities))
    found.errors += [str(e) for e in (*inputs.errors, *notes.errors, *errors)]
    found.warnings += [*inputs.warnings, *notes.warnings]
    for placed in (p for group in site.notes.values() for p in group):
        _check_anchor(placed, found)
    if config.out.is_dir():
        found.errors += broken_links(config.out, config.base_url)
    return found


def field_line(path: Path, key: str) -> int | None:
    """1-based line of `key:` in a file's front matter, for messages an editor can follow."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:")), None)


def _check_anchor(placed: PlacedNote, found: Findings) -> None:
    note, status = placed.note, placed.anchor.status
    where = f"{note.source}:{field_line(Path(note.source), 'quote') or 1}"
    if status == "orphan" and note.status != "withdrawn":
        found.errors.append(
            f"{where}: orphaned note: its quote is no longer in article '{note.article}'; "
            "set 'quote' (and 'prefix'/'suffix') to the passage as it reads now, "
            "or 'status: withdrawn' with the reason in the body"
        )
    elif status == "fuzzy":
        found.warnings.append(
            f"{where}: anchored to edited text ({placed.anchor.score:.0f}% similar); "
            "update 'quote' to the passage as it reads now"
        )


def broken_links(out: Path, base_url: str) -> list[str]:
    """Internal links and fragments in the built HTML that lead nowhere. Absolute URLs on
    the site's own host count as internal; each page is parsed once."""
    pages = {page: _links_and_ids(page) for page in sorted(out.rglob("*.html"))}
    built = _Built(out, Urls(base_url).base_path, urlsplit(base_url).netloc, pages)
    problems = []
    for page, (refs, ids) in pages.items():
        problems += [f"{page}: {p}" for ref in refs if (p := built.broken(ref, ids))]
    return problems


def _links_and_ids(page: Path) -> tuple[list[str], set[str]]:
    document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refs = [
        ref
        for tag in document.find_all(["a", "link", "script", "img"])
        if isinstance(ref := tag.get("href") or tag.get("src"), str) and ref
    ]
    ids = {str(tag["id"]) for tag in document.find_all(id=True)}
    return refs, ids


@dataclass(frozen=True, slots=True)
class _Built:
    """The built site as the link check sees it: where it is, and each page's ids."""

    out: Path
    base_path: str
    host: str
    pages: dict[Path, tuple[list[str], set[str]]]

    def broken(self, ref: str, ids: set[str]) -> str | None:
        """Why `ref` (on a page with `ids`) leads nowhere, or None when it resolves."""
        parts = urlsplit(ref)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", self.host):
            return None
        if not parts.path:
            return None if parts.fragment in ids else f"link to missing anchor #{parts.fragment}"
        if not parts.path.startswith(self.base_path):
            return f"link outside the base path {self.base_path}: {ref}"
        relative = unquote(parts.path[len(self.base_path) :])
        target = self.out / (
            relative + "index.html" if relative == "" or relative.endswith("/") else relative
        )
        if not target.is_file():
            return f"broken link {ref}"
        if parts.fragment and target in self.pages and parts.fragment not in self.pages[target][1]:
            return f"link to missing anchor {ref}"
        return None
