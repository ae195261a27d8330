"""A small in-process cache for the answers of expensive reads (entity profiles, filtered
lists, facets).

A newsroom reads far more than it writes, and an entity profile aggregates every article
that names it. Answers are kept ``ttl`` seconds (least recently used first out past
``max_entries``) and every write through this API clears them all, so a client of one server
sees its own writes at once; articles stored by another process (``warta ingest``) show up
within ``ttl``. ``ttl=0`` turns the cache off.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class ReadCache:
    def __init__(self, ttl: float, *, max_entries: int = 4096) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached answer for ``key``, computing (outside the lock) when absent or old."""
        if self.ttl <= 0:
            return compute()
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] > now:
                self._entries.move_to_end(key)
                value: T = entry[1]
                return value
        value = compute()
        with self._lock:
            self._entries[key] = (now + self.ttl, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
