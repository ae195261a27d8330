"""The dates stage: TIMEX3 values for Indonesian (and English) time expressions, as tables of
expression, publication date and expected values; the traps that look like dates and are not;
quotations' ``when``."""

from __future__ import annotations

from datetime import date

import pytest

from warta.document import Document, Quote, Span
from warta.stages.dates import DatesStage
from warta.stages.dates_rules import Anchor, tag

WED = "2023-09-06"  # a Wednesday in ISO week 36


def values(text: str, published: str = WED, language: str = "id") -> list[tuple[str, str, str]]:
    """(text, type, value) of every expression found in ``text``."""
    anchor = Anchor(date.fromisoformat(published))
    return [(t["text"], t["type"], t["value"]) for t in tag(text, anchor, language=language)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # weekdays: the latest one on or before publication, unless the sentence looks forward
        ("Ia datang pada hari Senin.", WED, [("hari Senin", "DATE", "2023-09-04")]),
        ("Ia datang pada Rabu.", WED, [("Rabu", "DATE", "2023-09-06")]),
        ("Ia akan datang pada hari Senin.", WED, [("hari Senin", "DATE", "2023-09-11")]),
        ("Rapat digelar Senin depan.", WED, [("Senin depan", "DATE", "2023-09-11")]),
        ("Rapat digelar Senin mendatang.", WED, [("Senin mendatang", "DATE", "2023-09-11")]),
        ("Ia tiba Kamis lalu.", WED, [("Kamis lalu", "DATE", "2023-08-31")]),
        ("Pertemuan Senin pekan depan.", WED, [("Senin pekan depan", "DATE", "2023-09-11")]),
        ("kata dia, Senin (4/9/2023).", WED, [("Senin (4/9/2023)", "DATE", "2023-09-04")]),
        ("kata dia, Senin (4/9).", WED, [("Senin (4/9)", "DATE", "2023-09-04")]),
        ("pada Jumat silam (1/9), ia", WED, [("Jumat silam (1/9)", "DATE", "2023-09-01")]),
        ("ujarnya, Jumat (29/12).", "2018-01-02", [("Jumat (29/12)", "DATE", "2017-12-29")]),
        ("Pada Minggu (3/9) dia pergi.", WED, [("Minggu (3/9)", "DATE", "2023-09-03")]),
        # days named relative to today
        ("kemarin", WED, [("kemarin", "DATE", "2023-09-05")]),
        ("besok", WED, [("besok", "DATE", "2023-09-07")]),
        ("lusa", WED, [("lusa", "DATE", "2023-09-08")]),
        ("hari ini", WED, [("hari ini", "DATE", "2023-09-06")]),
        ("tadi malam", WED, [("tadi malam", "TIME", "2023-09-05TNI")]),
        ("tiga hari lalu", WED, [("tiga hari lalu", "DATE", "2023-09-03")]),
        # weeks, months, years
        ("pekan lalu", WED, [("pekan lalu", "DATE", "2023-W35")]),
        ("pekan depan", WED, [("pekan depan", "DATE", "2023-W37")]),
        ("minggu ini", WED, [("minggu ini", "DATE", "2023-W36")]),
        ("akhir pekan ini", WED, [("akhir pekan ini", "DATE", "2023-W36-WE")]),
        ("bulan lalu", WED, [("bulan lalu", "DATE", "2023-08")]),
        ("awal bulan ini", WED, [("awal bulan ini", "DATE", "2023-09")]),
        ("akhir tahun lalu", WED, [("akhir tahun lalu", "DATE", "2022")]),
        ("tahun depan", WED, [("tahun depan", "DATE", "2024")]),
        ("dua tahun lalu", WED, [("dua tahun lalu", "DATE", "2021")]),
        ("pada tahun 2023", WED, [("tahun 2023", "DATE", "2023")]),
        ("sejak 2010", WED, [("2010", "DATE", "2010")]),
        ("UMP 2018 naik", WED, [("2018", "DATE", "2018")]),
        ("Maret lalu", WED, [("Maret lalu", "DATE", "2023-03")]),
        # a month alone: the nearest one, the next one when the sentence looks forward
        ("pada bulan Desember", WED, [("bulan Desember", "DATE", "2023-12")]),
        ("pada Desember", "2017-03-28", [("Desember", "DATE", "2016-12")]),
        ("akan digelar pada Februari", "2017-03-28", [("Februari", "DATE", "2018-02")]),
        ("bisa diketahui April.", "2017-03-28", [("April", "DATE", "2017-04")]),
        (
            "selama Januari - Maret",
            WED,
            [("Januari", "DATE", "2023-01"), ("Maret", "DATE", "2023-03")],
        ),
        ("Maret tahun lalu", WED, [("Maret tahun lalu", "DATE", "2022-03")]),
        ("kata Juni, ia datang", WED, []),  # a name
        (
            "pada Maret naik dibanding bulan sebelumnya",
            WED,
            [("Maret", "DATE", "2023-03"), ("bulan sebelumnya", "DATE", "2023-02")],
        ),
        (
            "pekan lalu naik dibanding pekan sebelumnya",
            WED,
            [("pekan lalu", "DATE", "2023-W35"), ("pekan sebelumnya", "DATE", "2023-W34")],
        ),
        (
            "di tengah malam pada 7 November",
            WED,
            [("tengah malam", "TIME", "2023-11-07T24:00"), ("7 November", "DATE", "2023-11-07")],
        ),
        ("akhir Maret 2017", WED, [("akhir Maret 2017", "DATE", "2017-03")]),
        ("kuartal III 2023", WED, [("kuartal III 2023", "DATE", "2023-Q3")]),
        ("semester pertama tahun ini", WED, [("semester pertama tahun ini", "DATE", "2023-H1")]),
        ("era 1990-an", WED, [("1990-an", "DATE", "199")]),
        ("abad ke-21", WED, [("abad ke-21", "DATE", "20")]),
        ("musim panas tahun ini", WED, [("musim panas tahun ini", "DATE", "2023-SU")]),
        # written dates, lists and ranges
        ("17 Agustus 1945", WED, [("17 Agustus 1945", "DATE", "1945-08-17")]),
        ("tanggal 17 Agustus", WED, [("tanggal 17 Agustus", "DATE", "2023-08-17")]),
        ("15 Juli lalu", WED, [("15 Juli lalu", "DATE", "2023-07-15")]),
        ("4 Januari", "2017-12-19", [("4 Januari", "DATE", "2018-01-04")]),
        (
            "pada 10 dan 13 September",
            WED,
            [("10", "DATE", "2023-09-10"), ("13 September", "DATE", "2023-09-13")],
        ),
        (
            "5–7 September 2023",
            WED,
            [("5", "DATE", "2023-09-05"), ("7 September 2023", "DATE", "2023-09-07")],
        ),
        (
            "5 hingga 7 September 2023",
            WED,
            [("5", "DATE", "2023-09-05"), ("7 September 2023", "DATE", "2023-09-07")],
        ),
        ("periode 2014-2019", WED, [("2014", "DATE", "2014"), ("2019", "DATE", "2019")]),
        ("2023-09-04", WED, [("2023-09-04", "DATE", "2023-09-04")]),
        # clock times and parts of the day
        ("pukul 14.30 WIB", WED, [("pukul 14.30 WIB", "TIME", "2023-09-06T14:30")]),
        ("jam 7 malam", WED, [("jam 7 malam", "TIME", "2023-09-06T19:00")]),
        ("pukul 24.00", WED, [("pukul 24.00", "TIME", "2023-09-06T24:00")]),
        (
            "Rabu, 18 Jun 2025 14:30 WIB",
            WED,
            [("Rabu, 18 Jun 2025 14:30 WIB", "TIME", "2025-06-18T14:30")],
        ),
        (
            "Senin (4/9) sekitar pukul 10.00 WIB",
            WED,
            [("Senin (4/9) sekitar pukul 10.00 WIB", "TIME", "2023-09-04T10:00")],
        ),
        (
            "pukul 09.00-12.00 WIB",
            WED,
            [
                ("pukul 09.00", "TIME", "2023-09-06T09:00"),
                ("12.00 WIB", "TIME", "2023-09-06T12:00"),
            ],
        ),
        ("Senin pagi", WED, [("Senin pagi", "TIME", "2023-09-04TMO")]),
        ("Senin siang", WED, [("Senin siang", "TIME", "2023-09-04TAF")]),
        ("Senin sore", WED, [("Senin sore", "TIME", "2023-09-04TAF")]),
        ("Senin petang", WED, [("Senin petang", "TIME", "2023-09-04TEV")]),
        ("Senin (4/9) malam", WED, [("Senin (4/9) malam", "TIME", "2023-09-04TNI")]),
        (
            "Minggu (3/9) dini hari WIB",
            WED,
            [("Minggu (3/9) dini hari WIB", "TIME", "2023-09-03TNI")],
        ),
        ("di pagi hari", WED, [("pagi hari", "TIME", "XXXX-XX-XXTMO")]),
        # durations and sets
        ("selama tiga tahun", WED, [("tiga tahun", "DURATION", "P3Y")]),
        ("selama 24 jam", WED, [("24 jam", "DURATION", "PT24H")]),
        ("setahun", WED, [("setahun", "DURATION", "P1Y")]),
        ("setengah jam", WED, [("setengah jam", "DURATION", "PT30M")]),
        ("beberapa hari terakhir", WED, [("beberapa hari terakhir", "DURATION", "PXD")]),
        ("bertahun-tahun", WED, [("bertahun-tahun", "DURATION", "PXY")]),
        ("berusia 41 tahun ini", WED, [("41 tahun", "DURATION", "P41Y")]),
        ("setiap hari", WED, [("setiap hari", "SET", "P1D")]),
        ("setiap Senin", WED, [("setiap Senin", "SET", "XXXX-WXX-1")]),
        ("dua kali per tahun", WED, [("per tahun", "SET", "P1Y")]),
        ("pertemuan tahunan", WED, [("tahunan", "SET", "P1Y")]),
        # the present, the past and the future in general
        ("saat ini", WED, [("saat ini", "DATE", "PRESENT_REF")]),
        ("kini", WED, [("kini", "DATE", "PRESENT_REF")]),
        ("dulu", WED, [("dulu", "DATE", "PAST_REF")]),
        ("Sebelumnya, ia", WED, [("Sebelumnya", "DATE", "PAST_REF")]),
        ("di masa depan", WED, [("masa depan", "DATE", "FUTURE_REF")]),
        ("beberapa hari lalu", WED, [("beberapa hari lalu", "DATE", "PAST_REF")]),
        # holidays: fixed ones resolved, Islamic and Javanese ones kept as text
        ("saat Natal", WED, [("Natal", "DATE", "2023-12-25")]),
        ("menjelang Idul Fitri", WED, [("Idul Fitri", "DATE", "XXXX")]),
    ],
)
def test_expression_values(text: str, published: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "sebanyak 2019 orang hadir",  # a number, not a year
        "di Stadion 17 Mei Banjarmasin",  # a name
        "dengan harga Rp 2019",
        "Undang-Undang Nomor 12 Tahun 2011 tentang",  # a law's number and year
        "menyita tiga jam tangan",  # watches
        "terlebih dahulu",  # "first", not the past
        "partai Aliansi Masa Depan Kosovo",  # part of a name
        "skor 2/1 di babak pertama",
        "kemudian senin depan",  # no capital: no weekday
        "dengan kecepatan 257 km per jam",  # a speed
        "gelar Aktor Terburuk Abad Ini",  # an award's name
        "ketika paruh pertama usai",  # a football half
        "nomor 102/PUU-XIII/2015",  # a case number
    ],
)
def test_traps_are_no_dates(text: str) -> None:
    assert values(text) == []


def test_tv_schedule_weekday_is_a_set() -> None:
    """A bare "Senin" in a programme schedule is every Monday, not last Monday."""
    assert values("Acara itu tayang setiap Senin pukul 20.00 WIB.")[0] == (
        "setiap Senin",
        "SET",
        "XXXX-WXX-1",
    )


def test_clock_time_leans_on_the_day_of_its_paragraph() -> None:
    text = "Pesta usai sekitar pukul 21.00. Polisi tiba di rumah itu Minggu (8/10/2017)."
    assert values(text, "2017-10-12")[0] == ("pukul 21.00", "TIME", "2017-10-08T21:00")


def test_keesokan_harinya_counts_from_the_last_day_named() -> None:
    found = values("Ia ditangkap Senin (4/9/2023). Keesokan harinya ia dibebaskan.")
    assert found[1] == ("Keesokan harinya", "DATE", "2023-09-05")


def test_zone_and_calendar_attributes() -> None:
    anchor = Anchor(date(2023, 9, 6))
    (clock,) = tag("pukul 14.30 WITA", anchor)
    assert clock["zone"] == "+08:00"
    (day,) = tag("Jumat Kliwon", anchor)
    assert (day["value"], day["calendar"]) == ("2023-09-01", "Kliwon")
    (year,) = tag("akhir tahun lalu", anchor)
    assert year["mod"] == "END"


def test_without_publication_date_values_stay_underspecified() -> None:
    found = tag("kata dia, Senin (4/9). Kemarin dan bulan lalu.", Anchor(None))
    assert [t["value"] for t in found] == ["XXXX-09-04", "XXXX-XX-XX", "XXXX-XX"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said on Monday that talks resume next week.", ["2023-09-04", "2023-W37"]),
        ("The summit on March 27, 2017 ended at 2:30 pm GMT.", ["2017-03-27", "2017-03-27T14:30"]),
        ("Two days ago, last year and every Monday.", ["2023-09-04", "2022", "XXXX-WXX-1"]),
        ("She will travel on Friday.", ["2023-09-08"]),
        ("It rained yesterday morning.", ["2023-09-05TMO"]),
    ],
)
def test_english_from_data(text: str, expected: list[str]) -> None:
    assert [v[2] for v in values(text, language="en")] == expected


def quoted_document() -> Document:
    text = (
        '"Kami siap," kata Budi di Jakarta, Senin (4/9). '
        '"Tahun lalu kami gagal," ujarnya.\n\nIa menilai hasilnya baik.'
    )
    doc = Document(id="q", text=text, language="id", published="2023-09-06T10:00:00+07:00")
    ends = [text.index("(4/9).") + 6, text.index("ujarnya.") + 8, len(text)]
    starts = [0, ends[0] + 1, text.index("Ia menilai")]
    doc.sentences = [Span(s, e) for s, e in zip(starts, ends, strict=True)]
    doc.paragraphs = [Span(0, ends[1]), Span(starts[2], len(text))]
    second = text.index('"Tahun')
    doc.quotes = [
        Quote(text="Kami siap,", start=1, end=11, kind="direct"),
        Quote(text="Tahun lalu kami gagal,", start=second + 1, end=second + 23, kind="direct"),
        Quote(
            text="hasilnya baik", start=text.index("hasilnya"), end=len(text) - 1, kind="indirect"
        ),
    ]
    return doc


def test_quotes_get_when() -> None:
    doc = DatesStage()(quoted_document())
    assert doc.published_source == "input"
    assert [q.when for q in doc.quotes] == [
        {"text": "Senin (4/9)", "value": "2023-09-04"},
        {"text": "Tahun lalu", "value": "2022"},  # the only date of its sentence
        {"text": None, "value": "2023-09-06"},  # none: the publication date
    ]
