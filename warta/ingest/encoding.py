"""Bytes to text without assuming UTF-8.

News pages arrive in UTF-8, windows-1252, Latin-1 and UTF-16, sometimes with a wrong or
missing declaration, and some "HTML" files are images or PDFs. ``decode_bytes`` decides in a
fixed order so the same bytes always give the same text, and refuses (``InputError``) rather
than hand the pipeline mojibake or binary noise:

1. known binary signatures (PNG, PDF, zip, ...) are refused outright;
2. a byte-order mark (UTF-8, UTF-16, UTF-32) wins;
3. the ``declared`` charset (an HTTP ``Content-Type``), then for HTML a ``<meta charset>``,
   ``http-equiv`` or XML declaration in the first 8 KB, is used when it decodes strictly,
   unless it names a legacy single-byte charset while the bytes are valid, non-ASCII UTF-8
   (servers often declare ISO-8859-1 by default for UTF-8 pages);
4. UTF-16 without a BOM, recognised by its NUL byte on every other position;
5. strict UTF-8;
6. mostly UTF-8 with a few stray windows-1252 bytes (mixed-encoding pages): the stray bytes
   are read as windows-1252;
7. windows-1252 when it decodes and the result reads as clean text (charset-normalizer's
   mess ratio at most ``MESS_LIMIT``): warta reads Latin-script news, and on short text the
   detector alone picks big5 or cp1250 for windows-1252 bytes ("São" comes out "S緌");
8. charset-normalizer's best guess (Cyrillic, Greek, CJK legacy pages).

The result is refused when more than ``CONTROL_SHARE_LIMIT`` of its characters are control
characters: that is binary data some 8-bit charset happened to decode.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from warta.errors import InputError

logger = logging.getLogger(__name__)

#: Above this share of control characters (other than tab, newlines, form feed) the
#: decoded text is taken for binary data.
CONTROL_SHARE_LIMIT = 0.05

#: The highest charset-normalizer mess ratio at which a windows-1252 reading is accepted
#: without asking the detector (0.2 is the detector's own default threshold).
MESS_LIMIT = 0.2

#: How far into an HTML file a charset declaration is looked for.
META_SCAN_BYTES = 8192

#: (signature pattern matched at the start, what it is) of binary formats that are never text.
BINARY_SIGNATURES: tuple[tuple[re.Pattern[bytes], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), name)
    for pattern, name in (
        (rb"\x89PNG\r\n\x1a\n", "PNG image"),
        (rb"\xff\xd8\xff", "JPEG image"),
        (rb"GIF8[79]a", "GIF image"),
        (rb"II\*\x00|MM\x00\*", "TIFF image"),
        (rb"RIFF.{4}WEBP", "WebP image"),
        (rb"RIFF.{4}WAVE", "WAV audio"),
        (rb"RIFF.{4}AVI ", "AVI video"),
        (rb"\x00\x00.{2}ftyp", "MP4/QuickTime media"),
        (rb"OggS\x00", "Ogg media"),
        (rb"fLaC\x00", "FLAC audio"),
        (rb"ID3[\x02-\x04]\x00", "MP3 audio"),
        (rb"%PDF-", "PDF document"),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
        (rb"PK\x03\x04|PK\x05\x06", "zip archive"),
        (rb"\x1f\x8b\x08", "gzip data"),
        (rb"BZh[1-9]1AY&SY", "bzip2 data"),
        (rb"\xfd7zXZ\x00", "xz data"),
        (rb"\x28\xb5\x2f\xfd", "zstd data"),
        (rb"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (rb"Rar!\x1a\x07", "RAR archive"),
        (rb".{257}ustar", "tar archive"),
        (rb"\x7fELF", "ELF executable"),
        (rb"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
        (rb"\x00asm", "WebAssembly module"),
        (rb"SQLite format 3\x00", "SQLite database"),
        (rb"PAR1", "Parquet file"),
    )
)

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Single-byte labels that browsers read as windows-1252 (WHATWG Encoding Standard).
_WINDOWS_1252_ALIASES = frozenset({"ascii", "iso8859-1", "cp1252"})

_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_\-.:]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-z0-9_\-.:]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE_ESCAPE = re.compile(r"[\udc80-\udcff]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f\udc80-\udcff]")


def decode_bytes(data: bytes, *, declared: str | None = None, is_html: bool = False) -> str:
    """Decode ``data`` to text, or raise ``InputError`` saying why it is not text.

    ``declared`` is a charset named outside the content (an HTTP header); ``is_html``
    turns on the search for an in-document declaration.
    """
    binary = sniff_binary(data)
    if binary:
        raise InputError(f"binary content ({binary}), not text")
    text, how = _decode(data, declared=declared, is_html=is_html)
    logger.debug("decoded %d bytes as %s", len(data), how)
    _check_control_share(text)
    return text


def sniff_binary(head: bytes) -> str | None:
    """What binary format ``head`` starts with, or None when it has no known signature."""
    for signature, name in BINARY_SIGNATURES:
        if signature.match(head):
            return name
    return None


def html_declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in its first bytes, or None."""
    head = data[:META_SCAN_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _decode(data: bytes, *, declared: str | None, is_html: bool) -> tuple[str, str]:
    """The decoded text and a word on how the encoding was chosen (for the debug log)."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, bom_codec, "byte-order mark"), f"{bom_codec} (byte-order mark)"

    labels: list[tuple[str, str | None]] = [("declared", declared)]
    if is_html:
        labels.append(("meta", html_declared_charset(data)))
    for origin, label in labels:
        codec = _codec_for_label(label, in_document=origin == "meta")
        if codec is None:
            continue
        if codec != "utf-8" and _is_utf8(data) and not data.isascii():
            logger.debug("%s charset %s ignored: the bytes are valid UTF-8", origin, label)
            return data.decode("utf-8"), f"utf-8 (over {origin} {label})"
        try:
            return _decode_label(data, codec), f"{codec} ({origin})"
        except UnicodeDecodeError:
            logger.debug("%s charset %s does not decode the content; detecting", origin, label)

    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), f"{utf16} (NUL pattern)"
        except UnicodeDecodeError:
            logger.debug("NUL pattern of %s, but not valid %s", utf16, utf16)

    if _is_utf8(data):
        return data.decode("utf-8"), "utf-8"

    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed, "utf-8 with stray windows-1252 bytes"

    western = _clean_windows_1252(data)
    if western is not None:
        return western, "cp1252 (reads clean)"

    best = from_bytes(data).best()
    if best is None:
        raise InputError("not text: no character encoding decodes it with confidence")
    return str(best), f"{best.encoding} (detected)"


def _strict(data: bytes, codec: str, origin: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid {codec} despite its {origin}: {e.reason} at byte {e.start}"
        ) from e


def _codec_for_label(label: str | None, *, in_document: bool) -> str | None:
    """Python's codec for a charset label, following browsers where they differ from Python."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        logger.debug("unknown charset label %r ignored", label)
        return None
    if name in _WINDOWS_1252_ALIASES:
        return "cp1252"
    # A document that could declare UTF-16 in ASCII bytes is not UTF-16 (WHATWG).
    if in_document and name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def _decode_label(data: bytes, codec: str) -> str:
    """Decode with a declared codec; windows-1252's five unassigned bytes fall back to Latin-1."""
    if codec != "cp1252":
        return data.decode(codec)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Latin text then has a NUL byte at every other position."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """Text that is UTF-8 but for a few stray windows-1252 bytes, repaired; else None.

    Only when valid UTF-8 characters outnumber the stray bytes: a windows-1252 file has
    (almost) no valid multi-byte UTF-8 sequences.
    """
    text = data.decode("utf-8", "surrogateescape")
    stray = sum(len(run) for run in _SURROGATE_ESCAPE.findall(text))
    if len(_NON_ASCII.findall(text)) <= stray:
        return None
    return _SURROGATE_ESCAPE.sub(
        lambda m: _decode_label(m.group().encode("utf-8", "surrogateescape"), "cp1252"), text
    )


def _clean_windows_1252(data: bytes) -> str | None:
    """``data`` read as windows-1252 when that gives clean text, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if mess_ratio(text, MESS_LIMIT) <= MESS_LIMIT else None


def _check_control_share(text: str) -> None:
    if not text:
        return
    controls = len(_CONTROL.findall(text))
    share = controls / len(text)
    if share > CONTROL_SHARE_LIMIT:
        raise InputError(f"binary content ({share:.0%} control characters), not text")
