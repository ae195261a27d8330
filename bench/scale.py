"""Scaling out: articles/s of the local engine and of Dask (and Spark) with 1 and 2 workers.

    .venv/bin/python bench/scale.py [--articles 160] [--partition-size 10] [--repeat 2] [--spark]

All runs read the same JSONL (IndoSum dev articles from ../shared when present, else the
50 of samples/) into fresh SQLite files, in one process; the local engine and the Dask
clusters stay open together and take turns, best of --repeat rounds, so the ratios hold on a
noisy machine. Each Dask worker runs in a session of its own (see ``Runner._open``).
Start-up (cluster start plus each worker loading the models, measured by a warm-up of one
article per worker) is reported apart from the throughput of the warm runs; parallel
efficiency is rate(2 workers) / (2 * rate(1 worker)) of the same engine, and art/CPU-s
(articles per CPU-second of the workers) is the per-core rate for costing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from indosum import articles as indosum_articles  # noqa: E402
from make_demo_sample import article_text  # noqa: E402

from warta.batch.local import IngestSummary, ingest  # noqa: E402
from warta.batch.partitions import plan_partitions  # noqa: E402
from warta.batch.runner import (  # noqa: E402
    Engine,
    PartitionProgress,
    open_engine,
    run_partitions,
)
from warta.config import load_config  # noqa: E402
from warta.document import Document  # noqa: E402
from warta.pipeline import Pipeline  # noqa: E402
from warta.store import Store  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "samples" / "indosum-sample.jsonl"
WARM_UP = 'JAKARTA - Presiden Joko Widodo mengatakan, "Kita siap." Ia berbicara di Istana.'


def write_input(folder: Path, count: int) -> Path:
    """``count`` IndoSum articles as JSONL (the 50 of samples/ when ../shared is absent)."""
    if (SHARED / "corpus" / "indosum-dev").is_dir():
        records = []
        for article in indosum_articles(SHARED):
            records.append({"url": article.get("source_url"), "text": article_text(article)})
            if len(records) >= count:
                break
    else:
        records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
        records = records[:count]
    path = folder / "input.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


class Runner:
    """One engine kept open across rounds (its start-up measured once), or the local engine."""

    def __init__(self, name: str, workers: int, folder: Path) -> None:
        self.name, self.workers, self.folder = name, workers, folder
        self.config = load_config()
        self.best: dict[str, float] = {"rate": 0.0, "core_rate": 0.0, "cores": 0.0}
        self.peak: dict[str, int] = {}
        self.loads = 0  # workers that loaded the models (warm-up included)
        self.timed_loads = 0  # ... during the timed runs: each costs the rate a model load
        self.rounds = 0
        started = time.perf_counter()
        if name == "local":
            self.pipeline = Pipeline.from_config(self.config)
            self.pipeline(Document.from_input(WARM_UP))
            self.engine: Engine | None = None
        else:
            self.engine = self._open(name, workers)
            # Warm-up: one article per worker, into a throwaway database, loads the models.
            warm = folder / f"warm-{name}-{workers}.jsonl"
            lines = [json.dumps({"id": f"warm{i}", "text": WARM_UP}) + "\n" for i in range(workers)]
            warm.write_text("".join(lines), encoding="utf-8")
            self._run(self.engine, warm, size=1, db=folder / f"warm-{name}-{workers}.db")
        self.startup = time.perf_counter() - started

    def _open(self, name: str, workers: int) -> Engine:
        """Dask: a scheduler and ``workers`` worker processes, each in a session of its own.

        Linux groups the CPU share by session (autogroup), so a LocalCluster's workers, all in
        the bench's session, would split one share between them on a machine shared with
        other jobs, as if there were one core; separate sessions give each worker the share
        a separate machine would. The engine connects by address, as ``--scheduler`` does.
        """
        if name != "dask":
            return open_engine(name, workers=workers)
        file = self.folder / f"scheduler-{workers}.json"
        python = [sys.executable, "-m"]
        self.processes = [
            subprocess.Popen(
                [*python, "distributed.cli.dask_scheduler", "--scheduler-file", str(file)]
                + ["--port", "0", "--dashboard-address", ":0"],
                start_new_session=True,
                stderr=subprocess.DEVNULL,
            )
        ]
        while not file.exists():
            time.sleep(0.2)
        self.processes += [
            subprocess.Popen(
                [*python, "distributed.cli.dask_worker", "--scheduler-file", str(file)]
                + ["--nthreads", "1", "--no-nanny", "--no-dashboard"],
                start_new_session=True,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        address = json.loads(file.read_text(encoding="utf-8"))["address"]
        return open_engine("dask", workers=workers, scheduler=address)

    def measure(self, path: Path, size: int) -> None:
        self.rounds += 1
        db = self.folder / f"{self.name}-{self.workers}-{self.rounds}.db"
        if self.engine is None:
            cpu_started = time.process_time()
            with Store.open(str(db)) as store:
                summary = ingest([str(path)], store=store, pipeline=self.pipeline)
            cpu = time.process_time() - cpu_started
            self.peak["driver"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        else:
            loads_before = self.loads
            summary, cpu = self._run(self.engine, path, size=size, db=db)
            self.timed_loads += self.loads - loads_before
        self.articles = summary.read
        if summary.rate > self.best["rate"]:
            self.best["rate"] = summary.rate
            self.best["cores"] = cpu / summary.seconds  # CPU the workers got: <= workers
        self.best["core_rate"] = max(self.best["core_rate"], summary.read / cpu)

    def _run(
        self, engine: Engine, path: Path, *, size: int, db: Path
    ) -> tuple[IngestSummary, float]:
        cpu = 0.0

        def on_partition(progress: PartitionProgress) -> None:
            nonlocal cpu
            result = progress.result
            self.peak[result.worker] = max(self.peak.get(result.worker, 0), result.peak_rss)
            cpu += result.cpu_seconds
            self.loads += result.load_seconds > 1.0  # a worker the warm-up did not reach

        with Store.open(str(db)) as store:
            summary = run_partitions(
                plan_partitions([path], size=size),
                engine=engine,
                config=self.config,
                store=store,
                on_partition=on_partition,
            )
        return summary, cpu

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
        for process in getattr(self, "processes", []):
            process.terminate()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=160)
    parser.add_argument("--partition-size", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=2, help="Rounds; the best of each counts.")
    parser.add_argument("--spark", action="store_true", help="Also Spark local[1] and local[2].")
    args = parser.parse_args()
    runners: list[Runner] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_input(folder, args.articles)
        load_before = os.getloadavg()[0]
        # Local and Dask runners stay open together and take turns, round after round, so a
        # change in the machine's load hits them alike; Spark allows one context per process.
        together = [
            Runner("local", 1, folder),
            Runner("dask", 1, folder),
            Runner("dask", 2, folder),
        ]
        for _ in range(args.repeat):
            for runner in together:
                runner.measure(path, args.partition_size)
        runners += together
        for runner in together:
            runner.close()
        if args.spark:
            for workers in (1, 2):
                runner = Runner("spark", workers, folder)
                for _ in range(args.repeat):
                    runner.measure(path, args.partition_size)
                runner.close()
                runners.append(runner)
        load_after = os.getloadavg()[0]
    base = runners[0].best["rate"]
    by_name = {(r.name, r.workers): r for r in runners}
    print(
        f"{runners[0].articles} articles, {os.cpu_count()} cores, best of {args.repeat} rounds, "
        f"load average {load_before:.1f} -> {load_after:.1f}"
    )
    print(
        f"{'engine':<7}{'workers':>8}{'art/s':>7}{'vs local':>9}{'efficiency':>11}"
        f"{'cores busy':>11}{'art/CPU-s':>10}{'CPU eff.':>9}{'start-up s':>11}"
        f"{'loads':>6}{'peak MB/worker':>15}"
    )
    for r in runners:
        one = by_name.get((r.name, 1), r).best
        efficiency = r.best["rate"] / (r.workers * one["rate"]) if one["rate"] else 0.0
        cpu_efficiency = r.best["core_rate"] / one["core_rate"] if one["core_rate"] else 0.0
        print(
            f"{r.name:<7}{r.workers:>8}{r.best['rate']:>7.2f}{r.best['rate'] / base:>9.2f}"
            f"{efficiency:>11.2f}{r.best['cores']:>11.2f}{r.best['core_rate']:>10.2f}"
            f"{cpu_efficiency:>9.2f}{r.startup:>11.1f}{r.timed_loads:>6}"
            f"{max(r.peak.values(), default=0) / 2**20:>15.0f}"
        )
    print(
        "efficiency: art/s over workers x art/s of 1 worker; cores busy: the workers' CPU-seconds\n"
        "per second (what the machine gave them); CPU eff.: art/CPU-s over that of 1 worker;\n"
        "loads: workers that loaded the models during the timed runs (after the warm-up)"
    )


if __name__ == "__main__":
    main()
