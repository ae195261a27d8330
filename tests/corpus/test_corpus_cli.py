"""The corpus commands, through click's CliRunner on a SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.corpus.sample import corpus
from warta.cli import cli
from warta.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "warta.db"
    with Store.open(str(path)) as store:
        store.save_documents(corpus())
    return str(path)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_duplicates(db: str) -> None:
    groups = json.loads(run("duplicates", "--db", db, "--json"))
    assert [g["origin"] for g in groups] == ["kpk-a"]
    assert "origin kpk-a (2 documents)" in run("duplicates", "--db", db)


def test_stories(db: str) -> None:
    stories = json.loads(run("stories", "--db", db, "--json"))
    assert {s["id"] for s in stories} == {"kpk-a", "match-1", "match-2"}
    assert set(stories[0]) >= {"id", "label", "first", "documents"}
    text = run("stories", "--db", db, "--min-size", "2")
    assert "nasional.kompas.com, antaranews.com, tempo.co" in text
    assert "Persib" not in text


def test_search(db: str) -> None:
    hits = json.loads(run("search", "berantas", "--db", db, "--json"))
    assert {h["id"] for h in hits} == {"kpk-a", "kpk-b"}
    assert "**Pemberantasan**" in run("search", "berantas", "--db", db)
    assert "no matches" in run("search", "gubernur", "--db", db)


def test_timeline(db: str, tmp_path: Path) -> None:
    png = tmp_path / "t.png"
    text = run("timeline", "Agus Rahardjo", "--db", db, "--png", str(png))
    assert "2016-12-30" in text and png.exists()
    data = json.loads(run("timeline", "KPK", "--db", db, "--by", "week", "--json"))
    assert data["buckets"][0]["period"] == "2016-12-26"


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "gdelt"])
def test_export(db: str, tmp_path: Path, fmt: str) -> None:
    out = run("export", "--db", db, "--format", fmt, "--out", str(tmp_path / fmt))
    assert "exported 5 documents" in out


def test_cluster_is_idempotent(db: str) -> None:
    before = run("stories", "--db", db, "--json")
    assert "indexed and clustered 5 documents" in run("cluster", "--db", db)
    assert run("stories", "--db", db, "--json") == before


@pytest.mark.parametrize(
    "args",
    [
        ["duplicates"],
        ["stories"],
        ["search", "x"],
        ["timeline", "x"],
        ["export", "--format", "jsonl", "--out", "out"],
        ["cluster"],
    ],
)
def test_read_commands_do_not_create_a_database(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(cli, [*args, "--db", str(missing)])
    assert result.exit_code != 0
    assert f"no database at {missing}" in result.output
    assert not missing.exists()
