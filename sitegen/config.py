"""Site configuration: `[tool.sitegen]` in pyproject.toml, typed, with a default for every key."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.errors import ConfigError


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Every setting the tool reads; paths are resolved against the project root."""

    title: str = "News archive"
    """Site title shown in every page header and feed."""
    base_url: str = "/"
    """Public URL of the site root; its path is the base path (e.g. `/archive/`)."""
    language: str = "en"
    """Default interface language (BCP 47) when an article gives none."""
    timezone: str = "UTC"
    """IANA zone for datelines that carry no offset and whose outlet is unknown."""
    theme: str = "default"
    """Theme folder name under `themes/`."""
    seeds: Path = Path("seeds")
    """Folder of raw captures (never modified)."""
    content: Path = Path("content")
    """Folder of articles, annotations, entities.yml and editors' rule packs."""
    out: Path = Path("public")
    """Output folder of the built site."""
    max_seed_bytes: int = 20_000_000
    """Captures larger than this are refused with an error instead of being read."""
    search_shard_articles: int = 1000
    """Articles per search bundle: a language with more is indexed in several bundles, so an
    edit re-indexes one of them (the search page merges them)."""
    see_also_days: int = 365
    """How many days before a page's capture a promoted headline's article may be published
    to be linked (teaser boxes promote recent stories); 0 links titles of any date."""

    @property
    def articles_dir(self) -> Path:
        return self.content / "articles"

    @property
    def rules_dir(self) -> Path:
        return self.content / "rules"

    @property
    def entities_file(self) -> Path:
        return self.content / "entities.yml"

    @property
    def static_dir(self) -> Path:
        """The editors' own files, published at the site root as they are."""
        return self.content / "static"


_PATH_KEYS = {"seeds", "content", "out"}
_INT_KEYS = {"max_seed_bytes", "search_shard_articles", "see_also_days"}
_DEFAULTS = SiteConfig()


def load_config(root: Path, overrides: dict[str, Any] | None = None) -> SiteConfig:
    """Read `[tool.sitegen]` from root/pyproject.toml, apply overrides, report all problems."""
    table = _read_table(root / "pyproject.toml")
    env_base = os.environ.get("SITEGEN_BASE_URL")
    if env_base:
        table["base_url"] = env_base
    table.update({k: v for k, v in (overrides or {}).items() if v is not None})
    problems = _validate(table)
    if problems:
        raise ConfigError("; ".join(problems), root / "pyproject.toml")
    values = {k: (root / v if k in _PATH_KEYS else v) for k, v in table.items()}
    for key in _PATH_KEYS - values.keys():
        values[key] = root / getattr(_DEFAULTS, key)
    return SiteConfig(**values)


def config_for_test(root: Path, **overrides: Any) -> SiteConfig:
    """A default configuration rooted in `root`, for tests."""
    base = SiteConfig(seeds=root / "seeds", content=root / "content", out=root / "public")
    return replace(base, **overrides)


def _read_table(pyproject: Path) -> dict[str, Any]:
    if not pyproject.is_file():
        return {}
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot parse: {exc}", pyproject) from None
    table = data.get("tool", {}).get("sitegen", {})
    return dict(table) if isinstance(table, dict) else {}


def _validate(table: dict[str, Any]) -> list[str]:
    """Every problem in the table, so the user fixes them in one pass."""
    known = {f.name: f for f in fields(SiteConfig)}
    problems = [f"unknown key '{k}'" for k in sorted(table) if k not in known]
    for key, value in table.items():
        if key not in known:
            continue
        expected = int if key in _INT_KEYS else str
        if key in _PATH_KEYS and isinstance(value, Path):
            continue
        if not isinstance(value, expected) or isinstance(value, bool):
            problems.append(f"'{key}' must be a {expected.__name__}, not {type(value).__name__}")
    shard = table.get("search_shard_articles")
    if isinstance(shard, int) and not isinstance(shard, bool) and shard < 1:
        problems.append(f"'search_shard_articles' must be at least 1, not {shard}")
    days = table.get("see_also_days")
    if isinstance(days, int) and not isinstance(days, bool) and days < 0:
        problems.append(f"'see_also_days' must be 0 or more, not {days}")
    zone = table.get("timezone")
    if isinstance(zone, str) and not _is_zone(zone):
        problems.append(f"'timezone' is not an IANA zone: {zone!r}")
    return problems


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
