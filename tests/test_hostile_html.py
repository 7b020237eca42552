"""Hostile HTML captures: nothing captured can run, redirect or load in a reader's browser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.hostile.checks import active_content
from tests.site_checks import soup

HOSTILE = Path(__file__).parent / "hostile" / "hostile.html"


def test_nothing_from_a_hostile_capture_can_run(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "hostile.html").write_bytes(HOSTILE.read_bytes())
    command = [sys.executable, "-m", "sitegen", "build", "--root", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "public" / "articles").glob("*/index.html"))
    assert len(pages) == 1
    document = soup(pages[0])
    text = document.get_text()
    assert "approved the harbour plan on Tuesday" in text
    assert [s.get("type") for s in document.find_all("script")] == ["application/ld+json"]
    assert active_content(document) == []
    assert not document.find("form", action=lambda a: "evil" in str(a))
    assert "injected" not in text
    assert '<script>alert("escaped text")</script>' in text, "captured text stays visible as text"
