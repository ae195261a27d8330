from typing import ClassVar

import pytest

from warta.document import Document
from warta.errors import PipelineError
from warta.pipeline import Failure, Pipeline
from warta.registry import create_stage, registered_stages


class Upper:
    name = "upper"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("dates",)

    def __call__(self, doc: Document) -> Document:
        doc.dates = [{"text": doc.text.upper()}]
        return doc


class Explodes:
    name = "explodes"
    requires: ClassVar[tuple[str, ...]] = ("dates",)
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __call__(self, doc: Document) -> Document:
        if "bom" in doc.text:
            raise ValueError("boom")
        doc.events = [{"ok": True}]
        return doc


def test_pipeline_refuses_unmet_requirement_naming_it() -> None:
    with pytest.raises(PipelineError, match="'upper' requires text"):
        Pipeline([Upper()])


def test_pipeline_checks_order_of_stages() -> None:
    clean = create_stage("clean")
    with pytest.raises(PipelineError, match="'explodes' requires dates"):
        Pipeline([clean, Explodes(), Upper()])
    assert Pipeline([clean, Upper(), Explodes()]).names == ["clean", "upper", "explodes"]


def test_pipe_records_failures_and_goes_on() -> None:
    pipeline = Pipeline([create_stage("clean"), Upper(), Explodes()])
    docs = [Document.from_input(t, source=t) for t in ["satu", "ada bom", "tiga"]]
    results = list(pipeline.pipe(docs))
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Document"]
    failure = results[1]
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error_type, failure.source) == (
        "explodes",
        "ValueError",
        "ada bom",
    )


def test_unknown_stage_lists_known_ones() -> None:
    with pytest.raises(PipelineError, match="unknown stage 'nope'; known stages: .*sentences"):
        create_stage("nope")


def test_default_pipeline_builds_from_shipped_config() -> None:
    pipeline = Pipeline.from_config()
    assert pipeline.names[:4] == ["clean", "dateline", "language", "sentences"]
    assert set(pipeline.names) <= set(registered_stages())
