"""Article bodies: one Markdown conversion gives each block's HTML and the text a reader
sees (what mentions are found in and notes anchor to), equal to the texts-only pass."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.body import block_texts, render_blocks_and_texts

_PIECES = [
    "Xi Jinping", " met ", "Putin", " in Pequim", ".", "\\*", "\\_", "\\#", "\\\\", "`co\\de`",
    "*em*", "**strong**", "&amp;", "&lt;b&gt;", "<b>", "[a link](https://example.org)",
    "\n\n", "\n\n## Crosshead\n\n", "\n\n- item\n- \\* item\n\n", "\n\n> quoted\n\n",
    "\n\n| a | b |\n|---|---|\n| \\| | c |\n\n", "\u201cquoted\u201d", "\u2014", "Jo\u00e3o",
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
