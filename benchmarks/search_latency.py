"""Search shard size: what a smaller bundle saves an edit, and what it costs a reader.

    .venv/bin/python benchmarks/search_latency.py --articles 10000 --shards 1000,500,250

An edit re-indexes the search bundle holding the edited article (`search_shard_articles`
articles per bundle), and Pagefind's time grows with the bundle; the search page merges
every bundle of a language in the browser, so more bundles mean more files to fetch
before the first results. For each shard size this builds the same generated archive
(benchmarks/generate.py), times a rebuild after one edited article, then serves the site
on 127.0.0.1 and, in Chromium driven by Playwright (`scripts/test` installs both), times a
search from opening the search page to every language's results shown: with an empty
browser cache ("first search") and again in the same browser ("next search"), on the
loopback and with a throttled network (40 ms round trip, 20 Mbit/s). Prints medians and
the bytes and requests of a first search.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, Request, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests/
sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # the scale benchmark's edit, found through sys.path

from tests.browser.conftest import CHROMIUM_FLAGS, SETTLED, serve_static

HERE = Path(__file__).resolve().parent
QUERIES = ("budget", "ferrovia", "Lisbon minister")
"""Words of the generated archive: English, Portuguese, and two words together."""
THROTTLED = {
    "offline": False,
    "latency": 40,
    "downloadThroughput": 2.5e6,
    "uploadThroughput": 2.5e6,
}


@dataclass(frozen=True, slots=True)
class Search:
    """One timed search: seconds to results, and what the page fetched."""

    seconds: float
    requests: int
    kilobytes: float


def build(root: Path, origin: str) -> float:
    """Build the archive at `root` for `origin`/archive/; seconds."""
    command = [sys.executable, "-m", "sitegen", "build", "--root", str(root)]
    command += ["--base-url", f"{origin}/archive/", "--seeds", str(root / "no-seeds")]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def project(archive: Path, work: Path, per_shard: int) -> Path:
    """A copy of the generated archive's content with the shard size set."""
    root = work / f"shards-{per_shard}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(archive / "content", root / "content")
    setting = f"[tool.sitegen]\nsearch_shard_articles = {per_shard}\n"
    (root / "pyproject.toml").write_text(setting, encoding="utf-8")
    return root


def timed_search(page: Page, url: str) -> Search:
    """Open `url` (the search page with ?q=) and wait for every language's results."""
    fetched: list[int] = []

    def count(request: Request) -> None:
        fetched.append(request.sizes()["responseBodySize"])

    page.on("requestfinished", count)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(SETTLED, timeout=60_000, polling=20)
    seconds = time.perf_counter() - start
    page.remove_listener("requestfinished", count)
    return Search(seconds, len(fetched), sum(fetched) / 1024)


def searches(browser: Browser, base: str, throttled: bool) -> tuple[Search, Search]:
    """A first search in an empty browser profile, then the next one in the same profile."""
    context = browser.new_context()
    page = context.new_page()
    if throttled:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", THROTTLED)
    first = timed_search(page, f"{base}search/?q={QUERIES[0]}")
    following = [timed_search(page, f"{base}search/?q={q}") for q in QUERIES[1:]]
    context.close()
    return first, min(following, key=lambda s: s.seconds)


def measure_shard(
    args: argparse.Namespace, archive: Path, per_shard: int, browser: Browser
) -> dict[str, float]:
    """Edit rebuild and search times (medians of `args.runs`) for one shard size."""
    root = project(archive, args.work, per_shard)
    runs, port = args.runs, args.port
    origin = f"http://127.0.0.1:{port}"
    cold = build(root, origin)
    articles = sorted((root / "content" / "articles").glob("*.md"))
    edits = []
    for run in range(runs):
        scale.append_sentence(articles[len(articles) // 2 + run])
        edits.append(build(root, origin))
    figures = {"cold": cold, "edit": statistics.median(edits)}
    figures["bundles"] = float(len(list((root / "public").glob("pagefind-*"))))
    with serve_static(root / "public", port):
        for throttled in (False, True):
            tag = "slow" if throttled else "local"
            pairs = [searches(browser, f"{origin}/archive/", throttled) for _ in range(runs)]
            figures[f"{tag}_first"] = statistics.median(p[0].seconds for p in pairs)
            figures[f"{tag}_next"] = statistics.median(p[1].seconds for p in pairs)
            figures[f"{tag}_requests"] = float(pairs[0][0].requests)
            figures[f"{tag}_kb"] = pairs[0][0].kilobytes
    return figures


def table(results: dict[int, dict[str, float]]) -> str:
    """The figures as a Markdown table, one row per shard size."""
    head = (
        (
            "| articles per bundle | bundles | cold build (s) | one edit (s) | first search, "
            "local (s) | next search, local (s) | first search, 40 ms / 20 Mbit/s (s) | next "
            "search, throttled (s) | first search: requests, KB |\n"
        )
        + "|---:" * 9
        + "|"
    )
    rows = [
        f"| {n:,} | {f['bundles']:.0f} | {f['cold']:.1f} | {f['edit']:.2f} | "
        f"{f['local_first']:.2f} | {f['local_next']:.2f} | {f['slow_first']:.2f} | "
        f"{f['slow_next']:.2f} | {f['slow_requests']:.0f}, {f['slow_kb']:,.0f} |"
        for n, f in results.items()
    ]
    return "\n".join([head, *rows])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--shards", default="1000,500,250", help="articles per bundle, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sitegen-search-bench"))
    parser.add_argument("--port", type=int, default=8765)
    return parser.parse_args(argv)


def run(args: argparse.Namespace, browser: Browser) -> str:
    """Measure every shard size in `browser`; the table of medians."""
    archive = args.work / f"archive-{args.articles}"
    if not (archive / "content").is_dir():
        command = [sys.executable, str(HERE / "generate.py"), str(args.articles), str(archive)]
        subprocess.run([*command, "--form", "content"], check=True)
    results = {}
    for n in (int(n) for n in args.shards.split(",")):
        results[n] = measure_shard(args, archive, n, browser)
        print(f"{n}: {results[n]}", flush=True)
    return table(results)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with sync_playwright() as pw:
        executable = shutil.which("chromium") or shutil.which("chromium-browser")
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        print(run(args, browser))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
