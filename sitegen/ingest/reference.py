"""Reference data for metadata extraction: outlets, wire agencies and section names.

The lists live as YAML in `sitegen/data/` (data, not code, so an editor can extend
them); this module loads each file once per process and indexes it for lookups.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet: how captures name it, and where its newsroom keeps time."""

    name: str
    domains: tuple[str, ...]
    handles: tuple[str, ...]
    aliases: tuple[str, ...]
    timezone: str
    language: str


@dataclass(frozen=True, slots=True)
class SectionVocabulary:
    """Section names and category/tag labels of one language, folded for lookup."""

    names: frozenset[str]
    section_labels: tuple[str, ...]
    tag_labels: tuple[str, ...]


def word_count(text: str) -> int:
    """Words in a block's text, counted by its spaces: blocks come with whitespace folded
    to single spaces, and splitting every block of every page is measurably slower."""
    return text.count(" ") + 1 if text else 0


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive key, so "Coréia" meets "Coreia" and "MUNDO" meets "Mundo".

    Cached: names recur within and across articles, and folding is on the hot path.
    """
    if text.isascii():
        return text.casefold().strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def _load(name: str) -> Any:
    """Parse one packaged YAML data file."""
    text = resources.files("sitegen").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _strings(value: Any) -> tuple[str, ...]:
    """A YAML list of strings as a tuple; a missing key gives an empty tuple."""
    return tuple(str(item) for item in value or ())


@cache
def outlets() -> tuple[Outlet, ...]:
    """All outlets of `outlets.yaml`, in file order."""
    return tuple(
        Outlet(
            name=str(entry["name"]),
            domains=_strings(entry.get("domains")),
            handles=_strings(entry.get("handles")),
            aliases=_strings(entry.get("aliases")),
            timezone=str(entry.get("timezone") or ""),
            language=str(entry.get("language") or ""),
        )
        for entry in _load("outlets.yaml")["outlets"]
    )


@cache
def outlet_by_name() -> dict[str, Outlet]:
    """Outlets keyed by the folded name and each folded alias (site-name lines)."""
    index: dict[str, Outlet] = {}
    for outlet in outlets():
        for name in (outlet.name, *outlet.aliases):
            index.setdefault(fold(name), outlet)
    return index


@cache
def outlet_by_handle() -> dict[str, Outlet]:
    """Outlets keyed by folded social handle (without "@")."""
    return {fold(handle): outlet for outlet in outlets() for handle in outlet.handles}


@cache
def outlet_by_domain() -> dict[str, Outlet]:
    """Outlets keyed by domain without "www."."""
    return {domain.lower(): outlet for outlet in outlets() for domain in outlet.domains}


@cache
def agency_pattern() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One pattern finding any agency (group `a<i>` for agency i), and the agency names.

    A single scan per block instead of one per agency: bylines are checked on every
    block of the article.
    """
    names, groups = [], []
    for index, entry in enumerate(_load("agencies.yaml")["agencies"]):
        spellings = sorted((str(entry["name"]), *_strings(entry.get("aliases"))), key=len)
        body = "|".join(re.escape(s) for s in reversed(spellings))
        flags = "" if entry.get("case_sensitive") else "(?i:"
        groups.append(f"(?P<a{index}>{flags}{body}{')' if flags else ''})")
        names.append(str(entry["name"]))
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])")
    return pattern, tuple(names)


@cache
def _section_table() -> dict[str, SectionVocabulary]:
    """Per-language section vocabularies from `sections.yaml`."""
    table: dict[str, SectionVocabulary] = {}
    for language, entry in _load("sections.yaml")["sections"].items():
        table[str(language)] = SectionVocabulary(
            names=frozenset(fold(name) for name in _strings(entry.get("names"))),
            section_labels=_strings(entry.get("section_labels")),
            tag_labels=_strings(entry.get("tag_labels")),
        )
    return table


@cache
def sections(language: str) -> SectionVocabulary:
    """The section vocabulary of `language`; unknown languages get all languages merged."""
    table = _section_table()
    if language in table:
        return table[language]
    return SectionVocabulary(
        names=frozenset().union(*(vocab.names for vocab in table.values())),
        section_labels=tuple(label for v in table.values() for label in v.section_labels),
        tag_labels=tuple(label for v in table.values() for label in v.tag_labels),
    )


@cache
def _language_table(name: str, key: str) -> dict[str, dict[str, Any]]:
    """A `{language: {field: [...]}}` table of a packaged YAML file."""
    return {str(k): dict(v or {}) for k, v in _load(name)[key].items()}


def language_entries(name: str, key: str, language: str) -> list[dict[str, Any]]:
    """The "any" entry of a per-language table, then `language`'s (every language's when
    the table does not know it, so an unlisted language still gets all cues)."""
    table = _language_table(name, key)
    own = [table[language]] if language in table else [v for k, v in table.items() if k != "any"]
    return [table.get("any", {}), *own]


def merged_words(entries: list[dict[str, Any]], field: str) -> list[str]:
    """One field's words across `entries`, in order."""
    return [str(word) for entry in entries for word in entry.get(field) or ()]
