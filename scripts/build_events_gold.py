"""Build the events development gold (JSONL) from its hand annotation.

The annotation (bench/data/events_gold_ann.txt) names IndoSum articles by id ("@A0 <id>") and
lists events a line: article|sentence|type|trigger|source|source code|target|target code|
modality, with sentences numbered as warta's sentences stage splits the article text (the
IndoSum tokens detokenized as scripts/make_demo_sample.py does). The output holds each
article's text, so scoring needs no IndoSum copy (CC BY-SA 4.0, attributed in docs/events.md).

Usage: python scripts/build_events_gold.py [ANNOTATION] [OUT.jsonl]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import indosum
from make_demo_sample import article_text

from warta.document import Document
from warta.registry import create_stage

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("WARTA_DATA", REPO.parent / "shared" / "data"))


def actor(name: str, code: str) -> dict[str, str | None] | None:
    if name.strip() in ("", "-"):
        return None
    return {"name": name.strip(), "code": code.strip() or None}


def main() -> None:
    ann = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "bench/data/events_gold_ann.txt"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "bench/data/events_gold.jsonl"
    ids: dict[str, str] = {}
    rows: list[list[str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("@"):
            key, doc_id = line[1:].split()
            ids[key] = doc_id
        elif line.strip() and not line.startswith("#"):
            rows.append(line.split("|"))
    wanted = set(ids.values())
    articles = {a["id"]: a for a in indosum.articles(DATA) if a["id"] in wanted}
    splitter = create_stage("sentences")
    with out.open("w", encoding="utf-8") as fh:
        for key, doc_id in ids.items():
            article = articles[doc_id]
            doc = splitter(Document(id=doc_id, text=article_text(article), language="id"))
            events = []
            for row in rows:
                if row[0] != key:
                    continue
                _, sent_no, etype, trigger, src, src_code, tgt, tgt_code, modality = row
                sent = doc.sentences[int(sent_no)]
                at = doc.text.find(trigger, sent.start, sent.end)
                if at < 0:
                    raise SystemExit(f"{key}|{sent_no}: trigger {trigger!r} not in the sentence")
                events.append(
                    {
                        "sentence": {"start": sent.start, "end": sent.end},
                        "sentence_text": doc.text[sent.start : sent.end],
                        "type": etype,
                        "trigger": {"start": at, "end": at + len(trigger), "text": trigger},
                        "source": actor(src, src_code),
                        "target": actor(tgt, tgt_code),
                        "modality": modality,
                    }
                )
            record = {
                "id": doc_id,
                "url": article.get("source_url"),
                "outlet": article.get("source"),
                "text": doc.text,
                "events": events,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(ids)} articles, {len(rows)} events -> {out}")


if __name__ == "__main__":
    main()
