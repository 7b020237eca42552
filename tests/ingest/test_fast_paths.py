"""Shortcuts on the ingest's hot path answer exactly as the plain forms they stand for.

Each shortcut (a narrowed pattern, a bound on a lookup) is checked against the plain form
it replaced, on generated text, so a shortcut that starts to differ fails here first.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import numpy as np
import py3langid
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from py3langid.langid import visit_counts

from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.features import _char_counts
from sitegen.ingest.language import NGRAM_BYTES, _model, language_of, language_sample, ngram_counts
from sitegen.ingest.mentions import _UPPER, Token, _run_pattern, _words, place_spans
from sitegen.ingest.names import cues, place_names, place_words_from
from sitegen.ingest.normalise import normalise_paragraph
from sitegen.ingest.reference import fold
from sitegen.ingest.sources import copyright_outlet
from sitegen.models import Block
from tests.conftest import CORPUS

PIECES = ["Coreia", "do", "Norte", "Nova", "Iorque", "Rio", "de", "Janeiro", "Xi", "Jinping",
          "terça", "-feira", "a", " -b", "2", " -3", "O’Neill", "l'été", "Ana-Maria", "é",
          "\t", "\u00a0", "  ", " ", "\u3000", "\r\n", "\n", "\r", "©", "(C)", "COPYRIGHT",
          "Guardian", "News", "&", "Media", "ﷺ", "St.", "Louis"]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)
spaced = st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_blocks_fold_blanks_as_replacing_every_run_did(text: str) -> None:
    blank = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
    lines = re.split(r"\r\n|\r|\n", blank.sub(" ", text))
    expected = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]
    assert [(b.line, b.text) for b in split_blocks(text)] == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=60)))
@example("Ölpreis: 3 % höher — „Ära“ 42_x ½ ٣ \ud800 Ǆ")
def test_character_counts_are_the_plain_per_character_counts(text: str) -> None:
    digits = len(re.findall(r"[0-9]", text))
    symbols = len(re.findall(r"[^\w\s]|_", text))
    letters = len(text) - digits - symbols - text.count(" ")
    assert _char_counts(text) == (digits, symbols, letters, sum(map(str.isupper, text)))


@settings(max_examples=300, deadline=None)
@given(spaced)
def test_spaced_hyphens_join_as_the_lookbehind_pattern_did(text: str) -> None:
    plain = re.compile(r"(?<=[^\W\d_]) -(?=[^\W\d_])")
    expected = plain.sub("-", re.sub(r"\s+", " ", text).strip())
    assert normalise_paragraph(text) == expected


@settings(max_examples=300, deadline=None)
@given(spaced, st.sampled_from(["pt", "en", "de"]))
def test_name_runs_are_found_as_the_lookbehind_pattern_found_them(text: str, lang: str) -> None:
    connectors = cues(lang).connectors
    word = rf"[{_UPPER}](?:[\w'’]|[-.](?=[^\W\d_]))*"
    joints = "|".join(re.escape(c) for c in sorted(connectors, key=len, reverse=True))
    plain = re.compile(rf"(?<![\w'’-]){word}(?:(?: (?:{joints}) | ){word})*")
    expected = [m.span() for m in plain.finditer(text)]
    assert [m.span() for m in _run_pattern(connectors).finditer(text)] == expected


def _every_span(run: list[Token]) -> list[tuple[slice, str]]:
    """place_spans without the bound: every span of up to five words looked up."""
    found, index, places = [], 0, place_names()
    while index < len(run):
        for size in range(min(5, len(run) - index), 0, -1):
            place = places.get(fold(_words(run[index : index + size])))
            if place:
                found.append((slice(index, index + size), place))
                index += size
                break
        else:
            index += 1
    return found


PLACE_WORDS = ["Coreia", "do", "Norte", "Rio", "de", "Janeiro", "Nova", "Iorque", "Xi", "ﷺ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PLACE_WORDS), max_size=8))
@example(["Xi", "Rio", "de", "Janeiro"])
@example(["Coreia", "do", "Norte", "Nova", "Iorque"])
def test_place_spans_bounded_by_opening_words_find_what_every_span_finds(
    words: list[str],
) -> None:
    run = [Token(word, 0, 0) for word in words]
    assert list(place_spans(run)) == _every_span(run)


def test_the_longest_place_a_word_opens_bounds_the_spans_tried() -> None:
    assert place_words_from("Rio") >= 3  # "Rio de Janeiro"
    assert place_words_from("Coreia") >= 3  # "Coreia do Norte"
    assert place_words_from("Jinping") == 0
    assert place_words_from("ﷺ") == sys.maxsize  # folds into several words: no bound


def test_copyright_lines_name_their_outlet_in_any_case() -> None:
    for line in ("© 2020 Guardian News & Media", "COPYRIGHT 2020 GUARDIAN NEWS & MEDIA"):
        found = copyright_outlet(line)
        assert found is not None and "Guardian" in found.name, line
    assert copyright_outlet("Guardian News & Media") is None
    assert split_blocks("©") == [Block(0, "©", 1, 1)]


WORLD = ["Pequim é a capital", "the Prime Minister said", "Der Bundestag hat", "Москва",
         "北京市", "している", "です。", "القاهرة", "Ελλάδα", "ÇA VA", "naïve café", "\u0301",
         "\ud800", "🙂", " ", "\n", "1999", "l'été", "ß", "İstanbul"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(WORLD), max_size=30).map("".join), st.text(max_size=80)))
@example("")
@example("a")
@example("東京で会議があります。")  # two kana: six bytes, the model's longest n-grams
def test_language_scores_the_ngrams_py3langid_walks_to(text: str) -> None:
    model = _model()
    data = unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")
    rows = [int(r) for r in model.rows]
    walked = visit_counts(model.moves, rows, model.output, data) or {}
    features, counts = ngram_counts(data)
    assert list(zip(features.tolist(), counts.tolist(), strict=True)) == list(walked.items())
    assert language_of(text) == py3langid.classify(text)[0]


def test_the_language_models_deepest_state_is_the_window_walked() -> None:
    """Breadth first from the start state: the level of the last new states is the length of
    the longest n-gram, which the window of `ngram_counts` must cover."""
    model = _model()
    seen = np.zeros(model.rows.size, dtype=bool)
    seen[0] = True
    frontier, depth = np.array([0]), 0
    while frontier.size:
        reached = np.unique(model.moves[(model.rows[frontier][:, None] + np.arange(256)).ravel()])
        frontier = reached[~seen[reached]]
        seen[frontier] = True
        depth += 1 if frontier.size else 0
    assert seen.all() and depth == NGRAM_BYTES


def test_language_of_every_corpus_page_is_py3langids() -> None:
    pages = sorted(CORPUS.glob("*/*[0-9].txt"))
    if not pages:
        pytest.fail(f"the corpus is missing: expected pages under {CORPUS}")
    samples = [language_sample([b.text for b in split_blocks(p.read_text("utf-8"))]) for p in pages]
    differ = [
        p.name
        for p, s in zip(pages, samples, strict=True)
        if language_of(s) != py3langid.classify(s)[0]
    ]
    assert len(pages) > 500 and not differ
