"""Reusable request dependencies: the store, the analyzer, the write token, pagination."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from warta.api.cache import ReadCache
from warta.api.errors import ApiError
from warta.api.settings import TOKEN_ENV, Settings
from warta.document import Document
from warta.pipeline import Pipeline
from warta.store import Store

#: Largest page a list endpoint returns.
MAX_LIMIT = 200


class Analyzer:
    """The pipeline, built on first use (loading the NER model takes seconds) and run by one
    request at a time: stages keep per-process models that are not meant to be shared."""

    def __init__(self) -> None:
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def __call__(self, doc: Document) -> Document:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline.from_config()
            return self._pipeline(doc)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_cache(request: Request) -> ReadCache:
    cache: ReadCache = request.app.state.cache
    return cache


def get_analyzer(request: Request) -> Analyzer:
    analyzer: Analyzer = request.app.state.analyzer
    return analyzer


def require_token(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """Writes need ``Authorization: Bearer <WARTA_API_TOKEN>``; without a token set, none pass."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if settings.api_token is None:
        raise ApiError(
            401,
            "writes_disabled",
            f"writes are disabled: the server was started without {TOKEN_ENV}",
            headers=challenge,
        )
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "unauthorized", "send Authorization: Bearer TOKEN", headers=challenge)
    if not secrets.compare_digest(token.strip().encode(), settings.api_token.encode()):
        raise ApiError(401, "unauthorized", "wrong token", headers=challenge)


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    offset: int


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit=limit, offset=offset)


StoreDep = Annotated[Store, Depends(get_store)]
PageDep = Annotated[Page, Depends(page)]
AnalyzerDep = Annotated[Analyzer, Depends(get_analyzer)]
CacheDep = Annotated[ReadCache, Depends(get_cache)]
WriteAccess = Depends(require_token)
