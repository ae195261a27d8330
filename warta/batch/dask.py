"""The Dask engine: partitions as tasks on a local cluster or an existing one.

Each worker process keeps its pipeline (``warta.batch.work.worker_pipeline``), so the
models load once per worker. At most two partitions per worker are in flight, so the
driver holds a bounded number of results however large the input.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from itertools import islice

from warta.batch.partitions import Partition
from warta.batch.work import PartitionResult
from warta.errors import WartaError

log = logging.getLogger(__name__)

#: How long to wait for an existing scheduler and its workers.
CONNECT_TIMEOUT_S = 60


class DaskEngine:
    """A ``distributed.Client``: on a new ``LocalCluster`` of ``workers`` single-threaded
    processes (default: one per core), or on the scheduler at ``scheduler``."""

    name = "dask"

    def __init__(self, *, workers: int | None = None, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise WartaError(f"the Dask engine needs pip install 'warta[scale]' ({e})") from e
        # distributed sets its own loggers to INFO on import; follow the caller's verbosity.
        logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
        self._cluster: LocalCluster | None = None
        if scheduler is not None:
            try:
                self.client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
                self.client.wait_for_workers(workers or 1, timeout=CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError) as e:
                raise WartaError(
                    f"no Dask cluster with {workers or 1}+ workers at {scheduler}: {e}"
                ) from e
        else:
            self._cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: several clusters may run at once
                silence_logs=logging.ERROR,
            )
            self.client = Client(self._cluster)
        self.workers = max(len(self.client.scheduler_info()["workers"]), 1)
        log.info("dask: %d workers (scheduler %s)", self.workers, scheduler or "local")

    def map_unordered(
        self, fn: Callable[[Partition], PartitionResult], partitions: Sequence[Partition]
    ) -> Iterator[PartitionResult]:
        from distributed import as_completed

        pending = iter(partitions)
        first = [self.client.submit(fn, p, pure=False) for p in islice(pending, 2 * self.workers)]
        if not first:
            return
        running = as_completed(first, with_results=True)
        for _future, result in running:
            following = next(pending, None)
            if following is not None:
                running.add(self.client.submit(fn, following, pure=False))
            yield result

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
