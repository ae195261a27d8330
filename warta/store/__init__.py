"""warta's storage: documents, entities, quotes and failures in SQLite or PostgreSQL."""

from warta.store.engine import database_url
from warta.store.store import FailureRecord, Store

__all__ = ["FailureRecord", "Store", "database_url"]
