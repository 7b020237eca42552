"""Time anchoring of editors' notes: 10,000 notes over 1,000 articles (issue 4).

The generator is seeded and deterministic: each article has ~12 paragraphs of ~60 words
drawn from a Zipf-like vocabulary; each note quotes 4-12 words of one paragraph, with its
prefix and suffix. A share of the articles is then edited so that notes end exact
(untouched or moved), fuzzy (one word changed in the quote) or orphan (sentence deleted).
Prints the median of the runs, the rate, and how the notes ended.

    python benchmarks/anchoring.py [--articles 1000] [--notes 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from dataclasses import replace

from rapidfuzz import fuzz

from sitegen.body import block_texts
from sitegen.link.notes import PlacedNote, place_notes
from sitegen.models import Annotation, ArticleMeta, SourceArticle

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "was",
    "by",
    "he",
    "it",
    "at",
    "from",
    "his",
    "an",
    "were",
    "are",
    "which",
    "this",
    "be",
    "or",
    "has",
    "had",
    "not",
    "but",
    "its",
    "after",
    "been",
    "also",
    "they",
    "their",
    "one",
    "two",
    "new",
    "first",
    "who",
    "have",
    "government",
    "minister",
    "president",
    "china",
    "russia",
    "talks",
    "said",
    "visit",
    "trade",
    "war",
    "summit",
    "beijing",
    "moscow",
    "partnership",
    "agreement",
    "economic",
    "military",
    "leaders",
    "statement",
    "border",
    "security",
    "energy",
    "sanctions",
    "ukraine",
    "west",
    "alliance",
    "cooperation",
    "relations",
    "policy",
    "official",
    "spokesman",
    "meeting",
]


WEIGHTS = [1 / (rank + 1) ** 0.8 for rank in range(len(WORDS))]
"""Zipf-like: common words much more frequent than rare ones, as in news text."""


def sentence(rng: random.Random, words: int) -> str:
    picks = rng.choices(WORDS, WEIGHTS, k=words)
    picks[0] = picks[0].capitalize()
    return " ".join(picks) + "."


def make_article(rng: random.Random, number: int) -> SourceArticle:
    paragraphs = [" ".join(sentence(rng, rng.randint(8, 20)) for _ in range(4)) for _ in range(12)]
    body = "\n\n".join(paragraphs) + "\n"
    slug = f"article-{number:05d}"
    return SourceArticle(f"{slug}.md", slug, ArticleMeta(title=slug), body, None)


def make_note(rng: random.Random, article: SourceArticle, number: int) -> Annotation:
    paragraphs = article.body_markdown.strip().split("\n\n")
    text = rng.choice(paragraphs)
    words = text.split(" ")
    start = rng.randrange(0, max(1, len(words) - 16))
    size = rng.randint(6, 16)
    return Annotation(
        id=f"note-{number}",
        source=f"annotations/{article.slug}/note-{number}.md",
        article=article.slug,
        quote=" ".join(words[start : start + size]),
        type="context",
        author="bench",
        date="2024-01-01",
        body_markdown="A note.\n",
        prefix=" ".join(words[max(0, start - 5) : start]) + " ",
        suffix=" " + " ".join(words[start + size : start + size + 5]),
    )


def edit(rng: random.Random, article: SourceArticle, notes: list[Annotation]) -> SourceArticle:
    """Change one noted quote by a word (fuzzy), delete another's sentence (orphan), move text."""
    body = article.body_markdown
    if len(notes) >= 2:
        first, second = notes[0].quote, notes[1].quote
        words = first.split(" ")
        middle = len(words) // 2
        words[middle] = rng.choice([w for w in WORDS if w != words[middle]])
        body = body.replace(first, " ".join(words), 1)
        body = body.replace(second, "", 1)
    paragraphs = body.strip().split("\n\n")
    rng.shuffle(paragraphs)
    return replace(article, held_body="\n\n".join(paragraphs) + "\n")


def corpus(
    articles: int, per_article: int, seed: int = 7
) -> tuple[dict[str, SourceArticle], list[Annotation]]:
    rng = random.Random(seed)
    made = {}
    notes: list[Annotation] = []
    for number in range(articles):
        article = make_article(rng, number)
        mine = [make_note(rng, article, number * per_article + i) for i in range(per_article)]
        if number % 4 == 0:
            article = edit(rng, article, mine)
        made[article.slug] = article
        notes += mine
    return made, notes


def wrong_passages(
    articles: dict[str, SourceArticle], placed: dict[str, tuple[PlacedNote, ...]]
) -> int:
    """Notes that landed in a paragraph other than the one holding their prefix and quote."""
    wrong = 0
    for slug, group in placed.items():
        texts = block_texts(articles[slug].body_markdown)
        for item in group:
            if item.anchor.paragraph < 0:
                continue
            context = item.note.prefix.strip().split(" ")[-3:]
            landed = texts[item.anchor.paragraph]
            if " ".join(context) not in landed and fuzz.partial_ratio(item.note.quote, landed) < 90:
                wrong += 1
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--notes", type=int, default=10, help="notes per article")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    articles, notes = corpus(args.articles, args.notes)
    times, placed = [], {}
    for _ in range(args.runs):
        started = time.perf_counter()
        texts = {slug: tuple(block_texts(a.body_markdown)) for slug, a in articles.items()}
        placed, _errors = place_notes(notes, articles, texts)
        times.append(time.perf_counter() - started)
    outcome = Counter(p.anchor.status for group in placed.values() for p in group)
    outcome["wrong passage"] = wrong_passages(articles, placed)
    median = statistics.median(times)
    print(f"anchoring {len(notes)} notes over {len(articles)} articles, {args.runs} runs")
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(f"median {median:.2f} s ({len(notes) / median:,.0f} notes/s); runs: {runs}")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcome.items())))


if __name__ == "__main__":
    main()
