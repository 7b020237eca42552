"""Language identification of a capture, with py3langid (its model ships in the wheel)."""

from __future__ import annotations

from collections.abc import Sequence

import py3langid

_MIN_CHARS = 20
_LONG_BLOCK = 60
_SAMPLE_CHARS = 1_500
"""Enough text to identify the language reliably; the cost grows with the sample. On the
corpus's 568 pages 1,500 characters give the same language as 3,000 on every page (1,000
already differ on one), at half the cost."""


def detect_language(paragraphs: Sequence[str], fallback: str = "") -> str:
    """ISO 639-1 code of the text, from its longer paragraphs; `fallback` when too little text."""
    long_ones = [p for p in paragraphs if len(p) >= _LONG_BLOCK] or list(paragraphs)
    sample = "\n".join(_first_chars(long_ones, _SAMPLE_CHARS))[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return fallback
    code, _score = py3langid.classify(sample)
    return str(code)


def _first_chars(paragraphs: Sequence[str], size: int) -> list[str]:
    """The leading paragraphs holding at least `size` characters (not the whole page)."""
    taken, total = [], 0
    for paragraph in paragraphs:
        if total >= size:
            break
        taken.append(paragraph)
        total += len(paragraph) + 1
    return taken
