"""Which characters a rule's match can start with, read from the pattern's parse tree.

Matching narrows a mode's rules by a block's first two characters (see
`sitegen.ingest.rules`): a block can only match rules whose match can start with them.
The analysis never answers a false "no": whatever it does not follow counts as able to.
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from typing import Any

_ASCII = tuple(chr(c) for c in range(128))
_OPENERS: dict[tuple[str, int], frozenset[str]] = {}
_PAIRS: dict[tuple[str, int], _Openings | None] = {}
_PAIR = 2


def may_start(pattern: re.Pattern[str], first: str) -> bool:
    """Whether a match of `pattern` can begin with the ASCII character `first` (never a
    false "no": anything the analysis does not follow counts as able to)."""
    key = (pattern.pattern, pattern.flags)
    if key not in _OPENERS:
        _OPENERS[key] = _opening_chars(pattern)
    return first in _OPENERS[key]


def _opening_chars(pattern: re.Pattern[str]) -> frozenset[str]:
    """The ASCII characters a match of `pattern` can start with, read from its parse tree.

    Every comparison is made case-insensitively (also for case-sensitive rules: more
    candidates, never fewer), by the regex engine itself, so Unicode case folding
    ("K" for the Kelvin sign) is covered.
    """
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return frozenset(_ASCII)
    chars, nullable = _sequence_openers(list(tree))
    return frozenset(_ASCII) if nullable else frozenset(chars)


def _sequence_openers(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """Openers of a sequence of parse items, and whether it can match the empty string."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _item_openers(op, av)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _item_openers(op: Any, av: Any) -> tuple[set[str], bool]:  # noqa: PLR0911
    """Openers of one parse item and whether it can match empty (see `_opening_chars`)."""
    c = sre_constants
    if op is c.LITERAL:
        return _folding_to(re.escape(chr(av))), False
    if op is c.IN:
        chars: set[str] = set()
        for kind, arg in av:
            if kind is c.LITERAL:
                chars |= _folding_to(re.escape(chr(arg)))
            elif kind is c.RANGE:
                chars |= _folding_to(f"[{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}]")
            elif kind is c.CATEGORY and arg in _CATEGORIES:
                chars |= _folding_to(_CATEGORIES[arg])
            else:  # negated sets: anything
                return set(_ASCII), False
        return chars, False
    if op is c.BRANCH:
        chars, nullable = set(), False
        for alternative in av[1]:
            found, empty = _sequence_openers(list(alternative))
            chars |= found
            nullable = nullable or empty
        return chars, nullable
    if op is c.SUBPATTERN:
        return _sequence_openers(list(av[3]))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        found, empty = _sequence_openers(list(av[2]))
        return found, empty or av[0] == 0
    if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:
        return set(), True  # zero-width: the next item opens (ignoring the condition)
    return set(_ASCII), False


_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d",
    sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s",
    sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w",
    sre_constants.CATEGORY_NOT_WORD: r"\W",
}


def _folding_to(expression: str) -> set[str]:
    """The ASCII characters `expression` (one character or a class) matches, ignoring case."""
    compiled = re.compile(expression, re.IGNORECASE)
    return {a for a in _ASCII if compiled.fullmatch(a)}


# -- two characters ------------------------------------------------------------------------

_Openings = frozenset[str]
"""The ASCII strings of up to two characters a match can start with; one shorter than two
means the match can end there, so every longer opening is possible too."""


def may_open(pattern: re.Pattern[str], pair: str) -> bool:
    """Whether a match of `pattern` can begin with the two ASCII characters `pair` (never a
    false "no", like `may_start`)."""
    key = (pattern.pattern, pattern.flags)
    if key not in _PAIRS:
        _PAIRS[key] = _opening_pairs(pattern)
    openings = _PAIRS[key]
    return openings is None or pair in openings or pair[0] in openings or "" in openings


def _opening_pairs(pattern: re.Pattern[str]) -> _Openings | None:
    """The openings of `pattern` (see `_Openings`), or None when the analysis cannot tell."""
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return None
    found = _sequence_pairs(list(tree))
    return None if found is None else frozenset(found)


def _then(heads: set[str], tails: set[str]) -> set[str]:
    """Openings of one thing followed by another, cut at two characters."""
    done = {h for h in heads if len(h) >= _PAIR}
    return done | {(h + t)[:_PAIR] for h in heads if len(h) < _PAIR for t in tails}


def _sequence_pairs(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Openings of a sequence of parse items; None when an item is not understood."""
    found = {""}
    for op, av in items:
        if all(len(f) >= _PAIR for f in found):
            break
        item = _item_pairs(op, av)
        if item is None:
            return None
        found = _then(found, item)
    return found


def _item_pairs(op: Any, av: Any) -> set[str] | None:  # noqa: PLR0911
    """Openings of one parse item (see `_sequence_pairs`)."""
    c = sre_constants
    if op is c.ANY or op is c.NOT_LITERAL:
        return set(_ASCII)
    if op is c.LITERAL or op is c.IN:
        chars, _nullable = _item_openers(op, av)
        return chars
    if op is c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _sequence_pairs(list(alternative))
            if found is None:
                return None
            union |= found
        return union
    if op is c.SUBPATTERN:
        return _sequence_pairs(list(av[3]))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return _repeat_pairs(av)
    if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:
        return {""}  # zero-width: the next item opens (ignoring the condition)
    return None


def _repeat_pairs(av: Any) -> set[str] | None:
    """Openings of `x{low,high}`: those of up to two repetitions (fewer than `low` only
    adds shorter openings, which admit more, never fewer)."""
    low, high, body = av[0], av[1], _sequence_pairs(list(av[2]))
    if body is None:
        return None
    found: set[str] = set()
    run = {""}
    for count in range(min(high, _PAIR) + 1):
        if count >= min(low, _PAIR):
            found |= run
        run = _then(run, body)
    return found
