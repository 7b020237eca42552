"""Authors and wire agencies from bylines, datelines and credit lines.

A byline is a short block (or the tail of a dateline) that starts with an introducing
word of the article's language ("By", "por", "Von", "Par"); the names after it are split
on joiners, stripped of link noise ("Email the author", handles) and of the author's
location, and kept only if they look like names. A dated line without an introducing word
names its author too when one of its parts opens with a known given name ("04.02.2022 |
Dennis Steimels"). Agency names (from `sitegen/data/agencies.yaml`) are never authors:
they go to `agency`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sitegen.ingest.features import all_stopwords
from sitegen.ingest.names import given_names
from sitegen.ingest.reference import (
    agency_pattern,
    fold,
    language_entries,
    merged_words,
    outlet_by_name,
    word_count,
)
from sitegen.models import Block

MAX_BYLINE_WORDS = 16
"""Bylines and credit lines are short; longer blocks are prose."""
MAX_WHOLE_BYLINE_WORDS = 8
"""A block opening with "By" and this short is a byline and nothing else."""
MAX_NAME_TOKENS = 4
PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "van"}
    | {"von", "der", "den", "ten", "ter", "bin", "al", "el"}
)
"""Lower-case name particles allowed inside a name ("Ana de Sousa", "Ursula von der Leyen")."""
_DIGIT = re.compile(r"\d")
_SEPARATORS = re.compile(r"\s+[|•·–—-]\s+|\s*[|•·]\s*|\s*[()\[\]]\s*|\n")
_PARTS = re.compile(r"\s+[|•·–—-]\s+|\s*[|•·]\s*|,\s+")
"""What separates the parts of a dated line: bars, bullets, spaced dashes, commas."""
_HANDLE = re.compile(r"[a-z][a-z0-9_-]{2,24}")
"""A user name as blogs sign with ("uriebe", "freeman1984"): lower case, one word."""


@dataclass(frozen=True, slots=True)
class BylineWords:
    """Compiled byline vocabulary of one language."""

    intro: re.Pattern[str]
    joiners: re.Pattern[str]
    noise: re.Pattern[str]
    places: re.Pattern[str]


def _alternation(values: Iterable[str], escape: bool = True) -> str:
    ordered = sorted(set(values), key=len, reverse=True)
    return "|".join(re.escape(v) if escape else v for v in ordered) or r"(?!x)x"


@cache
def byline_words(language: str) -> BylineWords:
    """The byline vocabulary of `language` plus the language-independent entries."""
    chosen = language_entries("bylines.yaml", "bylines", language)
    # Byline words of every language: blog themes print "by" on German pages.
    intros = merged_words(language_entries("bylines.yaml", "bylines", ""), "intro")

    def values(key: str) -> list[str]:
        return merged_words(chosen, key)

    noise_words = [re.escape(v) for v in values("noise") if not v.startswith(("@", "http", "\\"))]
    noise_regex = [v for v in values("noise") if v.startswith(("@", "http", "\\"))]
    return BylineWords(
        intro=re.compile(
            rf"(?:^|(?<=[|•·–—-]\s)|(?<=\d\s))(?:{_alternation(intros)})\s*:?\s+",
            re.IGNORECASE,
        ),
        joiners=re.compile(rf"\s*,\s*|\s+(?:{_alternation(values('joiners'))})\s+"),
        noise=re.compile(
            rf"(?<!\w)(?:{_alternation([*noise_words, *noise_regex], escape=False)})(?!\w)",
            re.IGNORECASE,
        ),
        places=re.compile(rf"\s+(?:{_alternation(values('places'))})\s+[A-ZÀ-Þ].*$"),
    )


def _is_name_token(token: str) -> bool:
    """Capitalised word, initial ("J."), or a lower-case particle."""
    return token[:1].isupper() or token in PARTICLES


def looks_like_name(text: str) -> bool:
    """One to four capitalised tokens, not a known agency or outlet, not all particles."""
    tokens = text.split()
    if not 1 <= len(tokens) <= MAX_NAME_TOKENS or not tokens[0][:1].isupper():
        return False
    if any(not _is_name_token(t) or any(ch.isdigit() for ch in t) for t in tokens):
        return False
    return not _organisation(text)


def _names_after_intro(tail: str, words: BylineWords, whole_block: bool) -> list[str]:
    """Names in the text after "By": cut at separators and noise, split on joiners.

    Only names opening with a known first name count, except in a short block that is
    just a byline (or a dateline and byline) naming one author ("vom Krimiblogger",
    "12/04/2020 by Kay"): German capitalises every noun, so "Von Risiken und
    Nebenwirkungen" must not name two authors.
    """
    head = _SEPARATORS.split(tail, maxsplit=1)[0]
    head = words.noise.split(head, maxsplit=1)[0]
    parts = [part for part in words.joiners.split(head) if not _affiliation(part)]
    lenient = whole_block and len(parts) == 1
    names = []
    for part in parts:
        name = _leading_name(words.places.sub("", part.strip(" ,;:.")).strip(" ,;:"))
        if looks_like_name(name) and (lenient or _opens_with_first_name(name)):
            names.append(name)
    handle = parts[0].strip(" ,;:.") if parts else ""
    if not names and lenient and _HANDLE.fullmatch(handle) and fold(handle) not in all_stopwords():
        names.append(handle)  # a blog's user name: "… 2014 von uriebe", "von flerche"
    return names


def _affiliation(part: str) -> bool:
    """An outlet or agency after the names ("By Rob Picheta, CNN"): who employs them."""
    name = part.strip(" ,;:.")
    return bool(name) and _organisation(name)


def _organisation(name: str) -> bool:
    """A known wire agency or outlet, not a person."""
    return agency_in(name) is not None or fold(name) in outlet_by_name()


def _leading_name(text: str) -> str:
    """The name-shaped words a byline part opens with ("Cooper am 25.08.2015" -> "Cooper")."""
    tokens: list[str] = []
    for token in text.split():
        if not _is_name_token(token) or any(ch.isdigit() for ch in token):
            break
        if token.endswith(":"):  # a label ("Lesezeit:", "Foto:") starts what follows
            break
        tokens.append(token)
    while tokens and tokens[-1] in PARTICLES:
        tokens.pop()
    return " ".join(tokens)


def _opens_with_first_name(name: str) -> bool:
    tokens = name.split()
    return len(tokens) > 1 and fold(tokens[0]) in given_names()


def byline_names(text: str, language: str) -> list[str]:
    """Author names in one short block, or an empty list when it is not a byline."""
    if word_count(text) > MAX_BYLINE_WORDS:
        return []
    words = byline_words(language)
    match = words.intro.search(text)
    if match is None:
        return []
    short = word_count(text) <= MAX_WHOLE_BYLINE_WORDS
    whole_block = short and (match.start() == 0 or _DIGIT.search(text[: match.start()]) is not None)
    return _names_after_intro(text[match.end() :], words, whole_block)


def dateline_names(text: str) -> list[str]:
    """The author a dated line names without an introducing word ("Michael Mäser,
    02.02.2022", "04.02.2022 | 15:33 Uhr | Dennis Steimels", "Frank Hahn am 18. September
    2019"): the first part between separators that opens with a name, which must open
    with a known given name."""
    if word_count(text) > MAX_BYLINE_WORDS or _DIGIT.search(text) is None:
        return []
    for part in _PARTS.split(text):
        name = _leading_name(part.strip(" ,;:."))
        if looks_like_name(name) and _opens_with_first_name(name):
            return [name]
    return []


def name_line(text: str) -> str | None:
    """A block that is a name and nothing else, opening with a known given name (an author
    line in an article's head), or None."""
    name = text.strip(" ,;:.")
    if word_count(name) > MAX_NAME_TOKENS or not looks_like_name(name):
        return None
    return name if _opens_with_first_name(name) else None


def extract_authors(
    blocks: Sequence[Block], language: str, zone: range
) -> tuple[tuple[str, ...], int | None]:
    """Authors from the first byline, or dated line naming one, inside `zone` (article head
    to just past its end), with the index of its block (of the names' line, when a line
    ending in "By" puts them on the next)."""
    for position, block in enumerate(blocks):
        if block.index in zone:
            names = byline_names(block.text, language) or dateline_names(block.text)
            if not names and position + 1 < len(blocks) and ends_in_intro(block.text, language):
                following = blocks[position + 1]
                joined = byline_names(f"{block.text} {following.text}", language)
                names = [name for name in joined if _plausible_alone(name, language)]
                if names:
                    return tuple(dict.fromkeys(names)), following.index
            if names:
                return tuple(dict.fromkeys(names)), block.index
    return (), None


def _plausible_alone(name: str, language: str) -> bool:
    """A name on the line after a bare "By" is checked harder than one beside it: not a
    heading in capitals ("EDITORIAL"), not opening with a common word ("The Planetary
    Press"), no word twice ("Suche Erweiterte Suche"), not the next label ("Auteur(s)")."""
    tokens = name.split()
    if name.isupper() or fold(tokens[0]) in all_stopwords() or len(set(tokens)) < len(tokens):
        return False
    return byline_words(language).intro.match(f"{name} ") is None


def ends_in_intro(text: str, language: str) -> bool:
    """A line cut after its byline's intro ("10.12.2022 18:27 von"): the names are on the
    next one."""
    tail = text.rstrip(" :").rpartition(" ")[2].casefold()
    if tail not in _intro_ends():  # most lines: one set lookup, not the whole pattern
        return False
    line = text.rstrip() + " "  # the intro pattern wants a space after the word
    return any(m.end() == len(line) for m in byline_words(language).intro.finditer(line))


@cache
def _intro_ends() -> frozenset[str]:
    """The last word of every intro phrase, case-folded ("by", "von", "autor")."""
    intros = merged_words(language_entries("bylines.yaml", "bylines", ""), "intro")
    return frozenset(phrase.split()[-1].casefold() for phrase in intros)


def agency_in(text: str) -> str | None:
    """The canonical name of the first wire agency named in `text`."""
    pattern, names = agency_pattern()
    match = pattern.search(text)
    if match is None or match.lastgroup is None:
        return None
    return names[int(match.lastgroup[1:])]


def extract_agency(blocks: Sequence[Block], lead: int | None, zone: range) -> str | None:
    """The wire agency credited in a short block of the article, or in the lead's dateline.

    Only short blocks count (credit lines, datelines: "15:48 - 14/05/24 por Lusa",
    "Com Lusa", "(Reuters)"); agencies named in prose are sources quoted, not the wire.
    """
    for block in blocks:
        if block.index in zone and word_count(block.text) <= MAX_BYLINE_WORDS:
            found = agency_in(block.text)
            if found:
                return found
    if lead is not None:
        opening = re.match(r"^[^()]{0,60}\(([^()]{2,40})\)\s*[-–—]", blocks[lead].text)
        if opening:
            return agency_in(opening.group(1))
    return None
