"""Mojibake repair with ftfy, behind a cheap test of whether the text can hold any.

ftfy's own gate (`badness.is_bad`) costs about 2 ms on a long page, more than the rest of
decoding. Every repair ftfy makes starts from a trace that this module finds in one regex
pass: a C1 control character, or a pair of characters that a single-byte encoding ftfy
tries would write as a UTF-8 lead byte and a continuation byte (or the "?", U+001A,
U+FFFD or space that lossy and no-break-space-mangling decoders leave in its place).
Text without such a trace is returned as it is, which is what ftfy would return too.
Most traces are innocent ("ół" in Polish, "’é"), so ftfy's own first test, whether its
badness pattern matches, is then asked of the stretches around the rare characters
every match of that pattern holds one of (`may_look_bad`), not of the whole page.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import ftfy
import ftfy.bad_codecs  # registers the "sloppy-windows-*" codecs named below
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CHARMAP_ENCODINGS

_LOST = "?\x1a\ufffd"
"""What lossy decoders leave where a continuation byte was."""
_A0_LEADS = (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9)
"""Lead bytes whose continuation ftfy restores from a space (U+00A0 read as a space)."""
_A0_LEADS_3 = (0xE2, 0xE3)
"""Three-byte leads ftfy restores when a space and a continuation follow."""


BADNESS_REACH = 7
"""The most characters one match of ftfy's badness pattern spans (a test holds ftfy's
pattern to it)."""


def fix_mojibake(text: str) -> str:
    """`ftfy.fix_encoding(text)`, skipped when the text shows no trace of mojibake."""
    if text.isascii() or not may_hold_mojibake(text) or not may_look_bad(text):
        return text
    return ftfy.fix_encoding(text)


def may_look_bad(text: str) -> bool:
    """False only when ftfy's `is_bad(text)` is false, so `fix_encoding` returns `text`.

    Every match of its pattern holds one of its marks (`_badness_marks`) and spans at
    most `BADNESS_REACH` characters, so only the stretches that reach that far around
    the marks are searched: on most pages a few dozen characters instead of the page
    (about 2.4 ms on a long one).
    """
    reach = BADNESS_REACH - 1
    start = end = -1
    for run in _badness_marks().finditer(text):
        left, right = max(0, run.start() - reach), run.end() + reach
        if left <= end:
            end = right
            continue
        if end >= 0 and BADNESS_RE.search(text, start, end):
            return True
        start, end = left, right
    return end >= 0 and BADNESS_RE.search(text, start, end) is not None


@cache
def _badness_marks() -> re.Pattern[str]:
    """Runs of the characters of which every match of ftfy's badness pattern holds one.

    Each alternative of the pattern contributes its rarest class of non-ASCII characters
    (fewest lower-case letters, then letters, then characters): "€" or "Â", not "é" or
    "ł", so a Polish or Russian page is not searched whole. Where the pattern cannot be
    read so (another ftfy), every non-ASCII character is a mark.
    """
    try:
        marks = set().union(*map(_rarest_class, _alternatives(BADNESS_RE)))
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        marks = set()
    if not marks:
        return re.compile(r"[^\x00-\x7f]+")
    return re.compile("[" + "".join(map(re.escape, sorted(marks))) + "]+")


def _alternatives(pattern: re.Pattern[str]) -> list[list[tuple[Any, Any]]]:
    """The top-level alternatives of a pattern, as lists of parsed items."""
    parsed = _stdlib("_parser").parse(pattern.pattern, pattern.flags)
    (op, (_, branches)), *rest = parsed.data
    if op is not _stdlib("_constants").BRANCH or rest:
        raise ValueError("not one alternation")
    return [list(branch.data) for branch in branches]


def _rarest_class(items: list[tuple[Any, Any]]) -> set[str]:
    """The rarest set of non-ASCII characters one of `items` must match (ValueError if none)."""
    classes = [found for found in map(_non_ascii_chars, items) if found]
    if not classes:
        raise ValueError("an alternative may match ASCII text only")
    return min(classes, key=lambda c: (sum(map(str.islower, c)), sum(map(str.isalpha, c)), len(c)))


def _stdlib(module: str) -> Any:
    """`re._parser` or `re._constants`: the standard library's own reading of a pattern
    (private, without type stubs; `_badness_marks` falls back if they change)."""
    return importlib.import_module(f"re.{module}")


def _non_ascii_chars(item: tuple[Any, Any]) -> set[str]:
    """The characters a parsed literal or class matches, if all are non-ASCII; else none."""
    constants = _stdlib("_constants")
    op, value = item
    if op is constants.LITERAL:
        return {chr(value)} if value > 0x7F else set()
    if op is not constants.IN:
        return set()
    found: set[str] = set()
    for kind, arg in value:
        if kind not in (constants.LITERAL, constants.RANGE):
            return set()
        low, high = (arg, arg) if kind is constants.LITERAL else arg
        if low <= 0x7F:
            return set()
        found.update(map(chr, range(low, high + 1)))
    return found


def may_hold_mojibake(text: str) -> bool:
    """True when ftfy might change `text`; False only when it cannot."""
    masks = _masks()
    lead_of, cont_of, a0_of, a0_3_of = masks
    for found in _candidates().finditer(text):
        char = found.group()
        if char < "\xa0":
            return True
        end = found.end()
        after = text[end]
        lead = lead_of[char]
        if after in _LOST or lead & cont_of.get(after, 0):
            return True
        following = text[end + 1 : end + 2]  # one character, not a copy of the rest of the text
        if after == " " and (
            a0_of.get(char, 0) or a0_3_of.get(char, 0) & cont_of.get(following, 0)
        ):
            return True
    return False


@cache
def _masks() -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]:
    """Per character, a bit per encoding in which it is a lead byte, a continuation byte,
    an A0-restorable lead and a three-byte A0-restorable lead."""
    no_macroman = [e if e != "macroman" else "" for e in CHARMAP_ENCODINGS]  # ftfy skips it
    return (
        _byte_chars(range(0xC0, 0x100), CHARMAP_ENCODINGS),
        _byte_chars(range(0x80, 0xC0), CHARMAP_ENCODINGS),
        _byte_chars(_A0_LEADS, no_macroman),
        _byte_chars(_A0_LEADS_3, no_macroman),
    )


def _byte_chars(byte_values: Iterable[int], encodings: list[str]) -> dict[str, int]:
    values = list(byte_values)
    out: dict[str, int] = {}
    for bit, encoding in enumerate(encodings):
        for value in values if encoding else ():
            try:
                char = bytes([value]).decode(encoding)
            except UnicodeDecodeError:
                continue
            out[char] = out.get(char, 0) | 1 << bit
    return out


@cache
def _candidates() -> re.Pattern[str]:
    """C1 controls, and any lead character with something after it that could complete it."""
    lead_of, cont_of, _, _ = _masks()
    leads = "".join(map(re.escape, sorted(lead_of)))
    follows = "".join(map(re.escape, sorted({*cont_of, *_LOST, " "})))
    return re.compile(f"[\x80-\x9f]|[{leads}](?=[{follows}])")
