"""Mojibake repair with ftfy, behind a cheap test of whether the text can hold any.

ftfy's own gate (`badness.is_bad`) costs about 2 ms on a long page, more than the rest of
decoding. Every repair ftfy makes starts from a trace that this module finds in one regex
pass: a C1 control character, or a pair of characters that a single-byte encoding ftfy
tries would write as a UTF-8 lead byte and a continuation byte (or the "?", U+001A,
U+FFFD or space that lossy and no-break-space-mangling decoders leave in its place).
Text without such a trace is returned as it is, which is what ftfy would return too.
Most traces are innocent ("ół" in Polish, "’é"), so ftfy's own first test, whether its
badness pattern matches, is then asked of the stretches around non-ASCII characters
only (each of its matches holds one), not of the whole page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

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


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
BADNESS_REACH = 7
"""The most characters one match of ftfy's badness pattern spans (a test holds ftfy's
pattern to it, and to every match holding a non-ASCII character)."""


def fix_mojibake(text: str) -> str:
    """`ftfy.fix_encoding(text)`, skipped when the text shows no trace of mojibake."""
    return ftfy.fix_encoding(text) if may_hold_mojibake(text) and may_look_bad(text) else text


def may_look_bad(text: str) -> bool:
    """False only when ftfy's `is_bad(text)` is false, so `fix_encoding` returns `text`.

    Every match of its pattern holds a non-ASCII character and spans at most
    `BADNESS_REACH` characters, so only the stretches that reach that far around the
    non-ASCII runs are searched: on an English page with a few curly quotes, a few dozen
    characters instead of the page (about 2.4 ms on a long page).
    """
    reach = BADNESS_REACH - 1
    start = end = -1
    for run in _NON_ASCII.finditer(text):
        left, right = max(0, run.start() - reach), run.end() + reach
        if left <= end:
            end = right
            continue
        if end >= 0 and BADNESS_RE.search(text, start, end):
            return True
        start, end = left, right
    return end >= 0 and BADNESS_RE.search(text, start, end) is not None


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
