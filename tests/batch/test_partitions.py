"""Partitions read back exactly what ``read_paths`` reads: same items, sources, failures."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta.batch.partitions import Partition, plan_partitions
from warta.errors import InputError
from warta.ingest import RawItem, ReadFailure, read_paths


def jsonl_lines(n: int) -> list[str]:
    """n lines with blanks, a broken line and a record without text among them."""
    lines = [
        json.dumps({"text": f"Berita nomor {i}.", "url": f"https://contoh.id/{i}"})
        for i in range(n)
    ]
    lines[3] = ""
    lines[5] = "{not json"
    lines[8] = json.dumps({"title": "tanpa teks"})
    return lines


def write_warc(path: Path, pages: int, *, compress: bool) -> None:
    """A WARC of a warcinfo record, then a request and a response record per page."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for i in range(pages):
            url = f"https://contoh.id/{i}"
            request = StatusAndHeaders(f"GET /{i} HTTP/1.1", [], is_http_request=True)
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), http_headers=request
                )
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            body = f"<html><body><p>Halaman {i}.</p></body></html>".encode()
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )


def read_all(partitions: list[Partition]) -> list[RawItem | ReadFailure]:
    return [item for p in partitions for item in p.read()]


@pytest.mark.parametrize(
    ("name", "size", "expected_partitions"),
    [
        ("feed.jsonl", 1, 23),
        ("feed.jsonl", 4, 6),
        ("feed.jsonl", 22, 2),
        ("feed.jsonl", 23, 1),  # no more lines than one partition holds: read whole
        ("feed.jsonl", 0, 1),  # size 0: never split
        ("feed.jsonl.gz", 4, 6),
    ],
)
def test_jsonl_line_ranges_read_what_the_file_reads(
    tmp_path: Path, name: str, size: int, expected_partitions: int
) -> None:
    path = tmp_path / name
    content = "\n".join(jsonl_lines(23)) + "\n"
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(content.encode()))
    else:
        path.write_text(content, encoding="utf-8")
    partitions = plan_partitions([path], size=size)
    assert len(partitions) == expected_partitions
    assert read_all(partitions) == list(read_paths([path]))


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize(("size", "expected_partitions"), [(1, 11), (4, 3), (10, 2), (11, 1)])
def test_warc_record_ranges_read_what_the_file_reads(
    tmp_path: Path, compress: bool, size: int, expected_partitions: int
) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    write_warc(path, 5, compress=compress)  # 11 records, 5 of them articles
    partitions = plan_partitions([path], size=size)
    assert len(partitions) == expected_partitions
    items = read_all(partitions)
    assert items == list(read_paths([path]))
    assert [i.source for i in items] == [f"{path}#{n}" for n in (3, 5, 7, 9, 11)]


def test_folders_group_files_and_keep_unreadable_paths_as_failures(tmp_path: Path) -> None:
    folder = tmp_path / "berita"
    (folder / "sub").mkdir(parents=True)
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Artikel {i}.", encoding="utf-8")
    (folder / "sub" / "feed.jsonl").write_text("\n".join(jsonl_lines(10)), encoding="utf-8")
    (folder / "gambar.png").write_bytes(b"\x89PNG")  # not an input format: skipped
    missing = tmp_path / "hilang.txt"
    partitions = plan_partitions([folder, missing], size=4)
    assert [p.label for p in partitions] == [
        f"{folder}/sub/feed.jsonl:1-4",
        f"{folder}/sub/feed.jsonl:5-8",
        f"{folder}/sub/feed.jsonl:9-end",
        f"4 files from {folder}/0.txt",
        f"2 files from {folder}/4.txt",  # with the missing path, read as read_paths does
    ]
    items = read_all(partitions)
    expected = list(read_paths([folder, missing]))
    assert sorted(map(repr, items)) == sorted(map(repr, expected))
    assert ReadFailure(str(missing), "InputError", "no such file or directory") in items


def test_partition_keys_are_stable_and_distinct(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(jsonl_lines(20)), encoding="utf-8")
    keys = [p.key for p in plan_partitions([path], size=5)]
    assert keys == [p.key for p in plan_partitions([path], size=5)]
    assert len(set(keys)) == 4


def test_standard_input_cannot_be_partitioned() -> None:
    with pytest.raises(InputError, match="only be read by --engine local"):
        plan_partitions(["-"])
