"""Publication and capture dates: languages, date orders, timezones, widgets."""

from __future__ import annotations

import pytest

from sitegen.ingest.blocks import split_blocks
from sitegen.ingest.dates import date_order, parse_date
from sitegen.ingest.metadata import MetaSettings, extract_metadata
from sitegen.models import ArticleMeta, Verdict
from tests.ingest.test_metadata import LEAD, SECOND


def meta_of(lines: list[str], language: str, timezone: str = "UTC") -> ArticleMeta:
    """Metadata of a small capture whose blocks are all kept as body."""
    blocks = split_blocks("\n".join(lines))
    verdicts = [Verdict("body", "test", 1.0) for _ in blocks]
    return extract_metadata(blocks, verdicts, language, MetaSettings(timezone=timezone)).meta


def article(dateline: str) -> list[str]:
    return ["Ministers agree to meet again", dateline, LEAD, SECOND]


@pytest.mark.parametrize(
    ("dateline", "language", "expected"),
    [
        ("14/05/24", "pt", "2024-05-14"),
        ("Publicado em 14 de maio de 2024", "pt", "2024-05-14"),
        ("04/05/2024", "pt", "2024-05-04"),
        ("04/05/2024", "en", "2024-04-05"),
        ("May 14, 2024", "en", "2024-05-14"),
        ("Published 5/14/24", "en", "2024-05-14"),
        ("14. Mai 2024", "de", "2024-05-14"),
        ("Veröffentlicht am 03.02.2021", "de", "2021-02-03"),
        ("Publicado el 14 de mayo de 2024", "es", "2024-05-14"),
        ("Publié le 14 mai 2024", "fr", "2024-05-14"),
        ("2024-05-14", "en", "2024-05-14"),
        ("18. 05. 2014 22:38", "de", "2014-05-18T22:38:00+00:00"),
        ("13. 1. 2020", "de", "2020-01-13"),
    ],
)
def test_dateline_day_in_each_language_and_order(
    dateline: str, language: str, expected: str
) -> None:
    assert meta_of(article(dateline), language).date == expected


def test_date_order_comes_from_the_locale() -> None:
    assert date_order("en") == "MDY"
    assert date_order("pt") == "DMY"
    assert date_order("de") == "DMY"


def test_month_that_cannot_be_a_month_is_read_the_other_way() -> None:
    parsed = parse_date("14/05/24", "en", "MDY")
    assert parsed is not None
    assert (parsed.year, parsed.month, parsed.day) == (2024, 5, 14)


def test_time_without_offset_gets_the_configured_timezone() -> None:
    meta = meta_of(article("14.05.2024 15:48"), "de", timezone="Europe/Berlin")
    assert meta.date == "2024-05-14T15:48:00+02:00"


def test_time_with_offset_keeps_it() -> None:
    meta = meta_of(article("2024-05-14T10:00:00+05:30"), "en", timezone="Europe/Berlin")
    assert meta.date == "2024-05-14T10:00:00+05:30"


def test_known_outlet_brings_its_timezone_and_date_order() -> None:
    lines = ["Público", "Ministers agree to meet again", "15:48 - 04/05/24", LEAD, SECOND]
    meta = meta_of(lines, "en", timezone="Asia/Tokyo")
    assert meta.source == "Público"
    assert meta.date == "2024-05-04T15:48:00+01:00"


def test_weather_widget_date_is_the_capture_date_not_the_publication_date() -> None:
    lines = [
        "Weather",
        "• 15 NOVEMBER 2024",
        "Lisbon",
        "MIN 13º MAX 18º",
        "",
        "Ministers agree to meet again",
        "10:05 - 14/05/24",
        LEAD,
        SECOND,
    ]
    meta = meta_of(lines, "pt", timezone="Europe/Lisbon")
    assert meta.date == "2024-05-14T10:05:00+01:00"
    assert meta.captured == "2024-11-15"


def test_widget_date_alone_leaves_the_date_empty_for_review() -> None:
    lines = ["Tempo", "15 NOVEMBER 2024", "MIN 13º MÁX 18º", "Ministers agree", LEAD, SECOND]
    meta = meta_of(lines, "pt")
    assert meta.date == ""
    assert meta.captured == "2024-11-15"
    assert "date" in meta.review


def test_dates_in_running_prose_are_not_the_publication_date() -> None:
    prose = (
        "The minister recalled in a long speech to parliament how the war began in the "
        "early hours of 24 February 2022, and what followed in the months after it, "
        "with many details."
    )
    meta = meta_of(["Ministers agree to meet again", prose, LEAD, SECOND], "en")
    assert meta.date == ""
    assert "date" in meta.review


@pytest.mark.parametrize(
    ("updated", "published", "language"),
    [
        ("Updated: 20/06/2024", "Published: 14/05/2024", "en"),
        ("Atualizado em 20/06/2024", "Publicado em 14/05/2024", "pt"),
        ("Aktualisiert am 20.06.2024", "Veröffentlicht am 14.05.2024", "de"),
    ],
)
def test_published_label_wins_over_an_updated_one(
    updated: str, published: str, language: str
) -> None:
    lines = ["Ministers agree to meet again", updated, published, LEAD, SECOND]
    assert meta_of(lines, language).date == "2024-05-14"


@pytest.mark.parametrize(
    ("dateline", "language", "expected"),
    [
        ("11.01.2022, 09:50 Uhr / Aktualisiert am 21.01.2022, 11:39 Uhr", "de", "2022-01-11"),
        ("Published 14/05/2024 | Updated 20/06/2024 10:30", "en", "2024-05-14"),
        ("postado em 04/05/2022 05:49 / atualizado em 04/05/2022 05:50", "pt", "2022-05-04T05:49"),
        ("By Cat Lafuente/June 12, 2020 9:49 am/Updated: Aug. 18, 2020", "en", "2020-06-12"),
    ],
)
def test_a_revision_date_after_the_publication_date_on_its_line_is_not_taken(
    dateline: str, language: str, expected: str
) -> None:
    """The line's first date is the publication's, the one its "Updated" label introduces
    the revision's (a date right after a slash, "Lafuente/June 12", is read too)."""
    assert meta_of(article(dateline), language).date.startswith(expected)


def test_an_updated_label_alone_still_dates_the_page() -> None:
    lines = ["Ministers agree to meet again", "Stand: 12.11.2021", LEAD, SECOND, "04.11.2021"]
    assert meta_of(lines, "de").date == "2021-11-12"


def test_page_that_writes_day_first_is_read_day_first_whatever_its_language() -> None:
    """An English page from a day-first country: its comment dates (14/04) settle 12/04."""
    lines = [
        *article("12/04/2020 by Kay"),
        "Anna wrote on 14/04/2020 at 3:00 pm",
        "Lovely recipe, thank you!",
    ]
    assert meta_of(lines, "en").date == "2020-04-12"
    assert meta_of(article("12/04/2020 by Kay"), "en").date == "2020-12-04"


def test_words_between_date_and_time_do_not_hide_the_date() -> None:
    meta = meta_of(article("14. Juni 2013 at 20:51"), "de", timezone="Europe/Berlin")
    assert meta.date == "2013-06-14T20:51:00+02:00"
    meta = meta_of(article("Publié le 14 mai 2024 à 10h30"), "fr", timezone="Europe/Paris")
    assert meta.date == "2024-05-14T10:30:00+02:00"


def test_a_date_found_far_from_the_head_is_kept_but_flagged() -> None:
    lines = [*article("Ministers"), "Comments are closed.", "Share this", "12/05/2024"]
    meta = meta_of(lines, "pt")
    assert meta.date == "2024-05-12"
    assert "date" in meta.review
    assert "date" not in meta_of(article("Publicado em 14/05/2024"), "pt").review


def test_dates_of_a_related_articles_list_are_not_the_articles() -> None:
    lines = [
        *article("Ministers"),
        "Related articles",
        "Talks resume in Geneva",
        "12.11.2021",
        "Summit ends without agreement",
        "11.11.2021",
        "New envoy appointed",
        "10.11.2021",
    ]
    meta = meta_of(lines, "de")
    assert meta.date == ""
    assert "date" in meta.review


def test_todays_date_in_the_page_header_is_the_capture_date() -> None:
    lines = [
        "Sexta-feira, 15 de Novembro de 2024",
        "Início",
        "Política",
        "Desporto",
        "Cultura",
        "Ministers agree to meet again",
        LEAD,
        SECOND,
    ]
    meta = meta_of(lines, "pt")
    assert meta.date == ""
    assert meta.captured == "2024-11-15"


def test_a_blog_posts_weekday_date_above_its_title_is_the_publication_date() -> None:
    lines = ["Home", "Archive", "About", "Contact", "Friday, 15 November 2024", *article("")]
    meta = meta_of([line for line in lines if line], "en")
    assert meta.date == "2024-11-15"


BODY = [LEAD, *(f"({n}) {SECOND}" for n in range(4))]
"""An article long enough that its last lines are past its head."""


@pytest.mark.parametrize(
    "footer",
    [
        "Dieser Beitrag wurde am 04.02.2020 von kj in Bundesgericht BGer, SVG, Vorsatz, "
        "Strafrecht und Verkehr veröffentlicht.",
        "Literatur und Typografie wurde am 4. Februar 2020 um 23:03 Uhr gepostet und unter "
        "Lesenswert, Literatur, Medienwandel abgelegt.",
    ],
)
def test_a_clause_that_ends_in_published_labels_its_date(footer: str) -> None:
    """German puts the participle last: the date is labelled by what follows it, and
    counts even past the opening of a long line."""
    lines = ["Ministers agree to meet again", *BODY, footer]
    assert meta_of(lines, "de").date.startswith("2020-02-04")


def test_the_same_date_in_prose_is_not_labelled() -> None:
    prose = (
        "Die Regierung hat den Bericht über die Lage der Häfen, der seit Monaten erwartet "
        "wurde, am 04.02.2020 im Parlament vorgestellt und danach lange diskutiert."
    )
    assert meta_of(["Ministers agree to meet again", *BODY, prose], "de").date == ""


def test_a_label_in_another_language_and_a_byline_mark_the_posts_date() -> None:
    """A German blog whose theme speaks English: its byline's date, not a later one the
    head shows (a comment's, a teaser's)."""
    lines = [
        "Posted on 21. Juli 2019 by Realiberry",
        "Ministers agree to meet again",
        "22. Juli 2019 16:25",
        LEAD,
        SECOND,
    ]
    assert meta_of(lines, "de").date == "2019-07-21"


def comment_thread(dates: list[str]) -> list[str]:
    """Comments under an article, each a dated line and a few lines of text: their dates
    lie further apart than a list's."""
    lines = []
    for n, date in enumerate(dates):
        lines += [date, *(f"Comment {n} line {k}: I agree with this, well said." for k in range(7))]
    return lines


def test_dates_of_a_comment_thread_lose_to_the_articles_own() -> None:
    lines = ["Ministers agree to meet again", *BODY[:4], "13. 1. 2020", *BODY[4:]]
    lines += ["Teilen auf Facebook", "Teilen auf X", "Kommentare (3)"]
    thread = comment_thread(["14. 01. 2020 13:47", "14. 01. 2020 20:29", "15. 01. 2020 09:12"])
    assert meta_of([*lines, *thread], "de").date == "2020-01-13"


def test_a_dateline_right_under_the_body_is_not_the_threads() -> None:
    lines = ["Ministers agree to meet again", *BODY, "20. März 2014"]
    thread = comment_thread(["2. April 2014 8:29", "10. Juli 2014 12:58", "29. Juli 2014 13:38"])
    assert meta_of([*lines, *thread], "de").date == "2014-03-20"


def test_a_label_on_the_line_above_labels_the_date() -> None:
    """An info box under the article, its label and value on lines of their own."""
    lines = ["Ministers agree to meet again", *BODY, "Teilen auf Facebook", "Teilen auf X"]
    lines += ["NEWS INFO", "Datum", "31.01.2022", "Autor", "Peter Middel", "Mehr News"]
    thread = comment_thread(["01.02.2022 13:47", "02.02.2022 20:29", "03.02.2022 09:12"])
    assert meta_of([*lines, *thread], "de").date == "2022-01-31"
