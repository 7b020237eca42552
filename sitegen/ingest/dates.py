"""Publication and capture dates from the blocks of a capture.

Dates are found in two steps, because dateparser is accurate but slow: cheap regular
expressions (built from Babel's month names) spot candidate strings, each candidate is
scored by where it stands (dateline near the headline, "Published" label, weather widget,
comment thread, running prose), and only the best candidates are parsed, best first.

A date inside a page widget (weather box, "today is") tells when the page was captured,
never when the article was published; it becomes `captured`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser
from babel import Locale, UnknownLocaleError

from sitegen.ingest.bylines import byline_names, dateline_names
from sitegen.ingest.reference import language_entries, merged_words, word_count
from sitegen.models import Block

SUPPORTED = ("pt", "en", "es", "fr", "de")
"""Languages whose month names every capture's candidates are matched against."""

MAX_DATELINE_WORDS = 14
"""A block this short holding a date reads as a dateline, not prose."""
MAX_CANDIDATE_WORDS = 45
"""Dates in longer blocks are events the article reports, not its publication."""
WIDGET_REACH = 3
"""How many blocks either side of widget words a widget extends, at most."""
WIDGET_CELL_WORDS = 4
"""Widget cells are tiny ("Tempo", "13º", "• 15 NOVEMBER 2024")."""
HEADER_GAP = 3
"""A date line at least this many blocks above the article head belongs to the page ..."""
PAGE_TOP = 6
"""... when it is also among the page's first blocks."""
OPENING_DATELINE_CHARS = 40
"""In a long block only a date this close to its start counts ("LISBON, May 14 (Lusa) -"),
or one a label marks as the publication's ("… wurde am 19. Mai 2010 gepostet und …")."""
LIST_WINDOW = 6
"""Dated lines this close to each other ..."""
LIST_MIN_LINES = 3
"""... and this many of them make a list of dated items (on trafilatura-eval, date
accuracy 0.75 -> 0.79 with the cleaner's verdicts)."""
LIST_PENALTY = 2.0
FOOTER_REACH = 2
"""A dated line at most this many blocks under the body may be the article's own."""
BYLINE_BONUS = 1.5
"""What a byline in the date's block adds (above the lead only: a reader's name beside a
comment's date is not one)."""
MIN_SCORE = 0.0
"""Candidates must score above this: a listed date after the article scores 0."""
CONFIDENT_SCORE = 3.0
"""A short dateline in the article head, or a "Published" label, scores this much."""
UPDATED_LABEL = 0.5
"""What an "Updated" label adds: often the only date a page gives ("Stand: 12.11.2021")."""
REVISION_LABEL = -0.5
"""What an "Updated" label adds after another date of the same line: that one is the
publication date, this one its revision."""
MONTHS = 12
PARSE_BUDGET = 6
"""At most this many candidates go to dateparser per capture, best first."""

_ZONE = r"(?:\s?(?:UTC|GMT|CET|CEST|WET|WEST|[A-Z]T))?"
_TIME = rf"\d{{1,2}}[:h]\d{{2}}(?::\d{{2}})?(?:\s?[ap]\.?m\.?)?{_ZONE}"
_NUMERIC = r"\d{1,2}(?:[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\.\s\d{1,2}\.\s\d{4})(?!\d)"
"""14/05/24, 14.05.2024, 14-5-2024, and with a space after each dot "14. 05. 2024" (a
German typesetting habit; a four-digit year there, so that "1. 2. 3" is no date)."""
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"


@dataclass(frozen=True, slots=True)
class DateWords:
    """Dateline vocabulary of one language (see `sitegen/data/datelines.yaml`)."""

    published: re.Pattern[str]
    updated: re.Pattern[str]
    widget: re.Pattern[str]
    comments: re.Pattern[str]
    published_after: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A date-like string in a block, with the score of its position."""

    block: int
    text: str
    score: float
    widget: bool


@dataclass(frozen=True, slots=True)
class Found:
    """A parsed date: `value` is naive unless the text gave an offset."""

    block: int
    value: datetime
    has_time: bool
    score: float = 0.0
    """The candidate's position score; under `CONFIDENT_SCORE` an editor should check it."""


def _words(values: Sequence[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternation; never matches when `values` is empty."""
    if not values:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@cache
def date_words(language: str) -> DateWords:
    """Dateline vocabulary for `language`, merged with the language-independent words.

    Publication labels of every language count: a site's theme often keeps its software's
    English ("Posted on 21. Juli 2019 by …" on a German blog), and a label is no word of
    prose that another language could mean otherwise.
    """
    chosen = language_entries("datelines.yaml", "datelines", language)
    every = language_entries("datelines.yaml", "datelines", "")

    def merged(key: str) -> re.Pattern[str]:
        return _words(merged_words(chosen, key))

    return DateWords(
        _words(merged_words(every, "published")),
        merged("updated"),
        merged("widget"),
        merged("comments"),
        merged("published_after"),
    )


def _locale(language: str) -> Locale | None:
    """Babel locale for a BCP 47 code, or None when CLDR does not know it."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@cache
def month_pattern(language: str) -> str:
    """Regex alternation of month names (wide and abbreviated) from CLDR."""
    names: set[str] = set()
    for code in {*SUPPORTED, language}:
        locale = _locale(code)
        if locale is None:
            continue
        for width in ("wide", "abbreviated"):
            names.update(str(m).rstrip(".") for m in locale.months["format"][width].values())
    ordered = sorted((n for n in names if len(n) >= 3), key=len, reverse=True)
    return "|".join(re.escape(name) for name in ordered)


@cache
def date_pattern(language: str) -> re.Pattern[str]:
    """Candidate dates: ISO, numeric, "14. Mai 2024", "May 14, 2024", with a nearby time.

    Never inside a word, number or path; a month name may follow a slash after a word
    ("By Cat Lafuente/June 12, 2020"), where bylines glue the date to the name.
    """
    month = month_pattern(language)
    textual = (
        rf"\d{{1,2}}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?:{month})\.?,?\s+(?:de\s+)?\d{{4}}"
        rf"|(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    )
    date = rf"(?:{_ISO}|{_NUMERIC}|{textual})"
    pattern = (
        rf"(?:(?<![\w/.-])|(?<=[^\W\d_]/)(?=[^\W\d_]))"
        rf"(?:(?P<t1>{_TIME})\s*[-–|,]?\s*)?(?P<date>{date})"
        rf"(?:(?:\s*[-–|,]\s*|\s+(?:um|at|às|a las|à|,)?\s*)(?P<t2>{_TIME}))?"
    )
    return re.compile(pattern, re.IGNORECASE)


@cache
def date_order(language: str) -> str:
    """DMY, MDY or YMD, read from the CLDR short date pattern of `language` ("M/d/yy": MDY)."""
    locale = _locale(language)
    if locale is None:
        return "DMY"
    pattern = str(locale.date_formats["short"].pattern).lower()
    positions = sorted((pattern.find(part), part) for part in "dmy" if part in pattern)
    return "".join(part for _, part in positions).upper() or "DMY"


def _dateparser_language(language: str) -> list[str] | None:
    """Languages to give dateparser: the article's own when known, else let it detect."""
    return [language.split("-", maxsplit=1)[0]] if language else None


@cache
def parse_date(text: str, language: str, order: str) -> datetime | None:
    """Parse one candidate string, in the article's language and date order.

    The shapes the candidate pattern recognises are read directly (`quick_date`);
    anything else goes to dateparser (`parse_with_dateparser`), which is accurate but
    costs milliseconds per call.
    """
    return quick_date(text, order) or parse_with_dateparser(text, language, order)


_QUICK_TIME = (
    r"(?:\s(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s?(?P<half>(?i:[ap]m)))?)?"
)
_QUICK_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
)
_QUICK_NUMERIC = re.compile(
    rf"(?P<a>\d{{1,2}})([./-])(?P<b>\d{{1,2}})\2(?P<year>\d{{4}}|\d{{2}}){_QUICK_TIME}"
)
_QUICK_DAY_FIRST = re.compile(
    rf"(?P<day>\d{{1,2}})(?P<nth>st|nd|rd|th)?\.?\s(?:de\s)?(?P<month>[^\W\d_]{{3,}})\.?,?\s"
    rf"(?:de\s)?(?P<year>\d{{4}}){_QUICK_TIME}"
)
_QUICK_MONTH_FIRST = re.compile(
    rf"(?P<month>[^\W\d_]{{3,}})\.?\s(?P<day>\d{{1,2}})(?P<nth>st|nd|rd|th)?,?\s(?P<year>\d{{4}})"
    rf"{_QUICK_TIME}"
)
_QUICK_YEARS = range(1900, 2100)
_LAST_HOUR = 23
_HALF_DAY = 12
_CENTURY_PIVOT = 69


@cache
def quick_month_names(*languages: str) -> dict[str, int]:
    """Case-folded month names (wide and abbreviated) of `languages` -> month number;
    all supported languages by default.

    Names that mean different months in different languages are left out (dateparser
    decides those).
    """
    found: dict[str, set[int]] = {}
    for code in languages or SUPPORTED:
        locale = _locale(code)
        if locale is None:
            continue
        for width in ("wide", "abbreviated"):
            for number, name in locale.months["format"][width].items():
                found.setdefault(str(name).rstrip(".").casefold(), set()).add(int(number))
    return {name: next(iter(months)) for name, months in found.items() if len(months) == 1}


def quick_date(text: str, order: str) -> datetime | None:
    """The common candidate shapes, read without dateparser; None when unsure.

    ISO dates, numeric dates that fit `order` (DMY or MDY; two-digit years as %y reads
    them) and month-name dates in the supported languages, each with an optional
    `HH:MM[:SS]` and am/pm, read as dateparser reads them (checked against it on every
    candidate of shared/corpus). Swapped numeric dates, time zones, ordinals after a
    non-English month and names that are not months everywhere are left to dateparser.
    """
    m = _QUICK_ISO.fullmatch(text)
    if m is not None:
        return _quick_value(m, int(m["year"]), int(m["month"]), int(m["day"]))
    m = _QUICK_NUMERIC.fullmatch(text)
    if m is not None:
        if order == "DMY":
            day, month = int(m["a"]), int(m["b"])
        elif order == "MDY":
            month, day = int(m["a"]), int(m["b"])
        else:
            return None
        return _quick_value(m, _full_year(m["year"]), month, day)
    m = _QUICK_DAY_FIRST.fullmatch(text) or _QUICK_MONTH_FIRST.fullmatch(text)
    if m is not None:
        name = m["month"].casefold()
        if m["nth"] and name not in quick_month_names("en"):
            return None  # "Juni 19th": dateparser reads English ordinals with English months
        month = quick_month_names().get(name, 0)
        return _quick_value(m, int(m["year"]), month, int(m["day"]))
    return None


def _full_year(digits: str) -> int:
    """A two-digit year as dateparser (and strptime's %y) reads it: 69-99 are 19xx."""
    year = int(digits)
    if len(digits) > 2:
        return year
    return year + (1900 if year >= _CENTURY_PIVOT else 2000)


def _quick_value(m: re.Match[str], year: int, month: int, day: int) -> datetime | None:
    """The datetime of a quick match, or None when a part is out of range."""
    hour, minute, second = (int(m[k]) if m[k] else 0 for k in ("hour", "minute", "second"))
    half = m.groupdict().get("half")
    if half:
        if not 1 <= hour <= _HALF_DAY:
            return None
        hour = hour % _HALF_DAY + (_HALF_DAY if half.casefold() == "pm" else 0)
    if year not in _QUICK_YEARS or not 1 <= month <= MONTHS or hour > _LAST_HOUR:
        return None
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def parse_with_dateparser(text: str, language: str, order: str) -> datetime | None:
    """Parse one candidate string with dateparser, in the article's language and date order.

    A numeric date that does not fit `order` (month 14) is read in the other order:
    dateparser swaps day and month itself when only one reading is valid. A date the
    article's language cannot read ("15 NOVEMBER 2024" in a pt page's widget) is tried
    in every supported language.
    """
    settings = {"DATE_ORDER": order, "REQUIRE_PARTS": ["day", "month", "year"]}
    for languages in (_dateparser_language(language), list(SUPPORTED)):
        try:
            value = dateparser.parse(text, languages=languages, settings=settings)
        except (ValueError, OverflowError, LookupError):
            continue
        if isinstance(value, datetime):
            return value
    return None


_DIGIT = re.compile(r"\d")
"""Every date has digits: blocks without any skip the costly date pattern."""


def has_digit(text: str) -> bool:
    """Whether `text` has a digit: without one, no date pattern can match it."""
    return _DIGIT.search(text) is not None


_TEMPERATURE = re.compile(r"-?\d{1,2}\s?[º°](?:\s?[CF])?(?!\w)")
"""A temperature reading: the mark of a weather widget."""
_DATE_HINT = re.compile(r"\d{4}|\d[./-]\d{1,2}[./-]\d\d")
"""Every candidate date holds four digits in a row (a year) or a numeric day-month-year:
blocks without skip the costly date pattern."""


def _widget_marker(block: Block, words: DateWords) -> bool:
    """A short block naming a widget ("Meteorologia", "Weather") or showing a temperature."""
    if word_count(block.text) > MAX_DATELINE_WORDS // 2:
        return False
    text = block.text
    if words.widget.search(text):
        return True
    # every temperature holds a degree sign: blocks without one skip the pattern
    return ("°" in text or "º" in text) and _TEMPERATURE.search(text) is not None


def _widget_cells(blocks: Sequence[Block], marker: int, step: int) -> Iterator[int]:
    """Blocks next to a widget marker, one direction, while they are widget-cell sized."""
    index = marker + step
    while 0 <= index < len(blocks) and abs(index - marker) <= WIDGET_REACH:
        if word_count(blocks[index].text) > WIDGET_CELL_WORDS:
            return
        yield index
        index += step


def widget_blocks(blocks: Sequence[Block], language: str) -> frozenset[int]:
    """Indices of the tiny blocks around a widget marker, up to the first longer block
    (a headline ends the weather box).

    The date block itself never counts as its own marker, so "14 May 2024 · 5 min
    read" stays a dateline.
    """
    words = date_words(language)
    markers = [i for i, block in enumerate(blocks) if _widget_marker(block, words)]
    cells = {i for m in markers for step in (-1, 1) for i in _widget_cells(blocks, m, step)}
    return frozenset(cells)


@dataclass(frozen=True, slots=True)
class Zone:
    """Where the article sits among the blocks, for scoring date positions."""

    head: int
    """First block of the article head (the headline, else the lead)."""
    lead: int
    """First body paragraph."""
    end: int
    """Last body paragraph."""


def _position_score(index: int, zone: Zone) -> float:
    """Datelines sit between headline and lead, or just after the body; not mid-body."""
    if zone.head - 1 <= index <= zone.lead + 2:
        return 2.0
    if index > zone.end:
        return 0.0
    return -1.0


def _label_score(
    text: str, match: re.Match[str], words: DateWords, pattern: re.Pattern[str]
) -> float:
    """The nearest label before the date decides: "Published" (or a word closing the
    date's clause) counts most; "Updated" a little, unless the line gave a date before
    that label: then this one is the revision and that one the publication
    ("11.01.2022, 09:50 Uhr / Aktualisiert am 21.01.2022")."""
    before = text[: match.start()]
    published, updated = _last_label(words.published, before), _last_label(words.updated, before)
    if updated is not None and (published is None or updated.end() > published.end()):
        revised = pattern.search(before, 0, updated.start()) is not None
        return REVISION_LABEL if revised else UPDATED_LABEL
    if published is not None or _closes_clause(text, match.end(), words):
        return CONFIDENT_SCORE
    return 0.0


def _last_label(labels: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last of `labels` in `text`, if any."""
    found = list(labels.finditer(text))
    return found[-1] if found else None


def _closes_clause(text: str, end: int, words: DateWords) -> bool:
    """Whether a `published_after` word ends the clause the date is in."""
    clause = re.split(r"[.;!?]\s|[.;!?]$", text[end:], maxsplit=1)[0]
    return words.published_after.search(clause) is not None


def _score(block: Block, match: re.Match[str], zone: Zone, language: str, label: float) -> float:
    """How much a date at this place, with its `label`'s score, looks like the
    publication date.

    Comment words lower a date only after the article ("Anna says: 14/04/2020"); in the
    head they are a count ("12/04/2020 by Kay 24 Comments"). A date beside its author's
    name, above the lead, is the article's byline ("Posted on 21. Juli 2019 by Realiberry"),
    where other dates of the head are often an event's or a teaser's.
    """
    words = date_words(language)
    score = _position_score(block.index, zone) + label
    if block.index <= zone.lead and _names_author(block.text, language):
        score += BYLINE_BONUS
    score += 2.0 if word_count(block.text) <= MAX_DATELINE_WORDS else -1.0
    score += 0.5 if (match.group("t1") or match.group("t2")) else 0.0
    if block.index > zone.end and words.comments.search(block.text):
        score -= 2.0
    return score


def _names_author(text: str, language: str) -> bool:
    return bool(byline_names(text, language) or dateline_names(text))


def find_candidates(blocks: Sequence[Block], language: str, zone: Zone) -> list[Candidate]:
    """Every date-like string in blocks short enough to hold a dateline, scored."""
    pattern, words = date_pattern(language), date_words(language)
    widgets = widget_blocks(blocks, language)
    found: list[Candidate] = []
    for position, block in enumerate(blocks):
        text = block.text
        if not _DIGIT.search(text) or word_count(text) > MAX_CANDIDATE_WORDS:
            continue
        if not _DATE_HINT.search(text):
            continue
        long_block = word_count(block.text) > MAX_DATELINE_WORDS
        for match in pattern.finditer(block.text):
            label = _label_score(text, match, words, pattern)
            late = long_block and match.start() > OPENING_DATELINE_CHARS
            if late and label < CONFIDENT_SCORE:
                continue  # a date in prose, unless a label says it is the publication's
            if position and _label_line(blocks[position - 1].text, words):
                label = max(label, CONFIDENT_SCORE)
            score = _score(block, match, zone, language, label)
            widget = block.index in widgets or _today_header(block, zone)
            found.append(Candidate(block.index, _parseable(match), score, widget))
    return _lower_listed(found, zone)


def _label_line(text: str, words: DateWords) -> bool:
    """A line that is a publication label and nothing else ("Datum", "Published:"): the
    page set it apart from its date, on the next line."""
    return words.published.fullmatch(text.strip().rstrip(":").strip()) is not None


def _today_header(block: Block, zone: Zone) -> bool:
    """A short weekday-and-date line among the page's first blocks, well above the article
    ("Sexta-feira, 15 de Novembro de 2024"): the header's today, that is the capture
    date. (Blogs print the post's weekday and date just above its title: not this.)"""
    if block.index >= PAGE_TOP or block.index > zone.head - HEADER_GAP:
        return False
    if word_count(block.text) > WIDGET_CELL_WORDS * 2:
        return False
    return weekday_pattern().search(block.text) is not None


@cache
def weekday_pattern() -> re.Pattern[str]:
    """Weekday names (wide) of the supported languages, from CLDR."""
    names: set[str] = set()
    for code in SUPPORTED:
        locale = _locale(code)
        if locale is not None:
            names.update(str(day) for day in locale.days["format"]["wide"].values())
    return _words(sorted(names))


def _lower_listed(found: list[Candidate], zone: Zone) -> list[Candidate]:
    """Dates in a run of dated lines (related articles, comments, an archive list) are
    the list's, not the article's: each loses `LIST_PENALTY`. So does every date after
    the article when there are several there, however far apart (a comment thread),
    but one right under the body: the article's own dateline may follow it."""
    indices = sorted({candidate.block for candidate in found})
    first_after = bisect.bisect_right(indices, zone.end)
    trail = indices[first_after:] if len(indices) - first_after >= LIST_MIN_LINES else []
    if trail and trail[0] <= zone.end + FOOTER_REACH:
        trail = trail[1:]  # the article's own dateline, right under its body
    lowered = []
    for candidate in found:
        low = bisect.bisect_left(indices, candidate.block - LIST_WINDOW)
        high = bisect.bisect_right(indices, candidate.block + LIST_WINDOW)
        trailing = bool(trail) and candidate.block >= trail[0]
        listed = high - low >= LIST_MIN_LINES or trailing
        penalty = LIST_PENALTY if listed else 0.0
        score = candidate.score - penalty
        lowered.append(Candidate(candidate.block, candidate.text, score, candidate.widget))
    return lowered


def _parseable(match: re.Match[str]) -> str:
    """The date and its time without the words between them ("14. Juni 2013 at 20:51"
    mixes languages and defeats dateparser; "10h30" becomes "10:30")."""
    time = match.group("t1") or match.group("t2") or ""
    time = re.sub(r"(?<=\d)h(?=\d)", ":", time)
    return f"{match.group('date')} {time}".strip()


def _has_time(text: str) -> bool:
    return re.search(r"\d[:h]\d{2}", text) is not None


_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}(?!\d)")
"""A numeric day-month or month-day date, for reading a page's own date order."""


def page_date_order(candidates: Sequence[Candidate]) -> str | None:
    """DMY or MDY when the page's unambiguous numeric dates agree ("14/04/2020" shows a
    UK page writes day first, whatever its language's default), else None."""
    votes = {"DMY": 0, "MDY": 0}
    for candidate in candidates:
        for first, second in _DAY_MONTH.findall(candidate.text):
            if int(first) > MONTHS >= int(second):
                votes["DMY"] += 1
            elif int(second) > MONTHS >= int(first):
                votes["MDY"] += 1
    if bool(votes["DMY"]) == bool(votes["MDY"]):
        return None
    return "DMY" if votes["DMY"] else "MDY"


def best_date(candidates: Sequence[Candidate], language: str, order: str) -> Found | None:
    """The best-scored candidate that parses, trying at most `PARSE_BUDGET` of them."""
    ranked = sorted(
        (c for c in candidates if not c.widget and c.score > MIN_SCORE),
        key=lambda c: (-c.score, c.block),
    )
    for candidate in ranked[:PARSE_BUDGET]:
        value = parse_date(candidate.text, language, order)
        if value is not None:
            return Found(candidate.block, value, _has_time(candidate.text), candidate.score)
    return None


def capture_date(candidates: Sequence[Candidate], language: str, order: str) -> Found | None:
    """The first widget date that parses: the day the page was captured."""
    for candidate in [c for c in candidates if c.widget][:PARSE_BUDGET]:
        value = parse_date(candidate.text, language, order)
        if value is not None:
            return Found(candidate.block, value, False)
    return None


def zone_info(name: str) -> ZoneInfo | None:
    """The IANA zone `name`, or None when the name is empty or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def to_iso(found: Found, timezone: str) -> str:
    """ISO 8601: date-time with offset when a time is known (zone applied if none), else the day."""
    if not found.has_time:
        return found.value.date().isoformat()
    value = found.value
    if value.tzinfo is None:
        zone = zone_info(timezone) or ZoneInfo("UTC")
        value = value.replace(tzinfo=zone)
    return value.isoformat()
