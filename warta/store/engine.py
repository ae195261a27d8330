"""Turning a ``--db`` value into a configured SQLAlchemy engine, SQLite or PostgreSQL.

All backend-specific connection setup lives here, so the rest of the store is portable SQL.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from warta.errors import WartaError

#: How long a SQLite connection waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 10_000
BACKENDS = ("sqlite", "postgresql")
#: Execution option marking a transaction that will write (SQLite then BEGINs IMMEDIATE).
_WRITE_OPTION = "warta_write"


def database_url(target: str) -> URL:
    """The SQLAlchemy URL for a file path, ``:memory:`` or URL; refuses unsupported backends.

    A plain ``postgresql://`` URL gets psycopg 3, the maintained driver; a file path becomes
    an absolute SQLite URL (its folder is not created: ``Store.open`` says when it is missing).
    """
    if "://" not in target:
        if target in ("", ":memory:"):
            return URL.create("sqlite")
        path = Path(target).expanduser().resolve()
        return URL.create("sqlite", database=str(path))
    try:
        url = make_url(target)
    except ArgumentError as e:
        raise WartaError(f"cannot parse database URL {target!r}: {e}") from e
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in BACKENDS:
        raise WartaError(
            f"unsupported database {url.get_backend_name()!r}: warta stores to "
            f"{' or '.join(BACKENDS)}"
        )
    return url


def open_engine(url: URL) -> Engine:
    """An engine for ``url``: JSON kept readable (no ``\\u`` escapes), SQLite tuned."""
    serializer = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    if url.get_backend_name() != "sqlite":
        return create_engine(url, json_serializer=serializer, pool_pre_ping=True)
    if sqlite_file(url) is None:
        # One shared connection, or each thread would see its own empty in-memory database.
        engine = create_engine(
            url,
            json_serializer=serializer,
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
        )
    else:
        engine = create_engine(url, json_serializer=serializer)
    _sqlite_hooks(engine)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, with transactions that announce up front that they will write."""
    return engine.execution_options(**{_WRITE_OPTION: True})


def sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL; None for an in-memory database."""
    database = url.database or ""
    if database in ("", ":memory:") or url.query.get("mode") == "memory":
        return None
    return Path(database)


def _sqlite_hooks(engine: Engine) -> None:
    """SQLite settings for a write-heavy ingest beside readers, applied to every connection.

    WAL lets readers go on while a batch is written; synchronous=NORMAL is durable across
    process crashes in WAL mode; foreign keys are off in SQLite unless asked for. pysqlite's
    own transaction handling is switched off so that SQLAlchemy's BEGIN covers DDL too
    (migrations are atomic) and so writes can BEGIN IMMEDIATE, taking the write lock up
    front (waiting up to the busy timeout) rather than failing to upgrade a read lock when
    another process wrote in between.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
