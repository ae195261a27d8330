"""Migration 5 on a database stored before the corpus tables existed."""

from __future__ import annotations

from sqlalchemy import inspect

from tests.corpus.sample import corpus
from warta.corpus.duplicates import duplicate_groups
from warta.corpus.search import search
from warta.corpus.stories import list_stories
from warta.store import Store, schema
from warta.store.engine import writer
from warta.store.migrations import _corpus_tables


def test_upgrade_indexes_and_clusters_documents_stored_before(store: Store) -> None:
    store.save_documents(corpus())
    with writer(store.engine).begin() as conn:  # back to a database without migration 5
        for table in reversed(schema.CORPUS_TABLES):
            table.drop(conn)
        schema.documents_url_index.drop(conn)
    assert "search_index" not in inspect(store.engine).get_table_names()
    with writer(store.engine).begin() as conn:
        _corpus_tables(conn)
    assert {h["id"] for h in search(store, "berantas")} == {"kpk-a", "kpk-b"}
    assert [g["origin"] for g in duplicate_groups(store)] == ["kpk-a"]
    assert len(list_stories(store)) == 3
