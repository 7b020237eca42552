"""Language identification of a capture, with py3langid's model (it ships in the wheel).

The model is scored here rather than through `py3langid.classify`, with the same result:
its byte automaton is walked with numpy for every position of the sample at once instead
of one byte at a time in Python (0.97 -> 0.56 ms a page on the corpus).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from py3langid.langid import MODEL_FILE, RAW_FLOOR, LanguageIdentifier

_MIN_CHARS = 20
_LONG_BLOCK = 60
_SAMPLE_CHARS = 1_500
"""Enough text to identify the language reliably; the cost grows with the sample. On the
corpus's 568 pages 1,500 characters give the same language as 3,000 on every page (1,000
already differ on one), at half the cost."""


def detect_language(paragraphs: Sequence[str], fallback: str = "") -> str:
    """ISO 639-1 code of the text, from its longer paragraphs; `fallback` when too little text."""
    sample = language_sample(paragraphs)
    if len(sample.strip()) < _MIN_CHARS:
        return fallback
    return language_of(sample)


def language_sample(paragraphs: Sequence[str]) -> str:
    """The text the language is read from: the first `_SAMPLE_CHARS` of the longer paragraphs
    (menus and bylines are short), or of all of them when none is long."""
    long_ones = [p for p in paragraphs if len(p) >= _LONG_BLOCK] or list(paragraphs)
    return "\n".join(_first_chars(long_ones, _SAMPLE_CHARS))[:_SAMPLE_CHARS]


def _first_chars(paragraphs: Sequence[str], size: int) -> list[str]:
    """The leading paragraphs holding at least `size` characters (not the whole page)."""
    taken, total = [], 0
    for paragraph in paragraphs:
        if total >= size:
            break
        taken.append(paragraph)
        total += len(paragraph) + 1
    return taken


NGRAM_BYTES = 6
"""The longest byte n-gram the model scores (its automaton's deepest state): the state at a
position depends on the last six bytes only (two Japanese kana). `tests/ingest/test_fast_paths.py`
measures the automaton's depth and checks the counts against py3langid's own walk."""


@dataclass(frozen=True, slots=True)
class _Model:
    """py3langid's naive Bayes model as arrays."""

    moves: np.ndarray
    """The automaton's next state for (row offset of a state) + byte."""
    rows: np.ndarray
    """Each state's row offset into `moves`."""
    output: np.ndarray
    """The feature (byte n-gram) each state completes, or -1."""
    weights: np.ndarray
    """Log-probability of each feature per language."""
    priors: np.ndarray
    labels: tuple[str, ...]
    aliases: tuple[tuple[int, int], ...]
    """(first, duplicate) columns of labels listed twice (script variants)."""


@cache
def _model() -> _Model:
    """The model file in py3langid's wheel, read once per process."""
    found = LanguageIdentifier.from_model_file(MODEL_FILE)
    labels = tuple(str(label) for label in found.nb_classes)
    first: dict[str, int] = {}
    aliases = []
    for column, label in enumerate(labels):
        if label in first:
            aliases.append((first[label], column))
        first.setdefault(label, column)
    return _Model(
        moves=np.asarray(found.tk_nextmove),  # a view of its buffer, in its own item type
        rows=np.asarray(found.tk_row, dtype=np.intp) << 8,
        output=np.asarray(found.tk_output, dtype=np.intp),
        weights=found.nb_ptc,
        priors=found.nb_pc,
        labels=labels,
        aliases=tuple(aliases),
    )


def language_of(text: str) -> str:
    """The language py3langid's `classify` gives `text` (ISO 639-1 where there is one)."""
    model = _model()
    if text.isupper():
        text = text.lower()
    data = unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")
    features, counts = ngram_counts(data)
    if features.size:
        scores = np.log1p(counts.astype(np.float32)) @ model.weights[features] + model.priors
    else:
        scores = np.full(len(model.labels), RAW_FLOOR, dtype=np.float32)
    for kept, dropped in model.aliases:
        scores[kept] = max(scores[kept], scores[dropped])
        scores[dropped] = RAW_FLOOR
    return model.labels[int(scores.argmax())]


def ngram_counts(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The model's features in `data` and their counts, in order of first occurrence (the
    order py3langid sums them in, so the scores match to the last bit).

    Each position's state is the automaton walked from its start over the position's last
    `NGRAM_BYTES` bytes, one numpy step per byte of that window for all positions at once.
    """
    model = _model()
    codes = np.frombuffer(data, dtype=np.uint8)
    state = np.zeros(codes.size, dtype=np.intp)
    for lag in range(min(NGRAM_BYTES, codes.size) - 1, -1, -1):
        state[lag:] = model.moves[model.rows[state[lag:]] + codes[: codes.size - lag]]
    found = model.output[state]
    found = found[found >= 0]
    features, first, counts = np.unique(found, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return features[order], counts[order]
