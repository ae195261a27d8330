"""The one document that flows through warta's pipeline.

Every stage reads the layers written before it and adds its own; every annotation
points into ``Document.text`` by character offsets, so the text is never rewritten
after cleaning. ``to_dict``/``from_dict`` serve storage, the CLI, golden files and
distributed runs alike.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 2
#: Versions ``from_dict`` still reads: version 1 lacks only layers that default to empty.
READABLE_SCHEMA_VERSIONS = (1, 2)


@dataclass(slots=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int


@dataclass(slots=True)
class RemovedLine:
    """A line of the input the cleaner dropped, and why (kept so nothing is lost silently)."""

    text: str
    reason: str


@dataclass(slots=True)
class Dateline:
    """The "JAKARTA, KOMPAS.com —" opening of a news text, parsed; it also stays in the text."""

    start: int
    end: int
    place: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    """One real-world thing in this document: its fullest name and every mention of it.

    The canonical fields are filled by the ``link`` stage: ``id`` is a stable key, the same
    in every article (an ISO 3166-1 alpha-3 code for a country, a normalized name
    otherwise); ``country`` is the alpha-3 code of the country it is or belongs to;
    ``kind`` is one of country, city, province, government, military, police, court,
    legislature, party, company, media, igo, armed_group, person, other; ``code`` is a
    CAMEO/PLOVER-style actor code ("RUS GOV", "USA GOV MIL", "IGOUNO").
    """

    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    id: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    kind: str | None = None
    code: str | None = None


@dataclass(slots=True)
class Speaker:
    name: str
    entity: int | None = None
    role: str | None = None
    affiliation: str | None = None


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    kind: str
    cue: str | None = None
    speaker: Speaker | None = None
    #: {"text", "value"}: the date expression of the quote's sentence, else the publication
    #: date (filled by the ``dates`` stage).
    when: dict[str, Any] | None = None


@dataclass(slots=True)
class Document:
    """Raw input in, structured layers out.

    ``raw`` is what was read (HTML or plain text); ``text`` is the clean text every
    offset refers to. ``published`` is ISO 8601 and ``published_source`` says where it came
    from (input, html, text, url, dateline). ``dates`` holds TIMEX3 expressions
    ({start, end, text, type, value}); ``events`` PLOVER events (see docs/events.md);
    ``flags`` consistency warnings ({kind, message, spans: [[start, end], ...]}).
    """

    raw: str | None = None
    raw_format: str = "text"
    id: str = ""
    source: str | None = None
    text: str = ""
    language: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    site: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    paragraphs: list[Span] = field(default_factory=list)
    boilerplate: list[RemovedLine] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_input(
        cls,
        raw: str,
        *,
        raw_format: str | None = None,
        source: str | None = None,
        url: str | None = None,
        title: str | None = None,
        published: str | None = None,
        doc_id: str | None = None,
    ) -> Document:
        """A fresh document for ``raw``, keyed by a hash of its content unless an id is given.

        The content hash makes re-ingesting the same page idempotent.
        """
        fmt = raw_format or ("html" if looks_like_html(raw) else "text")
        return cls(
            raw=raw,
            raw_format=fmt,
            id=doc_id or content_hash(raw),
            source=source,
            url=url,
            title=title,
            published=published,
        )

    def span_text(self, span: Span | Mention | Quote | Dateline) -> str:
        return self.text[span.start : span.end]

    def token_texts(self) -> list[str]:
        return [self.text[t.start : t.end] for t in self.tokens]

    def to_dict(self, *, include_raw: bool = True) -> dict[str, Any]:
        """A JSON-ready dict. Tokens are written as ``[start, end]`` pairs to keep it small."""
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "raw" and not include_raw:
                continue
            if f.name == "tokens":
                data["tokens"] = [[t.start, t.end] for t in value]
            elif f.name in ("sentences", "paragraphs"):
                data[f.name] = [[s.start, s.end] for s in value]
            else:
                data[f.name] = _plain(value)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        version = data.get("schema_version")
        if version not in READABLE_SCHEMA_VERSIONS:
            from warta.errors import SchemaError

            raise SchemaError(
                f"document schema_version {version!r} is not {SCHEMA_VERSION}; "
                "re-run the pipeline to upgrade it"
            )
        dateline = data.get("dateline")
        return cls(
            raw=data.get("raw"),
            raw_format=data.get("raw_format", "text"),
            id=data.get("id", ""),
            source=data.get("source"),
            text=data.get("text", ""),
            language=data.get("language"),
            title=data.get("title"),
            published=data.get("published"),
            published_source=data.get("published_source"),
            site=data.get("site"),
            url=data.get("url"),
            authors=list(data.get("authors", [])),
            dateline=Dateline(**dateline) if dateline else None,
            paragraphs=[Span(s, e) for s, e in data.get("paragraphs", [])],
            boilerplate=[RemovedLine(**b) for b in data.get("boilerplate", [])],
            sentences=[Span(s, e) for s, e in data.get("sentences", [])],
            tokens=[Span(s, e) for s, e in data.get("tokens", [])],
            entities=[
                Entity(
                    name=e["name"],
                    type=e["type"],
                    mentions=[Mention(**m) for m in e.get("mentions", [])],
                    id=e.get("id"),
                    aliases=list(e.get("aliases", [])),
                    country=e.get("country"),
                    kind=e.get("kind"),
                    code=e.get("code"),
                )
                for e in data.get("entities", [])
            ],
            quotes=[_quote_from_dict(q) for q in data.get("quotes", [])],
            events=list(data.get("events", [])),
            dates=list(data.get("dates", [])),
            flags=list(data.get("flags", [])),
        )


def _plain(value: Any) -> Any:
    """JSON-ready copy of a layer value; cheaper than ``dataclasses.asdict``'s deep copy."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _quote_from_dict(data: dict[str, Any]) -> Quote:
    speaker = data.get("speaker")
    return Quote(
        text=data["text"],
        start=data["start"],
        end=data["end"],
        kind=data["kind"],
        cue=data.get("cue"),
        speaker=Speaker(**speaker) if speaker else None,
        when=data.get("when"),
    )


def content_hash(raw: str) -> str:
    """A stable 16-hex-digit id for a piece of input."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def looks_like_html(raw: str) -> bool:
    head = raw.lstrip()[:1000].lower()
    return (
        head.startswith("<!doctype html")
        or "<html" in head
        or "<body" in head
        or (head.startswith("<") and ("<p" in head or "<div" in head or "<article" in head))
    )
