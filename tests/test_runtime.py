"""The garbage collector setting the command line and its workers run under."""

from __future__ import annotations

import subprocess
import sys

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
