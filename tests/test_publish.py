"""A build killed at any moment leaves the previous public/ complete; the next one succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from sitegen.executor import PARENT_POLL
from sitegen.load import load_articles
from sitegen.publish import Spare, prepare, publish, recover
from sitegen.render import OutputFile
from tests.conftest import SEEDS, full_archive, seed_archive, sitegen


def build_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "sitegen", "build", "--root", str(root)]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def add_articles(root: Path, count: int, start: int = 0) -> None:
    folder = root / "content" / "articles"
    for i in range(start, start + count):
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


def descendants(pid: int) -> set[int]:
    """Every process below `pid`; psutil copes with processes and threads ending mid-walk."""
    try:
        return {child.pid for child in psutil.Process(pid).children(recursive=True)}
    except psutil.NoSuchProcess:
        return set()


def wait_for_workers(process: subprocess.Popen[bytes], timeout: float = 30) -> set[int]:
    """The build's worker processes, as soon as it has started some."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if found := descendants(process.pid):
            return found
        time.sleep(0.02)
    return set()


def alive(pid: int) -> bool:
    """A process that exists and is not a zombie waiting to be reaped."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_killing_a_build_never_damages_the_published_site(tmp_path: Path) -> None:
    """Killed with SIGKILL (its workers are not told): the site is intact, and the build's
    worker processes exit on their own instead of waiting forever."""
    full_archive(tmp_path)
    assert subprocess.run(build_command(tmp_path), capture_output=True, check=False).returncode == 0
    before = tree(tmp_path / "public")
    add_articles(tmp_path, 300)
    workers: set[int] = set()
    for delay in (0.3, 0.8, 1.5, 2.5, None):  # None: the moment worker processes run
        if delay is None:
            add_articles(tmp_path, 300, start=300)  # work again, should the last build be done
        process = subprocess.Popen(
            build_command(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        below = wait_for_workers(process) if delay is None else set()
        time.sleep(delay or 0)
        below |= descendants(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        workers |= below
        before = check_after_kill(tmp_path, before, delay or 0)
    deadline = time.monotonic() + 3 * PARENT_POLL + 5
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert workers, "no kill caught the build with worker processes: the test proves nothing"
    assert not [pid for pid in workers if alive(pid)], "workers outlived their killed build"
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


def pages(count: int, edited: int = -1) -> list[OutputFile]:
    """Pages p0…: page `edited` with new bytes, the others unchanged (linked, no bytes)."""
    return [
        OutputFile(f"p{i}/index.html", b"edited", "new")
        if i == edited
        else OutputFile(f"p{i}/index.html", None, f"k{i}")
        for i in range(count)
    ]


def first_site(public: Path, count: int) -> dict[str, tuple[str, str, str]]:
    files = [OutputFile(f"p{i}/index.html", f"page {i}".encode(), f"k{i}") for i in range(count)]
    return publish(files, public)[1]


def test_the_first_rebuild_updates_a_linked_copy_and_leaves_the_old_site_whole(
    tmp_path: Path,
) -> None:
    """Without a spare site, a child process links the published one into the staging
    folder while the build renders; the edited page replaces its link, never writing
    through it into the previous site, which becomes the spare."""
    public, spare = tmp_path / "public", tmp_path / "cache" / "site"
    published = first_site(public, 50)
    before = tree(public)
    staging = prepare(public, Spare(spare, {}), published)
    assert staging.origin == "published"
    publish(pages(49, edited=7), public, staging=staging)
    expected = {f"p{i}/index.html": f"page {i}".encode() for i in range(49)}
    assert tree(public) == expected | {"p7/index.html": b"edited"}
    assert tree(spare) == before
    assert not list(tmp_path.glob(".public.*"))


def test_a_copy_that_fails_to_link_is_replaced_by_writing_every_file(tmp_path: Path) -> None:
    public = tmp_path / "public"
    published = first_site(public, 3)
    (public / "p1" / "index.html").unlink()  # listed but gone: the child's copy fails
    staging = prepare(public, None, published)
    publish(pages(3, edited=1), public, staging=staging)
    assert tree(public) == {
        "p0/index.html": b"page 0",
        "p1/index.html": b"edited",
        "p2/index.html": b"page 2",
    }
    assert staging.origin == ""  # it fell back to an empty folder
    assert not list(tmp_path.glob(".public.*"))


def test_a_spare_of_unknown_contents_is_removed_beside_the_build(tmp_path: Path) -> None:
    """It is renamed aside and removed by a child process that may outlive the build; one
    left over by a removal that was stopped is removed by the next build."""
    public, spare = tmp_path / "public", tmp_path / "cache" / "site"
    published = first_site(public, 3)
    for folder in (spare, tmp_path / "cache" / "site.removing-stopped"):
        (folder / "old" / "deep").mkdir(parents=True)
        (folder / "old" / "deep" / "index.html").write_bytes(b"a site of another version")
    publish(pages(3, edited=0), public, staging=prepare(public, Spare(spare, {}), published))
    assert not list(tmp_path.glob(".public.*"))
    assert tree(spare) == {f"p{i}/index.html": f"page {i}".encode() for i in range(3)}
    deadline = time.monotonic() + 30
    while list(spare.parent.glob("site.removing-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in spare.parent.iterdir()) == ["site"]


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
