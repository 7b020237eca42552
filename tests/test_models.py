"""The plain data types the stages pass on survive the build cache (pickle) unchanged."""

from __future__ import annotations

import pickle
from dataclasses import fields
from datetime import UTC, datetime

import pytest

from sitegen.link.anchoring import Anchor
from sitegen.link.models import Relation, SeeAlso, Term
from sitegen.models import Annotation, ArticleMeta, SourceArticle


def test_cached_articles_come_back_equal_with_their_body_hash() -> None:
    meta = ArticleMeta(title="T", people=("Xi Jinping",), tags=("china",))
    article = SourceArticle("a.md", "a", meta, "Body *text*.\n", datetime(2024, 5, 14, tzinfo=UTC))
    again = pickle.loads(pickle.dumps(article))
    assert again == article and again.meta.people == ("Xi Jinping",)
    assert again.body_sha == article.body_sha != ""
    assert "Body" not in repr(article) and article.body_sha in repr(article)


@pytest.mark.parametrize("cls", [Anchor, Term, Relation, SeeAlso, ArticleMeta, Annotation])
def test_every_tuple_pickled_type_round_trips(cls: type) -> None:
    """Each field gets its own value, so fields restored in the wrong order would show."""
    made = cls(**{f.name: f"value {i}" for i, f in enumerate(fields(cls)) if f.init})
    again = pickle.loads(pickle.dumps(made))
    assert again == made
    assert [getattr(again, f.name) for f in fields(cls)] == [
        getattr(made, f.name) for f in fields(cls)
    ]
