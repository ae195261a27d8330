"""decode_bytes: the decoding order, Indonesian text in legacy encodings, and refusals."""

from __future__ import annotations

import codecs
import gzip
import io
import random
import zipfile

import pytest

from warta.errors import InputError
from warta.ingest.encoding import decode_bytes, html_declared_charset, sniff_binary

BERITA = (
    "JAKARTA — Menteri Keuangan mengatakan, “pemerintah akan menjaga defisit anggaran tetap "
    "di bawah 3 persen.” Ia menyampaikan hal itu di sebuah café di Menteng, Senin (12/8/2024)."
)
# Latin-1 has no curly quotes or dashes.
BERITA_LATIN1 = "Ia minum kopi di café dekat Monas. Harga gula naik ± 5 persen, kata «Bulog»."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (BERITA, "utf-8"),
        (BERITA, "utf-8-sig"),
        (BERITA, "cp1252"),
        (BERITA, "utf-16"),  # with BOM
        (BERITA, "utf-16-be"),  # no BOM: found by its NUL pattern
        (BERITA, "utf-16-le"),
        (BERITA, "utf-32"),
        (BERITA_LATIN1, "latin-1"),
        ("“Saya senang,” ujarnya.", "cp1252"),
        # The detector alone reads these bytes as big5 ("S緌 Paulo").
        ("Pemain asal São Paulo itu bergabung.", "cp1252"),
        ("Ekspor kopi naik 5 persen.", "ascii"),
        ("Президент России заявил, что переговоры продолжатся в понедельник.", "cp1251"),
    ],
)
def test_decodes_without_assuming_utf8(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        # The declaration wins over guessing...
        ("café".encode("cp1252"), "windows-1252", "café"),
        # ...ISO-8859-1 is read as windows-1252, as browsers do, so 0x93/0x94 are quotes...
        ("“kata” café".encode("cp1252"), "ISO-8859-1", "“kata” café"),
        # ...unless the bytes are valid non-ASCII UTF-8 (servers default to ISO-8859-1).
        ("“kata” café".encode(), "iso-8859-1", "“kata” café"),
        # A declaration that does not decode, or names no charset, is passed over.
        ("“kata” café".encode("cp1252"), "utf-8", "“kata” café"),
        ("“kata” café".encode("cp1252"), "no-such-charset", "“kata” café"),
        # A BOM beats any declaration.
        (codecs.BOM_UTF8 + "café".encode(), "windows-1252", "café"),
    ],
)
def test_declared_charset(data: bytes, declared: str, expected: str) -> None:
    assert decode_bytes(data, declared=declared) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta charset="windows-1252">', "windows-1252"),
        ("<META CHARSET=utf-8>", "utf-8"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />',
            "iso-8859-1",
        ),
        ('<?xml version="1.0" encoding="windows-1252"?><html>', "windows-1252"),
        ("<html><head><title>charset=utf-8</title>", None),
        ("<p>tanpa deklarasi</p>", None),
    ],
)
def test_html_declared_charset(head: str, expected: str | None) -> None:
    assert html_declared_charset(head.encode("ascii")) == expected


def test_meta_charset_decides_for_html() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Президент</p></body></html>'
    assert decode_bytes(page.encode("cp1251"), is_html=True) == page


def test_meta_utf16_in_ascii_bytes_means_utf8() -> None:
    page = '<html><meta charset="utf-16"><p>“kata”</p></html>'
    assert decode_bytes(page.encode(), is_html=True) == page


def test_stray_windows_1252_bytes_in_utf8_are_repaired() -> None:
    data = "“Saya senang,” ujarnya di café. ".encode() * 3 + "“ok”".encode("cp1252")
    assert decode_bytes(data) == "“Saya senang,” ujarnya di café. " * 3 + "“ok”"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("berita.txt", BERITA)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (_zip_bytes(), "zip archive"),
        (gzip.compress(BERITA.encode()), "gzip data"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF executable"),
    ],
)
def test_binary_signatures_are_refused(data: bytes, kind: str) -> None:
    assert sniff_binary(data) == kind
    with pytest.raises(InputError, match=rf"^binary content \({kind}\), not text$"):
        decode_bytes(data)


@pytest.mark.parametrize(
    "text",
    [
        BERITA,
        "MZ Pratama mencetak gol.",
        "RIFFAN berkata",
        "ID3 adalah kode",
        "PK Ormas dibubarkan",
    ],
)
def test_text_is_not_mistaken_for_binary(text: str) -> None:
    assert sniff_binary(text.encode()) is None


def test_random_bytes_are_not_text() -> None:
    noise = random.Random(7).randbytes(4096)
    with pytest.raises(InputError, match="not text"):
        decode_bytes(noise)


def test_control_characters_are_not_text() -> None:
    data = b"kata\x01\x02\x03\x04\x05\x06 berita \x07\x08\x0e\x0f\x10\x11"
    with pytest.raises(InputError, match=r"binary content \(\d+% control characters\)"):
        decode_bytes(data)


def test_a_few_control_characters_pass() -> None:
    text = BERITA + "\x0c" + "\x01" + BERITA
    assert decode_bytes(text.encode()) == text


def test_broken_utf16_with_bom() -> None:
    with pytest.raises(InputError, match="not valid utf-16 despite its byte-order mark"):
        decode_bytes(codecs.BOM_UTF16_LE + b"A\x00B")
