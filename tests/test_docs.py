"""Every command and every shipped setting is documented (a habit from datasette)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from warta.cli import cli
from warta.config import default_config

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: str = "warta") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, path))
        else:
            paths.append(path)
    return paths


@pytest.mark.parametrize("command", command_paths(cli))
def test_command_is_in_readme(command: str) -> None:
    assert command in README, f"README.md does not mention `{command}`"


@pytest.mark.parametrize("stage", default_config()["pipeline"]["stages"])
def test_default_stage_is_in_readme(stage: str) -> None:
    assert f"`{stage}`" in README
