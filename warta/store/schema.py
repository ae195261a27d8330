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
    # The corpus-wide identity (canonical_entities.id) and its codes; see store/entities.py.
    Column("canonical_id", Text),
    Column("kind", String(64)),
    Column("country", String(8)),
    Column("code", String(64)),
    Column("mention_count", Integer),
    Index(None, "name"),
    Index(None, "type"),
    Index(None, "canonical_id"),
)

#: One row per real-world thing across the corpus; counts are recomputed from ``entities``
#: whenever a document naming it is saved, so re-saving never double-counts.
canonical_entities = Table(
    "canonical_entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(64), nullable=False),
    Column("kind", String(64)),
    Column("country", String(8)),
    Column("code", String(64)),
    Column("aliases", JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    Column("documents", Integer, nullable=False),
    Column("mentions", Integer, nullable=False),
    # "joko widodo jokowi": casefolded words of the name and aliases, for word look-ups.
    Column("search_key", Text, nullable=False),
    Index(None, "name"),
)

#: Aliases learned from articles ("Presiden Joko Widodo (Jokowi)"): an article that only
#: says "Jokowi" is filed under the identity another article tied that alias to.
entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("alias", Text, primary_key=True),
    Column("type", String(64), primary_key=True),
    Column("canonical_id", Text, primary_key=True),
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

#: TIMEX3 expressions of each document (the ``dates`` stage), as Document.dates holds them.
dates = Table(
    "dates",
    metadata,
    Column(
        "doc_id",
        Text,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
    Column("type", String(16)),
    Column("value", Text),
    Index(None, "value"),
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
