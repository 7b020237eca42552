"""What every view builder needs: the linked site, the URL builder and site settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sitegen.cache import BuildCache, digest
from sitegen.link.models import Site
from sitegen.urls import Urls


class Body(NamedTuple):
    """One article body as rendered (a tuple: thousands are unpickled from the cache)."""

    blocks: tuple[str, ...]
    """Sanitised HTML of each top-level block."""
    texts: tuple[str, ...]
    """The reader-visible text of each block."""


@dataclass(frozen=True, slots=True)
class Context:
    site: Site
    urls: Urls
    title: str
    language: str
    editors: Mapping[str, Any] = field(default_factory=dict)
    """content/editors.yml: key -> {name, url}."""
    aliases: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Folded alias -> (kind, canonical name), for linking mentions in any language."""
    captures: Mapping[str, str] = field(default_factory=dict)
    """Article slug -> file name of its verified raw capture under captures/."""
    aliases_file: str = ""
    """Path of entities.yml ("" when there is none), for body jobs run elsewhere."""
    aliases_sha: str = ""
    """Hash of entities.yml's bytes, part of every body's key."""
    bodies: Mapping[str, Body] = field(default_factory=dict)
    """Article slug -> its body's HTML blocks and texts, rendered ahead of the pages."""
    listed: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Article slug -> its list-item view, built once per build (it is shown on many pages)."""
    cache: BuildCache = field(default_factory=lambda: BuildCache(None))
    """The build cache, for views whose work is worth keeping between builds."""
    indexes: dict[str, Any] = field(default_factory=dict)
    """Lookups built once per build by the views that need them (notes by target...)."""
    editors_key: str = field(default="", init=False)
    """Hash of `editors`, in the inputs of every article and note page: taken once, not
    per page (10,000 pages hashed four editors in 27 ms, and a newsroom has more)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "editors_key", digest(sorted(self.editors.items())))
