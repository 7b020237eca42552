"""What the scale benchmark measures about one command: wall time, peak memory, output.

Peak memory is the largest sum of proportional set sizes (PSS) over the child's whole
process tree (sitegen's worker processes and Pagefind included), sampled every 0.5 s: a
page that forked processes share counts once, split between them, as the machine holds
it. Summed resident sizes (RSS, sampled every 20 ms) are kept too; they count a shared
page once per process (tests/test_measure.py). Reading a large process's PSS takes about
20 ms, hence the slower sampling; `getrusage` would report only the largest process.
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
PSS_SECONDS = 0.5
UNSTABLE = re.compile(
    r"^pagefind-[a-z]+(-[0-9]+)?/(filter/.*|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta|pagefind-entry\.json)$"
)
"""Pagefind files that differ between identical builds (upstream #638; tests/test_site.py)."""


@dataclass(frozen=True, slots=True)
class Run:
    """One timed command."""

    seconds: float
    peak_bytes: int
    """Largest summed PSS of the process tree (summed RSS where PSS cannot be read)."""
    returncode: int
    tail: str
    """The last lines of its output, to explain a failure."""
    peak_rss_bytes: int = 0
    """Largest summed RSS of the process tree."""


def timed(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> Run:
    """Run `command`, polling its process tree for memory until it exits."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        environment = {**os.environ, **env}
        child = subprocess.Popen(command, cwd=cwd, env=environment, stdout=log, stderr=log)
        pss, rss = _watch(child, start + timeout)
        seconds = time.perf_counter() - start
        log.seek(0)
        tail = "\n".join(log.read().decode("utf-8", "replace").splitlines()[-5:])
    return Run(seconds, pss or rss, child.returncode, tail, rss)


def _watch(child: subprocess.Popen[bytes], deadline: float) -> tuple[int, int]:
    """Largest tree PSS and RSS seen before the child exits; kills it (and its tree) at
    the deadline."""
    root, pss, rss, next_pss = psutil.Process(child.pid), 0, 0, 0.0
    while child.poll() is None:
        now = time.perf_counter()
        if now > deadline:
            for proc in [*root.children(recursive=True), root]:
                proc.kill()
            child.wait()
            break
        procs = _tree(root)
        rss = max(rss, sum(_rss(proc) for proc in procs))
        if now >= next_pss:
            pss, next_pss = max(pss, sum(_pss(proc) for proc in procs)), now + PSS_SECONDS
        time.sleep(SAMPLE_SECONDS)
    return pss, rss


def _tree(root: psutil.Process) -> list[psutil.Process]:
    try:
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _rss(proc: psutil.Process) -> int:
    try:
        return int(proc.memory_info().rss)
    except psutil.NoSuchProcess:
        return 0


def _pss(proc: psutil.Process) -> int:
    """The process's PSS from /proc/PID/smaps_rollup (Linux 4.14+), else its RSS."""
    try:
        with Path(f"/proc/{proc.pid}/smaps_rollup").open(encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return _rss(proc)


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
