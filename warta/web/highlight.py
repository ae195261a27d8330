"""An article's clean text as HTML, with its layers marked: quotations, entities, dates, events.

Every character of the text goes through ``markupsafe.escape``; only the tags built here are
markup. Layers overlap, so marks are nested: a mark that would cross the end of the mark
it starts in is cut at that end, and a mark of a layer already open (a mention inside a
mention) is left out rather than nest a link in a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from warta.document import Document, Entity

_CLASS_UNSAFE = re.compile(r"[^a-z0-9_-]+")

#: Nesting order when two marks start at the same character and end together.
_RANK = {"quote": 0, "event": 1, "entity": 2, "date": 3}
_TAG = {"quote": "span", "event": "span", "entity": "a", "date": "span"}


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    layer: str
    attrs: dict[str, str] = field(default_factory=dict)


def css_class(value: str) -> str:
    """A token safe inside a class attribute: "ORGANIZATION" -> "organization"."""
    return _CLASS_UNSAFE.sub("-", value.lower()).strip("-") or "other"


def speaker_label(quote_speaker: Any) -> str:
    """ "Retno Marsudi, Menteri Luar Negeri" for a speaker, "unattributed" without one."""
    if quote_speaker is None:
        return "unattributed"
    parts = [quote_speaker.name, quote_speaker.role, quote_speaker.affiliation]
    return ", ".join(p for p in parts if p)


def event_span(event: dict[str, Any]) -> tuple[int, int] | None:
    """The characters an event points at: its trigger when it has one, else its own span."""
    for source in (event.get("trigger"), event):
        if isinstance(source, dict):
            start, end = source.get("start"), source.get("end")
            if isinstance(start, int) and isinstance(end, int) and end > start:
                return start, end
    return None


def marks(doc: Document, entity_href: Callable[[Entity], str]) -> list[Mark]:
    """Every highlight of ``doc``, unsorted."""
    found: list[Mark] = []
    for i, quote in enumerate(doc.quotes):
        label = speaker_label(quote.speaker)
        found.append(
            Mark(
                quote.start,
                quote.end,
                "quote",
                {
                    "id": f"q{i}",
                    "class": f"quote quote-{css_class(quote.kind)}",
                    "tabindex": "0",
                    "title": label,
                    "data-speaker": label,
                },
            )
        )
    for entity in doc.entities:
        for mention in entity.mentions:
            found.append(
                Mark(
                    mention.start,
                    mention.end,
                    "entity",
                    {
                        "class": f"ent ent-{css_class(entity.type)}",
                        "href": entity_href(entity),
                        "title": f"{entity.name} ({entity.type})",
                    },
                )
            )
    for date in doc.dates:
        start, end = date.get("start"), date.get("end")
        if isinstance(start, int) and isinstance(end, int):
            value = str(date.get("value") or date.get("text") or "")
            found.append(Mark(start, end, "date", {"class": "date", "title": value}))
    for event in doc.events:
        span = event_span(event)
        if span is not None:
            kind = str(event.get("type") or "event")
            found.append(
                Mark(*span, "event", {"class": f"event event-{css_class(kind)}", "title": kind})
            )
    return found


def render_paragraphs(doc: Document, entity_href: Callable[[Entity], str]) -> list[Markup]:
    """The clean text, one escaped and marked-up string per paragraph."""
    spans = [(p.start, p.end) for p in doc.paragraphs] or [(0, len(doc.text))]
    all_marks = sorted(
        marks(doc, entity_href), key=lambda m: (m.start, -m.end, _RANK.get(m.layer, 9))
    )
    return [_render(doc.text, start, end, all_marks) for start, end in spans]


def _render(text: str, start: int, end: int, all_marks: list[Mark]) -> Markup:
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (end, layer) of each open mark
    pos = start

    def advance(to: int) -> None:
        nonlocal pos
        if to > pos:
            out.append(escape(text[pos:to]))
            pos = to

    def close_until(limit: int) -> None:
        while stack and stack[-1][0] <= limit:
            close_at, layer = stack.pop()
            advance(close_at)
            out.append(f"</{_TAG[layer]}>")

    for mark in all_marks:
        m_start, m_end = max(mark.start, start), min(mark.end, end)
        if m_end <= m_start:
            continue
        close_until(m_start)
        if stack:
            m_end = min(m_end, stack[-1][0])
        if m_end <= m_start or any(layer == mark.layer for _, layer in stack):
            continue
        advance(m_start)
        # a mark continued from the previous paragraph keeps its look but not its id
        attrs = "".join(
            f' {key}="{escape(value)}"'
            for key, value in mark.attrs.items()
            if key != "id" or mark.start >= start
        )
        out.append(f"<{_TAG[mark.layer]}{attrs}>")
        stack.append((m_end, mark.layer))
    close_until(end)
    advance(end)
    return Markup("".join(out))
