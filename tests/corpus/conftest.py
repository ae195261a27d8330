"""A store per backend for the corpus tests: SQLite always, PostgreSQL when
WARTA_TEST_POSTGRES_URL names a database (each test gets its own schema there)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.store import Store


@pytest.fixture(params=["sqlite-file", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        target = str(request.getfixturevalue("postgres_target"))
    else:
        target = str(tmp_path / "warta.db")
    with Store.open(target) as opened:
        yield opened
