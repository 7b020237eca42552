"""Article bodies: Markdown -> sanitised HTML, each entity's first mention linked to its page.

Links are inserted in Python-Markdown's element tree (a Treeprocessor), never by regular
expressions over HTML, and the result goes through nh3 so no editor's raw HTML can run.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

_ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "blockquote", "ul", "ol", "li",
    "code", "pre", "hr", "br", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "h2": {"id"}, "h3": {"id"}}
_TEXT_PARENTS = {"p", "li", "blockquote", "td"}


class _EntityLinker(Treeprocessor):
    """Wrap the first mention of each name in a link; longer names win over their parts."""

    def __init__(self, md: markdown.Markdown, links: Mapping[str, str]) -> None:
        super().__init__(md)
        self.links = links
        names = sorted(links, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
            if names
            else None
        )
        self.done: set[str] = set()

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


def render_body(source: str, links: Mapping[str, str]) -> str:
    """HTML of an article body; `links` maps a mention (as written) to its entity page URL."""
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    md.treeprocessors.register(_EntityLinker(md, links), "entity_links", 1)
    html = md.convert(source)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
