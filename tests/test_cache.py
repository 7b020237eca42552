"""The build cache keeps one build's results, holding in memory only its small values."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from sitegen.cache import HELD_BYTES, MEMO_FILE, BuildCache, digest


def _large(number: int) -> str:
    return f"{number:08d}" * (HELD_BYTES // 4)


def _filled(root: Path, count: int) -> None:
    """A cache at `root` holding 0..count-1 (even numbers as large strings) by digest."""
    cache = BuildCache(root)
    for number in range(count):
        cache.put("results", digest(number), _large(number) if number % 2 == 0 else number)
    cache.save()


def test_small_and_large_values_are_there_for_the_next_build(tmp_path: Path) -> None:
    _filled(tmp_path, 200)
    second = BuildCache(tmp_path)
    expected = [_large(n) if n % 2 == 0 else n for n in range(200)]
    assert [second.get("results", digest(n)) for n in range(200)] == expected
    second.put("results", digest("new"), "new")
    second.save()

    third = BuildCache(tmp_path)
    assert third.get("results", digest("new")) == "new"
    assert third.get("results", digest(7)) == 7
    assert third.get("results", digest(8)) == _large(8)
    assert third.get("results", digest("never put")) is None


def test_entries_a_build_did_not_use_are_dropped(tmp_path: Path) -> None:
    _filled(tmp_path, 50)
    second = BuildCache(tmp_path)
    assert second.get("results", digest(3)) == 3
    assert second.has("results", digest(4))  # kept without being read
    second.save()
    third = BuildCache(tmp_path)
    assert third.get("results", digest(3)) == 3
    assert third.get("results", digest(4)) == _large(4)
    assert third.get("results", digest(5)) is None
    assert third.get("results", digest(6)) is None


def test_many_values_are_read_at_once_and_kept(tmp_path: Path) -> None:
    _filled(tmp_path, 1200)  # 600 large values: more than one query's worth
    second = BuildCache(tmp_path)
    wanted = [digest(n) for n in range(0, 1200, 2)] + [digest(1), digest("never put")]
    found = second.get_many("results", wanted)
    assert found == {digest(n): _large(n) for n in range(0, 1200, 2)} | {digest(1): 1}
    second.save()
    third = BuildCache(tmp_path)
    assert third.get("results", digest(1198)) == _large(1198)
    assert third.get("results", digest(3)) is None


def test_large_values_are_not_held_in_memory(tmp_path: Path) -> None:
    """A build that caches every body of a large archive must not hold them all."""
    cache = BuildCache(tmp_path)
    value = "x" * 100_000
    cache.put("results", digest("warm"), value)  # opens the database outside the count
    tracemalloc.start()
    for number in range(100):
        cache.put("results", digest(number), value + str(number))
        assert cache.get("results", digest(number)) == value + str(number)
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert held < 1_000_000  # the 100 values are 10 MB
    cache.save()
    assert BuildCache(tmp_path).get("results", digest(99)) == value + "99"


def test_a_damaged_cache_file_only_costs_time(tmp_path: Path) -> None:
    _filled(tmp_path, 10)
    (path,) = tmp_path.rglob(MEMO_FILE)
    path.write_bytes(b"not a database" * 1000)
    damaged = BuildCache(tmp_path)
    assert damaged.get("results", digest(1)) is None
    damaged.put("results", digest(1), "again")
    damaged.save()
    assert BuildCache(tmp_path).get("results", digest(1)) == "again"


def test_without_a_folder_everything_is_held(tmp_path: Path) -> None:
    cache = BuildCache(None)
    cache.put("results", digest(1), _large(1))
    assert cache.get("results", digest(1)) == _large(1)
    cache.save()
    assert not list(tmp_path.iterdir())
