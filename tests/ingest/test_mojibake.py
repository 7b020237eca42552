"""The mojibake gate: skipping ftfy must never change what ftfy would have produced."""

from __future__ import annotations

import importlib

import ftfy
import pytest
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.ingest.mojibake import (
    BADNESS_REACH,
    _badness_marks,
    fix_mojibake,
    may_hold_mojibake,
    may_look_bad,
)

WORDS = ["coração", "Ucrânia", "Москва", "Ελλάδα", "Zürich", "łódź", "naïve", "“quoted”",
         "—", "–", "’s", "€5", "½", "ß", "Ǆ", "中国", "ok", " ", "\u00a0", "?"]  # fmt: skip


def _garbled(words: list[str], encoding: str) -> str:
    """The words as UTF-8 read back through a single-byte encoding (where it can)."""
    text = " ".join(words)
    return text.encode("utf-8").decode(encoding, errors="ignore")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12),
       st.sampled_from(["cp1252", "latin-1", "cp1251", "cp1250", "mac_roman", "cp437", "utf-8"]),
       st.text(max_size=20))  # fmt: skip
def test_the_gate_only_skips_text_ftfy_leaves_alone(
    words: list[str], encoding: str, noise: str
) -> None:
    text = _garbled(words, encoding) + noise
    assert fix_mojibake(text) == ftfy.fix_encoding(text)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "cp1251", "mac_roman"])
def test_utf8_read_as_a_single_byte_encoding_is_repaired(encoding: str) -> None:
    original = "A Ucrânia e a Rússia: negociações — “sem limites”, Москва"
    garbled = original.encode("utf-8").decode(encoding, errors="replace")
    assert may_hold_mojibake(garbled)
    assert fix_mojibake(garbled) == ftfy.fix_encoding(garbled)


def test_clean_text_in_many_scripts_skips_ftfy() -> None:
    clean = ("Notícias: a Rússia — “sem limites”.", "Сегодня в Москве тепло.", "Ελλάδα", "中国")
    for text in clean:
        assert not may_hold_mojibake(text), text


def test_ftfys_badness_pattern_is_as_local_as_the_gate_assumes() -> None:
    """Each of the pattern's matches spans at most BADNESS_REACH characters and holds one
    of the marks read from it: a new ftfy breaking either would make the gate skip
    repairs, or search whole pages again."""
    parsed = importlib.import_module("re._parser").parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= BADNESS_REACH
    marks = _badness_marks()
    assert marks.pattern != r"[^\x00-\x7f]+"  # read from the pattern, not the fallback
    for found in ("€", "Â", "“", "Ђ"):
        assert marks.search(found), found
    for innocent in ("é", "ł", "ó", "д", "ß"):
        assert not marks.search(innocent), innocent


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "Ã³", "Â ", "Ã\xa0", "â€™", "Ð¼", "vous Ã ", "a"]),
                max_size=30),
       st.sampled_from(["cp1252", "latin-1", "cp1251", "cp1250", "mac_roman", "utf-8"]),
       st.integers(0, 40))  # fmt: skip
def test_the_windowed_badness_test_finds_whatever_ftfy_finds(
    words: list[str], encoding: str, pad: int
) -> None:
    text = (_garbled(words, encoding) + " plain text" * pad).strip()
    if is_bad(text):
        assert may_look_bad(text)


def test_an_innocent_trace_on_a_long_page_leaves_it_as_it_is() -> None:
    page = "Ela disse “não”? O ’é de Łódź. " + "Plain English prose follows here. " * 400
    assert may_hold_mojibake(page) and not may_look_bad(page)
    assert fix_mojibake(page) == ftfy.fix_encoding(page) == page
