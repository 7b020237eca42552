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
    """Surface form in `texts` -> (kind, canonical) for the entities the article lists."""
    wanted = {(kind, name) for kind, names in entities.items() for name in names}
    # The article's own names are looked up first; the shared index is never copied
    # (it holds every country and city name, and copying it per article dominated builds).
    local = _short_forms(entities.get("people", ()))
    local.update({fold(name): pair for pair in wanted for name in [pair[1]]})
    heads = _heads(aliases) | _heads(local)
    found: dict[str, tuple[str, str]] = {}
    for text in texts:
        words = list(_WORD.finditer(text))
        for i, word in enumerate(words):
            first = word.group()
            # A mention is capitalised, and some name must start with its first word:
            # else skip its five lookups ("a", "the", "o" start city names).
            if not first[0].isupper() or fold(first) not in heads:
                continue
            for size in range(min(MAX_WORDS, len(words) - i), 0, -1):
                surface = text[word.start() : words[i + size - 1].end()]
                key = fold(surface)
                pair = local.get(key) or aliases.get(key)
                if pair in wanted:
                    found.setdefault(surface, pair)
                    break
    return found


_HEADS: dict[int, tuple[Mapping[str, Alias], frozenset[str]]] = {}


def _heads(aliases: Mapping[str, Alias]) -> frozenset[str]:
    """First words of the folded names: a surface can only match if its first word is one.
    Kept per index object (the shared index is built once per process)."""
    held = _HEADS.get(id(aliases))
    if held is not None and held[0] is aliases:
        return held[1]
    heads = frozenset(m.group() for key in aliases if (m := _WORD.match(key)))
    if len(aliases) > 100:
        _HEADS[id(aliases)] = (aliases, heads)
    return heads


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
