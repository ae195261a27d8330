"""Corpus-wide identities: canonical rows, learned aliases, profiles and speaker look-ups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from warta.document import Document, Entity, Mention, Quote, Speaker
from warta.store import Store
from warta.store.entities import canonical_id, entity_profile, find_entities, slug
from warta.store.schema import canonical_entities, entities


def article(
    n: int,
    people: list[Entity],
    *,
    published: str | None = None,
    quote_by: int | None = None,
    speaker_name: str | None = None,
) -> Document:
    doc = Document.from_input(f"article {n}", source=f"a{n}.txt")
    doc.text = f"Artikel {n}: kata orang."
    doc.published = published
    doc.entities = people
    if quote_by is not None:
        name = speaker_name or people[quote_by].name
        doc.quotes = [Quote("kata orang.", 11, 22, "indirect", "kata", Speaker(name, quote_by))]
    return doc


def person(
    name: str,
    *,
    id_: str | None = None,
    aliases: list[str] | None = None,
    mentions: int = 1,
    code: str | None = None,
    country: str | None = None,
) -> Entity:
    return Entity(
        name,
        "PER",
        [Mention(0, 1, name)] * mentions,
        id=id_,
        aliases=aliases or [],
        kind="person",
        code=code,
        country=country,
    )


def identity(store: Store, cid: str) -> dict[str, object] | None:
    with store.engine.connect() as conn:
        row = (
            conn.execute(select(canonical_entities).where(canonical_entities.c.id == cid))
            .mappings()
            .first()
        )
    return dict(row) if row else None


@pytest.mark.parametrize(
    ("text_", "expected"),
    [
        ("Kim Jong-un", "kim-jong-un"),
        ("Zelenskyy", "zelenskyy"),
        ("Ñoño  Éé", "nono-ee"),
        ("!", "x"),
    ],
)
def test_slug(text_: str, expected: str) -> None:
    assert slug(text_) == expected


def test_fallback_id_is_type_and_name() -> None:
    assert canonical_id(Entity("Jake Sullivan", "PER")) == "per:jake-sullivan"
    assert canonical_id(Entity("Korea Utara", "LOC", id="PRK")) == "PRK"


def test_one_row_per_identity_with_counts(store: Store) -> None:
    jokowi = "per:joko-widodo"
    store.save_documents(
        [
            article(
                1,
                [person("Joko Widodo", id_=jokowi, mentions=3, code="IDN GOV", country="IDN")],
                published="2024-01-05",
            ),
            article(2, [person("Jokowi", id_=jokowi, mentions=2)], published="2024-02-01"),
        ]
    )
    row = identity(store, jokowi)
    assert row is not None
    assert (row["name"], row["documents"], row["mentions"]) == ("Joko Widodo", 2, 5)
    assert (row["code"], row["country"], row["aliases"]) == ("IDN GOV", "IDN", ["Jokowi"])


def test_resaving_does_not_double_count_and_drops_empty_identities(store: Store) -> None:
    doc = article(1, [person("Retno Marsudi", id_="per:retno-marsudi", mentions=2)])
    store.save_documents([doc])
    store.save_documents([doc])
    row = identity(store, "per:retno-marsudi")
    assert row is not None and (row["documents"], row["mentions"]) == (1, 2)
    doc.entities = [person("Sugiono", id_="per:sugiono")]
    store.save_documents([doc])
    assert identity(store, "per:retno-marsudi") is None
    assert identity(store, "per:sugiono") is not None


def test_alias_learned_in_one_article_files_another(store: Store) -> None:
    """ "Presiden Joko Widodo (Jokowi)" teaches the alias; an article saying only "Jokowi"
    (which the link stage filed under its own name) joins the identity, before or after."""
    earlier = article(1, [person("Jokowi")], published="2019-01-01")
    teaching = article(2, [person("Joko Widodo", id_="per:joko-widodo", aliases=["Jokowi"])])
    later = article(3, [person("Jokowi")], quote_by=0)
    store.save_documents([earlier])
    store.save_documents([teaching])
    store.save_documents([later])
    with store.engine.connect() as conn:
        ids = set(conn.execute(select(entities.c.canonical_id)).scalars())
    assert ids == {"per:joko-widodo"}
    row = identity(store, "per:joko-widodo")
    assert row is not None and row["documents"] == 3
    assert [q["doc_id"] for q in store.quotes_by_speaker("Joko Widodo")] == [later.id]


def test_a_word_of_the_name_is_not_learned_as_an_alias(store: Store) -> None:
    store.save_documents(
        [
            article(1, [person("Kim Jong Un", id_="per:kim-jong-un", aliases=["Kim"])]),
            article(2, [person("Kim")]),
        ]
    )
    assert identity(store, "per:kim") is not None


def test_ambiguous_alias_files_nothing(store: Store) -> None:
    store.save_documents(
        [
            article(1, [person("Susilo Bambang Yudhoyono", id_="per:sby", aliases=["SBY"])]),
            article(2, [person("Surabaya Youth", id_="per:surabaya-youth", aliases=["SBY"])]),
            article(3, [person("SBY")]),
        ]
    )
    assert identity(store, "per:sby") is not None
    assert identity(store, f"per:{slug('SBY')}") is not None


def test_find_entities_prefers_exact_names_then_documents(store: Store) -> None:
    store.save_documents(
        [
            article(
                1,
                [
                    person("Kim Jong Un", id_="per:kim-jong-un"),
                    person("Kim Yo Jong", id_="per:kim-yo-jong"),
                ],
            ),
            article(2, [person("Kim Yo Jong", id_="per:kim-yo-jong")]),
        ]
    )
    assert [e["id"] for e in find_entities(store, "Kim")] == ["per:kim-yo-jong", "per:kim-jong-un"]
    assert [e["id"] for e in find_entities(store, "kim jong un")][0] == "per:kim-jong-un"
    assert find_entities(store, "per:kim-jong-un")[0]["name"] == "Kim Jong Un"
    assert find_entities(store, "Prabowo") == []


def test_profile(store: Store) -> None:
    sullivan = person("Jake Sullivan", id_="per:jake-sullivan", mentions=2, code="USA GOV")
    store.save_documents(
        [
            article(
                1,
                [sullivan, person("Retno Marsudi", id_="per:retno")],
                published="2024-05-01T10:00:00+07:00",
                quote_by=0,
                speaker_name="Sullivan",
            ),
            article(
                2, [sullivan, person("Retno Marsudi", id_="per:retno")], published="2024-05-20"
            ),
            article(
                3, [sullivan, person("Antony Blinken", id_="per:blinken")], published="2024-06-02"
            ),
        ]
    )
    profile = entity_profile(store, "Sullivan")
    assert profile is not None
    assert (profile["id"], profile["code"], profile["documents"], profile["mentions"]) == (
        "per:jake-sullivan",
        "USA GOV",
        3,
        6,
    )
    assert profile["per_month"] == [
        {"month": "2024-05", "documents": 2, "mentions": 4},
        {"month": "2024-06", "documents": 1, "mentions": 2},
    ]
    assert profile["co_mentioned"][0] == {"id": "per:retno", "name": "Retno Marsudi", "count": 2}
    assert [q["speaker"] for q in profile["quotes"]] == ["Sullivan"]
    assert entity_profile(store, "nobody") is None


def test_version_1_database_is_migrated(
    tmp_path: Path, downgrade: Callable[[Store, int], None]
) -> None:
    """A database made before identities existed gets them from its entity rows."""
    target = str(tmp_path / "old.db")
    with Store.open(target) as store:
        store.save_documents(
            [
                article(1, [person("Jake Sullivan", mentions=2)]),
                article(2, [person("Jake Sullivan")]),
            ]
        )
        downgrade(store, 1)
    with Store.open(target) as store:
        row = identity(store, "per:jake-sullivan")
        assert row is not None and (row["documents"], row["mentions"]) == (2, 3)
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(entities)).scalar_one() == 2
