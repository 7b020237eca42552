"""Where the per-article work runs never changes what is published."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from tests.conftest import free_port, full_archive, seed_archive, sitegen
from tests.test_incremental import add_articles, site_files
from tests.test_publish import add_captures


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
def cluster() -> Iterator[LocalCluster]:
    """A Dask cluster on this machine, started by the test and stopped after it."""
    with LocalCluster(
        n_workers=1,
        processes=False,
        threads_per_worker=2,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local


def dask_option(cluster: LocalCluster) -> str:
    return "dask://" + cluster.scheduler_address.removeprefix("tcp://")


def test_worker_processes_publish_the_serial_build(
    archive: Path, serial: dict[str, bytes], tmp_path: Path
) -> None:
    assert built(archive, tmp_path, "--executor", "process", "--jobs", "2") == serial


def test_a_dask_cluster_publishes_the_serial_build(
    archive: Path, serial: dict[str, bytes], tmp_path: Path, cluster: LocalCluster
) -> None:
    assert built(archive, tmp_path, "--executor", dask_option(cluster)) == serial


@pytest.fixture(scope="module")
def captures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and 70 more captures: more than the default pool keeps in this process."""
    root = seed_archive(tmp_path_factory.mktemp("captures"))
    add_captures(root, 70)
    return root


def ingested(captures: Path, folder: Path, *options: str) -> dict[str, bytes]:
    """The articles `sitegen ingest OPTIONS` writes for a copy of `captures`."""
    root = folder / "archive"
    shutil.copytree(captures, root)
    result = sitegen(root, "ingest", *options)
    assert result.returncode == 0, result.stderr
    assert "72 ingested" in result.stdout, result.stdout
    articles = root / "content" / "articles"
    return {p.name: p.read_bytes() for p in sorted(articles.glob("*.md"))}


@pytest.fixture(scope="module")
def serial_articles(captures: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return ingested(captures, tmp_path_factory.mktemp("serial-ingest"), "--executor", "serial")


def test_worker_processes_ingest_the_serial_articles(
    captures: Path, serial_articles: dict[str, bytes], tmp_path: Path
) -> None:
    assert len(serial_articles) == 72
    assert ingested(captures, tmp_path, "--jobs", "2") == serial_articles


def test_ingest_runs_on_the_dask_cluster_it_is_given(
    captures: Path, serial_articles: dict[str, bytes], tmp_path: Path, cluster: LocalCluster
) -> None:
    assert ingested(captures, tmp_path, "--executor", dask_option(cluster)) == serial_articles
    assert "run_chunk" in cluster.scheduler.task_prefixes, "no capture went to the cluster"


@pytest.mark.parametrize("command", ["build", "ingest"])
def test_an_unknown_executor_is_one_line(tmp_path: Path, command: str) -> None:
    result = sitegen(full_archive(tmp_path), command, "--executor", "threads")
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


def test_ingest_with_an_unreachable_scheduler_is_one_line(captures: Path, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    shutil.copytree(captures, root)
    address = f"127.0.0.1:{free_port()}"
    result = sitegen(root, "ingest", "--executor", f"dask://{address}")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: cannot reach the Dask scheduler at {address}")
    assert not list((root / "content").glob("articles/*.md"))
