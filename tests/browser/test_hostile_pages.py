"""Nothing captured or annotated runs in a reader's browser (issue 6): every page built from
the hostile corpus is loaded in Chromium, which must see no dialog, no script but the site's
own, no navigation away from the page, no request beyond the site and no console error; and
the site's own search still works under the Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Site, search_links, served, watch
from tests.hostile.cases import HOSTILE_PAGES, hostile_archive
from tests.site_checks import html_files

# Everything in the live DOM that could run or navigate, as text; `site` is the base URL.
ACTIVE = """site => {
  const found = [];
  const own = /^(static|pagefind-[a-z]+)\\/[\\w.-]+\\.js$/;
  for (const s of document.scripts) {
    const rest = s.src.startsWith(site) ? s.src.slice(site.length) : '';
    if (s.type === 'application/ld+json' || own.test(rest)) continue;
    found.push('script ' + (s.src || s.text.slice(0, 60)));
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const value = a.value.replace(/\\s/g, '').toLowerCase();
      if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name);
      if (!/^(javascript|data|vbscript):/.test(value) || a.name === 'content') continue;
      // Pagefind's own search form is the one javascript: URL the site itself makes
      if (el.closest('.pagefind-ui') && value === 'javascript:void(0);') continue;
      found.push(el.tagName + ' ' + a.name + '=' + value.slice(0, 40));
    }
  }
  const never = 'iframe, frame, object, embed, base, meta[http-equiv=refresh i]';
  for (const el of document.querySelectorAll(never)) found.push(el.outerHTML.slice(0, 80));
  if (!document.querySelector('meta[http-equiv=Content-Security-Policy]')) found.push('no CSP');
  return found;
}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = hostile_archive(tmp_path_factory.mktemp("hostile-browser") / "archive")
    with served(root) as built:
        assert built.build.returncode == 1 and "Traceback" not in built.build.stderr
        yield built


def url_of(site: Site, page: Path) -> str:
    relative = page.relative_to(site.out).as_posix()
    return site.base + relative.removesuffix("index.html")


def visit(page: Page, url: str) -> list[str]:
    """Load `url` and wait; what the page tried to do that a reader's browser must not."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(100)  # a zero-delay refresh or a timer would fire by now
    problems = [f"dialog {m!r}" for m in dialogs]
    if page.url.split("#")[0] != url:
        problems.append(f"navigated to {page.url}")
    problems += [f"frame {f.url}" for f in page.frames if f != page.main_frame]
    return problems + page.evaluate(ACTIVE, page.url.split("/archive/")[0] + "/archive/")


def test_no_page_built_from_the_hostile_corpus_runs_anything(
    browser: Browser, hostile: Site
) -> None:
    pages = html_files(hostile.out)
    assert len(pages) == HOSTILE_PAGES
    found: dict[str, list[str]] = {}
    for file in pages:
        page = browser.new_page()
        seen = watch(page)
        url = url_of(hostile, file)
        problems = visit(page, url) + seen.console_errors + [f"request {u}" for u in seen.outside]
        if problems:
            found[url] = problems
        page.close()
    assert found == {}


def test_the_site_search_works_and_shows_hostile_text_as_text(
    browser: Browser, hostile: Site
) -> None:
    page = browser.new_page()
    seen = watch(page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    links = search_links(page, f"{hostile.base}search/?q=alert")
    assert any("council-approves-the-new-harbour-plan" in link for link in links), links
    assert "alert(" in page.locator("main").inner_text()
    assert dialogs == [] and seen.console_errors == [] and seen.outside == []
