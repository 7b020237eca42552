"""The text a reader sees on a saved HTML page, as blocks with their source lines.

trafilatura returns the article and nothing of what it left out. To log every removed
block for HTML captures as for text ones (and to give kept blocks the page's own line
numbers), the page is read again: one block per block-level element, its own text only
(nested blocks are blocks of their own; a table row is one block, as trafilatura makes
it), hidden elements skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import lxml.etree
import lxml.html

_BLOCK_LEVEL = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
))  # fmt: skip
_HIDDEN = frozenset((
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "embed", "select", "option", "datalist", "audio", "video", "canvas", "map",
))  # fmt: skip
_SPACED = frozenset(("br", "td", "th", "img", "input", "button", "label"))
"""Elements whose end separates words, as a reader sees it (table cells side by side)."""
_TOKEN = re.compile(r"\w+")
SHINGLE = 3
"""Words per shingle when a block is looked for in the kept text."""
KEPT_SHARE = 0.8
"""A block whose shingles are this much in the kept text is kept (an inline button or
an image caption trafilatura dropped from a paragraph does not make it removed)."""


@dataclass(frozen=True, slots=True)
class VisibleBlock:
    """One block of the page as a reader sees it."""

    text: str
    line: int
    """The line of the page's source where the block's element starts."""


def visible_blocks(html: str) -> list[VisibleBlock]:
    """The page's visible text, one block per block-level element, in document order."""
    try:
        root = lxml.html.document_fromstring(
            html.encode("utf-8", "surrogatepass"),
            # huge_tree: libxml2 otherwise drops all text under 256 levels of nesting; the
            # capture's size is already bounded by the seed limit.
            parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True),
        )
    except (lxml.etree.ParserError, ValueError):
        return []
    blocks: list[VisibleBlock] = []
    stack: list[tuple[list[str], int]] = [([], 1)]
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _HIDDEN or not tag:
                walker.skip_subtree()
            elif tag in _BLOCK_LEVEL:
                stack.append(([], element.sourceline or stack[-1][1]))
            if tag and tag not in _HIDDEN:
                stack[-1][0].append(element.text or "")
            continue
        if tag in _BLOCK_LEVEL and len(stack) > 1:
            _flush(stack.pop(), blocks)
        elif tag in _SPACED:
            stack[-1][0].append(" ")
        stack[-1][0].append(element.tail or "")
    _flush(stack.pop(), blocks)
    blocks.sort(key=lambda b: b.line)  # stable: a parent's own text after its children's
    return blocks


def _flush(frame: tuple[list[str], int], blocks: list[VisibleBlock]) -> None:
    parts, line = frame
    text = " ".join("".join(parts).split())
    if text:
        blocks.append(VisibleBlock(text, line))


@dataclass(frozen=True, slots=True)
class Alignment:
    """Where the kept blocks came from, and what was left out."""

    lines: list[int]
    """Per kept block, the source line of the visible block it came from."""
    dropped: list[VisibleBlock]
    """Visible blocks the kept text does not hold."""


def align(visible: Sequence[VisibleBlock], kept: Sequence[str]) -> Alignment:
    """Match the kept blocks to the page's visible ones, by words, not spacing."""
    grams = [_ngrams(block.text) for block in visible]
    lines, sources = _source_lines(visible, grams, kept)
    held: set[tuple[str, ...]] = set()
    whole: set[tuple[str, ...]] = set()
    for text in kept:
        words = _words(text)
        held |= _ngrams_of(words)
        whole.add(words)
    dropped = [
        block
        for i, block in enumerate(visible)
        if i not in sources and not _held(_words(block.text), held, whole)
    ]
    return Alignment(lines, dropped)


def _held(words: tuple[str, ...], held: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> bool:
    """A block of a few words is held only as a whole kept block (a menu's "News" is not
    kept because the article says "news"); a longer one when most of its shingles are."""
    if not words:
        return True
    if len(words) <= SHINGLE:
        return words in whole
    shingles = [words[i : i + SHINGLE] for i in range(len(words) - SHINGLE + 1)]
    return sum(1 for s in shingles if s in held) >= KEPT_SHARE * len(shingles)


def _source_lines(
    visible: Sequence[VisibleBlock], grams: Sequence[set[tuple[str, ...]]], kept: Sequence[str]
) -> tuple[list[int], set[int]]:
    """Per kept block, the line of the first visible block from the previous one's on that
    holds its opening words (the previous line when none does, so lines never go back);
    and the indexes of the visible blocks matched."""
    lines: list[int] = []
    sources: set[int] = set()
    start, line = 0, 1
    for text in kept:
        opening = _words(text)[:SHINGLE]
        found = next((i for i in range(start, len(visible)) if opening in grams[i]), None)
        if opening and found is not None:
            start, line = found, visible[found].line
            sources.add(found)
        lines.append(line)
    return lines, sources


def _words(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text.casefold()))


def _ngrams(text: str) -> set[tuple[str, ...]]:
    return _ngrams_of(_words(text))


def _ngrams_of(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Every run of one to SHINGLE words."""
    return {words[i : i + n] for n in range(1, SHINGLE + 1) for i in range(len(words))}
