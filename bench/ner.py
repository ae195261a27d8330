"""Entities throughput on one core: warta's stage against a BERT-base-sized encoder.

    .venv/bin/python bench/ner.py [--docs 50] [--repeat 3] [--no-bert] [--no-pipeline]

Needs the ``bench`` extra for the encoder (``pip install -e '.[bench]'``; torch 2.13.0 is a CPU
wheel on this machine). The encoder is ``BertModel(BertConfig())`` with random weights (nothing is
downloaded): 12 layers, hidden 768, the size of IndoBERT-base. It gets one id per word token
(no WordPiece splitting, which would only add pieces), so its figure flatters it. Both run on the
same sentences of the same articles, in the same process, so their ratio holds on a noisy machine.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import zlib  # noqa: E402
from pathlib import Path  # noqa: E402

from timing import best_rate  # noqa: E402

from warta.document import Document  # noqa: E402
from warta.pipeline import analyze  # noqa: E402
from warta.stages.entities import EntitiesStage  # noqa: E402
from warta.stages.sentences import SentencesStage  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "indosum-sample.jsonl"


def load_texts(limit: int) -> list[str]:
    with SAMPLE.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f][:limit]


def bert_rate(sentences: list[list[str]], repeat: int, batch_size: int = 16) -> float:
    """Word tokens per second through a random-weight BERT-base encoder, one thread."""
    import torch
    from transformers import BertConfig, BertModel

    torch.set_num_threads(1)
    torch.manual_seed(0)
    config = BertConfig()
    model = BertModel(config)
    model.train(False)  # inference mode: no dropout
    ids = [
        [101]
        + [1000 + zlib.crc32(w.encode()) % (config.vocab_size - 1000) for w in s][:510]
        + [102]
        for s in sentences
    ]
    ids.sort(key=len)  # length-bucketed batches, as a tuned BERT service would run them
    batches = []
    for i in range(0, len(ids), batch_size):
        chunk = ids[i : i + batch_size]
        width = max(len(x) for x in chunk)
        input_ids = torch.tensor([x + [0] * (width - len(x)) for x in chunk])
        mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x in chunk])
        batches.append((input_ids, mask))
    words = sum(len(s) for s in sentences)

    def run() -> int:
        with torch.inference_mode():
            for input_ids, mask in batches:
                model(input_ids=input_ids, attention_mask=mask)
        return words

    return best_rate(run, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-bert", action="store_true")
    parser.add_argument("--no-pipeline", action="store_true", help="skip warta.analyze")
    args = parser.parse_args()

    texts = load_texts(args.docs)
    split = SentencesStage()
    docs = [split(Document(text=t, language="id")) for t in texts]
    tokens = sum(len(d.tokens) for d in docs)
    entities = EntitiesStage()
    entities(docs[0])  # load the model before timing

    def run_stage() -> int:
        for doc in docs:
            entities(doc)
        return tokens

    result: dict[str, float | int] = {"docs": len(docs), "tokens": tokens}
    result["entities_tokens_per_s"] = round(best_rate(run_stage, args.repeat))
    if not args.no_pipeline:

        def run_pipeline() -> int:
            for text in texts:
                analyze(text, language="id")
            return tokens

        run_pipeline()
        result["analyze_tokens_per_s"] = round(best_rate(run_pipeline, args.repeat))
    if not args.no_bert:
        sentences = [
            [d.text[t.start : t.end] for t in d.tokens if s.start <= t.start < s.end]
            for d in docs
            for s in d.sentences
        ]
        result["bert_base_tokens_per_s"] = round(bert_rate(sentences, args.repeat))
        result["ratio"] = round(
            result["entities_tokens_per_s"] / result["bert_base_tokens_per_s"], 1
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
