"""Parquet shards: ``--out DIR`` writes each partition's results as files for a data lake.

Layout: ``DIR/<table>/part-<key>.parquet`` per table, so a query engine reads a table as
``DIR/documents/*.parquet``; ``DIR/failures/`` holds the failures; ``DIR/_done/<key>.json``
is written last, when all of a partition's files are in place, and marks it done: a
resumed run skips those partitions (the plan is deterministic, so keys repeat).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from warta.document import Document

if TYPE_CHECKING:
    from warta.batch.work import PartitionResult

DONE = "_done"

#: The documents table: the columns a query engine filters on, and the whole document.
DOCUMENTS_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("site", pa.string()),
        ("published", pa.string()),
        ("language", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("data", pa.string()),  # Document.to_dict() as JSON, without the raw input
    ]
)
FAILURES_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("stage", pa.string()),
        ("error_type", pa.string()),
        ("message", pa.string()),
        ("doc_id", pa.string()),
    ]
)


def document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "url": doc.url,
        "site": doc.site,
        "published": doc.published,
        "language": doc.language,
        "title": doc.title,
        "text": doc.text,
        "data": json.dumps(doc.to_dict(include_raw=False), ensure_ascii=False),
    }


def write_shard(out: str, result: PartitionResult) -> None:
    """Write one partition's documents and failures, then its done-marker; the documents
    leave the result (they are stored now) and count as stored and new."""
    root = Path(out)
    name = f"part-{result.key}.parquet"
    rows = [document_row(d) for d in result.documents]
    _write(root / "documents" / name, pa.Table.from_pylist(rows, schema=DOCUMENTS_SCHEMA))
    if result.failures:
        failures = [
            {
                "source": f.source,
                "stage": f.stage,
                "error_type": f.error_type,
                "message": f.message,
                "doc_id": f.doc_id,
            }
            for f in result.failures
        ]
        _write(root / "failures" / name, pa.Table.from_pylist(failures, schema=FAILURES_SCHEMA))
    result.stored = result.new = len(result.documents)
    result.documents = []
    marker = {
        "label": result.label,
        "read": result.read,
        "skipped": result.skipped,
        "stored": result.stored,
        "failed": len(result.failures),
    }
    done = root / DONE / f"{result.key}.json"
    done.parent.mkdir(parents=True, exist_ok=True)
    tmp = done.with_suffix(".tmp")
    tmp.write_text(json.dumps(marker), encoding="utf-8")
    os.replace(tmp, done)


def done_partitions(out: str) -> dict[str, dict[str, Any]]:
    """The done-markers under ``out``, by partition key."""
    folder = Path(out) / DONE
    if not folder.is_dir():
        return {}
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")
    }


def _write(path: Path, table: pa.Table) -> None:
    """Write to a temporary name and rename, so a killed worker leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
