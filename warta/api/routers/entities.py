"""Entities across the corpus: find one by name, read its profile."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from warta.api.deps import CacheDep, PageDep, StoreDep
from warta.api.errors import ApiError
from warta.api.models import Paginated
from warta.corpus.timeline import timeline
from warta.store.entities import entity_profile, find_entities

router = APIRouter(tags=["entities"])

EntityKey = Annotated[
    str, Path(min_length=1, max_length=200, description="A canonical id, a name or an alias.")
]


@router.get("/api/entities")
def search_entities(
    store: StoreDep,
    cache: CacheDep,
    page: PageDep,
    name: Annotated[str, Query(min_length=1, max_length=200, description="Words of a name.")],
) -> Paginated:
    """Identities whose name or an alias has every word of ``name``, best match first."""
    rows = cache.get(
        ("find_entities", name, page),
        lambda: find_entities(store, name, limit=page.offset + page.limit),
    )
    return Paginated(items=rows[page.offset :], limit=page.limit, offset=page.offset)


@router.get("/api/entities/{entity_id}")
def get_entity(
    entity_id: EntityKey,
    store: StoreDep,
    cache: CacheDep,
    top: Annotated[int, Query(ge=1, le=100, description="Co-mentions and quotes shown.")] = 10,
) -> dict[str, Any]:
    """An identity's profile: aliases, codes, counts per month, co-mentions, quotations."""
    profile = cache.get(
        ("entity_profile", entity_id, top), lambda: entity_profile(store, entity_id, top=top)
    )
    if profile is None:
        raise ApiError(404, "not_found", f"no entity {entity_id!r}")
    return profile


@router.get("/api/entities/{entity_id}/timeline")
def get_entity_timeline(
    entity_id: EntityKey,
    store: StoreDep,
    cache: CacheDep,
    by: Annotated[Literal["day", "week", "month"], Query(description="Bucket size.")] = "day",
) -> dict[str, Any]:
    """Mentions, quotations and events of an entity per day, week or month, oldest first."""
    data = cache.get(("timeline", entity_id, by), lambda: timeline(store, entity_id, by=by))
    if not data["entity"].get("documents"):
        raise ApiError(404, "not_found", f"no entity {entity_id!r}")
    return data
