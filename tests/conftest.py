"""Shared fixtures. Test data lives in tests/fixtures (see tests/fixtures/README.md for sources)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def seed_text() -> str:
    return (FIXTURES / "seed-article.txt").read_text(encoding="utf-8")
