"""Browsing stored documents by outlet, date and entity, with counts to narrow by (facets).

The search page and ``GET /api/documents`` share these; full-text search is in
``warta.corpus.search``, and these filters narrow its hits the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select

from warta.store.schema import canonical_entities, documents, entities
from warta.store.store import Store

#: Values of one facet shown at most.
FACET_SIZE = 15


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What to narrow the documents to; every field left None matches everything.

    ``since``/``until`` are ISO dates compared with the first ten characters of
    ``published`` (both inclusive); ``entity`` is a canonical entity id or the name of one
    in any case;
    ``entity_type`` (PERSON, ORGANIZATION, ...) keeps documents with such an entity, and
    with ``entity`` the entity must be of that type; ``ids`` keeps only those documents.
    """

    site: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    entity_type: str | None = None
    ids: Sequence[str] | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        day = func.substr(documents.c.published, 1, 10)
        where: list[ColumnElement[bool]] = []
        if self.site:
            where.append(documents.c.site == self.site)
        if self.since:
            where.append(day >= self.since[:10])
        if self.until:
            where.append(day <= self.until[:10])
        if self.entity:
            # resolved to identities first, so the documents come off the canonical_id index
            key = self.entity.strip()
            ids = select(canonical_entities.c.id).where(
                or_(
                    canonical_entities.c.id == key,
                    func.lower(canonical_entities.c.name) == key.lower(),
                )
            )
            having = select(entities.c.doc_id).where(entities.c.canonical_id.in_(ids))
            if self.entity_type:
                having = having.where(entities.c.type == self.entity_type)
            where.append(documents.c.id.in_(having))
        elif self.entity_type:
            # an alias, so the facet queries that join ``entities`` themselves stay apart
            typed = entities.alias("typed")
            where.append(
                exists().where(typed.c.doc_id == documents.c.id, typed.c.type == self.entity_type)
            )
        if self.ids is not None:
            where.append(documents.c.id.in_(list(self.ids)))
        return where


def list_documents(
    store: Store, filters: DocumentFilter | None = None, *, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """A page of documents, newest first: ``{items: [...], total}``."""
    where = (filters or DocumentFilter()).conditions()
    query = (
        select(
            documents.c.id,
            documents.c.title,
            documents.c.site,
            documents.c.url,
            documents.c.published,
            documents.c.language,
        )
        .where(*where)
        .order_by(documents.c.published.desc().nulls_last(), documents.c.id)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        total = conn.execute(select(func.count()).select_from(documents).where(*where)).scalar_one()
    return {"items": [dict(r._mapping) for r in rows], "total": int(total)}


def document_facets(store: Store, filters: DocumentFilter | None = None) -> dict[str, Any]:
    """Counts of the filtered documents by outlet, month, entity type and entity (top ones)."""
    where = (filters or DocumentFilter()).conditions()
    month = func.substr(documents.c.published, 1, 7)
    n_docs = func.count(func.distinct(documents.c.id))

    def counted(query: Select[Any]) -> list[dict[str, Any]]:
        with store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query).all()]

    by_entity = (
        select(
            canonical_entities.c.id,
            canonical_entities.c.name,
            canonical_entities.c.type,
            n_docs.label("count"),
        )
        .select_from(entities)
        .join(documents, documents.c.id == entities.c.doc_id)
        .join(canonical_entities, canonical_entities.c.id == entities.c.canonical_id)
    )
    return {
        "sites": counted(
            select(documents.c.site.label("value"), func.count().label("count"))
            .where(*where, documents.c.site.is_not(None))
            .group_by(documents.c.site)
            .order_by(func.count().desc(), documents.c.site)
            .limit(FACET_SIZE)
        ),
        "months": counted(
            select(month.label("value"), func.count().label("count"))
            .where(*where, documents.c.published.is_not(None))
            .group_by(month)
            .order_by(month.desc())
            .limit(FACET_SIZE)
        ),
        "entity_types": counted(
            select(entities.c.type.label("value"), n_docs.label("count"))
            .join(documents, documents.c.id == entities.c.doc_id)
            .where(*where)
            .group_by(entities.c.type)
            .order_by(n_docs.desc(), entities.c.type)
        ),
        "entities": counted(
            by_entity.where(*where)
            .group_by(canonical_entities.c.id, canonical_entities.c.name, canonical_entities.c.type)
            .order_by(n_docs.desc(), canonical_entities.c.id)
            .limit(FACET_SIZE)
        ),
    }
