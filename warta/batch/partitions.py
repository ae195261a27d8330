"""Cutting the input into partitions that workers open themselves.

A ``Partition`` only describes its slice (a file list, or a range of one JSONL/WARC file
with the byte offset where it starts), so raw articles never travel from the driver to the
workers. Reading a partition yields exactly the items, sources and failures that
``read_paths`` yields for the same slice, so every engine sees the input as
``warta ingest`` does.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from warta.errors import InputError
from warta.ingest import RawItem, ReadFailure, read_paths
from warta.ingest.readers import (
    DEFAULT_MAX_BYTES,
    ItemRange,
    folder_files,
    format_of,
    item_ranges,
    read_items,
)

#: Articles per partition: enough that a task's overhead (scheduling, a store round trip)
#: is small beside ~5-10 s of analysis, few enough that a killed run loses little.
DEFAULT_PARTITION_SIZE = 100


@dataclass(frozen=True, slots=True)
class Partition:
    """One slice of the input: whole files, or one range of lines/records of a file.

    ``failures`` carries what the driver already knows cannot be read (folders it could
    not list), so they are recorded like any other read failure.
    """

    files: tuple[str, ...] = ()
    path: str | None = None
    items: ItemRange | None = None
    failures: tuple[ReadFailure, ...] = ()

    @property
    def label(self) -> str:
        """A short human name: ``feed.jsonl:101-200``, ``3 files from a.txt``."""
        if self.path is not None and self.items is not None:
            stop = self.items.stop if self.items.stop is not None else "end"
            return f"{self.path}:{self.items.start + 1}-{stop}"
        if self.files:
            first = self.files[0]
            return first if len(self.files) == 1 else f"{len(self.files)} files from {first}"
        return f"{len(self.failures)} unreadable paths"

    @property
    def key(self) -> str:
        """A name stable across runs over the same input (task keys, Parquet shard names)."""
        described = repr((self.files, self.path, self.items)).encode()
        return hashlib.sha1(described, usedforsecurity=False).hexdigest()[:16]

    def read(self, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawItem | ReadFailure]:
        """The items of this slice, as ``read_paths`` yields them."""
        yield from self.failures
        if self.files:
            yield from read_paths(self.files, max_bytes=max_bytes)
        if self.path is not None and self.items is not None:
            yield from read_items(self.path, self.items, max_bytes=max_bytes)


def plan_partitions(
    paths: Iterable[str | os.PathLike[str]],
    *,
    size: int = DEFAULT_PARTITION_SIZE,
    passed_over: Counter[str] | None = None,
) -> list[Partition]:
    """Partitions covering ``paths``: JSONL by line ranges, WARC by record ranges, other files
    (and folders' files) in groups of ``size``. ``size`` 0 keeps each JSONL/WARC file whole,
    which saves the driver its one pass over each of them (see docs/scale.md).

    Files a folder holds in no known format are counted by reason in ``passed_over``.
    Raises ``InputError`` for ``-``: standard input cannot be read by other processes.
    """
    if size < 0:
        raise ValueError(f"size must be 0 or positive, not {size}")
    partitions: list[Partition] = []
    loose: list[str] = []

    def add_file(path: Path) -> None:
        splittable = size and format_of(path)[0] in {"jsonl", "warc"}
        ranges = item_ranges(path, size) if splittable else None
        if ranges is None:
            loose.append(str(path))
            return
        partitions.extend(Partition(path=str(path), items=r) for r in ranges)

    for arg in paths:
        if os.fspath(arg) == "-":
            raise InputError("standard input ('-') can only be read by --engine local")
        path = Path(arg)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError:
            is_dir = False  # read_paths reports why, as in a local run
        if not is_dir:
            add_file(path)
            continue
        found, errors = folder_files(path, passed_over)
        if errors:
            partitions.append(Partition(failures=tuple(errors)))
        for file in found:
            add_file(file)
    step = size or DEFAULT_PARTITION_SIZE
    partitions.extend(
        Partition(files=tuple(loose[i : i + step])) for i in range(0, len(loose), step)
    )
    return partitions
