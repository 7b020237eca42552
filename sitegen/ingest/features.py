"""Block features: small pure functions of one block's text, and the stoplists they use.

The cleaner decides from these (through rules, context and the learned model), never from
knowledge of particular sites. What a block's place on the page adds (repetition,
position, the prose around it) is in `sitegen.ingest.page_features`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import yaml

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
"""A word: a run of word characters, or one Chinese or Japanese character (no spaces there)."""
_ASCII_WORD = re.compile(r"\w+", re.ASCII)
"""`_WORD` on ASCII text, where it finds the same words about half again as fast."""
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?…。！？][\"'”’»)]*\s+[\"'“‘«(]?[A-ZÀ-ÖØ-ÞА-Я0-9]")
_SEPARATOR = re.compile(r"(?:^|\s)[|•·»›/>–—](?:\s|$)|[|•·]")
_DATE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b"
)
_URLISH = re.compile(r"https?://|www\.|\w@\w|(?:^|\s)@\w|\.(?:com|org|net|de|fr|br|pt)\b")
_GLUED = re.compile(r"[a-zà-ÿ0-9.!?)][A-ZÀ-Þ](?:[a-zà-ÿ]|\s)")
_TLDS = (".com", ".org", ".net", ".de", ".fr", ".br", ".pt")
"""Every `_URLISH` match holds "@", "http", "www." or one of these (case-sensitive)."""
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_SYMBOL = re.compile(r"[^\w\s]|_")
_BULLET = re.compile(r"^[-–—•·*►▶›»>|]\s|^\d{1,2}[.)]\s")

GUESS_MIN_CHARS = 40
"""guess_language reads blocks at least this long (prose, not menu labels) when there are any."""
GUESS_WORDS = 3000
"""guess_language reads at most about this many words: enough to tell the languages apart."""


# -- stopwords -----------------------------------------------------------------------------


@cache
def stopword_lists() -> dict[str, frozenset[str]]:
    """Per-language stopword sets from the shipped data file (derived from jusText's lists)."""
    raw = resources.files("sitegen").joinpath("data", "stopwords.yaml").read_text("utf-8")
    data: dict[str, list[str]] = yaml.safe_load(raw)["languages"]
    return {lang: frozenset(words) for lang, words in data.items()}


@cache
def all_stopwords() -> frozenset[str]:
    """The union over languages: the fallback when the page's language is unknown."""
    return frozenset().union(*stopword_lists().values())


def stopwords_for(language: str | None) -> frozenset[str]:
    """The stoplist for `language` (its first two letters), else the all-language union."""
    lists = stopword_lists()
    return lists.get((language or "")[:2].lower(), all_stopwords())


def guess_language(texts: Sequence[str]) -> str | None:
    """The language whose stopwords cover most words of `texts`; None when nothing fits.

    A cheap fallback for callers without a detector: stopword hit counts separate the
    languages the rule packs cover well enough to pick a stoplist.
    """
    counts: Counter[str] = Counter()
    read = 0  # `counts.total()`, kept as we go: summing the counter each time costs more
    long_enough = [t for t in texts if len(t) >= GUESS_MIN_CHARS] or texts
    for text in long_enough:
        found = words(text)
        counts.update(found)
        read += len(found)
        if read >= GUESS_WORDS:
            break
    index = _stopword_index()
    hits: Counter[str] = Counter()
    for word, n in counts.items():
        for lang in index.get(word, ()):
            hits[lang] += n
    return hits.most_common(1)[0][0] if hits else None


@cache
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Stopword -> the languages listing it, so a page is counted in one pass."""
    index: dict[str, list[str]] = {}
    for lang, stops in stopword_lists().items():
        for w in stops:
            index.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


# -- text features -------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Case-folded word tokens."""
    folded = text.casefold()
    return (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)


def ends_sentence(text: str) -> bool:
    """True when the block ends like a sentence (full stop, ?, !, …, maybe after a quote)."""
    return _SENTENCE_END.search(text[-8:]) is not None


def sentence_count(text: str) -> int:
    """Sentence breaks inside the block plus one for a final sentence end."""
    return len(_SENTENCE_BREAK.findall(text)) + int(ends_sentence(text))


def stopword_density(tokens: Sequence[str], stops: frozenset[str]) -> float:
    """Share of tokens that are stopwords: high in prose, low in menus and lists of names."""
    if not tokens:
        return 0.0
    return sum(map(stops.__contains__, tokens)) / len(tokens)


_SEPARATOR_CHAR = re.compile(r"[|•·»›/>–—]")
"""Every separator holds one of these: blocks without any skip `_SEPARATOR`."""


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_NUMBERS = b"0123456789"
_NOT_ASCII_SYMBOL = bytes(
    c for c in range(256) if c >= 128 or chr(c).isalnum() or re.match(r"\s", chr(c))
)
r"""Bytes of UTF-8 text deleted before counting ASCII symbols: the ASCII characters
`_SYMBOL` does not count (letters, digits, what `\s` matches) and every byte of a
non-ASCII character (`_NON_ASCII` finds those, to be counted one by one)."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _char_counts(text: str) -> tuple[int, int, int, int]:
    """(digits, symbols, letters, upper-case letters) of `text`, in few passes over it.

    Every count is a sum over characters, so the ASCII ones are counted on the UTF-8
    bytes (where a byte below 128 is that ASCII character) and only the other characters
    one by one: on a Portuguese or German line those are a few accented letters and
    quotes, and counting them alone took the line's counts from 4.9 to 3.0 µs.
    """
    raw = text.encode("utf-8", "surrogatepass")
    digits = len(raw) - len(raw.translate(None, _ASCII_NUMBERS))
    symbols = len(raw.translate(None, _NOT_ASCII_SYMBOL))
    upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    if len(raw) != len(text):
        rest = "".join(_NON_ASCII.findall(text))
        symbols += len(_SYMBOL.findall(rest))
        upper += sum(map(str.isupper, rest))
    return digits, symbols, len(text) - digits - symbols - text.count(" "), upper


def digit_ratio(text: str) -> float:
    """Share of characters that are digits: scores, dates, prices and counters."""
    return _char_counts(text)[0] / len(text) if text else 0.0


def symbol_ratio(text: str) -> float:
    """Share of characters that are neither letters, digits nor spaces."""
    return _char_counts(text)[1] / len(text) if text else 0.0


def upper_ratio(text: str) -> float:
    """Share of letters in upper case: SHOUTED menu items and labels."""
    _, _, letters, upper = _char_counts(text)
    return upper / letters if letters > 0 else 0.0


def _title_stats(text: str) -> tuple[float, int]:
    """(share of capitalised words, longest run of them) in one pass over the words."""
    found = (_ASCII_WORD if text.isascii() else _WORD).findall(text)
    if not found:
        return 0.0, 0
    best = run = capitals = 0
    for w in found:
        if w[0].isupper():
            capitals += 1
            run += 1
            best = max(best, run)
        else:
            run = 0
    return capitals / len(found), best


def title_case_ratio(text: str) -> float:
    """Share of words starting with a capital: headlines and menu entries run high."""
    return _title_stats(text)[0]


def longest_title_run(text: str) -> int:
    """Longest run of consecutive capitalised words, e.g. a row of menu entries."""
    return _title_stats(text)[1]


def separator_count(text: str) -> int:
    """Separators such as `|`, `•`, `·`, `»` that join menu items and breadcrumbs."""
    if _SEPARATOR_CHAR.search(text) is None:
        return 0
    return len(_SEPARATOR.findall(text))


def has_date(text: str) -> bool:
    """A date, time or year: datelines, timestamps and archive lists."""
    return _DIGIT.search(text) is not None and _DATE.search(text) is not None


def has_urlish(text: str) -> bool:
    """A URL, domain, e-mail address or @handle."""
    hints = "@" in text or "http" in text or "www." in text
    if hints or ("." in text and any(map(text.__contains__, _TLDS))):  # each TLD has a dot
        return _URLISH.search(text) is not None
    return False


def glued_words(text: str) -> int:
    """Places where a capitalised word is glued to the previous one ("SteakhouseA party").

    Scrapers join a teaser's title to its blurb, or menu entries to each other, where the
    page had them in separate elements; article prose almost never reads like that.
    """
    return len(_GLUED.findall(text))


def has_copyright(text: str) -> bool:
    """A copyright notice, the usual footer marker."""
    if text.isascii():  # `in` on the lower-cased text: what the pattern finds, faster
        folded = text.lower()
        return "(c)" in folded or "copyright" in folded or "all rights reserved" in folded
    return _COPYRIGHT.search(text) is not None


_NUMERIC_CELL = re.compile(r"[\d\s.,:;%+\-–/()$€£]+")


def numeric_cell(text: str) -> bool:
    """A table cell holding a number, score, date or price only ("5040", "3-1", "$139.00")."""
    return _NUMERIC_CELL.fullmatch(text) is not None and _DIGIT.search(text) is not None


def starts_bullet(text: str) -> bool:
    """Starts like a list item (dash, bullet, number)."""
    return _BULLET.match(text) is not None


def starts_lower(text: str) -> bool:
    """Starts with a lower-case letter: a continuation, a caption tail or a fragment."""
    return text[:1].islower()


def comma_ratio(text: str, n_words: int) -> float:
    """Commas per word: prose uses them, menus rarely do."""
    return text.count(",") / n_words if n_words else 0.0


# -- a block's features, remembered --------------------------------------------------------


class TextStats(NamedTuple):
    """The per-block values the matrix and the context rules both need.

    A named tuple, not a frozen dataclass: one is built for every block of every page,
    and a tuple builds several times faster.
    """

    tokens: tuple[str, ...]
    n_words: int
    ends_sentence: bool
    stop_density: float
    prose: float
    """0..1: how much the block reads like article prose (long, punctuated, stopword-rich)."""


def text_stats(text: str, stops: frozenset[str]) -> TextStats:
    """Word count, sentence end, stopword density and a prose score for one block."""
    tokens = tuple(words(text))
    n = len(tokens)
    ends = ends_sentence(text)
    density = stopword_density(tokens, stops)
    prose = min(n / 30.0, 1.0) * (1.0 if ends else 0.4) * min(density / 0.25, 1.0)
    return TextStats(tokens, n, ends, density, prose)


BLOCK_FEATURES = (
    "log_chars", "log_words", "mean_word_len", "ends_sentence", "ends_colon",
    "log_sentences", "stop_density", "stop_density_all", "digit_ratio", "symbol_ratio",
    "upper_ratio", "title_case_ratio", "title_run_share", "log_separators", "has_date",
    "has_urlish", "has_copyright", "starts_bullet", "starts_lower", "comma_ratio", "prose",
    "log_glued",
)  # fmt: skip


TEASER_TITLE_MAX_WORDS = 20
"""A teaser's title line is at most this long and does not end a sentence."""


def title_like(stats: TextStats) -> bool:
    """Reads like a teaser's or a crosshead's title: short, not ending a sentence."""
    return 0 < stats.n_words <= TEASER_TITLE_MAX_WORDS and not stats.ends_sentence


RATIO_PREFIX = 300
"""Character ratios and typography are read from this many leading characters: a long
paragraph's first lines tell as much as the whole, at a fraction of the cost."""


def block_vector(text: str, stats: TextStats, all_stops: frozenset[str]) -> tuple[float, ...]:
    """The text-only features of one block, in BLOCK_FEATURES order (`log_` ones still raw)."""
    tokens = stats.tokens
    n = stats.n_words
    head = text[:RATIO_PREFIX]
    digits, symbols, letters, upper = _char_counts(head)
    title_share, title_run = _title_stats(head)
    unicode = not head.isascii()  # else no digit means no date, no capital no glued word
    return (
        float(len(text)),
        float(n),
        sum(map(len, tokens)) / n if n else 0.0,
        float(stats.ends_sentence),
        float(text.endswith(":")),
        float(sentence_count(text)),
        stats.stop_density,
        stopword_density(tokens, all_stops),
        digits / len(head),
        symbols / len(head),
        upper / letters if letters > 0 else 0.0,
        title_share,
        title_run / n if n else 0.0,
        float(separator_count(head)),
        float((digits > 0 or unicode) and has_date(head)),
        float(has_urlish(head)),
        float(has_copyright(head)),
        float(starts_bullet(text)),
        float(starts_lower(text)),
        comma_ratio(text, n),
        stats.prose,
        float(glued_words(head) if upper or unicode else 0),
    )


PROFILE_CACHE = 20_000
"""Blocks whose features are remembered: menus and footers repeat across a site's pages."""


@dataclass(slots=True)
class Profile:
    """A block's `text_stats`, and its `block_vector` once asked for: the model never
    reads the blocks rules decide, so theirs is not computed."""

    text: str
    stats: TextStats
    _vector: tuple[float, ...] | None = None

    @property
    def vector(self) -> tuple[float, ...]:
        """The block's `block_vector`, computed on first use."""
        if self._vector is None:
            self._vector = block_vector(self.text, self.stats, all_stopwords())
        return self._vector


@lru_cache(maxsize=PROFILE_CACHE)
def block_profile(text: str, language: str | None) -> Profile:
    """A block's profile (stats now, vector on demand), remembered for repeated lines."""
    return Profile(text, text_stats(text, stopwords_for(language)))
