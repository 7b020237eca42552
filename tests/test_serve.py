"""`serve`: pages under the base path on 127.0.0.1, a rebuild and a reload event on change,
and a broken file reported in the terminal and to the page while the server keeps going."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port, full_archive

HOST = "127.0.0.1"


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    full_archive(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.sitegen]\nbase_url = "/archive/"\n', "utf-8")
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "sitegen",
        "serve",
        "--root",
        str(tmp_path),
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith("serving "):
            break
    else:
        process.kill()
        pytest.fail("serve did not start")
    yield tmp_path, f"http://{HOST}:{port}", process
    process.terminate()
    process.wait(timeout=10)


def next_build(base: str, changes: Iterator[None]) -> dict[str, object]:
    """Open the event stream, make the change, and return the first build event."""
    with urllib.request.urlopen(f"{base}/__sitegen/events", timeout=30) as stream:
        next(changes, None)
        for raw in stream:
            line = raw.decode("utf-8").strip()
            if line.startswith("data: "):
                event: dict[str, object] = json.loads(line[6:])
                return event
    raise AssertionError("no build event")


def test_serves_under_the_base_path_and_reloads_on_change(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, base, process = server
    status, home = get(f"{base}/archive/")
    assert status == 200 and '<script src="/__sitegen/reload.js"></script>' in home
    assert "EventSource" in get(f"{base}/__sitegen/reload.js")[1]
    assert get(f"{base}/elsewhere/")[0] == 404
    assert "EventSource" not in (root / "public" / "index.html").read_text("utf-8")

    editors = root / "content" / "editors.yml"

    def edit() -> Iterator[None]:
        editors.write_text(
            editors.read_text("utf-8").replace("Archive desk", "Archive team"), "utf-8"
        )
        yield

    event = next_build(base, edit())
    assert event["error"] == ""
    assert "Archive team" in get(f"{base}/archive/annotations/")[1]

    broken = root / "content" / "articles" / "broken.md"

    def break_one() -> Iterator[None]:
        broken.write_text("---\ntitle: [unclosed\n---\nText\n", "utf-8")
        yield

    event = next_build(base, break_one())
    assert f"{broken}:3: malformed front matter" in str(event["error"])
    assert get(f"{base}/archive/")[0] == 200, "the server keeps serving the last good site"
    assert process.poll() is None
