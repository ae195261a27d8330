from __future__ import annotations

import dataclasses

from sqlalchemy import func, select

from tests.corpus.helpers import make_doc
from tests.corpus.sample import corpus
from warta.corpus import rebuild
from warta.corpus.duplicates import duplicate_groups, shingles, signature, similarity
from warta.store import Store
from warta.store.schema import doc_bands

LONG = " ".join(
    f"Kalimat nomor {i} tentang banjir di Jakarta yang merendam {i * 7} rumah warga."
    for i in range(30)
)


def test_a_syndicated_copy_is_grouped_with_its_origin(store: Store) -> None:
    store.save_documents(corpus())
    groups = duplicate_groups(store)
    assert len(groups) == 1
    assert groups[0]["origin"] == "kpk-a"  # published three hours before kpk-b
    assert [d["id"] for d in groups[0]["documents"]] == ["kpk-a", "kpk-b"]
    assert set(groups[0]["documents"][0]) == {"id", "url", "site", "published", "title"}


def test_origin_is_the_earliest_published_whatever_the_storing_order(store: Store) -> None:
    late = make_doc("late", LONG, published="2017-02-02T10:00:00")
    early = make_doc("early", LONG + " Tambahan.", published="2017-02-01T10:00:00")
    store.save_documents([late])
    store.save_documents([early])
    assert duplicate_groups(store)[0]["origin"] == "early"


def test_a_rescrape_of_the_same_url_is_grouped_even_when_rewritten(store: Store) -> None:
    first = make_doc("v1", LONG)
    second = dataclasses.replace(first, id="v2", text="Judul baru. Isi berita ditulis ulang.")
    store.save_documents([first])
    store.save_documents([second])
    groups = duplicate_groups(store)
    assert [sorted(d["id"] for d in g["documents"]) for g in groups] == [["v1", "v2"]]


def test_distinct_articles_are_not_grouped(store: Store) -> None:
    docs = [make_doc("flood", LONG), make_doc("match", corpus()[3].text)]
    store.save_documents(docs)
    assert duplicate_groups(store) == []


def test_groups_merge_when_a_document_links_two_of_them(store: Store) -> None:
    a = make_doc("a", LONG, published="2017-01-01")
    a2 = make_doc("a2", LONG + " Baca juga: lainnya.", site="copy.com", published="2017-01-02")
    b = make_doc("b", corpus()[3].text, site="other.com", published="2017-01-02")
    store.save_documents([a, a2, b])
    assert [len(g["documents"]) for g in duplicate_groups(store)] == [2]
    # the same URL as "a" (a re-scrape), with the text of "b": it joins both
    c = dataclasses.replace(b, id="c", url=a.url, published="2017-01-03")
    store.save_documents([c])
    groups = duplicate_groups(store)
    assert len(groups) == 1
    assert {d["id"] for d in groups[0]["documents"]} == {"a", "a2", "b", "c"}
    assert groups[0]["origin"] == "a"


def test_rebuilding_is_idempotent(store: Store) -> None:
    store.save_documents(corpus())
    before = duplicate_groups(store)
    with store.engine.connect() as conn:
        bands = conn.execute(select(func.count()).select_from(doc_bands)).scalar_one()
    assert rebuild(store) == 5
    assert rebuild(store) == 5
    assert duplicate_groups(store) == before
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(doc_bands)).scalar_one() == bands


def test_an_empty_text_has_no_signature() -> None:
    assert signature("") is None
    assert shingles("dua kata") == {b"dua kata"}


def test_similarity_estimates_jaccard() -> None:
    a = signature(LONG)
    b = signature(LONG.replace("banjir", "kebakaran", 3))
    c = signature(corpus()[3].text)
    assert a is not None and b is not None and c is not None
    assert similarity(a, a) == 1.0
    assert similarity(a, b) > 0.6
    assert similarity(a, c) < 0.1
