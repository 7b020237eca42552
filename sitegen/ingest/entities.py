"""People, places and organisations: per-article mentions, archive-wide resolution.

`find_mentions` (from `sitegen.ingest.mentions`) is pure and per article.
`build_gazetteer` joins the curated `content/entities.yml` with the full names every
article mentions, so a short form in one article ("Xi") resolves to the full name
another article gives ("Xi Jinping").

content/entities.yml (curated by editors; every key optional)::

    people:
      Xi Jinping: {aliases: [Xi, 习近平]}
    places:
      Kyiv: {aliases: [Kiev, Kiew]}
    organizations:
      Shanghai Cooperation Organisation: {aliases: [SCO, Organização de Cooperação de Xangai]}

Each top-level key is a kind; each entry's key is the canonical name shown on the site;
`aliases` are other spellings in any language, matched case- and accent-insensitively.
An alias decides the kind too: a name curated under `organizations` is never a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from sitegen.errors import SitegenError
from sitegen.ingest.bylines import PARTICLES
from sitegen.ingest.mentions import Mentions, find_mentions
from sitegen.ingest.names import widespread_given_names
from sitegen.ingest.reference import fold

__all__ = ["Gazetteer", "Mentions", "build_gazetteer", "find_mentions", "resolve_entities"]

Kind = Literal["people", "places", "organizations"]
KINDS: tuple[Kind, ...] = ("people", "places", "organizations")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """What the archive knows about names: curated aliases and full person names."""

    aliases: Mapping[str, tuple[Kind, str]]
    """Folded alias or canonical name -> (kind, canonical name)."""
    surnames: Mapping[str, tuple[str, ...]]
    """Folded last word of a known full person name -> those full names."""
    forenames: Mapping[str, tuple[str, ...]]
    """Folded first word of a known full person name -> those full names ("Xi")."""


def _curated(entities_file: Path | None) -> dict[str, tuple[Kind, str]]:
    """Aliases from content/entities.yml (see the module docstring for the format)."""
    if entities_file is None or not entities_file.exists():
        return {}
    try:
        data = yaml.safe_load(entities_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        where = line + 1 if isinstance(line, int) else None
        raise SitegenError(f"invalid YAML: {error}", entities_file, where) from error
    aliases: dict[str, tuple[Kind, str]] = {}
    for kind in KINDS:
        for name, spec in (data.get(kind) or {}).items():
            for alias in (name, *((spec or {}).get("aliases") or ())):
                aliases.setdefault(fold(str(alias)), (kind, str(name)))
    return aliases


def _canonical(name: str, kind: Kind, aliases: Mapping[str, tuple[Kind, str]]) -> tuple[Kind, str]:
    """The curated entity a name is an alias of, else the name itself as `kind`."""
    return aliases.get(fold(name), (kind, name))


def _short_index(full_names: Iterable[str], position: int) -> dict[str, tuple[str, ...]]:
    """The first (0) or last (-1) word of full person names -> the names."""
    index: dict[str, list[str]] = {}
    for name in sorted(set(full_names)):
        word = name.split()[position]
        if len(word) > 1 and word not in PARTICLES:
            index.setdefault(fold(word), []).append(name)
    return {key: tuple(names) for key, names in index.items()}


def build_gazetteer(entities_file: Path | None, mentions: Iterable[Mentions]) -> Gazetteer:
    """Join the curated entities with the full names and acronyms all articles mention."""
    aliases = _curated(entities_file)
    people = {name for kind, name in aliases.values() if kind == "people" and " " in name}
    for article in mentions:
        for person in article.people:
            kind, name = _canonical(person, "people", aliases)
            if kind == "people":
                people.add(name)
        for long_form, acronym in article.acronyms:
            kind, name = _canonical(long_form, "organizations", aliases)
            aliases.setdefault(fold(acronym), (kind, name))
    return Gazetteer(
        aliases=aliases, surnames=_short_index(people, -1), forenames=_short_index(people, 0)
    )


def _resolve_name(name: str, repeated: bool, gazetteer: Gazetteer) -> tuple[Kind, str] | None:
    """A bare name: a curated alias, else the one full person name it shortens.

    A surname alone ("Putin") is how articles refer to a person; a first word alone is
    taken as a short form ("Xi" for "Xi Jinping") only when the article repeats it and
    it is no widespread first name: a lone "Michael" is more often someone else than the
    one Michael the archive knows.
    """
    key = fold(name)
    if key in gazetteer.aliases:
        return gazetteer.aliases[key]
    if " " in name:
        return None
    forename = repeated and key not in widespread_given_names()
    matches = gazetteer.surnames.get(key) or (gazetteer.forenames.get(key, ()) if forename else ())
    return ("people", matches[0]) if len(matches) == 1 else None


def _resolved(mentions: Mentions, gazetteer: Gazetteer) -> Iterator[tuple[Kind, str]]:
    """Every mention of the article as (kind, canonical name)."""
    groups: tuple[tuple[Kind, tuple[str, ...]], ...] = (
        ("people", mentions.people),
        ("places", mentions.places),
        ("organizations", mentions.organizations),
    )
    for kind, values in groups:
        for value in values:
            yield _canonical(value, kind, gazetteer.aliases)
    repeated = set(mentions.repeated)
    for name in mentions.names:
        found = _resolve_name(name, name in repeated, gazetteer)
        if found:
            yield found


def resolve_entities(
    mentions: Mentions, gazetteer: Gazetteer
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """People, places and organisations of one article: canonical names, sorted."""
    by_kind: dict[Kind, set[str]] = {kind: set() for kind in KINDS}
    for kind, name in _resolved(mentions, gazetteer):
        by_kind[kind].add(name)
    people, places, organizations = (tuple(sorted(by_kind[kind])) for kind in KINDS)
    return people, places, organizations
