"""Cost of the dates stage: the default pipeline with and without it, in the same process.

    .venv/bin/python bench/dates.py [--articles 50] [--repeat 3]

Every article of the IndoSum sample (samples/indosum-sample.jsonl, publication dates from the
URLs) goes through the pipeline without the dates stage, then through the dates stage, both
timed article by article so they see the same machine load; the best of the passes counts.
The ratio is what the stage adds to the time of a whole analysis.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from warta.document import Document
from warta.pipeline import Pipeline, default_pipeline

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

    def one_pass() -> tuple[float, float, int]:
        """Seconds in the other stages and in the dates stage, article by article, so both
        see the same machine load."""
        other = own = 0.0
        found = 0
        for r in records:
            started = time.perf_counter()
            doc = without(Document.from_input(r["text"], url=r.get("url")))
            middle = time.perf_counter()
            found += len(dates(doc).dates)
            other += middle - started
            own += time.perf_counter() - middle
        return other, own, found

    one_pass()  # warm-up: models and rules loaded
    passes = [one_pass() for _ in range(args.repeat)]
    other = min(p[0] for p in passes)
    own = min(p[1] for p in passes)
    n = len(records)
    print(f"{n} IndoSum articles, {passes[0][2]} time expressions (best of {args.repeat} passes)")
    print(f"  pipeline without dates  {n / other:8.2f} articles/s")
    print(f"  pipeline with dates     {n / (other + own):8.2f} articles/s")
    print(f"  dates stage             {1000 * own / n:8.2f} ms/article")
    print(f"  time added by the dates stage: {own / other:+.1%}")


if __name__ == "__main__":
    main()
