"""The entity identity scorer on hand-made documents (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.document import Document, Entity, Mention
from warta.errors import InputError
from warta.evaluation.entities import GoldPassage, load_gold, score

TEXT = "Jokowi bertemu Presiden Joko Widodo di Jakarta. Gibran hadir."


def entity(name: str, *forms: str, country: str | None = None, code: str | None = None) -> Entity:
    mentions = [Mention(TEXT.index(f), TEXT.index(f) + len(f), f) for f in forms]
    return Entity(name=name, type="PER", mentions=mentions, country=country, code=code)


GOLD = GoldPassage(
    id="p1",
    text=TEXT,
    same=[("Jokowi", "Joko Widodo")],
    different=[("Joko Widodo", "Gibran")],
    countries={"Jakarta": "IDN", "Gibran": "IDN"},
    codes={"Joko Widodo": "IDN GOV"},
)


def test_a_perfect_system() -> None:
    doc = Document(
        text=TEXT,
        entities=[
            entity("Joko Widodo", "Jokowi", "Joko Widodo", country="IDN", code="IDN GOV"),
            entity("Jakarta", "Jakarta", country="IDN"),
            entity("Gibran", "Gibran", country="IDN"),
        ],
    )
    s = score([GOLD], [doc])
    assert (s.pair_recall, s.pair_precision, s.pair_accuracy) == (1.0, 1.0, 1.0)
    assert s.as_dict()["country accuracy"] == 1.0 and s.as_dict()["code accuracy"] == 1.0


def test_a_wrong_merge_a_missed_merge_and_a_missing_form() -> None:
    doc = Document(
        text=TEXT,
        entities=[
            entity("Jokowi", "Jokowi"),
            entity("Joko Widodo", "Joko Widodo", "Gibran", code="IDN COP"),
        ],
    )
    s = score([GOLD], [doc], keep_errors=10)
    assert (s.same_right, s.different_right) == (0, 0)
    assert s.pair_precision == 0.0 and s.pair_accuracy == 0.0
    assert s.countries_right == 0  # "Jakarta" was not found; Gibran has no country
    assert s.codes_right == 0
    assert any(e.startswith("[merged]") for e in s.errors)
    assert any(e.startswith("[apart]") for e in s.errors)


def test_exact_string_baseline() -> None:
    s = score([GOLD], None)
    assert (s.same_right, s.different_right, s.countries_right) == (0, 1, 0)


def test_load_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "x", "same": [["x", "x"]]}) + "\n\n", encoding="utf-8"
    )
    (passage,) = load_gold(path)
    assert passage.same == [("x", "x")] and passage.countries == {}
    path.write_text('{"text": "no id"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="gold.jsonl:1"):
        load_gold(path)


def test_shipped_development_file_is_well_formed() -> None:
    path = Path(__file__).parents[2] / "bench" / "data" / "entities-dev.jsonl"
    passages = load_gold(path)
    assert len(passages) >= 60
    for p in passages:
        forms = {f for pair in p.same + p.different for f in pair} | set(p.countries) | set(p.codes)
        assert all(f in p.text for f in forms), p.id
        assert all(len(c) == 3 and c.isupper() for c in p.countries.values())
