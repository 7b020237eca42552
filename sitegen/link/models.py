"""What the link stage computes: relations stored by key, each computed once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sitegen.link.notes import PlacedNote
from sitegen.models import SourceArticle, tuple_pickled


@tuple_pickled()
@dataclass(frozen=True, slots=True)
class Term:
    """A taxonomy term or entity page: people, places, organizations, tags, sources, ..."""

    kind: str
    name: str
    slug: str
    articles: tuple[str, ...]
    """Article slugs, newest first, undated last."""


@tuple_pickled()
@dataclass(frozen=True, slots=True)
class Relation:
    """Another article related to this one, and the names they share (rarest first)."""

    slug: str
    score: float
    shared: tuple[str, ...]


@tuple_pickled()
@dataclass(frozen=True, slots=True)
class SeeAlso:
    """A cross-promoted headline, linked to the archive article it names when one matches."""

    headline: str
    slug: str | None


@dataclass(frozen=True, slots=True)
class Thread:
    """A story thread: articles tied together by the people and places they share."""

    names: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Relations:
    """The part of the Site decided by the articles' front matter and dates alone: kept in
    the build cache under their hash, so an edited body or a new note reuses it."""

    order: tuple[str, ...]
    """Slugs newest first; undated articles last, by title."""
    terms: Mapping[tuple[str, str], Term]
    """(kind, term slug) -> term."""
    term_slugs: Mapping[tuple[str, str], str]
    """(kind, name as written in front matter) -> term slug."""
    related: Mapping[str, tuple[Relation, ...]]
    see_also: Mapping[str, tuple[SeeAlso, ...]]
    neighbours: Mapping[str, tuple[str | None, str | None]]
    """slug -> (previous = older, next = newer) by date."""
    months: Mapping[tuple[int, int], tuple[str, ...]]
    threads: tuple[Thread, ...]


@dataclass(frozen=True, slots=True)
class Site(Relations):
    """The linked archive: every relation the pages show, keyed by slug."""

    articles: Mapping[str, SourceArticle] = field(default_factory=dict)
    texts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Annotated article's slug -> reader-visible text of each body block, what its notes
    anchor to (every body's texts also come with its HTML: render.bodies)."""
    notes: Mapping[str, tuple[PlacedNote, ...]] = field(default_factory=dict)
    """Article slug -> its published and withdrawn notes, in reading order."""
    relations_key: str = ""
    """Hash of every article's slug, front matter and date: all the relations depend on."""
