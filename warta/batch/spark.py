"""The Spark engine: ``mapPartitions`` of the per-article work over the planned partitions.

Each partition is one Spark job of one task, submitted from a pool of driver threads (Spark
schedules concurrent jobs; two per task slot are in flight), so results arrive partition by
partition: the progress bar moves, SQLite gets them in batches, and a killed run loses only
the partitions in flight. Spark reuses its Python worker processes, so each loads the models
once.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

from warta.batch.partitions import Partition
from warta.batch.work import PartitionResult
from warta.errors import WartaError

log = logging.getLogger(__name__)


class SparkEngine:
    """A ``SparkContext`` on ``master`` (default ``local[workers]``, one per core)."""

    name = "spark"

    def __init__(self, *, workers: int | None = None, master: str | None = None) -> None:
        try:
            from pyspark import SparkConf, SparkContext
        except ImportError as e:
            raise WartaError(f"the Spark engine needs pip install 'warta[scale]' ({e})") from e
        master = master or f"local[{workers or os.cpu_count() or 1}]"
        conf = (
            SparkConf()
            .setMaster(master)
            .setAppName("warta ingest")
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.log.level", "ERROR")
        )
        # pyspark starts its Python workers with $PYSPARK_PYTHON, else whatever python3 is
        # on the PATH: make it this interpreter, whose packages warta is running with.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        if master.startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no network needed
            # Workers on this machine import the same warta as the driver, even uninstalled.
            here = str(Path(__file__).resolve().parents[2])
            paths = [here, os.environ.get("PYTHONPATH", "")]
            conf.set("spark.executorEnv.PYTHONPATH", os.pathsep.join(p for p in paths if p))
        try:
            self.context = SparkContext.getOrCreate(conf)
        except Exception as e:  # pyspark reports a missing Java runtime in several ways
            raise WartaError(
                f"cannot start Spark on {master}: {e} (Spark needs Java 17+: "
                "scripts/install-java.sh)"
            ) from e
        self.context.setLogLevel("ERROR")
        self.workers = max(self.context.defaultParallelism, 1)
        log.info("spark: %s, %d task slots", master, self.workers)

    def map_unordered(
        self, fn: Callable[[Partition], PartitionResult], partitions: Sequence[Partition]
    ) -> Iterator[PartitionResult]:
        pending = iter(partitions)
        # Two jobs per task slot, so a slot has its next task queued when one finishes.
        window = 2 * self.workers
        with ThreadPoolExecutor(window, thread_name_prefix="warta-spark") as pool:
            running: set[Future[PartitionResult]] = set()
            for partition in pending:
                running.add(pool.submit(self._job, fn, partition))
                if len(running) >= window:
                    break
            while running:
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    following = next(pending, None)
                    if following is not None:
                        running.add(pool.submit(self._job, fn, following))
                    yield future.result()

    def _job(
        self, fn: Callable[[Partition], PartitionResult], partition: Partition
    ) -> PartitionResult:
        rdd = self.context.parallelize([partition], 1)
        results: list[PartitionResult] = rdd.mapPartitions(functools.partial(_each, fn)).collect()
        return results[0]

    def close(self) -> None:
        self.context.stop()


def _each(
    fn: Callable[[Partition], PartitionResult], partitions: Iterable[Partition]
) -> Iterator[PartitionResult]:
    """The function Spark runs in a worker over the partitions of its RDD partition."""
    for partition in partitions:
        yield fn(partition)
