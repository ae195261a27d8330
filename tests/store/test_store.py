"""The store, on every backend: SQLite (file and in-memory) always, PostgreSQL when
WARTA_TEST_POSTGRES_URL names a database to test in (each test gets its own schema there)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, Table, create_engine, func, inspect, select, text

from warta.document import (
    Dateline,
    Document,
    Entity,
    Mention,
    Quote,
    RemovedLine,
    Span,
    Speaker,
)
from warta.errors import InputError, SchemaError, WartaError
from warta.pipeline import Failure
from warta.store import FailureRecord, Store, database_url
from warta.store import migrations as migrations_module
from warta.store.migrations import Migration, migrate
from warta.store.schema import documents, entities, mentions, quotes, schema_migrations

KILL_CHILD = Path(__file__).with_name("kill_child.py")


def seed_like_document() -> Document:
    """Every layer filled, with offsets that point into the text, as the pipeline makes it."""
    text = (
        'JAKARTA, KOMPAS.com — Menteri Luar Negeri Retno Marsudi mengatakan, "Indonesia '
        'mendukung perdamaian." Penasihat Keamanan Nasional AS Jake Sullivan menyebut '
        "pertemuan itu penting. Sullivan juga bertemu Retno."
    )

    def span(part: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(part, start + 1)
        return start, start + len(part)

    retno, retno2 = span("Retno Marsudi"), span("Retno", 1)
    jake, jake2 = span("Jake Sullivan"), span("Sullivan", 1)
    quote = span("Indonesia mendukung perdamaian.")
    indirect = span("pertemuan itu penting.")
    doc = Document.from_input("<html><body><p>raw page</p></body></html>", source="seed.html")
    doc.text = text
    doc.language = "id"
    doc.title = "Retno dan Sullivan bertemu"
    doc.published = "2024-05-01T10:00:00+07:00"
    doc.site = "kompas.com"
    doc.url = "https://www.kompas.com/read/2024/05/01/retno"
    doc.authors = ["Reporter A"]
    doc.dateline = Dateline(0, 22, "JAKARTA", "KOMPAS.com")
    doc.paragraphs = [Span(0, len(text))]
    doc.boilerplate = [RemovedLine("Baca juga: berita lain", "related-link")]
    doc.sentences = [Span(0, quote[1] + 1), Span(quote[1] + 2, len(text))]
    doc.tokens = [Span(0, 7), Span(7, 8)]
    doc.entities = [
        Entity(
            "Retno Marsudi", "PERSON", [Mention(*retno, "Retno Marsudi"), Mention(*retno2, "Retno")]
        ),
        Entity(
            "Jake Sullivan",
            "PERSON",
            [Mention(*jake, "Jake Sullivan"), Mention(*jake2, "Sullivan")],
        ),
        Entity("KOMPAS.com", "ORGANIZATION", [Mention(9, 19, "KOMPAS.com")]),
    ]
    doc.quotes = [
        Quote(
            "Indonesia mendukung perdamaian.",
            *quote,
            "direct",
            "mengatakan",
            Speaker("Retno Marsudi", 0, "Menteri Luar Negeri", None),
        ),
        Quote(
            "pertemuan itu penting.",
            *indirect,
            "indirect",
            "menyebut",
            Speaker("Sullivan", 1, "Penasihat Keamanan Nasional", "AS"),
        ),
    ]
    doc.events = [{"type": "meeting", "participants": [0, 1]}]
    doc.dates = [{"text": "2024-05-01", "value": "2024-05-01"}]
    return doc


def small_doc(
    n: int | str,
    *,
    source: str | None = None,
    language: str | None = "id",
    site: str | None = "example.com",
    published: str | None = None,
    speaker: str | None = None,
    doc_id: str | None = None,
) -> Document:
    doc = Document.from_input(f"input {n}", source=source or f"doc-{n}.txt", doc_id=doc_id)
    doc.text = f"Dokumen nomor {n} berkata: halo."
    doc.language, doc.site, doc.published = language, site, published
    if speaker is not None:
        doc.entities = [Entity(speaker, "PERSON", [Mention(0, 7, "Dokumen")])]
        doc.quotes = [Quote("halo.", 26, 31, "indirect", "berkata", Speaker(speaker, 0))]
    return doc


def count(store: Store, table: Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


# -- documents ---------------------------------------------------------------------------


def test_round_trip_keeps_every_layer(store: Store) -> None:
    doc = seed_like_document()
    assert store.save_documents([doc]) == 1
    assert store.get_document(doc.id) == replace(doc, raw=None)
    assert store.find_by_source("seed.html") == replace(doc, raw=None)
    assert store.find_by_source("elsewhere.html") is None
    assert store.get_document("0123456789abcdef") is None


def test_queryable_columns_and_child_rows(store: Store) -> None:
    doc = seed_like_document()
    store.save_documents([doc])
    with store.engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == doc.id)).one()
        entity_rows = conn.execute(
            select(entities.c.idx, entities.c.name, entities.c.type).order_by(entities.c.idx)
        ).all()
        mention_texts = conn.execute(
            select(mentions.c.entity_idx, mentions.c.text).order_by(
                mentions.c.entity_idx, mentions.c.idx
            )
        ).all()
        quote_rows = conn.execute(
            select(
                quotes.c.idx,
                quotes.c.kind,
                quotes.c.cue,
                quotes.c.speaker_name,
                quotes.c.speaker_entity,
                quotes.c.speaker_role,
                quotes.c.speaker_affiliation,
            ).order_by(quotes.c.idx)
        ).all()
    assert (row.source, row.url, row.title, row.published, row.site, row.language) == (
        "seed.html",
        doc.url,
        doc.title,
        doc.published,
        "kompas.com",
        "id",
    )
    assert row.text_length == len(doc.text)
    assert "raw" not in row.data
    assert [tuple(r) for r in entity_rows] == [
        (0, "Retno Marsudi", "PERSON"),
        (1, "Jake Sullivan", "PERSON"),
        (2, "KOMPAS.com", "ORGANIZATION"),
    ]
    assert [tuple(r) for r in mention_texts] == [
        (0, "Retno Marsudi"),
        (0, "Retno"),
        (1, "Jake Sullivan"),
        (1, "Sullivan"),
        (2, "KOMPAS.com"),
    ]
    assert [tuple(r) for r in quote_rows] == [
        (0, "direct", "mengatakan", "Retno Marsudi", 0, "Menteri Luar Negeri", None),
        (1, "indirect", "menyebut", "Sullivan", 1, "Penasihat Keamanan Nasional", "AS"),
    ]


def test_resaving_replaces_row_and_children(store: Store) -> None:
    doc = seed_like_document()
    assert store.save_documents([doc]) == 1
    assert store.save_documents([doc]) == 0
    changed = replace(doc, title="Judul baru", entities=doc.entities[:1], quotes=[])
    assert store.save_documents([changed]) == 0
    assert (count(store, documents), count(store, entities), count(store, quotes)) == (1, 1, 0)
    assert count(store, mentions) == 2
    stored = store.get_document(doc.id)
    assert stored is not None and stored.title == "Judul baru"


def test_new_counts_and_repeated_ids_in_one_batch(store: Store) -> None:
    a, b, c = small_doc(1), small_doc(2), small_doc(3)
    assert store.save_documents([a, b]) == 2
    assert store.save_documents([b, c]) == 1
    assert store.save_documents([]) == 0
    d_first, d_last = small_doc(4), replace(small_doc(4), title="last")
    assert store.save_documents([d_first, d_last]) == 1
    assert count(store, documents) == 4
    stored = store.get_document(d_first.id)
    assert stored is not None and stored.title == "last"


def test_existing_ids(store: Store) -> None:
    a, b = small_doc(1), small_doc(2)
    store.save_documents([a])
    assert store.existing_ids([a.id, b.id, a.id]) == {a.id}
    assert store.existing_ids(iter([])) == set()
    many = [f"{i:016x}" for i in range(1200)]  # more than one IN (...) chunk
    assert store.existing_ids([*many, a.id]) == {a.id}


def test_document_without_id_is_refused(store: Store) -> None:
    with pytest.raises(WartaError, match="without an id"):
        store.save_documents([Document(text="x", source="nameless.txt")])


def test_text_utf8_cannot_encode_is_an_input_error(store: Store) -> None:
    doc = small_doc(1)
    doc.text = "lone surrogate \udcff from a bad decode"
    with pytest.raises(InputError, match="UTF-8 cannot encode"):
        store.save_documents([doc])
    assert store.existing_ids([doc.id]) == set()


def test_deleting_a_document_row_removes_its_children(store: Store) -> None:
    store.save_documents([seed_like_document()])
    with store.engine.begin() as conn:
        conn.execute(documents.delete())
    assert (count(store, entities), count(store, mentions), count(store, quotes)) == (0, 0, 0)


# -- failures ----------------------------------------------------------------------------


def test_failures_are_one_row_per_source_and_stage(store: Store) -> None:
    store.record_failures([FailureRecord("a.html", "clean", "InputError", "empty page")])
    store.record_failures(
        [
            FailureRecord("a.html", "clean", "InputError", "still empty", doc_id="abc"),
            FailureRecord("a.html", "quotes", "StageError", "boom"),
        ]
    )
    rows = {(f["source"], f["stage"]): f for f in store.failures()}
    assert set(rows) == {("a.html", "clean"), ("a.html", "quotes")}
    assert (rows["a.html", "clean"]["message"], rows["a.html", "clean"]["doc_id"]) == (
        "still empty",
        "abc",
    )
    assert store.stats()["failures_by_stage"] == {"clean": 1, "quotes": 1}
    assert len(store.failures(limit=1)) == 1


def test_success_clears_failures_of_that_source(store: Store) -> None:
    ok = small_doc(1, source="a.html")
    store.record_failures(
        [
            FailureRecord("a.html", "clean", "InputError", "empty page"),
            FailureRecord("b.html", "clean", "InputError", "empty page"),
            FailureRecord("stdin", "quotes", "StageError", "boom", doc_id=ok.id),
        ]
    )
    store.save_documents([ok])
    [left] = store.failures()
    assert (left["source"], left["stage"]) == ("b.html", "clean")
    assert datetime.fromisoformat(left["recorded_at"]).utcoffset() == timedelta(0)


def test_failure_record_from_pipeline_failure() -> None:
    assert FailureRecord.from_failure(
        Failure("0123456789abcdef", None, "clean", "InputError", "empty")
    ) == FailureRecord("0123456789abcdef", "clean", "InputError", "empty", "0123456789abcdef")


# -- lookups -----------------------------------------------------------------------------

PREFIX_IDS = ["abcdef0011223344", "abcdef9911223344", "123456aaaaaaaaaa", "artikel-satu"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("abcdef0011223344", "abcdef0011223344"),  # a full id
        ("abcdef00", "abcdef0011223344"),  # a unique prefix
        ("123456", "123456aaaaaaaaaa"),  # six digits are enough
        ("123456AA", "123456aaaaaaaaaa"),  # hex in upper case
        (" 123456 ", "123456aaaaaaaaaa"),  # pasted with spaces
        ("artikel-satu", "artikel-satu"),  # an id given by the caller, not a hash
        ("12345", None),  # too short to expand
        ("artikel", None),  # prefixes are for hex ids only
        ("ffffff", None),
    ],
)
def test_get_document_by_id_or_prefix(store: Store, query: str, expected: str | None) -> None:
    store.save_documents([small_doc(i, doc_id=doc_id) for i, doc_id in enumerate(PREFIX_IDS)])
    found = store.get_document(query)
    assert (found.id if found else None) == expected


def test_ambiguous_prefix_names_the_matches(store: Store) -> None:
    store.save_documents([small_doc(i, doc_id=doc_id) for i, doc_id in enumerate(PREFIX_IDS)])
    with pytest.raises(WartaError, match="ambiguous.*abcdef0011223344, abcdef9911223344"):
        store.get_document("abcdef")


def test_find_by_source_returns_latest(store: Store) -> None:
    store.save_documents([small_doc(1, source="same.html")])
    newer = small_doc(2, source="same.html")
    store.save_documents([newer])
    found = store.find_by_source("same.html")
    assert found is not None and found.id == newer.id


def test_stats(store: Store) -> None:
    store.save_documents(
        [
            seed_like_document(),
            small_doc(1, site="detik.com"),
            small_doc(2, site="detik.com", language="en", speaker="Joko Widodo"),
            small_doc(3, site=None, language=None),
        ]
    )
    store.record_failures(
        [
            FailureRecord("x.html", "clean", "InputError", "empty"),
            FailureRecord("y.html", "clean", "InputError", "binary"),
            FailureRecord("z.html", "quotes", "StageError", "boom"),
        ]
    )
    stats = store.stats()
    database = stats.pop("database")
    assert stats == {
        "documents": 4,
        "text_chars": len(seed_like_document().text) + 3 * len(small_doc(1).text),
        "languages": {"id": 2, "en": 1, "unknown": 1},
        "sites": {"detik.com": 2, "kompas.com": 1, "unknown": 1},
        "entities": 4,
        "entities_by_type": {"PERSON": 3, "ORGANIZATION": 1},
        "canonical_entities": 4,
        "mentions": 6,
        "quotes": 3,
        "quotes_by_kind": {"indirect": 2, "direct": 1},
        "dates": 1,
        "events": 0,  # the seed-like document's event is not a PLOVER record: no row
        "events_by_type": {},
        "failures": 3,
        "failures_by_stage": {"clean": 2, "quotes": 1},
        "failures_by_error_type": {"InputError": 2, "StageError": 1},
    }
    assert database["url"] == store.url
    assert database["backend"] in ("sqlite", "postgresql")
    if store.url == "sqlite://":  # in memory: no file to measure
        assert database["size_bytes"] is None
    else:
        assert database["size_bytes"] > 0


# -- quotes by speaker -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "speakers"),
    [
        ("Sullivan", ["Sullivan"]),
        ("sullivan", ["Sullivan"]),
        ("Jake Sullivan", ["Sullivan"]),  # through the entity the speaker links to
        ("JAKE", ["Sullivan"]),
        ("Retno", ["Retno Marsudi"]),
        ("marsudi retno", ["Retno Marsudi"]),  # any word order
        ("Sulli", []),  # whole words only
        ("Retno Sullivan", []),  # every word must match one speaker
        ("Joko Widodo", ["Joko Widodo", "Joko Widodo"]),
        ("Widodo", ["Joko Widodo", "Joko Widodo"]),
        ("", []),
        ("_", []),  # LIKE wildcards are literal
        ("%", []),
    ],
)
def test_quotes_by_speaker(store: Store, name: str, speakers: list[str]) -> None:
    store.save_documents(
        [
            seed_like_document(),
            small_doc(1, speaker="Joko Widodo", published="2023-01-01"),
            small_doc(2, speaker="Joko Widodo", published="2024-02-02"),
        ]
    )
    assert [q["speaker"] for q in store.quotes_by_speaker(name)] == speakers


def test_quotes_by_speaker_rows_newest_first(store: Store) -> None:
    old = small_doc(1, speaker="Joko Widodo", published="2023-01-01")
    new = small_doc(2, speaker="Joko Widodo", published="2024-02-02")
    undated = small_doc(3, speaker="Joko Widodo")
    store.save_documents([old, undated, new])
    found = store.quotes_by_speaker("widodo")
    assert [q["doc_id"] for q in found] == [new.id, old.id, undated.id]
    assert found[0] == {
        "doc_id": new.id,
        "title": None,
        "published": "2024-02-02",
        "text": "halo.",
        "kind": "indirect",
        "cue": "berkata",
        "speaker": "Joko Widodo",
        "role": None,
        "affiliation": None,
        "start": 26,
        "end": 31,
    }
    assert [q["doc_id"] for q in store.quotes_by_speaker("widodo", limit=1)] == [new.id]


# -- migrations --------------------------------------------------------------------------


def test_migration_versions_are_contiguous() -> None:
    versions = [m.version for m in migrations_module.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))


def test_reopening_is_a_no_op(durable_target: str) -> None:
    with Store.open(durable_target) as first:
        first.save_documents([small_doc(1)])
    with Store.open(durable_target) as again:
        assert migrate(again.engine) == 0
        assert count(again, schema_migrations) == len(migrations_module.MIGRATIONS)
        assert count(again, documents) == 1


def test_pending_migration_runs_once(durable_target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(durable_target) as first:
        first.save_documents([small_doc(1)])
    calls: list[int] = []

    def add_table(conn: Connection) -> None:
        calls.append(1)
        conn.execute(text("CREATE TABLE migration_probe (id INTEGER PRIMARY KEY)"))

    latest = migrations_module.latest_version()
    monkeypatch.setattr(
        migrations_module,
        "MIGRATIONS",
        [*migrations_module.MIGRATIONS, Migration(latest + 1, "probe table", add_table)],
    )
    for _ in range(2):
        with Store.open(durable_target) as store:
            assert count(store, documents) == 1
            assert count(store, schema_migrations) == latest + 1
            assert inspect(store.engine).has_table("migration_probe")
    assert calls == [1]


def test_concurrent_first_opens_migrate_once(durable_target: str) -> None:
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            Store.open(durable_target).close()
        except BaseException as e:  # collected, so the assertion below can show it
            errors.append(e)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store.open(durable_target) as store:
        assert count(store, schema_migrations) == len(migrations_module.MIGRATIONS)


def test_database_from_newer_warta_is_refused(durable_target: str) -> None:
    with Store.open(durable_target) as store, store.engine.begin() as conn:
        conn.execute(
            schema_migrations.insert().values(version=99, name="future", applied_at=func.now())
        )
    with pytest.raises(SchemaError, match="schema version 99.*upgrade warta"):
        Store.open(durable_target)


def test_database_not_made_by_warta_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE documents (name TEXT)"))
    engine.dispose()
    with pytest.raises(SchemaError, match="not made by warta"):
        Store.open(str(path))


# -- opening -----------------------------------------------------------------------------


def test_sqlite_connection_settings(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "w.db")) as store, store.engine.connect() as conn:
        settings = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    assert settings == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 1,
        "busy_timeout": 10000,
    }


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (":memory:", "sqlite://"),
        ("sqlite://", "sqlite://"),
        ("sqlite:///rel/warta.db", "sqlite:///rel/warta.db"),
        ("postgresql://u@db.example/warta", "postgresql+psycopg://u@db.example/warta"),
        ("postgresql+psycopg://u@h:5433/w", "postgresql+psycopg://u@h:5433/w"),
    ],
)
def test_database_url(target: str, expected: str) -> None:
    assert database_url(target).render_as_string(hide_password=False) == expected


def test_database_url_of_a_path_is_an_absolute_sqlite_file(tmp_path: Path) -> None:
    url = database_url(str(tmp_path / "new" / "dir" / "warta.db"))
    assert (url.drivername, url.database) == ("sqlite", str(tmp_path / "new" / "dir" / "warta.db"))
    assert not (tmp_path / "new").exists()  # nothing is created by naming a database


def test_opening_a_missing_database_to_read_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing.db"
    for spelled in (str(target), f"sqlite:///{target}"):
        with pytest.raises(WartaError, match=f"no database at {target}"):
            Store.open(spelled, create=False)
    assert list(tmp_path.iterdir()) == []


def test_a_database_in_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(WartaError, match="no folder"):
        Store.open(str(tmp_path / "new" / "warta.db"))
    assert not (tmp_path / "new").exists()


def test_create_false_opens_an_existing_database(tmp_path: Path) -> None:
    Store.open(str(tmp_path / "w.db")).close()
    with Store.open(str(tmp_path / "w.db"), create=False) as store:
        assert store.stats()["documents"] == 0


@pytest.mark.parametrize("target", ["mysql://u@h/db", "not a url://x"])
def test_unsupported_targets_are_refused(target: str) -> None:
    with pytest.raises(WartaError):
        database_url(target)


def test_unreachable_database_error_hides_password() -> None:
    with pytest.raises(WartaError) as info:
        Store.open("postgresql://warta:s3cret@127.0.0.1:1/warta?connect_timeout=2")
    assert "s3cret" not in str(info.value)


def test_in_memory_store_is_shared_across_threads() -> None:
    with Store.open(":memory:") as store:
        doc = small_doc(1)
        worker = threading.Thread(target=store.save_documents, args=([doc],))
        worker.start()
        worker.join()
        assert store.existing_ids([doc.id]) == {doc.id}


# -- crash safety ------------------------------------------------------------------------


def run_child(target: str, *args: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(KILL_CHILD), target, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_killed_ingest_then_rerun_stores_each_document_once(durable_target: str) -> None:
    batches, size, killed_in = 6, 40, 3
    child = subprocess.Popen(
        [sys.executable, str(KILL_CHILD), durable_target, str(batches), str(size), str(killed_in)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(120, child.kill)
    watchdog.start()
    try:
        assert child.stdout is not None
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == "HANG":
                os.kill(child.pid, signal.SIGKILL)
                break
        child.wait()
    finally:
        watchdog.cancel()
    assert lines[-1] == "HANG", child.stderr.read() if child.stderr else lines
    assert child.returncode == -signal.SIGKILL
    assert lines[:-1] == [f"SAVED {b} {size}" for b in range(killed_in)]

    # The killed batch left nothing behind: its transaction never committed.
    with Store.open(durable_target) as store:
        assert count(store, documents) == killed_in * size
        assert count(store, quotes) == killed_in * size

    rerun = run_child(durable_target, batches, size)
    saved = [line.split() for line in rerun.stdout.splitlines()]
    assert [int(new) for _, _, new in saved] == [0] * killed_in + [size] * (batches - killed_in)

    total = batches * size
    with Store.open(durable_target) as store, store.engine.connect() as conn:
        ids = conn.execute(select(documents.c.id)).scalars().all()
        assert len(ids) == len(set(ids)) == total
        assert (count(store, entities), count(store, mentions), count(store, quotes)) == (
            2 * total,
            2 * total,
            total,
        )
        orphans = conn.execute(
            select(func.count())
            .select_from(quotes)
            .outerjoin(documents, documents.c.id == quotes.c.doc_id)
            .where(documents.c.id.is_(None))
        ).scalar_one()
        assert orphans == 0
