from __future__ import annotations

from tests.corpus.helpers import make_doc
from tests.corpus.sample import corpus
from warta.corpus import rebuild
from warta.corpus.stories import features, list_stories, similarity
from warta.store import Store


def story_sets(store: Store) -> set[frozenset[str]]:
    return {frozenset(d["id"] for d in s["documents"]) for s in list_stories(store)}


def test_one_event_across_outlets_is_one_story_and_matches_are_two(store: Store) -> None:
    store.save_documents(corpus())
    assert story_sets(store) == {
        frozenset({"kpk-a", "kpk-b", "kpk-c"}),
        frozenset({"match-1"}),
        frozenset({"match-2"}),
    }


def test_story_fields(store: Store) -> None:
    store.save_documents(corpus())
    story = next(s for s in list_stories(store) if len(s["documents"]) == 3)
    assert story["id"] == "kpk-a"
    assert story["first"] == "kpk-a"
    assert story["label"] in {"KPK tangkap Bupati Klaten", "KPK Tangkap Bupati Klaten Sri Hartini"}
    assert story["outlets"] == ["nasional.kompas.com", "antaranews.com", "tempo.co"]
    assert story["timeline"] == [
        {"day": "2016-12-30", "documents": 2},
        {"day": "2016-12-31", "documents": 1},
    ]
    assert [d["id"] for d in story["documents"]] == ["kpk-a", "kpk-b", "kpk-c"]


def test_stories_are_listed_latest_first_with_paging(store: Store) -> None:
    store.save_documents(corpus())
    firsts = [s["id"] for s in list_stories(store)]
    assert firsts[0] == "match-2"
    assert [s["id"] for s in list_stories(store, limit=1, offset=1)] == firsts[1:2]


def test_the_window_keeps_far_apart_reports_apart(store: Store) -> None:
    kpk = corpus()[0]
    later = make_doc("later", kpk.text, title=kpk.title, published="2017-03-01T10:00:00")
    store.save_documents([kpk, later])
    assert story_sets(store) == {frozenset({"kpk-a"}), frozenset({"later"})}


def test_storing_order_and_rebuilding_give_the_same_stories(store: Store) -> None:
    docs = corpus()
    store.save_documents(list(reversed(docs[:3])))
    store.save_documents(docs[3:])
    incremental = story_sets(store)
    rebuild(store)
    assert story_sets(store) == incremental
    rebuild(store)
    assert story_sets(store) == incremental


def test_documents_without_a_date_are_clustered_too(store: Store) -> None:
    docs = corpus()[:2]
    for doc in docs:
        doc.published = None
    store.save_documents(docs)
    assert story_sets(store) == {frozenset({"kpk-a", "kpk-b"})}


def test_different_event_dates_count_against_a_match() -> None:
    a = features(make_doc("a", "Persib menang atas Persija di Bandung.", title="Persib menang"))
    b = features(make_doc("b", "Persib menang atas Persija di Bandung.", title="Persib menang"))
    idf = {t: 1.0 for t in a["terms"]}
    same = similarity(a, b, idf, 1.0)
    a["dates"], b["dates"] = ["2017-01-01"], ["2017-01-08"]
    assert similarity(a, b, idf, 1.0) == same / 2


def test_features_use_canonical_ids_and_skip_function_words() -> None:
    doc = corpus()[0]
    doc.entities[2].id = "Q123"
    f = features(doc)
    assert "Q123" in f["entities"]
    assert "yang" not in f["terms"] and "dalam" not in f["terms"]
    assert f["terms"]["klaten"] >= 3  # title words count twice
