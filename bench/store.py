"""Storage throughput: documents saved per second, SQLite against PostgreSQL when one is given.

    .venv/bin/python bench/store.py [--copies 20] [--batch-size 50] [--postgres URL]

The 50 sample articles go through the default pipeline once; copies of them with new ids are
then saved in batches, as ``warta ingest`` does. ``--postgres`` (or $WARTA_TEST_POSTGRES_URL)
adds a PostgreSQL run over the same documents in the same process.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import tempfile
import time
from pathlib import Path

from warta.document import Document
from warta.pipeline import default_pipeline
from warta.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "indosum-sample.jsonl"


def measure(target: str, docs: list[Document], batch_size: int) -> dict[str, float]:
    with Store.open(target) as store:
        started = time.perf_counter()
        for i in range(0, len(docs), batch_size):
            store.save_documents(docs[i : i + batch_size])
        saved = time.perf_counter() - started
        started = time.perf_counter()
        store.existing_ids(d.id for d in docs)
        lookup = time.perf_counter() - started
        started = time.perf_counter()
        store.quotes_by_speaker("Zulkifli Hasan")
        search = time.perf_counter() - started
    return {"docs_per_s": len(docs) / saved, "existing_ids_s": lookup, "speaker_search_s": search}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--postgres", default=os.environ.get("WARTA_TEST_POSTGRES_URL"))
    args = parser.parse_args()

    pipeline = default_pipeline()
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    analyzed = [pipeline(Document.from_input(t)) for t in texts]
    docs = [
        dataclasses.replace(doc, id=f"{copy:04d}{doc.id[4:]}", raw=None)
        for copy in range(args.copies)
        for doc in analyzed
    ]
    entities = sum(len(d.entities) for d in docs)
    quotes = sum(len(d.quotes) for d in docs)
    print(
        f"{len(docs)} documents ({entities} entities, {quotes} quotations), batches of "
        f"{args.batch_size}"
    )
    with tempfile.TemporaryDirectory() as folder:
        targets = {"sqlite": str(Path(folder) / "bench.db")}
        if args.postgres:
            targets["postgresql"] = args.postgres
        for name, target in targets.items():
            if name == "postgresql":
                with Store.open(target) as store, store.engine.begin() as conn:
                    conn.exec_driver_sql("delete from documents")
            numbers = measure(target, docs, args.batch_size)
            print(
                f"  {name:<11} {numbers['docs_per_s']:8.0f} docs/s saved   existing_ids "
                f"{1000 * numbers['existing_ids_s']:6.1f} ms   speaker search "
                f"{1000 * numbers['speaker_search_s']:6.1f} ms"
            )


if __name__ == "__main__":
    main()
