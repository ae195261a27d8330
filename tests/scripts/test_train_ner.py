"""Smoke test of scripts/train_ner.py on a small NERGrit slice (full training stays out of CI)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import spacy

from warta.evaluation.ner import TaggedSentence, evaluate_ner, predict, read_bio

SCRIPT = Path(__file__).parents[2] / "scripts" / "train_ner.py"


@pytest.fixture(scope="module")
def train_ner() -> ModuleType:
    # run as a script, its own folder is on sys.path (it imports scripts/indosum.py)
    if str(SCRIPT.parent) not in sys.path:
        sys.path.insert(0, str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("train_ner", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_ner"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def nergrit(fixtures: Path, train_ner: ModuleType) -> list[TaggedSentence]:
    return read_bio(fixtures / "ner" / "nergrit-240.bio", label_map=train_ner.LABEL_MAPS["nergrit"])


def test_labels_are_harmonized(nergrit: list[TaggedSentence]) -> None:
    types = {t[2:] for s in nergrit for t in s.tags if t != "O"}
    assert types == {"PER", "ORG", "LOC"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (["Jokowi", "tiba", "di", "Solo", "."], ["jokowi", "tiba", "di", "solo"], True),
        (["“", "Ya", "”", ",", "katanya"], ["ya", "katanya", "."], True),
        (["Jokowi", "tiba"], ["Jokowi", "pergi"], False),
    ],
)
def test_sentence_key(train_ner: ModuleType, a: list[str], b: list[str], same: bool) -> None:
    assert (train_ner.sentence_key(a) == train_ner.sentence_key(b)) is same


def test_added_corpus_loses_the_test_sentences(
    train_ner: ModuleType, nergrit: list[TaggedSentence]
) -> None:
    test = nergrit[:10]
    lowered = [TaggedSentence([t.lower() for t in s.tokens], s.tags) for s in test]
    keys = {train_ner.sentence_key(s.tokens) for s in test}
    extra = lowered + nergrit[10:] + nergrit[20:22]
    kept, dropped = train_ner.dedupe(extra, {"test": keys})
    assert dropped == {"test": 10, "repeat": 2}
    assert len(kept) == len(nergrit) - 10
    assert not keys & {train_ner.sentence_key(s.tokens) for s in kept}


@pytest.mark.slow
def test_training_smoke(
    train_ner: ModuleType, nergrit: list[TaggedSentence], tmp_path: Path
) -> None:
    setup = train_ner.Setup(max_steps=40, eval_frequency=20, patience=0, width=32, depth=2)
    model_dir = train_ner.train_model(setup, nergrit[:200], nergrit[200:], tmp_path / "model")
    assert model_dir.name == "model-last"
    nlp = spacy.load(model_dir)
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    dev = nergrit[200:]
    report = evaluate_ner(dev, predict(nlp, dev))
    assert report.micro.support == sum(1 for s in dev for t in s.tags if t.startswith("B-"))


@pytest.mark.slow
def test_finetuning_goes_on_from_the_trained_model(
    train_ner: ModuleType, nergrit: list[TaggedSentence], tmp_path: Path
) -> None:
    setup = train_ner.Setup(
        max_steps=30, eval_frequency=10, patience=0, width=32, depth=2, finetune_steps=20
    )
    first = train_ner.train_model(setup, nergrit[:150], nergrit[200:], tmp_path / "first")
    tuned = train_ner.finetune_model(
        setup, first, nergrit[150:200], nergrit[200:], tmp_path / "tuned", keep_best=False
    )
    assert tuned.name == "model-last"
    before, after = spacy.load(first), spacy.load(tuned)
    # the same architecture and labels, carried over; the weights moved
    assert set(after.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert after.get_pipe("tok2vec").model.get_dim("nO") == 32
    w_before = before.get_pipe("ner").model.get_ref("lower").get_param("W")
    w_after = after.get_pipe("ner").model.get_ref("lower").get_param("W")
    assert w_before.shape == w_after.shape
    assert not (w_before == w_after).all()


def test_fold_model_prefers_the_finetuned_one(train_ner: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "model-best").mkdir()
    assert train_ner.fold_model(tmp_path) == tmp_path / "model-best"
    (tmp_path / "finetuned" / "model-best").mkdir(parents=True)
    assert train_ner.fold_model(tmp_path) == tmp_path / "finetuned" / "model-best"


def test_silver_sentences_are_tagged_and_leave_banned_ones_out(train_ner: ModuleType) -> None:
    if not (train_ner.DATA / "corpus" / "indosum-dev").is_dir():
        pytest.skip("needs ../shared/data/corpus/indosum-dev")
    first = train_ner.silver_sentences(train_ner.PACKAGE_MODEL, 30, {})
    assert len(first) == 30
    assert any(t != "O" for s in first for t in s.tags)
    banned = {"test": {train_ner.sentence_key(s.tokens) for s in first[:10]}}
    again = train_ner.silver_sentences(train_ner.PACKAGE_MODEL, 30, banned)
    assert not banned["test"] & {train_ner.sentence_key(s.tokens) for s in again}
