"""The search index is built while the pages after the last indexed one are still being
written, one Pagefind run at a time until they are (with the pool's workers stopped then),
and a build that fails meanwhile stops it and leaves nothing behind."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from sitegen.cli import main
from sitegen.executor import PARALLEL_FROM, ExecutorSpec, Pool
from sitegen.publish import Written, publish
from sitegen.publish.search import Bundles, SearchIndex, _Processes, pagefind_command
from sitegen.render import SEARCHABLE_WRITTEN, Checkpoint, OutputFile
from tests.conftest import full_archive
from tests.test_generate import generate
from tests.test_publish import descendants, tree


def indexed(slug: str, words: str, language: str = "en") -> OutputFile:
    html = (
        f'<!doctype html><html lang="{language}"><head><title>{slug}</title></head><body>'
        f"<article data-pagefind-body><h1>{slug}</h1><p>{words}</p></article></body></html>"
    ).encode()
    path = f"articles/{slug}/index.html"
    return OutputFile(path, html, "", language, hashlib.sha256(html).hexdigest())


def listing(number: int) -> OutputFile:
    return OutputFile(f"tags/t{number}/index.html", b"<!doctype html><p>a listing</p>")


def page_count(public: Path) -> int:
    entry = json.loads((public / "pagefind-en" / "pagefind-entry.json").read_text("utf-8"))
    return int(entry["languages"]["en"]["page_count"])


def pagefind_runs() -> set[int]:
    """This process's descendants running Pagefind (the suite may hold a browser too)."""
    found = set()
    for pid in descendants(os.getpid()):
        try:
            command = psutil.Process(pid).cmdline()
        except psutil.NoSuchProcess:  # gone meanwhile
            continue
        if any("pagefind" in part for part in command):
            found.add(pid)
    return found


def staged_bundle(parent: Path) -> list[Path]:
    return list(parent.glob(".public.staging-*/pagefind-en/pagefind-entry.json"))


def test_indexing_runs_while_the_later_pages_are_written(tmp_path: Path) -> None:
    seen_early: list[bool] = []

    def files() -> Iterator[OutputFile | Checkpoint]:
        yield indexed("one", "harbour strike")
        yield indexed("two", "river flood")
        yield SEARCHABLE_WRITTEN
        deadline = time.monotonic() + 60
        while not staged_bundle(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        seen_early.append(bool(staged_bundle(tmp_path)))
        yield from (listing(n) for n in range(3))

    count, _ = publish(files(), tmp_path / "public", [SearchIndex()])
    assert seen_early == [True], "the bundle was not written before the listings"
    assert count == 5
    assert page_count(tmp_path / "public") == 2
    assert (tmp_path / "public" / "tags" / "t2" / "index.html").is_file()


def test_an_indexed_page_after_the_checkpoint_is_still_indexed(tmp_path: Path) -> None:
    files = [indexed("one", "harbour strike"), SEARCHABLE_WRITTEN, indexed("late", "night")]
    publish(files, tmp_path / "public", [SearchIndex()])
    assert page_count(tmp_path / "public") == 2


def test_a_build_failing_after_the_checkpoint_stops_indexing(tmp_path: Path) -> None:
    public = tmp_path / "public"
    publish([listing(0)], public)
    before = tree(public)

    def files() -> Iterator[OutputFile | Checkpoint]:
        yield from (indexed(f"page-{n}", "harbour strike " * 50) for n in range(200))
        yield SEARCHABLE_WRITTEN
        raise RuntimeError("a template failed")

    search = SearchIndex(Bundles(mirrors=tmp_path / "cache"))  # as a build with a cache
    with pytest.raises(RuntimeError, match="a template failed"):
        publish(files(), public, [search])
    running = pagefind_runs()
    time.sleep(2)  # what a run left going would write meanwhile
    assert running == set(), "Pagefind still runs after the build failed"
    assert pagefind_runs() == set()
    assert tree(public) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "public"]


def test_workers_forked_while_pagefind_starts_do_not_hang_the_build(tmp_path: Path) -> None:
    """The pool starts its workers at the first large batch, which may come just as the
    search step launches Pagefind; a worker forked inside that launch would hold its pipes
    open, and the build would wait for it forever."""
    languages = ["en", "pt", "es", "fr", "de", "it"]
    pools: list[Pool] = []

    def files() -> Iterator[OutputFile | Checkpoint]:
        yield from (indexed(f"p-{lang}", "harbour strike", lang) for lang in languages)
        yield SEARCHABLE_WRITTEN
        deadline = time.monotonic() + 10
        while len(list(tmp_path.glob(".public.staging-*/pagefind-*"))) < len(languages):
            pools.append(Pool(ExecutorSpec("process", jobs=1)))
            pools[-1].executor(PARALLEL_FROM).submit(int)  # a first job: forks its worker
            if time.monotonic() > deadline:
                break
        yield listing(0)

    done: list[int] = []
    build = threading.Thread(
        target=lambda: done.append(publish(files(), tmp_path / "public", [SearchIndex()])[0]),
        daemon=True,
    )
    try:
        build.start()
        build.join(timeout=60)
        assert done == [len(languages) + 1], "publishing hung while workers were forked"
    finally:
        for pool in pools:
            pool.close()


def test_one_pagefind_run_at_a_time_until_every_page_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each run held about 230 MB: two beside the build and its busy workers made the peak
    of a 100,000-article build. Once the pages are written, every core may take one."""
    languages = ["en", "pt", "es", "fr", "de", "it"]
    lock, live, writing = threading.Lock(), [0], [True]
    most = {"writing": 0, "after": 0}

    def slow_run(_self: _Processes, _site: Path, output: Path) -> None:
        with lock:
            live[0] += 1
            phase = "writing" if writing[0] else "after"
            most[phase] = max(most[phase], live[0])
        time.sleep(0.4)
        output.mkdir(parents=True)
        with lock:
            live[0] -= 1

    def files() -> Iterator[OutputFile | Checkpoint]:
        yield from (indexed(f"p-{lang}", "harbour strike", lang) for lang in languages)
        yield SEARCHABLE_WRITTEN
        time.sleep(1.0)  # the later pages take a while
        writing[0] = False
        yield listing(0)

    monkeypatch.setattr(_Processes, "index", slow_run)
    publish(files(), tmp_path / "public", [SearchIndex()])
    assert most == {"writing": 1, "after": min(2, os.cpu_count() or 1)}
    assert len(list((tmp_path / "public").glob("pagefind-*"))) == len(languages)


def test_the_workers_are_stopped_before_the_build_waits_for_the_search_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Idle workers held 360 MB of a 100,000-article build while Pagefind finished."""
    root = generate(tmp_path / "site", PARALLEL_FROM + 6, "--form", "content")
    workers: dict[str, int] = {}

    def counting(method: str, moment: str) -> None:
        """Count the live workers when the build calls SearchIndex.<method>."""
        original = getattr(SearchIndex, method)

        def counted(self: SearchIndex, staging: Path, written: Written, *more: object) -> None:
            workers[moment] = len(multiprocessing.active_children())
            original(self, staging, written, *more)

        monkeypatch.setattr(SearchIndex, method, counted)

    counting("start", "at the checkpoint")
    counting("finish", "when waiting")
    assert main(["build", "--root", str(root), "--executor", "process", "--jobs", "2"]) == 0
    assert workers == {"at the checkpoint": 2, "when waiting": 0}
    assert (root / "public" / "pagefind-en" / "pagefind-entry.json").is_file()


def test_pagefind_binary_path_names_the_binary_that_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The binary is run directly, found as `python -m pagefind` finds it: an override in
    PAGEFIND_BINARY_PATH is the one that indexes the site."""
    from pagefind_bin import get_executable  # noqa: PLC0415  # the wheel the build uses

    runs = tmp_path / "runs.log"
    wrapper = tmp_path / "pagefind-wrapper"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{runs}"\nexec "{get_executable()}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    pagefind_command.cache_clear()
    try:
        assert main(["build", "--root", str(full_archive(tmp_path / "site"))]) == 0
    finally:
        pagefind_command.cache_clear()
    out = tmp_path / "site" / "public"
    bundles = sorted(p.parent.name for p in out.glob("pagefind-*/pagefind-entry.json"))
    assert bundles == ["pagefind-en", "pagefind-pt"]
    lines = runs.read_text("utf-8").splitlines()  # --site S --output-path BUNDLE --silent
    assert sorted(Path(line.split()[3]).name for line in lines) == bundles
