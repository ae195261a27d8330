"""Full-text search over the stored articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from warta.api.deps import CacheDep, PageDep, StoreDep
from warta.api.models import Paginated
from warta.corpus.search import search

router = APIRouter(tags=["search"])


@router.get("/api/search")
def search_documents(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description='Words, prefix*, "phrases" and site:/since:/until: filters.',
        ),
    ],
) -> Paginated:
    """Articles matching ``q``, best first, each with a snippet (hits marked ``**so**``)."""
    hits = cache.get(
        ("search", q, page), lambda: search(store, q, limit=page.limit, offset=page.offset)
    )
    return Paginated(items=hits, limit=page.limit, offset=page.offset)
