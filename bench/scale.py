"""Scaling out: articles/s of the local engine and of Dask (and Spark) with 1 and 2 workers.

    .venv/bin/python bench/scale.py [--articles 200] [--partition-size 20] [--spark]

All runs read the same JSONL (IndoSum dev articles from ../shared when present, else the
50 of samples/) into fresh SQLite files, in one process, so the ratios hold on a noisy
machine. Start-up (cluster start plus each worker loading the models, measured by a warm-up
of one article per worker) is reported apart from the throughput of the warm run; parallel
efficiency is rate(2 workers) / (2 * rate(1 worker)) of the same engine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from indosum import articles as indosum_articles  # noqa: E402
from make_demo_sample import article_text  # noqa: E402

from warta.batch.local import ingest  # noqa: E402
from warta.batch.partitions import plan_partitions  # noqa: E402
from warta.batch.runner import PartitionProgress, open_engine, run_partitions  # noqa: E402
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


def run_local(path: Path, folder: Path) -> dict[str, float]:
    started = time.perf_counter()
    pipeline = Pipeline.from_config(load_config())
    pipeline(Document.from_input(WARM_UP))  # load every lazily loaded model
    startup = time.perf_counter() - started
    cpu_started = time.process_time()
    with Store.open(str(folder / "local.db")) as store:
        summary = ingest([str(path)], store=store, pipeline=pipeline)
    cpu = time.process_time() - cpu_started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "articles": summary.read,
        "rate": summary.rate,
        "core_rate": summary.read / cpu,
        "startup": startup,
        "rss": rss,
        "loads": 0,
    }


def run_engine(
    name: str, workers: int, path: Path, folder: Path, partition_size: int
) -> dict[str, float]:
    config = load_config()
    started = time.perf_counter()
    engine = open_engine(name, workers=workers)
    try:
        # Warm-up: one article per worker, into a throwaway database, loads the models.
        warm = folder / f"warm-{name}-{workers}.jsonl"
        lines = [json.dumps({"id": f"warm{i}", "text": WARM_UP}) + "\n" for i in range(workers)]
        warm.write_text("".join(lines), encoding="utf-8")
        with Store.open(str(folder / f"warm-{name}-{workers}.db")) as store:
            run_partitions(
                plan_partitions([warm], size=1), engine=engine, config=config, store=store
            )
        startup = time.perf_counter() - started
        peak: dict[str, int] = {}
        cpu = [0.0]
        loads = [0]

        def on_partition(progress: PartitionProgress) -> None:
            result = progress.result
            peak[result.worker] = max(peak.get(result.worker, 0), result.peak_rss)
            cpu[0] += result.cpu_seconds
            loads[0] += result.load_seconds > 1.0  # a worker the warm-up did not reach

        with Store.open(str(folder / f"{name}-{workers}.db")) as store:
            summary = run_partitions(
                plan_partitions([path], size=partition_size),
                engine=engine,
                config=config,
                store=store,
                on_partition=on_partition,
            )
    finally:
        engine.close()
    return {
        "articles": summary.read,
        "rate": summary.rate,
        "startup": startup,
        "core_rate": summary.read / cpu[0] if cpu[0] else 0.0,
        "rss": max(peak.values(), default=0),
        "loads": loads[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--partition-size", type=int, default=20)
    parser.add_argument("--spark", action="store_true", help="Also Spark local[1] and local[2].")
    args = parser.parse_args()
    runs: list[tuple[str, int]] = [("dask", 1), ("dask", 2)]
    if args.spark:
        runs += [("spark", 1), ("spark", 2)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_input(folder, args.articles)
        load_before = os.getloadavg()[0]
        results = {("local", 1): run_local(path, folder)}
        for name, workers in runs:
            results[(name, workers)] = run_engine(name, workers, path, folder, args.partition_size)
        load_after = os.getloadavg()[0]
    base = results[("local", 1)]["rate"]
    n = int(results[("local", 1)]["articles"])
    print(
        f"{n} articles, {os.cpu_count()} cores, load average {load_before:.1f} -> {load_after:.1f}"
    )
    print(
        f"{'engine':<8}{'workers':>8}{'art/s':>8}{'vs local':>10}{'efficiency':>12}"
        f"{'art/CPU-s':>11}{'start-up s':>12}{'model loads':>13}{'peak MB/worker':>16}"
    )
    for (name, workers), r in results.items():
        one = results.get((name, 1), r)["rate"]
        efficiency = r["rate"] / (workers * one) if one else 0.0
        print(
            f"{name:<8}{workers:>8}{r['rate']:>8.2f}{r['rate'] / base:>10.2f}"
            f"{efficiency:>12.2f}{r['core_rate']:>11.2f}{r['startup']:>12.1f}"
            f"{r['loads']:>13}{r['rss'] / 2**20:>16.0f}"
        )
    print("model loads: workers that loaded the models during the timed run (after warm-up)")


if __name__ == "__main__":
    main()
