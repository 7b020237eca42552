"""Where the article sits: the article's end as the metadata extractors see it."""

from __future__ import annotations

from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.layout import find_end
from sitegen.models import Verdict

PARAGRAPH = "The council met on Tuesday and agreed, after a long debate, to rebuild the bridge."
AUTHOR_BOX = "Jane Doe has covered the city council for the paper since 2015 and lives in town."


def test_the_end_reaches_paragraphs_trimmed_as_the_page_tail() -> None:
    """An author box the cleaner trimmed after the article still ends its main run."""
    blocks = split_blocks("\n".join([PARAGRAPH, PARAGRAPH, "Share", "Print", AUTHOR_BOX]))
    body = Verdict(role="body", rule="model/content", score=0.9)
    gone = Verdict(role="boilerplate", rule="model/short-no-punctuation", score=0.1)
    tail = Verdict(role="boilerplate", rule="context/after-article", score=0.8)
    assert find_end(blocks, [body, body, gone, gone, tail], 0) == 4
    assert find_end(blocks, [body, body, gone, gone, gone], 0) == 1
