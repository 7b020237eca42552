"""The search index is built while the pages after the last indexed one are still being
written, and a build that fails meanwhile stops it and leaves nothing behind."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from sitegen.executor import PARALLEL_FROM, ExecutorSpec, Pool
from sitegen.publish import publish
from sitegen.publish.search import Bundles, SearchIndex
from sitegen.render import SEARCHABLE_WRITTEN, Checkpoint, OutputFile
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
