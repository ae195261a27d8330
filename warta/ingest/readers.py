"""Read files, folders, JSONL, WARC archives and stdin into ``RawItem``s.

``read_paths`` never raises on bad input: an item that cannot be read becomes a
``ReadFailure`` carrying the reason, and reading goes on with the next item, so one broken
file never stops a batch. Everything is read with a size cap (``max_bytes``, counted after
decompression) so a 2 GB file costs no more memory than the cap. See docs/ingest.md.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.recordloader import ArcWarcRecord  # type: ignore[import-untyped]

from warta.document import looks_like_html
from warta.errors import InputError
from warta.ingest import RawItem, ReadFailure
from warta.ingest.encoding import decode_bytes, sniff_binary

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000

#: What each file name ending holds; ``.gz`` may follow any of them.
FORMAT_BY_SUFFIX = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".warc": "warc",
}

#: JSONL fields copied into the RawItem when present.
JSONL_METADATA = ("url", "title", "published", "id")

_INPUT_ERROR = "InputError"
_TRUNCATED_GZIP = "gzip stream is truncated (it ends before its end-of-stream marker)"
_HEAD_BYTES = 1024
_UTF16_32_BOMS = {
    b"\xff\xfe\x00\x00": "utf-32",
    b"\x00\x00\xfe\xff": "utf-32",
    b"\xff\xfe": "utf-16",
    b"\xfe\xff": "utf-16",
}
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    passed_over: Counter[str] | None = None,
) -> Iterator[RawItem | ReadFailure]:
    """One ``RawItem`` per article in ``paths``, one ``ReadFailure`` per item that cannot be read.

    A path may be a file, a folder (read recursively, files in sorted order) or ``-`` for
    ``stdin`` (``sys.stdin.buffer`` when not given). Order and sources are deterministic.
    Files a folder holds in no known format are skipped, counted by reason in ``passed_over``.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    for arg in paths:
        if os.fspath(arg) == "-":
            yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
            continue
        path = Path(arg)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except FileNotFoundError:
            yield ReadFailure(str(path), _INPUT_ERROR, "no such file or directory")
            continue
        except OSError as e:
            yield ReadFailure(str(path), type(e).__name__, _os_message(e))
            continue
        if is_dir:
            yield from _read_folder(path, max_bytes, passed_over)
        else:
            yield from _read_file(path, max_bytes)


def format_of(path: Path) -> tuple[str | None, bool]:
    """The format a file name promises (None when unknown) and whether it is gzipped."""
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[: -len(".gz")]
    return FORMAT_BY_SUFFIX.get(os.path.splitext(name)[1]), gzipped


def folder_files(
    folder: Path, passed_over: Counter[str] | None = None
) -> tuple[list[Path], list[ReadFailure]]:
    """The files of a known format under ``folder``, sorted by path so runs are repeatable,
    and a failure for each part of the folder that could not be listed; files in no known
    format are counted by reason in ``passed_over``.

    Symbolic links to folders are not followed (no cycles); links to files are read.
    """
    walk_errors: list[OSError] = []
    found: list[Path] = []
    for dirpath, _dirnames, filenames in os.walk(folder, onerror=walk_errors.append):
        for name in filenames:
            path = Path(dirpath, name)
            if format_of(path)[0] is None:
                logger.debug("skipping %s: not a known input format", path)
                if passed_over is not None:
                    suffix = f"*{path.suffix.lower()}" if path.suffix else "no extension"
                    passed_over[f"not a format warta reads ({suffix})"] += 1
            else:
                found.append(path)
    found.sort(key=lambda p: p.relative_to(folder).parts)
    errors = [
        ReadFailure(str(error.filename), type(error).__name__, _os_message(error))
        for error in walk_errors
    ]
    return found, errors


def _read_folder(
    folder: Path, max_bytes: int, passed_over: Counter[str] | None = None
) -> Iterator[RawItem | ReadFailure]:
    found, errors = folder_files(folder, passed_over)
    yield from errors
    for path in found:
        yield from _read_file(path, max_bytes)


@dataclass(frozen=True, slots=True)
class ItemRange:
    """Items ``start + 1`` to ``stop`` (None: to the end) of one JSONL or WARC file, numbered
    as their sources are (``path:LINE``, ``path#RECORD``); the first begins at byte ``offset``
    of the decompressed file, so a reader seeks there instead of reading what comes before."""

    start: int
    stop: int | None
    offset: int


def read_items(
    path: str | os.PathLike[str], items: ItemRange, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawItem | ReadFailure]:
    """The items of one range of a JSONL or WARC file, exactly as ``read_paths`` reads them."""
    return _read_file(Path(path), max_bytes, items)


def item_ranges(path: str | os.PathLike[str], size: int) -> list[ItemRange] | None:
    """``path`` cut into ranges of ``size`` lines (JSONL) or records (WARC) for parallel readers.

    None when the file is better read whole: another format, fewer than ``size`` items, a
    wide encoding (UTF-16/32 lines have no byte boundaries to seek to), or a file that
    cannot be read to its end (its reader then reports why, as in a whole-file read).
    Costs one pass over the file (decompressing a gzipped one), no parsing of items.
    """
    path = Path(path)
    fmt, gzipped = format_of(path)
    try:
        with _open(path, gzipped) as stream:
            head = stream.peek(_HEAD_BYTES)[:_HEAD_BYTES]
            if not head or sniff_binary(head):
                return None
            starts: list[tuple[int, int]] | None
            if fmt == "jsonl" and not any(head.startswith(bom) for bom in _UTF16_32_BOMS):
                starts = _line_starts(stream, size)
            elif fmt == "warc" and head.lstrip().startswith(b"WARC/"):
                starts = _record_starts(stream, size)
            else:
                return None
    except (OSError, EOFError, zlib.error, InputError) as e:
        logger.debug("%s read whole: %s", path, e)
        return None
    if starts is None or len(starts) < 2:
        return None
    return [
        ItemRange(number, starts[i + 1][0] if i + 1 < len(starts) else None, offset)
        for i, (number, offset) in enumerate(starts)
    ]


def _line_starts(stream: io.BufferedReader | gzip.GzipFile, size: int) -> list[tuple[int, int]]:
    """(lines before, byte offset) of line 1 and of every ``size``-th line after it."""
    starts = [(0, 0)]
    lines = 0
    position = 0
    while chunk := stream.read(1 << 20):
        at = chunk.find(b"\n")
        while at >= 0:
            lines += 1
            if lines % size == 0:
                starts.append((lines, position + at + 1))
            at = chunk.find(b"\n", at + 1)
        position += len(chunk)
    if starts[-1][1] >= position and len(starts) > 1:
        starts.pop()  # the file ends exactly at a boundary: no range after it
    return starts


def _record_starts(
    stream: io.BufferedReader | gzip.GzipFile, size: int
) -> list[tuple[int, int]] | None:
    """(records before, byte offset) of record 1 and of every ``size``-th record after it;
    None when a record is broken (the whole-file reader then reports it)."""
    reporting = _ReportingStream(stream)
    archive = ArchiveIterator(reporting)
    starts = [(0, 0)]
    number = 0
    try:
        for _record in archive:
            if number and number % size == 0:
                starts.append((number, archive.get_record_offset()))
            number += 1
    except Exception as e:  # warcio raises assorted types on damage; read the file whole
        logger.debug("WARC scan stopped: %s", e)
        return None
    return None if reporting.error is not None else starts


def _read_file(
    path: Path, max_bytes: int, items: ItemRange | None = None
) -> Iterator[RawItem | ReadFailure]:
    """The items of one file (or of one range of it); a file with no known format is read
    as one sniffed document."""
    fmt, gzipped = format_of(path)
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(path, gzipped, max_bytes, items)
        elif fmt == "warc":
            yield from _read_warc(path, gzipped, max_bytes, items)
        elif items is not None:
            raise InputError("only JSONL and WARC files can be read in ranges")
        else:
            yield _read_document(path, fmt, gzipped, max_bytes)
    except InputError as e:
        yield ReadFailure(str(path), _INPUT_ERROR, str(e))
    except OSError as e:
        yield ReadFailure(str(path), type(e).__name__, _os_message(e))


def _read_document(path: Path, fmt: str | None, gzipped: bool, max_bytes: int) -> RawItem:
    """A file that holds one article (text or HTML), or raise ``InputError``."""
    info = path.stat()
    regular = stat.S_ISREG(info.st_mode)
    if regular and info.st_size == 0:
        raise InputError("empty file")
    if regular and not gzipped and info.st_size > max_bytes:
        raise InputError(_too_big(f"file is {info.st_size:,} bytes", max_bytes))
    with _open(path, gzipped) as stream:
        data = _guarded(stream.read, max_bytes + 1)
    if len(data) > max_bytes:
        what = "file" if not gzipped else "decompressed content"
        compressed = f" (the gzip file is {info.st_size:,} bytes)" if gzipped else ""
        raise InputError(_too_big(f"{what} is over {max_bytes:,} bytes{compressed}", max_bytes))
    if fmt is None:
        logger.debug("%s has no known extension: reading it as one document", path)
    return _document_item(str(path), data, fmt)


def _read_stdin(stdin: BinaryIO, max_bytes: int) -> RawItem | ReadFailure:
    """Standard input as one document, HTML or text by its content."""
    try:
        data = stdin.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(_too_big(f"stdin holds over {max_bytes:,} bytes", max_bytes))
        return _document_item("-", data, None)
    except InputError as e:
        return ReadFailure("-", _INPUT_ERROR, str(e))
    except OSError as e:
        return ReadFailure("-", type(e).__name__, _os_message(e))


def _document_item(source: str, data: bytes, fmt: str | None) -> RawItem:
    """Decode one document; ``fmt`` None means sniff HTML versus text."""
    if not data.strip():
        raise InputError("empty file")
    is_html = fmt == "html" or (
        fmt is None and looks_like_html(data[:_HEAD_BYTES].decode("latin-1"))
    )
    text = decode_bytes(data, is_html=is_html)
    if not text.strip():
        raise InputError("empty file")
    if fmt is None:
        fmt = "html" if looks_like_html(text) else "text"
    return RawItem(source=source, content=_normalize_newlines(text), format=fmt)


# --- JSONL -----------------------------------------------------------------------------


def _read_jsonl(
    path: Path, gzipped: bool, max_bytes: int, items: ItemRange | None = None
) -> Iterator[RawItem | ReadFailure]:
    """One item per line; a bad line is a failure for that line and the file goes on."""
    lineno = items.start if items else 0
    stop = items.stop if items else None
    any_content = False
    with _open(path, gzipped) as stream:
        if items is not None:
            _guarded(stream.seek, items.offset)
        head = _guarded(stream.peek, _HEAD_BYTES)[:_HEAD_BYTES]
        binary = sniff_binary(head)
        if binary:
            raise InputError(f"binary content ({binary}), not JSON lines")
        lines = _jsonl_lines(stream, head, max_bytes)
        while stop is None or lineno < stop:
            try:
                line = next(lines)
            except StopIteration:
                break
            except InputError as e:
                # The stream itself broke (truncated gzip): nothing after this can be read.
                where = f"{path}:{lineno + 1}" if lineno else str(path)
                yield ReadFailure(where, _INPUT_ERROR, str(e))
                return
            lineno += 1
            if isinstance(line, str) and not line.strip():
                continue
            any_content = True
            source = f"{path}:{lineno}"
            if isinstance(line, InputError):
                yield ReadFailure(source, _INPUT_ERROR, str(line))
            else:
                yield _jsonl_item(source, line)
    if not any_content and items is None:
        yield ReadFailure(str(path), _INPUT_ERROR, "empty file")


def _jsonl_lines(
    stream: io.BufferedReader | gzip.GzipFile, head: bytes, max_bytes: int
) -> Iterator[str | InputError]:
    """Decoded lines, or an ``InputError`` in place of a line that is too long or undecodable.

    Raises ``InputError`` when the stream itself breaks. A file with a UTF-16/32 BOM is
    decoded as a whole; otherwise each line is decoded on its own (JSON Lines is UTF-8,
    but a legacy-encoded line still reads).
    """
    wide = next((codec for bom, codec in _UTF16_32_BOMS.items() if head.startswith(bom)), None)
    if wide:
        text_stream = io.TextIOWrapper(stream, encoding=wide)
        while line := _guarded(text_stream.readline, max_bytes + 1):
            if len(line) > max_bytes:
                _skip_rest_of_line(text_stream.readline, "\n")
                yield InputError(_too_big(f"line is over {max_bytes:,} characters", max_bytes))
            else:
                yield line
        return
    while raw := _guarded(stream.readline, max_bytes + 1):
        if len(raw) > max_bytes:
            _skip_rest_of_line(stream.readline, b"\n")
            yield InputError(_too_big(f"line is over {max_bytes:,} bytes", max_bytes))
            continue
        if not raw.strip():
            yield ""
            continue
        try:
            yield decode_bytes(raw)
        except InputError as e:
            yield e


def _skip_rest_of_line(readline: Any, newline: str | bytes) -> None:
    """Read on to the end of an over-long line without keeping it."""
    chunk = 1 << 20
    while True:
        rest = _guarded(readline, chunk)
        if not rest or rest.endswith(newline):
            return


def _jsonl_item(source: str, line: str) -> RawItem | ReadFailure:
    """One JSONL record; ``text`` wins over ``html`` when both are given (it is the article
    as its producer extracted it, and the other fields carry the metadata)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return ReadFailure(source, _INPUT_ERROR, f"not JSON: {e.msg} at column {e.colno}")
    if not isinstance(record, dict):
        return ReadFailure(source, _INPUT_ERROR, f"not a JSON object but {_json_type(record)}")
    given = [(field, record[field]) for field in ("text", "html") if record.get(field) is not None]
    if not given:
        return ReadFailure(source, _INPUT_ERROR, "has neither 'text' nor 'html'")
    chosen = next(((f, v) for f, v in given if isinstance(v, str) and v.strip()), None)
    if chosen is None:
        field, value = given[0]
        problem = "is empty" if isinstance(value, str) else f"is {_json_type(value)}, not a string"
        return ReadFailure(source, _INPUT_ERROR, f"'{field}' {problem}")
    metadata: dict[str, str | None] = {}
    for field in JSONL_METADATA:
        value = record.get(field)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        elif value is not None and not isinstance(value, str):
            return ReadFailure(
                source, _INPUT_ERROR, f"'{field}' is {_json_type(value)}, not a string"
            )
        metadata[field] = (value.strip() or None) if value is not None else None
    field, content = chosen
    return RawItem(
        source=source,
        content=_normalize_newlines(content),
        format=field,
        url=metadata["url"],
        title=metadata["title"],
        published=metadata["published"],
        id=metadata["id"],
    )


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", bool: "a boolean", str: "a string"}
    return names.get(type(value), "a number")


# --- WARC ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Response:
    """The parts of an HTML response record the reader needs, read under the size cap."""

    url: str | None
    charset: str | None
    body: bytes
    over_cap: bool


class _ReportingStream:
    """A file for warcio that remembers gzip damage instead of raising it.

    warcio takes an ``EOFError`` from its input for a clean end of the archive, so a
    truncated ``.warc.gz`` would silently lose its last records. Reading in small ``read1``
    steps also hands warcio every byte that decompressed before the damage.
    """

    def __init__(self, stream: io.BufferedReader | gzip.GzipFile) -> None:
        self._stream = stream
        self.error: Exception | None = None
        self.exhausted = False

    def read(self, size: int = -1) -> bytes:
        if self.error is not None:
            return b""
        try:
            data = self._stream.read1(size if size > 0 else io.DEFAULT_BUFFER_SIZE)
        except (EOFError, gzip.BadGzipFile, zlib.error) as e:
            self.error = e
            return b""
        self.exhausted = not data
        return data


def _read_warc(
    path: Path, gzipped: bool, max_bytes: int, items: ItemRange | None = None
) -> Iterator[RawItem | ReadFailure]:
    """One item per HTML response record; the first broken record ends the file.

    ``published`` stays None: WARC-Date is when the page was crawled, not published, and
    the cleaner finds the publication date in the page itself.
    """
    with _open(path, gzipped) as raw:
        if items is not None:
            _guarded(raw.seek, items.offset)
        head = _guarded(raw.peek, _HEAD_BYTES)[:_HEAD_BYTES]
        if not head:
            raise InputError("empty file")
        binary = sniff_binary(head)
        if binary:
            raise InputError(f"binary content ({binary}), not a WARC file")
        if not head.lstrip().startswith(b"WARC/"):
            raise InputError("not a WARC file: it does not start with a WARC/1.x header")
        stream = _ReportingStream(raw)
        archive = ArchiveIterator(stream)
        records = iter(archive)
        number = items.start if items else 0
        stop = items.stop if items else None
        responses = 0
        while stop is None or number < stop:
            source = f"{path}#{number + 1}"
            try:
                record = next(records)
                response = _read_response(record, max_bytes)
            except StopIteration:
                break
            # warcio raises assorted exception types (even AttributeError) on damaged
            # input; whatever it raises, this file is broken from here on.
            except Exception as e:
                logger.debug("WARC record %s unreadable", source, exc_info=True)
                at_end = stream.exhausted and not archive.reader.rem_length()
                yield ReadFailure(source, _INPUT_ERROR, _warc_message(e, stream.error, at_end))
                return
            number += 1
            if response is not None:
                responses += 1
                yield _warc_item(source, response, max_bytes)
        if stream.error is not None:
            yield ReadFailure(f"{path}#{number + 1}", _INPUT_ERROR, _gzip_message(stream.error))
            return
    if not responses:
        logger.info("%s: no HTML response records among %d records", path, number)


def _warc_message(error: Exception, gzip_error: Exception | None, at_end: bool) -> str:
    """Why a record could not be read: gzip damage underneath, or the file ending while
    warcio parsed headers, explains its parse error better than the error itself."""
    if gzip_error is not None:
        return _gzip_message(gzip_error)
    if isinstance(error, InputError):
        return str(error)
    if at_end:
        return "WARC record is truncated: the file ends inside its headers"
    return f"broken WARC record: {_one_line(error)}"


def _read_response(record: ArcWarcRecord, max_bytes: int) -> _Response | None:
    """The HTML body of a 2xx response record, None for any other record.

    Raises ``InputError`` when the record ends before its declared length.
    """
    if record.rec_type != "response" or record.http_headers is None:
        logger.debug("skipping %s record", record.rec_type)
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        logger.debug("skipping %s: HTTP status %s", url, status)
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if content_type and "html" not in content_type:
        logger.debug("skipping %s: %s", url, content_type)
        return None
    body = record.content_stream().read(max_bytes + 1)
    over_cap = len(body) > max_bytes
    missing = record.raw_stream.limit
    if not over_cap and missing > 0:
        length = record.rec_headers.get_header("Content-Length")
        raise InputError(f"WARC record is truncated: {missing:,} of its {length} bytes are missing")
    if not content_type and not looks_like_html(body[:_HEAD_BYTES].decode("latin-1")):
        logger.debug("skipping %s: no Content-Type and not HTML", url)
        return None
    charset = _CHARSET_PARAM.search(content_type)
    return _Response(url, charset.group(1) if charset else None, body, over_cap)


def _warc_item(source: str, response: _Response, max_bytes: int) -> RawItem | ReadFailure:
    if response.over_cap:
        message = _too_big(f"response body is over {max_bytes:,} bytes", max_bytes)
        return ReadFailure(source, _INPUT_ERROR, message)
    if not response.body.strip():
        return ReadFailure(source, _INPUT_ERROR, "empty response body")
    try:
        text = decode_bytes(response.body, declared=response.charset, is_html=True)
    except InputError as e:
        return ReadFailure(source, _INPUT_ERROR, str(e))
    return RawItem(
        source=source, content=_normalize_newlines(text), format="html", url=response.url
    )


# --- shared helpers --------------------------------------------------------------------


def _open(path: Path, gzipped: bool) -> io.BufferedReader | gzip.GzipFile:
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def _guarded(read: Any, size: int) -> Any:
    """Call ``read(size)``, turning gzip damage (or bad UTF-16/32 in a JSONL stream) into an
    ``InputError`` that says what broke."""
    try:
        return read(size)
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise InputError(_gzip_message(e)) from e
    except UnicodeDecodeError as e:
        raise InputError(f"not valid {e.encoding}: {e.reason}") from e


def _gzip_message(error: Exception) -> str:
    if isinstance(error, EOFError):
        return _TRUNCATED_GZIP
    if isinstance(error, gzip.BadGzipFile):
        return f"not a valid gzip file: {error}"
    return f"corrupt gzip data: {error}"


def _too_big(what: str, max_bytes: int) -> str:
    return f"{what}, over the limit of {max_bytes:,} bytes (raise max_bytes to read it)"


def _normalize_newlines(text: str) -> str:
    """Windows and old-Mac line ends become ``\\n``, as an HTML parser would read them too."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _os_message(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
