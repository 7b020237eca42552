"""`check` fails on orphaned notes and broken links, warns on fuzzy anchors (--strict fails)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SEEDS, sitegen


def archive_with_note(root: Path, quote: str) -> Path:
    shutil.copytree(SEEDS, root / "seeds")
    assert sitegen(root, "ingest").returncode == 0
    slug = next(p.stem for p in (root / "content" / "articles").glob("putin-s-visit*.md"))
    note = root / "content" / "annotations" / slug / "a-note.md"
    note.parent.mkdir(parents=True)
    front = f"article: {slug}\ntype: context\nauthor: desk\ndate: 2024-01-01\nquote: {quote}\n"
    note.write_text(f"---\n{front}---\n\nText.\n", encoding="utf-8")
    return note


def test_clean_archive_passes(tmp_path: Path) -> None:
    archive_with_note(tmp_path, "the Russian minister said")
    assert sitegen(tmp_path, "build").returncode == 0
    result = sitegen(tmp_path, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 errors, 0 warnings (strict)"


def test_orphan_fails_naming_file_line_and_fix(tmp_path: Path) -> None:
    note = archive_with_note(tmp_path, "a sentence the article never had")
    result = sitegen(tmp_path, "check")
    assert result.returncode == 1
    assert f"error: {note}:6: orphaned note: its quote is no longer in article" in result.stderr
    assert "set 'quote' (and 'prefix'/'suffix') to the passage as it reads now" in result.stderr


def test_fuzzy_anchor_warns_and_strict_fails(tmp_path: Path) -> None:
    note = archive_with_note(tmp_path, "the Russian ministre said that")
    article = next((tmp_path / "content" / "articles").glob("putin-s-visit*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("the Russian minister said.", "the Russian minister said that."), "utf-8"
    )
    plain = sitegen(tmp_path, "check")
    assert plain.returncode == 0, plain.stderr
    assert f"warning: {note}:6: anchored to edited text" in plain.stderr
    assert sitegen(tmp_path, "check", "--strict").returncode == 1


def test_broken_link_in_the_built_site_fails(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert sitegen(tmp_path, "build").returncode == 0
    page = tmp_path / "public" / "404.html"
    page.write_text(
        page.read_text("utf-8").replace("</main>", '<a href="/nowhere/">x</a></main>'), "utf-8"
    )
    result = sitegen(tmp_path, "check")
    assert result.returncode == 1
    assert f"error: {page}: broken link /nowhere/" in result.stderr


def test_two_notes_on_one_paragraph_link_only_to_notes_on_their_page(tmp_path: Path) -> None:
    """A note's page shows its paragraph with its own passage marked: another note's mark
    there would link to a note that is not on the page."""
    first = archive_with_note(tmp_path, "plays a very important role")
    second = first.with_name("b-note.md")
    second.write_text(
        first.read_text("utf-8").replace("plays a very important role", "the Russian minister"),
        "utf-8",
    )
    assert sitegen(tmp_path, "build").returncode == 0
    result = sitegen(tmp_path, "check", "--strict")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "public" / "annotations" / first.parent.name / "a-note" / "index.html"
    html = page.read_text("utf-8")
    assert 'href="#note-a-note"' in html
    assert "note-b-note" not in html
