"""The clean stage: boilerplate lines go (with their reason), body lines stay verbatim."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from shared_data import shared_path

from warta.document import Document, RemovedLine, Span
from warta.errors import InputError, WartaError
from warta.stages.clean import (
    CleanStage,
    _parse_rule,
    available_languages,
    clean_text,
    cleaning_rules,
    extract_html,
    looks_like_headline,
    normalize_published,
    split_blocks,
)

BODY = "Presiden Joko Widodo mengatakan pemerintah akan menaikkan anggaran pendidikan."
BODY_2 = "Menurut dia, kenaikan itu akan dibahas bersama DPR pada pekan depan di Jakarta."


def rules():
    return cleaning_rules(available_languages())


def seed_paragraphs(seed_text: str) -> list[str]:
    """The seed's body paragraphs: everything up to the "Forum ini ..." paragraph."""
    paragraphs = [p.strip() for p in seed_text.split("\n\n") if p.strip()]
    last = next(i for i, p in enumerate(paragraphs) if p.startswith("Forum ini sebagian"))
    return paragraphs[: last + 1]


def test_seed_footer_goes_and_every_paragraph_stays_verbatim(seed_text: str) -> None:
    doc = CleanStage()(Document.from_input(seed_text))
    body = seed_paragraphs(seed_text)
    assert doc.boilerplate == [
        RemovedLine("Tinggalkan Komentar", "comment-form"),
        RemovedLine(
            "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
            "comment-form",
        ),
        RemovedLine("Iklan", "ad"),
    ]
    assert len(doc.paragraphs) == len(body) == 31
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == body
    assert all(p in doc.text for p in body)
    assert doc.text == "\n\n".join(body)
    assert "\u00a0" not in doc.text


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "Banjir.",
        "Jakarta",
        "Iklan rokok dilarang tayang di televisi sebelum pukul 21.30, kata Menkominfo.",
        "Baca juga buku panduan itu sebelum mengisi formulir, kata petugas.",
        "Bagikan sembako kepada warga yang membutuhkan, kata Gubernur.",
        "Oleh karena itu, pemerintah akan menambah anggaran subsidi.",
        "Editor senior Tempo itu mengatakan redaksi tidak pernah menerima surat tersebut.",
        "Copyright holders sued the company in a New York court on Monday.",
        "By 2030, Indonesia expects half of its cars to be electric.",
        "Hak cipta dilindungi undang-undang, dan pelanggarnya bisa dipidana, ujar Yasonna.",
        "“Kami sedang mendiskusikannya dengan semua pihak,” kata Shoigu.",
    ],
)
def test_body_lines_that_resemble_boilerplate_stay_whole(text: str) -> None:
    result = clean_text(text)
    assert result.text == text
    assert result.boilerplate == []
    assert result.paragraphs == [Span(0, len(text))]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Tinggalkan Komentar", "comment-form"),
        ("Tinggalkan Balasan", "comment-form"),
        ("Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *", "comment-form"),
        ("Leave a Reply", "comment-form"),
        ("Your email address will not be published. Required fields are marked *", "comment-form"),
        ("Iklan", "ad"),
        ("ADVERTISEMENT", "ad"),
        ("Advertisement", "ad"),
        ("SCROLL TO CONTINUE WITH CONTENT", "ad"),
        ("Scroll untuk melanjutkan", "ad"),
        ("Gulir untuk melanjutkan membaca", "ad"),
        ("Baca juga: Jokowi Resmikan Tol Trans Jawa", "related"),
        ("Baca Juga : Jokowi Resmikan Tol Trans Jawa", "related"),
        ("BACA JUGA - Jokowi Resmikan Tol Trans Jawa", "related"),
        ("(Baca juga: Kenali tanda tubuh saat kelebihan cairan)", "related"),
        ("[Baca Juga: Biaya Lebih Efisien, PLN Beli Listrik dari PLTU Swasta]", "related"),
        ("Baca: Menurut Luis Milla, Indonesia Punya Satu Keunggulan", "related"),
        ("SIMAK JUGA: \u00a0 Panen Raya Monaco", "related"),
        ("Lihat juga: Video Banjir Bandang di Garut", "related"),
        ("Read also: Indonesia's central bank holds rates", "related"),
        ("Bagikan", "share"),
        ("Bagikan artikel ini", "share"),
        ("Share this", "share"),
        ("Facebook Twitter WhatsApp Telegram", "share"),
        ("Ikuti kami di Google News", "follow"),
        ("Ikuti berita terkini dari Kompas.com di Google News", "follow"),
        ("Follow us on Instagram", "follow"),
        ("Dapatkan update berita pilihan setiap hari dari Kompas.com di Telegram", "follow"),
        ("© 2023 PT Kompas Cyber Media. All rights reserved.", "copyright"),
        ("Copyright © 2023 Tempo", "copyright"),
        ("Hak cipta dilindungi undang-undang", "copyright"),
        ("(Foto: ANTARA/Aditya Pradana Putra)", "photo-credit"),
        ("Foto: Shutterstock", "photo-credit"),
        ("ANTARA FOTO/Rivan Awal Lingga/aww.", "photo-credit"),
        ("Tim Cook, CEO Apple (Foto: Reuters)", "photo-caption"),
        ("(ard)", "editor-initials"),
        ("(ugo / djm)", "editor-initials"),
        ("* * *", "separator"),
        ("Tags: jokowi, pilkada, dki", "tags"),
        ("DailySocial.id adalah portal berita startup dan inovasi teknologi.", "site-promo"),
    ],
)
def test_boilerplate_line_goes_with_its_reason(line: str, reason: str) -> None:
    result = clean_text(f"{BODY}\n\n{line}\n\n{BODY_2}")
    assert result.text == f"{BODY}\n\n{BODY_2}"
    assert result.boilerplate == [RemovedLine(line, reason)]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Editor: Ahmad Sudrajat", ["Ahmad Sudrajat"]),
        ("Penulis: Dwi Widijatmiko", ["Dwi Widijatmiko"]),
        ("Reporter: M. Yazid", ["M. Yazid"]),
        ("Reporter: Fair Cholis | Editor: Memey Mega", ["Fair Cholis", "Memey Mega"]),
        ("Penulis: Anggun Pratama dan Dedi Rinaldi", ["Anggun Pratama", "Dedi Rinaldi"]),
        ("Reporting by Jane Doe; Editing by John Smith", ["Jane Doe", "John Smith"]),
        ("By Jane Doe", ["Jane Doe"]),
    ],
)
def test_bylines_become_authors_not_text(line: str, authors: list[str]) -> None:
    doc = CleanStage()(Document.from_input(f"{BODY}\n\n{line}"))
    assert doc.text == BODY
    assert doc.authors == authors
    assert doc.boilerplate == [RemovedLine(line, "byline")]


@pytest.mark.parametrize(
    "line",
    [
        "Editor: ini adalah catatan redaksi untuk pembaca setia kami.",
        "Penulis: 2 orang tewas dalam kecelakaan itu",
        "By the end of the day, the rupiah had recovered.",
    ],
)
def test_byline_lookalikes_with_no_names_stay(line: str) -> None:
    doc = CleanStage()(Document.from_input(f"{BODY}\n\n{line}"))
    assert line in doc.text
    assert doc.authors == []


def test_teaser_header_takes_the_headlines_after_it() -> None:
    text = (
        f"{BODY}\n\nBaca juga:\n\nJLo Tanda Tangani Perjanjian Pranikah Senilai Rp 10 Triliun?"
        f"\n\nMarcelino Lefrandt Akan Berlibur ke Manado\n\n{BODY_2}"
    )
    result = clean_text(text)
    assert result.text == f"{BODY}\n\n{BODY_2}"
    assert [r.reason for r in result.boilerplate] == ["related"] * 3


def test_teaser_block_stops_before_a_subheading_that_opens_a_body_paragraph() -> None:
    text = (
        f"{BODY}\n\nbaca:\nKemenangan Trump Akhir Mimpi Palestina\n\n"
        "Ratna Sari Dewi Soekarno\nIbu negara Indonesia juga pernah berpose di depan kamera."
    )
    result = clean_text(text)
    assert result.text == (
        f"{BODY}\n\nRatna Sari Dewi Soekarno\n"
        "Ibu negara Indonesia juga pernah berpose di depan kamera."
    )
    assert len(result.boilerplate) == 2


def test_teaser_header_without_titles_leaves_the_body_after_it() -> None:
    result = clean_text(f"{BODY}\n\nBaca_Juga\n\nKata Amran, produksi ayam ras nasional surplus.")
    assert result.text == f"{BODY}\n\nKata Amran, produksi ayam ras nasional surplus."


@pytest.mark.parametrize(
    "text",
    [
        "Iklan",
        "Baca juga: Jokowi Resmikan Tol\n\nIklan\n\n© 2023 Kompas.com",
        "Tinggalkan Komentar\n\nAlamat email Anda tidak akan dipublikasikan.",
    ],
)
def test_only_boilerplate_gives_empty_text_and_records_every_line(text: str) -> None:
    result = clean_text(text)
    assert result.text == ""
    assert result.paragraphs == []
    assert [r.text for r in result.boilerplate] == [b for b in text.split("\n\n")]


def test_link_debris_after_the_body_goes_when_jusText_agrees() -> None:
    debris = "facebook.com/kompas | twitter.com/kompas | instagram.com/kompas"
    result = clean_text(f"{BODY}\n\n{BODY_2}\n\n{debris}")
    assert result.text == f"{BODY}\n\n{BODY_2}"
    assert result.boilerplate == [RemovedLine(debris, "justext:link-debris")]


@pytest.mark.parametrize(
    "text",
    [
        f'{BODY}\n\n{BODY_2}\n\n" Teh ririn mani geulis, " imbuh akun @romansyahjapan',
        f"Suara.com -\n\n{BODY}\n\n{BODY_2}",
        f"{BODY}\n\nSusunan Pemain\n\nPelatih: Arsene Wenger",
    ],
)
def test_edge_lines_that_are_content_stay(text: str) -> None:
    assert clean_text(text).text == text


def test_jusText_alone_never_empties_a_text() -> None:
    text = "facebook.com/kompas | twitter.com/kompas"
    assert clean_text(text).text == text


def test_lines_stay_verbatim_but_edges_of_whitespace_go() -> None:
    text = f"  {BODY}   \r\n\u00a0\r\n{BODY_2}\t\r\n \r\n"
    result = clean_text(text)
    assert result.text == f"{BODY}\n\n{BODY_2}"
    assert result.paragraphs == [Span(0, len(BODY)), Span(len(BODY) + 2, len(result.text))]


def test_a_paragraph_keeps_its_line_breaks_and_loses_only_boilerplate_lines() -> None:
    result = clean_text(f"{BODY}\nIklan\n{BODY_2}\n\nSumber: Reuters.")
    assert result.text == f"{BODY}\n{BODY_2}\n\nSumber: Reuters."
    assert len(result.paragraphs) == 2


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        ("a\nb\nc", [["a"], ["b"], ["c"]]),
        ("a\nb\n\nc", [["a", "b"], ["c"]]),
        ("\n\n a \n\u00a0\n\n b\n", [["a"], ["b"]]),
        ("", []),
        (" \n\u00a0\n", []),
    ],
)
def test_paragraphs_are_blank_line_blocks_or_single_lines(text: str, blocks) -> None:
    assert split_blocks(text) == blocks


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("JLo Tanda Tangani Perjanjian Pranikah Senilai Rp 10 Triliun?", True),
        ("21 Taruna Akpol Diperiksa Terkait Tewasnya M Adam", True),
        ("Evelyn soal Aming: Dia Emosian Terus, Mending Enggak Usah Komunikasi", True),
        ("Kata Amran, produksi ayam ras nasional di Indonesia saat ini surplus", False),
        ("Presiden Joko Widodo Meresmikan Jalan Tol.", False),
        ("Jakarta", False),
    ],
)
def test_looks_like_headline(line: str, expected: bool) -> None:
    assert looks_like_headline(line, rules()) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-09-05", "2023-09-05"),
        ("2023-09-05T10:15:00+07:00", "2023-09-05T10:15:00+07:00"),
        ("2023-09-05T03:15:00Z", "2023-09-05T03:15:00+00:00"),
        ("2023-09-05 10:15", "2023-09-05T10:15:00"),
        ("Tue, 05 Sep 2023 10:15:00 +0700", "2023-09-05T10:15:00+07:00"),
        ("Selasa, 5 September 2023 10:15 WIB", "2023-09-05T10:15:00+07:00"),
        ("Kamis, 4 Agt 2022 | 08.30 WITA", "2022-08-04T08:30:00+08:00"),
        ("5 Desember 2023", "2023-12-05"),
        ("September 5, 2023", "2023-09-05"),
        ("2023-13-45", None),
        ("kemarin sore", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_published(value: str | None, expected: str | None) -> None:
    assert normalize_published(value, rules()) == expected


PAGE = """<!DOCTYPE html><html><head><title>Kim Jong Un mungkin ke Rusia | Warta</title>
<meta property="og:site_name" content="Warta Harian">
<meta name="author" content="Budi Santoso">
<meta property="article:published_time" content="2023-09-05T10:15:00+07:00">
</head><body>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/dunia">Mancanegara</a></li></ul></nav>
<article><h1>Kim Jong Un mungkin ke Rusia</h1>
{paragraphs}
<p>Baca juga: Putin Undang Kim ke Vladivostok</p>
</article>
<aside><h3>Terpopuler</h3>
<ul><li><a href="/x">Harga cabai naik tajam di pasar induk</a></li></ul></aside>
<footer><p>&copy; 2023 Warta Harian. Seluruh hak dilindungi.</p></footer>
<script>var tracking = 1;</script></body></html>"""


def page(seed_text: str) -> tuple[str, list[str]]:
    body = seed_paragraphs(seed_text)[:8]
    return PAGE.format(paragraphs="".join(f"<p>{p}</p>" for p in body)), body


def test_html_keeps_the_article_and_records_what_the_page_had_around_it(seed_text: str) -> None:
    html, body = page(seed_text)
    doc = CleanStage()(Document.from_input(html, url="https://warta.example/dunia/kim"))
    assert doc.raw_format == "html"
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == body
    assert doc.title == "Kim Jong Un mungkin ke Rusia"
    assert doc.published == "2023-09-05"
    assert doc.site == "warta.example"  # the canonical outlet: its registered domain
    assert doc.url == "https://warta.example/dunia/kim"
    assert doc.authors == ["Budi Santoso"]
    removed = {(r.text, r.reason) for r in doc.boilerplate}
    assert ("Baca juga: Putin Undang Kim ke Vladivostok", "related") in removed
    assert ("Kim Jong Un mungkin ke Rusia", "html:title") in removed
    assert ("Beranda", "html:not-main-content") in removed
    assert ("© 2023 Warta Harian. Seluruh hak dilindungi.", "html:not-main-content") in removed
    assert not any("tracking" in r.text for r in doc.boilerplate)


def test_html_metadata_from_the_input_wins_unless_told_otherwise(seed_text: str) -> None:
    html, _ = page(seed_text)
    given = {"title": "Judul dari feed", "published": "Selasa, 5 September 2023 17:00 WIB"}
    doc = CleanStage()(Document.from_input(html, **given))
    assert doc.title == "Judul dari feed"
    assert doc.published == "2023-09-05T17:00:00+07:00"
    doc = CleanStage(prefer_input_metadata=False)(Document.from_input(html, **given))
    assert doc.title == "Kim Jong Un mungkin ke Rusia"
    assert doc.published == "2023-09-05"


def test_unreadable_input_date_falls_back_to_the_page_date(seed_text: str) -> None:
    html, _ = page(seed_text)
    doc = CleanStage()(Document.from_input(html, published="kemarin"))
    assert doc.published == "2023-09-05"


@pytest.mark.parametrize(
    "html",
    [
        f"<html><body><div>{BODY}</div></body></html>",
        f"<html><body><p>{BODY}</p></body></html>",
        f"<html><head><title>t</title><style>p {{}}</style></head><body>{BODY}</body></html>",
    ],
)
def test_tiny_pages_fall_back_to_the_visible_body_text(html: str) -> None:
    doc = CleanStage()(Document.from_input(html, raw_format="html"))
    assert doc.text == BODY


def test_html_fallback_keeps_block_structure() -> None:
    html = f"<html><body><div>{BODY}</div><div>Iklan</div><div>{BODY_2}</div></body></html>"
    page = extract_html(html)
    assert page.cleaned.text == f"{BODY}\n\n{BODY_2}"
    assert page.cleaned.boilerplate[-1] == RemovedLine("Iklan", "ad")


def test_plain_text_site_comes_from_the_url() -> None:
    doc = CleanStage()(Document.from_input(BODY, url="https://www.kompas.com/read/1"))
    assert doc.site == "kompas.com"
    assert doc.title is None


def test_stage_contract() -> None:
    assert CleanStage.name == "clean"
    assert CleanStage.requires == ("raw", "raw_format")
    assert set(CleanStage.assigns) == {
        "text",
        "title",
        "published",
        "published_source",
        "site",
        "url",
        "authors",
        "paragraphs",
        "boilerplate",
    }
    with pytest.raises(InputError):
        CleanStage()(Document())


@pytest.mark.parametrize(
    "entry",
    ["no-tab-here", "reason\t(unclosed", "reason\t^x$\tthen=everything", "\t^x$"],
)
def test_broken_rule_data_is_reported(entry: str) -> None:
    with pytest.raises(WartaError):
        _parse_rule("id", entry)


def test_rules_can_be_limited_to_one_language() -> None:
    doc = CleanStage(languages=["en"])(Document.from_input(f"{BODY}\n\nTinggalkan Komentar"))
    assert doc.text.endswith("Tinggalkan Komentar")
    doc = CleanStage(languages=["en"])(Document.from_input(f"{BODY}\n\nLeave a Reply"))
    assert doc.text == BODY


# IndoSum: news bodies with "Baca juga" teasers and ads still in them, and gold summaries
# whose sentences are body text that cleaning must keep.

TEASER_LINE = re.compile(r"^\W*(baca|simak|lihat)([\s_]+juga)?\s*[:\-–—]", re.IGNORECASE)


def detokenize(tokens: list[str]) -> str:
    """IndoSum tokens back into text: spaces joined, then none before closing punctuation."""
    text = " ".join(tokens)
    text = re.sub(r" ([.,:;?!%)\]])", r"\1", text)
    return re.sub(r"([(\[]) ", r"\1", text)


def collapse(text: str) -> str:
    return " ".join(text.replace("\u200b", "").replace("\u200e", "").split())


def indosum_articles(folder: Path, per_file: int) -> list[dict]:
    articles, seen = [], set()
    for path in sorted(folder.glob("dev.*.jsonl")):
        taken = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] in seen or taken == per_file:
                continue
            seen.add(record["id"])
            articles.append(record)
            taken += 1
    return articles


@pytest.mark.slow
def test_indosum_teasers_go_and_gold_summary_sentences_stay() -> None:
    folder = shared_path("data", "corpus", "indosum-dev")
    articles = indosum_articles(folder, per_file=40)
    assert len(articles) == 200
    teasers = gold = 0
    for record in articles:
        paragraphs = [[detokenize(s) for s in p] for p in record["paragraphs"]]
        raw = "\n\n".join(" ".join(p) for p in paragraphs)
        result = clean_text(raw)
        kept_text = collapse(result.text)
        kept_lines = [line for line in result.text.split("\n") if line]
        teasers += sum(bool(TEASER_LINE.match(collapse(line))) for line in raw.split("\n"))
        assert not [line for line in kept_lines if TEASER_LINE.match(collapse(line))], record["id"]
        for sentences, labels in zip(paragraphs, record["gold_labels"], strict=True):
            for sentence, in_summary in zip(sentences, labels, strict=True):
                if in_summary and not TEASER_LINE.match(sentence):
                    gold += 1
                    assert collapse(sentence) in kept_text, (record["id"], sentence)
    assert teasers >= 20
    assert gold >= 500
