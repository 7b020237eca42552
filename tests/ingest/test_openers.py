"""Rule openings: narrowing rules by a block's first characters never drops one that matches."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sitegen.ingest.openers import may_open, may_start
from sitegen.ingest.rules import Rule, load_rules

ANCHORED = tuple(r for r in load_rules().rules if r.mode != "search")


def test_two_characters_narrow_an_alternation_of_phrases() -> None:
    share = re.compile(r"(?:share|compartilhar)(?: this)?", re.IGNORECASE)
    assert may_open(share, "Sh") and may_open(share, "cO")
    assert not may_open(share, "sa") and not may_open(share, "xh")
    comments = re.compile(r"\d+ comments?")
    assert may_open(comments, "12") and may_open(comments, "1 ")
    assert not may_open(comments, "c1")


def test_what_the_analysis_cannot_follow_admits_everything() -> None:
    backreference = re.compile(r"(a)\1")
    assert may_open(backreference, "zz")
    optional = re.compile(r"(?:mehr )?lesen")
    assert may_open(optional, "me") and may_open(optional, "le")
    assert not may_open(optional, "ml")
    short = re.compile(r"x|yes")  # a match may end after one character: "x" opens "xa"
    assert may_open(short, "xa") and may_open(short, "ye") and not may_open(short, "ya")
    accented = re.compile(r"(?:lo )?más leídas", re.IGNORECASE)  # "m" then a non-ASCII letter
    assert may_start(accented, "m") and may_start(accented, "l")
    assert not may_open(accented, "ma") and not may_start(accented, "x")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data(), rule=st.sampled_from(ANCHORED))
def test_every_shipped_rule_can_open_as_its_matches_do(data: st.DataObject, rule: Rule) -> None:
    text = data.draw(st.from_regex(rule.pattern, fullmatch=True))
    assume(text[:1].isascii() and text)
    assert may_start(rule.pattern, text[0].lower()), (rule.name, text)
    if text[1:2].isascii() and len(text) >= 2:
        assert may_open(rule.pattern, text[:2]), (rule.name, text)
