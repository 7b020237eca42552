"""Plain, frozen data passed between pipeline stages."""

from __future__ import annotations

import hashlib
import operator
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from sitegen.errors import SitegenError

T = TypeVar("T")


def tuple_pickled(*shared: str) -> Callable[[type[T]], type[T]]:
    """Pickle a frozen, slotted dataclass as the tuple of its fields.

    The dataclass default looks the fields up again for every object, and a build
    unpickles tens of thousands from its cache (0.6 s of 1 s at 10,000 articles). Only for
    classes nothing subclasses: a subclass would inherit the parent's field list.
    The `shared` fields (text, or tuples of text) are interned when unpickled: names that
    thousands of articles repeat (tags, people, sources) are then held once.
    """

    def decorate(cls: type[T]) -> type[T]:
        names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]  # a dataclass, by contract
        if unknown := sorted(set(shared) - set(names)):
            raise TypeError(f"{cls.__name__} has no fields {unknown} to intern")
        get = operator.attrgetter(*names)
        interned = tuple(name in shared for name in names)

        def getstate(self: T) -> tuple[Any, ...]:
            found = get(self)
            return found if len(names) > 1 else (found,)

        def setstate(self: T, state: tuple[Any, ...]) -> None:
            for name, value in zip(names, state, strict=True):
                object.__setattr__(self, name, value)

        def setstate_interned(self: T, state: tuple[Any, ...]) -> None:
            for name, value, intern in zip(names, state, interned, strict=True):
                object.__setattr__(self, name, _interned(value) if intern else value)

        setattr(cls, "__getstate__", getstate)  # noqa: B010  # replaces the dataclass default
        setattr(cls, "__setstate__", setstate_interned if shared else setstate)  # noqa: B010
        return cls

    return decorate


def _interned(value: Any) -> Any:
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, tuple):
        return tuple(sys.intern(item) if isinstance(item, str) else item for item in value)
    return value


SeedKind = Literal["text", "html", "markdown"]


@dataclass(frozen=True, slots=True)
class Seed:
    """A raw capture, decoded; the file on disk is never modified."""

    path: str
    """POSIX path as recorded in `origin` (relative to the seeds folder when inside it)."""
    sha256: str
    """Hex digest of the raw bytes."""
    kind: SeedKind
    text: str
    """Decoded text; for HTML the whole document, for Markdown the whole file."""
    encoding: str
    """Encoding the bytes were decoded from."""
    repaired: bool = False
    """True when mojibake was repaired after decoding."""
    warnings: tuple[str, ...] = ()
    """Problems that were worked around (stray NUL bytes removed, ...), for the ingest report."""


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-sized unit of a capture: a non-blank line of the text."""

    index: int
    text: str
    line: int
    """1-based line of the seed where the block starts."""
    end_line: int
    """1-based line where it ends (same as `line` for one-line blocks)."""


BlockRole = Literal["body", "heading", "boilerplate"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The cleaner's decision for one block, with the rule or feature that made it."""

    role: BlockRole
    rule: str
    """Name shown in the removal log, e.g. `pt/promos#telegram` or `context/teaser-after-header`."""
    score: float = 0.0
    """Content probability where a model decided, else 1.0 (kept) or 0.0 (removed)."""

    @property
    def keep(self) -> bool:
        return self.role != "boilerplate"


@dataclass(frozen=True, slots=True)
class Removal:
    """A block left out of the body, logged so an editor can restore it."""

    text: str
    lines: str
    """Seed lines, `"12"` or `"13-14"`."""
    rule: str


@tuple_pickled(
    "captured",
    "language",
    "source",
    "agency",
    "authors",
    "section",
    "tags",
    "people",
    "places",
    "organizations",
    "review",
)
@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Metadata extracted from a capture; every field may be empty."""

    title: str = ""
    summary: str = ""
    date: str = ""
    """ISO 8601 date-time with offset, or empty when unknown."""
    captured: str = ""
    """ISO date the capture was made, where the capture shows it."""
    language: str = ""
    source: str = ""
    agency: str = ""
    authors: tuple[str, ...] = ()
    section: str = ""
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    """Fields a person should check."""


@dataclass(frozen=True, slots=True)
class Article:
    """An ingested article: what `content/articles/<slug>.md` holds."""

    slug: str
    meta: ArticleMeta
    body: tuple[str, ...]
    """Paragraphs; crossheads are `## Heading`."""
    origin_path: str
    origin_sha256: str
    removed: tuple[Removal, ...] = field(default=())


@tuple_pickled()
@dataclass(frozen=True, slots=True, repr=False)
class SourceArticle:
    """An article as the site sees it: validated front matter plus the editor's Markdown.

    A loaded article does not hold its body: `body_markdown` reads it from the file again
    (a page needs it only when its body is rendered), so the bodies of a large archive are
    never all in memory (about 390 MB at 100,000 articles). Equality uses the body's hash,
    and the repr a hash of every field (`key`): build-cache keys are hashes of reprs, and
    every article is part of several keys on every build.
    """

    source: str
    """Path of the file as found (content folder included), for messages naming it."""
    slug: str
    meta: ArticleMeta
    held_body: str | None = field(repr=False, compare=False)
    """The Markdown body, or None when it is read from `source` when asked for."""
    date: datetime | None
    """Aware publication date-time, or None when the article is undated."""
    origin_path: str = ""
    origin_sha256: str = ""
    removed_count: int = 0
    body_start: int = field(default=-1, repr=False, compare=False)
    """Where the body begins in the text of `source`, when it is not held."""
    body_sha: str = ""
    """sha256 of the body: its identity in cache keys (computed when the body is held)."""
    shown_key: str = field(default="", init=False, compare=False)
    """Hash of the slug, front matter and date: what other pages show of the article."""
    key: str = field(default="", init=False, compare=False)
    """Hash of every compared field (the body by its hash): the article in cache keys.
    Both are taken once, where the article is parsed, and cached with it: hashing the
    reprs of 10,000 articles took 0.07 s, and a build took three such keys of each."""

    def __post_init__(self) -> None:
        if self.held_body is not None:
            object.__setattr__(self, "body_sha", body_digest(self.held_body))  # frozen: once
        elif self.body_start < 0 or not self.body_sha:
            raise ValueError("an article without its body needs body_start and body_sha")
        shown = _sha256(repr((self.slug, self.meta, self.date)))
        rest = (shown, self.source, self.origin_path, self.origin_sha256, self.removed_count)
        object.__setattr__(self, "shown_key", shown)
        object.__setattr__(self, "key", _sha256(repr((*rest, self.body_sha))))

    def __repr__(self) -> str:
        return f"SourceArticle(slug={self.slug!r}, key={self.key!r})"

    @property
    def body_markdown(self) -> str:
        """The Markdown body: held, or read from the file, which must not have changed."""
        if self.held_body is not None:
            return self.held_body
        try:
            text = Path(self.source).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = ""
        body = body_of(text, self.body_start)
        if body_digest(body) != self.body_sha:
            raise SitegenError("changed or removed while the build ran; build again", self.source)
        return body


def body_of(text: str, start: int) -> str:
    """An article's Markdown body from its file's text, the body beginning at `start`."""
    return text[start:].strip() + "\n"


def body_digest(body: str) -> str:
    return _sha256(body)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


NoteType = Literal["context", "fact-check", "correction", "translation", "link"]
NoteStatus = Literal["published", "draft", "withdrawn"]


@dataclass(frozen=True, slots=True)
class NoteSource:
    """A source a note cites; `quote` becomes a `#:~:text=` fragment link."""

    url: str
    title: str = ""
    quote: str = ""


@dataclass(frozen=True, slots=True)
class NoteLink:
    """Another article a note points to, optionally a passage in it."""

    article: str
    quote: str = ""


@tuple_pickled()
@dataclass(frozen=True, slots=True, repr=False)
class Annotation:
    """An editor's note anchored to a passage of an article (content/annotations/<slug>/<id>.md).

    Its repr is a hash of every field (`key`), as an article's is: a build puts each note
    in several cache keys (its page, its article's page, the pages it links to).
    """

    id: str
    """File stem: the note's stable id."""
    source: str
    """Path of the file as found (content folder included), for messages naming it."""
    article: str
    quote: str
    type: NoteType
    author: str
    date: str
    """ISO date (or date-time) the note was written."""
    body_markdown: str
    prefix: str = ""
    suffix: str = ""
    occurrence: int | None = None
    updated: str = ""
    status: NoteStatus = "published"
    sources: tuple[NoteSource, ...] = ()
    links: tuple[NoteLink, ...] = ()
    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    """Per-type fields: claim/verdict (fact-check), correct (correction), lang/translation."""
    key: str = field(default="", init=False, compare=False)
    """Hash of the reprs of all other fields, taken once where the note is parsed and
    cached with it: the notes' full reprs took about 0.16 s of a one-edit rebuild at
    10,000 articles (2,675 notes)."""

    def __post_init__(self) -> None:
        state = tuple(getattr(self, f.name) for f in fields(self) if f.name != "key")
        object.__setattr__(self, "key", _sha256(repr(state)))  # frozen: set once

    def __repr__(self) -> str:
        return f"Annotation(id={self.id!r}, key={self.key!r})"
