"""Process-wide settings for sitegen's batch runs (the command line and its workers)."""

from __future__ import annotations

import ctypes
import gc
import threading
from collections.abc import Callable
from functools import cache

YOUNG_COLLECTION_EVERY = 50_000
"""Allocations between two collections of the youngest generation (CPython's default is
700). Cleaning a page or rendering an article allocates tens of thousands of short-lived
objects and almost no cycles, so the default collects them many times per page for
nothing. On the corpus's pages the whole `clean` pipeline ran about 6 % faster with this
(paired runs, benchmarks/cleaner_quality.py); a build of 10,000 articles spent 3.1 s of
its main process in 4,866 collections, and 0.6 s in 34 with it, at the same peak memory:
reference counting still frees nearly every object at once."""

_tuned: list[bool] = []


def tune_gc() -> None:
    """Run the garbage collector less often, and never again over what is already loaded.

    `gc.freeze` moves the objects alive now (the imported modules and their tables) out
    of the collector's sight, so the full collections a long build triggers do not walk
    them again and again. Once per process: a later call would freeze whatever garbage
    happened to be waiting for collection.
    """
    if _tuned:
        return
    _tuned.append(True)
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)


FORKING = threading.Lock()
"""Held while a thread starts a child process: a child that another thread forks meanwhile
without exec'ing (a worker of the pool) inherits the pipes of the one being started, so
that one's `Popen` waits forever for the pipe to close (a build hung so in CI when the
pool started while Pagefind was being launched)."""


def release_freed_memory() -> None:
    """Give back to the system the memory a large job has freed.

    glibc keeps freed small blocks for reuse instead of returning them, so the pool worker
    that had matched the see-also headlines of 100,000 articles went on holding about
    165 MB it no longer used for the rest of the build, a twelfth of the build's peak.
    Nothing happens where the C library has no `malloc_trim`.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(None)
    except (OSError, TypeError):  # TypeError: Windows loads no library by None
        return None
    found: Callable[[int], int] | None = getattr(libc, "malloc_trim", None)
    return found
