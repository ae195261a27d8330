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
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    event,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.schema import DDL

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


# --- corpus (warta/corpus): search, near-duplicates, stories; rebuilt from documents ---

#: Normalized text per document (warta.corpus.text), the same words on both backends.
#: SQLite searches it through the FTS5 table ``search_fts`` (external content, kept in
#: step by triggers); PostgreSQL through a GIN index on its tsvector (migrations.py).
search_index = Table(
    "search_index",
    metadata,
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("site", Text),
    Column("published", Text),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    # Stems of affixed words ("berantas" for "pemberantasan").
    Column("stems", Text, nullable=False),
    # Entity names and canonical ids, speaker names, event types: the filters' columns.
    Column("names", Text, nullable=False),
    Column("speakers", Text, nullable=False),
    Column("types", Text, nullable=False),
    Index(None, "site"),
    Index(None, "published"),
)

#: A document's MinHash signature (uint64 values), to check a candidate's similarity.
doc_minhash = Table(
    "doc_minhash",
    metadata,
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

#: LSH buckets: documents sharing a (band, hash) are near-duplicate candidates.
doc_bands = Table(
    "doc_bands",
    metadata,
    # hash first: the candidate lookup is ``hash IN (...)`` (the band is hashed into it).
    Column("hash", BigInteger, primary_key=True, autoincrement=False),
    Column("band", Integer, primary_key=True, autoincrement=False),
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Index(None, "doc_id"),
)

#: Near-duplicate groups: every member of a group has the same group_id (a member's id).
duplicate_members = Table(
    "duplicate_members",
    metadata,
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", Text, nullable=False),
    Index(None, "group_id"),
)

#: A document's place in a story, with the features it was matched on.
story_members = Table(
    "story_members",
    metadata,
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Text, nullable=False),
    # YYYY-MM-DD of publication (or of storing, when unknown): the sliding window's key.
    Column("day", String(10), nullable=False),
    Column("features", JSON, nullable=False),
    Index(None, "story_id"),
    Index(None, "day"),
)

#: The text PostgreSQL searches: warta.corpus.search queries this same expression.
SEARCH_TSVECTOR = "to_tsvector('simple', title || ' ' || body || ' ' || stems)"

event.listen(
    search_index,
    "after_create",
    DDL(  # type: ignore[no-untyped-call]
        f"CREATE INDEX ix_search_index_tsv ON search_index USING GIN ({SEARCH_TSVECTOR})"
    ).execute_if(dialect="postgresql"),
)

#: SQLite: an FTS5 index over search_index (external content: the text is stored once).
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, stems, names, speakers, types, "
    "content='search_index', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_index_ai AFTER INSERT ON search_index BEGIN "
    "INSERT INTO search_fts(rowid, title, body, stems, names, speakers, types) VALUES "
    "(new.rowid, new.title, new.body, new.stems, new.names, new.speakers, new.types); END",
    "CREATE TRIGGER search_index_ad AFTER DELETE ON search_index BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body, stems, names, speakers, types) "
    "VALUES ('delete', old.rowid, old.title, old.body, old.stems, old.names, old.speakers, "
    "old.types); END",
    "CREATE TRIGGER search_index_au AFTER UPDATE ON search_index BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body, stems, names, speakers, types) "
    "VALUES ('delete', old.rowid, old.title, old.body, old.stems, old.names, old.speakers, "
    "old.types); "
    "INSERT INTO search_fts(rowid, title, body, stems, names, speakers, types) VALUES "
    "(new.rowid, new.title, new.body, new.stems, new.names, new.speakers, new.types); END",
]
for _statement in _SQLITE_FTS:
    event.listen(
        search_index,
        "after_create",
        DDL(_statement).execute_if(dialect="sqlite"),  # type: ignore[no-untyped-call]
    )
event.listen(
    search_index,
    "before_drop",
    DDL("DROP TABLE IF EXISTS search_fts").execute_if(  # type: ignore[no-untyped-call]
        dialect="sqlite"
    ),
)

#: Re-scrapes of one URL are grouped as near-duplicates whatever their text.
documents_url_index = Index("ix_documents_url", documents.c.url)

#: The tables the corpus layer adds (migration 5).
CORPUS_TABLES = [search_index, doc_minhash, doc_bands, duplicate_members, story_members]

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
