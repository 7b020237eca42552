"""Loading content: every bad article is named in one line and skipped; the rest loads."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from sitegen.annotations import load_notes
from sitegen.cache import BuildCache
from sitegen.errors import SitegenError
from sitegen.link import link
from sitegen.load import Inputs, load_articles
from sitegen.models import SourceArticle


def loaded_and_held(content: Path) -> tuple[Inputs, int]:
    """The articles under `content`, and the memory they hold (measured on a second load,
    once modules and their caches are in place)."""
    load_articles(content, "UTC")
    tracemalloc.start()
    try:
        inputs = load_articles(content, "UTC")
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return inputs, held


def write(content: Path, name: str, front: str, body: str = "Text.\n") -> Path:
    path = content / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("title: 42\n", "'title' must be text, not int"),
        ("title: Ok\ndate: [2024, 1, 2]\n", "'date' must be a date, not list"),
        ("title: Ok\ndate: yesterday\n", "'date' is not an ISO 8601 date: 'yesterday'"),
        (
            "title: Ok\nslug: ../../etc/passwd\n",
            "slug '../../etc/passwd' is not a lowercase ASCII URL segment",
        ),
        ("title: Ok\ntags: [{a: 1}]\n", "'tags' must be a list of text"),
        ("summary: no title\n", "'title' is missing"),
    ],
)
def test_invalid_front_matter_is_one_line_naming_the_file(
    tmp_path: Path, front: str, message: str
) -> None:
    good = write(tmp_path, "good.md", "title: Good\n")
    bad = write(tmp_path, "bad.md", front)
    inputs = load_articles(tmp_path, "UTC")
    assert [a.source for a in inputs.articles] == [str(good)]
    assert [str(e) for e in inputs.errors] == [f"{bad}: {message}"]


def test_unknown_keys_warn_and_dates_get_the_configured_zone(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "title: A\ndate: 2024-05-14 15:48\ncolour: blue\n")
    inputs = load_articles(tmp_path, "Europe/Lisbon")
    assert inputs.warnings == (
        f"{tmp_path / 'articles' / 'a.md'}: unknown front matter key 'colour' (ignored)",
    )
    moment = inputs.articles[0].date
    assert moment is not None and moment.isoformat() == "2024-05-14T15:48:00+01:00"


def test_an_unknown_key_with_a_line_break_stays_one_line(tmp_path: Path) -> None:
    write(tmp_path, "a.md", 'title: A\n"x\\ny\\u202e": 1\n')
    (warning,) = load_articles(tmp_path, "UTC").warnings
    assert warning.endswith("unknown front matter key 'x\\ny\\u202e' (ignored)")
    assert "\n" not in warning and "\u202e" not in warning


def test_a_link_out_of_the_content_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\nsecret\n", encoding="utf-8")
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "link.md").symlink_to(secret)
    inputs = load_articles(content, "UTC")
    assert inputs.articles == ()
    link_path = content / "articles" / "link.md"
    assert [str(e) for e in inputs.errors] == [
        f"{link_path}: is a link to a file outside the content folder (not read)"
    ]


def test_two_articles_with_one_slug_name_both_files(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "title: A\nslug: same\n")
    write(tmp_path, "b.md", "title: B\nslug: same\n")
    site, errors = link(load_articles(tmp_path, "UTC").articles)
    assert list(site.articles) == ["same"]
    a, b = tmp_path / "articles" / "a.md", tmp_path / "articles" / "b.md"
    assert [str(e) for e in errors] == [f"{b}: slug 'same' is already used by {a} (skipped)"]


def test_a_loaded_body_is_read_from_its_file_and_not_held(tmp_path: Path) -> None:
    """The bodies of a large archive are not all held: 300 articles of 20 KB stay under 1 MB
    once loaded (holding them takes 6 MB), and each body reads back as written."""
    body = "Olá, *mundo*. " * 1400 + "\n\nLast.\n"
    for i in range(300):
        write(tmp_path, f"a{i:03d}.md", f"title: A{i}\n", f"\n{body}\n\n")
    inputs, held = loaded_and_held(tmp_path)
    assert len(inputs.articles) == 300
    assert held < 1_000_000
    first = inputs.articles[0]
    assert first.body_markdown == body
    assert first == SourceArticle(first.source, "a000", first.meta, body, None)


def test_a_body_changed_after_loading_is_named_not_published_stale(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "title: A\n", "First text.\n")
    (article,) = load_articles(tmp_path, "UTC").articles
    path.write_text("---\ntitle: A\n---\n\nSecond text.\n", encoding="utf-8")
    with pytest.raises(SitegenError) as raised:
        _ = article.body_markdown
    assert str(raised.value) == f"{path}: changed or removed while the build ran; build again"


def test_names_many_articles_share_are_held_once(tmp_path: Path) -> None:
    """1,000 articles listing the same 30 people hold each name once (3 MB if each article
    held its own copies)."""
    people = [f"Person number {i} of a rather long list of names" for i in range(30)]
    for i in range(1000):
        write(tmp_path, f"a{i:04d}.md", f"title: A{i}\npeople: {people}\n")
    inputs, held = loaded_and_held(tmp_path)
    assert [a.meta.people for a in inputs.articles[:2]] == [tuple(people)] * 2
    assert held < 1_500_000


def test_the_articles_and_notes_read_from_their_files_are_named(tmp_path: Path) -> None:
    """What the build renders first, so the search starts on the edited article's bundle."""
    content = tmp_path / "content"
    write(content, "a.md", "title: A\nslug: a\n", "First paragraph.\n")
    edited = write(content, "b.md", "title: B\nslug: b\n", "Second paragraph.\n")
    note = content / "annotations" / "n.md"
    note.parent.mkdir()
    front = "article: a\nquote: First\ntype: context\nauthor: ed\ndate: 2024-01-01\n"
    note.write_text(f"---\n{front}---\n\nA note.\n", "utf-8")

    def reread() -> tuple[frozenset[str], frozenset[str]]:
        cache = BuildCache(tmp_path)
        found = load_articles(content, "UTC", cache).reread, load_notes(content, cache).reread
        cache.save()
        return found

    assert reread() == ({"a", "b"}, {"a"})
    assert reread() == (set(), set())
    edited.write_text(edited.read_text("utf-8") + "\nMore.\n", "utf-8")
    note.write_text(note.read_text("utf-8").replace("A note.", "A longer note."), "utf-8")
    assert reread() == ({"b"}, {"a"})
