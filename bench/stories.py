"""Story clustering on IndoSum dev: B-cubed P/R/F1 of warta beside a GDELT-style baseline.

    .venv/bin/python bench/stories.py [--entities] [--threshold T]

Every IndoSum dev article (3,463, ten outlets) is stored, oldest first, in an in-memory
store, which places each in a story as ``warta ingest`` would. The gold
(bench/data/stories-gold.json, docs/stories.md) holds 54 hand-checked stories that several
outlets covered; every other article counts as a story of its own. Scores are given on all
articles and on the 334 "judged" ones (those the candidate search put in front of a reader),
where the singletons are not free. The baseline clusters the same articles in the same
sliding window by GDELT's rule of thumb: the cosine of the lead paragraphs' content words
(binary) at least 0.3, joining the most similar earlier article's story.
``--entities`` runs warta's entities stage first (slower; adds the entity overlap).
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path

import corpus_data

from warta.corpus import stories as story_module
from warta.corpus.stories import list_stories
from warta.corpus.text import words
from warta.document import Document
from warta.store import Store

GOLD = Path(__file__).resolve().parent / "data" / "stories-gold.json"


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str], items: Iterable[str]) -> dict:
    """B-cubed precision, recall and F1 over ``items`` (cluster labels per item)."""
    items = list(items)
    pred_members: dict[str, set[str]] = {}
    gold_members: dict[str, set[str]] = {}
    for item in items:
        pred_members.setdefault(predicted[item], set()).add(item)
        gold_members.setdefault(gold[item], set()).add(item)
    p = r = 0.0
    for item in items:
        same_pred = pred_members[predicted[item]]
        same_gold = gold_members[gold[item]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(items), r / len(items)
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


def baseline_clusters(docs: list[Document], window: int = 3, threshold: float = 0.3) -> dict:
    """GDELT-style: binary cosine of the lead paragraph's content words, single link."""
    stop = story_module._stopwords("id")
    leads = {}
    for doc in docs:
        first = doc.paragraphs[0] if doc.paragraphs else None
        lead = doc.text[first.start : first.end] if first else doc.text[:600]
        leads[doc.id] = {w for w in words(lead) if len(w) > 2 and not w.isdigit() and w not in stop}
    by_day: dict[str, list[str]] = {}
    label: dict[str, str] = {}
    for doc in docs:
        day = date.fromisoformat(doc.published[:10])
        best, best_score = None, threshold
        for k in range(-window, window + 1):
            for other in by_day.get((day + timedelta(days=k)).isoformat(), []):
                a, b = leads[doc.id], leads[other]
                if not a or not b:
                    continue
                score = len(a & b) / math.sqrt(len(a) * len(b))
                if score >= best_score:
                    best, best_score = other, score
        label[doc.id] = label[best] if best else doc.id
        by_day.setdefault(day.isoformat(), []).append(doc.id)
    return label


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", action="store_true", help="Run the entities stage first.")
    parser.add_argument("--cache", type=Path, help="Keep the entities stage's output here.")
    parser.add_argument("--threshold", type=float, default=story_module.THRESHOLD)
    parser.add_argument(
        "--stories-only",
        action="store_true",
        help="Skip search indexing and near-duplicates while storing (for tuning runs).",
    )
    args = parser.parse_args()
    story_module.THRESHOLD = args.threshold
    if args.stories_only:
        from warta.corpus import duplicates, search

        duplicates.add_documents = lambda conn, docs: None
        search.index_documents = lambda conn, docs: None

    gold_data = json.loads(GOLD.read_text(encoding="utf-8"))
    docs = sorted(corpus_data.documents(), key=lambda d: (d.published or "", d.id))
    if args.entities and args.cache and args.cache.exists():
        docs = pickle.loads(args.cache.read_bytes())
    elif args.entities:
        from warta.registry import create_stage

        sentences, entities = create_stage("sentences"), create_stage("entities")
        started = time.perf_counter()
        docs = [entities(sentences(d)) for d in docs]
        print(f"entities stage: {time.perf_counter() - started:.0f} s")
        if args.cache:
            args.cache.write_bytes(pickle.dumps(docs))

    started = time.perf_counter()
    with Store.open(":memory:") as store:
        for i in range(0, len(docs), 50):
            store.save_documents(docs[i : i + 50])
        seconds = time.perf_counter() - started
        predicted = {}
        for story in list_stories(store, limit=10**6):
            for member in story["documents"]:
                predicted[member["id"]] = story["id"]
    gold = {d.id: d.id for d in docs}
    for i, story in enumerate(gold_data["stories"]):
        for doc_id in story["documents"]:
            gold[doc_id] = f"gold-{i}"
    baseline = baseline_clusters(docs)
    judged = gold_data["judged"]
    print(
        f"{len(docs)} articles, {len(gold_data['stories'])} gold stories, stored and "
        f"clustered in {seconds:.1f} s ({len(docs) / seconds:.0f} docs/s)"
    )
    print(
        f"warta stories: {len(set(predicted.values()))}, "
        f"multi-article: {sum(1 for n in Counter(predicted.values()).values() if n > 1)}"
    )
    print(f"{'':<24}{'P':>7}{'R':>7}{'F1':>7}")
    for name, labels in (("warta", predicted), ("GDELT-style baseline", baseline)):
        for subset, items in (("all", gold), ("judged", judged)):
            s = bcubed(labels, gold, items)
            print(f"{name + ' / ' + subset:<24}{s['P']:>7.3f}{s['R']:>7.3f}{s['F1']:>7.3f}")
    singletons = {d: d for d in gold}
    s = bcubed(singletons, gold, judged)
    print(f"{'singletons / judged':<24}{s['P']:>7.3f}{s['R']:>7.3f}{s['F1']:>7.3f}")


if __name__ == "__main__":
    main()
