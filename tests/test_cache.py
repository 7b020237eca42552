"""The build cache keeps one build's results, rewriting only the files whose entries changed."""

from __future__ import annotations

from pathlib import Path

from sitegen.cache import SHARDS, BuildCache, digest, shard_of


def _inodes(root: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in root.rglob("*.pickle")}


def _filled(root: Path, count: int) -> None:
    """A cache at `root` holding the numbers 0..count-1 under their digests."""
    cache = BuildCache(root)
    for number in range(count):
        cache.put("results", digest(number), number)
    cache.save()


def test_a_rebuild_rewrites_only_the_shard_that_changed(tmp_path: Path) -> None:
    _filled(tmp_path, 200)
    before = _inodes(tmp_path)
    assert len(before) == SHARDS  # 200 keys fill every shard

    second = BuildCache(tmp_path)
    assert [second.get("results", digest(n)) for n in range(200)] == list(range(200))
    second.put("results", digest("new"), "new")
    second.save()
    after = _inodes(tmp_path)
    rewritten = sorted(name for name in after if after[name] != before.get(name))
    assert rewritten == [f"results.{shard_of(digest('new'))}.pickle"]

    third = BuildCache(tmp_path)
    assert third.get("results", digest("new")) == "new"
    assert third.get("results", digest(7)) == 7


def test_entries_a_build_did_not_use_are_dropped(tmp_path: Path) -> None:
    _filled(tmp_path, 50)
    second = BuildCache(tmp_path)
    assert second.get("results", digest(3)) == 3
    second.save()
    third = BuildCache(tmp_path)
    assert third.get("results", digest(3)) == 3
    assert third.get("results", digest(4)) is None
