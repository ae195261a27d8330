"""GDELT-2.0-style TSV files: events, event mentions, and a GKG-like table per article.

Column names follow GDELT 2.0's Event, Mentions and GKG codebooks where warta has the
same thing, and warta's own columns follow (docs/exports.md lists every column). Each
extracted event is one row of ``events.tsv`` (GDELT merges the reports of one event across
articles; warta gives each row its story id instead, so a reader can group them) and one
row of ``mentions.tsv``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from warta.document import Document
from warta.store.schema import story_members

if TYPE_CHECKING:
    from warta.store import Store

EVENT_COLUMNS = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "Actor1Name",
    "Actor1Code",
    "Actor2Name",
    "Actor2Code",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "SOURCEURL",
    "WartaType",
    "WartaMode",
    "Modality",
    "Confidence",
    "EventDate",
    "DocID",
    "StoryID",
]
MENTION_COLUMNS = [
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "DocID",
]
GKG_COLUMNS = [
    "GKGRECORDID",
    "DATE",
    "SourceCollectionIdentifier",
    "SourceCommonName",
    "DocumentIdentifier",
    "Counts",
    "Persons",
    "Organizations",
    "Locations",
    "EnhancedPersons",
    "EnhancedOrganizations",
    "EnhancedLocations",
    "EnhancedDates",
    "Quotations",
    "AllNames",
    "Title",
    "Language",
    "StoryID",
]
_PERSON, _ORG, _LOC = {"PER"}, {"ORG"}, {"LOC", "GPE", "FAC"}


def quad_class(cameo: str | None) -> str:
    """GDELT's QuadClass from a CAMEO code: 1 verbal and 2 material cooperation, 3 verbal
    and 4 material conflict; empty without a code."""
    if not cameo or not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    return "1" if root <= 5 else "2" if root <= 8 else "3" if root <= 13 else "4"


def _clean(value: Any) -> str:
    """A TSV cell: None is empty; tabs and line breaks become spaces."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _stamp(published: str | None, length: int) -> str:
    """GDELT's YYYYMMDD[HHMMSS] from an ISO 8601 date (empty when unknown)."""
    if not published:
        return ""
    digits = "".join(c for c in published[:19] if c.isdigit())
    return digits[:length] if len(digits) >= 8 else ""


def _first_offset(doc: Document, entity: Any, start: int, end: int) -> int:
    if not isinstance(entity, int) or not 0 <= entity < len(doc.entities):
        return -1
    inside = [m.start for m in doc.entities[entity].mentions if start <= m.start < end]
    return inside[0] if inside else -1


def _span(value: Any) -> tuple[int, int] | None:
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) for v in value)
    ):
        return int(value[0]), int(value[1])
    if isinstance(value, Mapping) and isinstance(value.get("start"), int):
        end = value.get("end")
        return int(value["start"]), int(end) if isinstance(end, int) else int(value["start"])
    return None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def event_rows(
    doc: Document, story_id: str | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The events.tsv and mentions.tsv rows of one document."""
    events, mentions = [], []
    for i, event in enumerate(doc.events):
        if not isinstance(event, Mapping):
            continue
        source, target, when = (_mapping(event.get(k)) for k in ("source", "target", "when"))
        where = event.get("where")
        cameo = str(event["cameo"]) if event.get("cameo") else ""
        event_id = f"{doc.id}-{i}"
        day = _stamp(doc.published, 8)
        events.append(
            {
                "GlobalEventID": event_id,
                "Day": day,
                "MonthYear": day[:6],
                "Year": day[:4],
                "Actor1Name": source.get("name"),
                "Actor1Code": source.get("code"),
                "Actor2Name": target.get("name"),
                "Actor2Code": target.get("code"),
                "EventCode": cameo,
                "EventBaseCode": cameo[:3],
                "EventRootCode": cameo[:2],
                "QuadClass": quad_class(cameo),
                "NumMentions": 1,
                "NumSources": 1,
                "NumArticles": 1,
                "ActionGeo_FullName": (
                    where.get("name") or where.get("text") if isinstance(where, Mapping) else where
                ),
                "SOURCEURL": doc.url,
                "WartaType": event.get("type"),
                "WartaMode": event.get("mode"),
                "Modality": event.get("modality"),
                "Confidence": event.get("confidence"),
                "EventDate": when.get("value"),
                "DocID": doc.id,
                "StoryID": story_id,
            }
        )
        sentence = _span(event.get("sentence"))
        trigger = _span(event.get("trigger"))
        start, end = sentence or (0, len(doc.text))
        sentence_id = next(
            (n + 1 for n, s in enumerate(doc.sentences) if s.start <= start < s.end), ""
        )
        confidence = event.get("confidence")
        mentions.append(
            {
                "GlobalEventID": event_id,
                "EventTimeDate": _stamp(doc.published, 14),
                "MentionTimeDate": _stamp(doc.published, 14),
                "MentionType": 1,
                "MentionSourceName": doc.site,
                "MentionIdentifier": doc.url,
                "SentenceID": sentence_id,
                "Actor1CharOffset": _first_offset(doc, source.get("entity"), start, end),
                "Actor2CharOffset": _first_offset(doc, target.get("entity"), start, end),
                "ActionCharOffset": trigger[0] if trigger else -1,
                "InRawText": 1,
                "Confidence": (
                    round(100 * float(confidence))
                    if isinstance(confidence, int | float) and not isinstance(confidence, bool)
                    else ""
                ),
                "MentionDocLen": len(doc.text),
                "DocID": doc.id,
            }
        )
    return events, mentions


def gkg_row(doc: Document, story_id: str | None) -> dict[str, Any]:
    """The gkg.tsv row of one document: its names, dates, quotations and counts."""

    def names(types: set[str]) -> list[str]:
        return list(dict.fromkeys(e.name for e in doc.entities if e.type in types))

    def enhanced(types: set[str]) -> str:
        return ";".join(
            f"{e.name},{m.start}" for e in doc.entities if e.type in types for m in e.mentions
        )

    dates = []
    for d in doc.dates:
        if isinstance(d, Mapping):
            dates.append(f"{d.get('type', '')}#{d.get('value', '')}#{d.get('start', '')}")
    quotations = "#".join(
        f"{q.start}|{q.end - q.start}|{q.cue or ''}|{q.speaker.name if q.speaker else ''}|"
        f"{q.text.replace('|', ' ').replace('#', ' ')}"
        for q in doc.quotes
    )
    return {
        "GKGRECORDID": doc.id,
        "DATE": _stamp(doc.published, 14),
        "SourceCollectionIdentifier": 1,
        "SourceCommonName": doc.site,
        "DocumentIdentifier": doc.url or doc.source,
        "Counts": f"ENTITIES#{len(doc.entities)};QUOTES#{len(doc.quotes)};"
        f"EVENTS#{len(doc.events)};DATES#{len(doc.dates)}",
        "Persons": ";".join(names(_PERSON)),
        "Organizations": ";".join(names(_ORG)),
        "Locations": ";".join(names(_LOC)),
        "EnhancedPersons": enhanced(_PERSON),
        "EnhancedOrganizations": enhanced(_ORG),
        "EnhancedLocations": enhanced(_LOC),
        "EnhancedDates": ";".join(dates),
        "Quotations": quotations,
        "AllNames": ";".join(f"{e.name},{m.start}" for e in doc.entities for m in e.mentions),
        "Title": doc.title,
        "Language": doc.language,
        "StoryID": story_id,
    }


def write_gdelt(store: Store, docs: Iterable[Document], out_dir: Path) -> list[Path]:
    """Write events.tsv, mentions.tsv and gkg.tsv (header row first) for ``docs``."""
    paths = [out_dir / "events.tsv", out_dir / "mentions.tsv", out_dir / "gkg.tsv"]
    handles = [p.open("w", encoding="utf-8", newline="") for p in paths]
    try:
        writers = [
            csv.DictWriter(
                h, fieldnames=cols, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"
            )
            for h, cols in zip(handles, (EVENT_COLUMNS, MENTION_COLUMNS, GKG_COLUMNS), strict=True)
        ]
        for writer in writers:
            writer.writeheader()
        with store.engine.connect() as conn:
            for doc in docs:
                story_id = conn.execute(
                    select(story_members.c.story_id).where(story_members.c.doc_id == doc.id)
                ).scalar()
                events, mentions = event_rows(doc, story_id)
                for writer, rows in zip(writers, (events, mentions), strict=False):
                    writer.writerows({k: _clean(v) for k, v in row.items()} for row in rows)
                writers[2].writerow({k: _clean(v) for k, v in gkg_row(doc, story_id).items()})
    finally:
        for h in handles:
            h.close()
    return paths
