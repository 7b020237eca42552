"""Which words of a body link to the article's entities."""

from __future__ import annotations

from sitegen.aliases import Alias, surface_links

ALIASES: dict[str, Alias] = {
    "pequim": ("places", "Beijing"),
    "beijing": ("places", "Beijing"),
    "moscou": ("places", "Moscow"),
    "georgia": ("places", "Georgia"),
}


def test_a_name_in_another_language_links_to_a_listed_entity_only() -> None:
    texts = ["Moscou e Pequim assinaram o acordo."]
    assert surface_links(texts, {"places": ["Beijing"]}, ALIASES) == {
        "Pequim": ("places", "Beijing")
    }
    assert surface_links(texts, {"places": []}, ALIASES) == {}


def test_the_longest_name_wins_and_a_short_form_links_to_the_person() -> None:
    texts = ["Xi Jinping arrived. Later Xi spoke; xi is not a name in lower case."]
    found = surface_links(texts, {"people": ["Xi Jinping", "Vladimir Putin"]}, ALIASES)
    xi = ("people", "Xi Jinping")
    assert found == {"Xi Jinping": xi, "Jinping": xi, "Xi": xi}


def test_an_entity_of_the_article_claims_its_name_over_the_shared_index() -> None:
    texts = ["Georgia signed the deal."]
    found = surface_links(texts, {"organizations": ["Georgia"], "places": []}, ALIASES)
    assert found == {"Georgia": ("organizations", "Georgia")}
