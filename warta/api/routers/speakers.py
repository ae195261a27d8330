"""A speaker's quotations across the corpus."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from warta.api.deps import PageDep, StoreDep
from warta.api.models import Paginated

router = APIRouter(tags=["speakers"])


@router.get("/api/speakers/{speaker}/quotes")
def speaker_quotes(
    speaker: Annotated[str, Path(min_length=1, max_length=200, description="A name or part.")],
    store: StoreDep,
    page: PageDep,
) -> Paginated:
    """Quotations whose speaker's name has every word of ``speaker``, newest first."""
    rows = store.quotes_by_speaker(speaker, limit=page.offset + page.limit)
    return Paginated(items=rows[page.offset :], limit=page.limit, offset=page.offset)
