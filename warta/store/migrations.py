"""Schema versions of a warta database, applied in order and recorded in ``schema_migrations``.

A new database gets today's schema at once (``schema.py``) with every version recorded, so
a migration only ever runs on a database an older warta made, which is exactly the shape
it was written for. To change the schema: edit ``schema.py`` and append a ``Migration``
whose ``upgrade`` brings a database of the previous version to the new one. Each pending
migration runs in its own transaction together with its ``schema_migrations`` row, so a
crash leaves the database at the last version that finished.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, func, inspect, select, text

from warta.errors import SchemaError
from warta.store import schema
from warta.store.engine import writer

log = logging.getLogger(__name__)

#: PostgreSQL advisory lock key held while migrating ("warta" in ASCII).
_PG_LOCK_KEY = 0x7761727461


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    upgrade: Callable[[Connection], None]


def _create_schema(conn: Connection) -> None:
    """Build today's schema (schema.py) on an empty database: version 1, and the start of
    every new database, which then counts as having every later version too."""
    schema.metadata.create_all(conn)


def _canonical_entities(conn: Connection) -> None:
    """Version 2: entities gain a corpus-wide identity; old rows are filed by type and name."""
    from warta.store.entities import rebuild_canonical_entities

    for column, sql_type in (
        ("canonical_id", "TEXT"),
        ("kind", "VARCHAR(64)"),
        ("country", "VARCHAR(8)"),
        ("code", "VARCHAR(64)"),
        ("mention_count", "INTEGER"),
    ):
        conn.execute(text(f"ALTER TABLE entities ADD COLUMN {column} {sql_type}"))
    conn.execute(text("CREATE INDEX ix_entities_canonical_id ON entities (canonical_id)"))
    schema.canonical_entities.create(conn)
    schema.entity_aliases.create(conn)
    rebuild_canonical_entities(conn)


def _dates(conn: Connection) -> None:
    """Version 3: a ``dates`` table of TIMEX3 expressions, filled from the stored documents."""
    from warta.document import Document
    from warta.store.store import date_rows

    schema.dates.create(conn)
    stored = conn.execute(select(schema.documents.c.data))
    rows = [row for (data,) in stored for row in date_rows(Document.from_dict(data))]
    if rows:
        conn.execute(schema.dates.insert(), rows)
def _events(conn: Connection) -> None:
    """Version 4: the ``events`` table (documents stored before it had no events layer)."""
    schema.events.create(conn)


def _corpus_tables(conn: Connection) -> None:
    """Search index, near-duplicate and story tables; documents already stored are indexed
    and clustered, so search and stories cover them too."""
    schema.metadata.create_all(conn, tables=schema.CORPUS_TABLES)
    schema.documents_url_index.create(conn, checkfirst=True)
    from warta.corpus import rebuild_connection

    rebuild_connection(conn)


#: Every schema version this warta knows, oldest first, versions 1, 2, 3, ... without gaps.
MIGRATIONS: list[Migration] = [
    Migration(1, "documents, entities, mentions, quotes, failures", _create_schema),
    Migration(2, "canonical entities and learned aliases", _canonical_entities),
    Migration(3, "dates (TIMEX3 expressions)", _dates),
    Migration(4, "events table", _events),
    Migration(5, "corpus: search index, near-duplicates, stories", _corpus_tables),
]


def latest_version() -> int:
    return MIGRATIONS[-1].version


def current_version(engine: Engine) -> int:
    """The highest version recorded in the database; 0 for a database warta never touched."""
    with engine.connect() as conn:
        return _version(conn)


def migrate(engine: Engine) -> int:
    """Bring the database to the latest version; returns how many migrations ran.

    Opening an up-to-date database only reads. A database made by a newer warta is refused,
    because this code would misread tables it does not know. Processes opening the same
    database at once take turns: each step re-reads the version under a write lock.
    """
    url = engine.url.render_as_string(hide_password=True)
    if _check(current_version(engine), url) == latest_version():
        return 0
    ran = 0
    by_version = {m.version: m for m in MIGRATIONS}
    while True:
        with writer(engine).begin() as conn:
            _lock(conn)
            current = _check(_version(conn), url)
            if current == latest_version():
                return ran
            if current == 0:
                _refuse_foreign_tables(conn, url)
                MIGRATIONS[0].upgrade(conn)
                for migration in MIGRATIONS:
                    _record(conn, migration)
                ran += len(MIGRATIONS)
                log.info("created warta schema version %d in %s", latest_version(), url)
            else:
                migration = by_version[current + 1]
                migration.upgrade(conn)
                _record(conn, migration)
                ran += 1
                log.info("migrated %s to version %d: %s", url, migration.version, migration.name)


def _check(version: int, url: str) -> int:
    if version > latest_version():
        raise SchemaError(
            f"database {url} has schema version {version}, but this warta knows versions "
            f"up to {latest_version()}; upgrade warta to open it"
        )
    return version


def _version(conn: Connection) -> int:
    if not inspect(conn).has_table(schema.schema_migrations.name):
        return 0
    version = conn.execute(select(func.max(schema.schema_migrations.c.version))).scalar()
    return int(version or 0)


def _lock(conn: Connection) -> None:
    """Serialize migrations between processes (SQLite already holds its write lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_LOCK_KEY)))


def _refuse_foreign_tables(conn: Connection, url: str) -> None:
    """A database with warta's table names but no migration record was not made by warta;
    building the schema around those tables would mix two data models."""
    clashes = sorted(set(inspect(conn).get_table_names()) & set(schema.metadata.tables))
    if clashes:
        raise SchemaError(
            f"database {url} has tables {', '.join(clashes)} but no schema_migrations "
            "record: it was not made by warta; use another database"
        )


def _record(conn: Connection, migration: Migration) -> None:
    conn.execute(
        schema.schema_migrations.insert().values(
            version=migration.version, name=migration.name, applied_at=datetime.now(UTC)
        )
    )
