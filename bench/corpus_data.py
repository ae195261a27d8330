"""IndoSum dev articles as warta Documents for the corpus benches (no pipeline run).

The text is the tokenized article (tokens joined by spaces), its sentences and paragraphs
are IndoSum's own, the title is the URL's slug (or the first sentence when the slug is an
opaque id), and ``published`` is the date in the URL or else the crawl time in the id.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "scripts"))

import indosum  # noqa: E402

from warta.document import Document, Span  # noqa: E402

_URL_DATE = re.compile(r"/(20\d\d)[/-](\d\d)[/-](\d\d)/")
_SITES = {
    "cnn indonesia": "cnnindonesia.com",
    "kumparan": "kumparan.com",
    "dailysocial.id": "dailysocial.id",
    "antaranews": "antaranews.com",
    "merdeka": "merdeka.com",
    "juara.net": "juara.net",
    "suara": "suara.com",
    "rimanews": "rimanews.com",
    "goal indonesia": "goal.com",
    "poskotanews": "poskotanews.com",
}


def published(article: dict[str, Any]) -> str:
    m = _URL_DATE.search(article["source_url"])
    if m:
        return dt.date(*map(int, m.groups())).isoformat()
    stamp = int(article["id"].split("-")[0])
    return dt.datetime.fromtimestamp(stamp, dt.UTC).replace(tzinfo=None).isoformat()


def title(article: dict[str, Any]) -> str:
    slug = article["source_url"].split("?")[0].rstrip("/").split("/")[-1]
    slug = re.sub(r"\.html?$", "", slug)
    words = [w for w in re.split(r"[-.]", slug) if w.isalpha()]
    if len(words) >= 3:
        return " ".join(words).capitalize()
    first = article["paragraphs"][0][0] if article["paragraphs"] else []
    return " ".join(first)


def to_document(article: dict[str, Any]) -> Document:
    text_parts: list[str] = []
    sentences: list[Span] = []
    paragraphs: list[Span] = []
    pos = 0
    for p, paragraph in enumerate(article["paragraphs"]):
        if p:
            text_parts.append("\n\n")
            pos += 2
        p_start = pos
        for s, sentence in enumerate(paragraph):
            if s:
                text_parts.append(" ")
                pos += 1
            chunk = " ".join(sentence)
            sentences.append(Span(pos, pos + len(chunk)))
            text_parts.append(chunk)
            pos += len(chunk)
        paragraphs.append(Span(p_start, pos))
    return Document(
        id=article["id"],
        source=article["source_url"],
        url=article["source_url"],
        text="".join(text_parts),
        language="id",
        title=title(article),
        published=published(article),
        site=_SITES.get(article["source"], article["source"]),
        paragraphs=paragraphs,
        sentences=sentences,
    )


def documents() -> Iterator[Document]:
    if not DATA.exists():
        raise SystemExit(f"needs IndoSum under {DATA / 'corpus' / 'indosum-dev'}")
    for article in indosum.articles(DATA):
        yield to_document(article)
