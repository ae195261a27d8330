"""An API over a small hand-built corpus, on SQLite and (with WARTA_TEST_POSTGRES_URL)
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from warta.api import Settings, create_app
from warta.document import Document, Entity, Mention, Quote, RemovedLine, Span, Speaker
from warta.store import Store

TOKEN = "test-token-5f2c"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_target"))
    return str(tmp_path / "warta.db")


def article(
    doc_id: str,
    text_: str,
    *,
    site: str,
    published: str,
    title: str,
    entities: list[tuple[str, str, str]],
    quotes: tuple[tuple[str, str, str], ...] = (),
) -> Document:
    """A stored-looking document; entities are (name, type, mention text), quotes are
    (quoted text, kind, speaker name) and every one of them must occur in the text."""
    doc = Document(id=doc_id, text=text_, site=site, published=published, title=title)
    doc.language = "id"
    doc.url = f"https://{site}/{doc_id}"
    doc.source = doc.url
    doc.paragraphs = [Span(0, len(text_))]
    doc.boilerplate = [RemovedLine("Baca juga: berita lain", "related-link")]
    for name, type_, mention in entities:
        start = text_.index(mention)
        doc.entities.append(Entity(name, type_, [Mention(start, start + len(mention), mention)]))
    names = [e.name for e in doc.entities]
    for quoted, kind, speaker in quotes:
        start = text_.index(quoted)
        entity = names.index(speaker) if speaker in names else None
        doc.quotes.append(
            Quote(quoted, start, start + len(quoted), kind, "kata", Speaker(speaker, entity))
        )
    return doc


def event(doc: Document, type_: str, trigger: str, source: str, target: str) -> dict[str, Any]:
    """An events-stage record (docs/events.md) whose trigger is a word of the text."""
    start = doc.text.index(trigger)
    return {
        "type": type_,
        "trigger": {"start": start, "end": start + len(trigger), "text": trigger},
        "sentence": {"start": 0, "end": len(doc.text)},
        "source": {"name": source, "entity": None, "code": None},
        "target": {"name": target, "entity": None, "code": None},
        "modality": "asserted",
    }


def corpus() -> list[Document]:
    docs = _articles()
    docs[0].events = [event(docs[0], "CONSULT", "bertemu", "Retno Marsudi", "Jake Sullivan")]
    docs[2].events = [event(docs[2], "ASSAULT", "alert", HOSTILE, "Bandung")]
    return docs


def _articles() -> list[Document]:
    return [
        article(
            "a1" * 8,
            'Menlu Retno Marsudi bertemu Jake Sullivan di Jakarta. "Kami mendukung perdamaian," '
            "kata Retno. Sullivan menyebut pertemuan itu penting.",
            site="kompas.com",
            published="2024-05-01T10:00:00+07:00",
            title="Retno dan Sullivan bertemu",
            entities=[
                ("Retno Marsudi", "PER", "Retno Marsudi"),
                ("Jake Sullivan", "PER", "Jake Sullivan"),
                ("Jakarta", "LOC", "Jakarta"),
            ],
            quotes=(
                ("Kami mendukung perdamaian,", "direct", "Retno Marsudi"),
                ("pertemuan itu penting", "indirect", "Sullivan"),
            ),
        ),
        article(
            "b2" * 8,
            "Jake Sullivan tiba di Tokyo. Ia menyebut aliansi itu kuat.",
            site="detik.com",
            published="2024-06-10",
            title="Sullivan ke Tokyo",
            entities=[("Jake Sullivan", "PER", "Jake Sullivan"), ("Tokyo", "LOC", "Tokyo")],
            quotes=(("aliansi itu kuat", "indirect", "Jake Sullivan"),),
        ),
        article(
            "c3" * 8,
            f"Judul {HOSTILE} dan javascript:alert(2) di Bandung.",
            site="evil.example",
            published="2024-07-01",
            title=HOSTILE,
            entities=[(HOSTILE, "ORG", HOSTILE), ("Bandung", "LOC", "Bandung")],
        ),
    ]


@pytest.fixture
def store(target: str) -> Iterator[Store]:
    with Store.open(target) as opened:
        opened.save_documents(corpus())
        yield opened


@pytest.fixture
def client(store: Store, target: str) -> Iterator[TestClient]:
    app = create_app(Settings(db=target, api_token=TOKEN, max_body_bytes=100_000), store=store)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
