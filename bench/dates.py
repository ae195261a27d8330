"""Cost of the dates stage: the default pipeline with and without it, in the same process.

    .venv/bin/python bench/dates.py [--articles 50] [--repeat 3]

Both pipelines run on the same IndoSum sample (samples/indosum-sample.jsonl, publication dates
from the URLs), alternately, and the best run of each counts; the ratio is what the stage adds
to the time of a whole analysis. The stage's own seconds per article are timed too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from timing import best_rate  # noqa: E402

from warta.document import Document  # noqa: E402
from warta.pipeline import Pipeline, default_pipeline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "indosum-sample.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    records = records[: args.articles]
    full = default_pipeline()
    without = Pipeline([s for s in full.stages if s.name != "dates"])
    dates = next(s for s in full.stages if s.name == "dates")

    def run(pipeline: Pipeline) -> int:
        for r in records:
            pipeline(Document.from_input(r["text"], url=r.get("url")))
        return len(records)

    run(full)  # warm-up: models and rules loaded
    rates = {"without dates": 0.0, "with dates": 0.0}
    for _ in range(args.repeat):
        rates["without dates"] = max(rates["without dates"], best_rate(lambda: run(without), 1))
        rates["with dates"] = max(rates["with dates"], best_rate(lambda: run(full), 1))

    analyzed = [without(Document.from_input(r["text"], url=r.get("url"))) for r in records]
    started = time.perf_counter()
    expressions = sum(len(dates(doc).dates) for doc in analyzed)
    stage_seconds = time.perf_counter() - started

    print(f"{len(records)} IndoSum articles, {expressions} time expressions")
    for name, rate in rates.items():
        print(f"  pipeline {name:<14} {rate:8.2f} articles/s")
    added = rates["without dates"] / rates["with dates"] - 1
    print(f"  time added by the dates stage: {added:+.1%} (whole runs, best of {args.repeat})")
    print(
        f"  dates stage alone: {1000 * stage_seconds / len(records):.2f} ms/article, "
        f"{stage_seconds / (len(records) / rates['without dates']):.1%} of the pipeline's time"
    )


if __name__ == "__main__":
    main()
