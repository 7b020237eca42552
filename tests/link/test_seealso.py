"""See-also links: the q-gram filter finds exactly what scoring every title would."""

from __future__ import annotations

import random

from rapidfuzz import fuzz, process, utils

from sitegen.link.seealso import MIN_SIMILARITY, TitleIndex, headlines, match_see_also
from sitegen.models import ArticleMeta, SourceArticle

WORDS = (
    *("Putin", "Xi", "Beijing", "China", "Russia", "energy", "prices", "rise", "Lisboa"),
    *("debate", "a", "rede", "hospitalar", "com", "custos", "subir", "São", "Paulo"),
    *("inflação", "negociações", "comerciais", "ação", "café", "naïve", "Ürümqi"),
    *("talks", "resume", "in", "Kyiv", "2024", "G7", "U.S.", "e-mail"),
)


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 9)))


def _near(rng: random.Random, title: str) -> str:
    """A headline a few edits, a word swap or some punctuation away from `title`."""
    chars = list(title)
    for _ in range(rng.randint(0, 6)):
        spot = rng.randint(0, len(chars))
        edit = rng.choice(("drop", "insert", "swap-words", "punctuate", "case"))
        if edit == "drop" and chars:
            del chars[min(spot, len(chars) - 1)]
        elif edit == "insert":
            chars.insert(spot, rng.choice("aeiouçã -"))
        elif edit == "swap-words":
            words = "".join(chars).split(" ")
            rng.shuffle(words)
            chars = list(" ".join(words))
        elif edit == "punctuate":
            chars.insert(spot, rng.choice(",.:!?'\"«»—"))
        else:
            chars = list("".join(chars).upper())
    return "".join(chars)


def _full_scan(titles: list[str], headline: str) -> int | None:
    """The brute-force answer: every title scored."""
    match = process.extractOne(
        headline,
        titles,
        scorer=fuzz.token_sort_ratio,
        processor=None,
        score_cutoff=MIN_SIMILARITY,
    )
    return match[2] if match else None


def test_the_filtered_match_equals_a_full_scan_on_near_duplicates() -> None:
    rng = random.Random(7)
    raw = [_title(rng) for _ in range(600)]
    raw += [_near(rng, t) for t in rng.sample(raw, 200)]  # near-duplicate titles compete
    titles = [utils.default_process(t) for t in raw]
    headlines = [utils.default_process(_near(rng, rng.choice(raw))) for _ in range(1500)]
    headlines += [utils.default_process(_title(rng)) for _ in range(300)]
    index = TitleIndex(titles)
    found = [index.best_match(h) for h in headlines]
    assert found == [_full_scan(titles, h) for h in headlines]
    scores = [
        fuzz.token_sort_ratio(h, titles[i])
        for h, i in zip(headlines, found, strict=True)
        if i is not None
    ]
    assert sum(MIN_SIMILARITY <= s < 92 for s in scores) > 50  # the threshold's edge is tested
    assert sum(s == 100 for s in scores) > 100
    assert found.count(None) > 100


def test_the_filter_scores_only_a_few_titles() -> None:
    rng = random.Random(8)
    titles = [utils.default_process(_title(rng)) for _ in range(2000)]
    index = TitleIndex(titles)
    headline = titles[0] + " x"
    assert 0 in index.candidates(headline)
    assert len(index.candidates(headline)) < len(titles) // 10


def test_a_headline_links_the_article_whose_title_it_names() -> None:
    def article(slug: str, title: str, see_also: tuple[str, ...] = ()) -> SourceArticle:
        return SourceArticle(
            f"{slug}.md", slug, ArticleMeta(title=title, see_also=see_also), "", None
        )

    articles = {
        "a": article("a", "Putin in Beijing to avoid disruptions"),
        "b": article("b", "Lisbon weather", ("Putin in Beijing, to avoid disruption",)),
        "c": article("c", "Kyiv talks", ("Nothing like any title here",)),
    }
    links = match_see_also(headlines(articles))
    assert links["b"][0].slug == "a"
    assert links["c"][0].slug is None
    assert links["a"] == ()
