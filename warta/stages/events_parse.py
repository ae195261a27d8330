"""Dependency parses for the events stage, from warta's own parser (``warta/models/parser_<lang>``).

The parser is loaded on first use and reads the sentences stage's tokens as they are (a spaCy
``Doc`` built from words and spaces), so nothing is tokenized twice. A language without a
parser model gets ``None`` and the stage falls back to word order.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Parse:
    """One sentence: per word its head (an index into the sentence; a root heads itself),
    relation (lower case, "root" for the root) and universal POS tag."""

    heads: list[int]
    deps: list[str]
    tags: list[str]

    def children(self, i: int) -> list[int]:
        return [j for j, h in enumerate(self.heads) if h == i and j != i]

    def is_root(self, i: int) -> bool:
        return self.heads[i] == i


def model_path(language: str) -> Any:
    path = resources.files("warta").joinpath("models", f"parser_{language}")
    return path if path.joinpath("meta.json").is_file() else None


@cache
def _load(language: str) -> Any:
    path = model_path(language)
    if path is None:
        return None
    from pathlib import Path

    from warta.stages.tokenizer import load_pipeline

    log.debug("loading the %s parser from %s", language, path)
    return load_pipeline(Path(str(path)))


def has_parser(language: str) -> bool:
    return model_path(language) is not None


def parse(language: str, sentences: Sequence[tuple[list[str], list[bool]]]) -> list[Parse] | None:
    """Parse each (words, spaces) sentence; ``None`` when ``language`` has no parser."""
    nlp = _load(language)
    if nlp is None:
        return None
    from spacy.tokens import Doc

    docs = [Doc(nlp.vocab, words=words, spaces=spaces) for words, spaces in sentences]
    out = []
    for doc in nlp.pipe(docs, batch_size=32):
        out.append(
            Parse(
                heads=[t.head.i for t in doc],
                deps=[t.dep_.lower() for t in doc],
                tags=[t.tag_ for t in doc],
            )
        )
    return out
