"""Files the site does not generate: the editors' `content/static/`, published at the root,
and files someone put into public/ by hand, which a rebuild must not drop."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sitegen.cache import CACHE_DIR
from tests.conftest import full_archive, sitegen
from tests.test_incremental import add_articles, cold_build, edit_body, site_files

BY_HAND = {
    "CNAME": b"archive.example.org\n",
    ".git": b"gitdir: ../.git/worktrees/public\n",
    "downloads/report.pdf": b"%PDF-1.4 \x00\x01\x02",
    "articles/extra-004/transcript.txt": "Transcrição".encode(),
}
KEPT = (".git", "CNAME", "articles/extra-004/transcript.txt", "downloads")
"""What the warnings name: a folder the site does not use is kept whole."""


def archive(tmp_path: Path) -> Path:
    root = full_archive(tmp_path / "site")
    add_articles(root, 6)
    return root


def build(root: Path, status: int = 0) -> str:
    """Build; the standard error, once the exit status is as expected."""
    result = sitegen(root, "build")
    assert result.returncode == status, result.stderr
    return result.stderr


def add_files(folder: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)


def kept_warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "not written by sitegen; kept" in line]


def test_files_added_to_public_by_hand_survive_rebuilds(tmp_path: Path) -> None:
    """Each is published again and named in a warning, build after build; the rest equals
    a cold build, and the spare site the cache keeps holds none of them."""
    root = archive(tmp_path)
    build(root)
    out = root / "public"
    add_files(out, BY_HAND)
    for _ in range(2):
        edit_body(root)
        stderr = build(root)
        assert {path: (out / path).read_bytes() for path in BY_HAND} == BY_HAND
        assert kept_warnings(stderr) == [
            f"warning: {out / path}: not written by sitegen; kept (put it in content/static/"
            " to publish it with every build)"
            for path in KEPT
        ]
        spare = next((root / CACHE_DIR).glob("site-*"))
        assert not [path for path in BY_HAND if (spare / path).exists()]
    ours = {path: data for path, data in site_files(out).items() if path not in BY_HAND}
    assert ours == cold_build(root, tmp_path / "cold")


def test_a_file_deleted_from_public_by_hand_stays_deleted(tmp_path: Path) -> None:
    root = archive(tmp_path)
    build(root)
    out = root / "public"
    add_files(out, BY_HAND)
    edit_body(root)
    build(root)
    (out / "CNAME").unlink()
    for _ in range(2):  # the spare site, updated in place, must not bring it back either
        (root / "content" / "articles" / "extra-001.md").write_text(
            "---\ntitle: One more\n---\n\nText.\n", "utf-8"
        )
        stderr = build(root)
        assert not (out / "CNAME").exists()
        assert len(kept_warnings(stderr)) == len(KEPT) - 1
        edit_body(root)


def test_files_by_hand_outlive_an_upgrade(tmp_path: Path) -> None:
    """A new version reads none of the old one's cache, manifest included; the record of
    what was kept, and when the site was written, is not part of it."""
    root = archive(tmp_path)
    build(root)
    out = root / "public"
    add_files(out, BY_HAND)
    for version in (root / CACHE_DIR).iterdir():
        if re.fullmatch("[0-9a-f]{16}", version.name):
            shutil.rmtree(version)
    edit_body(root)
    assert len(kept_warnings(build(root))) == len(KEPT)
    assert {path: (out / path).read_bytes() for path in BY_HAND} == BY_HAND


def test_without_the_cache_only_the_top_level_is_known(tmp_path: Path) -> None:
    """Nothing says which files a build wrote: names the site does not use at the top are
    kept, unknown files inside its folders go as an old build's pages do."""
    root = archive(tmp_path)
    build(root)
    out = root / "public"
    add_files(out, {**BY_HAND, "articles/removed-story/index.html": b"<p>old</p>"})
    shutil.rmtree(root / CACHE_DIR)
    edit_body(root)
    assert len(kept_warnings(build(root))) == len(KEPT) - 1
    assert (out / "CNAME").read_bytes() == BY_HAND["CNAME"]
    assert (out / "downloads" / "report.pdf").read_bytes() == BY_HAND["downloads/report.pdf"]
    assert not (out / "articles" / "extra-004" / "transcript.txt").exists()
    assert not (out / "articles" / "removed-story").exists()


def test_a_file_by_hand_where_the_site_now_writes_fails_the_build(tmp_path: Path) -> None:
    """Nothing is overwritten: the build stops naming the file and public/ is untouched;
    once the editors' copy has the same bytes, it is theirs to publish and the build goes on."""
    root = archive(tmp_path)
    build(root)
    out = root / "public"
    add_files(out, {"CNAME": b"archive.example.org\n"})
    add_files(root / "content" / "static", {"CNAME": b"other.example.org\n"})
    before = site_files(out)
    stderr = build(root, status=1)
    assert stderr == (
        f"error: {out / 'CNAME'}: not written by sitegen, and the site now writes that path;"
        " move it away (to content/static/ to publish it) and build again\n"
    )
    assert site_files(out) == before
    add_files(root / "content" / "static", {"CNAME": b"archive.example.org\n"})
    assert kept_warnings(build(root)) == []
    assert (out / "CNAME").read_bytes() == b"archive.example.org\n"


def test_editors_static_files_are_published_at_the_root(tmp_path: Path) -> None:
    """content/static/ is copied as it is, kept in step with its edits and removals; a path
    the site writes itself, or its search index's, is reported and left out."""
    root = archive(tmp_path)
    static = root / "content" / "static"
    add_files(static, {"CNAME": b"archive.example.org\n", "files/a b.pdf": bytes(range(256))})
    add_files(static, {"robots.txt": b"User-agent: *\nDisallow: /\n", "pagefind-en/x.js": b"1"})
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the site", "utf-8")
    (static / "secret.txt").symlink_to(secret)
    (static / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    stderr = build(root, status=1)
    assert stderr.splitlines()[:4] == [
        f"error: {static / 'elsewhere'}: a link to outside the folder; not published",
        f"error: {static / 'pagefind-en' / 'x.js'}: the search index owns the folders named"
        " pagefind-*; not published",
        f"error: {static / 'robots.txt'}: the site writes this path itself; not published",
        f"error: {static / 'secret.txt'}: a link to outside the folder; not published",
    ]
    assert not (root / "public" / "secret.txt").exists()
    out = root / "public"
    assert (out / "CNAME").read_bytes() == b"archive.example.org\n"
    assert (out / "files" / "a b.pdf").read_bytes() == bytes(range(256))
    assert b"Disallow" not in (out / "robots.txt").read_bytes()
    for refused in ("robots.txt", "pagefind-en/x.js", "secret.txt", "elsewhere"):
        (static / refused).unlink()
    (static / "files" / "a b.pdf").unlink()
    add_files(static, {"CNAME": b"news.example.org\n"})
    assert kept_warnings(build(root)) == []
    assert (out / "CNAME").read_bytes() == b"news.example.org\n"
    assert not (out / "files").exists()
    assert site_files(out) == cold_build(root, tmp_path / "cold")


def test_a_folder_named_like_the_sites_own_but_unused_is_someones(tmp_path: Path) -> None:
    """An archive without captures publishes no captures/ folder: one made by hand there
    is someone's, whatever its name."""
    root = tmp_path / "site"
    (root / "content" / "articles").mkdir(parents=True)
    add_articles(root, 6)
    build(root)
    out = root / "public"
    assert not (out / "captures").exists()
    add_files(out, {"captures/scan.pdf": b"%PDF-1.4"})
    edit_body(root)
    assert kept_warnings(build(root)) == [
        f"warning: {out / 'captures'}: not written by sitegen; kept (put it in content/static/"
        " to publish it with every build)"
    ]
    assert (out / "captures" / "scan.pdf").read_bytes() == b"%PDF-1.4"


def test_a_record_that_cannot_be_written_does_not_fail_the_published_build(
    tmp_path: Path,
) -> None:
    """The record is written after the swap: the site is out, so a failure there is no
    error, and the next build still keeps the files (it lists more folders)."""
    root = archive(tmp_path)
    build(root)
    out = root / "public"
    add_files(out, {"CNAME": b"archive.example.org\n"})
    record = next((root / CACHE_DIR).glob("kept-*.json"))
    record.unlink()
    record.mkdir()  # a folder where the file goes: replacing it fails
    (record / "x").write_text("x", "utf-8")
    for _ in range(2):
        edit_body(root)
        stderr = build(root)
        assert "Traceback" not in stderr
        assert (out / "CNAME").read_bytes() == b"archive.example.org\n"
