"""Article bodies: one Markdown conversion gives each block's HTML and the text a reader
sees (what mentions are found in and notes anchor to), equal to the texts-only pass."""

from __future__ import annotations

import threading
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

import sitegen.body
from sitegen.body import Mark, block_texts, render_blocks_and_texts

_PIECES = [
    "Xi Jinping", " met ", "Putin", " in Pequim", ".", "\\*", "\\_", "\\#", "\\\\", "`co\\de`",
    "*em*", "**strong**", "&amp;", "&lt;b&gt;", "<b>", "[a link](https://example.org)",
    "\n\n", "\n\n## Crosshead\n\n", "\n\n- item\n- \\* item\n\n", "\n\n> quoted\n\n",
    "\n\n| a | b |\n|---|---|\n| \\| | c |\n\n", "\u201cquoted\u201d", "\u2014", "Jo\u00e3o",
    "  \n", "![img](a.png)", "<https://example.org>", "<a@example.org>", "_em_", "x_y", "a*b",
    "[ref]", "\n\n[ref]: https://example.org\n\n", "&copy;", "R&D", "1 < 2", "`", "\x02",
]  # fmt: skip
_BODIES = st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(_BODIES)
def test_one_conversion_gives_the_texts_the_texts_pass_gives(body: str) -> None:
    seen: list[list[str]] = []

    def links_for(texts: list[str]) -> dict[str, str]:
        seen.append(list(texts))
        return {}

    _, texts = render_blocks_and_texts(body, links_for)
    assert texts == block_texts(body)
    assert seen == ([texts] if body.strip() else [])  # an empty body is never parsed


def test_mentions_found_in_the_texts_are_linked_once() -> None:
    body = "Xi Jinping met \\*Putin\\*.\n\nLater Xi Jinping left."

    def links_for(texts: list[str]) -> dict[str, str]:
        assert texts == ["Xi Jinping met *Putin*.", "Later Xi Jinping left."]
        return {"Xi Jinping": "/people/xi-jinping/"}

    blocks, _ = render_blocks_and_texts(body, links_for)
    assert blocks == [
        '<p><a class="entity" href="/people/xi-jinping/">Xi Jinping</a> met *Putin*.</p>',
        "<p>Later Xi Jinping left.</p>",
    ]


def _without_plain_text_step(body: str, marks: dict[int, list[Mark]]) -> object:
    """What the converter gives when every text goes through every inline pattern."""
    with (
        mock.patch.object(sitegen.body, "_known_patterns", lambda md: False),
        mock.patch.object(sitegen.body, "_CONVERTERS", threading.local()),
    ):
        return render_blocks_and_texts(body, _two_links, marks)


def _two_links(texts: list[str]) -> dict[str, str]:
    return {"Putin": "/people/putin/", "Pequim": "/places/beijing/"}


@settings(max_examples=400, deadline=None)
@given(_BODIES, st.integers(0, 3), st.integers(0, 30), st.integers(1, 12))
def test_plain_texts_skipping_the_inline_patterns_change_nothing(
    body: str, block: int, start: int, length: int
) -> None:
    marks = {block: [Mark(start, start + length, "n1", 1)]}
    assert render_blocks_and_texts(body, _two_links, marks) == _without_plain_text_step(body, marks)


def test_plain_texts_skip_the_inline_patterns_of_this_markdown_version() -> None:
    """The step is on: the installed Python-Markdown has the inline patterns it knows."""
    converter = sitegen.body._new_converter()
    assert "plain_text" in converter.treeprocessors
    seen: list[str] = []

    def no_match(match: object, data: str) -> tuple[None, None, None]:
        seen.append(data)
        return None, None, None

    pattern = converter.inlinePatterns["em_strong"]
    with mock.patch.object(pattern, "handleMatch", side_effect=no_match):
        converter.convert("Plain prose, no syntax at all.\n\nAnd a *second* one.")
    assert seen and set(seen) == {"And a *second* one."}
