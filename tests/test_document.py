import json

import pytest

from warta.document import (
    SCHEMA_VERSION,
    Dateline,
    Document,
    Entity,
    Mention,
    Quote,
    RemovedLine,
    Span,
    Speaker,
    content_hash,
)
from warta.errors import SchemaError


def full_document() -> Document:
    text = "JAKARTA, KOMPAS.com — “Kami siap,” kata Joko Widodo."
    return Document(
        raw=text,
        id=content_hash(text),
        text=text,
        language="id",
        title="Judul",
        published="2023-09-05",
        site="Kompas",
        authors=["A", "B"],
        dateline=Dateline(0, 21, place="Jakarta", outlet="KOMPAS.com"),
        paragraphs=[Span(0, len(text))],
        boilerplate=[RemovedLine("Iklan", "advertisement")],
        sentences=[Span(0, len(text))],
        tokens=[Span(0, 7), Span(7, 8)],
        entities=[
            Entity(
                "Joko Widodo",
                "PER",
                [Mention(40, 51, "Joko Widodo")],
                id="joko-widodo",
                aliases=["Jokowi"],
                country="IDN",
                kind="person",
                code="IDN GOV",
            )
        ],
        quotes=[
            Quote(
                "“Kami siap,”",
                22,
                34,
                "direct",
                "kata",
                Speaker("Joko Widodo", 0, None),
                when={"text": "Senin", "value": "2023-09-04"},
            )
        ],
        published_source="input",
        flags=[{"kind": "affiliation", "message": "two affiliations", "spans": [[0, 4]]}],
    )


def test_round_trip_through_json() -> None:
    doc = full_document()
    data = json.loads(json.dumps(doc.to_dict()))
    assert data["schema_version"] == SCHEMA_VERSION
    assert Document.from_dict(data) == doc


def test_to_dict_can_leave_out_raw() -> None:
    data = full_document().to_dict(include_raw=False)
    assert "raw" not in data
    assert Document.from_dict(data).raw is None


def test_version_1_documents_are_still_read() -> None:
    data = full_document().to_dict()
    data["schema_version"] = 1
    for layer in ("flags", "published_source"):
        del data[layer]
    doc = Document.from_dict(data)
    assert doc.flags == [] and doc.published_source is None


def test_unknown_schema_version_is_refused() -> None:
    data = full_document().to_dict()
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(SchemaError, match="schema_version"):
        Document.from_dict(data)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("<html><p>Berita</p></html>", "html"),
        ("<div><p>Berita</p></div>", "html"),
        ("Presiden mengatakan <b> bukan HTML.", "text"),
        ("Harga naik < 5 persen.", "text"),
    ],
)
def test_from_input_sniffs_format(raw: str, expected: str) -> None:
    assert Document.from_input(raw).raw_format == expected


def test_content_hash_is_stable_and_keyed_by_content() -> None:
    assert Document.from_input("abc").id == Document.from_input("abc").id
    assert Document.from_input("abc").id != Document.from_input("abd").id
    assert Document.from_input("abc", doc_id="given").id == "given"
