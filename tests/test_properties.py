"""Properties that hold for any input (Hypothesis): the cleaner never raises and loses no
block, slugs are always safe path segments, front matter round-trips."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.config import config_for_test
from sitegen.frontmatter import dump_front_matter, split_front_matter
from sitegen.ingest.article import make_slug
from sitegen.ingest.batch import make_context
from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.normalise import normalise_heading, normalise_paragraph
from sitegen.ingest.pipeline import ingest_seed
from sitegen.models import Seed

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


def seed_of(text: str) -> Seed:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Seed(path="seeds/x.txt", sha256=digest, kind="text", text=text, encoding="utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=60))
def test_any_text_cleans_and_every_block_is_kept_or_logged(lines: list[str]) -> None:
    text = "\n".join(lines)
    blocks = split_blocks(text)
    if not blocks:
        return
    article = ingest_seed(seed_of(text), CONTEXT).article
    assert len(article.body) + len(article.removed) == len(blocks)
    removed_lines = [int(r.lines) for r in article.removed]
    kept = [b for b in blocks if b.line not in removed_lines]
    expected = [
        "## " + normalise_heading(b.text) if p.startswith("## ") else normalise_paragraph(b.text)
        for b, p in zip(kept, article.body, strict=True)
    ]
    assert list(article.body) == expected, "kept blocks are the input's blocks, in order"
    assert all(r.rule for r in article.removed), "every removal names what decided it"


@given(st.text(max_size=300), st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
def test_slugs_are_safe_path_segments(title: str, digest: str) -> None:
    slug = make_slug(title, digest)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert len(slug) <= 80 and slug not in (".", "..")


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)
FIELDS = st.dictionaries(
    st.sampled_from(["title", "summary", "source", "tags", "people", "see_also"]),
    st.one_of(TEXT, st.lists(TEXT, max_size=4)),
)


@given(FIELDS, TEXT)
def test_front_matter_round_trips(fields: dict[str, Any], body: str) -> None:
    parsed, rest = split_front_matter(dump_front_matter(fields, body + "\n"))
    assert parsed == fields
    assert rest == "\n" + body + "\n"
