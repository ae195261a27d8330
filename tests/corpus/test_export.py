from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from tests.corpus.helpers import make_doc
from warta.corpus.export import COLUMNS, document_rows, month_of, write_parquet

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
