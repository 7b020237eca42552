"""User-facing errors: each carries the file it is about, and str() is the one line shown."""

from __future__ import annotations

import re
from pathlib import Path

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Control characters, line and paragraph separators, bidirectional overrides: in a file
name or a quoted value they would split the one line or make it read otherwise."""


class SitegenError(Exception):
    """An error caused by input or configuration, reported without a traceback."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return one_line(self.message)
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return one_line(f"{where}: {self.message}")


def one_line(text: str) -> str:
    """`text` with every character that could break or disguise the line escaped (\\n, \\u202e)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class ConfigError(SitegenError):
    """Invalid `[tool.sitegen]` configuration."""


class SeedError(SitegenError):
    """A capture that cannot be read or decoded."""


class FrontMatterError(SitegenError):
    """Malformed or invalid YAML front matter."""


class RuleError(SitegenError):
    """A rule pack that is malformed or has a rule that would match everything."""
