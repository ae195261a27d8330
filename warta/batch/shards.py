"""Parquet shards: ``--out DIR`` writes each partition's results as files for a data lake.

The tables are the export's (``warta.corpus.export``: documents, entities, mentions, quotes,
events, dates), laid out as ``DIR/<table>/month=<YYYY-MM>/part-<key>.parquet`` so a query
engine reads ``DIR/documents`` as one table partitioned by month; ``DIR/failures/`` holds the
failures. ``DIR/_done/<key>.json`` is written last, when all of a partition's files are in
place, and marks it done: a resumed run skips those partitions (the plan is deterministic,
so keys and file names repeat, and a partition cut short is simply written again).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warta.corpus.export import document_rows, write_parquet

if TYPE_CHECKING:
    from warta.batch.work import PartitionResult

DONE = "_done"
FAILURE_COLUMNS = ("source", "stage", "error_type", "message", "doc_id")


def write_shard(out: str, result: PartitionResult) -> None:
    """Write one partition's documents and failures, then its done-marker; the documents
    leave the result (they are stored now) and count as stored and new."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = f"part-{result.key}"
    tables: dict[str, list[dict[str, Any]]] = {}
    for doc in result.documents:
        for table, rows in document_rows(doc).items():
            tables.setdefault(table, []).extend(rows)
    write_parquet(tables, out, part=name)
    if result.failures:
        rows = [{c: getattr(f, c) for c in FAILURE_COLUMNS} for f in result.failures]
        schema = pa.schema([(c, pa.string()) for c in FAILURE_COLUMNS])
        path = Path(out) / "failures" / f"{name}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
        os.replace(tmp, path)
    result.stored = result.new = len(result.documents)
    result.documents = []
    marker = {
        "label": result.label,
        "read": result.read,
        "skipped": result.skipped,
        "stored": result.stored,
        "failed": len(result.failures),
    }
    done = Path(out) / DONE / f"{result.key}.json"
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
