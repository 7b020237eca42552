"""The theme's Jinja2 environment reads a view's keys as stock Jinja2 does."""

from __future__ import annotations

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.render.environment import DEFAULT_THEME, make_env

_NAMES = st.sampled_from(["title", "items", "keys", "get", "url", "__class__", "missing", "pop"])
_VIEWS = st.dictionaries(_NAMES, st.integers(0, 9) | st.text(max_size=3), max_size=4)


def _outcome(env: jinja2.Environment, source: str, view: object) -> str:
    try:
        return env.from_string(source).render(view=view)
    except jinja2.UndefinedError as exc:
        return f"undefined: {exc}"


@settings(max_examples=200, deadline=None)
@given(_VIEWS, _NAMES, st.sampled_from(["{{ view.%s }}", "{{ view.%s is defined }}"]))
def test_attribute_reads_match_stock_jinja(view: dict[str, object], name: str, form: str) -> None:
    ours = make_env([DEFAULT_THEME])
    stock = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    source = form % name
    assert _outcome(ours, source, view) == _outcome(stock, source, view)


def test_a_missing_key_is_an_error_naming_it() -> None:
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'author'"):
        make_env([DEFAULT_THEME]).from_string("{{ view.author }}").render(view={"title": "x"})


def test_a_dict_method_wins_over_a_key_of_its_name() -> None:
    source = "{{ view.items()|list|length }}|{{ view['items'] }}"
    rendered = make_env([DEFAULT_THEME]).from_string(source).render(view={"items": [1], "a": 2})
    assert rendered == "2|[1]"
