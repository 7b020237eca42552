"""Train the headline model and write it, as data, to sitegen/data/headline_model.json.

Every trafilatura-eval page whose meta file labels its title goes through the ingest steps
before metadata (split, the shipped cleaner, the lead); each line in reach above the lead
(`sitegen.ingest.headline.candidates`) is a row, labelled 1 when it is the title by the
metadata benchmark's own test (`metadata_quality.title_correct`). Boosted trees learn the
rows; a page's headline is its best-scored candidate. Cross-validation holds out whole
hosts (5 folds) and reports the share of labelled pages whose headline is right, next to
the hand-weighted score this model replaced, on the same folds' pages. scikit-learn is
used here only: the shipped model is plain JSON that numpy evaluates.

    python benchmarks/train_headline.py [--corpus DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the machine is shared: one core for training

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

REPO = Path(__file__).resolve().parents[1]
for entry in (REPO, REPO / "benchmarks"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

import metadata_quality as bench  # noqa: E402  (the labelled pages and the title test)
from train_cleaner import export_trees  # noqa: E402

from sitegen.ingest.blocks import split_blocks  # noqa: E402
from sitegen.ingest.headline import FEATURES, candidate_rows  # noqa: E402
from sitegen.ingest.layout import find_lead, is_paragraph  # noqa: E402
from sitegen.ingest.metadata import meta_line_test  # noqa: E402
from sitegen.ingest.model import TreeEnsemble  # noqa: E402

MODEL_PATH = REPO / "sitegen" / "data" / "headline_model.json"
TREE_PARAMS: dict[str, Any] = {
    "max_iter": 120,
    "learning_rate": 0.08,
    "max_leaf_nodes": 8,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
    "early_stopping": False,
    "random_state": 0,
}
"""Small trees: about 400 pages and 8,000 candidate lines to learn from."""


@dataclass(frozen=True, slots=True)
class TitlePage:
    """One labelled page: its candidate lines, their rows and labels, its CV group."""

    name: str
    group: str
    texts: tuple[str, ...]
    rows: np.ndarray
    labels: np.ndarray


def prepare(corpus: Path) -> list[TitlePage]:
    """Candidates and labels of every page with a title label (pages without a lead or a
    candidate are kept: they count as misses)."""
    classify = bench.classifier(True)
    out = []
    for page in bench.load_pages(corpus):
        truth = page.labels.get("title")
        if not isinstance(truth, str) or not truth.strip():
            continue
        blocks = split_blocks(page.text)
        verdicts = classify(blocks, page.language)
        lead = find_lead(blocks, verdicts)
        found: list[int] = []
        rows = np.zeros((0, len(FEATURES)))
        if lead is not None:
            is_meta = meta_line_test(blocks, page.language)
            found, rows = candidate_rows(blocks, verdicts, lead, is_meta, is_paragraph)
        texts = tuple(blocks[i].text for i in found)
        labels = np.asarray([bench.title_correct(t, truth) for t in texts], dtype=np.float64)
        host = str(page.labels.get("host") or "") or page.name
        out.append(TitlePage(page.name, host, texts, rows, labels))
    return out


def fit(pages: Sequence[TitlePage]) -> Any:
    """Boosted trees on the candidates of `pages`."""
    x = np.vstack([p.rows for p in pages if len(p.texts)])
    y = np.concatenate([p.labels for p in pages if len(p.texts)])
    return HistGradientBoostingClassifier(**TREE_PARAMS).fit(x, y)


def accuracy(pages: Sequence[TitlePage], pick: Callable[[TitlePage], int | None]) -> float:
    """Share of pages whose picked candidate is the title."""
    hits = 0
    for page in pages:
        chosen = pick(page)
        hits += chosen is not None and bool(page.labels[chosen])
    return hits / len(pages)


def cross_validated(pages: Sequence[TitlePage], folds: int) -> float:
    """Accuracy of models that never saw the page's host."""
    groups = [p.group for p in pages]
    hits = 0
    for train, test in GroupKFold(n_splits=folds).split(pages, groups=groups):
        model = fit([pages[i] for i in train])
        held = [pages[i] for i in test]
        hits += round(accuracy(held, lambda p, m=model: _best(m, p)) * len(held))
    return hits / len(pages)


def _best(model: Any, page: TitlePage) -> int | None:
    if not len(page.texts):
        return None
    return int(np.argmax(model.predict_proba(page.rows)[:, 1]))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: cross-validate, train on every page and write the model."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=bench.DEFAULT_CORPUS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    pages = prepare(args.corpus)
    reachable = sum(bool(p.labels.sum()) for p in pages) / len(pages)
    print(f"{len(pages)} labelled pages, {sum(len(p.texts) for p in pages)} candidate lines;")
    print(f"  the title is among the candidates on {reachable:.3f} of the pages")
    held_out = cross_validated(pages, args.folds)
    print(f"  cross-validated by host ({args.folds} folds): headline right on {held_out:.3f}")
    model = fit(pages)
    data = {
        "about": "Headline model of sitegen; written by benchmarks/train_headline.py.",
        "features": list(FEATURES),
        "trees": export_trees(model),
        "cross_validated": round(held_out, 4),
    }
    shipped = TreeEnsemble.from_json(data["trees"])
    for page in pages:  # the exported trees must score as scikit-learn does
        if len(page.texts):
            gap = np.abs(shipped.probabilities(page.rows) - model.predict_proba(page.rows)[:, 1])
            if float(gap.max()) > 1e-6:
                raise SystemExit(f"exported model disagrees with scikit-learn by {gap.max()}")
    in_sample = accuracy(pages, lambda p: _best(model, p))
    print(f"  in sample: headline right on {in_sample:.3f}")
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
