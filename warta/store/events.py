"""Events in the store: the rows of the ``events`` table and the query behind ``warta events``."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, func, select

from warta.document import Document
from warta.store.schema import documents, events

_WORD = re.compile(r"\w+")


def _key(*parts: str | None) -> str | None:
    words = list(dict.fromkeys(w for p in parts if p for w in _WORD.findall(p.casefold())))
    return f" {' '.join(words)} " if words else None


def _actor(event: dict[str, Any], role: str) -> dict[str, Any]:
    actor = event.get(role) or {}
    return {
        f"{role}_name": actor.get("name"),
        f"{role}_entity": actor.get("entity"),
        f"{role}_code": actor.get("code"),
    }


def event_rows(doc: Document) -> list[dict[str, Any]]:
    """One ``events`` row per event of ``doc`` (the record is described in docs/events.md).

    An event without a type, trigger span and sentence span (not made by the events stage)
    stays in the document's JSON only.
    """
    rows = []
    for i, ev in enumerate(doc.events):
        trigger, sentence = ev.get("trigger"), ev.get("sentence")
        if not (ev.get("type") and isinstance(trigger, dict) and isinstance(sentence, dict)):
            continue
        source, target = ev.get("source") or {}, ev.get("target") or {}
        when, where = ev.get("when") or {}, ev.get("where") or {}
        attribution = ev.get("attribution") or {}
        rows.append(
            {
                "doc_id": doc.id,
                "idx": i,
                "type": ev["type"],
                "mode": ev.get("mode"),
                "modality": ev.get("modality") or "asserted",
                "cameo": ev.get("cameo"),
                "trigger": trigger.get("text", ""),
                "start": trigger.get("start", 0),
                "end": trigger.get("end", 0),
                "sentence_start": sentence.get("start", 0),
                "sentence_end": sentence.get("end", 0),
                **_actor(ev, "source"),
                **_actor(ev, "target"),
                "actor_key": _key(
                    source.get("name"), source.get("code"), target.get("name"), target.get("code")
                ),
                "when_text": when.get("text"),
                "when_value": when.get("value"),
                "where_name": where.get("name"),
                "where_country": where.get("country"),
                "attribution": attribution.get("speaker"),
                "confidence": ev.get("confidence"),
            }
        )
    return rows


def list_events(
    store: Any,
    *,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002 - the CLI's and the contract's name
    since: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stored events, newest first (by the event's date, else the article's).

    ``actor`` matches every word of it against both actors' names and codes ("Putin", "RUS
    GOV"); ``type`` is a PLOVER type (any case); ``since`` an ISO date (prefix) compared with
    the event's date, else the publication date.
    """
    day = func.coalesce(events.c.when_value, documents.c.published)
    conditions: list[ColumnElement[bool]] = []
    if actor:
        words = _WORD.findall(actor.casefold())
        conditions.extend(events.c.actor_key.like(f"% {w} %") for w in words)
    if type:
        conditions.append(events.c.type == type.upper())
    if since:
        conditions.append(day >= since)
    query = (
        select(
            events,
            documents.c.title,
            documents.c.url,
            documents.c.published,
            day.label("date"),
        )
        .join(documents, documents.c.id == events.c.doc_id)
        .where(*conditions)
        .order_by(day.desc().nulls_last(), events.c.doc_id, events.c.idx)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        {
            "doc_id": r["doc_id"],
            "idx": r["idx"],
            "date": r["date"],
            "type": r["type"],
            "mode": r["mode"],
            "modality": r["modality"],
            "cameo": r["cameo"],
            "trigger": r["trigger"],
            "source": {
                "name": r["source_name"],
                "entity": r["source_entity"],
                "code": r["source_code"],
            }
            if r["source_name"]
            else None,
            "target": {
                "name": r["target_name"],
                "entity": r["target_entity"],
                "code": r["target_code"],
            }
            if r["target_name"]
            else None,
            "where": r["where_name"],
            "attribution": r["attribution"],
            "confidence": r["confidence"],
            "title": r["title"],
            "url": r["url"],
            "published": r["published"],
        }
        for r in rows
    ]
