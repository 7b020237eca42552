"""Section, tags and cross-promoted headlines ("Read also: …").

Two shapes give a section and tags. A labelled list anywhere on the page
("Kategorie: Aus dem Alltag, Bilderberg", "Tags: a, b"), and a short unlabelled strip
in the article head whose first words are a section name newspapers use
(`sitegen/data/sections.yaml`): "Mundo MNE russo" is section "Mundo", tag "MNE russo".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from sitegen.ingest.reference import SectionVocabulary, fold, sections
from sitegen.models import Block

MAX_STRIP_WORDS = 6
"""A section strip is a few words; longer blocks are headlines or prose."""
MAX_SECTION_WORDS = 2
"""Section names have one or two words ("Middle East")."""
MIN_SEE_ALSO_WORDS = 3
MAX_ITEM_CHARS = 40
"""Section names and tags are short; a longer item is several run together."""
_LIST_SEPARATORS = re.compile(r"\s*[,;|•·]\s*|\s+[:/]\s+")
_SENTENCE_PUNCTUATION = re.compile(r"[.!?]$")


@dataclass(frozen=True, slots=True)
class SectionFound:
    """Section and tags, with the blocks whose whole content they are."""

    section: str
    tags: tuple[str, ...]
    lines: tuple[int, ...]


def split_list(text: str) -> tuple[str, ...]:
    """Items of an inline list ("a, b", "a | b", "a : b"), empty items dropped, and
    none at all when an item is sentence-long (list items glued together by the scrape,
    "Biscoitos docesAmido de milhoChocolate…", name nothing usable)."""
    items = [item.strip(" :") for item in _LIST_SEPARATORS.split(text) if item.strip(" :")]
    if any(len(item) > MAX_ITEM_CHARS for item in items):
        return ()
    return tuple(items)


@cache
def merged_vocabulary(languages: tuple[str, ...]) -> SectionVocabulary:
    """Section names and labels of several languages (an English edition of a pt outlet)."""
    chosen = [sections(language) for language in dict.fromkeys(languages)]
    return SectionVocabulary(
        names=frozenset().union(*(vocab.names for vocab in chosen)),
        section_labels=tuple(label for vocab in chosen for label in vocab.section_labels),
        tag_labels=tuple(label for vocab in chosen for label in vocab.tag_labels),
    )


@cache
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    """ "<label>: <items>" for any of `labels`; never matches when there are none."""
    body = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^(?:{body or '(?!x)x'})\s*:\s*(.+)$", re.IGNORECASE)


def labelled_items(text: str, labels: tuple[str, ...]) -> tuple[str, ...]:
    """The items after one of `labels` and a colon ("Tags: a, b"), else nothing."""
    match = _label_pattern(labels).match(text)
    return split_list(match.group(1)) if match else ()


def section_strip(text: str, vocabulary: SectionVocabulary) -> tuple[str, tuple[str, ...]] | None:
    """(section, tags) when `text` is a short strip led by a known section name."""
    words = text.split()
    if not 1 <= len(words) <= MAX_STRIP_WORDS or _SENTENCE_PUNCTUATION.search(text):
        return None
    for size in range(min(MAX_SECTION_WORDS, len(words)), 0, -1):
        if fold(" ".join(words[:size])) in vocabulary.names:
            rest = " ".join(words[size:])
            tags = split_list(rest) if _LIST_SEPARATORS.search(rest) else (rest,) * bool(rest)
            return " ".join(words[:size]), tags
    return None


def extract_section(
    blocks: Sequence[Block], head: range, vocabulary: SectionVocabulary
) -> SectionFound | None:
    """Section and tags from labelled lists anywhere, else a strip in the article head."""
    found = _labelled_section(blocks, vocabulary)
    if found:
        return found
    for block in blocks:
        if block.index in head and (strip := section_strip(block.text, vocabulary)):
            return SectionFound(strip[0], strip[1], (block.index,))
    return None


def _labelled_section(
    blocks: Sequence[Block], vocabulary: SectionVocabulary
) -> SectionFound | None:
    """A "Category: …" line gives the section (its first item); a "Tags: …" line the tags."""
    section: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    lines: list[int] = []
    for block in blocks:
        if not section and (items := labelled_items(block.text, vocabulary.section_labels)):
            section, lines = items, [*lines, block.index]
        elif not tags and (items := labelled_items(block.text, vocabulary.tag_labels)):
            tags, lines = items, [*lines, block.index]
    if not section and not tags:
        return None
    return SectionFound(section[0] if section else "", tags, tuple(lines))


@cache
def _see_also_labels() -> dict[str, list[str]]:
    """The `see_also_labels` table of `sections.yaml`, parsed once for all languages."""
    text = resources.files("sitegen").joinpath("data", "sections.yaml").read_text("utf-8")
    table: dict[str, list[str]] = yaml.safe_load(text)["see_also_labels"]
    return table


@cache
def see_also_pattern(language: str) -> re.Pattern[str]:
    """ "Read also:"-style labels of `language` (all languages when unknown)."""
    table = _see_also_labels()
    chosen = [table[language]] if language in table else list(table.values())
    labels = sorted({str(label) for group in chosen for label in group}, key=len, reverse=True)
    body = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"^(?:{body})\s*[:»>–—-]\s*(?P<headline>.+)$", re.IGNORECASE)


_TRAILING_NOTE = re.compile(
    r"\s*\((?:[^()]*\b(?:version|versão|versión|vidéo|video|vídeo)\b[^()]*)\)$", re.IGNORECASE
)
"""A note on the promoted item, not part of its headline: "(Portuguese version)"."""


def see_also_headline(text: str, language: str) -> str | None:
    """The promoted headline of a "Read also: <headline>" block, without "(… version)"."""
    match = see_also_pattern(language).match(text)
    if not match:
        return None
    headline = _TRAILING_NOTE.sub("", match.group("headline")).strip()
    return headline if len(headline.split()) >= MIN_SEE_ALSO_WORDS else None


def extract_see_also(blocks: Sequence[Block], language: str) -> dict[int, str]:
    """Cross-promoted headlines by block index, in page order."""
    found: dict[int, str] = {}
    for block in blocks:
        headline = see_also_headline(block.text, language)
        if headline:
            found[block.index] = headline
    return found
