"""The CLI end to end, through click's runner and, for the kill test, a real process."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import cli

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def run(*args: str, input: str | bytes | None = None) -> CliRunner.invoke:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path: Path, seed_text: str) -> Path:
    """A folder of good articles and hostile inputs side by side."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(seed_text, encoding="utf-8")
    (folder / "one.txt").write_text(
        "Gubernur Jawa Barat meresmikan jembatan baru di Bandung pada Senin.", encoding="utf-8"
    )
    (folder / "latin1.txt").write_bytes(
        "Menteri itu berkata bahwa harga kopi di kafe naik. Café itu ramai.".encode("cp1252")
    )
    (folder / "page.html").write_text(
        "<html><head><title>Banjir Jakarta</title></head><body><article><h1>Banjir Jakarta</h1>"
        "<p>Banjir merendam ratusan rumah di Jakarta Timur pada Selasa pagi setelah hujan deras "
        "mengguyur ibu kota sejak malam sebelumnya.</p><p>Warga mengungsi ke masjid terdekat dan "
        "petugas membagikan makanan kepada para pengungsi.</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.html").write_bytes(PNG)
    (folder / "broken.txt.gz").write_bytes(gzip.compress(seed_text.encode())[:200])
    (folder / "feed.jsonl").write_text(
        json.dumps(
            {
                "text": "Polisi menangkap dua tersangka pencurian di Surabaya.",
                "url": "https://x.id/a",
            }
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    return folder


def test_stages_lists_the_default_pipeline() -> None:
    result = run("stages")
    for name in ("clean", "dateline", "language", "sentences", "entities", "quotes"):
        assert f"\n{name} " in "\n" + result.output


def test_analyze_prints_a_report(fixtures: Path) -> None:
    result = run("analyze", str(fixtures / "seed-article.txt"))
    assert result.exit_code == 0
    assert "language   id" in result.output
    assert "Boilerplate removed (3 lines)" in result.output
    assert "Tinggalkan Komentar" in result.output


def test_analyze_json_round_trips(fixtures: Path) -> None:
    from warta.document import Document

    result = run("analyze", str(fixtures / "seed-article.txt"), "--json")
    data = json.loads(result.output)
    assert data["schema_version"] >= 1
    assert Document.from_dict(data).text.startswith("Pemimpin Korea Utara Kim Jong Un")


def test_analyze_reads_stdin() -> None:
    result = run("analyze", "-", "--json", input="Presiden Joko Widodo mengatakan itu di Jakarta.")
    assert json.loads(result.output)["text"] == "Presiden Joko Widodo mengatakan itu di Jakarta."


def test_analyze_bad_input_is_one_clear_error(tmp_path: Path) -> None:
    png = tmp_path / "x.html"
    png.write_bytes(PNG)
    result = CliRunner().invoke(cli, ["analyze", str(png)])
    assert result.exit_code == 1
    assert "PNG" in result.output and "Traceback" not in result.output


def test_ingest_survives_hostile_inputs_and_is_idempotent(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    first = run("ingest", str(corpus), "--db", db, "-q")
    assert first.exit_code == 0, first.output
    assert "5 new" in first.output and "4 failed" in first.output
    rows = sqlite3.connect(db).execute("select source, stage from failures").fetchall()
    failed_sources = {Path(s.split(":")[0]).name for s, _ in rows}
    assert failed_sources == {"empty.txt", "image.html", "broken.txt.gz", "feed.jsonl"}

    again = run("ingest", str(corpus), "--db", db, "-q")
    assert "0 new" in again.output and "5 already stored" in again.output
    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone() == (5,)
    assert sqlite3.connect(db).execute("select count(*) from failures").fetchone() == (4,)

    stats = json.loads(run("stats", "--db", db, "--json").output)
    assert stats["documents"] == 5
    listing = run("failures", "--db", db).output
    assert "PNG" in listing and "empty" in listing


def test_show_by_prefix_and_source(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    run("ingest", str(corpus / "seed.txt"), "--db", db, "-q")
    doc_id = sqlite3.connect(db).execute("select id from documents").fetchone()[0]
    by_prefix = run("show", doc_id[:8], "--db", db)
    assert by_prefix.exit_code == 0 and "Pemimpin Korea Utara" in by_prefix.output
    by_source = run("show", "--source", str(corpus / "seed.txt"), "--db", db, "--json")
    assert json.loads(by_source.output)["id"] == doc_id
    missing = CliRunner().invoke(cli, ["show", "ffffffffff", "--db", db])
    assert missing.exit_code != 0 and "no document" in missing.output


def test_quotes_lists_a_speakers_quotations(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    run("ingest", str(corpus / "seed.txt"), "--db", db, "-q")
    listing = run("quotes", "--speaker", "Sullivan", "--db", db)
    assert listing.exit_code == 0
    assert "Jake Sullivan, Penasihat keamanan nasional AS" in listing.output
    assert "“Kami akan terus menyerukan hal ini" in listing.output
    rows = [
        json.loads(line)
        for line in run("quotes", "--speaker", "Kirby", "--db", db, "--json").output.splitlines()
    ]
    assert {row["speaker"] for row in rows} == {"John Kirby"}
    assert len([r for r in rows if r["kind"] == "direct"]) == 2
    nobody = run("quotes", "--speaker", "Nobody", "--db", db)
    assert "no quotations by 'Nobody'" in nobody.output


@pytest.mark.slow
def test_killed_ingest_stores_each_document_once_when_rerun(tmp_path: Path) -> None:
    texts = [
        f"Artikel nomor {i}. Wali kota meresmikan pasar baru di kecamatan {i} pada hari Senin."
        for i in range(400)
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    db = tmp_path / "k.db"
    command = [
        sys.executable,
        "-m",
        "warta",
        "ingest",
        str(feed),
        "--db",
        str(db),
        "-q",
        "--batch-size",
        "5",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = sqlite3.connect(db).execute("select count(*) from documents").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored >= 20:
                break
    assert process.poll() is None, "ingest finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored < len(texts)

    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    count, distinct = (
        sqlite3.connect(db).execute("select count(*), count(distinct id) from documents").fetchone()
    )
    assert count == distinct == len(texts)


def test_entity_profile_command(tmp_path: Path) -> None:
    from warta.document import Document, Entity, Mention
    from warta.store import Store

    db = str(tmp_path / "e.db")
    docs = []
    for n, month in enumerate(["2024-01-10", "2024-02-03"]):
        doc = Document.from_input(f"artikel {n}", source=f"{n}.txt")
        doc.text, doc.published = "Jokowi bertemu Retno.", month
        doc.entities = [
            Entity(
                "Joko Widodo",
                "PER",
                [Mention(0, 6, "Jokowi")],
                id="per:joko-widodo",
                aliases=["Jokowi"],
                country="IDN",
                kind="person",
                code="IDN GOV",
            ),
            Entity("Retno Marsudi", "PER", [Mention(15, 20, "Retno")], id="per:retno-marsudi"),
        ]
        docs.append(doc)
    with Store.open(db) as store:
        store.save_documents(docs)
    result = run("entity", "jokowi", "--db", db)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert (
        lines[0] == "Joko Widodo  [per:joko-widodo]  PER  (kind person, country IDN, code IDN GOV)"
    )
    assert "also: Jokowi" in lines and "2 articles, 2 mentions" in lines
    assert "named with: Retno Marsudi (2)" in lines
    data = json.loads(run("entity", "per:joko-widodo", "--db", db, "--json").output)
    assert [m["month"] for m in data["per_month"]] == ["2024-01", "2024-02"]
    missing = CliRunner().invoke(cli, ["entity", "Prabowo", "--db", db])
    assert missing.exit_code == 1 and "no entity 'Prabowo'" in missing.output
