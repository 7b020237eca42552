"""Helpers for site tests: parse what a build wrote and resolve its internal links."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def target_file(out: Path, base_path: str, url_path: str) -> Path | None:
    """The output file an internal URL path points at, or None when it leaves the base path."""
    if not url_path.startswith(base_path):
        return None
    relative = unquote(url_path[len(base_path) :])
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return out / relative


def broken_links(out: Path, base_path: str, site_host: str) -> list[str]:
    """Every internal href/src that does not resolve to a file (or to an id on that page)."""
    problems = []
    for page in html_files(out):
        document = soup(page)
        for tag in document.find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or not isinstance(ref, str):
                continue
            parts = urlsplit(ref)
            if parts.scheme in ("mailto",) or (parts.netloc and parts.netloc != site_host):
                continue
            if not parts.path and parts.fragment:
                if not document.find(id=parts.fragment):
                    problems.append(f"{page}: #{parts.fragment} has no target")
                continue
            target = target_file(out, base_path, parts.path)
            if target is None or not target.is_file():
                problems.append(f"{page}: {ref} -> {target}")
    return problems


def parse_xml(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())
