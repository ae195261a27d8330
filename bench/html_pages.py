"""News-site HTML pages built around real article text, for the cleaning benchmark.

No HTML corpus ships with the project, so each page wraps an IndoSum article in the chrome
a real Indonesian news site has: navigation, a "Baca juga" box, share buttons, a comment
form, ads and a footer, plus the usual title/date/author meta tags.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{title} - Warta Contoh</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Warta Contoh">
<meta name="author" content="Redaksi Warta Contoh">
<meta property="article:published_time" content="2017-0{month}-1{day}T08:30:00+07:00">
</head><body>
<header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/nasional">Nasional</a></li>
<li><a href="/ekonomi">Ekonomi</a></li><li><a href="/olahraga">Olahraga</a></li>
<li><a href="/tekno">Tekno</a></li></ul></nav></header>
<div class="ads">Iklan</div>
<main><article><h1>{title}</h1>
<div class="byline">Oleh Redaksi Warta Contoh | {day} Maret 2017 08:30 WIB</div>
<div class="share">Bagikan: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
{body}
<div class="baca-juga"><strong>Baca juga:</strong> <a href="/a">Harga cabai naik menjelang Lebaran</a></div>
<div class="tags">Tag: <a href="#">berita</a> <a href="#">nasional</a></div>
</article>
<section id="comments"><h3>Tinggalkan Komentar</h3>
<p>Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *</p>
<form><textarea></textarea><button>Kirim</button></form></section>
<aside><h3>Terpopuler</h3><ul><li><a href="/1">Gempa guncang Lombok</a></li>
<li><a href="/2">Timnas menang 3-0</a></li><li><a href="/3">Rupiah menguat</a></li></ul></aside>
</main>
<footer><p>Copyright © 2017 Warta Contoh. Hak cipta dilindungi undang-undang.</p>
<p><a href="/tentang">Tentang Kami</a> | <a href="/redaksi">Redaksi</a> | <a href="/pedoman">Pedoman Media Siber</a></p>
</footer></body></html>"""


def page_for(text: str, number: int) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    title = paragraphs[0].split(". ")[0][:90]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return PAGE.format(title=html.escape(title), body=body, month=1 + number % 9, day=number % 10)


def pages_from_jsonl(path: Path, limit: int) -> list[str]:
    pages = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= limit:
                break
            pages.append(page_for(json.loads(line)["text"], number))
    return pages
