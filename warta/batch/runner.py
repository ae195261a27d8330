"""The front door to every engine, with one summary and one progress shape for all.

``ingest`` is the local engine, reading and analyzing in this process. ``run_partitions``
drives the others: the input is planned into ``Partition``s, an ``Engine`` (Dask, Spark,
or this process for ``--out`` alone) runs ``run_partition`` on each wherever its workers
are, and the results are stored by one writer here (SQLite), by the workers themselves
(PostgreSQL), or as Parquet shards (``out``). See docs/scale.md.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from warta.batch.local import IngestSummary, Progress, ingest
from warta.batch.partitions import Partition
from warta.batch.work import MIN_WORDS, PartitionResult, Task, chunks, flag_short, run_partition
from warta.errors import WartaError
from warta.store import Store
from warta.store.engine import sqlite_file

ENGINES = ("local", "dask", "spark")

__all__ = [
    "ENGINES",
    "Engine",
    "MIN_WORDS",
    "IngestSummary",
    "PartitionProgress",
    "Progress",
    "flag_short",
    "ingest",
    "open_engine",
    "run_partitions",
]


class Engine(Protocol):
    """Runs a function over partitions on some workers, handing back results as they finish."""

    name: str
    workers: int

    def map_unordered(
        self, fn: Callable[[Partition], PartitionResult], partitions: Sequence[Partition]
    ) -> Iterator[PartitionResult]: ...

    def close(self) -> None: ...


class InProcessEngine:
    """Partitions one after another in this process: ``--engine local --out DIR``."""

    name = "local"
    workers = 1

    def map_unordered(
        self, fn: Callable[[Partition], PartitionResult], partitions: Sequence[Partition]
    ) -> Iterator[PartitionResult]:
        return (fn(p) for p in partitions)

    def close(self) -> None:
        """Nothing to release."""


def open_engine(
    name: str,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    master: str | None = None,
) -> Engine:
    """Start (or connect to) the engine called ``name``; its library is imported only here."""
    if name == "local":
        return InProcessEngine()
    if name == "dask":
        from warta.batch.dask import DaskEngine

        return DaskEngine(workers=workers, scheduler=scheduler)
    if name == "spark":
        from warta.batch.spark import SparkEngine

        return SparkEngine(workers=workers, master=master)
    raise WartaError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")


@dataclass(slots=True)
class PartitionProgress:
    """One finished partition, for a progress bar over partitions."""

    done: int
    total: int
    result: PartitionResult
    summary: IngestSummary


def run_partitions(
    partitions: Sequence[Partition],
    *,
    engine: Engine,
    config: dict[str, Any],
    store: Store | None = None,
    out: str | None = None,
    batch_size: int = 50,
    force: bool = False,
    max_bytes: int = 20_000_000,
    min_words: int = MIN_WORDS,
    on_partition: Callable[[PartitionProgress], None] | None = None,
) -> IngestSummary:
    """Analyze every partition on ``engine`` and store the results in ``store`` or ``out``.

    Resuming: workers skip the documents ``store`` holds already (each checks its own ids,
    one indexed lookup per batch, so the driver never lists what is stored); with ``out``,
    partitions whose shards are complete are not run again. ``force`` re-analyzes all.
    """
    if (store is None) == (out is None):
        raise WartaError("give a store or an output folder (out), not both")
    started = time.perf_counter()
    summary = IngestSummary(min_words=min_words)
    task = _task(config, store, out, force=force)
    task = dataclasses.replace(
        task, batch_size=batch_size, max_bytes=max_bytes, min_words=min_words
    )
    todo = list(partitions)
    if out is not None and not force:
        from warta.batch.shards import done_partitions

        done = done_partitions(out)
        for marker in (done[p.key] for p in partitions if p.key in done):
            summary.read += marker["read"]
            summary.skipped += marker["stored"] + marker["skipped"]
            summary.failed += marker["failed"]
        todo = [p for p in partitions if p.key not in done]
    fn = functools.partial(run_partition, task=task)
    for n, result in enumerate(engine.map_unordered(fn, todo), start=1):
        if store is not None and not task.write:
            for batch in chunks(result.documents, batch_size):
                result.new += store.save_documents(batch)
                result.stored += len(batch)
            store.record_failures(result.failures)
            result.documents = []
        summary.read += result.read
        summary.skipped += result.skipped
        summary.stored += result.stored
        summary.new += result.new
        summary.short += result.short
        summary.failed += len(result.failures)
        summary.failures.extend(result.failures)
        if on_partition is not None:
            on_partition(PartitionProgress(n, len(todo), result, summary))
    summary.seconds = time.perf_counter() - started
    return summary


def _task(config: dict[str, Any], store: Store | None, out: str | None, *, force: bool) -> Task:
    """What the workers are told: where stored ids are looked up, and who writes."""
    if store is None:
        return Task(config, out=out, force=force)
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and sqlite_file(url) is None:
        raise WartaError("an in-memory database cannot be shared with workers: give a file")
    return Task(
        config,
        target=url.render_as_string(hide_password=False),
        write=url.get_backend_name() == "postgresql",
        force=force,
    )
