"""The ingest table stays one row per capture whatever the capture's name or text holds."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEEDS, sitegen

SEED = "004_4f4e87e51b78506a.txt"


def test_names_and_removed_text_cannot_break_or_disguise_the_table(archive: Path) -> None:
    seeds = archive / "seeds"
    text = (seeds / SEED).read_text("utf-8")
    for capture in seeds.glob("*.txt"):
        capture.unlink()
    (seeds / "line\nbreak.txt").write_text(text, "utf-8")
    (seeds / "photo\u202egnp.txt").write_text("\x1b[2J" + text, "utf-8")

    result = sitegen(archive, "ingest", "--verbose")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = [line for line in lines if " -> " in line]
    assert [row.split()[0] for row in rows] == [
        "seeds/line\\nbreak.txt",
        "seeds/photo\\u202egnp.txt",
    ]
    assert any("\\x1b[2J" in line for line in lines), "the removed escape is shown escaped"
    assert not any(c in result.stdout for c in "\x1b\u202e"), "a raw control character got out"
    assert lines[-1].startswith("2 ingested")


def test_the_seed_names_print_as_they_are(archive: Path) -> None:
    result = sitegen(archive, "ingest")
    rows = [line for line in result.stdout.splitlines() if " -> " in line]
    assert [row.split()[0] for row in rows] == [
        f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))
    ]
