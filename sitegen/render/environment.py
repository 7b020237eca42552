"""The Jinja2 environment: theme lookup chain, autoescape for HTML and XML, strict undefined."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

DEFAULT_THEME = Path(__file__).resolve().parents[2] / "themes" / "default"


def theme_dirs(root: Path, theme: str) -> list[Path]:
    """The user's theme first, then the bundled default: a theme may override one template."""
    chosen = root / "themes" / theme
    dirs = [chosen] if chosen.is_dir() and chosen.resolve() != DEFAULT_THEME else []
    return [*dirs, DEFAULT_THEME]


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja2's environment, reading a view's keys without a failed attribute lookup.

    Templates see plain dicts (`sitegen/render/views.py`), and Jinja2 reads `view.title`
    as an attribute first: for a dict that raises AttributeError before the key is
    read, on every access, and that made about a quarter of the page templates' time.
    The result is the same: a dict's attributes are its type's, so a name that is not
    one is looked up as a key first, exactly as Jinja2 would after the failed attempt.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


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
    return _Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
