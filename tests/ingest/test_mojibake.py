"""The mojibake gate: skipping ftfy must never change what ftfy would have produced."""

from __future__ import annotations

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.ingest.mojibake import fix_mojibake, may_hold_mojibake

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
