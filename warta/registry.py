"""Stages are registered by name, so configs name them and pipelines pickle for Spark and Dask."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, ClassVar, Protocol, TypeVar

from warta.document import Document
from warta.errors import PipelineError


class Stage(Protocol):
    """A ``Document -> Document`` step that declares what it reads and what it writes.

    ``requires`` and ``assigns`` name document attributes ("text", "sentences", ...);
    the pipeline checks them when it is built. A stage with models loads them on its first
    document, or when its optional ``load()`` method is called (``Pipeline.load``).
    """

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Document) -> Document: ...


StageClass = TypeVar("StageClass", bound=type)

_STAGES: dict[str, type[Stage]] = {}


def register_stage(name: str) -> Callable[[StageClass], StageClass]:
    """Class decorator: make a stage class available to pipelines under ``name``."""

    def decorate(cls: StageClass) -> StageClass:
        if name in _STAGES and _STAGES[name] is not cls:
            raise PipelineError(f"stage {name!r} is registered twice")
        cls.name = name  # type: ignore[attr-defined]
        _STAGES[name] = cls
        return cls

    return decorate


def _load_builtin_stages() -> None:
    """Import the built-in stage modules, which register themselves."""
    from warta.stages import BUILTIN_STAGE_MODULES

    for module in BUILTIN_STAGE_MODULES:
        importlib.import_module(f"warta.stages.{module}")


def stage_class(name: str) -> type[Stage]:
    _load_builtin_stages()
    try:
        return _STAGES[name]
    except KeyError:
        known = ", ".join(sorted(_STAGES))
        raise PipelineError(f"unknown stage {name!r}; known stages: {known}") from None


def create_stage(name: str, **settings: Any) -> Stage:
    stage: Stage = stage_class(name)(**settings)
    return stage


def registered_stages() -> dict[str, type[Stage]]:
    _load_builtin_stages()
    return dict(sorted(_STAGES.items()))
