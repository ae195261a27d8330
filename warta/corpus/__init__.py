"""What spans documents: near-duplicates, stories, search, timelines and exports.

``update`` runs inside ``Store.save_documents``' transaction, so a stored document is at
once searchable, grouped with its near-duplicates and placed in a story; ``rebuild``
recomputes all of it from the stored documents (idempotent: the same input gives the
same groups and stories).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, select

from warta.document import Document
from warta.errors import WartaError
from warta.store import schema

if TYPE_CHECKING:
    from warta.store import Store

#: Documents read per query while rebuilding: memory stays flat however large the store.
_REBUILD_BATCH = 200


def update(conn: Connection, docs: Sequence[Document]) -> None:
    """Index, deduplicate and cluster ``docs`` (just written in ``conn``'s transaction)."""
    from warta.corpus import duplicates, search, stories

    ordered = sorted(docs, key=_order_key)
    search.index_documents(conn, ordered)
    duplicates.add_documents(conn, ordered)
    stories.add_documents(conn, ordered)


def rebuild_connection(conn: Connection) -> int:
    """Clear and recompute every corpus table from ``documents``; returns documents seen."""
    for table in reversed(schema.CORPUS_TABLES):
        conn.execute(delete(table))
    seen = 0
    for batch in _stored_documents(conn):
        update(conn, batch)
        seen += len(batch)
    return seen


def rebuild(store: Store) -> int:
    """``rebuild_connection`` in one transaction of ``store``."""
    from warta.store.engine import writer

    with writer(store.engine).begin() as conn:
        return rebuild_connection(conn)


def _stored_documents(conn: Connection) -> Iterator[list[Document]]:
    """Stored documents in publication order, a batch at a time."""
    docs = schema.documents
    ids = list(
        conn.execute(
            select(docs.c.id).order_by(
                docs.c.published.is_(None), docs.c.published, docs.c.ingested_at, docs.c.id
            )
        ).scalars()
    )
    for i in range(0, len(ids), _REBUILD_BATCH):
        chunk = ids[i : i + _REBUILD_BATCH]
        rows = conn.execute(select(docs.c.id, docs.c.data).where(docs.c.id.in_(chunk))).all()
        by_id = {r.id: r.data for r in rows}
        batch = []
        for doc_id in chunk:
            try:
                batch.append(Document.from_dict(by_id[doc_id]))
            except (WartaError, KeyError, TypeError, ValueError, AttributeError):
                continue  # a row that does not read as a document has no text to index
        yield batch


def _order_key(doc: Document) -> tuple[bool, str, str]:
    return (doc.published is None, doc.published or "", doc.id)
