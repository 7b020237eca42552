"""Rule packs: what loads, what matches, what is refused, and editors' own packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.errors import RuleError
from sitegen.ingest.rules import RuleSet, load_rules


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules()


def test_shipped_packs_cover_the_required_languages_and_kinds(rules: RuleSet) -> None:
    languages = {r.language for r in rules.rules}
    assert {"all", "pt", "en", "es", "fr", "de"} <= languages
    for lang in ("pt", "en", "es", "fr", "de"):
        kinds = {r.kind for r in rules.rules if r.language == lang}
        assert {"related", "promos", "ads", "forms", "consent", "share"} <= kinds, lang
        assert {"navigation", "comments", "footer", "widgets"} <= kinds, lang


def test_every_rule_is_named_language_kind_and_rule(rules: RuleSet) -> None:
    names = [r.name for r in rules.rules]
    assert len(names) == len(set(names))
    for rule in rules.rules:
        assert rule.name == f"{rule.language}/{rule.kind}#{rule.name.split('#', 1)[1]}"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Junte -se a nós no Telegram", "pt", "pt/promos#telegram"),
        ("Siga nossa cobertura da guerra no @Kyivpost_official.", "pt", "pt/promos#follow-us"),
        ("Outros tópicos de interesse", "pt", "pt/related#related-header"),
        ("Leia também: Governo anuncia novas medidas", "pt", "pt/related#read-also"),
        ("Publicidade", "pt", "pt/ads#publicidade"),
        ("Campo obrigatório", "pt", "pt/forms#required"),
        ("Meteorologia", "pt", "pt/widgets#weather"),
        ("Read Also: Putin in Beijing to avoid disruptions", "en", "en/related#read-also"),
        ("Sign up for our daily newsletter", "en", "en/promos#newsletter"),
        ("Advertisement", "en", "en/ads#advertisement"),
        ("Mehr zum Thema", "de", "de/related#related-header"),
        ("Alle Rechte vorbehalten.", "de", "de/footer#rights"),
        ("Te puede interesar", "es", "es/related#related-header"),
        ("Síguenos en Twitter", "es", "es/promos#follow-us"),
        ("Lire aussi : La réforme des retraites adoptée", "fr", "fr/related#read-also"),
        ("Tous droits réservés", "fr", "fr/footer#rights"),
        ("Home > News > World", "en", "all/navigation#breadcrumb"),
        (";", "en", "all/symbols#no-letters"),
        (
            "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner",
            "en",
            "en/promos#follow-outlet",
        ),
        (
            "34 responses to “Anthony Lynn: We needed to win this game”",
            "en",
            "en/comments#comments-header",
        ),
        ("Das könnte dich auch interessieren:", "de", "de/related#related-header"),
        (
            "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular",
            "es",
            "es/promos#telegram",
        ),
        ("Foto: unsplash/Bill Mead", "de", "all/captions#photo-credit"),
    ],
)
def test_boilerplate_lines_are_named_by_their_rule(
    rules: RuleSet, text: str, language: str, expected: str
) -> None:
    hit = rules.match(text, language)
    assert hit is not None, text
    assert hit.name == expected


@pytest.mark.parametrize(
    "text",
    [
        "Cookies erleichtern die Bereitstellung unserer Dienste. Mit der Nutzung unserer "
        "Dienste erklären Sie sich damit einverstanden, dass wir Cookies verwenden.",
        "We use cookies to improve your experience. By continuing to browse you agree.",
        "Utilizamos cookies para melhorar a sua experiência de navegação.",
        "Utilizamos cookies propias y de terceros. Si continúa navegando, acepta su uso.",
        "Nous utilisons des cookies pour vous offrir la meilleure expérience.",
    ],
)
def test_cookie_banners_are_consent_text_in_each_language(rules: RuleSet, text: str) -> None:
    hit = rules.match(text)
    assert hit is not None and hit.kind == "consent"


@pytest.mark.parametrize(
    "text",
    [
        "The company said Telegram now has 900 million users, up from 700 million a year "
        "earlier, according to its chief executive.",
        "O presidente russo Vladimir Putin disse ao seu colega chinês que os laços eram fortes.",
        "Die Regierung kündigte am Dienstag an, den Haushalt im kommenden Jahr zu kürzen.",
        "El ministro anunció que las medidas entrarán en vigor el próximo lunes.",
        "Le président a annoncé mardi une réforme des retraites très contestée.",
        "Xi Jinping and Putin proclaimed a friendship without limits in Beijing.",
        "The company said users could download the app from Monday.",
        "His contribution to the team was enormous, the coach said.",
        "Die Polizei hält die Bevölkerung auf dem Laufenden.",
        "He sent the message via WhatsApp before the meeting.",
        "Reuters reported the deal on Tuesday.",
        "Apple unveils a new iPhone",
        "Os comentários do relator foram aprovados ontem pela comissão.",
        "Los comentarios del ministro fueron criticados por la oposición.",
        "Les commentaires du ministre ont été vivement critiqués.",
        "Die Kommentare des Ministers wurden scharf kritisiert.",
    ],
)
def test_article_sentences_match_no_rule(rules: RuleSet, text: str) -> None:
    assert rules.match(text) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao "
            "usuário não serão aprovados pelo moderador.",
            "pt",
        ),
        ("Los comentarios son moderados antes de su publicación.", "es"),
        ("Votre commentaire sera publié après validation.", "fr"),
        ("Alle Kommentare werden moderiert.", "de"),
        ("Ihr Kommentar wird nach Prüfung freigeschaltet.", "de"),
    ],
)
def test_comment_moderation_notices_are_comment_boilerplate(
    rules: RuleSet, text: str, language: str
) -> None:
    hit = rules.match(text, language)
    assert hit is not None, text
    assert hit.name == f"{language}/comments#comment-policy-moderated"


def _write_pack(folder: Path, body: str, name: str = "mine.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern", ["'.*'", "''", "'\\w+'", "'.+'", "'(?:)'", "'[\\s\\S]*'"])
def test_a_catch_all_rule_is_refused_naming_file_and_rule(tmp_path: Path, pattern: str) -> None:
    path = _write_pack(
        tmp_path / "rules", f"kind: promos\nrules:\n  - name: greedy\n    pattern: {pattern}\n"
    )
    with pytest.raises(RuleError) as err:
        load_rules([path.parent])
    message = str(err.value)
    assert str(path) in message
    assert "greedy" in message


def test_a_search_rule_matching_an_ordinary_sentence_is_refused(tmp_path: Path) -> None:
    body = "rules:\n  - name: the\n    pattern: '\\bthe\\b'\n    match: search\n"
    folder = _write_pack(tmp_path / "rules", body).parent
    with pytest.raises(RuleError, match="the"):
        load_rules([folder])


def test_unknown_keys_and_bad_values_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    _write_pack(folder, "rules:\n  - name: x1\n    pattern: 'foo'\n    colour: red\n")
    with pytest.raises(RuleError, match="unknown keys"):
        load_rules([folder])
    _write_pack(folder, "rules:\n  - name: x1\n    pattern: 'foo'\n    takes: all\n")
    with pytest.raises(RuleError, match="bad match/takes/role"):
        load_rules([folder])


def test_an_editor_pack_adds_rules_and_wins_over_shipped_ones(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "rules"
    _write_pack(
        folder,
        "language: pt\nkind: promos\nrules:\n"
        "  - name: our-podcast\n    pattern: 'ouça o nosso podcast.*'\n"
        "  - name: keep-publicidade\n    pattern: 'publicidade'\n    role: body\n",
    )
    rules = load_rules([folder])
    hit = rules.match("Ouça o nosso podcast semanal", "pt")
    assert hit is not None and hit.name == "pt/promos#our-podcast"
    kept = rules.match("Publicidade", "pt")
    assert kept is not None and kept.role == "body"
    assert load_rules().match("Ouça o nosso podcast semanal", "pt") is None


def test_a_rule_only_applies_up_to_its_word_limit(rules: RuleSet) -> None:
    short = "Follow us on Twitter for more"
    long = short + " " + " ".join(["word"] * 40)
    assert rules.match(short, "en") is not None
    assert rules.match(long, "en") is None
