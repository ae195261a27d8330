"""warta's tokenizer: spaCy's rules for the language, built in milliseconds, shared by stages.

spaCy's Indonesian defaults hold about 16,000 tokenizer exceptions, nearly all of them
reduplicated words ("anak-anak", "Anak-Anak", "ANAK-ANAK") kept whole against the rule that
splits a hyphen between letters. Registering them as special cases takes seconds per tokenizer
(each one makes lexemes and a phrase-matcher pattern), and that ran three times per process.
Here the words that are one token written exactly as the key, with no prefix or suffix, are a
set instead: the tokenizer's ``token_match`` keeps such a chunk whole (where spaCy would have
found the special case), and a hyphen-joined run of tokens that spells one of them inside a
longer chunk ("anak-anak/remaja") is merged afterwards (where spaCy's special-case matcher
would have merged it). The other exceptions ("Dr.", "Jan.", "°C.") stay special cases, and the
language's own abbreviations and keep-whole patterns (``lang/<code>/``) are added, so the tokens
are the ones ``spacy.blank(code)`` plus those lists gives (tests/stages/test_tokenizer.py).

The tokenizer is registered as ``warta.Tokenizer.v1``, so the NER model loads with it instead
of rebuilding spaCy's from its config and from disk.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import spacy
from spacy.attrs import IDX, LENGTH, ORTH, SPACY  # type: ignore[import-not-found]
from spacy.tokenizer import Tokenizer
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    get_lang_class,
    registry,
)

from warta import lang
from warta.stages.sentences import SUPPORTED_TOKENIZERS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

#: More pieces than a merged word is split into by the infix rules (at most 7: "a-b-c-d").
_MAX_PIECES = 9
#: ``lang/<code>/<this>.txt`` holds ``whole_words(code)``, made by scripts/make_whole_words.py;
#: its first line names the spaCy version whose exceptions it was made from.
WHOLE_WORDS_FILE = "spacy_whole_words"
WHOLE_WORDS_HEADER = "# scripts/make_whole_words.py, from the tokenizer exceptions of spaCy "


def tokenizer_language(language: str) -> str:
    """The language whose rules tokenize ``language`` (Indonesian's for any other)."""
    return language if language in SUPPORTED_TOKENIZERS else "id"


class WartaTokenizer:
    """A spaCy ``Tokenizer`` plus the words it merges back when split inside a longer chunk."""

    def __init__(self, tokenizer: Tokenizer, merged_words: frozenset[str], joiners: set[str]):
        self.tokenizer = tokenizer
        self.vocab: Vocab = tokenizer.vocab
        self.merged_words = merged_words
        #: Characters the infixes inside merged words are made of: no merge without one.
        self.joiners = frozenset(joiners)

    def __call__(self, text: str) -> Doc:
        doc: Doc = self.tokenizer(text)
        merges = self._merges(doc) if self.merged_words else []
        if merges:
            with doc.retokenize() as retokenizer:
                for start, end in merges:
                    retokenizer.merge(doc[start:end])
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def _merges(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges, written without spaces, that spell a merged word.

        As spaCy's special-case matcher does: the longest (then the first) range wins, and a
        range whose first or last token lies in a range looked at before is dropped.
        """
        text = doc.text
        array = doc.to_array([IDX, LENGTH, SPACY])
        if len(array) < 2:
            return []
        start_array = array[:, 0]
        end_array = start_array + array[:, 1]
        starts: list[int] = start_array.tolist()
        ends: list[int] = end_array.tolist()
        spaced: list[int] = array[:, 2].tolist()
        n = len(starts)
        first: set[int] = set()
        # Only where two tokens touch, and a joiner is on either side of the seam.
        for k in ((end_array[:-1] == start_array[1:]).nonzero()[0] + 1).tolist():
            if text[starts[k]] in self.joiners or text[ends[k - 1] - 1] in self.joiners:
                first.update(range(max(0, k - _MAX_PIECES), k))
        found: list[tuple[int, int]] = []
        for i in sorted(first):
            for j in range(i + 1, min(n, i + _MAX_PIECES + 1)):
                if ends[j - 1] != starts[j] or spaced[j - 1]:
                    break
                if text[starts[i] : ends[j]] in self.merged_words:
                    found.append((i, j + 1))
        if not found:
            return []
        found.sort(key=lambda span: (span[1] - span[0], -span[0]), reverse=True)
        looked_at: set[int] = set()
        kept = []
        for start, end in found:
            if start not in looked_at and end - 1 not in looked_at:
                kept.append((start, end))
            looked_at.update(range(start, end))
        return sorted(kept)

    def to_bytes(self, **kwargs: Any) -> bytes:
        """Nothing to save: the tokenizer is rebuilt from spaCy's and warta's rules."""
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> WartaTokenizer:
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> WartaTokenizer:
        return self


@dataclass(frozen=True, slots=True)
class _Affixes:
    """A language's compiled prefix, suffix and infix rules (spaCy's defaults)."""

    prefix_search: Callable[[str], Any] | None
    suffix_search: Callable[[str], Any] | None
    infix_finditer: Callable[[str], Iterator[re.Match[str]]] | None


@cache
def _affixes(code: str) -> _Affixes:
    defaults = get_lang_class(code).Defaults
    prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
    return _Affixes(
        compile_prefix_regex(prefixes).search if prefixes else None,
        compile_suffix_regex(suffixes).search if suffixes else None,
        compile_infix_regex(infixes).finditer if infixes else None,
    )


def whole_words(code: str) -> list[str]:
    """spaCy's exceptions for ``code`` that a word set can stand for, sorted.

    A plain exception (one token spelled as the key, nothing but ``ORTH``) with an infix
    inside and no prefix or suffix: the rules would split it, the exception keeps it whole.
    (One that spaCy's own token or URL match keeps whole needs neither.) Slow (a suffix
    search per key), hence shipped as ``lang/<code>/spacy_whole_words.txt``.
    """
    affixes = _affixes(code)
    if affixes.infix_finditer is None:
        return []
    defaults = get_lang_class(code).Defaults
    found = []
    for key, substrings in (defaults.tokenizer_exceptions or {}).items():
        plain = len(substrings) == 1 and set(substrings[0]) <= {ORTH, "ORTH"}
        if not plain or " " in key or not any(affixes.infix_finditer(key)):
            continue
        if affixes.prefix_search and affixes.prefix_search(key):
            continue
        if affixes.suffix_search and affixes.suffix_search(key):
            continue
        if (defaults.token_match and defaults.token_match(key)) or (
            defaults.url_match and defaults.url_match(key)
        ):
            continue
        found.append(key)
    return sorted(found)


@cache
def _whole_words(code: str) -> frozenset[str]:
    """The shipped list when it was made from this spaCy version, else computed now."""
    path = resources.files("warta.lang").joinpath(code, f"{WHOLE_WORDS_FILE}.txt")
    if path.is_file():
        with path.open(encoding="utf-8") as f:
            made_with = f.readline().removeprefix(WHOLE_WORDS_HEADER).strip()
        if made_with == spacy.about.__version__:
            return frozenset(lang.word_list(code, WHOLE_WORDS_FILE))
        log.info("lang/%s/%s.txt is from spaCy %s: recomputing", code, WHOLE_WORDS_FILE, made_with)
    return frozenset(whole_words(code))


def build_tokenizer(vocab: Vocab, language: str) -> WartaTokenizer:
    """The tokenizer for ``language`` (see the module docstring) on ``vocab``."""
    code = tokenizer_language(language)
    defaults = get_lang_class(code).Defaults
    affixes = _affixes(code)
    whole = set(_whole_words(code))
    rules = {k: v for k, v in (defaults.tokenizer_exceptions or {}).items() if k not in whole}
    for abbreviation in lang.word_list(code, "abbreviations"):
        rules[abbreviation] = [{ORTH: abbreviation}]
        whole.discard(abbreviation)
    default_match = defaults.token_match
    url_match = defaults.url_match
    patterns = lang.table(code, "token_patterns").get("keep_whole", [])
    keep_whole = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    kept = frozenset(whole)

    def matched(text: str) -> bool:
        """What spaCy's ``token_match`` keeps whole: the keep-whole patterns."""
        return bool(keep_whole and keep_whole.match(text)) or bool(
            default_match and default_match(text)
        )

    def token_match(text: str) -> bool:
        return text in kept or matched(text)

    tokenizer = Tokenizer(
        vocab,
        rules=rules,
        prefix_search=affixes.prefix_search,
        suffix_search=affixes.suffix_search,
        infix_finditer=affixes.infix_finditer,
        token_match=token_match,
        url_match=url_match,
    )
    # A word a pattern keeps whole is one token alone, so spaCy has no pieces to merge it from.
    merged = {w for w in whole if not matched(w)}
    # The infixes these words split at are among their non-letters ("-", "."): enough to know.
    joiners = {c for c in set("".join(merged)) if not c.isalnum()}
    return WartaTokenizer(tokenizer, frozenset(merged), joiners)


@registry.tokenizers("warta.Tokenizer.v1")  # type: ignore[untyped-decorator]
def create_tokenizer() -> Callable[[Language], WartaTokenizer]:
    """The config entry that gives a spaCy pipeline (the NER model) warta's tokenizer."""

    def make(nlp: Language) -> WartaTokenizer:
        code = tokenizer_language(nlp.lang or "id")
        shared = _BLANKS.get(code)
        if shared is not None and shared.vocab is nlp.vocab:
            tokenizer = shared.tokenizer
            assert isinstance(tokenizer, WartaTokenizer)
            return tokenizer
        return build_tokenizer(nlp.vocab, code)

    return make


#: ``spacy.load(..., config=TOKENIZER_CONFIG)`` gives the pipeline warta's tokenizer: the
#: blank pipeline's own one when loaded with its vocabulary (``vocab=blank(code).vocab``).
TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "warta.Tokenizer.v1"}}}


_BLANKS: dict[str, Language] = {}


def blank(language: str) -> Language:
    """An empty spaCy pipeline with warta's tokenizer for ``language``, built once per process."""
    code = tokenizer_language(language)
    if code not in _BLANKS:

        def make(nlp: Language) -> WartaTokenizer:
            return build_tokenizer(nlp.vocab, code)

        _BLANKS[code] = get_lang_class(code)(create_tokenizer=make)
    return _BLANKS[code]


def load_pipeline(where: Path) -> Language:
    """A trained spaCy pipeline from ``where``, with warta's tokenizer instead of the one it
    saved (rebuilding that costs seconds: spaCy's ~16k special cases). The stages feed it the
    document's own tokens, so its tokenizer is never used on text. A pipeline without static
    vectors shares this process's vocabulary for its language; one with vectors keeps its own,
    so two models never mix theirs. Raises OSError, ValueError or KeyError as spacy.load does.
    """
    language = spacy.util.load_config(where / "config.cfg")["nlp"]["lang"]
    meta = spacy.util.load_meta(where / "meta.json") if (where / "meta.json").is_file() else {}
    vectors = meta.get("vectors", {}).get("width", 0)
    vocab = True if vectors else blank(language).vocab
    return spacy.load(where, vocab=vocab, exclude=["tokenizer"], config=TOKENIZER_CONFIG)
