"""The ``Store``: documents, their entities and quotes, and pipeline failures in SQL.

SQLAlchemy Core over SQLite (the default, one file) or PostgreSQL. Every write is one
transaction per call keyed by document id (a content hash), so a process killed mid-ingest
loses at most the batch it was writing, and a re-run stores each document exactly once.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Table,
    and_,
    delete,
    func,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from warta.document import Document, Speaker
from warta.errors import InputError, WartaError
from warta.pipeline import Failure
from warta.store import entities as identities
from warta.store.engine import database_url, open_engine, sqlite_file, writer
from warta.store.migrations import migrate
from warta.store.schema import (
    canonical_entities,
    dates,
    documents,
    entities,
    events,
    failures,
    mentions,
    quotes,
)

log = logging.getLogger(__name__)

#: The PostgreSQL advisory lock that serializes ``save_documents`` transactions.
_WRITE_LOCK = 0x77617274  # "wart"
#: Bound parameters per ``IN (...)`` list, well under every backend's limit.
_CHUNK = 500
#: A document id prefix that ``get_document`` expands: at least 6 hex digits.
_HEX_PREFIX = re.compile(r"[0-9a-fA-F]{6,}")
_WORD = re.compile(r"\w+")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """One (source, stage) that failed; recording it again replaces the earlier record."""

    source: str
    stage: str
    error_type: str
    message: str
    doc_id: str | None = None

    @classmethod
    def from_failure(cls, failure: Failure) -> FailureRecord:
        """The record of a pipeline ``Failure``; a document read from no named source is
        keyed by its id."""
        return cls(
            source=failure.source or failure.doc_id,
            stage=failure.stage,
            error_type=failure.error_type,
            message=failure.message,
            doc_id=failure.doc_id or None,
        )


class Store:
    """A warta database. Open it with ``Store.open(path_or_url)``; close it or use ``with``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)

    @classmethod
    def open(cls, target: str, *, create: bool = True) -> Store:
        """Open (migrating as needed) the database at ``target``; create it if ``create``.

        ``target`` is a file path (SQLite), ``:memory:``, or an SQLAlchemy URL such as
        ``sqlite:///warta.db`` or ``postgresql+psycopg://user@host/db``; a plain
        ``postgresql://`` URL uses psycopg 3. A missing SQLite file is ``no database at PATH``
        when ``create`` is false (readers never leave an empty file behind); a missing folder
        is an error either way, never created silently.
        """
        url = database_url(target)
        shown = url.render_as_string(hide_password=True)
        path = sqlite_file(url)
        if path is not None and not path.exists():
            if not create:
                raise WartaError(f"no database at {path}")
            if not path.parent.is_dir():
                raise WartaError(f"cannot create database {path}: no folder {path.parent}")
        try:
            engine = open_engine(url)
        except ModuleNotFoundError as e:
            raise WartaError(
                f"no database driver for {shown}: {e}; for PostgreSQL, pip install psycopg"
            ) from e
        try:
            migrate(engine)
        except SQLAlchemyError as e:
            engine.dispose()
            raise WartaError(f"cannot open database {shown}: {_reason(e)}") from e
        except WartaError:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for queries this class does not offer."""
        return self._engine

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------

    def save_documents(self, docs: Sequence[Document]) -> int:
        """Store ``docs`` in one transaction and return how many ids were not stored before.

        A document already stored under the same id is replaced, child rows included; the
        failures recorded for these documents' sources are cleared, since they now succeeded.
        """
        batch: dict[str, Document] = {}
        for doc in docs:
            if not doc.id:
                raise WartaError(f"cannot store a document without an id (source {doc.source!r})")
            batch[doc.id] = doc  # the last of repeated ids wins, as a later save would
        if not batch:
            return 0
        ids = list(batch)
        sources = sorted({d.source for d in batch.values() if d.source})
        now = datetime.now(UTC)
        with self._errors("saving documents"), self._writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                # The corpus-wide rows below (canonical entities, duplicates, stories) are
                # read, recomputed and rewritten: concurrent writers (Dask or Spark workers)
                # take turns, as SQLite's one writer does. Analysis stays parallel.
                conn.execute(select(func.pg_advisory_xact_lock(_WRITE_LOCK)))
            existing = _existing_ids(conn, ids)
            before = identities.previous_ids(conn, ids)
            conn.execute(
                _upsert(conn, documents, ("id",)), [document_row(d, now) for d in batch.values()]
            )
            for chunk in _chunks(ids):
                for table in (mentions, entities, quotes, dates, events):
                    conn.execute(delete(table).where(table.c.doc_id.in_(chunk)))
            for table, rows in _child_rows(batch.values()).items():
                if rows:
                    conn.execute(table.insert(), rows)
            identities.update_identities(conn, batch.values(), before)
            # Search index, near-duplicates and stories: in this transaction, so a stored
            # document is always searchable and grouped (warta/corpus).
            from warta.corpus import update as update_corpus

            update_corpus(conn, list(batch.values()))
            for chunk in _chunks(ids):
                conn.execute(delete(failures).where(failures.c.doc_id.in_(chunk)))
            for chunk in _chunks(sources):
                conn.execute(delete(failures).where(failures.c.source.in_(chunk)))
        new = len(ids) - len(existing)
        log.debug("saved %d documents (%d new) to %s", len(ids), new, self.url)
        return new

    def record_failures(self, records: Sequence[FailureRecord]) -> None:
        """Record failures, one row per (source, stage): recording again updates the row."""
        latest: dict[tuple[str, str], FailureRecord] = {(r.source, r.stage): r for r in records}
        if not latest:
            return
        now = datetime.now(UTC)
        rows = [
            {
                "source": r.source,
                "stage": r.stage,
                "error_type": r.error_type,
                "message": r.message,
                "doc_id": r.doc_id,
                "recorded_at": now,
            }
            for r in latest.values()
        ]
        with self._errors("recording failures"), self._writer.begin() as conn:
            conn.execute(_upsert(conn, failures, ("source", "stage")), rows)

    # -- reading ---------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored, so a re-run can skip those documents."""
        wanted = list(dict.fromkeys(ids))
        with self._errors("looking up ids"), self._engine.connect() as conn:
            return _existing_ids(conn, wanted)

    def get_document(self, doc_id_or_prefix: str) -> Document | None:
        """The document with this id, or with the one id starting with these (6+) hex digits.

        An ambiguous prefix raises ``WartaError`` naming the ids it matches.
        """
        data = self.get_document_data(doc_id_or_prefix)
        return Document.from_dict(data) if data is not None else None

    def get_document_data(self, doc_id_or_prefix: str) -> dict[str, Any] | None:
        """``get_document``'s stored JSON as it is (any readable schema version), for callers
        that pass it on without building a ``Document`` (the API)."""
        key = doc_id_or_prefix.strip()
        with self._errors("reading a document"), self._engine.connect() as conn:
            data = conn.execute(select(documents.c.data).where(documents.c.id == key)).scalar()
            if data is None and _HEX_PREFIX.fullmatch(key):
                rows = conn.execute(
                    select(documents.c.id, documents.c.data)
                    .where(documents.c.id.like(key.lower() + "%"))
                    .order_by(documents.c.id)
                    .limit(6)
                ).all()
                if len(rows) > 1:
                    shown = ", ".join(r.id for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
                    raise WartaError(
                        f"document id prefix {key!r} is ambiguous: it matches {shown}; "
                        "give more digits"
                    )
                data = rows[0].data if rows else None
        return data

    def find_by_source(self, source: str) -> Document | None:
        """The document most recently stored from ``source`` (a path or URL)."""
        with self._errors("reading a document"), self._engine.connect() as conn:
            data = conn.execute(
                select(documents.c.data)
                .where(documents.c.source == source)
                .order_by(documents.c.ingested_at.desc(), documents.c.id)
                .limit(1)
            ).scalar()
        return Document.from_dict(data) if data is not None else None

    def stats(self) -> dict[str, Any]:
        """Counts for a dashboard or ``warta stats``: what is stored and what failed."""
        with self._errors("computing stats"), self._engine.connect() as conn:

            def count(table: Table) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

            def by(column: Any) -> dict[str, int]:
                rows = conn.execute(
                    select(column, func.count()).group_by(column).order_by(func.count().desc())
                ).all()
                return {("unknown" if key is None else str(key)): int(n) for key, n in rows}

            failure_rows = conn.execute(select(failures.c.stage, failures.c.error_type)).all()
            return {
                "documents": count(documents),
                "text_chars": int(
                    conn.execute(
                        select(func.coalesce(func.sum(documents.c.text_length), 0))
                    ).scalar_one()
                ),
                "languages": by(documents.c.language),
                "sites": by(documents.c.site),
                "entities": count(entities),
                "entities_by_type": by(entities.c.type),
                "canonical_entities": count(canonical_entities),
                "mentions": count(mentions),
                "quotes": count(quotes),
                "quotes_by_kind": by(quotes.c.kind),
                "dates": count(dates),
                "events": count(events),
                "events_by_type": by(events.c.type),
                "failures": len(failure_rows),
                "failures_by_stage": dict(Counter(r.stage for r in failure_rows).most_common()),
                "failures_by_error_type": dict(
                    Counter(r.error_type for r in failure_rows).most_common()
                ),
                "database": {
                    "url": self.url,
                    "backend": conn.dialect.name,
                    "size_bytes": self._size_bytes(conn),
                },
            }

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        """The most recent failures, newest first, as FailureRecord fields plus ``recorded_at``."""
        with self._errors("reading failures"), self._engine.connect() as conn:
            rows = conn.execute(
                select(failures)
                .order_by(failures.c.recorded_at.desc(), failures.c.source, failures.c.stage)
                .limit(limit)
            ).all()
        return [
            {
                "source": r.source,
                "stage": r.stage,
                "error_type": r.error_type,
                "message": r.message,
                "doc_id": r.doc_id,
                # SQLite hands datetimes back without their zone; they were written in UTC.
                "recorded_at": r.recorded_at.replace(
                    tzinfo=r.recorded_at.tzinfo or UTC
                ).isoformat(),
            }
            for r in rows
        ]

    def quotes_by_speaker(self, name: str, *, limit: int = 100) -> list[dict[str, Any]]:
        """Quotes whose speaker's name has every word of ``name`` (any case), newest first.

        "Sullivan" finds "Jake Sullivan"; a speaker linked to an entity also matches the
        entity's fuller name, so "Jake Sullivan" finds a quote attributed to "Sullivan"; and
        any alias of the speaker's corpus-wide identity matches: "Joko Widodo" finds the
        quotes of a speaker an article calls only "Jokowi".
        """
        words = _words(name)
        if not words:
            return []
        conditions = [
            quotes.c.speaker_key.like(f"% {_escape_like(w)} %", escape="\\") for w in words
        ]
        with self._errors("searching quotes"), self._engine.connect() as conn:
            ids = identities.matching_ids(conn, name)
            by_identity = entities.c.canonical_id.in_(ids) if ids else None
            matches = (
                and_(*conditions) if by_identity is None else or_(and_(*conditions), by_identity)
            )
            return identities.quote_rows(conn, matches, limit=limit)

    # -- helpers ---------------------------------------------------------------------

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn a database error into a WartaError that says what was being done, and where."""
        try:
            yield
        except SQLAlchemyError as e:
            raise WartaError(f"{action} failed on {self.url}: {_reason(e)}") from e
        except UnicodeEncodeError as e:
            raise InputError(
                f"{action} failed: text with characters UTF-8 cannot encode ({e.reason}); "
                "the document was not cleaned"
            ) from e

    def _size_bytes(self, conn: Connection) -> int | None:
        if conn.dialect.name == "postgresql":
            size = conn.execute(select(func.pg_database_size(func.current_database()))).scalar()
            return int(size) if size is not None else None
        path = sqlite_file(self._engine.url)
        if path is None:
            return None
        files = [path, path.with_name(path.name + "-wal")]
        return sum(f.stat().st_size for f in files if f.exists())


def _reason(e: SQLAlchemyError) -> str:
    orig = getattr(e, "orig", None)
    return f"{type(orig or e).__name__}: {orig or e}"


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _existing_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(
            conn.execute(select(documents.c.id).where(documents.c.id.in_(chunk))).scalars()
        )
    return found


def _upsert(conn: Connection, table: Table, keys: tuple[str, ...]) -> Insert:
    """INSERT ... ON CONFLICT (keys) DO UPDATE, in the dialect's own syntax.

    Atomic on both backends, so concurrent writers of the same row cannot collide.
    """
    updated = [c.name for c in table.columns if c.name not in keys]
    if conn.dialect.name == "postgresql":
        pg = postgresql.insert(table)
        return pg.on_conflict_do_update(
            index_elements=list(keys), set_={name: pg.excluded[name] for name in updated}
        )
    lite = sqlite.insert(table)
    return lite.on_conflict_do_update(
        index_elements=list(keys), set_={name: lite.excluded[name] for name in updated}
    )


def document_row(doc: Document, now: datetime) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published,
        "site": doc.site,
        "language": doc.language,
        "text_length": len(doc.text),
        "ingested_at": now,
        "data": doc.to_dict(include_raw=False),
    }


def _child_rows(docs: Iterable[Document]) -> dict[Table, list[dict[str, Any]]]:
    """Rows of the child tables, parents first (mentions refer to entities)."""
    docs = list(docs)
    entity_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    quote_rows: list[dict[str, Any]] = []
    for doc in docs:
        entity_rows.extend(identities.entity_rows(doc))
        for i, entity in enumerate(doc.entities):
            mention_rows.extend(
                {
                    "doc_id": doc.id,
                    "entity_idx": i,
                    "idx": j,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }
                for j, m in enumerate(entity.mentions)
            )
        for i, quote in enumerate(doc.quotes):
            speaker = quote.speaker
            quote_rows.append(
                {
                    "doc_id": doc.id,
                    "idx": i,
                    "text": quote.text,
                    "start": quote.start,
                    "end": quote.end,
                    "kind": quote.kind,
                    "cue": quote.cue,
                    "speaker_name": speaker.name if speaker else None,
                    "speaker_entity": speaker.entity if speaker else None,
                    "speaker_role": speaker.role if speaker else None,
                    "speaker_affiliation": speaker.affiliation if speaker else None,
                    "speaker_key": _speaker_key(doc, quote.speaker),
                }
            )
    date_rows_ = [row for doc in docs for row in date_rows(doc)]
    from warta.store.events import event_rows

    return {
        entities: entity_rows,
        mentions: mention_rows,
        quotes: quote_rows,
        dates: date_rows_,
        events: [row for doc in docs for row in event_rows(doc)],
    }


def date_rows(doc: Document) -> list[dict[str, Any]]:
    """Rows of the ``dates`` table for one document (also used by migration 3); a layer
    written by hand may lack fields, which stay NULL rather than fail the batch."""
    return [
        {
            "doc_id": doc.id,
            "idx": i,
            "start": d.get("start"),
            "end": d.get("end"),
            "text": d.get("text"),
            "type": d.get("type"),
            "value": None if d.get("value") is None else str(d["value"]),
        }
        for i, d in enumerate(doc.dates)
    ]


def _speaker_key(doc: Document, speaker: Speaker | None) -> str | None:
    """ " jake sullivan ": the words of the speaker's name and of its linked entity's name."""
    if speaker is None:
        return None
    names = [speaker.name]
    if speaker.entity is not None and 0 <= speaker.entity < len(doc.entities):
        names.append(doc.entities[speaker.entity].name)
        names.extend(doc.entities[speaker.entity].aliases)
    words = list(dict.fromkeys(w for n in names for w in _words(n)))
    return f" {' '.join(words)} " if words else None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
