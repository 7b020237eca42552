"""Search split into several bundles per language finds what one bundle finds, in Chromium."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from tests.browser.conftest import search_links, served, watch
from tests.conftest import full_archive
from tests.test_incremental import add_articles


def _search(browser: Browser, root: Path, query: str) -> tuple[list[str], list[str]]:
    """Result links (all pages of results) and the search page's bundle folders."""
    with served(root) as site:
        assert site.build.returncode == 0, site.build.stderr
        page = browser.new_page()
        seen = watch(page)
        links = search_links(page, f"{site.base}search/?q={query}", all_pages=True)
        assert seen.console_errors == [] and seen.outside == []
        page.close()
    bundles = sorted(p.name for p in (root / "public").glob("pagefind-*"))
    return sorted(links), bundles


def test_a_language_split_in_shards_is_searched_whole(browser: Browser, tmp_path: Path) -> None:
    results = {}
    for per_shard in (1000, 3):
        root = full_archive(tmp_path / f"shards-{per_shard}")
        add_articles(root, 12)
        setting = f"[tool.sitegen]\nsearch_shard_articles = {per_shard}\n"
        (root / "pyproject.toml").write_text(setting, "utf-8")
        results[per_shard] = _search(browser, root, "Putin")
    (whole, one_each), (split, several) = results[1000], results[3]
    assert one_each == ["pagefind-en", "pagefind-pt"]
    assert len(several) > 4 and {"pagefind-en-1", "pagefind-en-2"} <= set(several)
    assert len(whole) > 12
    assert split == whole
