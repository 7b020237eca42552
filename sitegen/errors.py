"""User-facing errors: each carries the file it is about, and str() is the one line shown."""

from __future__ import annotations

from pathlib import Path


class SitegenError(Exception):
    """An error caused by input or configuration, reported without a traceback."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class ConfigError(SitegenError):
    """Invalid `[tool.sitegen]` configuration."""


class SeedError(SitegenError):
    """A capture that cannot be read or decoded."""


class FrontMatterError(SitegenError):
    """Malformed or invalid YAML front matter."""


class RuleError(SitegenError):
    """A rule pack that is malformed or has a rule that would match everything."""
