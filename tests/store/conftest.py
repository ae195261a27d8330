"""Backend fixtures for the store tests: SQLite (file and in-memory) always, PostgreSQL when
WARTA_TEST_POSTGRES_URL names a database to test in (each test gets its own schema there)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from warta.store import Store


@pytest.fixture(params=["sqlite-file", "postgresql"])
def durable_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database that outlives one Store (and one process)."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_target"))
    return str(tmp_path / "warta.db")


@pytest.fixture(params=["sqlite-file", "sqlite-memory", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        target = str(request.getfixturevalue("postgres_target"))
    elif request.param == "sqlite-memory":
        target = ":memory:"
    else:
        target = str(tmp_path / "warta.db")
    with Store.open(target) as opened:
        yield opened


#: What each schema version added, newest last, for tests that rebuild an older database.
_ADDED_BY_VERSION: dict[int, list[str]] = {
    2: [
        "DROP INDEX ix_entities_canonical_id",
        *(
            f"ALTER TABLE entities DROP COLUMN {column}"
            for column in ("canonical_id", "kind", "country", "code", "mention_count")
        ),
        "DROP TABLE canonical_entities",
        "DROP TABLE entity_aliases",
    ],
    3: ["DROP TABLE dates"],
    4: ["DROP TABLE events"],
    5: [
        "DROP TABLE search_fts",
        "DROP TABLE search_index",
        "DROP TABLE doc_minhash",
        "DROP TABLE doc_bands",
        "DROP TABLE duplicate_members",
        "DROP TABLE story_members",
        "DROP INDEX IF EXISTS ix_documents_url",
    ],
}


def downgrade_sqlite(store: Store, version: int) -> None:
    """Turn a new SQLite database into one an older warta made at ``version``: the tables and
    columns of later versions dropped, their migration records deleted."""
    from warta.store.migrations import latest_version

    assert latest_version() == max(_ADDED_BY_VERSION), "describe the new version here"
    with store.engine.begin() as conn:
        for added in sorted(_ADDED_BY_VERSION, reverse=True):
            if added <= version:
                break
            for statement in _ADDED_BY_VERSION[added]:
                conn.execute(text(statement))
        conn.execute(text("DELETE FROM schema_migrations WHERE version > :v"), {"v": version})


@pytest.fixture
def downgrade() -> Callable[[Store, int], None]:
    """``downgrade(store, version)``: see ``downgrade_sqlite``."""
    return downgrade_sqlite
