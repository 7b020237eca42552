"""The seed archive built under a base path: every file parses, every link resolves,
the cross-links EXPECTED.md describes are there, and the output is deterministic."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from tests.conftest import SEEDS, full_archive, sitegen
from tests.site_checks import broken_links, html_files, parse_xml, soup

BASE = "https://example.org/archive/"
ATOM = "{http://www.w3.org/2005/Atom}"


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return sitegen(root, "build", "--base-url", BASE)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = full_archive(tmp_path_factory.mktemp("site"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "built 2 articles" in result.stdout
    return root / "public"


def article_page(out: Path, title_start: str) -> Path:
    for page in sorted((out / "articles").glob("*/index.html")):
        if soup(page).h1 and soup(page).h1.get_text().startswith(title_start):
            return page
    raise AssertionError(f"no article page titled {title_start!r}")


def test_every_page_parses_and_every_internal_link_resolves(site: Path) -> None:
    pages = html_files(site)
    assert len(pages) > 30
    for page in pages:
        document = soup(page)
        assert document.html is not None and document.html.get("lang"), page
        assert document.title and document.title.get_text().strip(), page
        assert document.find("meta", attrs={"name": "description"}), page
    assert broken_links(site, BASE) == []


def test_every_xml_file_parses_and_feeds_are_atom(site: Path) -> None:
    xml_files = sorted(site.rglob("*.xml"))
    assert site / "feed.xml" in xml_files and site / "sitemap.xml" in xml_files
    for path in xml_files:
        root = parse_xml(path)
        if path.name == "feed.xml":
            assert root.tag == f"{ATOM}feed"
            for required in ("id", "title", "updated"):
                assert root.find(f"{ATOM}{required}") is not None, (path, required)
            for entry in root.findall(f"{ATOM}entry"):
                for required in ("id", "title", "updated", "author"):
                    assert entry.find(f"{ATOM}{required}") is not None, (path, required)
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    locs = [e.text or "" for e in parse_xml(site / "sitemap.xml").iter() if e.tag.endswith("loc")]
    assert locs and all(loc.startswith(BASE) for loc in locs)


def test_github_pages_files(site: Path) -> None:
    assert (site / ".nojekyll").is_file()
    assert (site / "404.html").is_file()
    assert "Sitemap: https://example.org/archive/sitemap.xml" in (site / "robots.txt").read_text()


def test_article_json_ld_is_a_news_article(site: Path) -> None:
    page = article_page(site, "Putin's Visit to China")
    script = soup(page).find("script", attrs={"type": "application/ld+json"})
    assert script is not None
    data = json.loads(script.get_text())
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "en"
    assert data["headline"].startswith("Putin's Visit to China")
    assert data["datePublished"] == "2024-05-14T15:48:00+01:00"
    assert {"@type": "Organization", "name": "Lusa"} in data["author"]
    assert {"@type": "Person", "name": "Xi Jinping"} in data["mentions"]


def test_the_two_seeds_are_related_and_share_entity_pages(site: Path) -> None:
    english = article_page(site, "Putin's Visit to China")
    portuguese = next(p for p in sorted((site / "articles").glob("*/index.html")) if p != english)
    for page, other in ((english, portuguese), (portuguese, english)):
        related = soup(page).find(id="related")
        assert related is not None, f"{page} has no related section"
        links = [a["href"] for a in related.find_next("ul").find_all("a")]
        assert f"/archive/articles/{other.parent.name}/" in links
    for kind, slug in [
        ("people", "vladimir-putin"),
        ("people", "xi-jinping"),
        ("places", "china"),
        ("places", "russia"),
        ("places", "beijing"),
        ("places", "moscow"),
    ]:
        listed = {
            a["href"] for a in soup(site / kind / slug / "index.html").select("main .item-title a")
        }
        assert listed == {
            f"/archive/articles/{english.parent.name}/",
            f"/archive/articles/{portuguese.parent.name}/",
        }, (kind, slug)


def test_article_page_shows_metadata_in_its_language(site: Path) -> None:
    document = soup(article_page(site, "Putin's Visit to China"))
    assert document.html is not None and document.html["lang"] == "en"
    time = document.select_one(".byline time")
    assert time is not None and time["datetime"] == "2024-05-14T15:48:00+01:00"
    assert time.get_text() == "May 14, 2024, 3:48\u202fPM"  # CLDR: narrow no-break space
    assert document.select_one(".dek") is not None
    first_links = {a.get_text() for a in document.select(".article-body a.entity")}
    assert {"Sergei Lavrov", "Antony Blinken"} <= first_links


def test_portuguese_article_uses_portuguese_interface(site: Path) -> None:
    english = article_page(site, "Putin's Visit to China")
    portuguese = next(p for p in sorted((site / "articles").glob("*/index.html")) if p != english)
    document = soup(portuguese)
    assert document.html is not None and document.html["lang"] == "pt"
    assert "Sem data" in document.get_text()
    assert document.find("h2", string="Turbulência global") is not None


# Pagefind's filter index is not byte-stable between runs (upstream issue Pagefind#638:
# "other files will still change, such as the filter/metadata indexes"); everything else
# it writes, and everything sitegen writes, must be. A large language's further bundles
# are numbered (pagefind-en-1/, sitegen/shards.py); benchmarks/measure.py skips the same.
UNSTABLE = re.compile(
    r"^pagefind-[a-z]+(-[0-9]+)?/"
    r"(filter/.*|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta|pagefind-entry\.json)$"
)


def test_build_is_deterministic_across_folders(tmp_path: Path) -> None:
    outputs, unstable = [], []
    for name in ("one", "two"):
        root = full_archive(tmp_path / name)
        assert build(root).returncode == 0
        out = root / "public"
        files = {
            p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
        }
        outputs.append({k: v for k, v in files.items() if not UNSTABLE.match(k)})
        unstable.append(sum(1 for k in files if UNSTABLE.match(k)))
    assert outputs[0] == outputs[1]
    assert unstable[0] == unstable[1]
    assert any(k.startswith("pagefind-en/fragment/") for k in outputs[0])


def test_a_bad_article_is_named_and_skipped(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert build(tmp_path).returncode == 0
    bad = tmp_path / "content" / "articles" / "broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\nText\n", encoding="utf-8")
    result = build(tmp_path)
    assert result.returncode == 1
    assert f"error: {bad}:3: malformed front matter" in result.stderr
    assert len(list((tmp_path / "public" / "articles").iterdir())) == 2


def test_a_failing_build_leaves_the_previous_site(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert build(tmp_path).returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "public").rglob("*") if p.is_file()}
    broken_theme = tmp_path / "themes" / "default" / "templates"
    broken_theme.mkdir(parents=True)
    (broken_theme / "article.html").write_text("{{ article.no_such_field }}", encoding="utf-8")
    result = build(tmp_path)
    assert result.returncode == 1
    after = {p: p.read_bytes() for p in (tmp_path / "public").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".public")]


def write_article(content: Path, index: int, **fields: str) -> None:
    front = "\n".join(f"{k}: {v}" for k, v in fields.items())
    head = f"title: Article {index:03d}\nslug: article-{index:03d}\n{front}"
    text = f"---\n{head}\n---\n\nBody {index}.\n"
    articles = content / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (articles / f"article-{index:03d}.md").write_text(text, encoding="utf-8")


def test_listing_pages_paginate_and_links_resolve(tmp_path: Path) -> None:
    for i in range(45):
        write_article(
            tmp_path / "content",
            i,
            date=f"2023-03-{1 + i % 28:02d}T10:{i:02d}:00+00:00",
            tags="[Energy]",
            language="en",
        )
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "public"
    for folder in ("tags/energy", "archive/2023/03"):
        assert (out / folder / "page" / "3" / "index.html").is_file()
        assert not (out / folder / "page" / "4").exists()
        first = soup(out / folder / "index.html")
        assert len(first.select("main .item-title a")) == 20
        assert first.select_one('a[rel="next"]')["href"] == f"/archive/{folder}/page/2/"
    last = soup(out / "tags" / "energy" / "page" / "3" / "index.html")
    assert len(last.select("main .item-title a")) == 5
    assert broken_links(out, BASE) == []


def test_mentions_in_another_language_link_to_the_canonical_entity(site: Path) -> None:
    english = article_page(site, "Putin's Visit to China")
    portuguese = next(p for p in sorted((site / "articles").glob("*/index.html")) if p != english)
    links = {a.get_text(): a["href"] for a in soup(portuguese).select("a.entity")}
    assert links["Pequim"] == "/archive/places/beijing/"
    assert links["Moscou"] == "/archive/places/moscow/"
    assert links["Rússia"] == "/archive/places/russia/"
    assert links["Coréia do Norte"] == "/archive/places/north-korea/"
    assert "Kharkiv" not in links


def test_an_entity_written_in_two_languages_is_one_page(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_article(content, 1, language="pt", places="[Pequim, Rússia]")
    write_article(content, 2, language="en", places="[Beijing, Russia]")
    assert build(tmp_path).returncode == 0
    places = sorted(p.name for p in (tmp_path / "public" / "places").iterdir() if p.is_dir())
    assert places == ["beijing", "russia"]
    listed = soup(tmp_path / "public" / "places" / "beijing" / "index.html").select(
        "main .item-title a"
    )
    assert len(listed) == 2


def test_search_has_a_bundle_per_language_and_a_page_that_reads_without_script(site: Path) -> None:
    for language in ("en", "pt"):
        entry = json.loads((site / f"pagefind-{language}" / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [language]
        assert entry["languages"][language]["page_count"] >= 2  # the article and its notes
    page = soup(site / "search" / "index.html")
    assert [d["data-bundle"] for d in page.select(".search-ui")] == [
        "/archive/pagefind-en/",
        "/archive/pagefind-pt/",
    ]
    fallback = page.find("noscript")
    assert fallback is not None and "needs JavaScript" in fallback.get_text()
    header_form = soup(site / "index.html").select_one("form.search-box")
    assert header_form is not None and header_form["action"] == "/archive/search/"


def test_each_article_links_its_raw_capture_byte_for_byte(site: Path) -> None:
    for page in sorted((site / "articles").glob("*/index.html")):
        link = soup(page).select_one(".provenance a")
        assert link is not None, page
        capture = site / link["href"].removeprefix("/archive/")
        assert capture.suffix == ".txt", "a capture is never served as a page"
        sha256 = capture.name.removesuffix(".txt")
        seed = next(
            p
            for p in sorted(SEEDS.iterdir())
            if hashlib.sha256(p.read_bytes()).hexdigest() == sha256
        )
        assert capture.read_bytes() == seed.read_bytes()
