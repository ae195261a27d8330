"""Reading the IndoSum articles in ``<data>/corpus/indosum-dev`` (CC BY-SA 4.0).

Shared by the scripts and benches that use IndoSum as unannotated Indonesian news text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def articles(data: Path) -> Iterator[dict[str, Any]]:
    """Every article once (by ``id``), in file order."""
    seen: set[str] = set()
    for path in sorted((data / "corpus" / "indosum-dev").glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                article = json.loads(line)
                if article["id"] not in seen:
                    seen.add(article["id"])
                    yield article


def sentences(data: Path) -> Iterator[list[str]]:
    """Every sentence, a list of tokens, of every article."""
    for article in articles(data):
        for paragraph in article["paragraphs"]:
            yield from paragraph
