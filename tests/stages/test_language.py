import pytest

from warta.document import Document
from warta.stages.language import LanguageStage, identify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Presiden Joko Widodo mengatakan pemerintah akan menaikkan anggaran pendidikan.", "id"),
        ("Korea Utara sedang mencari teknologi yang dapat memajukan kemampuan satelit.", "id"),
        ("The national security adviser told reporters the talks were advancing.", "en"),
        ("Die Regierung hat am Montag neue Sanktionen angekündigt.", "de"),
        # short and unsure: a language warta speaks is preferred to a guess
        ("Kiper Marc-Andre ter Stegen tampil baik.", "id"),
        ("Petenis Jo-Wilfried Tsonga kalah.", "id"),
        ("Ja, das ist gut.", "de"),
        ("12345 --- ###", None),
        ("", None),
    ],
)
def test_identify(text: str, expected: str | None) -> None:
    assert identify(text)[0] == expected


def test_stage_keeps_language_given_by_caller() -> None:
    doc = Document(text="The talks went well.", language="id")
    assert LanguageStage()(doc).language == "id"


def test_stage_detects(seed_text: str) -> None:
    assert LanguageStage()(Document(text=seed_text)).language == "id"
