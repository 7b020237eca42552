"""What the hostile tests look for: files changed anywhere in a folder, and anything in a
built page that could run, load from elsewhere or navigate by itself."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

SITE_SCRIPTS = re.compile(r"^/(static|pagefind-[a-z]+)/[\w.-]+\.js$")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "srcset", "poster")
NEVER = ("iframe", "frame", "object", "embed", "base", "applet")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` (links not followed), by path, as a sha256."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[path.relative_to(folder).as_posix()] = "link:" + str(path.readlink())
        elif path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[path.relative_to(folder).as_posix()] = digest
    return found


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Paths created, removed or rewritten between two snapshots."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def active_content(document: BeautifulSoup) -> list[str]:
    """Elements and attributes that could run, load from elsewhere or navigate, as text."""
    found = [str(tag)[:80] for tag in document.find_all(NEVER)]
    found += [str(tag)[:80] for tag in document.find_all("meta") if _refreshes(tag)]
    found += [str(s)[:80] for s in document.find_all("script") if not _site_script(s)]
    for tag in document.find_all(True):
        found += [f"{tag.name} {a}" for a in tag.attrs if a.lower().startswith("on")]
        for attribute in URL_ATTRIBUTES:
            value = "".join(str(tag.get(attribute, "")).split()).lower()
            if value.startswith(("javascript:", "data:", "vbscript:")) or "evil.example" in value:
                found.append(f"{tag.name} {attribute}={value[:40]}")
    return found


def _refreshes(tag: Tag) -> bool:
    return str(tag.get("http-equiv", "")).lower() == "refresh"


def _site_script(script: Tag) -> bool:
    """JSON-LD data, or a script file the site itself ships."""
    src = str(script.get("src", ""))
    return script.get("type") == "application/ld+json" or bool(SITE_SCRIPTS.match(src))
