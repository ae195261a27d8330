"""Screenshots of the web UI's pages for docs/ui.md, taken in headless Chromium.

    warta serve --db bench.db --port 8765 &
    python scripts/ui_screenshots.py --url http://127.0.0.1:8765 --out docs/img

Picks a well-quoted article, its most quoted speaker and most mentioned entity from the API,
so any database with a few analyzed articles gives the full set.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def get_json(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path) as response:
        return json.load(response)


def pages(base: str, article_id: str | None) -> list[tuple[str, str]]:
    docs = get_json(base, "/api/documents?limit=100")["items"]
    best: dict[str, Any] = {}
    for item in docs:
        if article_id and item["id"] != article_id:
            continue
        doc = get_json(base, f"/api/documents/{quote(item['id'], safe='')}")
        if len(doc["quotes"]) > len(best.get("quotes", [])):
            best = doc
    speakers = [q["speaker"]["name"] for q in best["quotes"] if q.get("speaker")]
    speaker = max(set(speakers), key=speakers.count)
    entity = max(best["entities"], key=lambda e: len(e["mentions"]))
    found = get_json(base, "/api/entities?name=" + quote(entity["name"]))["items"][0]
    paths = set(get_json(base, "/openapi.json")["paths"])
    chosen = [
        ("search", "/?q=" + quote(found["name"]) if "/api/search" in paths else "/"),
        ("article", f"/documents/{quote(best['id'], safe='')}"),
        ("entity", f"/entities/{quote(found['id'], safe='')}"),
        ("speaker", f"/speakers/{quote(speaker, safe='')}"),
        ("docs", "/docs"),
    ]
    chosen += [(name, f"/{name}") for name in ("stories", "events") if f"/api/{name}" in paths]
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--article", help="The article to show (default: the most quoted).")
    args = parser.parse_args()
    options = Options()
    options.binary_location = shutil.which("chromium") or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or ""), options=options)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        for name, path in pages(args.url, args.article):
            for suffix, width, height in (("", 1280, 1000), ("-phone", 390, 844)):
                if suffix and name not in ("article", "search"):
                    continue
                driver.set_window_size(width, height)
                driver.get(args.url + path)
                driver.execute_script("return document.fonts.ready")
                image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
                image = image.quantize(colors=128)
                target = args.out / f"ui-{name}{suffix}.png"
                image.save(target, optimize=True)
                print(f"{target}  {path}  {target.stat().st_size // 1024} KB")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
