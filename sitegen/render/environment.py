"""The Jinja2 environment: theme lookup chain, autoescape for HTML and XML, strict undefined."""

from __future__ import annotations

from pathlib import Path

import jinja2

DEFAULT_THEME = Path(__file__).resolve().parents[2] / "themes" / "default"


def theme_dirs(root: Path, theme: str) -> list[Path]:
    """The user's theme first, then the bundled default: a theme may override one template."""
    chosen = root / "themes" / theme
    dirs = [chosen] if chosen.is_dir() and chosen.resolve() != DEFAULT_THEME else []
    return [*dirs, DEFAULT_THEME]


def make_env(dirs: list[Path]) -> jinja2.Environment:
    """Templates from each theme's `templates/`; `!default/` reaches the bundled one."""
    chain = jinja2.ChoiceLoader([jinja2.FileSystemLoader(d / "templates") for d in dirs])
    loader = jinja2.ChoiceLoader(
        [
            chain,
            jinja2.PrefixLoader(
                {"!default": jinja2.FileSystemLoader(DEFAULT_THEME / "templates")}, delimiter="/"
            ),
        ]
    )
    return jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
