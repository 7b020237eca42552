"""Properties that hold for any input (Hypothesis): the cleaner never raises, keeps blocks of
the input in order and logs every other one, so kept plus removed is the input; slugs are
always safe path segments the loader accepts; front matter round-trips; anchoring never lands
on a passage whose text differs from the quote beyond its thresholds."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from sitegen.config import config_for_test
from sitegen.frontmatter import dump_front_matter, split_front_matter
from sitegen.ingest.article import make_slug
from sitegen.ingest.batch import make_context
from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.normalise import normalise_heading, normalise_paragraph
from sitegen.ingest.pipeline import ingest_seed
from sitegen.link.anchoring import BARE_QUOTE_MIN, QUOTE_MIN, Selector, anchor, plain
from sitegen.models import Seed
from sitegen.urls import term_slug

EXAMPLES = 200
"""Examples per property (Hypothesis' default is 100); the README quotes this count."""
CONTEXT = make_context(config_for_test(Path("/nonexistent")))
VOCABULARY = (
    "the council said on Tuesday que o governo disse Rússia Pequim Read also Leia também "
    "Telegram © 2024 | • 13º MIN 15/05/24 cookies subscribe newsletter – – 10:32"
)
WORDS = st.sampled_from(VOCABULARY.split())
LINE = st.one_of(
    st.lists(WORDS, min_size=1, max_size=40).map(" ".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
)
NEWLINE = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


def seed_of(text: str) -> Seed:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Seed(path="seeds/x.txt", sha256=digest, kind="text", text=text, encoding="utf-8")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=60), NEWLINE)
def test_any_text_cleans_and_kept_plus_removed_is_the_input(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    blocks = split_blocks(text)
    if not blocks:
        return
    article = ingest_seed(seed_of(text), CONTEXT).article
    by_line = {str(b.line) if b.end_line == b.line else f"{b.line}-{b.end_line}": b for b in blocks}
    removed = [by_line[r.lines] for r in article.removed]
    assert [r.text for r in article.removed] == [b.text for b in removed], "logged verbatim"
    assert all(r.rule for r in article.removed), "every removal names what decided it"
    kept = [b for b in blocks if b not in removed]
    expected = [
        "## " + normalise_heading(b.text) if p.startswith("## ") else normalise_paragraph(b.text)
        for b, p in zip(kept, article.body, strict=True)
    ]
    assert list(article.body) == expected, "kept blocks are the input's blocks, in order"
    assert len(kept) + len(removed) == len(blocks), "kept plus removed is the whole input"


@settings(max_examples=EXAMPLES)
@given(st.text(max_size=300), st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
def test_slugs_are_safe_path_segments_the_loader_accepts(title: str, digest: str) -> None:
    slug = make_slug(title, digest)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert len(slug) <= 80 and slug not in (".", "..")
    assert term_slug(slug) == slug, "load.py checks a slug exactly this way"


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)
TRICKY = st.sampled_from(
    ["yes", "No", "null", "~", "- item", "# not a comment", "key: value", "2024-05-14", "1e3",
     "'quoted'", '"double"', "!!python/object", "&anchor", "*alias", "---", "...", " padded "]
)  # fmt: skip
VALUE = st.one_of(TEXT, TRICKY)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "title": VALUE,
        "summary": st.one_of(VALUE, st.lists(VALUE, max_size=3).map("\n".join)),
        "tags": st.lists(VALUE, max_size=4),
        "people": st.lists(VALUE, max_size=4),
        "origin": st.fixed_dictionaries({"path": VALUE, "sha256": VALUE}),
        "removed": st.lists(
            st.fixed_dictionaries({"text": VALUE, "lines": st.integers(1, 10_000), "rule": VALUE}),
            max_size=4,
        ),
    },
)


@settings(max_examples=EXAMPLES)
@given(FIELDS, TEXT)
def test_front_matter_round_trips(fields: dict[str, Any], body: str) -> None:
    parsed, rest = split_front_matter(dump_front_matter(fields, body + "\n"))
    assert parsed == fields
    assert rest == "\n" + body + "\n"


PASSAGE_WORDS = st.one_of(
    st.sampled_from(
        ["a", "o", "paz", "China", "Rússia", "acordo", "disse", "«disse»", "—", "“acordo”", "19"]
    ),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzçã", min_size=2, max_size=9),
)
PARAGRAPHS = st.lists(
    st.lists(PASSAGE_WORDS, min_size=12, max_size=60).map(" ".join), min_size=1, max_size=4
)
EDITS = st.lists(
    st.tuples(st.integers(0, 40), st.sampled_from(["typo", "drop", "swap", "add"])), max_size=2
)


def edited(words: list[str], edits: list[tuple[int, str]]) -> list[str]:
    """`words` with some dropped, replaced or added, as an editor's later change would."""
    result = list(words)
    for at, kind in edits:
        index = at % (len(result) + 1)
        if kind == "drop" and index < len(result) and len(result) > 1:
            del result[index]
        elif kind == "swap" and index < len(result):
            result[index] = "Pequim"
        elif kind == "add":
            result.insert(index, "ontem")
        elif kind == "typo" and index < len(result):
            result[index] = result[index][:-1] + "x"
    return result


@st.composite
def notes_on(draw: st.DrawFn) -> tuple[list[str], Selector]:
    """Paragraphs and a note on a passage of one of them, its quote perhaps since edited,
    with or without the words around it as context."""
    paragraphs = draw(PARAGRAPHS)
    source = paragraphs[draw(st.integers(0, len(paragraphs) - 1))].split()
    begin = draw(st.integers(0, max(0, len(source) - 12)))
    end = begin + draw(st.integers(1, 24) | st.integers(8, 12))
    quote = " ".join(edited(source[begin:end], draw(EDITS)))
    if not draw(st.booleans()):
        return paragraphs, Selector(quote)
    prefix, suffix = " ".join(source[max(0, begin - 3) : begin]), " ".join(source[end : end + 3])
    return paragraphs, Selector(quote, prefix, suffix)


@settings(max_examples=EXAMPLES, deadline=None)
@given(notes_on())
def test_anchoring_never_lands_on_a_passage_unlike_the_quote(
    note: tuple[list[str], Selector],
) -> None:
    paragraphs, selector = note
    found = anchor(selector, paragraphs)
    event(found.status)
    if found.status not in ("exact", "fuzzy"):
        return
    text = paragraphs[found.paragraph]
    assert 0 <= found.start <= found.end <= len(text)
    landed, quote = plain(text[found.start : found.end]), plain(selector.quote)
    if found.status == "exact":
        assert landed == quote
        return
    has_context = plain(selector.prefix) or plain(selector.suffix)
    assert fuzz.ratio(landed, quote) >= (QUOTE_MIN if has_context else BARE_QUOTE_MIN)


@settings(max_examples=EXAMPLES)
@given(st.lists(TEXT, min_size=1, max_size=4), TEXT, TEXT, TEXT)
def test_anchoring_any_text_never_raises_and_stays_in_bounds(
    paragraphs: list[str], quote: str, prefix: str, suffix: str
) -> None:
    found = anchor(Selector(quote, prefix, suffix), paragraphs)
    if found.status in ("exact", "fuzzy"):
        assert 0 <= found.start <= found.end <= len(paragraphs[found.paragraph])
    for paragraph, start, end in found.matches:
        assert 0 <= start <= end <= len(paragraphs[paragraph])
