"""Write a synthetic, deterministic sitegen archive of N articles for the scale benchmark.

    python benchmarks/generate.py N OUTDIR [--seed 1] [--form content|captures|both]

`content` writes what ingest would have produced (content/articles/*.md with front matter,
content/annotations/<slug>/<id>.md notes whose quotes are passages of their article,
content/entities.yml, content/editors.yml); `captures` writes the raw captures ingest reads
(seeds/<slug>.txt: the same article between weather widgets, cookie banners, "Read also"
teasers and promos). Each article draws from its own `random.Random(f"{seed}:{i}")`, so the
first 1,000 articles of a 10,000 archive are the 1,000 archive; tags, people, places and
organisations follow a Zipf law, dates spread over ten years, bodies are about 600 words.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sys
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_words as W  # a sibling data module, found through sys.path

from sitegen.urls import term_slug

FIRST_DAY = date(2015, 1, 1)
DAYS = 3652
WORDS = (560, 640)
NOTE_EVERY = 8
"""About one article in NOTE_EVERY carries notes."""
ZIPF_S = 1.1
EDITORS = "archive-desk:\n  name: Archive desk\n"


@dataclass(frozen=True, slots=True)
class Pool:
    """Names drawn with Zipf weights: the first is the most frequent."""

    names: tuple[str, ...]
    cum: tuple[float, ...] = field(init=False)

    def __post_init__(self) -> None:
        weights = (1 / (rank + 1) ** ZIPF_S for rank in range(len(self.names)))
        object.__setattr__(self, "cum", tuple(itertools.accumulate(weights)))

    def draw(self, rng: random.Random, count: int) -> list[str]:
        """`count` distinct names (fewer if the pool is smaller), most frequent first."""
        picked: set[int] = set()
        while len(picked) < min(count, len(self.names)):
            picked.add(bisect_left(self.cum, rng.random() * self.cum[-1]))
        return [self.names[i] for i in sorted(picked)]


@dataclass(frozen=True, slots=True)
class Pools:
    people: Pool
    authors: Pool
    places: Pool
    orgs: Pool
    tags: dict[str, Pool]
    local: dict[str, dict[str, str]]
    """Canonical (English) place and organisation name -> its name in each language."""


def make_pools(seed: int) -> Pools:
    """Every name any article can use, shuffled once per seed so ranks differ by seed."""
    rng = random.Random(f"{seed}:pools")
    people = [f"{g} {s}" for g in W.GIVEN for s in W.SURNAMES]
    rng.shuffle(people)
    orgs = [
        {lang: f"{W.ORG_HEADS[lang][h]} {field_[i]}" for i, lang in enumerate(("en", "pt"))}
        for h in range(len(W.ORG_HEADS["en"]))
        for field_ in W.ORG_FIELDS
    ]
    rng.shuffle(orgs)
    places = [{"en": en, "pt": pt} for en, pt in W.PLACES]
    rng.shuffle(places)
    tags = {
        lang: [f"{q} {w}".strip() for w in W.TAG_WORDS[lang] for q in W.TAG_QUALIFIERS[lang]]
        for lang in ("en", "pt")
    }
    for names in tags.values():
        rng.shuffle(names)
    return Pools(
        people=Pool(tuple(people[:1500])),
        authors=Pool(tuple(people[1500:1700])),
        places=Pool(tuple(p["en"] for p in places)),
        orgs=Pool(tuple(o["en"] for o in orgs)),
        tags={lang: Pool(tuple(names)) for lang, names in tags.items()},
        local={o["en"]: o for o in [*orgs, *places]},
    )


@dataclass(frozen=True, slots=True)
class Article:
    index: int
    slug: str
    lang: str
    title: str
    when: datetime
    source: str
    agency: str
    section: str
    authors: list[str]
    tags: list[str]
    people: list[str]
    places: list[str]
    orgs: list[str]
    paragraphs: list[str]
    teaser: str


def make_article(index: int, seed: int, pools: Pools) -> Article:
    """Article `index` of the archive for `seed`; independent of the archive's size."""
    rng = random.Random(f"{seed}:{index}")
    lang = "pt" if rng.random() < 0.45 else "en"
    people = pools.people.draw(rng, rng.randint(1, 4))
    places = pools.places.draw(rng, rng.randint(1, 3))
    orgs = pools.orgs.draw(rng, rng.randint(1, 3))
    fill = _filler(rng, lang, pools, (people, places, orgs))
    title = fill(rng.choice(W.TITLES[lang]))
    title = title[0].upper() + title[1:]
    minute = rng.randrange(DAYS * 24 * 60)
    offset = rng.choice(("+00:00", "+01:00", "-03:00") if lang == "pt" else ("+00:00", "+01:00"))
    when = datetime.fromisoformat(f"{FIRST_DAY.isoformat()}T00:00:00{offset}")
    return Article(
        index=index,
        slug=f"{term_slug(title)[:60].rstrip('-')}-{index}",
        lang=lang,
        title=title,
        when=when + timedelta(minutes=minute),
        source=rng.choice(W.SOURCES[lang]),
        agency=rng.choice(W.AGENCIES),
        section=rng.choice(W.SECTIONS[lang]),
        authors=pools.authors.draw(rng, rng.randint(0, 2)),
        tags=pools.tags[lang].draw(rng, rng.randint(1, 4)),
        people=people,
        places=places,
        orgs=orgs,
        paragraphs=_paragraphs(rng, lang, fill),
        teaser=fill(rng.choice(W.TITLES[lang])),
    )


def _filler(
    rng: random.Random, lang: str, pools: Pools, names: tuple[list[str], list[str], list[str]]
) -> Callable[[str], str]:
    """A function that fills one template with this article's names and random details."""
    people, places, orgs = names
    topics = rng.sample(W.TOPICS[lang], 2)

    def fill(template: str) -> str:
        return template.format(
            person=rng.choice(people),
            place=pools.local[rng.choice(places)][lang],
            org=pools.local[rng.choice(orgs)][lang],
            topic=rng.choice(topics),
            num=rng.randint(2, 950),
            month=rng.choice(W.MONTHS[lang]),
            role=rng.choice(W.ROLES[lang]),
            verb=rng.choice(W.VERBS[lang]),
            adj=rng.choice(W.ADJECTIVES[lang]),
        )

    return fill


def _paragraphs(rng: random.Random, lang: str, fill: Callable[[str], str]) -> list[str]:
    """Paragraphs of two to four sentences until the body reaches its word target."""
    target, words, paragraphs = rng.randint(*WORDS), 0, []
    templates: list[str] = []
    while words < target:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if not templates:
                templates = rng.sample(W.SENTENCES[lang], len(W.SENTENCES[lang]))
            sentence = fill(templates.pop())
            sentences.append(sentence[0].upper() + sentence[1:])
        paragraph = " ".join(sentences)
        words += paragraph.count(" ") + 1
        paragraphs.append(paragraph)
    return paragraphs


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _yaml_list(key: str, items: list[str]) -> str:
    return f"{key}: []\n" if not items else f"{key}:\n" + "".join(f"- {_q(i)}\n" for i in items)


def capture_lines(article: Article) -> list[tuple[str, str]]:
    """(line, rule) pairs of the raw capture; rule is "" for lines that belong to the body."""
    rng = random.Random(f"capture:{article.slug}")
    lang, temp = article.lang, rng.randint(8, 34)
    top = [line.format(temp=temp, low=temp - rng.randint(3, 9)) for line in W.BOILERPLATE_TOP[lang]]
    by = "por" if lang == "pt" else "by"
    dateline = f"{article.when:%H:%M - %d/%m/%y} {by} {article.agency or article.source}"
    bottom = [line.format(teaser=article.teaser) for line in W.BOILERPLATE_BOTTOM[lang]]
    lines = [(text, f"{lang}/boilerplate") for text in top]
    lines += [(article.title, "meta/title"), (article.source, "meta/source")]
    lines += [(dateline, "meta/dateline"), (article.section, "meta/section")]
    lines += [(paragraph, "") for paragraph in article.paragraphs]
    return lines + [(text, f"{lang}/boilerplate") for text in bottom]


def capture_text(article: Article) -> str:
    """The capture as a scraper saved it: one block per line, blank lines between."""
    return "\n\n".join(text for text, _ in capture_lines(article)) + "\n"


def article_markdown(article: Article, capture: bytes) -> str:
    """content/articles/<slug>.md in ingest's field order, as if ingest wrote it."""
    removed, line = [], 1
    for text, rule in capture_lines(article):
        if rule:
            removed.append(f"- text: {_q(text)}\n  lines: {line}\n  rule: {rule}\n")
        line += 2
    head = (
        f"---\ntitle: {_q(article.title)}\nslug: {article.slug}\n"
        f"summary: {_q(article.paragraphs[0].split('. ')[0].rstrip('.') + '.')}\n"
        f"date: '{article.when.isoformat()}'\n"
        f"captured: '{(article.when + timedelta(days=article.index % 4)).date().isoformat()}'\n"
        f"language: {article.lang}\nsource: {_q(article.source)}\nagency: {_q(article.agency)}\n"
        + _yaml_list("authors", article.authors)
        + f"section: {_q(article.section)}\n"
        + _yaml_list("tags", article.tags)
        + _yaml_list("people", article.people)
        + _yaml_list("places", article.places)
        + _yaml_list("organizations", article.orgs)
        + _yaml_list("see_also", [article.teaser])
        + f"origin:\n  path: seeds/{article.slug}.txt\n"
        f"  sha256: {_sha256(capture)}\n" + "removed:\n" + "".join(removed) + "review: []\n---\n\n"
    )
    return head + "\n\n".join(article.paragraphs) + "\n"


def notes(article: Article, seed: int, pools: Pools) -> list[tuple[str, str]]:
    """(id, file text) of the article's notes; each quote is a unique passage of its body."""
    rng = random.Random(f"{seed}:notes:{article.index}")
    if rng.randrange(NOTE_EVERY):
        return []
    found: dict[str, str] = {}
    free = list(range(len(article.paragraphs)))
    for _ in range(rng.randint(1, 3)):
        picked = _passage(rng, article.paragraphs, free)
        if picked is None:
            continue
        prefix, quote, suffix = picked
        note_id = term_slug(" ".join(quote.split()[:4]))[:60].strip("-") or "note"
        if note_id not in found:
            found[note_id] = _note_text(rng, article, pools, (prefix, quote, suffix))
    return sorted(found.items())


def _passage(
    rng: random.Random, paragraphs: list[str], free: list[int]
) -> tuple[str, str, str] | None:
    """A 4-9 word quote with up to five words of context either side, unique in the body.

    Each note takes a paragraph of its own (`free` loses it): a note page links to the
    other notes marked in its paragraph, and sitegen does not give those an anchor there.
    """
    body = "\n".join(paragraphs)
    for _ in range(5):
        if not free:
            return None
        chosen = rng.choice(free)
        words = paragraphs[chosen].split()
        length = rng.randint(4, 9)
        start = rng.randrange(max(1, len(words) - length))
        prefix = " ".join(words[max(0, start - 5) : start])
        quote = " ".join(words[start : start + length])
        suffix = " ".join(words[start + length : start + length + 5])
        if body.count(quote) == 1:
            free.remove(chosen)
            return prefix, quote, suffix
    return None


def _note_text(
    rng: random.Random, article: Article, pools: Pools, passage: tuple[str, str, str]
) -> str:
    prefix, quote, suffix = passage
    kind = rng.choice(("context", "context", "context", "fact-check", "correction"))
    extra = {
        "fact-check": f"claim: {_q(quote)}\nverdict: Confirmed by the public record.\n",
        "correction": "correct: The figure was revised in a later edition.\n",
    }.get(kind, "")
    noted = article.when.date() + timedelta(days=rng.randint(1, 400))
    body = rng.choice(W.NOTE_BODIES).format(org=article.orgs[0], place=article.places[0])
    return (
        f"---\narticle: {article.slug}\nquote: {_q(quote)}\nprefix: {_q(prefix)}\n"
        f"suffix: {_q(suffix)}\ntype: {kind}\n{extra}author: archive-desk\n"
        f"date: '{noted.isoformat()}'\n---\n\n{body}\n"
    )


def entities_yaml(pools: Pools) -> str:
    """content/entities.yml: every organisation with its Portuguese name as an alias."""
    lines = ["# Generated by benchmarks/generate.py.", "organizations:"]
    for name in sorted(pools.orgs.names):
        lines += [f"  {_q(name)}:", f"    aliases: [{_q(pools.local[name]['pt'])}]"]
    return "\n".join(lines) + "\n"


def write_archive(count: int, out: Path, seed: int, form: str) -> int:
    """Write the archive into `out`; returns the number of files written."""
    pools = make_pools(seed)
    content, seeds = form in ("content", "both"), form in ("captures", "both")
    ledger: dict[str, dict[str, str]] = {}
    if content:
        (out / "content/articles").mkdir(parents=True, exist_ok=True)
        (out / "content/entities.yml").write_text(entities_yaml(pools), encoding="utf-8")
        (out / "content/editors.yml").write_text(EDITORS, encoding="utf-8")
    if seeds:
        (out / "seeds").mkdir(parents=True, exist_ok=True)
    written = 2 if content else 0
    for index in range(count):
        article = make_article(index, seed, pools)
        capture = capture_text(article).encode("utf-8")
        if seeds:
            (out / "seeds" / f"{article.slug}.txt").write_bytes(capture)
            written += 1
        if content:
            written += _write_content(out / "content", article, capture, seed, pools)
        if content and seeds:
            ledger[article.slug] = {
                "origin": _sha256(capture),
                "written": _sha256(article_markdown(article, capture).encode("utf-8")),
            }
    if ledger:
        _write_ledger(out / "content/.ingested.json", ledger)
    return written


def _write_content(content: Path, article: Article, capture: bytes, seed: int, pools: Pools) -> int:
    """The article file and its notes; returns how many files."""
    text = article_markdown(article, capture)
    (content / "articles" / f"{article.slug}.md").write_text(text, encoding="utf-8")
    written = 1
    for note_id, note in notes(article, seed, pools):
        folder = content / "annotations" / article.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{note_id}.md").write_text(note, encoding="utf-8")
        written += 1
    return written


def _write_ledger(path: Path, entries: dict[str, dict[str, str]]) -> None:
    """With both forms, record every article as ingested from its capture (sitegen's ledger
    format), so `build` renders the archive instead of ingesting the captures a second time."""
    text = json.dumps(entries, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="archive folder to write (created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--form", choices=("content", "captures", "both"), default="both")
    args = parser.parse_args(argv)
    written = write_archive(args.count, args.out, args.seed, args.form)
    print(f"wrote {written} files for {args.count} articles into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
