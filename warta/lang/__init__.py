"""Per-language data (cue verbs, abbreviations, boilerplate patterns) kept out of stage code.

Each language is a folder ``warta/lang/<code>/``. A ``.txt`` file is a word or pattern
list, one entry a line (a line starting with ``#``, or text after `` #``, is a comment);
a ``.toml`` file is structured data.
Adding a language or a verb touches no stage code.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from warta.errors import WartaError


@cache
def word_list(language: str, name: str) -> tuple[str, ...]:
    """Entries of ``lang/<language>/<name>.txt``; empty when that language lacks the file."""
    path = resources.files("warta.lang").joinpath(language, f"{name}.txt")
    if not path.is_file():
        return ()
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split(" #", 1)[0].strip()
        if entry and not entry.startswith("#"):
            entries.append(entry)
    return tuple(entries)


@cache
def table(language: str, name: str) -> dict[str, Any]:
    """The parsed ``lang/<language>/<name>.toml``; empty when that language lacks the file."""
    path = resources.files("warta.lang").joinpath(language, f"{name}.toml")
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise WartaError(f"broken language data lang/{language}/{name}.toml: {e}") from e


@cache
def languages() -> tuple[str, ...]:
    """The languages warta has data for: the folders under ``warta/lang``."""
    root = resources.files("warta.lang")
    return tuple(
        sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
    )
