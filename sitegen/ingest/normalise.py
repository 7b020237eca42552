"""Text normalisations applied to kept blocks before they reach the article body."""

from __future__ import annotations

import re
import unicodedata

# "terça -feira": machine translation leaves a space before a hyphen that joins two words.
# The " -" comes first (the letter before it is looked behind for): a pattern opening with
# literal text is searched for as text, six times faster than testing every position.
_SPACED_HYPHEN = re.compile(r" -(?<=[^\W\d_] -)(?=[^\W\d_])")
# "– turbulência global –", "— Heading —", "* Heading *", "• Heading": decoration around crossheads.
_HEADING_DECORATION = re.compile(r"^[\s\-–—•*·|#=]+|[\s\-–—•*·|#=]+$")


def normalise_paragraph(text: str) -> str:
    """NFC, folded whitespace, and the joined-hyphen repair."""
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    return _SPACED_HYPHEN.sub("-", text)


def normalise_heading(text: str) -> str:
    """A crosshead without its dashes or bullets, starting with a capital."""
    core = _HEADING_DECORATION.sub("", normalise_paragraph(text))
    return core[:1].upper() + core[1:] if core else normalise_paragraph(text)
