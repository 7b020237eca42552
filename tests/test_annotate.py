"""`annotate` starts a note that anchors exactly, and never overwrites an existing one."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitegen.frontmatter import split_front_matter
from tests.conftest import REPO, SEEDS, sitegen


def test_annotate_writes_a_unique_selector_and_never_overwrites(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert sitegen(tmp_path, "ingest").returncode == 0
    slug = next(p.stem for p in (tmp_path / "content" / "articles").glob("putin-s-visit*.md"))
    first = sitegen(
        tmp_path, "annotate", slug, "Xi Jinping", "--occurrence", "2", "--type", "fact-check"
    )
    assert first.returncode == 0, first.stderr
    path = Path(first.stdout.strip())
    fields, _ = split_front_matter(path.read_text(encoding="utf-8"))
    assert fields["quote"] == "Xi Jinping" and fields["type"] == "fact-check"
    assert fields["prefix"] and fields["suffix"]
    assert fields["claim"] == "" and fields["verdict"] == ""
    before = path.read_bytes()
    second = sitegen(tmp_path, "annotate", slug, "Xi Jinping", "--occurrence", "2")
    assert Path(second.stdout.strip()) != path and path.read_bytes() == before
    text = path.read_text(encoding="utf-8").replace("claim: ''", "claim: A claim")
    path.write_text(text.replace("verdict: ''", "verdict: True"), encoding="utf-8")
    build = sitegen(tmp_path, "build")
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "public" / "articles" / slug / "index.html").read_text(encoding="utf-8")
    assert f'id="mark-{path.stem}"' in page


def test_annotate_names_the_problem(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert sitegen(tmp_path, "ingest").returncode == 0
    slug = next(p.stem for p in (tmp_path / "content" / "articles").glob("putin-s-visit*.md"))
    missing = sitegen(tmp_path, "annotate", slug, "words that are not there")
    assert missing.returncode == 1
    assert missing.stderr.strip().endswith(
        "the quote is not in the article's text: 'words that are not there'"
    )
    repeated = sitegen(tmp_path, "annotate", slug, "Xi Jinping", "--occurrence", "9")
    assert "the quote occurs" in repeated.stderr and "pick one with --occurrence" in repeated.stderr
    unknown = sitegen(tmp_path, "annotate", "no-such-article", "x")
    assert unknown.stderr.startswith("error: no article 'no-such-article'")
    assert not (tmp_path / "content" / "annotations").exists() or not any(
        (tmp_path / "content" / "annotations").rglob("*.md")
    )
    assert REPO.is_dir()
