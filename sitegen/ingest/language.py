"""Language identification of a capture, with py3langid (its model ships in the wheel)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

_MIN_CHARS = 20


@lru_cache(maxsize=1)
def _identifier() -> Any:
    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(paragraphs: Sequence[str], fallback: str = "") -> str:
    """ISO 639-1 code of the text, from its longer paragraphs; `fallback` when too little text."""
    long_ones = [p for p in paragraphs if len(p) >= 60] or list(paragraphs)
    sample = "\n".join(long_ones)[:20_000]
    if len(sample.strip()) < _MIN_CHARS:
        return fallback
    code, _probability = _identifier().classify(sample)
    return str(code)
