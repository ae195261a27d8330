"""Language identification, offline: py3langid ships its model inside the package.

warta's stages speak Indonesian and English (the languages with a ``warta/lang`` folder); any
other language is still reported by its ISO 639-1 code, so a batch can route or skip those
articles. On short text py3langid is unsure ("Kiper Marc-Andre ter Stegen tampil baik." is
Danish at 0.15); there a language warta speaks, if plausible at all, is preferred.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, ClassVar

from warta import lang
from warta.document import Document
from warta.registry import register_stage

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier  # type: ignore[import-untyped]

#: Malay and Indonesian share most of their vocabulary; a text py3langid calls Malay with
#: Indonesian a close second is Indonesian news far more often than Malaysian news.
CLOSE_RELATIVES = {"ms": "id"}
RELATIVE_MARGIN = 0.4
SAMPLE_CHARS = 2000
#: Below this probability the guess is a guess (short texts: a headline, a caption); then a
#: language warta speaks wins if the model gives it at least ``SPOKEN_FLOOR``.
UNSURE = 0.5
SPOKEN_FLOOR = 0.01


_loading: Future[LanguageIdentifier] | None = None
_loading_lock = threading.Lock()


def _read_model() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def start_loading() -> Future[LanguageIdentifier]:
    """Read py3langid's model in a background thread, once per process. Most of the read is
    LZMA decompression, which runs outside the GIL: started by ``Pipeline.load()`` it overlaps
    the spaCy import and model loads of the stages after this one."""
    global _loading
    with _loading_lock:
        if _loading is None:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warta-langid")
            _loading = executor.submit(_read_model)
            executor.shutdown(wait=False)
        return _loading


def _identifier() -> LanguageIdentifier:
    """py3langid's model, read on the first text (not when the stage module is imported)."""
    return start_loading().result()


def identify(text: str, *, prefer_spoken: bool = True) -> tuple[str | None, float]:
    """The language code of ``text`` and its probability; (None, 0.0) for text with no letters.

    ``prefer_spoken=False`` leaves an unsure guess as py3langid made it.
    """
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    identifier = _identifier()
    ranked = identifier.rank(sample)
    code, _ = ranked[0]
    probabilities = dict(ranked)
    relative = CLOSE_RELATIVES.get(code)
    if (
        relative
        and probabilities.get(code, 0.0) - probabilities.get(relative, 0.0) < RELATIVE_MARGIN
    ):
        code = relative
    if prefer_spoken and probabilities[code] < UNSURE and code not in lang.languages():
        spoken = max(lang.languages(), key=lambda c: probabilities.get(c, 0.0))
        if probabilities.get(spoken, 0.0) >= SPOKEN_FLOOR:
            code = spoken
    return code, float(probabilities[code])


@register_stage("language")
class LanguageStage:
    """Sets the document's language (ISO 639-1) unless the caller already gave one."""

    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("language",)

    def load(self) -> None:
        """Start reading the model; the first document waits for it."""
        start_loading()

    def __call__(self, doc: Document) -> Document:
        if doc.language is None:
            doc.language, _ = identify(doc.text)
        return doc
