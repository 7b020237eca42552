"""Hostile HTML captures: nothing captured can run, redirect or load in a reader's browser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.site_checks import soup

HOSTILE = """<!DOCTYPE html><html lang="en"><head>
<title>Council approves the new harbour plan</title>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<script>alert("head")</script>
</head><body onload="alert('body')">
<article>
<h1>Council approves the new harbour plan</h1>
<p>The city council approved the harbour plan on Tuesday after a debate that lasted six hours,
with <a href="javascript:alert('link')">nineteen votes</a> in favour and four against.</p>
<p onclick="alert('p')">The plan moves the container terminal east of the river mouth and frees
the old docks for housing, parks and a ferry station, the mayor told reporters.</p>
<iframe src="https://evil.example/frame"></iframe>
<p>Work is due to start next spring <img src=x onerror="alert('img')"> and to last four years,
according to the <a href="data:text/html,<script>alert(1)</script>">council's timetable</a>.</p>
<script>document.write("<p>injected</p>")</script>
<p>&lt;script&gt;alert("escaped text")&lt;/script&gt; is how the capture showed a code sample.</p>
</article></body></html>"""


def test_nothing_from_a_hostile_capture_can_run(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "hostile.html").write_text(HOSTILE, encoding="utf-8")
    command = [sys.executable, "-m", "sitegen", "build", "--root", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "public" / "articles").glob("*/index.html"))
    assert len(pages) == 1
    document = soup(pages[0])
    text = document.get_text()
    assert "approved the harbour plan on Tuesday" in text
    assert [s.get("type") for s in document.find_all("script")] == ["application/ld+json"]
    assert document.find("iframe") is None and document.find("base") is None
    assert not document.find("meta", attrs={"http-equiv": "refresh"})
    for tag in document.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        for attribute in ("href", "src"):
            value = str(tag.get(attribute, "")).strip().lower()
            assert not value.startswith(("javascript:", "data:", "https://evil")), tag
    assert "injected" not in text
    assert '<script>alert("escaped text")</script>' in text, "captured text stays visible as text"
