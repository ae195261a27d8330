"""Scoring entity identity, countries and actor codes against gold passages (docs/entities.md).

The gold (one JSON object a line) gives, for a passage of text, pairs of surface forms that
must be one entity (``same``), pairs that must be two (``different``), the country each form
belongs to (``countries``, ISO alpha-3) and optionally its actor code (``codes``). A form is
found when a mention of an entity is exactly that text; a form the pipeline did not find
counts as a wrong answer for its pair, country or code (it cannot be right).

Three systems are scored alike: warta (entities + link), the entities stage alone (its own
grouping, no canonical fields), and an exact-string baseline (a form is its own entity).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.document import Document, Entity
from warta.errors import InputError
from warta.registry import create_stage


@dataclass(slots=True)
class GoldPassage:
    id: str
    text: str
    same: list[tuple[str, str]] = field(default_factory=list)
    different: list[tuple[str, str]] = field(default_factory=list)
    countries: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    source: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class EntityScores:
    """Counts for one system; the ratios are derived."""

    same_right: int = 0
    same_total: int = 0
    different_right: int = 0
    different_total: int = 0
    countries_right: int = 0
    countries_total: int = 0
    codes_right: int = 0
    codes_total: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def pair_precision(self) -> float:
        """Of the pairs called one entity, how many are one (gold ``same``)."""
        wrong_merges = self.different_total - self.different_right
        return _ratio(self.same_right, self.same_right + wrong_merges)

    @property
    def pair_recall(self) -> float:
        return _ratio(self.same_right, self.same_total)

    @property
    def pair_f1(self) -> float:
        p, r = self.pair_precision, self.pair_recall
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    @property
    def pair_accuracy(self) -> float:
        return _ratio(
            self.same_right + self.different_right, self.same_total + self.different_total
        )

    def as_dict(self) -> dict[str, float | int]:
        return {
            "same pairs": self.same_total,
            "same found": _ratio(self.same_right, self.same_total),
            "different pairs": self.different_total,
            "different kept": _ratio(self.different_right, self.different_total),
            "pair precision": self.pair_precision,
            "pair recall": self.pair_recall,
            "pair F1": self.pair_f1,
            "pair accuracy": self.pair_accuracy,
            "countries": self.countries_total,
            "country accuracy": _ratio(self.countries_right, self.countries_total),
            "codes": self.codes_total,
            "code accuracy": _ratio(self.codes_right, self.codes_total),
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def load_gold(path: str | Path) -> list[GoldPassage]:
    """The gold passages of a JSONL file; a line that is not a passage is an InputError."""
    passages = []
    with Path(path).open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                passages.append(
                    GoldPassage(
                        id=str(data["id"]),
                        text=data["text"],
                        same=[(a, b) for a, b in data.get("same", [])],
                        different=[(a, b) for a, b in data.get("different", [])],
                        countries=dict(data.get("countries", {})),
                        codes=dict(data.get("codes", {})),
                        source=dict(data.get("source") or {}),
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
                raise InputError(f"{path}:{number}: not a gold passage: {e}") from e
    return passages


def analyze_passages(
    passages: Iterable[GoldPassage], *, language: str = "id"
) -> tuple[list[Document], list[Document]]:
    """Each passage through sentences, entities and link: (linked documents, the same
    documents as the entities stage left them). Cleaning is skipped so the text stays as
    given (as in ``warta eval quotes``)."""
    sentences, entities, link = (create_stage(n) for n in ("sentences", "entities", "link"))
    linked: list[Document] = []
    unlinked: list[Document] = []
    for passage in passages:
        doc = Document(id=passage.id, text=passage.text, language=language)
        doc = entities(sentences(doc))
        unlinked.append(copy.deepcopy(doc))
        linked.append(link(doc))
    return linked, unlinked


def _entity_of(doc: Document, form: str) -> Entity | None:
    for entity in doc.entities:
        if any(" ".join(m.text.split()) == form for m in entity.mentions):
            return entity
    return None


def score(
    passages: Sequence[GoldPassage],
    docs: Sequence[Document] | None,
    *,
    keep_errors: int = 0,
) -> EntityScores:
    """Score ``docs`` (one per passage, in order); ``None`` scores the exact-string baseline."""
    scores = EntityScores()

    def note(message: str) -> None:
        if len(scores.errors) < keep_errors:
            scores.errors.append(message)

    for n, passage in enumerate(passages):
        doc = docs[n] if docs is not None else None

        def find(form: str, doc: Document | None = doc) -> Entity | None:
            return _entity_of(doc, form) if doc is not None else None

        def one(a: str, b: str, doc: Document | None = doc) -> bool:
            if doc is None:
                return a.lower() == b.lower()
            ea, eb = find(a), find(b)
            return ea is not None and ea is eb

        for a, b in passage.same:
            scores.same_total += 1
            if one(a, b):
                scores.same_right += 1
            else:
                note(f"[apart] {passage.id}: {a!r} / {b!r}")
        for a, b in passage.different:
            scores.different_total += 1
            if not one(a, b):
                scores.different_right += 1
            else:
                note(f"[merged] {passage.id}: {a!r} / {b!r}")
        for form, country in passage.countries.items():
            scores.countries_total += 1
            entity = find(form)
            got = entity.country if entity is not None else None
            if got == country:
                scores.countries_right += 1
            elif doc is not None:
                note(f"[country] {passage.id}: {form!r} gold={country} system={got}")
        for form, code in passage.codes.items():
            scores.codes_total += 1
            entity = find(form)
            got = entity.code if entity is not None else None
            if got == code:
                scores.codes_right += 1
            elif doc is not None:
                note(f"[code] {passage.id}: {form!r} gold={code!r} system={got!r}")
    return scores
