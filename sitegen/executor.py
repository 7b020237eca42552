"""Where per-article work runs: in this process, in local processes, or on a Dask cluster.

Every job the build hands out is a pure function of picklable inputs, so the same code
runs on any `concurrent.futures.Executor`. Jobs go out in chunks (one pickling round trip
per chunk, not per page) and only a bounded number of chunks is in flight, so memory stays
flat however large the archive is.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TypeVar

from sitegen.errors import SitegenError
from sitegen.runtime import FORKING, tune_gc

T = TypeVar("T")
R = TypeVar("R")
DASK = "dask://"
PARALLEL_FROM = 64
"""Fewer jobs than this run in this process: starting workers would cost more."""


PARENT_POLL = 1.0
"""Seconds between a worker's checks that the build that started it is still alive."""


def local_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes that exit when the build that started them dies, and collect
    garbage as the command line does (`sitegen.runtime.tune_gc`).

    A build killed outright (SIGKILL, a closed terminal) cannot stop its workers, and they
    never see their queue close, since each holds the other end of it: without this they
    would wait, each holding its memory, forever.
    """
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),)
    )


def _start_worker(parent: int) -> None:
    tune_gc()
    _exit_with_parent(parent)


def _exit_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@dataclass(frozen=True, slots=True)
class ExecutorSpec:
    """`--executor` and `--jobs`: `process` (default), `serial` or `dask://HOST:PORT`."""

    kind: str = "process"
    jobs: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("process", "serial") and not self.kind.startswith(DASK):
            raise SitegenError(
                f"unknown executor {self.kind!r}: use process, serial or dask://HOST:PORT"
            )
        if self.jobs is not None and self.jobs < 1:
            raise SitegenError(f"--jobs must be at least 1, not {self.jobs}")


class SerialExecutor(Executor):
    """Runs each job at once in this process (small sites, `--executor serial`, tests)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


class Pool:
    """Starts the chosen executor on first use, so small builds never start workers."""

    def __init__(self, spec: ExecutorSpec) -> None:
        self.spec = spec
        self._executor: Executor | None = None
        self._client: Any = None

    def executor(self, jobs: int) -> Executor:
        """The executor for a batch of `jobs` jobs (in this process when the batch is small
        and the executor is the local default)."""
        if self.spec.kind == "serial" or (self.spec.kind == "process" and jobs < PARALLEL_FROM):
            return SerialExecutor()
        if self._executor is None:
            self._executor = self._start()
        return self._executor

    def workers(self) -> int:
        if self.spec.kind == "serial":
            return 1
        return self.spec.jobs or os.cpu_count() or 1

    def _start(self) -> Executor:
        if self.spec.kind == "process":
            pool = local_pool(self.workers())
            with FORKING:  # a fork-started pool forks all its workers at its first job
                pool.submit(int)
            return pool
        return self._dask(self.spec.kind[len(DASK) :])

    def _dask(self, address: str) -> Executor:
        try:
            from distributed import Client  # noqa: PLC0415  # optional extra, only when asked
        except ImportError:
            raise SitegenError(
                "--executor dask:// needs Dask: pip install 'sitegen[dask]'"
            ) from None
        try:
            self._client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]  # distributed is partly typed
        except OSError as exc:
            raise SitegenError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        executor: Executor = self._client.get_executor()
        return executor

    def close(self) -> None:
        if self._executor is not None and self._client is None:
            self._executor.shutdown()
        if self._client is not None:
            self._client.close()
        self._executor = self._client = None


@contextmanager
def open_pool(spec: ExecutorSpec) -> Iterator[Pool]:
    """A pool whose workers are stopped when the build ends, however it ends."""
    pool = Pool(spec)
    try:
        yield pool
    finally:
        pool.close()


def run_chunk(fn: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    """One round trip: a chunk of jobs run one after the other on a worker."""
    return [fn(item) for item in chunk]


def chunked_map(
    pool: Pool, fn: Callable[[T], R], items: Iterable[T], chunk: int = 32
) -> Iterator[R]:
    """fn over items, in order, in chunks, at most two chunks per worker in flight.

    The first PARALLEL_FROM items are read ahead: fewer than that run in this process.
    """
    source = iter(items)
    ahead = list(islice(source, PARALLEL_FROM))
    executor = pool.executor(len(ahead))
    window = 2 * pool.workers()
    source = chain(ahead, source)
    pending: deque[Future[list[R]]] = deque()
    while True:
        while len(pending) < window:
            batch = list(islice(source, chunk))
            if not batch:
                break
            pending.append(executor.submit(run_chunk, fn, batch))
        if not pending:
            return
        yield from pending.popleft().result()
