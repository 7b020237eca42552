"""Measure the text cleaner on shared/corpus, next to keep-everything, jusText and trafilatura.

The metrics are the ones /work/shared/corpus/README.md defines, so figures compare across
tools: word-level P/R/F1 per page averaged over `aeb` pages, and snippet P/R/F1 over all
`trafilatura-eval` snippets. Run `python benchmarks/cleaner_quality.py --limit 40` while
iterating; `--json` prints the figures for the test gate.
"""

from __future__ import annotations

import argparse
import gzip
import html
import importlib.util
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import justext
import trafilatura

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# The checkout's own package, imported after the path set-up above.
from sitegen.config import load_config  # noqa: E402
from sitegen.ingest.batch import make_context  # noqa: E402
from sitegen.ingest.blocks import split_blocks  # noqa: E402
from sitegen.ingest.classify import classify  # noqa: E402
from sitegen.ingest.dates import parse_date  # noqa: E402
from sitegen.ingest.decode import read_seed  # noqa: E402
from sitegen.ingest.features import block_profile  # noqa: E402
from sitegen.ingest.markdown import plain_paragraphs  # noqa: E402
from sitegen.ingest.pipeline import IngestContext, ingest_seed  # noqa: E402
from sitegen.ingest.reference import fold  # noqa: E402
from sitegen.ingest.rules import RuleSet, forget_matches, load_rules  # noqa: E402
from sitegen.runtime import tune_gc  # noqa: E402

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus page: its scraped text and the truth it is scored against."""

    dataset: str
    name: str
    text: str
    html_path: Path
    text_path: Path
    language: str
    host: str
    body: str = ""
    """`aeb`: the true article body."""
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()


System = Callable[[Page], str]


def tokens(text: str) -> list[str]:
    """Case-folded word tokens; each Chinese or Japanese character is one token."""
    return _TOKEN.findall(text.casefold())


def collapse(text: str) -> str:
    """Fold every run of whitespace to one space, as the snippet metric does."""
    return _WS.sub(" ", text).strip()


def load_pages(corpus: Path, dataset: str, limit: int | None = None) -> list[Page]:
    """Read one dataset folder of the corpus, in page order."""
    folder = corpus / dataset
    names = sorted(p.name[:-4] for p in folder.glob("[0-9][0-9][0-9].txt"))
    return [_load_page(folder, dataset, name) for name in names[:limit]]


def _load_page(folder: Path, dataset: str, name: str) -> Page:
    meta = json.loads((folder / f"{name}.meta.json").read_text(encoding="utf-8"))
    common = {
        "dataset": dataset,
        "name": name,
        "text": (folder / f"{name}.txt").read_text(encoding="utf-8"),
        "html_path": folder / f"{name}.html.gz",
        "text_path": folder / f"{name}.txt",
        "language": meta.get("language_declared", "") or "",
        "host": meta.get("host", "") or "",
    }
    if dataset == "aeb":
        body = (folder / f"{name}.expected.txt").read_text(encoding="utf-8")
        return Page(**common, body=body)
    truth = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    return Page(
        **common,
        with_snippets=tuple(truth.get("with", [])),
        without_snippets=tuple(truth.get("without", [])),
    )


def word_prf(output: str, truth: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 of one page's output against its true body."""
    out, ref = Counter(tokens(output)), Counter(tokens(truth))
    common = sum((out & ref).values())
    precision = common / sum(out.values()) if out else 0.0
    recall = common / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_aeb(pages: Sequence[Page], outputs: Sequence[str]) -> dict[str, float]:
    """Per-page word P/R/F1 averaged over pages, plus weak and empty page counts."""
    scores = [word_prf(out, page.body) for page, out in zip(pages, outputs, strict=True)]
    n = max(len(scores), 1)
    return {
        "precision": sum(s[0] for s in scores) / n,
        "recall": sum(s[1] for s in scores) / n,
        "f1": sum(s[2] for s in scores) / n,
        "pages_f1_below_0_5": float(sum(1 for s in scores if s[2] < 0.5)),
        "empty": float(sum(1 for out in outputs if not out.strip())),
    }


def snippet_counts(page: Page, output: str) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) of one page's `with` / `without` snippets against its output."""
    flat = collapse(output)
    found_with = [collapse(s) in flat for s in page.with_snippets]
    found_without = [collapse(s) in flat for s in page.without_snippets]
    tp = sum(found_with)
    fp = sum(found_without)
    return tp, len(found_with) - tp, fp, len(found_without) - fp


def score_snippets(pages: Sequence[Page], outputs: Sequence[str]) -> dict[str, float]:
    """Snippet P/R/F1 over all snippets of all pages, plus the empty output count."""
    tp = fn = fp = tn = 0
    for page, out in zip(pages, outputs, strict=True):
        a, b, c, d = snippet_counts(page, out)
        tp, fn, fp, tn = tp + a, fn + b, fp + c, tn + d
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    empty = sum(1 for out in outputs if not out.strip())
    return {"precision": precision, "recall": recall, "f1": f1, "empty": float(empty)}


# -- systems -------------------------------------------------------------------------------

_JUSTEXT_LANGUAGES = {
    "en": "English", "de": "German", "es": "Spanish", "fr": "French", "pt": "Portuguese",
    "pl": "Polish", "it": "Italian", "ru": "Russian", "fi": "Finnish", "nl": "Dutch",
}  # fmt: skip


def keep_everything(page: Page) -> str:
    """The floor: the scraped text unchanged."""
    return page.text


def justext_lines(page: Page) -> str:
    """jusText on the same text, fed one line per paragraph as `<p>` elements."""
    name = _JUSTEXT_LANGUAGES.get(page.language[:2], "English")
    lines = [line for line in page.text.splitlines() if line.strip()]
    doc = "<html><body>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines) + "</body></html>"
    paragraphs = justext.justext(doc.encode("utf-8"), justext.get_stoplist(name))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _html(page: Page) -> str:
    return gzip.decompress(page.html_path.read_bytes()).decode("utf-8", errors="replace")


def trafilatura_html(page: Page) -> str:
    """trafilatura on the saved page: the structure-aware reference."""
    return trafilatura.extract(_html(page)) or ""


def ours_text(page: Page) -> str:
    """Our pipeline on the scraped text: the body `sitegen clean FILE --format text` prints."""
    return _pipeline_body(page.text_path)


def ours_html(page: Page) -> str:
    """Our pipeline on the saved HTML page."""
    return _pipeline_body(page.html_path)


def cleaner_only(page: Page) -> str:
    """The cleaner alone (split + classify, language guessed), without metadata moves."""
    return "\n".join(clean_paragraphs(page.text))


def forget_repeated_lines() -> None:
    """Empty the pipeline's memos of repeated strings (rule matches, block features, parsed
    dates and folded names), so the quality pass run before does not pre-parse the timed
    one. Patterns compiled once per language stay: an ingest compiles them once too."""
    forget_matches()
    block_profile.cache_clear()
    parse_date.cache_clear()
    fold.cache_clear()


def clean_paragraphs(text: str, language: str | None = None) -> list[str]:
    """Split and classify `text` with the shipped rule packs; return the kept blocks."""
    blocks = split_blocks(text)
    verdicts = classify(blocks, language, _rules())
    return [b.text for b, v in zip(blocks, verdicts, strict=True) if v.keep]


_RULES: list[RuleSet] = []
_CONTEXT: list[IngestContext] = []


def _rules() -> RuleSet:
    """The shipped rule set, loaded once per process."""
    if not _RULES:
        _RULES.append(load_rules())
    return _RULES[0]


def _pipeline_body(path: Path) -> str:
    """What `clean --format text` prints for `path`: the article body, one paragraph a line.

    Runs the same stages as `sitegen.ingest.preview.clean_file` with one context for all
    pages; entity resolution, which does not touch the body, is left out.
    """
    if not _CONTEXT:
        _CONTEXT.append(make_context(load_config(REPO)))
    result = ingest_seed(read_seed(path, path.parent), _CONTEXT[0])
    return "\n".join(plain_paragraphs(result.article.body))


SYSTEMS: dict[str, System] = {
    "keep-everything": keep_everything,
    "justext-text": justext_lines,
    "cleaner-only": cleaner_only,
    "ours-text": ours_text,
    "trafilatura-html": trafilatura_html,
    "ours-html": ours_html,
}


# -- running -------------------------------------------------------------------------------


def evaluate(
    corpus: Path, systems: Sequence[str], limit: int | None = None
) -> dict[str, dict[str, dict[str, float]]]:
    """Figures per system and dataset: {"ours-text": {"aeb": {...}, "trafilatura-eval": {...}}}."""
    datasets = {name: load_pages(corpus, name, limit) for name in ("aeb", "trafilatura-eval")}
    results: dict[str, dict[str, dict[str, float]]] = {}
    for system in systems:
        run = SYSTEMS[system]
        aeb = datasets["aeb"]
        tev = datasets["trafilatura-eval"]
        results[system] = {
            "aeb": score_aeb(aeb, [run(p) for p in aeb]),
            "trafilatura-eval": score_snippets(tev, [run(p) for p in tev]),
        }
    return results


def throughput(corpus: Path, system: System, limit: int | None = None) -> float:
    """Articles per second of `system` on text input: CPU time of this one process.

    The memos of repeated lines are emptied first, so the pass starts cold; repeats across
    the corpus's pages then help as they would across an archive's captures.
    """
    pages = load_pages(corpus, "aeb", limit) + load_pages(corpus, "trafilatura-eval", limit)
    system(pages[0])
    forget_repeated_lines()
    start = time.process_time()
    for page in pages:
        system(page)
    return len(pages) / (time.process_time() - start)


def metadata_figures(corpus: Path) -> dict[str, float] | None:
    """Title/date/source accuracy from benchmarks/metadata_quality.py, where it exists."""
    path = REPO / "benchmarks" / "metadata_quality.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("metadata_quality", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses in the module look themselves up here
    spec.loader.exec_module(module)
    figures: dict[str, float] = module.evaluate(corpus)
    return figures


def print_table(results: dict[str, dict[str, dict[str, float]]]) -> None:
    """Print one line per system: aeb P/R/F1, weak and empty pages, snippet P/R/F1."""
    print(f"{'system':18} {'aeb P':>6} {'R':>6} {'F1':>6} {'<0.5':>5} {'empty':>5}"
          f"   {'tev P':>6} {'R':>6} {'F1':>6} {'empty':>5}")  # fmt: skip
    for system, figures in results.items():
        a, t = figures["aeb"], figures["trafilatura-eval"]
        print(
            f"{system:18} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f}"
            f" {int(a['pages_f1_below_0_5']):5d} {int(a['empty']):5d}"
            f"   {t['precision']:6.3f} {t['recall']:6.3f} {t['f1']:6.3f} {int(t['empty']):5d}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: figures as a table, or as JSON for the test gate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    args = parser.parse_args(argv)
    tune_gc()  # as `sitegen` commands and their worker processes run
    systems = [s for s in args.systems.split(",") if s]
    unknown = sorted(set(systems) - set(SYSTEMS))
    if unknown:
        parser.error(f"unknown systems {', '.join(unknown)} (known: {', '.join(SYSTEMS)})")
    results = evaluate(args.corpus, systems, args.limit)
    speed = None
    if not args.no_speed:
        speed = {
            "ours-text": throughput(args.corpus, ours_text, args.limit),
            "cleaner-only": throughput(args.corpus, cleaner_only, args.limit),
        }
    metadata = metadata_figures(args.corpus)
    if args.json:
        print(json.dumps({"systems": results, "articles_per_second": speed,
                          "metadata": metadata}, indent=1))  # fmt: skip
        return 0
    print_table(results)
    if speed is not None:
        for name, rate in speed.items():
            print(f"{name} throughput: {rate:.0f} articles/s (text input, one core)")
    if metadata is not None:
        print("\nmetadata: " + ", ".join(f"{k} {v:.3f}" for k, v in metadata.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
