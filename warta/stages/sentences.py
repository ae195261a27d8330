"""Tokens and sentences with character offsets, for Indonesian and English news.

spaCy's rule-based tokenizer for the language is the base; the language's abbreviation
list (``lang/<code>/abbreviations.txt``) and keep-whole patterns are added to it, and
sentences are split by rules that read those same lists, so "Dr.", "Jl.", "S.H." and
"Rp 3,5 juta" never end a sentence, while a closing quote mark stays with its sentence.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, ClassVar

from warta import lang
from warta.document import Document, Span
from warta.registry import register_stage

if TYPE_CHECKING:
    from spacy.language import Language

#: Languages with their own tokenizer and sentence rules; any other is read as Indonesian.
SUPPORTED_TOKENIZERS = ("id", "en")


@cache
def tokenizer_for(language: str) -> Language:
    """A blank spaCy pipeline with warta's tokenizer for the language (``stages/tokenizer.py``).

    spaCy is imported here, on the first document, not when the stage module is imported.
    """
    from warta.stages.tokenizer import blank

    return blank(language)


class _SentenceRules:
    """The language's punctuation and abbreviation lists, read once."""

    def __init__(self, language: str) -> None:
        code = language if language in SUPPORTED_TOKENIZERS else "id"
        punctuation = lang.table(code, "sentence_punctuation")
        self.terminals = frozenset(punctuation.get("terminals", [".", "!", "?"]))
        self.ellipses = frozenset(punctuation.get("ellipses", ["…", "..."]))
        self.closers = frozenset(punctuation.get("closers", []))
        self.openers = frozenset(punctuation.get("openers", []))
        self.final_abbreviations = frozenset(lang.word_list(code, "sentence_final_abbreviations"))
        #: First words of titles: after a dotted abbreviation that may end a sentence
        #: ("U.S."), one of them goes on with it ("U.S. Secretary of State …").
        self.title_openers = frozenset(
            t.split()[0].lower() for t in lang.word_list(code, "titles") if t.strip()
        )


@cache
def _rules(language: str) -> _SentenceRules:
    return _SentenceRules(language)


def tokenize(text: str, language: str = "id") -> list[Span]:
    """Token offsets into ``text``; whitespace is never a token."""
    spans = []
    for token in tokenizer_for(language)(text):
        if not token.is_space:
            spans.append(Span(token.idx, token.idx + len(token.text)))
    return spans


def split_sentences(text: str, tokens: list[Span], language: str = "id") -> list[Span]:
    """Sentence spans over ``tokens``: each starts at a token start and ends at a token end."""
    if not tokens:
        return []
    rules = _rules(language)
    sentences: list[Span] = []
    start_index = 0
    i = 0
    n = len(tokens)
    while i < n:
        end_index = _sentence_end(text, tokens, i, rules)
        if end_index is not None:
            sentences.append(Span(tokens[start_index].start, tokens[end_index].end))
            start_index = end_index + 1
            i = end_index + 1
            continue
        i += 1
    if start_index < n:
        sentences.append(Span(tokens[start_index].start, tokens[-1].end))
    return sentences


def _sentence_end(text: str, tokens: list[Span], i: int, rules: _SentenceRules) -> int | None:
    """The index of the last token of a sentence ending at token ``i``, or None."""
    n = len(tokens)
    if i + 1 >= n:
        return None
    token = text[tokens[i].start : tokens[i].end]
    gap = text[tokens[i].end : tokens[i + 1].start]
    if "\n" in gap:
        return i
    is_terminal = token in rules.terminals
    is_ellipsis = token in rules.ellipses
    is_final_abbreviation = token in rules.final_abbreviations
    if not (is_terminal or is_ellipsis or is_final_abbreviation):
        return None
    last = i
    # Closing quotes and brackets written right after the terminal belong to this sentence.
    while last + 1 < n:
        nxt = tokens[last + 1]
        nxt_text = text[nxt.start : nxt.end]
        if nxt_text in rules.closers and nxt.start == tokens[last].end:
            last += 1
            continue
        break
    if last + 1 >= n:
        return None
    following = text[tokens[last + 1].start : tokens[last + 1].end]
    gap = text[tokens[last].end : tokens[last + 1].start]
    if "\n" in gap:
        return last
    if not gap:
        return None  # "3.5", "a.b": no space, no boundary
    if (
        is_final_abbreviation
        and last == i
        and token.count(".") > 1
        and following.lower() in rules.title_openers
    ):
        return None  # "U.S. Secretary of State …"; "… pukul 10.00 WIB. Kepala …" still ends
    if following[0].isupper() or following[0].isdigit() and is_terminal:
        return last
    if following in rules.openers and not is_final_abbreviation:
        # An opening quote or bracket starts the next sentence when a capital follows it.
        if last + 2 < n and text[tokens[last + 2].start].isupper():
            return last
    return None


@register_stage("sentences")
class SentencesStage:
    """Tokens and sentences with character offsets (spaCy tokenizer + abbreviation-aware rules)."""

    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("tokens", "sentences")

    def load(self) -> None:
        """Build the default language's tokenizer now (``Pipeline.load``)."""
        tokenizer_for("id")

    def __call__(self, doc: Document) -> Document:
        language = doc.language or "id"
        doc.tokens = tokenize(doc.text, language)
        doc.sentences = split_sentences(doc.text, doc.tokens, language)
        return doc
