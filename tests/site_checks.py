"""Helpers for site tests: parse what a build wrote. Links are resolved by the product's own
checker (`sitegen.check.broken_links`), whose detection tests/test_check.py proves."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from sitegen.check import broken_links

__all__ = ["broken_links", "html_files", "parse_xml", "soup"]


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def parse_xml(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())
