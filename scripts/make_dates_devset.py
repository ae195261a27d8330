"""Build the TIMEX3 development set from IndoSum (CC BY-SA 4.0) and a hand-checked annotation.

Two steps. ``select`` picks articles whose URL carries their publication date, re-joins them
into natural text and writes a listing of proposed expressions (warta's own rules) to correct
by hand: one line per expression, ``ARTICLE<TAB>OCCURRENCE<TAB>TEXT<TAB>TYPE<TAB>VALUE``.
``build`` turns the corrected listing into the JSONL gold file (docs/dates.md describes it),
finding each expression's offsets as the OCCURRENCE-th appearance of TEXT in the article.

    python scripts/make_dates_devset.py select ../shared/data --out bench/dates/articles.jsonl \
        --listing bench/dates/annotations.tsv
    python scripts/make_dates_devset.py build bench/dates/articles.jsonl \
        bench/dates/annotations.tsv --out bench/dates/indosum-timex-dev.jsonl

The held-out set was selected with ``--seed 2026 --per-outlet 4 --exclude
bench/dates/articles.jsonl --blank`` and annotated from scratch, never shown the rules' output.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from indosum import articles  # noqa: E402
from make_demo_sample import article_text  # noqa: E402

from warta.stages.dates_published import anchor_of, from_url  # noqa: E402
from warta.stages.dates_rules import tag  # noqa: E402

OUTLETS = ("cnn indonesia", "suara", "poskotanews", "rimanews", "goal indonesia")


def select(
    data: Path,
    out: Path,
    listing: Path,
    per_outlet: int,
    seed: int,
    exclude: Path | None = None,
    blank: bool = False,
) -> None:
    skip = set()
    if exclude is not None:
        skip = {json.loads(line)["id"] for line in exclude.read_text(encoding="utf-8").splitlines()}
    pool: dict[str, list[dict[str, object]]] = defaultdict(list)
    for article in articles(data):
        published = from_url(article.get("source_url"))
        if article["source"] not in OUTLETS or not published or article["id"] in skip:
            continue
        text = article_text(article)
        if 600 <= len(text) <= 2600:
            pool[article["source"]].append(
                {
                    "id": article["id"],
                    "url": article["source_url"],
                    "published": published,
                    "source": article["source"],
                    "text": text,
                }
            )
    rng = random.Random(seed)
    chosen = []
    for outlet in OUTLETS:
        chosen += rng.sample(pool[outlet], min(per_outlet, len(pool[outlet])))
    with out.open("w", encoding="utf-8") as f:
        for record in chosen:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    with listing.open("w", encoding="utf-8") as f:
        for record in chosen if not blank else []:
            text = str(record["text"])
            seen: dict[str, int] = defaultdict(int)
            for t in tag(text, anchor_of(str(record["published"]))):
                seen[t["text"]] += 1
                occurrence = _occurrence(text, t["text"], t["start"])
                f.write(f"{record['id']}\t{occurrence}\t{t['text']}\t{t['type']}\t{t['value']}\n")


def _occurrence(text: str, needle: str, start: int) -> int:
    n, pos = 0, text.find(needle)
    while pos != -1 and pos < start:
        n += 1
        pos = text.find(needle, pos + 1)
    return n + 1


def build(articles_file: Path, listing: Path, out: Path) -> None:
    records = {}
    for line in articles_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record["timexes"] = []
        records[record["id"]] = record
    for number, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        doc_id, occurrence, text, type_, value = line.split("\t")
        body = records[doc_id]["text"]
        pos = -1
        for _ in range(int(occurrence)):
            pos = body.find(text, pos + 1)
            if pos == -1:
                raise SystemExit(f"line {number}: {text!r} #{occurrence} not in {doc_id}")
        records[doc_id]["timexes"].append(
            {"start": pos, "end": pos + len(text), "text": text, "type": type_, "value": value}
        )
    with out.open("w", encoding="utf-8") as f:
        for record in records.values():
            record["timexes"].sort(key=lambda t: t["start"])
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("select")
    s.add_argument("data", type=Path)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--listing", type=Path, required=True)
    s.add_argument("--per-outlet", type=int, default=10)
    s.add_argument("--seed", type=int, default=10)
    s.add_argument("--exclude", type=Path, help="articles (JSONL) to leave out")
    s.add_argument("--blank", action="store_true", help="no proposals: annotate from scratch")
    b = sub.add_parser("build")
    b.add_argument("articles", type=Path)
    b.add_argument("listing", type=Path)
    b.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "select":
        select(
            args.data, args.out, args.listing, args.per_outlet, args.seed, args.exclude, args.blank
        )
    else:
        build(args.articles, args.listing, args.out)


if __name__ == "__main__":
    main()
