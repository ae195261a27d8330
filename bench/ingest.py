"""Ingest throughput: warta's HTML cleaning against bare trafilatura, and the whole pipeline.

    .venv/bin/python bench/ingest.py [--pages 50] [--repeat 3]

Both cleaners run on the same pages in the same process, so the ratio holds on a noisy
machine even when the absolute numbers do not.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).parent))

from html_pages import pages_from_jsonl  # noqa: E402
from timing import best_rate  # noqa: E402

from warta.document import Document  # noqa: E402
from warta.pipeline import default_pipeline  # noqa: E402
from warta.registry import Stage, create_stage  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "indosum-sample.jsonl"


def time_stages(stages: list[Stage], texts: list[str]) -> dict[str, float]:
    """Seconds spent in each stage over all texts (one pass, after a warm-up)."""
    seconds = {stage.name: 0.0 for stage in stages}
    for text in texts:
        doc = Document.from_input(text)
        for stage in stages:
            started = time.perf_counter()
            doc = stage(doc)
            seconds[stage.name] += time.perf_counter() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    pages = pages_from_jsonl(SAMPLE, args.pages)
    clean = create_stage("clean")

    def bare_trafilatura() -> int:
        for page in pages:
            trafilatura.extract(page, with_metadata=True)
        return len(pages)

    def warta_clean() -> int:
        for page in pages:
            clean(Document.from_input(page, raw_format="html"))
        return len(pages)

    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    pipeline = default_pipeline()
    pipeline(Document.from_input(texts[0]))  # load models before timing

    def whole_pipeline() -> int:
        for text in texts:
            pipeline(Document.from_input(text))
        return len(texts)

    tokens = sum(len(pipeline(Document.from_input(t)).tokens) for t in texts)
    stage_seconds = time_stages(pipeline.stages, texts)
    bare = ours = full = 0.0
    for _ in range(args.repeat):  # interleaved, so drift on a shared machine hits all alike
        bare = max(bare, best_rate(bare_trafilatura, 1))
        ours = max(ours, best_rate(warta_clean, 1))
        full = max(full, best_rate(whole_pipeline, 1))
    print(f"HTML pages: {len(pages)} (IndoSum sample in news-site chrome), best of {args.repeat}")
    print(f"  bare trafilatura.extract      {bare:8.1f} pages/s")
    print(f"  warta clean stage             {ours:8.1f} pages/s   ratio {ours / bare:.2f}x")
    print(f"default pipeline ({', '.join(pipeline.names)})")
    print(
        f"  on {len(texts)} IndoSum articles    {full:8.1f} articles/s "
        f"({full * tokens / len(texts):,.0f} tokens/s)"
    )
    total = sum(stage_seconds.values())
    print("  share of pipeline time per stage:")
    for name, seconds in stage_seconds.items():
        share = 100 * seconds / total
        print(f"    {name:<12} {share:5.1f}%  {1000 * seconds / len(texts):6.2f} ms/article")


if __name__ == "__main__":
    main()
