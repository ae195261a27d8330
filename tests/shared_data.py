"""The ../shared data beside the repo, for tests that score against it and skip without it.

A module of its own (not conftest.py): several test folders have a conftest, and
``from conftest import ...`` would find whichever of them was imported last.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that data is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)}")
    return path
