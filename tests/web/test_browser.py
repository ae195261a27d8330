"""The web UI driven as a person would, in headless Chromium (Debian's chromium and
chromedriver, installed by scripts/install-browser.sh; nothing is downloaded here).

One served database for the module: the pipeline runs once on the seed article, two IndoSum
articles and a hostile page whose text, title, entity names and speaker are script payloads.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from warta.api import Settings, create_app
from warta.document import Document, Entity, Mention, Quote, RemovedLine, Speaker
from warta.pipeline import Pipeline
from warta.store import Store

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="needs chromium and chromedriver (scripts/install-browser.sh)",
)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAYLOAD = '<img src=x onerror="window.__pwned = 7">'
SEED_TITLE = "Kim Jong Un mungkin ke Rusia"


def corpus() -> list[Document]:
    pipeline = Pipeline.from_config()
    seed = Document.from_input(
        (FIXTURES / "seed-article.txt").read_text(encoding="utf-8"),
        url="https://www.cnnindonesia.com/internasional/seed",
        title=SEED_TITLE,
        published="2023-09-05",
    )
    docs = [pipeline(seed)]
    for line in (FIXTURES / "web" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs.append(pipeline(Document.from_input(record["text"], url=record["url"])))
    hostile = pipeline(
        Document.from_input(
            (FIXTURES / "web" / "hostile.txt").read_text(encoding="utf-8"),
            url="javascript:window.__pwned=8",
            title=f"<script>window.__pwned = 9</script>{PAYLOAD}",
            published="2024-01-02",
        )
    )
    # Layers a stage could produce from a hostile page, planted where the pipeline did not.
    start = hostile.text.index("<img")
    end = start + len('<img src=x onerror="window.__pwned = 2">')
    hostile.entities.append(Entity(PAYLOAD, "ORG", [Mention(start, end, hostile.text[start:end])]))
    quote = hostile.quotes[0] if hostile.quotes else None
    if quote is not None:
        quote.speaker = Speaker(f'"><script>window.__pwned=10</script>{PAYLOAD}', None, PAYLOAD)
    else:
        hostile.quotes.append(
            Quote(hostile.text[start:end], start, end, "direct", None, Speaker(PAYLOAD))
        )
    hostile.boilerplate.append(RemovedLine(f"<script>window.__pwned=11</script>{PAYLOAD}", "x"))
    hostile.dates.append({"start": 0, "end": 7, "text": "JAKARTA", "value": PAYLOAD})
    hostile.site = PAYLOAD
    docs.append(hostile)
    return docs


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    import uvicorn

    db = str(tmp_path_factory.mktemp("web") / "warta.db")
    docs = corpus()
    with Store.open(db) as store:
        store.save_documents(docs)
    app = create_app(Settings(db=db))
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uvicorn_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "docs": docs}
    uvicorn_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM or ""
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER or ""), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def test_search_open_an_article_and_click_through_to_a_speaker(
    server: dict[str, Any], browser: Any
) -> None:
    browser.get(server["url"] + "/")
    assert "4 articles" in browser.find_element(By.ID, "results-heading").text
    box = browser.find_element(By.NAME, "q")
    box.send_keys("Sullivan", Keys.ENTER)
    results = browser.find_elements(By.CSS_SELECTOR, "li.result a.result-title")
    assert [r.text for r in results] == [SEED_TITLE]
    marks = browser.find_elements(By.CSS_SELECTOR, "li.result .snippet mark")
    assert marks and all(m.text == "Sullivan" for m in marks)
    browser.find_element(By.NAME, "entity").send_keys("Vladimir Putin", Keys.ENTER)
    results = browser.find_elements(By.CSS_SELECTOR, "li.result a.result-title")
    assert [r.text for r in results] == [SEED_TITLE]  # words and a facet together
    results[0].click()

    assert browser.find_element(By.TAG_NAME, "h1").text == SEED_TITLE
    quotes = browser.find_elements(By.CSS_SELECTOR, ".text .quote")
    assert len(quotes) >= 5
    speakers = {q.get_attribute("data-speaker") for q in quotes}
    assert any("Jake Sullivan" in s for s in speakers)
    assert browser.find_elements(By.CSS_SELECTOR, ".text a.ent")  # entities are marked
    boilerplate = browser.find_element(By.CSS_SELECTOR, "details.boilerplate")
    assert not boilerplate.find_element(By.TAG_NAME, "ul").is_displayed()
    boilerplate.find_element(By.TAG_NAME, "summary").click()
    assert boilerplate.find_element(By.TAG_NAME, "ul").is_displayed()

    link = browser.find_element(By.CSS_SELECTOR, ".margin a.speaker-link[href*='Sullivan']")
    link.click()
    assert "Jake Sullivan" in browser.find_element(By.TAG_NAME, "h1").text
    shown = browser.find_elements(By.CSS_SELECTOR, ".speaker-quotes blockquote")
    assert len(shown) >= 3 and any("secara aktif" in q.text for q in shown)
    browser.find_element(By.LINK_TEXT, SEED_TITLE).click()
    assert browser.find_element(By.TAG_NAME, "h1").text == SEED_TITLE


PROBE = """
const scripts = [...document.scripts].filter(s => s.type !== 'application/json');
return {
  pwned: window.__pwned === undefined ? null : window.__pwned,
  inlineScripts: scripts.filter(s => !s.src).length,
  foreignScripts: scripts.filter(
    s => s.src && !s.src.startsWith(location.origin + '/static/')).length,
  handlers: [...document.querySelectorAll('*')].filter(
    el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
  jsLinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length,
  injected: document.querySelectorAll(
    'img, svg:not(.story-timeline):not(.graph), iframe, textarea').length,
};
"""


def test_a_hostile_article_renders_as_text(server: dict[str, Any], browser: Any) -> None:
    hostile = server["docs"][-1]
    pages = (f"/documents/{hostile.id}", "/", "/?q=javascript", "/stories", "/events")
    for path in (*pages, "/speakers/%22%3E%3Cscript%3E"):
        browser.get(server["url"] + path)
        found = browser.execute_script(PROBE)
        assert found == {
            "pwned": None,
            "inlineScripts": 0,
            "foreignScripts": 0,
            "handlers": 0,
            "jsLinks": 0,
            "injected": 0,
        }, path
    browser.get(server["url"] + f"/documents/{hostile.id}")
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__pwned = 1</script>" in body
    assert '<a href="javascript:window.__pwned=3">' in body
    assert "javascript:window.__pwned=8" in body  # the URL, shown as text, not a link
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("<script>")


def test_readable_on_a_phone_and_by_keyboard(server: dict[str, Any], browser: Any) -> None:
    seed = server["docs"][0]
    browser.set_window_size(390, 844)
    try:
        for path in ("/", f"/documents/{seed.id}"):
            browser.get(server["url"] + path)
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, path
        browser.get(server["url"] + "/")
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        assert browser.switch_to.active_element.text == "Skip to content"
        body.send_keys("/")
        assert browser.switch_to.active_element.get_attribute("name") == "q"
    finally:
        browser.set_window_size(1280, 900)
