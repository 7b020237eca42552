"""How a rule's match can open (its first two characters), read from the pattern's parse tree.

Matching narrows a mode's rules by a block's first two characters (see
`sitegen.ingest.rules`): a block can only match rules whose match can start as it does.
The analysis never answers a false "no": whatever it does not follow counts as able to.
Every comparison is made case-insensitively (also for case-sensitive rules: more
candidates, never fewer), by the regex engine itself, so Unicode case folding ("K" for
the Kelvin sign) is covered.
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from dataclasses import dataclass
from typing import Any

_ASCII = tuple(chr(c) for c in range(128))
_OTHER = "\x80"
"""Stands for every non-ASCII character: "más" opens as "m" + `_OTHER`, so the analysis
still knows it starts with "m" (blocks are narrowed by ASCII openings only)."""
_ANY = {*_ASCII, _OTHER}
_PAIR = 2


@dataclass(frozen=True, slots=True)
class _Openings:
    """The strings of up to two characters a match can start with, in ASCII and `_OTHER`
    (one shorter than two means the match can end there, so every longer opening is
    possible too), and the ASCII first characters they allow."""

    strings: frozenset[str]
    firsts: frozenset[str]


_OPENINGS: dict[tuple[str, int], _Openings | None] = {}


def may_start(pattern: re.Pattern[str], first: str) -> bool:
    """Whether a match of `pattern` can begin with the ASCII character `first`."""
    openings = _openings(pattern)
    return openings is None or first in openings.firsts


def may_open(pattern: re.Pattern[str], pair: str) -> bool:
    """Whether a match of `pattern` can begin with the two ASCII characters `pair`."""
    openings = _openings(pattern)
    if openings is None:
        return True
    strings = openings.strings
    return pair in strings or pair[0] in strings or "" in strings


def _openings(pattern: re.Pattern[str]) -> _Openings | None:
    """The openings of `pattern`, or None when the analysis cannot tell (remembered)."""
    key = (pattern.pattern, pattern.flags)
    if key not in _OPENINGS:
        _OPENINGS[key] = _read_openings(pattern)
    return _OPENINGS[key]


def _read_openings(pattern: re.Pattern[str]) -> _Openings | None:
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return None
    found = _sequence_pairs(list(tree))
    if found is None:
        return None
    firsts = set(_ASCII) if "" in found else {s[0] for s in found}
    return _Openings(frozenset(found), frozenset(firsts - {_OTHER}))


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
        return set(_ANY)
    if op is c.LITERAL:
        return _folding_to(re.escape(chr(av)))
    if op is c.IN:
        return _class_chars(av)
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


def _class_chars(items: Any) -> set[str]:
    """The ASCII characters a character class (`[...]`, `\\d`…) matches, ignoring case."""
    c = sre_constants
    chars: set[str] = set()
    for kind, arg in items:
        if kind is c.LITERAL:
            chars |= _folding_to(re.escape(chr(arg)))
        elif kind is c.RANGE:
            chars |= _folding_to(f"[{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}]")
        elif kind is c.CATEGORY and arg in _CATEGORIES:
            chars |= _folding_to(_CATEGORIES[arg])
        else:  # negated sets: anything
            return set(_ANY)
    return chars


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


_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d",
    sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s",
    sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w",
    sre_constants.CATEGORY_NOT_WORD: r"\W",
}


def _folding_to(expression: str) -> set[str]:
    """The ASCII characters `expression` (one character or a class) matches, ignoring
    case, and `_OTHER`: it may match some other character too ("k" the Kelvin sign)."""
    compiled = re.compile(expression, re.IGNORECASE)
    return {a for a in _ASCII if compiled.fullmatch(a)} | {_OTHER}
