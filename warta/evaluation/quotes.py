"""Scoring quotation attribution against gold statements (PFSA-ID style JSONL).

The gold (``{"id", "text", "quotes": [{"start", "end", "text", "speaker", "cue"}]}`` a line)
marks direct quotations only, so only the system's ``direct`` and ``partial`` quotes take part.
A system quote matches a gold quote when their spans overlap by at least half of the shorter
one (one to one, in text order); a speaker is right when the two names share a word that is
not a title or rank (titles from the language data), as the gold's README defines it: a
short form that the stage expands ("Risma" → "Tri Rismaharini") counts as wrong when the gold
kept the short form. A gold name made of titles only
("Presiden", where the corpus never resolved the coreference) is right when the system's
speaker carries that title in its name or role, the only way a name can agree with it.

A regex baseline (quoted text, and the capitalized words after kata/ujar/...) is scored the
same way, so every report shows how far the stage is above it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warta.document import Document, Quote, Speaker
from warta.errors import InputError
from warta.registry import create_stage
from warta.stages.quotes_lexicon import QuoteLexicon, lexicon

#: System quote kinds that the gold can confirm.
SCORED_KINDS = ("direct", "partial")


@dataclass(slots=True)
class GoldQuote:
    start: int
    end: int
    text: str
    speaker: str | None = None
    cue: str | None = None


@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)


@dataclass(slots=True)
class QuoteError:
    """One disagreement, for reading: a missed or spurious quote, or a wrong speaker."""

    doc_id: str
    kind: str
    text: str
    gold_speaker: str | None = None
    system_speaker: str | None = None


@dataclass(slots=True)
class QuoteScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0
    errors: list[QuoteError] = field(default_factory=list)

    @property
    def span_precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def span_recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def span_f1(self) -> float:
        return _f1(self.span_precision, self.span_recall)

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_right, self.matched)

    @property
    def e2e_precision(self) -> float:
        return _ratio(self.speaker_right, self.predicted)

    @property
    def e2e_recall(self) -> float:
        return _ratio(self.speaker_right, self.gold)

    @property
    def e2e_f1(self) -> float:
        return _f1(self.e2e_precision, self.e2e_recall)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "span_precision": round(self.span_precision, 4),
            "span_recall": round(self.span_recall, 4),
            "span_f1": round(self.span_f1, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "e2e_precision": round(self.e2e_precision, 4),
            "e2e_recall": round(self.e2e_recall, 4),
            "e2e_f1": round(self.e2e_f1, 4),
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: str | Path) -> list[GoldArticle]:
    """The articles of a gold JSONL file, checking that every span points at its text."""
    articles = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(f"cannot read gold file {path}: {e}") from e
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            article = GoldArticle(
                id=str(data["id"]),
                text=data["text"],
                quotes=[
                    GoldQuote(q["start"], q["end"], q["text"], q.get("speaker"), q.get("cue"))
                    for q in data["quotes"]
                ],
            )
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise InputError(f"{path}:{number}: not a gold article: {e}") from e
        for q in article.quotes:
            if article.text[q.start : q.end] != q.text:
                raise InputError(f"{path}:{number}: quote offsets do not match its text")
        articles.append(article)
    return articles


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Spans overlap by at least half of the shorter one."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shared > 0 and shared * 2 >= shorter


def name_words(name: str, lex: QuoteLexicon) -> set[str]:
    return {w for w in re.findall(r"\w+", name.lower()) if w not in lex.title_words}


def same_speaker(gold: str | None, system: Speaker | None, lex: QuoteLexicon) -> bool:
    """Names share a word that is not a title; a title-only gold name matches the title."""
    if not gold or system is None:
        return False
    gold_words = name_words(gold, lex)
    if gold_words:
        system_words = name_words(system.name, lex)
        return bool(gold_words & system_words)
    titles = set(re.findall(r"\w+", gold.lower()))
    written = set(re.findall(r"\w+", f"{system.name} {system.role or ''}".lower()))
    return bool(titles) and titles <= written


def score(
    gold: Sequence[GoldArticle],
    predicted_docs: Sequence[Document],
    *,
    language: str = "id",
    keep_errors: int = 0,
) -> QuoteScores:
    """Span and speaker scores of ``predicted_docs`` (same order as ``gold``)."""
    if len(gold) != len(predicted_docs):
        raise ValueError(f"{len(gold)} gold articles but {len(predicted_docs)} documents")
    lex = lexicon(language)
    scores = QuoteScores()
    for article, doc in zip(gold, predicted_docs, strict=True):
        system = [q for q in doc.quotes if q.kind in SCORED_KINDS]
        scores.gold += len(article.quotes)
        scores.predicted += len(system)
        matched_gold: set[int] = set()
        for quote in system:
            match = next(
                (
                    i
                    for i, g in enumerate(article.quotes)
                    if i not in matched_gold
                    and overlaps((g.start, g.end), (quote.start, quote.end))
                ),
                None,
            )
            if match is None:
                _note(
                    scores,
                    keep_errors,
                    QuoteError(article.id, "spurious", quote.text, None, _name(quote)),
                )
                continue
            matched_gold.add(match)
            scores.matched += 1
            g = article.quotes[match]
            if same_speaker(g.speaker, quote.speaker, lex):
                scores.speaker_right += 1
            else:
                _note(
                    scores,
                    keep_errors,
                    QuoteError(article.id, "speaker", g.text, g.speaker, _name(quote)),
                )
        for i, g in enumerate(article.quotes):
            if i not in matched_gold:
                _note(
                    scores, keep_errors, QuoteError(article.id, "missed", g.text, g.speaker, None)
                )
    return scores


def _name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


def _note(scores: QuoteScores, keep: int, error: QuoteError) -> None:
    if len(scores.errors) < keep:
        scores.errors.append(error)


_BASELINE_QUOTE = re.compile(r"[“”\"«][^“”\"«»]+[”\"»]")
_BASELINE_CAPITALIZED = re.compile(r"\s+((?:[A-Z][\w.'-]*\s?)+)")


def baseline_quotes(text: str, language: str = "id") -> list[Quote]:
    """The regex baseline: every quoted stretch, and as speaker the capitalized words right
    after a cue verb that follows it (none after a clitic such as "katanya")."""
    lex = lexicon(language)
    quotes = []
    for m in _BASELINE_QUOTE.finditer(text):
        speaker = None
        cue = lex.cue_after_re.match(text, m.end())
        if cue and not cue.group("clitic"):
            name = _BASELINE_CAPITALIZED.match(text, cue.end())
            if name:
                speaker = Speaker(name=name.group(1).strip().rstrip("."))
        quotes.append(
            Quote(
                m.group(), m.start(), m.end(), "direct", cue.group("cue") if cue else None, speaker
            )
        )
    return quotes


def baseline_documents(articles: Iterable[GoldArticle], language: str = "id") -> list[Document]:
    return [
        Document(id=a.id, text=a.text, language=language, quotes=baseline_quotes(a.text, language))
        for a in articles
    ]


def analyze_gold(
    articles: Iterable[GoldArticle], *, language: str = "id", entities: bool = True
) -> list[Document]:
    """Run the stages from "sentences" on over each gold text, left exactly as it is.

    Cleaning is skipped on purpose: it may normalize spaces or drop lines, and the gold
    offsets point into the text as given. The stages are called in order rather than through
    ``Pipeline``, whose contract check wants "text" from the clean stage. Without the NER
    model (``entities=False``) the quotes stage runs on its own name rules.
    """
    names = ["sentences", "entities", "quotes"] if entities else ["sentences", "quotes"]
    stages = [create_stage(name) for name in names]
    docs = []
    for article in articles:
        doc = Document(id=article.id, text=article.text, language=language)
        for stage in stages:
            doc = stage(doc)
        docs.append(doc)
    return docs
