"""Pipeline time per article with and without the events stage (parser included), same run.

    .venv/bin/python bench/events.py [--docs 40] [--repeat 3]

Both pipelines run on the same IndoSum sample articles (samples/indosum-sample.jsonl) in the
same process, one thread, after a warm-up that loads every model; the figure is the fastest of
``--repeat`` passes. The issue's budget: the events stage and its parser add at most 30%.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
from pathlib import Path  # noqa: E402

from timing import best_rate  # noqa: E402

from warta.config import load_config  # noqa: E402
from warta.document import Document  # noqa: E402
from warta.pipeline import Pipeline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "indosum-sample.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with SAMPLE.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f][: args.docs]
    config = load_config()
    with_events = Pipeline.from_config(config)
    names = [n for n in config["pipeline"]["stages"] if n != "events"]
    without = Pipeline.from_config({**config, "pipeline": {"stages": names}})
    events = 0

    def run(pipeline: Pipeline) -> int:
        nonlocal events
        events = 0
        for text in texts:
            doc = pipeline(Document.from_input(text, raw_format="text"))
            events += len(doc.events)
        return len(texts)

    run(with_events)  # warm-up: loads the NER model and the parser
    base = best_rate(lambda: run(without), args.repeat)
    full = best_rate(lambda: run(with_events), args.repeat)
    print(f"{len(texts)} articles, {events} events")
    print(f"without events: {base:.2f} articles/s ({1000 / base:.0f} ms/article)")
    print(f"with events:    {full:.2f} articles/s ({1000 / full:.0f} ms/article)")
    print(f"time ratio with/without: {base / full:.3f} (+{100 * (base / full - 1):.1f}%)")


if __name__ == "__main__":
    main()
