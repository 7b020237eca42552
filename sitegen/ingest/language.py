"""Language identification of a capture, with py3langid (its model ships in the wheel)."""

from __future__ import annotations

from collections.abc import Sequence

import py3langid

_MIN_CHARS = 20
_LONG_BLOCK = 60
_SAMPLE_CHARS = 3_000
"""Enough text to identify the language reliably; the cost grows with the sample."""


def detect_language(paragraphs: Sequence[str], fallback: str = "") -> str:
    """ISO 639-1 code of the text, from its longer paragraphs; `fallback` when too little text."""
    long_ones = [p for p in paragraphs if len(p) >= _LONG_BLOCK] or list(paragraphs)
    sample = "\n".join(long_ones)[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return fallback
    code, _score = py3langid.classify(sample)
    return str(code)
