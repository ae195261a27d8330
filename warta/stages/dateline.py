"""Find the dateline that opens a news text ("JAKARTA, KOMPAS.com —", "Jakarta (ANTARA) -").

The dateline says where a story was filed and by which outlet; the place is often the
location of the events, and the outlet tells wire copy from a paper's own reporting. The
dateline stays in the text: the stage only records its span, its place (title case) and its
outlet (as written). The patterns live in ``lang/<code>/dateline.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from warta import lang
from warta.document import Dateline, Document
from warta.errors import WartaError
from warta.registry import register_stage

#: How far into the first paragraph a dateline may reach.
MAX_DATELINE_CHARS = 120

_PART = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class DatelinePattern:
    name: str
    regex: re.Pattern[str]


def _expand(template: str, parts: dict[str, str], where: str) -> str:
    def part(m: re.Match[str]) -> str:
        if m[1] not in parts:
            raise WartaError(f"{where}: unknown part {{{m[1]}}} in {template!r}")
        return parts[m[1]]

    return _PART.sub(part, template)


@cache
def dateline_patterns(languages: tuple[str, ...]) -> tuple[DatelinePattern, ...]:
    """The compiled patterns of ``languages``, in file order, without repeats."""
    patterns: dict[str, DatelinePattern] = {}
    outlets: set[str] = set()
    tables: list[tuple[str, dict[str, Any]]] = []
    for code in languages:
        data = lang.table(code, "dateline")
        if data:
            outlets.update(data.get("outlets", []))
            tables.append((code, data))
    known = "|".join(re.escape(o) for o in sorted(outlets, key=len, reverse=True))
    for code, data in tables:
        where = f"lang/{code}/dateline.toml"
        parts = dict(data.get("parts", {}))
        domain = parts.get("domain", r"[A-Za-z][A-Za-z0-9\-]*(?:\.[A-Za-z]{2,})+")
        parts["outlet"] = f"(?:{domain}|(?i:{known}))(?![\\w.])" if known else domain
        for entry in data.get("pattern", []):
            regex = _expand(entry["regex"], parts, where)
            if regex in patterns:
                continue
            try:
                patterns[regex] = DatelinePattern(entry.get("name", regex), re.compile(regex))
            except re.error as e:
                raise WartaError(f"{where}: bad pattern {entry.get('name')!r}: {e}") from e
    return tuple(patterns.values())


def normalize_place(place: str) -> str:
    """ "JAKARTA" -> "Jakarta", "KUALA LUMPUR" -> "Kuala Lumpur"; mixed case stays as written."""
    return place.title() if place.isupper() else place


def find_dateline(text: str, *, languages: Sequence[str] | None = None) -> Dateline | None:
    """The dateline at the start of ``text``, or None when it opens without one."""
    codes = tuple(languages) if languages else tuple(lang.languages())
    head = text[:MAX_DATELINE_CHARS]
    offset = len(head) - len(head.lstrip())
    head = head.lstrip().split("\n", 1)[0]
    for pattern in dateline_patterns(codes):
        m = pattern.regex.match(head)
        if m is None:
            continue
        groups = m.groupdict()
        place = groups.get("place")
        outlet = groups.get("outlet")
        return Dateline(
            start=offset,
            end=offset + m.end(),
            place=normalize_place(place.strip()) if place else None,
            outlet=outlet.strip() if outlet else None,
        )
    return None


@register_stage("dateline")
class DatelineStage:
    """Sets ``Document.dateline`` from the opening of the first paragraph."""

    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("dateline",)

    def __init__(self, *, languages: list[str] | None = None) -> None:
        self.languages = tuple(languages) if languages else tuple(lang.languages())

    def __call__(self, doc: Document) -> Document:
        doc.dateline = find_dateline(doc.text, languages=self.languages)
        return doc
