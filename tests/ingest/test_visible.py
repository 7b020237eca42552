"""The visible text of a saved page, block by block, and what the kept text leaves out."""

from __future__ import annotations

from sitegen.ingest.visible import VisibleBlock, align, visible_blocks


def test_each_block_level_element_is_a_block_with_its_source_line() -> None:
    html = (
        "<html><head><title>T</title><style>p {}</style></head><body>\n"
        "<div>Menu <a href='/'>Home</a><script>var x = 1;</script>\n"
        "<p>First <b>bold</b> line<br>second line</p> after</div>\n"
        "<template><p>never shown</p></template><!-- a comment -->\n"
        "<table><tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr></table>\n"
        "</body></html>"
    )
    assert visible_blocks(html) == [
        VisibleBlock("Menu Home after", 2),
        VisibleBlock("First bold line second line", 3),
        VisibleBlock("1 Kyle Busch 5040", 5),
    ]


def test_deep_nesting_and_broken_markup_do_not_fail() -> None:
    deep = "<div>" * 1_000 + "<p>deep" + "</div>" * 10 + "<p>unclosed <b>bold"
    assert [b.text for b in visible_blocks(deep)] == ["deep", "unclosed bold"]
    assert visible_blocks("") == []
    assert visible_blocks("<p>a lone \udcff surrogate</p>")[0].text.endswith("surrogate")


def test_short_blocks_count_as_kept_only_as_a_whole_kept_block() -> None:
    visible = [
        VisibleBlock("News", 1),
        VisibleBlock("The news of the day: the council approved the plan.", 2),
        VisibleBlock("Share", 3),
        VisibleBlock("Council approves the plan", 4),
    ]
    kept = ["Council approves the plan", "The news of the day: the council approved the plan."]
    aligned = align(visible, kept)
    assert [b.text for b in aligned.dropped] == ["News", "Share"]
    assert aligned.lines == [4, 4]


def test_a_paragraph_missing_an_inline_button_is_still_kept() -> None:
    text = "The minister said the new line would open in May after two years of works on it"
    visible = [VisibleBlock(text + " Share", 7)]
    aligned = align(visible, [text])
    assert aligned.dropped == [] and aligned.lines == [7]
