"""Scoring events against gold (JSONL, one article a line; format in docs/events.md).

A system event matches a gold event when both have the same PLOVER type and the system's
trigger lies in the gold event's sentence (one to one, nearest trigger first). On matched
events the source, the target and the modality are scored; an actor is right when both are
absent, when both carry a code and the codes are equal, or else when the names share a word
that is not a function word ("Kim" = "Kim Jong Un", "pejabat AS" = "para pejabat AS").
Strict F1 counts a match only when source, target and modality are all right.

A keyword baseline (every trigger word of the lexicon, "tidak"/"belum" before it makes it
negated, no actors) is scored the same way, so each report shows how far the stage is above it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.config import load_config
from warta.document import Document
from warta.errors import InputError
from warta.registry import create_stage
from warta.stages.events_lexicon import lexicon

_WORD = re.compile(r"\w+")
#: Words that do not identify an actor on their own.
_FUNCTION_WORDS = frozenset(
    "para pihak yang dan the of di ke dari sang si kepala pemerintah gov".split()
)
#: Stages before this one are not run on gold texts: cleaning may change the text, and the
#: gold offsets point into the text as given.
_FIRST_STAGE = "dateline"


@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    events: list[dict[str, Any]] = field(default_factory=list)
    url: str | None = None


@dataclass(slots=True)
class Score:
    gold: int = 0
    system: int = 0
    matched: int = 0
    source: int = 0
    target: int = 0
    modality: int = 0
    strict: int = 0
    both: int = 0
    errors: list[str] = field(default_factory=list)

    def f1(self, hits: int) -> float:
        if not self.gold or not self.system:
            return 0.0
        p, r = hits / self.system, hits / self.gold
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        m = self.matched or 1
        return {
            "gold events": self.gold,
            "system events": self.system,
            "precision": round(self.matched / self.system, 3) if self.system else 0.0,
            "recall": round(self.matched / self.gold, 3) if self.gold else 0.0,
            "event F1": round(self.f1(self.matched), 3),
            "source acc": round(self.source / m, 3),
            "target acc": round(self.target / m, 3),
            "both actors": round(self.both / m, 3),
            "modality acc": round(self.modality / m, 3),
            "strict F1": round(self.f1(self.strict), 3),
        }


def load_gold(path: str | Path) -> list[GoldArticle]:
    articles = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                articles.append(
                    GoldArticle(data["id"], data["text"], data.get("events", []), data.get("url"))
                )
            except (json.JSONDecodeError, KeyError) as e:
                raise InputError(f"{path}:{n}: not a gold article ({e})") from e
    return articles


def analyze_gold(articles: Iterable[GoldArticle], *, language: str = "id") -> list[Document]:
    """Run the shipped pipeline from "dateline" on over each gold text, left as it is."""
    names: list[str] = load_config()["pipeline"]["stages"]
    names = names[names.index(_FIRST_STAGE) :] if _FIRST_STAGE in names else names
    stages = [create_stage(name) for name in names]
    docs = []
    for article in articles:
        doc = Document(id=article.id, text=article.text, language=language, url=article.url)
        for stage in stages:
            doc = stage(doc)
        docs.append(doc)
    return docs


def baseline_documents(docs: Sequence[Document], *, language: str = "id") -> list[Document]:
    """The keyword baseline's events on the same sentences: trigger words, no actors."""
    lex = lexicon(language)
    negators = {"tidak", "tak", "belum", "bukan"}
    out = []
    for doc in docs:
        events = []
        words = [(t.start, t.end, doc.text[t.start : t.end].lower()) for t in doc.tokens]
        for sent in doc.sentences:
            inside = [w for w in words if sent.start <= w[0] < sent.end]
            seen: set[str] = set()
            for k, (start, end, word) in enumerate(inside):
                triggers = lex.triggers.get((word,))
                if not triggers or triggers[0].type in seen:
                    continue
                seen.add(triggers[0].type)
                before = {w[2] for w in inside[max(0, k - 3) : k]}
                events.append(
                    {
                        "type": triggers[0].type,
                        "sentence": {"start": sent.start, "end": sent.end},
                        "trigger": {"start": start, "end": end, "text": doc.text[start:end]},
                        "source": None,
                        "target": None,
                        "modality": "negated" if before & negators else "asserted",
                    }
                )
        out.append(Document(id=doc.id, text=doc.text, events=events))
    return out


def _words(name: str | None) -> set[str]:
    return {w for w in _WORD.findall((name or "").casefold()) if w not in _FUNCTION_WORDS}


def actor_right(gold: dict[str, Any] | None, system: dict[str, Any] | None) -> bool:
    if gold is None or system is None:
        return gold is None and system is None
    if gold.get("code") and system.get("code"):
        return str(gold["code"]).upper() == str(system["code"]).upper()
    return bool(_words(gold.get("name")) & _words(system.get("name")))


def _span(value: Any) -> tuple[int, int]:
    if isinstance(value, dict):
        return int(value["start"]), int(value["end"])
    return int(value[0]), int(value[1])


def score(
    articles: Sequence[GoldArticle], docs: Sequence[Document], *, keep_errors: int = 0
) -> Score:
    result = Score()
    for article, doc in zip(articles, docs, strict=True):
        gold = list(article.events)
        system = list(doc.events)
        result.gold += len(gold)
        result.system += len(system)
        used: set[int] = set()
        for g in gold:
            s_start, s_end = _span(g["sentence"])
            g_trig = _span(g["trigger"])[0] if g.get("trigger") else s_start
            options = [
                (abs(int(e["trigger"]["start"]) - g_trig), n)
                for n, e in enumerate(system)
                if n not in used
                and e["type"] == g["type"]
                and s_start <= int(e["trigger"]["start"]) < s_end
            ]
            if not options:
                if len(result.errors) < keep_errors:
                    result.errors.append(f"[missed] {article.id} {g['type']} {g.get('trigger')}")
                continue
            n = min(options)[1]
            used.add(n)
            e = system[n]
            result.matched += 1
            src = actor_right(g.get("source"), e.get("source"))
            tgt = actor_right(g.get("target"), e.get("target"))
            mod = g.get("modality", "asserted") == e.get("modality")
            result.source += src
            result.target += tgt
            result.both += src and tgt
            result.modality += mod
            result.strict += src and tgt and mod
            if not (src and tgt and mod) and len(result.errors) < keep_errors:
                result.errors.append(
                    f"[wrong] {article.id} {g['type']} {e['trigger']['text']!r}: "
                    f"source {_name(g.get('source'))}/{_name(e.get('source'))} "
                    f"target {_name(g.get('target'))}/{_name(e.get('target'))} "
                    f"modality {g.get('modality')}/{e.get('modality')}"
                )
        for n, e in enumerate(system):
            if n not in used and len(result.errors) < keep_errors:
                result.errors.append(
                    f"[spurious] {article.id} {e['type']} {e['trigger']['text']!r}"
                )
    return result


def _name(actor: dict[str, Any] | None) -> str:
    if actor is None:
        return "-"
    return f"{actor.get('name')}({actor.get('code') or ''})"
