"""Search at scale: p95 query latency on N stored articles, beside a plain LIKE scan;
storing throughput with the search index on and off; resident memory.

    .venv/bin/python bench/search.py [--articles 100000] [--db /tmp/search-bench.db]

The articles are IndoSum dev's 3,463 replicated with new ids and shifted dates (copy k is
published k*400 days later), written straight into ``documents`` and ``search_index`` the
way ``Store.save_documents`` writes them, without running the NLP pipeline. Each query runs
5 times; the LIKE baseline matches every word with ``body LIKE '%word%'`` and orders by
date, as a search without an index must.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import corpus_data
from sqlalchemy import text

from warta.corpus.search import index_row, parse_query, search
from warta.document import Document
from warta.store import Store
from warta.store.schema import documents, search_index
from warta.store.store import document_row

QUERIES = [
    "korupsi",
    "pemberantasan korupsi",
    "berantas",
    "presiden jokowi",
    '"operasi tangkap tangan"',
    "persib bandung",
    "timnas*",
    "banjir jakarta",
    "gempa",
    "setya novanto ktp",
    "real madrid site:goal.com",
    "kpk since:2017-06-01 until:2017-12-31",
    "ahok",
    "pilkada dki",
    "harga minyak",
    "teroris bom",
    "liga champions final",
    "smartphone android",
    "asian games",
    "rohingya myanmar",
]


#: Words whose affixed forms a reader would want found too.
AFFIX_QUERIES = ["berantas", "tangkap", "bangun", "tetapkan", "periksa", "serang", "tahan", "usul"]


def affix_table(store: Store) -> None:
    """Documents matched per query word: as written, as a prefix, and with warta's stems."""
    from warta.corpus.search import sqlite_match

    def count(match: str) -> int:
        with store.engine.connect() as conn:
            sql = "SELECT count(*) FROM search_fts WHERE search_fts MATCH :m"
            return int(conn.execute(text(sql), {"m": match}).scalar_one())

    print(f"{'query':<12}{'word':>8}{'prefix*':>9}{'stems':>8}")
    for word in AFFIX_QUERIES:
        exact = count('{title body} : "' + word + '"')
        prefix = count('{title body} : "' + word + '"*')
        stemmed = count(sqlite_match(parse_query(word)))
        print(f"{word:<12}{exact:>8}{prefix:>9}{stemmed:>8}")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def shifted(doc: Document, copy: int) -> Document:
    published = datetime.fromisoformat(doc.published or "2017-01-01") + timedelta(days=400 * copy)
    return dataclasses.replace(doc, id=f"{copy:03d}-{doc.id}", published=published.isoformat())


def build(store: Store, originals: list[Document], n: int, *, index: bool) -> float:
    """Store ``n`` replicated articles in batches of 500; returns documents per second."""
    rows = {d.id: index_row(d) for d in originals} if index else {}
    now = datetime.now(UTC)
    started = time.perf_counter()
    batch_docs: list[dict[str, Any]] = []
    batch_index: list[dict[str, Any]] = []
    for i in range(n):
        base = originals[i % len(originals)]
        doc = shifted(base, i // len(originals))
        batch_docs.append(document_row(doc, now))
        if index:
            batch_index.append(dict(rows[base.id], doc_id=doc.id, published=doc.published))
        if len(batch_docs) == 500 or i == n - 1:
            with store.engine.begin() as conn:
                conn.execute(documents.insert(), batch_docs)
                if batch_index:
                    conn.execute(search_index.insert(), batch_index)
            batch_docs, batch_index = [], []
    return n / (time.perf_counter() - started)


def like_scan(store: Store, query: str, *, full: bool = False) -> list[str]:
    """The newest 20 articles with every query word in their text. SQLite may walk the
    ``published`` index and stop at the 20th match; ``full`` forbids that (NOT INDEXED), as
    ranking by relevance would, so every row is read."""
    parsed = parse_query(query)
    terms = parsed.words + parsed.prefixes + [" ".join(p) for p in parsed.phrases]
    where = " AND ".join(f"body LIKE :w{i}" for i in range(len(terms))) or "1 = 1"
    params = {f"w{i}": f"%{t}%" for i, t in enumerate(terms)}
    table = "search_index NOT INDEXED" if full else "search_index"
    sql = f"SELECT doc_id FROM {table} WHERE {where} ORDER BY published DESC LIMIT 20"
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(text(sql), params)]


def latencies(fn: Any, repeat: int = 5) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per query run. SQLite runs in this process, so the
    CPU time is the query's own work; the wall time also holds waiting for a busy CPU."""
    wall, cpu = [], []
    for query in QUERIES:
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            fn(query)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/warta-search-bench.db"))
    parser.add_argument("--throughput-articles", type=int, default=10_000)
    parser.add_argument(
        "--affixes-only", action="store_true", help="Only count affix matches on --db."
    )
    parser.add_argument(
        "--queries-only", action="store_true", help="Only time the queries on a built --db."
    )
    args = parser.parse_args()

    if args.affixes_only or args.queries_only:
        with Store.open(str(args.db)) as store:
            if args.affixes_only:
                affix_table(store)
            else:
                report(store)
        return
    originals = list(corpus_data.documents())
    print(f"RSS after reading IndoSum: {rss_mb():.0f} MB")

    # Storing throughput, search index off and on, on fresh databases.
    rates: dict[bool, list[tuple[float, float]]] = {}
    for index in (False, True, False, True):
        path = args.db.with_suffix(f".throughput-{index}.db")
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
        with Store.open(str(path)) as store:
            started_cpu = time.process_time()
            rate = build(store, originals, args.throughput_articles, index=index)
            cpu_rate = args.throughput_articles / (time.process_time() - started_cpu)
            rates.setdefault(index, []).append((rate, cpu_rate))
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
    off, on = max(rates[False]), max(rates[True])
    print(
        f"storing {args.throughput_articles} articles, docs/s (wall, CPU): without the search "
        f"index {off[0]:.0f}, {off[1]:.0f}; with it {on[0]:.0f}, {on[1]:.0f} "
        f"({on[0] / off[0]:.2f}x, {on[1] / off[1]:.2f}x)"
    )

    for stale in args.db.parent.glob(args.db.name + "*"):
        stale.unlink()
    with Store.open(str(args.db)) as store:
        started = time.perf_counter()
        build(store, originals, args.articles, index=True)
        print(
            f"built {args.articles} articles in {time.perf_counter() - started:.0f} s; "
            f"RSS {rss_mb():.0f} MB; database {args.db.stat().st_size / 1e9:.2f} GB"
        )
        report(store)


def report(store: Store) -> None:
    fts = latencies(lambda q: search(store, q))
    like = latencies(lambda q: like_scan(store, q), repeat=1)
    full = latencies(lambda q: like_scan(store, q, full=True), repeat=1)
    hits = {q: len(search(store, q)) for q in QUERIES}
    print(f"{len(QUERIES)} queries; with no hit: {[q for q, n in hits.items() if n == 0]}")
    print(f"{'':<22}{'p50 wall':>10}{'p95 wall':>10}{'p50 CPU':>10}{'p95 CPU':>10}  (ms)")
    for name, (wall, cpu) in (
        ("FTS5 (warta search)", fts),
        ("LIKE, date index", like),
        ("LIKE, full scan", full),
    ):
        print(
            f"{name:<22}{statistics.median(wall):>10.1f}{p95(wall):>10.1f}"
            f"{statistics.median(cpu):>10.1f}{p95(cpu):>10.1f}"
        )
    print(
        f"p95 CPU ratio to FTS5: LIKE date index {p95(like[1]) / p95(fts[1]):.1f}x, "
        f"LIKE full scan {p95(full[1]) / p95(fts[1]):.1f}x; max RSS {rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
