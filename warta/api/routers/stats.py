"""Corpus statistics: what is stored and what failed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from warta.api.deps import StoreDep

router = APIRouter(tags=["stats"])


@router.get("/api/stats")
def get_stats(store: StoreDep) -> dict[str, Any]:
    """Counts of documents, languages, sites, entities, quotations and failures."""
    numbers = store.stats()
    # The database URL names a server and a user: the operator's business, not a client's.
    database = numbers.get("database", {})
    numbers["database"] = {k: v for k, v in database.items() if k != "url"}
    return numbers
