"""Text normalization shared by search and story matching: one way to fold words.

Indexed text and queries both go through ``normalize`` (casefold, diacritics stripped) and,
for a language with ``lang/<code>/affixes.toml``, a light affix stemmer, so SQLite's FTS5
and PostgreSQL's full-text search see the same words and "pemberantasan" meets "berantas".
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from warta import lang

_WORD = re.compile(r"\w+")
_VOWELS = frozenset("aeiou")


def normalize(text: str) -> str:
    """Casefolded text without combining marks: "Përsîden" -> "persiden"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The normalized words of ``text``."""
    return list(_words(text))


@lru_cache(maxsize=64)
def _words(text: str) -> tuple[str, ...]:
    # Cached: indexing, MinHash and story features all read the same document's words.
    return tuple(_WORD.findall(normalize(text)))


@cache
def _rules(language: str) -> dict[str, Any]:
    return lang.table(language, "affixes")


@lru_cache(maxsize=200_000)
def stem(word: str, language: str = "id") -> str:
    """The word without its affixes, by the rules in ``lang/<language>/affixes.toml``.

    A language without rules, a number, or a word whose stem would be too short comes back
    unchanged.
    """
    rules = _rules(language)
    if not rules or not word.isalpha():
        return word
    min_stem = int(rules.get("min_stem", 4))
    current = word
    for group in ("particles", "possessives"):
        current = _strip_suffix(current, rules.get(group, []), min_stem)
    after_prefix = _strip_prefix(current, rules.get("prefix", []), min_stem)
    if after_prefix is not None:
        body = _strip_suffix(
            after_prefix, [*rules.get("suffixes", []), *rules.get("confix_suffixes", [])], min_stem
        )
        return body
    return _strip_suffix(current, rules.get("suffixes", []), min_stem)


def _strip_suffix(word: str, suffixes: list[str], min_stem: int) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            return word[: -len(suffix)]
    return word


def _strip_prefix(word: str, prefixes: list[dict[str, str]], min_stem: int) -> str | None:
    for prefix in prefixes:
        text = prefix["text"]
        if not word.startswith(text) or len(word) - len(text) < min_stem:
            continue
        rest = word[len(text) :]
        if rest[0] in _VOWELS and "before_vowel" in prefix:
            rest = prefix["before_vowel"] + rest
        return rest
    return None


def stems(text: str, language: str | None = "id") -> list[str]:
    """The stems of the words of ``text`` that differ from the word itself, once each.

    Indexed beside the text, so a query's stem finds "pemberantasan" under "berantas".
    """
    if not language or not _rules(language):
        return []
    found: dict[str, None] = {}
    for word in words(text):
        root = stem(word, language)
        if root != word:
            found[root] = None
    return list(found)
