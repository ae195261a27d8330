"""The publication date of a document, from the best source it has, and where it came from.

The clean stage already reads what the input gives (a JSONL ``published``, a caller's value)
and the HTML metadata (trafilatura/htmldate). When neither gave a date, the date lines a page
prints ("Rabu, 18 Jun 2025 14:30 WIB", "Diperbarui 19 Jun 2025, 10:05 WIB", "Kompas.com -
18/06/2025, 14:30 WIB"), which the cleaner keeps as removed boilerplate or leaves at the top of
the text, come next, then the URL (/2016/11/24/, /20231009/, CNN Indonesia's
/20161112230644-142-172253/), then the dateline ("Jeddah, 27/11/2017 (Antara)"). Sources are
tried in that order and the first date found wins; ``Document.published_source`` records it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from warta.document import Document
from warta.stages.dates_rules import Anchor, tag

log = logging.getLogger(__name__)

#: How far into the text a printed publication date may sit.
TEXT_HEAD_CHARS = 300
#: Plausible publication years; a URL number outside them is an article id, not a date.
MIN_YEAR, MAX_YEAR = 1990, 2100

_URL_DATES = (
    # /2016/11/24/ and /2016/11/24-
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=[/\-_.]|$)"),
    # /2016-11-24/ and /2016-11-24-title
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
    # /20161112230644-142-172253/ (CNN Indonesia: date and clock time) and /read/20170406/
    re.compile(
        r"/(?:[a-z\-]*)?(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})"
        r"(?:(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2}))?(?=[/\-_.]|$)"
    ),
)


def from_url(url: str | None) -> str | None:
    """The date a URL carries, ISO 8601 (with the clock time when it has one)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.lower())
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            try:
                day = date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                continue
            groups = m.groupdict()
            if groups.get("H"):
                try:
                    return datetime(
                        day.year, day.month, day.day, int(m["H"]), int(m["M"]), int(m["S"])
                    ).isoformat()
                except ValueError:
                    pass
            return day.isoformat()
    return None


def from_text(text: str, language: str = "id") -> str | None:
    """The first full date (with its year) written in ``text``, with its clock time and time
    zone when given: "Rabu, 18 Jun 2025 14:30 WIB" -> 2025-06-18T14:30:00+07:00."""
    for timex in tag(text, Anchor(None), language=language):
        iso = timex_to_iso(timex)
        if iso:
            return iso
    return None


def timex_to_iso(timex: dict[str, Any]) -> str | None:
    """A TIMEX3 day or clock-time value as ISO 8601; None for anything coarser or relative."""
    value = str(timex.get("value", ""))
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?", value)
    if not m or not MIN_YEAR <= int(m[1]) <= MAX_YEAR:
        return None
    if m[4] is None:
        return value
    hour = int(m[4])
    if hour > 23:
        return value[:10]
    iso = f"{value}:00"
    return iso + timex["zone"] if timex.get("zone") else iso


def parse_published(value: str | None, language: str = "id") -> str | None:
    """An odd publication string ("Diperbarui 19 Jun 2025, 10:05 WIB", ", Jurnalis") as ISO
    8601, or None: the date rules first, then dateparser limited to Indonesian and English."""
    if not value or not value.strip():
        return None
    found = from_text(value, language)
    if found:
        return found
    try:
        import dateparser  # type: ignore[import-untyped]

        parsed = dateparser.parse(
            value,
            languages=["id", "en"],
            # Absolute dates only: "kemarin" in a metadata field says nothing about when.
            settings={
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["custom-formats", "absolute-time"],
            },
        )
    except Exception as e:  # noqa: BLE001 - dateparser raises many kinds on odd strings
        log.info("published %r could not be parsed: %s", value, e)
        return None
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return str(parsed.isoformat())


def _text_sources(doc: Document) -> Iterable[str]:
    for line in doc.boilerplate:
        if any(ch.isdigit() for ch in line.text):
            yield line.text
    yield doc.text[:TEXT_HEAD_CHARS]


def resolve_published(doc: Document) -> None:
    """Fill ``doc.published`` and ``doc.published_source`` from the first source with a date."""
    if doc.published:
        doc.published_source = doc.published_source or "input"
        return
    language = doc.language or "id"
    for text in _text_sources(doc):
        found = from_text(text, language)
        if found:
            doc.published, doc.published_source = found, "text"
            return
    found = from_url(doc.url)
    if found:
        doc.published, doc.published_source = found, "url"
        return
    if doc.dateline is not None:
        found = from_text(doc.text[doc.dateline.start : doc.dateline.end], language)
        if found:
            doc.published, doc.published_source = found, "dateline"


def anchor_of(published: str | None) -> Anchor:
    """The day (and moment, when the time is known) relative expressions resolve against."""
    if not published:
        return Anchor(None)
    try:
        if len(published) == 10:
            return Anchor(date.fromisoformat(published))
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        log.info("published %r is not ISO 8601; dates stay unresolved", published)
        return Anchor(None)
    return Anchor(moment.date(), moment.replace(tzinfo=None))
