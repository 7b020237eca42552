"""benchmarks/generate.py: the scale benchmark's synthetic archive builds, anchors and ingests."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, sitegen

BOILERPLATE = ("Telegram", "cookies", "Meteorologia", "Weather", "newsletter", "Recomendados")


def generate(out: Path, count: int, *args: str) -> Path:
    command = [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(count), str(out)]
    subprocess.run([*command, *args], check=True, capture_output=True, text=True)
    return out


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(root)}\n".encode() + path.read_bytes())
    return digest.hexdigest()


def test_same_seed_gives_the_same_bytes_and_another_seed_other_articles(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 30, "--seed", "3")
    again = generate(tmp_path / "b", 30, "--seed", "3")
    other = generate(tmp_path / "c", 30, "--seed", "4")
    assert tree_digest(first) == tree_digest(again)
    assert tree_digest(first) != tree_digest(other)
    assert len(list((first / "content/articles").glob("*.md"))) == 30
    assert len(list((first / "seeds").glob("*.txt"))) == 30


def test_a_smaller_archive_is_the_start_of_a_larger_one(tmp_path: Path) -> None:
    small = generate(tmp_path / "small", 10, "--form", "content")
    large = generate(tmp_path / "large", 25, "--form", "content")
    for path in (small / "content/articles").glob("*.md"):
        assert path.read_bytes() == (large / "content/articles" / path.name).read_bytes()


def test_articles_read_as_600_words_in_english_and_portuguese(tmp_path: Path) -> None:
    root = generate(tmp_path / "site", 30, "--form", "content")
    texts = [p.read_text(encoding="utf-8") for p in (root / "content/articles").glob("*.md")]
    bodies = [text.split("\n---\n", 1)[1] for text in texts]
    assert all(500 <= len(body.split()) <= 750 for body in bodies)
    assert {"language: en", "language: pt"} <= {line for t in texts for line in t.splitlines()}


def test_sitegen_builds_the_content_and_every_note_anchors(tmp_path: Path) -> None:
    root = generate(tmp_path / "site", 30, "--form", "content")
    built = sitegen(root, "build")
    assert built.returncode == 0, built.stderr
    assert "30 articles" in built.stdout
    assert "0 errors, 0 warnings" in built.stdout
    notes = list((root / "content/annotations").rglob("*.md"))
    assert notes
    for note in notes:
        page = root / "public/annotations" / note.parent.name / note.stem / "index.html"
        assert page.is_file()
    checked = sitegen(root, "check", "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "orphan" not in (checked.stdout + checked.stderr).lower()


def test_ingest_removes_the_capture_boilerplate_and_keeps_the_body(tmp_path: Path) -> None:
    root = generate(tmp_path / "site", 6, "--form", "captures")
    reference = generate(tmp_path / "ref", 6, "--form", "content")
    ingested = sitegen(root, "ingest")
    assert ingested.returncode == 0, ingested.stderr
    written = sorted((root / "content/articles").glob("*.md"))
    assert len(written) == 6
    for path in written:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert not any(word in body for word in BOILERPLATE), path.name
    expected = [p.read_text(encoding="utf-8") for p in (reference / "content/articles").iterdir()]
    last_paragraphs = {text.rstrip().rsplit("\n\n", 1)[1] for text in expected}
    bodies = "\n".join(p.read_text(encoding="utf-8") for p in written)
    assert all(paragraph in bodies for paragraph in last_paragraphs)


def test_both_forms_build_as_an_already_ingested_archive(tmp_path: Path) -> None:
    root = generate(tmp_path / "site", 8)
    built = sitegen(root, "build")
    assert built.returncode == 0, built.stderr
    assert "built 8 articles (0 newly ingested)" in built.stdout
    assert len(list((root / "public/captures").glob("*.txt"))) == 8
