"""An ingest loop for test_store's crash test, run as a separate process and killed by it.

Usage: kill_child.py TARGET BATCHES BATCH_SIZE [HANG_BATCH]

Saves BATCHES batches of BATCH_SIZE generated documents, skipping ids already stored, as a
real re-run does, and prints "SAVED <batch> <new>" after each commit. With HANG_BATCH it
stops inside that batch's transaction, after the quote rows were written but before the
commit, prints "HANG", and waits to be killed.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sqlalchemy import event

from warta.document import Document, Entity, Mention, Quote, Speaker
from warta.store import Store


def make_doc(n: int) -> Document:
    text = f'Menteri {n} mengatakan, "Kami siap." Ia bertemu Presiden di Jakarta.'
    doc = Document.from_input(f"raw input {n}", source=f"berita/{n:05d}.txt")
    doc.text = text
    doc.language = "id"
    doc.site = f"site{n % 3}.example"
    doc.entities = [
        Entity(f"Menteri {n}", "PERSON", [Mention(0, 8 + len(str(n)), f"Menteri {n}")]),
        Entity("Jakarta", "LOCATION", [Mention(text.index("Jakarta"), len(text) - 1, "Jakarta")]),
    ]
    start = text.index('"')
    doc.quotes = [
        Quote(
            "Kami siap.",
            start + 1,
            start + 11,
            "direct",
            "mengatakan",
            Speaker(f"Menteri {n}", 0),
        )
    ]
    return doc


def main(argv: list[str]) -> None:
    target, batches, size = argv[0], int(argv[1]), int(argv[2])
    hang_batch = int(argv[3]) if len(argv) > 3 else None
    with Store.open(target) as store:
        for b in range(batches):
            docs = [make_doc(b * size + i) for i in range(size)]
            stored = store.existing_ids(d.id for d in docs)
            if b == hang_batch:

                def hang(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
                    if statement.startswith("INSERT INTO quotes"):
                        print("HANG", flush=True)
                        time.sleep(600)

                event.listen(store.engine, "after_cursor_execute", hang)
            new = store.save_documents([d for d in docs if d.id not in stored])
            print(f"SAVED {b} {new}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
