"""Mojibake repair with ftfy, behind a cheap test of whether the text can hold any.

ftfy's own gate (`badness.is_bad`) costs about 2 ms on a long page, more than the rest of
decoding. Every repair ftfy makes starts from a trace that this module finds in one regex
pass: a C1 control character, or a pair of characters that a single-byte encoding ftfy
tries would write as a UTF-8 lead byte and a continuation byte (or the "?", U+001A,
U+FFFD or space that lossy and no-break-space-mangling decoders leave in its place).
Text without such a trace is returned as it is, which is what ftfy would return too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import ftfy
import ftfy.bad_codecs  # registers the "sloppy-windows-*" codecs named below
from ftfy.chardata import CHARMAP_ENCODINGS

_LOST = "?\x1a\ufffd"
"""What lossy decoders leave where a continuation byte was."""
_A0_LEADS = (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9)
"""Lead bytes whose continuation ftfy restores from a space (U+00A0 read as a space)."""
_A0_LEADS_3 = (0xE2, 0xE3)
"""Three-byte leads ftfy restores when a space and a continuation follow."""


def fix_mojibake(text: str) -> str:
    """`ftfy.fix_encoding(text)`, skipped when the text shows no trace of mojibake."""
    return ftfy.fix_encoding(text) if may_hold_mojibake(text) else text


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
