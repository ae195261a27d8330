"""The dateline stage: "JAKARTA, KOMPAS.com —" and its kin are found, parsed, left in text."""

from __future__ import annotations

import pytest

from warta.document import Dateline, Document
from warta.errors import WartaError
from warta.stages.dateline import (
    DatelineStage,
    _expand,
    dateline_patterns,
    find_dateline,
    normalize_place,
)

LEAD = " Presiden Joko Widodo meresmikan jalan tol baru pada Senin (4/9/2023)."


@pytest.mark.parametrize(
    ("dateline", "place", "outlet"),
    [
        ("JAKARTA, KOMPAS.com —", "Jakarta", "KOMPAS.com"),
        ("JAKARTA, KOMPAS —", "Jakarta", "KOMPAS"),
        ("Jakarta, CNN Indonesia --", "Jakarta", "CNN Indonesia"),
        ("Jakarta, CNN Indonesia - -", "Jakarta", "CNN Indonesia"),
        ("BANDUNG (Antara) -", "Bandung", "Antara"),
        ("Jakarta (ANTARA) -", "Jakarta", "ANTARA"),
        ("Jakarta (ANTARA News) -", "Jakarta", "ANTARA News"),
        ("JAKARTA (Pos Kota) –", "Jakarta", "Pos Kota"),
        ("SURABAYA, suaramerdeka.com -", "Surabaya", "suaramerdeka.com"),
        ("WASHINGTON (Reuters) -", "Washington", "Reuters"),
        ("LONDON, Jan 5 (Reuters) -", "London", "Reuters"),
        ("KYIV, Ukraine (AP) —", "Kyiv", "AP"),
        ("NEW YORK (AP) —", "New York", "AP"),
        ("Singkil, Aceh, (ANTARA News) -", "Singkil", "ANTARA News"),
        ("Jeddah, Saudi Arabia, 27 / 11 (Antara) -", "Jeddah", "Antara"),
        ("Liputan6.com, Jakarta -", "Jakarta", "Liputan6.com"),
        ("TEMPO.CO, Jakarta -", "Jakarta", "TEMPO.CO"),
        ("REPUBLIKA.CO.ID, JAKARTA --", "Jakarta", "REPUBLIKA.CO.ID"),
        ("Metrotvnews.com, Jakarta:", "Jakarta", "Metrotvnews.com"),
        ("Jakarta, Beritasatu.com -", "Jakarta", "Beritasatu.com"),
        ("JUARA.NET, MISANO ADRIATICO -", "Misano Adriatico", "JUARA.NET"),
        ("BARCELONA, JUARA.net -", "Barcelona", "JUARA.net"),
        ("TERMAS DE RIO HONDO, JUARA.net -", "Termas De Rio Hondo", "JUARA.net"),
        ("Suara.com -", None, "Suara.com"),
        ("Rimanews -", None, "Rimanews"),
        ("JAKARTA -", "Jakarta", None),
        ("JAKARTA –", "Jakarta", None),
    ],
)
def test_dateline_is_found_and_parsed(dateline: str, place: str | None, outlet: str | None) -> None:
    text = dateline + LEAD
    assert find_dateline(text) == Dateline(0, len(dateline), place, outlet)


@pytest.mark.parametrize(
    "text",
    [
        "Jakarta adalah ibu kota Indonesia sejak 1961.",
        "Pemimpin Korea Utara Kim Jong Un mungkin akan berkunjung ke Rusia.",
        "Presiden Joko Widodo (Jokowi) - yang baru tiba - langsung meninjau lokasi.",
        "PT Garuda Indonesia (Persero) - maskapai pelat merah - mencatat laba.",
        "JAKARTA (27/3) - Polisi menangkap dua tersangka.",
        "AS - China sepakat menurunkan tarif.",
        "KPK - Komisi Pemberantasan Korupsi - memeriksa saksi.",
        "Go - Jek kini tidak bisa dilihat hanya sebagai layanan transportasi.",
        "“Kami sedang mendiskusikannya,” kata Shoigu.",
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.xfail(
    reason="detik's mixed-case 'Jakarta -' needs a list of places to tell it "
    "from 'Jakarta - Bandung ...'",
    strict=True,
)
def test_mixed_case_place_alone() -> None:
    assert find_dateline("Jakarta - Presiden Joko Widodo meresmikan jalan tol.") is not None


def test_dateline_is_looked_for_only_in_the_first_paragraph() -> None:
    assert find_dateline("Judul berita tanpa dateline\n\nJAKARTA, KOMPAS.com - Isi.") is None


def test_stage_keeps_the_dateline_in_the_text() -> None:
    text = "JAKARTA, KOMPAS.com — Presiden hadir.\n\nParagraf kedua."
    doc = DatelineStage()(Document(text=text))
    assert doc.text == text
    assert doc.dateline == Dateline(0, 21, "Jakarta", "KOMPAS.com")
    assert doc.span_text(doc.dateline) == "JAKARTA, KOMPAS.com —"


def test_stage_sets_none_without_a_dateline() -> None:
    doc = DatelineStage()(Document(text="Jakarta adalah ibu kota Indonesia."))
    assert doc.dateline is None


def test_stage_contract() -> None:
    assert DatelineStage.name == "dateline"
    assert DatelineStage.requires == ("text",)
    assert DatelineStage.assigns == ("dateline",)


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("JAKARTA", "Jakarta"),
        ("KUALA LUMPUR", "Kuala Lumpur"),
        ("Jakarta", "Jakarta"),
        ("ST. LOUIS", "St. Louis"),
        ("DKI Jakarta", "DKI Jakarta"),
    ],
)
def test_normalize_place(place: str, expected: str) -> None:
    assert normalize_place(place) == expected


def test_patterns_merge_languages_without_repeats() -> None:
    both = dateline_patterns(("id", "en"))
    assert len({p.regex.pattern for p in both}) == len(both)
    assert len(dateline_patterns(("en",))) < len(both)
    assert find_dateline("WASHINGTON (Reuters) - The", languages=["en"]) is not None


def test_unknown_part_in_a_pattern_is_reported() -> None:
    with pytest.raises(WartaError):
        _expand("^(?P<place>{nowhere})", {"place": "x"}, "lang/id/dateline.toml")
