"""What the corpus layer costs an ingest: the pipeline plus storing, with the search index
(and near-duplicates and stories) on and off.

    .venv/bin/python bench/corpus_ingest.py [--copies 10]

The 50 sample articles go through the default pipeline once (timed); copies with new ids
and slightly varied text (so they are not all near-duplicates of each other) are then saved
in batches of 50 with ``warta.corpus.update`` as shipped, with the search index left out,
and with the whole corpus layer left out, interleaved, best of 2. Ingest throughput is
articles / (pipeline time + storing time), both in CPU time: this shared machine's wall clock
mostly measures the other jobs on it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from warta import corpus
from warta.corpus import search
from warta.document import Document
from warta.pipeline import default_pipeline
from warta.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "indosum-sample.jsonl"


def save_time(docs: list[Document]) -> float:
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "b.db")) as store:
        started = time.process_time()
        for i in range(0, len(docs), 50):
            store.save_documents(docs[i : i + 50])
        return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    pipeline = default_pipeline()
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    pipeline(Document.from_input(texts[0]))  # load the models before timing
    started = time.process_time()
    analyzed = [pipeline(Document.from_input(t)) for t in texts]
    per_doc = (time.process_time() - started) / len(analyzed)
    docs = [
        dataclasses.replace(
            doc, id=f"{copy:04d}{doc.id[4:]}", raw=None, text=f"Salinan {copy}. " + doc.text
        )
        for copy in range(args.copies)
        for doc in analyzed
    ]
    shipped_update, shipped_index = corpus.update, search.index_documents

    def no_corpus(conn: Any, batch: Any) -> None:
        return None

    variants = ["corpus layer as shipped", "without the search index", "no corpus layer"]
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(2):
        for name in variants:
            corpus.update, search.index_documents = shipped_update, shipped_index
            if name == "without the search index":
                search.index_documents = no_corpus
            elif name == "no corpus layer":
                corpus.update = no_corpus
            times[name].append(save_time(docs))
    corpus.update, search.index_documents = shipped_update, shipped_index
    n = len(docs)
    print(f"pipeline: {per_doc * 1000:.1f} ms/article (CPU) over {len(analyzed)} sample articles")
    print(f"storing {n} analyzed articles in batches of 50 (best of 2):")
    ingest = {name: n / (per_doc * n + min(values)) for name, values in times.items()}
    for name, values in times.items():
        print(
            f"  {name:<26} store {n / min(values):7.0f} docs/s   "
            f"ingest {ingest[name]:6.1f} articles/s"
        )
    on, off = ingest["corpus layer as shipped"], ingest["without the search index"]
    print(f"ingest with the search index / without it: {on / off:.3f}")


if __name__ == "__main__":
    main()
