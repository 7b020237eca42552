"""The seed site built under /archive/ and served on 127.0.0.1, and Debian's Chromium
driven by Playwright (`executable_path`: the test tool's own browser download does not
work here). The test command installs Chromium, Java and the npm tools when missing."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.conftest import free_port, full_archive

HERE = Path(__file__).resolve().parent
TOOLS = HERE / "node_modules"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Site:
    """The built site and where it is served."""

    root: Path
    out: Path
    origin: str
    build: subprocess.CompletedProcess[str]

    @property
    def base(self) -> str:
        return f"{self.origin}/archive/"

    def article(self, prefix: str) -> str:
        folder = next(
            p.name for p in sorted((self.out / "articles").iterdir()) if p.name.startswith(prefix)
        )
        return f"{self.base}articles/{folder}/"


@dataclass
class Watch:
    """Console errors and requests that left the machine, for one page."""

    console_errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = full_archive(tmp_path_factory.mktemp("gate"))
    with served(root) as built:
        assert built.build.returncode == 0, built.build.stderr
        yield built


@contextlib.contextmanager
def served(root: Path) -> Iterator[Site]:
    """Build the archive at `root` under /archive/ and serve it on 127.0.0.1 in the block."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "sitegen", "build", "--root", str(root)]
    command += ["--base-url", f"{origin}/archive/"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    with serve_static(root / "public", port):
        yield Site(root, root / "public", origin, result)


@contextlib.contextmanager
def serve_static(public: Path, port: int) -> Iterator[None]:
    """Serve the built site `public` as /archive/ on 127.0.0.1:`port` in the block, as a
    static host (GitHub Pages) would."""
    www = public.parent / "www"
    www.mkdir(exist_ok=True)
    (www / "archive").unlink(missing_ok=True)
    (www / "archive").symlink_to(public)
    handler = functools.partial(_QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    assert executable, "Chromium is missing: run the README's test command, which installs it"
    launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
    yield launched
    launched.close()


def watch(page: Page) -> Watch:
    """Record console errors and any request to a host other than 127.0.0.1 (aborted)."""
    seen = Watch()
    page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.console_errors.append(str(e)))

    def guard(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            seen.outside.append(request.url)
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", guard)
    return seen


# Every language's results box has its count (not "Searching for …") and no placeholders.
SETTLED = """() => [...document.querySelectorAll('.search-ui')].every(box => {
  const message = box.querySelector('.pagefind-ui__message');
  const text = message ? message.textContent.trim() : '';
  return text !== '' && !/(\\.\\.\\.|…)$/.test(text)
    && box.querySelector('.pagefind-ui__loading') === null;
})"""


def search_links(page: Page, url: str, *, all_pages: bool = False) -> list[str]:
    """Open the search page at `url` and return its result links once every language's
    results have arrived (the boxes load their bundles independently), with every "Load
    more" page when `all_pages`."""
    page.goto(url)
    page.wait_for_function(SETTLED, timeout=20_000)
    more = page.locator(".pagefind-ui__button")
    while all_pages and more.count():
        count = page.locator(".pagefind-ui__result-link").count()
        more.first.click()
        page.wait_for_function(
            f"() => document.querySelectorAll('.pagefind-ui__result-link').length > {count}",
            timeout=20_000,
        )
        page.wait_for_function(SETTLED, timeout=20_000)
    links: list[str] = page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))"
    )
    return links
