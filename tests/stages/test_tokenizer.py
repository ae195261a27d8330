"""warta's tokenizer gives spaCy's tokens (``spacy.blank`` plus warta's lists), built fast."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from warta import lang
from warta.stages.tokenizer import (
    WHOLE_WORDS_FILE,
    WHOLE_WORDS_HEADER,
    blank,
    build_tokenizer,
    whole_words,
)

ROOT = Path(__file__).resolve().parents[2]


def reference(code: str) -> Language:
    """How the sentences stage built its tokenizer before: every exception a special case."""
    nlp = spacy.blank(code)
    tokenizer = nlp.tokenizer
    for abbreviation in lang.word_list(code, "abbreviations"):
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    patterns = lang.table(code, "token_patterns").get("keep_whole", [])
    keep_whole = re.compile("|".join(f"(?:{p})" for p in patterns))
    tokenizer.token_match = lambda text: bool(keep_whole.match(text))
    return nlp


@pytest.fixture(scope="module")
def reference_id() -> Language:
    return reference("id")


def words(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anak-anak", ["anak-anak"]),
        ("(anak-anak),", ["(", "anak-anak", ")", ","]),
        ("Anak-Anak-nya", ["Anak-Anak", "-nya"]),
        ("x/anak-anak", ["x", "/", "anak-anak"]),  # merged after the infix split
        ("anak-anak/remaja", ["anak-anak", "/", "remaja"]),
        ("anak-anak-anak-anak", ["anak-anak", "-", "anak", "-", "anak"]),  # the first wins
        ("Marc-Andre", ["Marc", "-", "Andre"]),  # not a listed word: split
        ("e-KTP", ["e-KTP"]),  # a keep-whole pattern
        ("x/ABA-ABA", ["x", "/", "ABA", "-", "ABA"]),  # kept whole by a pattern, so not merged
        ("Dr. Sutomo", ["Dr.", "Sutomo"]),
        ("19/2/2022", ["19/2/2022"]),
    ],
)
def test_tokens(text: str, expected: list[str], reference_id: Language) -> None:
    assert words(blank("id"), text) == expected
    assert words(reference_id, text) == expected


def _fixture_texts() -> list[str]:
    texts = [(ROOT / "samples" / "seed-article.txt").read_text(encoding="utf-8")]
    for line in (ROOT / "samples" / "indosum-sample.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            texts.append(json.loads(line)["text"])
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if path.suffix in (".txt", ".bio", ".conll", ".jsonl", ".html"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def test_same_tokens_as_spacy_on_fixtures(reference_id: Language) -> None:
    for text in _fixture_texts():
        assert words(blank("id"), text) == words(reference_id, text)


def test_same_tokens_as_spacy_around_listed_words(reference_id: Language) -> None:
    listed = sorted(blank("id").tokenizer.merged_words)[::40]
    contexts = ["({w})", '"{w}."', "x/{w}", "{w}/x", "{w}-nya", "{w}—kata", "ke-{w}", "{w}-{w}"]
    text = " ".join(c.format(w=w) for w in listed for c in contexts)
    assert words(blank("id"), text) == words(reference_id, text)


@pytest.mark.parametrize("code", ["id", "en"])
def test_shipped_word_list_is_current(code: str) -> None:
    path = ROOT / "warta" / "lang" / code / f"{WHOLE_WORDS_FILE}.txt"
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == (
        WHOLE_WORDS_HEADER + spacy.about.__version__
    ), "run scripts/make_whole_words.py"
    assert list(lang.word_list(code, WHOLE_WORDS_FILE)) == whole_words(code)


def test_english_tokens() -> None:
    nlp = blank("en")
    assert words(nlp, "Ph.D. students don't (re-)read U.S. e-mail.") == words(
        reference("en"), "Ph.D. students don't (re-)read U.S. e-mail."
    )


def test_one_tokenizer_per_language_shared_with_the_ner_model() -> None:
    from warta.stages.entities import load_model

    nlp = load_model()
    assert nlp.tokenizer is blank("id").tokenizer
    assert nlp.vocab is blank("id").vocab
    assert blank("id") is blank("ms")  # any other language reads as Indonesian


def test_a_tokenizer_on_another_vocab() -> None:
    other = spacy.blank("id").vocab
    tokenizer = build_tokenizer(other, "id")
    assert tokenizer.vocab is other
    assert [t.text for t in tokenizer("x/anak-anak")] == ["x", "/", "anak-anak"]


def test_a_model_with_vectors_keeps_its_own_vocabulary(tmp_path: Path) -> None:
    import shutil

    from warta.stages.entities import load_model, model_path

    copy = tmp_path / "ner"
    shutil.copytree(model_path(), copy)
    meta = json.loads((copy / "meta.json").read_text(encoding="utf-8"))
    meta["vectors"]["width"] = 300
    (copy / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    nlp = load_model(str(copy))
    assert nlp.vocab is not blank("id").vocab
    assert [t.text for t in nlp.tokenizer("x/anak-anak")] == ["x", "/", "anak-anak"]
