"""Load editors' notes from content/annotations/<article-slug>/<id>.md, validated field by field.

Every problem with a note is reported in one line naming the file, the line where YAML
gives one, and the fix; a bad note is skipped and the rest still build.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, get_args

from sitegen.cache import BuildCache, digest
from sitegen.errors import FrontMatterError, SitegenError
from sitegen.frontmatter import parse_yaml_mapping, split_front_matter
from sitegen.models import Annotation, NoteLink, NoteSource, NoteStatus, NoteType

NOTE_TYPES: tuple[str, ...] = get_args(NoteType)
STATUSES: tuple[str, ...] = get_args(NoteStatus)
TYPE_FIELDS = {
    "fact-check": ("claim", "verdict"),
    "correction": ("correct",),
    "translation": ("lang", "translation"),
}
_KNOWN = {
    "article", "quote", "prefix", "suffix", "occurrence", "type", "author", "date", "updated",
    "status", "sources", "links", "entities", "tags",
    *(f for fs in TYPE_FIELDS.values() for f in fs),
}  # fmt: skip
_BOOLEAN_TEXT = {"verdict"}
"""Fields where an editor's `True`/`False` (a YAML boolean) is meant as text."""
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MAX_NOTE_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class Notes:
    notes: tuple[Annotation, ...]
    errors: tuple[SitegenError, ...]
    warnings: tuple[str, ...]
    reread: frozenset[str] = frozenset()
    """Slugs of the articles of the notes read from their files, not the cache."""


def load_notes(content_dir: Path, cache: BuildCache | None = None) -> Notes:
    """Every note file, sorted by path; invalid ones become errors, unknown keys warnings.
    A file whose size and modification time are unchanged comes from the build cache."""
    folder = content_dir / "annotations"
    notes: list[Annotation] = []
    errors: list[SitegenError] = []
    warnings: list[str] = []
    reread: set[str] = set()
    cache = cache or BuildCache(None)
    where = str(content_dir.resolve())
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        try:
            note, unknown, fresh = _cached_note(path, content_dir, cache, where)
        except SitegenError as exc:
            errors.append(exc)
            continue
        notes.append(note)
        warnings += [f"{path}: unknown annotation key '{k}' (ignored)" for k in unknown]
        if fresh:
            reread.add(note.article)
    return Notes(tuple(notes), tuple(errors), tuple(warnings), frozenset(reread))


def _cached_note(
    path: Path, content_dir: Path, cache: BuildCache, where: str
) -> tuple[Annotation, list[str], bool]:
    """The note and its unknown keys, and whether it was read from its file."""
    try:
        stat = path.stat()
    except OSError:
        return (*load_note(path, content_dir), True)  # names the problem
    key = digest(str(path), where, stat.st_size, stat.st_mtime_ns)
    found: tuple[Annotation, list[str]] | None = cache.get("notes", key)
    if found is not None:
        return (*found, False)
    found = load_note(path, content_dir)
    cache.put("notes", key, found)
    return (*found, True)


def load_note(path: Path, content_dir: Path) -> tuple[Annotation, list[str]]:
    """One note file; FrontMatterError naming every problem at once."""
    if not path.resolve().is_relative_to(content_dir.resolve()):
        raise FrontMatterError("is a link to a file outside the content folder (not read)", path)
    raw = path.read_bytes()
    if len(raw) > MAX_NOTE_BYTES:
        raise FrontMatterError("note is over 1 MB", path)
    fields, body = split_front_matter(raw.decode("utf-8", errors="replace"), str(path))
    problems: list[str] = []
    note = _build(path, content_dir, fields, body, problems)
    if problems or note is None:
        raise FrontMatterError("; ".join(problems), path)
    return note, sorted(set(fields) - _KNOWN)


def _build(
    path: Path, content_dir: Path, fields: dict[str, Any], body: str, problems: list[str]
) -> Annotation | None:
    text = _TextReader(fields, problems)
    note_type = text.choice("type", NOTE_TYPES, required=True)
    status = text.choice("status", STATUSES) or "published"
    if not _ID.match(path.stem):
        problems.append(f"file name '{path.name}' must be a lowercase id such as 'lavrov-quote.md'")
    for key in ("article", "quote", "author", "date"):
        text.required(key)
    for key in TYPE_FIELDS.get(note_type, ()):
        text.required(key, f"a {note_type} note needs '{key}'")
    occurrence = fields.get("occurrence")
    if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
        problems.append("'occurrence' must be a whole number from 1 (the nth match)")
    if problems:
        return None
    return Annotation(
        id=path.stem,
        source=str(path),
        article=text.get("article"),
        quote=str(fields["quote"]),
        type=note_type,  # type: ignore[arg-type]  # checked against NOTE_TYPES above
        author=text.get("author"),
        date=text.get("date"),
        body_markdown=body.strip() + "\n",
        prefix=str(fields.get("prefix") or ""),
        suffix=str(fields.get("suffix") or ""),
        occurrence=occurrence,
        updated=text.get("updated"),
        status=status,  # type: ignore[arg-type]  # checked against STATUSES above
        sources=_sources(fields.get("sources"), problems),
        links=_links(fields.get("links"), problems),
        entities=text.names("entities"),
        tags=text.names("tags"),
        extra=tuple((k, text.get(k)) for f in TYPE_FIELDS.values() for k in f if text.get(k)),
    )


@dataclass(frozen=True, slots=True)
class _TextReader:
    """Reads text fields, recording a problem for each wrong type."""

    fields: Mapping[str, Any]
    problems: list[str]

    def get(self, key: str) -> str:
        value = self.fields.get(key)
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool) and key in _BOOLEAN_TEXT:
            return "True" if value else "False"
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return " ".join(str(value).split())
        self.problems.append(f"'{key}' must be text, not {type(value).__name__}")
        return ""

    def required(self, key: str, message: str = "") -> None:
        if not self.get(key) and not any(p.startswith(f"'{key}'") for p in self.problems):
            self.problems.append(message or f"'{key}' is missing")

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = False) -> str:
        value = self.get(key)
        if value and value not in allowed:
            self.problems.append(f"'{key}' must be one of {', '.join(allowed)}, not {value!r}")
        elif required and not value:
            self.problems.append(f"'{key}' is missing (one of {', '.join(allowed)})")
        return value if value in allowed else ""

    def names(self, key: str) -> tuple[str, ...]:
        items = _as_list(self.fields.get(key))
        if any(isinstance(item, (list, dict)) for item in items):
            self.problems.append(f"'{key}' must be a list of names")
            return ()
        return tuple(" ".join(str(item).split()) for item in items if str(item).strip())


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else ([] if value is None else [value])


def _sources(value: Any, problems: list[str]) -> tuple[NoteSource, ...]:
    found = []
    for item in _as_list(value):
        entry = {"url": item} if isinstance(item, str) else item
        url = str(entry.get("url", "")) if isinstance(entry, dict) else ""
        if not url.startswith(("http://", "https://")):
            problems.append("each of 'sources' needs a 'url' starting with http:// or https://")
            continue
        title, quote = str(entry.get("title") or ""), str(entry.get("quote") or "")
        found.append(NoteSource(url, title, quote))
    return tuple(found)


def _links(value: Any, problems: list[str]) -> tuple[NoteLink, ...]:
    found = []
    for item in _as_list(value):
        entry = {"article": item} if isinstance(item, str) else item
        if not isinstance(entry, dict) or not entry.get("article"):
            problems.append("each of 'links' needs an 'article' slug")
            continue
        found.append(NoteLink(str(entry["article"]), str(entry.get("quote") or "")))
    return tuple(found)


def load_editors(content_dir: Path) -> dict[str, dict[str, str]]:
    """content/editors.yml: `key: {name: ..., url: ...}`; a missing file means no editors."""
    path = content_dir / "editors.yml"
    if not path.is_file():
        return {}
    data = parse_yaml_mapping(path.read_text(encoding="utf-8"), str(path))
    editors: dict[str, dict[str, str]] = {}
    for key, value in data.items():
        entry = value if isinstance(value, dict) else {"name": value}
        editors[key] = {k: str(v) for k, v in entry.items() if k in ("name", "url")}
        if not editors[key].get("url", "https://").startswith(("http://", "https://")):
            # a javascript: or data: page would become a link on every note the editor signs
            raise FrontMatterError(
                f"editor '{key}': 'url' must start with http:// or https://", path
            )
    return editors
