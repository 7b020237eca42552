"""The cleaner's verdicts on the two seeds (per seeds/EXPECTED.md) and on small pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.classify import analyse, classify, decide
from sitegen.ingest.model import viterbi
from sitegen.ingest.rules import RuleSet, load_rules
from sitegen.models import Verdict

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PT_SEED = SEEDS / "000_49ff650710fc1aee.txt"
EN_SEED = SEEDS / "004_4f4e87e51b78506a.txt"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules()


def verdicts_by_line(path: Path, language: str | None, rules: RuleSet) -> dict[int, Verdict]:
    blocks = split_blocks(path.read_text(encoding="utf-8"))
    return {b.line: v for b, v in zip(blocks, classify(blocks, language, rules), strict=True)}


def lines(*spans: tuple[int, int]) -> list[int]:
    return [n for a, b in spans for n in range(a, b + 1)]


# -- seed 000 (Portuguese, Kyiv Post) -------------------------------------------------------


@pytest.mark.parametrize("language", ["pt", None])
def test_pt_seed_keeps_every_article_paragraph(rules: RuleSet, language: str | None) -> None:
    got = verdicts_by_line(PT_SEED, language, rules)
    for line in lines((1, 2), (5, 8), (10, 11), (15, 21)):
        assert got[line].role == "body", (line, got[line])


@pytest.mark.parametrize("language", ["pt", None])
def test_pt_seed_removes_promos_and_the_teaser(rules: RuleSet, language: str | None) -> None:
    got = verdicts_by_line(PT_SEED, language, rules)
    for line in (3, 4, 12, 13, 14):
        assert got[line].role == "boilerplate", (line, got[line])
    assert got[3].rule == "pt/promos#telegram"
    assert got[12].rule.startswith("pt/related#")
    assert got[13].rule == got[14].rule == "context/teaser-after-header"


def test_pt_seed_keeps_the_dashed_crosshead_as_a_heading(rules: RuleSet) -> None:
    got = verdicts_by_line(PT_SEED, "pt", rules)
    assert got[9].role == "heading"


# -- seed 004 (English edition of Notícias ao Minuto) ---------------------------------------


@pytest.mark.parametrize("language", ["en", None])
def test_en_seed_keeps_the_article(rules: RuleSet, language: str | None) -> None:
    got = verdicts_by_line(EN_SEED, language, rules)
    for line in range(19, 44, 2):
        assert got[line].role == "body", (line, got[line])


@pytest.mark.parametrize("language", ["en", None])
def test_en_seed_removes_widget_promos_and_form_residue(
    rules: RuleSet, language: str | None
) -> None:
    got = verdicts_by_line(EN_SEED, language, rules)
    for line in (1, 3, 4, 5, 6, 12, 45, 47, 49, 50):
        assert got[line].role == "boilerplate", (line, got[line])
    assert got[1].rule.endswith("#weather")
    assert got[45].rule == "en/related#read-also"
    assert got[47].rule.startswith("pt/related#")
    assert got[50].rule == "pt/forms#required"
    assert got[12].rule == "context/duplicate-headline"


def test_every_removal_names_what_decided_it(rules: RuleSet) -> None:
    for seed in (PT_SEED, EN_SEED):
        for verdict in verdicts_by_line(seed, None, rules).values():
            assert "/" in verdict.rule
            if not verdict.keep:
                assert verdict.rule.split("/")[0] in {"context", "model", "pt", "en", "all"}


# -- editors' packs ---------------------------------------------------------------------------


def test_an_editor_pack_in_content_rules_takes_effect(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "rules"
    folder.mkdir(parents=True)
    (folder / "house.yaml").write_text(
        "language: pt\nkind: house\nrules:\n"
        "  - name: regular-contact\n    pattern: 'xi e putin estão em contato regular.*'\n"
        "    max_words: 80\n"
        "  - name: keep-topics\n    pattern: 'outros tópicos de interesse'\n    role: body\n",
        encoding="utf-8",
    )
    got = verdicts_by_line(PT_SEED, "pt", load_rules([folder]))
    assert got[19].role == "boilerplate"
    assert got[19].rule == "pt/house#regular-contact"
    assert got[12].keep and got[12].rule == "pt/house#keep-topics"


# -- context on small pages -------------------------------------------------------------------

PARA = (
    "The committee said on Monday that the new rules would apply to every member state, "
    "and that the first reports were expected before the end of the year."
)
PARA2 = (
    "Officials in several capitals welcomed the decision, although some warned that the "
    "timetable was tight and that the costs had not yet been agreed by the ministers."
)
PARA3 = (
    "A spokesman for the commission said the plan had been discussed for months and that "
    "it was now up to the national governments to put it into practice."
)


def classify_texts(texts: list[str], rules: RuleSet, language: str = "en") -> list[Verdict]:
    return classify(split_blocks("\n".join(texts)), language, rules)


PARA4 = (
    "Opposition leaders said they would study the text carefully before the vote, which is "
    "expected to take place in the second half of next month."
)


PARA5 = (
    "The last word, as so often, will belong to the parliament, where the largest groups "
    "have not yet said how they intend to vote on the final text."
)


def test_a_crosshead_between_paragraphs_stays_as_a_heading(rules: RuleSet) -> None:
    got = classify_texts([PARA, PARA2, "What happens next", PARA3, PARA4], rules)
    assert got[2].role == "heading"
    assert all(v.role == "body" for i, v in enumerate(got) if i != 2)


def test_navigation_around_the_article_goes(rules: RuleSet) -> None:
    nav = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion"]
    got = classify_texts([*nav, PARA, PARA2, PARA3, *nav, "Contact us", "Privacy Policy"], rules)
    kept = [i for i, v in enumerate(got) if v.keep]
    assert kept == [7, 8, 9]


def test_a_related_header_takes_its_teasers_but_not_the_article(rules: RuleSet) -> None:
    teasers = ["Related stories", "Storm hits the coast", "Thousands left without power.",
               "Markets rally on rate hopes", "Shares rose for a third day."]  # fmt: skip
    page = [PARA, PARA2, *teasers, "What comes next", PARA3, PARA4, PARA5]
    got = classify_texts(page, rules)
    assert [v.keep for v in got[2:7]] == [False] * 5
    assert got[3].rule == got[4].rule == "context/teaser-after-header"
    assert all(v.rule != "context/teaser-after-header" for v in got[7:])
    assert got[8].keep and got[9].keep


def test_the_output_is_never_empty_for_a_page_with_text(rules: RuleSet) -> None:
    got = classify_texts(["Menu", "Search", PARA, "Share", "Print"], rules)
    assert got[2].keep


def test_viterbi_follows_confident_blocks_and_smooths_doubtful_ones() -> None:
    assert viterbi([0.9, 0.45, 0.9], 1.0) == [True, True, True]
    assert viterbi([0.1, 0.55, 0.1], 1.0) == [False, False, False]
    assert viterbi([0.1, 0.99, 0.1], 1.0) == [False, True, False]
    assert viterbi([], 1.0) == []


TEAMS = ["Rovers 12 28", "United 12 25", "Athletic 11 21", "City 12 19", "Albion 11 12"]
STANDINGS = ["Pos.", "Team", "Played", "Points"] + [
    cell for rank, row in enumerate(TEAMS, start=1) for cell in (str(rank), *row.split())
]
"""A league table flattened one cell per line, its header row first."""


def test_a_table_the_article_introduces_stays_cell_by_cell(rules: RuleSet) -> None:
    nav = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion"]
    intro = "The league table after the twelfth round of matches reads as follows:"
    page = [*nav, PARA, intro, *STANDINGS, PARA2, *nav]
    got = classify_texts(page, rules)
    cells = got[len(nav) + 2 : len(nav) + 2 + len(STANDINGS)]
    assert all(v.keep for v in cells)
    assert any(v.rule == "context/table" for v in cells)
    assert not any(v.keep for v in got[: len(nav)])


def test_a_table_after_the_footer_still_goes(rules: RuleSet) -> None:
    footer = ["Contact us", "Privacy Policy", "Terms of Use", "Cookie settings"]
    got = classify_texts([PARA, PARA2, PARA3, *footer, *STANDINGS], rules)
    assert not any(v.keep for v in got[3 + len(footer) :])


def test_light_kept_stretches_below_the_article_go(rules: RuleSet) -> None:
    """Below the article's heaviest kept stretch, a light stretch goes (context/after-article),
    whatever the model thought of it; a stretch above the article is left to the model."""
    article = [PARA, PARA2, PARA3, PARA4, PARA5]
    blurbs = [
        "Rail workers will strike on Friday after talks about pay broke down again.",
        "The central bank left its main rate unchanged, citing a slower rise in prices.",
        "Ministers met late into the night to settle the last points of the budget deal.",
    ]
    texts = [blurbs[0], "Latest", "Top", "World", "Europe", *article]
    texts += ["Share", "Tags", "Print", "More news", blurbs[1], "Jane Doe", blurbs[2]]
    page = analyse(split_blocks("\n".join(texts)), "en", rules)
    probs = [0.9 if t in blurbs or t in article else 0.1 for t in texts]
    got = decide(page, probs, 0.0)
    assert got[0].keep
    assert all(v.keep for v in got[5:10])
    assert got[14].rule == got[16].rule == "context/after-article"


GLUED_TEASERS = [
    "Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left the "
    "restaurant without paying their bill after a fight broke out.",
    "Police: 2 In Custody After Death Of Student-AthleteA woman and a man have been "
    "arrested in connection with the death of a student.",
    "Harvick Fails To Rally Overmatched Ford In NASCAR FinaleFord flopped for the blue "
    "oval at the track on Sunday.",
    "Tape Gaffe Ends Hamlin's Title RunDenny Hamlin's championship run was foiled by the "
    "tale of the tape.",
]
"""Teasers whose title the scrape glued to their blurb (the last with a weaker seam: two
letters before the capital)."""


def test_teasers_glued_to_their_blurbs_go_as_a_list(rules: RuleSet) -> None:
    got = classify_texts([*GLUED_TEASERS, PARA, PARA2, PARA3], rules)
    assert [v.rule for v in got[:4]] == ["context/glued-teasers"] * 4
    assert all(v.keep for v in got[4:])
    weak_alone = classify_texts([*GLUED_TEASERS[::3], PARA, PARA2, PARA3], rules)
    assert weak_alone[1].rule != "context/glued-teasers"


def test_one_glued_block_or_a_name_the_page_repeats_is_no_teaser_list(rules: RuleSet) -> None:
    """A lone seam is left to the model; a word the page holds twice is a name, not a seam."""
    named = [
        "Doris Schuppe Writes On LinkedIn About the way small firms use the network to "
        "find their first customers.",
        "The Project Team Behind AllerVielfalt Says the river will be restored over the "
        "next eight years.",
    ]
    alone = classify_texts([GLUED_TEASERS[0], PARA, PARA2, PARA3], rules)
    names = classify_texts([*named, PARA, "On LinkedIn and at AllerVielfalt.", PARA2], rules)
    assert all(v.rule != "context/glued-teasers" for v in [*alone, *names])
