"""The web UI's pages, rendered on the server from the same library calls as the API.

Templates autoescape everything; the only markup built in Python is ``highlight``'s, which
escapes the article text itself. Charts read their data from ``<script type=
"application/json">`` blocks (data, never executed) through ``static/js/charts.js``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from warta.api.deps import CacheDep, StoreDep
from warta.api.errors import ApiError
from warta.corpus.search import search
from warta.corpus.stories import list_stories
from warta.corpus.timeline import timeline
from warta.document import Document, Entity
from warta.store import Store
from warta.store.entities import canonical_id, entity_profile, find_entities
from warta.store.events import list_events
from warta.store.listing import DocumentFilter, document_facets, list_documents
from warta.web import TEMPLATES_DIR
from warta.web.highlight import css_class, event_span, render_paragraphs, speaker_label

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.filters["pathpart"] = lambda value: quote(str(value), safe="")
templates.env.filters["css_class"] = css_class


def marked(snippet: str) -> Markup:
    """A search snippet with its ``**hits**`` as ``<mark>``; everything else escaped."""
    parts = str(snippet).split("**")
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if i % 2 else escape(part)
        for i, part in enumerate(parts)
    )


templates.env.filters["marked"] = marked

#: Results per page on the search page.
PAGE_SIZE = 20
#: Stories and events per page.
STORIES_PAGE = 20
EVENTS_PAGE = 50
#: Events the events page's chart counts (the latest that match).
EVENTS_CHART = 2000
#: Full-text hits the search page narrows with its filters.
SEARCH_HITS = 200


def render_error(
    request: Request, status: int, message: str, *, headers: dict[str, str] | None = None
) -> Response:
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message},
        status_code=status,
        headers=headers,
    )


def entity_href(entity: Entity) -> str:
    """Where a mention links: the profile of the entity's corpus-wide identity."""
    return "/entities/" + quote(canonical_id(entity), safe="")


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    q: Annotated[str, Query(max_length=500)] = "",
    site: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    entity: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query(max_length=64)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """Full-text search (or every document, newest first) narrowed by outlet, date range,
    entity and entity type, with facet counts."""
    filters = DocumentFilter(
        site=site or None,
        since=_day(since, "since"),
        until=_day(until, "until"),
        entity=entity.strip() or None,
        entity_type=type or None,
    )
    offset = (page - 1) * PAGE_SIZE
    if q.strip():
        found, filters = cache.get(
            ("search-page", q, filters), lambda: _search_hits(store, q.strip(), filters)
        )
        found = {"items": found["items"][offset : offset + PAGE_SIZE], "total": found["total"]}
    else:
        found = cache.get(
            ("documents", filters, offset),
            lambda: list_documents(store, filters, limit=PAGE_SIZE, offset=offset),
        )
    params = {
        "q": q,
        "site": site,
        "since": since,
        "until": until,
        "entity": entity,
        "type": type,
    }
    return templates.TemplateResponse(
        request,
        "search.html",
        {
            "params": params,
            "results": found["items"],
            "total": found["total"],
            "page": page,
            "pages": max(1, -(-found["total"] // PAGE_SIZE)),
            "facets": cache.get(("facets", filters), lambda: document_facets(store, filters)),
            "link": lambda **change: _link(params, change),
            "capped": bool(q.strip()) and found["total"] >= SEARCH_HITS,
        },
    )


def _search_hits(
    store: Store, q: str, filters: DocumentFilter
) -> tuple[dict[str, Any], DocumentFilter]:
    """The best ``SEARCH_HITS`` full-text hits that pass the filters, best first, and the
    filters narrowed to them (for the facets)."""
    hits = search(store, q, limit=SEARCH_HITS)
    narrowed = replace(filters, ids=tuple(hit["id"] for hit in hits))
    kept = {r["id"] for r in list_documents(store, narrowed, limit=SEARCH_HITS)["items"]}
    items = [hit for hit in hits if hit["id"] in kept]
    return {"items": items, "total": len(items)}, narrowed


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def article_page(
    request: Request, store: StoreDep, doc_id: Annotated[str, Path(max_length=128)]
) -> Response:
    """One article: clean text with its layers highlighted, entities, quotations, events."""
    doc = store.get_document(doc_id)
    if doc is None:
        raise ApiError(404, "not_found", f"no document {doc_id!r}")
    return templates.TemplateResponse(request, "article.html", _article_context(doc))


@router.get("/speakers/{name}", response_class=HTMLResponse)
def speaker_page(
    request: Request, store: StoreDep, name: Annotated[str, Path(max_length=200)]
) -> Response:
    """A speaker's quotations across the corpus, newest first."""
    rows = store.quotes_by_speaker(name, limit=200)
    found = find_entities(store, name, limit=1)
    return templates.TemplateResponse(
        request,
        "speaker.html",
        {"name": name, "quotes": rows, "entity": found[0] if found else None},
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    entity_id: Annotated[str, Path(max_length=200)],
) -> Response:
    """An identity: aliases and codes, a timeline, who it is named with, its quotations."""
    profile = cache.get(
        ("entity_profile", entity_id, 12), lambda: entity_profile(store, entity_id, top=12)
    )
    if profile is None:
        raise ApiError(404, "not_found", f"no entity {entity_id!r}")
    buckets = cache.get(
        ("timeline", profile["id"], "month"),
        lambda: timeline(store, profile["id"], by="month")["buckets"],
    )
    chart = {
        "title": "Mentions, quotations and events per month",
        "x": [b["period"] for b in buckets],
        "series": {k: [b[k] for b in buckets] for k in ("mentions", "quotes", "events")},
    }
    return templates.TemplateResponse(
        request,
        "entity.html",
        {
            "profile": profile,
            "chart": chart,
            "graph": co_mention_graph(profile),
            "documents": list_documents(store, DocumentFilter(entity=profile["id"]), limit=10),
        },
    )


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """Stories, latest first: each with its outlets, first reporter and articles per day."""
    offset = (page - 1) * STORIES_PAGE
    stories = cache.get(
        ("stories-page", offset),
        lambda: list_stories(store, limit=STORIES_PAGE + 1, offset=offset),
    )
    shown = [{**story, "bars": story_bars(story)} for story in stories[:STORIES_PAGE]]
    return templates.TemplateResponse(
        request,
        "stories.html",
        {"stories": shown, "page": page, "more": len(stories) > STORIES_PAGE},
    )


def story_bars(story: dict[str, Any], *, width: int = 320) -> dict[str, Any] | None:
    """Articles per day of a story as bars on a time axis, for a small SVG."""
    days = []
    for point in story.get("timeline") or []:
        try:
            days.append((date.fromisoformat(str(point["day"])[:10]), int(point["documents"])))
        except (KeyError, ValueError):
            continue
    if not days:
        return None
    first, last = days[0][0], days[-1][0]
    span = max(1, (last - first).days)
    bar = max(3, min(16, width // (span + 1)))
    tallest = max(n for _, n in days)
    return {
        "width": width,
        "first": first.isoformat(),
        "last": last.isoformat() if last != first else "",
        "days": [
            {
                "day": day.isoformat(),
                "documents": n,
                "x": round((width - bar) * (day - first).days / span, 1),
                "w": bar,
                "height": round(4 + 24 * n / tallest, 1),
            }
            for day, n in days
        ],
    }


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    actor: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query(max_length=64)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """Events in a table narrowed by actor, type and date, and a chart of types per month."""
    who, kind = actor.strip() or None, type.strip() or None
    day = _day(since, "since")
    offset = (page - 1) * EVENTS_PAGE
    rows = cache.get(
        ("events-page", actor, type, day, offset),
        lambda: list_events(
            store, actor=who, type=kind, since=day, limit=EVENTS_PAGE + 1, offset=offset
        ),
    )
    recent = cache.get(
        ("events-chart", actor, type, day),
        lambda: list_events(store, actor=who, type=kind, since=day, limit=EVENTS_CHART),
    )
    params = {"actor": actor, "type": type, "since": since}
    return templates.TemplateResponse(
        request,
        "events.html",
        {
            "params": params,
            "rows": rows[:EVENTS_PAGE],
            "more": len(rows) > EVENTS_PAGE,
            "page": page,
            "chart": events_chart(recent),
            "types": sorted({e["type"] for e in recent}),
            "link": lambda **change: _link(params, change, path="/events"),
        },
    )


def events_chart(rows: list[dict[str, Any]], *, types: int = 6) -> dict[str, Any]:
    """Events per month of the most frequent types (the rest summed as "other")."""
    by_type = Counter(e["type"] for e in rows)
    top = [t for t, _ in by_type.most_common(types)]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for event in rows:
        # an underspecified event date ("XXXX-XX") counts in its article's month
        when = str(event.get("date") or "")
        month = (when if when[:4].isdigit() else str(event.get("published") or ""))[:7]
        if len(month) == 7 and month[:4].isdigit():
            kind = event["type"] if event["type"] in top else "other"
            counts[month][kind] += 1
    months = sorted(counts)
    names = top + (["other"] if len(by_type) > len(top) else [])
    title = f"The latest {len(rows)} matching events by month"
    return {
        "title": title,
        "x": months,
        "series": {name: [counts[m][name] for m in months] for name in names},
    }


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """Swagger UI over /openapi.json, from vendored files."""
    return templates.TemplateResponse(request, "docs.html", {})


def co_mention_graph(profile: dict[str, Any], *, size: int = 460) -> dict[str, Any]:
    """A star of the entities named most often beside this one, laid out for an SVG: the
    entity in the middle, the others on a circle, edges as thick as their shared articles."""
    center = size / 2
    radius = size / 2 - 115  # room for the labels outside the circle
    others = profile["co_mentioned"]
    widest = max((o["count"] for o in others), default=1)
    nodes = []
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / max(1, len(others)) - math.pi / 2
        x, y = center + radius * math.cos(angle), center + radius * math.sin(angle)
        nodes.append(
            {
                **other,
                "x": round(x, 1),
                "y": round(y, 1),
                "width": round(1 + 5 * other["count"] / widest, 1),
                "anchor": "start" if x > center + 1 else "end" if x < center - 1 else "middle",
                "label_x": round(x + (8 if x > center + 1 else -8 if x < center - 1 else 0), 1),
                "label_y": round(y + (16 if y > center + 1 else -10 if y < center - 1 else 4), 1),
            }
        )
    return {"size": size, "center": center, "nodes": nodes}


def _article_context(doc: Document) -> dict[str, Any]:
    by_type: dict[str, list[Entity]] = defaultdict(list)
    for entity in doc.entities:
        by_type[entity.type].append(entity)
    quotes = [
        {
            "index": i,
            "text": q.text,
            "kind": q.kind,
            "cue": q.cue,
            "speaker": q.speaker.name if q.speaker else None,
            "label": speaker_label(q.speaker),
            "when": (q.when or {}).get("text") or (q.when or {}).get("value"),
            "when_value": (q.when or {}).get("value"),
        }
        for i, q in enumerate(doc.quotes)
    ]
    events = []
    for event in doc.events:
        span = event_span(event)
        events.append(
            {
                "type": event.get("type") or "event",
                "text": doc.text[span[0] : span[1]] if span else event.get("text") or "",
                "fields": _event_fields(event),
            }
        )
    return {
        "doc": doc,
        "paragraphs": render_paragraphs(doc, entity_href),
        "entities_by_type": sorted(by_type.items()),
        "entity_href": entity_href,
        "quotes": quotes,
        "events": events,
    }


def _event_fields(event: dict[str, Any]) -> dict[str, str]:
    """An event's details as short text: actors and places by name, plain values as they are."""
    shown: dict[str, str] = {}
    for key, value in event.items():
        if key in ("type", "start", "end", "trigger", "sentence") or value in (None, "", []):
            continue
        if isinstance(value, dict):
            name = value.get("name") or value.get("text") or value.get("value")
            if isinstance(name, str):
                shown[key] = name
        elif isinstance(value, str | int | float):
            shown[key] = str(value)
    return shown


def _day(value: str, name: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as e:
        raise ApiError(422, "invalid_request", f"{name}: not a date (YYYY-MM-DD)") from e


def _link(params: dict[str, Any], change: dict[str, Any], *, path: str = "/") -> str:
    """``path`` with the page's parameters, some changed; empty ones and page 1 left out."""
    merged = {**params, **change}
    return path + "?" + urlencode({k: v for k, v in merged.items() if v not in ("", None, 1)})
