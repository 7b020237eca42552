"""Incremental builds publish exactly what a cold build of the same inputs publishes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import sitegen.build as build_module
from sitegen import render
from sitegen.cache import CACHE_DIR, file_digest
from sitegen.cli import main
from sitegen.render import deferred, pages
from sitegen.render.bodies import aliases_for
from sitegen.shards import articles_by_bundle
from tests.conftest import full_archive, sitegen
from tests.test_site import UNSTABLE

Edit = Callable[[Path], None]


def site_files(out: Path) -> dict[str, bytes]:
    """Every published file but Pagefind's non-byte-stable ones (see test_site.UNSTABLE)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and not UNSTABLE.match(p.relative_to(out).as_posix())
    }


def cold_build(root: Path, scratch: Path) -> dict[str, bytes]:
    """The same inputs built from nothing, without the cache, in another folder."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    for name in ("seeds", "content", "themes", "pyproject.toml"):
        source = root / name
        if source.is_dir():
            shutil.copytree(source, scratch / name)
        elif source.is_file():
            shutil.copy(source, scratch / name)
    result = sitegen(scratch, "build", "--no-cache", "--executor", "serial")
    assert result.returncode == 0, result.stderr
    return site_files(scratch / "public")


def add_articles(root: Path, count: int) -> None:
    """Articles sharing tags and people, so they list and relate to each other."""
    for i in range(count):
        head = f"title: Extra {i}\nslug: extra-{i:03d}\ndate: 2023-02-{1 + i % 28:02d}"
        names = f"tags: [Extra, T{i % 3}]\npeople: [Vladimir Putin, P{i % 4}]"
        body = f"Paragraph {i} about Vladimir Putin and the talks. " * 10
        page = f"---\n{head}\n{names}\n---\n\n{body}\n"
        (root / "content" / "articles" / f"extra-{i:03d}.md").write_text(page, "utf-8")


def edit_summary(root: Path) -> None:
    path = root / "content" / "articles" / "extra-003.md"
    path.write_text(path.read_text("utf-8").replace("title: Extra 3", "title: Extra three"))


def edit_body(root: Path) -> None:
    """The commonest edit: front matter unchanged, so the relations come from the cache."""
    path = root / "content" / "articles" / "extra-004.md"
    path.write_text(path.read_text("utf-8") + "\nA sentence added by an editor.\n", "utf-8")


def add_note(root: Path) -> None:
    folder = root / "content" / "annotations" / "extra-005"
    folder.mkdir(parents=True)
    note = "---\narticle: extra-005\nquote: Paragraph 5 about\noccurrence: 2\ntype: context\n"
    (folder / "n1.md").write_text(f"{note}author: ed\ndate: 2024-01-01\n---\n\nA note.\n")


def edit_note(root: Path) -> None:
    """A note's text changes, not its passage: the article page shows the new text."""
    path = root / "content" / "annotations" / "extra-005" / "n1.md"
    path.write_text(path.read_text("utf-8").replace("A note.", "A longer note."), "utf-8")


def add_linking_note(root: Path) -> None:
    """A note that links to another article and names a person: the article's page and
    the person's page list it."""
    folder = root / "content" / "annotations" / "extra-006"
    folder.mkdir(parents=True)
    note = "---\narticle: extra-006\nquote: Paragraph 6 about\noccurrence: 3\ntype: link\n"
    links = "links:\n  - article: extra-008\n    quote: Paragraph 8 about\nentities: [P1]\n"
    (folder / "n2.md").write_text(f"{note}{links}author: ed\ndate: 2024-01-02\n---\n\nSee.\n")


def rename_editor(root: Path) -> None:
    """Every note an editor signed shows the new name, on its article's page too."""
    editors = root / "content" / "editors.yml"
    editors.write_text(editors.read_text("utf-8").replace("Archive desk", "Archive team"), "utf-8")


def delete_article(root: Path) -> None:
    (root / "content" / "articles" / "extra-007.md").unlink()


def change_template(root: Path) -> None:
    templates = root / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    source = Path(__file__).resolve().parents[1] / "themes" / "default" / "templates"
    footer = (source / "base.html").read_text("utf-8").replace("</footer>", "<p>Hi</p></footer>")
    (templates / "base.html").write_text(footer, "utf-8")


def change_config(root: Path) -> None:
    (root / "pyproject.toml").write_text('[tool.sitegen]\ntitle = "Another title"\n', "utf-8")


def change_entities(root: Path) -> None:
    entities = root / "content" / "entities.yml"
    entities.write_text(entities.read_text("utf-8") + "\n", "utf-8")


def small_bundles(root: Path) -> None:
    """Search bundles of at most three articles: a language has several."""
    (root / "pyproject.toml").write_text("[tool.sitegen]\nsearch_shard_articles = 3\n", "utf-8")


@pytest.mark.parametrize(
    "edits",
    [
        [
            edit_body,
            edit_summary,
            add_note,
            edit_note,
            add_linking_note,
            rename_editor,
            delete_article,
        ],
        [change_template, change_config, change_entities],
        [small_bundles, edit_body, add_note, add_linking_note, edit_summary, delete_article],
    ],
    ids=["content", "theme-and-settings", "content-in-small-search-bundles"],
)
def test_each_incremental_build_equals_a_cold_build(tmp_path: Path, edits: list[Edit]) -> None:
    """After each edit; with small search bundles, the pages of the bundles an edit left
    alone are linked from the previous build's plans rather than keyed one by one."""
    root = full_archive(tmp_path / "site")
    add_articles(root, 12)
    if edits[0] is small_bundles:
        small_bundles(root)
        edits = edits[1:]
    assert sitegen(root, "build").returncode == 0
    for edit in edits:
        edit(root)
        result = sitegen(root, "build")
        assert result.returncode == 0, result.stderr
        assert "nothing changed" not in result.stdout
        built = site_files(root / "public")
        assert built == cold_build(root, tmp_path / "cold"), f"differs after {edit.__name__}"


def test_an_unchanged_archive_is_not_rebuilt(tmp_path: Path) -> None:
    root = full_archive(tmp_path / "site")
    first = sitegen(root, "build")
    assert first.returncode == 0, first.stderr
    index = root / "public" / "index.html"
    stamp = index.stat().st_mtime_ns
    again = sitegen(root, "build")
    assert again.returncode == 0
    assert "nothing changed since the last build" in again.stdout
    assert index.stat().st_mtime_ns == stamp
    (root / "content" / "articles" / "new.md").write_text("---\ntitle: New\n---\n\nText.\n")
    third = sitegen(root, "build")
    assert "built 3 articles" in third.stdout
    assert (root / "public" / "articles" / "new" / "index.html").is_file()


def test_the_same_folder_named_another_way_is_not_rebuilt(tmp_path: Path) -> None:
    """`--root site` from its parent, then no `--root` inside it, then through a symlink:
    one project, so the second and third builds find nothing changed."""
    root = full_archive(tmp_path / "site")
    (tmp_path / "alias").symlink_to(root)
    command = [sys.executable, "-m", "sitegen", "build"]
    runs = [(tmp_path, ["--root", "site"]), (root, []), (tmp_path, ["--root", "alias"])]
    outputs = [
        subprocess.run(command + extra, cwd=cwd, capture_output=True, text=True, check=False)
        for cwd, extra in runs
    ]
    assert [run.returncode for run in outputs] == [0, 0, 0], outputs[0].stderr
    assert "built 2 articles" in outputs[0].stdout
    for again in outputs[1:]:
        assert "nothing changed since the last build" in again.stdout, again.stdout


def test_inputs_touched_but_unchanged_rewrite_no_page(tmp_path: Path) -> None:
    """A rebuild after every article file was touched keys every page again (from the
    cache or from its context) and finds each key unchanged: no page is written again."""
    root = full_archive(tmp_path / "site")
    add_articles(root, 80)  # past PARALLEL_FROM: the pages render on two workers
    assert sitegen(root, "build", "--jobs", "2").returncode == 0
    pages = sorted((root / "public").rglob("*.html"))
    inodes = {page: page.stat().st_ino for page in pages}
    for article in (root / "content" / "articles").glob("*.md"):
        stat = article.stat()
        os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = sitegen(root, "build", "--jobs", "2")
    assert again.returncode == 0, again.stderr
    assert "nothing changed" not in again.stdout
    assert {page: page.stat().st_ino for page in pages} == inodes


def test_an_edit_keys_only_the_pages_of_its_search_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keying every page cost a second of an edit at 10,000 articles: the pages of each
    search bundle, the term and archive lists and the feeds are linked again as a group
    when their inputs, hashed together, are the previous build's."""
    root = full_archive(tmp_path / "site")
    add_articles(root, 12)
    small_bundles(root)
    assert main(["build", "--root", str(root)]) == 0
    edit_body(root)
    held: list[dict[tuple[str, int], set[str]]] = []
    keyed: list[str] = []
    listed: list[object] = []

    def bundles(*args: Any) -> dict[tuple[str, int], set[str]]:
        held.append(articles_by_bundle(*args))
        return held[-1]

    def article_inputs(ctx: Any, article: Any) -> str:
        keyed.append(article.slug)
        return deferred.article_inputs(ctx, article)

    def listing_inputs(ctx: Any, *page: object) -> str:
        listed.append(page)
        return deferred.listing_inputs(ctx, *page)

    def term_inputs(ctx: Any, term: Any, number: int) -> str:
        listed.append(term)
        return deferred.term_inputs(ctx, term, number)

    monkeypatch.setattr(render, "articles_by_bundle", bundles)
    monkeypatch.setattr(pages, "article_inputs", article_inputs)
    monkeypatch.setattr(pages, "term_inputs", term_inputs)
    feeds = sys.modules["sitegen.render.feeds"]  # the package's `feeds` is a function
    monkeypatch.setattr(feeds, "listing_inputs", listing_inputs)
    assert main(["build", "--root", str(root)]) == 0
    (edited,) = [slugs for slugs in held[0].values() if "extra-004" in slugs]
    assert len(edited) < len(set().union(*held[0].values()))  # other bundles too
    assert sorted(keyed) == sorted(edited)
    assert listed == []  # no term page, no feed


def test_a_body_edit_reuses_the_relations_without_importing_numpy(tmp_path: Path) -> None:
    """The relations come from the cache when front matter is unchanged, so the modules
    that compute them (and NumPy, 90 ms of every start) are not imported."""
    root = full_archive(tmp_path / "site")
    assert sitegen(root, "build").returncode == 0
    edit_body_of = next((root / "content" / "articles").glob("*.md"))
    edit_body_of.write_text(edit_body_of.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    script = (
        "import sys; from sitegen.cli import main; code = main(sys.argv[1:]); "
        "print(sorted(m for m in sys.modules if m == 'numpy' or m.startswith('sitegen.link.')))"
    )
    command = [sys.executable, "-c", script, "build", "--root", str(root)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    imported = result.stdout.strip().splitlines()[-1]
    assert "numpy" not in imported and "sitegen.link.related" not in imported, imported
    assert "sitegen.link.models" in imported  # the check sees the modules a build loads


def test_the_see_also_window_is_a_setting(tmp_path: Path) -> None:
    """A teaser naming a story from four years before its capture links it only once the
    setting lifts the window, and the rebuild equals a cold build (the window is part of
    the cached relations' key)."""
    root = full_archive(tmp_path / "site")
    articles = root / "content" / "articles"
    old = "title: Harbour strike ends after talks\nslug: old-strike\ndate: 2019-03-01"
    new = "title: Port news\nslug: port-news\ndate: 2023-05-02"
    teaser = "see_also: [Harbour strike ends after the talks]"
    (articles / "old-strike.md").write_text(f"---\n{old}\n---\n\nThe old story.\n", "utf-8")
    (articles / "port-news.md").write_text(f"---\n{new}\n{teaser}\n---\n\nNews.\n", "utf-8")
    page = root / "public" / "articles" / "port-news" / "index.html"
    assert sitegen(root, "build").returncode == 0
    linked = '<a href="/articles/old-strike/">Harbour strike ends after the talks</a>'
    assert "Harbour strike ends after the talks <span" in page.read_text("utf-8")
    assert linked not in page.read_text("utf-8")
    (root / "pyproject.toml").write_text("[tool.sitegen]\nsee_also_days = 0\n", "utf-8")
    assert sitegen(root, "build").returncode == 0
    assert linked in page.read_text("utf-8")
    assert site_files(root / "public") == cold_build(root, tmp_path / "cold")


def test_a_page_deleted_by_hand_is_written_again(tmp_path: Path) -> None:
    root = full_archive(tmp_path / "site")
    assert sitegen(root, "build").returncode == 0
    (root / "public" / "tags" / "index.html").unlink()
    (root / "content" / "entities.yml").write_text(
        (root / "content" / "entities.yml").read_text("utf-8") + "\n", "utf-8"
    )
    assert sitegen(root, "build").returncode == 0
    assert site_files(root / "public") == cold_build(root, tmp_path / "cold")


def test_source_date_epoch_is_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = full_archive(tmp_path / "site")
    assert sitegen(root, "build").returncode == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = sitegen(root, "build")
    assert "nothing changed" not in again.stdout
    assert site_files(root / "public") == cold_build(root, tmp_path / "cold")


def test_a_long_running_process_sees_edited_aliases(tmp_path: Path) -> None:
    """serve builds many times in one process: an alias added to entities.yml must reach
    the bodies (their cache key has the file's hash, so a stale index would be kept)."""
    entities = tmp_path / "entities.yml"
    entities.write_text("people:\n  Xi Jinping:\n    aliases: [Presidente Xi]\n", "utf-8")
    first = aliases_for(str(entities), file_digest(entities))
    assert "camarada xi" not in first
    entities.write_text(
        "people:\n  Xi Jinping:\n    aliases: [Presidente Xi, Camarada Xi]\n", "utf-8"
    )
    assert aliases_for(str(entities), file_digest(entities))["camarada xi"] == (
        "people",
        "Xi Jinping",
    )


def test_another_versions_cache_is_removed(tmp_path: Path) -> None:
    """Tables of another sitegen version are never read again: a build removes them, so
    the cache does not grow by a copy per upgrade. Other cached folders stay."""
    root = full_archive(tmp_path / "site")
    assert sitegen(root, "build").returncode == 0
    cache = root / CACHE_DIR
    ours = {p.name for p in cache.iterdir()}
    stale = cache / "0123456789abcdef"
    stale.mkdir()
    (stale / "texts.pickle").write_bytes(b"old")
    (root / "content" / "articles" / "new.md").write_text("---\ntitle: New\n---\n\nText.\n")
    assert sitegen(root, "build").returncode == 0
    assert not stale.exists()
    assert ours <= {p.name for p in cache.iterdir()}  # (and the spare site, made now)


def test_a_site_built_by_another_version_is_replaced_without_leftovers(tmp_path: Path) -> None:
    """After an upgrade nothing is known of public/: the cold build keeps it as the spare
    site, and the next build removes that beside its work; both publish what a cold build
    does and leave no folder behind."""
    root = full_archive(tmp_path / "site")
    add_articles(root, 12)
    assert sitegen(root, "build").returncode == 0
    shutil.rmtree(root / CACHE_DIR)
    for edit in (edit_body, edit_summary):
        edit(root)
        result = sitegen(root, "build")
        assert result.returncode == 0, result.stderr
        assert site_files(root / "public") == cold_build(root, tmp_path / "cold")
        assert not list(root.glob(".public.*"))
        deadline = time.monotonic() + 30  # the old site's removal may outlive the build
        while list((root / CACHE_DIR).glob("site-*.removing-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(list((root / CACHE_DIR).glob("site-*"))) == 1


def test_an_article_edited_during_a_build_fails_it_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A body is read from its file when its page is rendered: edited after loading, the
    build stops naming the file and publishes nothing stale; the next build takes the edit."""
    root = full_archive(tmp_path / "site")
    out = root / "public"
    assert main(["build", "--root", str(root), "--executor", "serial"]) == 0
    published = site_files(out)
    target = root / "content" / "articles" / "extra-000.md"
    add_articles(root, 1)
    loaded = build_module.load_articles

    def load_then_edit(*args: Any, **kwargs: Any) -> Any:
        inputs = loaded(*args, **kwargs)
        target.write_text(target.read_text("utf-8").replace("Paragraph 0", "Changed 0"), "utf-8")
        return inputs

    monkeypatch.setattr(build_module, "load_articles", load_then_edit)
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--executor", "serial"]) == 1
    error = capsys.readouterr().err
    assert error == f"error: {target}: changed or removed while the build ran; build again\n"
    assert site_files(out) == published
    monkeypatch.setattr(build_module, "load_articles", loaded)
    assert main(["build", "--root", str(root), "--executor", "serial"]) == 0
    assert "Changed 0" in (out / "articles" / "extra-000" / "index.html").read_text("utf-8")
