"""Block features: each small function says what it claims on real-looking lines."""

from __future__ import annotations

import numpy as np
import pytest

from sitegen.ingest import features as f
from sitegen.ingest import page_features as pf


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said so.", True),
        ("Was it?", True),
        ('She called it "a disaster."', True),
        ("“As relações resistiram”, disse Xi.", True),
        ("Outros tópicos de interesse", False),
        ("Read more:", False),
    ],
)
def test_ends_sentence(text: str, expected: bool) -> None:
    assert f.ends_sentence(text) is expected


def test_stopword_density_separates_prose_from_menus() -> None:
    stops = f.stopwords_for("en")
    prose = f.words("The minister said that the talks would continue in the spring.")
    menu = f.words("Politics Business Technology Science Sports")
    assert f.stopword_density(prose, stops) > 0.3
    assert f.stopword_density(menu, stops) == 0.0


def test_unknown_language_falls_back_to_all_stopwords() -> None:
    assert f.stopwords_for("xx") == f.all_stopwords()
    assert f.stopwords_for(None) == f.all_stopwords()
    assert f.stopwords_for("pt-BR") == f.stopword_lists()["pt"]


@pytest.mark.parametrize(
    ("lines", "language"),
    [
        (["O presidente disse que os laços entre os dois países estão fortes."], "pt"),
        (["Die Regierung hat am Dienstag mitgeteilt, dass die Gespräche weitergehen."], "de"),
        (["The president said that the ties between the two countries are strong."], "en"),
        (["Le président a déclaré que les liens entre les deux pays sont solides."], "fr"),
    ],
)
def test_guess_language_from_stopwords(lines: list[str], language: str) -> None:
    assert f.guess_language(lines) == language


def test_character_ratios() -> None:
    assert f.digit_ratio("MIN 13º MÁX 18º") > 0.2
    assert f.digit_ratio("no digits here") == 0.0
    assert f.symbol_ratio("| • | • |") > 0.5
    assert f.upper_ratio("SKIP TO CONTENT") == 1.0
    assert f.title_case_ratio("Home News World Sports") == 1.0
    assert f.longest_title_run("Read the Times Opinion Section Now please") == 4


def test_separators_dates_urls_and_glued_titles() -> None:
    assert f.separator_count("Home | News | World") == 2
    assert f.separator_count("A plain sentence.") == 0
    assert f.has_date("15:48 - 14/05/24 por Lusa")
    assert not f.has_date("No date in this line.")
    assert f.has_urlish("Visit www.example.com today")
    assert f.has_urlish("Siga @Kyivpost_official")
    assert f.glued_words("Customers Leave Without Paying At SteakhouseA party of six left.") == 1
    assert f.glued_words("A normal sentence with Names In It.") == 0


def test_page_features_repetition_position_and_distance() -> None:
    texts = ["Home", "Body one.", "Home", "Body two."]
    assert pf.repetition_counts(texts) == [2, 1, 2, 1]
    assert pf.earlier_duplicate(texts) == [False, False, True, False]
    assert pf.relative_positions(3).tolist() == [0.0, 0.5, 1.0]
    assert pf.relative_positions(1).tolist() == [0.5]
    assert pf.distance_to_flagged([False, True, False, False]) == [1, 0, 1, 2]
    assert pf.window_means(np.array([0.0, 1.0, 0.0]), 1).tolist() == [0.5, 1 / 3, 0.5]
    assert pf.shares_before(np.array([1.0, 1.0, 2.0])).tolist() == [0.0, 0.25, 0.5]


def test_feature_matrix_has_one_row_per_block_and_named_columns() -> None:
    texts = ["Home", "The minister said the talks would go on for a while yet.", "Share"]
    matrix = pf.feature_matrix(texts, "en", [0, 0, 1])
    assert matrix.shape == (3, len(pf.feature_names()))
    assert np.isfinite(matrix).all()
    col = pf.feature_names().index("ends_sentence")
    assert list(matrix[:, col]) == [0.0, 1.0, 0.0]
    hit = pf.feature_names().index("rule_hit@+1")
    assert matrix[1, hit] == 1.0
    assert pf.feature_matrix([], "en", []).shape == (0, len(pf.feature_names()))


def test_probability_columns_describe_the_neighbourhood() -> None:
    probs = [0.1, 0.9, 0.2, 0.9, 0.1]
    cols = pf.probability_columns(probs, [3, 40, 5, 40, 3])
    assert cols.shape == (5, len(pf.PROBABILITY_FEATURES))
    inside = pf.PROBABILITY_FEATURES.index("inside_likely_span")
    assert list(cols[:, inside]) == [0.0, 1.0, 1.0, 1.0, 0.0]


@pytest.mark.parametrize(
    "text",
    [
        "Fed cuts rates_again by 0.25 pt",
        "STRASSE Straße",
        "日本語 text ok",
        "Ölpreis: 3 % höher",
        "",
    ],
)
def test_words_ascii_shortcut_finds_what_the_general_pattern_does(text: str) -> None:
    """`words` reads folded ASCII text with `\\w+`; the words must be the same."""
    folded = text.casefold()
    assert f.words(text) == f._WORD.findall(folded)
    assert f._title_stats(text) == f._title_stats(text + "\u00a0")  # non-ASCII path alike
