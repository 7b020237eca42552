"""Entity aliases shared by link (canonical names) and render (mentions in any language).

Front matter lists canonical names ("Beijing"); a Portuguese body says "Pequim". A surface
form links to an entity page when it is a curated alias (content/entities.yml), a country
or city name in any supported language (CLDR, GeoNames), or the first or last word of one
of the article's people ("Xi" for "Xi Jinping") — and only to entities the article lists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from sitegen.ingest.entities import build_gazetteer
from sitegen.ingest.names import place_names
from sitegen.ingest.reference import fold

MAX_WORDS = 5
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

Alias = tuple[str, str]
"""(kind, canonical name)."""


@cache
def alias_index(entities_file: Path | None) -> dict[str, Alias]:
    """Folded alias -> (kind, canonical): curated aliases over country and city names."""
    index: dict[str, Alias] = {key: ("places", name) for key, name in place_names().items()}
    index.update(build_gazetteer(entities_file, []).aliases)
    return index


def surface_links(
    texts: Sequence[str], entities: Mapping[str, Sequence[str]], aliases: Mapping[str, Alias]
) -> dict[str, tuple[str, str]]:
    """Surface form in `texts` -> (kind, canonical) for the entities the article lists:
    at each capitalised word, the longest run of up to five words naming one of them."""
    targets = _targets(entities, aliases)
    heads = frozenset(m.group() for key in targets if (m := _WORD.match(key)))
    found: dict[str, tuple[str, str]] = {}
    for text in texts:
        words = list(_WORD.finditer(text))
        for i, word in enumerate(words):
            first = word.group()
            # A mention is capitalised, and some name must start with its first word.
            if not first[0].isupper() or fold(first) not in heads:
                continue
            for size in range(min(MAX_WORDS, len(words) - i), 0, -1):
                surface = text[word.start() : words[i + size - 1].end()]
                pair = targets.get(fold(surface))
                if pair is not None:
                    found.setdefault(surface, pair)
                    break
    return found


def _targets(
    entities: Mapping[str, Sequence[str]], aliases: Mapping[str, Alias]
) -> dict[str, Alias]:
    """Folded name -> entity, for the names of the article's own entities only: its people's
    short forms and its entities' names first, then the shared index's aliases of them (a
    name the article's entities claim is never read as another entity's alias)."""
    wanted = sorted({(kind, name) for kind, names in entities.items() for name in names})
    own: dict[str, Alias] = {}
    for pair in wanted:  # two entities named alike: the same one in every process
        own.setdefault(fold(pair[1]), pair)
    targets = _short_forms(entities.get("people", ())) | own
    names_of = _names_of(aliases)
    for pair in wanted:
        for key in names_of.get(pair, ()):
            targets.setdefault(key, pair)
    return targets


_NAMES: list[tuple[Mapping[str, Alias], dict[Alias, list[str]]]] = []


def _names_of(aliases: Mapping[str, Alias]) -> dict[Alias, list[str]]:
    """Entity -> its folded names in the shared index, kept for the last index seen (a
    process uses one): an article looks up only its own entities' names, not every city's."""
    if _NAMES and _NAMES[0][0] is aliases:
        return _NAMES[0][1]
    names: dict[Alias, list[str]] = {}
    for key, pair in aliases.items():
        names.setdefault(pair, []).append(key)
    _NAMES[:] = [(aliases, names)]
    return names


def _short_forms(people: Sequence[str]) -> dict[str, Alias]:
    """First and last words of the article's people, where only one person has them."""
    seen: dict[str, list[str]] = {}
    for name in people:
        words = name.split()
        if len(words) > 1:
            for word in {words[0], words[-1]}:
                seen.setdefault(fold(word), []).append(name)
    return {key: ("people", names[0]) for key, names in seen.items() if len(names) == 1}


def canonical(kind: str, name: str, aliases: Mapping[str, Alias]) -> str:
    """The canonical name of an entity written under another name, else the name itself."""
    found = aliases.get(fold(name))
    return found[1] if found and found[0] == kind else name
