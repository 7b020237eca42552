"""Scraped text in a Markdown body stays text: no markup, no raw HTML, exact round trip."""

from __future__ import annotations

import markdown
from hypothesis import given
from hypothesis import strategies as st

from sitegen.ingest.markdown import body_to_markdown, markdown_to_text, plain_paragraphs


def test_markup_in_scraped_text_is_rendered_as_text() -> None:
    body = ("# not a heading", "1. not a list", "<script>alert(1)</script> *not em* [x](y)")
    html = markdown.markdown(body_to_markdown(body))
    assert "<h1>" not in html and "<ol>" not in html and "<em>" not in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<a " not in html


def test_crossheads_become_level_two_headings() -> None:
    html = markdown.markdown(body_to_markdown(("## Turbulência global", "Texto.")))
    assert "<h2>Turbulência global</h2>" in html


paragraph = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@given(st.lists(paragraph, min_size=1, max_size=5))
def test_any_paragraphs_round_trip(paragraphs: list[str]) -> None:
    body = tuple(p for p in paragraphs if not p.startswith("#"))
    assert tuple(markdown_to_text(body_to_markdown(body))) == body
    assert plain_paragraphs(("## Title", "Text")) == ["Title", "Text"]
