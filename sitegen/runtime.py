"""Process-wide settings for sitegen's batch runs (the command line and its workers)."""

from __future__ import annotations

import gc

YOUNG_COLLECTION_EVERY = 50_000
"""Allocations between two collections of the youngest generation (CPython's default is
700). Cleaning a page allocates tens of thousands of short-lived objects and almost no
cycles, so the default collects them many times per page for nothing: on the corpus's
pages the whole `clean` pipeline runs about 6 % faster with this (see benchmarks/
cleaner_quality.py). Memory barely moves: reference counting still frees nearly all of
them at once."""


def tune_gc() -> None:
    """Run the garbage collector less often, and never again over what is already loaded.

    `gc.freeze` moves the objects alive now (modules, rule packs, models) out of the
    collector's sight, so the full collections a long build triggers do not walk them
    again and again.
    """
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)
