"""People, places and organisations: detection, cross-language places, short forms."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from sitegen.errors import SitegenError
from sitegen.ingest.entities import Mentions, build_gazetteer, find_mentions, resolve_entities
from tests.conftest import REPO, SEEDS

PT_SEED = "000_49ff650710fc1aee.txt"
EN_SEED = "004_4f4e87e51b78506a.txt"
# Seed lines that leave the body (EXPECTED.md): only body paragraphs reach find_mentions.
PT_NOT_BODY = {3, 4, 12, 13, 14}
EN_NOT_BODY = {*range(1, 19), 45, 47, 49, 50}
ENTITIES = REPO / "content" / "entities.yml"


def body(name: str, not_body: set[int]) -> list[str]:
    lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
    return [line for number, line in enumerate(lines, 1) if line.strip() and number not in not_body]


def resolve_seeds(
    entities_file: Path | None, pt_not_body: set[int] = PT_NOT_BODY
) -> dict[str, tuple[tuple[str, ...], ...]]:
    mentions = {
        "pt": find_mentions(body(PT_SEED, pt_not_body), "pt"),
        "en": find_mentions(body(EN_SEED, EN_NOT_BODY), "en"),
    }
    gazetteer = build_gazetteer(entities_file, mentions.values())
    return {key: resolve_entities(value, gazetteer) for key, value in mentions.items()}


def test_portuguese_seed_entities() -> None:
    people, places, organizations = resolve_seeds(ENTITIES)["pt"]
    assert {"Vladimir Putin", "Xi Jinping", "Kim Jong Un"} <= set(people)
    assert "Anastasiya Paraskevova" not in people
    assert {"China", "Russia", "Beijing", "Moscow", "Ukraine", "Tianjin", "North Korea"} <= set(
        places
    )
    assert "Kharkiv" not in places
    assert "Shanghai Cooperation Organisation" in organizations


def test_english_seed_entities() -> None:
    people, places, _ = resolve_seeds(ENTITIES)["en"]
    assert {"Vladimir Putin", "Xi Jinping", "Sergei Lavrov", "Antony Blinken"} <= set(people)
    assert {"China", "Russia", "Beijing", "Moscow", "Ukraine"} <= set(places)


def test_seed_people_and_places_need_no_curated_file() -> None:
    resolved = resolve_seeds(None)
    pt_people, pt_places, pt_orgs = resolved["pt"]
    assert {"Vladimir Putin", "Xi Jinping", "Kim Jong Un"} <= set(pt_people)
    assert {"Beijing", "Moscow", "North Korea", "Tianjin"} <= set(pt_places)
    assert "Organização de Cooperação de Xangai" in pt_orgs
    assert {"Sergei Lavrov", "Antony Blinken"} <= set(resolved["en"][0])


def test_no_junk_people() -> None:
    for people, _, _ in resolve_seeds(ENTITIES).values():
        for junk in (
            "Russian President",
            "Kremlin",
            "The",
            "Putin",
            "Xi",
            "Segunda Guerra Mundial",
        ):
            assert junk not in people
        assert all(len(name.split()) >= 2 for name in people)


def test_names_in_a_removed_teaser_appear_only_if_the_teaser_is_kept() -> None:
    """The teaser is what brings Kharkiv and Paraskevova: leaving it in shows the test bites."""
    people, places, _ = resolve_seeds(ENTITIES, pt_not_body={3, 4, 12})["pt"]
    assert "Kharkiv" in places
    assert "Anastasiya Paraskevova" in people


@pytest.mark.parametrize(
    ("paragraph", "language", "place"),
    [
        ("O presidente chegou a Pequim ontem para as negociações.", "pt", "Beijing"),
        ("A delegação seguiu depois para Moscou, onde ficou dois dias.", "pt", "Moscow"),
        ("A Coréia do Norte enviou uma delegação.", "pt", "North Korea"),
        ("Os líderes da Alemanha reuniram-se com os da Ucrânia.", "pt", "Germany"),
        ("Der Kanzler reiste nach Peking und danach nach Moskau.", "de", "Beijing"),
        ("Le président est arrivé à Pékin mardi.", "fr", "Beijing"),
        ("El presidente viajó a Rusia la semana pasada.", "es", "Russia"),
    ],
)
def test_places_resolve_across_languages(paragraph: str, language: str, place: str) -> None:
    mentions = find_mentions([paragraph], language)
    assert place in resolve_entities(mentions, build_gazetteer(None, [mentions]))[1]


def test_places_need_capitals() -> None:
    mentions = find_mentions(["they said paris was a name, not a place, in this sentence."], "en")
    assert mentions.places == ()


def test_short_form_resolves_to_the_full_name_another_article_knows() -> None:
    short = find_mentions(["Xi said the talks were useful. Later Xi left the city."], "en")
    full = find_mentions(["The Chinese leader, Xi Jinping, arrived on Monday."], "en")
    assert resolve_entities(short, build_gazetteer(None, [short]))[0] == ()
    assert resolve_entities(short, build_gazetteer(None, [short, full]))[0] == ("Xi Jinping",)


def test_ambiguous_short_form_stays_unresolved() -> None:
    short = find_mentions(["Officials said Kim would travel next week."], "en")
    one = find_mentions(["Kim Jong Un inspected the troops."], "en")
    other = find_mentions(["Kim Yo Jong issued a statement."], "en")
    gazetteer = build_gazetteer(None, [short, one, other])
    assert resolve_entities(short, gazetteer)[0] == ()


def test_people_after_roles_and_given_names() -> None:
    mentions = find_mentions(
        [
            "Russian President Vladimir Putin met his Chinese counterpart, Xi Jinping.",
            "Bundeskanzler Olaf Scholz sprach mit Präsident Emmanuel Macron.",
        ],
        "en",
    )
    assert {"Vladimir Putin", "Xi Jinping", "Olaf Scholz", "Emmanuel Macron"} <= set(
        mentions.people
    )
    assert "Russian President Vladimir Putin" not in mentions.people


def test_organisation_with_acronym_resolves_elsewhere_by_acronym(tmp_path: Path) -> None:
    first = find_mentions(["A Organização Mundial da Saúde (OMS) alertou para o surto."], "pt")
    second = find_mentions(["A OMS voltou a alertar ontem."], "pt")
    gazetteer = build_gazetteer(None, [first, second])
    assert resolve_entities(first, gazetteer)[2] == ("Organização Mundial da Saúde",)
    assert resolve_entities(second, gazetteer)[2] == ("Organização Mundial da Saúde",)
    curated = tmp_path / "entities.yml"
    curated.write_text(
        "organizations:\n"
        "  World Health Organization:\n"
        "    aliases: [WHO, OMS, Organização Mundial da Saúde]\n",
        encoding="utf-8",
    )
    gazetteer = build_gazetteer(curated, [first, second])
    assert resolve_entities(second, gazetteer)[2] == ("World Health Organization",)


def test_curated_alias_decides_the_kind(tmp_path: Path) -> None:
    curated = tmp_path / "entities.yml"
    curated.write_text("places:\n  Kremlin:\n    aliases: [Kreml]\n", encoding="utf-8")
    mentions = find_mentions(["The Kremlin announced the visit on Tuesday."], "en")
    people, places, _ = resolve_entities(mentions, build_gazetteer(curated, [mentions]))
    assert "Kremlin" in places
    assert "Kremlin" not in people


def test_invalid_entities_file_names_the_file(tmp_path: Path) -> None:
    curated = tmp_path / "entities.yml"
    curated.write_text("people:\n  Xi Jinping: {aliases: [Xi\n", encoding="utf-8")
    with pytest.raises(SitegenError) as raised:
        build_gazetteer(curated, [])
    assert str(curated) in str(raised.value)


def test_mentions_are_plain_picklable_data() -> None:
    mentions = find_mentions(body(EN_SEED, EN_NOT_BODY), "en")
    assert pickle.loads(pickle.dumps(mentions)) == mentions
    assert isinstance(mentions, Mentions)


def test_day_names_and_sentence_words_are_not_people() -> None:
    mentions = find_mentions(
        [
            "On Thursday the minister arrived. My view is that John Rankin Thursday spoke.",
            "Mein Tipp: Du Erklärungen lesen.",
        ],
        "en",
    )
    assert "On Thursday" not in mentions.people
    assert "John Rankin" in mentions.people
    assert not any(name.startswith(("My ", "Mein ", "Du ")) for name in mentions.people)


def test_a_lone_common_first_name_does_not_become_someone_the_archive_knows() -> None:
    lone = find_mentions(["Michael said so. Later Michael left."], "en")
    known = find_mentions(["Michael Rendino chairs the board."], "en")
    assert resolve_entities(lone, build_gazetteer(None, [lone, known]))[0] == ()


def test_a_city_name_used_as_a_common_noun_is_no_place() -> None:
    food = find_mentions(["Das Essen war gut, und zum Essen gab es Wein."], "de")
    city = find_mentions(["Wir fuhren nach Essen und dann in die Schweiz."], "de")
    assert "Essen" not in food.places
    assert {"Essen", "Switzerland"} <= set(city.places)
