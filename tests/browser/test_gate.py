"""The quality gate in a real browser (issue 5): navigation, notes, search, axe-core,
the Nu Html Checker, reading without JavaScript, console errors, requests, screenshots."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import TOOLS, Site, search_links, watch
from tests.conftest import REPO

SCREENSHOTS = REPO / "docs" / "screenshots" / "gate"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def page_kinds(site: Site) -> dict[str, str]:
    """One URL of each kind of page the site has."""
    return {
        "home": site.base,
        "article": site.article("putin-s-visit"),
        "article-pt": site.article("o-presidente"),
        "entity": f"{site.base}people/xi-jinping/",
        "tag": f"{site.base}tags/mne-russo/",
        "archive": f"{site.base}archive/2024/05/",
        "annotations": f"{site.base}annotations/",
        "note": f"{site.base}annotations/" + _first_note(site),
        "search": f"{site.base}search/?q=Putin",
        "404": f"{site.base}404.html",
    }


def _first_note(site: Site) -> str:
    notes = sorted((site.out / "annotations").glob("*/*/index.html"))
    notes = [n for n in notes if n.parent.parent.name not in ("type", "author")]
    return f"{notes[0].parent.parent.name}/{notes[0].parent.name}/"


def test_clicking_home_article_entity_and_back(browser: Browser, site: Site) -> None:
    page = browser.new_page()
    seen = watch(page)
    page.goto(site.base)
    page.click(
        "text=Putin's Visit to China 'to Strengthen' Cooperation Between the Two Countries >> nth=0"
    )
    article_url = page.url
    assert article_url == site.article("putin-s-visit")
    page.click(".chips a:text-is('Sergei Lavrov')")
    assert page.url == f"{site.base}people/sergei-lavrov/"
    assert page.locator("h1").inner_text() == "Sergei Lavrov"
    page.go_back()
    assert page.url == article_url
    assert seen.console_errors == [] and seen.outside == []


def test_a_highlight_links_to_its_note_and_back(browser: Browser, site: Site) -> None:
    page = browser.new_page()
    seen = watch(page)
    page.goto(site.article("putin-s-visit"))
    mark = page.locator("a.note-ref").first
    note_id = mark.get_attribute("href")
    assert note_id and note_id.startswith("#note-")
    mark.click()
    assert page.url.endswith(note_id)
    assert page.locator(f"aside{note_id}").is_visible()
    page.locator(f"aside{note_id} a.note-back").click()
    assert page.url.endswith(note_id.replace("#note-", "#mark-"))
    assert seen.console_errors == [] and seen.outside == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Lavrov", "articles/putin-s-visit"),
        ("parceria", "articles/o-presidente"),
        ("Olympics", "annotations/"),
    ],
)
def test_search_finds_articles_in_both_languages_and_notes(
    browser: Browser, site: Site, query: str, expected: str
) -> None:
    page = browser.new_page()
    seen = watch(page)
    links = search_links(page, f"{site.base}search/?q={query}")
    assert any(expected in link for link in links), links
    assert all(link.startswith("/archive/") for link in links)
    assert seen.console_errors == [] and seen.outside == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(browser: Browser, site: Site, scheme: str) -> None:
    axe = (TOOLS / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    # bypass_csp: the site's policy (rightly) refuses the inline script axe is injected as.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)  # type: ignore[arg-type]
    found = {}
    for kind, url in page_kinds(site).items():
        page = context.new_page()
        if kind == "search":
            search_links(page, url)
        else:
            page.goto(url)
        page.add_script_tag(content=axe)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        found[kind] = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]
        page.close()
    context.close()
    assert found == {kind: [] for kind in found}


def test_nu_html_checker_finds_no_errors(site: Site) -> None:
    kinds = page_kinds(site)
    files = sorted({_file_for(site, url) for kind, url in kinds.items()})
    jar = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    assert [f"{m.get('url')}: {m.get('message')}" for m in messages] == []
    assert len(files) >= 9


def _file_for(site: Site, url: str) -> Path:
    path = url.split("?", maxsplit=1)[0].removeprefix(site.base)
    return site.out / (path + "index.html" if path == "" or path.endswith("/") else path)


def test_articles_and_notes_read_without_javascript(browser: Browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.article("putin-s-visit"))
    body = page.locator(".article-body")
    assert "Sergei Lavrov told the Russian Senate" in body.inner_text()
    notes = page.locator("aside.note")
    assert notes.count() >= 2
    for i in range(notes.count()):
        assert notes.nth(i).is_visible() and notes.nth(i).inner_text().strip()
    page.goto(f"{site.base}search/")
    assert "needs JavaScript" in page.locator("main").inner_text()
    context.close()


def test_no_console_errors_and_no_request_leaves_the_machine(browser: Browser, site: Site) -> None:
    for kind, url in page_kinds(site).items():
        page = browser.new_page()
        seen = watch(page)
        page.goto(url, wait_until="networkidle")
        assert seen.console_errors == [], (kind, seen.console_errors)
        assert seen.outside == [], (kind, seen.outside)
        page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_every_page_kind(browser: Browser, site: Site, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page: Page = browser.new_page(viewport={"width": width, "height": 900})
    for kind, url in page_kinds(site).items():
        page.goto(url, wait_until="networkidle")
        target = SCREENSHOTS / f"{kind}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5_000
    page.close()
