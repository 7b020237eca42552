"""The cleaner's learned block model: boosted trees shipped as data, and Viterbi smoothing.

The trees are trained by `benchmarks/train_cleaner.py` and shipped as JSON
(`sitegen/data/cleaner_model.json`), so the package needs no machine-learning library:
numpy evaluates every tree for every block of a page at once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from sitegen.ingest.page_features import feature_names, probability_columns

NEUTRAL = 0.5
"""What the Viterbi pass sees for a block whose fate a rule has already decided."""
PROB_FLOOR = 0.02
"""Emission floor for the Viterbi pass: no single block is ever certain."""


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """Boosted decision trees as flat arrays, evaluated with numpy for all blocks at once."""

    baseline: float
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    """Index of the left child; a leaf is its own child."""
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int
    _steps: tuple[np.ndarray, np.ndarray, np.ndarray] = field(init=False, repr=False, compare=False)
    """Feature, threshold and children indexed by a node's odd key `2k + 1`; the children
    entry at `2k + 1 - go_left` is the key of the child a row goes to (see `probabilities`)."""

    def __post_init__(self) -> None:
        keys = np.stack([self.left, self.right], axis=1).ravel() * 2 + 1
        feature = np.repeat(self.feature, 2)
        threshold = np.repeat(self.threshold, 2)
        object.__setattr__(self, "_steps", (feature, threshold, keys))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreeEnsemble:
        """Build from one stage of the model file; leaves become their own children.

        With leaves pointing to themselves every row can take `depth` steps without
        checking whether it has arrived, which keeps evaluation to a few numpy calls.
        """
        left = np.asarray(data["left"], dtype=np.intp)
        right = np.asarray(data["right"], dtype=np.intp)
        own = np.arange(left.size, dtype=np.intp)
        return cls(
            baseline=float(data["baseline"]),
            feature=np.asarray(data["feature"], dtype=np.intp),
            threshold=np.asarray(data["threshold"], dtype=np.float64),
            left=np.where(left < 0, own, left),
            right=np.where(right < 0, own, right),
            value=np.asarray(data["value"], dtype=np.float64),
            roots=np.asarray(data["roots"], dtype=np.intp),
            depth=int(data["depth"]),
        )

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """Probability of the positive class per row of `matrix`."""
        if matrix.shape[0] == 0:
            return np.zeros(0)
        feature, threshold, children = self._steps
        base = (np.arange(matrix.shape[0]) * matrix.shape[1])[:, None]
        flat = matrix.ravel()
        key = np.broadcast_to(self.roots * 2 + 1, (matrix.shape[0], self.roots.size))
        for _ in range(self.depth):  # a node's key 2k + 1 saves an index sum a step
            go_left = flat.take(base + feature.take(key)) <= threshold.take(key)
            key = children.take(key - go_left)
        node = key >> 1
        raw = self.baseline + self.value.take(node).sum(axis=1)
        result: np.ndarray = 1.0 / (1.0 + np.exp(-raw))
        return result


@dataclass(frozen=True, slots=True)
class BlockModel:
    """Two stacked tree ensembles: block features, then those plus the first's neighbours."""

    first: TreeEnsemble
    second: TreeEnsemble | None
    switch_cost: float
    """Viterbi cost (in nats) of switching between article and boilerplate."""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BlockModel:
        """Build from the dict `benchmarks/train_cleaner.py` writes."""
        if tuple(data["features"]) != tuple(feature_names()):
            raise ValueError("cleaner model was trained on other features; retrain it")
        stages = [TreeEnsemble.from_json(stage) for stage in data["stages"]]
        second = stages[1] if len(stages) > 1 else None
        return cls(stages[0], second, float(data["switch_cost"]))

    def probabilities(
        self, matrix: np.ndarray, n_words: Sequence[int], rows: Sequence[int] | None = None
    ) -> np.ndarray:
        """Content probability per block (rows of `matrix`; `n_words` per block).

        With `rows`, a one-stage model scores only those blocks (each row is scored on its
        own) and the others read NEUTRAL: the caller's rules have decided them already.
        """
        if rows is not None and self.second is None and len(rows) < matrix.shape[0]:
            probs = np.full(matrix.shape[0], NEUTRAL)
            probs[list(rows)] = self.first.probabilities(matrix[list(rows)])
            return probs
        first = self.first.probabilities(matrix)
        if self.second is None or matrix.shape[0] == 0:
            return first
        context = probability_columns(first.tolist(), n_words)
        return self.second.probabilities(np.hstack([matrix, context]))


@cache
def shipped_model() -> BlockModel:
    """The model shipped in `sitegen/data/cleaner_model.json`, read once per process."""
    raw = resources.files("sitegen").joinpath("data", "cleaner_model.json").read_text("utf-8")
    return BlockModel.from_json(json.loads(raw))


def load_model(path: Path) -> BlockModel:
    """A model from another file (training and experiments)."""
    return BlockModel.from_json(json.loads(path.read_text(encoding="utf-8")))


# -- sequence smoothing --------------------------------------------------------------------


def viterbi(probs: Sequence[float], switch_cost: float) -> list[bool]:
    """Most likely article/boilerplate labelling given per-block probabilities.

    Each switch between states costs `switch_cost` nats, so isolated short blocks follow
    their neighbours unless the model is confident about them.
    """
    if not probs:
        return []
    if switch_cost <= 0:
        return [p > NEUTRAL for p in probs]
    logs = [(math.log(max(1 - p, PROB_FLOOR)), math.log(max(p, PROB_FLOOR))) for p in probs]
    score = [logs[0][0], logs[0][1]]
    back: list[tuple[int, int]] = []
    for off, on in logs[1:]:
        from_off = (score[0], score[1] - switch_cost)
        from_on = (score[0] - switch_cost, score[1])
        b0 = 0 if from_off[0] >= from_off[1] else 1
        b1 = 0 if from_on[0] >= from_on[1] else 1
        score = [from_off[b0] + off, from_on[b1] + on]
        back.append((b0, b1))
    state = 0 if score[0] >= score[1] else 1
    path = [state]
    for b in reversed(back):
        state = b[state]
        path.append(state)
    return [s == 1 for s in reversed(path)]
