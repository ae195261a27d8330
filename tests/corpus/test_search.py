from __future__ import annotations

import pytest

from tests.corpus.sample import corpus
from warta.corpus.search import parse_query, postgres_tsquery, search, snippet, sqlite_match
from warta.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_documents(corpus())
    return store


def ids(store: Store, query: str) -> list[str]:
    return [hit["id"] for hit in search(store, query)]


QUERIES = [
    ("korupsi", {"kpk-a", "kpk-b"}),  # "Pemberantasan Korupsi"
    ("KORUPSI", {"kpk-a", "kpk-b"}),
    ("berantas", {"kpk-a", "kpk-b"}),  # the stem of "Pemberantasan"
    ("penetapan", {"kpk-c"}),  # penetapan, menetapkan: both "tetap"
    ("gubernur", set()),
    ("menetapkan", {"kpk-c"}),
    ("tetapkan", {"kpk-c"}),  # same stem as "menetapkan"
    ("klaten suap", {"kpk-c"}),
    ("persi*", {"match-1"}),
    ('"operasi tangkap tangan"', {"kpk-a", "kpk-b", "kpk-c"}),
    ('"tangan tangkap operasi"', set()),
    ("site:kompas.com", {"kpk-a", "match-1"}),
    ("site:antaranews.com klaten", {"kpk-b"}),
    ('entity:"Sri Hartini"', {"kpk-a", "kpk-b", "kpk-c"}),
    ('speaker:"Agus Rahardjo"', {"kpk-a", "kpk-b"}),
    ("type:arrest", {"kpk-a", "kpk-c"}),
    ("type:PER stadion", {"match-1"}),
    ("since:2016-12-31", {"kpk-c", "match-1", "match-2"}),
    ("until:2016-12-31 klaten", {"kpk-a", "kpk-b", "kpk-c"}),
    ("since:2017-01-01 until:2017-01-31", {"match-2"}),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_search(filled: Store, query: str, expected: set[str]) -> None:
    assert set(ids(filled, query)) == expected


def test_hits_are_ranked_with_snippets(filled: Store) -> None:
    hits = search(filled, "klaten")
    assert {h["id"] for h in hits} == {"kpk-a", "kpk-b", "kpk-c"}
    assert hits[0]["score"] >= hits[-1]["score"]
    assert all("**Klaten**" in h["snippet"] for h in hits)
    assert set(hits[0]) == {"id", "title", "site", "published", "url", "snippet", "score"}


def test_limit_and_offset(filled: Store) -> None:
    everything = ids(filled, "klaten")
    assert ids(filled, "klaten")[:1] == [h["id"] for h in search(filled, "klaten", limit=1)]
    assert [h["id"] for h in search(filled, "klaten", offset=1)] == everything[1:]


def test_resaving_replaces_the_index_row(filled: Store) -> None:
    doc = corpus()[3]
    doc.text = doc.text.replace("Persija", "Persebaya")
    doc.title = "Persib kalahkan Persebaya"
    filled.save_documents([doc])
    assert ids(filled, "persebaya") == ["match-1"]
    assert "match-1" not in ids(filled, "persija")


def test_an_empty_query_finds_nothing(filled: Store) -> None:
    assert search(filled, "") == []
    assert search(filled, '"" ,') == []


def test_query_syntax() -> None:
    parsed = parse_query('Korupsi koru* "Operasi Tangkap" site:Kompas.com entity:"Joko W" x:y')
    assert parsed.words == ["korupsi"]
    assert parsed.prefixes == ["koru"]
    assert parsed.phrases == [["operasi", "tangkap"], ["x", "y"]]  # unknown "x:" is text
    assert parsed.filters == {"site": ["Kompas.com"], "entity": ["Joko W"]}
    assert sqlite_match(parse_query("pemberantasan")) == (
        '{title body stems} : ("pemberantasan" OR "berantas")'
    )
    assert postgres_tsquery(parse_query('pemberantasan koru* "a b"')) == (
        "(pemberantasan | berantas) & koru:* & (a <-> b)"
    )


def test_snippet_marks_words_and_their_affixed_forms() -> None:
    text = "Awal. " + "x " * 200 + "Komisi Pemberantasan Korupsi bekerja."
    result = snippet(text, parse_query("berantas"))
    assert "**Pemberantasan**" in result
    assert result.startswith("...")
