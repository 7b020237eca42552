"""The scale benchmark's memory figure counts a page that forked processes share once."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import measure  # benchmarks/ is no package: found through the sys.path entry above

MB = 1 << 20
SHARING = """
import os, time
block = bytearray(200 * 2**20)
for i in range(0, len(block), 4096):
    block[i] = 1  # resident, then shared with the child until either writes
child = os.fork()
time.sleep(2.0)
if child:
    os.waitpid(child, 0)
"""


def test_a_forked_childs_shared_pages_count_once(tmp_path: Path) -> None:
    run = measure.timed([sys.executable, "-c", SHARING], tmp_path, {}, timeout=60)
    assert run.returncode == 0, run.tail
    assert 190 * MB < run.peak_bytes < 300 * MB  # the 200 MB block, once
    assert run.peak_rss_bytes > 390 * MB  # once per process
