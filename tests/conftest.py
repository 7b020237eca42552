"""Shared fixtures: the repository's paths and a throwaway archive folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.config import SiteConfig, config_for_test

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """An archive folder holding a copy of the bundled seeds and an empty content/."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "content").mkdir()
    return tmp_path


@pytest.fixture
def config(archive: Path) -> SiteConfig:
    return config_for_test(archive)
