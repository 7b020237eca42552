"""Related articles: rarer shared names count more, and the work per article is bounded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import sitegen.link.related as related_module
from sitegen.link.related import NEAREST, build_index, build_related
from sitegen.models import ArticleMeta, SourceArticle

START = datetime(2020, 1, 1, tzinfo=UTC)


def _article(i: int, people: tuple[str, ...], tags: tuple[str, ...] = ()) -> SourceArticle:
    slug = f"a{i:05d}"
    meta = ArticleMeta(title=slug, people=people, tags=tags)
    return SourceArticle(f"{slug}.md", slug, meta, "", START + timedelta(days=i))


def test_a_rare_shared_name_outranks_a_common_one() -> None:
    articles = [_article(i, ("Common Name",)) for i in range(40)]
    articles += [_article(40, ("Common Name", "Rare Name")), _article(41, ("Rare Name",))]
    related = build_related({a.slug: a for a in articles})
    first = related["a00040"][0]
    assert first.slug == "a00041"
    assert first.shared == ("Rare Name",)


def test_a_name_in_many_articles_relates_each_to_its_nearest_in_time() -> None:
    """Among equal scores the closest coverage wins, and past NEAREST sharers an article
    only meets those closest in time: the cost per article stays bounded however large the
    archive (it was quadratic)."""
    sharers = NEAREST + 200
    articles = [_article(i, ("Vladimir Putin",)) for i in range(sharers)]
    articles += [_article(sharers + i, (f"Someone {i}",)) for i in range(5 * sharers)]
    related = build_related({a.slug: a for a in articles})
    for i in (0, sharers // 2, sharers - 1):
        found = related[f"a{i:05d}"]
        assert len(found) == 5
        assert all(abs(int(r.slug[1:]) - i) <= 5 for r in found), (i, found)
        assert all(r.shared == ("Vladimir Putin",) for r in found)


def test_past_nearest_sharers_only_a_window_is_visited(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window itself: with scores tied and ranking by time turned off, every related
    article still lies within NEAREST of the article (all sharers were visited before)."""
    monkeypatch.setattr(related_module, "_apart", lambda a, b: 0.0)
    sharers = NEAREST + 200
    articles = [_article(i, ("Vladimir Putin",)) for i in range(sharers)]
    articles += [_article(sharers + i, (f"Someone {i}",)) for i in range(5 * sharers)]
    by_slug = {a.slug: a for a in articles}
    assert len(build_index(by_slug)[("people", "vladimir putin")]) == sharers
    last = build_related(by_slug)[f"a{sharers - 1:05d}"]
    assert all(sharers - 1 - int(r.slug[1:]) <= NEAREST for r in last), last
