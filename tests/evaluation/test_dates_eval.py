"""Date scoring: the TempEval-3 measures on hand-made gold, the shipped development sets, the
dateparser baseline and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import cli
from warta.errors import InputError
from warta.evaluation.dates import (
    GoldArticle,
    dateparser_timexes,
    evaluate,
    format_report,
    read_gold,
    score,
)

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "bench" / "dates" / "indosum-timex-dev.jsonl"
HELDOUT = ROOT / "bench" / "dates" / "indosum-timex-heldout.jsonl"


def timex(start: int, end: int, value: str, type_: str = "DATE") -> dict[str, object]:
    return {"start": start, "end": end, "text": "", "type": type_, "value": value}


def test_measures() -> None:
    gold = GoldArticle(
        id="a",
        text="x" * 100,
        published="2023-09-06",
        timexes=[timex(0, 10, "2023-09-04"), timex(20, 30, "2023-W35"), timex(40, 50, "P3D")],
    )
    system = [
        timex(0, 10, "2023-09-04"),  # strict, right value
        timex(22, 30, "2023-W36"),  # relaxed, wrong value
        timex(60, 70, "2023"),  # spurious
    ]
    scores = score([gold], lambda _: system).as_dict()
    assert scores["strict"]["precision"] == pytest.approx(1 / 3)
    assert scores["relaxed"]["recall"] == pytest.approx(2 / 3)
    assert scores["value_accuracy"] == pytest.approx(1 / 2)
    assert scores["value_f1"] == pytest.approx(1 / 3)


def test_read_gold_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1"):
        read_gold(bad)


@pytest.mark.parametrize(("path", "articles", "expressions"), [(DEV, 60, 259), (HELDOUT, 20, 120)])
def test_shipped_sets(path: Path, articles: int, expressions: int) -> None:
    gold = read_gold(path)
    assert len(gold) == articles
    assert sum(len(a.timexes) for a in gold) == expressions
    for article in gold:
        for t in article.timexes:
            assert article.text[t["start"] : t["end"]] == t["text"]
    result = evaluate(path, baseline=False)
    assert result["warta"]["value_f1"] >= 0.85


def test_dateparser_baseline_spans_and_values() -> None:
    article = GoldArticle(
        id="b",
        text="Rapat digelar pada 5 September 2023 di Jakarta.",
        published="2023-09-06",
        timexes=[],
    )
    (found,) = dateparser_timexes(article)
    assert (found["text"], found["value"]) == ("5 September 2023", "2023-09-05")


def test_cli(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    text = "Ia tiba kemarin, Senin (4/9)."
    record = {
        "id": "c",
        "published": "2023-09-05",
        "text": text,
        "timexes": [
            {"start": 8, "end": 15, "text": "kemarin", "type": "DATE", "value": "2023-09-04"},
            {"start": 17, "end": 28, "text": "Senin (4/9)", "type": "DATE", "value": "2023-09-04"},
        ],
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "dates", str(path), "--no-baseline", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["warta"]["value_f1"] == 1.0
    text_report = format_report(evaluate(path, baseline=False))
    assert "value F1" in text_report
