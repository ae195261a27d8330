"""Named-entity evaluation: read tagged corpora (BIO, BILOU, CoNLL) and score exact span matches.

The score is the usual span-level one (as conlleval and seqeval report it): a predicted entity
counts only when its type and both token boundaries equal a gold entity's.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from warta.document import Document, Span
from warta.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language

Format = Literal["auto", "bio", "bilou", "conll"]

_BILOU_PREFIXES = ("B", "I", "L", "U")


@dataclass(slots=True)
class TaggedSentence:
    """One sentence as tokens with one tag each (BIO after reading, whatever the file used)."""

    tokens: list[str]
    tags: list[str]


@dataclass(slots=True)
class TypeScore:
    """Counts of one entity type; precision, recall and F1 follow from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass(slots=True)
class NerReport:
    """Per-type scores and their micro average over all types."""

    types: dict[str, TypeScore] = field(default_factory=dict)

    @property
    def micro(self) -> TypeScore:
        total = TypeScore()
        for score in self.types.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total

    def to_dict(self) -> dict[str, dict[str, float]]:
        rows = dict(sorted(self.types.items()))
        rows["micro"] = self.micro
        return {
            name: {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "support": s.support,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for name, s in rows.items()
        }

    def table(self) -> str:
        """A plain-text table, one row per type and a micro row, scores in percent."""
        lines = [f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
        for name, s in [*sorted(self.types.items()), ("micro", self.micro)]:
            lines.append(
                f"{name:<8} {100 * s.precision:6.2f} {100 * s.recall:6.2f} "
                f"{100 * s.f1:6.2f} {s.support:8d}"
            )
        return "\n".join(lines)


def parse_label_map(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """A label map from ``FROM=TO,...``, a JSON file or a mapping; TO ``O`` drops the type."""
    if spec is None:
        return {}
    if isinstance(spec, Mapping):
        return dict(spec)
    path = Path(spec)
    if spec.endswith(".json") or path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise InputError(f"cannot read label map {spec}: {e}") from e
        if not isinstance(data, dict):
            raise InputError(f"label map {spec} must be a JSON object of FROM: TO")
        return {str(k): str(v) for k, v in data.items()}
    mapping: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise InputError(f"label map entry {part!r} is not FROM=TO")
        src, dst = part.split("=", 1)
        mapping[src.strip()] = dst.strip()
    return mapping


def read_bio(
    path: str | Path,
    *,
    fmt: Format = "auto",
    label_map: Mapping[str, str] | None = None,
) -> list[TaggedSentence]:
    """Sentences of a token-per-line file, tags converted to BIO and types renamed by ``label_map``.

    ``bio`` and ``bilou`` files hold ``token<TAB or space>tag``; ``conll`` files hold several
    columns with the token first and the tag last, and may have ``-DOCSTART-`` lines. ``auto``
    reads the last column as the tag and takes BILOU when an ``L-`` or ``U-`` tag occurs.
    A type mapped to ``O`` is dropped, so corpora with extra types can be scored on shared ones.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path}: {e}") from e
    raw: list[tuple[list[str], list[str]]] = []
    tokens: list[str] = []
    tags: list[str] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.startswith("-DOCSTART-"):
            if tokens:
                raw.append((tokens, tags))
                tokens, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        if len(cols) < 2:
            raise InputError(f"{path}:{lineno}: expected a token and a tag, got {line!r}")
        tokens.append(cols[0])
        tags.append(cols[-1].strip())
    if tokens:
        raw.append((tokens, tags))
    scheme = fmt
    if fmt in ("auto", "conll"):
        scheme = "bilou" if any(t[:2] in ("L-", "U-") for _, ts in raw for t in ts) else "bio"
    mapping = dict(label_map or {})
    return [TaggedSentence(toks, to_bio(ts, scheme=scheme, label_map=mapping)) for toks, ts in raw]


def to_bio(
    tags: Sequence[str], *, scheme: str = "bio", label_map: Mapping[str, str] | None = None
) -> list[str]:
    """Well-formed BIO tags: BILOU turned into BIO, types renamed, a stray ``I-`` opening a span."""
    mapping = label_map or {}
    out: list[str] = []
    prev = "O"
    for tag in tags:
        prefix, label = _split(tag)
        if prefix == "O":
            out.append("O")
            prev = "O"
            continue
        if prefix not in _BILOU_PREFIXES or (scheme == "bio" and prefix in ("L", "U")):
            raise InputError(f"tag {tag!r} is not valid {scheme.upper()}")
        label = mapping.get(label, label)
        if label == "O":
            out.append("O")
            prev = "O"
            continue
        inside = prefix in ("I", "L") and prev in (f"B-{label}", f"I-{label}")
        out.append(f"I-{label}" if inside else f"B-{label}")
        prev = out[-1] if prefix not in ("L", "U") else "O"
    return out


def _split(tag: str) -> tuple[str, str]:
    if tag == "O" or not tag:
        return "O", ""
    match = re.match(r"^([A-Z])[-_](.+)$", tag)
    if not match:
        raise InputError(f"tag {tag!r} is neither O nor PREFIX-TYPE")
    return match.group(1), match.group(2)


def spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entities of a BIO sequence as ``(start, end, type)`` token ranges, end exclusive."""
    found: set[tuple[int, int, str]] = set()
    start: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, typ = _split(tag)
        continues = prefix == "I" and start is not None and typ == label
        if start is not None and not continues:
            found.add((start, i, label))
            start = None
        if prefix in ("B", "I") and not continues:
            start, label = i, typ
    return found


def evaluate_ner(
    gold_sents: Iterable[TaggedSentence], pred_sents: Iterable[TaggedSentence]
) -> NerReport:
    """Exact-span precision, recall and F1 per type; sentences must pair up token for token."""
    report = NerReport()
    golds = list(gold_sents)
    preds = list(pred_sents)
    if len(golds) != len(preds):
        raise InputError(f"{len(golds)} gold sentences but {len(preds)} predicted ones")
    for n, (gold, pred) in enumerate(zip(golds, preds, strict=True)):
        if len(gold.tags) != len(pred.tags):
            raise InputError(
                f"sentence {n}: {len(gold.tags)} gold tags but {len(pred.tags)} predicted"
            )
        g, p = spans(gold.tags), spans(pred.tags)
        for typ in {t for *_, t in g | p}:
            report.types.setdefault(typ, TypeScore())
        for *_, typ in g & p:
            report.types[typ].tp += 1
        for *_, typ in p - g:
            report.types[typ].fp += 1
        for *_, typ in g - p:
            report.types[typ].fn += 1
    return report


def predict(
    nlp: Language, sentences: Iterable[TaggedSentence], *, batch_size: int = 256
) -> list[TaggedSentence]:
    """Tag pre-tokenized sentences with a spaCy pipeline, keeping their tokens as they are."""
    from spacy.tokens import Doc

    sents = list(sentences)
    docs = (Doc(nlp.vocab, words=s.tokens) for s in sents)
    out: list[TaggedSentence] = []
    for sent, doc in zip(sents, nlp.pipe(docs, batch_size=batch_size), strict=True):
        tags = ["O"] * len(doc)
        for ent in doc.ents:
            tags[ent.start] = f"B-{ent.label_}"
            for i in range(ent.start + 1, ent.end):
                tags[i] = f"I-{ent.label_}"
        out.append(TaggedSentence(sent.tokens, tags))
    return out


def document_from_tokens(tokens: Sequence[str]) -> Document:
    """A one-sentence document whose tokens are exactly ``tokens``, joined by single spaces."""
    spans: list[Span] = []
    pos = 0
    for token in tokens:
        spans.append(Span(pos, pos + len(token)))
        pos += len(token) + 1
    text = " ".join(tokens)
    return Document(text=text, language="id", tokens=spans, sentences=[Span(0, len(text))])


def predict_with_stage(
    sentences: Iterable[TaggedSentence], *, model: str | None = None, gazetteers: bool = True
) -> list[TaggedSentence]:
    """Tag sentences the way the ``entities`` stage finds mentions (model, acronyms, gazetteers).

    Each sentence is its own document, so nothing one sentence says reaches another.
    """
    from warta.stages.entities import EntitiesStage

    stage = EntitiesStage(model=model, gazetteers=gazetteers)
    out: list[TaggedSentence] = []
    for sent in sentences:
        tags = ["O"] * len(sent.tokens)
        for found in stage.mentions(document_from_tokens(sent.tokens)):
            tags[found.first] = f"B-{found.type}"
            for i in range(found.first + 1, found.last):
                tags[i] = f"I-{found.type}"
        out.append(TaggedSentence(sent.tokens, tags))
    return out


#: Beside a model: the hashes of the sentences it was trained on (8-byte BLAKE2b of each
#: ``sentence_key``, sorted, concatenated), written by ``scripts/ner_training_hashes.py``.
TRAINING_HASHES_FILE = "training_sentences.b2"
_HASH_BYTES = 8


def sentence_key(tokens: Sequence[str]) -> str:
    """A sentence's identity for deduplication: NFKC, lower case, word tokens only."""
    words = (unicodedata.normalize("NFKC", t).lower() for t in tokens)
    return " ".join(w for w in words if any(c.isalnum() for c in w))


def sentence_hash(tokens: Sequence[str]) -> bytes:
    """The 8-byte hash of a sentence's key: small enough to ship one per training sentence."""
    return hashlib.blake2b(sentence_key(tokens).encode(), digest_size=_HASH_BYTES).digest()


def write_training_hashes(sentences: Iterable[Sequence[str]], model_dir: Path) -> int:
    """Store the hash set of ``sentences`` (token lists) beside the model; returns its size."""
    hashes = sorted({sentence_hash(tokens) for tokens in sentences})
    (model_dir / TRAINING_HASHES_FILE).write_bytes(b"".join(hashes))
    return len(hashes)


def training_overlap(sentences: Sequence[TaggedSentence], model_dir: Path) -> float | None:
    """The share of ``sentences`` the model at ``model_dir`` was trained on.

    None when the model has no hash file (a model trained elsewhere) or there are no sentences.
    """
    path = model_dir / TRAINING_HASHES_FILE
    if not path.is_file() or not sentences:
        return None
    data = path.read_bytes()
    trained = {data[i : i + _HASH_BYTES] for i in range(0, len(data), _HASH_BYTES)}
    seen = sum(sentence_hash(s.tokens) in trained for s in sentences)
    return seen / len(sentences)
