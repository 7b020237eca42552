"""Measure metadata extraction on the labelled `trafilatura-eval` pages (text input).

Each page's scraped text (`NNN.txt`) goes through ingest as `sitegen clean` runs it
(decoding, language detection, the cleaner, `extract_metadata`, with the project's
settings), so the figures are what a user gets; the pages' declared languages are not
used (some are wrong: an English page declared French, a German one declared English).
With `--all-body` (or when the cleaner is not importable) every block is kept as body
and the metadata is extracted in the detected language. The result is compared with the
labels of `NNN.meta.json`, on the pages that carry each label:

- title: correct when the normalised strings are equal (case-folded, accents and
  punctuation dropped, whitespace collapsed) or their token F1 is at least 0.9, which
  forgives a site suffix or a dropped quote mark but not a different line;
- date: correct when the extracted publication date falls on the labelled calendar day
  (the labels carry no time); an empty date counts as wrong;
- source: correct when the normalised outlet name equals the labelled site name, a
  leading "the" ignored ("the Guardian" and "The Guardian" are one outlet);
- author: correct when one extracted author's normalised name equals the label or is
  contained in it (labels often list several authors or add a role); many labels are
  site handles that no byline in the text shows ("Krimiblogger", "r23"), so this
  figure mostly measures how often a byline is found at all.

Run `python benchmarks/metadata_quality.py [--corpus DIR]`; `evaluate` returns the
figures for `benchmarks/cleaner_quality.py` to print. `main` also times
`extract_metadata` + `find_mentions` per article on all pages.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sitegen.config import load_config  # noqa: E402  (after the sys.path line above)
from sitegen.ingest.batch import make_context  # noqa: E402
from sitegen.ingest.blocks import split_blocks  # noqa: E402
from sitegen.ingest.decode import read_seed  # noqa: E402
from sitegen.ingest.entities import find_mentions  # noqa: E402
from sitegen.ingest.language import detect_language  # noqa: E402
from sitegen.ingest.metadata import MetaSettings, extract_metadata  # noqa: E402
from sitegen.ingest.pipeline import IngestContext, ingest_seed  # noqa: E402
from sitegen.models import ArticleMeta, Block, Verdict  # noqa: E402

TITLE_F1 = 0.9
"""Token F1 at which an extracted title counts as the labelled one."""
Classifier = Callable[[Sequence[Block], str], list[Verdict]]


@dataclass(frozen=True, slots=True)
class Page:
    """One labelled page: its scraped text and its labels."""

    name: str
    text: str
    language: str
    """The declared language (for training the headline model; not used to measure)."""
    labels: dict[str, object]
    path: Path


def normalise(text: str) -> str:
    """Case-folded, accent-free words separated by single spaces; invisible format
    characters (soft hyphens, zero-width spaces: Unicode's Cf) are dropped, not read as
    word breaks."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    return " ".join(re.findall(r"\w+", plain))


def token_f1(found: str, truth: str) -> float:
    """Bag-of-words F1 of two strings after `normalise`."""
    a, b = Counter(normalise(found).split()), Counter(normalise(truth).split())
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def title_correct(found: str, truth: str) -> bool:
    return normalise(found) == normalise(truth) or token_f1(found, truth) >= TITLE_F1


def date_correct(found: str, truth: str) -> bool:
    return bool(found) and found[:10] == truth[:10]


def author_correct(found: str, truth: str) -> bool:
    names = [normalise(name) for name in found.split("\n") if name.strip()]
    return any(name and name in normalise(truth) for name in names)


def source_correct(found: str, truth: str) -> bool:
    def key(name: str) -> str:
        return re.sub(r"^the ", "", normalise(name))

    return bool(found) and key(found) == key(truth)


def load_pages(corpus: Path) -> list[Page]:
    """Labelled pages of `trafilatura-eval` (given the corpus folder or that subfolder)."""
    folder = corpus / "trafilatura-eval" if (corpus / "trafilatura-eval").is_dir() else corpus
    pages = []
    for meta_path in sorted(folder.glob("*.meta.json")):
        labels = json.loads(meta_path.read_text(encoding="utf-8"))
        text_path = meta_path.with_name(meta_path.name.replace(".meta.json", ".txt"))
        if text_path.exists():
            language = str(labels.get("language_declared") or "")
            text = text_path.read_text(encoding="utf-8", errors="replace")
            declared = language.split("-", maxsplit=1)[0]
            pages.append(Page(meta_path.name[:3], text, declared, labels, text_path))
    return pages


def all_body(blocks: Sequence[Block], _language: str) -> list[Verdict]:
    """Every block kept as body: metadata extraction without the cleaner's help."""
    return [Verdict("body", "all-body", 1.0) for _ in blocks]


def classifier(use_cleaner: bool = True) -> Classifier:
    """The cleaner's `classify` when it is importable and works, else `all_body`."""
    if not use_cleaner:
        return all_body
    try:
        from sitegen.ingest.classify import classify  # noqa: PLC0415  (optional stage)
        from sitegen.ingest.rules import load_rules  # noqa: PLC0415

        rules = load_rules()
        classify(split_blocks("Probe."), "en", rules)
    except Exception as error:  # any cleaner failure: measure without it, and say so
        print(f"cleaner unavailable ({error}); measuring with all-body verdicts", file=sys.stderr)
        return all_body
    return lambda blocks, language: classify(blocks, language or None, rules)


def extract(page: Page, classify: Classifier) -> ArticleMeta:
    """Front-matter metadata of one page from `classify`'s verdicts, in the language
    ingest detects (for `--all-body`; `ingested` is what ingest itself writes)."""
    blocks = split_blocks(page.text)
    language = detect_language([b.text for b in blocks], "en")
    verdicts = classify(blocks, language)
    return extract_metadata(blocks, verdicts, language, MetaSettings()).meta


_CONTEXT: list[IngestContext] = []


def ingested(page: Page) -> ArticleMeta:
    """The front matter `sitegen clean` writes for the page's text file."""
    if not _CONTEXT:
        _CONTEXT.append(make_context(load_config(REPO)))
    return ingest_seed(read_seed(page.path, page.path.parent), _CONTEXT[0]).article.meta


CHECKS: dict[str, tuple[str, Callable[[str, str], bool], Callable[[ArticleMeta], str]]] = {
    "title": ("title", title_correct, lambda meta: meta.title),
    "date": ("date", date_correct, lambda meta: meta.date),
    "source": ("sitename", source_correct, lambda meta: meta.source),
    "author": ("author", author_correct, lambda meta: "\n".join(meta.authors)),
}
"""Field -> (label key, comparison, extracted value)."""


def evaluate(corpus_dir: Path, use_cleaner: bool = True) -> dict[str, float]:
    """Accuracy per field and the number of labelled pages it was measured on."""
    classify = classifier(use_cleaner)
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for page in load_pages(corpus_dir):
        meta = ingested(page) if classify is not all_body else extract(page, classify)
        for field, (label, correct, value) in CHECKS.items():
            truth = page.labels.get(label)
            if isinstance(truth, str) and truth.strip():
                totals[field] += 1
                hits[field] += correct(value(meta), truth)
    figures: dict[str, float] = {}
    for field in CHECKS:
        figures[f"{field}_accuracy"] = hits[field] / totals[field] if totals[field] else 0.0
        figures[f"{field}_pages"] = float(totals[field])
    return figures


def ms_per_article(corpus_dir: Path, use_cleaner: bool = True) -> float:
    """Milliseconds of `extract_metadata` + `find_mentions` per page (verdicts excluded)."""
    classify = classifier(use_cleaner)
    prepared = []
    for page in load_pages(corpus_dir):
        blocks = split_blocks(page.text)
        language = detect_language([b.text for b in blocks], "en")
        prepared.append((blocks, classify(blocks, language), language))
    extract_metadata(prepared[0][0], prepared[0][1], prepared[0][2], MetaSettings())
    start = time.perf_counter()
    for blocks, verdicts, language in prepared:
        extract_metadata(blocks, verdicts, language, MetaSettings())
        body = [b.text for b, v in zip(blocks, verdicts, strict=True) if v.keep]
        find_mentions(body, language)
    return 1000 * (time.perf_counter() - start) / max(1, len(prepared))


def main(argv: Sequence[str] | None = None) -> int:
    """Print accuracy per field, and the time per article."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-timing", action="store_true", help="skip the timing run")
    parser.add_argument("--all-body", action="store_true", help="measure without the cleaner")
    args = parser.parse_args(argv)
    figures = evaluate(args.corpus, not args.all_body)
    for field in CHECKS:
        accuracy, pages = figures[f"{field}_accuracy"], int(figures[f"{field}_pages"])
        print(f"{field:7} accuracy {accuracy:6.3f} on {pages} labelled pages")
    if not args.no_timing:
        ms = ms_per_article(args.corpus, not args.all_body)
        print(f"extract_metadata + find_mentions: {ms:.2f} ms/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
