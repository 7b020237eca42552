"""Anchoring against edited text: every scenario ends exact, fuzzy or orphan as expected,
and no note ever lands on a passage other than the one it was written for."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from sitegen.link.anchoring import _PLAIN, QUOTE_MIN, Selector, anchor, normalise, unique_context

ORIGINAL = [
    "Moscou e Pequim declararam uma “parceria sem limites” pouco antes de Putin ordenar a "
    "ofensiva da Ucrânia da Rússia em fevereiro de 2022.",
    "Os laços militares e comerciais expandidos desde então incomodaram o Ocidente.",
    "Em maio, Xi visitou Moscou para as celebrações da Rússia em 9 de maio.",
]
NOTE = Selector(
    quote="uma “parceria sem limites” pouco antes de Putin ordenar a ofensiva",
    prefix="Moscou e Pequim declararam ",
    suffix=" da Ucrânia da Rússia em",
)
QUOTE = NOTE.quote


def passage(paragraphs: list[str], found: object) -> str:
    assert hasattr(found, "paragraph")
    return paragraphs[found.paragraph][found.start : found.end]  # type: ignore[attr-defined]


# (edited paragraphs, expected status, expected passage or None)
SCENARIOS = {
    "unchanged": (ORIGINAL, "exact", QUOTE),
    "text moved": ([ORIGINAL[2], ORIGINAL[1], ORIGINAL[0]], "exact", QUOTE),
    "typography changed": (
        [ORIGINAL[0].replace("“", '"').replace("”", '"'), *ORIGINAL[1:]],
        "exact",
        QUOTE.replace("“", '"').replace("”", '"'),
    ),
    "typo fixed in the quote": (
        [ORIGINAL[0].replace("parceria", "parcería"), *ORIGINAL[1:]],
        "fuzzy",
        QUOTE.replace("parceria", "parcería"),
    ),
    "a word changed": (
        [ORIGINAL[0].replace("ordenar", "lançar"), *ORIGINAL[1:]],
        "fuzzy",
        QUOTE.replace("ordenar", "lançar"),
    ),
    "the passage rewritten": (
        [
            "Moscou e Pequim declararam uma aliança estratégica ampla, semanas antes da "
            "guerra na Ucrânia, em fevereiro de 2022.",
            *ORIGINAL[1:],
        ],
        "orphan",
        None,
    ),
    "sentence deleted": (ORIGINAL[1:], "orphan", None),
    "look-alike passage elsewhere, original deleted": (
        [
            ORIGINAL[1],
            "Analistas dizem que uma “parceria sem limites” pouco antes de Putin ordenar a "
            "ofensiva seria impensável.",
        ],
        "orphan",
        None,
    ),
    "look-alike passage elsewhere, original kept": (
        [
            *ORIGINAL,
            "Analistas dizem que uma “parceria sem limites” pouco antes de Putin ordenar a "
            "ofensiva seria impensável.",
        ],
        "exact",
        QUOTE,
    ),
    "whitespace and line breaks changed": (
        [ORIGINAL[0].replace(" sem ", "\n  sem "), *ORIGINAL[1:]],
        "exact",
        QUOTE.replace(" sem ", "\n  sem "),
    ),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_edit_scenarios(name: str) -> None:
    paragraphs, status, expected = SCENARIOS[name]
    found = anchor(NOTE, paragraphs)
    assert found.status == status, (name, found)
    if expected is None:
        assert found.paragraph == -1
    else:
        assert passage(paragraphs, found) == expected
        assert found.paragraph == next(i for i, p in enumerate(paragraphs) if expected in p)


def test_a_repeated_quote_without_context_is_ambiguous_and_lists_every_match() -> None:
    paragraphs = ["A Rússia disse não.", "Depois, a Rússia disse sim."]
    found = anchor(Selector("a rússia disse"), [p.lower() for p in paragraphs])
    assert found.status == "ambiguous"
    assert [m[0] for m in found.matches] == [0, 1]
    assert anchor(Selector("a Rússia disse", occurrence=2), paragraphs).paragraph == 1
    assert anchor(Selector("Rússia disse", suffix=" sim."), paragraphs).paragraph == 1


def test_unique_context_makes_the_selector_find_only_that_passage() -> None:
    paragraphs = ["O Kremlin disse que sim.", "Mais tarde, o Kremlin disse que não."]
    start = paragraphs[1].index("Kremlin disse")
    prefix, suffix = unique_context(paragraphs, 1, start, start + len("Kremlin disse"))
    found = anchor(Selector("Kremlin disse", prefix, suffix), paragraphs)
    assert (found.status, found.paragraph, found.start) == ("exact", 1, start)


def test_offsets_point_into_the_original_text() -> None:
    text = "Ele disse: «isto\u00a0é — claramente — um teste» e saiu."
    found = anchor(Selector('"isto é - claramente - um teste"'), [text])
    assert found.status == "exact"
    assert text[found.start : found.end] == "«isto\u00a0é — claramente — um teste»"
    assert len(normalise(text).origin) == len(normalise(text).text)


words = st.lists(
    st.sampled_from(
        ["a", "o", "paz", "guerra", "China", "Rússia", "acordo", "sem", "limites", "disse"]
    ),
    min_size=3,
    max_size=30,
)


@given(words, st.integers(0, 100), st.integers(1, 6))
def test_anchoring_never_lands_on_a_passage_unlike_the_quote(
    text: list[str], at: int, size: int
) -> None:
    paragraph = " ".join(text)
    tokens = paragraph.split()
    begin = at % len(tokens)
    quote = " ".join(tokens[begin : begin + size])
    found = anchor(Selector(quote), [paragraph])
    if found.status in ("exact", "fuzzy"):
        landed = paragraph[found.start : found.end]
        assert fuzz.ratio(landed, quote) >= QUOTE_MIN


def _normalise_by_character(text: str) -> tuple[str, tuple[int, ...]]:
    """The definition normalise() must keep: every character on its own."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFC", _PLAIN.get(char, char)):
            space = piece.isspace()
            if space and chars and chars[-1] == " ":
                continue
            chars.append(" " if space else piece)
            origin.append(index)
    return "".join(chars), tuple(origin)


_PIECES = ["a", "b.", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", "\u00ad", "\u2026"]
_PIECES += ["\u201c", "\u2014", "e\u0301", "\u212b", "\u00e9", "'", "-", "\u4e2d"]
_TEXTS = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=30).map("".join)


@settings(max_examples=400)
@given(_TEXTS)
def test_normalise_copies_plain_runs_exactly_as_character_by_character(text: str) -> None:
    found = normalise(text)
    assert (found.text, found.origin) == _normalise_by_character(text)
