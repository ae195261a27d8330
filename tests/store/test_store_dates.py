"""The dates table: written with each document, rebuilt by migration 3 for older databases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from warta.document import Document
from warta.store import Store
from warta.store.schema import dates, documents


def dated(doc_id: str) -> Document:
    doc = Document(id=doc_id, text="Rapat digelar Senin (27/3) dan berlanjut pekan depan.")
    doc.published, doc.published_source = "2017-03-28", "url"
    doc.dates = [
        {"start": 14, "end": 26, "text": "Senin (27/3)", "type": "DATE", "value": "2017-03-27"},
        {"start": 42, "end": 53, "text": "pekan depan", "type": "DATE", "value": "2017-W14"},
    ]
    return doc


def date_table(store: Store) -> list[tuple[str, int, str, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(dates.c.doc_id, dates.c.idx, dates.c.text, dates.c.value).order_by(
                dates.c.doc_id, dates.c.idx
            )
        )
        return [tuple(r) for r in rows]


def test_dates_rows_and_published_column(store: Store) -> None:
    store.save_documents([dated("a1")])
    assert date_table(store) == [
        ("a1", 0, "Senin (27/3)", "2017-03-27"),
        ("a1", 1, "pekan depan", "2017-W14"),
    ]
    with store.engine.connect() as conn:
        published = conn.execute(select(documents.c.published)).scalar_one()
    assert published == "2017-03-28"
    # Saving again replaces the rows instead of adding to them.
    doc = dated("a1")
    doc.dates = doc.dates[:1]
    store.save_documents([doc])
    assert date_table(store) == [("a1", 0, "Senin (27/3)", "2017-03-27")]


def test_version_2_database_gets_its_dates(
    tmp_path: Path, downgrade: Callable[[Store, int], None]
) -> None:
    target = str(tmp_path / "old.db")
    with Store.open(target) as store:
        store.save_documents([dated("b1")])
        downgrade(store, 2)
    with Store.open(target) as store:
        assert [row[2] for row in date_table(store)] == ["Senin (27/3)", "pekan depan"]
