"""Train warta's Indonesian named-entity model (spaCy CNN) and score it by the IndoLEM protocol.

Subcommands:
  vectors   train small floret vectors on IndoSum news text (static vectors for the tok2vec)
  fold      train on one IndoLEM fold (NER-UI or NER-UGM), score its test split, append a JSON line
  folds     run ``fold`` for several sets and folds, one after another
  rescore   score the fold models a ``folds`` run left (after the stage's rules changed)
  pretrain  pretrain the tok2vec on IndoSum news text (spaCy's character objective)
  full      train on the union of all training portions and write the model into the package

All corpora are harmonized to PER / ORG / LOC (see LABEL_MAPS and docs/ner.md). Sentences of an
added corpus that equal (by normalized tokens) a sentence of the fold's test or dev split are
dropped, and the counts are reported. Seeds are fixed; run with one thread for comparable timings.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import indosum
import spacy
from spacy.cli.init_config import init_config
from spacy.cli.train import train as spacy_train
from spacy.tokens import Doc, DocBin
from spacy.util import load_config
from thinc.api import Config

from warta.evaluation.ner import (
    TaggedSentence,
    evaluate_ner,
    predict,
    predict_with_stage,
    read_bio,
    sentence_key,
)

log = logging.getLogger("train_ner")

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("WARTA_DATA", REPO.parent / "shared" / "data"))
PACKAGE_MODEL = REPO / "warta" / "models" / "ner_id"
RESULTS = REPO / "bench" / "results" / "ner_folds.jsonl"

#: Each corpus's types renamed to warta's three; ``O`` drops a type (see docs/ner.md for why).
LABEL_MAPS: dict[str, dict[str, str]] = {
    "nerui": {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"},
    "nerugm": {
        "PERSON": "PER",
        "LOCATION": "LOC",
        "ORGANIZATION": "ORG",
        "QUANTITY": "O",
        "TIME": "O",
    },
    "nergrit": {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"},
    "nerp": {"PPL": "PER", "PLC": "LOC", "IND": "ORG", "EVT": "O", "FNB": "O"},
}

#: The IndoLEM sets scored fold by fold, and the files that hold them.
FOLD_SETS = {"nerui": "ner/indolem-nerui", "nerugm": "ner/indolem-nerugm"}
#: Corpora that may be added to a fold's training data (the other IndoLEM set in whole).
EXTRA_FILES = {
    **{
        name: [f"{base}/{split}.01.tsv" for split in ("train", "dev", "test")]
        for name, base in FOLD_SETS.items()
    },
    "nergrit": [
        "ner/indonlu-nergrit/train_preprocess.txt",
        "ner/indonlu-nergrit/valid_preprocess.txt",
    ],
    "nerp": [
        "ner/indonlu-nerp/train_preprocess.txt",
        "ner/indonlu-nerp/valid_preprocess.txt",
        "ner/indonlu-nerp/test_preprocess.txt",
    ],
}


@dataclass(slots=True)
class Setup:
    """One training configuration; its fields are what docs/ner.md's experiment table lists."""

    extras: tuple[str, ...] = ()
    vectors: str | None = None
    init_tok2vec: str | None = None
    width: int = 96
    depth: int = 4
    rows: tuple[int, int, int, int] = (5000, 1000, 2500, 2500)
    hidden_width: int = 64
    dropout: float = 0.1
    patience: int = 1600
    max_steps: int = 6000
    max_epochs: int = 0
    eval_frequency: int = 200
    seed: int = 0
    use_averages: bool = False
    #: how many times the IndoLEM set's own training sentences are repeated beside the extras
    target_weight: int = 1
    #: steps of further training on the IndoLEM set alone, from the model trained with extras
    finetune_steps: int = 0
    finetune_learn_rate: float = 0.0003
    #: self-training: IndoSum sentences tagged by the entities stage around an earlier model
    silver_sentences: int = 0
    silver_from: str | None = None
    notes: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        return {
            "extras": list(self.extras),
            "vectors": Path(self.vectors).name if self.vectors else None,
            "init_tok2vec": Path(self.init_tok2vec).name if self.init_tok2vec else None,
            "width": self.width,
            "depth": self.depth,
            "rows": list(self.rows),
            "hidden_width": self.hidden_width,
            "dropout": self.dropout,
            "patience": self.patience,
            "max_steps": self.max_steps,
            "max_epochs": self.max_epochs,
            "seed": self.seed,
            "use_averages": self.use_averages,
            "target_weight": self.target_weight,
            "finetune_steps": self.finetune_steps,
            "finetune_learn_rate": self.finetune_learn_rate,
            "silver_sentences": self.silver_sentences,
            "silver_from": self.silver_from,
        }


def read_set(relpath: str, corpus: str) -> list[TaggedSentence]:
    return read_bio(DATA / relpath, fmt="bio", label_map=LABEL_MAPS[corpus])


def read_extras(names: Iterable[str]) -> dict[str, list[TaggedSentence]]:
    return {n: [s for p in EXTRA_FILES[n] for s in read_set(p, n)] for n in names}


def dedupe(
    sents: list[TaggedSentence], banned: dict[str, set[str]]
) -> tuple[list[TaggedSentence], dict[str, int]]:
    """``sents`` less repeats and less those whose key is in one of the ``banned`` sets.

    Returns the kept sentences and how many were dropped for each banned set and as repeats.
    """
    kept: list[TaggedSentence] = []
    seen: set[str] = set()
    dropped = {name: 0 for name in banned} | {"repeat": 0}
    for s in sents:
        key = sentence_key(s.tokens)
        hit = next((name for name, keys in banned.items() if key in keys), None)
        if hit is None and key in seen:
            hit = "repeat"
        if hit is not None:
            dropped[hit] += 1
            continue
        seen.add(key)
        kept.append(s)
    return kept, dropped


def to_docbin(sents: Iterable[TaggedSentence], path: Path) -> int:
    vocab = spacy.blank("id").vocab
    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    n = 0
    for s in sents:
        db.add(Doc(vocab, words=s.tokens, ents=s.tags))
        n += 1
    db.to_disk(path)
    return n


def build_config(setup: Setup, *, pretrain_epochs: int = 0) -> Config:
    """spaCy's CNN ``tok2vec`` + ``ner`` config for Indonesian, with ``setup``'s changes."""
    config = init_config(
        lang="id",
        pipeline=["ner"],
        optimize="efficiency",
        gpu=False,
        pretraining=pretrain_epochs > 0,
    )
    if pretrain_epochs:
        config["pretraining"]["max_epochs"] = pretrain_epochs
    t2v = config["components"]["tok2vec"]["model"]
    t2v["embed"]["rows"] = list(setup.rows)
    t2v["embed"]["include_static_vectors"] = setup.vectors is not None
    t2v["encode"]["width"] = setup.width
    t2v["encode"]["depth"] = setup.depth
    config["components"]["ner"]["model"]["hidden_width"] = setup.hidden_width
    training = config["training"]
    training["dropout"] = setup.dropout
    training["patience"] = setup.patience
    training["max_steps"] = setup.max_steps
    training["max_epochs"] = setup.max_epochs
    training["eval_frequency"] = setup.eval_frequency
    training["logger"]["progress_bar"] = False
    training["optimizer"]["use_averages"] = setup.use_averages
    config["system"]["seed"] = setup.seed
    return config


def run_spacy_training(
    config: Config,
    train: list[TaggedSentence],
    dev: list[TaggedSentence],
    out: Path,
    paths: dict[str, str | None] | None = None,
) -> None:
    """spaCy's ``train`` with ``config`` on ``train``/``dev`` (written as DocBins) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="warta-ner-"))
    try:
        to_docbin(train, work / "train.spacy")
        to_docbin(dev, work / "dev.spacy")
        config.to_disk(work / "config.cfg")
        overrides = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            **(paths or {}),
        }
        spacy_train(work / "config.cfg", out, use_gpu=-1, overrides=overrides)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def train_model(
    setup: Setup, train: list[TaggedSentence], dev: list[TaggedSentence], out: Path
) -> Path:
    """Train into ``out``; the best model's directory (``model-last`` when patience is 0)."""
    # spaCy loads ``init_tok2vec`` weights only when the config has a [pretraining] block
    config = build_config(setup, pretrain_epochs=1 if setup.init_tok2vec else 0)
    paths = {"paths.vectors": setup.vectors, "paths.init_tok2vec": setup.init_tok2vec}
    run_spacy_training(config, train, dev, out, paths)
    return out / ("model-best" if setup.patience else "model-last")


def finetune_model(
    setup: Setup,
    model_dir: Path,
    train: list[TaggedSentence],
    dev: list[TaggedSentence],
    out: Path,
    *,
    keep_best: bool = True,
) -> Path:
    """Go on training ``model_dir`` on ``train`` alone, at a lower learning rate.

    The added corpora teach names; their conventions (is a football club named after its city
    ORG or LOC? does "Gedung DPR" include "Gedung"?) differ from the target set's, and a short
    second pass on the target set alone adopts its conventions: +2.3 F1 on NER-UI fold 1.
    ``keep_best`` picks the step that scores best on ``dev``; without it the last step is kept
    (for the shipped model, whose dev sentences are also training sentences).
    """
    config = build_config(setup)
    for name in ("tok2vec", "ner"):
        config["components"][name] = {"source": str(model_dir)}
    training = config["training"]
    training["max_steps"] = setup.finetune_steps
    training["patience"] = setup.finetune_steps
    training["eval_frequency"] = min(setup.eval_frequency, 100)
    training["optimizer"]["learn_rate"] = setup.finetune_learn_rate
    run_spacy_training(config, train, dev, out)
    return out / ("model-best" if keep_best else "model-last")


def run_fold(setup: Setup, set_name: str, fold: int, out: Path) -> dict[str, Any]:
    """IndoLEM protocol, one fold: train on train.0k (+ extras), stop on dev.0k, test on test.0k."""
    base = FOLD_SETS[set_name]
    train = read_set(f"{base}/train.0{fold}.tsv", set_name)
    dev = read_set(f"{base}/dev.0{fold}.tsv", set_name)
    test = read_set(f"{base}/test.0{fold}.tsv", set_name)
    banned = {
        split: {sentence_key(s.tokens) for s in sents}
        for split, sents in (("test", test), ("dev", dev), ("train", train))
    }
    own_train = list(train)
    train = train * setup.target_weight
    dropped: dict[str, dict[str, int]] = {}
    added: dict[str, int] = {}
    extras = [e for e in setup.extras if e != set_name]
    for name, sents in read_extras(extras).items():
        kept, dropped[name] = dedupe(sents, banned)
        added[name] = len(kept)
        train.extend(kept)
    if setup.silver_sentences and setup.silver_from:
        labeler = fold_model(Path(setup.silver_from) / f"{set_name}-{fold}")
        silver = silver_sentences(labeler, setup.silver_sentences, banned)
        added["silver"] = len(silver)
        train.extend(silver)
    started = time.time()
    model_dir = train_model(setup, train, dev, out)
    if setup.finetune_steps:
        model_dir = finetune_model(setup, model_dir, own_train, dev, out / "finetuned")
    seconds = time.time() - started
    return score_fold(set_name, fold, model_dir) | {
        "train_sentences": len(train),
        "added": added,
        "dropped": dropped,
        "train_seconds": round(seconds),
        "setup": setup.describe(),
        "tag": setup.notes.get("tag", ""),
    }


def score_fold(set_name: str, fold: int, model_dir: Path) -> dict[str, Any]:
    """A fold model's test scores: the model alone and the ``entities`` stage around it."""
    test = read_set(f"{FOLD_SETS[set_name]}/test.0{fold}.tsv", set_name)
    report = evaluate_ner(test, predict(spacy.load(model_dir), test))
    stage = evaluate_ner(test, predict_with_stage(test, model=str(model_dir)))
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    return {
        "set": set_name,
        "fold": fold,
        "f1": round(100 * report.micro.f1, 2),
        "precision": round(100 * report.micro.precision, 2),
        "recall": round(100 * report.micro.recall, 2),
        "per_type": {t: round(100 * s.f1, 2) for t, s in sorted(report.types.items())},
        "f1_stage": round(100 * stage.micro.f1, 2),
        "dev_f1": round(100 * float(meta.get("performance", {}).get("ents_f", 0.0)), 2),
    }


def fold_model(out: Path) -> Path:
    """The model a fold run left in ``out``: the fine-tuned one where there is one."""
    tuned = out / "finetuned" / "model-best"
    return tuned if tuned.is_dir() else out / "model-best"


def rescore(out: Path, runs: Sequence[tuple[str, int]], tag: str) -> list[dict[str, Any]]:
    """Score saved fold models again (after the stage's rules changed) and print the means."""
    results = [
        score_fold(s, k, fold_model(out / f"{s}-{k}")) | {"tag": tag, "rescored_from": str(out)}
        for s, k in runs
    ]
    for set_name in dict.fromkeys(s for s, _ in runs):
        mine = [r for r in results if r["set"] == set_name]
        cells = " | ".join(f"{r['f1']:.2f} ({r['f1_stage']:.2f})" for r in mine)
        model = sum(r["f1"] for r in mine) / len(mine)
        stage = sum(r["f1_stage"] for r in mine) / len(mine)
        print(f"| {set_name} | {cells} | {model:.2f} | {stage:.2f} |")
    return results


def full_training_data(
    extras: Sequence[str], target_weight: int = 1
) -> tuple[list[TaggedSentence], dict[str, Any]]:
    """Every IndoLEM training portion (all five folds' train files) plus the added corpora."""
    sents: list[TaggedSentence] = []
    for set_name, base in FOLD_SETS.items():
        for fold in range(1, 6):
            sents.extend(read_set(f"{base}/train.0{fold}.tsv", set_name))
    own, _ = dedupe(sents, {})
    banned = {"indolem": {sentence_key(s.tokens) for s in own}}
    stats: dict[str, Any] = {"indolem": len(own), "dropped": {}}
    own = own * target_weight
    for name, extra in read_extras(extras).items():
        kept, stats["dropped"][name] = dedupe(extra, banned)
        stats[name] = len(kept)
        own.extend(kept)
    stats["sentences"] = len(own)
    return own, stats


def train_full(setup: Setup, dest: Path) -> None:
    """Train the shipped model on every training portion and copy it into the package.

    With ``finetune_steps`` it then trains that many steps on all of NER-UI (news from
    detik.com, the set whose conventions warta follows), keeping the last step.
    """
    train, stats = full_training_data(setup.extras, setup.target_weight)
    dev = [s for b in FOLD_SETS for s in read_set(f"{FOLD_SETS[b]}/dev.01.tsv", b)]
    with tempfile.TemporaryDirectory(prefix="warta-ner-full-") as tmp:
        model_dir = train_model(setup, train, dev, Path(tmp))
        if setup.finetune_steps:
            target, _ = dedupe(
                [
                    s
                    for k in range(1, 6)
                    for s in read_set(f"ner/indolem-nerui/train.0{k}.tsv", "nerui")
                ],
                {},
            )
            stats["finetuned_on"] = {"nerui": len(target)}
            model_dir = finetune_model(
                setup, model_dir, target, dev, Path(tmp) / "finetuned", keep_best=False
            )
        nlp = spacy.load(model_dir)
        nlp.meta.update(
            {
                "name": "ner_id",
                "version": "1.1.0",
                "description": "warta Indonesian NER (PER/ORG/LOC), spaCy CNN; see README.md",
                "license": "research use; see README.md for the corpora's terms",
                "sources": [
                    "IndoLEM NER-UI and NER-UGM (Koto et al., COLING 2020)",
                    "IndoNLU NERGrit and NERP (Wilie et al., AACL 2020), Apache-2.0",
                ],
            }
        )
        nlp.meta.setdefault("warta", {}).update({"setup": setup.describe(), "training": stats})
        readme = dest / "README.md"
        kept = readme.read_text(encoding="utf-8") if readme.is_file() else None
        if dest.exists():
            shutil.rmtree(dest)
        nlp.to_disk(dest)
        if kept is not None:
            readme.write_text(kept, encoding="utf-8")
    log.info("wrote %s (%d training sentences)", dest, stats["sentences"])


def silver_sentences(
    labeler: Path, limit: int, banned: dict[str, set[str]]
) -> list[TaggedSentence]:
    """``limit`` IndoSum sentences (a fixed random sample) tagged by the stage around ``labeler``.

    Self-training: the stage's gazetteers and rules, and the target set's conventions learned by
    a fine-tuned ``labeler``, reach the next model through text it has never seen annotated.
    Sentences equal to a ``banned`` one (the fold's test, dev, train) are left out.
    """
    keyed: dict[str, list[str]] = {}
    for tokens in indosum.sentences(DATA):
        key = sentence_key(tokens)
        if len(tokens) >= 5 and not any(key in keys for keys in banned.values()):
            keyed.setdefault(key, tokens)
    sample = random.Random(0).sample(sorted(keyed), min(limit, len(keyed)))
    blank = [TaggedSentence(keyed[k], ["O"] * len(keyed[k])) for k in sample]
    return predict_with_stage(blank, model=str(labeler))


def train_vectors(out: Path, *, dim: int, buckets: int, epochs: int) -> None:
    """floret vectors (subword hashing, so unseen names get vectors) from lower-cased news text."""
    import floret  # only needed here; not a runtime dependency

    out.mkdir(parents=True, exist_ok=True)
    text = out / "indosum.txt"
    seen: set[str] = set()
    with text.open("w", encoding="utf-8") as f:
        for sent in indosum.sentences(DATA):
            line = " ".join(unicodedata.normalize("NFKC", t).lower() for t in sent)
            if line not in seen:
                seen.add(line)
                f.write(line + "\n")
    model = floret.train_unsupervised(
        str(text),
        model="cbow",
        mode="floret",
        hashCount=2,
        bucket=buckets,
        minn=4,
        maxn=5,
        dim=dim,
        epoch=epochs,
        minCount=3,
        thread=1,
    )
    model.save_floret_vectors(str(out / "vectors.floret"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "init",
            "vectors",
            "id",
            str(out / "vectors.floret"),
            str(out / "spacy"),
            "--mode",
            "floret",
            "--attr",
            "LOWER",
        ],
        check=True,
    )
    text.unlink()


def pretrain_tok2vec(setup: Setup, out: Path, *, epochs: int) -> None:
    """spaCy's character-objective pretraining of the tok2vec on IndoSum news text.

    The weights (``out/model<N>.bin``) fit only a tok2vec of the same width, depth, rows and
    vectors, so train with the same options plus ``--init-tok2vec``.
    """
    from spacy.training.pretrain import pretrain

    out.mkdir(parents=True, exist_ok=True)
    raw = out / "raw.jsonl"
    with raw.open("w", encoding="utf-8") as f:
        for sent in indosum.sentences(DATA):
            f.write(json.dumps({"text": " ".join(sent)}) + "\n")
    build_config(setup, pretrain_epochs=epochs).to_disk(out / "config.cfg")
    overrides = {"paths.raw_text": str(raw), "paths.vectors": setup.vectors}
    config = load_config(out / "config.cfg", overrides=overrides, interpolate=True)
    pretrain(config, out, use_gpu=-1, silent=False)
    raw.unlink()


def setup_from_args(args: argparse.Namespace) -> Setup:
    return Setup(
        extras=tuple(e for e in args.extras.split(",") if e),
        vectors=args.vectors,
        init_tok2vec=args.init_tok2vec,
        width=args.width,
        depth=args.depth,
        rows=tuple(int(r) for r in args.rows.split(",")),  # type: ignore[arg-type]
        hidden_width=args.hidden_width,
        dropout=args.dropout,
        patience=args.patience,
        max_steps=args.max_steps,
        max_epochs=args.max_epochs,
        eval_frequency=args.eval_frequency,
        seed=args.seed,
        use_averages=args.use_averages,
        target_weight=args.target_weight,
        finetune_steps=args.finetune_steps,
        finetune_learn_rate=args.finetune_learn_rate,
        silver_sentences=args.silver_sentences,
        silver_from=args.silver_from,
        notes={"tag": args.tag},
    )


def main(argv: Sequence[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    vec = sub.add_parser("vectors")
    vec.add_argument("--out", type=Path, default=REPO / "build" / "ner-vectors")
    vec.add_argument("--dim", type=int, default=100)
    vec.add_argument("--buckets", type=int, default=50000)
    vec.add_argument("--epochs", type=int, default=10)
    for name in ("fold", "folds", "rescore", "full", "pretrain"):
        p = sub.add_parser(name)
        p.add_argument("--extras", default="nergrit,nerp", help="added corpora, comma-separated")
        p.add_argument("--vectors", default=None, help="spaCy vectors dir from `vectors`")
        p.add_argument("--init-tok2vec", default=None, help="weights from `pretrain`")
        p.add_argument("--pretrain-epochs", type=int, default=3)
        p.add_argument("--width", type=int, default=96)
        p.add_argument("--depth", type=int, default=4)
        p.add_argument("--rows", default="5000,1000,2500,2500")
        p.add_argument("--hidden-width", type=int, default=64)
        p.add_argument("--dropout", type=float, default=0.1)
        p.add_argument("--patience", type=int, default=1600)
        p.add_argument("--max-steps", type=int, default=6000)
        p.add_argument("--max-epochs", type=int, default=0)
        p.add_argument("--eval-frequency", type=int, default=200)
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--use-averages", action="store_true", help="Adam parameter averaging")
        p.add_argument("--target-weight", type=int, default=1, help="repeat IndoLEM train k times")
        p.add_argument("--finetune-steps", type=int, default=0, help="then train on it alone")
        p.add_argument("--finetune-learn-rate", type=float, default=0.0003)
        p.add_argument("--silver-sentences", type=int, default=0, help="self-training sample")
        p.add_argument(
            "--silver-from", default=None, help="fold runs' --out (fold) or a model dir (full)"
        )
        p.add_argument("--tag", default="", help="a name for this experiment in the results")
        p.add_argument(
            "--out",
            type=Path,
            default=PACKAGE_MODEL
            if name == "full"
            else REPO / "build" / ("ner-folds" if name == "rescore" else f"ner-{name}"),
        )
        p.add_argument("--results", type=Path, default=RESULTS)
        if name == "fold":
            p.add_argument("set", choices=sorted(FOLD_SETS))
            p.add_argument("fold", type=int, choices=range(1, 6))
        if name in ("folds", "rescore"):
            p.add_argument("--sets", default="nerui,nerugm")
            p.add_argument("--fold-numbers", default="1,2,3,4,5")
    args = parser.parse_args(argv)
    if args.command == "vectors":
        train_vectors(args.out, dim=args.dim, buckets=args.buckets, epochs=args.epochs)
        return
    setup = setup_from_args(args)
    if args.command == "pretrain":
        pretrain_tok2vec(setup, args.out, epochs=args.pretrain_epochs)
        return
    if args.command == "full":
        train_full(setup, args.out)
        return
    if args.command == "fold":
        runs = [(args.set, args.fold)]
    else:
        runs = [(s, int(k)) for s in args.sets.split(",") for k in args.fold_numbers.split(",")]
    if args.command == "rescore":
        results = rescore(args.out, runs, args.tag)
    else:
        results = []
        for set_name, fold in runs:
            results.append(run_fold(setup, set_name, fold, args.out / f"{set_name}-{fold}"))
            log.info("%s fold %d: F1 %.2f", set_name, fold, results[-1]["f1"])
            append_results(args.results, results[-1:])
    if args.command == "rescore":
        append_results(args.results, results)


def append_results(path: Path, results: Sequence[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in results)


if __name__ == "__main__":
    main()
