"""Text-quote anchoring (W3C Web Annotation model): exact, then fuzzy, else orphan.

Quote and text are compared after the same normalisation (Unicode NFC, folded whitespace,
typographic quotes, dashes and ellipses made plain) while offsets into the original text
are kept, so a mark lands on the reader's characters. A note is never moved in silence:
a fuzzy match must be close for the quote *and* for its stored context, a quote found only
among different surrounding words is an orphan, and an ambiguous quote is an error that
lists every match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from sitegen.models import tuple_pickled

QUOTE_MIN = 90.0
"""Fuzzy quote similarity (0-100) needed to accept an edited passage."""
CONTEXT_MIN = 80.0
"""Similarity of the stored prefix/suffix to the words around a fuzzy or exact candidate."""
BARE_QUOTE_MIN = 96.0
"""A note without stored context may only move to a near-identical passage."""
CONTEXT_CHARS = 32

_PLAIN = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u2026": "...", "\u00ad": "",
}  # fmt: skip

Status = Literal["exact", "fuzzy", "orphan", "ambiguous"]


@dataclass(frozen=True, slots=True)
class Selector:
    """What a note stores to find its passage again."""

    quote: str
    prefix: str = ""
    suffix: str = ""
    occurrence: int | None = None
    """1-based; the last resort when prefix and suffix cannot tell repeats apart."""


@tuple_pickled()
@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a note landed: paragraph index and character offsets in the original text."""

    status: Status
    paragraph: int = -1
    start: int = 0
    end: int = 0
    score: float = 0.0
    matches: tuple[tuple[int, int, int], ...] = ()
    """For ambiguous quotes: every (paragraph, start, end) found."""


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text with, for each of its characters, the index in the original."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of normalised [start, end)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


_SPECIAL = re.compile(f"[{re.escape(''.join(_PLAIN))}]+" + r"|\s{2,}|[^\S ]")
"""Runs that change: typographic marks, whitespace runs, whitespace other than a space."""


def normalise(text: str) -> Normalised:
    """Plain quotes and dashes, one space for any whitespace run, NFC; offsets kept.

    Text between the runs that change is copied whole: character by character,
    normalising every paragraph of an archive's notes cost seconds a build.
    """
    pieces: list[str] = []
    origin: list[int] = []
    at = 0
    for match in _SPECIAL.finditer(text):
        _copy(text, at, match.start(), pieces, origin)
        _rewrite(text, match.start(), match.end(), pieces, origin)
        at = match.end()
    _copy(text, at, len(text), pieces, origin)
    return Normalised("".join(pieces), tuple(origin))


def _copy(text: str, start: int, end: int, pieces: list[str], origin: list[int]) -> None:
    """Append text[start:end] (no typographic marks, no two spaces) as it is, but for a
    leading space after a space already written; text that NFC would change goes
    character by character."""
    segment = text[start:end]
    if not segment.isascii() and not unicodedata.is_normalized("NFC", segment):
        _rewrite(text, start, end, pieces, origin)
        return
    if start < end and text[start] == " " and pieces and pieces[-1][-1:] == " ":
        start += 1
    if start < end:
        pieces.append(text[start:end])
        origin.extend(range(start, end))


@lru_cache(maxsize=4096)
def _form(char: str) -> str:
    """One character's plain form, NFC."""
    return unicodedata.normalize("NFC", _PLAIN.get(char, char))


def _rewrite(text: str, start: int, end: int, pieces: list[str], origin: list[int]) -> None:
    """Append text[start:end] one character at a time: plain forms, NFC, folded spaces."""
    for index in range(start, end):
        for piece in _form(text[index]):
            space = piece.isspace()
            if space and pieces and pieces[-1][-1:] == " ":
                continue
            pieces.append(" " if space else piece)
            origin.append(index)


def plain(text: str) -> str:
    """The normalised text alone, trimmed."""
    return normalise(text).text.strip()


def anchor(selector: Selector, paragraphs: Sequence[str]) -> Anchor:
    """Find the passage `selector` describes in `paragraphs` (each searched on its own)."""
    quote = plain(selector.quote)
    if not quote:
        return Anchor("orphan")
    texts = [normalise(p) for p in paragraphs]
    found = _exact(quote, texts)
    if found:
        return _choose(selector, found, texts)
    return _fuzzy(selector, quote, texts)


def _exact(quote: str, texts: Sequence[Normalised]) -> list[tuple[int, int, int]]:
    """Every (paragraph, start, end) in normalised offsets where the quote occurs."""
    found = []
    for number, text in enumerate(texts):
        start = text.text.find(quote)
        while start >= 0:
            found.append((number, start, start + len(quote)))
            start = text.text.find(quote, start + 1)
    return found


def context_score(selector: Selector, text: str, start: int, end: int) -> float:
    """How well the stored prefix and suffix match the words around [start, end)."""
    scores = []
    prefix, suffix = plain(selector.prefix), plain(selector.suffix)
    if prefix:
        before = text[max(0, start - len(prefix) - 1) : start].strip()
        scores.append(
            100.0 if before.endswith(prefix) else fuzz.ratio(prefix, before[-len(prefix) :])
        )
    if suffix:
        after = text[end : end + len(suffix) + 1].strip()
        scores.append(
            100.0 if after.startswith(suffix) else fuzz.ratio(suffix, after[: len(suffix)])
        )
    return min(scores) if scores else 100.0


def _choose(
    selector: Selector, found: list[tuple[int, int, int]], texts: Sequence[Normalised]
) -> Anchor:
    """One exact match: the only one, the one its context picks, or the nth by occurrence."""
    scored = [(context_score(selector, texts[p].text, s, e), (p, s, e)) for p, s, e in found]
    fitting = [m for score, m in scored if score >= CONTEXT_MIN]
    if not fitting:
        return Anchor("orphan", score=max(score for score, _ in scored))
    best = max(score for score, _ in scored)
    top = [m for score, m in scored if score == best]
    if len(top) > 1 and selector.occurrence and 0 < selector.occurrence <= len(found):
        top = [found[selector.occurrence - 1]]
    if len(top) > 1:
        return Anchor("ambiguous", matches=tuple(_original(texts, m) for m in top))
    paragraph, start, end = _original(texts, top[0])
    return Anchor("exact", paragraph, start, end, 100.0)


def _original(texts: Sequence[Normalised], match: tuple[int, int, int]) -> tuple[int, int, int]:
    paragraph, start, end = match
    original_start, original_end = texts[paragraph].span(start, end)
    return paragraph, original_start, original_end


def _fuzzy(selector: Selector, quote: str, texts: Sequence[Normalised]) -> Anchor:
    """The best close passage, accepted only when quote and context both agree."""
    candidates = []
    for number, text in enumerate(texts):
        found = fuzz.partial_ratio_alignment(quote, text.text, score_cutoff=QUOTE_MIN)
        if found is None:
            continue
        start, end = _snap(text.text, found.dest_start, found.dest_end)
        score = fuzz.ratio(quote, text.text[start:end])
        candidates.append((score, number, start, end))
    has_context = bool(plain(selector.prefix) or plain(selector.suffix))
    accepted = [
        c for c in candidates
        if c[0] >= (QUOTE_MIN if has_context else BARE_QUOTE_MIN)
        and context_score(selector, texts[c[1]].text, c[2], c[3]) >= CONTEXT_MIN
    ]  # fmt: skip
    if len(accepted) != 1:
        best = max((c[0] for c in candidates), default=0.0)
        return Anchor("orphan", score=best)
    score, number, start, end = accepted[0]
    original_start, original_end = texts[number].span(start, end)
    return Anchor("fuzzy", number, original_start, original_end, round(score, 1))


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words and trim spaces at its edges."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def unique_context(
    paragraphs: Sequence[str], paragraph: int, start: int, end: int
) -> tuple[str, str]:
    """The shortest prefix/suffix (whole words, at least CONTEXT_CHARS) that make the passage
    the only match of its quote among `paragraphs`."""
    text = paragraphs[paragraph]
    for size in (CONTEXT_CHARS, CONTEXT_CHARS * 2, CONTEXT_CHARS * 4, len(text)):
        prefix = _words_before(text, start, size)
        suffix = _words_after(text, end, size)
        selector = Selector(text[start:end], prefix, suffix)
        found = anchor(selector, paragraphs)
        if found.status == "exact" and (found.paragraph, found.start) == (paragraph, start):
            return prefix, suffix
    return _words_before(text, start, len(text)), _words_after(text, end, len(text))


def _words_before(text: str, start: int, size: int) -> str:
    piece = text[max(0, start - size) : start]
    if start - size > 0 and " " in piece:
        piece = piece[piece.index(" ") + 1 :]
    return piece


def _words_after(text: str, end: int, size: int) -> str:
    piece = text[end : end + size]
    if end + size < len(text) and " " in piece:
        piece = piece[: piece.rindex(" ")]
    return piece
