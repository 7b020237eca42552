"""The plain data types the stages pass on survive the build cache (pickle) unchanged."""

from __future__ import annotations

import pickle
from dataclasses import fields, replace
from datetime import UTC, datetime

import pytest

from sitegen.link.anchoring import Anchor
from sitegen.link.models import Relation, SeeAlso, Term
from sitegen.models import Annotation, ArticleMeta, SourceArticle


def test_cached_articles_come_back_equal_with_their_body_hash_and_keys() -> None:
    meta = ArticleMeta(title="T", people=("Xi Jinping",), tags=("china",))
    article = SourceArticle("a.md", "a", meta, "Body *text*.\n", datetime(2024, 5, 14, tzinfo=UTC))
    again = pickle.loads(pickle.dumps(article))
    assert again == article and again.meta.people == ("Xi Jinping",)
    assert again.body_sha == article.body_sha != ""
    assert (again.key, again.shown_key) == (article.key, article.shown_key)
    assert "Body" not in repr(article) and article.key in repr(article)


def test_an_articles_keys_follow_its_body_and_what_other_pages_show_of_it() -> None:
    """The key changes with any compared field; the shown key only with the slug, front
    matter and date (a body edit must not change the pages that list the article)."""
    when = datetime(2024, 5, 14, tzinfo=UTC)
    article = SourceArticle("a.md", "a", ArticleMeta(title="T"), "Body.\n", when)
    edited = replace(article, held_body="Body, edited.\n")
    retitled = replace(article, meta=ArticleMeta(title="Another"))
    redated = replace(article, date=datetime(2024, 5, 15, tzinfo=UTC))
    moved = replace(article, source="b.md")
    assert edited.shown_key == article.shown_key and edited.key != article.key
    assert moved.shown_key == article.shown_key and moved.key != article.key
    for changed in (retitled, redated):
        assert changed.shown_key != article.shown_key and changed.key != article.key
    assert repr(edited) != repr(article) and repr(replace(article)) == repr(article)


def test_a_notes_key_follows_every_field_and_stands_for_it_in_cache_keys() -> None:
    """Cache keys hash reprs, so a note's repr (its key) must change with any field."""
    note = Annotation("n1", "n1.md", "a", "quoted", "context", "ed", "2024-05-14", "Body.\n")
    values = {f.name: getattr(note, f.name) for f in fields(note) if f.init}
    for name, value in values.items():
        other = "other" if isinstance(value, str) else (("other",) if value == () else 2)
        changed = replace(note, **{name: other})
        assert changed.key != note.key, name
        assert repr(changed) != repr(note), name
    assert repr(replace(note)) == repr(note) and "Body" not in repr(note)
    again = pickle.loads(pickle.dumps(note))
    assert again.key == note.key and repr(again) == repr(note)


@pytest.mark.parametrize("cls", [Anchor, Term, Relation, SeeAlso, ArticleMeta, Annotation])
def test_every_tuple_pickled_type_round_trips(cls: type) -> None:
    """Each field gets its own value, so fields restored in the wrong order would show."""
    made = cls(**{f.name: f"value {i}" for i, f in enumerate(fields(cls)) if f.init})
    again = pickle.loads(pickle.dumps(made))
    assert again == made
    assert [getattr(again, f.name) for f in fields(cls)] == [
        getattr(made, f.name) for f in fields(cls)
    ]
