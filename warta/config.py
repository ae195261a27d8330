"""The shipped default config and user overlays on it."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from warta.errors import WartaError


def default_config() -> dict[str, Any]:
    text = resources.files("warta").joinpath("default.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """The default config, overlaid with the user's TOML file when one is given."""
    config = default_config()
    if path is None:
        return config
    try:
        overlay = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise WartaError(f"cannot read config {path}: {e}") from e
    return merge(config, overlay)


def merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged
