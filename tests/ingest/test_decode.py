"""Reading captures: encodings, mojibake, and bad input refused with one clear line."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sitegen.errors import SeedError
from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.decode import read_seed

PT = "Notícias ao Minuto: na terça-feira, a Rússia e a Ucrânia negociações, coração"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_legacy_and_bom_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "capture.txt"
    path.write_bytes(((PT + "\n") * 5).encode(encoding))
    seed = read_seed(path)
    assert seed.text.lstrip("\ufeff").startswith(PT)
    assert not seed.repaired


def test_mojibake_is_repaired_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "moji.txt"
    path.write_text(PT.encode("utf-8").decode("cp1252"), encoding="utf-8")
    seed = read_seed(path)
    assert seed.text == PT
    assert seed.repaired
    assert seed.warnings == (
        "repaired mojibake (UTF-8 text that had been read as a legacy encoding)",
    )


def test_windows_and_old_mac_line_endings_keep_line_numbers(tmp_path: Path) -> None:
    for name, newline in (("crlf.txt", "\r\n"), ("cr.txt", "\r")):
        path = tmp_path / name
        path.write_bytes(newline.join(["one", "", "three"]).encode())
        blocks = split_blocks(read_seed(path).text)
        assert [(b.text, b.line) for b in blocks] == [("one", 1), ("three", 3)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty capture: no text to ingest"),
        (b"  \n\t\n  ", "empty capture: no text to ingest"),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
            "binary file (a PNG image), not a text or HTML capture",
        ),
        (b"abc\x00" * 200, "binary data: 200 NUL bytes in 800 characters"),
    ],
)
def test_bad_input_gets_one_line_naming_the_file(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SeedError) as caught:
        read_seed(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_stray_nul_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(("a paragraph of text " * 20).encode() + b"\x00" + b" more text\n")
    seed = read_seed(path)
    assert "\x00" not in seed.text
    assert seed.warnings == ("removed 1 NUL byte(s)",)


def test_oversized_capture_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 300_000)
    with pytest.raises(SeedError, match=r"capture is 1\.5 MB, over the 1 MB limit"):
        read_seed(path, max_bytes=1_000_000)


def test_gzipped_html_is_decompressed_and_a_bomb_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(b"<html><body><p>Hello</p></body></html>"))
    assert read_seed(page).kind == "html"
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b" " * 3_000_000))
    with pytest.raises(SeedError, match="decompressed capture is over the 1 MB limit"):
        read_seed(bomb, max_bytes=1_000_000)


def test_origin_path_is_relative_to_the_seeds_folder(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    path = seeds / "sub" / "a b é 🎉.txt"
    path.write_text("Some text here.\n", encoding="utf-8")
    seed = read_seed(path, seeds)
    assert seed.path == "seeds/sub/a b é 🎉.txt"
    assert len(seed.sha256) == 64
