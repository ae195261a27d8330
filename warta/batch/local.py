"""The local engine behind ``warta ingest``: read, analyze, store, record failures, in this
process.

Documents are written in batched transactions keyed by content hash, so killing a run and
starting it again stores each document exactly once; a document already stored is skipped
unless ``force`` is set. Each article goes through ``warta.batch.work.process_item``, the
same function the Dask and Spark engines run on their workers.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from warta.batch.work import MIN_WORDS, analyze_chunk, chunks, is_short
from warta.document import Document
from warta.ingest import read_paths
from warta.pipeline import Pipeline
from warta.store import FailureRecord, Store


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
    stored = None if force else store.existing_ids
    items = read_paths(paths, max_bytes=max_bytes, passed_over=summary.passed_over)
    for chunk in chunks(items, batch_size):
        batch: list[Document] = []
        failures: list[FailureRecord] = []
        outcomes = analyze_chunk(chunk, pipeline=pipeline, stored=stored, min_words=min_words)
        for outcome in outcomes:
            summary.read += 1
            last_failure = None
            if outcome is None:
                summary.skipped += 1
            elif isinstance(outcome, FailureRecord):
                last_failure = outcome
                summary.failed += 1
                failures.append(outcome)
                summary.failures.append(outcome)
            else:
                summary.short += is_short(outcome)
                batch.append(outcome)
            if on_progress is not None:
                on_progress(Progress(summary.read, summary.failed, last_failure))
        if batch:
            summary.new += store.save_documents(batch)
            summary.stored += len(batch)
        if failures:
            store.record_failures(failures)
    summary.seconds = time.perf_counter() - started
    return summary
