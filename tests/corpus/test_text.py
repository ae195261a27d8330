from __future__ import annotations

import pytest

from warta.corpus.text import normalize, stem, stems, words

STEMS = [
    ("pemberantasan", "berantas"),
    ("memberantas", "berantas"),
    ("diberantas", "berantas"),
    ("menulis", "tulis"),
    ("memukul", "pukul"),
    ("mendatangi", "datang"),
    ("pertanian", "tani"),
    ("makanan", "makan"),
    ("presidennya", "presiden"),
    ("dikatakannya", "kata"),
    # unchanged: no affix, or the stem would be too short
    ("korupsi", "korupsi"),
    ("bupati", "bupati"),
    ("bukan", "bukan"),
    ("jalan", "jalan"),
    ("2017", "2017"),
]


@pytest.mark.parametrize(("word", "expected"), STEMS)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_a_language_without_rules_is_not_stemmed() -> None:
    assert stem("running", "en") == "running"
    assert stems("running quickly", "en") == []


def test_normalize_folds_case_and_diacritics() -> None:
    assert normalize("Përsîden ÉLYSÉE") == "persiden elysee"
    assert words("Jakarta, CNN Indonesia -- KPK's") == ["jakarta", "cnn", "indonesia", "kpk", "s"]


def test_stems_lists_only_changed_words_once() -> None:
    assert stems("Pemberantasan korupsi dan memberantas") == ["berantas"]
