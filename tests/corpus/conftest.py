"""A store per backend for the corpus tests: SQLite always, PostgreSQL when
WARTA_TEST_POSTGRES_URL names a database (each test gets its own schema there)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from warta.store import Store, database_url

POSTGRES_ENV = "WARTA_TEST_POSTGRES_URL"


@pytest.fixture
def postgres_target() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"set {POSTGRES_ENV} to run the PostgreSQL tests")
    name = f"warta_test_{uuid.uuid4().hex[:12]}"
    url = database_url(base)
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    yield url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
        hide_password=False
    )
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite-file", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        target = str(request.getfixturevalue("postgres_target"))
    else:
        target = str(tmp_path / "warta.db")
    with Store.open(target) as opened:
        yield opened
