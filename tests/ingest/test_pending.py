"""Which captures a build must ingest: a capture is hashed again only when it changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen import cache as cache_module
from sitegen.cache import BuildCache
from sitegen.config import config_for_test
from sitegen.ingest.pending import pending
from tests.conftest import SEEDS


def test_a_capture_is_hashed_again_only_when_its_size_or_time_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    config = config_for_test(tmp_path)
    hashed: list[str] = []
    real = cache_module.sha256_file

    def counting(path: Path) -> str:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr("sitegen.ingest.pending.sha256_file", counting)
    first = BuildCache(tmp_path)
    todo, _ = pending(config, cache=first)
    first.save()
    assert sorted(p.name for p in todo) == sorted(hashed) == sorted(p.name for p in SEEDS.iterdir())

    hashed.clear()
    again, _ = pending(config, cache=BuildCache(tmp_path))
    assert again == todo and hashed == []

    edited = tmp_path / "seeds" / todo[0].name
    edited.write_text(edited.read_text("utf-8") + "\nA line added.\n", "utf-8")
    pending(config, cache=BuildCache(tmp_path))
    assert hashed == [edited.name]
