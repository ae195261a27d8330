"""Timing helpers shared by the bench scripts."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_rate(run: Callable[[], int], repeat: int) -> float:
    """Items per second of the fastest of ``repeat`` runs (the least disturbed by noise);
    ``run`` returns how many items it processed."""
    best = 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        best = max(best, count / (time.perf_counter() - started))
    return best
