"""Front-matter metadata: the two seeds' expectations, bylines, sources, sections, see-also."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.bylines import byline_names
from sitegen.ingest.classify import classify
from sitegen.ingest.metadata import Extraction, MetaSettings, extract_metadata
from sitegen.ingest.rules import load_rules
from sitegen.models import Block, Verdict
from tests.conftest import REPO, SEEDS

PT_SEED = "000_49ff650710fc1aee.txt"
EN_SEED = "004_4f4e87e51b78506a.txt"

LEAD = (
    "The minister said on Tuesday that the talks had gone well and that both sides "
    "would meet again before the summer."
)
SECOND = (
    "Officials from both countries have met four times this year, and more meetings "
    "are planned for the autumn in the capital."
)


def verdicts_for(
    blocks: list[Block], removed: Mapping[int, str], headings: frozenset[int] = frozenset()
) -> list[Verdict]:
    """Verdicts a cleaner could give: seed lines in `removed` are boilerplate (with the
    rule named), lines in `headings` are crossheads, the rest is body."""
    verdicts = []
    for block in blocks:
        if block.line in removed:
            verdicts.append(Verdict("boilerplate", removed[block.line], 0.0))
        elif block.line in headings:
            verdicts.append(Verdict("heading", "test/crosshead", 1.0))
        else:
            verdicts.append(Verdict("body", "test/content", 1.0))
    return verdicts


def extract_seed(
    name: str, language: str, removed: Mapping[int, str]
) -> tuple[Extraction, list[Block]]:
    blocks = split_blocks((SEEDS / name).read_text(encoding="utf-8"))
    verdicts = verdicts_for(blocks, removed)
    return extract_metadata(blocks, verdicts, language, MetaSettings()), blocks


def moved_lines(extraction: Extraction, blocks: list[Block]) -> dict[int, str]:
    return {blocks[index].line: rule for index, rule in extraction.moved.items()}


# What a cleaner removes from the English seed: widget, recommendations and form residue.
EN_REMOVED = {
    **dict.fromkeys(range(1, 7), "test/weather"),
    47: "test/recommended",
    49: "test/symbols",
    50: "test/forms",
}
# ... and from the Portuguese one: the promos and the teaser with its header.
PT_REMOVED = {
    3: "test/telegram",
    4: "test/follow-us",
    12: "test/related",
    13: "test/teaser",
    14: "test/teaser",
}


def test_english_seed_front_matter() -> None:
    extraction, _ = extract_seed(EN_SEED, "en", EN_REMOVED)
    meta = extraction.meta
    assert (
        meta.title == "Putin's Visit to China 'to Strengthen' Cooperation Between the Two Countries"
    )
    assert meta.summary.startswith("The visit of Russian President Vladimir Putin to China")
    assert meta.date == "2024-05-14T15:48:00+01:00"
    assert meta.captured == "2024-11-15"
    assert meta.language == "en"
    assert meta.source == "Notícias ao Minuto"
    assert meta.agency == "Lusa"
    assert meta.authors == ()
    assert meta.section == "Mundo"
    assert meta.tags == ("MNE russo",)
    assert meta.see_also == ('Putin in Beijing to "avoid disruptions" in Chinese economic support',)
    assert meta.review == ()


def test_english_seed_moves_headline_dateline_source_section_and_see_also() -> None:
    extraction, blocks = extract_seed(EN_SEED, "en", EN_REMOVED)
    assert moved_lines(extraction, blocks) == {
        8: "meta/title",
        12: "meta/duplicate-title",
        13: "meta/source",
        15: "meta/dateline",
        17: "meta/section",
        45: "meta/see-also",
    }


def test_english_seed_headline_found_when_the_cleaner_removed_it_for_its_shape() -> None:
    removed = {**EN_REMOVED, 8: "model/outside-article", 12: "context/duplicate-headline"}
    extraction, blocks = extract_seed(EN_SEED, "en", removed)
    assert extraction.meta.title.startswith("Putin's Visit to China")
    assert moved_lines(extraction, blocks)[8] == "meta/title"


def test_portuguese_seed_front_matter() -> None:
    extraction, _ = extract_seed(PT_SEED, "pt", PT_REMOVED)
    meta = extraction.meta
    assert meta.source == "Kyiv Post"  # from the handle in a promo the cleaner removed
    assert meta.date == ""
    assert set(meta.review) >= {"title", "date"}
    assert "source" not in meta.review
    assert meta.title.startswith("O presidente russo Vladimir Putin disse")
    assert len(meta.title.split()) <= 13
    assert "terça-feira" in meta.title or "terça" not in meta.title
    assert meta.summary.startswith("O presidente russo Vladimir Putin disse")
    assert meta.summary.endswith("um grande desfile militar.")
    assert "terça-feira" in meta.summary  # the translation artefact "terça -feira" mended
    assert extraction.moved == {}


def test_title_taken_from_the_capture_is_not_flagged() -> None:
    meta = extract_lines(["Ministers agree to meet again", LEAD, SECOND], "en").meta
    assert meta.title == "Ministers agree to meet again"
    assert "title" not in meta.review
    assert meta.summary == LEAD  # no dek: the lead sentence


def extract_lines(lines: list[str], language: str) -> Extraction:
    blocks = split_blocks("\n".join(lines))
    verdicts = [Verdict("body", "test", 1.0) for _ in blocks]
    return extract_metadata(blocks, verdicts, language, MetaSettings())


@pytest.mark.parametrize(
    ("line", "language", "authors"),
    [
        ("By Jane Doe | Email the author", "en", ["Jane Doe"]),
        ("By Jane Doe and John Smith, Follow on Twitter", "en", ["Jane Doe", "John Smith"]),
        ("Por Maria Silva e João Costa", "pt", ["Maria Silva", "João Costa"]),
        ("Por Ana de Sousa, em Lisboa", "pt", ["Ana de Sousa"]),
        ("Von Anna Müller in Berlin", "de", ["Anna Müller"]),
        ("Par Jean Dupont @jdupont", "fr", ["Jean Dupont"]),
        ("Por Laura García y Pedro Ruiz", "es", ["Laura García", "Pedro Ruiz"]),
        ("15:48 - 14/05/24 por Lusa", "pt", []),
        ("Geschrieben von Cooper am 25.08.2015 22:30", "de", ["Cooper"]),
        ("Posted on 21. Juli 2019 by Realiberry", "de", ["Realiberry"]),
        ("By Rob Picheta, CNN", "en", ["Rob Picheta"]),
        ("Por Xisto Luz, Lusa", "pt", ["Xisto Luz"]),
        ("Artikel von Alexa von Heyden", "de", ["Alexa von Heyden"]),
        ("Gastbeitrag von Wenke Kos", "de", ["Wenke Kos"]),
        ("Publiziert am 13. Januar 2014 von uriebe", "de", ["uriebe"]),
        ("11.09.2011, 16:20 von jovelstefan", "de", ["jovelstefan"]),
        ("von flerche", "de", ["flerche"]),
        ("von heute", "de", []),
        ("von www.example.org", "de", []),
        ("Von Risiken und Nebenwirkungen", "de", []),
        ("Texte von Künstlern, Bands und DJs aus der Region", "de", []),
        ("Putin in Beijing to avoid disruptions", "en", []),
        ("By the way, this is a sentence about nothing in particular", "en", []),
    ],
)
def test_bylines_without_noise(line: str, language: str, authors: list[str]) -> None:
    assert byline_names(line, language) == authors


def test_byline_block_gives_authors_and_moves() -> None:
    extraction = extract_lines(
        ["Ministers agree to meet again", "By Jane Doe | Email the author", LEAD, SECOND], "en"
    )
    assert extraction.meta.authors == ("Jane Doe",)
    assert extraction.moved[1] == "meta/byline"


@pytest.mark.parametrize(
    ("lines", "language", "authors", "moved"),
    [
        (["10.12.2022 18:27 von", "Hinrich Neumann"], "de", ("Hinrich Neumann",), {2}),
        (["By", "Julie Mollins"], "en", ("Julie Mollins",), {1, 2}),
        (["Geschrieben von:", "Frau Sabienes"], "de", ("Frau Sabienes",), {1, 2}),
        (["By", "The Planetary Press"], "en", (), set()),
        (["AUTHORS", "EDITORIAL"], "en", (), set()),
        (["Von:", "Suche Erweiterte Suche"], "de", (), set()),
    ],
)
def test_a_byline_split_after_its_intro_names_the_next_line(
    lines: list[str], language: str, authors: tuple[str, ...], moved: set[int]
) -> None:
    """Scrapers put "By" and the names in lines of their own; the next line is read as a
    byline's names, checked harder (no heading, no common first word, no repeat)."""
    extraction = extract_lines(["Ministers agree to meet again", *lines, LEAD, SECOND], language)
    assert extraction.meta.authors == authors
    assert {i for i, rule in extraction.moved.items() if rule == "meta/byline"} == moved


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("14/05/2024 10:00 | Reuters", "Reuters"),
        ("Com Lusa", "Lusa"),
        ("Mit Material von dpa", "dpa"),
        ("Source: AFP", "AFP"),
    ],
)
def test_agency_credit_lines(line: str, agency: str) -> None:
    meta = extract_lines(["Ministers agree to meet again", line, LEAD, SECOND], "en").meta
    assert meta.agency == agency


def test_agency_in_the_leads_dateline() -> None:
    lead = "LISBOA, 14 mai (Lusa) - " + LEAD
    assert (
        extract_lines(["Ministers agree to meet again", lead, SECOND], "pt").meta.agency == "Lusa"
    )


def test_agency_named_only_in_prose_is_not_the_wire() -> None:
    quoted = "According to figures compiled by Reuters and the central bank, " + LEAD
    meta = extract_lines(["Ministers agree to meet again", quoted, SECOND], "en").meta
    assert meta.agency == ""


@pytest.mark.parametrize(
    ("clue", "source"),
    [
        ("Follow us on Twitter @guardiannews", "The Guardian"),
        ("Read the full story at www.publico.pt/mundo", "Público"),
        ("© 2024 Der Spiegel. Alle Rechte vorbehalten", "Der Spiegel"),
        ("Le Monde", "Le Monde"),
    ],
)
def test_source_from_handles_domains_copyright_and_site_names(clue: str, source: str) -> None:
    meta = extract_lines(["Ministers agree to meet again", LEAD, SECOND, clue], "en").meta
    assert meta.source == source
    assert "source" not in meta.review


def test_unknown_outlet_leaves_source_for_review() -> None:
    meta = extract_lines(
        ["Ministers agree to meet again", LEAD, SECOND, "@someone_else"], "en"
    ).meta
    assert meta.source == ""
    assert "source" in meta.review


def test_labelled_category_and_tags() -> None:
    lines = [
        "Ministers agree to meet again",
        LEAD,
        SECOND,
        "Kategorie: Aus dem Alltag, Bilderberg",
        "Schlagworte: Christopher Dallman : Musik : schwul",
    ]
    meta = extract_lines(lines, "de").meta
    assert meta.section == "Aus dem Alltag"
    assert meta.tags == ("Christopher Dallman", "Musik", "schwul")


def test_section_strip_needs_a_known_section_name() -> None:
    known = extract_lines(
        ["Ministers agree to meet again", "Politik Bundestag", LEAD, SECOND], "de"
    )
    assert (known.meta.section, known.meta.tags) == ("Politik", ("Bundestag",))
    unknown = extract_lines(["Ministers agree to meet again", "Blumen Garten", LEAD, SECOND], "de")
    assert (unknown.meta.section, unknown.meta.tags) == ("", ())


@pytest.mark.parametrize(
    ("line", "language", "headline"),
    [
        (
            "Leia também: Governo aprova novo orçamento para 2025",
            "pt",
            "Governo aprova novo orçamento para 2025",
        ),
        (
            "Lesen Sie auch: Bundestag beschließt neues Gesetz",
            "de",
            "Bundestag beschließt neues Gesetz",
        ),
        ("Read Also: Talks resume in Geneva (Portuguese version)", "en", "Talks resume in Geneva"),
    ],
)
def test_see_also_headlines_leave_the_body(line: str, language: str, headline: str) -> None:
    extraction = extract_lines(["Ministers agree to meet again", LEAD, SECOND, line], language)
    assert extraction.meta.see_also == (headline,)
    assert extraction.moved[3] == "meta/see-also"


def test_classify_and_extract_on_the_seeds() -> None:
    """The real cleaner's verdicts lead to the same front matter as the constructed ones."""
    rules = load_rules()
    results = {}
    for name, language in ((EN_SEED, "en"), (PT_SEED, "pt")):
        blocks = split_blocks((SEEDS / name).read_text(encoding="utf-8"))
        verdicts = classify(blocks, language, rules)
        results[name] = extract_metadata(blocks, verdicts, language, MetaSettings()).meta
    en, pt = results[EN_SEED], results[PT_SEED]
    assert (
        en.title == "Putin's Visit to China 'to Strengthen' Cooperation Between the Two Countries"
    )
    assert (en.date, en.captured, en.source, en.agency) == (
        "2024-05-14T15:48:00+01:00",
        "2024-11-15",
        "Notícias ao Minuto",
        "Lusa",
    )
    assert (en.section, en.tags) == ("Mundo", ("MNE russo",))
    assert (pt.source, pt.date) == ("Kyiv Post", "")
    assert {"title", "date"} <= set(pt.review)


def test_data_word_lists_hold_only_strings() -> None:
    """YAML reads a bare On, No or Yes as a boolean: every listed word must stay text."""
    import yaml  # noqa: PLC0415  (only this test reads the files raw)

    def leaves(value: object) -> list[object]:
        if isinstance(value, dict):
            return [leaf for item in value.values() for leaf in leaves(item)]
        if isinstance(value, list):
            return [
                leaf
                for item in value
                for leaf in (leaves(item) if isinstance(item, dict | list) else [item])
            ]
        return []

    for path in sorted((REPO / "sitegen" / "data").glob("*.yaml")):
        bad = [
            leaf
            for leaf in leaves(yaml.safe_load(path.read_text(encoding="utf-8")))
            if not isinstance(leaf, str)
        ]
        assert bad == [], path.name


def test_capture_without_paragraphs_still_gets_a_derived_title() -> None:
    meta = extract_lines(["Short note here", "14/05/2024 10:00", "One sentence only."], "en").meta
    assert meta.title == "Short note here"
    assert "title" in meta.review
    assert meta.date == "2024-05-14T10:00:00+00:00"


def test_empty_capture_gives_empty_fields_for_review() -> None:
    extraction = extract_metadata([], [], "en", MetaSettings())
    assert extraction.meta.title == ""
    assert set(extraction.meta.review) == {"title", "date", "source"}
    assert extraction.moved == {}


def test_a_menu_line_next_to_the_lead_does_not_beat_the_headline() -> None:
    lines = [
        "Ministers agree to meet again after two days of talks in Geneva",
        "Version imprimable",
        LEAD,
        SECOND,
    ]
    meta = extract_lines(lines, "fr").meta
    assert meta.title == "Ministers agree to meet again after two days of talks in Geneva"


def test_an_agency_credit_line_is_not_the_site_name() -> None:
    meta = extract_lines(["Ministers agree to meet again", LEAD, "Reuters", SECOND], "en").meta
    assert meta.source == ""
    assert meta.agency == "Reuters"
    from_domain = extract_lines(["Ministers agree", LEAD, SECOND, "www.reuters.com/world"], "en")
    assert from_domain.meta.source == "Reuters"


@pytest.mark.parametrize(
    ("line", "language", "author"),
    [
        ("04.02.2022 | 15:33 Uhr | Dennis Steimels", "de", "Dennis Steimels"),
        ("Michael Mäser, 02.02.2022", "de", "Michael Mäser"),
        ("Frank Hahn am 18. September 2019", "de", "Frank Hahn"),
        ("23.06.2016 um 16:14 Uhr - Markus Reuter - 91 Ergänzungen", "de", "Markus Reuter"),
        ("Von Lars Sobiraj Lesezeit: 3 Minuten", "de", "Lars Sobiraj"),
    ],
)
def test_a_dated_line_names_its_author_without_an_introducing_word(
    line: str, language: str, author: str
) -> None:
    meta = extract_lines(["Ministers agree to meet again", line, LEAD, SECOND], language).meta
    assert meta.authors == (author,)
    assert "authors" not in meta.review


def test_a_name_alone_in_the_head_is_the_author_flagged_for_review() -> None:
    head = extract_lines(["Ministers agree to meet again", "Marina Mucha", LEAD, SECOND], "en")
    assert head.meta.authors == ("Marina Mucha",)
    assert "authors" in head.meta.review
    body = extract_lines(["Ministers agree to meet again", LEAD, "Marina Mucha", SECOND], "en")
    assert body.meta.authors == ()
    assert "authors" not in body.meta.review
