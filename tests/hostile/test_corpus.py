"""Every hostile input (tests/hostile/cases.py) in one archive, built by the real CLI: each
gets its exact line, every other article still builds, nothing is written outside public/
and the files ingest is documented to write, and no traceback is printed."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import full_archive, sitegen
from tests.hostile.cases import CASES, EN_SLUG, HOSTILE_PAGES, PT_SLUG, Case, hostile_archive
from tests.hostile.checks import active_content, changed, snapshot
from tests.site_checks import html_files, soup


@dataclass(frozen=True)
class Run:
    """The archive after `build` then `check`, with the whole folder hashed before and after."""

    root: Path
    results: dict[str, subprocess.CompletedProcess[str]]
    before: dict[str, str]
    after: dict[str, str]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    # the archive sits two levels down, so a write through "../.." would land in `top`
    top = tmp_path_factory.mktemp("hostile")
    root = hostile_archive(top / "a" / "archive")
    before = snapshot(top)
    results = {command: sitegen(root, command) for command in ("build", "check")}
    return Run(root, results, before, snapshot(top))


def expected_line(case: Case, root: Path) -> str:
    assert case.message is not None
    return case.message.format(path=root / (case.shown or case.path), root=root)


@pytest.mark.parametrize("case", [c for c in CASES if c.message], ids=lambda c: c.name)
def test_each_hostile_input_gets_its_exact_line(run: Run, case: Case) -> None:
    path = str(run.root / (case.shown or case.path))
    about = [line for line in run.results[case.command].stderr.splitlines() if path + ":" in line]
    assert about == [expected_line(case, run.root)]


@pytest.mark.parametrize("case", [c for c in CASES if c.slug], ids=lambda c: c.name)
def test_each_accepted_input_builds_its_page(run: Run, case: Case) -> None:
    page = run.root / "public" / "articles" / str(case.slug) / "index.html"
    assert page.is_file(), f"{case.name}: no page at {page}"
    assert str(case.shows) in soup(page).get_text()


def test_nothing_else_is_printed_and_no_traceback(run: Run) -> None:
    build = run.results["build"]
    expected = {expected_line(c, run.root) for c in CASES if c.message and c.command == "build"}
    undated = [
        line
        for line in build.stderr.splitlines()
        if line.endswith("(listed under 'Undated articles')")
    ]
    others = set(build.stderr.splitlines()) - expected - set(undated)
    assert others == set()
    assert build.returncode == 1
    for result in run.results.values():
        assert "Traceback" not in result.stderr + result.stdout


def test_every_good_article_still_builds(run: Run) -> None:
    public = run.root / "public" / "articles"
    built = {p.parent.name for p in public.glob("*/index.html")}
    accepted = {str(c.slug) for c in CASES if c.slug}
    assert built == {EN_SLUG, PT_SLUG} | accepted
    assert (run.root / "public" / "index.html").is_file()


def test_nothing_is_written_outside_public_and_the_ingest_files(run: Run) -> None:
    written = changed(run.before, run.after)
    prefix = "a/archive/"
    allowed = {f"{prefix}content/.ingested.json"}
    ingested = {
        p
        for p in written - run.before.keys()
        if p.startswith(f"{prefix}content/articles/") and p.endswith(".md")
    }
    ours = (f"{prefix}public/", f"{prefix}.sitegen-cache/")  # the site and the build cache
    outside = {p for p in written - allowed - ingested if not p.startswith(ours)}
    assert outside == set()
    assert len(ingested) == sum(1 for c in CASES if c.slug and c.path.startswith("seeds/"))


def test_seeds_notes_and_editors_files_are_byte_identical(run: Run) -> None:
    for folder in ("seeds/", "content/annotations/", "content/articles/"):
        kept = {p: h for p, h in run.before.items() if p.startswith(f"a/archive/{folder}")}
        assert kept, folder
        assert {p: run.after.get(p) for p in kept} == kept, folder


def test_no_built_page_carries_anything_that_runs(run: Run) -> None:
    pages = html_files(run.root / "public")
    assert len(pages) == HOSTILE_PAGES
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"Every page built from that corpus ({HOSTILE_PAGES})" in " ".join(readme.split())
    for page in pages:
        document = soup(page)
        assert active_content(document) == [], page
        policy = document.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None and "script-src 'self'" in policy["content"], page
    hostile = soup(
        run.root / "public" / "articles" / "council-approves-the-new-harbour-plan" / "index.html"
    )
    assert "injected" not in hostile.get_text()
    assert '<script>alert("escaped text")</script>' in hostile.get_text(), "text stays text"


def test_an_editor_page_that_is_a_script_stops_the_build_in_one_line(tmp_path: Path) -> None:
    root = full_archive(tmp_path)
    assert sitegen(root, "build").returncode == 0
    before = snapshot(root / "public")
    editors = root / "content" / "editors.yml"
    editors.write_text("desk:\n  name: Desk\n  url: javascript:alert(document.cookie)\n", "utf-8")
    result = sitegen(root, "build")
    assert result.returncode == 1
    expected = f"error: {editors}: editor 'desk': 'url' must start with http:// or https://"
    assert result.stderr.splitlines() == [expected]
    assert snapshot(root / "public") == before, "the published site is left as it was"
