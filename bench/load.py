"""Load test of `warta serve` on loopback: concurrent clients mixing search, article and
entity requests against a 10k-article corpus, with p50/p95 latency and errors.

    .venv/bin/python bench/load.py [--db /tmp/warta-load.db] [--articles 10000]
                                   [--clients 50] [--seconds 30]

The corpus is the 51 sample articles analyzed once, then copied with new ids, outlets and
dates until it holds --articles documents (stored through Store.save_documents, not by
running the pipeline 10k times); it is kept at --db and reused when it is already full.
One client running alone for --baseline-seconds first is the baseline the loaded latencies
are divided by, so the ratios hold on a busy machine where the absolute numbers do not.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from warta.document import Document
from warta.pipeline import Pipeline
from warta.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "samples" / "seed-article.txt", ROOT / "samples" / "indosum-sample.jsonl"]
OUTLETS = [
    "kompas.com",
    "detik.com",
    "tempo.co",
    "cnnindonesia.com",
    "antaranews.com",
    "republika.co.id",
    "liputan6.com",
    "suara.com",
]
#: Share of each kind of request in the mix.
MIX = {"search": 0.4, "article": 0.4, "entity": 0.2}


def analyzed_samples() -> list[Document]:
    from warta.ingest import ReadFailure, read_paths

    pipeline = Pipeline.from_config()
    docs = []
    for item in read_paths([str(p) for p in SAMPLES]):
        if isinstance(item, ReadFailure):
            continue
        result = pipeline.run_recording(item.to_document())
        if isinstance(result, Document):
            docs.append(result)
    return docs


def build_corpus(db: str, articles: int) -> None:
    """Fill ``db`` with ``articles`` documents: copies of the analyzed samples."""
    with Store.open(db) as store:
        have = store.stats()["documents"]
        if have >= articles:
            print(f"corpus: {have} documents already in {db}")
            return
        started = time.perf_counter()
        samples = analyzed_samples()
        rng = random.Random(13)
        first = date(2023, 1, 1)
        batch: list[Document] = []
        for i in range(have, articles):
            doc = samples[i % len(samples)]
            day = first + timedelta(days=rng.randrange(730))
            site = OUTLETS[i % len(OUTLETS)]
            copy = replace(
                doc,
                id=hashlib.sha256(f"{doc.id}:{i}".encode()).hexdigest()[:16],
                site=site,
                url=f"https://{site}/read/{day.isoformat()}/{i}",
                source=f"load:{i}",
                published=day.isoformat(),
                title=f"{doc.title or doc.text[:60]} ({i})",
                raw=None,
            )
            batch.append(copy)
            if len(batch) == 500:
                store.save_documents(batch)
                batch = []
        if batch:
            store.save_documents(batch)
        print(f"corpus: built {articles} documents in {time.perf_counter() - started:.0f}s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: str, port: int, cache_ttl: float, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("WARTA_API_TOKEN", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warta",
            "serve",
            "--db",
            db,
            "--port",
            str(port),
            "--cache-ttl",
            str(cache_ttl),
            "--workers",
            str(workers),
        ],
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("the server did not start")


def request_pool(base: str) -> dict[str, list[str]]:
    """Paths of each kind, read from the running server."""

    def get(path: str) -> Any:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return json.load(response)

    docs = get("/api/documents?limit=200")["items"]
    doc_ids = [d["id"] for d in docs]
    entity_ids: list[str] = []
    names: list[str] = []
    for doc_id in doc_ids[:60]:
        for entity in get(f"/api/documents/{doc_id}")["entities"][:5]:
            found = get("/api/entities?limit=1&name=" + quote(entity["name"]))["items"]
            entity_ids.extend(e["id"] for e in found)
            names.append(entity["name"])
    entity_ids = sorted(set(entity_ids))
    paths = get("/openapi.json")["paths"]
    if "/api/search" in paths:
        words = ["Rusia", "Jokowi", "pemerintah", "Jakarta", "ekonomi", "Korea Utara", "menteri"]
        words += names[:60]  # and the names of the entities asked for below
        search = [f"/api/search?q={quote(w)}" for w in dict.fromkeys(words)]
    else:  # the filter listing until full-text search is there
        search = [
            f"/api/documents?site={site}&since=2023-0{m}-01&entity={quote(e)}"
            for site in OUTLETS[:4]
            for m in range(1, 10, 2)
            for e in entity_ids[:3]
        ]
    return {
        "search": search,
        "article": [f"/api/documents/{i}" for i in doc_ids],
        "entity": [f"/api/entities/{quote(e, safe='')}" for e in entity_ids],
    }


class Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: httpx spends several times
    the server's CPU per request, and on a small machine the load generator must not be
    what is measured. Handles exactly what ``warta serve`` sends: Content-Length bodies."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n"
        self.writer.write(request.encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def run_clients(
    base: str, pool: dict[str, list[str]], clients: int, seconds: float
) -> dict[str, Any]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    failures: dict[str, int] = defaultdict(int)
    kinds, weights = list(MIX), list(MIX.values())
    deadline = time.monotonic() + seconds
    host, port = base.removeprefix("http://").split(":")

    async def client(n: int) -> None:
        rng = random.Random(n)
        connection = Connection(host, int(port))
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            path = rng.choice(pool[kind])
            started = time.perf_counter()
            try:
                status = await connection.get(path)
                failure = None if status == 200 else str(status)
            except (OSError, asyncio.IncompleteReadError, ValueError) as e:
                failure = type(e).__name__
                await connection.close()
            latencies[kind].append(time.perf_counter() - started)
            if failure is not None:
                errors[kind] += 1
                failures[f"{kind} {failure}"] += 1
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - started
    return {"latencies": latencies, "errors": errors, "failures": failures, "elapsed": elapsed}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its children (Linux /proc): the
    server and, with --workers, its worker processes."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def warm_up(base: str, pool: dict[str, list[str]]) -> None:
    """Every path once, so the measured runs see a server in its steady state."""
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=60) as http:
        for paths in pool.values():
            for path in paths:
                http.get(path)
    print(f"warm-up: every path once in {time.perf_counter() - started:.1f}s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def summary(result: dict[str, Any]) -> dict[str, dict[str, float]]:
    rows: dict[str, dict[str, float]] = {}
    every = [v for values in result["latencies"].values() for v in values]
    for kind, values in [*sorted(result["latencies"].items()), ("all", every)]:
        failed = sum(result["errors"].values()) if kind == "all" else result["errors"].get(kind, 0)
        rows[kind] = {
            "requests": len(values),
            "errors": failed,
            "p50_ms": 1000 * percentile(values, 0.5),
            "p95_ms": 1000 * percentile(values, 0.95),
            "p99_ms": 1000 * percentile(values, 0.99),
        }
    rows["all"]["per_second"] = len(every) / result["elapsed"]
    if result["failures"]:
        print("errors: " + ", ".join(f"{k} x{n}" for k, n in result["failures"].items()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/warta-load.db")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--baseline-seconds", type=float, default=5)
    parser.add_argument(
        "--cache-ttl", type=float, default=30, help="The server's --cache-ttl (0: no cache)."
    )
    parser.add_argument("--workers", type=int, default=1, help="The server's --workers.")
    parser.add_argument("--cold", action="store_true", help="No warm-up pass.")
    args = parser.parse_args()

    build_corpus(args.db, args.articles)
    port = free_port()
    server = start_server(args.db, port, args.cache_ttl, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        pool = request_pool(base)
        print("request pool: " + ", ".join(f"{k} {len(v)}" for k, v in pool.items()))
        if not args.cold:
            warm_up(base, pool)
        baseline = summary(asyncio.run(run_clients(base, pool, 1, args.baseline_seconds)))
        cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
        loaded = summary(asyncio.run(run_clients(base, pool, args.clients, args.seconds)))
        server_cpu = cpu_seconds(server.pid) - cpu_before
        client_cpu = time.process_time() - client_before
        load_average = os.getloadavg()[0]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    print(
        f"\n{args.clients} clients for {args.seconds:.0f}s on {args.articles} articles, "
        f"{args.workers} server process(es), cache ttl {args.cache_ttl:g}s "
        f"(baseline: 1 client for {args.baseline_seconds:.0f}s)"
    )
    print(
        f"{'':<8}{'requests':>9}{'errors':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'p50/base':>9}{'p95/base':>9}"
    )
    for kind, row in loaded.items():
        base_row = baseline.get(kind, {})
        ratios = [row[k] / base_row[k] if base_row.get(k) else 0.0 for k in ("p50_ms", "p95_ms")]
        print(
            f"{kind:<8}{row['requests']:>9.0f}{row['errors']:>7.0f}{row['p50_ms']:>8.1f}"
            f"{row['p95_ms']:>8.1f}{row['p99_ms']:>8.1f}{ratios[0]:>9.1f}{ratios[1]:>9.1f}"
        )
    print(
        f"server CPU: {1000 * server_cpu / max(1, loaded['all']['requests']):.1f} ms per request "
        f"({server_cpu / args.seconds:.2f} cores busy; the clients "
        f"{client_cpu / args.seconds:.2f}); machine load average {load_average:.1f} "
        f"on {os.cpu_count()} CPUs"
    )
    print(
        f"throughput: {loaded['all']['per_second']:.0f} requests/s "
        f"(baseline {baseline['all']['per_second']:.0f}/s from one client)"
    )


if __name__ == "__main__":
    main()
