import pytest

from warta.document import Document
from warta.stages.sentences import SentencesStage, split_sentences, tokenize


def sentences_of(text: str, language: str = "id") -> list[str]:
    tokens = tokenize(text, language)
    return [text[s.start : s.end] for s in split_sentences(text, tokens, language)]


def tokens_of(text: str, language: str = "id") -> list[str]:
    return [text[t.start : t.end] for t in tokenize(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles, degrees and addresses do not end sentences
        (
            "Dr. H. Ir. Budi, S.H., tinggal di Jl. Merdeka No. 5 Kec. Tamansari. Ia pergi.",
            ["Dr. H. Ir. Budi, S.H., tinggal di Jl. Merdeka No. 5 Kec. Tamansari.", "Ia pergi."],
        ),
        # decimals and dates
        (
            "Harganya Rp 3,5 juta pada 19/2/2022. Naik 2.5 persen. 3 orang tewas.",
            ["Harganya Rp 3,5 juta pada 19/2/2022.", "Naik 2.5 persen.", "3 orang tewas."],
        ),
        # ellipsis mid-sentence, before a lowercase word
        (
            "Mereka memantau … kemungkinan itu. Lalu pergi.",
            ["Mereka memantau … kemungkinan itu.", "Lalu pergi."],
        ),
        # a quotation over two sentences keeps its closing mark with its sentence
        (
            "“Kami tidak tahu. Mereka pergi,” kata Ahmad. Ia pulang.",
            ["“Kami tidak tahu.", "Mereka pergi,” kata Ahmad.", "Ia pulang."],
        ),
        (
            'Ia berkata: "Kami siap!" Semua bersorak.',
            ['Ia berkata: "Kami siap!"', "Semua bersorak."],
        ),
        # dll. ends a sentence when a capital follows
        ("Ada beras, gula, dll. Semua mahal.", ["Ada beras, gula, dll.", "Semua mahal."]),
        ("Ada beras, gula, dll. yang mahal.", ["Ada beras, gula, dll. yang mahal."]),
        # line breaks end sentences even without punctuation
        ("Judul Tanpa Titik\n\nParagraf pertama.", ["Judul Tanpa Titik", "Paragraf pertama."]),
        ("Presiden Joko Widodo mengatakan itu", ["Presiden Joko Widodo mengatakan itu"]),
        ("", []),
    ],
)
def test_indonesian_sentences(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones in the U.S. on Monday. They talked.", 2),
        ("The talks went well, he said. Officials agreed.", 2),
    ],
)
def test_english_sentence_counts(text: str, expected: int) -> None:
    assert len(sentences_of(text, "en")) == expected


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("pada 19/2/2022 lalu", "19/2/2022"),
        ("Rp 3,5 juta", "3,5"),
        ("pukul 10.30 WIB", "10.30"),
        ("Kombes Pol. Yusri", "Pol."),
        ("lulusan S.H. dan M.Hum.", "S.H."),
    ],
)
def test_tokens_kept_whole(text: str, whole: str) -> None:
    assert whole in tokens_of(text)


def test_offsets_point_into_text_and_skip_whitespace() -> None:
    text = "  Satu dua.\n\n Tiga  empat. "
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == ["Satu", "dua", ".", "Tiga", "empat", "."]


def test_stage_fills_tokens_and_sentences(seed_text: str) -> None:
    doc = SentencesStage()(Document(text=seed_text, language="id"))
    assert all(
        doc.text[s.start : s.end].strip() == doc.text[s.start : s.end] for s in doc.sentences
    )
    first = doc.text[doc.sentences[0].start : doc.sentences[0].end]
    assert first.startswith("Pemimpin Korea Utara") and first.endswith("menurut pemerintah AS.")
    sentence_texts = [doc.text[s.start : s.end] for s in doc.sentences]
    assert "Mengapa tidak?" in sentence_texts
