"""Guarantees (issue 6), through the real CLI: no command rewrites a capture or a note (only
`annotate` adds notes), an editor's changes survive every re-ingest, and two builds of the same
inputs, in different folders and read in different directory orders, are byte-identical."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests import test_properties as properties
from tests.conftest import REPO, full_archive, seed_archive, sitegen
from tests.hostile.cases import CASES, EN_SLUG
from tests.hostile.checks import changed, snapshot
from tests.test_ingest_seeds import EN_SEED
from tests.test_site import UNSTABLE

QUOTE = "Lavrov noted that the West"
COMMANDS = (
    ("ingest",),
    ("ingest", "--force"),
    ("build",),
    ("check",),
    ("clean", "seeds/" + EN_SEED),
    ("clean", "seeds/" + EN_SEED, "--format", "json"),
    ("annotate", EN_SLUG, QUOTE),
    ("annotate", EN_SLUG, QUOTE, "--author", "archive-desk"),
    ("build",),
)


def test_no_command_rewrites_a_capture_or_a_note(tmp_path: Path) -> None:
    root = full_archive(tmp_path)
    notes = root / "content" / "annotations"
    seeds_before, notes_before = snapshot(root / "seeds"), snapshot(notes)
    added: list[str] = []
    for command in COMMANDS:
        args = [str(root / a) if a.startswith("seeds/") else a for a in command]
        result = sitegen(root, *args)
        assert result.returncode == 0, (command, result.stderr)
        assert snapshot(root / "seeds") == seeds_before, command
        now = snapshot(notes)
        assert {p: now[p] for p in notes_before} == notes_before, command
        if command[0] == "annotate":
            added.append(Path(result.stdout.strip()).relative_to(notes).as_posix())
    assert changed(notes_before, snapshot(notes)) == set(added)
    assert added == [
        f"{EN_SLUG}/lavrov-noted-that-the-west.md",
        f"{EN_SLUG}/lavrov-noted-that-the-west-2.md",
    ]


def test_an_editors_changes_survive_every_reingest(tmp_path: Path) -> None:
    root = seed_archive(tmp_path)
    assert sitegen(root, "ingest").returncode == 0
    article = root / "content" / "articles" / f"{EN_SLUG}.md"
    edited = article.read_text("utf-8").replace("section: ", "section: Edited ", 1)
    edited += "\nA paragraph the editor added.\n"
    article.write_text(edited, "utf-8")
    for command in (("ingest",), ("ingest", "--force"), ("build",)):
        assert sitegen(root, *command).returncode == 0, command
        assert article.read_text("utf-8") == edited, command
    (root / "content" / ".ingested.json").unlink()  # even without the ledger
    forced = sitegen(root, "ingest", "--force")
    assert "1 kept (edited by a person)" in forced.stdout, "recognised by their origin hash"
    assert article.read_text("utf-8") == edited
    assert len(list(article.parent.glob("*.md"))) == 2, "no second copy of either capture"
    assert sitegen(root, "build").returncode == 0
    page = (root / "public" / "articles" / EN_SLUG / "index.html").read_text("utf-8")
    assert "A paragraph the editor added." in page


# Runs the CLI with every directory listing in reverse name order instead of the file
# system's own (ext4's hash order), so nothing may depend on the order files are found in.
REVERSED_LISTINGS = """
import os, sys
_scandir, _listdir = os.scandir, os.listdir

class _Reversed:
    def __init__(self, path):
        self._it = _scandir(path)
        self._entries = iter(sorted(self._it, key=lambda e: e.name, reverse=True))
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self._it.close()
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._entries)
    def close(self):
        self._it.close()

os.scandir = lambda path=".": _Reversed(path)
os.listdir = lambda path=".": sorted(_listdir(path), reverse=True)
from sitegen.cli import main
sys.exit(main(sys.argv[1:]))
"""


def add_same_day_articles(root: Path, count: int, reverse: bool) -> None:
    """Articles that tie on date, tags and names, written in either order."""
    folder = root / "content" / "articles"
    for i in sorted(range(count), reverse=reverse):
        front = f"title: Harbour {i}\ndate: 2024-05-14T10:00:00+00:00\ntags: [Harbour, Port]\n"
        front += "people: [Vladimir Putin]\nplaces: [Lisbon]\n"
        body = f"Paragraph {i} on the harbour plan.\n"
        (folder / f"harbour-{i:02d}.md").write_text(f"---\n{front}---\n\n{body}", "utf-8")


def copy_reversed(source: Path, target: Path) -> None:
    """Copy a tree creating its entries in reverse name order."""
    target.mkdir(parents=True)
    for path in sorted(source.iterdir(), reverse=True):
        if path.is_dir():
            copy_reversed(path, target / path.name)
        else:
            shutil.copy2(path, target / path.name)


def published(root: Path) -> dict[str, bytes]:
    out = root / "public"
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    return {k: v for k, v in files.items() if not UNSTABLE.match(k)}


def test_builds_are_byte_identical_across_folders_and_listing_orders(tmp_path: Path) -> None:
    one = full_archive(tmp_path / "one")
    add_same_day_articles(one, 12, reverse=False)
    two = tmp_path / "elsewhere" / "two"
    copy_reversed(tmp_path / "one", two)
    shutil.rmtree(two / "content" / "articles")
    copy_reversed(one / "content" / "articles", two / "content" / "articles")
    assert sitegen(one, "build").returncode == 0
    command = [sys.executable, "-c", REVERSED_LISTINGS, "build", "--root", str(two)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    first, second = published(one), published(two)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []
    assert any(k.startswith("articles/harbour-11/") for k in first)


def test_the_readme_guarantees_quote_the_tests_own_counts() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = " ".join(readme.split("## Guarantees", 1)[1].split("\n## ", 1)[0].split())
    places = Counter(
        case.path.split("/")[0 if case.path.startswith("seeds/") else 1] for case in CASES
    )
    lines = [c.message.split(":", 1)[0] for c in CASES if c.message]
    counts = {
        r"\*\*(\d+) hostile inputs\*\*": len(CASES),
        r"(\d+) captures \(": places["seeds"],
        r"(\d+) articles \(": places["articles"],
        r"(\d+) notes \(": places["annotations"],
        r"\((\d+) errors\)": lines.count("error"),
        r"(\d+) of them with a one-line warning": lines.count("warning"),
        r"builds its page \((\d+) inputs\)": sum(1 for c in CASES if c.slug),
        r"(\d+) properties,": sum(1 for name in dir(properties) if name.startswith("test_")),
        r"(\d+) examples each": properties.EXAMPLES,
    }
    quoted = {pattern: int(re.findall(pattern, section)[0]) for pattern in counts}
    assert quoted == counts
