"""Scoring only the blocks rules left open gives those blocks the probabilities a full pass
gives them, and the verdicts of a page do not change."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.classify import analyse, decide, scored_rows
from sitegen.ingest.model import NEUTRAL, shipped_model
from sitegen.ingest.rules import RuleSet, load_rules

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules()


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_scored_rows_match_a_full_pass_and_verdicts_stay(rules: RuleSet, seed: str) -> None:
    blocks = split_blocks((SEEDS / seed).read_text(encoding="utf-8"))
    page = analyse(blocks, None, rules)
    model = shipped_model()
    n_words = [s.n_words for s in page.stats]
    full = model.probabilities(page.matrix, n_words)
    rows = list(scored_rows(page.hits, page.claimed, page.duplicates))
    some = model.probabilities(page.matrix, n_words, rows)
    assert np.array_equal(some[rows], full[rows])
    others = [i for i in range(len(blocks)) if i not in set(rows)]
    assert others, "the seed should have blocks rules decide"
    assert all(some[i] == NEUTRAL for i in others)
    cost = model.switch_cost
    scored = analyse(blocks, None, rules, scored_only=True)
    assert scored.rows == tuple(rows)
    assert np.array_equal(scored.matrix[rows], page.matrix[rows])
    assert decide(page, some.tolist(), cost) == decide(page, full.tolist(), cost)
