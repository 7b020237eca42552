"""Ingest never overwrites an article a person edited."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitegen.config import config_for_test
from sitegen.ingest.batch import _write
from sitegen.ingest.write import Ledger, write_article
from sitegen.models import Article, ArticleMeta, Removal
from tests.conftest import SEEDS, sitegen


def test_unedited_file_is_rewritten_and_edited_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "articles" / "a.md"
    ledger = Ledger.load(tmp_path)
    assert write_article(ledger, target, "a", "sha", "v1\n") == "written"
    assert write_article(ledger, target, "a", "sha", "v1\n") == "unchanged"
    assert write_article(ledger, target, "a", "sha", "v2\n") == "written"
    ledger.save()
    target.write_text("v2 with an editor's fix\n", encoding="utf-8")
    reloaded = Ledger.load(tmp_path)
    assert write_article(reloaded, target, "a", "sha", "v3\n") == "kept-edited"
    assert target.read_text(encoding="utf-8") == "v2 with an editor's fix\n"


def test_a_file_ingest_never_wrote_is_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "articles" / "hand-made.md"
    target.parent.mkdir()
    target.write_text("written by hand\n", encoding="utf-8")
    assert write_article(Ledger.load(tmp_path), target, "hand-made", "sha", "x\n") == "kept-edited"
    assert target.read_text(encoding="utf-8") == "written by hand\n"


def test_two_captures_with_one_long_title_both_build(tmp_path: Path) -> None:
    """The second gets the capture's hash appended and still fits the 80-character slug."""
    (tmp_path / "seeds").mkdir()
    headline = (
        "Council approves the long awaited harbour plan after a six hour debate in the city hall"
    )
    for name, detail in (("a.txt", "nineteen votes in favour"), ("b.txt", "four votes against")):
        body = f"The city council approved the plan on Tuesday with {detail}, the mayor said."
        text = f"{headline}\n\n{body} " + "Work starts next spring and lasts four years. " * 3
        (tmp_path / "seeds" / name).write_text(text + "\n", encoding="utf-8")
    result = sitegen(tmp_path, "build")
    assert result.returncode == 0, result.stderr
    slugs = sorted(p.stem for p in (tmp_path / "content" / "articles").glob("*.md"))
    assert len(slugs) == 2 and all(len(s) <= 80 for s in slugs), slugs
    assert slugs[0] != slugs[1] and slugs[1].startswith(slugs[0][:60])
    built = [p.parent.name for p in (tmp_path / "public" / "articles").glob("*/index.html")]
    assert sorted(built) == slugs


def test_a_lost_ledger_is_rebuilt_from_the_files_ingest_wrote(tmp_path: Path) -> None:
    """As after a run killed between writing articles and saving the ledger."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert sitegen(tmp_path, "ingest").returncode == 0
    (tmp_path / "content" / ".ingested.json").unlink()
    again = sitegen(tmp_path, "ingest")
    assert "0 ingested, 2 unchanged" in again.stdout, again.stdout
    third = sitegen(tmp_path, "ingest")
    assert "0 ingested, 0 unchanged, 2 skipped" in third.stdout, "known again, not re-read"


def test_an_article_the_loader_would_refuse_is_not_written(tmp_path: Path) -> None:
    """A removal log over the 1 MB of front matter the loader reads: one line, no file."""
    config = config_for_test(tmp_path)
    removed = tuple(
        Removal("Leia também: outra notícia " * 20, str(i), "pt/teasers") for i in range(2500)
    )
    article = Article("a", ArticleMeta(title="A"), ("Text.",), "seeds/a.txt", "ab" * 32, removed)
    ledger = Ledger.load(config.content)
    outcome = _write(article, config, ledger)
    assert outcome.status == "error"
    assert outcome.message == (
        f"{tmp_path / 'seeds' / 'a.txt'}: the article's front matter (its removal log) would be "
        "1.5 MB, over the 1 MB the loader reads; split the capture"
    )
    assert not config.articles_dir.exists() and ledger.entries == {}
