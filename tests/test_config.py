"""Configuration: defaults for everything, every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import load_config
from sitegen.errors import ConfigError


def test_no_configuration_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.base_url == "/" and config.seeds == tmp_path / "seeds"


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sitegen]\ntitel = "x"\ntimezone = "Mars/Base"\nlanguage = 3\nsee_also_days = -1\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    message = str(caught.value)
    assert "unknown key 'titel'" in message
    assert "'timezone' is not an IANA zone: 'Mars/Base'" in message
    assert "'language' must be a str, not int" in message
    assert "'see_also_days' must be 0 or more, not -1" in message


def test_environment_overrides_base_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_BASE_URL", "https://user.github.io/archive/")
    assert load_config(tmp_path).base_url == "https://user.github.io/archive/"
