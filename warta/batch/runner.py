"""The local batch runner behind ``warta ingest``: read, analyze, store, record failures.

Documents are written in batched transactions keyed by content hash, so killing a run and
starting it again stores each document exactly once; a document already stored is skipped
unless ``force`` is set.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from warta.document import Document
from warta.ingest import RawItem, ReadFailure, read_paths
from warta.pipeline import Failure, Pipeline
from warta.store import FailureRecord, Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did, for the end-of-run report."""

    read: int = 0
    stored: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[FailureRecord] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0


@dataclass(slots=True)
class Progress:
    """One update of a running ingest, for a progress bar."""

    done: int
    failed: int
    last_failure: FailureRecord | None = None


def ingest(
    paths: Iterable[str],
    *,
    store: Store,
    pipeline: Pipeline,
    batch_size: int = 50,
    force: bool = False,
    max_bytes: int = 20_000_000,
    on_progress: Callable[[Progress], None] | None = None,
) -> IngestSummary:
    """Analyze and store every article under ``paths``; one bad item never stops the run."""
    summary = IngestSummary()
    started = time.perf_counter()
    batch: list[Document] = []
    failures: list[FailureRecord] = []

    def flush() -> None:
        if batch:
            summary.new += store.save_documents(batch)
            summary.stored += len(batch)
            batch.clear()
        if failures:
            store.record_failures(failures)
            failures.clear()

    for chunk in _chunks(read_paths(paths, max_bytes=max_bytes), batch_size):
        prepared = [item.to_document() if isinstance(item, RawItem) else item for item in chunk]
        ids = (d.id for d in prepared if isinstance(d, Document))
        already = set() if force else store.existing_ids(ids)
        for doc in prepared:
            summary.read += 1
            last_failure = None
            if isinstance(doc, ReadFailure):
                last_failure = FailureRecord(doc.source, "read", doc.error_type, doc.message)
            else:
                if doc.id in already:
                    summary.skipped += 1
                else:
                    result = pipeline.run_recording(doc)
                    if isinstance(result, Failure):
                        last_failure = FailureRecord(
                            result.source or result.doc_id,
                            result.stage,
                            result.error_type,
                            result.message,
                            doc_id=result.doc_id,
                        )
                    else:
                        batch.append(result)
            if last_failure is not None:
                summary.failed += 1
                failures.append(last_failure)
                summary.failures.append(last_failure)
            if on_progress is not None:
                on_progress(Progress(summary.read, summary.failed, last_failure))
        flush()
    flush()
    summary.seconds = time.perf_counter() - started
    return summary


def _chunks(
    items: Iterable[RawItem | ReadFailure], size: int
) -> Iterator[list[RawItem | ReadFailure]]:
    chunk: list[RawItem | ReadFailure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
