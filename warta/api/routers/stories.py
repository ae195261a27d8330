"""Stories: the articles that report one development, across outlets."""

from __future__ import annotations

from fastapi import APIRouter

from warta.api.deps import CacheDep, PageDep, StoreDep
from warta.api.models import Paginated
from warta.corpus.stories import list_stories

router = APIRouter(tags=["stories"])


@router.get("/api/stories")
def get_stories(store: StoreDep, cache: CacheDep, page: PageDep) -> Paginated:
    """Stories, latest first: label, first article, outlets, articles per day, articles."""
    stories = cache.get(
        ("stories", page), lambda: list_stories(store, limit=page.limit, offset=page.offset)
    )
    return Paginated(items=stories, limit=page.limit, offset=page.offset)
