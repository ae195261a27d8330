"""Readers that turn files, folders, archives and stdin into raw items for the pipeline.

A reader never raises on bad input: it yields a ``ReadFailure`` for that item and goes on,
so one broken file never stops a batch.
"""

from __future__ import annotations

from dataclasses import dataclass

from warta.document import Document


@dataclass(slots=True)
class RawItem:
    """One article as read: decoded content plus whatever metadata the container had."""

    source: str  # "path", "path:LINE" for JSONL, "path#RECORD" for WARC, "-" for stdin
    content: str
    format: str  # "html" or "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    id: str | None = None

    def to_document(self) -> Document:
        return Document.from_input(
            self.content,
            raw_format=self.format,
            source=self.source,
            url=self.url,
            title=self.title,
            published=self.published,
            doc_id=self.id,
        )


@dataclass(slots=True)
class ReadFailure:
    """An item that could not be read, with the reason in one line."""

    source: str
    error_type: str
    message: str


# Imported last: the readers build the two classes above.
from warta.ingest.readers import read_paths  # noqa: E402

__all__ = ["RawItem", "ReadFailure", "read_paths"]
