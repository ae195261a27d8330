"""Span-level NER scoring on a tiny hand-checked fixture (tests/fixtures/ner/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import cli
from warta.errors import InputError
from warta.evaluation.ner import (
    TaggedSentence,
    evaluate_ner,
    parse_label_map,
    read_bio,
    spans,
    to_bio,
)

LABELS = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}


@pytest.fixture
def gold(fixtures: Path) -> list[TaggedSentence]:
    return read_bio(fixtures / "ner" / "gold.bio", label_map=LABELS)


@pytest.fixture
def pred(fixtures: Path) -> list[TaggedSentence]:
    return read_bio(fixtures / "ner" / "pred.bio")


def test_read_bio_renames_types(gold: list[TaggedSentence]) -> None:
    assert len(gold) == 3
    assert gold[0].tokens[:2] == ["Joko", "Widodo"]
    assert gold[0].tags == ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]


def test_conll_bilou_reads_as_the_same_bio(fixtures: Path, gold: list[TaggedSentence]) -> None:
    conll = read_bio(fixtures / "ner" / "gold.conll", fmt="conll", label_map=LABELS)
    assert conll == gold
    assert read_bio(fixtures / "ner" / "gold.conll", label_map=LABELS) == gold


# Hand count: PER tp 2 (Joko Widodo, Ani), fp 1 (Sri), fn 1 (Sri Mulyani);
# LOC tp 2, fp 1 (Indonesia), fn 0; ORG fn 1 (Bank Indonesia). Micro: tp 4, fp 2, fn 2.
@pytest.mark.parametrize(
    ("typ", "precision", "recall", "f1"),
    [
        ("PER", 2 / 3, 2 / 3, 2 / 3),
        ("LOC", 2 / 3, 1.0, 0.8),
        ("ORG", 0.0, 0.0, 0.0),
        ("micro", 4 / 6, 4 / 6, 2 / 3),
    ],
)
def test_scores_match_hand_count(
    gold: list[TaggedSentence],
    pred: list[TaggedSentence],
    typ: str,
    precision: float,
    recall: float,
    f1: float,
) -> None:
    report = evaluate_ner(gold, pred)
    score = report.micro if typ == "micro" else report.types[typ]
    assert score.precision == pytest.approx(precision)
    assert score.recall == pytest.approx(recall)
    assert score.f1 == pytest.approx(f1)


def test_perfect_prediction_scores_one(gold: list[TaggedSentence]) -> None:
    assert evaluate_ner(gold, gold).micro.f1 == 1.0


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PER", "I-PER", "O"], {(0, 2, "PER")}),
        (["I-PER", "I-PER"], {(0, 2, "PER")}),  # a stray I- opens a span, as conlleval does
        (["B-PER", "I-LOC"], {(0, 1, "PER"), (1, 2, "LOC")}),
        (["B-PER", "B-PER"], {(0, 1, "PER"), (1, 2, "PER")}),
        (["O", "O"], set()),
    ],
)
def test_spans(tags: list[str], expected: set[tuple[int, int, str]]) -> None:
    assert spans(tags) == expected


@pytest.mark.parametrize(
    ("tags", "scheme", "label_map", "expected"),
    [
        (["U-PER", "B-ORG", "I-ORG", "L-ORG"], "bilou", None, ["B-PER", "B-ORG", "I-ORG", "I-ORG"]),
        (["L-PER", "I-PER"], "bilou", None, ["B-PER", "B-PER"]),
        (
            ["B-TIME", "I-TIME", "B-PERSON"],
            "bio",
            {"TIME": "O", "PERSON": "PER"},
            ["O", "O", "B-PER"],
        ),
        (["O", "I-LOC"], "bio", None, ["O", "B-LOC"]),
    ],
)
def test_to_bio(
    tags: list[str], scheme: str, label_map: dict[str, str] | None, expected: list[str]
) -> None:
    assert to_bio(tags, scheme=scheme, label_map=label_map) == expected


def test_bilou_tag_in_a_bio_file_is_an_error() -> None:
    with pytest.raises(InputError, match="not valid BIO"):
        to_bio(["U-PER"], scheme="bio")


def test_mismatched_sentences_are_an_error(gold: list[TaggedSentence]) -> None:
    with pytest.raises(InputError, match="3 gold sentences but 2"):
        evaluate_ner(gold, gold[:2])


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("PERSON=PER,LOCATION=LOC", {"PERSON": "PER", "LOCATION": "LOC"}),
        ("TIME=O", {"TIME": "O"}),
        (None, {}),
    ],
)
def test_parse_label_map(spec: str | None, expected: dict[str, str]) -> None:
    assert parse_label_map(spec) == expected


def test_parse_label_map_from_json(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(json.dumps(LABELS), encoding="utf-8")
    assert parse_label_map(str(path)) == LABELS


def test_eval_ner_command_prints_the_table(fixtures: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "eval",
            "ner",
            str(fixtures / "ner" / "gold.bio"),
            "--label-map",
            "PERSON=PER,LOCATION=LOC,ORGANIZATION=ORG",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["type", "P", "R", "F1", "support"]
    assert [line.split()[0] for line in lines[1:5]] == ["LOC", "ORG", "PER", "micro"]
    assert lines[4].split()[-1] == "6"
