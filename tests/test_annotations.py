"""Notes on the built seed site: visible beside their passage, exported as W3C Web
Annotations whose selectors find exactly one place in the page, and bad notes named."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from pyld import jsonld

from sitegen.render.webannotation import dump_with_items, item_json
from tests.conftest import REPO, full_archive, sitegen
from tests.site_checks import broken_links, soup

BASE = "https://example.org/archive/"
MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}  # fmt: skip

# The Web Annotation Data Model (https://www.w3.org/TR/annotation-model/), as far as this
# export uses it: sections 3.1 (Annotation), 3.2.4 (TextualBody), 4.2.4 and 4.2.5
# (TextQuoteSelector, TextPositionSelector), 3.3.5 (motivations), 5.1 (collections).
SELECTOR = {
    "oneOf": [
        {
            "type": "object",
            "required": ["type", "exact"],
            "properties": {
                "type": {"const": "TextQuoteSelector"},
                "exact": {"type": "string", "minLength": 1},
                "prefix": {"type": "string"},
                "suffix": {"type": "string"},
            },
            "additionalProperties": False,
        },
        {
            "type": "object",
            "required": ["type", "start", "end"],
            "properties": {
                "type": {"const": "TextPositionSelector"},
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
            },
            "additionalProperties": False,
        },
    ]
}
ANNOTATION = {
    "type": "object",
    "required": ["id", "type", "target", "motivation", "created", "creator", "body"],
    "properties": {
        "id": {"type": "string", "format": "uri"},
        "type": {"const": "Annotation"},
        "motivation": {"enum": sorted(MOTIVATIONS)},
        "created": {"type": "string", "format": "date-time"},
        "modified": {"type": "string", "format": "date-time"},
        "creator": {"type": "object", "required": ["type", "name"]},
        "body": {
            "type": "object",
            "required": ["type", "value", "format", "language"],
            "properties": {"type": {"const": "TextualBody"}, "format": {"const": "text/html"}},
        },
        "target": {
            "type": "object",
            "required": ["source", "selector"],
            "properties": {
                "source": {"type": "string"},
                "selector": {"type": "array", "items": SELECTOR},
            },
        },
    },
}
COLLECTION = {
    "type": "object",
    "required": ["@context", "id", "type", "total", "first"],
    "properties": {
        "@context": {"const": "http://www.w3.org/ns/anno.jsonld"},
        "type": {"const": "AnnotationCollection"},
        "first": {
            "type": "object",
            "required": ["type", "items"],
            "properties": {
                "type": {"const": "AnnotationPage"},
                "items": {"type": "array", "items": ANNOTATION},
            },
        },
    },
}
# The terms of http://www.w3.org/ns/anno.jsonld this export uses, mapped as the Web
# Annotation Vocabulary (https://www.w3.org/TR/annotation-vocab/) defines them.
ANNO_CONTEXT = {
    "@context": {
        "oa": "http://www.w3.org/ns/oa#",
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "as": "http://www.w3.org/ns/activitystreams#",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "id": {"@type": "@id", "@id": "@id"},
        "type": {"@type": "@id", "@id": "@type"},
        "Annotation": "oa:Annotation",
        "TextualBody": "oa:TextualBody",
        "TextQuoteSelector": "oa:TextQuoteSelector",
        "TextPositionSelector": "oa:TextPositionSelector",
        "AnnotationCollection": "as:OrderedCollection",
        "AnnotationPage": "as:OrderedCollectionPage",
        "Person": "foaf:Person",
        "body": {"@type": "@id", "@id": "oa:hasBody"},
        "target": {"@type": "@id", "@id": "oa:hasTarget"},
        "source": {"@type": "@id", "@id": "oa:hasSource"},
        "selector": {"@type": "@id", "@id": "oa:hasSelector"},
        "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
        "creator": {"@type": "@id", "@id": "dcterms:creator"},
        "created": {"@id": "dcterms:created", "@type": "xsd:dateTime"},
        "modified": {"@id": "dcterms:modified", "@type": "xsd:dateTime"},
        "value": "rdf:value",
        "format": "dc:format",
        "language": "dc:language",
        "exact": "oa:exact",
        "prefix": "oa:prefix",
        "suffix": "oa:suffix",
        "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
        "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
        "label": "rdfs:label",
        "name": "foaf:name",
        "total": {"@id": "as:totalItems", "@type": "xsd:nonNegativeInteger"},
        "first": {"@type": "@id", "@id": "as:first"},
        "items": {"@id": "as:items", "@container": "@list", "@type": "@id"},
        "startIndex": {"@id": "as:startIndex", "@type": "xsd:nonNegativeInteger"},
        **{m: f"oa:{m}" for m in MOTIVATIONS},
    }
}


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return sitegen(root, "build", "--base-url", BASE)


def copy_archive(root: Path) -> None:
    full_archive(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("notes")
    copy_archive(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def export(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "public" / "annotations.jsonld").read_text("utf-8"))
    return data


def page_for(site: Path, annotation: dict[str, Any]) -> BeautifulSoup:
    relative = annotation["target"]["source"].removeprefix(BASE)
    return soup(site / "public" / relative / "index.html")


def article_text(document: BeautifulSoup) -> str:
    """The article's text as a reader gets it, without the notes set beside it."""
    blocks = document.select(
        ".dek > :not(aside), .article-body > :not(aside):not(.block):not(section)"
    )
    blocks += document.select(".article-body .block > :not(aside)")
    order = {id(tag): i for i, tag in enumerate(document.find_all(True))}
    return "\n".join(b.get_text() for b in sorted(blocks, key=lambda b: order[id(b)]))


def test_the_seed_notes_are_shown_beside_their_passages(site: Path) -> None:
    notes = sorted((REPO / "content" / "annotations").rglob("*.md"))
    assert len(notes) >= 3
    for path in notes:
        slug, note_id = path.parent.name, path.stem
        document = soup(site / "public" / "articles" / slug / "index.html")
        aside = document.find("aside", id=f"note-{note_id}")
        assert aside is not None, f"{note_id} is not on its article page"
        mark = document.find("mark", id=f"mark-{note_id}")
        assert mark is not None and mark["aria-details"] == f"note-{note_id}"
        assert mark.find_parent("a", attrs={"class": "note-ref"})["href"] == f"#note-{note_id}"
        assert aside.find("a", attrs={"class": "note-back"})["href"] == f"#mark-{note_id}"
        assert (site / "public" / "annotations" / slug / note_id / "index.html").is_file()
    assert broken_links(site / "public", BASE) == []


def test_the_notes_issue_4_asks_for_are_there(site: Path) -> None:
    items = export(site)["first"]["items"]
    exacts = {a["target"]["selector"][0]["exact"]: a for a in items}
    assert any("parceria sem limites" in e for e in exacts)
    assert any("19 times" in e for e in exacts)
    assert any(a["motivation"] == "describing" for a in items)
    context = next(a for e, a in exacts.items() if "parceria sem limites" in e)
    assert "4 February 2022" in context["body"]["value"]
    assert "friendship-without-limits" in context["body"]["value"]


def test_export_follows_the_web_annotation_model(site: Path) -> None:
    data = export(site)
    jsonschema.validate(data, COLLECTION, format_checker=jsonschema.FormatChecker())
    assert data["total"] == len(data["first"]["items"]) >= 3


def test_export_parses_as_json_ld(site: Path) -> None:
    def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        assert url == "http://www.w3.org/ns/anno.jsonld", f"unexpected fetch of {url}"
        return {"contextUrl": None, "documentUrl": url, "document": ANNO_CONTEXT}

    expanded = jsonld.expand(export(site), {"documentLoader": loader})
    text = json.dumps(expanded)
    assert "http://www.w3.org/ns/oa#hasTarget" in text
    assert "http://www.w3.org/ns/oa#TextQuoteSelector" in text
    assert "http://www.w3.org/ns/oa#commenting" in text


def test_every_quote_selector_finds_exactly_one_place_in_the_page(site: Path) -> None:
    for annotation in export(site)["first"]["items"]:
        quote, position = annotation["target"]["selector"]
        text = article_text(page_for(site, annotation))
        whole = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text.count(whole) == 1, (annotation["id"], whole)
        assert text[position["start"] : position["end"]] == quote["exact"]


def test_annotations_index_lists_every_note_and_filters_by_type(site: Path) -> None:
    index = soup(site / "public" / "annotations" / "index.html")
    listed = index.select(".note-list .item-title a")
    assert len(listed) == export(site)["total"]
    fact_checks = soup(site / "public" / "annotations" / "type" / "fact-check" / "index.html")
    assert [a.get_text() for a in fact_checks.select(".note-list .item-title a")] == [
        a.get_text() for a in listed if a.get_text().startswith("Fact check")
    ]


def write_note(root: Path, slug: str, name: str, front: str, body: str = "A note.") -> Path:
    path = root / "content" / "annotations" / slug / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    return path


def english_slug() -> str:
    folders = (REPO / "content" / "annotations").iterdir()
    return next(p.name for p in folders if p.name.startswith("putin-s-visit"))


def test_bad_and_hostile_notes(tmp_path: Path) -> None:
    copy_archive(tmp_path)
    slug = english_slug()
    common = "type: context\nauthor: x\ndate: 2024-01-01\n"
    unknown = write_note(tmp_path, "nowhere", "lost.md", f"article: nowhere\nquote: x\n{common}")
    missing = write_note(tmp_path, slug, "no-quote.md", f"article: {slug}\n{common}")
    script = write_note(
        tmp_path,
        slug,
        "script.md",
        f"article: {slug}\nquote: Lavrov noted that the West\n{common}",
        "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))",
    )
    long_quote = write_note(
        tmp_path, slug, "too-long.md", f"article: {slug}\nquote: {'word ' * 2000}\n{common}"
    )
    ambiguous = write_note(
        tmp_path, slug, "twice.md", f"article: {slug}\nquote: Xi Jinping\n{common}"
    )
    result = build(tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert f"error: {unknown}: unknown article 'nowhere' (no such slug)" in errors
    assert f"error: {missing}: 'quote' is missing" in errors
    twice = next(e for e in errors if e.startswith(f"error: {ambiguous}: "))
    assert re.search(r"quote matches [2-9] places \(paragraph \d+: …", twice)
    assert twice.endswith("add 'prefix' or 'suffix' with nearby words (or 'occurrence: N')")
    document = soup(tmp_path / "public" / "articles" / slug / "index.html")
    scripts = document.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    for tag in document.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        assert not str(tag.get("href", "")).lower().startswith(("javascript:", "data:")), tag
    note = document.find(id="note-script")
    assert note is not None and "<script>alert(1)</script>" in note.get_text()
    orphans = document.find(id="orphans")
    assert orphans is not None and orphans.find_parent().find(id="note-too-long") is not None
    assert script.exists() and long_quote.exists()


def test_drafts_are_not_published_and_withdrawn_notes_keep_their_place(tmp_path: Path) -> None:
    copy_archive(tmp_path)
    slug = english_slug()
    common = f"article: {slug}\ntype: context\nauthor: desk\ndate: 2024-02-01\n"
    write_note(
        tmp_path, slug, "draft.md", f"{common}quote: the Russian minister said\nstatus: draft\n"
    )
    write_note(
        tmp_path,
        slug,
        "gone.md",
        f"{common}quote: Lavrov noted that the West\nstatus: withdrawn\n",
        "Withdrawn: the source could not be confirmed.",
    )
    assert build(tmp_path).returncode == 0
    document = soup(tmp_path / "public" / "articles" / slug / "index.html")
    assert document.find(id="note-draft") is None
    assert not (tmp_path / "public" / "annotations" / slug / "draft").exists()
    tombstone = document.find(id="note-gone")
    assert tombstone is not None and "note-withdrawn" in tombstone["class"]
    assert "Withdrawn by the editors." in tombstone.get_text()
    assert "the source could not be confirmed" in tombstone.get_text()
    assert document.find("mark", id="mark-gone") is not None
    items = json.loads((tmp_path / "public" / "annotations.jsonld").read_text("utf-8"))["first"][
        "items"
    ]
    assert not any(a["id"].endswith("/draft/") for a in items)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_export_assembled_from_cached_items_equals_one_dump(count: int) -> None:
    """Each note's annotation is cached as indented JSON and spliced into the document:
    the result must be the bytes one `json.dumps` of everything writes, whatever the
    items hold (nesting, lists, quotes, non-ASCII, a label that looks like the key)."""
    items = [
        {
            "id": f"https://example.org/a/{i}/",
            "body": {"value": f'<p>Nota {i}: "items": [] — ação</p>', "format": "text/html"},
            "target": {"selector": [{"exact": "x\ny", "start": i}, {"end": [1, {"k": None}]}]},
            "empty": {},
            "none": [],
        }
        for i in range(count)
    ]
    data = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "label": '"items": [] in a title',
        "total": count,
        "first": {"id": "https://example.org/annotations.jsonld#page-1", "startIndex": 0},
    }
    whole = data | {"first": data["first"] | {"items": items}}
    expected = json.dumps(whole, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert dump_with_items(data, [item_json(item) for item in items]) == expected
