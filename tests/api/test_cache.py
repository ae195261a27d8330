"""The read cache: reuses answers for a while, forgets them on clear, stays bounded."""

from __future__ import annotations

import pytest

from warta.api import cache as cache_module
from warta.api.cache import ReadCache


def test_reuses_until_ttl_and_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: now[0])
    cache, calls = ReadCache(10), []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert [cache.get("k", compute) for _ in range(3)] == [1, 1, 1]
    now[0] += 11
    assert cache.get("k", compute) == 2
    cache.clear()
    assert cache.get("k", compute) == 3


def test_off_and_bounded() -> None:
    off = ReadCache(0)
    assert [off.get("k", lambda n=n: n) for n in range(3)] == [0, 1, 2]
    small = ReadCache(60, max_entries=2)
    for key in ("a", "b", "c"):
        small.get(key, lambda key=key: key)
    assert small.get("a", lambda: "recomputed") == "recomputed"  # the oldest was dropped
    assert small.get("c", lambda: "recomputed") == "c"
