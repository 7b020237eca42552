"""Rule priority: the combined, layered patterns pick the rule a plain scan in order picks."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.ingest.rules import (
    _MODES,
    _TIER,
    Rule,
    RuleSet,
    _priority,
    forget_matches,
    keyword_blocks,
    load_rules,
)

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
LANGUAGES = ("en", "pt", "de", "es", "fr", "pl", "it", "")
TEXTS = (
    "Advertisement",
    "Publicidade",
    "Anzeige",
    "Read more",
    "Leia mais",
    "Mehr zum Thema",
    "Home > News > World",
    ";",
    "Share this article",
    "Follow us on Twitter for more",
    "Sign up for our daily newsletter",
    "Tous droits réservés",
    "Alle Rechte vorbehalten.",
    "© 2024 The Daily Example. All rights reserved.",
    "Comments",
    "12 comments",
    "Related articles",
    "Publicidade " + "palavra " * 10,
    "The government said on Tuesday that the talks would continue next week.",
)


def _scan(rules: RuleSet, text: str, language: str, n_words: int) -> Rule | None:
    """The reference: per mode and tier, the first rule in priority order that matches;
    then the best of those, as `RuleSet._match` documents (keyword-gated rules left out)."""
    lang = language[:2]
    ordered = sorted((r for r in rules.rules if not r.needs), key=lambda r: _priority(r, lang))
    found = []
    for mode in _MODES:
        for long in (False, True):
            group = [r for r in ordered if r.mode == mode and (r.max_words > _TIER) == long]
            hit = next((r for r in group if r.matches(text, n_words)), None)
            if hit is not None:
                found.append(hit)
    return min(found, key=lambda r: _priority(r, lang)) if found else None


def _ungated(rules: RuleSet, text: str, language: str) -> Rule | None:
    """`rules._match` on rule sets without keyword-gated rules."""
    return rules._match(text, language, len(text.split()))


def _corpus_lines(limit: int) -> list[str]:
    if not CORPUS.is_dir():
        return []
    lines: list[str] = []
    for path in sorted(CORPUS.glob("*/[0-9][0-9][0-9].txt")):
        lines.extend(x.strip() for x in path.read_text(encoding="utf-8").splitlines()[:40])
        if len(lines) >= limit:
            break
    return [x for x in lines if x][:limit]


@pytest.fixture(scope="module")
def ungated() -> RuleSet:
    return RuleSet(tuple(r for r in load_rules().rules if not r.needs))


@pytest.fixture(scope="module")
def with_editor_rules(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    folder = tmp_path_factory.mktemp("rules")
    (folder / "mine.yaml").write_text(
        "language: pt\nkind: promos\nrules:\n"
        "  - name: publicidade\n    pattern: 'publicidade'\n    role: body\n"
        "  - name: advert\n    pattern: 'advert\\w*'\n"
        "  - name: long-read-more\n    pattern: 'read more.*'\n    max_words: 20\n",
        encoding="utf-8",
    )
    (folder / "other.yaml").write_text(
        "language: en\nkind: ads\nrules:\n"
        "  - name: advertisement\n    pattern: 'advertisement'\n"
        "  - name: comments\n    pattern: '\\d+ comments'\n    match: start\n",
        encoding="utf-8",
    )
    return RuleSet(tuple(r for r in load_rules([folder]).rules if not r.needs))


@pytest.mark.parametrize("language", LANGUAGES)
def test_layered_matching_picks_the_rule_a_scan_in_priority_order_picks(
    ungated: RuleSet, with_editor_rules: RuleSet, language: str
) -> None:
    for text in (*TEXTS, *_corpus_lines(1500)):
        for rules in (ungated, with_editor_rules):
            expected = _scan(rules, text, language, len(text.split()))
            assert _ungated(rules, text, language) == expected, (text, language)


def test_keyword_blocks_finds_the_texts_holding_a_keyword() -> None:
    texts = ["Foto: AFP", "nothing here", "Straße", "STRASSE", "ab", "cd", "x (c) 2020"]
    words = ["foto", "strasse", "bc", "(c)"]
    assert keyword_blocks(texts, words) == {0, 2, 3, 6}
    assert keyword_blocks(texts, ["a\nb"]) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_matched_at_once_gets_the_rules_each_block_gets(language: str) -> None:
    rules = load_rules()
    page = [
        *TEXTS,
        "Foto: Reuters/Jane Doe",
        "© 2024 The Daily Example",
        "Follow us on Telegram for updates",
        "Leia também: Governo anuncia novas medidas (foto)",
        *_corpus_lines(400),
    ]
    n_words = [len(t.split()) for t in page]
    forget_matches()
    expected = [rules._match(t, language, n) for t, n in zip(page, n_words, strict=True)]
    assert rules.match_page(page, language, n_words) == expected
    assert rules.match_page(page, language, n_words) == expected  # now from the memo
