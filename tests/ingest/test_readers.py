"""read_paths: every input format, folders, stdin, and hostile input that must fail cleanly."""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta.ingest import RawItem, ReadFailure, read_paths

BERITA = (
    "JAKARTA — Menteri Keuangan mengatakan, “pemerintah akan menjaga defisit anggaran tetap "
    "di bawah 3 persen.” Ia menyampaikan hal itu di sebuah café di Menteng, Senin (12/8/2024)."
)
HALAMAN = (
    "<!DOCTYPE html><html><head><title>Defisit dijaga</title></head>"
    f"<body><article><p>{BERITA}</p></article></body></html>"
)


def read(
    *paths: str | Path, stdin: BinaryIO | None = None, max_bytes: int = 20_000_000
) -> list[RawItem | ReadFailure]:
    return list(read_paths([str(p) for p in paths], stdin=stdin, max_bytes=max_bytes))


def items(results: list[RawItem | ReadFailure]) -> list[RawItem]:
    """The results, all of which must be items."""
    assert all(isinstance(r, RawItem) for r in results), results
    return [r for r in results if isinstance(r, RawItem)]


def only_item(results: list[RawItem | ReadFailure]) -> RawItem:
    assert len(results) == 1 and isinstance(results[0], RawItem), results
    return results[0]


def only_failure(results: list[RawItem | ReadFailure]) -> ReadFailure:
    assert len(results) == 1 and isinstance(results[0], ReadFailure), results
    return results[0]


# --- single documents ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "fmt", "content"),
    [
        ("berita.txt", BERITA.encode(), "text", BERITA),
        ("berita.html", HALAMAN.encode(), "html", HALAMAN),
        ("berita.HTM", HALAMAN.encode(), "html", HALAMAN),
        ("berita.txt.gz", gzip.compress(BERITA.encode()), "text", BERITA),
        ("berita.html.gz", gzip.compress(HALAMAN.encode()), "html", HALAMAN),
        ("crlf.txt", b"Baris satu.\r\nBaris dua.\rBaris tiga.\r\n", "text", None),
        ("berita.txt", BERITA.encode("cp1252"), "text", BERITA),
        ("berita.txt", BERITA.encode("utf-16"), "text", BERITA),
        (
            "berita.txt",
            "Kopi di café, «Bulog».".encode("latin-1"),
            "text",
            "Kopi di café, «Bulog».",
        ),
        # A .txt holding HTML is still read as text: the extension decides.
        ("halaman.txt", HALAMAN.encode(), "text", HALAMAN),
    ],
)
def test_single_document(
    tmp_path: Path, name: str, data: bytes, fmt: str, content: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    item = only_item(read(path))
    assert item == RawItem(
        source=str(path),
        content=content or "Baris satu.\nBaris dua.\nBaris tiga.\n",
        format=fmt,
    )


def test_fixture_files_decode(fixtures: Path) -> None:
    folder = fixtures / "ingest"
    cp1252 = only_item(read(folder / "berita-cp1252.html"))
    assert cp1252.format == "html"
    assert "“pemerintah akan menjaga defisit" in cp1252.content
    assert "sebuah café di kawasan Menteng" in cp1252.content
    assert "\r" not in cp1252.content
    utf16 = only_item(read(folder / "berita-utf16.txt"))
    assert utf16.content.startswith("JAKARTA — Menteri Keuangan mengatakan, “pemerintah")
    assert "‘Kami terus memantau,’ ujarnya.\n" in utf16.content
    latin1 = only_item(read(folder / "berita-latin1.txt"))
    assert "café dekat Monas. Harga gula naik ± 5 persen" in latin1.content


def test_unknown_extension_named_explicitly_is_sniffed(tmp_path: Path) -> None:
    page, note = tmp_path / "halaman", tmp_path / "catatan.md"
    page.write_bytes(HALAMAN.encode())
    note.write_bytes(BERITA.encode("cp1252"))
    assert [(i.format, i.content) for i in items(read(page, note))] == [
        ("html", HALAMAN),
        ("text", BERITA),
    ]


def test_item_becomes_a_document(tmp_path: Path) -> None:
    path = tmp_path / "berita.html"
    path.write_bytes(HALAMAN.encode())
    doc = only_item(read(path)).to_document()
    assert (doc.raw, doc.raw_format, doc.source) == (HALAMAN, "html", str(path))


# --- stdin -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fmt", "content"),
    [
        (HALAMAN.encode(), "html", HALAMAN),
        (BERITA.encode("cp1252"), "text", BERITA),
        (
            b"  <p>Paragraf lepas.</p>\r\n<p>Kedua.</p>",
            "html",
            "  <p>Paragraf lepas.</p>\n<p>Kedua.</p>",
        ),
    ],
)
def test_stdin(data: bytes, fmt: str, content: str) -> None:
    item = only_item(read("-", stdin=io.BytesIO(data)))
    assert (item.source, item.format, item.content) == ("-", fmt, content)


@pytest.mark.parametrize(
    ("data", "max_bytes", "message"),
    [
        (b"", 1000, "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 1000, "binary content (PNG image), not text"),
        (
            b"x" * 1001,
            1000,
            "stdin holds over 1,000 bytes, over the limit of 1,000 bytes"
            " (raise max_bytes to read it)",
        ),
    ],
)
def test_stdin_failures(data: bytes, max_bytes: int, message: str) -> None:
    failure = only_failure(read("-", stdin=io.BytesIO(data), max_bytes=max_bytes))
    assert (failure.source, failure.error_type, failure.message) == ("-", "InputError", message)


# --- JSONL -----------------------------------------------------------------------------


def test_jsonl_fixture(fixtures: Path) -> None:
    path = fixtures / "ingest" / "artikel.jsonl"
    results = read(path)
    assert results == [
        RawItem(
            source=f"{path}:1",
            content="Menteri Keuangan mengatakan, “defisit dijaga.”",
            format="text",
            url="https://contoh.id/berita/1",
            title="Defisit dijaga",
            published="2024-08-12",
            id="kompas-001",
        ),
        ReadFailure(
            f"{path}:2",
            "InputError",
            "not JSON: Expecting property name enclosed in double quotes at column 2",
        ),
        RawItem(
            source=f"{path}:3",
            content="<html><body><p>Harga beras naik di café.</p></body></html>",
            format="html",
            url="https://contoh.id/berita/2",
        ),
        ReadFailure(f"{path}:5", "InputError", "has neither 'text' nor 'html'"),
        RawItem(source=f"{path}:6", content="Baris\nkedua.", format="text", id="4"),
    ]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ([1, 2], "not a JSON object but an array"),
        ("teks", "not a JSON object but a string"),
        ({"text": ""}, "'text' is empty"),
        ({"text": "   ", "html": None}, "'text' is empty"),
        ({"html": 5}, "'html' is a number, not a string"),
        ({"text": "Isi.", "url": ["a"]}, "'url' is an array, not a string"),
        ({"text": "Isi.", "published": True}, "'published' is a boolean, not a string"),
    ],
)
def test_jsonl_bad_records(tmp_path: Path, record: object, message: str) -> None:
    path = tmp_path / "a.jsonl"
    good = json.dumps({"text": "Berita baik."})
    path.write_text(f"{good}\n{json.dumps(record)}\n{good}\n", encoding="utf-8")
    results = read(path)
    assert results[1] == ReadFailure(f"{path}:2", "InputError", message)
    assert [r.source for r in results if isinstance(r, RawItem)] == [f"{path}:1", f"{path}:3"]


def test_jsonl_text_wins_over_html_and_blank_metadata_is_none(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {"text": BERITA, "html": HALAMAN, "title": "  ", "url": " https://contoh.id/1 "}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    item = only_item(read(path))
    assert (item.format, item.content, item.title, item.url) == (
        "text",
        BERITA,
        None,
        "https://contoh.id/1",
    )


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: s.encode("utf-8-sig"),
        lambda s: s.encode("utf-16"),
        lambda s: gzip.compress(s.encode("utf-8")),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "gzip"],
)
def test_jsonl_encodings(tmp_path: Path, encode: Callable[[str], bytes]) -> None:
    lines = "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (BERITA, "Dua “kata”."))
    data = encode(lines + "\n")
    path = tmp_path / ("a.jsonl.gz" if data[:2] == b"\x1f\x8b" else "a.jsonl")
    path.write_bytes(data)
    assert [r.content for r in items(read(path))] == [BERITA, "Dua “kata”."]


def test_jsonl_line_in_legacy_encoding_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "Berita baik."}\n' + '{"text": "Kopi di café."}\n'.encode("cp1252"))
    assert [r.content for r in items(read(path))] == ["Berita baik.", "Kopi di café."]


def test_jsonl_line_over_limit_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    long_line = json.dumps({"text": "kata " * 400})
    path.write_text(f'{{"text": "pendek"}}\n{long_line}\n{{"text": "akhir"}}\n', encoding="utf-8")
    results = read(path, max_bytes=1000)
    assert results == [
        RawItem(f"{path}:1", "pendek", "text"),
        ReadFailure(
            f"{path}:2",
            "InputError",
            "line is over 1,000 bytes, over the limit of 1,000 bytes (raise max_bytes to read it)",
        ),
        RawItem(f"{path}:3", "akhir", "text"),
    ]


def test_jsonl_of_only_bad_lines_is_not_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08 rusak\n")
    assert only_failure(read(path)) == ReadFailure(
        f"{path}:1", "InputError", "binary content (53% control characters), not text"
    )


def test_truncated_jsonl_gz_keeps_what_was_read(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"Berita ke-{i} " * 50}) + "\n" for i in range(200))
    data = gzip.compress(lines.encode())
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    results = read(path)
    *read_items, failure = results
    assert read_items == items(read_items)
    assert [i.source for i in read_items] == [f"{path}:{n}" for n in range(1, len(read_items) + 1)]
    assert failure == ReadFailure(
        f"{path}:{len(read_items) + 1}",
        "InputError",
        "gzip stream is truncated (it ends before its end-of-stream marker)",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"\n\n  \n", "empty file"),
        (b"%PDF-1.4\n...", "binary content (PDF document), not JSON lines"),
    ],
)
def test_jsonl_whole_file_failures(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(data)
    assert only_failure(read(path)) == ReadFailure(str(path), "InputError", message)


# --- WARC ------------------------------------------------------------------------------


def _response(
    writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )


def write_warc(path: Path, *, compress: bool) -> list[tuple[int, str, str]]:
    """A WARC with records of every kind; returns (record number, url, text) of the HTML ones."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = StatusAndHeaders("GET /1 HTTP/1.1", [("Host", "contoh.id")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(
                "https://contoh.id/1", "request", payload=io.BytesIO(b""), http_headers=request
            )
        )
        _response(writer, "https://contoh.id/1", HALAMAN.encode(), "text/html; charset=utf-8")
        _response(writer, "https://contoh.id/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
        _response(
            writer, "https://contoh.id/hilang", b"<html>404</html>", "text/html", "404 Not Found"
        )
        _response(
            writer,
            "https://contoh.id/2",
            HALAMAN.replace("café", "kafe “lama”").encode("cp1252"),
            'text/html; charset="windows-1252"',
        )
        writer.write_record(
            writer.create_warc_record(
                "https://contoh.id/2",
                "metadata",
                payload=io.BytesIO(b"via: test\r\n"),
                warc_content_type="application/warc-fields",
            )
        )
        _response(writer, "https://contoh.id/3", b"<p>Tanpa kepala.</p>", "")
    return [
        (3, "https://contoh.id/1", HALAMAN),
        (6, "https://contoh.id/2", HALAMAN.replace("café", "kafe “lama”")),
        (8, "https://contoh.id/3", "<p>Tanpa kepala.</p>"),
    ]


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_warc_reads_html_responses_only(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    expected = write_warc(path, compress=compress)
    assert read(path) == [
        RawItem(source=f"{path}#{n}", content=text, format="html", url=url)
        for n, url, text in expected
    ]


def test_warc_gzipped_as_one_stream(tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    expected = write_warc(plain, compress=False)
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))
    assert [(r.source, r.content) for r in items(read(path))] == [
        (f"{path}#{n}", text) for n, _, text in expected
    ]


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_truncated_warc_record(tmp_path: Path, compress: bool) -> None:
    full = tmp_path / ("full.warc.gz" if compress else "full.warc")
    expected = write_warc(full, compress=compress)
    data = full.read_bytes()
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[:-12])  # into the last record
    *read_items, failure = read(path)
    assert [(i.source, i.content) for i in items(read_items)] == [
        (f"{path}#{n}", text) for n, _, text in expected[:2]
    ]
    assert isinstance(failure, ReadFailure)
    assert failure.source == f"{path}#8" and "truncated" in failure.message


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_warc_cut_anywhere_never_raises(tmp_path: Path, compress: bool) -> None:
    full = tmp_path / ("full.warc.gz" if compress else "full.warc")
    write_warc(full, compress=compress)
    data = full.read_bytes()
    good = read(full)
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    for cut in range(1, len(data), 53):
        path.write_bytes(data[:cut])
        results = read(path)
        failures = [r for r in results if isinstance(r, ReadFailure)]
        assert len(failures) <= 1 and results[-len(failures) or len(results) :] == failures, cut
        got = [(r.source.rsplit("#")[1], r.content) for r in results if isinstance(r, RawItem)]
        assert got == [(g.source.rsplit("#")[1], g.content) for g in items(good)][: len(got)], cut


def test_broken_record_ends_the_file(tmp_path: Path) -> None:
    full = tmp_path / "full.warc"
    expected = write_warc(full, compress=False)
    path = tmp_path / "rusak.warc"
    path.write_bytes(full.read_bytes() + b"SAMPAH\r\nfoo: bar\r\n\r\n" + full.read_bytes())
    *read_items, failure = read(path)
    assert [i.source for i in read_items] == [f"{path}#{n}" for n, _, _ in expected]
    assert failure == ReadFailure(
        f"{path}#9", "InputError", "broken WARC record: Invalid WARC record, first line: SAMPAH"
    )


def test_warc_record_over_limit_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        _response(writer, "https://contoh.id/besar", b"<p>" + b"kata " * 500 + b"</p>", "text/html")
        _response(writer, "https://contoh.id/kecil", b"<p>Kecil.</p>", "text/html")
        _response(writer, "https://contoh.id/kosong", b"  ", "text/html")
        _response(writer, "https://contoh.id/gambar", b"\x89PNG\r\n\x1a\n\x00", "text/html")
    assert read(path, max_bytes=1000) == [
        ReadFailure(
            f"{path}#1",
            "InputError",
            "response body is over 1,000 bytes, over the limit of 1,000 bytes"
            " (raise max_bytes to read it)",
        ),
        RawItem(f"{path}#2", "<p>Kecil.</p>", "html", url="https://contoh.id/kecil"),
        ReadFailure(f"{path}#3", "InputError", "empty response body"),
        ReadFailure(f"{path}#4", "InputError", "binary content (PNG image), not text"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content (PNG image), not a WARC file"),
    ],
)
def test_warc_whole_file_failures(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    assert only_failure(read(path)) == ReadFailure(str(path), "InputError", message)


def test_text_file_named_warc(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(BERITA.encode())
    assert only_failure(read(path)) == ReadFailure(
        str(path), "InputError", "not a WARC file: it does not start with a WARC/1.x header"
    )


# --- folders and mixed input -----------------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "b" / "dalam").mkdir(parents=True)
    (root / "a").mkdir()
    files = {
        "z.txt": BERITA.encode(),
        "b/dalam/2.html": HALAMAN.encode(),
        "a/1.txt.gz": gzip.compress(b"Satu."),
        "b/0.jsonl": b'{"text": "Nol."}\n{"text": "Nol lagi."}\n',
        "a/catatan.md": b"# tidak dibaca",
        "a/gambar.png": b"\x89PNG\r\n\x1a\n",
        "b/rusak.html": b"\x89PNG\r\n\x1a\n\x00\x00",
        "a/10.txt": b"Sepuluh.",
    }
    for name, data in reversed(files.items()):
        (root / name).write_bytes(data)


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = read(tmp_path)
    assert [(r.source, type(r).__name__) for r in results] == [
        (f"{tmp_path}/a/1.txt.gz", "RawItem"),
        (f"{tmp_path}/a/10.txt", "RawItem"),
        (f"{tmp_path}/b/0.jsonl:1", "RawItem"),
        (f"{tmp_path}/b/0.jsonl:2", "RawItem"),
        (f"{tmp_path}/b/dalam/2.html", "RawItem"),
        (f"{tmp_path}/b/rusak.html", "ReadFailure"),
        (f"{tmp_path}/z.txt", "RawItem"),
    ]
    assert results == read(tmp_path)


def test_bad_input_among_good(tmp_path: Path) -> None:
    good, png, missing = tmp_path / "baik.txt", tmp_path / "foto.html", tmp_path / "tidak-ada.txt"
    good.write_bytes(BERITA.encode())
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert read(png, missing, good, "-", stdin=io.BytesIO(b"Dari stdin.")) == [
        ReadFailure(str(png), "InputError", "binary content (PNG image), not text"),
        ReadFailure(str(missing), "InputError", "no such file or directory"),
        RawItem(str(good), BERITA, "text"),
        RawItem("-", "Dari stdin.", "text"),
    ]


# --- hostile single files --------------------------------------------------------------


def _pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "foto.html",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary content (PNG image), not text",
        ),
        ("laporan.txt", _pdf(), "binary content (PDF document), not text"),
        ("arsip.txt", b"PK\x03\x04\x14\x00\x00\x00", "binary content (zip archive), not text"),
        (
            "dobel.txt.gz",
            gzip.compress(gzip.compress(b"x")),
            "binary content (gzip data), not text",
        ),
        ("kosong.txt", b"", "empty file"),
        ("spasi.html", b" \r\n\t \n", "empty file"),
        ("spasi16.txt", " \n ".encode("utf-16"), "empty file"),
        ("kosong.txt.gz", gzip.compress(b""), "empty file"),
        (
            "derau.txt",
            b"\x01\x02\x03kata\x04\x05\x06\x07",
            "binary content (64% control characters), not text",
        ),
        (
            "bukan.txt.gz",
            b"Bukan gzip sama sekali.",
            "not a valid gzip file: Not a gzipped file (b'Bu')",
        ),
        (
            "terpotong.txt.gz",
            gzip.compress(BERITA.encode() * 20)[:-30],
            "gzip stream is truncated (it ends before its end-of-stream marker)",
        ),
    ],
)
def test_hostile_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert only_failure(read(path)) == ReadFailure(str(path), "InputError", message)


def test_decompressed_size_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt.gz"
    path.write_bytes(gzip.compress(b"kata " * 10_000))
    failure = only_failure(read(path, max_bytes=1000))
    size = path.stat().st_size
    assert failure.message == (
        f"decompressed content is over 1,000 bytes (the gzip file is {size:,} bytes),"
        " over the limit of 1,000 bytes (raise max_bytes to read it)"
    )


def test_50_mb_of_text_against_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    line = (BERITA + "\n").encode()
    with path.open("wb") as out:
        for _ in range(50_000_000 // len(line) + 1):
            out.write(line)
    size = path.stat().st_size
    assert only_failure(read(path)).message == (
        f"file is {size:,} bytes, over the limit of 20,000,000 bytes (raise max_bytes to read it)"
    )
    item = only_item(read(path, max_bytes=60_000_000))
    assert len(item.content.encode()) == size and item.content.startswith(BERITA)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "rahasia.txt"
    path.write_bytes(b"Rahasia.")
    path.chmod(0)
    assert only_failure(read(path)) == ReadFailure(
        str(path), "PermissionError", "permission denied"
    )


def test_max_bytes_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_bytes must be positive"):
        read("-", max_bytes=0)
