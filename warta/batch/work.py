"""The work done on each article and on each partition, in whichever process runs it.

``process_item`` is the one per-article function of every engine: the local engine calls it
in a loop, Dask and Spark call it through ``run_partition`` on their workers. Pipelines and
stores are cached per process, so a worker loads the models once however many partitions
it runs.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from warta.batch.partitions import Partition
from warta.document import Document
from warta.ingest import RawItem, ReadFailure
from warta.ingest.readers import DEFAULT_MAX_BYTES
from warta.pipeline import Failure, Pipeline
from warta.store import FailureRecord, Store

T = TypeVar("T")

#: Looks up which of some ids are stored already (``Store.existing_ids``).
StoredIds = Callable[[Iterable[str]], set[str]]

_PIPELINES: dict[str, Pipeline] = {}
_STORES: dict[str, Store] = {}

#: Fewer words than this, and a stored document is flagged ``short`` (docs/ingest.md): the
#: briefest wire item runs to a few sentences, a headline or link page to a handful of words.
MIN_WORDS = 25


def worker_pipeline(config: dict[str, Any]) -> Pipeline:
    """The pipeline for ``config``, built and loaded once per process: the models load once
    per worker."""
    key = json.dumps(config, sort_keys=True, default=str)
    if key not in _PIPELINES:
        pipeline = Pipeline.from_config(config)
        pipeline.load()
        _PIPELINES[key] = pipeline
    return _PIPELINES[key]


def _pipeline_with_load_time(config: dict[str, Any]) -> tuple[Pipeline, float]:
    started = time.perf_counter()
    pipeline = worker_pipeline(config)
    return pipeline, time.perf_counter() - started


def worker_store(target: str) -> Store:
    """The database at ``target``, opened once per process."""
    if target not in _STORES:
        _STORES[target] = Store.open(target)
    return _STORES[target]


def process_item(
    item: Document | ReadFailure, pipeline: Pipeline, *, min_words: int = MIN_WORDS
) -> Document | FailureRecord:
    """One article through the pipeline: its document (flagged ``short`` when it has fewer
    than ``min_words`` words), or the record of why it failed."""
    if isinstance(item, ReadFailure):
        return FailureRecord(item.source, "read", item.error_type, item.message)
    result = pipeline.run_recording(item)
    if isinstance(result, Failure):
        return FailureRecord.from_failure(result)
    flag_short(result, min_words)
    return result


def flag_short(doc: Document, min_words: int = MIN_WORDS) -> bool:
    """Add a ``short`` flag to a document with fewer than ``min_words`` words; True if added."""
    words = len(doc.text.split())
    if words >= min_words:
        return False
    doc.flags.append(
        {
            "kind": "short",
            "message": f"{words} words, under the {min_words} of the shortest news item",
            "spans": [],
        }
    )
    return True


def is_short(doc: Document) -> bool:
    return any(flag.get("kind") == "short" for flag in doc.flags)


def analyze_chunk(
    chunk: Sequence[RawItem | ReadFailure],
    *,
    pipeline: Pipeline,
    stored: StoredIds | None,
    min_words: int = MIN_WORDS,
) -> Iterator[Document | FailureRecord | None]:
    """For each item of ``chunk``: its document, its failure, or None when ``stored`` says
    its id is stored already (one lookup per chunk)."""
    prepared = [item.to_document() if isinstance(item, RawItem) else item for item in chunk]
    ids = (d.id for d in prepared if isinstance(d, Document))
    already = stored(ids) if stored is not None else set()
    for item in prepared:
        if isinstance(item, Document) and item.id in already:
            yield None
        else:
            yield process_item(item, pipeline, min_words=min_words)


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True, slots=True)
class Task:
    """What every worker is told with each partition: small, and picklable for any engine.

    ``target`` is the database whose stored ids are skipped; the worker writes to it itself
    only when ``write`` is set (PostgreSQL takes many writers; SQLite gets one, the driver).
    ``out`` is a folder of Parquet shards that the worker writes instead of a database.
    """

    config: dict[str, Any]
    target: str | None = None
    write: bool = False
    out: str | None = None
    force: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 50
    min_words: int = MIN_WORDS


@dataclass(slots=True)
class PartitionResult:
    """What a worker did with one partition. ``documents`` holds the analyzed documents
    only when the driver is to store them; ``stored``/``new`` count what the worker wrote."""

    key: str
    label: str
    read: int = 0
    skipped: int = 0
    stored: int = 0
    new: int = 0
    short: int = 0
    documents: list[Document] = field(default_factory=list)
    failures: list[FailureRecord] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this worker's CPU time on the partition: a per-core rate
    load_seconds: float = 0.0  # building the pipeline, when this partition was the first
    worker: str = ""
    peak_rss: int = 0  # bytes, the worker process's high-water mark so far


def run_partition(partition: Partition, task: Task) -> PartitionResult:
    """Read, analyze and (per ``task``) store or return one partition's articles."""
    started, cpu_started = time.perf_counter(), time.process_time()
    pipeline, load_seconds = _pipeline_with_load_time(task.config)
    store = worker_store(task.target) if task.target is not None else None
    stored = store.existing_ids if store is not None and not task.force else None
    result = PartitionResult(partition.key, partition.label, load_seconds=load_seconds)
    for chunk in chunks(partition.read(max_bytes=task.max_bytes), task.batch_size):
        docs: list[Document] = []
        failures: list[FailureRecord] = []
        outcomes = analyze_chunk(chunk, pipeline=pipeline, stored=stored, min_words=task.min_words)
        for outcome in outcomes:
            result.read += 1
            if outcome is None:
                result.skipped += 1
            elif isinstance(outcome, FailureRecord):
                failures.append(outcome)
            else:
                result.short += is_short(outcome)
                docs.append(outcome)
        result.failures.extend(failures)
        if task.write and store is not None:
            result.new += store.save_documents(docs)
            result.stored += len(docs)
            store.record_failures(failures)
        else:
            result.documents.extend(docs)
    if task.out is not None:
        from warta.batch.shards import write_shard

        write_shard(task.out, result)
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - cpu_started
    result.worker = f"{socket.gethostname()}:{os.getpid()}"
    result.peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return result
