"""warta's tables, as SQLAlchemy Core ``Table`` objects.

Only portable types are used, so the same definitions create the schema on SQLite and
PostgreSQL. The full document lives in ``documents.data`` (its ``to_dict`` JSON, without
the raw input); the other columns and child tables repeat what people search and count
by, so those queries need no JSON functions. A change here needs a migration in
``warta/store/migrations.py``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

# Constraint names are fixed so later migrations can refer to them on every backend.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

#: One row per migration applied to this database (see migrations.py).
schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Text, primary_key=True),
    Column("source", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", Text),
    Column("site", Text),
    Column("language", String(16)),
    Column("text_length", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # JSONB on PostgreSQL so the document can be queried and indexed there too.
    Column("data", JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    Index(None, "source"),
    Index(None, "site"),
    Index(None, "language"),
    Index(None, "published"),
)

entities = Table(
    "entities",
    metadata,
    Column(
        "doc_id",
        Text,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("type", String(64), nullable=False),
    Index(None, "name"),
    Index(None, "type"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("doc_id", Text, primary_key=True),
    Column("entity_idx", Integer, primary_key=True, autoincrement=False),
    # Position among the entity's mentions: duplicates in a stage's output must not
    # make a document unsaveable.
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    ForeignKeyConstraint(
        ["doc_id", "entity_idx"], ["entities.doc_id", "entities.idx"], ondelete="CASCADE"
    ),
)

quotes = Table(
    "quotes",
    metadata,
    Column(
        "doc_id",
        Text,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("cue", Text),
    Column("speaker_name", Text),
    Column("speaker_entity", Integer),
    Column("speaker_role", Text),
    Column("speaker_affiliation", Text),
    # " jake sullivan " : the casefolded word tokens of the speaker's name and of the
    # entity it links to, space-delimited, so a token search is a portable LIKE.
    Column("speaker_key", Text),
    Index(None, "kind"),
)

failures = Table(
    "failures",
    metadata,
    Column("source", Text, primary_key=True),
    Column("stage", String(64), primary_key=True),
    Column("error_type", String(200), nullable=False),
    Column("message", Text, nullable=False),
    Column("doc_id", Text),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index(None, "doc_id"),
)

#: PLOVER events (docs/events.md), one row per event of a document; migration 4.
events = Table(
    "events",
    metadata,
    Column(
        "doc_id",
        Text,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("type", String(32), nullable=False),
    Column("mode", String(64)),
    Column("modality", String(32), nullable=False),
    Column("cameo", String(8)),
    Column("trigger", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("source_name", Text),
    Column("source_entity", Integer),
    Column("source_code", String(64)),
    Column("target_name", Text),
    Column("target_entity", Integer),
    Column("target_code", String(64)),
    # " kim jong un prk gov " : casefolded words of both actors' names and codes, so an actor
    # search is a portable LIKE (as quotes.speaker_key).
    Column("actor_key", Text),
    Column("when_text", Text),
    Column("when_value", String(64)),
    Column("where_name", Text),
    Column("where_country", String(8)),
    Column("attribution", Text),
    Column("confidence", Float),
    Index(None, "type"),
    Index(None, "source_code"),
    Index(None, "target_code"),
    Index(None, "when_value"),
)
