"""The bundled seeds, ingested from the command line, give what tests/fixtures/EXPECTED.md says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitegen.frontmatter import split_front_matter
from sitegen.ingest.markdown import markdown_to_text
from tests.conftest import SEEDS, seed_archive, sitegen

PT_SEED = "000_49ff650710fc1aee.txt"
EN_SEED = "004_4f4e87e51b78506a.txt"


def seed_lines(archive: Path, name: str) -> list[str]:
    return (archive / "seeds" / name).read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Ingest a copy of the seeds once; map seed name -> (front matter, body paragraphs)."""
    root = seed_archive(tmp_path_factory.mktemp("archive"))
    result = sitegen(root, "ingest")
    assert result.returncode == 0, result.stderr
    articles = {}
    for path in sorted((root / "content" / "articles").glob("*.md")):
        fields, body = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        name = Path(fields["origin"]["path"]).name
        articles[name] = {"fields": fields, "body": markdown_to_text(body), "path": path}
    return root, articles


def removed_lines(fields: dict[str, Any]) -> dict[int, str]:
    return {int(r["lines"]): r["rule"] for r in fields["removed"]}


def test_each_seed_becomes_one_article_and_seeds_are_untouched(ingested: tuple[Path, Any]) -> None:
    root, articles = ingested
    assert set(articles) == {PT_SEED, EN_SEED}
    for name in (PT_SEED, EN_SEED):
        assert (root / "seeds" / name).read_bytes() == (SEEDS / name).read_bytes()


def test_portuguese_seed_body_and_removals(ingested: tuple[Path, Any]) -> None:
    root, articles = ingested
    article = articles[PT_SEED]
    lines = seed_lines(root, PT_SEED)
    body = article["body"]
    for number in [1, 2, 5, 6, 7, 8, 10, 11, 15, 16, 17, 18, 19, 20, 21]:
        expected = lines[number - 1].replace(" -feira", "-feira")
        assert expected in body, f"line {number} missing from the body"
    assert "## Turbulência global" in body
    removed = removed_lines(article["fields"])
    assert set(removed) >= {3, 4, 12, 13, 14}
    assert not any("Telegram" in p or "Kharkiv" in p or "Outros tópicos" in p for p in body)
    assert all(rule for rule in removed.values())


def test_portuguese_seed_front_matter(ingested: tuple[Path, Any]) -> None:
    fields = ingested[1][PT_SEED]["fields"]
    assert fields["language"] == "pt"
    assert fields["source"] == "Kyiv Post"
    assert fields["title"] and "title" in fields["review"]
    assert fields["date"] in ("", None) and "date" in fields["review"]
    assert {"Vladimir Putin", "Xi Jinping", "Kim Jong Un"} <= set(fields["people"])
    assert "Anastasiya Paraskevova" not in fields["people"]
    places = set(fields["places"])
    assert {"China", "Russia", "Beijing", "Moscow", "Ukraine", "Tianjin", "North Korea"} <= places
    assert "Kharkiv" not in places
    assert "Shanghai Cooperation Organisation" in fields["organizations"]


def test_english_seed_body_and_removals(ingested: tuple[Path, Any]) -> None:
    root, articles = ingested
    article = articles[EN_SEED]
    lines = seed_lines(root, EN_SEED)
    body = article["body"]
    for number in range(19, 44, 2):
        assert lines[number - 1] in body, f"line {number} missing from the body"
    assert body[0] == lines[9], "the standfirst opens the body"
    text = "\n".join(body)
    for gone in (
        "Meteorologia",
        "MIN 13º",
        "Recomendados para si",
        "Campo obrigatório",
        "Read Also",
    ):
        assert gone not in text
    assert text.count("Putin's Visit to China") == 0
    removed = removed_lines(article["fields"])
    assert set(removed) >= {1, 3, 4, 5, 6, 12, 45, 47, 49, 50}


def test_english_seed_front_matter(ingested: tuple[Path, Any]) -> None:
    fields = ingested[1][EN_SEED]["fields"]
    assert (
        fields["title"]
        == "Putin's Visit to China 'to Strengthen' Cooperation Between the Two Countries"
    )
    assert fields["summary"].startswith("The visit of Russian President Vladimir Putin to China")
    assert fields["date"] == "2024-05-14T15:48:00+01:00"
    assert str(fields["captured"]).startswith("2024-11-15")
    assert fields["language"] == "en"
    assert fields["source"] == "Notícias ao Minuto"
    assert fields["agency"] == "Lusa"
    assert fields["section"] == "Mundo"
    assert fields["tags"] == ["MNE russo"]
    assert fields["see_also"] and fields["see_also"][0].startswith(
        'Putin in Beijing to "avoid disruptions"'
    )
    assert {"Vladimir Putin", "Xi Jinping", "Sergei Lavrov", "Antony Blinken"} <= set(
        fields["people"]
    )
    assert {"China", "Russia", "Beijing", "Moscow", "Ukraine"} <= set(fields["places"])
    assert fields["origin"] == {"path": f"seeds/{EN_SEED}", "sha256": fields["origin"]["sha256"]}
    assert len(fields["origin"]["sha256"]) == 64


def test_second_ingest_skips_and_keeps_editors_changes(ingested: tuple[Path, Any]) -> None:
    root, articles = ingested
    path = articles[EN_SEED]["path"]
    edited = path.read_text(encoding="utf-8").replace("section: Mundo", "section: World")
    path.write_text(edited, encoding="utf-8")
    again = sitegen(root, "ingest")
    assert again.returncode == 0
    assert "0 ingested" in again.stdout and "2 skipped" in again.stdout
    forced = sitegen(root, "ingest", "--force")
    assert "1 kept (edited by a person)" in forced.stdout
    assert path.read_text(encoding="utf-8") == edited


def test_clean_formats(archive: Path) -> None:
    seed = f"seeds/{EN_SEED}"
    text = sitegen(archive, "clean", str(archive / seed), "--format", "text")
    assert text.returncode == 0, text.stderr
    paragraphs = text.stdout.splitlines()
    assert paragraphs[0].startswith("The visit of Russian President")
    assert "Campo obrigatório" not in text.stdout
    data = json.loads(sitegen(archive, "clean", str(archive / seed), "--format", "json").stdout)
    assert data["agency"] == "Lusa" and data["body"][0] == paragraphs[0]
    assert any(r["rule"] and r["lines"] == 1 for r in data["removed"])
    markdown = sitegen(archive, "clean", str(archive / seed)).stdout
    assert markdown.startswith("---\ntitle: Putin's Visit to China")
    assert not (archive / "content" / "articles").exists(), "clean writes nothing"


def test_bad_capture_is_named_and_the_rest_still_ingests(archive: Path) -> None:
    (archive / "seeds" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (archive / "seeds" / "empty.txt").write_bytes(b"")
    result = sitegen(archive, "ingest")
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    seeds = archive / "seeds"
    assert errors == [
        f"error: {seeds / 'broken.txt'}: binary file (a PNG image), not a text or HTML capture",
        f"error: {seeds / 'empty.txt'}: empty capture: no text to ingest",
    ]
    assert "2 ingested" in result.stdout and "2 errors" in result.stdout
    assert len(list((archive / "content" / "articles").glob("*.md"))) == 2
