"""Where the per-article work runs never changes what is published."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from tests.conftest import free_port, full_archive, sitegen
from tests.test_incremental import add_articles, site_files


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed archive and 80 more articles: enough pages to go to the workers."""
    root = full_archive(tmp_path_factory.mktemp("archive"))
    add_articles(root, 80)
    return root


@pytest.fixture(scope="module")
def serial(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return built(archive, tmp_path_factory.mktemp("serial"), "--executor", "serial")


def built(archive: Path, folder: Path, *options: str) -> dict[str, bytes]:
    """The archive built from nothing (no cache) with the given options."""
    root = folder / "site"
    shutil.copytree(archive, root)
    result = sitegen(root, "build", "--no-cache", *options)
    assert result.returncode == 0, result.stderr
    assert "built 82 articles" in result.stdout
    return site_files(root / "public")


@pytest.fixture
def cluster() -> Iterator[str]:
    """A Dask cluster on this machine, started by the test and stopped after it."""
    with LocalCluster(
        n_workers=1,
        processes=False,
        threads_per_worker=2,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local.scheduler_address


def test_worker_processes_publish_the_serial_build(
    archive: Path, serial: dict[str, bytes], tmp_path: Path
) -> None:
    assert built(archive, tmp_path, "--executor", "process", "--jobs", "2") == serial


def test_a_dask_cluster_publishes_the_serial_build(
    archive: Path, serial: dict[str, bytes], tmp_path: Path, cluster: str
) -> None:
    address = cluster.removeprefix("tcp://")
    assert built(archive, tmp_path, "--executor", f"dask://{address}") == serial


def test_an_unknown_executor_is_one_line(tmp_path: Path) -> None:
    result = sitegen(full_archive(tmp_path), "build", "--executor", "threads")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: unknown executor 'threads': use process, serial or dask://HOST:PORT"
    ]


def test_an_unreachable_scheduler_is_one_line(archive: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(archive, root)
    address = f"127.0.0.1:{free_port()}"
    result = sitegen(root, "build", "--no-cache", "--executor", f"dask://{address}")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: cannot reach the Dask scheduler at {address}")
    assert not (root / "public").exists()
