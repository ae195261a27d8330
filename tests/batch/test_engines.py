"""Every engine stores what ``--engine local`` stores, for the same input.

A corpus of 200 short articles, the paragraphs of samples/indosum-sample.jsonl (IndoSum,
CC BY-SA 4.0; see samples/ATTRIBUTION.md) each as its own JSONL record, plus two broken
lines so failures are compared too, goes through the local engine once; a two-worker Dask
cluster and a local[2] Spark context (skipped without Java) each start once for the module
and must store identical documents (ids, text, entities, quotes, events: the whole JSON),
record the same failures, resume a killed run, write PostgreSQL from the workers and write
Parquet shards.
"""

from __future__ import annotations

import functools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from sqlalchemy import text

from warta.batch.local import IngestSummary, ingest
from warta.batch.partitions import plan_partitions
from warta.batch.runner import Engine, PartitionProgress, open_engine, run_partitions
from warta.batch.work import worker_pipeline
from warta.cli import cli
from warta.config import load_config
from warta.corpus.export import document_rows
from warta.document import Document
from warta.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "indosum-sample.jsonl"
ARTICLES = 200
#: Lines that cannot be read: recorded as failures by every engine alike.
BROKEN = {60: "not json at all", 130: json.dumps({"title": "tanpa teks"})}


def paragraphs(n: int) -> list[tuple[str, str]]:
    """(url, paragraph) for the first ``n`` distinct paragraphs of 80+ characters of the
    sample (distinct: a document's id is a hash of its content)."""
    found: dict[str, str] = {}
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for i, paragraph in enumerate(record["text"].split("\n\n")):
            if len(paragraph) >= 80:
                found.setdefault(paragraph, f"{record['url']}#p{i}")
    return [(url, paragraph) for paragraph, url in found.items()][:n]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [
        json.dumps({"url": url, "text": t}, ensure_ascii=False) for url, t in paragraphs(ARTICLES)
    ]
    for lineno, broken in sorted(BROKEN.items()):
        lines.insert(lineno - 1, broken)
    path = tmp_path_factory.mktemp("corpus") / "artikel.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def config() -> dict[str, Any]:
    return load_config()


@pytest.fixture(scope="session")
def local_run(
    corpus: Path, config: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, IngestSummary]:
    """The corpus through ``--engine local``: the reference every engine must match."""
    db = str(tmp_path_factory.mktemp("local") / "local.db")
    with Store.open(db) as store:
        summary = ingest([str(corpus)], store=store, pipeline=worker_pipeline(config))
    return db, summary


def stored_documents(target: str) -> dict[str, dict[str, Any]]:
    """Every stored document's JSON by id."""
    with Store.open(target) as store, store.engine.connect() as conn:
        rows = conn.execute(text("select id, data from documents")).all()
    return {r.id: (r.data if isinstance(r.data, dict) else json.loads(r.data)) for r in rows}


def stored_failures(target: str) -> set[tuple[str, str, str, str]]:
    with Store.open(target) as store, store.engine.connect() as conn:
        rows = conn.execute(text("select source, stage, error_type, message from failures"))
        return {tuple(r) for r in rows}  # type: ignore[misc]


def shard_rows(out: Path, table: str) -> list[dict[str, Any]]:
    """Every row of ``table`` in the Parquet shards under ``out``."""
    files = sorted((out / table).rglob("*.parquet"))
    return [row for file in files for row in pq.read_table(file).to_pylist()]


def assert_shards_hold(out: Path, local: dict[str, dict[str, Any]]) -> None:
    """The shards' documents, entities, quotes and events are the export rows of the
    documents the local engine stored (nested columns left aside: Parquet holds them as
    JSON text)."""
    for table in ("documents", "entities", "mentions", "quotes", "events"):
        rows = [
            row for data in local.values() for row in document_rows(Document.from_dict(data))[table]
        ]
        nested = {k for row in rows for k, v in row.items() if isinstance(v, list | dict)}
        columns = [k for k in (rows[0] if rows else {}) if k not in nested | {"month"}]
        expected = [{k: row[k] for k in columns} for row in rows]
        written = [{k: row[k] for k in columns} for row in shard_rows(out, table)]
        key = functools.partial(json.dumps, sort_keys=True)
        assert sorted(written, key=key) == sorted(expected, key=key), table


def java_or_skip() -> None:
    if shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime (scripts/install-java.sh)")




@pytest.fixture(scope="module")
def dask_engine() -> Iterator[Engine]:
    engine = open_engine("dask", workers=2)
    yield engine
    engine.close()


def run(
    engine: Engine, corpus: Path, config: dict[str, Any], **where: Any
) -> tuple[IngestSummary, list[PartitionProgress]]:
    seen: list[PartitionProgress] = []
    partitions = plan_partitions([str(corpus)], size=25)
    summary = run_partitions(
        partitions, engine=engine, config=config, on_partition=seen.append, **where
    )
    return summary, seen


def test_dask_stores_what_local_stores_and_resumes_a_killed_run(
    local_run: tuple[str, IngestSummary],
    corpus: Path,
    config: dict[str, Any],
    dask_engine: Engine,
    tmp_path: Path,
) -> None:
    local_db, local_summary = local_run
    local = stored_documents(local_db)
    assert len(local) == 200 and local_summary.failed == 2
    db = str(tmp_path / "dask.db")
    with Store.open(local_db) as source, Store.open(db) as store:
        # What a run killed halfway leaves: the first 100 documents stored.
        first = [source.get_document(doc_id) for doc_id in sorted(local)[:100]]
        store.save_documents([d for d in first if d is not None])
        summary, progress = run(dask_engine, corpus, config, store=store)
    assert (summary.read, summary.skipped, summary.new, summary.failed) == (202, 100, 100, 2)
    assert [p.done for p in progress] == list(range(1, 10)) and progress[-1].total == 9
    assert len({p.result.worker for p in progress}) == 2
    assert stored_documents(db) == local
    assert stored_failures(db) == stored_failures(local_db)
    listed = CliRunner().invoke(cli, ["failures", "--db", db]).output
    assert f"{corpus}:130  [read] InputError: has neither 'text' nor 'html'" in listed


def test_dask_workers_write_postgresql_themselves(
    local_run: tuple[str, IngestSummary],
    corpus: Path,
    config: dict[str, Any],
    dask_engine: Engine,
    postgres_target: str,
) -> None:
    with Store.open(postgres_target) as store:
        summary, progress = run(dask_engine, corpus, config, store=store)
    assert (summary.read, summary.new, summary.failed) == (202, 200, 2)
    assert sum(p.result.new for p in progress) == 200  # counted where they were written
    assert stored_documents(postgres_target) == stored_documents(local_run[0])
    assert stored_failures(postgres_target) == stored_failures(local_run[0])


def test_dask_writes_parquet_shards_and_skips_finished_partitions(
    local_run: tuple[str, IngestSummary],
    corpus: Path,
    config: dict[str, Any],
    dask_engine: Engine,
    tmp_path: Path,
) -> None:
    out = tmp_path / "lake"
    summary, progress = run(dask_engine, corpus, config, out=str(out))
    assert (summary.read, summary.new, summary.failed) == (202, 200, 2)
    assert_shards_hold(out, stored_documents(local_run[0]))
    failures = shard_rows(out, "failures")
    assert {f["source"] for f in failures} == {f"{corpus}:60", f"{corpus}:130"}

    again, progress = run(dask_engine, corpus, config, out=str(out))
    assert progress == []
    assert (again.read, again.skipped, again.new) == (202, 200, 0)


@pytest.fixture(scope="module")
def spark_engine() -> Iterator[Engine]:
    java_or_skip()
    engine = open_engine("spark", workers=2)
    yield engine
    engine.close()


def test_spark_stores_what_local_stores(
    local_run: tuple[str, IngestSummary],
    corpus: Path,
    config: dict[str, Any],
    spark_engine: Engine,
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "spark.db")
    with Store.open(db) as store:
        summary, progress = run(spark_engine, corpus, config, store=store)
    assert (summary.read, summary.new, summary.failed) == (202, 200, 2)
    assert len(progress) == 9
    assert stored_documents(db) == stored_documents(local_run[0])
    assert stored_failures(db) == stored_failures(local_run[0])


def test_spark_writes_parquet_shards(
    local_run: tuple[str, IngestSummary],
    corpus: Path,
    config: dict[str, Any],
    spark_engine: Engine,
    tmp_path: Path,
) -> None:
    out = tmp_path / "lake"
    summary, _ = run(spark_engine, corpus, config, out=str(out))
    assert (summary.read, summary.new, summary.failed) == (202, 200, 2)
    assert_shards_hold(out, stored_documents(local_run[0]))


# --- the command line -----------------------------------------------------------------


def test_cli_out_without_an_engine_writes_shards_in_process(
    local_run: tuple[str, IngestSummary], tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(json.dumps({"text": t}) + "\n" for _, t in paragraphs(3)) + "{broken\n",
        encoding="utf-8",
    )
    out = tmp_path / "lake"
    first = CliRunner().invoke(cli, ["ingest", str(feed), "--out", str(out), "-q"])
    assert first.exit_code == 0, first.output
    assert "ingested 4 items" in first.output and "3 new" in first.output
    assert "1 failed" in first.output and f"{out}/failures/*.parquet" in first.output
    assert len(shard_rows(out, "documents")) == 3
    again = CliRunner().invoke(cli, ["ingest", str(feed), "--out", str(out), "-q"])
    assert "3 already stored" in again.output and not (tmp_path / "warta.db").exists()


@pytest.mark.parametrize("engine", ["dask", "spark"])
def test_cli_refuses_stdin_for_distributed_engines(engine: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", "-", "--engine", engine, "--db", str(tmp_path / "x.db")], input="teks"
    )
    assert result.exit_code == 1
    assert "standard input ('-') can only be read by --engine local" in result.output
