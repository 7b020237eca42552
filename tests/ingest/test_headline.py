"""The headline of a plain-text capture: the learned ranking of the lines above the lead
finds it among promos, deks and photo credits that are longer or nearer to the lead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import sitegen

MENU = ("Home", "News", "Politics")
PARAGRAPHS = (
    "Dockworkers at the city's harbour returned to work on Thursday after union leaders "
    "accepted a revised offer that raises wages by six percent over two years.",
    "The strike, which began three weeks ago, had left dozens of container ships waiting "
    "offshore and cost local exporters an estimated 40 million euros.",
    "Union spokesman Carlos Mendes said members voted by a large majority to accept the "
    "deal, which also includes new rules on night shifts and overtime.",
)
HEADLINE = "Harbour workers end strike after pay deal with port authority"
PAGES = {
    # a long account promo sits between the headline (and its dek) and the byline
    "promo": (
        HEADLINE,
        "Dockers vote to accept a six percent rise over two years",
        "Find your bookmarks in your Premium section, under my profile",
        "Maria Jones",
        "Thursday 14 March 2024 09:12",
    ),
    # a long dek without a full stop, then a photo credit, right above the lead
    "dek-and-credit": (
        HEADLINE,
        "Workers at the port have ended a three-week strike, but the damage to trade will "
        "take longer to repair",
        "Photo: Jan Novak/Reuters via Getty Images",
    ),
}


@pytest.mark.parametrize("layout", sorted(PAGES))
def test_the_headline_is_found_among_longer_lines_nearer_the_lead(
    tmp_path: Path, layout: str
) -> None:
    capture = tmp_path / "capture.txt"
    capture.write_text("\n".join((*MENU, *PAGES[layout], *PARAGRAPHS)) + "\n", "utf-8")
    result = sitegen(tmp_path, "clean", str(capture), "--format", "json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == HEADLINE
    assert "title" not in article["review"]
    assert HEADLINE not in article["body"]  # moved into the front matter, not repeated
    assert PARAGRAPHS[0] in article["body"]
