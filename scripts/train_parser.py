"""Train warta's Indonesian dependency parser (spaCy CNN tagger + parser) on UD treebanks.

Subcommands:
  train   train on UD Indonesian-CSUI train + Indonesian-GSD dev (GSD's train split is not in
          ../shared), pick the best step on a held-out tenth, score on the GSD and CSUI test
          splits, append the scores to bench/results/parser.jsonl
  score   score an existing model directory on the test splits
  ship    copy a trained model into warta/models/parser_id (with its scores in meta.json)

Tokens are UD's syntactic words (gold tokenization), so the scores are comparable to published
figures only approximately: those are computed from raw text, with predicted tokens. The tagger
predicts the universal POS tag (UPOS) into ``Token.tag_``; the events stage reads it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.init_config import init_config
from spacy.cli.train import train as spacy_train
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("WARTA_DATA", REPO.parent / "shared" / "data")) / "ud"
PACKAGE_MODEL = REPO / "warta" / "models" / "parser_id"
RESULTS = REPO / "bench" / "results" / "parser.jsonl"

TRAIN_FILES = ("id_csui/id_csui-ud-train.conllu", "id_gsd/id_gsd-ud-dev.conllu")
TEST_FILES = {
    "gsd-test": "id_gsd/id_gsd-ud-test.conllu",
    "csui-test": "id_csui/id_csui-ud-test.conllu",
}


@dataclass
class Sentence:
    words: list[str]
    spaces: list[bool]
    tags: list[str]
    heads: list[int]  # 0-based index of the head; a root points at itself
    deps: list[str]


def read_conllu(path: Path) -> list[Sentence]:
    """Syntactic words of each sentence; a multiword token's SpaceAfter goes to its last word."""
    sentences: list[Sentence] = []
    rows: list[list[str]] = []
    no_space_until = 0
    no_space_words: set[int] = set()

    def flush() -> None:
        if not rows:
            return
        words = [r[1] for r in rows]
        ids = [int(r[0]) for r in rows]
        spaces = [i not in no_space_words for i in ids]
        heads = [int(r[6]) - 1 if r[6] != "0" else n for n, r in enumerate(rows)]
        deps = ["ROOT" if r[6] == "0" else r[7] for r in rows]
        sentences.append(Sentence(words, spaces, [r[3] for r in rows], heads, deps))

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            rows, no_space_words, no_space_until = [], set(), 0
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue
        if "-" in cols[0]:
            first, last = (int(x) for x in cols[0].split("-"))
            no_space_words.update(range(first, last))
            if "SpaceAfter=No" in cols[9]:
                no_space_words.add(last)
            no_space_until = last
            continue
        if int(cols[0]) > no_space_until and "SpaceAfter=No" in cols[9]:
            no_space_words.add(int(cols[0]))
        rows.append(cols)
    flush()
    return sentences


def to_doc(vocab: Vocab, sent: Sentence) -> Doc:
    return Doc(
        vocab,
        words=sent.words,
        spaces=sent.spaces,
        tags=sent.tags,
        heads=sent.heads,
        deps=sent.deps,
    )


def build_config(args: argparse.Namespace) -> Any:
    config = init_config(lang="id", pipeline=["tagger", "parser"], optimize="efficiency", gpu=False)
    t2v = config["components"]["tok2vec"]["model"]
    t2v["embed"]["rows"] = [5000, 1500, 2500, 2500]
    t2v["embed"]["include_static_vectors"] = False
    t2v["encode"]["width"] = args.width
    t2v["encode"]["depth"] = args.depth
    config["components"]["parser"]["model"]["hidden_width"] = args.hidden_width
    training = config["training"]
    training["dropout"] = 0.2
    training["patience"] = args.patience
    training["max_steps"] = args.max_steps
    training["max_epochs"] = 0
    training["eval_frequency"] = args.eval_frequency
    training["logger"]["progress_bar"] = False
    config["system"]["seed"] = args.seed
    return config


def las(nlp: spacy.Language, sentences: list[Sentence]) -> dict[str, float]:
    """UAS, LAS (all words, punctuation included, labels compared in full) and UPOS accuracy."""
    total = heads = labels = tags = 0
    start = time.perf_counter()
    docs = [Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sentences]
    for doc, gold in zip(nlp.pipe(docs, batch_size=64), sentences, strict=True):
        for tok, head, dep, tag in zip(doc, gold.heads, gold.deps, gold.tags, strict=True):
            total += 1
            tags += tok.tag_ == tag
            if tok.head.i == head:
                heads += 1
                labels += tok.dep_.lower() == dep.lower()
    seconds = time.perf_counter() - start
    return {
        "words": total,
        "UAS": round(100 * heads / total, 2),
        "LAS": round(100 * labels / total, 2),
        "UPOS": round(100 * tags / total, 2),
        "words_per_second": round(total / seconds),
    }


def score(model: Path) -> dict[str, Any]:
    nlp = spacy.load(model)
    return {name: las(nlp, read_conllu(DATA / rel)) for name, rel in TEST_FILES.items()}


def cmd_train(args: argparse.Namespace) -> None:
    files = [*TRAIN_FILES, *args.extra]
    pool = [s for rel in files for s in read_conllu(DATA / rel)]
    random.Random(args.seed).shuffle(pool)
    n_dev = len(pool) // 10
    dev, train = pool[:n_dev], pool[n_dev:]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="warta-parser-"))
    vocab = spacy.blank("id").vocab
    started = time.time()
    try:
        for name, part in (("train", train), ("dev", dev)):
            DocBin(docs=[to_doc(vocab, s) for s in part]).to_disk(work / f"{name}.spacy")
        config = build_config(args)
        config.to_disk(work / "config.cfg")
        overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
        spacy_train(work / "config.cfg", out, use_gpu=-1, overrides=overrides)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    record = {
        "model": str(out / "model-best"),
        "train_sentences": len(train),
        "dev_sentences": len(dev),
        "setup": {k: v for k, v in vars(args).items() if k != "func"},
        "minutes": round((time.time() - started) / 60, 1),
        "scores": score(out / "model-best"),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    print(json.dumps(record, indent=1))


def cmd_score(args: argparse.Namespace) -> None:
    print(json.dumps(score(Path(args.model)), indent=1))


def cmd_ship(args: argparse.Namespace) -> None:
    nlp = spacy.load(args.model)
    nlp.meta["name"] = "parser_id"
    nlp.meta["version"] = args.version
    nlp.meta["description"] = "warta's Indonesian UPOS tagger and dependency parser"
    nlp.meta["license"] = "CC BY-SA 4.0 (trained on UD Indonesian-CSUI and -GSD)"
    nlp.meta["warta"] = {"training_files": list(TRAIN_FILES), "scores": score(Path(args.model))}
    if PACKAGE_MODEL.exists():
        readme = PACKAGE_MODEL / "README.md"
        keep = readme.read_text(encoding="utf-8") if readme.exists() else None
        shutil.rmtree(PACKAGE_MODEL)
    else:
        keep = None
    nlp.to_disk(PACKAGE_MODEL)
    if keep is not None:
        (PACKAGE_MODEL / "README.md").write_text(keep, encoding="utf-8")
    print(json.dumps(nlp.meta["warta"], indent=1))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(required=True)
    p = sub.add_parser("train")
    p.add_argument("--out", default=str(REPO / "training" / "parser"))
    p.add_argument("--width", type=int, default=96)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--hidden-width", type=int, default=64)
    p.add_argument("--max-steps", type=int, default=4000)
    p.add_argument("--patience", type=int, default=1200)
    p.add_argument("--eval-frequency", type=int, default=200)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--extra",
        action="append",
        default=[],
        help="another CoNLL-U file under ud/ to train on (e.g. the PUD file)",
    )
    p.set_defaults(func=cmd_train)
    p = sub.add_parser("score")
    p.add_argument("model")
    p.set_defaults(func=cmd_score)
    p = sub.add_parser("ship")
    p.add_argument("model")
    p.add_argument("--version", default="1.0.0")
    p.set_defaults(func=cmd_ship)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    sys.exit(main())
