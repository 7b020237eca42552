"""Search bundles split by article: every indexed page in exactly one bundle of its language,
and an edited article re-indexes only its own bundle."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.config import load_config
from sitegen.errors import ConfigError
from sitegen.publish import Written
from sitegen.publish.search import SearchIndex
from tests.conftest import full_archive, sitegen
from tests.test_incremental import add_articles, edit_body

SIGNATURE = b"pagefind_dcd"
"""What starts a decompressed Pagefind fragment, before its JSON."""


def _archive(root: Path, per_shard: int) -> Path:
    full_archive(root)
    add_articles(root, 12)
    (root / "pyproject.toml").write_text(f"[tool.sitegen]\nsearch_shard_articles = {per_shard}\n")
    result = sitegen(root, "build")
    assert result.returncode == 0, result.stderr
    return root / "public"


def _pages(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def _stamps(out: Path) -> dict[str, int]:
    return {b.name: (b / "pagefind-entry.json").stat().st_mtime_ns for b in out.glob("pagefind-*")}


def test_each_page_is_indexed_once_across_a_languages_bundles(tmp_path: Path) -> None:
    whole = _archive(tmp_path / "whole", 1000)
    split = _archive(tmp_path / "split", 3)
    assert sorted(p.name for p in whole.glob("pagefind-*")) == ["pagefind-en", "pagefind-pt"]
    english = sorted(split.glob("pagefind-en*"))
    assert len(english) >= 3
    assert sum(_pages(b) for b in english) == _pages(whole / "pagefind-en")
    search = (split / "search" / "index.html").read_text("utf-8")
    merged = " ".join(f"/{b.name}/" for b in english[1:])
    assert f'data-bundle="/pagefind-en/" data-merge="{merged}"' in search


def test_an_edited_article_re_indexes_only_its_bundle(tmp_path: Path) -> None:
    out = _archive(tmp_path / "site", 3)
    before = _stamps(out)
    edit_body(out.parent)
    assert sitegen(out.parent, "build").returncode == 0
    after = _stamps(out)
    assert after.keys() == before.keys()
    assert [name for name in sorted(after) if after[name] != before[name]] == [
        next(name for name in sorted(after) if _holds(out / name, "extra-004"))
    ]


def test_an_edited_articles_bundle_is_indexed_before_the_rest_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind starts on the edited article's bundle as soon as its pages are written,
    not after every indexed page of the site is keyed and written."""
    out = _archive(tmp_path / "site", 3)
    edit_body(out.parent)
    starts: list[tuple[frozenset[str], set[str]]] = []
    original = SearchIndex.start

    def start(self: SearchIndex, staging: Path, written: Written, *more: frozenset[str]) -> None:
        starts.append((*more, {path for path, (_, language, _) in written.items() if language}))
        original(self, staging, written, *more)

    monkeypatch.setattr(SearchIndex, "start", start)
    assert main(["build", "--root", str(out.parent)]) == 0
    edited = next(name for name in sorted(_stamps(out)) if _holds(out / name, "extra-004"))
    assert len(starts) == 2
    (first, indexed_then), (last, indexed_at_last) = starts
    assert first == {edited}
    assert "articles/extra-004/index.html" in indexed_then
    assert len(indexed_then) < len(indexed_at_last) / 2
    assert last == frozenset()


_PRIORITY = """
import os, sys
from pathlib import Path
from sitegen.build import build
from sitegen.cli import main
from sitegen.config import load_config
root, how = Path(sys.argv[1]), sys.argv[2]
before = os.nice(0)
if how == "command line":  # as `python -m sitegen build` runs it
    sys.argv = ["sitegen", "build", "--root", str(root)]
    assert main() == 0
elif how == "called":
    assert main(["build", "--root", str(root)]) == 0
else:
    assert not build(load_config(root), root).errors
print(os.nice(0) - before)
"""


@pytest.mark.parametrize(
    ("how", "lowered"), [("command line", True), ("called", False), ("library", False)]
)
def test_the_command_line_lowers_its_priority_while_an_edits_bundle_is_indexed(
    tmp_path: Path, how: str, lowered: bool
) -> None:
    """`sitegen build` gives Pagefind, the edit's critical path, the cores once the edited
    bundle is being indexed; a build called from a long-lived process (serve, a test,
    `main` called with arguments) leaves that process's priority alone, as it could not
    raise it again."""
    out = _archive(tmp_path / "site", 3)
    edit_body(out.parent)
    command = [sys.executable, "-c", _PRIORITY, str(out.parent), how]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    raised = int(result.stdout.splitlines()[-1])  # after the command's summary
    assert raised > 0 if lowered else raised == 0


def _holds(bundle: Path, slug: str) -> bool:
    """Whether the bundle indexes the article (its fragments name the page's URL)."""
    return any(slug in _fragment_url(f) for f in (bundle / "fragment").glob("*.pf_fragment"))


def _fragment_url(fragment: Path) -> str:
    data = gzip.decompress(fragment.read_bytes())
    return str(json.loads(data.removeprefix(SIGNATURE)).get("url", ""))


def test_a_shard_size_below_one_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.sitegen]\nsearch_shard_articles = 0\n")
    with pytest.raises(ConfigError, match="'search_shard_articles' must be at least 1, not 0"):
        load_config(tmp_path)
