"""Request and response models of the API, apart from warta's internal dataclasses."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ArticleIn(BaseModel):
    """One article to analyze: its text or its HTML page, and what is known about it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(None, min_length=1, description="Plain text of the article.")
    html: str | None = Field(None, min_length=1, description="The article's HTML page.")
    url: str | None = Field(None, max_length=2048)
    published: str | None = Field(
        None, max_length=64, description="Publication date, ISO 8601 (2024-05-01 or with time)."
    )
    title: str | None = Field(None, max_length=1000)
    language: str | None = Field(
        None, pattern=r"^[a-z]{2,3}$", description="Skip detection: id, en."
    )

    @model_validator(mode="after")
    def one_input(self) -> Self:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        if self.published is not None:
            try:
                datetime.fromisoformat(self.published)
            except ValueError as e:
                raise ValueError("published is not an ISO 8601 date") from e
        return self


class Paginated(BaseModel):
    """A page of a list: its items, where it starts, and the total when it is known."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    total: int | None = None


class StoredDocument(BaseModel):
    id: str
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    language: str | None
    entities: int
    quotes: int
    events: int
    href: str
