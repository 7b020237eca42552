"""What the scale benchmark measures about one command: wall time, peak memory, output.

Peak memory is the largest sum of resident memory over the child's whole process tree
(sitegen's worker processes and Pagefind included), sampled by psutil every 20 ms, so a
short spike between samples can be missed; `getrusage` would report only the largest
single process.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.02
UNSTABLE = re.compile(
    r"^pagefind-[a-z]+(-[0-9]+)?/(filter/.*|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta|pagefind-entry\.json)$"
)
"""Pagefind files that differ between identical builds (upstream #638; tests/test_site.py)."""


@dataclass(frozen=True, slots=True)
class Run:
    """One timed command."""

    seconds: float
    peak_bytes: int
    returncode: int
    tail: str
    """The last lines of its output, to explain a failure."""


def timed(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> Run:
    """Run `command`, polling its process tree for memory until it exits."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        environment = {**os.environ, **env}
        child = subprocess.Popen(command, cwd=cwd, env=environment, stdout=log, stderr=log)
        peak = _watch(child, start + timeout)
        seconds = time.perf_counter() - start
        log.seek(0)
        tail = "\n".join(log.read().decode("utf-8", "replace").splitlines()[-5:])
    return Run(seconds, peak, child.returncode, tail)


def _watch(child: subprocess.Popen[bytes], deadline: float) -> int:
    """Largest tree RSS seen before the child exits; kills it (and its tree) at the deadline."""
    root, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        if time.perf_counter() > deadline:
            for proc in [*root.children(recursive=True), root]:
                proc.kill()
            child.wait()
            break
        peak = max(peak, _tree_rss(root))
        time.sleep(SAMPLE_SECONDS)
    return peak


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def tree_digest(folder: Path) -> str:
    """sha256 over every file's path and bytes, Pagefind's unstable files left out."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if not UNSTABLE.match(name):
            digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
