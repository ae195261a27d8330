from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.sample import corpus
from warta.corpus.timeline import period_of, plot, timeline
from warta.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_documents(corpus())
    return store


def test_mentions_quotes_and_events_per_day(filled: Store) -> None:
    data = timeline(filled, "agus rahardjo")
    assert data["entity"] == {
        "query": "agus rahardjo",
        "documents": 3,
        "name": "Agus Rahardjo",
        "type": "PER",
    }
    assert data["by"] == "day"
    assert data["buckets"] == [
        {"period": "2016-12-30", "mentions": 4, "quotes": 2, "events": 0},
        {"period": "2016-12-31", "mentions": 1, "quotes": 0, "events": 0},
    ]


def test_events_count_for_their_source_and_target(filled: Store) -> None:
    days = {b["period"]: b["events"] for b in timeline(filled, "Sri Hartini")["buckets"]}
    assert days == {"2016-12-30": 1, "2016-12-31": 1}
    weeks = timeline(filled, "KPK", by="week")["buckets"]
    assert [(b["period"], b["events"]) for b in weeks] == [("2016-12-26", 2)]


def test_an_unknown_entity_has_no_buckets(filled: Store) -> None:
    data = timeline(filled, "Nobody")
    assert data["buckets"] == [] and data["entity"]["documents"] == 0


def test_undated_documents_are_counted_apart(store: Store) -> None:
    doc = corpus()[3]
    doc.published = None
    store.save_documents([doc])
    data = timeline(store, "Atep")
    assert data["buckets"] == []
    assert data["undated"] == {"mentions": 1, "quotes": 0, "events": 0}


def test_plot_writes_a_png(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "kpk.png"
    plot(timeline(filled, "KPK"), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


PERIODS = [
    ("2017-03-29T10:00:00+07:00", "day", "2017-03-29"),
    ("2017-03-29", "week", "2017-03-27"),
    ("2017-03-29", "month", "2017-03"),
    (None, "day", None),
    ("29 Maret 2017", "day", None),
]


@pytest.mark.parametrize(("published", "by", "expected"), PERIODS)
def test_period_of(published: str | None, by: str, expected: str | None) -> None:
    assert period_of(published, by) == expected


def test_by_must_be_known(filled: Store) -> None:
    with pytest.raises(ValueError, match="by must be one of"):
        timeline(filled, "KPK", by="year")
