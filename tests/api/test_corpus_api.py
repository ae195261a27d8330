"""Search, stories, events and timelines through the API and pages, on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

SULLIVAN, TOKYO, HOSTILE_DOC = "a1" * 8, "b2" * 8, "c3" * 8


def test_search_finds_words_with_snippets(client: TestClient) -> None:
    body = client.get("/api/search?q=aliansi").json()
    assert [hit["id"] for hit in body["items"]] == [TOKYO]
    assert "**aliansi**" in body["items"][0]["snippet"]
    assert client.get("/api/search?q=%27%20OR%201%3D1%20--").json()["items"] == []
    assert client.get("/api/search").status_code == 422


def test_search_page_marks_hits_and_keeps_facets(client: TestClient) -> None:
    page = client.get("/?q=Sullivan&site=detik.com")
    assert page.status_code == 200
    assert "Sullivan ke Tokyo" in page.text and "Retno dan Sullivan" not in page.text
    assert "<mark>Sullivan</mark>" in page.text
    hostile = client.get("/?q=Bandung")
    assert "<script>alert" not in hostile.text and "&lt;script&gt;" in hostile.text


def test_stories_list_every_article(client: TestClient) -> None:
    body = client.get("/api/stories?limit=50").json()
    ids = {d["id"] for story in body["items"] for d in story["documents"]}
    assert ids == {SULLIVAN, TOKYO, HOSTILE_DOC}
    page = client.get("/stories")
    assert page.status_code == 200 and "first reported by" in page.text


def test_entity_timeline(client: TestClient, entity_id: str = "per:jake-sullivan") -> None:
    body = client.get(f"/api/entities/{entity_id}/timeline?by=month").json()
    assert [b["period"] for b in body["buckets"]] == ["2024-05", "2024-06"]
    assert sum(b["quotes"] for b in body["buckets"]) == 1
    assert client.get(f"/api/entities/{entity_id}/timeline?by=year").status_code == 422
    assert client.get("/api/entities/per:nobody/timeline").status_code == 404


def test_events_filtered_and_charted(client: TestClient) -> None:
    every = client.get("/api/events").json()["items"]
    assert {e["type"] for e in every} == {"CONSULT", "ASSAULT"}
    consult = client.get("/api/events?type=consult").json()["items"]
    assert [e["doc_id"] for e in consult] == [SULLIVAN]
    by_actor = client.get("/api/events?actor=Retno").json()["items"]
    assert [e["type"] for e in by_actor] == ["CONSULT"]
    assert [e["type"] for e in client.get("/api/events?since=2024-06-01").json()["items"]] == [
        "ASSAULT"
    ]
    assert client.get("/api/events?since=2024-07-02").json()["items"] == []
    assert client.get("/api/events?since=soon").status_code == 422
    page = client.get("/events?type=CONSULT")
    assert page.status_code == 200
    assert '<script type="application/json" id="events-data">' in page.text
    assert '"CONSULT": [1]' in page.text and "ASSAULT" not in page.text.split("<tbody>")[1]
