"""The garbage collector setting the command line and its workers run under, and the hand-back
of freed memory after a large job (Linux and glibc, as CI)."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import gc
from sitegen.runtime import YOUNG_COLLECTION_EVERY, tune_gc
before = gc.get_threshold()
tune_gc()
frozen = gc.get_freeze_count()
garbage = [[] for _ in range(10)]
for item in garbage:
    item.append(item)  # cycles, waiting for a collection
del garbage, item
tune_gc()  # a second call changes nothing: the cycles above stay collectable
assert gc.get_freeze_count() == frozen, (gc.get_freeze_count(), frozen)
assert gc.get_threshold() == (YOUNG_COLLECTION_EVERY, *before[1:]), gc.get_threshold()
assert frozen > 1000, frozen  # the imported modules' objects
print(gc.collect())
"""


def test_tuning_freezes_what_is_loaded_once_and_raises_the_young_threshold() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 10  # the cycles made after the first call were collected


RELEASE_SCRIPT = """
import os, sys
from sitegen.runtime import release_freed_memory

def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

start = rss()
freed, kept = [], []
for i in range(4_000):  # freed blocks between kept ones: the heap cannot shrink on its own
    freed.append(bytes(16_000) + i.to_bytes(4, "little"))
    kept.append(bytes(600) + i.to_bytes(4, "little"))
del freed
held = rss() - start
if sys.argv[1] == "release":
    release_freed_memory()
print(held >> 20, (rss() - start) >> 20)
"""


@pytest.mark.parametrize("release", [False, True])
def test_freed_memory_goes_back_to_the_system_only_when_released(release: bool) -> None:
    """64 MB freed among kept blocks stays with the process until it is released."""
    argv = [sys.executable, "-c", RELEASE_SCRIPT, "release" if release else "keep"]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    held, after = map(int, done.stdout.split())
    assert held >= 60
    assert after <= 8 if release else after >= 60
