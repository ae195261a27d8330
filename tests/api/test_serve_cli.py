"""`warta serve`: the settings it starts uvicorn with, and a clear error for a bad --db."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner

from warta.cli import cli


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        seen.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_serve_creates_a_new_database_and_reads_the_token(
    started: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARTA_API_TOKEN", "s3cret")
    db = tmp_path / "new.db"
    result = CliRunner().invoke(
        cli, ["serve", "--db", str(db), "--port", "8123", "--max-body", "1000"]
    )
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert started["host"] == "127.0.0.1" and started["port"] == 8123
    settings = started["app"].state.settings
    assert settings.api_token == "s3cret" and settings.max_body_bytes == 1000


def test_serve_without_a_token_says_writes_are_off(
    started: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WARTA_API_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 0
    assert "writes are disabled" in result.output


def test_serve_on_an_unknown_backend_fails_cleanly(started: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", "mysql://user@localhost/news"])
    assert result.exit_code == 1
    assert "unsupported database 'mysql'" in result.output and not started


def test_workers_get_the_settings_through_the_environment(
    started: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from warta.api.app import worker_app
    from warta.api.settings import SETTINGS_ENV

    monkeypatch.setenv("WARTA_API_TOKEN", "s3cret")
    monkeypatch.setenv(SETTINGS_ENV, "{}")  # so the value serve sets is undone afterwards
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--workers", "2", "--cache-ttl", "5"])
    assert result.exit_code == 0, result.output
    assert started["app"] == "warta.api.app:worker_app"
    assert started["factory"] is True and started["workers"] == 2
    app = worker_app()
    assert app.state.settings.db == db and app.state.settings.api_token == "s3cret"
    assert app.state.settings.cache_ttl == 5
    app.state.store.close()
