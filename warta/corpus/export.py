"""Flat tables of stored documents, for analysts' tools: JSONL, Parquet and GDELT-style TSVs.

``document_rows`` turns one ``Document`` into rows of the tables documents, entities,
mentions, quotes, events and dates; the Parquet export and the Dask/Spark engines' ``--out``
shards both write those rows with ``write_parquet``, so every engine produces the same files.
Nested values (an event's source, a date's value) are JSON strings in Parquet, so the column
types stay the same whatever a shard holds. Tables are partitioned by the month the document
was published (``month=2017-03``; ``month=unknown`` when it has no date).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Text, cast, func, select

from warta.document import Document
from warta.errors import WartaError
from warta.store.schema import documents

if TYPE_CHECKING:
    import pyarrow as pa

    from warta.store import Store

log = logging.getLogger(__name__)

#: Tables in the order they are written; stories come from the store, not one document.
TABLES = ("documents", "entities", "mentions", "quotes", "events", "dates", "stories")

#: Column name -> Arrow type name, per table. Every row gets every column (None if absent).
COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "id": "string",
        "month": "string",
        "url": "string",
        "site": "string",
        "source": "string",
        "title": "string",
        "published": "string",
        "published_source": "string",
        "language": "string",
        "text": "string",
        "text_length": "int64",
        "authors": "json",
        "dateline_place": "string",
        "entities": "int64",
        "quotes": "int64",
        "events": "int64",
        "dates": "int64",
    },
    "entities": {
        "doc_id": "string",
        "month": "string",
        "idx": "int64",
        "name": "string",
        "type": "string",
        "canonical_id": "string",
        "kind": "string",
        "country": "string",
        "code": "string",
        "aliases": "json",
        "mentions": "int64",
    },
    "mentions": {
        "doc_id": "string",
        "month": "string",
        "entity_idx": "int64",
        "idx": "int64",
        "start": "int64",
        "end": "int64",
        "text": "string",
    },
    "quotes": {
        "doc_id": "string",
        "month": "string",
        "idx": "int64",
        "text": "string",
        "start": "int64",
        "end": "int64",
        "kind": "string",
        "cue": "string",
        "speaker_name": "string",
        "speaker_entity": "int64",
        "speaker_role": "string",
        "speaker_affiliation": "string",
        "when": "json",
    },
    "events": {
        "doc_id": "string",
        "month": "string",
        "idx": "int64",
        "type": "string",
        "mode": "string",
        "sentence": "json",
        "trigger": "json",
        "source_name": "string",
        "source_entity": "int64",
        "source_code": "string",
        "target_name": "string",
        "target_entity": "int64",
        "target_code": "string",
        "modality": "string",
        "when_text": "string",
        "when_value": "string",
        "where": "json",
        "attribution": "json",
        "cameo": "string",
        "confidence": "float64",
    },
    "dates": {
        "doc_id": "string",
        "month": "string",
        "idx": "int64",
        "start": "int64",
        "end": "int64",
        "text": "string",
        "type": "string",
        "value": "json",
    },
    "stories": {
        "story_id": "string",
        "month": "string",
        "label": "string",
        "first": "string",
        "doc_id": "string",
        "url": "string",
        "site": "string",
        "published": "string",
        "title": "string",
    },
}


def month_of(published: str | None) -> str:
    """``2017-03`` from an ISO 8601 date; ``unknown`` for a missing or unreadable one."""
    if published and len(published) >= 7 and published[4] == "-" and published[:4].isdigit():
        return published[:7]
    return "unknown"


def document_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows of the tables documents, entities, mentions, quotes, events and dates for ``doc``.

    Values are plain JSON types; columns marked ``json`` in ``COLUMNS`` hold nested values as
    they are (``write_parquet`` serializes them). A malformed event or date dict gives a row
    with the fields it has rather than an error, since layers come from several stages.
    """
    month = month_of(doc.published)
    base = {"doc_id": doc.id, "month": month}
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES if t != "stories"}
    rows["documents"].append(
        {
            "id": doc.id,
            "month": month,
            "url": doc.url,
            "site": doc.site,
            "source": doc.source,
            "title": doc.title,
            "published": doc.published,
            "published_source": doc.published_source,
            "language": doc.language,
            "text": doc.text,
            "text_length": len(doc.text),
            "authors": list(doc.authors),
            "dateline_place": doc.dateline.place if doc.dateline else None,
            "entities": len(doc.entities),
            "quotes": len(doc.quotes),
            "events": len(doc.events),
            "dates": len(doc.dates),
        }
    )
    for i, entity in enumerate(doc.entities):
        rows["entities"].append(
            {
                **base,
                "idx": i,
                "name": entity.name,
                "type": entity.type,
                "canonical_id": entity.id,
                "kind": entity.kind,
                "country": entity.country,
                "code": entity.code,
                "aliases": list(entity.aliases),
                "mentions": len(entity.mentions),
            }
        )
        rows["mentions"].extend(
            {**base, "entity_idx": i, "idx": j, "start": m.start, "end": m.end, "text": m.text}
            for j, m in enumerate(entity.mentions)
        )
    for i, quote in enumerate(doc.quotes):
        speaker = quote.speaker
        rows["quotes"].append(
            {
                **base,
                "idx": i,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "kind": quote.kind,
                "cue": quote.cue,
                "speaker_name": speaker.name if speaker else None,
                "speaker_entity": speaker.entity if speaker else None,
                "speaker_role": speaker.role if speaker else None,
                "speaker_affiliation": speaker.affiliation if speaker else None,
                "when": quote.when,
            }
        )
    for i, event in enumerate(doc.events):
        if not isinstance(event, Mapping):
            continue
        source = _mapping(event.get("source"))
        target = _mapping(event.get("target"))
        when = _mapping(event.get("when"))
        rows["events"].append(
            {
                **base,
                "idx": i,
                "type": _str(event.get("type")),
                "mode": _str(event.get("mode")),
                "sentence": event.get("sentence"),
                "trigger": event.get("trigger"),
                "source_name": _str(source.get("name")),
                "source_entity": _int(source.get("entity")),
                "source_code": _str(source.get("code")),
                "target_name": _str(target.get("name")),
                "target_entity": _int(target.get("entity")),
                "target_code": _str(target.get("code")),
                "modality": _str(event.get("modality")),
                "when_text": _str(when.get("text")),
                "when_value": _str(when.get("value")),
                "where": event.get("where"),
                "attribution": event.get("attribution"),
                "cameo": _str(event.get("cameo")),
                "confidence": _float(event.get("confidence")),
            }
        )
    for i, date in enumerate(doc.dates):
        if not isinstance(date, Mapping):
            continue
        rows["dates"].append(
            {
                **base,
                "idx": i,
                "start": _int(date.get("start")),
                "end": _int(date.get("end")),
                "text": _str(date.get("text")),
                "type": _str(date.get("type")),
                "value": date.get("value"),
            }
        )
    return rows


def arrow_table(table: str, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """An Arrow table of ``rows`` with the fixed column types of ``table``, without the
    ``month`` column, which the folder name (``month=2017-03``) carries: readers such as
    ``pyarrow.parquet.read_table`` and Spark add it back from there."""
    import pyarrow as pa

    columns = {name: kind for name, kind in COLUMNS[table].items() if name != "month"}
    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "json": pa.string(),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in columns.items()])
    data: dict[str, list[Any]] = {name: [] for name in columns}
    for row in rows:
        for name, kind in columns.items():
            value = row.get(name)
            if kind == "json":
                value = None if value is None else json.dumps(value, ensure_ascii=False)
            data[name].append(value)
    return pa.Table.from_pydict(data, schema=schema)


def write_parquet(
    rows_by_table: Mapping[str, Sequence[Mapping[str, Any]]],
    out_dir: str | Path,
    *,
    part: str | None = None,
) -> list[Path]:
    """Write each table's rows under ``out_dir/<table>/month=<YYYY-MM>/<part>.parquet``.

    ``part`` names the files (a shard number, say); by default a random name, so several
    writers (Dask or Spark tasks, successive export batches) never overwrite each other.
    Returns the files written; tables without rows write nothing.
    """
    import pyarrow.parquet as pq

    name = part or uuid.uuid4().hex
    written: list[Path] = []
    for table, rows in rows_by_table.items():
        if table not in COLUMNS:
            raise ValueError(f"unknown export table {table!r}; expected one of {', '.join(TABLES)}")
        by_month: dict[str, list[Mapping[str, Any]]] = {}
        for row in rows:
            by_month.setdefault(str(row.get("month") or "unknown"), []).append(row)
        for month, month_rows in sorted(by_month.items()):
            folder = Path(out_dir) / table / f"month={month}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{name}.parquet"
            pq.write_table(arrow_table(table, month_rows), path)
            written.append(path)
    return written


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


# -- whole-store exports -------------------------------------------------------------

FORMATS = ("jsonl", "parquet", "gdelt")


@dataclass(slots=True)
class ExportSummary:
    """What an export wrote, and the stored rows it could not read (skipped, not fatal)."""

    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def stored_documents(
    store: Store, *, batch_size: int = 200, skipped: list[str] | None = None
) -> Iterator[Document]:
    """Every stored document in publication order, read a batch at a time (flat memory).

    A row that does not read as a document (corrupt JSON, an unknown schema version, a
    partial write) is logged and its id appended to ``skipped``; the export goes on.
    """
    with store.engine.connect() as conn:
        ids = list(
            conn.execute(
                select(documents.c.id).order_by(
                    documents.c.published.is_(None), documents.c.published, documents.c.id
                )
            ).scalars()
        )
    for i in range(0, len(ids), batch_size):
        chunk = ids[i : i + batch_size]
        with store.engine.connect() as conn:
            rows = {
                r.id: r.data
                for r in conn.execute(
                    select(documents.c.id, cast(documents.c.data, Text).label("data")).where(
                        documents.c.id.in_(chunk)
                    )
                )
            }
        for doc_id in chunk:
            try:
                data = rows[doc_id]
                yield Document.from_dict(json.loads(data) if isinstance(data, str) else data)
            except (WartaError, KeyError, TypeError, ValueError, AttributeError) as e:
                log.warning("export skips document %s: %s: %s", doc_id, type(e).__name__, e)
                if skipped is not None:
                    skipped.append(doc_id)


def count_documents(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())


def export(
    store: Store,
    fmt: str,
    out_dir: str | Path,
    *,
    batch_size: int = 500,
    on_progress: Callable[[int], None] | None = None,
) -> ExportSummary:
    """Write every stored document to ``out_dir`` as ``jsonl``, ``parquet`` or ``gdelt``;
    ``on_progress(n)`` is called after each n documents."""
    if fmt not in FORMATS:
        raise WartaError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary()
    docs = stored_documents(store, batch_size=batch_size, skipped=summary.skipped)
    if fmt == "jsonl":
        path = out / "documents.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for doc in docs:
                f.write(json.dumps(doc.to_dict(include_raw=False), ensure_ascii=False) + "\n")
                summary.documents += 1
                if on_progress:
                    on_progress(1)
        summary.files.append(path)
    elif fmt == "parquet":
        part = 0
        pending: dict[str, list[dict[str, Any]]] = {}
        for doc in docs:
            for table, rows in document_rows(doc).items():
                pending.setdefault(table, []).extend(rows)
            summary.documents += 1
            if on_progress:
                on_progress(1)
            if summary.documents % batch_size == 0:
                summary.files += write_parquet(pending, out, part=f"part-{part:05d}")
                pending, part = {}, part + 1
        if pending:
            summary.files += write_parquet(pending, out, part=f"part-{part:05d}")
        summary.files += write_parquet({"stories": story_rows(store)}, out, part="part-00000")
    else:
        from warta.corpus.gdelt import write_gdelt

        def counted() -> Iterator[Document]:
            for doc in docs:
                summary.documents += 1
                if on_progress:
                    on_progress(1)
                yield doc

        summary.files += write_gdelt(store, counted(), out)
    return summary


def story_rows(store: Store, *, page: int = 1000) -> list[dict[str, Any]]:
    """One row per (story, member document) for the ``stories`` table."""
    from warta.corpus.stories import list_stories

    rows: list[dict[str, Any]] = []
    offset = 0
    while True:
        stories = list_stories(store, limit=page, offset=offset)
        if not stories:
            return rows
        for story in stories:
            for doc in story["documents"]:
                rows.append(
                    {
                        "story_id": story["id"],
                        "month": month_of(doc["published"]),
                        "label": story["label"],
                        "first": story["first"],
                        "doc_id": doc["id"],
                        "url": doc["url"],
                        "site": doc["site"],
                        "published": doc["published"],
                        "title": doc["title"],
                    }
                )
        offset += page
