"""Time in a news text: the publication date and every temporal expression, as TIMEX3.

The stage first settles ``Document.published`` (see ``dates_published``), because relative
expressions ("kemarin", "pekan lalu", a bare "Senin") mean nothing without it; then it tags
the text with the rules of ``dates_rules`` and gives every quotation a ``when``: the date
expression of its sentence (the attribution's "Senin (27/3)" before one inside the quoted
words), else the publication date.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from warta.document import Document, Quote
from warta.registry import register_stage
from warta.stages.dates_published import anchor_of, resolve_published
from warta.stages.dates_rules import tag

#: A value that names a point or stretch of the calendar, however underspecified ("XXXX-WXX-1"
#: without a publication date), not PRESENT_REF and not a period.
_CALENDAR_VALUE = re.compile(r"^(?:\d{4}|XXXX)")


@register_stage("dates")
class DatesStage:
    """Sets ``published``/``published_source``, ``dates`` and every quote's ``when``."""

    requires: ClassVar[tuple[str, ...]] = ("text", "sentences")
    assigns: ClassVar[tuple[str, ...]] = ("published", "published_source", "dates", "quotes")

    def __call__(self, doc: Document) -> Document:
        resolve_published(doc)
        language = doc.language if doc.language in ("id", "en") else "id"
        doc.dates = tag(
            doc.text,
            anchor_of(doc.published),
            language=language,
            sentences=[(s.start, s.end) for s in doc.sentences],
            paragraphs=[(p.start, p.end) for p in doc.paragraphs],
        )
        for quote in doc.quotes:
            quote.when = quote_when(doc, quote)
        return doc


def quote_when(doc: Document, quote: Quote) -> dict[str, Any]:
    """``{"text", "value"}`` for when ``quote`` was said: a date of its sentences, outside the
    quoted words first, else the publication date (``text`` None)."""
    first = next((s for s in doc.sentences if s.start <= quote.start < s.end), None)
    last = next((s for s in doc.sentences if s.start < quote.end <= s.end), None)
    lo = first.start if first else quote.start
    hi = last.end if last else quote.end
    inside = [
        d
        for d in doc.dates
        if lo <= d["start"]
        and d["end"] <= hi
        and d["type"] in ("DATE", "TIME")
        and _CALENDAR_VALUE.match(str(d["value"]))
    ]
    outside = [d for d in inside if d["end"] <= quote.start or d["start"] >= quote.end]
    for found in (outside, inside):
        if found:
            return {"text": found[0]["text"], "value": found[0]["value"]}
    value = doc.published[:10] if doc.published else None
    return {"text": None, "value": value}
