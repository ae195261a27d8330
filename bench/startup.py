"""How long warta's commands take to start, as ratios to a bare ``python -c "import spacy"``.

Every command runs as a fresh subprocess (the way a user runs it), ``--repeat`` times,
interleaved with the baseline; the median of each is compared. Targets (issue 8): commands
that need no model, and errors about arguments or files, at most 0.5x the baseline; a cold
``warta analyze`` of the seed article at most 2.5x.

    python bench/startup.py --repeat 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-article.txt"


def commands(db: Path, missing: Path) -> list[tuple[str, list[str], float]]:
    """(label, argv after ``python -m warta``, target ratio)."""
    return [
        ("--help", ["--help"], 0.5),
        ("stages", ["stages"], 0.5),
        ("stats (stored db)", ["stats", "--db", str(db)], 0.5),
        ("show (stored db)", ["show", "--db", str(db), "--source", str(SEED)], 0.5),
        ("failures (stored db)", ["failures", "--db", str(db)], 0.5),
        ("stats (no database)", ["stats", "--db", str(missing)], 0.5),
        ("show 41f7 (short prefix)", ["show", "41f7", "--db", str(db)], 0.5),
        ("analyze (no such file)", ["analyze", str(missing)], 0.5),
        ("ingest (bad option)", ["ingest", "x", "--batch-size", "many"], 0.5),
        ("analyze seed (cold)", ["analyze", str(SEED)], 2.5),
    ]


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    baseline_argv = [sys.executable, "-c", "import spacy"]
    with tempfile.TemporaryDirectory() as tmp:
        db, missing = Path(tmp) / "bench.db", Path(tmp) / "missing.db"
        subprocess.run(
            [sys.executable, "-m", "warta", "ingest", str(SEED), "--db", str(db), "-q"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        runs = commands(db, missing)
        times: dict[str, list[float]] = {label: [] for label, _, _ in runs}
        baseline: list[float] = []
        for _ in range(args.repeat):
            baseline.append(timed(baseline_argv, env))
            for label, argv, _ in runs:
                times[label].append(timed([sys.executable, "-m", "warta", *argv], env))
    base = statistics.median(baseline)
    print(f'baseline python -c "import spacy": {base:.3f}s (median of {args.repeat})')
    print(f"{'command':<28}{'median s':>10}{'ratio':>8}{'target':>8}")
    for label, _, target in runs:
        median = statistics.median(times[label])
        ratio = median / base
        verdict = "ok" if ratio <= target else "OVER"
        print(f"{label:<28}{median:>10.3f}{ratio:>7.2f}x{target:>7.1f}x  {verdict}")


if __name__ == "__main__":
    main()
