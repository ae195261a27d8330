"""A human-readable report of one document, as ``warta analyze`` and ``warta show`` print it."""

from __future__ import annotations

import textwrap
from collections import defaultdict

from warta.document import Document, Entity, Quote

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
        ("published", _published(doc)),
        ("language", doc.language),
        ("authors", ", ".join(doc.authors) if doc.authors else None),
    ]
    if doc.dateline:
        parts = [part for part in (doc.dateline.place, doc.dateline.outlet) if part]
        meta.append(("dateline", " / ".join(parts)))  # an empty dateline is not shown
    if doc.flags:
        meta.append(("flags", "; ".join(f"{f.get('kind')}: {f.get('message')}" for f in doc.flags)))
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
                lines.append(f"    {entity.name} ×{len(entity.mentions)}{_identity(entity)}{also}")

    if doc.quotes:
        lines += ["", f"Quotations ({len(doc.quotes)})"]
        for speaker, quotes in _quotes_by_speaker(doc.quotes):
            lines.append(f"  {speaker}")
            for quote in quotes:
                cue = f" [{quote.kind}, {quote.cue}]" if quote.cue else f" [{quote.kind}]"
                if quote.when and quote.when.get("value"):
                    cue += f" ({quote.when['value']})"
                lines.append(
                    textwrap.indent(textwrap.fill(_clip(quote.text, 300) + cue, WIDTH - 6), "    ")
                )

    lines += _event_lines(doc)
    if doc.dates:
        lines += ["", f"Dates ({len(doc.dates)})"]
        lines += [_date_line(item) for item in doc.dates]
    if doc.flags:
        lines += ["", f"Flags ({len(doc.flags)})"]
        for flag in doc.flags:
            lines.append(f"  {flag.get('kind', 'flag')}: {flag.get('message', '')}")
            for start, end in flag.get("spans", []):
                lines.append(f"    at {start}-{end}: {_clip(doc.text[start:end], 80)!r}")
    return "\n".join(lines).rstrip() + "\n"


def _published(doc: Document) -> str | None:
    if not doc.published:
        return None
    return f"{doc.published} ({doc.published_source})" if doc.published_source else doc.published


def _date_line(item: dict[str, object]) -> str:
    """ "  Senin (27/3)               2017-03-27   DATE" """
    text = _clip(str(item.get("text", "")), 40)
    return f"  {text:<40} {item.get('value')!s:<20} {item.get('type', '')}".rstrip()
def _identity(entity: Entity) -> str:
    """The link stage's record in brackets: "[RUS GOV]", "[city, RUS]"; nothing without it."""
    if entity.code:
        plain = entity.kind in ("person", "country")
        label = entity.code if plain else f"{entity.kind}, {entity.code}"
    elif entity.kind and entity.kind != "other":
        label = f"{entity.kind}, {entity.country}" if entity.country else entity.kind
    else:
        return ""
    return f"  [{label}]"


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
