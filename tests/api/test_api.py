"""The JSON API as a client sees it, on SQLite and PostgreSQL (FastAPI's TestClient)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from warta.api import Settings, create_app
from warta.api.deps import Analyzer
from warta.store import Store

SULLIVAN = "a1" * 8


def error_of(response: Any) -> dict[str, str]:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return dict(body["error"])


def test_document_has_every_layer_and_no_raw_input(client: TestClient) -> None:
    response = client.get(f"/api/documents/{SULLIVAN}")
    assert response.status_code == 200
    doc = response.json()
    assert doc["id"] == SULLIVAN and "raw" not in doc
    assert [e["name"] for e in doc["entities"]] == ["Retno Marsudi", "Jake Sullivan", "Jakarta"]
    assert [q["speaker"]["name"] for q in doc["quotes"]] == ["Retno Marsudi", "Sullivan"]
    assert {"events", "dates", "paragraphs", "boilerplate", "flags"} <= set(doc)


def test_document_by_prefix_and_missing(client: TestClient) -> None:
    assert client.get("/api/documents/a1a1a1").json()["id"] == SULLIVAN
    response = client.get("/api/documents/ffffff")
    assert response.status_code == 404
    assert error_of(response) == {"code": "not_found", "message": "no document 'ffffff'"}


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("", ["c3" * 8, "b2" * 8, "a1" * 8]),
        ("site=detik.com", ["b2" * 8]),
        ("since=2024-06-01", ["c3" * 8, "b2" * 8]),
        ("since=2024-05-01&until=2024-06-10", ["b2" * 8, "a1" * 8]),
        ("entity=jake%20sullivan", ["b2" * 8, "a1" * 8]),
        ("entity=Tokyo&site=kompas.com", []),
        ("entity_type=LOC&until=2024-05-31", ["a1" * 8]),
        ("limit=1&offset=1", ["b2" * 8]),
        # SQL in a parameter is just text to match
        ("entity=x%27%20OR%20%271%27%3D%271", []),
        ("site=%25", []),
    ],
)
def test_list_documents(client: TestClient, query: str, ids: list[str]) -> None:
    response = client.get(f"/api/documents?{query}")
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == ids
    assert set(body["items"][0]) >= {"id", "title", "site", "published", "url"} if ids else True
    if "limit=1" not in query:
        assert body["total"] == len(ids)


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=201", "limit=abc", "offset=-1", "since=yesterday", "until=2024-13-01"],
)
def test_bad_list_parameters_are_422(client: TestClient, query: str) -> None:
    response = client.get(f"/api/documents?{query}")
    assert response.status_code == 422
    assert error_of(response)["code"] == "invalid_request"


def test_speaker_quotes_with_pagination(client: TestClient) -> None:
    body = client.get("/api/speakers/Sullivan/quotes").json()
    assert [q["text"] for q in body["items"]] == ["aliansi itu kuat", "pertemuan itu penting"]
    page = client.get("/api/speakers/Sullivan/quotes?limit=1&offset=1").json()
    assert [q["text"] for q in page["items"]] == ["pertemuan itu penting"]
    assert client.get("/api/speakers/%25/quotes").json()["items"] == []


def test_stats_hide_the_database_url(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["documents"] == 3 and body["quotes"] == 3
    assert "url" not in body["database"] and body["database"]["backend"] in ("sqlite", "postgresql")


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "unauthorized"),
        ({"Authorization": "Bearer wrong"}, "unauthorized"),
        ({"Authorization": "Basic dGVzdA=="}, "unauthorized"),
    ],
)
def test_writes_need_the_token(client: TestClient, headers: dict[str, str], code: str) -> None:
    for path in ("/api/documents", "/api/analyze"):
        response = client.post(path, json={"text": "Halo."}, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert error_of(response)["code"] == code


def test_a_server_without_a_token_refuses_writes(store: Store) -> None:
    app = create_app(Settings(db="unused", api_token=None), store=store)
    client = TestClient(app)
    response = client.post(
        "/api/documents", json={"text": "Halo."}, headers={"Authorization": "Bearer "}
    )
    assert response.status_code == 401 and error_of(response)["code"] == "writes_disabled"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": 5}, 422),
        ({"text": ["a"]}, 422),
        ({"text": "a", "html": "<p>a</p>"}, 422),
        ({}, 422),
        ({"text": ""}, 422),
        ({"text": "a", "extra": 1}, 422),
        ({"text": "a", "published": "kemarin"}, 422),
        ({"text": "a", "language": "Indonesian; DROP TABLE documents"}, 422),
        ([1, 2], 422),
    ],
)
def test_bad_article_bodies_are_4xx(
    client: TestClient, auth: dict[str, str], body: Any, status: int
) -> None:
    response = client.post("/api/documents", json=body, headers=auth)
    assert response.status_code == status
    assert error_of(response)["code"] == "invalid_request"


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "application/json", 400),
        (b'{"text": "tidak selesai', "application/json", 422),
        (b"text=halo", "application/x-www-form-urlencoded", 422),
    ],
)
def test_undecodable_bodies_are_4xx(
    client: TestClient, auth: dict[str, str], content: bytes, content_type: str, status: int
) -> None:
    headers = {**auth, "Content-Type": content_type}
    response = client.post("/api/documents", content=content, headers=headers)
    assert response.status_code == status
    assert error_of(response)["code"] in ("bad_request", "invalid_request")


def test_oversized_bodies_are_413(client: TestClient, auth: dict[str, str]) -> None:
    big = {"text": "kata " * 30_000}
    response = client.post("/api/documents", json=big, headers=auth)
    assert response.status_code == 413 and error_of(response)["code"] == "body_too_large"

    def chunks() -> Any:  # no Content-Length: counted as it streams
        for _ in range(30):
            yield b"x" * 10_000

    response = client.post("/api/analyze", content=chunks(), headers=auth)
    assert response.status_code == 413
    assert client.get("/api/stats").status_code == 200  # and the server goes on


def test_unexpected_errors_show_no_internals(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("password=hunter2 at /srv/secret.py line 3")

    monkeypatch.setattr(store, "stats", broken)
    response = client.get("/api/stats")
    assert response.status_code == 500
    assert error_of(response) == {"code": "internal_error", "message": "internal server error"}
    assert "hunter2" not in response.text and "Traceback" not in response.text
    assert client.get(f"/api/documents/{SULLIVAN}").status_code == 200


def test_security_headers(client: TestClient) -> None:
    for path in ("/api/stats", "/", f"/documents/{SULLIVAN}", "/api/nothing"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert "server" not in headers


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/analyze", "/api/stats"} <= set(paths)
    page = client.get("/docs")
    assert page.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page.text


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    """One pipeline for the module: the NER model loads once."""
    return Analyzer()


ARTICLE = (
    "JAKARTA, KOMPAS.com — Menteri Luar Negeri Retno Marsudi mengatakan, "
    '"Indonesia mendukung perdamaian di kawasan." Ia bertemu Jake Sullivan di Jakarta.'
)


def test_post_analyzes_stores_and_answers_201(
    client: TestClient, auth: dict[str, str], analyzer: Analyzer
) -> None:
    client.app.state.analyzer = analyzer  # type: ignore[attr-defined]
    assert client.get("/api/documents").json()["total"] == 3  # cached until a write
    body = {"text": ARTICLE, "url": "https://kompas.com/x", "published": "2024-05-02"}
    response = client.post("/api/documents", json=body, headers=auth)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["href"] == f"/api/documents/{created['id']}" == response.headers["location"]
    assert created["quotes"] >= 1 and created["entities"] >= 2
    stored = client.get(created["href"]).json()
    assert "Retno Marsudi" in [e["name"] for e in stored["entities"]]
    assert stored["quotes"][0]["speaker"]["name"] == "Retno Marsudi"
    again = client.post("/api/documents", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["id"] == created["id"]
    assert client.get("/api/documents").json()["total"] == 4

    page = (
        "<html><head><title>Retno bertemu Sullivan</title></head><body><article>"
        f"<h1>Retno bertemu Sullivan</h1><p>{ARTICLE}</p></article></body></html>"
    )
    analyzed = client.post("/api/analyze", json={"html": page}, headers=auth)
    assert analyzed.status_code == 200 and analyzed.json()["text"].startswith("JAKARTA")
    assert analyzed.json()["title"] == "Retno bertemu Sullivan"
    assert client.get("/api/stats").json()["documents"] == 4  # analyze stored nothing

    unreadable = client.post("/api/analyze", json={"html": "<p>x"}, headers=auth)
    assert unreadable.status_code == 422
    assert error_of(unreadable) == {
        "code": "invalid_input",
        "message": "the HTML could not be parsed",
    }


def test_search_page_facets_follow_the_filters(client: TestClient) -> None:
    page = client.get("/?entity=Jake+Sullivan&type=PER")
    assert page.status_code == 200
    assert "2 articles" in page.text and "Sullivan ke Tokyo" in page.text
    assert "evil.example" not in page.text  # the third article is filtered out of the facets too
    assert client.get("/?since=kemarin", headers={"Accept": "text/html"}).status_code == 422


def test_entities_found_by_name_and_profiled(client: TestClient) -> None:
    found = client.get("/api/entities?name=sullivan").json()["items"]
    assert [e["id"] for e in found] == ["per:jake-sullivan"]
    profile = client.get("/api/entities/per:jake-sullivan").json()
    assert profile["documents"] == 2 and profile["name"] == "Jake Sullivan"
    assert [m["month"] for m in profile["per_month"]] == ["2024-05", "2024-06"]
    assert {c["name"] for c in profile["co_mentioned"]} == {"Retno Marsudi", "Jakarta", "Tokyo"}
    # the quote by a bare "Sullivan" is linked to no entity in the fixture, so not profiled
    assert [q["text"] for q in profile["quotes"]] == ["aliansi itu kuat"]
    missing = client.get("/api/entities/per:nobody")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"
    assert client.get("/api/entities").status_code == 422
    by_id = client.get("/api/documents?entity=per:jake-sullivan").json()
    assert [d["id"] for d in by_id["items"]] == ["b2" * 8, SULLIVAN]


def test_entity_page_has_timeline_data_and_graph(client: TestClient) -> None:
    page = client.get("/entities/per%3Ajake-sullivan")
    assert page.status_code == 200
    assert '<script type="application/json" id="timeline-data">' in page.text
    assert '"x": ["2024-05", "2024-06"]' in page.text
    assert page.text.count('<a href="/entities/') >= 3  # the co-mention graph's nodes
    hostile = client.get("/entities/org%3Ascript-alert-x-script-img-src-x-onerror-alert-1")
    assert hostile.status_code == 200
    assert "<script>alert" not in hostile.text and "&lt;script&gt;alert" in hostile.text


def test_an_older_stored_document_is_upgraded_on_the_way_out(
    client: TestClient, store: Store
) -> None:
    from sqlalchemy import update

    from warta.store.schema import documents

    data = store.get_document_data(SULLIVAN)
    assert data is not None and data["schema_version"] == 2
    old = {k: v for k, v in data.items() if k not in ("dates", "flags", "published_source")}
    old["schema_version"] = 1
    with store.engine.begin() as conn:
        conn.execute(update(documents).where(documents.c.id == SULLIVAN).values(data=old))
    body = client.get(f"/api/documents/{SULLIVAN}").json()
    assert body["schema_version"] == 2 and body["dates"] == [] and body["flags"] == []


def test_pages_answer_errors_as_pages(client: TestClient) -> None:
    html = {"Accept": "text/html"}
    missing = client.get("/documents/ffffff", headers=html)
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "Error 404" in missing.text and "no document &#39;ffffff&#39;" in missing.text
    assert client.get("/no/such/page", headers=html).status_code == 404
    api = client.get("/api/no/such", headers=html)  # the API answers JSON whatever it is asked
    assert api.status_code == 404 and error_of(api)["code"] == "not_found"
