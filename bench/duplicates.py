"""Near-duplicate detection on simulated re-scrapes of IndoSum articles.

    .venv/bin/python bench/duplicates.py [--articles 400] [--seed 1]

Takes N IndoSum dev articles and, for each, an edited copy as a later scrape of the page
would give: one or two sentences dropped, three words changed, a boilerplate line added
(and, for a third of them, a sentence added). The copies get a new URL, so only the text
can group them. Reports the fraction of copies found in their original's group (recall),
the originals wrongly grouped with another original (false-duplicate rate on distinct
articles), and the time per stored document.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import random
import time

import corpus_data

from warta.corpus.duplicates import duplicate_groups
from warta.document import Document
from warta.store import Store

BOILERPLATE = [
    "Baca juga : Berita terpopuler hari ini",
    "Simak video pilihan berikut ini .",
    "Ikuti kami di Google News untuk berita terbaru .",
    "( Editor : Redaksi )",
]
REPLACEMENTS = ["mengatakan", "menurut", "namun", "sementara", "pada", "tersebut", "yang"]


def rescrape(doc: Document, rng: random.Random) -> Document:
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    for _ in range(rng.choice([1, 2])):
        if len(sentences) > 3:
            sentences.pop(rng.randrange(len(sentences)))
    tokens = " ".join(sentences).split(" ")
    for _ in range(3):
        tokens[rng.randrange(len(tokens))] = rng.choice(REPLACEMENTS)
    text = " ".join(tokens)
    if rng.random() < 0.33:
        text += " Informasi ini diperbarui setelah adanya keterangan tambahan dari pihak terkait ."
    text += "\n\n" + rng.choice(BOILERPLATE)
    return dataclasses.replace(
        doc,
        id=doc.id + "-rescrape",
        url=(doc.url or "") + "?page=all",
        source=(doc.source or "") + "?page=all",
        text=text,
        sentences=[],
        paragraphs=[],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    originals = list(itertools.islice(corpus_data.documents(), args.articles))
    copies = [rescrape(d, rng) for d in originals]
    with Store.open(":memory:") as store:
        started = time.perf_counter()
        docs = originals + copies
        for i in range(0, len(docs), 50):
            store.save_documents(docs[i : i + 50])
        seconds = time.perf_counter() - started
        groups = duplicate_groups(store)
    group_of = {m["id"]: g["origin"] for g in groups for m in g["documents"]}
    found = sum(
        1
        for d in originals
        if d.id in group_of and group_of.get(d.id + "-rescrape") == group_of[d.id]
    )
    original_ids = {d.id for d in originals}
    wrong = {
        member["id"]
        for g in groups
        if sum(1 for m in g["documents"] if m["id"] in original_ids) > 1
        for member in g["documents"]
        if member["id"] in original_ids
    }
    n = len(originals)
    print(f"{n} articles + {n} edited re-scrapes, {len(groups)} groups")
    print(f"re-scrapes found as near-duplicates: {found}/{n} = {found / n:.3f}")
    print(f"distinct articles wrongly grouped: {len(wrong)}/{n} = {len(wrong) / n:.3f}")
    print(f"stored with index, near-duplicates and stories: {2 * n / seconds:.0f} docs/s")


if __name__ == "__main__":
    main()
