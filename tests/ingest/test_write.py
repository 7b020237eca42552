"""Ingest never overwrites an article a person edited."""

from __future__ import annotations

from pathlib import Path

from sitegen.ingest.write import Ledger, write_article


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
