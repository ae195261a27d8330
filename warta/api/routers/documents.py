"""Documents: analyze and store an article, read one back with every layer, list them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from warta.api.deps import AnalyzerDep, CacheDep, PageDep, StoreDep, WriteAccess
from warta.api.errors import ApiError
from warta.api.models import ArticleIn, Paginated, StoredDocument
from warta.document import SCHEMA_VERSION, Document
from warta.store.listing import DocumentFilter, list_documents

router = APIRouter(tags=["documents"])

DocId = Annotated[
    str, Path(min_length=1, max_length=128, description="An id or a 6+ digit prefix.")
]


@router.post(
    "/api/documents",
    status_code=201,
    dependencies=[WriteAccess],
    responses={200: {"description": "The same article was stored before and is replaced."}},
)
def create_document(
    article: ArticleIn,
    store: StoreDep,
    analyzer: AnalyzerDep,
    cache: CacheDep,
    response: Response,
) -> StoredDocument:
    """Analyze one article and store it; 201 when new, 200 when the same input was stored."""
    doc = analyzer(_document(article))
    new = store.save_documents([doc])
    cache.clear()
    if not new:
        response.status_code = 200
    href = f"/api/documents/{doc.id}"
    response.headers["Location"] = href
    return StoredDocument(
        id=doc.id,
        title=doc.title,
        site=doc.site,
        url=doc.url,
        published=doc.published,
        language=doc.language,
        entities=len(doc.entities),
        quotes=len(doc.quotes),
        events=len(doc.events),
        href=href,
    )


@router.post("/api/analyze", dependencies=[WriteAccess])
def analyze_article(article: ArticleIn, analyzer: AnalyzerDep) -> dict[str, Any]:
    """Analyze one article without storing it: the document with every layer."""
    return analyzer(_document(article)).to_dict(include_raw=False)


@router.get("/api/documents/{doc_id}")
def get_document(doc_id: DocId, store: StoreDep) -> dict[str, Any]:
    """A stored document with every layer (clean text, entities, quotes, dates, events)."""
    data = store.get_document_data(doc_id)
    if data is None:
        raise ApiError(404, "not_found", f"no document {doc_id!r}")
    if data.get("schema_version") != SCHEMA_VERSION:  # an older document: upgraded on the fly
        return Document.from_dict(data).to_dict(include_raw=False)
    return {k: v for k, v in data.items() if k != "raw"}


@router.get("/api/documents")
def get_documents(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    site: Annotated[str | None, Query(max_length=200, description="Outlet: kompas.com")] = None,
    since: Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Published on or before.")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="An entity's name.")] = None,
    entity_type: Annotated[
        str | None, Query(max_length=64, description="PERSON, ORGANIZATION, ...")
    ] = None,
) -> Paginated:
    """Stored documents, newest first, narrowed by outlet, date range and entity."""
    filters = DocumentFilter(
        site=site or None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        entity=entity or None,
        entity_type=entity_type or None,
    )
    found = cache.get(
        ("documents", filters, page),
        lambda: list_documents(store, filters, limit=page.limit, offset=page.offset),
    )
    return Paginated(
        items=found["items"], limit=page.limit, offset=page.offset, total=found["total"]
    )


def _document(article: ArticleIn) -> Document:
    raw = article.html if article.html is not None else article.text
    doc = Document.from_input(
        raw or "",
        raw_format="html" if article.html is not None else "text",
        source=article.url,
        url=article.url,
        title=article.title,
        published=article.published,
    )
    if article.language:
        doc.language = article.language
    return doc
