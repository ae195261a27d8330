"""The publication date: from the input, the page, its printed date lines, the URL or the
dateline, in that order, with the source recorded; odd strings never fail a document."""

from __future__ import annotations

import pytest

from warta.document import Dateline, Document, RemovedLine
from warta.stages.clean import CleanStage
from warta.stages.dates_published import (
    anchor_of,
    from_text,
    from_url,
    parse_published,
    resolve_published,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://poskotanews.com/2016/11/24/judul-berita/", "2016-11-24"),
        ("http://www.suara.com/news/2017/03/12/000100/potensi-longsor", "2017-03-12"),
        ("https://example.id/read/20231009/berita", "2023-10-09"),
        (
            "http://www.cnnindonesia.com/olahraga/20161112230644-142-172253/ronaldo/",
            "2016-11-12T23:06:44",
        ),
        ("http://rimanews.com/ekonomi/read/20170319/320419/KJRI", "2017-03-19"),
        ("https://site.id/2023-09-04-judul", "2023-09-04"),
        ("https://www.antaranews.com/berita/659644/jayawijaya", None),  # an article number
        ("https://kumparan.com/ananda/ketua-mpr", None),
        ("https://site.id/2023/13/45/x", None),  # no such day
        (None, None),
    ],
)
def test_from_url(url: str | None, expected: str | None) -> None:
    assert from_url(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rabu, 18 Jun 2025 14:30 WIB", "2025-06-18T14:30:00+07:00"),
        ("Diperbarui 19 Jun 2025, 10:05 WIB", "2025-06-19T10:05:00+07:00"),
        ("Kompas.com - 18/06/2025, 14:30 WIB", "2025-06-18T14:30:00+07:00"),
        ("Senin (4/9/2023)", "2023-09-04"),
        ("Selasa, 5 September 2023 10:15 WITA", "2023-09-05T10:15:00+08:00"),
        ("Jumat, 1 Desember 2023 | 07:00 WIT", "2023-12-01T07:00:00+09:00"),
        (", Jurnalis", None),
        ("Senin (4/9)", None),  # no year: not enough for a publication date
        ("", None),
    ],
)
def test_from_text(text: str, expected: str | None) -> None:
    assert from_text(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Diperbarui 19 Jun 2025, 10:05 WIB", "2025-06-19T10:05:00+07:00"),
        ("June 18, 2025", "2025-06-18T00:00:00"),  # dateparser, the fallback
        (", Jurnalis", None),
        ("kemarin", None),  # relative: no publication date
        ("   ", None),
        (None, None),
    ],
)
def test_parse_published(value: str | None, expected: str | None) -> None:
    assert parse_published(value) == expected


def doc_with(**kwargs: object) -> Document:
    doc = Document(id="d", text="Jakarta (ANTARA) - Isi berita.", language="id")
    for key, value in kwargs.items():
        setattr(doc, key, value)
    return doc


def test_sources_in_order() -> None:
    given = doc_with(published="2023-09-04", url="https://x.id/2020/01/01/a")
    resolve_published(given)
    assert (given.published, given.published_source) == ("2023-09-04", "input")

    printed = doc_with(
        boilerplate=[RemovedLine("Rabu, 18 Jun 2025 14:30 WIB", "date")],
        url="https://x.id/2020/01/01/a",
    )
    resolve_published(printed)
    assert (printed.published, printed.published_source) == ("2025-06-18T14:30:00+07:00", "text")

    from_address = doc_with(url="https://x.id/2020/01/02/a")
    resolve_published(from_address)
    assert (from_address.published, from_address.published_source) == ("2020-01-02", "url")

    text = "Jeddah, 27 November 2017 (Antara) - Jemaah tiba sehari kemudian, 29/11."
    dated = doc_with(text=text, dateline=Dateline(0, 35, "Jeddah", "Antara"))
    dated.text = text
    resolve_published(dated)
    # The text head holds it too, and the text comes before the dateline.
    assert dated.published == "2017-11-27"

    nothing = doc_with()
    resolve_published(nothing)
    assert (nothing.published, nothing.published_source) == (None, None)


def test_clean_stage_records_source_and_sets_odd_strings_aside() -> None:
    doc = Document.from_input("Isi berita yang cukup panjang.", published="Diperbarui 19 Jun 2025")
    doc = CleanStage()(doc)
    assert (doc.published, doc.published_source) == ("2025-06-19", "input")

    odd = CleanStage()(
        Document.from_input("Isi berita yang cukup panjang.", published=", Jurnalis")
    )
    assert odd.published is None and odd.published_source is None
    assert odd.flags[0]["kind"] == "published_unreadable"


def test_anchor_of() -> None:
    assert str(anchor_of("2023-09-06").day) == "2023-09-06"
    moment = anchor_of("2023-09-06T23:30:00+07:00")
    assert (str(moment.day), moment.moment and moment.moment.hour) == ("2023-09-06", 23)
    assert anchor_of("kemarin").day is None
