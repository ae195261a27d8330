"""Scoring events against gold: matching, actor and modality accuracy, the keyword baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner

from warta.cli import cli
from warta.document import Document, Span
from warta.evaluation.events import actor_right, baseline_documents, load_gold, score

SAMPLE = Path(__file__).parents[1] / "fixtures" / "events_gold_sample.jsonl"


def ev(
    etype: str, at: int, source: str | None, target: str | None, modality: str
) -> dict[str, Any]:
    def actor(n: str | None) -> dict[str, Any] | None:
        return None if n is None else {"name": n, "code": None}

    return {
        "type": etype,
        "sentence": {"start": 0, "end": 40},
        "trigger": {"start": at, "end": at + 3, "text": "x"},
        "source": actor(source),
        "target": actor(target),
        "modality": modality,
    }


def test_actor_right() -> None:
    assert actor_right(None, None)
    assert not actor_right({"name": "Polisi"}, None)
    assert actor_right({"name": "Kim", "code": None}, {"name": "Kim Jong Un", "code": None})
    assert actor_right({"name": "X", "code": "RUS GOV"}, {"name": "Y", "code": "rus gov"})
    assert not actor_right({"name": "para pejabat"}, {"name": "pihak"})  # function words only


def test_score_matches_type_and_sentence_one_to_one() -> None:
    gold = load_gold(SAMPLE)[:1]
    g = gold[0]
    g.events = [
        ev("COERCE", 5, "Polisi", "Driana", "asserted"),
        ev("COERCE", 20, "Polisi", None, "asserted"),
    ]
    system = Document(id=g.id, text=g.text)
    system.events = [
        ev("COERCE", 6, "polisi", "Driana Hera", "asserted"),  # right
        ev("ASSAULT", 6, "polisi", None, "asserted"),  # wrong type: spurious
    ]
    result = score(gold, [system])
    assert (result.gold, result.system, result.matched) == (2, 2, 1)
    assert (result.source, result.target, result.modality, result.strict) == (1, 1, 1, 1)
    assert result.as_dict()["event F1"] == 0.5


def test_baseline_finds_trigger_words_without_actors() -> None:
    doc = Document(id="d", text="Polisi menangkap Driana.", language="id")
    doc.tokens = [Span(0, 6), Span(7, 16), Span(17, 23), Span(23, 24)]
    doc.sentences = [Span(0, 24)]
    (base,) = baseline_documents([doc])
    assert [(e["type"], e["source"], e["modality"]) for e in base.events] == [
        ("COERCE", None, "asserted")
    ]


def test_eval_events_command() -> None:
    result = CliRunner().invoke(cli, ["eval", "events", str(SAMPLE)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "2 articles" in result.output
    assert "event F1" in result.output and "baseline" in result.output
