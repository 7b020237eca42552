"""Plain text <-> Markdown for article bodies: scraped text must never become markup."""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*\[\]])")
# Python-Markdown has no `\<` escape: raw HTML is neutralised with entities instead.
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LEADING = re.compile(r"^(#{1,6}\s|>|[-+*]\s|\d{1,9}[.)]\s|=+\s*$|-{3,}\s*$|_{3,}\s*$|\s{4})")
_UNDERSCORE = re.compile(r"(?<![\w])_|_(?![\w])")
_UNESCAPE = re.compile(r"\\([\\`*\[\]>_#+\-.!()=|])")


def escape_paragraph(text: str) -> str:
    """Backslash-escape what Markdown would read as syntax or raw HTML."""
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    text = _UNDERSCORE.sub(r"\\_", _INLINE.sub(r"\\\1", text))
    match = _LEADING.match(text)
    if match:
        head = match.group(0)
        if head[0].isdigit():
            digits = re.match(r"\d+", head)
            cut = digits.end() if digits else 0
            return text[:cut] + "\\" + text[cut:]
        return "\\" + text
    return text


def body_to_markdown(paragraphs: tuple[str, ...]) -> str:
    """Paragraphs (crossheads already as `## Heading`) to a Markdown body."""
    parts = []
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            parts.append("## " + escape_paragraph(paragraph[3:]))
        else:
            parts.append(escape_paragraph(paragraph))
    return "\n\n".join(parts) + "\n" if parts else ""


def markdown_to_text(body: str) -> list[str]:
    """Inverse of body_to_markdown: one unescaped paragraph per block, headings kept as `## `."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", body.strip()):
        line = " ".join(block.split())
        prefix = ""
        if re.match(r"#{1,6} ", line):
            prefix, line = "## ", line.split(" ", 1)[1]
        if line:
            text = _UNESCAPE.sub(r"\1", line)
            paragraphs.append(prefix + text.replace("&lt;", "<").replace("&amp;", "&"))
    return paragraphs


def plain_paragraphs(body: tuple[str, ...]) -> list[str]:
    """Body paragraphs as plain text: crossheads lose their `## ` marker."""
    return [p[3:] if p.startswith("## ") else p for p in body]
