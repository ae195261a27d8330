"""The link stage's cost beside the entities stage, on the bundled IndoSum sample.

    .venv/bin/python bench/link.py [--docs 50] [--repeat 5]

Both stages run over the same documents in the same process (sentences are split once,
beforehand), so the ratio holds on a noisy machine. The tables' one-time load is timed apart:
it is paid once per process, on the first document.
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from pathlib import Path

from timing import best_rate

from warta.document import Document
from warta.stages.entities import EntitiesStage
from warta.stages.link import LinkStage, _built_tables, rules
from warta.stages.sentences import SentencesStage

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "indosum-sample.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with SAMPLE.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f][: args.docs]
    sentences = SentencesStage()
    docs = [sentences(Document(text=t, language="id")) for t in texts]
    tokens = sum(len(d.tokens) for d in docs)

    started = time.perf_counter()
    _built_tables()
    rules("id")
    load = time.perf_counter() - started

    entities = EntitiesStage()
    tagged: list[Document] = []

    def run_entities() -> int:
        tagged[:] = list(entities.pipe(docs))  # overwrites each document's entities
        return tokens

    link = LinkStage()
    fresh: list[list[Document]] = []

    def run_link() -> int:
        for doc in fresh.pop():  # linking merges entities: each run gets unlinked copies
            link(doc)
        return tokens

    run_entities()  # warm the model; fills ``tagged``
    entities_rate = best_rate(run_entities, args.repeat)
    fresh.extend(copy.deepcopy(tagged) for _ in range(args.repeat))
    link_rate = best_rate(run_link, args.repeat)
    n_entities = sum(len(d.entities) for d in tagged)
    print(f"{len(docs)} articles, {tokens} tokens, {n_entities} entities before linking")
    print(f"tables load (once per process): {load * 1000:.0f} ms")
    print(f"entities stage: {entities_rate:,.0f} tokens/s")
    per_article = 1000 * tokens / link_rate / len(docs)
    print(f"link stage:     {link_rate:,.0f} tokens/s ({per_article:.2f} ms per article)")
    print(f"link / entities time: {entities_rate / link_rate:.1%}")


if __name__ == "__main__":
    main()
