"""The local batch runner behind ``warta ingest``: read, analyze, store, record failures.

Documents are written in batched transactions keyed by content hash, so killing a run and
starting it again stores each document exactly once; a document already stored is skipped
unless ``force`` is set.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from warta.document import Document
from warta.ingest import RawItem, ReadFailure, read_paths
from warta.pipeline import Failure, Pipeline
from warta.store import FailureRecord, Store

log = logging.getLogger(__name__)

#: Fewer words than this, and a stored document is flagged ``short`` (docs/ingest.md): the
#: briefest wire item runs to a few sentences, a headline or link page to a handful of words.
MIN_WORDS = 25


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
    #: files a folder held in no known format, by reason
    passed_over: Counter[str] = field(default_factory=Counter)
    #: documents stored with a "short" flag: fewer than ``min_words`` words of text
    short: int = 0
    min_words: int = 0

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
    min_words: int = MIN_WORDS,
) -> IngestSummary:
    """Analyze and store every article under ``paths``; one bad item never stops the run.

    A document whose text has fewer than ``min_words`` words (a stub, a navigation page, a
    caption) is stored with a ``short`` flag (docs/ingest.md) and counted in the summary.
    """
    summary = IngestSummary(min_words=min_words)
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

    items = read_paths(paths, max_bytes=max_bytes, passed_over=summary.passed_over)
    for chunk in _chunks(items, batch_size):
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
                        if flag_short(result, min_words):
                            summary.short += 1
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
