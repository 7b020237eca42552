"""Whole-site file work in a child process: a hard-linked copy of the published site, or
the removal of an old one, going on beside the build on another core.

Making or deleting a site's folders costs seconds of system time on some disks: 12,000
folders at 10,000 articles took 1 s alone and over 4 s beside a build on this project's
machine (ext4 mounted with `discard`), and deleting the whole site 3–14 s. A thread would
wait for the interpreter lock between two of its thousands of system calls while the build
computes, so a child process does it. It is started as `python -m sitegen.trees ACTION
PARENT_PID SOURCE [TARGET]` and imports nothing of sitegen's pipeline. A copy stops when
the build that started it is gone; a removal goes on after the build ends, as `git gc`
does, since the folder is garbage whoever finishes it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from sitegen.runtime import FORKING

_PARENT_CHECK_EVERY = 256
"""Files linked between two checks that the build which asked for them still runs."""

_PACKAGE_HOME = Path(__file__).resolve().parent.parent
"""The child's working folder: `python -m` looks there first, so it runs this sitegen
whatever folder the build was started from."""


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link (published files are never written through, only replaced, so sharing
    them is safe), or a copy where the file system has no hard links."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        shutil.copyfile(source, target)


def folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder above the relative paths (each walked up only to one already seen)."""
    folders: set[str] = set()
    for path in paths:
        folder = path.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def parents(path: str) -> Iterator[str]:
    """The folders above a relative path ("a/b/c" -> "a/b", "a")."""
    while "/" in path:
        path = path.rpartition("/")[0]
        yield path


def collides(path: str, files: Collection[str], folders: Collection[str]) -> bool:
    """Whether a relative path is one of `files`, a folder they need (`folders`, from
    `folders_of`), or lies under one of them as if it were a folder."""
    return path in files or path in folders or any(p in files for p in parents(path))


_DETACHED: list[subprocess.Popen[bytes]] = []
"""Removals under way, held so their `Popen` is not collected (and warned of) mid-run."""


def remove_later(folder: Path) -> None:
    """Remove `folder` in a child process of its own session, which may outlive the build
    (and a Ctrl-C of it)."""
    command = [sys.executable, "-m", "sitegen.trees", "remove", str(os.getpid())]
    command.append(str(folder.absolute()))
    _DETACHED[:] = [process for process in _DETACHED if process.poll() is None]
    with FORKING:
        _DETACHED.append(
            subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=_PACKAGE_HOME,
                start_new_session=True,
            )
        )


class Linking:
    """A child process linking files of one folder into another; `wait` says whether it
    linked all of them."""

    def __init__(self, source: Path, target: Path, entries: Iterable[str]) -> None:
        command = [sys.executable, "-m", "sitegen.trees", "link", str(os.getpid())]
        command += [str(source.absolute()), str(target.absolute())]
        data = "\0".join(entries).encode("utf-8")
        # No other child may be forked until the list is written and the pipe closed (one
        # forked meanwhile would hold the pipe open, and this child would wait for its
        # end), so the lock is held until then; a thread writes, since the child has to
        # start before it reads (40-50 ms the build need not wait).
        FORKING.acquire()
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=_PACKAGE_HOME,
            )
        except BaseException:
            FORKING.release()
            raise
        threading.Thread(target=_send, args=(self._process, data), daemon=True).start()

    def wait(self) -> bool:
        return self._process.wait() == 0

    def stop(self) -> None:
        """Kill the child (the build failed) and reap it."""
        self._process.kill()
        self._process.wait()


def _send(process: subprocess.Popen[bytes], data: bytes) -> None:
    """Write the child's whole standard input, close it, and release `FORKING`."""
    try:
        if process.stdin is not None:
            process.stdin.write(data)
    except BrokenPipeError:  # the child failed or was stopped; `wait` reports it
        pass
    finally:
        if process.stdin is not None:
            process.stdin.close()
        FORKING.release()


def link_entries(source: str, target: str, entries: list[str], parent: int) -> None:
    """Hard-link each entry of `source` (a file, or a whole folder when it ends in "/")
    to the same place under `target`, making folders as needed."""
    made: set[str] = set()
    for done, entry in enumerate(entries):
        if done % _PARENT_CHECK_EVERY == 0 and os.getppid() != parent:
            raise SystemExit(1)
        name = entry.rstrip("/")
        folder = f"{target}/{name}".rpartition("/")[0]
        if folder not in made:
            Path(folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        if entry.endswith("/"):
            shutil.copytree(f"{source}/{name}", f"{target}/{name}", copy_function=link_or_copy)
        else:
            link_or_copy(f"{source}/{name}", f"{target}/{name}")


def main(argv: list[str]) -> int:
    """`link PARENT SOURCE TARGET` with the entries on standard input, NUL-separated; or
    `remove PARENT FOLDER`."""
    action, parent = argv[0], int(argv[1])
    if action == "link":
        entries = [e for e in sys.stdin.buffer.read().decode("utf-8").split("\0") if e]
        link_entries(argv[2], argv[3], entries, parent)
        return 0
    if action == "remove":
        shutil.rmtree(argv[2], ignore_errors=True)  # another removal may share the work
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
