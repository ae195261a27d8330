"""Cleaning and dateline quality on IndoSum: what goes, what stays, per outlet.

    .venv/bin/python bench/clean.py [--data ../shared/data] [--limit N]

IndoSum's bodies still hold "Baca juga" teasers, promos and sign-offs, and each article has
gold summary sentences, which are body text by definition: a good cleaner removes the
teasers and keeps every summary sentence. Needs ../shared/data (or --data / $WARTA_DATA).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import indosum  # noqa: E402
from make_demo_sample import detokenize  # noqa: E402

from warta.document import Document  # noqa: E402
from warta.stages.clean import CleanStage  # noqa: E402
from warta.stages.dateline import DatelineStage  # noqa: E402

TEASER = re.compile(r"^\(?\s*baca\s*_?\s*juga", re.IGNORECASE)


def _squeeze(text: str) -> str:
    """Text without spaces: a sentence re-joined alone and inside its paragraph may differ
    in spacing around straight quotes, not in words."""
    return "".join(text.replace("\u200b", "").split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = os.environ.get("WARTA_DATA", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default_data))
    parser.add_argument("--limit", type=int, default=0, help="articles (0: all)")
    args = parser.parse_args()
    folder = args.data / "corpus" / "indosum-dev"
    if not folder.is_dir():
        sys.exit(f"no IndoSum folder at {folder} (give --data)")

    articles = list(indosum.articles(args.data))
    if args.limit:
        articles = articles[: args.limit]

    clean, dateline = CleanStage(), DatelineStage()
    reasons: Counter[str] = Counter()
    summary_total = summary_kept = teasers = teasers_removed = 0
    with_dateline: Counter[str] = Counter()
    by_source: Counter[str] = Counter()
    started = time.perf_counter()
    for article in articles:
        paragraphs = [
            detokenize([token for sentence in paragraph for token in sentence])
            for paragraph in article["paragraphs"]
        ]
        doc = dateline(clean(Document.from_input("\n\n".join(paragraphs), raw_format="text")))
        reasons.update(b.reason for b in doc.boilerplate)
        kept = _squeeze(doc.text)
        for paragraph, labels in zip(article["paragraphs"], article["gold_labels"], strict=True):
            for sentence, in_summary in zip(paragraph, labels, strict=True):
                text = detokenize(sentence)
                if in_summary and not TEASER.match(text):
                    summary_total += 1
                    summary_kept += _squeeze(text) in kept
        for text in paragraphs:
            if TEASER.match(text):
                teasers += 1
                teasers_removed += _squeeze(text) not in kept
        by_source[article["source"]] += 1
        with_dateline[article["source"]] += doc.dateline is not None
    seconds = time.perf_counter() - started

    print(f"IndoSum dev: {len(articles)} unique articles, {len(articles) / seconds:.0f} articles/s")
    print(f"  gold summary sentences kept   {summary_kept:>6} of {summary_total}")
    print(f"  'Baca juga' teaser paragraphs removed {teasers_removed} of {teasers}")
    print("  lines removed, by reason:")
    for reason, count in reasons.most_common():
        print(f"    {reason:<28} {count:>6}")
    print("  datelines found, by outlet:")
    for source, count in by_source.most_common():
        print(f"    {source:<28} {with_dateline[source]:>5} of {count}")


if __name__ == "__main__":
    main()
