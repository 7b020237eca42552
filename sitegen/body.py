"""Article bodies, shared by link (anchoring reads block texts) and render (HTML blocks).

Links and marks are inserted in Python-Markdown's element tree (Treeprocessors), never by
regular expressions over HTML, and each block goes through nh3 so no editor's raw HTML
can run. The body is returned block by block so notes can sit right after their paragraph.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, STX, AtomicString

_ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "blockquote", "ul", "ol", "li",
    "code", "pre", "hr", "br", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td", "mark",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "mark": {"id", "class", "aria-details", "data-note"},
}
_TEXT_PARENTS = {"p", "li", "blockquote", "td"}
_STASH = "\x1e"  # record separator; Python-Markdown's own placeholders use \x02 and \x03


@dataclass(frozen=True, slots=True)
class Mark:
    """A passage to highlight: [start, end) in the block's text, linked to a note."""

    start: int
    end: int
    note_id: str
    number: int


class _EntityLinker(Treeprocessor):
    """Wrap the first mention of each name in a link; longer names win over their parts."""

    def __init__(self, md: markdown.Markdown, links: Mapping[str, str]) -> None:
        super().__init__(md)
        self.use(links)
        self.done: set[str] = set()

    def use(self, links: Mapping[str, str]) -> None:
        """Link these mentions (surface form -> URL)."""
        self.links = links
        names = sorted(links, key=len, reverse=True)
        alternatives = "|".join(map(re.escape, names))
        self.pattern = re.compile(rf"(?<!\w)({alternatives})(?!\w)") if names else None

    def run(self, root: ET.Element) -> None:
        if self.pattern is None:
            return
        for parent in root.iter():
            if parent.tag in _TEXT_PARENTS:
                self._link_children(parent)

    def _link_children(self, parent: ET.Element) -> None:
        """Split the text and tails of `parent` (not inside links or code) around mentions."""
        anchors: list[tuple[int, ET.Element]] = []
        if parent.text:
            parent.text, made = self._split(parent.text)
            anchors += [(0, a) for a in made]
        for position, child in enumerate(list(parent), start=1):
            if child.tail and child.tag not in ("a", "code"):
                child.tail, made = self._split(child.tail)
                anchors += [(position, a) for a in made]
        for offset, (position, anchor) in enumerate(anchors):
            parent.insert(position + offset, anchor)

    def _split(self, text: str) -> tuple[str, list[ET.Element]]:
        """Leading text, and links for first mentions each carrying the text after it."""
        assert self.pattern is not None
        lead, cursor = "", 0
        anchors: list[ET.Element] = []
        for match in self.pattern.finditer(text):
            target = self.links[match.group(1)]
            if target in self.done:
                continue
            self.done.add(target)
            piece = text[cursor : match.start()]
            if anchors:
                anchors[-1].tail = piece
            else:
                lead = piece
            anchor = ET.Element("a", {"href": target, "class": "entity"})
            anchor.text = match.group(1)
            anchors.append(anchor)
            cursor = match.end()
        if not anchors:
            return text, []
        anchors[-1].tail = text[cursor:]
        return lead, anchors


class _Marker(Treeprocessor):
    """Wrap each note's passage in <mark>, across inline elements when it spans them."""

    def __init__(self, md: markdown.Markdown, marks: Mapping[int, Sequence[Mark]]) -> None:
        super().__init__(md)
        self.marks = marks

    def run(self, root: ET.Element) -> None:
        for index, block in enumerate(root):
            for mark in sorted(self.marks.get(index, ()), key=lambda m: -m.start):
                wrap_range(block, mark)


def text_segments(element: ET.Element) -> list[tuple[ET.Element, str, int]]:
    """(owner, 'text' | 'tail', offset) for every text piece of `element`, in reading order."""
    segments: list[tuple[ET.Element, str, int]] = []
    offset = 0

    def visit(node: ET.Element, is_root: bool) -> None:
        nonlocal offset
        if node.text:
            segments.append((node, "text", offset))
            offset += len(node.text)
        for child in list(node):
            visit(child, False)
        if not is_root and node.tail:
            segments.append((node, "tail", offset))
            offset += len(node.tail)

    visit(element, True)
    return segments


def wrap_range(block: ET.Element, mark: Mark) -> None:
    """Put the characters [mark.start, mark.end) of `block`'s text inside <mark> elements,
    each inside a link to its note unless it already sits inside a link."""
    parents = {child: parent for parent in block.iter() for child in parent}
    for owner, slot, offset in reversed(text_segments(block)):
        text = getattr(owner, slot) or ""
        start, end = max(mark.start - offset, 0), min(mark.end - offset, len(text))
        if start >= end:
            continue
        container = owner if slot == "text" else parents[owner]
        element = _marked(
            text[start:end], mark, start + offset == mark.start, _in_link(container, parents)
        )
        element.tail = text[end:]
        setattr(owner, slot, text[:start])
        if slot == "text":
            owner.insert(0, element)
        else:
            container.insert(list(container).index(owner) + 1, element)


def _in_link(element: ET.Element, parents: Mapping[ET.Element, ET.Element]) -> bool:
    node: ET.Element | None = element
    while node is not None:
        if node.tag == "a":
            return True
        node = parents.get(node)
    return False


def _marked(text: str, mark: Mark, first: bool, in_link: bool) -> ET.Element:
    highlight = ET.Element("mark", _mark_attributes(mark, first))
    highlight.text = text
    if in_link:
        return highlight
    link = ET.Element("a", {"href": f"#note-{mark.note_id}", "class": "note-ref"})
    link.append(highlight)
    return link


def _mark_attributes(mark: Mark, first: bool) -> dict[str, str]:
    attributes = {"class": "note-mark", "aria-details": f"note-{mark.note_id}"}
    if first:
        attributes["id"] = f"mark-{mark.note_id}"
    return attributes


class _BlockTexts(Treeprocessor):
    """Record the text of each top-level block, as a reader sees it."""

    def __init__(self, md: markdown.Markdown, sink: list[str]) -> None:
        super().__init__(md)
        self.sink = sink

    def run(self, root: ET.Element) -> None:
        self.sink.extend("".join(block.itertext()) for block in root)


_ESCAPED = re.compile(f"{markdown.util.STX}(\\d+){markdown.util.ETX}")


class _TextsForLinks(Treeprocessor):
    """Record each top-level block's reader text (as _BlockTexts would, after the escapes
    are restored) and hand the mentions found in them to the linker: one conversion gives
    a body's texts and its linked HTML."""

    def __init__(
        self,
        md: markdown.Markdown,
        sink: list[str],
        links_for: Callable[[list[str]], Mapping[str, str]],
        linker: _EntityLinker,
    ) -> None:
        super().__init__(md)
        self.sink, self.links_for, self.linker = sink, links_for, linker

    def run(self, root: ET.Element) -> None:
        self.sink.extend(_reader_text(block) for block in root)
        self.linker.use(self.links_for(self.sink))


def _reader_text(element: ET.Element) -> str:
    """`element.itertext()` joined, with backslash escapes restored as Python-Markdown's
    unescape step restores them (not in code text)."""
    parts: list[str] = []

    def visit(node: ET.Element) -> None:
        if node.text:
            parts.append(node.text if node.tag == "code" else _unescape(node.text))
        for child in node:
            visit(child)
            if child.tail:
                parts.append(_unescape(child.tail))

    visit(element)
    return "".join(parts)


def _unescape(text: str) -> str:
    if markdown.util.STX not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)


class _Unstash(Treeprocessor):
    """Turn stashed entities (`&amp;`, `&lt;`) back into the characters a reader sees, so
    the tree's text is the page's text; serialisation escapes them again."""

    def run(self, root: ET.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks

        def character(match: re.Match[str]) -> str:
            return html.unescape(str(stash[int(match.group(1))]))

        for element in root.iter():
            if element.text:
                element.text = HTML_PLACEHOLDER_RE.sub(character, element.text)
            if element.tail:
                element.tail = HTML_PLACEHOLDER_RE.sub(character, element.tail)


class _BlockSeparator(Treeprocessor):
    """Put a sentinel after each top-level block, so the HTML splits exactly by block."""

    def run(self, root: ET.Element) -> None:
        for block in root:
            block.tail = (block.tail or "") + _STASH


_INLINE_NEEDLES = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}
"""The converter's inline patterns, each with the strings one of which its every match
contains (read from the patterns of Python-Markdown 3.11)."""


def _needles_pattern(needles: Iterable[str]) -> re.Pattern[str]:
    chars = sorted(n for n in needles if len(n) == 1)
    longer = sorted(n for n in needles if len(n) > 1)
    return re.compile("|".join([f"[{re.escape(''.join(chars))}]", *map(re.escape, longer)]))


_MAY_BE_INLINE = _needles_pattern(
    {STX, *(needle for needles in _INLINE_NEEDLES.values() for needle in needles)}
)
"""Text without any of these matches no inline pattern, nor holds a placeholder."""


class _PlainText(Treeprocessor):
    """Mark text that no inline pattern can match as atomic, so the inline step skips it.

    Python-Markdown tries each of its 13 inline patterns on every text, and most of an
    archive's body text is plain prose: skipping it halved the cost of converting a
    generated body (0.85 -> 0.42 ms). The output is the same: a text no pattern matches
    comes out of the inline step as it went in.
    """

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            text = element.text
            if text and not isinstance(text, AtomicString) and not _MAY_BE_INLINE.search(text):
                element.text = AtomicString(text)


def _new_converter() -> markdown.Markdown:
    """Python-Markdown with raw HTML turned off: bodies are text and Markdown, never markup,
    so what a reader sees is exactly the tree's text and note offsets stay exact."""
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Unstash(md), "unstash_entities", 5)
    if _known_patterns(md):
        md.treeprocessors.register(_PlainText(md), "plain_text", 25)  # before "inline" (20)
    return md


def _known_patterns(md: markdown.Markdown) -> bool:
    """The inline patterns are exactly those `_INLINE_NEEDLES` describes (another version
    of Python-Markdown may have others: then every text goes through them all)."""
    names = _INLINE_NEEDLES.keys()
    return len(md.inlinePatterns) == len(names) and all(n in md.inlinePatterns for n in names)


_CONVERTERS = threading.local()


def _converter(purpose: str) -> markdown.Markdown:
    """This thread's converter for `purpose`, reset for a new document.

    Building a Markdown instance with its extensions costs about half a millisecond, as
    much as converting a short body, and a build converts every body at least twice. One
    instance per purpose and thread is reused instead; the per-call processors are
    registered under fixed names, so each call replaces the previous call's.
    """
    converters: dict[str, markdown.Markdown] = _CONVERTERS.__dict__.setdefault("by_purpose", {})
    if purpose not in converters:
        converters[purpose] = _new_converter()
    md = converters[purpose]
    md.reset()
    return md


def block_texts(source: str) -> list[str]:
    """The reader-visible text of each top-level block of a body (what notes anchor to)."""
    md = _converter("texts")
    texts: list[str] = []
    md.treeprocessors.register(_BlockTexts(md, texts), "block_texts", 0)
    md.convert(source.replace(_STASH, ""))
    return texts


def render_blocks(
    source: str, links: Mapping[str, str], marks: Mapping[int, Sequence[Mark]] | None = None
) -> list[str]:
    """Sanitised HTML of each top-level block; `links` maps a mention to its entity page."""
    return render_blocks_and_texts(source, lambda _: links, marks)[0]


def render_blocks_and_texts(
    source: str,
    links_for: Callable[[list[str]], Mapping[str, str]],
    marks: Mapping[int, Sequence[Mark]] | None = None,
) -> tuple[list[str], list[str]]:
    """Sanitised HTML and reader text of each top-level block, in one conversion; the
    mentions to link are `links_for(texts)` (mention -> entity page)."""
    md = _converter("blocks")
    texts: list[str] = []
    linker = _EntityLinker(md, {})
    md.treeprocessors.register(_TextsForLinks(md, texts, links_for, linker), "block_texts", 3)
    md.treeprocessors.register(_Marker(md, marks or {}), "note_marks", 2)
    md.treeprocessors.register(linker, "entity_links", 1)
    md.treeprocessors.register(_BlockSeparator(md), "block_separator", 0)
    html = md.convert(source.replace(_STASH, ""))
    return [_clean(piece) for piece in html.split(_STASH) if piece.strip()], texts


_SANITISER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    attributes=_ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
)
"""Built once: `nh3.clean` converts its allow-lists again on every call (a body block took
15.5 µs to sanitise that way, 5.8 µs with one cleaner)."""


def _clean(html: str) -> str:
    return _SANITISER.clean(html).strip()


def render_body(source: str, links: Mapping[str, str]) -> str:
    """The whole body as one sanitised HTML string."""
    return "\n".join(render_blocks(source, links))


class _LinkResolver(Treeprocessor):
    """Rewrite each link's href through `resolve`; a link it cannot resolve keeps its text only."""

    def __init__(self, md: markdown.Markdown, resolve: Callable[[str], str | None]) -> None:
        super().__init__(md)
        self.resolve = resolve

    def run(self, root: ET.Element) -> None:
        for anchor in root.iter("a"):
            target = self.resolve(anchor.get("href", ""))
            if target is None:
                anchor.attrib.pop("href", None)
            else:
                anchor.set("href", target)


def render_note_body(source: str, resolve: Callable[[str], str | None]) -> str:
    """A note's Markdown as sanitised HTML, its links resolved by `resolve`."""
    md = _converter("note")
    md.treeprocessors.register(_LinkResolver(md, resolve), "resolve_links", 1)
    return _clean(md.convert(source.replace(_STASH, "")))
