"""HTML captures (plain and gzipped) and Markdown captures go through the same steps as text."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from sitegen.config import config_for_test
from sitegen.ingest.batch import ingest
from sitegen.ingest.markdown import plain_paragraphs
from sitegen.ingest.preview import clean_file
from tests.conftest import REPO

PAGE = REPO / "tests" / "fixtures" / "pages" / "lisbon-tram.html"


def test_html_capture_gives_article_text_and_declared_metadata(tmp_path: Path) -> None:
    article = clean_file(PAGE, config_for_test(tmp_path))
    meta = article.meta
    assert meta.title == "Elétricos de Lisboa voltam à Graça"
    assert meta.source == "Diário de Exemplo"
    assert meta.authors == ("Maria Silva",)
    assert meta.date.startswith("2024-03-05")
    assert meta.language == "pt"
    paragraphs = plain_paragraphs(article.body)
    assert paragraphs[0].startswith("A Carris reabriu esta terça-feira a linha 28")
    assert "## Horários reforçados" in article.body
    text = "\n".join(paragraphs)
    for clutter in ("Início", "cookies", "Todos os direitos reservados", "window.tracker"):
        assert clutter not in text


def test_gzipped_html_gives_the_same_article(tmp_path: Path) -> None:
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(PAGE.read_bytes()))
    config = config_for_test(tmp_path)
    plain, zipped = clean_file(PAGE, config), clean_file(packed, config)
    assert zipped.body == plain.body and zipped.meta.title == plain.meta.title


def test_markdown_with_front_matter_passes_through(tmp_path: Path) -> None:
    source = tmp_path / "note.md"
    source.write_text(
        "---\ntitle: Já limpo\ndate: 2024-01-02\nlanguage: pt\ntags: [Teste]\n---\n\n"
        "Primeiro parágrafo, já limpo por uma pessoa.\n\n## Secção\n\nSegundo parágrafo.\n",
        encoding="utf-8",
    )
    article = clean_file(source, config_for_test(tmp_path))
    assert article.meta.title == "Já limpo" and article.meta.tags == ("Teste",)
    assert article.meta.date == "2024-01-02"
    assert article.body == (
        "Primeiro parágrafo, já limpo por uma pessoa.",
        "## Secção",
        "Segundo parágrafo.",
    )
    assert article.removed == ()


def test_ingest_writes_html_captures_like_text_ones(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(PAGE, tmp_path / "seeds" / "tram.html")
    outcomes = ingest(config_for_test(tmp_path))
    assert [o.status for o in outcomes] == ["ingested"]
    written = (tmp_path / "content" / "articles" / f"{outcomes[0].slug}.md").read_text("utf-8")
    assert written.startswith("---\ntitle: Elétricos de Lisboa voltam à Graça\n")
    assert "origin:\n  path: seeds/tram.html\n" in written


def test_what_trafilatura_leaves_out_of_an_html_page_is_logged_with_its_source_line(
    tmp_path: Path,
) -> None:
    article = clean_file(PAGE, config_for_test(tmp_path))
    logged = {(r.text, r.lines, r.rule) for r in article.removed}
    rule = "html/outside-main-text"
    assert {
        ("Início", "19", rule),
        ("Desporto", "19", rule),
        ("Este site usa cookies. Aceitar", "20", rule),
        ("Por Maria Silva · 5 de março de 2024", "23", rule),
        ("Leia também", "30", rule),
        ("Metro de Lisboa prolonga linha vermelha", "30", rule),
        ("© 2024 Diário de Exemplo. Todos os direitos reservados.", "31", rule),
    } <= logged
    assert ("Elétricos de Lisboa voltam à Graça", "22", "meta/title") in logged
    assert not any("window.tracker" in r.text or "schema.org" in r.text for r in article.removed)
    body = "\n".join(plain_paragraphs(article.body))
    assert not [r.text for r in article.removed if r.text in body], "a kept paragraph was logged"
    assert [int(r.lines) for r in article.removed] == sorted(int(r.lines) for r in article.removed)


DECLARED = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    "<title>The Impeachment Clock | Daily Ledger</title>"
    '<meta property="og:site_name" content="Daily Ledger"></head><body>'
    '<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav><main><article>{}'
    "<p>Time is not on the committee's side.</p>"
    "<p>The committee has until the end of the month to finish its hearings, and the "
    "chairman said on Tuesday that several witnesses had still not agreed to appear.</p>"
    "<p>Members of both parties expect the schedule to slip into the new year, which would "
    "push any vote past the start of the primary season.</p>"
    "<p>A spokesman declined to say whether subpoenas would be issued to the witnesses who "
    "have refused so far, or when the next hearing would take place.</p>"
    "</article></main><footer>© 2024 Daily Ledger</footer></body></html>\n"
)


def test_a_line_leaves_an_html_body_for_the_title_only_when_it_says_the_declared_title(
    tmp_path: Path,
) -> None:
    """The page declares its title, so a short opening line that says something else is
    body, not a headline; the headline itself, on the page above it, still moves."""
    config = config_for_test(tmp_path)
    page = tmp_path / "page.html"
    page.write_text(DECLARED.format(""), "utf-8")
    article = clean_file(page, config)
    assert article.meta.title == "The Impeachment Clock"
    assert plain_paragraphs(article.body)[0] == "Time is not on the committee's side."
    assert not [r for r in article.removed if r.rule.startswith("meta/")]
    page.write_text(DECLARED.format("<h1>The Impeachment Clock</h1>"), "utf-8")
    article = clean_file(page, config)
    assert plain_paragraphs(article.body)[0] == "Time is not on the committee's side."
    assert [r.text for r in article.removed if r.rule == "meta/title"] == ["The Impeachment Clock"]
