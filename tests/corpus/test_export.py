from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import text

from tests.corpus.helpers import make_doc
from tests.corpus.sample import corpus
from warta.corpus.export import COLUMNS, FORMATS, document_rows, export, month_of, write_parquet
from warta.corpus.gdelt import quad_class
from warta.store import Store
from warta.store.schema import documents

TEXT = 'Presiden Joko Widodo meresmikan bendungan di Aceh. "Ini untuk petani," kata Joko Widodo.'
EVENT = {
    "type": "visit",
    "mode": "reported",
    "sentence": [0, 51],
    "trigger": {"start": 21, "end": 31, "text": "meresmikan"},
    "source": {"name": "Joko Widodo", "entity": 0, "code": "IDNGOV"},
    "target": None,
    "modality": "asserted",
    "when": {"text": "Senin", "value": "2017-03-27"},
    "where": {"name": "Aceh"},
    "attribution": None,
    "cameo": "042",
    "confidence": 0.8,
}
DATE = {"start": 0, "end": 5, "text": "Senin", "type": "DATE", "value": "2017-03-27"}


def full_doc() -> object:
    return make_doc(
        "d1",
        TEXT,
        title="Jokowi resmikan bendungan",
        entities=[("Joko Widodo", "PER"), ("Aceh", "LOC")],
        canonical={"Joko Widodo": "Q3318231"},
        quotes=[("Ini untuk petani,", "Joko Widodo")],
        events=[EVENT, "not an event"],  # type: ignore[list-item]
        dates=[DATE],
    )


def test_document_rows_fill_every_table() -> None:
    rows = document_rows(full_doc())  # type: ignore[arg-type]
    assert [
        len(rows[t]) for t in ("documents", "entities", "mentions", "quotes", "events", "dates")
    ] == [
        1,
        2,
        3,
        1,
        1,
        1,
    ]
    assert rows["entities"][0]["canonical_id"] == "Q3318231"
    assert rows["events"][0]["source_code"] == "IDNGOV"
    assert rows["events"][0]["when_value"] == "2017-03-27"
    assert rows["quotes"][0]["speaker_entity"] == 0
    assert {r["month"] for t in rows.values() for r in t} == {"2017-03"}
    for table, table_rows in rows.items():
        for row in table_rows:
            assert set(row) <= set(COLUMNS[table])


def test_empty_layers_and_no_date() -> None:
    rows = document_rows(make_doc("d2", "Teks saja.", published=None))
    assert rows["documents"][0]["month"] == "unknown"
    assert all(not rows[t] for t in ("entities", "mentions", "quotes", "events", "dates"))


def test_write_parquet_partitions_by_month(tmp_path: Path) -> None:
    rows = document_rows(full_doc())  # type: ignore[arg-type]
    other = document_rows(make_doc("d2", "Teks saja.", published=None))
    merged = {t: rows[t] + other[t] for t in rows}
    written = write_parquet(merged, tmp_path, part="shard-0")
    assert tmp_path / "documents" / "month=2017-03" / "shard-0.parquet" in written
    assert tmp_path / "documents" / "month=unknown" / "shard-0.parquet" in written
    assert not (tmp_path / "events" / "month=unknown").exists()
    table = pq.read_table(tmp_path / "events" / "month=2017-03" / "shard-0.parquet")
    assert table.column("cameo").to_pylist() == ["042"]
    assert table.column("where").to_pylist() == ['{"name": "Aceh"}']


def test_month_of() -> None:
    cases = [
        ("2017-03-27", "2017-03"),
        ("2017-03-27T10:00:00+07:00", "2017-03"),
        (None, "unknown"),
        ("27/3/2017", "unknown"),
        ("", "unknown"),
    ]
    for published, month in cases:
        assert month_of(published) == month


# -- whole-store exports -------------------------------------------------------------


def _store_with_a_corrupt_row(store: Store) -> Store:
    store.save_documents(corpus())
    with store.engine.begin() as conn:
        conn.execute(
            documents.insert().values(
                id="broken",
                text_length=0,
                ingested_at=datetime.now(UTC),
                data={"schema_version": 99, "text": "?"},
            )
        )
        if conn.dialect.name == "sqlite":  # text that is not JSON at all
            conn.execute(
                text(
                    "INSERT INTO documents (id, text_length, ingested_at, data) "
                    "VALUES ('garbled', 0, '2017-01-01 00:00:00', '{\"id\": ')"
                )
            )
    return store


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_corrupt_row_never_stops_an_export(store: Store, tmp_path: Path, fmt: str) -> None:
    _store_with_a_corrupt_row(store)
    progress: list[int] = []
    summary = export(store, fmt, tmp_path, batch_size=2, on_progress=progress.append)
    assert summary.documents == 5 == sum(progress)
    assert "broken" in summary.skipped
    assert all(path.exists() for path in summary.files)


def test_jsonl_export_has_every_layer(store: Store, tmp_path: Path) -> None:
    store.save_documents(corpus())
    export(store, "jsonl", tmp_path)
    lines = (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["id"] == "kpk-a"
    assert first["events"][0]["cameo"] == "173"
    assert first["quotes"][0]["speaker"]["name"] == "Agus Rahardjo"


def test_parquet_export_writes_every_table(store: Store, tmp_path: Path) -> None:
    store.save_documents(corpus())
    tmp_path = tmp_path / "out"
    export(store, "parquet", tmp_path, batch_size=2)
    tables = {p.name for p in tmp_path.iterdir()}
    assert tables == {"documents", "entities", "mentions", "quotes", "events", "stories"}
    docs = pq.read_table(tmp_path / "documents").to_pylist()  # all months, all parts
    assert sorted(d["id"] for d in docs) == ["kpk-a", "kpk-b", "kpk-c", "match-1", "match-2"]
    stories = pq.read_table(tmp_path / "stories").to_pylist()
    assert {s["story_id"] for s in stories if s["doc_id"] == "kpk-c"} == {"kpk-a"}


def test_gdelt_export(store: Store, tmp_path: Path) -> None:
    store.save_documents(corpus())
    export(store, "gdelt", tmp_path)
    with (tmp_path / "events.tsv").open(encoding="utf-8") as f:
        events = list(csv.DictReader(f, delimiter="\t"))
    assert [e["GlobalEventID"] for e in events] == ["kpk-a-0", "kpk-c-0"]
    first = events[0]
    assert (first["Day"], first["EventRootCode"], first["QuadClass"]) == ("20161230", "17", "4")
    assert first["Actor1Code"] == "IDNGOV" and first["StoryID"] == "kpk-a"
    with (tmp_path / "mentions.tsv").open(encoding="utf-8") as f:
        mentions = list(csv.DictReader(f, delimiter="\t"))
    assert mentions[0]["MentionSourceName"] == "nasional.kompas.com"
    with (tmp_path / "gkg.tsv").open(encoding="utf-8") as f:
        gkg = list(csv.DictReader(f, delimiter="\t"))
    assert len(gkg) == 5
    assert gkg[0]["Persons"] == "Sri Hartini;Agus Rahardjo"
    assert "Benar, ada penangkapan di Klaten," in gkg[0]["Quotations"]
    assert gkg[0]["Counts"] == "ENTITIES#4;QUOTES#1;EVENTS#1;DATES#0"


@pytest.mark.parametrize(
    ("cameo", "quad"),
    [("010", "1"), ("057", "1"), ("073", "2"), ("112", "3"), ("190", "4"), (None, "")],
)
def test_quad_class(cameo: str | None, quad: str) -> None:
    assert quad_class(cameo) == quad
