"""Scoring temporal expressions against TIMEX3 gold, with the TempEval-3 measures.

The gold is JSONL, one article a line: ``{"id", "published", "text", "timexes": [{"start",
"end", "text", "type", "value"}]}`` (docs/dates.md). A system expression matches a gold one
strictly when the spans are equal and relaxed when they overlap (one to one, in text order).
Reported: strict and relaxed span precision/recall/F1, value and type accuracy over the
relaxed matches, and value F1 (a relaxed match with the exact value counts as a hit), the
measure TempEval-3 ranks normalization by.

dateparser's ``search_dates`` (Indonesian, anchored at the publication date) is scored the same
way in the same run as the baseline the rules must beat.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from warta.errors import InputError
from warta.stages.dates_published import anchor_of
from warta.stages.dates_rules import rough_sentences, tag

Timex = dict[str, Any]


@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    published: str | None
    timexes: list[Timex]
    language: str = "id"


@dataclass(slots=True)
class DateScores:
    """Counts behind the TempEval-3 measures, and the disagreements for reading."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def _f1(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict[str, Any]:
        sp, sr, sf = self._f1(self.strict)
        rp, rr, rf = self._f1(self.relaxed)
        _, _, vf = self._f1(self.value)
        return {
            "gold": self.gold,
            "system": self.system,
            "strict": {"precision": sp, "recall": sr, "f1": sf},
            "relaxed": {"precision": rp, "recall": rr, "f1": rf},
            "value_accuracy": self.value / self.relaxed if self.relaxed else 0.0,
            "type_accuracy": self.type / self.relaxed if self.relaxed else 0.0,
            "value_f1": vf,
        }


def read_gold(path: Path) -> list[GoldArticle]:
    articles = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                articles.append(
                    GoldArticle(
                        id=str(record.get("id", number)),
                        text=record["text"],
                        published=record.get("published"),
                        timexes=list(record.get("timexes", [])),
                        language=record.get("language", "id"),
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise InputError(f"{path}:{number}: not a TIMEX3 gold record ({e})") from e
    return articles


def system_timexes(article: GoldArticle) -> list[Timex]:
    """warta's rules on the gold text, anchored at the gold publication date."""
    return tag(
        article.text,
        anchor_of(article.published),
        language=article.language,
        sentences=rough_sentences(article.text),
    )


def dateparser_timexes(article: GoldArticle) -> list[Timex]:
    """The baseline: dateparser's search_dates in Indonesian, relative to publication."""
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]
    from dateparser.search import search_dates  # type: ignore[import-untyped]

    anchor = anchor_of(article.published)
    settings: dict[str, Any] = {}
    if anchor.day is not None:
        base = anchor.moment or datetime(anchor.day.year, anchor.day.month, anchor.day.day)
        settings["RELATIVE_BASE"] = base
    found = search_dates(article.text, languages=[article.language], settings=settings) or []
    parser = DateDataParser(languages=[article.language], settings=settings)
    out: list[Timex] = []
    pos = 0
    for text, moment in found:
        start = article.text.find(text, pos)
        if start == -1:
            continue
        pos = start + len(text)
        period = parser.get_date_data(text).period or "day"
        if period == "year":
            value = f"{moment.year:04d}"
        elif period == "month":
            value = f"{moment.year:04d}-{moment.month:02d}"
        elif period == "time":
            value = moment.strftime("%Y-%m-%dT%H:%M")
        else:
            value = moment.strftime("%Y-%m-%d")
        kind = "TIME" if period == "time" else "DATE"
        out.append({"start": start, "end": pos, "text": text, "type": kind, "value": value})
    return out


def _overlap(a: Timex, b: Timex) -> bool:
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def score(
    articles: Iterable[GoldArticle],
    system: Callable[[GoldArticle], Sequence[Timex]],
) -> DateScores:
    scores = DateScores()
    for article in articles:
        predicted = sorted(system(article), key=lambda t: int(t["start"]))
        gold = sorted(article.timexes, key=lambda t: int(t["start"]))
        scores.gold += len(gold)
        scores.system += len(predicted)
        used: set[int] = set()
        for g in gold:
            match = next(
                (i for i, p in enumerate(predicted) if i not in used and _overlap(g, p)), None
            )
            if match is None:
                scores.errors.append({"doc": article.id, "kind": "missed", "gold": g})
                continue
            used.add(match)
            p = predicted[match]
            scores.relaxed += 1
            scores.strict += int(p["start"]) == int(g["start"]) and int(p["end"]) == int(g["end"])
            scores.type += p["type"] == g["type"]
            if str(p["value"]) == str(g["value"]):
                scores.value += 1
            else:
                scores.errors.append({"doc": article.id, "kind": "value", "gold": g, "system": p})
        for i, p in enumerate(predicted):
            if i not in used:
                scores.errors.append({"doc": article.id, "kind": "spurious", "system": p})
    return scores


def evaluate(path: Path, *, baseline: bool = True) -> dict[str, Any]:
    """Scores of warta (and of the dateparser baseline) on the gold file at ``path``."""
    articles = read_gold(path)
    result: dict[str, Any] = {"articles": len(articles)}
    warta_scores = score(articles, system_timexes)
    result["warta"] = warta_scores.as_dict()
    result["errors"] = warta_scores.errors
    if baseline:
        result["dateparser"] = score(articles, dateparser_timexes).as_dict()
    return result


def format_report(result: dict[str, Any], *, errors: int = 0) -> str:
    systems = [name for name in ("warta", "dateparser") if name in result]
    rows: list[tuple[str, Callable[[dict[str, Any]], float]]] = [
        ("strict P", lambda s: s["strict"]["precision"]),
        ("strict R", lambda s: s["strict"]["recall"]),
        ("strict F1", lambda s: s["strict"]["f1"]),
        ("relaxed P", lambda s: s["relaxed"]["precision"]),
        ("relaxed R", lambda s: s["relaxed"]["recall"]),
        ("relaxed F1", lambda s: s["relaxed"]["f1"]),
        ("type accuracy", lambda s: s["type_accuracy"]),
        ("value accuracy", lambda s: s["value_accuracy"]),
        ("value F1", lambda s: s["value_f1"]),
    ]
    first = result[systems[0]]
    lines = [
        f"{result['articles']} articles, {first['gold']} gold expressions",
        f"{'':<16}" + "".join(f"{name:>12}" for name in systems),
    ]
    lines.append(f"{'expressions':<16}" + "".join(f"{result[n]['system']:>12}" for n in systems))
    for label, get in rows:
        lines.append(f"{label:<16}" + "".join(f"{get(result[n]):>12.3f}" for n in systems))
    for error in result.get("errors", [])[:errors]:
        gold = error.get("gold")
        system = error.get("system")
        g = f"{gold['text']!r} {gold['value']}" if gold else "-"
        s = f"{system['text']!r} {system['value']}" if system else "-"
        lines.append(f"  {error['kind']:<9} {error['doc'][:28]:<28} gold {g}  system {s}")
    return "\n".join(lines) + "\n"
