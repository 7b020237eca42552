"""Shared fixtures: the repository's paths and a throwaway archive folder."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.config import SiteConfig, config_for_test

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CORPUS = REPO.parent / "shared" / "corpus"


def sitegen(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m sitegen ARGS --root ROOT` as a user would; output captured as text."""
    command = [sys.executable, "-m", "sitegen", *args, "--root", str(root)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on now, for a test server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing with it",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def seed_archive(root: Path) -> Path:
    """The bundled seeds with the seed archive's curated entities.yml, nothing ingested yet."""
    shutil.copytree(SEEDS, root / "seeds")
    (root / "content").mkdir(exist_ok=True)
    shutil.copy(REPO / "content" / "entities.yml", root / "content" / "entities.yml")
    return root


def full_archive(root: Path) -> Path:
    """The archive as the repository ships it: seeds and all of content/ (notes included)."""
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """An archive folder holding a copy of the bundled seeds and their curated entities."""
    return seed_archive(tmp_path)


@pytest.fixture
def config(archive: Path) -> SiteConfig:
    return config_for_test(archive)
