"""Events in the store (the ``events`` child table), ``list_events`` and ``warta events``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from warta.cli import cli
from warta.document import Document, Entity, Mention
from warta.store import Store
from warta.store.events import list_events


def event(
    etype: str,
    source: tuple[str, str | None] | None,
    target: tuple[str, str | None] | None,
    *,
    modality: str = "asserted",
    when: str | None = None,
    start: int = 0,
) -> dict[str, Any]:
    def actor(a: tuple[str, str | None] | None) -> dict[str, Any] | None:
        return None if a is None else {"name": a[0], "entity": None, "code": a[1]}

    return {
        "type": etype,
        "mode": None,
        "sentence": {"start": 0, "end": 40},
        "trigger": {"start": start, "end": start + 5, "text": "kata"},
        "source": actor(source),
        "target": actor(target),
        "modality": modality,
        "when": {"text": "Senin", "value": when} if when else None,
        "where": None,
        "attribution": {"speaker": "John Kirby", "entity": None, "cue": "kata", "kind": "direct"},
        "cameo": "04",
        "confidence": 0.8,
    }


def docs() -> list[Document]:
    a = Document(id="a" * 16, text="x" * 40, title="Kim ke Rusia", published="2023-09-05")
    a.entities = [Entity("Kim Jong Un", "PER", [Mention(0, 3, "Kim")], code="PRK GOV")]
    a.events = [
        event("CONSULT", ("Kim Jong Un", "PRK GOV"), ("Vladimir Putin", "RUS GOV"),
              modality="possible"),
        event("AID", ("Korea Utara", "PRK"), ("Rusia", "RUS"), when="2022-12", start=10),
    ]  # fmt: skip
    b = Document(id="b" * 16, text="y" * 40, title="Sanksi", published="2023-08-01")
    b.events = [event("SANCTION", ("Departemen Keuangan AS", "USA GOV"), None)]
    return [a, b]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "events.db")
    with Store.open(path) as store:
        store.save_documents(docs())
    return path


def test_list_events_filters(db: str) -> None:
    with Store.open(db) as store:
        everything = list_events(store)
        assert [e["type"] for e in everything] == ["CONSULT", "SANCTION", "AID"]  # newest first
        assert everything[0]["date"] == "2023-09-05"  # no event date: the article's
        assert everything[2]["date"] == "2022-12"
        assert [e["type"] for e in list_events(store, actor="putin")] == ["CONSULT"]
        assert [e["type"] for e in list_events(store, actor="RUS GOV")] == ["CONSULT"]
        assert [e["type"] for e in list_events(store, actor="korea utara")] == ["AID"]
        assert [e["type"] for e in list_events(store, type="sanction")] == ["SANCTION"]
        assert [e["type"] for e in list_events(store, since="2023-08-15")] == ["CONSULT"]
        assert len(list_events(store, limit=1, offset=1)) == 1
        aid = list_events(store, type="AID")[0]
        assert aid["source"] == {"name": "Korea Utara", "entity": None, "code": "PRK"}
        assert aid["attribution"] == "John Kirby"
        assert aid["title"] == "Kim ke Rusia"


def test_resaving_replaces_event_rows(db: str) -> None:
    with Store.open(db) as store:
        again = docs()
        again[0].events = again[0].events[:1]
        store.save_documents(again)
        assert len(list_events(store)) == 2


def test_events_command(db: str) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", db, "--actor", "Putin"])
    assert result.exit_code == 0, result.output
    assert "CONSULT [possible]  Kim Jong Un -> Vladimir Putin" in result.output
    as_json = CliRunner().invoke(cli, ["events", "--db", db, "--type", "AID", "--json"])
    assert '"type": "AID"' in as_json.output


def test_events_command_needs_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(cli, ["events", "--db", str(missing)])
    assert result.exit_code != 0
    assert "no database at" in result.output
    assert not missing.exists()
