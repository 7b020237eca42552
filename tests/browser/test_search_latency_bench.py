"""benchmarks/search_latency.py on a tiny archive: it builds, edits, searches in Chromium
and reports one row per bundle size (the timings themselves are never asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Browser

from tests.conftest import REPO, free_port

sys.path.insert(0, str(REPO / "benchmarks"))

import search_latency  # benchmarks/ is no package: found through the sys.path entry above


def test_the_table_has_a_row_per_bundle_size(browser: Browser, tmp_path: Path) -> None:
    argv = ["--articles", "40", "--shards", "8,1000", "--runs", "1"]
    args = search_latency.parse_args([*argv, "--work", str(tmp_path), "--port", str(free_port())])
    rows = {
        cells[0]: cells
        for line in search_latency.run(args, browser).splitlines()
        if (cells := [c.strip() for c in line.strip("|").split("|")])[0][:1].isdigit()
    }
    assert set(rows) == {"8", "1,000"}
    assert rows["1,000"][1] == "2"  # one bundle per language (en, pt)
    assert int(rows["8"][1]) > 4
    requests = {size: int(cells[-1].split(",")[0]) for size, cells in rows.items()}
    assert requests["8"] > requests["1,000"]  # each merged bundle is fetched
    assert (tmp_path / "shards-8" / "public" / "pagefind-en-2").is_dir()
