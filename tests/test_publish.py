"""A build killed at any moment leaves the previous public/ complete; the next one succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sitegen.load import load_articles
from sitegen.publish import recover
from tests.conftest import SEEDS, full_archive, seed_archive, sitegen


def build_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "sitegen", "build", "--root", str(root)]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def add_articles(root: Path, count: int) -> None:
    folder = root / "content" / "articles"
    for i in range(count):
        head = f"title: Extra {i}\nslug: extra-{i:04d}\ndate: 2023-01-{1 + i % 28:02d}"
        body = "A paragraph of text. " * 40
        page = f"---\n{head}\ntags: [Extra]\n---\n\n{body}\n"
        (folder / f"extra-{i:04d}.md").write_text(page, "utf-8")


def check_after_kill(root: Path, before: dict[str, bytes], delay: float) -> dict[str, bytes]:
    """public/ is the previous site or a complete new one; if a kill fell between the two
    renames of the swap, the previous site is whole in .public.old-* and put back."""
    public = root / "public"
    if not public.exists():
        recover(public)
        assert tree(public) == before, f"previous site not recoverable after a kill at {delay}s"
        return before
    published = tree(public)
    complete = "articles/extra-0299/index.html" in published and "sitemap.xml" in published
    assert published == before or complete, f"public/ damaged after a kill at {delay}s"
    return published


def test_killing_a_build_never_damages_the_published_site(tmp_path: Path) -> None:
    full_archive(tmp_path)
    assert subprocess.run(build_command(tmp_path), capture_output=True, check=False).returncode == 0
    before = tree(tmp_path / "public")
    add_articles(tmp_path, 300)
    for delay in (0.3, 0.8, 1.5, 2.5):
        process = subprocess.Popen(
            build_command(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        before = check_after_kill(tmp_path, before, delay)
    final = subprocess.run(build_command(tmp_path), capture_output=True, text=True, check=False)
    assert final.returncode == 0, final.stderr
    assert (tmp_path / "public" / "articles" / "extra-0299" / "index.html").is_file()
    assert not list(tmp_path.glob(".public.*")), "staging folders left behind"


def test_a_site_renamed_away_but_not_replaced_is_put_back(tmp_path: Path) -> None:
    old = tmp_path / ".public.old-abc"
    (old / "articles").mkdir(parents=True)
    (old / "index.html").write_text("previous site", "utf-8")
    (tmp_path / ".public.staging-xyz").mkdir()
    recover(tmp_path / "public")
    assert (tmp_path / "public" / "index.html").read_text("utf-8") == "previous site"
    assert not old.exists() and not (tmp_path / ".public.staging-xyz").exists()


def add_captures(root: Path, count: int) -> None:
    """Captures of one story, each with a line of its own, so each is a new article."""
    text = (SEEDS / "004_4f4e87e51b78506a.txt").read_text("utf-8")
    for i in range(count):
        extra = f"\nUpdate {i}: the ministry confirmed the visit for the {i + 1}th time.\n"
        (root / "seeds" / f"update-{i:03d}.txt").write_text(text + extra, "utf-8")


def test_killing_a_build_during_ingest_leaves_every_article_whole(tmp_path: Path) -> None:
    root = seed_archive(tmp_path)
    add_captures(root, 30)
    for delay in (1.0, 2.0, 3.0):
        process = subprocess.Popen(
            build_command(root),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its ingest workers are killed with it
        )
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        loaded = load_articles(root / "content", "UTC")
        assert loaded.errors == (), f"a half-written article after a kill at {delay}s"
    final = subprocess.run(build_command(root), capture_output=True, text=True, check=False)
    assert final.returncode == 0, final.stderr
    articles = sorted((root / "content" / "articles").glob("*.md"))
    assert len(articles) == 32, "one article per capture, none twice"
    again = sitegen(root, "ingest")
    assert "0 ingested" in again.stdout and "32 skipped" in again.stdout, again.stdout
