"""The application factory: ``create_app(settings)`` wires the store, routers and web UI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from warta import __version__
from warta.api.cache import ReadCache
from warta.api.deps import Analyzer
from warta.api.errors import install_error_handlers
from warta.api.middleware import BodyLimit, SecurityHeaders
from warta.api.routers import documents, entities, events, search, speakers, stats, stories
from warta.api.settings import Settings
from warta.store import Store
from warta.web import STATIC_DIR
from warta.web import pages as web_pages


def worker_app() -> FastAPI:
    """The app of one ``warta serve --workers N`` process (a uvicorn factory)."""
    return create_app(Settings.from_worker_env())


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """The service over ``settings.db`` (or an already open ``store``, which the caller closes).

    Opening the database here, not at first request, makes a bad ``--db`` fail at startup.
    """
    settings = settings or Settings()
    owned = store is None
    opened = store if store is not None else Store.open(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            opened.close()

    app = FastAPI(
        title="warta",
        version=__version__,
        summary="Structured intelligence from Indonesian and English news.",
        docs_url=None,  # served by the web UI with vendored Swagger UI: no CDN, strict CSP
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = opened
    app.state.analyzer = Analyzer()
    app.state.cache = ReadCache(settings.cache_ttl)
    install_error_handlers(app)
    for router in (
        documents.router,
        entities.router,
        events.router,
        search.router,
        speakers.router,
        stats.router,
        stories.router,
    ):
        app.include_router(router)
    app.include_router(web_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
