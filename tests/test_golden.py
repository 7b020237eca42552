"""A golden snapshot of the seed archive (ingested content and built site under /archive/).

Any change to what users get shows up here file by file. When a change is intended,
regenerate with `scripts/test tests/test_golden.py --update-golden` and review the diff.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, full_archive

GOLDEN = REPO / "tests" / "golden"
BASE_URL = "https://example.org/archive/"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file sitegen wrote; Pagefind's search bundles are its own output, left out."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.name != ".ingested.json"
        and not p.relative_to(folder).as_posix().startswith("pagefind-")
    }


def test_seed_archive_matches_golden(tmp_path: Path, update_golden: bool) -> None:
    full_archive(tmp_path)
    command = [sys.executable, "-m", "sitegen", "build", "--root", str(tmp_path)]
    result = subprocess.run(
        [*command, "--base-url", BASE_URL], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    for name in ("content", "public"):
        actual = snapshot(tmp_path / name)
        golden_dir = GOLDEN / name
        if update_golden:
            shutil.rmtree(golden_dir, ignore_errors=True)
            for relative, data in actual.items():
                target = golden_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            continue
        expected = snapshot(golden_dir)
        assert sorted(actual) == sorted(expected), f"{name}: files added or missing"
        changed = [path for path in actual if actual[path] != expected[path]]
        assert not changed, f"{name}: changed files (regenerate with --update-golden): {changed}"
