"""An entity's timeline: its mentions, quotations and events per day or per week.

The entity is found by canonical id (once the link stage fills ``entities.canonical_id``)
or by name, any case; ``timeline`` returns JSON-ready buckets for the CLI and the web UI,
``plot`` draws them with matplotlib.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, func, inspect, or_, select, tuple_

from warta.store.schema import documents, entities, mentions, quotes

if TYPE_CHECKING:
    from warta.store import Store

PERIODS = ("day", "week", "month")
_CHUNK = 400


def period_of(published: str | None, by: str) -> str | None:
    """The bucket of a publication date: ``2017-03-27``, the week's Monday, or ``2017-03``."""
    if not published or len(published) < 10:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return None
    if by == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    if by == "month":
        return day.isoformat()[:7]
    return day.isoformat()


def _matches(conn: Connection, name_or_id: str) -> list[tuple[str, int]]:
    """(doc_id, entity idx) of every stored entity with this canonical id or name."""
    key = name_or_id.strip()
    condition = func.lower(entities.c.name) == key.lower()
    columns = {c["name"] for c in inspect(conn).get_columns("entities")}
    if "canonical_id" in columns:
        condition = or_(condition, entities.c["canonical_id"] == key)
    rows = conn.execute(select(entities.c.doc_id, entities.c.idx).where(condition)).all()
    return [(r.doc_id, r.idx) for r in rows]


def timeline(store: Store, name_or_id: str, *, by: str = "day") -> dict[str, Any]:
    """{entity, by, buckets: [{period, mentions, quotes, events}], undated}: counts per
    period, oldest first; ``undated`` counts what has no publication date."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    counts: dict[str | None, dict[str, int]] = defaultdict(
        lambda: {"mentions": 0, "quotes": 0, "events": 0}
    )
    with store.engine.connect() as conn:
        pairs = _matches(conn, name_or_id)
        entity: dict[str, Any] = {"query": name_or_id, "documents": len({d for d, _ in pairs})}
        if pairs:
            first = conn.execute(
                select(entities.c.name, entities.c.type).where(
                    entities.c.doc_id == pairs[0][0], entities.c.idx == pairs[0][1]
                )
            ).one()
            entity.update(name=first.name, type=first.type)
        for i in range(0, len(pairs), _CHUNK):
            chunk = pairs[i : i + _CHUNK]
            doc_ids = sorted({d for d, _ in chunk})
            idx_by_doc: dict[str, set[int]] = defaultdict(set)
            for d, idx in chunk:
                idx_by_doc[d].add(idx)
            for row in conn.execute(
                select(documents.c.id, documents.c.published, documents.c.data["events"]).where(
                    documents.c.id.in_(doc_ids)
                )
            ):
                bucket = counts[period_of(row.published, by)]
                bucket["events"] += _event_count(row[2], idx_by_doc[row.id])
            in_chunk = tuple_(entities.c.doc_id, entities.c.idx).in_(chunk)
            for published, n in conn.execute(
                select(documents.c.published, func.count())
                .select_from(mentions)
                .join(
                    entities,
                    and_(
                        entities.c.doc_id == mentions.c.doc_id,
                        entities.c.idx == mentions.c.entity_idx,
                    ),
                )
                .join(documents, documents.c.id == mentions.c.doc_id)
                .where(in_chunk)
                .group_by(documents.c.published)
            ):
                counts[period_of(published, by)]["mentions"] += int(n)
            for published, n in conn.execute(
                select(documents.c.published, func.count())
                .select_from(quotes)
                .join(
                    entities,
                    and_(
                        entities.c.doc_id == quotes.c.doc_id,
                        entities.c.idx == quotes.c.speaker_entity,
                    ),
                )
                .join(documents, documents.c.id == quotes.c.doc_id)
                .where(in_chunk)
                .group_by(documents.c.published)
            ):
                counts[period_of(published, by)]["quotes"] += int(n)
    undated = counts.pop(None, {"mentions": 0, "quotes": 0, "events": 0})
    buckets = [{"period": p, **c} for p, c in sorted(counts.items(), key=lambda kv: str(kv[0]))]
    return {"entity": entity, "by": by, "buckets": buckets, "undated": undated}


def _event_count(events: Any, indexes: set[int]) -> int:
    """Events whose source or target is one of the entity's indexes in that document."""
    if not isinstance(events, list):
        return 0
    n = 0
    for event in events:
        if not isinstance(event, Mapping):
            continue
        for role in ("source", "target"):
            actor = event.get(role)
            if isinstance(actor, Mapping) and actor.get("entity") in indexes:
                n += 1
                break
    return n


def plot(data: Mapping[str, Any], path: str | Path) -> None:
    """Draw ``timeline``'s counts as three lines over time into a PNG file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = [b["period"] for b in data["buckets"]]
    fig, ax = plt.subplots(figsize=(10, 4))
    for key in ("mentions", "quotes", "events"):
        ax.plot(periods, [b[key] for b in data["buckets"]], marker="o", label=key)
    entity = data["entity"]
    ax.set_title(f"{entity.get('name', entity['query'])} per {data['by']}")
    ax.legend()
    ax.tick_params(axis="x", labelrotation=45)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
