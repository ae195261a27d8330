"""Build a pipeline of registered stages, check their contracts, run it on documents."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from warta.config import load_config
from warta.document import Document
from warta.errors import PipelineError, StageError, WartaError
from warta.registry import Stage, create_stage

log = logging.getLogger(__name__)

#: What a document carries before any stage has run.
INPUT_ATTRIBUTES = ("raw", "raw_format", "id", "source", "url", "title", "published")


@dataclass(slots=True)
class Failure:
    """One document a stage could not process: recorded, and the batch goes on."""

    doc_id: str
    source: str | None
    stage: str
    error_type: str
    message: str


class Pipeline:
    """An ordered list of stages whose ``requires`` are met by earlier ``assigns``.

    Refuses to build when a stage needs what no earlier stage provides, naming both.
    """

    def __init__(self, stages: Sequence[Stage]) -> None:
        available = set(INPUT_ATTRIBUTES)
        for stage in stages:
            missing = [r for r in stage.requires if r not in available]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {', '.join(missing)}, "
                    "which no earlier stage assigns"
                )
            available.update(stage.assigns)
        self.stages = list(stages)

    @classmethod
    def from_config(cls, config: dict[str, Any] | None = None) -> Pipeline:
        config = config if config is not None else load_config()
        names: list[str] = config["pipeline"]["stages"]
        settings: dict[str, dict[str, Any]] = config.get("stages", {})
        return cls([create_stage(name, **settings.get(name, {})) for name in names])

    def load(self) -> None:
        """Load every stage's models now; otherwise each loads on its first document.

        Building a pipeline checks contracts and that models exist, but loads nothing, so
        commands that never analyze (or fail early) stay fast; a batch calls this first, so
        loading is timed apart and a broken model stops it before any document.
        """
        for stage in self.stages:
            load = getattr(stage, "load", None)
            if callable(load):
                load()

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            try:
                doc = stage(doc)
            except WartaError:
                raise
            except Exception as e:
                raise StageError(f"stage {stage.name!r} failed: {type(e).__name__}: {e}") from e
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document | Failure]:
        """Run every document; a document that fails comes out as a ``Failure``, never raises."""
        for doc in docs:
            yield self.run_recording(doc)

    def run_recording(self, doc: Document) -> Document | Failure:
        for stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as e:  # one bad document must not stop a batch
                log.warning("%s: stage %s failed: %s", doc.source or doc.id, stage.name, e)
                cause = e.__cause__ if isinstance(e, StageError) and e.__cause__ else e
                return Failure(doc.id, doc.source, stage.name, type(cause).__name__, str(e))
        return doc


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The shipped pipeline, built once per process (models load once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.from_config()
    return _DEFAULT


def analyze(
    text_or_html: str,
    *,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
) -> Document:
    """Run the default pipeline on one text or HTML page and return its document.

    ``language`` skips detection when the caller knows it ("id", "en").
    """
    if not isinstance(text_or_html, str):
        raise TypeError(f"analyze() takes a str, not {type(text_or_html).__name__}")
    doc = Document.from_input(text_or_html, url=url, published=published)
    if language is not None:
        doc.language = language
    return default_pipeline()(doc)
