"""A human-readable report of one document, as ``warta analyze`` and ``warta show`` print it."""

from __future__ import annotations

import textwrap
from collections import defaultdict

from warta.document import Document, Quote

WIDTH = 100
ENTITY_TYPES = {"PER": "People", "ORG": "Organizations", "LOC": "Places"}


def render_report(doc: Document, *, paragraphs: int = 3) -> str:
    """Metadata, cleaning results and every filled layer; ``paragraphs`` caps the text preview."""
    lines: list[str] = []
    heading = doc.title or _first_line(doc.text) or "(untitled)"
    lines += [heading, "=" * min(len(heading), WIDTH)]
    meta = [
        ("id", doc.id),
        ("source", doc.source),
        ("url", doc.url),
        ("site", doc.site),
        ("published", doc.published),
        ("language", doc.language),
        ("authors", ", ".join(doc.authors) if doc.authors else None),
    ]
    if doc.dateline:
        place = doc.dateline.place or "?"
        meta.append(("dateline", f"{place} / {doc.dateline.outlet or '?'}"))
    meta.append(
        (
            "size",
            f"{len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, "
            f"{len(doc.tokens)} tokens",
        )
    )
    lines += [f"{key:<10} {value}" for key, value in meta if value]

    lines += ["", f"Text ({len(doc.paragraphs)} paragraphs kept)"]
    for span in doc.paragraphs[:paragraphs]:
        lines.append(
            textwrap.indent(textwrap.fill(doc.text[span.start : span.end], WIDTH - 2), "  ")
        )
        lines.append("")
    if len(doc.paragraphs) > paragraphs:
        lines.append(f"  ... {len(doc.paragraphs) - paragraphs} more paragraphs")

    lines += ["", f"Boilerplate removed ({len(doc.boilerplate)} lines)"]
    lines += [f"  [{b.reason}] {_clip(b.text)}" for b in doc.boilerplate] or ["  (none)"]

    if doc.entities:
        lines += ["", f"Entities ({len(doc.entities)})"]
        by_type = defaultdict(list)
        for entity in doc.entities:
            by_type[entity.type].append(entity)
        for etype, entities in sorted(by_type.items()):
            lines.append(f"  {ENTITY_TYPES.get(etype, etype)}:")
            for entity in sorted(entities, key=lambda e: -len(e.mentions)):
                forms = sorted({m.text for m in entity.mentions} - {entity.name})
                also = f"  (also: {', '.join(forms)})" if forms else ""
                lines.append(f"    {entity.name} ×{len(entity.mentions)}{also}")

    if doc.quotes:
        lines += ["", f"Quotations ({len(doc.quotes)})"]
        for speaker, quotes in _quotes_by_speaker(doc.quotes):
            lines.append(f"  {speaker}")
            for quote in quotes:
                cue = f" [{quote.kind}, {quote.cue}]" if quote.cue else f" [{quote.kind}]"
                lines.append(
                    textwrap.indent(textwrap.fill(_clip(quote.text, 300) + cue, WIDTH - 6), "    ")
                )

    lines += _event_lines(doc)
    for name, layer in (("Dates", doc.dates),):
        if layer:
            lines += ["", f"{name} ({len(layer)})"]
            lines += [f"  {item}" for item in layer]
    return "\n".join(lines).rstrip() + "\n"


def _quotes_by_speaker(quotes: list[Quote]) -> list[tuple[str, list[Quote]]]:
    groups: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker is None:
            groups["(speaker unknown)"].append(quote)
            continue
        label = quote.speaker.name
        if quote.speaker.role:
            label += f", {quote.speaker.role}"
        groups[label].append(quote)
    return sorted(groups.items(), key=lambda item: -len(item[1]))


def _first_line(text: str) -> str:
    return _clip(text.split("\n", 1)[0], 80) if text else ""


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _event_lines(doc: Document) -> list[str]:
    """Events as "TYPE/mode [modality] source -> target: trigger (when, where, per whom)"."""
    if not doc.events:
        return []
    lines = ["", f"Events ({len(doc.events)})"]
    for ev in doc.events:
        source = (ev.get("source") or {}).get("name") or "?"
        target = f" -> {ev['target']['name']}" if ev.get("target") else ""
        mode = f"/{ev['mode']}" if ev.get("mode") else ""
        extra = [
            (ev.get("when") or {}).get("value") or "",
            (ev.get("where") or {}).get("name") or "",
            f"per {ev['attribution']['speaker']}" if ev.get("attribution") else "",
        ]
        tail = f" ({', '.join(x for x in extra if x)})" if any(extra) else ""
        line = (
            f"{ev['type']}{mode} [{ev['modality']}] {source}{target}: "
            f"“{ev['trigger']['text']}”{tail}"
        )
        lines.append(textwrap.indent(textwrap.fill(line, WIDTH - 4), "  "))
    return lines
