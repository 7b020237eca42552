"""See-also links: the q-gram filter finds exactly what scoring every title of the time window
would, and a headline names only an article published in the year before its capture."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from rapidfuzz import fuzz, process, utils

from sitegen.link.seealso import (
    MIN_SIMILARITY,
    SLACK_DAYS,
    WINDOW_DAYS,
    TitleIndex,
    headlines,
    match_see_also,
)
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


def _window_scan(
    titles: list[str], days: list[int | None], headline: str, shown: int, window: int
) -> int | None:
    """The brute-force answer within the window: every title published from `window` days
    before the day shown to SLACK_DAYS after it (any day for 0), or undated, scored; ties
    to the nearest in time (undated last), then the first."""

    def fits(day: int | None) -> bool:
        return day is None or window == 0 or shown - window <= day <= shown + SLACK_DAYS

    scored = [
        (fuzz.token_sort_ratio(headline, title), position)
        for position, (title, day) in enumerate(zip(titles, days, strict=True))
        if fits(day)
    ]
    good = [(score, p) for score, p in scored if score >= MIN_SIMILARITY]
    if not good:
        return None

    def distance(p: int) -> tuple[bool, int]:
        day = days[p]
        return day is None, 0 if day is None else abs(day - shown)

    return min(good, key=lambda sp: (-sp[0], distance(sp[1]), sp[1]))[1]


@pytest.mark.parametrize("window", [WINDOW_DAYS, 30, 0])
def test_the_windowed_match_equals_a_full_scan_of_the_window(window: int) -> None:
    rng = random.Random(9)
    raw = [_title(rng) for _ in range(500)]
    raw += [_near(rng, t) for t in rng.sample(raw, 150)]
    raw += rng.sample(raw, 100)  # the same title published again, years apart or not
    titles = [utils.default_process(t) for t in raw]
    span = 3 * WINDOW_DAYS
    days = [None if i % 40 == 0 else rng.randrange(span) for i in range(len(titles))]
    queries = [
        (utils.default_process(_near(rng, rng.choice(raw))), rng.randrange(span))
        for _ in range(1200)
    ]
    index = TitleIndex(titles, days, window)
    found = [index.best_match(h, shown) for h, shown in queries]
    assert found == [_window_scan(titles, days, h, shown, window) for h, shown in queries]
    whole = [_full_scan(titles, h) for h, _ in queries]
    lost = sum(f is None and w is not None for f, w in zip(found, whole, strict=True))
    moved = sum(f is not None and f != w for f, w in zip(found, whole, strict=True))
    if window:  # the window loses matches and moves others to nearer titles
        assert lost > 100 and moved > 20
    else:  # no window: every match is kept, the nearest in time of equal scores
        assert lost == 0 and moved > 20


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


def test_a_headline_names_the_nearest_article_of_the_year_before_the_capture() -> None:
    def article(
        slug: str, title: str, day: str, see_also: str = "", captured: str = ""
    ) -> SourceArticle:
        meta = ArticleMeta(title=title, captured=captured, see_also=(see_also,) * bool(see_also))
        when = datetime.fromisoformat(day).replace(tzinfo=UTC)
        return SourceArticle(f"{slug}.md", slug, meta, "", when)

    title = "Putin meets Xi in Beijing"
    articles = {
        "met-2019": article("met-2019", title, "2019-05-01"),
        "met-2024": article("met-2024", title, "2024-05-20"),
        "met-2024-again": article("met-2024-again", title, "2024-02-01"),
        # published in 2021, captured (with its teaser box) in June 2024
        "page": article("page", "Lisbon weather", "2021-01-01", title, "2024-06-01"),
        "heat": article("heat", "Lisbon heat wave", "2023-05-01"),
        "rain": article("rain", "Lisbon rain", "2024-06-01", "Lisbon heat wave"),
        "talks": article("talks", "Kyiv talks resume", "2024-06-03"),
        "porto": article("porto", "Porto weather", "2024-06-01", "Kyiv talks resume"),
    }
    links = match_see_also(headlines(articles))
    assert links["page"][0].slug == "met-2024"  # the nearest of the three to the capture
    assert links["rain"][0].slug is None  # 13 months before: another story
    assert links["porto"][0].slug is None  # published after the capture and the slack
    del articles["met-2024"], articles["met-2024-again"]
    assert match_see_also(headlines(articles))["page"][0].slug is None  # 2019 is too old
