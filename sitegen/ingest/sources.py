"""The outlet that published a capture: site-name lines, social handles, domains, ©.

Every clue is looked up in `sitegen/data/outlets.yaml`, so a recognised outlet also
brings its newsroom timezone and language. Handles and domains are read in every block,
including the promos the cleaner removes ("Siga-nos no @Kyivpost_official"), because
that is often the only place the capture names its outlet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitegen.ingest.features import has_copyright
from sitegen.ingest.reference import (
    Outlet,
    agency_pattern,
    fold,
    outlet_by_domain,
    outlet_by_handle,
    outlet_by_name,
    word_count,
)
from sitegen.models import Block

_HANDLE = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")
_DOMAIN = re.compile(r"(?<![\w@.-])((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w-])", re.IGNORECASE)
_DOMAIN_HINT = re.compile(r"\.[a-z]{2}", re.IGNORECASE)
"""Every `_DOMAIN` match holds this (its last label), and it is found far faster: the
domain pattern is tried only on blocks that have it."""
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(.+)", re.I)
MAX_SITE_LINE_WORDS = 6


@dataclass(frozen=True, slots=True)
class SourceFound:
    """The outlet and, for a site-name line, the block that only named it."""

    outlet: Outlet
    line: int | None


def site_name_line(block: Block) -> Outlet | None:
    """An outlet when the whole block is its name or an alias ("Notícias ao Minuto").

    A line that is a wire agency's name ("Reuters" under a photo) credits the agency,
    even where the agency also runs a site: such outlets are known by domain or handle.
    """
    if word_count(block.text) > MAX_SITE_LINE_WORDS:
        return None
    name = block.text.strip(" |-–—·•")
    outlet = outlet_by_name().get(fold(name))
    if outlet is None or agency_pattern()[0].fullmatch(name):
        return None
    return outlet


def handle_outlet(text: str) -> Outlet | None:
    """The outlet of the first known social handle in `text`."""
    if "@" not in text:
        return None
    for match in _HANDLE.finditer(text):
        outlet = outlet_by_handle().get(fold(match.group(1)))
        if outlet:
            return outlet
    return None


def domain_outlet(text: str) -> Outlet | None:
    """The outlet of the first known domain in `text`, subdomains included."""
    index = outlet_by_domain()
    if _DOMAIN_HINT.search(text) is None:
        return None
    for match in _DOMAIN.finditer(text):
        labels = match.group(1).lower().split(".")
        for start in range(len(labels) - 1):
            outlet = index.get(".".join(labels[start:]))
            if outlet:
                return outlet
    return None


def copyright_outlet(text: str) -> Outlet | None:
    """The outlet named right after a copyright sign ("© 2020 Guardian News & Media")."""
    if text.isascii() and not has_copyright(text):  # its `in` tests: most blocks have none
        return None
    match = _COPYRIGHT.search(text)
    if not match:
        return None
    tail = fold(match.group(1))
    for key, outlet in outlet_by_name().items():  # names in file order, each folded once
        if tail.startswith(key) and not tail[len(key) : len(key) + 1].isalnum():
            return outlet
    return None


def extract_source(blocks: Sequence[Block]) -> SourceFound | None:
    """The outlet, by the most telling clue first.

    Order: a site-name line (which the caller may move to front matter), a social
    handle, a domain, a copyright line.
    """
    for block in blocks:
        if outlet := site_name_line(block):
            return SourceFound(outlet, block.index)
    for finder in (handle_outlet, domain_outlet, copyright_outlet):
        for block in blocks:
            if outlet := finder(block.text):
                return SourceFound(outlet, None)
    return None
