"""Events: who did what to whom (PLOVER), across the corpus."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from warta.api.deps import CacheDep, PageDep, StoreDep
from warta.api.models import Paginated
from warta.store.events import list_events

router = APIRouter(tags=["events"])


@router.get("/api/events")
def get_events(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    actor: Annotated[
        str | None, Query(max_length=200, description="Words of an actor's name or code.")
    ] = None,
    type: Annotated[str | None, Query(max_length=64, description="A PLOVER type.")] = None,
    since: Annotated[date | None, Query(description="On or after (YYYY-MM-DD).")] = None,
) -> Paginated:
    """Stored events, newest first, narrowed by actor, type and date."""
    day = since.isoformat() if since else None
    rows = cache.get(
        ("events", actor, type, day, page),
        lambda: list_events(
            store,
            actor=actor or None,
            type=type or None,
            since=day,
            limit=page.limit,
            offset=page.offset,
        ),
    )
    return Paginated(items=rows, limit=page.limit, offset=page.offset)
